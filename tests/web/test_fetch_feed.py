"""Fetching feeds: conditional GETs, 304, the feed media types, and the same SSRF rules."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web

from diplobrief.config import Settings
from diplobrief.errors import BlockedURL, UnsupportedContent
from diplobrief.web.fetch import Fetcher

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'


@pytest.fixture
async def fetcher(settings: Settings) -> AsyncIterator[Fetcher]:
    f = Fetcher(settings)
    yield f
    await f.close()


async def test_conditional_get_and_304(fetcher: Fetcher, page_server: Any) -> None:
    asked: list[tuple[str | None, str | None, str]] = []

    async def feed(request: web.Request) -> web.StreamResponse:
        tag, since = request.headers.get("If-None-Match"), request.headers.get("If-Modified-Since")
        asked.append((tag, since, request.headers.get("Accept", "")))
        if tag == '"1"':
            return web.Response(status=304, headers={"ETag": '"1"'})
        headers = {"ETag": '"1"', "Last-Modified": "Wed, 01 Jan 2026 00:00:00 GMT"}
        return web.Response(body=RSS, content_type="application/rss+xml", headers=headers)

    url = page_server.add_handler("/feed", feed)
    got = await fetcher.get_feed(url)
    assert (got.status, got.body, got.media) == (200, RSS, "application/rss+xml")
    assert got.etag == '"1"' and got.last_modified == "Wed, 01 Jan 2026 00:00:00 GMT"
    again = await fetcher.get_feed(url, etag=got.etag, last_modified=got.last_modified)
    assert (again.status, again.body) == (304, b"")
    assert asked[0][:2] == (None, None) and "application/rss+xml" in asked[0][2]
    assert asked[1][:2] == ('"1"', "Wed, 01 Jan 2026 00:00:00 GMT")


async def test_feed_types_only_for_feeds(fetcher: Fetcher, page_server: Any) -> None:
    for media in ("application/atom+xml", "application/xml", "text/xml"):
        url = page_server.add(f"/{media.replace('/', '-')}", RSS, content_type=media)
        assert (await fetcher.get_feed(url)).body == RSS
        with pytest.raises(UnsupportedContent):
            await fetcher.get_page(url)  # the page path reads what it always read
    url = page_server.add("/pdf", b"%PDF-1.7", content_type="application/pdf")
    with pytest.raises(UnsupportedContent):
        await fetcher.get_feed(url)


async def test_feeds_obey_the_private_address_block(page_server: Any) -> None:
    strict = Fetcher(Settings(fetch_timeout=5.0))  # no loopback exemption
    try:
        with pytest.raises(BlockedURL):
            await strict.get_feed(page_server.add("/feed", RSS, content_type="text/xml"))
        with pytest.raises(BlockedURL):
            await strict.get_feed("http://10.1.2.3/feed.xml")
    finally:
        await strict.close()


async def test_a_feed_redirecting_inside_is_refused(fetcher: Fetcher, page_server: Any) -> None:
    url = page_server.redirect("/moved", "http://169.254.169.254/latest/meta-data")
    with pytest.raises(BlockedURL):
        await fetcher.get_feed(url)
