"""Parsing RSS and Atom bytes, and finding the feed an HTML page links."""

from __future__ import annotations

import pytest

from diplobrief.feeds.parse import NotAFeed, discover, parse_feed
from tests.feeds.fixtures import atom, rss

BASE = "https://news.example.org/feed.xml"


def test_rss_items_in_order_with_keys_links_and_dates() -> None:
    body = rss(
        "Foreign Desk",
        [
            ("g2", "https://news.example.org/b.html", "Second", 1_700_000_100.0),
            ("g1", "/a.html?utm_source=rss", "First <b>", 1_700_000_000.0),
        ],
    ).encode()
    feed = parse_feed(body, BASE)
    assert feed.title == "Foreign Desk"
    assert [i.key for i in feed.items] == ["g2", "g1"]
    assert feed.items[1].link == "https://news.example.org/a.html"  # relative, tracking gone
    assert feed.items[1].title == "First <b>"
    assert feed.items[0].published == 1_700_000_100.0


def test_atom_entries() -> None:
    body = atom("Atom desk", [("urn:1", "https://news.example.org/x.html", "X", 1_700_000_000.0)])
    feed = parse_feed(body.encode(), BASE)
    assert feed.title == "Atom desk"
    (item,) = feed.items
    assert (item.key, item.link, item.published) == (
        "urn:1",
        "https://news.example.org/x.html",
        1_700_000_000.0,
    )


def test_an_item_without_id_is_known_by_its_link_and_one_without_link_is_dropped() -> None:
    body = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
    <item><link>https://news.example.org/c.html</link><title>C</title></item>
    <item><title>No link</title></item></channel></rss>"""
    (item,) = parse_feed(body, BASE).items
    assert item.key == "https://news.example.org/c.html" and item.published is None


def test_not_a_feed() -> None:
    with pytest.raises(NotAFeed):
        parse_feed(b"<html><body><p>Hello</p></body></html>", BASE)


def test_a_string_is_never_parsed() -> None:
    # feedparser would take a string for a URL and fetch it, past every SSRF rule.
    with pytest.raises(TypeError):
        parse_feed("http://10.0.0.1/feed", BASE)  # type: ignore[arg-type]


def test_discover_the_linked_feed() -> None:
    html = """<html><head>
    <link rel="stylesheet" href="/s.css">
    <link rel="alternate" type="text/html" href="/other">
    <link rel="Alternate" type="application/atom+xml" href="/atom.xml">
    <link rel="alternate" type="application/rss+xml" href="/rss.xml">
    </head><body></body></html>"""
    assert discover(html, "https://news.example.org/world/") == "https://news.example.org/atom.xml"


def test_discover_nothing() -> None:
    assert discover("<html><head></head></html>", "https://news.example.org/") is None
    assert (
        discover("<link rel=alternate type=application/rss+xml href='javascript:x'>", BASE) is None
    )
