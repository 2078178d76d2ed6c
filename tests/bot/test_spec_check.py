"""The validator itself: each rule has a body that passes and one that must fail (none vacuous)."""

from __future__ import annotations

import copy

import aiohttp
import discord
import pytest

from tests.bot.spec_check import DiscordSpec, command_errors, embed_chars, ping_errors

CALLBACK = "/interactions/1/tok/callback"
FOLLOWUP = "/webhooks/1/tok"
CHANNEL = "/channels/1/messages"
COMMANDS = "/applications/1/commands"
QUIET = {"parse": [], "replied_user": False}


def reply(**data: object) -> dict[str, object]:
    return {"type": 4, "data": {"allowed_mentions": QUIET, **data}}


def embed_of(chars: int) -> dict[str, object]:
    """An embed of exactly `chars` characters, each part within its own limit."""
    description = min(4096, chars - 200)
    rest = chars - 200 - description
    # Each field costs its name (one character) plus its value.
    fields = [{"name": "n", "value": "v" * (min(1025, rest - i) - 1)} for i in range(0, rest, 1025)]
    return {"title": "t" * 200, "description": "d" * description, "fields": fields}


GOOD_COMMAND = {
    "name": "brief",
    "description": "Brief a news article",
    "type": 1,
    "options": [{"type": 3, "name": "url", "description": "Link", "required": True}],
    "default_member_permissions": None,
    "contexts": [0, 1],
}


def test_good_bodies_pass(spec: DiscordSpec) -> None:
    assert spec.errors("POST", CALLBACK, {"type": 5, "data": {"flags": 64}}) == []
    assert spec.errors("POST", CALLBACK, reply(content="hi", flags=64)) == []
    assert spec.errors("POST", FOLLOWUP, {"embeds": [embed_of(6000)]}) == []
    assert spec.errors("PUT", COMMANDS, [GOOD_COMMAND]) == []


def test_unknown_keys_fail(spec: DiscordSpec) -> None:
    errors = spec.errors("POST", CALLBACK, reply(content="hi", colour=1))
    assert errors and "colour" in errors[0]
    errors = spec.errors("POST", FOLLOWUP, {"embeds": [{"title": "t", "colour": 5}]})
    assert errors and "colour" in errors[0]
    misspelt = {**GOOD_COMMAND, "default_permission_member": "32"}
    assert spec.errors("PUT", COMMANDS, [misspelt])


def test_spec_limits_fail(spec: DiscordSpec) -> None:
    assert spec.errors("POST", FOLLOWUP, {"embeds": [{"title": "t" * 257}]})
    assert spec.errors("POST", FOLLOWUP, {"embeds": [{"description": "d" * 4097}]})
    fields = [{"name": "n", "value": "v"}] * 26
    assert spec.errors("POST", FOLLOWUP, {"embeds": [{"fields": fields}]})
    assert spec.errors(
        "POST", FOLLOWUP, {"embeds": [{"fields": [{"name": "n", "value": "v" * 1025}]}]}
    )
    assert spec.errors("POST", FOLLOWUP, {"embeds": [{"footer": {"text": "f" * 2049}}]})
    assert spec.errors("POST", CALLBACK, {"type": 99})


def test_embed_total_over_6000_fails(spec: DiscordSpec) -> None:
    assert spec.errors("POST", FOLLOWUP, {"embeds": [embed_of(3000), embed_of(3000)]}) == []
    errors = spec.errors("POST", FOLLOWUP, {"embeds": [embed_of(3000), embed_of(3001)]})
    assert any("6001" in e for e in errors)
    errors = spec.errors("POST", CALLBACK, reply(embeds=[embed_of(6001)]))
    assert any("6001" in e for e in errors)


def test_bot_content_over_2000_fails(spec: DiscordSpec) -> None:
    # The spec allows users 4,000 characters in a channel message; bots get 2,000.
    assert spec.errors("POST", CHANNEL, {"content": "x" * 2000}) == []
    assert any("2001" in e for e in spec.errors("POST", CHANNEL, {"content": "x" * 2001}))


def test_snowflakes_as_strings_or_integers(spec: DiscordSpec) -> None:
    for message_id in ("1180000000000000200", 1180000000000000200):
        body = {"content": "hi", "message_reference": {"message_id": message_id}}
        assert spec.errors("POST", CHANNEL, body) == []
    for bad in ("12a", -5):
        body = {"content": "hi", "message_reference": {"message_id": bad}}
        assert spec.errors("POST", CHANNEL, body)


def test_command_names_fail_when_not_discord_shaped(spec: DiscordSpec) -> None:
    for name in ("Brief", "brief links", "b" * 33, ""):
        assert spec.errors("PUT", COMMANDS, [{**GOOD_COMMAND, "name": name}]), name
    option = {"type": 3, "name": "URL", "description": "Link"}
    assert spec.errors("PUT", COMMANDS, [{**GOOD_COMMAND, "options": [option]}])
    menu = {"name": "Brief links", "type": 3}
    assert spec.errors("PUT", COMMANDS, [menu]) == []


def test_command_rules_without_the_spec() -> None:
    assert command_errors(GOOD_COMMAND) == []
    assert command_errors({**GOOD_COMMAND, "description": ""})
    nested = copy.deepcopy(GOOD_COMMAND)
    channel = {"type": 7, "name": "Channel", "description": "x"}
    nested["options"] = [{"type": 1, "name": "on", "description": "x", "options": [channel]}]
    assert command_errors(nested)


def test_routes_outside_the_spec_are_reported(spec: DiscordSpec) -> None:
    assert spec.errors("POST", "/no/such/route", {}) != []
    assert spec.route("PATCH", "/webhooks/1/tok/messages/@original") == (
        "/webhooks/{webhook_id}/{webhook_token}/messages/@original"
    )


def test_embed_chars_counts_like_discord_py() -> None:
    embed = discord.Embed(title="Title", description="Body text")
    embed.set_author(name="Site · Author")
    embed.set_footer(text="reduced by 80% · lexrank")
    embed.add_field(name="Key actors", value="A — b\nC — d")
    assert embed_chars(embed.to_dict()) == len(embed)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("mentions", "pings"),
    [
        (QUIET, False),
        ({"parse": []}, False),
        (None, True),
        ({"parse": ["everyone"]}, True),
        ({"parse": [], "users": ["123"]}, True),
        ({"parse": [], "replied_user": True}, True),
    ],
)
def test_ping_rule(mentions: dict[str, object] | None, pings: bool) -> None:
    body: dict[str, object] = {"content": "hello @everyone"}
    if mentions is not None:
        body["allowed_mentions"] = mentions
    template = "/channels/{channel_id}/messages"
    assert bool(ping_errors("POST", template, body)) is pings
    # A deferral carries no message, so it cannot ping.
    callback = "/interactions/{interaction_id}/{interaction_token}/callback"
    assert ping_errors("POST", callback, {"type": 5}) == []


async def test_the_fake_checks_what_it_receives(fake, spec: DiscordSpec) -> None:
    # The harness's own wiring: a bad body sent over HTTP is caught, so a clean run means something.
    async with aiohttp.ClientSession() as session:
        url = f"{fake.base}/api/v10/channels/1/messages"
        async with session.post(url, json={"content": "hi @everyone", "colour": 1}) as response:
            assert response.status == 200
    assert any("colour" in v for v in fake.violations)
    assert any("allowed_mentions" in v for v in fake.violations)
