"""Registering the commands (python bot.py --sync): the payload Discord gets is valid and right."""

from __future__ import annotations

import payloads as p
from harness import Harness

from bot import sync
from diplobrief.summarize import ALGORITHMS

GLOBAL = "/applications/{application_id}/commands"
GUILD = "/applications/{application_id}/guilds/{guild_id}/commands"
MANAGE_GUILD = 1 << 5


async def test_global_sync_payload(harness: Harness) -> None:
    registered = await sync(harness.bot)
    [request] = harness.fake.find("PUT", GLOBAL)
    assert request.params["application_id"] == str(p.APP_ID)
    commands = {c["name"]: c for c in request.body}
    assert set(commands) == {"brief", "actors", "autobrief", "settings", "Brief links"}
    assert {c.name for c in registered} == set(commands)

    brief = commands["brief"]
    options = {o["name"]: o for o in brief["options"]}
    assert list(options) == ["url", "sentences", "algorithm", "private"]
    assert options["url"]["required"] is True
    assert (options["sentences"]["min_value"], options["sentences"]["max_value"]) == (1, 10)
    assert [c["value"] for c in options["algorithm"]["choices"]] == list(ALGORITHMS)
    assert sorted(brief["contexts"]) == [0, 1]  # servers and DMs with the bot
    assert brief["default_member_permissions"] is None

    for admin in ("autobrief", "settings"):
        assert int(commands[admin]["default_member_permissions"]) == MANAGE_GUILD
        assert commands[admin]["contexts"] == [0]  # servers only
    subcommands = [o["name"] for o in commands["autobrief"]["options"]]
    assert subcommands == ["enable", "disable", "status"]
    assert commands["Brief links"]["type"] == 3  # a message context menu


async def test_guild_sync_payload(harness: Harness) -> None:
    await sync(harness.bot, p.GUILD_ID)
    [request] = harness.fake.find("PUT", GUILD)
    assert request.params["guild_id"] == str(p.GUILD_ID)
    assert {c["name"] for c in request.body} >= {"brief", "autobrief", "Brief links"}
    assert harness.fake.find("PUT", GLOBAL) == []
