"""Registering the commands (python bot.py --sync): the payload Discord gets is valid and right."""

from __future__ import annotations

import pytest

import bot as botmod
from bot import sync
from diplobrief.config import Settings
from diplobrief.summary.summarize import ALGORITHMS
from tests.bot import payloads as p
from tests.bot.fake_discord import FakeDiscord
from tests.bot.harness import Harness

GLOBAL = "/applications/{application_id}/commands"
GUILD = "/applications/{application_id}/guilds/{guild_id}/commands"
MANAGE_GUILD = 1 << 5


async def test_global_sync_payload(harness: Harness) -> None:
    registered = await sync(harness.bot)
    [request] = harness.fake.find("PUT", GLOBAL)
    assert request.params["application_id"] == str(p.APP_ID)
    commands = {c["name"]: c for c in request.body}
    assert set(commands) == {
        "brief",
        "actors",
        "autobrief",
        "settings",
        "coverage",
        "feed",
        "help",
        "about",
        "forget-me",
        "Brief links",
    }
    assert {c.name for c in registered} == set(commands)

    brief = commands["brief"]
    options = {o["name"]: o for o in brief["options"]}
    assert list(options) == ["url", "sentences", "algorithm", "private", "no_quotes"]
    assert options["no_quotes"]["type"] == 5  # a boolean
    assert options["url"]["required"] is True
    assert (options["sentences"]["min_value"], options["sentences"]["max_value"]) == (1, 10)
    assert [c["value"] for c in options["algorithm"]["choices"]] == list(ALGORITHMS)
    assert sorted(brief["contexts"]) == [0, 1]  # servers and DMs with the bot
    assert brief["default_member_permissions"] is None

    for admin in ("autobrief", "settings", "feed"):
        assert int(commands[admin]["default_member_permissions"]) == MANAGE_GUILD
        assert commands[admin]["contexts"] == [0]  # servers only
    settings = {o["name"]: o for o in commands["settings"]["options"]}
    assert list(settings) == ["sentences", "algorithm", "autobrief_min", "reset"]
    assert not any(o.get("required") for o in settings.values())  # no options: show them
    minimum = settings["autobrief_min"]
    assert (minimum["type"], minimum["min_value"], minimum["max_value"]) == (4, 0, 50)
    assert settings["reset"]["type"] == 5  # a boolean
    assert all(len(o["description"]) <= 100 for o in settings.values())
    subcommands = [o["name"] for o in commands["autobrief"]["options"]]
    assert subcommands == ["enable", "disable", "status", "domains", "sources"]
    for sub in commands["autobrief"]["options"][:2]:  # text, announcement and forum channels
        assert sorted(sub["options"][0]["channel_types"]) == [0, 5, 15]
    domains = {o["name"]: o for o in commands["autobrief"]["options"][3]["options"]}
    assert [c["value"] for c in domains["action"]["choices"]] == ["allow", "deny", "remove", "list"]
    assert domains["action"]["required"] and not domains["domain"].get("required")
    feed = [o["name"] for o in commands["feed"]["options"]]
    assert feed == ["add", "list", "remove"]
    assert commands["Brief links"]["type"] == 3  # a message context menu
    for everyone in ("help", "about", "forget-me"):
        assert commands[everyone]["default_member_permissions"] is None
        assert sorted(commands[everyone]["contexts"]) == [0, 1]  # servers and DMs
        assert "options" not in commands[everyone] or not commands[everyone]["options"]


async def test_guild_sync_payload(harness: Harness) -> None:
    await sync(harness.bot, p.GUILD_ID)
    [request] = harness.fake.find("PUT", GUILD)
    assert request.params["guild_id"] == str(p.GUILD_ID)
    assert {c["name"] for c in request.body} >= {"brief", "autobrief", "Brief links"}
    assert harness.fake.find("PUT", GLOBAL) == []


async def test_sync_refuses_when_a_cog_failed_to_load(
    fake: FakeDiscord, settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    # Discord replaces the whole list: a sync without one cog would delete its commands.
    monkeypatch.setattr(botmod, "EXTENSIONS", (*botmod.EXTENSIONS, "cogs._no_such_cog"))
    assert await botmod.run_sync(settings, "token", None) == 1
    assert await botmod.run_sync(settings, "token", p.GUILD_ID) == 1
    err = capsys.readouterr().err
    assert "not syncing" in err and "cogs._no_such_cog" in err and "Traceback" not in err
    assert fake.find("PUT", GLOBAL) == [] and fake.find("PUT", GUILD) == []

    bot = botmod.create_bot(settings)
    bot.open_core = False
    try:
        await bot.login("token")
        with pytest.raises(botmod.PartialCommands, match="no_such_cog"):
            await sync(bot)
    finally:
        await bot.close()
    assert fake.find("PUT", GLOBAL) == []


async def test_clear_removes_one_servers_commands_only(
    fake: FakeDiscord, settings: Settings, capsys
) -> None:
    assert await botmod.run_sync(settings, "token", p.GUILD_ID) == 0
    assert await botmod.run_sync(settings, "token", p.GUILD_ID, clearing=True) == 0
    first, cleared = fake.find("PUT", GUILD)
    assert first.body and cleared.body == []  # Discord drops whatever the list leaves out
    assert cleared.params["guild_id"] == str(p.GUILD_ID)
    assert fake.find("PUT", GLOBAL) == []  # the global commands stay
    assert f"cleared the commands registered on server {p.GUILD_ID}" in capsys.readouterr().out


def test_clear_needs_a_server_and_goes_alone(capsys) -> None:
    assert botmod.parse_args(["--clear", "--guild", "5"]).clear
    for wrong, said in (
        (["--clear"], "--clear needs --guild ID"),
        (["--clear", "--sync", "--guild", "5"], "go separately"),
        (["--guild", "5"], "--guild goes with --sync or --clear"),
    ):
        with pytest.raises(SystemExit) as exit_:
            botmod.parse_args(wrong)
        assert exit_.value.code == 2 and said in capsys.readouterr().err
