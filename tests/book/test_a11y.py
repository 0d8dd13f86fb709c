"""The accessibility extension: Chinese text marked with lang="zh"."""
from liangshan_book.a11y import mark_chinese_html


def test_chinese_runs_in_html_text_are_marked():
    html = '<td>Butuo 布拖县</td><td title="凉山">x</td>'
    assert mark_chinese_html(html) == ('<td>Butuo <span lang="zh">布拖县</span></td>'
                                       '<td title="凉山">x</td>')


def test_svg_script_and_style_are_left_alone():
    html = '<svg><title lang="zh">布拖</title></svg><script>var a="凉山";</script><p>凉山</p>'
    assert mark_chinese_html(html) == ('<svg><title lang="zh">布拖</title></svg>'
                                       '<script>var a="凉山";</script><p><span lang="zh">凉山'
                                       '</span></p>')
