"""A server's reading record, cleanup, migrations run by several processes at once, and write
errors reported as the store's own."""

from __future__ import annotations

import asyncio
import multiprocessing
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import pytest

from diplobrief.errors import StoreUnavailable
from diplobrief.models import Brief
from diplobrief.store.sqlite import MIGRATIONS, READS_KEPT_DAYS, SCHEMA_VERSION, Read, Sight, Store
from tests.store.test_sqlite import make

T0 = time.time() - 86400  # a day ago: inside the year the record keeps


def brief(url: str, title: str, site: str = "The Harbour Times") -> Brief:
    return replace(make(url)[1], title=title, site=site)


async def test_the_record_lists_a_servers_reads_newest_first(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "r.sqlite3")
    try:
        oslo = brief("https://a.example/oslo", "Talks resume in Oslo")
        vienna = brief("https://b.example/vienna", "Vienna 100% sure of a deal", "Wire_Service")
        await store.record_read(1, oslo, via="brief", channel_id=5, user_id=100, at=T0 + 1000.0)
        await store.record_read(1, vienna, via="auto", channel_id=5, user_id=101, at=T0 + 2000.0)
        await store.record_read(1, oslo, via="actors", channel_id=6, user_id=101, at=T0 + 3000.0)
        await store.record_read(1, oslo, via="brief", channel_id=6, user_id=101, at=T0 + 3500.0)
        await store.record_read(
            2, vienna, via="brief", user_id=100, at=T0 + 4000.0
        )  # another server

        reads, total = await store.coverage(1)
        assert total == 2
        assert reads == [
            Read("https://a.example/oslo", "Talks resume in Oslo", "The Harbour Times", 3, 2,
                 T0 + 1000.0, T0 + 3500.0),
            Read("https://b.example/vienna", "Vienna 100% sure of a deal", "Wire_Service", 1, 1,
                 T0 + 2000.0, T0 + 2000.0),
        ]  # fmt: skip
        assert (await store.coverage(2))[1] == 1
        assert await store.coverage(3) == ([], 0)

        since, total = await store.coverage(1, since=T0 + 2500.0)
        assert [r.url for r in since] == ["https://a.example/oslo"] and total == 1
        assert since[0].reads == 2  # only the reads since then count

        limited, total = await store.coverage(1, limit=1)
        assert len(limited) == 1 and total == 2

        # Only the channels the asker can see: channel 5 holds one read of each article.
        seen, total = await store.coverage(1, sight=Sight(frozenset({5})))
        assert [(r.url, r.reads) for r in seen] == [
            ("https://b.example/vienna", 1),
            ("https://a.example/oslo", 1),
        ] and total == 2
        assert await store.coverage(1, sight=Sight()) == ([], 0)
        assert (await store.coverage(1, sight=Sight(frozenset({6, 99}))))[1] == 1
    finally:
        await store.close()


async def test_reads_in_threads_follow_their_parent_channel(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "r.sqlite3")
    try:
        for url, where in (
            ("https://a.example/public", {"channel_id": 50, "parent_id": 5}),
            ("https://a.example/private", {"channel_id": 51, "parent_id": 5,
                                           "private_thread": True}),
            ("https://a.example/elsewhere", {"channel_id": 60, "parent_id": 6}),
        ):  # fmt: skip
            await store.record_read(1, brief(url, url), via="auto", at=T0, **where)  # type: ignore[arg-type]

        async def urls(sight: Sight) -> set[str]:
            return {r.url for r in (await store.coverage(1, sight=sight))[0]}

        # Whoever sees channel 5 sees its public thread, archived or not; not the private one.
        assert await urls(Sight(frozenset({5}))) == {"https://a.example/public"}
        # Managing threads in 5 shows its private threads too.
        managed = Sight(frozenset({5}), frozenset({5}))
        assert await urls(managed) == {"https://a.example/public", "https://a.example/private"}
        # Asking from inside the private thread shows it.
        assert await urls(Sight(frozenset({51}))) == {"https://a.example/private"}
        # Deleting channel 5 forgets its threads' reads too.
        await store.forget_channel(5)
        assert await urls(Sight(frozenset({5, 6}), frozenset({5, 6}))) == {
            "https://a.example/elsewhere"
        }
    finally:
        await store.close()


@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("oslo", ["https://a.example/oslo"]),  # a title word, any case
        ("harbour talks", ["https://a.example/oslo"]),  # every word must match somewhere
        ("b.example", ["https://b.example/vienna"]),  # the link
        ("wire_service", ["https://b.example/vienna"]),  # the site
        ("100%", ["https://b.example/vienna"]),
        ("%", []),  # LIKE's wildcards are taken literally
        ("_", ["https://b.example/vienna"]),
        ("oslo vienna", []),
        ("", ["https://b.example/vienna", "https://a.example/oslo"]),
    ],
)
async def test_the_record_can_be_searched(tmp_path: Path, search: str, found: list[str]) -> None:
    store = await Store.open(tmp_path / "r.sqlite3")
    try:
        await store.record_read(1, brief("https://a.example/oslo", "Talks resume in Oslo"),
                                via="brief", at=T0 + 1000.0)  # fmt: skip
        await store.record_read(
            1, brief("https://b.example/vienna", "Vienna 100 sure", "Wire_Service"),
            via="auto", at=T0 + 2000.0,
        )  # fmt: skip
        if search == "100%":
            await store.record_read(
                1, brief("https://b.example/vienna", "Vienna 100% sure", "Wire_Service"),
                via="auto", at=T0 + 2001.0,
            )  # fmt: skip
        reads, total = await store.coverage(1, search=search)
        assert [r.url for r in reads] == found and total == len(found)
    finally:
        await store.close()


async def test_old_posts_and_reads_are_pruned_at_open_and_a_server_can_be_forgotten(
    tmp_path: Path,
) -> None:
    path = tmp_path / "r.sqlite3"
    now = time.time()
    store = await Store.open(path)
    try:
        old = now - (READS_KEPT_DAYS + 1) * 86400
        await store.record_read(1, brief("https://a.example/old", "Old"), via="brief", at=old)
        await store.record_read(1, brief("https://a.example/new", "New"), via="brief", at=now)
        await store.record_read(2, brief("https://a.example/new", "New"), via="brief", at=now)
        await store.record_post(7, "https://a.example/stale", "jump", at=now - 3 * 86400)
        await store.record_post(7, "https://a.example/fresh", "jump", at=now)
        await store.set_autobrief(1, 7, True)
        await store.set_autobrief(1, 8, True)
        await store.set_guild_settings(1, sentences=3)
        # Before the prune both rows are there, but the year-old one is never shown.
        with sqlite3.connect(path) as raw:
            assert raw.execute("SELECT COUNT(*) FROM reads WHERE guild_id = 1").fetchone()[0] == 2
        assert [r.url for r in (await store.coverage(1))[0]] == ["https://a.example/new"]
    finally:
        await store.close()
    store = await Store.open(path)
    try:
        assert [r.url for r in (await store.coverage(1))[0]] == ["https://a.example/new"]
        with sqlite3.connect(path) as raw:
            posts = {r[0] for r in raw.execute("SELECT url FROM posts")}
        assert posts == {"https://a.example/fresh"}

        await store.record_read(1, brief("https://a.example/in-7", "In 7"), via="auto",
                                channel_id=7, at=now)  # fmt: skip
        await store.forget_channel(7)
        assert await store.autobrief_channels(1) == [8]
        assert [r.url for r in (await store.coverage(1))[0]] == ["https://a.example/new"]
        assert await store.recent_post(7, "https://a.example/fresh", 10 * 86400) is None

        await store.forget_guild(1)
        assert await store.coverage(1) == ([], 0)
        assert await store.autobrief_channels(1) == []
        assert (await store.get_guild_settings(1)).sentences is None
        assert (await store.coverage(2))[1] == 1  # another server keeps its record
    finally:
        await store.close()


def _open_at(path: str, start: float, results: multiprocessing.Queue[str]) -> None:
    while time.time() < start:  # every process opens the file at the same moment
        pass

    async def go() -> str:
        try:
            store = await Store.open(path)
        except Exception as exc:
            return f"{type(exc).__name__}: {exc}"
        version = await store.schema_version()
        await store.close()
        return f"schema {version}"

    results.put(asyncio.run(go()))


@pytest.mark.parametrize("old_version", [0, 1, 2])
def test_several_processes_migrating_one_file_at_once_all_succeed(
    tmp_path: Path, old_version: int
) -> None:
    context = multiprocessing.get_context("spawn")
    for trial in range(3):
        path = tmp_path / f"race{trial}.sqlite3"
        with sqlite3.connect(path) as raw:
            for number in range(old_version):
                raw.executescript(MIGRATIONS[number])
            raw.execute(f"PRAGMA user_version={old_version}")
        results: multiprocessing.Queue[str] = context.Queue()
        start = time.time() + 3.0  # after every process has started
        workers = [
            context.Process(target=_open_at, args=(str(path), start, results)) for _ in range(4)
        ]
        for worker in workers:
            worker.start()
        outcomes = [results.get(timeout=60) for _ in workers]
        for worker in workers:
            worker.join(timeout=30)
        assert outcomes == [f"schema {SCHEMA_VERSION}"] * 4
        with sqlite3.connect(path) as raw:
            tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master")}
        assert {"articles", "reads", "reads_by_guild"} <= tables


async def test_a_failed_settings_write_is_reported_as_the_stores(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    store = await Store.open(path)
    try:
        # A trigger that fails every write to guild_settings, like a full disk would.
        with sqlite3.connect(path) as raw:
            raw.execute(
                "CREATE TRIGGER full BEFORE INSERT ON guild_settings "
                "BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END"
            )
        with pytest.raises(StoreUnavailable, match="could not save to the database"):
            await store.set_guild_settings(1, sentences=3)
        # The control: other writes still go through, and the store is usable.
        await store.set_autobrief(1, 7, True)
        assert await store.autobrief_channels(1) == [7]
    finally:
        await store.close()


async def test_forgetting_a_person_erases_their_reads_in_every_server(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "r.sqlite3")
    try:
        oslo = brief("https://a.example/oslo", "Talks resume in Oslo")
        await store.record_read(1, oslo, via="brief", channel_id=5, user_id=100, at=T0)
        await store.record_read(2, oslo, via="auto", channel_id=7, user_id=100, at=T0 + 1)
        await store.record_read(1, oslo, via="brief", channel_id=5, user_id=101, at=T0 + 2)
        await store.record_read(1, oslo, via="auto", channel_id=5, at=T0 + 3)  # nobody's

        assert await store.forget_user(100) == 2
        reads, _ = await store.coverage(1)
        assert [(r.reads, r.readers) for r in reads] == [(2, 1)]  # 101's and nobody's stay
        assert await store.coverage(2) == ([], 0)
        assert await store.forget_user(100) == 0  # nothing left to erase
    finally:
        await store.close()
