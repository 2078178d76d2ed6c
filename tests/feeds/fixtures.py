"""RSS 2.0 and Atom documents written by the tests, with the items they are given."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

Item = tuple[str, str, str, float | None]  # (id, link, title, published)


def rss(title: str, items: list[Item]) -> str:
    entries = []
    for guid, link, name, when in items:
        date = (
            f"<pubDate>{format_datetime(datetime.fromtimestamp(when, UTC))}</pubDate>"
            if when is not None
            else ""
        )
        entries.append(
            f"<item><guid isPermaLink='false'>{escape(guid)}</guid><link>{escape(link)}</link>"
            f"<title>{escape(name)}</title>{date}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://example.org/</link>"
        f"<description>news</description>{''.join(entries)}</channel></rss>"
    )


def atom(title: str, items: list[Item]) -> str:
    entries = []
    for entry_id, link, name, when in items:
        stamp = datetime.fromtimestamp(when or 0, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        entries.append(
            f"<entry><id>{escape(entry_id)}</id><title>{escape(name)}</title>"
            f'<link rel="alternate" href="{escape(link)}"/><updated>{stamp}</updated></entry>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:feed</id><updated>2026-01-01T00:00:00Z</updated>"
        f"{''.join(entries)}</feed>"
    )
