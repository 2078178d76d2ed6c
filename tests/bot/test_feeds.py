"""/feed and the poller, against the fake Discord and a loopback site whose feed changes."""

from __future__ import annotations

import logging
import time
from typing import Any, cast

import discord
from aiohttp import web

import bot as botmod
from cogs.feeds import Feeds
from diplobrief.config import Settings
from diplobrief.feeds import follow
from diplobrief.feeds.schedule import PAUSE_AFTER
from tests.bot import payloads as p
from tests.bot.conftest import TOKEN
from tests.bot.fake_discord import FakeDiscord
from tests.bot.harness import Harness
from tests.feeds.fixtures import Item, atom, rss

LATER = 10_000.0  # seconds: every feed is due by then


def feeds_of(harness: Harness) -> Feeds:
    cog = harness.bot.get_cog("Feeds")  # loaded as an extension: its own module object
    assert cog is not None and type(cog).__name__ == "Feeds"
    return cast(Feeds, cog)


async def add(harness: Harness, url: str, **options: Any) -> str:
    token = harness.command(
        p.subcommand("feed", "add", url=url, **options), who=p.ADMIN, permissions=p.MANAGER
    )
    return (await harness.answer(token)).content


def footers(harness: Harness, channel_id: int = p.CHANNEL_ID) -> list[tuple[str, str]]:
    """(linked URL, footer) of every brief posted in the channel, in order."""
    return [
        (embed["url"], embed["footer"]["text"])
        for post in harness.fake.posts(channel_id)
        for embed in post.body.get("embeds") or []
    ]


async def test_follow_a_feed_brief_new_items_restart_no_repeats(
    fake: FakeDiscord, settings: Settings, page_server, article_html
) -> None:
    old, first, second = (page_server.add(f"/news/{n}.html", article_html) for n in "abc")
    past = time.time() - 3 * 3600
    items: list[Item] = [("old", old, "Old", past)]
    page_server.add("/feed.xml", rss("Foreign Desk", items), content_type="application/rss+xml")
    bot = botmod.create_bot(settings)
    await bot.login(TOKEN)
    fake.connect(bot)
    harness = Harness(bot, fake)
    try:
        said = await add(harness, page_server.url("/feed.xml"))
        assert "Following **Foreign Desk**" in said and "every 15 minutes" in said, said
        await feeds_of(harness).poll_due(time.time() + 1 * LATER)
        assert footers(harness) == []  # the back catalogue is not posted
        # A new item, and one dated before the feed was added that shows up only now.
        items = [("1", first, "First", time.time()), ("older", second, "Older", past), *items]
        page_server.add("/feed.xml", rss("Foreign Desk", items), content_type="text/xml")
        await feeds_of(harness).poll_due(time.time() + 2 * LATER)
        assert [url for url, _ in footers(harness)] == [first]
        assert footers(harness)[0][1].startswith("Foreign Desk · ")
        post = harness.fake.posts(p.CHANNEL_ID)[0]
        assert post.body["allowed_mentions"] == {"parse": []}
        items = [("2", second + "?again", "Second", time.time()), *items]
        page_server.add("/feed.xml", rss("Foreign Desk", items), content_type="text/xml")
    finally:
        await bot.close()
    # A restart on the same database: the state survived, the new item comes, nothing twice.
    bot = botmod.create_bot(settings)
    await bot.login(TOKEN)
    fake.connect(bot)
    harness = Harness(bot, fake)
    try:
        await feeds_of(harness).poll_due(time.time() + 3 * LATER)
        await feeds_of(harness).poll_due(time.time() + 4 * LATER)
        assert [url for url, _ in footers(harness)] == [first, second + "?again"]
        reads = await bot.briefer.store.coverage(p.GUILD_ID)
        assert reads[1] == 2
    finally:
        await bot.close()
    assert not fake.violations, "\n".join(fake.violations)
    assert not fake.unhandled, fake.unhandled


async def test_atom_through_the_page_that_links_it_with_conditional_gets(
    harness: Harness, page_server, article_html
) -> None:
    article = page_server.add("/news/a.html", article_html)
    page_server.add(
        "/world/",
        '<html><head><link rel="alternate" type="application/atom+xml" href="/atom.xml">'
        "</head><body>World</body></html>",
    )
    body = atom("Atom Desk", []).encode()
    conditional: list[tuple[str | None, str | None]] = []

    async def feed(request: web.Request) -> web.StreamResponse:
        conditional.append(
            (request.headers.get("If-None-Match"), request.headers.get("If-Modified-Since"))
        )
        if request.headers.get("If-None-Match") == '"v1"' and body_now[0] == body:
            return web.Response(status=304, headers={"ETag": '"v1"'})
        tag = '"v1"' if body_now[0] == body else '"v2"'
        return web.Response(
            body=body_now[0],
            headers={"Content-Type": "application/atom+xml", "ETag": tag},
        )

    body_now = [body]
    page_server.add_handler("/atom.xml", feed)
    said = await add(harness, page_server.url("/world/"), min_sentences=0)
    assert "Atom Desk" in said and page_server.url("/atom.xml") in said, said
    cog = feeds_of(harness)
    await cog.poll_due(time.time() + LATER)  # unchanged: 304
    assert conditional[-1][0] == '"v1"'
    assert footers(harness) == []
    body_now[0] = atom("Atom Desk", [("urn:a", article, "A", time.time())]).encode()
    await cog.poll_due(time.time() + 2 * LATER)
    assert [url for url, _ in footers(harness)] == [article]
    await cog.poll_due(time.time() + 3 * LATER)  # "v2" now, nothing new
    assert len(footers(harness)) == 1
    assert conditional[-1][0] == '"v2"'


async def test_an_item_in_two_feeds_or_posted_by_a_member_is_briefed_once(
    harness: Harness, page_server, article_html
) -> None:
    shared = page_server.add("/news/shared.html", article_html)
    posted = page_server.add("/news/posted.html", article_html)
    page_server.add("/one.xml", rss("One", []), content_type="application/rss+xml")
    page_server.add("/two.xml", rss("Two", []), content_type="application/rss+xml")
    await add(harness, page_server.url("/one.xml"))
    await add(harness, page_server.url("/two.xml"))
    await harness.enable_autobrief()
    harness.post(f"Read this {posted}")
    await harness.replies(p.CHANNEL_ID, 1)
    now = time.time()
    items: list[Item] = [("s", shared, "Shared", now), ("p", posted, "Posted", now)]
    page_server.add("/one.xml", rss("One", items), content_type="application/rss+xml")
    page_server.add("/two.xml", rss("Two", items[:1]), content_type="application/rss+xml")
    assert await feeds_of(harness).poll_due(now + LATER) == 2
    assert [url for url, _ in footers(harness)] == [posted, shared]


async def test_a_feed_failing_for_a_day_is_reported_once_and_paused(
    harness: Harness, page_server
) -> None:
    page_server.add("/feed.xml", rss("Flaky", []), content_type="application/rss+xml")
    await add(harness, page_server.url("/feed.xml"))
    page_server.add("/feed.xml", "down", status=503, content_type="text/plain")
    cog = feeds_of(harness)
    start = time.time() + LATER
    await cog.poll_due(start)
    rows = await harness.bot.briefer.store.guild_feeds(p.GUILD_ID)
    assert rows[0].failures == 1 and rows[0].next_poll_at > start + 900  # backed off
    assert harness.fake.posts(p.CHANNEL_ID) == []
    await cog.poll_due(start + PAUSE_AFTER)
    await cog.poll_due(start + 2 * PAUSE_AFTER)  # paused: not polled again
    posts = harness.fake.posts(p.CHANNEL_ID)
    assert len(posts) == 1 and "paused the feed **Flaky**" in posts[0].body["content"]
    assert page_server.hits("/feed.xml") == 1 + 2  # the add, then two polls
    token = harness.command(p.subcommand("feed", "list"), who=p.ADMIN, permissions=p.MANAGER)
    assert "paused" in (await harness.answer(token)).content


async def test_cap_list_remove_and_refusals(harness: Harness, page_server) -> None:
    bot_settings = harness.bot.briefer.settings
    object.__setattr__(bot_settings, "max_feeds", 2)  # frozen settings: the test's own copy
    for n in range(2):
        page_server.add(f"/f{n}.xml", rss(f"Feed {n}", []), content_type="application/rss+xml")
        assert "Following" in await add(harness, page_server.url(f"/f{n}.xml"))
    page_server.add("/f2.xml", rss("Feed 2", []), content_type="application/rss+xml")
    said = await add(harness, page_server.url("/f2.xml"))
    assert "the most it may (2)" in said
    token = harness.command(p.subcommand("feed", "list"), who=p.ADMIN, permissions=p.MANAGER)
    listed = (await harness.answer(token)).content
    assert "Feed 0" in listed and "Feed 1" in listed and "2 of 2" in listed
    rows = await harness.bot.briefer.store.guild_feeds(p.GUILD_ID)
    token = harness.command(
        p.subcommand("feed", "remove", feed=rows[0].id), who=p.ADMIN, permissions=p.MANAGER
    )
    assert "No longer following **Feed 0**" in (await harness.answer(token)).content
    # A private address is refused as a link to brief is; so is a page that is not a feed.
    said = await add(harness, "http://10.0.0.1/feed.xml")
    assert "private or local network" in said, said
    page_server.add("/plain.html", "<html><body><p>No feed here.</p></body></html>")
    assert "links none" in await add(harness, page_server.url("/plain.html"))
    assert "Following" in await add(harness, page_server.url("/f2.xml"))


async def test_feed_is_for_manage_server_unless_the_server_says_otherwise(
    harness: Harness, page_server
) -> None:
    """Manage Server by default; a server's Integrations override decides who else (issue 19):
    Discord sends the command only to those it lets run it, and the bot does not overrule."""
    registered = [c for c in harness.bot.tree.get_commands() if c.name == "feed"]
    assert registered[0].default_permissions == p.discord.Permissions(manage_guild=True)
    page_server.add("/feed.xml", rss("F", []), content_type="application/rss+xml")
    token = harness.command(p.subcommand("feed", "add", url=page_server.url("/feed.xml")))
    shown = await harness.answer(token)
    assert shown.ephemeral and "Following" in shown.content
    assert len(await harness.bot.briefer.store.guild_feeds(p.GUILD_ID)) == 1


async def test_an_unexpected_error_costs_one_feed_a_poll_not_the_others(
    harness: Harness, page_server, article_html, monkeypatch, caplog
) -> None:
    article = page_server.add("/news/a.html", article_html)
    page_server.add("/bad.xml", rss("Bad", []), content_type="application/rss+xml")
    page_server.add("/good.xml", rss("Good", []), content_type="application/rss+xml")
    await add(harness, page_server.url("/bad.xml"))
    await add(harness, page_server.url("/good.xml"))
    now = time.time()
    page_server.add("/bad.xml", rss("Bad", [("x", article, "X", now)]), content_type="text/xml")
    page_server.add("/good.xml", rss("Good", [("a", article, "A", now)]), content_type="text/xml")
    real = follow.parse_feed

    def parse(body: bytes, url: str) -> Any:
        if url.endswith("/bad.xml"):
            raise RuntimeError("parser bug")
        return real(body, url)

    monkeypatch.setattr(follow, "parse_feed", parse)
    assert await feeds_of(harness).poll_due(now + LATER) == 2
    assert [url for url, _ in footers(harness)] == [article]
    rows = {r.title: r for r in await harness.bot.briefer.store.guild_feeds(p.GUILD_ID)}
    assert rows["Bad"].failures == 1 and rows["Good"].failures == 0
    assert any("poll of feed" in r.getMessage() for r in caplog.records)


async def test_remove_suggests_the_servers_feeds(harness: Harness, page_server) -> None:
    for name in ("Europe", "Asia"):
        page_server.add(f"/{name}.xml", rss(name, []), content_type="application/rss+xml")
        await add(harness, page_server.url(f"/{name}.xml"))
    data = p.subcommand("feed", "remove", feed="as")
    data["options"][0]["options"][0].update(type=4, focused=True)
    token = harness.command(data, kind=4, who=p.ADMIN, permissions=p.MANAGER)
    await harness.fake.wait_until(lambda: harness.fake.for_token(token))
    (reply,) = harness.fake.for_token(token)
    assert reply.body["type"] == 8
    assert [c["name"] for c in reply.body["data"]["choices"]] == ["2 · Asia (#world-news)"]


async def test_an_item_linking_a_private_address_is_skipped(
    harness: Harness, page_server, article_html, caplog
) -> None:
    caplog.set_level(logging.INFO)
    article = page_server.add("/news/a.html", article_html)
    page_server.add("/feed.xml", rss("Desk", []), content_type="application/rss+xml")
    await add(harness, page_server.url("/feed.xml"))
    now = time.time()
    items: list[Item] = [("in", "http://10.0.0.1/admin", "In", now), ("out", article, "Out", now)]
    page_server.add("/feed.xml", rss("Desk", items), content_type="application/rss+xml")
    await feeds_of(harness).poll_due(now + LATER)
    assert [url for url, _ in footers(harness)] == [article]
    row = (await harness.bot.briefer.store.guild_feeds(p.GUILD_ID))[0]
    assert await harness.bot.briefer.store.seen_items(row.id, ["in", "out"]) == {"in", "out"}
    skipped = [
        r.getMessage() for r in caplog.records if "skipped http://10.0.0.1" in r.getMessage()
    ]
    assert skipped and "private or local network" in skipped[0], skipped


async def test_a_feed_into_a_forum_gets_a_post_per_story(
    harness: Harness, page_server, article_html
) -> None:
    """Issue 19: a forum channel gets a post of its own, named after the story, per item."""
    forum_id = p.snowflake()
    may = p.overwrite(p.APP_ID, allow=discord.Permissions(send_messages_in_threads=True))
    gateway = harness.bot._connection.parsers["CHANNEL_CREATE"]
    gateway(p.forum_channel(forum_id, "dispatches", may))
    story = page_server.add("/news/a.html", article_html)
    page_server.add("/feed.xml", rss("Foreign Desk", []), content_type="application/rss+xml")
    forum = {"id": forum_id, "name": "dispatches", "type": 15}
    said = await add(harness, page_server.url("/feed.xml"), channel=forum)
    assert f"<#{forum_id}>" in said, said
    items: list[Item] = [("1", story, "Envoys agree", time.time())]
    page_server.add("/feed.xml", rss("Foreign Desk", items), content_type="application/rss+xml")
    await feeds_of(harness).poll_due(time.time() + LATER)
    [post] = harness.fake.find("POST", "/channels/{channel_id}/threads")
    assert post.params["channel_id"] == str(forum_id)
    assert post.body["name"] == "Envoys agree to resume grain corridor talks in Istanbul"
    [embed] = post.body["message"]["embeds"]
    assert embed["url"] == story and embed["footer"]["text"].startswith("Foreign Desk · ")
    assert harness.fake.posts(p.CHANNEL_ID) == []
