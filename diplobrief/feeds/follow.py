"""Fetch a feed through the safe fetcher and parse it, finding it from a page that links one."""

from __future__ import annotations

import asyncio

from diplobrief.feeds.parse import Feed, NotAFeed, discover, parse_feed
from diplobrief.web.fetch import FEED_TYPES, FeedResponse, Fetcher


async def fetch_feed(
    fetcher: Fetcher, url: str, *, etag: str | None = None, last_modified: str | None = None
) -> tuple[FeedResponse, Feed | None]:
    """Fetch and parse the feed at `url` (None when unchanged since `etag`/`last_modified`).
    An HTML page is followed to the feed it links, fetched the same way, SSRF rules and all."""
    got = await fetcher.get_feed(url, etag=etag, last_modified=last_modified)
    if got.status == 304:
        return got, None
    if got.media not in FEED_TYPES:
        try:
            return got, await _parse(got)
        except NotAFeed:
            pass
        linked = discover(got.body.decode("utf-8", "replace"), got.url)
        if linked is None:
            raise NotAFeed("that page is not a feed and links none (no RSS or Atom link)")
        got = await fetcher.get_feed(linked)
    return got, await _parse(got)


async def _parse(got: FeedResponse) -> Feed:
    # feedparser is pure Python and a feed can be megabytes: not on the event loop.
    return await asyncio.to_thread(parse_feed, got.body, got.url)
