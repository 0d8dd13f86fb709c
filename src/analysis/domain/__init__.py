"""The domain layer: pure computations on the data (tidy frames and named numbers, never
plots), one module per subject of the article. Reads data only through :mod:`analysis.data`."""
