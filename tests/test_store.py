"""The store on a real SQLite file: migrations, cache across reopen, settings, concurrency."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from diplobrief.models import Actor, Article, Brief, Quote
from diplobrief.store import SCHEMA_VERSION, Store


def make(url: str, n: int = 3, algorithm: str = "lexrank") -> tuple[Article, Brief]:
    article = Article(
        url=url, text="Body text. " * 50, title=f"Title {url}", authors=("A. Writer",)
    )
    brief = Brief(
        url=url,
        title=article.title,
        summary=tuple(f"Sentence {i}." for i in range(n)),
        algorithm=algorithm,
        sentences_total=50,
        reduction=0.9,
        fetched_at="2024-03-12T09:30:00+00:00",
        actors=(Actor(name="Chile", type="state", mentions=4, key=True, country_code="CL"),),
        quotes=(Quote(speaker="Lucia Quispe", quote="Enough.", cue="said"),),
    )
    return article, brief


async def test_migrates_from_empty_and_reopens(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    store = await Store.open(path)
    assert await store.schema_version() == SCHEMA_VERSION
    article, brief = make("https://a.example/1")
    await store.put(article, brief, keys=["https://a.example/canon"], sentences=3)
    await store.close()

    store = await Store.open(path)
    try:
        got = await store.get_brief("https://a.example/1", 3, "lexrank")
        assert got == brief
        by_canonical = await store.get_brief("https://a.example/canon", 3, "lexrank")
        assert by_canonical == brief
        assert await store.get_brief("https://a.example/1", 4, "lexrank") is None
        stored = await store.get_article("https://a.example/canon")
        assert stored is not None and stored.article == article
    finally:
        await store.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    from diplobrief.errors import StoreUnavailable

    with pytest.raises(StoreUnavailable, match="newer"):
        await Store.open(path)


async def test_corrupt_rows_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    store = await Store.open(path)
    article, brief = make("https://a.example/2")
    await store.put(article, brief, keys=[], sentences=3)
    await store.close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE briefs SET data = '{not json'")
    store = await Store.open(path)
    try:
        assert await store.get_brief("https://a.example/2", 3, "lexrank") is None
        assert await store.count_briefs() == 0
        assert await store.get_article("https://a.example/2") is not None
    finally:
        await store.close()


async def test_concurrent_writers_on_one_file(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    stores = [await Store.open(path) for _ in range(3)]
    try:

        async def write(store: Store, offset: int) -> None:
            for i in range(20):
                article, brief = make(f"https://w.example/{offset}/{i}")
                await store.put(article, brief, keys=[], sentences=3)

        await asyncio.gather(*(write(s, n) for n, s in enumerate(stores)))
        assert await stores[0].count_briefs() == 60
        assert await stores[1].integrity_check() == "ok"
    finally:
        for store in stores:
            await store.close()


async def test_guild_settings_autobrief_and_posts(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    store = await Store.open(path)
    assert (await store.get_guild_settings(1)).sentences is None
    await store.set_guild_settings(1, sentences=3)
    got = await store.set_guild_settings(1, algorithm="textrank")
    assert (got.sentences, got.algorithm) == (3, "textrank")
    await store.set_autobrief(1, 10, True)
    await store.set_autobrief(1, 11, True)
    await store.set_autobrief(1, 11, False)
    assert await store.autobrief_channels(1) == [10]
    assert await store.is_autobrief(10) and not await store.is_autobrief(11)
    await store.record_post(10, "https://a.example/x", "https://discord.com/channels/1/10/5")
    await store.record_post(10, "https://a.example/old", "jump-old", at=0)
    await store.close()

    store = await Store.open(path)  # settings survive a restart
    try:
        assert (await store.get_guild_settings(1)).algorithm == "textrank"
        assert await store.recent_post(10, "https://a.example/x") == (
            "https://discord.com/channels/1/10/5"
        )
        assert await store.recent_post(10, "https://a.example/old") is None
        assert await store.recent_post(11, "https://a.example/x") is None
    finally:
        await store.close()


async def test_concurrent_writes_on_one_connection(tmp_path: Path) -> None:
    """Many coroutines writing through one Store: no transaction interleaves with another's."""
    store = await Store.open(tmp_path / "one.sqlite3")
    try:
        pairs = [make(f"https://c.example/{i}") for i in range(60)]
        await asyncio.gather(
            *(store.put(a, b, keys=[a.url + "/alias"], sentences=3) for a, b in pairs),
            *(store.record_post(7, a.url, "jump") for a, _ in pairs[:20]),
            *(store.set_guild_settings(1, sentences=n % 10 + 1) for n in range(20)),
        )
        assert await store.count_briefs() == 60
        for article, brief in pairs:
            assert await store.get_brief(article.url + "/alias", 3, "lexrank") == brief
        assert await store.recent_post(7, pairs[19][0].url) == "jump"
    finally:
        await store.close()
