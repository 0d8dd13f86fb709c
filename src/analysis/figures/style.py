"""The house style of every figure and map in the book.

One palette (Okabe & Ito's colour-blind-safe set, from Okabe & Ito 2008, "Color Universal
Design"), opaque white figure backgrounds so that figures stay readable in the theme's dark
mode, and PNG files without timestamps or version strings so that two builds give identical
bytes. Call :func:`use` once before drawing; chapters do this in their first code cell.
"""
from __future__ import annotations

import matplotlib as mpl

#: Okabe-Ito colours, in their published order (black first).
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
#: The default cycle — the Okabe-Ito colours without black and yellow (too light on white).
CYCLE = [OKABE_ITO[k] for k in ("blue", "vermillion", "bluish_green", "orange", "reddish_purple",
                                "sky_blue")]
#: Sequential map colours (light to dark), colour-blind safe.
SEQUENTIAL = "cividis"
#: Line styles and markers paired with the cycle, so that colour never carries meaning alone.
MARKERS = ["o", "s", "^", "D", "v", "P"]
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1))]

#: PNG metadata that keeps files byte-identical across builds and machines.
PNG_METADATA = {"Software": None}

RC = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.transparent": False,
    "savefig.dpi": 110,
    "figure.dpi": 110,
    "figure.figsize": (7.0, 4.2),
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Noto Sans CJK SC", "Noto Sans CJK JP"],
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#d9d9d9",
    "grid.linewidth": 0.6,
    "axes.prop_cycle": mpl.cycler(color=CYCLE),
    "legend.frameon": False,
    "svg.hashsalt": "liangshan",
    "path.simplify": True,
}


def use() -> None:
    """Apply the house style to matplotlib.

    In a notebook it also switches on the inline backend (so that a returned Figure shows as
    a PNG) *before* applying the style, since the backend brings rc settings of its own, and
    makes the inline PNGs deterministic (no software version in their metadata).
    """
    try:
        from IPython import get_ipython

        ip = get_ipython()
    except ImportError:  # pragma: no cover - IPython is always installed with the book
        ip = None
    if ip is not None:
        ip.run_line_magic("matplotlib", "inline")
        ip.run_line_magic("config", f"InlineBackend.print_figure_kwargs = "
                                    f"{{'bbox_inches': 'tight', 'metadata': {PNG_METADATA!r}}}")
    mpl.rcParams.update(RC)


def source_line(fig, text: str) -> None:
    """Write the source line (data sources, attribution) at the bottom left of ``fig``."""
    fig.text(0.01, 0.005, text, ha="left", va="bottom", fontsize=7.5, color="#444444",
             wrap=True)


def save(fig, path) -> None:
    """Save ``fig`` as a deterministic PNG (no timestamp, no version string)."""
    fig.savefig(path, format="png", metadata=PNG_METADATA, bbox_inches="tight")
