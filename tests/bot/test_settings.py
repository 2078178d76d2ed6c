"""/settings: per-server defaults that /brief and auto-briefs then use."""

from __future__ import annotations

from diplobrief.store.sqlite import GuildSettings
from diplobrief.summary.summarize import DEFAULT_ALGORITHM
from tests.bot import payloads as p
from tests.bot.harness import Harness
from tests.bot.test_autobrief import defers_before_a_busy_store

ADMIN = {"who": p.ADMIN, "permissions": p.MANAGER}


async def test_settings_are_for_manage_server_unless_the_server_says_otherwise(
    harness: Harness,
) -> None:
    [command] = [c for c in harness.bot.tree.get_commands() if c.name == "settings"]
    assert command.default_permissions == p.discord.Permissions(manage_guild=True)
    # A member Discord lets run it (the server's override for a role) is not turned away.
    shown = await harness.answer(harness.command(p.slash("settings", sentences=3)))
    assert shown.ephemeral and "Saved" in shown.content
    saved = await harness.bot.briefer.store.get_guild_settings(p.GUILD_ID)
    assert saved.sentences == 3


async def test_settings_show_and_change_the_defaults(
    harness: Harness, page_server, article_html
) -> None:
    shown = await harness.answer(harness.command(p.slash("settings"), **ADMIN))
    assert shown.ephemeral
    assert "5 points (the bot's default)" in shown.content
    assert f"{DEFAULT_ALGORITHM} (the bot's default)" in shown.content

    changed = await harness.answer(
        harness.command(p.slash("settings", sentences=2, algorithm="luhn"), **ADMIN)
    )
    assert changed.content.startswith("Saved.")
    assert "2 points" in changed.content and "luhn" in changed.content

    url = page_server.add("/a.html", article_html)
    brief = await harness.answer(harness.command(p.slash("brief", url=url)))
    embed = brief.embeds[0]
    assert embed["description"].count("\n") == 1  # two points, the server's default
    assert "Luhn" in embed["footer"]["text"]
    explicit = await harness.answer(harness.command(p.slash("brief", url=url, sentences=4)))
    assert explicit.embeds[0]["description"].count("\n") == 3  # the option wins


async def test_settings_are_per_server(harness: Harness, page_server, article_html) -> None:
    await harness.answer(harness.command(p.slash("settings", sentences=2), **ADMIN))
    url = page_server.add("/a.html", article_html)
    shown = await harness.answer(harness.command(p.slash("brief", url=url), dm=True))
    assert shown.embeds[0]["description"].count("\n") == 4  # a DM gets the bot's default, 5


async def test_reset_clears_the_saved_values(harness: Harness, page_server, article_html) -> None:
    store = harness.bot.briefer.store
    options = {"sentences": 2, "algorithm": "luhn", "autobrief_min": 9}
    await harness.answer(harness.command(p.slash("settings", **options), **ADMIN))
    assert await store.get_guild_settings(p.GUILD_ID) == GuildSettings(2, "luhn", 9)

    reset = await harness.answer(harness.command(p.slash("settings", reset=True), **ADMIN))
    assert reset.ephemeral and reset.content.startswith("Reset.")
    assert await store.get_guild_settings(p.GUILD_ID) == GuildSettings()
    assert "5 points (the bot's default)" in reset.content
    assert f"{DEFAULT_ALGORITHM} (the bot's default)" in reset.content
    assert "6 sentences (the bot's default)" in reset.content
    url = page_server.add("/a.html", article_html)
    brief = await harness.answer(harness.command(p.slash("brief", url=url)))
    assert brief.embeds[0]["description"].count("\n") == 4  # the bot's 5 points again
    assert "luhn" not in brief.embeds[0]["footer"]["text"]


async def test_reset_then_set_in_one_command(harness: Harness) -> None:
    store = harness.bot.briefer.store
    await harness.answer(
        harness.command(p.slash("settings", sentences=2, algorithm="luhn"), **ADMIN)
    )
    both = await harness.answer(
        harness.command(p.slash("settings", reset=True, sentences=3), **ADMIN)
    )
    assert both.content.startswith("Reset, then saved.")
    assert "3 points" in both.content and f"{DEFAULT_ALGORITHM} (the bot's default)" in both.content
    assert await store.get_guild_settings(p.GUILD_ID) == GuildSettings(sentences=3)


async def test_autobrief_min_is_shown_and_saved(harness: Harness) -> None:
    store = harness.bot.briefer.store
    shown = await harness.answer(harness.command(p.slash("settings"), **ADMIN))
    assert "shorter than: 6 sentences (the bot's default)" in shown.content
    assert "`autobrief_min:`" in shown.content.splitlines()[-1]
    assert "reset" in shown.content.splitlines()[-1]

    changed = await harness.answer(harness.command(p.slash("settings", autobrief_min=12), **ADMIN))
    assert changed.content.startswith("Saved.")
    assert "shorter than: 12 sentences\n" in changed.content
    assert await store.get_guild_settings(p.GUILD_ID) == GuildSettings(autobrief_min=12)
    again = await harness.answer(harness.command(p.slash("settings"), **ADMIN))
    assert "shorter than: 12 sentences\n" in again.content

    zero = await harness.answer(harness.command(p.slash("settings", autobrief_min=0), **ADMIN))
    assert "shorter than: 0 sentences\n" in zero.content  # 0 is a value, not "unset"
    assert (await store.get_guild_settings(p.GUILD_ID)).autobrief_min == 0


async def test_settings_defer_before_the_store(harness: Harness, monkeypatch) -> None:
    await defers_before_a_busy_store(harness, monkeypatch, p.slash("settings"))
    await defers_before_a_busy_store(harness, monkeypatch, p.slash("settings", sentences=4))
