"""The store on a real SQLite file: migrations, cache across reopen, settings, concurrency."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from diplobrief.models import Actor, Article, Brief, Quote
from diplobrief.store.sqlite import MAX_ROW_CHARS, MIGRATIONS, SCHEMA_VERSION, GuildSettings, Store


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
    await store.put(
        article, brief, keys=[article.url], claims=["https://a.example/canon"], sentences=3
    )
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
    await store.put(article, brief, keys=[article.url], sentences=3)
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
                await store.put(article, brief, keys=[article.url], sentences=3)

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
            *(store.put(a, b, keys=[a.url, a.url + "/alias"], sentences=3) for a, b in pairs),
            *(store.record_post(7, a.url, "jump") for a, _ in pairs[:20]),
            *(store.set_guild_settings(1, sentences=n % 10 + 1) for n in range(20)),
        )
        assert await store.count_briefs() == 60
        for article, brief in pairs:
            assert await store.get_brief(article.url + "/alias", 3, "lexrank") == brief
        assert await store.recent_post(7, pairs[19][0].url) == "jump"
    finally:
        await store.close()


async def test_migrating_from_schema_1_keeps_rows(tmp_path: Path) -> None:
    """A file written before auto-brief minimums (schema 1) opens with its rows intact."""
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.executescript(f"BEGIN; {MIGRATIONS[0]}; PRAGMA user_version=1; COMMIT;")
        raw.execute(
            "INSERT INTO guild_settings (guild_id, sentences, algorithm) VALUES (1, 3, NULL)"
        )
        raw.execute(
            "INSERT INTO guild_settings (guild_id, sentences, algorithm) VALUES (2, 7, 'luhn')"
        )
        raw.execute("INSERT INTO autobrief_channels (channel_id, guild_id) VALUES (10, 1)")
        raw.execute("INSERT INTO posts VALUES (10, 'https://a.example/x', 'jump', 1e12)")
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
        columns = [r[1] for r in raw.execute("PRAGMA table_info(guild_settings)")]
        assert "autobrief_min" not in columns
    store = await Store.open(path)
    try:
        assert await store.schema_version() == SCHEMA_VERSION
        assert await store.get_guild_settings(1) == GuildSettings(sentences=3)
        assert await store.get_guild_settings(2) == GuildSettings(sentences=7, algorithm="luhn")
        assert await store.autobrief_channels(1) == [10]
        assert await store.recent_post(10, "https://a.example/x") == "jump"
        got = await store.set_guild_settings(2, autobrief_min=9)
        assert got == GuildSettings(sentences=7, algorithm="luhn", autobrief_min=9)
    finally:
        await store.close()
    store = await Store.open(path)  # a second open does not migrate again
    try:
        assert await store.get_guild_settings(2) == GuildSettings(7, "luhn", 9)
    finally:
        await store.close()


async def test_guild_settings_set_and_reset_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    store = await Store.open(path)
    try:
        got = await store.set_guild_settings(1, sentences=4, algorithm="luhn", autobrief_min=0)
        assert got == GuildSettings(sentences=4, algorithm="luhn", autobrief_min=0)  # 0 is kept
        await store.set_guild_settings(2, sentences=8)
        got = await store.set_guild_settings(1, autobrief_min=12)  # the others stay
        assert got == GuildSettings(sentences=4, algorithm="luhn", autobrief_min=12)
        assert await store.set_guild_settings(1, reset=True) == GuildSettings()
        assert await store.set_guild_settings(1) == GuildSettings()  # nothing to do
    finally:
        await store.close()
    store = await Store.open(path)  # the reset survives a restart; other servers are untouched
    try:
        assert await store.get_guild_settings(1) == GuildSettings()
        assert await store.get_guild_settings(2) == GuildSettings(sentences=8)
        got = await store.set_guild_settings(1, algorithm="textrank")
        assert got == GuildSettings(algorithm="textrank")  # set again after a reset
    finally:
        await store.close()


async def test_guild_settings_reset_then_set_in_one_call(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "c.sqlite3")
    try:
        await store.set_guild_settings(1, sentences=4, algorithm="luhn", autobrief_min=9)
        got = await store.set_guild_settings(1, reset=True, autobrief_min=2)
        assert got == GuildSettings(autobrief_min=2)  # the old values went, the new one stays
        got = await store.set_guild_settings(3, reset=True, sentences=6)  # no row before
        assert got == GuildSettings(sentences=6)
    finally:
        await store.close()


async def test_migration_drops_keys_a_page_claimed(tmp_path: Path) -> None:
    """Issue 14: before schema 4 a page's canonical link on another site became a key of its
    article. Such keys cannot be told from fetched ones, so all but the article's own go."""
    path = tmp_path / "poisoned.sqlite3"
    article, brief = make("http://127.0.0.1:1/evil")
    with sqlite3.connect(path) as raw:
        for number in range(3):
            raw.executescript(f"BEGIN; {MIGRATIONS[number]}; COMMIT;")
        raw.execute("PRAGMA user_version=3")
        raw.execute(
            "INSERT INTO articles (id, url, data, fetched_at) VALUES (1, ?, ?, ?)",
            (article.url, json.dumps({"url": article.url, "text": "planted"}), brief.fetched_at),
        )
        raw.executemany(
            "INSERT INTO url_keys (key, article_id) VALUES (?, 1)",
            [(article.url,), ("https://www.bbc.co.uk/news/real-story",)],
        )
    store = await Store.open(path)
    try:
        assert await store.get_article("https://www.bbc.co.uk/news/real-story") is None
        kept = await store.get_article(article.url)
        assert kept is not None and kept.article.text == "planted"
    finally:
        await store.close()


async def test_a_claim_takes_a_free_key_but_never_a_fetched_one(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "c.sqlite3")
    try:
        real, real_brief = make("https://a.example/story")
        await store.put(real, real_brief, keys=[real.url], sentences=3)
        amp, amp_brief = make("https://a.example/amp/story")
        await store.put(
            amp,
            amp_brief,
            keys=[amp.url],
            claims=[real.url, "https://a.example/canonical"],
            sentences=3,
        )
        assert await store.get_brief(real.url, 3, "lexrank") == real_brief
        assert await store.get_brief("https://a.example/canonical", 3, "lexrank") == amp_brief
        # a fetch takes back a claimed key
        canon, canon_brief = make("https://a.example/canonical")
        await store.put(canon, canon_brief, keys=[canon.url], sentences=3)
        assert await store.get_brief(canon.url, 3, "lexrank") == canon_brief
    finally:
        await store.close()


async def test_cached_articles_expire_by_age(tmp_path: Path) -> None:
    path = tmp_path / "aged.sqlite3"
    store = await Store.open(path)
    old, old_brief = make("https://a.example/old")  # fetched in 2024
    await store.put(old, old_brief, keys=[old.url], sentences=3)
    new, new_brief = make("https://a.example/new")
    new_brief = replace(new_brief, fetched_at=datetime.now(UTC).replace(microsecond=0).isoformat())
    await store.put(new, new_brief, keys=[new.url], sentences=3)
    await store.record_read(1, old_brief, via="brief", at=time.time())
    await store.close()

    store = await Store.open(path, max_age_days=30)
    try:
        assert await store.get_article(old.url) is None
        assert await store.get_brief(old.url, 3, "lexrank") is None
        assert await store.get_brief(new.url, 3, "lexrank") == new_brief
        reads, _ = await store.coverage(1)
        assert [r.url for r in reads] == [old.url]  # the reading record is not the cache
    finally:
        await store.close()


async def test_the_cache_stays_under_its_size_by_dropping_the_oldest(tmp_path: Path) -> None:
    """Issue 14, item 5: four requests made a 19.7 MB file. The file's pages in use stay under
    the limit, the newest articles stay, and rows hold at most MAX_ROW_CHARS of text."""
    limit = 2 * 1024 * 1024
    store = await Store.open(tmp_path / "big.sqlite3", max_bytes=limit)
    try:
        for i in range(40):
            article, brief = make(f"https://a.example/{i}")
            article = replace(article, text=f"Paragraph {i}.\n" * 400_000)
            brief = replace(brief, fetched_at=f"2026-01-01T00:00:{i:02d}+00:00")
            await store.put(article, brief, keys=[article.url], sentences=3)
            stored = await store.get_article(article.url)
            assert stored is not None and len(stored.article.text) <= MAX_ROW_CHARS
        stats = await store.prune_cache()
        assert 0 < stats.bytes <= limit
        assert await store.get_article("https://a.example/39") is not None
        assert await store.get_article("https://a.example/0") is None
    finally:
        await store.close()
    assert (tmp_path / "big.sqlite3").stat().st_size <= 2 * limit


def _brief_of(url: str, fetched_at: str) -> tuple[Article, Brief]:
    article = Article(url=url, text="Body text. " * 50, title="A story")
    brief = Brief(
        url=url,
        title="A story",
        summary=("Body text.",),
        algorithm="news",
        sentences_total=50,
        reduction=0.9,
        fetched_at=fetched_at,
    )
    return article, brief


@pytest.mark.review(by="trust")
async def test_the_reading_record_does_not_evict_every_cached_article(tmp_path: Path) -> None:
    """DIPLOBRIEF_CACHE_MAX_MB counts every page of the file, the reading record's too, but
    only ever drops articles: once the record (kept a year, never dropped by size; every public
    /brief and auto-brief of a link up to 2,048 characters adds a row) outgrows the limit, each
    prune drops every cached article, the newest included, and the file still grows."""
    limit = 1024 * 1024
    store = await Store.open(tmp_path / "c.sqlite3", max_bytes=limit)
    try:
        for i in range(800):  # 800 public briefs of long links, ~2 KB each
            url = f"https://evil.example/{i}?" + "q" * 2000
            _, brief = _brief_of(url, "2026-01-01T00:00:00+00:00")
            await store.record_read(1, brief, via="brief", channel_id=2, user_id=3)
        article, brief = _brief_of("https://news.example/today", "2026-12-01T00:00:00+00:00")
        await store.put(article, brief, keys=[article.url], sentences=3)
        stats = await store.prune_cache()
        assert await store.get_article(article.url) is not None, (
            f"the newest article was dropped; the file still holds {stats.bytes:,} bytes "
            f"(limit {limit:,})"
        )
    finally:
        await store.close()


@pytest.mark.review(by="trust")
async def test_remembered_refusals_are_bounded_by_the_cache_size(tmp_path: Path) -> None:
    """Refusals are cache (schema 5) but are dropped by age only: a stream of refused links
    (each a distinct link of up to 2,048 characters) keeps the file over its size limit, and
    `refuse` never prunes."""
    limit = 512 * 1024
    store = await Store.open(tmp_path / "r.sqlite3", max_bytes=limit)
    try:
        for i in range(600):
            key = f"https://evil.example/not-an-article/{i}?" + "q" * 2000
            await store.refuse(
                [key], kind="not_an_article", message="that page is no article",
                revision="x", at="2026-12-01T00:00:00+00:00",
            )  # fmt: skip
        stats = await store.prune_cache()
        assert stats.bytes <= limit, f"{stats.bytes:,} bytes in use, limit {limit:,}"
    finally:
        await store.close()


@pytest.mark.review(by="trust")
async def test_auto_brief_posts_are_forgotten_while_the_bot_runs(tmp_path: Path) -> None:
    """Posts past their two days (and reads past their year) are pruned only when the store
    opens: a bot that runs for weeks keeps every auto-brief post under each of its links."""
    store = await Store.open(tmp_path / "p.sqlite3", max_bytes=1024 * 1024)
    try:
        old = 0.0  # 1970: long past the two days
        for i in range(200):
            await store.record_post(1, f"https://a.example/{i}", "https://discord/j", at=old)
        for i in range(60):  # the briefs a running bot saves, which prune the cache
            article, brief = _brief_of(f"https://n.example/{i}", "2026-12-01T00:00:00+00:00")
            await store.put(article, brief, keys=[article.url], sentences=3)
        async with store._db.execute("SELECT COUNT(*) FROM posts") as cur:
            row = await cur.fetchone()
        assert row is not None and row[0] == 0, f"{row[0]} expired posts kept"
    finally:
        await store.close()


async def test_autobrief_domain_lists(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "db.sqlite")
    try:
        await store.set_autobrief_domain(1, "bbc.co.uk", True)
        await store.set_autobrief_domain(1, "x.org", False)
        await store.set_autobrief_domain(2, "y.org", False)
        lists = await store.autobrief_domains(1)
        assert lists.allow == {"bbc.co.uk"} and lists.deny == {"x.org"}
        await store.set_autobrief_domain(1, "bbc.co.uk", False)  # one list at a time
        assert (await store.autobrief_domains(1)).allow == frozenset()
        assert await store.remove_autobrief_domain(1, "x.org")
        assert not await store.remove_autobrief_domain(1, "x.org")
        await store.forget_guild(1)
        assert await store.autobrief_domains(1) == (await store.autobrief_domains(3))
        assert (await store.autobrief_domains(2)).deny == {"y.org"}
    finally:
        await store.close()


async def test_autobrief_sources(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "db.sqlite")
    try:
        assert await store.set_autobrief_source(1, 500, True)
        assert not await store.set_autobrief_source(1, 500, True)  # already there
        await store.set_autobrief_source(1, 400, True)
        await store.set_autobrief_source(2, 600, True)
        assert await store.autobrief_sources(1) == [400, 500]
        assert await store.is_autobrief_source(1, 500) and not await store.is_autobrief_source(
            2, 500
        )
        assert await store.set_autobrief_source(1, 500, False)
        assert not await store.set_autobrief_source(1, 500, False)
        await store.forget_guild(1)
        assert await store.autobrief_sources(1) == [] and await store.autobrief_sources(2) == [600]
    finally:
        await store.close()
