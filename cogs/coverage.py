"""/coverage: what a server has read (its public briefs and auto-briefs), and forgetting a
server's record when the bot leaves it or a channel's auto-briefs when the channel is deleted."""

from __future__ import annotations

import logging
import time

import discord
from discord import app_commands
from discord.ext import commands

from diplobrief.errors import StoreUnavailable
from diplobrief.store.sqlite import READS_KEPT_DAYS, Read, Sight

from ._common import briefer_of, finish, store_of, think
from ._embeds import COLOUR
from ._text import (
    DESCRIPTION_LIMIT,
    FOOTER_LIMIT,
    TITLE_LIMIT,
    URL_LIMIT,
    shown_as_text,
    truncate,
)

log = logging.getLogger(__name__)

SHOWN = 15  # articles listed at most: enough to scan, short enough to read
RECORDED = "Public briefs and auto-briefs are recorded here; private ones are not."


def _plain(text: str) -> str:
    """One line of text from a page, shown as text: no markdown, no brackets that could end or
    start a masked link."""
    return shown_as_text(" ".join(text.split()).replace("[", "(").replace("]", ")"))


def _link(read: Read) -> str:
    """A masked link to the article, titled; the bare title when the link cannot be one."""
    text = truncate(_plain(read.title or read.site or read.url), 200)
    # "(", ")" and spaces would end the URL early.
    url = read.url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    if url.startswith(("http://", "https://")) and len(url) <= URL_LIMIT:
        return f"[{text}]({url})"
    return text


def _line(read: Read) -> str:
    times = "once" if read.reads == 1 else f"{read.reads} times"
    people = "" if read.readers <= 1 else f" by {read.readers} people"
    site = f"{_plain(read.site)} · " if read.site else ""
    return f"{_link(read)}\n   {site}read {times}{people}, last <t:{int(read.last_read)}:R>"


def sight_of(interaction: discord.Interaction) -> Sight:
    """What the asker can see of the server: channels they can view (a public thread shows to
    whoever sees its parent), and channels whose private threads they manage. Unknown to the
    bot's cache means unseen, except the channel asked from."""
    guild, member = interaction.guild, interaction.user
    here = {interaction.channel_id} if interaction.channel_id else set()
    if guild is None or not isinstance(member, discord.Member):
        return Sight(frozenset(here))
    seen, managed = set(here), set()
    for channel in guild.channels:
        allowed = channel.permissions_for(member)
        if allowed.view_channel:
            seen.add(channel.id)
            if allowed.manage_threads:
                managed.add(channel.id)
    return Sight(frozenset(seen), frozenset(managed))


def _within(days: int | None) -> str:
    return f" in the last {days} day{'s' if days > 1 else ''}" if days else ""


def coverage_embed(
    reads: list[Read], total: int, *, days: int | None, search: str | None
) -> discord.Embed:
    """The list of what a server has read, newest first, within Discord's limits."""
    heading = "What this server has read" + _within(days)
    if search:
        heading += f": “{' '.join(search.split())}”"
    embed = discord.Embed(title=truncate(shown_as_text(heading), TITLE_LIMIT), colour=COLOUR)
    lines: list[str] = []
    for number, read in enumerate(reads, 1):
        line = f"{number}. {_line(read)}"
        if sum(len(x) + 1 for x in lines) + len(line) > DESCRIPTION_LIMIT:
            break  # whole items only: a cut one would end in a broken link
        lines.append(line)
    embed.description = "\n".join(lines)
    shown = len(lines)
    more = f"{shown} of {total} articles, newest first. " if total > shown else ""
    embed.set_footer(text=truncate(more + RECORDED, FOOTER_LIMIT))
    return embed


class Coverage(commands.Cog):
    """A server's reading record: /coverage, and cleanup when a server or channel goes."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @app_commands.command(name="coverage", description="What this server has read, newest first")
    @app_commands.describe(
        search="Only articles with these words in the title, site or link",
        days=f"Only the last N days (1-{READS_KEPT_DAYS})",
        private="Show the list only to you",
    )
    @app_commands.allowed_contexts(guilds=True)
    @app_commands.allowed_installs(guilds=True)
    async def coverage(
        self,
        interaction: discord.Interaction,
        search: app_commands.Range[str, 1, 100] | None = None,
        days: app_commands.Range[int, 1, READS_KEPT_DAYS] | None = None,
        private: bool = False,
    ) -> None:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        store = store_of(self.bot)
        await think(interaction, ephemeral=private)
        since = time.time() - days * 86400 if days else None
        reads, total = await store.coverage(
            interaction.guild_id,
            since=since,
            search=search,
            sight=sight_of(interaction),
            limit=SHOWN,
        )
        if not reads:
            what = "Nothing has been briefed in this server" + _within(days)
            if search:
                what += f" that matches “{shown_as_text(' '.join(search.split()))}”"
            await finish(interaction, content=f"{what} yet. {RECORDED}", ephemeral=private)
            return
        embed = coverage_embed(reads, total, days=days, search=search)
        await finish(interaction, embed=embed, ephemeral=private)

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        """The bot left or was removed: keep nothing of the server's."""
        store = briefer_of(self.bot).store
        if store is None:
            return
        try:
            await store.forget_guild(guild.id)
            log.info("forgot server %s: the bot was removed from it", guild.id)
        except StoreUnavailable as exc:
            log.warning("could not forget server %s: %s", guild.id, exc)

    @commands.Cog.listener()
    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        """A deleted channel has no auto-briefs, posts or reads any more."""
        await self._forget_channel(channel.id)

    @commands.Cog.listener()
    async def on_raw_thread_delete(self, payload: discord.RawThreadDeleteEvent) -> None:
        """Nor does a deleted thread (cached or not)."""
        await self._forget_channel(payload.thread_id)

    async def _forget_channel(self, channel_id: int) -> None:
        store = briefer_of(self.bot).store
        if store is None:
            return
        try:
            await store.forget_channel(channel_id)
        except StoreUnavailable as exc:
            log.warning("could not forget channel %s: %s", channel_id, exc)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Coverage(bot))
