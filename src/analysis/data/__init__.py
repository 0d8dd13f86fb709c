"""The data layer: the data package (paths, descriptor, resources), its checks, and one loader
per table. Nothing here computes a result of the book; :mod:`analysis.domain` does."""
