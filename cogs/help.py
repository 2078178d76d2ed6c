"""/help, /about and /forget-me: what the bot does, what it keeps and for how long, and erasing a
person's records everywhere."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from diplobrief import __version__
from diplobrief.config import Settings
from diplobrief.lang import supported_names
from diplobrief.store.sqlite import READS_KEPT_DAYS, CacheStats

from ._common import briefer_of, say_privately, store_of
from ._embeds import COLOUR, NO_PINGS

log = logging.getLogger(__name__)

LANGUAGES = (
    f"Articles in {supported_names()}: the summary in the article's language, the actors "
    "named in English. Other languages are refused, by name."
)
WHAT_IT_DOES = (
    "I brief diplomatic news: give me a link to an article and I answer with a short summary "
    "taken from its own sentences, the key actors (people, states, organisations, government "
    "bodies and groups, with their roles) and who said what."
)
COMMANDS = "\n".join(
    (
        "`/brief url` the brief; **More**, **Actors** and **Quotes** under it",
        "`/actors url` every actor, with role, affiliation and mentions",
        "**Brief links** (a message's menu → Apps) up to 3 links of that message, privately",
        "`/coverage` what this server has read",
        "`/autobrief`, `/settings`, `/feed` for servers (Manage Server)",
        "`/about` what I keep and for how long · `/forget-me` erase your records",
    )
)
KEPT = "What I keep, and for how long"


def _days(days: float) -> str:
    return f"{days:g} day{'' if days == 1 else 's'}"


def what_is_kept(settings: Settings) -> str:
    """Say what the bot stores, keyed by what, and for how long."""
    keep = settings.cache_keep_days
    cache = f"for {_days(keep)}" if keep > 0 else "until the cache is full"
    return (
        f"**Articles** I read, shared by every server: their text, title, site, authors and "
        f"date, and the briefs made of them, {cache} (the oldest go first past "
        f"{settings.cache_max_mb:g} MB). Not who asked.\n"
        f"**A server's reading record**: each public brief and auto-brief in the server, with "
        f"the channel and the **user ID** of who asked (or whose message was auto-briefed), "
        f"for {_days(READS_KEPT_DAYS)}; `/coverage` shows it without names. Private briefs and "
        f"briefs in DMs are not recorded.\n"
        f"**Links auto-briefed** in a channel, with a link to the brief, for 2 days (so a "
        f'repeat gets "briefed earlier"). No user IDs.\n'
        f"**Server settings**, auto-brief channels and feeds, until changed or the bot leaves "
        f"the server (then the server's record goes too).\n"
        f"`/forget-me` erases your reads from every server's record at once."
    )


def help_embed() -> discord.Embed:
    embed = discord.Embed(title="diplobrief", description=WHAT_IT_DOES, colour=COLOUR)
    embed.add_field(name="Commands", value=COMMANDS, inline=False)
    embed.add_field(name="Languages", value=LANGUAGES, inline=False)
    embed.add_field(
        name="Privacy",
        value=(
            "Public briefs in a server go into its reading record with your user ID, kept "
            f"for {_days(READS_KEPT_DAYS)}; private ones are not. `/about` says more, "
            "`/forget-me` erases your records."
        ),
        inline=False,
    )
    return embed


def about_embed(settings: Settings, stats: CacheStats | None) -> discord.Embed:
    embed = discord.Embed(
        title=f"About diplobrief {__version__}", description=WHAT_IT_DOES, colour=COLOUR
    )
    embed.add_field(name="Languages", value=LANGUAGES, inline=False)
    embed.add_field(name=KEPT, value=what_is_kept(settings), inline=False)
    if stats is None:
        cache = "Unavailable right now."
    else:
        cache = (
            f"{stats.articles:,} article{'' if stats.articles == 1 else 's'}, "
            f"{stats.briefs:,} brief{'' if stats.briefs == 1 else 's'}, "
            f"{stats.bytes / 1_048_576:.1f} MB in use"
        )
    embed.add_field(name="The cache now", value=cache, inline=False)
    return embed


def erased_text(count: int) -> str:
    """Tell a person what /forget-me erased."""
    if count == 0:
        return "There was nothing to erase: no server's reading record holds a read of yours."
    reads = "read" if count == 1 else "reads"
    return (
        f"Erased {count} {reads} of yours from the reading records of every server (what you "
        "briefed, where and when). Nothing else I keep names you; new public briefs you ask "
        "for will be recorded again."
    )


class Help(commands.Cog):
    """What the bot is, what it keeps, and forgetting a person."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="What this bot does and how to use it")
    @app_commands.allowed_contexts(guilds=True, dms=True)
    @app_commands.allowed_installs(guilds=True)
    async def help(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(
            embed=help_embed(), ephemeral=True, allowed_mentions=NO_PINGS
        )

    @app_commands.command(name="about", description="What this bot keeps, for how long, and why")
    @app_commands.allowed_contexts(guilds=True, dms=True)
    @app_commands.allowed_installs(guilds=True)
    async def about(self, interaction: discord.Interaction) -> None:
        briefer = briefer_of(self.bot)
        stats: CacheStats | None = None
        if briefer.store is not None:
            try:
                stats = await briefer.store.cache_stats()
            except Exception:  # the page is still worth showing without the figures
                log.warning("could not read the cache's size", exc_info=True)
        await interaction.response.send_message(
            embed=about_embed(briefer.settings, stats), ephemeral=True, allowed_mentions=NO_PINGS
        )

    @app_commands.command(
        name="forget-me", description="Erase your reads from every server's reading record"
    )
    @app_commands.allowed_contexts(guilds=True, dms=True)
    @app_commands.allowed_installs(guilds=True)
    async def forget_me(self, interaction: discord.Interaction) -> None:
        store = store_of(self.bot)
        erased = await store.forget_user(interaction.user.id)  # StoreUnavailable: the handler
        log.info("forgot user %s: %d reads", interaction.user.id, erased)
        await say_privately(interaction, erased_text(erased))


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Help(bot))
