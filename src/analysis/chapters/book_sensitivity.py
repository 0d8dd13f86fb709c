"""The book's assumptions and the sensitivity of its conclusions, in one place: the last
section of Appendix B before its full audit tables.

Every assumption comes from :data:`analysis.domain.assumptions.REGISTRY`; every conclusion from
the ``CONCLUSIONS`` list (or tuple) of a module of ``analysis.chapters`` (:func:`collect`), so
that a chapter added later appears there without a change here. That module-level name is the
one way a chapter exposes its conclusions: a module that defines a ``conclusions`` function
but no ``CONCLUSIONS`` is refused, so that none is silently left out. A chapter's assumption
that no conclusion rests on is listed, with the reason, in that module's ``NOT_SWEPT`` dict
(:func:`not_swept`). Each conclusion is swept over the range of each assumption it uses
(:mod:`analysis.domain.sensitivity`).
"""
from __future__ import annotations

import importlib
import pkgutil
import re
import textwrap
from dataclasses import dataclass

import pandas as pd

from analysis.chapters.values import Values
from analysis.domain import assumptions, sensitivity
from analysis.domain.assumptions import Assumptions
from analysis.domain.sensitivity import Conclusion
from analysis.formatting import escape_markdown, number

#: The packages whose every module this one imports while it runs; the book's dependency
#: digests read this (as they read ``DATA_FILES``), so that Appendix B runs again when a
#: chapter's conclusions change.
IMPORTS_ALL_OF = ("analysis.chapters",)

_CHAPTER = re.compile(r"^ch(\d+)")
_APPENDIX = re.compile(r"^appendix_([a-z])")


def book_order(module: str) -> tuple:
    """Sort key of a module of ``analysis.chapters`` in the book's order: the chapters by
    number, then the appendices by letter, then anything else by name."""
    name = module.rsplit(".", 1)[-1]
    if m := _CHAPTER.match(name):
        return (0, int(m.group(1)), name)
    if m := _APPENDIX.match(name):
        return (1, ord(m.group(1)), name)
    return (2, 0, name)


def chapter_label(module: str) -> str:
    """The chapter a module of ``analysis.chapters`` serves, as the book names it:
    ``ch2`` -> ``Chapter 2``, ``appendix_b`` -> ``Appendix B``; other modules by name."""
    name = module.rsplit(".", 1)[-1]
    if m := _CHAPTER.match(name):
        return f"Chapter {int(m.group(1))}"
    if m := _APPENDIX.match(name):
        return f"Appendix {m.group(1).upper()}"
    return name


@dataclass(frozen=True)
class Found:
    """A conclusion and the module that defines it.

    Attributes:
        module: dotted name of the module.
        conclusion: the conclusion.
    """

    module: str
    conclusion: Conclusion


def collect(packages: tuple[str, ...] = IMPORTS_ALL_OF) -> list[Found]:
    """Every conclusion defined in a ``CONCLUSIONS`` list of a module of ``packages``, in the
    book's order.

    Raises:
        TypeError: a ``CONCLUSIONS`` that is not a list or tuple of
            :class:`~analysis.domain.sensitivity.Conclusion` (the message names the module
            and the item), or a module with a ``conclusions`` function and no
            ``CONCLUSIONS``.
        ValueError: two conclusions share a key (the message names both modules).
    """
    found: list[Found] = []
    for package in packages:
        pkg = importlib.import_module(package)
        names = sorted((f"{package}.{m.name}" for m in pkgutil.iter_modules(pkg.__path__)),
                       key=book_order)
        for name in names:
            module = importlib.import_module(name)
            listed = getattr(module, "CONCLUSIONS", None)
            if listed is None:
                if callable(getattr(module, "conclusions", None)):
                    raise TypeError(f"{name} defines a function conclusions() but no "
                                    "CONCLUSIONS; expose the list as CONCLUSIONS")
                continue
            if not isinstance(listed, (list, tuple)):
                raise TypeError(f"{name}.CONCLUSIONS: expected a list of Conclusion, got "
                                f"{type(listed).__name__}")
            for i, c in enumerate(listed):
                if not isinstance(c, Conclusion):
                    raise TypeError(f"{name}.CONCLUSIONS[{i}]: expected a Conclusion, got "
                                    f"{type(c).__name__}")
                found.append(Found(name, c))
    seen: dict[str, str] = {}
    for f in found:
        if f.conclusion.key in seen:
            raise ValueError(f"conclusion {f.conclusion.key!r} is defined in "
                             f"{seen[f.conclusion.key]} and in {f.module}")
        seen[f.conclusion.key] = f.module
    return found


def not_swept(packages: tuple[str, ...] = IMPORTS_ALL_OF) -> dict[str, str]:
    """The assumptions that no conclusion rests on, by name, each with the reason its chapter
    gives (the ``NOT_SWEPT`` dicts of the modules of ``packages``).

    Raises:
        KeyError: a name that is not an assumption of the registry (the message names the
            module).
    """
    reasons: dict[str, str] = {}
    for package in packages:
        pkg = importlib.import_module(package)
        for m in pkgutil.iter_modules(pkg.__path__):
            name = f"{package}.{m.name}"
            for key, why in getattr(importlib.import_module(name), "NOT_SWEPT", {}).items():
                if key not in assumptions.REGISTRY:
                    raise KeyError(f"{name}.NOT_SWEPT: {key!r} is not an assumption of the "
                                   "registry")
                reasons[key] = why
    return reasons


def _users(found: list[Found]) -> dict[str, list[str]]:
    users: dict[str, list[str]] = {}
    for f in found:
        for name in f.conclusion.uses:
            users.setdefault(name, []).append(f.conclusion.key)
    return users


def _shown(x: float) -> str:
    """A number of the sensitivity tables: whole thousands with separators, else three
    significant digits."""
    return number(round(x)) if abs(x) >= 1000 else number(float(f"{x:.3g}"))


def assumptions_table(found: list[Found]) -> pd.DataFrame:
    """Every assumption of the book: its name in the code, what it is, its default and range,
    the chapter that first uses it and the conclusions swept over it (the basis of each is
    in :func:`bases_markdown`)."""
    users, reasons = _users(found), not_swept()
    rows = []
    for a in assumptions.REGISTRY.values():
        none = f"none: {reasons[a.name]}" if a.name in reasons else "none"
        rows.append({"Name in the code": a.name, "What it is": a.what,
                     "Default": f"{_shown(a.default)} {a.unit}",
                     "Range": f"{_shown(a.low)} to {_shown(a.high)}",
                     "First used in": chapter_label(a.chapter),
                     "Conclusions swept over it": ", ".join(users.get(a.name, [])) or none})
    return pd.DataFrame(rows)


def bases_markdown() -> str:
    """A Markdown list of the reasons for each assumption's default and range, in the order
    of :func:`assumptions_table`: what it is, its name in the code, its basis."""
    return "\n".join(f"- **{escape_markdown(a.what[:1].upper() + a.what[1:])}** "
                     f"({escape_markdown(a.name)}, {chapter_label(a.chapter)}). "
                     + escape_markdown(a.basis) for a in assumptions.REGISTRY.values())


def _ends(row) -> list[str]:
    return [f"{_shown(row[f'at_{end}'])} ({'holds' if row[f'holds_at_{end}'] else 'fails'})"
            for end in ("low", "default", "high")]


def sweep_table(found: list[Found]) -> pd.DataFrame:
    """Each conclusion at the low end, the default and the high end of each assumption it uses,
    whether it holds there, and whether it flips."""
    module = {f.conclusion.key: f.module for f in found}
    frame = sensitivity.table([f.conclusion for f in found])
    rows = []
    for _, r in frame.iterrows():
        low, default, high = _ends(r)
        rows.append({"Conclusion": r["conclusion"],
                     "Statement (chapter; unit of its number)":
                         f"{r['statement']} ({chapter_label(module[r['conclusion']])}; "
                         f"{r['unit']})",
                     "Assumption": r["assumption"], "At the low end": low,
                     "At the default": default, "At the high end": high,
                     "Flips": "yes" if r["flips"] else "no"})
    return pd.DataFrame(rows)


def chapter_sweep(module: str) -> pd.DataFrame:
    """:func:`sweep_table` of one chapter's conclusions (the ``CONCLUSIONS`` of ``module``,
    e.g. ``analysis.chapters.appendix_b``), for the sensitivity table of that chapter."""
    return sweep_table([f for f in collect((module.rsplit(".", 1)[0],)) if f.module == module])


def at_default(found: list[Found]) -> dict[str, float]:
    """Each conclusion's number at the defaults, by key."""
    return {f.conclusion.key: float(f.conclusion.compute(Assumptions())) for f in found}


def tornado_rows(found: list[Found], width: int = 44) -> pd.DataFrame:
    """The rows of the tornado chart (:func:`analysis.domain.sensitivity.tornado_rows`) with
    a label for each: the conclusion's statement and the assumption moved, wrapped to
    ``width`` characters. Conclusions whose number is zero at the defaults have no percent
    change and are left to the sweep table (:func:`not_in_tornado` lists them)."""
    zero = set(not_in_tornado(found))
    rows = sensitivity.tornado_rows([f.conclusion for f in found
                                     if f.conclusion.key not in zero])
    what = {n: a.what for n, a in assumptions.REGISTRY.items()}
    rows["label"] = [textwrap.fill(f"{s} — moving {what[a]}", width)
                     for s, a in zip(rows["statement"], rows["assumption"])]
    return rows


def not_in_tornado(found: list[Found]) -> list[str]:
    """Keys of the conclusions whose number is zero at the defaults."""
    return [k for k, v in at_default(found).items() if v == 0]


def overview(found: list[Found]) -> Values:
    """The counts the section's prose gives."""
    frame = sensitivity.table([f.conclusion for f in found])
    flipping = frame.loc[frame["flips"], "conclusion"].unique()
    v = Values()
    where = "analysis.chapters.book_sensitivity.collect"
    v.add("sens_n_assumptions", len(assumptions.REGISTRY), "assumptions in the book's registry",
          "analysis.domain.assumptions.REGISTRY")
    v.add("sens_n_conclusions", len(found), "conclusions collected from the chapters", where)
    v.add("sens_n_chapters", len({f.module for f in found}),
          "chapters that define conclusions", where)
    v.add("sens_n_pairs", len(frame), "pairs of a conclusion and an assumption it uses",
          sensitivity.table)
    v.add("sens_n_flip", len(flipping), "conclusions that flip somewhere in the ranges",
          sensitivity.table)
    v.add("sens_n_unused", sum(1 for n in assumptions.REGISTRY if n not in _users(found)),
          "assumptions no conclusion is swept over", where)
    return v


def flips_markdown(found: list[Found]) -> str:
    """A Markdown list of what flips: for each conclusion and assumption where it does, the
    chapter, the statement, and at which end of the range it fails (or holds); or one line
    saying that nothing flips."""
    module = {f.conclusion.key: f.module for f in found}
    what = {n: a.what for n, a in assumptions.REGISTRY.items()}
    frame = sensitivity.table([f.conclusion for f in found])
    lines = []
    for _, r in frame[frame["flips"]].iterrows():
        turned = [f"{end} end ({_shown(r[end])} {assumptions.get(r['assumption']).unit})"
                  for end in ("low", "high") if r[f"holds_at_{end}"] != r["holds_at_default"]]
        verb = "fails" if r["holds_at_default"] else "holds"
        lines.append(f"- {chapter_label(module[r['conclusion']])}: "
                     + escape_markdown(r["statement"]) + f" (`{r['conclusion']}`) "
                     + escape_markdown(f"{verb} at the {' and the '.join(turned)} of "
                                       f"{what[r['assumption']]}."))
    return "\n".join(lines) if lines else "No conclusion flips within the ranges."
