"""Starting and stopping: no token, cogs loading, intents, and SIGTERM closing the store."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import discord
import pytest

import bot as botmod
from diplobrief import pipeline
from diplobrief.config import Settings
from diplobrief.store.sqlite import Store
from tests.bot import payloads as p
from tests.bot.fake_discord import FakeDiscord
from tests.bot.harness import Harness
from tests.support import ROOT


def run_bot_py(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD", "DIPLOBRIEF"))}
    return subprocess.run(
        [sys.executable, str(ROOT / "bot.py"), *args],
        cwd=cwd,  # no .env there
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_no_token_explains_and_exits_2(tmp_path: Path) -> None:
    done = run_bot_py(cwd=tmp_path)
    assert done.returncode == 2
    assert "Setting up the Discord application" in done.stderr
    assert "DISCORD_TOKEN" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    synced = run_bot_py("--sync", cwd=tmp_path)
    assert synced.returncode == 2 and "Traceback" not in synced.stderr


def test_the_no_token_message_says_where_env_is_read(tmp_path: Path) -> None:
    done = run_bot_py(cwd=tmp_path)
    assert "next to" not in done.stderr
    assert "in the folder you start the bot from" in done.stderr
    assert str(tmp_path.resolve()) in done.stderr
    # And it is so: a .env in that folder is read (here a bad value in it stops the start).
    (tmp_path / ".env").write_text("DIPLOBRIEF_FETCH_TIMEOUT=soon\n", encoding="utf-8")
    done = run_bot_py(cwd=tmp_path)
    assert done.returncode == 2 and "bad settings" in done.stderr, done.stderr


def test_guild_needs_sync(tmp_path: Path) -> None:
    done = run_bot_py("--guild", "123", cwd=tmp_path)
    assert done.returncode == 2 and "--guild goes with --sync" in done.stderr


def test_intents() -> None:
    full = botmod.intents()
    assert (full.guilds, full.guild_messages, full.message_content) == (True, True, True)
    assert not full.members and not full.presences and not full.dm_messages
    assert not botmod.intents(message_content=False).message_content


async def test_every_cog_loads(harness) -> None:
    assert set(harness.bot.extensions) == set(botmod.EXTENSIONS)
    assert set(harness.bot.cogs) == {
        "Errors",
        "Briefs",
        "AutoBrief",
        "ServerSettings",
        "Coverage",
        "Feeds",
        "Help",
    }


async def test_a_broken_cog_is_logged_and_the_rest_load(
    fake: FakeDiscord, settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    monkeypatch.setattr(botmod, "EXTENSIONS", ("cogs._no_such_cog", *botmod.EXTENSIONS))
    bot = botmod.create_bot(settings)
    try:
        await bot.login("token")
        assert set(bot.extensions) == set(botmod.EXTENSIONS[1:])
        assert any("cogs._no_such_cog" in r.getMessage() for r in caplog.records)
    finally:
        await bot.close()


async def test_sigterm_closes_the_store(
    fake: FakeDiscord, settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    bot = botmod.create_bot(settings)

    async def no_gateway(*, reconnect: bool = True) -> None:
        # There is no fake gateway: stay "connected" until closed.
        while not bot.is_closed():
            await asyncio.sleep(0.01)

    monkeypatch.setattr(bot, "connect", no_gateway)
    caplog.set_level(logging.INFO)
    running = asyncio.create_task(botmod.run(bot, "token"))
    await fake.wait_until(lambda: bot.briefer is not None)
    store = bot.briefer.store
    await store.set_autobrief(1, 2, True)  # something to be saved
    os.kill(os.getpid(), signal.SIGTERM)
    assert await asyncio.wait_for(running, 30) == 0
    assert bot.is_closed() and bot.briefer is None
    assert any("signal received" in r.getMessage() for r in caplog.records)
    # A cleanly closed SQLite database in WAL mode checkpoints and removes its -wal file.
    assert not Path(settings.db_path + "-wal").exists()
    assert Path(settings.db_path).stat().st_size > 0


async def test_without_the_message_content_intent_commands_still_work(
    fake: FakeDiscord, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[botmod.DiplobriefBot] = []

    async def connect(self: botmod.DiplobriefBot, *, reconnect: bool = True) -> None:
        started.append(self)
        if self.intents.message_content:
            # What discord.py raises when the gateway closes with 4014 (intent not enabled).
            raise discord.PrivilegedIntentsRequired(None)
        while not self.is_closed():
            await asyncio.sleep(0.01)

    monkeypatch.setattr(botmod.DiplobriefBot, "connect", connect)
    serving = asyncio.create_task(botmod.serve(settings, "token"))
    await fake.wait_until(lambda: len(started) == 2 and started[1].briefer is not None)
    first, second = started
    assert first.is_closed() and first.briefer is None
    assert not second.intents.message_content

    fake.connect(second)
    token = fake.send_interaction(second, p.interaction(p.slash("brief", url="nope")))
    await fake.wait_until(lambda: fake.answered(token))
    assert fake.visible(token)[0].ephemeral

    os.kill(os.getpid(), signal.SIGTERM)
    assert await asyncio.wait_for(serving, 30) == 0
    assert second.is_closed()


async def test_closing_with_a_brief_in_flight_answers_it_and_logs_no_error(
    fake: FakeDiscord,
    settings: Settings,
    page_server,
    article_html: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    started = threading.Event()
    real = pipeline.analyse_page

    def slow(*args: object) -> object:  # in the analysis thread (workers=0)
        started.set()
        time.sleep(0.4)
        return real(*args)

    monkeypatch.setattr(pipeline, "analyse_page", slow)
    url = page_server.add("/news/slow.html", article_html)
    bot = botmod.create_bot(settings)
    await bot.login("token")
    fake.connect(bot)
    harness = Harness(bot, fake)
    token = harness.command(p.slash("brief", url=url))
    assert await asyncio.to_thread(started.wait, 10)
    await bot.close()  # while the brief is being analysed
    assert bot.is_closed() and bot.briefer is None
    shown = await harness.answer(token, timeout=5)  # the answer got out before Discord closed
    assert [e["url"] for e in shown.embeds] == [url]
    voice = "voice will NOT be supported"  # (discord.py, at login)
    problems = [
        m
        for r in caplog.records
        if r.levelno >= logging.WARNING
        and voice not in (m := r.getMessage())
        and "block is widened" not in m
    ]
    assert not problems  # no "Cannot operate on a closed database", nothing
    store = await Store.open(settings.db_path)
    try:  # the read was recorded before the store closed
        reads, _ = await store.coverage(p.GUILD_ID)
        assert [r.url for r in reads] == [url]
    finally:
        await store.close()


async def test_closing_tells_whoever_still_waits_that_the_bot_is_restarting(
    fake: FakeDiscord, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(botmod, "ANSWER_GRACE", 0.2)
    bot = botmod.create_bot(settings)
    await bot.login("token")
    fake.connect(bot)
    harness = Harness(bot, fake)
    asked = asyncio.Event()

    async def stuck(*args: object, **kwargs: object) -> object:
        asked.set()
        await asyncio.sleep(60)  # past any grace: no brief to cancel, just a slow command
        raise AssertionError("never answered")

    monkeypatch.setattr(bot.briefer.store, "coverage", stuck)
    public = harness.command(p.slash("coverage"))
    private = harness.command(p.slash("coverage", private=True), who=p.ADMIN)
    await asyncio.wait_for(asked.wait(), 10)
    await fake.wait_until(lambda: all(fake.visible(t) for t in (public, private)))
    assert fake.visible(public)[0].loading and not fake.visible(public)[0].ephemeral

    started = time.monotonic()
    await bot.close()
    assert time.monotonic() - started < 10
    for token in (public, private):
        shown = [m for m in fake.visible(token) if not m.deleted]
        # No "thinking…" left behind: one private note, the public one removed.
        assert [(m.ephemeral, m.loading, m.content) for m in shown] == [
            (True, False, "I'm restarting; try again in a moment.")
        ], shown
