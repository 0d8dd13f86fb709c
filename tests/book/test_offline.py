"""The offline extension's MathJax trim (``liangshan_book.offline.trim_mathjax``)."""
import pytest

from liangshan_book.offline import trim_mathjax


def test_only_the_bundles_no_page_loads_are_removed(tmp_path):
    for name in ("tex-chtml.js", "tex-svg.js", "tex-svg-full.js", "tex-mml-chtml.js",
                 "mml-svg.js", "tex-chtml-full.js", "node-main.js", "startup.js",
                 "output/svg/fonts/tex.js", "output/chtml/fonts/woff-v2/a.woff",
                 "input/tex/extensions/ams.js", "a11y/explorer.js"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    gone = trim_mathjax(tmp_path)
    assert gone == ["mml-svg.js", "node-main.js", "tex-chtml-full.js", "tex-mml-chtml.js",
                    "tex-svg-full.js", "tex-svg.js", "output/svg"]
    left = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert left == ["a11y/explorer.js", "input/tex/extensions/ams.js",
                    "output/chtml/fonts/woff-v2/a.woff", "startup.js", "tex-chtml.js"]


def test_a_copy_without_the_loaded_bundle_is_an_error(tmp_path):
    (tmp_path / "tex-svg.js").write_text("x")
    with pytest.raises(FileNotFoundError, match="no tex-chtml.js"):
        trim_mathjax(tmp_path)
    assert (tmp_path / "tex-svg.js").is_file()  # nothing deleted
