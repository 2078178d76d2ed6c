"""/settings: per-server defaults that /brief and auto-briefs then use."""

from __future__ import annotations

import payloads as p
from harness import Harness

from diplobrief.summarize import DEFAULT_ALGORITHM

ADMIN = {"who": p.ADMIN, "permissions": p.MANAGER}


async def test_settings_need_manage_server(harness: Harness) -> None:
    shown = await harness.answer(harness.command(p.slash("settings", sentences=3)))
    assert shown.ephemeral and "Manage Server" in shown.content
    saved = await harness.bot.briefer.store.get_guild_settings(p.GUILD_ID)
    assert saved.sentences is None


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
    assert "luhn" in embed["footer"]["text"]
    explicit = await harness.answer(harness.command(p.slash("brief", url=url, sentences=4)))
    assert explicit.embeds[0]["description"].count("\n") == 3  # the option wins


async def test_settings_are_per_server(harness: Harness, page_server, article_html) -> None:
    await harness.answer(harness.command(p.slash("settings", sentences=2), **ADMIN))
    url = page_server.add("/a.html", article_html)
    shown = await harness.answer(harness.command(p.slash("brief", url=url), dm=True))
    assert shown.embeds[0]["description"].count("\n") == 4  # a DM gets the bot's default, 5
