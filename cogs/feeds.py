"""Feeds: /feed follows an RSS or Atom feed into a channel; a poller briefs its new items there
as auto-briefs are posted. Parsing and the polling rules live in diplobrief.feeds."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands
from discord.http import Route

from diplobrief.errors import Busy, DiplobriefError, StoreUnavailable
from diplobrief.feeds.follow import fetch_feed
from diplobrief.feeds.parse import FeedItem, NotAFeed
from diplobrief.feeds.schedule import new_items, next_poll, should_pause
from diplobrief.models import Brief
from diplobrief.pipeline import Briefer
from diplobrief.store.sqlite import FeedRow, Store
from diplobrief.web.sites import article_keys
from diplobrief.web.urls import normalise_url

from ._common import (
    answering,
    autobrief_minimum,
    briefer_of,
    defaults,
    finish,
    record_read,
    store_of,
    think,
)
from ._embeds import NO_PINGS, briefs_embeds
from ._text import CONTENT_LIMIT, shown_as_text, truncate
from .autobrief import (
    NOT_TEXT,
    Briefable,
    BriefableChannel,
    missing_permissions,
    recent_brief,
)

log = logging.getLogger(__name__)

TICK = 30.0  # seconds between two looks for due feeds
THREAD_NAME_LIMIT = 100  # Discord's limit on a thread's (a forum post's) name
POSTABLE = discord.TextChannel | discord.Thread | discord.ForumChannel


def every(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes} minutes" if minutes != 1 else "minute"


class Feeds(commands.Cog):
    """Follows feeds into channels and briefs their new items."""

    feed = app_commands.Group(
        name="feed",
        description="Follow RSS or Atom feeds into a channel",
        default_permissions=discord.Permissions(manage_guild=True),
        allowed_contexts=app_commands.AppCommandContext(guild=True),
        allowed_installs=app_commands.AppInstallationType(guild=True),
    )

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self._round = asyncio.Lock()  # one poll round at a time, timer or test
        self._poller: asyncio.Task[None] | None = None

    async def cog_load(self) -> None:
        self._poller = asyncio.create_task(self._poll_forever(), name="diplobrief-feeds")

    async def cog_unload(self) -> None:
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
            self._poller = None

    # -- /feed -------------------------------------------------------------------------------

    @feed.command(name="add", description="Brief each new item of an RSS or Atom feed here")
    @app_commands.describe(
        url="The feed, or a page that links one",
        channel="The channel (default: this one)",
        min_sentences="Skip articles with fewer sentences than this (default: the server's)",
    )
    async def add(
        self,
        interaction: discord.Interaction,
        url: str,
        channel: app_commands.Transform[Briefable, BriefableChannel] | None = None,
        min_sentences: app_commands.Range[int, 0, 50] | None = None,
    ) -> None:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        target = channel or interaction.channel
        if not isinstance(target, discord.TextChannel | discord.ForumChannel):
            await interaction.response.send_message(NOT_TEXT, ephemeral=True)
            return
        briefer = briefer_of(self.bot)
        store = store_of(self.bot)
        limit = briefer.settings.max_feeds
        followed = await store.guild_feeds(interaction.guild_id)
        if len(followed) >= limit:
            await interaction.response.send_message(
                f"This server follows {len(followed)} feeds, the most it may ({limit}): "
                "`/feed remove` one first.",
                ephemeral=True,
            )
            return
        await think(interaction, ephemeral=True)
        now = time.time()
        got, parsed = await fetch_feed(briefer.fetcher, normalise_url(url, strip_tracking=False))
        if parsed is None:  # a 304 to a request that sent no validators: not a feed either
            raise NotAFeed("that address did not send a feed")
        row = await store.add_feed(
            interaction.guild_id,
            target.id,
            got.url,
            parsed.title,
            seen=[item.key for item in parsed.items],
            added_at=now,
            next_poll_at=next_poll(now, briefer.settings.feed_interval),
            etag=got.etag,
            last_modified=got.last_modified,
            min_sentences=min_sentences,
        )
        lines = [
            f"Following **{shown_as_text(row.title)}** (<{row.url}>) in {target.mention}: "
            f"I'll brief its new items there, checking every "
            f"{every(briefer.settings.feed_interval)}. Feed number `{row.id}` "
            "(for `/feed remove`)."
        ]
        me = interaction.guild.me if interaction.guild else None
        missing = missing_permissions(target, me)
        if missing:
            lines.append(f"I can't post there yet: I lack {', '.join(missing)}.")
        await finish(interaction, content=truncate("\n".join(lines), CONTENT_LIMIT))

    @feed.command(name="list", description="Show the feeds this server follows")
    async def list_(self, interaction: discord.Interaction) -> None:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        store = store_of(self.bot)
        limit = briefer_of(self.bot).settings.max_feeds
        followed = await store.guild_feeds(interaction.guild_id)
        if not followed:
            text = "This server follows no feeds. Add one with `/feed add`."
        else:
            lines = [f"This server follows {len(followed)} of {limit} feeds:"]
            lines += [feed_line(row) for row in followed]
            text = "\n".join(lines)
        await interaction.response.send_message(truncate(text, CONTENT_LIMIT), ephemeral=True)

    @feed.command(name="remove", description="Stop following a feed")
    @app_commands.describe(feed="The feed's number, from /feed list")
    async def remove(self, interaction: discord.Interaction, feed: int) -> None:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        store = store_of(self.bot)
        row = await store.get_feed(feed)
        if row is None or not await store.remove_feed(interaction.guild_id, feed):
            text = f"This server follows no feed number {feed}: see `/feed list`."
        else:
            text = f"No longer following **{shown_as_text(row.title)}** in <#{row.channel_id}>."
        await interaction.response.send_message(text, ephemeral=True)

    @remove.autocomplete("feed")
    async def _feed_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[int]]:
        """The server's feeds whose title or address holds what was typed, by number."""
        if interaction.guild_id is None:
            return []
        try:
            followed = await store_of(self.bot).guild_feeds(interaction.guild_id)
        except DiplobriefError:
            return []
        typed = current.casefold().strip()
        choices = []
        for row in followed:
            if typed and typed not in f"{row.id} {row.title} {row.url}".casefold():
                continue
            channel = self.bot.get_channel(row.channel_id)
            where = f" (#{channel.name})" if isinstance(channel, POSTABLE) else ""
            name = truncate(f"{row.id} · {' '.join(row.title.split())}", 100 - len(where))
            choices.append(app_commands.Choice(name=name + where, value=row.id))
        return choices[:25]

    # -- polling -----------------------------------------------------------------------------

    async def _poll_forever(self) -> None:
        while True:
            await asyncio.sleep(TICK)
            try:
                await self.poll_due()
            except Exception:
                log.exception("feed poll round failed")

    async def poll_due(self, now: float | None = None) -> int:
        """Poll every feed that is due (at `now`, default the clock); return how many were.
        The round runs as a task of its own that closing the bot waits for."""
        round_ = asyncio.create_task(self._poll_round(now))
        return await round_

    async def _poll_round(self, now: float | None) -> int:
        answering(self.bot)
        briefer = getattr(self.bot, "briefer", None)
        if briefer is None or briefer.store is None:
            return 0
        async with self._round:
            when = time.time() if now is None else now
            due = await briefer.store.due_feeds(when)
            for row in due:
                try:
                    await self._poll(briefer, briefer.store, row, when)
                except (Busy, StoreUnavailable) as exc:
                    log.info("feed polls stopped: %s", exc)  # closing: the next start goes on
                    break
                except Exception:
                    # A bug or a feed no parser survives: logged, counted as a failure (so the
                    # feed backs off and is paused in time), and the other feeds go on.
                    log.exception("poll of feed %s (%s) failed", row.id, row.url)
                    await self._failed(briefer.store, row, "an unexpected error", when)
            log.debug("feed round at %s: %d due", when, len(due))
            return len(due)

    async def _poll(self, briefer: Briefer, store: Store, row: FeedRow, now: float) -> None:
        interval = briefer.settings.feed_interval
        try:
            got, parsed = await fetch_feed(
                briefer.fetcher, row.url, etag=row.etag, last_modified=row.last_modified
            )
        except (Busy, StoreUnavailable):
            raise
        except DiplobriefError as exc:
            await self._failed(store, row, str(exc), now)
            return
        if parsed is not None:
            seen = await store.seen_items(row.id, [item.key for item in parsed.items])
            fresh, old = new_items(parsed.items, seen, row.added_at)
            log.debug(
                "feed %s: %d items, %d new, %d old", row.id, len(parsed.items), len(fresh), len(old)
            )
            if old:
                await store.mark_seen(row.id, [item.key for item in old], at=now)
            for item in fresh:
                await self._post_item(briefer, store, row, item, now)
        await store.feed_polled(
            row.id,
            next_poll_at=next_poll(now, interval),
            etag=got.etag or (row.etag if got.status == 304 else None),
            last_modified=got.last_modified or (row.last_modified if got.status == 304 else None),
            title=parsed.title if parsed is not None else None,
        )

    async def _failed(self, store: Store, row: FeedRow, error: str, now: float) -> None:
        since = row.failing_since if row.failing_since is not None else now
        pause = should_pause(since, now)
        log.info("feed %s (%s) failed: %s", row.id, row.url, error)
        await store.feed_failed(
            row.id,
            error=error,
            at=now,
            next_poll_at=next_poll(now, self._interval(), row.failures + 1),
            paused=pause,
        )
        if pause and not row.reported:
            await self._report_paused(store, row, error)

    def _interval(self) -> float:
        return briefer_of(self.bot).settings.feed_interval

    async def _report_paused(self, store: Store, row: FeedRow, error: str) -> None:
        """Say once, in the feed's channel, that it failed for a day and is paused."""
        channel = self.bot.get_channel(row.channel_id)
        text = (
            f"I've paused the feed **{shown_as_text(row.title)}** (<{row.url}>): it has failed "
            f"for a day ({shown_as_text(error)}). `/feed add` it again to resume, "
            f"or `/feed remove feed: {row.id}`."
        )
        if isinstance(channel, POSTABLE):
            try:
                content = truncate(text, CONTENT_LIMIT)
                if isinstance(channel, discord.ForumChannel):
                    name = truncate(f"Feed paused: {row.title}", THREAD_NAME_LIMIT)
                    await self._forum_post(channel, name, {"content": content})
                else:
                    await channel.send(content, allowed_mentions=NO_PINGS)
            except discord.HTTPException as exc:
                log.warning("could not report the paused feed %s: %s", row.id, exc)
        await store.feed_reported(row.id)

    async def _post_item(
        self, briefer: Briefer, store: Store, row: FeedRow, item: FeedItem, now: float
    ) -> None:
        """Brief one new item into the feed's channel, once per channel whatever brought it
        (another feed, a member's link); then mark it seen, so a restart never posts it again."""
        channel = self.bot.get_channel(row.channel_id)
        if not isinstance(channel, POSTABLE):
            log.info("feed %s: channel %s not found; item left for later", row.id, row.channel_id)
            return
        count, algorithm = await defaults(briefer, row.guild_id, None, None)
        minimum = row.min_sentences
        if minimum is None:
            minimum = await autobrief_minimum(briefer, row.guild_id)
        try:
            brief = await briefer.brief(item.link, sentences=count, algorithm=algorithm)
        except (Busy, StoreUnavailable):
            raise
        except DiplobriefError as exc:
            log.info("feed %s: skipped %s: %s", row.id, item.link, exc)
            brief = None
        if brief is not None and brief.sentences_total < minimum:
            log.info("feed %s: skipped %s: %d sentences", row.id, item.link, brief.sentences_total)
            brief = None
        if brief is not None:
            keys = article_keys(item.link, brief)
            if not await recent_brief(store, channel.id, keys):
                await self._send(store, row, channel, brief, keys)
        await store.mark_seen(row.id, [item.key], at=now)

    async def _send(
        self, store: Store, row: FeedRow,
        channel: discord.TextChannel | discord.Thread | discord.ForumChannel,
        brief: Brief, keys: set[str],
    ) -> None:  # fmt: skip
        """Post the brief in the channel; in a forum, as a post of its own named after it."""
        embeds = briefs_embeds([brief], via=row.title)
        try:
            if isinstance(channel, discord.ForumChannel):
                name = truncate(brief.title or brief.site or brief.url, THREAD_NAME_LIMIT)
                jump_url = await self._forum_post(channel, name, {"embeds": embeds})
            else:
                jump_url = (await channel.send(embeds=embeds, allowed_mentions=NO_PINGS)).jump_url
        except discord.HTTPException as exc:
            log.warning("feed %s: could not post in %s: %s", row.id, channel.id, exc)
            return
        for key in sorted(keys):
            await store.record_post(channel.id, key, jump_url)
        await record_read(store, row.guild_id, brief, via="feed", user_id=None, channel=channel)

    async def _forum_post(
        self, forum: discord.ForumChannel, name: str, message: dict[str, Any]
    ) -> str:
        """Start a post in a forum; return the jump URL of its first message. Sent as Discord's
        API describes the request (discord.py's create_thread adds fields it does not list)."""
        body: dict[str, Any] = {"embeds": [e.to_dict() for e in message.get("embeds", [])]}
        if message.get("content"):
            body["content"] = message["content"]
        body["allowed_mentions"] = NO_PINGS.to_dict()
        route = Route("POST", "/channels/{channel_id}/threads", channel_id=forum.id)
        data = await self.bot.http.request(route, json={"name": name, "message": body})
        return f"https://discord.com/channels/{forum.guild.id}/{data['id']}/{data['message']['id']}"


def feed_line(row: FeedRow) -> str:
    state = ""
    if row.paused:
        state = " · **paused** (failed for a day; `/feed add` it again to resume)"
    elif row.failures:
        state = f" · failing ({row.failures} tries)"
    return f"`{row.id}` **{shown_as_text(row.title)}** <{row.url}> in <#{row.channel_id}>{state}"


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Feeds(bot))
