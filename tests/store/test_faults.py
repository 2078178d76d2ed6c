"""The store under faults: a writer killed mid-batch, a full disk, garbage in the file."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from diplobrief.config import Settings
from diplobrief.errors import StoreUnavailable
from diplobrief.pipeline import Briefer
from diplobrief.store.sqlite import Store
from tests.store.test_sqlite import make
from tests.support import PageServer, read_fixture

WRITER = textwrap.dedent(
    """
    import asyncio, sys
    from diplobrief.store.sqlite import Store
    from tests.store.test_sqlite import make

    async def main(path):
        store = await Store.open(path)
        i = 0
        while True:
            article, brief = make(f"https://k.example/{i}")
            keys = [article.url, f"https://k.example/alias/{i}"]
            await store.put(article, brief, keys=keys, sentences=3)
            print(i, flush=True)  # only after the commit returned
            i += 1

    asyncio.run(main(sys.argv[1]))
    """
)


async def test_sigkill_mid_batch_loses_nothing_committed(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
    )
    committed: list[int] = []
    assert proc.stdout is not None
    try:
        while len(committed) < 100:
            line = await asyncio.wait_for(asyncio.to_thread(proc.stdout.readline), 60)
            assert line, "the writer died before it was killed"
            committed.append(int(line))
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL

    store = await Store.open(path)
    try:
        assert await store.integrity_check() == "ok"
        for i in committed:
            _, brief = make(f"https://k.example/{i}")
            assert await store.get_brief(f"https://k.example/alias/{i}", 3, "lexrank") == brief
        assert await store.count_briefs() >= len(committed)
    finally:
        await store.close()


async def test_full_disk_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "full.sqlite3"
    store = await Store.open(path)
    try:
        article, brief = make("https://f.example/0")
        await store.put(article, brief, keys=[article.url], sentences=3)
        # Cap the file at its current size: the next page it needs fails like a full disk.
        await store._db.execute("PRAGMA max_page_count = 1")
        big_article, big_brief = make("https://f.example/big", n=2000)
        with pytest.raises(StoreUnavailable, match="could not save"):
            await store.put(big_article, big_brief, keys=[big_article.url], sentences=3)
        # what was there is still served
        assert await store.get_brief("https://f.example/0", 3, "lexrank") == brief
    finally:
        await store.close()


async def test_garbage_file_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreUnavailable, match="cannot use"):
        await Store.open(path)


async def test_bot_keeps_briefing_when_the_disk_fills(
    tmp_path: Path, page_server: PageServer, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(
        db_path=str(tmp_path / "full.sqlite3"), workers=0, fetch_allow_networks="127.0.0.0/8"
    )
    first = page_server.add("/first", read_fixture("treaty-talks.html"))
    second = page_server.add(
        "/second", read_fixture("treaty-talks.html").replace("Tuesday", "Wednesday")
    )
    async with await Briefer.open(settings) as briefer:
        assert briefer.store is not None
        stored = await briefer.brief(first, sentences=3)
        await briefer.store._db.execute("PRAGMA max_page_count = 1")  # the disk is now full
        fresh = await briefer.brief(second, sentences=3)
        assert fresh.summary and not fresh.cached
        assert "could not cache" in caplog.text
        # nothing stored before is lost, and the uncached page is simply fetched again
        again = await briefer.brief(first, sentences=3)
        assert again.cached and again.summary == stored.summary
        await briefer.brief(second, sentences=3)
        assert page_server.hits("/second") == 2
