"""/coverage: a server's reading record (public briefs only), and forgetting a server's data
when the bot is removed or a channel is deleted."""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import replace

import discord

from diplobrief.store.sqlite import Read
from tests.bot import payloads as p
from tests.bot.harness import Harness
from tests.store.test_sqlite import make

TIMESTAMP = re.compile(r"<t:\d+:R>")


async def test_public_briefs_make_the_record_private_ones_do_not(
    harness: Harness, page_server, article_html
) -> None:
    url = page_server.add("/summit.html", article_html)
    await harness.answer(harness.command(p.slash("brief", url=url)))
    await harness.answer(harness.command(p.slash("actors", url=url), who=p.ADMIN))
    secret = page_server.add("/secret.html", article_html.replace("<title>", "<title>Secret "))
    await harness.answer(harness.command(p.slash("brief", url=secret, private=True)))
    await harness.answer(harness.command(p.slash("brief", url=secret), dm=True))  # not a server
    await recorded(harness, reads=2)  # each read is written just after its answer is sent

    shown = await harness.answer(harness.command(p.slash("coverage")))
    assert not shown.ephemeral and len(shown.embeds) == 1
    embed = shown.embeds[0]
    assert embed["title"] == "What this server has read"
    lines = embed["description"].split("\n")
    assert len(lines) == 2  # one article: its link, then how it was read
    assert lines[0].startswith("1. [") and lines[0].endswith(f"]({url})")
    assert "read 2 times by 2 people, last " in lines[1] and TIMESTAMP.search(lines[1])
    assert "secret" not in embed["description"].lower()
    assert embed["footer"]["text"].endswith("private ones are not.")

    reads, total = await harness.bot.briefer.store.coverage(p.GUILD_ID)
    assert total == 1 and reads[0].reads == 2 and reads[0].readers == 2


async def test_search_days_and_nothing_found(harness: Harness, page_server, article_html) -> None:
    url = page_server.add("/summit.html", article_html)
    await harness.answer(harness.command(p.slash("brief", url=url)))
    title = (await recorded(harness, reads=1)).title
    assert title
    word = title.split()[0]

    found = await harness.answer(harness.command(p.slash("coverage", search=word, days=7)))
    assert found.embeds[0]["title"] == f"What this server has read in the last 7 days: “{word}”"
    assert url in found.embeds[0]["description"]

    none = await harness.answer(harness.command(p.slash("coverage", search="zzyzx", private=True)))
    assert none.ephemeral and not none.embeds
    assert none.content.startswith("Nothing has been briefed in this server that matches “zzyzx”")


async def test_coverage_is_for_servers(harness: Harness) -> None:
    shown = await harness.answer(harness.command(p.slash("coverage"), dm=True))
    assert shown.ephemeral and "server" in shown.content and not shown.embeds


async def test_a_long_record_of_hostile_titles_keeps_discords_limits(harness: Harness) -> None:
    store = harness.bot.briefer.store
    hostile = "**Bold** [click](https://evil.example/) ]( @everyone `x` " + "long " * 80
    for i in range(40):
        _, brief = make(f"https://news.example/{i}?a=(b)")
        brief = replace(brief, title=f"{i} {hostile}", site="Site [x](y)")
        await store.record_read(
            p.GUILD_ID, brief, via="brief", channel_id=p.CHANNEL_ID, user_id=i,
            at=time.time() - 1000 + i,
        )  # fmt: skip

    shown = await harness.answer(harness.command(p.slash("coverage")))
    embed = shown.embeds[0]  # the harness has checked it against Discord's spec and limits
    description = embed["description"]
    assert len(description) <= 4096 and len(embed["footer"]["text"]) <= 2048
    links = re.findall(r"\]\((\S+?)\)$", description, re.M)
    assert links and all(re.fullmatch(r"https://news\.example/\d+\?a=%28b%29", u) for u in links)
    assert not re.search(r"\]\(\s*<?https?://evil", description)  # no link but the article's
    assert "[x]" not in description and "[click]" not in description
    assert description.startswith("1. [39 ")  # newest first
    shown_count = len(re.findall(r"^\d+\. ", description, re.M))
    assert embed["footer"]["text"].startswith(f"{shown_count} of 40 articles, newest first.")
    assert shown_count <= 15


async def test_removal_forgets_the_server_and_a_deleted_channel_its_auto_briefs(
    harness: Harness,
) -> None:
    store = harness.bot.briefer.store
    _, brief = make("https://news.example/a")
    await store.record_read(p.GUILD_ID, brief, via="brief", user_id=1)
    await store.set_autobrief(p.GUILD_ID, p.CHANNEL_ID, True)
    await store.set_autobrief(p.GUILD_ID, p.OTHER_CHANNEL_ID, True)
    await store.set_guild_settings(p.GUILD_ID, sentences=3)
    state = harness.bot._connection

    channel = p.text_channel(p.OTHER_CHANNEL_ID, "europe", 1)
    state.parsers["CHANNEL_DELETE"]({**channel, "guild_id": str(p.GUILD_ID)})
    await _settle(harness)
    assert await store.autobrief_channels(p.GUILD_ID) == [p.CHANNEL_ID]

    state.parsers["GUILD_DELETE"]({"id": str(p.GUILD_ID), "unavailable": False})
    await _settle(harness)
    assert await store.coverage(p.GUILD_ID) == ([], 0)
    assert await store.autobrief_channels(p.GUILD_ID) == []
    assert (await store.get_guild_settings(p.GUILD_ID)).sentences is None


async def test_an_outage_only_hides_the_server_without_forgetting_it(harness: Harness) -> None:
    store = harness.bot.briefer.store
    _, brief = make("https://news.example/a")
    await store.record_read(p.GUILD_ID, brief, via="brief", channel_id=p.CHANNEL_ID, user_id=1)
    await store.set_autobrief(p.GUILD_ID, p.OTHER_CHANNEL_ID, True)
    state = harness.bot._connection
    state.parsers["GUILD_DELETE"]({"id": str(p.GUILD_ID), "unavailable": True})
    # A later event whose listener we can watch finish: the outage's would have run by then.
    state.parsers["THREAD_DELETE"](
        {"id": str(p.OTHER_CHANNEL_ID), "guild_id": str(p.GUILD_ID), "type": 11,
         "parent_id": str(p.CHANNEL_ID)}
    )  # fmt: skip
    for _ in range(500):
        if not await store.autobrief_channels(p.GUILD_ID):
            break
        await asyncio.sleep(0.01)
    assert await store.autobrief_channels(p.GUILD_ID) == []  # the thread's listener ran
    reads, _ = await store.coverage(p.GUILD_ID)
    assert [r.url for r in reads] == ["https://news.example/a"]  # the outage forgot nothing
    assert isinstance(reads[0], Read)


async def test_the_record_shows_only_channels_the_asker_can_see(harness: Harness) -> None:
    store = harness.bot.briefer.store
    for url, channel in (("https://news.example/open", p.CHANNEL_ID),
                         ("https://news.example/staff", p.QUIET_CHANNEL_ID)):  # fmt: skip
        _, brief = make(url)
        await store.record_read(p.GUILD_ID, brief, via="auto", channel_id=channel, user_id=1)
    hidden = p.channel_update(
        p.QUIET_CHANNEL_ID,
        "general",
        p.overwrite(p.GUILD_ID, deny=discord.Permissions(view_channel=True), role=True),
        p.overwrite(p.ADMIN_ID, allow=discord.Permissions(view_channel=True)),
    )
    harness.bot._connection.parsers["CHANNEL_UPDATE"](hidden)

    member = await harness.answer(harness.command(p.slash("coverage")))
    assert "news.example/open" in member.embeds[0]["description"]
    assert "staff" not in member.embeds[0]["description"]
    admin = await harness.answer(harness.command(p.slash("coverage"), who=p.ADMIN))
    assert "news.example/staff" in admin.embeds[0]["description"]


async def recorded(harness: Harness, reads: int, url: str | None = None) -> Read:
    """Wait until the record holds `reads` reads of one article (the newest, or `url`)."""
    found: list[Read] = []
    for _ in range(500):
        found, _total = await harness.bot.briefer.store.coverage(p.GUILD_ID)
        match = [r for r in found if url is None or r.url == url][:1]
        if match and match[0].reads >= reads:
            return match[0]
        await asyncio.sleep(0.01)
    raise AssertionError(f"the record never reached {reads} reads: {found}")


async def _settle(harness: Harness) -> None:
    """Let the listeners the gateway event started run to the end."""
    import asyncio

    for _ in range(20):
        await asyncio.sleep(0.01)


async def test_a_read_in_a_thread_shows_to_whoever_sees_its_channel(
    harness: Harness, page_server, article_html
) -> None:
    url = page_server.add("/summit.html", article_html)
    thread_id = p.QUIET_CHANNEL_ID + 1000
    public = p.thread_channel(thread_id, parent_id=p.CHANNEL_ID)
    # (a member who may post in threads: one who may not is answered privately, unrecorded)
    poster = discord.Permissions(
        p.EVERYDAY.value | discord.Permissions(send_messages_in_threads=True).value
    )
    await harness.answer(
        harness.command(p.slash("brief", url=url), channel=public, permissions=poster)
    )
    read = await recorded(harness, reads=1)
    assert read.url == url
    # Asked from the channel itself (the thread is not in the bot's cache, as an archived one
    # is not), the member still sees the thread's read, through its parent.
    shown = await harness.answer(harness.command(p.slash("coverage")))
    assert url in shown.embeds[0]["description"]

    secret = page_server.add("/secret.html", article_html)
    private = {**p.thread_channel(thread_id + 1, parent_id=p.CHANNEL_ID), "type": 12}
    await harness.answer(
        harness.command(p.slash("brief", url=secret), channel=private, permissions=poster)
    )
    await recorded(harness, reads=1, url=secret)
    member = await harness.answer(harness.command(p.slash("coverage")))
    assert secret not in member.embeds[0]["description"]  # a private thread's read stays there
    inside = await harness.answer(harness.command(p.slash("coverage"), channel=private))
    assert secret in inside.embeds[0]["description"]
    manager = discord.Permissions(p.EVERYDAY.value | discord.Permissions(manage_threads=True).value)
    moderator = await harness.answer(
        harness.command(p.slash("coverage"), who=p.ADMIN, permissions=manager)
    )
    assert secret in moderator.embeds[0]["description"]
