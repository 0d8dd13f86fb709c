"""Shared analysis of the Liangshan compendium.

Modules (import what you need; this package imports nothing heavy on its own):

- :mod:`analysis.register` - the register of the article's claims: ``fact(fact_id)``.
- :mod:`analysis.validate` - checks of the whole data package (``python -m analysis validate``).
- :mod:`analysis.context`, :mod:`analysis.boundaries`, :mod:`analysis.maps` - outside context
  data, county boundaries and maps.
- :mod:`analysis.style` - the house style of figures.
"""

__version__ = "0.1.0"
