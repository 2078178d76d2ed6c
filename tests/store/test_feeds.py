"""The feeds table and seen items: saved, polled, failed, forgotten with their server or channel."""

from __future__ import annotations

from pathlib import Path

from diplobrief.store.sqlite import Store


async def add(store: Store, guild: int, channel: int, url: str) -> int:
    row = await store.add_feed(
        guild, channel, url, "T", seen=["a", "b"], added_at=100.0, next_poll_at=1000.0
    )
    return row.id


async def test_feed_state_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    store = await Store.open(path)
    try:
        feed = await add(store, 1, 10, "https://example.org/feed")
        assert await store.due_feeds(999.0) == []
        assert [r.id for r in await store.due_feeds(1000.0)] == [feed]
        await store.feed_failed(feed, error="down", at=1000.0, next_poll_at=3000.0, paused=False)
        await store.feed_failed(feed, error="still", at=2000.0, next_poll_at=9000.0, paused=True)
        await store.mark_seen(feed, ["c"], at=1000.0)
    finally:
        await store.close()
    store = await Store.open(path)
    try:
        row = await store.get_feed(feed)
        assert row is not None
        assert (row.failures, row.failing_since, row.last_error, row.paused) == (
            2, 1000.0, "still", True,
        )  # fmt: skip
        assert await store.due_feeds(10.0**9) == []  # paused
        assert await store.seen_items(feed, ["a", "c", "d"]) == {"a", "c"}
        await store.feed_polled(feed, next_poll_at=5.0, etag='"x"', last_modified=None)
        row = await store.get_feed(feed)
        assert row is not None and (row.failures, row.failing_since, row.etag) == (0, None, '"x"')
    finally:
        await store.close()


async def test_forget_guild_channel_and_remove(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "db.sqlite3")
    try:
        one = await add(store, 1, 10, "https://example.org/a")
        two = await add(store, 1, 11, "https://example.org/b")
        other = await add(store, 2, 20, "https://example.org/a")
        assert not await store.remove_feed(1, other)  # not this server's
        await store.forget_channel(10)
        assert [r.id for r in await store.guild_feeds(1)] == [two]
        assert await store.seen_items(one, ["a"]) == set()
        await store.forget_guild(1)
        assert await store.guild_feeds(1) == []
        assert await store.remove_feed(2, other)
        assert await store.guild_feeds(2) == []
    finally:
        await store.close()
