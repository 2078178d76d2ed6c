"""/settings: a server's summary length, summariser and auto-brief minimum.

Registered for Manage Server by default; who may run it is then the server's to say (Server
Settings → Integrations), so there is no check of our own here."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from diplobrief.summary.names import ALGORITHM_NAMES, DEFAULT_ALGORITHM

from ._common import briefer_of, finish, store_of, think

ALGORITHM_CHOICES = [app_commands.Choice(name=name, value=name) for name in ALGORITHM_NAMES]


class ServerSettings(commands.Cog):
    """Per-server defaults for /brief, /actors, the message menu and auto-briefs."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @app_commands.command(name="settings", description="Show or change this server's defaults")
    @app_commands.describe(
        sentences="Default number of summary points (1-10)",
        algorithm="Default summariser",
        autobrief_min="Auto-briefs skip articles with fewer sentences than this (0-50)",
        reset="Go back to the bot's defaults first; other options given are then saved",
    )
    @app_commands.choices(algorithm=ALGORITHM_CHOICES)
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.allowed_contexts(guilds=True)
    @app_commands.allowed_installs(guilds=True)
    async def settings(
        self,
        interaction: discord.Interaction,
        sentences: app_commands.Range[int, 1, 10] | None = None,
        algorithm: str | None = None,
        autobrief_min: app_commands.Range[int, 0, 50] | None = None,
        reset: bool = False,
    ) -> None:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        await think(interaction, ephemeral=True)  # before the store, which may be busy
        store = store_of(self.bot)
        changes = sentences is not None or algorithm is not None or autobrief_min is not None
        if not reset and not changes:
            saved = await store.get_guild_settings(interaction.guild_id)
            heading = "This server's defaults:"
        else:
            saved = await store.set_guild_settings(
                interaction.guild_id,
                sentences=sentences,
                algorithm=algorithm,
                autobrief_min=autobrief_min,
                reset=reset,
            )
            if reset and not changes:
                heading = "Reset. This server uses the bot's defaults:"
            elif reset:
                heading = "Reset, then saved. This server's defaults are now:"
            else:
                heading = "Saved. This server's defaults are now:"
        bot_settings = briefer_of(self.bot).settings
        length = (
            f"{saved.sentences} points"
            if saved.sentences
            else f"{bot_settings.default_sentences} points (the bot's default)"
        )
        summariser = saved.algorithm or (
            f"{bot_settings.default_algorithm or DEFAULT_ALGORITHM} (the bot's default)"
        )
        minimum = (
            f"{saved.autobrief_min} sentences"
            if saved.autobrief_min is not None
            else f"{bot_settings.autobrief_min_sentences} sentences (the bot's default)"
        )
        channels = await store.autobrief_channels(interaction.guild_id)
        auto = ", ".join(f"<#{c}>" for c in channels) if channels else "off"
        text = (
            f"{heading}\n- summary length: {length}\n- summariser: {summariser}\n"
            f"- auto-briefs skip articles shorter than: {minimum}\n"
            f"- auto-briefs: {auto}\n"
            "Change them with `/settings sentences:`, `algorithm:` or `autobrief_min:`; "
            "`/settings reset: True` goes back to the bot's defaults."
        )
        await finish(interaction, content=text, ephemeral=True)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(ServerSettings(bot))
