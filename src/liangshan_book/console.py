"""What a build prints: one line per stage and per chapter with its time; the rest goes to logs.

:class:`Console` writes those lines. On a terminal it also keeps a live line for the stage that is
running (what Sphinx is reading or writing, which chapters are executing, the seconds so far),
which the stage's final line replaces; elsewhere (CI logs, pipes) only the final lines appear.
:func:`run_logged` runs a command with its whole output in a log file, and :func:`failure_report`
picks from that output what a reader needs when it fails: the failing cell and its traceback,
the Sphinx warnings and errors (they fail the build, which runs with ``-W``), the first LaTeX
error, or else the last lines.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
#: Width of the name column of a stage line, and of its description.
NAME_WIDTH, DETAIL_WIDTH = 10, 44
#: Most lines a failure report prints (the log has the rest).
REPORT_LINES = 60
#: Where nbclient's report of a failing cell starts.
CELL_ERROR = "An error occurred while executing the following cell:"


def plain(text: str) -> str:
    """``text`` without terminal colour codes."""
    return ANSI.sub("", text)


def shown_path(path: Path) -> str:
    """``path`` relative to the working directory when it lies below it, else absolute."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class Stage:
    """A running stage: :meth:`progress` updates its live line (terminals only)."""

    def __init__(self, console: Console, name: str, detail: str):
        self.console, self.name, self.detail = console, name, detail
        self.start = time.perf_counter()
        self.now = ""

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.start

    def progress(self, text: str) -> None:
        self.now = text


class Console:
    """Prints stage lines to ``stream`` (default: standard output); a live line on a terminal."""

    def __init__(self, stream=None, live: bool | None = None):
        self.stream = stream or sys.stdout
        if live is None:
            isatty = getattr(self.stream, "isatty", None)
            live = bool(isatty and isatty()) and os.environ.get("TERM", "") != "dumb"
        self.live = live
        self._lock = threading.Lock()
        self._shown = False  # a live line is on the screen

    def _clear(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self._shown = False

    def line(self, text: str = "") -> None:
        """Print ``text`` as a line of its own (above the live line, if any)."""
        with self._lock:
            self._clear()
            self.stream.write(text + "\n")
            self.stream.flush()

    def lines(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.line(text)

    def result(self, name: str, detail: str, seconds: float | None = None,
               log: Path | None = None) -> None:
        """Print a stage's line: name, what it did, its time and its log file."""
        text = f"{name:<{NAME_WIDTH}} {detail:<{DETAIL_WIDTH}}"
        text += f" {seconds:6.1f} s" if seconds is not None else " " * 9
        if log is not None:
            text += f"  {shown_path(log)}"
        self.line(text.rstrip())

    def _show(self, stage: Stage) -> None:
        width = shutil.get_terminal_size((100, 20)).columns - 1
        text = f"{stage.name:<{NAME_WIDTH}} {stage.now or stage.detail}"[:width - 9]
        text = f"{text:<{width - 9}} {stage.seconds:6.0f} s"
        with self._lock:
            self.stream.write("\r\x1b[K" + text)
            self.stream.flush()
            self._shown = True

    @contextmanager
    def stage(self, name: str, detail: str = ""):
        """A stage whose live line (on a terminal) shows its progress and time until it ends;
        the caller prints its final line with :meth:`result`."""
        stage = Stage(self, name, detail)
        stop = threading.Event()
        ticker = None
        if self.live:
            def tick():
                while not stop.wait(0.25):
                    self._show(stage)
            ticker = threading.Thread(target=tick, daemon=True)
            ticker.start()
        try:
            yield stage
        finally:
            stop.set()
            if ticker is not None:
                ticker.join()
            with self._lock:
                self._clear()


#: Sphinx's progress lines ("reading sources... [ 58%] chapters/ch2_basic_needs") and
#: latexmk's passes, shown on the live line.
_PROGRESS = re.compile(r"^(?P<what>[a-z][a-z ]+?)\.\.\. \[\s*(?P<pct>\d+)%\] (?P<item>\S+)")
_LATEX_RUN = re.compile(r"Latexmk: Run number (\d+) of rule '(\w+)")


def progress_of(line: str) -> str | None:
    """What a line of the build's output says about its progress, or None."""
    m = _PROGRESS.match(line)
    if m:
        return f"{m['what']} {m['pct']}% {m['item']}"
    m = _LATEX_RUN.search(line)
    if m:
        return f"{m[2]}, pass {m[1]}"
    return None


def run_logged(cmd: list[str], log: Path, *, cwd: Path, env: dict | None = None,
               on_line: Callable[[str], None] | None = None):
    """Run ``cmd`` with its output (colour codes removed) in ``log``; ``on_line`` sees each line
    of its standard output as it comes.

    Returns:
        The exit status, the lines of standard output and of standard error.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    out: list[str] = []
    err: list[str] = []
    lock = threading.Lock()
    with open(log, "w", encoding="utf-8") as sink:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, encoding="utf-8",
                                errors="replace", stdin=subprocess.DEVNULL)

        def pump(stream, store, callback):
            for raw in stream:  # text mode: "\r" ends a line too (Sphinx's progress)
                line = plain(raw.rstrip("\n"))
                with lock:
                    sink.write(line + "\n")
                store.append(line)
                if callback is not None:
                    callback(line)

        threads = [threading.Thread(target=pump, args=(proc.stdout, out, on_line)),
                   threading.Thread(target=pump, args=(proc.stderr, err, None))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        status = proc.wait()
    return status, out, err


def cell_errors(text: str) -> list[list[str]]:
    """Each distinct report of a failing cell in ``text``: the cell's code and the error's
    traceback, as nbclient writes them (without the Python traceback of the machinery)."""
    blocks: list[list[str]] = []
    for chunk in plain(text).split(CELL_ERROR)[1:]:
        block = [CELL_ERROR]
        for line in chunk.splitlines()[1:]:
            if line.startswith(("The above exception was the direct cause",
                                "Exception occurred:", "Traceback (most recent call last)")):
                break
            block.append(line.removesuffix(" [mystnb.exec]"))
        while block and not block[-1].strip():
            block.pop()
        if block not in blocks:
            blocks.append(block)
    return blocks


_SPHINX_PROBLEM = re.compile(r"\b(WARNING|ERROR|CRITICAL|SEVERE):")


def failure_report(out: list[str], err: list[str]) -> list[str]:
    """What to show of a failed build's output (standard output ``out``, standard error
    ``err``): the failing cells, the Sphinx warnings and errors, a crash's last frame, the
    LaTeX errors, or else the last lines of standard error or output."""
    report = [line for line in err if _SPHINX_PROBLEM.search(line)]
    for block in cell_errors("\n".join(err)):
        report += [""] + block
    if "Exception occurred:" in err:  # Sphinx crashed: its summary names the last frame
        start = err.index("Exception occurred:")
        tail = []
        for line in err[start:]:
            if line.startswith("The full traceback has been saved"):
                break
            tail.append(line)
        if not report:
            report += tail
    for i, line in enumerate(out):
        if line.startswith("! "):  # a TeX error, with the line it stopped at
            report += [line] + [x for x in out[i + 1:i + 3] if x.strip()]
            break
    if not report:
        report = [line for line in (err or out) if line.strip()][-15:]
    while report and not report[-1].strip():
        report.pop()
    if len(report) > REPORT_LINES:
        report = report[:REPORT_LINES] + [f"... ({len(report) - REPORT_LINES} more lines)"]
    return report
