"""Auto-briefs: /autobrief and the replies to links posted in enabled channels."""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
import time
from collections.abc import Awaitable, Callable
from typing import Any

import discord
import pytest

from cogs._common import BRIEF_RATE
from cogs.autobrief import CHANNEL_RATE, MAX_LINKS, earlier_line, source_id
from diplobrief.errors import StoreUnavailable
from tests.bot import payloads as p
from tests.bot.harness import Harness

CHANNEL_POSTS = "/channels/{channel_id}/messages"


async def probe(harness: Harness, page_server, article_html, channel_id: int) -> None:
    """Post a link in another enabled channel and wait for its reply: every message posted
    before it has been handled by then (the listener checks in arrival order)."""
    url = page_server.add("/probe.html", article_html)
    before = len(harness.fake.posts(channel_id))
    harness.post(url, channel_id=channel_id)
    await harness.replies(channel_id, before + 1)


def gateway(harness: Harness, event: str, data: dict[str, Any]) -> None:
    """Deliver a gateway event (CHANNEL_UPDATE, THREAD_CREATE...) to the bot."""
    harness.bot._connection.parsers[event](data)


def jump_to(reply: Any, channel_id: int = p.CHANNEL_ID) -> str:
    return f"https://discord.com/channels/{p.GUILD_ID}/{channel_id}/{reply.response['id']}"


async def eventually(check: Callable[[], Awaitable[Any]], timeout: float = 10.0) -> Any:
    """Poll an async check until it gives something true."""
    deadline = time.monotonic() + timeout
    while True:
        result = await check()
        if result or time.monotonic() > deadline:
            return result
        await asyncio.sleep(0.02)


async def test_autobrief_is_for_manage_server_unless_the_server_says_otherwise(
    harness: Harness,
) -> None:
    [group] = [c for c in harness.bot.tree.get_commands() if c.name == "autobrief"]
    assert group.default_permissions == discord.Permissions(manage_guild=True)
    # Discord sends the command only to those the server lets run it (a news-mod role without
    # Manage Server, here): the bot does not overrule it.
    token = harness.command(p.subcommand("autobrief", "enable"))
    shown = await harness.answer(token)
    assert shown.ephemeral and "on in" in shown.content
    assert await harness.bot.briefer.store.is_autobrief(p.CHANNEL_ID)
    shown = await harness.answer(harness.command(p.subcommand("autobrief", "status")))
    assert f"<#{p.CHANNEL_ID}>" in shown.content


async def test_enable_status_disable(harness: Harness) -> None:
    admin = {"who": p.ADMIN, "permissions": p.MANAGER}
    channel = {"id": p.OTHER_CHANNEL_ID, "name": "europe"}
    shown = await harness.answer(
        harness.command(p.subcommand("autobrief", "enable", channel=channel), **admin)
    )
    assert shown.ephemeral and f"<#{p.OTHER_CHANNEL_ID}>" in shown.content
    status = await harness.answer(harness.command(p.subcommand("autobrief", "status"), **admin))
    assert f"<#{p.OTHER_CHANNEL_ID}>" in status.content
    await harness.answer(
        harness.command(p.subcommand("autobrief", "disable", channel=channel), **admin)
    )
    status = await harness.answer(harness.command(p.subcommand("autobrief", "status"), **admin))
    assert "off everywhere" in status.content


CALLBACK = "/interactions/{interaction_id}/{interaction_token}/callback"
STORE_CALLS = (
    "set_autobrief",
    "autobrief_channels",
    "autobrief_domains",
    "set_autobrief_domain",
    "remove_autobrief_domain",
    "get_guild_settings",
    "set_guild_settings",
)


async def defers_before_a_busy_store(harness: Harness, monkeypatch, command: dict) -> None:
    """Run a command while the store hangs: it says "thinking…" (only to the asker) first,
    then answers once the store is back."""
    store = harness.bot.briefer.store
    busy = asyncio.Event()

    def slowed(real: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        async def slow(*args: Any, **kwargs: Any) -> Any:
            await busy.wait()
            return await real(*args, **kwargs)

        return slow

    for name in STORE_CALLS:
        monkeypatch.setattr(store, name, slowed(getattr(store, name)))
    token = harness.command(command, who=p.ADMIN, permissions=p.MANAGER)
    deferred = await harness.fake.wait_until(
        lambda: [r.body for r in harness.fake.find("POST", CALLBACK) if token in r.path]
    )
    assert deferred == [{"type": 5, "data": {"flags": 64}}]
    assert not harness.fake.answered(token)
    busy.set()
    shown = await harness.answer(token)
    assert shown.ephemeral and shown.content


@pytest.mark.parametrize(
    "command",
    [
        p.subcommand("autobrief", "enable"),
        p.subcommand("autobrief", "disable"),
        p.subcommand("autobrief", "status"),
        p.subcommand("autobrief", "domains", action="deny", domain="example.org"),
        p.subcommand("autobrief", "domains", action="list"),
    ],
    ids=["enable", "disable", "status", "domains-deny", "domains-list"],
)
async def test_autobrief_defers_before_the_store(
    harness: Harness, monkeypatch, command: dict
) -> None:
    await defers_before_a_busy_store(harness, monkeypatch, command)


@pytest.mark.parametrize("where", ["thread", "voice"])
async def test_enable_in_a_thread_or_voice_chat_says_what_works(
    harness: Harness, where: str
) -> None:
    channel_id = p.snowflake()
    channel = p.thread_channel(channel_id) if where == "thread" else p.voice_channel(channel_id)
    token = harness.command(
        p.subcommand("autobrief", "enable"), who=p.ADMIN, permissions=p.MANAGER, channel=channel
    )
    shown = await harness.answer(token)
    assert shown.ephemeral
    assert "text channels" in shown.content and "`channel:`" in shown.content
    assert "only in a server" not in shown.content
    assert await harness.bot.briefer.store.autobrief_channels(p.GUILD_ID) == []


async def test_disable_in_a_thread_does_not_claim_the_channel_is_off(harness: Harness) -> None:
    await harness.enable_autobrief()
    thread = p.thread_channel(p.snowflake(), p.CHANNEL_ID)
    command = p.subcommand("autobrief", "disable")
    token = harness.command(command, who=p.ADMIN, permissions=p.MANAGER, channel=thread)
    shown = await harness.answer(token)
    assert shown.ephemeral and f"still on in <#{p.CHANNEL_ID}>" in shown.content
    assert await harness.bot.briefer.store.is_autobrief(p.CHANNEL_ID)
    channel = {"id": p.CHANNEL_ID, "name": "world-news"}
    off = p.subcommand("autobrief", "disable", channel=channel)
    await harness.answer(harness.command(off, who=p.ADMIN, permissions=p.MANAGER))
    shown = await harness.answer(
        harness.command(command, who=p.ADMIN, permissions=p.MANAGER, channel=thread)
    )
    assert f"off here, as they are in <#{p.CHANNEL_ID}>" in shown.content


async def test_enable_warns_when_threads_are_out_of_reach(harness: Harness) -> None:
    admin = {"who": p.ADMIN, "permissions": p.MANAGER}
    enable = p.subcommand("autobrief", "enable")
    # @everyone may not post in threads here, and so neither may the bot.
    shown = await harness.answer(harness.command(enable, **admin))
    assert "on in" in shown.content and "send messages in threads" in shown.content
    may = p.overwrite(p.APP_ID, allow=discord.Permissions(send_messages_in_threads=True))
    gateway(harness, "CHANNEL_UPDATE", p.channel_update(p.CHANNEL_ID, "world-news", may))
    shown = await harness.answer(harness.command(enable, **admin))
    assert "on in" in shown.content and "threads" not in shown.content


async def test_a_forum_channel_can_be_enabled_and_its_posts_briefed(
    harness: Harness, page_server, article_html
) -> None:
    forum_id, post_id = p.snowflake(), p.snowflake()
    gateway(harness, "CHANNEL_CREATE", p.forum_channel(forum_id, "dispatches"))
    forum = {"id": forum_id, "name": "dispatches", "type": 15}
    enable = p.subcommand("autobrief", "enable", channel=forum)
    shown = await harness.answer(harness.command(enable, who=p.ADMIN, permissions=p.MANAGER))
    assert f"on in <#{forum_id}>" in shown.content
    assert "I need send messages in threads" in shown.content  # forum posts are threads
    assert await harness.bot.briefer.store.is_autobrief(forum_id)
    may = p.overwrite(p.APP_ID, allow=discord.Permissions(send_messages_in_threads=True))
    gateway(harness, "CHANNEL_UPDATE", p.forum_channel(forum_id, "dispatches", may))
    shown = await harness.answer(harness.command(enable, who=p.ADMIN, permissions=p.MANAGER))
    assert "need" not in shown.content
    gateway(harness, "THREAD_CREATE", p.thread_create(post_id, forum_id))
    url = page_server.add("/a.html", article_html)
    harness.post(url, channel_id=post_id)
    [reply] = await harness.replies(post_id, 1)
    assert [e["url"] for e in reply.body["embeds"]] == [url]


async def test_named_bots_and_webhooks_are_briefed_with_links_in_their_embeds(
    harness: Harness, page_server, article_html
) -> None:
    admin = {"who": p.ADMIN, "permissions": p.MANAGER}
    await harness.enable_autobrief()
    await harness.enable_autobrief(p.OTHER_CHANNEL_ID)
    hook_id = p.snowflake()
    hook = p.user(hook_id, "Reuters World", bot=True)

    async def sources(action: str, **source: str) -> str:
        command = p.subcommand("autobrief", "sources", action=action, **source)
        shown = await harness.answer(harness.command(command, **admin))
        assert shown.ephemeral
        return shown.content

    def embed(url: str) -> list[dict[str, Any]]:
        return [{"type": "rich", "title": "Talks resume", "url": url, "description": "More."}]

    a, b = page_server.add("/a.html", article_html), page_server.add("/b.html", article_html)
    harness.post("", author=p.OTHER_BOT, embeds=embed(a))
    harness.post(b, author=hook, webhook_id=hook_id)
    await probe(harness, page_server, article_html, p.OTHER_CHANNEL_ID)
    assert harness.fake.posts(p.CHANNEL_ID) == []  # not named: skipped
    assert "not briefed" in await sources("list")
    assert "Name a bot" in await sources("add", source="newsfeed")
    await sources("add", source=f"<@{p.OTHER_BOT_ID}>")
    shown = await sources("add", source=str(hook_id))
    assert f"<@{p.OTHER_BOT_ID}>" in shown and f"<@{hook_id}>" in shown
    harness.post("", author=p.OTHER_BOT, embeds=embed(a))
    [reply] = await harness.replies(p.CHANNEL_ID, 1)
    assert [e["url"] for e in reply.body["embeds"]] == [a]
    harness.post(b, author=hook, webhook_id=hook_id)
    replies = await harness.replies(p.CHANNEL_ID, 2)
    assert [e["url"] for e in replies[1].body["embeds"]] == [b]
    assert f"<@{hook_id}>" not in await sources("remove", source=str(hook_id))
    # The bot's own messages (its briefs, its command answers) are never briefed.
    c = page_server.add("/c.html", article_html)
    harness.post(c, author=p.BOT_USER)
    harness.post(c, author=p.BOT_USER, webhook_id=p.APP_ID)
    harness.post(c, author=hook, webhook_id=hook_id)
    await probe(harness, page_server, article_html, p.OTHER_CHANNEL_ID)
    assert len(harness.fake.posts(p.CHANNEL_ID)) == 2 and page_server.hits("/c.html") == 0


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("<@1180000000000000302>", 1180000000000000302),
        ("<@!1180000000000000302>", 1180000000000000302),
        (" 1180000000000000302 ", 1180000000000000302),
        ("newsfeed", None),
        ("<@&1180000000000000302>", None),
        ("12", None),
        ("", None),
    ],
)
def test_a_source_is_named_by_mention_or_id(text: str, found: int | None) -> None:
    assert source_id(text) == found


async def test_a_link_gets_a_quiet_reply(harness: Harness, page_server, article_html) -> None:
    await harness.enable_autobrief()
    url = page_server.add("/a.html", article_html)
    posted = harness.post(f"Big news: {url}")
    [reply] = await harness.replies(p.CHANNEL_ID, 1)
    body = reply.body
    assert body["message_reference"]["message_id"] in (posted["id"], int(posted["id"]))
    assert body["message_reference"]["fail_if_not_exists"] is False
    assert body["allowed_mentions"] == {"parse": [], "replied_user": False}
    [embed] = body["embeds"]
    assert embed["url"] == url and embed["description"].startswith("1. ")
    typing = harness.fake.find("POST", "/channels/{channel_id}/typing")
    assert typing and typing[0].at < reply.at


async def test_no_reply_to_bots_or_suppressed_links_or_other_channels(
    harness: Harness, page_server, article_html
) -> None:
    await harness.enable_autobrief()
    await harness.enable_autobrief(p.OTHER_CHANNEL_ID)
    url = page_server.add("/a.html", article_html)
    harness.post(url, author=p.OTHER_BOT)
    harness.post(f"no preview please <{url}>")
    harness.post(url, channel_id=p.QUIET_CHANNEL_ID)  # auto-briefs are off there
    await probe(harness, page_server, article_html, p.OTHER_CHANNEL_ID)
    assert harness.fake.posts(p.CHANNEL_ID) == []
    assert harness.fake.posts(p.QUIET_CHANNEL_ID) == []
    assert page_server.hits("/a.html") == 0


async def test_a_repeat_points_to_the_earlier_brief(
    harness: Harness, page_server, article_html
) -> None:
    await harness.enable_autobrief()
    url = page_server.add("/a.html", article_html)
    harness.post(url)
    [first] = await harness.replies(p.CHANNEL_ID, 1)
    harness.post(f"did anyone see {url} ?")
    second = (await harness.replies(p.CHANNEL_ID, 2))[1]
    jump = f"https://discord.com/channels/{p.GUILD_ID}/{p.CHANNEL_ID}/{first.response['id']}"
    assert second.body["content"] == earlier_line(url, jump)
    assert not second.body.get("embeds")
    assert page_server.hits("/a.html") == 1


async def test_the_channel_cooldown_stops_a_flood(
    harness: Harness, page_server, article_html
) -> None:
    await harness.enable_autobrief()
    await harness.enable_autobrief(p.OTHER_CHANNEL_ID)
    for i in range(CHANNEL_RATE + 2):
        harness.post(page_server.add(f"/flood-{i}.html", article_html))
    await harness.replies(p.CHANNEL_ID, CHANNEL_RATE)
    await probe(harness, page_server, article_html, p.OTHER_CHANNEL_ID)
    assert len(harness.fake.posts(p.CHANNEL_ID)) == CHANNEL_RATE


async def test_gif_and_video_links_do_not_use_up_the_channel_rate(
    harness: Harness, page_server, article_html
) -> None:
    await harness.enable_autobrief()
    for link in [
        "https://tenor.com/view/cat-dance-gif-123",
        "https://media.giphy.com/media/abc/giphy.gif",
        "https://www.youtube.com/watch?v=abc",
        f"https://discord.com/channels/{p.GUILD_ID}/{p.CHANNEL_ID}/1",
        "https://x.com/someone/status/1",
    ]:
        harness.post(link)
    url = page_server.add("/a.html", article_html)
    harness.post(f"the news: {url}")
    [reply] = await harness.replies(p.CHANNEL_ID, 1)
    assert [e["url"] for e in reply.body["embeds"]] == [url]
    assert harness.fake.find("POST", "/channels/{channel_id}/typing")[0].at < reply.at


async def test_a_server_allows_and_denies_domains(
    harness: Harness, page_server, article_html
) -> None:
    admin = {"who": p.ADMIN, "permissions": p.MANAGER}
    await harness.enable_autobrief()
    await harness.enable_autobrief(p.OTHER_CHANNEL_ID)

    async def domains(action: str, **domain: str) -> str:
        command = p.subcommand("autobrief", "domains", action=action, **domain)
        shown = await harness.answer(harness.command(command, **admin))
        assert shown.ephemeral
        return shown.content

    assert "not a domain" in await domains("deny", domain="no spaces here")
    assert "Never briefed: `127.0.0.1`" in await domains("deny", domain="http://127.0.0.1/")
    harness.post(page_server.add("/a.html", article_html))  # denied
    assert "neither list" in await domains("remove", domain="example.org")
    assert "No site is denied" in await domains("remove", domain="127.0.0.1")
    b = page_server.add("/b.html", article_html)
    harness.post(b)
    [reply] = await harness.replies(p.CHANNEL_ID, 1)  # messages are handled in order
    assert [e["url"] for e in reply.body["embeds"]] == [b]
    shown = await domains("allow", domain="example.org")
    assert "only brief links to: `example.org`" in shown
    harness.post(page_server.add("/c.html", article_html))  # not on the allow list
    await domains("allow", domain="127.0.0.1")
    await domains("remove", domain="example.org")
    assert "`example.org`" not in await domains("list")
    d = page_server.add("/d.html", article_html)
    harness.post(d)
    replies = await harness.replies(p.CHANNEL_ID, 2)
    assert [e["url"] for e in replies[1].body["embeds"]] == [d]
    assert page_server.hits("/a.html") == page_server.hits("/c.html") == 0


async def test_at_most_three_links_and_pages_that_are_not_articles_are_skipped(
    harness: Harness, page_server, article_html
) -> None:
    await harness.enable_autobrief()
    links = [page_server.add(f"/story-{i}.html", article_html) for i in range(MAX_LINKS + 1)]
    links[1] = page_server.add("/index.html", "<html><body><a href='/'>Home</a></body></html>")
    harness.post(" ".join(links))
    [reply] = await harness.replies(p.CHANNEL_ID, 1)
    urls = [e["url"] for e in reply.body["embeds"]]
    assert urls == [links[0], links[2]]  # the index page is skipped quietly, the 4th ignored
    assert not reply.body.get("content")
    assert page_server.hits(f"/story-{MAX_LINKS}.html") == 0


async def test_nobody_is_pinged(harness: Harness, page_server, article_html) -> None:
    hostile = article_html.replace(
        "Turkish officials said", "Turkish officials said @everyone @here <@123> <@&456>"
    ).replace("Envoys agree to resume", "@everyone Envoys agree to resume")
    url = page_server.add("/pings.html", hostile)
    await harness.enable_autobrief()
    harness.post(url)
    [reply] = await harness.replies(p.CHANNEL_ID, 1)
    assert reply.body["allowed_mentions"]["parse"] == []
    token = harness.command(p.slash("brief", url=url))
    shown = await harness.answer(token)
    assert "@everyone" in shown.embeds[0]["title"]
    [followup] = [
        r
        for r in harness.fake.requests
        if r.template == "/webhooks/{webhook_id}/{webhook_token}" and token in r.path
    ]
    assert followup.body["allowed_mentions"] == {"parse": []}


async def test_no_permission_to_post_is_logged_not_raised(
    harness: Harness, page_server, article_html, caplog
) -> None:
    await harness.enable_autobrief()
    missing = {"message": "Missing Permissions", "code": 50013}
    harness.fake.fail("POST", r"^/channels/\d+/messages$", 403, missing)
    harness.post(page_server.add("/a.html", article_html))
    await harness.fake.wait_until(
        lambda: any("cannot post auto-briefs" in r.getMessage() for r in caplog.records)
    )
    harness.post(page_server.add("/b.html", article_html))
    [reply] = await harness.replies(p.CHANNEL_ID, 1)  # the next link is briefed as usual
    assert reply.body["embeds"][0]["url"].endswith("/b.html")


def first_paragraphs(article_html: str, count: int) -> str:
    """The fixture article cut to its first `count` body paragraphs (same page around them)."""
    head, body = article_html.split("<p>Negotiators", 1)
    body, tail = body.split("</article>", 1)
    paragraphs = re.findall(r"<p>.*?</p>", "<p>Negotiators" + body)
    assert len(paragraphs) > count
    return head + "\n".join(paragraphs[:count]) + "</article>" + tail


async def test_the_server_minimum_length_skips_short_articles(
    harness: Harness, page_server, article_html
) -> None:
    # The spaCy pipeline finds 4, 8 and 15 sentences in these; the bot-wide minimum is 6.
    tiny, short = first_paragraphs(article_html, 3), first_paragraphs(article_html, 7)
    assert harness.bot.briefer.settings.autobrief_min_sentences == 6
    await harness.enable_autobrief()
    admin = {"who": p.ADMIN, "permissions": p.MANAGER}
    assert CHANNEL_RATE >= 3  # three messages below go to one channel

    # No server minimum: the bot-wide 6 applies, so the 4-sentence page is skipped.
    links = [page_server.add("/tiny-1.html", tiny), page_server.add("/short-1.html", short)]
    harness.post(" ".join(links))
    [reply] = await harness.replies(p.CHANNEL_ID, 1)
    assert [e["url"] for e in reply.body["embeds"]] == [links[1]]

    # The server's 12: the 8-sentence page is skipped now, the full article still briefed.
    await harness.answer(harness.command(p.slash("settings", autobrief_min=12), **admin))
    links = [page_server.add("/short-2.html", short), page_server.add("/full.html", article_html)]
    harness.post(" ".join(links))
    reply = (await harness.replies(p.CHANNEL_ID, 2))[1]
    assert [e["url"] for e in reply.body["embeds"]] == [links[1]]
    assert page_server.hits("/short-2.html") == 1  # fetched and measured, then skipped

    # The server's 0 wins over the bot's 6: even the 4-sentence page is briefed.
    await harness.answer(harness.command(p.slash("settings", autobrief_min=0), **admin))
    link = page_server.add("/tiny-2.html", tiny)
    harness.post(link)
    reply = (await harness.replies(p.CHANNEL_ID, 3))[2]
    assert [e["url"] for e in reply.body["embeds"]] == [link]

    # Reset: the bot-wide 6 applies again (in another channel: this one has had its 3 a minute;
    # and by someone else: the member has spent the 5 briefs a minute each person has).
    await harness.answer(harness.command(p.slash("settings", reset=True), **admin))
    await harness.enable_autobrief(p.OTHER_CHANNEL_ID)
    links = [page_server.add("/tiny-3.html", tiny), page_server.add("/short-3.html", short)]
    harness.post(" ".join(links), channel_id=p.OTHER_CHANNEL_ID, author=p.ADMIN)
    [reply] = await harness.replies(p.OTHER_CHANNEL_ID, 1)
    assert [e["url"] for e in reply.body["embeds"]] == [links[1]]


async def test_the_same_link_posted_twice_at_once_is_briefed_once(
    harness: Harness, page_server, article_html
) -> None:
    await harness.enable_autobrief()
    url = page_server.add("/slow.html", article_html, delay=0.5)
    harness.post(url)
    harness.post(f"this: {url}", author=p.ADMIN)  # while the first is being briefed
    first, second = await harness.replies(p.CHANNEL_ID, 2)
    assert [e["url"] for e in first.body["embeds"]] == [url]
    assert second.body["content"] == earlier_line(url, jump_to(first))
    assert not second.body.get("embeds")
    assert page_server.hits("/slow.html") == 1


async def test_a_link_that_failed_while_others_waited_gets_no_reply(
    harness: Harness, page_server, article_html
) -> None:
    await harness.enable_autobrief()
    await harness.enable_autobrief(p.OTHER_CHANNEL_ID)
    url = page_server.add("/gone.html", "not found", status=404, delay=0.3)
    harness.post(url)
    harness.post(url, author=p.ADMIN)
    await probe(harness, page_server, article_html, p.OTHER_CHANNEL_ID)
    await asyncio.sleep(0.5)
    assert harness.fake.posts(p.CHANNEL_ID) == []
    assert page_server.hits("/gone.html") == 1


async def test_repeats_do_not_use_up_the_channel_cooldown(
    harness: Harness, page_server, article_html
) -> None:
    await harness.enable_autobrief()
    await harness.enable_autobrief(p.OTHER_CHANNEL_ID)
    url = page_server.add("/a.html", article_html)
    harness.post(url)
    [first] = await harness.replies(p.CHANNEL_ID, 1)
    for _ in range(CHANNEL_RATE + 1):
        harness.post(f"again: {url}")
    fresh = page_server.add("/b.html", article_html)
    harness.post(fresh)
    await harness.replies(p.CHANNEL_ID, 3)
    await probe(harness, page_server, article_html, p.OTHER_CHANNEL_ID)
    posts = harness.fake.posts(p.CHANNEL_ID)
    assert len(posts) == 3  # the brief, one pointer to it (later repeats are quiet), b's brief
    assert posts[1].body["content"] == earlier_line(url, jump_to(first))
    assert [e["url"] for e in posts[2].body["embeds"]] == [fresh]


def with_canonical(article_html: str, href: str) -> str:
    return article_html.replace("<head>", f'<head>\n<link rel="canonical" href="{href}">', 1)


async def test_one_article_under_several_links_is_briefed_once(
    harness: Harness, page_server, article_html
) -> None:
    await harness.enable_autobrief()
    page = with_canonical(article_html, page_server.url("/a.html"))
    url = page_server.add("/a.html", page)
    harness.post(f"{url} or {url}?a=1")
    [first] = await harness.replies(p.CHANNEL_ID, 1)
    assert [e["url"] for e in first.body["embeds"]] == [url]
    amp = page_server.add("/amp/a.html", page)  # another link whose page names a.html
    harness.post(f"mobile: {amp}")
    second = (await harness.replies(p.CHANNEL_ID, 2))[1]
    assert second.body["content"] == earlier_line(amp, jump_to(first))
    assert not second.body.get("embeds")
    # Recorded under the link it came by too, so not fetched again; and quiet: one pointer to
    # a brief in POINTER_PER is enough.
    await harness.enable_autobrief(p.OTHER_CHANNEL_ID)
    harness.post(f"{url}?a=1")
    await probe(harness, page_server, article_html, p.OTHER_CHANNEL_ID)
    assert len(harness.fake.posts(p.CHANNEL_ID)) == 2
    assert page_server.requests.count("/a.html?a=1") == 1


async def test_spoilered_links_are_skipped(harness: Harness, page_server, article_html) -> None:
    await harness.enable_autobrief()
    hidden = page_server.add("/hidden.html", article_html)
    also = page_server.add("/also-hidden.html", article_html)
    shown = page_server.add("/shown.html", article_html)
    harness.post(f"||{hidden}|| and ||the end:\n{also} ||, but `||` {shown}")
    [reply] = await harness.replies(p.CHANNEL_ID, 1)
    assert [e["url"] for e in reply.body["embeds"]] == [shown]
    assert page_server.hits("/hidden.html") == page_server.hits("/also-hidden.html") == 0


async def test_invalid_links_do_not_count_towards_the_limit(
    harness: Harness, page_server, article_html
) -> None:
    await harness.enable_autobrief()
    bad = [f"https://someone@news.example/{i}" for i in range(MAX_LINKS)]
    good = page_server.add("/good.html", article_html)
    harness.post(" ".join([*bad, good]))
    [reply] = await harness.replies(p.CHANNEL_ID, 1)
    assert [e["url"] for e in reply.body["embeds"]] == [good]


async def test_a_database_error_on_the_channel_check_is_handled(
    harness: Harness, page_server, article_html, caplog, monkeypatch: pytest.MonkeyPatch
) -> None:
    await harness.enable_autobrief()
    store = harness.bot.briefer.store

    async def broken(channel_id: int) -> bool:
        raise sqlite3.OperationalError("disk I/O error")

    def failures() -> list[logging.LogRecord]:
        return [r for r in caplog.records if r.exc_info and "disk I/O" in str(r.exc_info[1])]

    with monkeypatch.context() as patch:
        patch.setattr(store, "is_autobrief", broken)
        harness.post(page_server.add("/a.html", article_html))
        await harness.fake.wait_until(failures)
    [record] = failures()
    assert record.name == "cogs.autobrief"
    assert not any("Ignoring exception" in r.getMessage() for r in caplog.records)
    harness.post(page_server.add("/b.html", article_html))
    [reply] = await harness.replies(p.CHANNEL_ID, 1)
    assert reply.body["embeds"][0]["url"].endswith("/b.html")
    assert page_server.hits("/a.html") == 0


async def test_no_permission_to_post_skips_before_fetching(
    harness: Harness, page_server, article_html, caplog
) -> None:
    caplog.set_level(logging.INFO, logger="cogs.autobrief")
    await harness.enable_autobrief()
    mute = p.overwrite(p.APP_ID, deny=discord.Permissions(send_messages=True))
    gateway(harness, "CHANNEL_UPDATE", p.channel_update(p.CHANNEL_ID, "world-news", mute))
    harness.post(page_server.add("/a.html", article_html))
    await harness.fake.wait_until(
        lambda: any(
            r.levelno == logging.INFO and "cannot post auto-briefs" in r.getMessage()
            for r in caplog.records
        )
    )
    assert page_server.hits("/a.html") == 0
    assert harness.fake.find("POST", "/channels/{channel_id}/messages") == []
    assert harness.fake.find("POST", "/channels/{channel_id}/typing") == []


@pytest.mark.parametrize("kind", [11, 12])
async def test_links_in_a_thread_of_an_enabled_channel_are_briefed_there(
    harness: Harness, page_server, article_html, kind: int
) -> None:
    await harness.enable_autobrief()
    thread_id = p.snowflake()
    gateway(harness, "THREAD_CREATE", p.thread_create(thread_id, p.CHANNEL_ID, kind))
    # @everyone may not post in threads here, so neither may the bot: skipped before fetching.
    harness.post(page_server.add("/a.html", article_html), channel_id=thread_id)
    await probe(harness, page_server, article_html, p.CHANNEL_ID)
    assert harness.fake.posts(thread_id) == [] and page_server.hits("/a.html") == 0
    may = p.overwrite(p.APP_ID, allow=discord.Permissions(send_messages_in_threads=True))
    gateway(harness, "CHANNEL_UPDATE", p.channel_update(p.CHANNEL_ID, "world-news", may))
    url = page_server.add("/b.html", article_html)
    harness.post(url, channel_id=thread_id)
    [reply] = await harness.replies(thread_id, 1)
    assert [e["url"] for e in reply.body["embeds"]] == [url]
    assert len(harness.fake.posts(p.CHANNEL_ID)) == 1  # only the probe's


async def test_an_auto_brief_is_added_to_the_reading_record(
    harness: Harness, page_server, article_html
) -> None:
    await harness.enable_autobrief()
    store = harness.bot.briefer.store
    url = page_server.add("/a.html", article_html)
    harness.post(url)
    await harness.replies(p.CHANNEL_ID, 1)

    async def recorded() -> Any:
        reads, total = await store.coverage(p.GUILD_ID)
        return (reads, total) if reads else None

    reads, total = await eventually(recorded)
    assert total == 1
    [read] = reads
    assert read.url == url and read.reads == 1 and read.readers == 1
    assert read.title == "Envoys agree to resume grain corridor talks in Istanbul"
    async with store._db.execute("SELECT via, channel_id, user_id FROM reads") as cur:
        assert await cur.fetchall() == [("auto", p.CHANNEL_ID, p.MEMBER_ID)]


async def test_a_failure_to_record_the_read_stops_nothing(
    harness: Harness, page_server, article_html, caplog, monkeypatch: pytest.MonkeyPatch
) -> None:
    await harness.enable_autobrief()

    async def broken(*args: object, **kwargs: object) -> None:
        raise StoreUnavailable("could not save to the database: disk I/O error")

    monkeypatch.setattr(harness.bot.briefer.store, "record_read", broken)
    url = page_server.add("/a.html", article_html)
    harness.post(url)
    [first] = await harness.replies(p.CHANNEL_ID, 1)
    assert first.body["embeds"]
    await harness.fake.wait_until(
        lambda: any("reading record" in r.getMessage() for r in caplog.records)
    )
    harness.post(url)  # the post was recorded before: a pointer, not a second brief
    second = (await harness.replies(p.CHANNEL_ID, 2))[1]
    assert second.body["content"] == earlier_line(url, jump_to(first))


async def test_two_links_to_one_article_posted_at_once_get_one_brief(
    harness: Harness, page_server, article_html
) -> None:
    """Two people post an article's page and its AMP page at the same moment: the two links are
    known to be one article only once both are fetched, and it is still briefed once."""
    await harness.enable_autobrief()
    page = with_canonical(article_html, page_server.url("/a.html"))
    url = page_server.add("/a.html", page, delay=0.3)
    amp = page_server.add("/amp/a.html", page, delay=0.3)
    # Posting takes Discord a while: the second is ready before the first's reply is out.
    harness.fake.slow("POST", rf"/channels/{p.CHANNEL_ID}/messages$", 0.5)
    harness.post(url)
    harness.post(f"mobile: {amp}", author=p.ADMIN)
    first, second = await harness.replies(p.CHANNEL_ID, 2)
    [embed] = first.body["embeds"]
    other = amp if embed["url"] == url else url
    assert second.body["content"] == earlier_line(other, jump_to(first))
    assert not second.body.get("embeds")
    assert page_server.hits("/a.html") == page_server.hits("/amp/a.html") == 1
    # Both links are now known by the brief: a third post of either gets no second brief.
    await harness.enable_autobrief(p.OTHER_CHANNEL_ID)
    harness.post(f"again {amp}")
    await probe(harness, page_server, article_html, p.OTHER_CHANNEL_ID)
    assert all(not r.body.get("embeds") for r in harness.fake.posts(p.CHANNEL_ID)[1:])


async def test_a_pointer_that_could_not_be_posted_is_posted_next_time(
    harness: Harness, page_server, article_html
) -> None:
    await harness.enable_autobrief()
    url = page_server.add("/a.html", article_html)
    harness.post(url)
    [first] = await harness.replies(p.CHANNEL_ID, 1)
    harness.fake.fail("POST", rf"/channels/{p.CHANNEL_ID}/messages$", 403, {"code": 50013})
    harness.post(f"again: {url}")
    await harness.fake.wait_until(
        lambda: any(r.status == 403 for r in harness.fake.find("POST", CHANNEL_POSTS))
    )
    harness.post(f"and again: {url}")
    second = (await harness.replies(p.CHANNEL_ID, 2))[1]
    assert second.body["content"] == earlier_line(url, jump_to(first))


async def test_three_links_whose_articles_chain_do_not_hang_the_message(
    harness: Harness, page_server, article_html
) -> None:
    """A story whose slug changed: its stale AMP page names the old URL as canonical, the old URL
    redirects to the new one. one_per_article merges amp+old (and thus new) into the first
    article but leaves `new` as a second article; claim_articles then makes the message wait
    on its own future."""
    await harness.enable_autobrief()
    old_url = page_server.url("/old.html")
    new_url = page_server.url("/new.html")
    amp = page_server.add("/amp.html", with_canonical(article_html, old_url))
    page_server.add("/new.html", with_canonical(article_html, new_url))
    page_server.redirect("/old.html", new_url)
    harness.post(f"{amp} {new_url} {old_url}")
    await harness.fake.wait_until(lambda: harness.fake.posts(p.CHANNEL_ID), 10)
    assert harness.fake.posts(p.CHANNEL_ID), "no reply: the message waits on itself forever"
    cog = harness.bot.get_cog("AutoBrief")
    # and nothing is left claimed: a later post of these links is not stuck behind it
    await harness.fake.wait_until(lambda: cog.claims.idle, 5)


async def test_one_pointer_line_per_earlier_brief(
    harness: Harness, page_server, article_html
) -> None:
    """Page and AMP page posted together after the page was briefed: one pointer line to the
    one earlier brief (as before 93edb5b), not two."""
    await harness.enable_autobrief()
    page = with_canonical(article_html, page_server.url("/a.html"))
    url = page_server.add("/a.html", page)
    amp = page_server.add("/amp/a.html", page)
    harness.post(url)
    [first] = await harness.replies(p.CHANNEL_ID, 1)
    harness.post(f"{url} and {amp}")
    second = (await harness.replies(p.CHANNEL_ID, 2))[1]
    assert second.body["content"] == earlier_line(url, jump_to(first))


async def test_a_claimant_whose_reply_fails_does_not_silence_the_other_link(
    harness: Harness, page_server, article_html
) -> None:
    """Two people post page and AMP page at once; Discord fails the first reply (a transient
    503). Before 93edb5b the other message still got its brief; now it waits on the failed
    claim, gets None, and the article gets no brief at all."""
    await harness.enable_autobrief()
    page = with_canonical(article_html, page_server.url("/a.html"))
    url = page_server.add("/a.html", page, delay=0.3)
    amp = page_server.add("/amp/a.html", page, delay=0.3)
    harness.fake.slow("POST", rf"/channels/{p.CHANNEL_ID}/messages$", 0.5)
    harness.fake.fail("POST", rf"/channels/{p.CHANNEL_ID}/messages$", 503, {"message": "x"})
    harness.post(url)
    harness.post(f"mobile: {amp}", author=p.ADMIN)
    [reply] = await harness.replies(p.CHANNEL_ID, 1, timeout=8)
    assert reply.body.get("embeds")


async def test_a_page_naming_another_sites_link_does_not_stand_for_it(
    harness: Harness, page_server, other_site, article_html
) -> None:
    """Issue 14, critical 1: a page whose canonical link is another site's story, posted in an
    auto-brief channel, must not make that story's link "briefed earlier" here."""
    await harness.enable_autobrief()
    victim = other_site.add("/news/a.html", article_html)
    evil = page_server.add("/evil.html", with_canonical(article_html, victim))
    harness.post(evil)
    await harness.replies(p.CHANNEL_ID, 1)
    harness.post(f"the real one: {victim}", author=p.ADMIN)
    second = (await harness.replies(p.CHANNEL_ID, 2))[1]
    assert [e["url"] for e in second.body["embeds"]] == [victim]
    assert other_site.hits("/news/a.html") == 1
    # and both at once in one message: two articles, two briefs
    await harness.enable_autobrief(p.OTHER_CHANNEL_ID)
    harness.post(f"{evil} {victim}", channel_id=p.OTHER_CHANNEL_ID)
    [both] = await harness.replies(p.OTHER_CHANNEL_ID, 1)
    assert sorted(e["url"] for e in both.body["embeds"]) == sorted([evil, victim])


def threads_of(harness: Harness, count: int) -> list[int]:
    """Open `count` public threads under the enabled channel, where the bot may post."""
    may = p.overwrite(p.APP_ID, allow=discord.Permissions(send_messages_in_threads=True))
    gateway(harness, "CHANNEL_UPDATE", p.channel_update(p.CHANNEL_ID, "world-news", may))
    threads = [p.snowflake() for _ in range(count)]
    for thread_id in threads:
        gateway(harness, "THREAD_CREATE", p.thread_create(thread_id, p.CHANNEL_ID))
    return threads


async def test_threads_count_towards_their_channels_rate(
    harness: Harness, page_server, article_html
) -> None:
    await harness.enable_autobrief()
    await harness.enable_autobrief(p.OTHER_CHANNEL_ID)
    threads = threads_of(harness, CHANNEL_RATE + 1)
    for i, thread_id in enumerate(threads):  # one link each, by different people
        poster = p.user(p.snowflake(), f"reader{i}")
        harness.post(
            page_server.add(f"/t-{i}.html", article_html), channel_id=thread_id, author=poster
        )
    await harness.fake.wait_until(
        lambda: sum(len(harness.fake.posts(t)) for t in threads) >= CHANNEL_RATE
    )
    await probe(harness, page_server, article_html, p.OTHER_CHANNEL_ID)
    assert sum(len(harness.fake.posts(t)) for t in threads) == CHANNEL_RATE
    assert sum(page_server.hits(f"/t-{i}.html") for i in range(len(threads))) == CHANNEL_RATE


async def test_auto_briefs_spend_the_posters_budget(
    harness: Harness, page_server, article_html
) -> None:
    """One member posting links in several threads of a channel gets no more pages briefed
    than their own budget allows, so the analysis queue has room for everyone else."""
    await harness.enable_autobrief()
    harness.bot.briefer.analyser.max_pending = BRIEF_RATE + 1  # room for one more than that
    threads = threads_of(harness, 4)
    pages = [f"/flood-{t}-{i}.html" for t in range(len(threads)) for i in range(MAX_LINKS)]
    for path in pages:
        page_server.add(path, article_html)
    for t, thread_id in enumerate(threads):
        links = " ".join(page_server.url(f"/flood-{t}-{i}.html") for i in range(MAX_LINKS))
        harness.post(links, channel_id=thread_id)
    fetched = lambda: sum(page_server.hits(path) for path in pages)  # noqa: E731
    await harness.fake.wait_until(lambda: fetched() >= BRIEF_RATE)

    # Meanwhile someone else asks for a brief: not refused as busy.
    other = page_server.add("/other.html", article_html)
    shown = await harness.answer(harness.command(p.slash("brief", url=other), who=p.ADMIN))
    assert shown.embeds, shown.content

    await harness.fake.wait_until(
        lambda: (
            sum(len(r.body.get("embeds") or []) for t in threads for r in harness.fake.posts(t))
            >= BRIEF_RATE
        )
    )
    assert fetched() == BRIEF_RATE
    # The poster's own budget is spent: their /brief is told to wait.
    mine = await harness.answer(harness.command(p.slash("brief", url=other)))
    assert mine.ephemeral and mine.content.startswith("Easy there")


@pytest.mark.parametrize(
    "bad", [f"https://{'a' * 64}.example/story", "https://[a]"], ids=["long-label", "bracket"]
)
async def test_a_bad_link_does_not_cost_the_good_one_its_brief(
    harness: Harness, page_server, article_html, bad: str
) -> None:
    await harness.enable_autobrief()
    good = page_server.add("/good.html", article_html)
    harness.post(f"{bad} and {good}")
    [reply] = await harness.replies(p.CHANNEL_ID, 1)
    assert [e["url"] for e in reply.body["embeds"]] == [good]
