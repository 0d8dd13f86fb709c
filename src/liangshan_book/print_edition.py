"""A Sphinx extension for the printed book: the structure of a book, not of a web site.

In the LaTeX build (the whole book as one document tree) it

- sets the introduction (the root page, which Jupyter Book's LaTeX leaves as loose text under
  the table of contents, its headings as bold lines) as an unnumbered chapter, *Introduction*,
  with unnumbered sections, listed in the contents and the PDF's bookmarks, its own running
  foot;
- sets the chapters of the parts that ``_toc.yml`` leaves unnumbered (the primer "Before you
  start", the instructors' page) as unnumbered chapters, and numbers the exercises with the
  chapter's number only (Jupyter Book's LaTeX sets ``numfig_secnum_depth`` to 2), so that
  chapters, figures, tables and exercises carry the same numbers as in the HTML book;
- prints the output of a cell whose output the HTML book folds (``hide-output``: a fold is a
  thing of the screen; Jupyter Book's LaTeX would drop it);
- heads the appendices as appendices (``\\appendix``: chapters A to E, "Appendix A" above each
  title, figures and tables A.1...) and drops the "Appendix A." that each title carries for the
  HTML book; sets the API documentation (Appendix E) in smaller type;
- sets "Cite this book" as an unnumbered chapter after the appendices (back matter, like the
  References);
- drops the sections marked ``{.html-only}`` (a class on the heading), which describe what only
  the HTML book has (the ``{only}`` directive cannot hold a heading: Sphinx moves it out);
- prints a long signature of the API documentation a parameter a line;
- drops a chapter that is left with nothing but its heading: the HTML book's References page
  holds only the ``bibliography`` directive, and LaTeX moves every entry to one list at the
  end of the book, which would leave an empty "References" chapter in front of it.

The LaTeX macros it writes (``\\liangshanunnumbered``...) are defined in
``latex/liangshan.sty``. Written here because neither Sphinx nor Jupyter Book has settings for
these.
"""
from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape as tex_escape

#: Nodes that print nothing of their own — a section holding only these besides its title is
#: empty on paper.
_SILENT = (nodes.target, nodes.comment, addnodes.index, nodes.substitution_definition)
#: The class that marks a section (through its heading) as belonging to the HTML book only.
HTML_ONLY = "html-only"
#: The title of the introduction in print.
INTRODUCTION = "Introduction"
#: The toctree caption of the appendices (``_toc.yml``), and the chapters set after them as
#: back matter, unnumbered.
APPENDICES = "Appendices"
BACK_MATTER = ("chapters/cite",)
#: Chapters set in smaller type in print (the API documentation).
COMPACT = ("chapters/appendix_e_code",)
#: What the HTML titles of the appendices start with ("Appendix A. "), dropped in print.
_APPENDIX_PREFIX = re.compile(r"^Appendix [A-Z][.:]\s*")


def is_empty_section(section: nodes.section) -> bool:
    """Whether ``section`` would print only its heading (labels and comments aside)."""
    def silent(node) -> bool:
        if isinstance(node, _SILENT):
            return True
        # wrappers that Sphinx or Jupyter Book leave behind (toctree compounds, hidden cells)
        return isinstance(node, nodes.Element) and not isinstance(node, nodes.section) \
            and type(node) in (nodes.compound, nodes.container, nodes.Element) \
            and all(silent(c) for c in node.children)

    return all(isinstance(c, nodes.title) or silent(c) for c in section.children)


def unnumbered_chapters(site_map) -> list[str]:
    """The documents of the parts that ``_toc.yml`` leaves unnumbered, the appendices (lettered
    instead) aside: the chapters set without a number in both editions."""
    if site_map is None:
        return []
    return [str(item) for tree in site_map.root.subtrees
            if not tree.numbered and tree.caption != APPENDICES
            for item in tree.items if isinstance(item, str)]


def _raw(latex: str) -> nodes.raw:
    return nodes.raw("", latex, format="latex")


def _first_section(node) -> nodes.section | None:
    return next((c for c in node.children if isinstance(c, nodes.section)), None)


class DropEmptyChapters(SphinxPostTransform):
    """Remove each document's top section when it is empty once the bibliography has moved.

    Runs after Sphinx's LaTeX ``BibliographyTransform`` (priority 750), which gathers the
    citations at the end of the book, and after Jupyter Book's re-arrangement (700).
    """

    default_priority = 800
    formats = ("latex",)

    def run(self, **kwargs):
        for start in list(self.document.findall(addnodes.start_of_file)):
            sections = [c for c in start.children if isinstance(c, nodes.section)]
            if len(sections) == 1 and is_empty_section(sections[0]):
                start.parent.remove(start)


class DropHtmlOnly(SphinxPostTransform):
    """Remove the sections whose heading carries the class ``html-only``."""

    default_priority = 690  # before Jupyter Book flattens the root page's sections (700)
    formats = ("latex",)

    def run(self, **kwargs):
        for section in list(self.document.findall(nodes.section)):
            if HTML_ONLY in section["classes"] and section.parent is not None:
                section.parent.remove(section)


class BookStructure(SphinxPostTransform):
    """The introduction as an unnumbered chapter, the appendices as appendices, the back matter
    unnumbered (after Jupyter Book's re-arrangement, 700)."""

    default_priority = 760
    formats = ("latex",)

    def run(self, **kwargs):
        root = self.config.root_doc
        intro = next((s for s in self.document.findall(nodes.section)
                      if s.get("docname") == root), None)
        if intro is not None:
            self._introduction(intro)
        unnumbered = unnumbered_chapters(getattr(self.config, "external_site_map", None))
        for start in list(self.document.findall(addnodes.start_of_file)):
            name = start.get("docname", "")
            if name == APPENDICES:
                self._appendices(start)
            elif name in BACK_MATTER:
                start.insert(0, _raw("\\liangshanbackmatter\n"))
            elif name in unnumbered:
                start.insert(0, _raw("\\liangshanunnumbered\n"))
                start.append(_raw("\\liangshannumbered\n"))
            elif name in COMPACT:
                chapter = _first_section(start)
                if chapter is not None:
                    chapter.insert(1, _raw("\\liangshancompact\n"))

    @staticmethod
    def _introduction(section: nodes.section) -> None:
        """Open the root page with an unnumbered chapter; its headings become unnumbered
        sections (in the contents and bookmarks); numbering resumes after it."""
        from sphinx.util import texescape
        from sphinx_jupyterbook_latex.nodes import RootHeader

        texescape.init()  # the escape maps (Sphinx fills them when its LaTeX builder starts)
        at = 1 if section.children and isinstance(section[0], nodes.title) else 0
        # the labels of the page's title (``(intro)=``), which Jupyter Book's LaTeX drops with
        # the title, on the chapter that replaces it: a {ref} to it must resolve in print
        docname = section.get("docname", "")
        labels = "".join(f"\\label{{\\detokenize{{{docname}:{i}}}}}"
                         for i in section.get("ids", []))
        section.insert(at, _raw(f"\\liangshanfrontchapter{{{INTRODUCTION}}}{labels}\n"))
        for header in list(section.findall(RootHeader)):
            header.replace_self(_raw(f"\\liangshanfrontsection{{{tex_escape(header.astext())}}}\n"))
        section.append(_raw("\\liangshanmainmatter\n"))

    @staticmethod
    def _appendices(start: addnodes.start_of_file) -> None:
        part = _first_section(start)
        if part is None:
            return
        at = 1 if part.children and isinstance(part[0], nodes.title) else 0
        part.insert(at, _raw("\\liangshanappendix\n"))
        for chapter_start in part.findall(addnodes.start_of_file):
            chapter = _first_section(chapter_start)
            if chapter is None or not chapter.children:
                continue
            title = chapter[0]
            if isinstance(title, nodes.title) and title.children \
                    and isinstance(title[0], nodes.Text):
                text = _APPENDIX_PREFIX.sub("", str(title[0]))
                title.replace(title[0], nodes.Text(text))


#: The longest entry in the list of figures or of tables (characters); a longer first sentence
#: is cut at a word and ends with an ellipsis.
SHORT_CAPTION = 110


def short_caption(text: str) -> str:
    """The entry of a caption in the list of figures or tables: its first sentence, at most
    :data:`SHORT_CAPTION` characters (a longer one loses its parentheses, then its end)."""
    text = " ".join(text.split())
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z(])", text, maxsplit=1)[0]
    if len(first) > SHORT_CAPTION:  # drop the asides in parentheses (lists of register rows)
        first = re.sub(r"\s*\([^()]*\)", "", first)
    if len(first) > SHORT_CAPTION:
        first = first[:SHORT_CAPTION].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"
    return first


class ShortCaptions(SphinxPostTransform):
    """Give each figure and table a short caption, its first sentence, for the lists of
    figures and tables (``\\liangshanshortcaption`` of ``latex/liangshan.sty``)."""

    default_priority = 770
    formats = ("latex",)

    def run(self, **kwargs):
        for figure in list(self.document.findall(nodes.figure)):
            caption = next(figure.findall(nodes.caption), None)
            if caption is not None:
                figure.insert(0, _raw(self._short(caption)))
        for table in list(self.document.findall(nodes.table)):
            title = next((c for c in table.children if isinstance(c, nodes.title)), None)
            if title is not None and table.parent is not None:
                table.parent.insert(table.parent.index(table), _raw(self._short(title)))

    @staticmethod
    def _short(caption: nodes.Element) -> str:
        return f"\\liangshanshortcaption{{{tex_escape(short_caption(caption.astext()))}}}\n"


#: The longest signature of a documented function printed on one line (characters); a longer
#: one is printed a parameter a line, so that it stays inside the page.
SIGNATURE = 72


class LongSignatures(SphinxPostTransform):
    """Print a long signature of the API documentation a parameter a line (in the PDF only:
    Sphinx's ``maximum_signature_line_length`` would do it in HTML too, where the browser wraps
    signatures, and there its lists of parameters fail axe-core's ``definition-list`` rule)."""

    default_priority = 790
    formats = ("latex",)

    def run(self, **kwargs):
        for signature in list(self.document.findall(addnodes.desc_signature)):
            if len(signature.astext()) <= SIGNATURE:
                continue
            lines = 2  # the name and the closing parenthesis
            for params in signature.findall(addnodes.desc_parameterlist):
                params["multi_line_parameter_list"] = True
                lines += len(params.children)
            # the signature on one page: LaTeX allows no break inside it (nor between it and
            # its first line of text), and pushed the closing parenthesis past the page's foot
            desc = signature.parent
            if isinstance(desc, addnodes.desc) and desc.parent is not None:
                desc.parent.insert(desc.parent.index(desc),
                                   _raw(f"\\needspace{{{lines + 2}\\baselineskip}}\n"))


class PrintHiddenOutputs(SphinxPostTransform):
    """Print the output of a cell tagged ``hide-output`` (folded in HTML): before Jupyter
    Book's LaTeX transform (priority 400) drops it."""

    default_priority = 390
    formats = ("latex",)

    def run(self, **kwargs):
        for node in self.document.findall(nodes.container):
            if "tag_hide-output" in node["classes"]:
                node["classes"].remove("tag_hide-output")


def _chapter_numbers_only(app) -> None:
    """Number figures, tables and exercises by chapter (1.1, 1.2...) in the LaTeX build as in
    HTML: Jupyter Book's LaTeX sets ``numfig_secnum_depth`` to 2 when the book has parts, and
    sphinx-exercise prints the numbers Sphinx assigns (1.12.1 for the first exercise of
    chapter 1 in section 12); LaTeX numbers figures and tables itself."""
    if app.builder.format == "latex":
        app.config.numfig_secnum_depth = app.config._raw_config.get("numfig_secnum_depth", 1)


def setup(app):
    # after Jupyter Book's LaTeX extension has set its own depth (builder-inited, priority 500)
    app.connect("builder-inited", _chapter_numbers_only, priority=900)
    app.add_post_transform(PrintHiddenOutputs)
    app.add_post_transform(LongSignatures)
    app.add_post_transform(ShortCaptions)
    app.add_post_transform(DropEmptyChapters)
    app.add_post_transform(DropHtmlOnly)
    app.add_post_transform(BookStructure)
    return {"version": "0.2", "parallel_read_safe": True, "parallel_write_safe": True}
