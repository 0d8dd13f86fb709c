"""The build commands of ``liangshan_book.build``: notebooks for readers without jupytext, and the
offline bundle (``make notebooks``, ``make dist``)."""
import zipfile

import nbformat
import pytest

from analysis.data import package, paths
from liangshan_book import build


def test_notebooks_exports_every_chapter_as_ipynb(monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "BUILD", tmp_path)
    assert build.notebooks() == 0
    exported = sorted(p.stem for p in (tmp_path / "notebooks").glob("*.ipynb"))
    assert {"ch1_changes", "ch2_basic_needs", "ch3_problems", "ch4_measures",
            "appendix_b_audit"} <= set(exported)
    nb = nbformat.read(tmp_path / "notebooks" / "ch3_problems.ipynb", as_version=4)
    assert any(c.cell_type == "code" for c in nb.cells)
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.book
def test_dist_bundles_the_offline_book_the_pdf_and_the_data(monkeypatch, tmp_path):
    html = paths.BUILD / "html"
    if not (html / "index.html").is_file():
        pytest.fail("the HTML book is not built: run `make book` (make test does it first)")
    out = tmp_path / "build"
    out.mkdir()
    (out / "html").symlink_to(html)
    if (paths.BUILD / "latex").is_dir():
        (out / "latex").symlink_to(paths.BUILD / "latex")
    monkeypatch.setattr(paths, "BUILD", out)
    assert build.dist() == 0
    bundle = out / "dist" / "liangshan-compendium-offline.zip"
    names = set(zipfile.ZipFile(bundle).namelist())
    assert "book/index.html" in names and "book/chapters/ch1_changes.html" in names
    assert "data/facts.csv" in names and "data/datapackage.json" in names
    assert "CITATION.cff" in names
    assert not any(".doctrees" in n for n in names)
    if (paths.BUILD / "latex" / build.PDF_NAME).is_file():
        # once, in the book beside index.html (which links it), not a second time at the top
        assert f"book/{build.PDF_NAME}" in names and build.PDF_NAME not in names
    assert bundle.stat().st_size <= 25_000_000


@pytest.fixture
def mini_repo(tmp_path, monkeypatch):
    """A repository tree with one file of each kind of input, and debris that is not input."""
    root = tmp_path / "repo"
    for rel in ("_config.yml", "_toc.yml", "index.md", "chapters/ch1.md", "src/analysis/m.py",
                "_static/book.css", "data/facts.csv", "benchmarks/results.md"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(rel)
    for rel in ("src/analysis/__pycache__/m.cpython-311.pyc", "src/x.egg-info/PKG-INFO",
                "tests/test_m.py", "_build/html/index.html", "chapters/.ipynb_checkpoints/c.md",
                "benchmarks/run.py"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("debris")
    monkeypatch.setattr(paths, "ROOT", root)
    monkeypatch.setattr(paths, "BUILD", root / "_build")
    monkeypatch.setattr(package, "_current", package.DataPackage.at(root / "data"))
    return root


def test_the_inputs_are_the_books_sources_and_nothing_else(mini_repo):
    found = {p.relative_to(mini_repo).as_posix() for p in build.input_files("pdflatex")
             if p.is_relative_to(mini_repo)}
    assert found == {"_config.yml", "_toc.yml", "index.md", "chapters/ch1.md",
                     "src/analysis/m.py", "_static/book.css", "data/facts.csv",
                     "benchmarks/results.md", "references.bib", "CITATION.cff",
                     "pyproject.toml", "requirements.lock"}


def test_an_input_edit_moves_the_digest_and_debris_does_not(mini_repo):
    first = build.inputs_digest("html")
    for rel in ("src/analysis/__pycache__/m.cpython-311.pyc", "tests/test_m.py",
                "_build/html/index.html", "src/x.egg-info/PKG-INFO"):
        (mini_repo / rel).write_text("changed debris")
    assert build.inputs_digest("html") == first
    (mini_repo / "data" / "facts.csv").write_text("an edited register")
    second = build.inputs_digest("html")
    assert second != first
    (mini_repo / "chapters" / "ch1.md").write_text("an edited chapter")
    assert build.inputs_digest("html") != second


def test_only_the_html_depends_on_the_pdf_it_links(mini_repo):
    html, latex = build.inputs_digest("html"), build.inputs_digest("pdflatex")
    (mini_repo / "_build" / "latex").mkdir(parents=True)
    (mini_repo / "_build" / "latex" / build.PDF_NAME).write_bytes(b"%PDF-1.5 stand-in")
    assert build.inputs_digest("html") != html
    assert build.inputs_digest("pdflatex") == latex


@pytest.mark.build
def test_make_lab_serves_chapters_and_code_from_the_root_with_its_options_and_quiet_kernels(
        tmp_path):
    """``make lab`` starts JupyterLab at the repository root and passes ``LAB_ARGS`` on: started
    here through make with a port, a token and no browser in ``LAB_ARGS``, the server hands out
    ``chapters/ch3_problems.md`` as a notebook with its code cells (jupytext) and lists
    ``src/analysis``; a kernel it starts talks over IPC, so prints no TCP notice."""
    import json
    import os
    import signal
    import socket
    import subprocess
    import time
    import urllib.request

    from scratch import TCP_NOTICE

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = "liangshan-test"
    args = f"--no-browser --port={port} --ip=127.0.0.1 --IdentityProvider.token={token}"
    log = tmp_path / "lab.log"
    with open(log, "w") as sink:
        server = subprocess.Popen(
            ["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"], cwd=paths.ROOT,
            stdout=sink, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")})

    def api(path, method="GET"):
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/{path}", method=method,
                                         headers={"Authorization": f"token {token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    try:
        for _ in range(240):
            try:
                chapter = api("contents/chapters/ch3_problems.md?type=notebook&content=1")
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail("make lab exited: " + log.read_text()[-2000:])
                time.sleep(0.5)
        else:
            pytest.fail("jupyter lab did not answer within two minutes")
        code = api("contents/src/analysis?content=1")
        kernel = api("kernels", method="POST")
        connection = json.loads((tmp_path / "runtime" / f"kernel-{kernel['id']}.json")
                                .read_text())
        sockets = [tmp_path / "runtime" / f"{connection['ip']}-{connection[channel]}"
                   for channel in ("shell_port", "iopub_port", "stdin_port", "control_port")]
        for _ in range(120):  # until the kernel has bound its sockets (past its TCP notice)
            bound = all(s.exists() for s in sockets)
            if bound:
                break
            time.sleep(0.5)
        api(f"kernels/{kernel['id']}", method="DELETE")
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # make and the server it started
        server.wait(timeout=30)
    command = log.read_text().splitlines()[:2]
    assert "jupyter lab --ServerApp.root_dir=." in " ".join(command), command
    assert chapter["type"] == "notebook"
    assert any(c["cell_type"] == "code" and "analysis" in c["source"]
               for c in chapter["content"]["cells"])
    assert {"domain", "figures", "chapters"} <= {item["name"] for item in code["content"]}
    assert connection["transport"] == "ipc" and bound
    assert "Kernel started" in log.read_text() and "Kernel shutdown" in log.read_text()
    assert TCP_NOTICE not in log.read_text()
