"""What a build prints (liangshan_book.console): stage lines, the live line on a terminal only,
and from a failed build's output the part that says what failed."""
import io
import sys

from liangshan_book import console
from liangshan_book.console import Console, cell_errors, failure_report, progress_of

# What a failing cell leaves on a build's standard error (shortened from a real run: myst-nb's
# warning, nbclient's report of the cell, then the Python traceback of the machinery).
FAILED_CELL_ERR = """\
/book/chapters/page.md: WARNING: Executing notebook failed: CellExecutionError [mystnb.exec]

Exception occurred:
  File "/venv/myst_nb/core/execute/cache.py", line 89, in start_client
    raise ExecutionError(str(self.path)) from result.err
The full traceback has been saved in /tmp/sphinx-err-x.log, if you want to report the issue.
Traceback (most recent call last):
  File "/venv/jupyter_cache/executors/utils.py", line 58, in single_nb_execution
    executenb(
nbclient.exceptions.CellExecutionError: An error occurred while executing the following cell:
------------------
x = 1
raise ValueError('this cell fails on purpose')
------------------


\x1b[0;31mValueError\x1b[0m                                Traceback (most recent call last)
Cell In[1], line 2
      1 x = 1
----> 2 raise ValueError('this cell fails on purpose')

ValueError: this cell fails on purpose


The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "/venv/click/core.py", line 1653, in __call__
    return self.main(*args, **kwargs)
RuntimeError: There was an error in building your book. Look above for the cause.""".splitlines()


def test_a_failed_cell_is_reported_with_its_code_and_error_and_nothing_of_the_machinery():
    report = failure_report([], FAILED_CELL_ERR)
    text = "\n".join(report)
    assert report[0] == ("/book/chapters/page.md: WARNING: Executing notebook failed: "
                         "CellExecutionError [mystnb.exec]")
    assert "raise ValueError('this cell fails on purpose')" in text
    assert "ValueError: this cell fails on purpose" in text
    assert "----> 2 raise" in text
    assert "click/core.py" not in text and "jupyter_cache" not in text
    assert "\x1b[" not in text  # colour codes removed
    # the warning, a blank line, then nbclient's report: its first line, the cell between two
    # dashed lines (4), two blank lines, the IPython traceback (5 lines), a blank, the error
    assert len(report) == 15


def test_a_cell_error_repeated_in_chained_tracebacks_is_shown_once():
    twice = "\n".join(FAILED_CELL_ERR + FAILED_CELL_ERR[8:26])
    assert len(cell_errors(twice)) == 1


def test_sphinx_warnings_are_shown_and_a_tex_error_with_its_line_but_no_overfull_boxes():
    out = ["processing book.tex... index", "Overfull \\hbox (12.0pt too wide) in paragraph",
           "! Undefined control sequence.", "l.42 \\liangshanbroken", "", "more TeX chatter"]
    err = ["/book/index.md:3: WARNING: undefined label: 'fig-none'",
           "LaTeX Warning: Reference `fig-none' on page 2 undefined on input line 7."]
    report = failure_report(out, err)
    assert report == ["/book/index.md:3: WARNING: undefined label: 'fig-none'",
                      "! Undefined control sequence.", "l.42 \\liangshanbroken"]


def test_without_a_recognised_error_the_last_lines_are_shown():
    err = [f"line {i}" for i in range(40)]
    assert failure_report([], err) == [f"line {i}" for i in range(25, 40)]


def test_a_long_report_is_cut_and_says_how_much_is_left_out():
    err = [f"/book/p.md:{i}: WARNING: broken {i}" for i in range(100)]
    report = failure_report([], err)
    assert len(report) == console.REPORT_LINES + 1
    assert report[-1] == "... (40 more lines)"


def test_sphinx_and_latexmk_progress_lines_are_read():
    assert progress_of("reading sources... [ 58%] chapters/ch2_basic_needs") == \
        "reading sources 58% chapters/ch2_basic_needs"
    assert progress_of("Latexmk: Run number 2 of rule 'xelatex'") == "xelatex, pass 2"
    assert progress_of("pickling environment... done") is None


def test_stage_lines_name_the_stage_its_time_and_its_log(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    stream = io.StringIO()
    con = Console(stream, live=False)
    with con.stage("html", "Sphinx") as stage:
        stage.progress("reading sources 50% index")
    con.result("html", "3 page(s) written", 12.34, tmp_path / "_build" / "logs" / "html.log")
    con.result("", "ch2_basic_needs", 4.56)
    assert stream.getvalue().splitlines() == [
        "html       3 page(s) written                              12.3 s  _build/logs/html.log",
        "           ch2_basic_needs                                 4.6 s"]


def test_the_live_line_is_drawn_on_a_terminal_and_replaced_by_the_final_line():
    stream = io.StringIO()
    con = Console(stream, live=True)
    with con.stage("execute") as stage:
        stage.progress("1 of 2 done; running: ch1_changes")
        import time
        time.sleep(0.6)
    con.result("execute", "2 chapter(s)", 1.0)
    text = stream.getvalue()
    assert "\r\x1b[K" + "execute    1 of 2 done; running: ch1_changes" in text
    assert text.endswith("\r\x1b[K" + "execute    " + "2 chapter(s)".ljust(44) + "    1.0 s\n")


def test_a_pipe_gets_no_live_line():
    assert Console(io.StringIO()).live is False
    assert Console(sys.stdout).live is sys.stdout.isatty()
