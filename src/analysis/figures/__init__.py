"""The figure layer: the house style, maps, and one module of figures per chapter. Draws what
:mod:`analysis.domain` computes; computes nothing of its own."""
