"""diplobrief's Discord bot: `create_bot()` builds it;
`python bot.py [--sync [--guild ID] | --clear --guild ID]`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

import discord
from discord.ext import commands
from pydantic import ValidationError

from cogs._common import answer_the_rest, answers_out
from diplobrief.config import Settings
from diplobrief.pipeline import Briefer

log = logging.getLogger("diplobrief.bot")

EXTENSIONS = (
    "cogs.errors",
    "cogs.briefs",
    "cogs.autobrief",
    "cogs.settings",
    "cogs.coverage",
    "cogs.feeds",
    "cogs.help",
)
SETUP_SECTION = "Setting up the Discord application"
# Closing: once no brief is in flight, commands still answering get this long to finish.
ANSWER_GRACE = 5.0
NO_TOKEN = (
    "diplobrief: no Discord bot token.\n"
    "Set DISCORD_TOKEN in the environment or in a .env file in the folder you start the bot from\n"
    "(here, {cwd}), e.g.\n"
    "    DISCORD_TOKEN=your-bot-token make run\n"
    f'README.md, section "{SETUP_SECTION}", shows how to create the application, get its token,\n'
    "invite the bot (scopes bot and applications.commands) and turn on the message content intent."
)


def intents(*, message_content: bool = True) -> discord.Intents:
    """Servers and their messages; message content (privileged) lets auto-briefs see links."""
    wanted = discord.Intents.none()
    wanted.guilds = True
    wanted.guild_messages = True
    wanted.message_content = message_content
    return wanted


class DiplobriefBot(commands.Bot):
    """The bot: opens the core (store, fetcher, workers) on start, closes it on the way out."""

    def __init__(self, settings: Settings, *, message_content: bool = True) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=intents(message_content=message_content),
            allowed_mentions=discord.AllowedMentions.none(),
            max_messages=200,
        )
        self.settings = settings
        self.briefer: Briefer | None = None
        self.open_core = True  # --sync needs the commands, not the core
        self.failed_extensions: list[str] = []  # --sync refuses to upload a partial list
        self._core_closed = False

    async def setup_hook(self) -> None:
        if self.open_core:
            self.briefer = await Briefer.open(self.settings)
        for extension in EXTENSIONS:
            try:
                await self.load_extension(extension)
            except Exception:
                # One broken feature should not take the others down with it.
                log.exception("could not load %s; going on without it", extension)
                self.failed_extensions.append(extension)

    async def close(self) -> None:
        # In order, while Discord is still connected: no new briefs (a command is told the bot
        # is shutting down), those in flight finish or are cancelled with that answer; the
        # commands answering send their answers and record their reads; those still going after
        # the grace are stopped and their askers told the bot is restarting; then the HTTP
        # client, the workers and the store; then Discord. The briefer stays until the end, so
        # that a command arriving meanwhile is refused plainly rather than told it is starting.
        briefer = self.briefer
        try:
            if briefer is not None and not self._core_closed:
                self._core_closed = True
                try:
                    await briefer.drain()
                    await answers_out(self, ANSWER_GRACE)
                    # Whoever still waits would see "thinking…" until Discord gives up.
                    await answer_the_rest(self)
                finally:
                    await briefer.close()
                log.info("store, fetcher and workers closed")
        finally:
            try:
                await super().close()
            finally:
                self.briefer = None


def create_bot(settings: Settings | None = None, *, message_content: bool = True) -> DiplobriefBot:
    """Build the bot; settings come from the environment and .env when none are given."""
    return DiplobriefBot(settings or Settings(), message_content=message_content)


class PartialCommands(RuntimeError):
    """Some cogs did not load: syncing would delete their commands from Discord."""


async def sync(
    bot: commands.Bot, guild_id: int | None = None
) -> list[discord.app_commands.AppCommand]:
    """Register the command tree with Discord: globally, or on one server (instant, for testing).
    Refuse when a cog failed to load: Discord replaces the whole list, so the missing cog's
    commands would be deleted for everyone until the next good sync."""
    failed = getattr(bot, "failed_extensions", [])
    if failed:
        raise PartialCommands(f"these cogs failed to load: {', '.join(failed)}")
    if guild_id is None:
        return await bot.tree.sync()
    guild = discord.Object(id=guild_id)
    bot.tree.copy_global_to(guild=guild)
    return await bot.tree.sync(guild=guild)


async def clear(bot: commands.Bot, guild_id: int) -> None:
    """Remove every command registered on one server (such as those a `--sync --guild` put
    there for testing, which show twice beside the global ones); global commands stay."""
    guild = discord.Object(id=guild_id)
    bot.tree.clear_commands(guild=guild)
    await bot.tree.sync(guild=guild)


async def run_sync(
    settings: Settings, token: str, guild_id: int | None, *, clearing: bool = False
) -> int:
    bot = create_bot(settings)
    bot.open_core = False
    async with bot:
        await bot.login(token)
        if clearing and guild_id is not None:
            await clear(bot, guild_id)
            print(f"cleared the commands registered on server {guild_id}")
            return 0
        try:
            commands_ = await sync(bot, guild_id)
        except PartialCommands as exc:
            print(
                f"diplobrief: not syncing: {exc} (see the log above). Syncing now would delete "
                "their commands from Discord; fix them and run --sync again.",
                file=sys.stderr,
            )
            return 1
    where = f"server {guild_id}" if guild_id else "every server (global commands can take a while)"
    print(f"synced {len(commands_)} commands to {where}: {', '.join(c.name for c in commands_)}")
    return 0


async def run(bot: DiplobriefBot, token: str) -> int:
    """Run until the connection ends or SIGINT/SIGTERM arrives; always close the store."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
            loop.add_signal_handler(sig, stop.set)
    try:
        async with bot:
            runner = asyncio.create_task(bot.start(token))
            stopper = asyncio.create_task(stop.wait())
            await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
            if stopper.done():
                log.info("signal received: shutting down")
                await bot.close()
            stopper.cancel()
            await runner
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.remove_signal_handler(sig)
    return 0


async def serve(settings: Settings, token: str) -> int:
    try:
        return await run(create_bot(settings), token)
    except discord.PrivilegedIntentsRequired:
        log.warning(
            "the Message Content intent is not enabled for this application: running without "
            'it (commands work; auto-briefs cannot see links). See README.md, "%s".',
            SETUP_SECTION,
        )
        return await run(create_bot(settings, message_content=False), token)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bot.py", description="Run the diplobrief Discord bot.")
    parser.add_argument(
        "--sync", action="store_true", help="register the slash commands with Discord and exit"
    )
    parser.add_argument(
        "--clear",
        action="store_true",
        help="with --guild: remove the commands registered on that server and exit",
    )
    parser.add_argument(
        "--guild", type=int, metavar="ID", help="with --sync or --clear: only this server"
    )
    args = parser.parse_args(argv)
    if args.sync and args.clear:
        parser.error("--sync and --clear go separately")
    if args.clear and args.guild is None:
        parser.error("--clear needs --guild ID (the server whose commands to remove)")
    if args.guild is not None and not (args.sync or args.clear):
        parser.error("--guild goes with --sync or --clear")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    discord.utils.setup_logging()
    try:
        settings = Settings()
    except ValidationError as exc:
        print(f"diplobrief: bad settings:\n{exc}", file=sys.stderr)
        return 2
    token = settings.token()
    if not token:
        print(NO_TOKEN.format(cwd=Path.cwd()), file=sys.stderr)
        return 2
    try:
        if args.sync or args.clear:
            return asyncio.run(run_sync(settings, token, args.guild, clearing=args.clear))
        return asyncio.run(serve(settings, token))
    except discord.LoginFailure:
        print(
            "diplobrief: Discord refused the token. "
            f'Check DISCORD_TOKEN (README.md, "{SETUP_SECTION}").',
            file=sys.stderr,
        )
        return 1
    except (OSError, discord.GatewayNotFound) as exc:
        print(f"diplobrief: cannot reach Discord: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
