"""The article's text, read from outside the project, and the numbers as it writes them.

The text is never copied into the project. When it is on the machine (see
:func:`analysis.data.paths.source_text_path`) the register can be checked against it: each row's
``as_written`` phrase must stand in the row's paragraph, and must read as the row's value.

Locator convention (from the source's README): *paragraph N* is the N-th non-blank line of the
text file, counted from 1.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from analysis.data import paths
from analysis.data.package import DataPackage, current
from analysis.data.problems import DataError, Problem, SourceTextMismatch, SourceTextMissing

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("datapackage.json",)

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}
_FRACTIONS = {"a third": 1 / 3, "two-thirds": 2 / 3, "a half": 0.5, "half": 0.5,
              "a quarter": 0.25}
#: Phrases of magnitude, read as their lower bound. The plural means at least two of the unit —
#: "tens of thousands" -> 20,000 (one ten thousand would be "ten thousand").
_MAGNITUDES = {"tens of thousands": 20_000, "hundreds of thousands": 200_000}
_SCALES = {"million": 1_000_000, "cents": 0.01, "cent": 0.01}
_TOKEN = re.compile(
    r"(?P<mag>tens of thousands|hundreds of thousands)"
    r"|(?P<frac>a third|two-thirds|a half|half|a quarter)"
    r"|(?P<num>\d[\d,]*(?:\.\d+)?)"
    r"|(?P<word>\b(?:" + "|".join(_WORDS) + r")\b)"
    r"|(?P<scale>\b(?:million|cents?)\b)",
    re.IGNORECASE,
)


def parse_written(phrase: str) -> tuple[float, float | None]:
    """Read a number phrase as the article prints it and return ``(value, value_max)``.

    Understands digits with thousands separators and decimals (``1,295,600``, ``12.4``), a
    trailing ``%`` (kept as the number: ``19.8%`` -> 19.8), number words (``six``), fractions
    (``a third`` -> 0.3333, rounded to 4 decimals), and the scale words ``million`` (x 1e6) and
    ``cents`` (/ 100, giving yuan), and phrases of magnitude read as their lower bound
    (``tens of thousands`` -> 20,000). Two numbers in one phrase (``100 to 117``,
    ``between a third and a half``) give a range; a scale word applies to every number before it.

    Raises:
        ValueError: the phrase holds no number, or more than two.
    """
    numbers: list[float] = []
    scaled_upto = 0
    for m in _TOKEN.finditer(phrase):
        if m.group("mag"):
            numbers.append(float(_MAGNITUDES[m.group("mag").lower()]))
        elif m.group("frac"):
            numbers.append(round(_FRACTIONS[m.group("frac").lower()], 4))
        elif m.group("num"):
            numbers.append(float(m.group("num").replace(",", "")))
        elif m.group("word"):
            numbers.append(float(_WORDS[m.group("word").lower()]))
        else:
            factor = _SCALES[m.group("scale").lower()]
            for i in range(scaled_upto, len(numbers)):
                numbers[i] = round(numbers[i] * factor, 6)
            scaled_upto = len(numbers)
    if not numbers or len(numbers) > 2:
        raise ValueError(f"expected one number or a range of two in {phrase!r}, "
                         f"read {len(numbers)}")
    return numbers[0], (numbers[1] if len(numbers) == 2 else None)


def identity(pkg: DataPackage | None = None) -> tuple[str, int]:
    """The sha256 (hex) and the paragraph count of the text the register was made against, as
    the data package records them (its first source: ``x-sha256``, ``x-paragraphs``).

    Raises:
        DataError: the descriptor does not record them.
    """
    pkg = pkg or current()
    sources = pkg.descriptor().get("sources") or [{}]
    first = sources[0] if isinstance(sources[0], dict) else {}
    digest, count = first.get("x-sha256"), first.get("x-paragraphs")
    if not (isinstance(digest, str) and isinstance(count, int)):
        raise DataError(Problem(paths.DESCRIPTOR, "sources[0]", "x-sha256, x-paragraphs",
                                f"{digest!r}, {count!r}",
                                "the article's sha256 (hex) and its number of paragraphs"))
    return digest, count


def paragraph_count(pkg: DataPackage | None = None) -> int:
    """Number of paragraphs (non-blank lines) of the article, as recorded in the package."""
    return identity(pkg)[1]


def source_available() -> bool:
    """Whether the article's text is on this machine."""
    return paths.source_text_path().is_file()


def source_sha256() -> str:
    """SHA-256 (hex) of the article's text file as found on this machine."""
    return hashlib.sha256(paths.source_text_path().read_bytes()).hexdigest()


def check_identity(pkg: DataPackage | None = None) -> list[Problem]:
    """The text on this machine against the one the register was made against.

    Returns one problem naming both digests when they differ (paragraph locators count lines
    of that exact text), none when they agree or when the text is absent.
    """
    if not source_available():
        return []
    recorded, _ = identity(pkg)
    found = source_sha256()
    if found == recorded:
        return []
    return [Problem(str(paths.source_text_path()), None, None,
                    f"a text whose sha256 is {found}",
                    f"the text the register was made against, sha256 {recorded} (recorded in "
                    f"datapackage.json); paragraph locators count its lines, so point "
                    f"{paths.SOURCE_TEXT_ENV} at that text, or remove the variable to use "
                    "../shared/sources/")]


@lru_cache(maxsize=4)
def _read(path: Path) -> tuple[str, ...]:
    text = path.read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line.strip())


def paragraphs() -> tuple[str, ...]:
    """The article's paragraphs (non-blank lines); ``paragraphs()[N - 1]`` is paragraph N.

    Raises:
        SourceTextMissing: the text is not on this machine; the message gives the public URL.
        SourceTextMismatch: the text differs from the one the register was made against.
    """
    path = paths.source_text_path()
    if not path.is_file():
        raise SourceTextMissing(
            f"the article's text is not at {path} (set {paths.SOURCE_TEXT_ENV} to its path); "
            f"it is public at {paths.SOURCE_TEXT_URL}")
    mismatch = check_identity()
    if mismatch:
        raise SourceTextMismatch(mismatch)
    return _read(path)
