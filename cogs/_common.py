"""What the cogs share: reaching the core, per-server defaults, the per-person brief budget,
deferring and answering."""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections import deque
from typing import Any

import discord
from discord import app_commands

from diplobrief.errors import Busy, StoreUnavailable
from diplobrief.models import Brief
from diplobrief.pipeline import Briefer
from diplobrief.store.sqlite import Store

from ._embeds import NO_PINGS
from ._text import CONTENT_LIMIT, truncate

log = logging.getLogger(__name__)

PENDING = "diplobrief_pending"  # interaction.extras key: a public "thinking…" awaits its answer
SENDING = "diplobrief_sending"  # interaction.extras key: its answer is on its way to Discord
RESTARTING = "I'm restarting; try again in a moment."
# Five briefs a minute per person: plenty for reading, too few for scraping through the bot.
BRIEF_RATE, BRIEF_PER = 5, 60.0


class OutOfBriefs(app_commands.CheckFailure):
    """The person has used up their briefs for now; `retry_after` seconds until the next one."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"out of briefs for {retry_after:.0f} s")
        self.retry_after = retry_after


class BriefBudget:
    """BRIEF_RATE briefs per person in any BRIEF_PER seconds, one budget for everything that can
    fetch a page: /brief, /actors, each link of the "Brief links" menu, the buttons, and each
    link a person's message gets auto-briefed."""

    def __init__(self, rate: int = BRIEF_RATE, per: float = BRIEF_PER) -> None:
        self.rate = rate
        self.per = per
        self._spent: dict[int, deque[float]] = {}  # per person: when each brief was granted

    def take(self, user_id: int, wanted: int = 1, *, now: float | None = None) -> int:
        """Spend up to `wanted` of the person's briefs; return how many were granted."""
        now = time.monotonic() if now is None else now
        self._forget_before(now - self.per)
        spent = self._spent.setdefault(user_id, deque())
        granted = max(0, min(wanted, self.rate - len(spent)))
        spent.extend([now] * granted)
        if not spent:
            del self._spent[user_id]
        return granted

    def retry_after(self, user_id: int, *, now: float | None = None) -> float:
        """Seconds until the person has a brief to spend again (0 when they have one now)."""
        now = time.monotonic() if now is None else now
        spent = self._spent.get(user_id)
        if not spent or len(spent) < self.rate:
            return 0.0
        return max(0.0, spent[-self.rate] + self.per - now)

    def _forget_before(self, cutoff: float) -> None:
        for user_id in list(self._spent):
            spent = self._spent[user_id]
            while spent and spent[0] <= cutoff:
                spent.popleft()
            if not spent:
                del self._spent[user_id]


_BUDGETS: weakref.WeakKeyDictionary[discord.Client, BriefBudget] = weakref.WeakKeyDictionary()


def budget_of(client: discord.Client) -> BriefBudget:
    """The bot's one per-person budget, shared by commands, buttons and auto-briefs."""
    return _BUDGETS.setdefault(client, BriefBudget())


def spend(interaction: discord.Interaction, wanted: int = 1) -> int:
    """Take up to `wanted` briefs from the user's budget; raise OutOfBriefs when none is left."""
    budget = budget_of(interaction.client)
    granted = budget.take(interaction.user.id, wanted)
    if not granted:
        raise OutOfBriefs(budget.retry_after(interaction.user.id))
    return granted


def retry_after(interaction: discord.Interaction) -> float:
    """Seconds until the user may ask for another brief."""
    budget = _BUDGETS.get(interaction.client)
    return budget.retry_after(interaction.user.id) if budget is not None else 0.0


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


# Per bot, the tasks answering someone right now (a command that said "thinking…", an auto-brief
# being made): closing lets them finish (see answers_out) before the store and Discord close.
_ANSWERING: weakref.WeakKeyDictionary[discord.Client, set[asyncio.Task[Any]]] = (
    weakref.WeakKeyDictionary()
)


def answering(client: discord.Client) -> None:
    """Count the running task as answering someone until it ends."""
    task = asyncio.current_task()
    if task is not None:
        tasks = _ANSWERING.setdefault(client, set())
        tasks.add(task)
        task.add_done_callback(tasks.discard)


# Per bot, the interactions that said "thinking…" and have no answer yet, with the task that owes
# it: closing answers those still waiting after the grace (see answer_the_rest).
_WAITING: weakref.WeakKeyDictionary[
    discord.Client, dict[int, tuple[discord.Interaction, asyncio.Task[Any]]]
] = weakref.WeakKeyDictionary()


def _awaits_answer(interaction: discord.Interaction) -> None:
    """Note that the running task owes this deferred interaction its answer, until it ends."""
    task = asyncio.current_task()
    if task is None:
        return
    waiting = _WAITING.setdefault(interaction.client, {})
    waiting[interaction.id] = (interaction, task)
    task.add_done_callback(lambda _: waiting.pop(interaction.id, None))


def _answered(interaction: discord.Interaction) -> None:
    _WAITING.get(interaction.client, {}).pop(interaction.id, None)


async def answer_the_rest(
    client: discord.Client, text: str = RESTARTING, timeout: float = 3.0
) -> int:
    """Stop the commands still owing an answer (their "thinking…" would otherwise stay until
    Discord drops it, 15 minutes later) and tell each asker, privately, `text`. An answer
    already on its way is left to arrive. Return how many were told."""
    me = asyncio.current_task()
    waiting = [
        (interaction, task)
        for interaction, task in _WAITING.pop(client, {}).values()
        if task is not me and not task.done() and not interaction.extras.get(SENDING)
    ]
    if not waiting:
        return 0
    tasks = [task for _, task in waiting]
    for task in tasks:
        task.cancel()
    # Let them unwind first, so that none of them sends anything after the restarting note.
    await asyncio.wait(tasks, timeout=timeout)
    said = await asyncio.gather(
        *(asyncio.wait_for(say_privately(i, text), timeout) for i, _ in waiting),
        return_exceptions=True,
    )
    for (interaction, _), result in zip(waiting, said, strict=True):
        if isinstance(result, BaseException):
            log.warning("could not tell %s the bot is restarting: %r", interaction.id, result)
    told = sum(not isinstance(r, BaseException) for r in said)
    log.info("closing: told %d of %d waiting askers the bot is restarting", told, len(said))
    return told


async def answers_out(client: discord.Client, timeout: float) -> None:
    """Wait up to `timeout` seconds for the answers in progress to be sent (and their reads
    recorded); those still going after that meet a closed store, and say so."""
    me = asyncio.current_task()
    tasks = {task for task in _ANSWERING.get(client, ()) if task is not me}
    if tasks:
        await asyncio.wait(tasks, timeout=timeout)


def private_for(interaction: discord.Interaction, private: bool) -> bool:
    """Whether to answer only the asker: when asked to, and when the asker may not post embeds
    in this channel themselves (a public answer would post, under their name, what they could
    not). In a DM the asker's choice stands."""
    if private or interaction.guild_id is None:
        return private
    allowed = interaction.permissions
    in_thread = isinstance(interaction.channel, discord.Thread)
    send = allowed.send_messages_in_threads if in_thread else allowed.send_messages
    return not (send and allowed.embed_links)


async def think(interaction: discord.Interaction, *, ephemeral: bool) -> None:
    """Acknowledge at once with "thinking…" (Discord allows 3 seconds), before any slow work."""
    answering(interaction.client)
    await interaction.response.defer(thinking=True, ephemeral=ephemeral)
    interaction.extras[PENDING] = not ephemeral
    _awaits_answer(interaction)


async def finish(interaction: discord.Interaction, **kwargs: Any) -> None:
    """Send the one answer to a deferred interaction (it replaces the "thinking…")."""
    kwargs.setdefault("allowed_mentions", NO_PINGS)
    if kwargs.get("view", ...) is None:
        del kwargs["view"]  # discord.py wants no view rather than None
    interaction.extras[SENDING] = True
    try:
        await interaction.followup.send(**kwargs)
    finally:
        interaction.extras[SENDING] = False
    interaction.extras[PENDING] = False
    _answered(interaction)


async def say_privately(interaction: discord.Interaction, text: str) -> None:
    """Answer only the user, whatever state the interaction is in (cut to Discord's limit)."""
    text = truncate(text, CONTENT_LIMIT)
    if not interaction.response.is_done():
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_PINGS)
        return
    interaction.extras[SENDING] = True
    try:
        if interaction.extras.get(PENDING):
            # A public "thinking…" would turn this into a public message: remove it first, so
            # the next followup is a new message that can be ephemeral.
            try:
                await interaction.delete_original_response()
            except discord.NotFound:
                pass
            interaction.extras[PENDING] = False
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_PINGS)
    finally:
        interaction.extras[SENDING] = False
    _answered(interaction)


async def note_read(
    interaction: discord.Interaction, brief: Brief, *, via: str, private: bool
) -> None:
    """Add a brief shown in a server to its reading record; private answers stay private.
    A failure here is only logged: the user already has the brief."""
    store = briefer_of(interaction.client).store
    if private or interaction.guild_id is None or store is None:
        return
    await record_read(
        store, interaction.guild_id, brief, via=via, user_id=interaction.user.id,
        channel=interaction.channel,
    )  # fmt: skip


async def record_read(
    store: Store, guild_id: int, brief: Brief, *, via: str, user_id: int | None, channel: Any
) -> None:
    """Add a brief to a server's reading record, with where it was read; a failure only logs."""
    where = _read_in(channel) if channel is not None else {}
    try:
        await store.record_read(guild_id, brief, via=via, user_id=user_id, **where)
    except StoreUnavailable as exc:
        log.warning("could not add %s to the reading record: %s", brief.url, exc)


def _read_in(channel: Any) -> dict[str, Any]:
    """Where a read happened, for the record: the channel, and for a thread its parent and
    whether it is private (who may see it later depends on both)."""
    if isinstance(channel, discord.Thread):
        return {
            "channel_id": channel.id,
            "parent_id": channel.parent_id,
            "private_thread": channel.is_private(),
        }
    return {"channel_id": channel.id}


def message_text(message: discord.Message) -> str:
    """A message as text to find links in: its content, then each embed's link and description
    (a feed bot's post is often an embed and nothing else)."""
    parts = [message.content]
    for embed in message.embeds:
        parts += [embed.url or "", embed.description or ""]
    return "\n".join(p for p in parts if p)
