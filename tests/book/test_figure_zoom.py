"""Figures open full size: each figure's image is wrapped in a link to its own file."""
from liangshan_book.figure_zoom import HINT, LINK_CLASS, link_figure_images

FIGURE = ('<figure class="align-default" id="fig-a">\n<img alt="Bars." src="../_images/a.png" />'
          '\n<figcaption><p>Fig. 1.1</p></figcaption>\n</figure>')


def test_a_figure_image_links_to_its_file():
    out = link_figure_images("<p>text</p>" + FIGURE)
    assert out == ("<p>text</p>" + '<figure class="align-default" id="fig-a">\n'
                   f'<a class="reference internal image-reference {LINK_CLASS}" '
                   f'href="../_images/a.png" title="{HINT}">'
                   '<img alt="Bars." src="../_images/a.png" /></a>'
                   '\n<figcaption><p>Fig. 1.1</p></figcaption>\n</figure>')


def test_images_outside_figures_and_images_already_linked_are_left_alone():
    linked = FIGURE.replace('<img', '<a href="x.png"><img').replace(' />', ' /></a>', 1)
    page = '<img alt="logo" src="logo.png" />' + linked
    assert link_figure_images(page) == page


def test_every_figure_of_a_page_gets_its_own_link():
    two = FIGURE + FIGURE.replace("a.png", "b.png").replace("fig-a", "fig-b")
    out = link_figure_images(two)
    assert out.count(f'class="reference internal image-reference {LINK_CLASS}"') == 2
    assert 'href="../_images/a.png"' in out and 'href="../_images/b.png"' in out
