"""HTML or plain text → `Article`: the readable text and its metadata (trafilatura)."""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

import trafilatura
from lxml import html as lxml_html

from .errors import NotAnArticle, UnsupportedLanguage
from .models import Article

log = logging.getLogger(__name__)

MIN_WORDS = 80
MIN_SENTENCES = 3
# Enough structure for any real article; deeper trees are hostile or broken.
MAX_TREE_SIZE = 200_000

_WALL_HINTS = {
    "paywall": re.compile(
        r"subscribe (now )?to (continue|read)|to continue reading|subscribers only|"
        r"already a subscriber|premium (article|content)|sign in to read",
        re.I,
    ),
    "cookie wall": re.compile(r"\bcookies?\b.{0,80}\b(accept|consent|agree)", re.I | re.S),
    "JavaScript page": re.compile(
        r"enable javascript|requires javascript|javascript is disabled", re.I
    ),
}

# Common English function words: a cheap, offline language check for text with no lang tag.
_ENGLISH = frozenset(
    "the of and to in a is that for it as was with be by on not he i this are or his from at "
    "which but have an they you were her she had has their been one its said would who will "
    "there more we if about than after them also into".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.U)


def english_share(text: str, sample: int = 2000) -> float:
    """Return the share of the first `sample` words that are common English words."""
    words = _WORD.findall(text[: sample * 8].lower())[:sample]
    if not words:
        return 0.0
    return sum(w in _ENGLISH for w in words) / len(words)


def detect_language(text: str, declared: str | None = None) -> str | None:
    """Return a language code: English by its function words, else the page's declared one."""
    share = english_share(text)
    if share >= 0.12:
        return "en"
    if declared:
        code = declared.split("-")[0].split("_")[0].lower()
        if code and code != "en":
            return code
    return "und" if share < 0.05 else "en"


def _declared_language(tree: lxml_html.HtmlElement | None) -> str | None:
    if tree is None:
        return None
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    return lang.strip() if lang else None


def _parse(html: str) -> lxml_html.HtmlElement | None:
    try:
        return lxml_html.document_fromstring(html)
    except Exception:  # lxml raises several kinds on hostile input; all mean "no tree"
        log.info("unparseable HTML (%d chars)", len(html))
        return None


def _site_of(url: str) -> str | None:
    host = urlsplit(url).hostname
    if not host:
        return None
    return host.removeprefix("www.")


def _authors(raw: str | None) -> tuple[str, ...]:
    if not raw:
        return ()
    parts = re.split(r"\s*(?:;|\band\b|&)\s*", raw)
    return tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))


def _why_not(text: str, page_text: str) -> str:
    for kind, pattern in _WALL_HINTS.items():
        if pattern.search(page_text):
            return f"that page looks like a {kind}: there is too little article text to brief"
    return "that page has too little article text to brief (an index page or a teaser?)"


def check_article(text: str, page_text: str = "") -> None:
    """Raise NotAnArticle when the text is too short to brief."""
    words = len(text.split())
    sentences = len(re.findall(r"[.!?…][\"'”’)]*(\s|$)", text))
    if words < MIN_WORDS or sentences < MIN_SENTENCES:
        raise NotAnArticle(_why_not(text, page_text or text))


def check_language(article: Article) -> None:
    """Raise UnsupportedLanguage for articles that are not in English."""
    if article.language and article.language not in ("en", "und"):
        raise UnsupportedLanguage(
            f"that article seems to be in another language ({article.language}); "
            "I can brief English articles only for now"
        )
    if article.language == "und":
        raise UnsupportedLanguage("I could not read that article as English text")


def extract_article(html: str, url: str) -> Article:
    """Extract the article from a page's HTML; raise NotAnArticle when there is none."""
    tree = _parse(html)
    if tree is None:
        raise NotAnArticle("that page could not be read as HTML")
    if sum(1 for _ in tree.iter()) > MAX_TREE_SIZE:
        raise NotAnArticle("that page is too large and deeply built to read as an article")
    try:
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
        )
    except Exception:  # trafilatura has no error contract; treat any failure as "no article"
        log.exception("trafilatura failed on %s", url)
        doc = None
    text = (getattr(doc, "text", None) or "").strip()
    page_text = " ".join(tree.text_content().split())[:20_000] if tree is not None else ""
    check_article(text, page_text)
    title = getattr(doc, "title", None)
    language = detect_language(text, _declared_language(tree) or getattr(doc, "language", None))
    return Article(
        url=url,
        text=text,
        title=title.strip() if title else None,
        canonical_url=getattr(doc, "url", None) or None,
        site=getattr(doc, "sitename", None) or _site_of(url),
        authors=_authors(getattr(doc, "author", None)),
        published=getattr(doc, "date", None) or None,
        language=language,
    )


def article_from_text(text: str, url: str, title: str | None = None) -> Article:
    """Make an Article from plain text: the first line is the headline when a blank line follows."""
    text = text.replace("\r\n", "\n").strip()
    if title is None:
        head, sep, rest = text.partition("\n\n")
        if sep and "\n" not in head.strip() and len(head) <= 300 and rest.strip():
            title, text = head.strip(), rest.strip()
    check_article(text)
    return Article(
        url=url,
        text=text,
        title=title,
        site=_site_of(url),
        language=detect_language(text),
    )
