"""How numbers are written in the book's prose and tables (one place, so all agree)."""
from __future__ import annotations

import math
import re

#: Units written with a symbol right after the number; others are left to the prose.
_SUFFIX = {"percent": "%", "percentage_points": " pp"}
#: Units shown with a fixed number of decimals.
_DECIMALS = {"yuan_per_brick": 2, "hectares": 2, "share": 2}


def number(x: float, decimals: int | None = None) -> str:
    """``x`` with thousands separators; integers without decimals, others as stored.

    >>> number(881000.0), number(12.4), number(0.3, 2)
    ('881,000', '12.4', '0.30')
    """
    if decimals is not None:
        return f"{x:,.{decimals}f}"
    if math.isclose(x, round(x), abs_tol=1e-9):
        return f"{int(round(x)):,}"
    return f"{x:,.6f}".rstrip("0").rstrip(".")


def p_value(p: float) -> str:
    """A p-value as the book prints it: three decimals, and ``< 0.001`` below that (never
    ``0``, which a p-value cannot be).

    >>> p_value(0.0), p_value(0.0004), p_value(0.0123), p_value(0.5)
    ('< 0.001', '< 0.001', '0.012', '0.500')

    Raises:
        ValueError: ``p`` is not between 0 and 1.
    """
    if not 0 <= p <= 1:
        raise ValueError(f"a p-value lies between 0 and 1, got {p!r}")
    return "< 0.001" if p < 0.001 else f"{p:.3f}"


def value(x: float, unit: str, x_max: float | None = None) -> str:
    """A register value as the book prints it: ``19.8%``, ``881,000``, ``100–117``, ``0.30``."""
    dec = _DECIMALS.get(unit)
    text = number(x, dec)
    if x_max is not None:
        text += "–" + number(x_max, dec)
    return text + _SUFFIX.get(unit, "")


def fact_anchor(fact_id: str) -> str:
    """The HTML/LaTeX anchor of a register row: ``fact-liangshan-poor-population-2013``."""
    return "fact-" + fact_id.replace(".", "-").replace("_", "-")


#: Characters that MyST Markdown could read as markup inside a table cell; escaped with "\\".
_MARKUP = set("\\`*_[]<>|$#~{}!")


def escape_markdown(text) -> str:
    """``text`` on one line, with every character MyST could read as markup escaped."""
    return "".join("\\" + c if c in _MARKUP else c for c in " ".join(str(text).split()))


#: Where an identifier or a long token may break in a table cell, and from what length on any
#: token may (an identifier, with "_" or a "." between letters, always may: ``bricks_per_home``
#: in a narrow column ran into the next).
_BREAK_AFTER = re.compile(r"([._/])(?=.)")
_LONG_TOKEN = 16
_IDENTIFIER = re.compile(r"[A-Za-z0-9]_[A-Za-z0-9]|[A-Za-z]\.[A-Za-z]")


def breakable(text: str) -> str:
    """``text`` with a zero-width space after each ".", "_" or "/" inside identifiers and long
    tokens (an address, a register id), so that a narrow table cell can wrap it."""
    return " ".join(_BREAK_AFTER.sub("\\1\u200b", w)
                    if len(w) > _LONG_TOKEN or _IDENTIFIER.search(w) else w
                    for w in text.split(" "))
