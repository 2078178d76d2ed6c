"""Auto-briefs: links posted in an enabled channel get a brief as a reply; /autobrief manages it."""

from __future__ import annotations

import asyncio
import logging

import discord
from discord import app_commands
from discord.ext import commands

from diplobrief.errors import DiplobriefError
from diplobrief.models import Brief
from diplobrief.pipeline import Briefer
from diplobrief.urls import find_links, normalise_url

from ._common import autobrief_minimum, defaults, store_of
from ._embeds import NO_PINGS, briefs_embeds
from ._text import CONTENT_LIMIT, truncate
from ._views import brief_view

log = logging.getLogger(__name__)

MAX_LINKS = 3
# At most this many auto-brief replies per channel per period: a burst of links (a news dump,
# a spammer) gets a few briefs, not a wall of them.
CHANNEL_RATE, CHANNEL_PER = 3, 60.0
REPEAT_WINDOW = 24 * 3600.0
NOT_TEXT = "Auto-briefs work in text channels: pick one with `channel:`."
NEEDED = discord.Permissions(
    view_channel=True, send_messages=True, embed_links=True, read_message_history=True
)


def earlier_line(link: str, jump_url: str) -> str:
    """Say a link was briefed here already (the link in <> so Discord shows no preview)."""
    return f"<{link}> briefed earlier: {jump_url}"


def missing_permissions(channel: discord.abc.GuildChannel, me: discord.Member | None) -> list[str]:
    """Return the names of the permissions the bot lacks in a channel to post briefs."""
    if me is None:
        return []
    have = channel.permissions_for(me)
    return [name.replace("_", " ") for name, value in NEEDED if value and not getattr(have, name)]


class AutoBrief(commands.Cog):
    """Replies to links in channels where auto-briefs are on."""

    autobrief = app_commands.Group(
        name="autobrief",
        description="Brief links posted in a channel automatically",
        default_permissions=discord.Permissions(manage_guild=True),
        allowed_contexts=app_commands.AppCommandContext(guild=True),
        allowed_installs=app_commands.AppInstallationType(guild=True),
    )

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self.cooldown: commands.CooldownMapping[discord.Message] = (
            commands.CooldownMapping.from_cooldown(
                CHANNEL_RATE, CHANNEL_PER, commands.BucketType.channel
            )
        )

    # -- /autobrief ------------------------------------------------------------------------------

    @autobrief.command(name="enable", description="Brief links posted in a channel")
    @app_commands.describe(channel="The channel (default: this one)")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def enable(
        self, interaction: discord.Interaction, channel: discord.TextChannel | None = None
    ) -> None:
        target = channel or interaction.channel
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        if not isinstance(target, discord.TextChannel):
            # Run from a thread, a forum post or a voice channel's chat.
            await interaction.response.send_message(NOT_TEXT, ephemeral=True)
            return
        await store_of(self.bot).set_autobrief(interaction.guild_id, target.id, True)
        lines = [
            f"Auto-briefs are on in {target.mention}: I'll brief up to {MAX_LINKS} links "
            "per message there."
        ]
        me = interaction.guild.me if interaction.guild else None
        lacking = missing_permissions(target, me)
        if lacking:
            lines.append(f"But I can't post there yet: I need {', '.join(lacking)}.")
        if not self.bot.intents.message_content:
            lines.append(
                "But the Message Content intent is off, so I can't see links in messages; "
                "see the README, “Setting up the Discord application”."
            )
        await interaction.response.send_message("\n".join(lines), ephemeral=True)

    @autobrief.command(name="disable", description="Stop briefing links in a channel")
    @app_commands.describe(channel="The channel (default: this one)")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def disable(
        self, interaction: discord.Interaction, channel: discord.TextChannel | None = None
    ) -> None:
        target = channel or interaction.channel
        if target is None or interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        await store_of(self.bot).set_autobrief(interaction.guild_id, target.id, False)
        await interaction.response.send_message(
            f"Auto-briefs are off in <#{target.id}>.", ephemeral=True
        )

    @autobrief.command(name="status", description="Show where auto-briefs are on")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def status(self, interaction: discord.Interaction) -> None:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        channels = await store_of(self.bot).autobrief_channels(interaction.guild_id)
        if channels:
            where = ", ".join(f"<#{c}>" for c in channels)
            text = f"Auto-briefs are on in {where}."
        else:
            text = "Auto-briefs are off everywhere here. Turn them on with `/autobrief enable`."
        await interaction.response.send_message(text, ephemeral=True)

    # -- the listener ----------------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or message.webhook_id or message.guild is None:
            return
        links = find_links(message.content)
        briefer = getattr(self.bot, "briefer", None)
        if not links or briefer is None or briefer.store is None:
            return
        if not await briefer.store.is_autobrief(message.channel.id):
            return
        bucket = self.cooldown.get_bucket(message)
        if bucket is not None and bucket.update_rate_limit():
            log.info("auto-brief cooldown in channel %s: skipped a message", message.channel.id)
            return
        try:
            await self._reply(briefer, message, links[:MAX_LINKS])
        except discord.Forbidden as exc:
            # A server setting, not a bug: /autobrief enable warns about missing permissions.
            log.warning("cannot post auto-briefs in channel %s: %s", message.channel.id, exc)
        except Exception:
            log.exception("auto-brief failed for message %s", message.id)

    async def _reply(self, briefer: Briefer, message: discord.Message, links: list[str]) -> None:
        store = briefer.store
        assert store is not None
        channel_id = message.channel.id
        earlier: list[str] = []
        fresh: list[str] = []
        for link in links:
            try:
                url = normalise_url(link)
            except DiplobriefError:
                continue
            jump = await store.recent_post(channel_id, url, within_seconds=REPEAT_WINDOW)
            if jump:
                earlier.append(earlier_line(link, jump))
            else:
                fresh.append(url)
        briefed: list[tuple[str, Brief]] = []
        count = briefer.settings.default_sentences
        if fresh:
            await _typing(message.channel)
            guild_id = message.guild.id if message.guild else None
            count, algo = await defaults(briefer, guild_id, None, None)
            minimum = await autobrief_minimum(briefer, guild_id)
            results = await asyncio.gather(
                *(self._quietly(briefer, u, count, algo, minimum) for u in fresh)
            )
            briefed = [(u, b) for u, b in zip(fresh, results, strict=True) if b is not None]
        if not briefed and not earlier:
            return
        briefs = [b for _, b in briefed]
        view = brief_view(briefs[0], count) if len(briefs) == 1 else None
        reply = await message.channel.send(
            content=truncate("\n".join(earlier), CONTENT_LIMIT) or None,
            embeds=briefs_embeds(briefs),
            reference=message.to_reference(fail_if_not_exists=False),
            mention_author=False,
            allowed_mentions=NO_PINGS,
            view=view or discord.utils.MISSING,
        )
        for url, _ in briefed:
            await store.record_post(channel_id, url, reply.jump_url)

    async def _quietly(
        self, briefer: Briefer, url: str, sentences: int, algorithm: str | None, minimum: int
    ) -> Brief | None:
        """Brief a link; in auto mode a page that is not an article, or has fewer than `minimum`
        sentences, is skipped without a word."""
        try:
            brief = await briefer.brief(url, sentences=sentences, algorithm=algorithm)
        except DiplobriefError as exc:
            log.info("auto-brief skipped %s: %s", url, exc)
            return None
        if brief.sentences_total < minimum:
            log.info("auto-brief skipped %s: only %d sentences", url, brief.sentences_total)
            return None
        return brief


async def _typing(channel: discord.abc.Messageable) -> None:
    """Show "diplobrief is typing…" while briefing; not worth failing over."""
    try:
        await channel.typing()
    except discord.HTTPException as exc:
        log.debug("typing indicator failed: %s", exc)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(AutoBrief(bot))
