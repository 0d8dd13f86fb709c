"""What the built PDF puts where: the page layout LaTeX used (written to its log by
``latex/liangshan.sty``) and, page by page, every text box, picture, rule and figure with its
place, read with pdfminer (shared by the tests of the built PDF)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

#: TeX points (1/72.27 in) to PDF points (1/72 in).
BP_PER_PT = 72 / 72.27
#: How far a thing may stray out of the text block (PDF points), by kind: pictures and text
#: by rounding and side bearings only; text below the block by its descenders (the last line
#: of a page stands on the block's bottom edge) and, at most, by the few points by which a
#: long table's "continues on next page" note overshoots it, still 10 points clear of the
#: running foot's rule; the frames of boxes and code blocks by the padding Sphinx draws them
#: with.
TOLERANCE = {"side": 1.5, "descent": 6.0, "frame": 4.0}
#: Kinds of frames (pdfminer's names): rules, boxes, curves.
FRAMES = ("LTRect", "LTCurve", "LTLine")


@dataclass(frozen=True)
class Layout:
    """The page layout in PDF points, measured from the top left corner of the page."""

    left: float
    right: float
    top: float
    bottom: float
    head: tuple[float, float]     # the zone of the running head and its rule
    foot: tuple[float, float]     # the zone of the running foot, its rule and the page number


def layout(log: Path) -> Layout:
    """The layout that ``latex/liangshan.sty`` wrote into the LaTeX log (lines of the log are
    broken at 79 characters, so the log is read without its line ends)."""
    text = log.read_text(encoding="utf-8", errors="replace").replace("\n", "")
    m = re.search(r"liangshan-layout:(.*?footskip=[\d.]+pt)", text)
    if not m:
        raise AssertionError(f"{log} has no 'liangshan-layout' line: is latex/liangshan.sty "
                             "loaded by the preamble?")
    v = {k: float(x) * BP_PER_PT for k, x in re.findall(r"(\w+)=([\d.]+)pt", m.group(1))}
    bottom = v["top"] + v["textheight"]
    head_base = v["top"] - v["headsep"]
    foot_base = bottom + v["footskip"]
    return Layout(left=v["left"], right=v["left"] + v["textwidth"], top=v["top"],
                  bottom=bottom, head=(head_base - v["headheight"] - 4, head_base + 4),
                  foot=(bottom + 10, foot_base + 4))


@dataclass
class Item:
    """One thing on a page: its kind, its box (top-left origin) and, for text, its text."""

    kind: str
    x0: float
    top: float
    x1: float
    bottom: float
    text: str = ""


@dataclass
class Page:
    number: int                   # 1-based, as a PDF viewer counts
    items: list[Item] = field(default_factory=list)
    figures: list[tuple[Item, list[tuple[str, float, str]]]] = field(default_factory=list)
    images: int = 0

    @property
    def text(self) -> str:
        return " ".join(i.text for i in self.items if i.text)


def _char_size(ch) -> float:
    """A character's type size as printed: the side of its box across the line (pdfminer's
    ``size`` is the box's height, which for text turned by 90° is the glyph's advance)."""
    a, b = ch.matrix[0], ch.matrix[1]
    return ch.width if abs(b) > abs(a) else ch.height


def _chars(obj):
    from pdfminer.layout import LTChar

    for child in obj:
        if isinstance(child, LTChar):
            yield child
        elif hasattr(child, "__iter__"):
            yield from _chars(child)


def pages(pdf: Path) -> list[Page]:
    """Every page of ``pdf``, read once per build: the result is kept beside the PDF (keyed by
    its size and modification time), and two test workers wait for each other, so that the
    slow reading (about half a minute) is done once."""
    import fcntl
    import pickle

    stat = pdf.stat()
    key = (stat.st_size, stat.st_mtime_ns)
    cache = pdf.with_name(".layout-cache.pickle")
    with open(pdf.with_name(".layout-cache.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if cache.is_file():
            stored_key, stored = pickle.loads(cache.read_bytes())
            if stored_key == key:
                return stored
        result = _read(pdf)
        cache.write_bytes(pickle.dumps((key, result)))
        return result


@lru_cache(maxsize=1)
def _read(pdf: Path) -> list[Page]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTFigure, LTImage, LTTextContainer

    out = []
    for number, lt_page in enumerate(extract_pages(str(pdf), laparams=LAParams()), 1):
        page = Page(number)
        height = lt_page.height
        for obj in lt_page:
            item = Item(type(obj).__name__, obj.x0, height - obj.y1, obj.x1, height - obj.y0,
                        obj.get_text().strip() if isinstance(obj, LTTextContainer) else "")
            page.items.append(item)
            if isinstance(obj, LTFigure):
                chars = [(c.get_text(), _char_size(c), c.fontname) for c in _chars(obj)]
                page.figures.append((item, chars))
                page.images += sum(1 for c in obj if isinstance(c, LTImage))
            elif isinstance(obj, LTImage):
                page.images += 1
        out.append(page)
    return out


def strays(page: Page, box: Layout) -> list[Item]:
    """The items of ``page`` that lie neither inside the text block nor in the zone of the
    running head or foot (with the :data:`TOLERANCE` of their kind)."""
    out = []
    for item in page.items:
        side = TOLERANCE["frame"] if item.kind in FRAMES else TOLERANCE["side"]
        below = side + (TOLERANCE["descent"] if item.text else 0.0)
        inside_x = item.x0 >= box.left - side and item.x1 <= box.right + side
        in_body = box.top - side <= item.top and item.bottom <= box.bottom + below
        in_head = box.head[0] <= item.top and item.bottom <= box.head[1]
        in_foot = box.foot[0] <= item.top and item.bottom <= box.foot[1]
        if not (inside_x and (in_body or in_head or in_foot)):
            out.append(item)
    return out
