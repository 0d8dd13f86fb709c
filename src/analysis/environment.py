"""The software environment the book was built with, for the reproducibility appendix."""
from __future__ import annotations

import platform
import sys
from importlib import metadata

#: The packages whose versions the book reports (the ones its results depend on).
KEY_PACKAGES = ("jupyter-book", "sphinx", "myst-nb", "pandas", "numpy", "matplotlib", "seaborn",
                "statsmodels", "geopandas", "shapely", "pyproj", "pyogrio", "frictionless",
                "jupytext")


def versions():
    """Python, the platform and the installed version of each of :data:`KEY_PACKAGES`.

    Returns:
        pandas.DataFrame with columns Component and Version.
    """
    import pandas as pd

    rows = [("Python", platform.python_version()), ("Platform", platform.platform(terse=True))]
    for name in KEY_PACKAGES:
        try:
            rows.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            rows.append((name, "not installed"))
    return pd.DataFrame(rows, columns=["Component", "Version"])


if __name__ == "__main__":  # pragma: no cover
    print(versions().to_string(index=False), file=sys.stdout)
