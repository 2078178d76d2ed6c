"""Fetching a feed through the safe fetcher, from the feed itself or a page that links it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from diplobrief.config import Settings
from diplobrief.errors import BlockedURL
from diplobrief.feeds.follow import fetch_feed
from diplobrief.feeds.parse import NotAFeed
from diplobrief.web.fetch import Fetcher
from tests.feeds.fixtures import rss


@pytest.fixture
async def fetcher(settings: Settings) -> AsyncIterator[Fetcher]:
    f = Fetcher(settings)
    yield f
    await f.close()


async def test_a_page_leads_to_its_feed(fetcher: Fetcher, page_server: Any) -> None:
    feed = page_server.add("/rss", rss("Desk", []), content_type="application/rss+xml")
    page = page_server.add(
        "/", '<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head>'
    )
    got, parsed = await fetch_feed(fetcher, page)
    assert got.url == feed and parsed is not None and parsed.title == "Desk"


async def test_a_page_linking_nothing_or_somewhere_private(
    fetcher: Fetcher, page_server: Any
) -> None:
    with pytest.raises(NotAFeed):
        await fetch_feed(fetcher, page_server.add("/plain", "<html><p>Hi</p></html>"))
    inside = '<link rel="alternate" type="application/atom+xml" href="http://10.0.0.1/atom">'
    with pytest.raises(BlockedURL):
        await fetch_feed(fetcher, page_server.add("/inside", inside))
