"""The one error handler: the core's errors become short private replies; the rest get a ref id."""

from __future__ import annotations

import logging
import math
import secrets

import discord
from discord import app_commands
from discord.ext import commands

from diplobrief.errors import DiplobriefError

from ._common import OutOfBriefs, say_privately
from ._text import sentence, shown_as_text

log = logging.getLogger(__name__)

PERMISSION_NAMES = {"manage_guild": "Manage Server"}
# Discord's codes for a token or interaction that is no longer valid (answered too late).
EXPIRED = {10015, 10062}


def _unwrap(error: BaseException) -> BaseException:
    """Return the exception a command raised, out of discord.py's wrappers."""
    if isinstance(error, app_commands.CommandInvokeError):
        return error.original
    if isinstance(error, app_commands.TransformerError) and error.__cause__ is not None:
        return error.__cause__
    return error


def _permissions(names: list[str]) -> str:
    return ", ".join(PERMISSION_NAMES.get(n, n.replace("_", " ").title()) for n in names)


def easy_there(retry_after: float) -> str:
    """Say when the user may ask for another brief."""
    return f"Easy there: you can ask for another brief in {max(1, math.ceil(retry_after))} s."


def describe(error: BaseException) -> tuple[str, bool]:
    """Return (what to tell the user, whether it was unexpected and needs a reference id)."""
    error = _unwrap(error)
    if isinstance(error, DiplobriefError):
        # The core's messages can quote what a site sent: shown as text, never as markdown.
        return shown_as_text(sentence(str(error))), False
    if isinstance(error, app_commands.CommandOnCooldown | OutOfBriefs):
        return easy_there(error.retry_after), False
    if isinstance(error, app_commands.MissingPermissions):
        return f"You need the {_permissions(error.missing_permissions)} permission for that.", False
    if isinstance(error, app_commands.BotMissingPermissions):
        return f"I need the {_permissions(error.missing_permissions)} permission here.", False
    if isinstance(error, app_commands.NoPrivateMessage):
        return "That works only in a server.", False
    if isinstance(error, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch):
        # Discord holds an older (or newer) copy of the commands than this bot runs.
        return "That command is out of date here; the bot's owner needs to re-sync commands.", True
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use that here.", False
    return "", True


async def report(interaction: discord.Interaction, error: BaseException) -> None:
    """Tell the user what went wrong, privately; log the unexpected with a reference id."""
    where = interaction.command.qualified_name if interaction.command else interaction.type.name
    cause = _unwrap(error)
    if isinstance(cause, discord.NotFound) and cause.code in EXPIRED:
        log.warning("%s: the interaction expired before the answer (%s)", where, cause.text)
        return
    message, unexpected = describe(error)
    if unexpected:
        ref = secrets.token_hex(3)
        log.error(
            "ref %s: %s failed (guild %s, user %s)",
            ref,
            where,
            interaction.guild_id,
            interaction.user.id if interaction.user else None,
            exc_info=cause,
        )
        message = f"{message} (ref {ref})" if message else f"Something went wrong (ref {ref})."
    else:
        log.info("%s: told user %s: %s", where, getattr(interaction.user, "id", None), message)
    try:
        await say_privately(interaction, message)
    except discord.HTTPException as exc:
        # The interaction expired or Discord is down: nobody is left to tell.
        log.warning("could not report an error for %s: %s", where, exc)


class Errors(commands.Cog):
    """Routes every app-command error to `report`."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self._previous = bot.tree.on_error

    async def cog_load(self) -> None:
        self.bot.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]

    async def cog_unload(self) -> None:
        self.bot.tree.on_error = self._previous  # type: ignore[method-assign]

    async def on_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await report(interaction, error)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Errors(bot))
