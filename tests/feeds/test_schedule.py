"""The polling rules: due times, back-off, pausing after a day, which items are new."""

from __future__ import annotations

from diplobrief.feeds.parse import FeedItem
from diplobrief.feeds.schedule import (
    ADDED_GRACE,
    ITEMS_PER_POLL,
    MAX_BACKOFF,
    PAUSE_AFTER,
    new_items,
    next_poll,
    should_pause,
)


def item(key: str, published: float | None) -> FeedItem:
    return FeedItem(key=key, link=f"https://example.org/{key}", title=key, published=published)


def test_next_poll_backs_off_and_caps() -> None:
    assert next_poll(1000.0, 900.0) == 1900.0
    assert next_poll(1000.0, 900.0, 1) == 1000.0 + 1800.0
    assert next_poll(1000.0, 900.0, 2) == 1000.0 + 3600.0
    assert next_poll(1000.0, 900.0, 50) == 1000.0 + MAX_BACKOFF


def test_pause_after_a_day_of_failures() -> None:
    assert not should_pause(None, 10.0**9)
    assert not should_pause(1000.0, 1000.0 + PAUSE_AFTER - 1)
    assert should_pause(1000.0, 1000.0 + PAUSE_AFTER)


def test_new_items_skip_seen_and_older_than_the_add_oldest_first() -> None:
    items = [item("d", 400.0), item("c", None), item("b", 300.0), item("a", 50.0), item("s", 500.0)]
    fresh, old = new_items(items, {"s"}, added_at=100.0 + ADDED_GRACE)
    assert [i.key for i in fresh] == ["b", "d", "c"]
    assert [i.key for i in old] == ["a"]


def test_at_most_a_few_items_a_poll() -> None:
    items = [item(str(n), 1000.0 + n) for n in range(10)]
    fresh, _ = new_items(items, set(), added_at=0.0)
    assert len(fresh) == ITEMS_PER_POLL
    assert [i.key for i in fresh] == ["0", "1", "2"]
