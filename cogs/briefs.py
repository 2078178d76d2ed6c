"""/brief, /actors and the "Brief links" message menu."""

from __future__ import annotations

import asyncio
import logging
import math
import secrets

import discord
from discord import app_commands
from discord.ext import commands

from diplobrief.errors import DiplobriefError
from diplobrief.models import Brief
from diplobrief.summary.names import ALGORITHM_NAMES
from diplobrief.web.urls import find_links, normalise_url

from ._common import (
    briefer_of,
    defaults,
    finish,
    message_text,
    note_read,
    private_for,
    retry_after,
    spend,
    think,
)
from ._embeds import actors_embed, brief_embed, briefs_embeds
from ._text import CONTENT_LIMIT, shown_as_text, truncate
from ._views import BriefButton, brief_view

log = logging.getLogger(__name__)

ALGORITHM_CHOICES = [app_commands.Choice(name=name, value=name) for name in ALGORITHM_NAMES]
MAX_LINKS = 3


class Briefs(commands.Cog):
    """Briefs on request: a slash command, an actors list and a message menu."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self.menu = app_commands.ContextMenu(name="Brief links", callback=self.brief_links)
        self.menu.allowed_contexts = app_commands.AppCommandContext(guild=True, dm_channel=True)
        self.menu.allowed_installs = app_commands.AppInstallationType(guild=True)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.menu)
        self.bot.add_dynamic_items(BriefButton)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)
        self.bot.remove_dynamic_items(BriefButton)

    @app_commands.command(name="brief", description="Brief a news article: key points and actors")
    @app_commands.describe(
        url="Link to the article",
        sentences="How many points (1-10; default: this server's setting)",
        algorithm="Which summariser to use (default: this server's setting)",
        private="Show the brief only to you",
        no_quotes="Leave out sentences that quote someone",
    )
    @app_commands.choices(algorithm=ALGORITHM_CHOICES)
    @app_commands.allowed_contexts(guilds=True, dms=True)
    @app_commands.allowed_installs(guilds=True)
    async def brief(
        self,
        interaction: discord.Interaction,
        url: str,
        sentences: app_commands.Range[int, 1, 10] | None = None,
        algorithm: str | None = None,
        private: bool = False,
        no_quotes: bool = False,
    ) -> None:
        target = normalise_url(url)  # a typo is answered at once, privately
        spend(interaction)
        private = private_for(interaction, private)
        await think(interaction, ephemeral=private)
        briefer = briefer_of(self.bot)
        count, algo = await defaults(briefer, interaction.guild_id, sentences, algorithm)
        result = await briefer.brief(
            target, sentences=count, algorithm=algo, avoid_quotes=no_quotes
        )
        await finish(
            interaction,
            embed=brief_embed(result, no_quotes=no_quotes),
            view=brief_view(result, count, no_quotes=no_quotes),
            ephemeral=private,
        )
        await note_read(interaction, result, via="brief", private=private)

    @app_commands.command(name="actors", description="List everyone an article is about")
    @app_commands.describe(url="Link to the article", private="Show the list only to you")
    @app_commands.allowed_contexts(guilds=True, dms=True)
    @app_commands.allowed_installs(guilds=True)
    async def actors(
        self, interaction: discord.Interaction, url: str, private: bool = False
    ) -> None:
        target = normalise_url(url)
        spend(interaction)
        private = private_for(interaction, private)
        await think(interaction, ephemeral=private)
        briefer = briefer_of(self.bot)
        count, algo = await defaults(briefer, interaction.guild_id, None, None)
        result = await briefer.brief(target, sentences=count, algorithm=algo)
        await finish(interaction, embed=actors_embed(result), ephemeral=private)
        await note_read(interaction, result, via="actors", private=private)

    async def brief_links(self, interaction: discord.Interaction, message: discord.Message) -> None:
        """Brief the links in a message, for the one who asked; each valid link spends a brief."""
        found = find_links(message_text(message))
        if not found:
            await interaction.response.send_message(
                "I found no links in that message.", ephemeral=True
            )
            return
        invalid: list[str] = []
        valid: list[str] = []
        for link in found:
            try:
                url = normalise_url(link)
            except DiplobriefError as exc:  # said at once, and it costs nothing
                invalid.append(f"<{truncate(link, 120)}>: {shown_as_text(str(exc))}")
                continue
            if url not in valid:
                valid.append(url)
        valid = valid[:MAX_LINKS]
        links = valid[: spend(interaction, len(valid))] if valid else []
        await think(interaction, ephemeral=True)
        briefer = briefer_of(self.bot)
        count, algo = await defaults(briefer, interaction.guild_id, None, None)
        results = await asyncio.gather(
            *(briefer.brief(link, sentences=count, algorithm=algo) for link in links),
            return_exceptions=True,
        )
        briefs: list[Brief] = []
        problems: list[str] = []
        if len(links) < len(valid):
            wait = max(1, math.ceil(retry_after(interaction)))
            problems.append(
                f"Easy there: I briefed {len(links)} of the {len(valid)} links; "
                f"you can ask for another brief in {wait} s."
            )
        problems += invalid[:MAX_LINKS]
        if len(invalid) > MAX_LINKS:
            problems.append(f"…and {len(invalid) - MAX_LINKS} more links I could not read.")
        for link, result in zip(links, results, strict=True):
            if isinstance(result, Brief):
                briefs.append(result)
            elif isinstance(result, DiplobriefError):
                problems.append(f"<{link}>: {shown_as_text(str(result))}")
            elif isinstance(result, Exception):
                # Unexpected, but only this link's: the others are still answered.
                ref = secrets.token_hex(3)
                log.error("ref %s: Brief links failed on %s", ref, link, exc_info=result)
                problems.append(f"<{link}>: something went wrong (ref {ref})")
            else:
                raise result
        await finish(
            interaction,
            content=truncate("\n".join(problems), CONTENT_LIMIT) or None,
            embeds=briefs_embeds(briefs),
            ephemeral=True,
        )


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Briefs(bot))
