"""The house style of every figure and map in the book.

One palette (Okabe & Ito's colour-blind-safe set, from Okabe & Ito 2008, "Color Universal
Design"), opaque white figure backgrounds so that figures stay readable in the theme's dark
mode, a sans-serif face with a Chinese fallback (Noto Sans CJK, installed with the system
packages) so that county names in Chinese are drawn, not left as empty boxes, and files without
timestamps or version strings so that two builds give identical bytes.

Each figure reaches the book in two forms (:func:`use` sets this up in a notebook): a PNG, which
the HTML book shows, and a vector PDF, which the PDF book prints (myst-nb ranks
``application/pdf`` first for its LaTeX builder). Call :func:`use` once before drawing; chapters
do this in their first code cell, and each figure function does it again.
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
#: PDF metadata likewise, without a creation date or the producer's and creator's versions.
PDF_METADATA = {"Creator": None, "Producer": None, "CreationDate": None}
#: The fonts of every text in a figure, in order of preference (a Latin face, then a Chinese
#: one for the characters the first lacks; matplotlib falls back along ``font.family``).
FONTS = ["DejaVu Sans", "Noto Sans CJK SC", "Noto Sans CJK JP"]
#: The width in inches of the PDF book's text block (A4 with margins of one inch). A wider
#: figure is printed scaled down to it, and its type with it (a figure's smallest type, times
#: ``min(1, TEXT_WIDTH_IN / width)``, must stay at 6 pt or more; the PDF's tests check it).
TEXT_WIDTH_IN = 6.27

#: The height in inches of the PDF book's text block (a taller figure is scaled down to it).
TEXT_HEIGHT_IN = 9.69
#: The smallest type a figure may carry once printed (points).
PRINT_MIN_PT = 6.0

RC = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.transparent": False,
    "savefig.dpi": 110,
    "figure.dpi": 110,
    "figure.figsize": (7.0, 4.2),
    "font.family": FONTS,
    "pdf.fonttype": 3,              # any outline (Noto CJK is CFF) embedded as a subset
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

    In a notebook it also switches on the inline backend *before* applying the style (the
    backend brings rc settings of its own) and has every Figure shown in two forms,
    ``image/png`` and ``application/pdf`` (:func:`render`), from which myst-nb picks one per
    builder: PNG for HTML, the vector PDF for LaTeX.
    """
    try:
        from IPython import get_ipython

        ip = get_ipython()
    except ImportError:  # pragma: no cover - IPython is always installed with the book
        ip = None
    if ip is not None:
        ip.run_line_magic("matplotlib", "inline")
        _show_as_png_and_pdf(ip)
    mpl.rcParams.update(RC)


def render(fig, fmt: str) -> bytes:
    """``fig`` as deterministic ``png`` or ``pdf`` bytes (no timestamp, no version string),
    cropped to what is drawn, as the book shows it."""
    import io

    buffer = io.BytesIO()
    metadata = {"png": PNG_METADATA, "pdf": PDF_METADATA}[fmt]
    fig.savefig(buffer, format=fmt, metadata=metadata, bbox_inches="tight")
    return buffer.getvalue()


def print_scale(fig) -> float:
    """The factor by which the PDF book scales ``fig`` (as :func:`render` crops it) to fit
    its text block: 1 for a figure that fits, less for a wider or taller one."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig) if fig.canvas is None or not hasattr(
        fig.canvas, "get_renderer") else fig.canvas
    box = fig.get_tightbbox(canvas.get_renderer()).padded(0.1)  # savefig's pad_inches
    return min(1.0, TEXT_WIDTH_IN / box.width, TEXT_HEIGHT_IN / box.height)


def smallest_printed_text(fig) -> tuple[float, str]:
    """The smallest type of ``fig`` as printed in the PDF book (points, at
    :func:`print_scale`), and the text set in it."""
    texts = [t for t in fig.findobj(lambda a: hasattr(a, "get_fontsize")
                                    and hasattr(a, "get_text"))
             if t.get_visible() and t.get_text().strip()]
    smallest = min(texts, key=lambda t: t.get_fontsize())
    return smallest.get_fontsize() * print_scale(fig), smallest.get_text()


def _show_as_png_and_pdf(ip) -> None:
    """Register IPython display formatters for matplotlib Figures: PNG and PDF, base64."""
    import base64

    from matplotlib.figure import Figure

    formatters = ip.display_formatter.formatters
    for mime, fmt in (("image/png", "png"), ("application/pdf", "pdf")):
        formatters[mime].for_type(
            Figure, lambda fig, fmt=fmt: base64.b64encode(render(fig, fmt)).decode("ascii"))


def source_line(fig, text: str) -> None:
    """Write the source line (data sources, attribution) at the bottom left of ``fig``."""
    fig.text(0.01, 0.005, text, ha="left", va="bottom", fontsize=7.5, color="#444444",
             wrap=True)


def save(fig, target, fmt: str | None = None) -> None:
    """Save ``fig`` as deterministic PNG or PDF bytes (no timestamp, no version string).

    Args:
        fig: the figure.
        target: a path, or a binary file object.
        fmt: ``png`` or ``pdf``; by default the path's suffix, or ``png`` for a file object.
    """
    from pathlib import Path

    if isinstance(target, (str, Path)):
        fmt = fmt or Path(target).suffix.lstrip(".").lower() or "png"
        Path(target).write_bytes(render(fig, fmt))
    else:
        target.write(render(fig, fmt or "png"))
