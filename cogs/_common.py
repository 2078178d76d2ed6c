"""What the cogs share: reaching the core, per-server defaults, deferring and answering."""

from __future__ import annotations

from typing import Any

import discord

from diplobrief.errors import Busy, StoreUnavailable
from diplobrief.pipeline import Briefer
from diplobrief.store import Store

from ._embeds import NO_PINGS

PENDING = "diplobrief_pending"  # interaction.extras key: a public "thinking…" awaits its answer


def briefer_of(client: discord.Client) -> Briefer:
    """Return the bot's Briefer, or say the bot is still starting."""
    briefer = getattr(client, "briefer", None)
    if briefer is None:
        raise Busy("I'm still starting up; try again in a moment")
    return briefer


def store_of(client: discord.Client) -> Store:
    """Return the store, or explain that server settings cannot be kept right now."""
    store = briefer_of(client).store
    if store is None:
        raise StoreUnavailable("server settings are unavailable: the bot's database cannot be used")
    return store


async def defaults(
    briefer: Briefer, guild_id: int | None, sentences: int | None, algorithm: str | None
) -> tuple[int, str | None]:
    """Resolve length and algorithm: the command's options, else the server's, else the bot's."""
    if guild_id is not None and briefer.store is not None and (sentences is None or not algorithm):
        saved = await briefer.store.get_guild_settings(guild_id)
        sentences = sentences or saved.sentences
        algorithm = algorithm or saved.algorithm
    return sentences or briefer.settings.default_sentences, algorithm or None


async def autobrief_minimum(briefer: Briefer, guild_id: int | None) -> int:
    """Auto-briefs skip articles with fewer sentences than this: the server's, else the bot's."""
    if guild_id is not None and briefer.store is not None:
        saved = await briefer.store.get_guild_settings(guild_id)
        if saved.autobrief_min is not None:
            return saved.autobrief_min
    return briefer.settings.autobrief_min_sentences


async def think(interaction: discord.Interaction, *, ephemeral: bool) -> None:
    """Acknowledge at once with "thinking…" (Discord allows 3 seconds), before any slow work."""
    await interaction.response.defer(thinking=True, ephemeral=ephemeral)
    interaction.extras[PENDING] = not ephemeral


async def finish(interaction: discord.Interaction, **kwargs: Any) -> None:
    """Send the one answer to a deferred interaction (it replaces the "thinking…")."""
    kwargs.setdefault("allowed_mentions", NO_PINGS)
    if kwargs.get("view", ...) is None:
        del kwargs["view"]  # discord.py wants no view rather than None
    await interaction.followup.send(**kwargs)
    interaction.extras[PENDING] = False


async def say_privately(interaction: discord.Interaction, text: str) -> None:
    """Answer only the user, whatever state the interaction is in."""
    if not interaction.response.is_done():
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_PINGS)
        return
    if interaction.extras.get(PENDING):
        # A public "thinking…" would turn this into a public message: remove it first, so the
        # next followup is a new message that can be ephemeral.
        try:
            await interaction.delete_original_response()
        except discord.NotFound:
            pass
        interaction.extras[PENDING] = False
    await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_PINGS)
