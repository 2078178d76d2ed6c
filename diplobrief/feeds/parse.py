"""Turn the bytes of a feed into its title and items, and find the feed an HTML page links.

feedparser only ever sees bytes the safe fetcher returned: it is never handed a URL (a string
would be taken for one and fetched), so every SSRF rule of the fetcher holds for feeds.
"""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin

import feedparser

from diplobrief.errors import DiplobriefError, FetchFailed
from diplobrief.web.urls import normalise_url

log = logging.getLogger(__name__)

FEED_LINK_TYPES = frozenset({"application/rss+xml", "application/atom+xml"})
MAX_ITEMS = 200  # a feed's first items only: enough for any news feed between two polls
MAX_TITLE = 200


@dataclass(frozen=True)
class FeedItem:
    """One entry: `key` names it for good (its id, else its link), `link` is normalised."""

    key: str
    link: str
    title: str
    published: float | None  # seconds since the epoch, UTC


@dataclass(frozen=True)
class Feed:
    title: str
    items: tuple[FeedItem, ...]


class NotAFeed(FetchFailed):
    """The address gives neither a feed nor a page that links one."""


def parse_feed(body: bytes, url: str) -> Feed:
    """Parse RSS or Atom bytes fetched from `url`; raise NotAFeed when they hold no feed."""
    if not isinstance(body, bytes):  # a str would be fetched by feedparser: never
        raise TypeError("parse_feed takes the bytes of a feed")
    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        raise NotAFeed("that address is not an RSS or Atom feed")
    items: list[FeedItem] = []
    for entry in parsed.entries[:MAX_ITEMS]:
        item = _item(entry, url)
        if item is not None and all(item.key != i.key for i in items):
            items.append(item)
    title = _clean(parsed.feed.get("title", "")) or _clean(url)
    return Feed(title=title[:MAX_TITLE], items=tuple(items))


def _item(entry: feedparser.FeedParserDict, base: str) -> FeedItem | None:
    raw = entry.get("link") or ""
    if not raw:
        for link in entry.get("links", []):
            if link.get("rel", "alternate") == "alternate" and link.get("href"):
                raw = link["href"]
                break
    try:
        link = normalise_url(urljoin(base, raw)) if raw else ""
    except DiplobriefError:
        link = ""
    if not link:
        return None  # nothing to brief
    key = _clean(entry.get("id", "")) or link
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    published = float(calendar.timegm(when)) if when else None
    return FeedItem(
        key=key[:2048], link=link, title=_clean(entry.get("title", "")), published=published
    )


def _clean(text: object) -> str:
    return " ".join(str(text).split())


class _AlternateFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {k.lower(): (v or "") for k, v in attrs}
        rels = values.get("rel", "").lower().split()
        media = values.get("type", "").split(";")[0].strip().lower()
        if "alternate" in rels and media in FEED_LINK_TYPES and values.get("href"):
            self.found.append(values["href"])


def discover(html: str, url: str) -> str | None:
    """The first feed an HTML page links with <link rel="alternate" type="…rss/atom…">,
    as an absolute normalised link (the fetcher checks it again when it is fetched)."""
    finder = _AlternateFinder()
    try:
        finder.feed(html)
        finder.close()
    except Exception:  # html.parser is lenient; a page is never worth a crash
        log.info("could not read the links of %s", url)
    for href in finder.found:
        try:
            return normalise_url(urljoin(url, href.strip()), strip_tracking=False)
        except DiplobriefError:
            continue
    return None
