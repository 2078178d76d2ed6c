"""The fake Discord harness: the real bot (create_bot) logged in against a loopback Discord."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import discord
import pytest

from bot import create_bot
from diplobrief.config import Settings
from tests.bot.fake_discord import FakeDiscord
from tests.bot.harness import Harness
from tests.bot.spec_check import DiscordSpec, spec_path

FIXTURES = Path(__file__).parent / "fixtures"
TOKEN = "fake-bot-token"
_SPEC: list[DiscordSpec | None] = []


def load_spec() -> DiscordSpec | None:
    """The spec, once per run; None when it is not there (spec checks then skip)."""
    if not _SPEC:
        path = spec_path()
        _SPEC.append(DiscordSpec.load(path) if path.is_file() else None)
    return _SPEC[0]


@pytest.fixture
def spec() -> DiscordSpec:
    found = load_spec()
    if found is None:
        pytest.skip(f"Discord's OpenAPI spec is not at {spec_path()} (set DIPLOBRIEF_DISCORD_SPEC)")
    return found


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord(load_spec())
    await server.start()
    # discord.py builds every REST URL (webhooks and interaction callbacks too) from Route.BASE.
    monkeypatch.setattr(discord.http.Route, "BASE", server.base + "/api/v10")
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def harness(fake: FakeDiscord, settings: Settings) -> AsyncIterator[Harness]:
    bot = create_bot(settings)
    await bot.login(TOKEN)  # GET /users/@me, GET /oauth2/applications/@me, then setup_hook
    fake.connect(bot)
    try:
        yield Harness(bot, fake)
    finally:
        await bot.close()
    assert not fake.violations, "\n".join(fake.violations)
    assert not fake.unhandled, fake.unhandled


@pytest.fixture
def article_html() -> str:
    return (FIXTURES / "summit.html").read_text(encoding="utf-8")
