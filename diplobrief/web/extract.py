"""HTML or plain text → `Article`: the readable text and its metadata (trafilatura)."""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from urllib.parse import urlsplit

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from diplobrief import lexicon
from diplobrief.errors import NotAnArticle, UnsupportedLanguage
from diplobrief.lang import FOREIGN, detect, language_name, supported_names
from diplobrief.models import Article
from diplobrief.web.furniture import comparable, furniture_lines, headline_forms, structural_lines

log = logging.getLogger(__name__)

MIN_WORDS = 80
MIN_SENTENCES = 3
MAX_TITLE_CHARS = 300
# Hostile-page bounds. On 110 real news pages we measured at most 1,680 elements, 29 levels of
# nesting and 20,000 characters of article text; trafilatura's time grows with the element count
# (about 25 s for 100,000 elements), so a page past these budgets is cut before it is extracted.
MAX_ELEMENTS = 10_000
MAX_PAGE_CHARS = 300_000
MAX_JSON_LD_CHARS = 100_000
# A metadata value (author, date, description) is cut to this many characters.
MAX_META_CHARS = 500
# libxml2 stops building the tree at 256 levels and silently drops the rest of the page.
MAX_DEPTH = 200
# Page furniture trafilatura drops anyway: removed first when a page is over budget, so a flood
# of links in a menu does not push the article out of the budget.
_FURNITURE = "//nav | //aside | //footer"

_WALL_HINTS = {
    "paywall": lexicon.pattern("en", "paywall"),
    "cookie wall": lexicon.pattern("en", "cookie_wall"),
    "JavaScript page": lexicon.pattern("en", "script_wall"),
}

# Invisible format characters: bidi overrides, isolates and marks (U+202E can turn a title
# around in Discord), zero-width spaces and joiners, BOM, soft hyphen, tag characters.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
# C0 and C1 control characters other than tab and newline.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_WORD = re.compile(r"[^\W\d_]+", re.U)


def clean_text(text: str) -> str:
    """Drop invisible format and control characters and normalise to NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", _INVISIBLE.sub("", text))
    return unicodedata.normalize("NFC", text)


def clean_title(title: str | None, limit: int = MAX_TITLE_CHARS) -> str | None:
    """Clean a title to one line of at most `limit` characters, cut on a word boundary."""
    if not title:
        return None
    title = " ".join(clean_text(title).split())
    if len(title) > limit:
        cut = title.rfind(" ", 0, limit)
        title = title[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:-–—") + "…"
    return title or None


def detect_language(text: str, declared: str | None = None) -> str:
    """Return a language code (see `diplobrief.lang.detect`): the script, then function words;
    the declared language is a hint only."""
    return detect.detect_language(text, declared)


def _cap_metadata(tree: lxml_html.HtmlElement) -> None:
    """Cut every metadata value (a <meta> content, a JSON-LD string) to MAX_META_CHARS before
    trafilatura reads it: its author clean-up is quadratic on a run of "<" or "(" (48 KB of
    them in a <meta name="author"> took 35 s), and no real byline or date is that long."""
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if content is not None and len(content) > MAX_META_CHARS:
            meta.set("content", content[:MAX_META_CHARS])
    for script in tree.xpath("//script[contains(@type, 'ld+json')]"):
        try:
            script.text = json.dumps(_capped(json.loads(script.text or "")), ensure_ascii=False)
        except (ValueError, RecursionError):
            script.text = None  # unreadable (or absurdly nested): nothing in it is of use


def _capped(value: object) -> object:
    if isinstance(value, str):
        return value[:MAX_META_CHARS]
    if isinstance(value, list):
        return [_capped(v) for v in value]
    if isinstance(value, dict):
        return {k: _capped(v) for k, v in value.items()}
    return value


def _declared_language(tree: lxml_html.HtmlElement) -> str | None:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    return lang.strip() if lang else None


def _parse(html: str) -> lxml_html.HtmlElement | None:
    try:
        return lxml_html.document_fromstring(html)
    except Exception:  # lxml raises several kinds on hostile input; all mean "no tree"
        log.info("unparseable HTML (%d chars)", len(html))
        return None


def _depth(tree: lxml_html.HtmlElement) -> int:
    """Return how deeply the tree nests, in one pass."""
    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _clip(text: str | None, room: int) -> str | None:
    if text is None or len(text) <= room:
        return text
    cut = text.rfind(" ", 0, room)
    return text[: cut if cut > room // 2 else max(room, 0)]


def _truncate(root: lxml_html.HtmlElement, max_elements: int, max_chars: int) -> bool:
    """Cut the tree after `max_elements` elements or `max_chars` characters in document order."""
    chars = 0
    for count, el in enumerate(root.iter(), 1):
        before = chars
        chars += len(el.text or "") + len(el.tail or "")
        if count > max_elements or chars > max_chars:
            break
    else:
        return False
    room = max(max_chars - before, 0)
    el.text = _clip(el.text, room)
    for child in list(el):
        el.remove(child)
    el.tail = _clip(el.tail, max(room - len(el.text or ""), 0))
    node = el
    while (parent := node.getparent()) is not None:
        for sibling in list(node.itersiblings()):
            parent.remove(sibling)
        if node is not el:
            node.tail = None
        node = parent
    return True


def _bound(tree: lxml_html.HtmlElement, url: str) -> None:
    """Refuse absurdly nested pages; cut oversized ones down to a size real articles fit in."""
    if _depth(tree) > MAX_DEPTH:
        log.info("refused %s: nested over %d levels", url, MAX_DEPTH)
        raise NotAnArticle(
            f"that page is nested more than {MAX_DEPTH} levels deep, so it is no article I can read"
        )
    elements = sum(1 for _ in tree.iter())
    chars = len(tree.text_content())
    if elements <= MAX_ELEMENTS and chars <= MAX_PAGE_CHARS:
        return
    # Big news pages are mostly code (CNN: 1.3 MB of scripts around 8 kB of article), which
    # nobody reads and trafilatura drops: empty it before measuring, or the cut below would
    # fall before the article. The elements stay (they tell a page built by JavaScript), and
    # so does a modest JSON-LD block, where the title, author and date often are.
    for code in tree.xpath("//script | //style"):
        keep = "ld+json" in (code.get("type") or "") and len(code.text or "") <= MAX_JSON_LD_CHARS
        if not keep:
            code.text = None
    chars = len(tree.text_content())
    if elements <= MAX_ELEMENTS and chars <= MAX_PAGE_CHARS:
        log.info("%s is code-heavy; its scripts were emptied", url)
        return
    for furniture in tree.xpath(_FURNITURE):
        if furniture.getparent() is not None:
            furniture.drop_tree()
    cut = _truncate(tree, MAX_ELEMENTS, MAX_PAGE_CHARS)
    log.info(
        "%s is oversized (%d elements, %d chars); %s",
        url,
        elements,
        chars,
        "cut to the budget" if cut else "its menus were enough to drop",
    )


# Posts embedded from social networks: their text is someone else's, with no one named as saying it.
_EMBEDS = (
    "//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'instagram-media')"
    " or contains(@class, 'tiktok-embed')]"
)


def _tidy(tree: lxml_html.HtmlElement) -> None:
    """Drop embedded posts, and HTML comments with their text kept: some sites write
    "When <!-- -->President<!-- --> Trump's advisers", and the extractor then keeps only "When"."""
    for embed in tree.xpath(_EMBEDS):
        if embed.getparent() is not None:
            embed.drop_tree()  # (drop_tree keeps the tail text, which is the page's own)
    for comment in tree.xpath("//comment()"):
        parent = comment.getparent()
        if parent is None:
            continue
        if comment.tail:
            before = comment.getprevious()
            if before is not None:
                before.tail = (before.tail or "") + comment.tail
            else:
                parent.text = (parent.text or "") + comment.tail
        parent.remove(comment)


def _without_repeats(text: str) -> str:
    """Drop a paragraph that repeats an earlier one word for word (some pages carry their
    article two or three times over: the brief would count every actor thrice)."""
    lines = text.split("\n")
    seen: set[str] = set()
    repeat = []
    for line in lines:
        key = " ".join(line.split())
        repeat.append(len(key) >= 40 and key in seen)  # short lines may well recur
        if len(key) >= 40:
            seen.add(key)
    # A lone repeat is the page's own ("I have nothing to add on that.", "It was adopted by 13
    # votes"); two repeated paragraphs in a row are a copy of the article.
    full = [i for i, line in enumerate(lines) if line.strip()]
    drop = set()
    for n, i in enumerate(full):
        if repeat[i] and (
            (n > 0 and repeat[full[n - 1]]) or (n + 1 < len(full) and repeat[full[n + 1]])
        ):
            drop.add(i)
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def _visible(tree: lxml_html.HtmlElement) -> tuple[str, str | None]:
    """Return the text a reader sees, and what else the page is made of: scripts or images."""
    parts = tree.xpath("//body//text()[not(ancestor::script or ancestor::style)]")
    text = " ".join(" ".join(str(p) for p in parts).split())[:20_000]
    if tree.xpath("//script[not(@type) or contains(@type, 'javascript')]"):
        return text, "scripts"
    return text, "images" if tree.xpath("//body//img | //body//picture") else None


def _site_of(url: str) -> str | None:
    host = urlsplit(url).hostname
    if not host:
        return None
    return host.removeprefix("www.")


# Lower-case words a person's name may hold ("Ursula von der Leyen", "Ahmed bin Ali").
NAME_PARTICLES = lexicon.words("en", "name_particles")


def _authors(raw: str | None) -> tuple[str, ...]:
    """The byline's names: "Phil Helsel is a reporter" is Phil Helsel, and a byline that is no
    one's name ("The Russian, Syrian defense ministries") is left out."""
    if not raw:
        return ()
    parts = re.split(r"\s*(?:;|\band\b|&)\s*", clean_text(raw))
    names = []
    for part in parts:
        name = " ".join(part.split())
        name = re.sub(r"^by\s+", "", name, flags=re.IGNORECASE)
        name = re.split(r"\s+(?:is|was|has|writes|covers)\s", name, maxsplit=1)[0].strip(" ,")
        words = name.split()
        if not words or words[0].casefold() == "the":
            continue
        if any(w[:1].islower() and w not in NAME_PARTICLES for w in words):
            continue
        names.append(name)
    return tuple(dict.fromkeys(names))


def _why_not(page_text: str, made_of: str | None) -> str:
    for kind, pattern in _WALL_HINTS.items():
        if pattern.search(page_text):
            return f"that page looks like a {kind}: there is too little article text to brief"
    words = detect.size(page_text)
    if made_of == "scripts" and words < MIN_WORDS:
        return (
            "that page builds its text with JavaScript, which I don't run: "
            "there is no article text to brief"
        )
    if made_of == "images" and words < MIN_WORDS // 4:
        return "that page holds only images and a caption or two: there is no article to brief"
    if words == 0:
        return "that page has no text to brief (it is empty or holds only images)"
    return "that page has too little article text to brief (an index page or a teaser?)"


def _size(text: str) -> tuple[int, int]:
    """Count the words and the sentence ends of a text."""
    return detect.size(text), detect.sentence_ends(text)


def check_article(text: str, page_text: str = "", *, made_of: str | None = None) -> None:
    """Raise NotAnArticle when the text is too short to brief."""
    words, sentences = _size(text)
    if words < MIN_WORDS or sentences < MIN_SENTENCES:
        raise NotAnArticle(_why_not(page_text or text, made_of))


def check_language(article: Article) -> None:
    """Raise UnsupportedLanguage for articles in a language the bot cannot brief, naming it."""
    code = article.language
    if code in (None, "en") or code in FOREIGN:
        return
    if code == "und":
        raise UnsupportedLanguage(
            "I could not tell which language that article is in; "
            f"I can brief articles in {supported_names()}"
        )
    raise UnsupportedLanguage(
        f"that article seems to be in {language_name(code)} ({code}), which I cannot brief; "
        f"I can brief articles in {supported_names()}"
    )


def _comparable(line: str) -> str:
    return " ".join(_WORD.findall(line.casefold()))


def drop_headline(text: str, title: str | None) -> str:
    """Remove the headline when the body repeats it as its first line.

    A headline has no full stop, so the parser runs it into the lede and splits both badly.
    """
    first, sep, rest = text.partition("\n")
    if sep and title and comparable(first) in headline_forms(title):
        return rest.lstrip()
    return text


def extract_article(html: str, url: str) -> Article:
    """Extract the article from a page's HTML; raise NotAnArticle when there is none."""
    if not html.strip():
        raise NotAnArticle("that page is empty: there is no text to brief")
    tree = _parse(html)
    if tree is None:
        raise NotAnArticle("that page could not be read as HTML")
    _bound(tree, url)
    _cap_metadata(tree)
    _tidy(tree)
    # Read what a visitor sees before trafilatura, which may prune the tree as it works.
    page_text, made_of = _visible(tree)
    structure = structural_lines(tree)
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
    title = clean_title(getattr(doc, "title", None))
    text = drop_headline(clean_text(getattr(doc, "text", None) or "").strip(), title)
    text = _without_repeats(text)
    check_article(text, page_text, made_of=made_of)
    language = detect_language(text, _declared_language(tree) or getattr(doc, "language", None))
    site = getattr(doc, "sitename", None)
    return Article(
        url=url,
        text=text,
        title=title,
        canonical_url=getattr(doc, "url", None) or None,
        site=clean_title(site, 100) if site else _site_of(url),
        authors=_authors(getattr(doc, "author", None)),
        published=getattr(doc, "date", None) or None,
        language=language,
        furniture=furniture_lines(text, structure),
    )


def _words_said(text: str, words: int) -> str:
    """The length of a short text as its reader counts it: characters for Chinese and Japanese."""
    if detect.cjk_chars(text):
        return f"{len(text):,} characters, where I need about {MIN_WORDS * 2} or more"
    return f"{words:,} words, where I need {MIN_WORDS} or more"


def article_from_text(text: str, url: str, title: str | None = None) -> Article:
    """Make an Article from plain text: the first line is the headline when a blank line follows."""
    text = clean_text(text).strip()
    if title is None:
        head, sep, rest = text.partition("\n\n")
        if sep and "\n" not in head.strip() and len(head) <= MAX_TITLE_CHARS and rest.strip():
            title, text = head.strip(), rest.strip()
    words, sentences = _size(text)
    if not words:
        raise NotAnArticle("that text is empty: there is nothing to brief")
    if words < MIN_WORDS:
        raise NotAnArticle(f"that text is too short to brief: {_words_said(text, words)}")
    if sentences < MIN_SENTENCES:
        raise NotAnArticle(
            f"that text is no article I can brief: its {words:,} words make {sentences} "
            f"sentences (ending in a full stop, ? or !), where I need {MIN_SENTENCES} or more"
        )
    return Article(
        url=url,
        text=text,
        title=clean_title(title),
        site=_site_of(url),
        language=detect_language(text),
        furniture=furniture_lines(text, ()),
    )
