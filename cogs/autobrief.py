"""Auto-briefs: links posted in an enabled channel get a brief as a reply; /autobrief manages it."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable

import discord
from discord import app_commands
from discord.ext import commands

from diplobrief.claims import Article, Claim, Claims, Pointers, one_per_article
from diplobrief.errors import BadTarget, DiplobriefError, StoreUnavailable
from diplobrief.models import Brief
from diplobrief.pipeline import Briefer
from diplobrief.store.sqlite import Store
from diplobrief.web.hosts import MAX_DOMAINS, DomainLists, clean_domain, may_autobrief
from diplobrief.web.urls import find_links, normalise_url

from ._common import (
    answering,
    autobrief_minimum,
    budget_of,
    defaults,
    finish,
    message_text,
    record_read,
    store_of,
    think,
)
from ._embeds import NO_PINGS, briefs_embeds
from ._text import CONTENT_LIMIT, truncate
from ._views import brief_view

log = logging.getLogger(__name__)

MAX_LINKS = 3
MAX_SOURCES = 25  # bots and webhooks a server names for auto-briefs
NO_SOURCE = (
    "Name a bot by mention or ID, or a webhook by its ID (turn on Developer Mode, then "
    "Copy User ID on its name in one of its messages): `/autobrief sources action:add source:`."
)
# At most this many auto-briefs per channel per period: a burst of new links (a news dump, a
# spammer) gets a few briefs, not a wall of them. Only messages with a link to brief count, and
# a channel's threads count with it. Each link briefed is charged to its poster's budget too.
CHANNEL_RATE, CHANNEL_PER = 3, 60.0
REPEAT_WINDOW = 24 * 3600.0
# A link briefed here in the last REPEAT_WINDOW gets a "briefed earlier" pointer instead, but
# at most one pointer to a brief per POINTER_PER: the same link posted again and again is quiet.
POINTER_PER = 600.0
NOT_TEXT = (
    "Auto-briefs work in text channels and forum channels, with their threads: "
    "pick one with `channel:`."
)
NEEDED = discord.Permissions(
    view_channel=True, send_messages=True, embed_links=True, read_message_history=True
)


def earlier_line(link: str, jump_url: str) -> str:
    """Say a link was briefed here already (the link in <> so Discord shows no preview)."""
    return f"<{link}> briefed earlier: {jump_url}"


def missing_permissions(
    channel: discord.abc.GuildChannel | discord.Thread,
    me: discord.Member | None,
    *,
    in_threads: bool = False,
) -> list[str]:
    """Return the names of the permissions the bot lacks in a channel to post briefs (with
    `in_threads`, in the threads under it). Posts in a thread, and so in a forum, need Send
    Messages in Threads instead of Send Messages."""
    if me is None:
        return []
    have = channel.permissions_for(me)
    names = [name for name, value in NEEDED if value]
    if in_threads or isinstance(channel, discord.Thread | discord.ForumChannel):
        names = ["send_messages_in_threads" if n == "send_messages" else n for n in names]
    return [name.replace("_", " ") for name in names if not getattr(have, name)]


# Code spans first (a `||` in code opens no spoiler), then ||spoilers||, which may span lines.
_SPOILER_RE = re.compile(r"```.*?```|`[^`\n]*`|\|\|.+?\|\|", re.DOTALL)


def hide_spoilers(text: str) -> str:
    """Blank out the ||spoilered|| parts of a message, leaving code for find_links to skip."""
    return _SPOILER_RE.sub(lambda m: m[0] if m[0][0] == "`" else " " * len(m[0]), text)


def article_links(
    content: str, wanted: Callable[[str], bool] = may_autobrief
) -> list[tuple[str, str]]:
    """Return the links of a message to auto-brief, as (posted, normalised), once each and at
    most MAX_LINKS valid ones: links in code, in <> or in ||spoilers|| are left alone, and so
    are links `wanted` refuses (by default those to GIF, video and chat sites)."""
    found: list[tuple[str, str]] = []
    for link in find_links(hide_spoilers(content)):
        try:
            url = normalise_url(link)
        except DiplobriefError:
            continue
        if not wanted(url):
            continue
        if all(url != u for _, u in found):
            found.append((link, url))
    return found[:MAX_LINKS]


# The channels auto-briefs can be turned on in: their threads (forum posts) follow them.
Briefable = discord.TextChannel | discord.ForumChannel


class BriefableChannel(app_commands.Transformer):
    """A `channel:` option offering text, announcement and forum channels (and not media
    channels, which discord.py would add with ForumChannel but Discord's API spec lacks)."""

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.channel

    @property
    def channel_types(self) -> list[discord.ChannelType]:
        return [discord.ChannelType.text, discord.ChannelType.news, discord.ChannelType.forum]

    async def transform(self, interaction: discord.Interaction, value: object) -> Briefable:
        resolve = getattr(value, "resolve", None)
        channel = resolve() if resolve else None
        if not isinstance(channel, discord.TextChannel | discord.ForumChannel):
            raise BadTarget(NOT_TEXT)
        return channel


class AutoBrief(commands.Cog):
    """Replies to links in channels where auto-briefs are on."""

    # Registered for Manage Server by default; who may run it is then the server's to say
    # (Server Settings → Integrations): a check of our own would overrule a news-mod role.
    autobrief = app_commands.Group(
        name="autobrief",
        description="Brief links posted in a channel automatically",
        default_permissions=discord.Permissions(manage_guild=True),
        allowed_contexts=app_commands.AppCommandContext(guild=True),
        allowed_installs=app_commands.AppInstallationType(guild=True),
    )

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self.cooldown: commands.CooldownMapping[discord.Message] = commands.CooldownMapping(
            commands.Cooldown(CHANNEL_RATE, CHANNEL_PER), _channel_of
        )
        # The links and articles being briefed in each channel now (see diplobrief.claims).
        self.claims = Claims()
        self.pointers = Pointers(POINTER_PER)

    # -- /autobrief ------------------------------------------------------------------------------

    @autobrief.command(name="enable", description="Brief links posted in a channel")
    @app_commands.describe(channel="The text or forum channel (default: this one)")
    async def enable(
        self,
        interaction: discord.Interaction,
        channel: app_commands.Transform[Briefable, BriefableChannel] | None = None,
    ) -> None:
        target = channel or interaction.channel
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        await think(interaction, ephemeral=True)  # before the store, which may be busy
        if not isinstance(target, discord.TextChannel | discord.ForumChannel):
            # Run from a thread, a forum post or a voice channel's chat.
            await _answer(interaction, NOT_TEXT)
            return
        await store_of(self.bot).set_autobrief(interaction.guild_id, target.id, True)
        where = "its posts" if isinstance(target, discord.ForumChannel) else "there"
        lines = [
            f"Auto-briefs are on in {target.mention}: I'll brief up to {MAX_LINKS} links "
            f"per message {where}."
        ]
        me = interaction.guild.me if interaction.guild else None
        lacking = missing_permissions(target, me)
        if lacking:
            lines.append(f"But I can't post there yet: I need {', '.join(lacking)}.")
        elif missing_permissions(target, me, in_threads=True):
            lines.append(
                "But I can't post in its threads yet: I need send messages in threads there."
            )
        if not self.bot.intents.message_content:
            lines.append(
                "But the Message Content intent is off, so I can't see links in messages; "
                "see the README, “Setting up the Discord application”."
            )
        await _answer(interaction, "\n".join(lines))

    @autobrief.command(name="disable", description="Stop briefing links in a channel")
    @app_commands.describe(channel="The text or forum channel (default: this one)")
    async def disable(
        self,
        interaction: discord.Interaction,
        channel: app_commands.Transform[Briefable, BriefableChannel] | None = None,
    ) -> None:
        target = channel or interaction.channel
        if target is None or interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        await think(interaction, ephemeral=True)
        store = store_of(self.bot)
        if isinstance(target, discord.Thread) and target.parent_id:
            # A thread follows its channel: saying "off" here while the channel is on would lie.
            parent = target.parent_id
            if await store.is_autobrief(parent):
                text = (
                    f"Threads follow their channel: auto-briefs are still on in <#{parent}> "
                    "and its threads. Turn them off with `/autobrief disable channel:` "
                    "naming it."
                )
            else:
                text = f"Auto-briefs are off here, as they are in <#{parent}>."
            await _answer(interaction, text)
            return
        await store.set_autobrief(interaction.guild_id, target.id, False)
        await _answer(interaction, f"Auto-briefs are off in <#{target.id}>.")

    @autobrief.command(name="status", description="Show where auto-briefs are on")
    async def status(self, interaction: discord.Interaction) -> None:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        await think(interaction, ephemeral=True)
        channels = await store_of(self.bot).autobrief_channels(interaction.guild_id)
        if channels:
            where = ", ".join(f"<#{c}>" for c in channels)
            text = f"Auto-briefs are on in {where}."
        else:
            text = "Auto-briefs are off everywhere here. Turn them on with `/autobrief enable`."
        await _answer(interaction, text)

    @autobrief.command(name="domains", description="Allow or deny auto-briefs of a site")
    @app_commands.describe(
        action="allow: only listed sites are briefed; deny: never brief it; remove; list",
        domain="A site such as example.com (its subdomains count too)",
    )
    @app_commands.choices(
        action=[app_commands.Choice(name=a, value=a) for a in ("allow", "deny", "remove", "list")]
    )
    async def domains(
        self, interaction: discord.Interaction, action: str, domain: str | None = None
    ) -> None:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        await think(interaction, ephemeral=True)
        store = store_of(self.bot)
        guild_id = interaction.guild_id
        if action != "list":
            if not domain:
                text = f"Name the site: `/autobrief domains action:{action} domain:example.com`."
                await _answer(interaction, text)
                return
            name = clean_domain(domain)
            if action == "remove":
                removed = await store.remove_autobrief_domain(guild_id, name)
                if not removed:
                    text = f"`{name}` is on neither list."
                    await _answer(interaction, text)
                    return
            else:
                lists = await store.autobrief_domains(guild_id)
                if (
                    name not in lists.allow | lists.deny
                    and max(len(lists.allow), len(lists.deny)) >= MAX_DOMAINS
                ):
                    text = f"A server lists at most {MAX_DOMAINS} sites each way."
                    await _answer(interaction, text)
                    return
                await store.set_autobrief_domain(guild_id, name, action == "allow")
        lists = await store.autobrief_domains(guild_id)
        await _answer(interaction, domains_text(lists))

    # -- the listener ----------------------------------------------------------------------------

    @autobrief.command(name="sources", description="Brief links that a bot or webhook posts")
    @app_commands.describe(
        action="add or remove a bot or webhook whose messages are briefed too; list them",
        source="A bot (mention or ID) or a webhook (Copy User ID on its name in a message)",
    )
    @app_commands.choices(
        action=[app_commands.Choice(name=a, value=a) for a in ("add", "remove", "list")]
    )
    async def sources(
        self, interaction: discord.Interaction, action: str, source: str | None = None
    ) -> None:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        await think(interaction, ephemeral=True)
        store = store_of(self.bot)
        guild_id = interaction.guild_id
        if action != "list":
            found = source_id(source or "")
            if found is None:
                await _answer(interaction, NO_SOURCE)
                return
            listed = await store.autobrief_sources(guild_id)
            if action == "add" and found not in listed and len(listed) >= MAX_SOURCES:
                await _answer(interaction, f"A server names at most {MAX_SOURCES} sources.")
                return
            await store.set_autobrief_source(guild_id, found, action == "add")
        listed = await store.autobrief_sources(guild_id)
        if listed:
            names = ", ".join(f"<@{i}>" for i in listed)
            text = f"Links posted by {names} (in their messages and embeds) are briefed too."
        else:
            text = "Messages from bots and webhooks are not briefed (no sources named)."
        await _answer(interaction, text)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.guild is None or self._own(message):
            return
        # A bot's or a webhook's message (a feed bot, a followed announcement channel) is
        # briefed only when the server names it: see /autobrief sources.
        source = message.webhook_id or message.author.id
        from_source = bool(message.author.bot or message.webhook_id)
        text = message_text(message) if from_source else message.content
        briefer = getattr(self.bot, "briefer", None)
        links = article_links(text)
        if not links or briefer is None or briefer.store is None:
            return
        guild_id = message.guild.id
        channel = message.channel
        if not isinstance(channel, discord.TextChannel | discord.Thread):
            return
        try:
            if not await self._enabled(briefer.store, channel):
                return
            if from_source and not await briefer.store.is_autobrief_source(guild_id, source):
                return
            # The server's lists, before anything is charged: a link it denies costs nothing.
            lists = await briefer.store.autobrief_domains(guild_id)
            if lists.allow or lists.deny:
                links = article_links(text, lambda url: may_autobrief(url, lists))
                if not links:
                    return
            lacking = missing_permissions(channel, message.guild.me)
            if lacking:
                # Checked before any fetching; /autobrief enable warns about these.
                log.info(
                    "cannot post auto-briefs in channel %s: missing %s",
                    channel.id,
                    ", ".join(lacking),
                )
                return
            answering(self.bot)
            await self._reply(briefer, message, links)
        except discord.Forbidden as exc:
            # A server setting, not a bug: /autobrief enable warns about missing permissions.
            log.warning("cannot post auto-briefs in channel %s: %s", channel.id, exc)
        except Exception:
            log.exception("auto-brief failed for message %s", message.id)

    def _own(self, message: discord.Message) -> bool:
        """Whether a message is this bot's (its briefs, its followups): never briefed."""
        me = self.bot.user
        mine = {me.id} if me else set()
        if self.bot.application_id:
            mine.add(self.bot.application_id)
        return message.author.id in mine or message.webhook_id in mine

    @staticmethod
    async def _enabled(store: Store, channel: discord.TextChannel | discord.Thread) -> bool:
        """Auto-briefs are on in an enabled text channel and in every thread under it."""
        parent = channel.parent_id if isinstance(channel, discord.Thread) else channel.id
        return await store.is_autobrief(parent)

    async def _reply(
        self, briefer: Briefer, message: discord.Message, links: list[tuple[str, str]]
    ) -> None:
        """Brief the new links of a message, point to the earlier brief of the others."""
        store = briefer.store
        assert store is not None
        channel_id = message.channel.id
        # Claim the links no other message is briefing here; wait for the others. Each claim
        # ends with the jump URL of the brief, or None.
        links_claimed = self.claims.claim_links(channel_id, links)
        waits = links_claimed.waits
        jumps: dict[str, str] = {}  # what each claim ends with
        own: list[tuple[Article, Claim]] = []  # the articles this message posts
        try:
            earlier: list[tuple[str, str]] = []
            fresh: list[tuple[str, str]] = []
            for link, url in links_claimed.claimed:
                jump = await store.recent_post(channel_id, url, within_seconds=REPEAT_WINDOW)
                if jump:
                    earlier.append((link, jump))
                    jumps[url] = jump
                else:
                    fresh.append((link, url))
            fresh = self._allowed(message, fresh)
            count, algo, minimum = briefer.settings.default_sentences, None, 0
            if fresh:
                await _typing(message.channel)
                guild_id = message.guild.id if message.guild else None
                count, algo = await defaults(briefer, guild_id, None, None)
                minimum = await autobrief_minimum(briefer, guild_id)
            results, waited = await asyncio.gather(
                asyncio.gather(
                    *(self._quietly(briefer, u, count, algo, minimum) for _, u in fresh)
                ),
                asyncio.gather(*(asyncio.shield(f) for _, f in waits)),
            )
            earlier += [(link, jump) for (link, _), jump in zip(waits, waited, strict=True) if jump]
            pending = one_per_article(fresh, results)
            while pending:
                others = self.claims.claim_articles(channel_id, pending, own)
                # The same article, reached by another message's link a moment ago: point to
                # its brief, or post ours if that one could not be posted after all.
                got = await asyncio.gather(*(asyncio.shield(f) for _, f in others))
                pending = []
                for (article, _), jump in zip(others, got, strict=True):
                    if jump:
                        earlier.append((article[0], jump))
                        jumps.update(dict.fromkeys(article[2], jump))
                    else:
                        pending.append(article)
            # An article briefed here already under another of its links gets a pointer.
            briefs: list[tuple[Brief, set[str]]] = []
            for (link, brief, keys), _ in own:
                jump = await recent_brief(store, channel_id, keys)
                if jump:
                    earlier.append((link, jump))
                    jumps.update(dict.fromkeys(keys, jump))
                else:
                    briefs.append((brief, keys))
            lines: list[str] = []
            pointed: list[str] = []  # one line per earlier brief, and not too often
            for link, jump in earlier:
                if jump not in pointed and self.pointers.may_point(jump):
                    pointed.append(jump)
                    lines.append(earlier_line(link, jump))
            if not briefs and not lines:
                return
            view = brief_view(briefs[0][0], count) if len(briefs) == 1 else None
            try:
                reply = await message.channel.send(
                    content=truncate("\n".join(lines), CONTENT_LIMIT) or None,
                    embeds=briefs_embeds([b for b, _ in briefs]),
                    reference=message.to_reference(fail_if_not_exists=False),
                    mention_author=False,
                    allowed_mentions=NO_PINGS,
                    view=view or discord.utils.MISSING,
                )
            except BaseException:
                for jump in pointed:  # not posted: the next repeat may point after all
                    self.pointers.forget(jump)
                raise
            for brief, keys in briefs:
                await _record(store, message, brief, keys, reply.jump_url)
                jumps.update(dict.fromkeys(keys, reply.jump_url))
        finally:
            self.claims.release(channel_id, links_claimed, own, jumps)

    def _allowed(
        self, message: discord.Message, fresh: list[tuple[str, str]]
    ) -> list[tuple[str, str]]:
        """The new links of a message that may be briefed now: none past the channel's rate
        (its threads share it), and no more than the poster has briefs left (the budget of
        /brief; each link spends one). No await: checked and charged in one step."""
        if not fresh:
            return fresh
        bucket = self.cooldown.get_bucket(message)
        if bucket is not None and not bucket.get_tokens():
            log.info(
                "auto-brief cooldown in channel %s: skipped %d links",
                _channel_of(message),
                len(fresh),
            )
            return []
        granted = budget_of(self.bot).take(message.author.id, len(fresh))
        if granted < len(fresh):
            log.info(
                "auto-brief: user %s is out of briefs: skipped %d of %d links",
                message.author.id,
                len(fresh) - granted,
                len(fresh),
            )
        if granted and bucket is not None:
            bucket.update_rate_limit()
        return fresh[:granted]

    async def _quietly(
        self, briefer: Briefer, url: str, sentences: int, algorithm: str | None, minimum: int
    ) -> Brief | None:
        """Brief a link; in auto mode a page that is not an article, or has fewer than `minimum`
        sentences, is skipped without a word. So is a link that fails unexpectedly (logged):
        it never costs the other links of its message their briefs."""
        try:
            brief = await briefer.brief(url, sentences=sentences, algorithm=algorithm)
        except DiplobriefError as exc:
            log.info("auto-brief skipped %s: %s", url, exc)
            return None
        except Exception:
            log.exception("auto-brief of %s failed", url)
            return None
        if brief.sentences_total < minimum:
            log.info("auto-brief skipped %s: only %d sentences", url, brief.sentences_total)
            return None
        return brief


def source_id(text: str) -> int | None:
    """The user ID a server names a bot or webhook by (`<@123>`, `<@!123>`, `123`), or None."""
    text = text.strip()
    if text.startswith("<@") and text.endswith(">"):
        text = text[2:-1].removeprefix("!")
    if not text.isascii() or not text.isdigit() or not 15 <= len(text) <= 20:
        return None
    return int(text)


async def _answer(interaction: discord.Interaction, text: str) -> None:
    """Answer a deferred /autobrief, only to the one who ran it."""
    await finish(interaction, content=text, ephemeral=True)


def domains_text(lists: DomainLists) -> str:
    """Say which sites a server allows and denies auto-briefs of."""
    allow = ", ".join(f"`{d}`" for d in sorted(lists.allow))
    deny = ", ".join(f"`{d}`" for d in sorted(lists.deny))
    lines = [
        f"Auto-briefs only brief links to: {allow} (and their subdomains)."
        if allow
        else "Auto-briefs brief links to any site (no allow list).",
        f"Never briefed: {deny}." if deny else "No site is denied.",
        "GIF, video and chat links (Tenor, YouTube, Discord, X…) are always skipped.",
    ]
    return truncate("\n".join(lines), CONTENT_LIMIT)


def _channel_of(message: discord.Message) -> int:
    """The channel whose rate a message counts towards: a thread's is its parent's."""
    channel = message.channel
    if isinstance(channel, discord.Thread) and channel.parent_id:
        return channel.parent_id
    return channel.id


async def recent_brief(store: Store, channel_id: int, keys: set[str]) -> str | None:
    """The jump URL of a recent brief here of any of an article's links, or None."""
    for key in sorted(keys):
        jump = await store.recent_post(channel_id, key, within_seconds=REPEAT_WINDOW)
        if jump:
            return jump
    return None


async def _record(
    store: Store, message: discord.Message, brief: Brief, keys: set[str], jump_url: str
) -> None:
    """Remember a posted auto-brief under each of its links (repeats point to it), and add it
    to the server's reading record. The brief is out: failing here only logs."""
    channel_id = message.channel.id
    try:
        for key in sorted(keys):
            await store.record_post(channel_id, key, jump_url)
    except StoreUnavailable as exc:
        log.warning("could not record the auto-brief of %s: %s", brief.url, exc)
    if message.guild is not None:
        await record_read(
            store, message.guild.id, brief, via="auto", user_id=message.author.id,
            channel=message.channel,
        )  # fmt: skip


async def _typing(channel: discord.abc.Messageable) -> None:
    """Show "diplobrief is typing…" while briefing; not worth failing over."""
    try:
        await channel.typing()
    except discord.HTTPException as exc:
        log.debug("typing indicator failed: %s", exc)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(AutoBrief(bot))
