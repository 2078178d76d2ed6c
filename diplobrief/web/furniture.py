"""Page furniture told by the page's own structure: headings, bold-only lines, list items and
short label lines, found in the HTML before the extractor flattens it into plain lines.

A subhead ("What happens next"), a table of contents, a teaser of another page (a paragraph
that is all a link), "Read more: ..." or a date line reads
as a sentence once the page is plain text, and word lists catch only the wordings they know.
The page says more: a heading is a heading whatever its words. `furniture_lines` returns the
lines of the extracted text that the structure marks as furniture; the summariser never picks a
sentence of one (the text keeps them: they still count for actors and quotes).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import html as lxml_html

from diplobrief import lexicon

# A heading or a list item this short, or without a full stop, is a label, not prose (a dek set
# as a heading is a long sentence, and a bulleted point of substance a whole sentence).
MAX_LABEL_WORDS = 12
# A line set wholly in bold is a subhead when it is this short.
MAX_BOLD_WORDS = 15
# A label line ("Read more: ...", "UPDATED: 10 May") is at most this many words.
MAX_LINE_WORDS = 15
# Elements that hold a line of text of their own.
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "figcaption")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BOLD = frozenset({"b", "strong"})
_INLINE = frozenset({"a", "span", "em", "i", "u"})
_LABEL = lexicon.pattern("en", "furniture_labels", r"^\W*(?:{})")
_TERMINAL = re.compile(r"""[.!?…][\s"'’”)\]]*$""")
# A date line: a date (and maybe a time) and little else.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATELINE = re.compile(
    r"^\W*(?:[a-z]+day,?\s+)?(?:"
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
    r"[\s\d:.,|/apmgutcedst()-]*$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_]+")


def comparable(text: str) -> str:
    """The text's words, lower-cased and single-spaced: how lines and sentences are matched."""
    return " ".join(_WORD.findall(text.casefold()))


# What parts a page title from the site's name: "Talks resume | Reuters", "Talks resume - BBC".
_TITLE_SEPARATOR = re.compile(r"\s[|–—-]\s|\s?[|]\s?")


def headline_forms(title: str) -> set[str]:
    """The forms (comparable) a body may repeat its headline in: the title, and the title
    without the site's name before or after it ("Meal Prep for A Little More Obsessed | The
    Beachbody Blog" is headed "Meal Prep for A Little More Obsessed")."""
    parts = _TITLE_SEPARATOR.split(title)
    forms = {title, " ".join(parts[:-1]), " ".join(parts[1:])} if len(parts) > 1 else {title}
    return {c for c in map(comparable, forms) if c}


def contains(line: str, key: str) -> bool:
    """Whether the comparable `line` holds the comparable `key` as whole words."""
    return f" {key} " in f" {line} "


def is_label_line(text: str) -> bool:
    """Whether a line is a label or a stamp by its words: "Read more: ...", "Also on Sky News",
    "UPDATED: 10 May", a date line. Only a short line with a colon or no full stop is read
    (prose may open "Also on Monday, ...")."""
    words = len(_WORD.findall(text))
    if not words or words > MAX_LINE_WORDS:
        return False
    if _DATELINE.match(text):
        return True
    return _LABEL.match(text) is not None and (":" in text or not _TERMINAL.search(text))


def _text(element: lxml_html.HtmlElement) -> str:
    return " ".join("".join(element.itertext()).split())


def _bold_only(element: lxml_html.HtmlElement) -> bool:
    """Whether all of the element's text sits in <b> or <strong> (a subhead set in bold)."""
    if (element.text or "").strip():
        return False
    children = list(element)
    if not children:
        return False
    for child in children:
        if (child.tail or "").strip():
            return False
        if not isinstance(child.tag, str) or child.tag in _BOLD or child.tag == "br":
            continue
        if not (child.tag in _INLINE and _bold_only(child)):  # <a><b>...</b></a> is bold too
            return False
    return True


def _link_only(element: lxml_html.HtmlElement) -> bool:
    """Whether the element's text is all a link's: inside an <a>, or in <a> children only (a
    teaser of another page in a "related" box, a table of contents)."""
    if any(a.tag == "a" for a in element.iterancestors()):
        return True
    if (element.text or "").strip():
        return False
    children = [c for c in element if isinstance(c.tag, str)]
    return bool(children) and all(
        c.tag in ("a", "br") and not (c.tail or "").strip() for c in children
    )


def _is_furniture(element: lxml_html.HtmlElement, text: str) -> bool:
    words = len(_WORD.findall(text))
    short = words <= MAX_LABEL_WORDS or not _TERMINAL.search(text)
    if element.tag == "h1" or _link_only(element):
        return True  # the headline (the page's own, or another's), a link's text
    if element.tag in _HEADINGS or element.tag in ("dt", "figcaption"):
        return short
    if element.tag == "li":  # a table of contents, not a bulleted point made in a sentence
        return words <= MAX_LABEL_WORDS // 2 or not _TERMINAL.search(text)
    if words <= MAX_BOLD_WORDS and _bold_only(element):
        return True
    return is_label_line(text)


def structural_lines(tree: lxml_html.HtmlElement) -> set[str]:
    """The (comparable) text of every block the page's structure marks as furniture. Read
    before the extractor prunes the tree; a block that holds other blocks is not read whole."""
    found: set[str] = set()
    for element in tree.iter(*_BLOCKS):
        if any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in element):
            continue  # a container: its own blocks are read one by one
        text = _text(element)
        if text and len(text) <= 400 and _is_furniture(element, text):
            found.add(comparable(text))
    found.discard("")
    return found


def furniture_lines(text: str, structural: Iterable[str]) -> tuple[str, ...]:
    """The lines of the extracted text that are furniture: marked so by the page's structure
    (`structural_lines`) or label lines by their words."""
    marked = set(structural)
    out = []
    for line in text.split("\n"):
        line = line.strip()
        key = comparable(line)
        if key and (key in marked or is_label_line(line)):
            out.append(line)
    return tuple(dict.fromkeys(out))
