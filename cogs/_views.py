"""Buttons under a brief: More, Actors, Quotes. They survive restarts: the custom_id carries the
action, algorithm, length and whether quotations were left out, and the article's link is the
embed's own URL."""

from __future__ import annotations

import logging
import re
from typing import Any

import discord

from diplobrief.errors import BadTarget
from diplobrief.models import Brief

from ._common import briefer_of, finish, spend, think
from ._embeds import actors_embed, brief_embed, quotes_embed
from .errors import report

log = logging.getLogger(__name__)

MAX_SENTENCES = 10
LABELS = {"more": "More", "actors": "Actors", "quotes": "Quotes"}
TEMPLATE = (
    r"brief:(?P<action>more|actors|quotes):(?P<algorithm>[a-z]{1,20}):(?P<sentences>\d{1,2})"
    r"(?P<no_quotes>:nq)?"  # absent on buttons sent before the option existed
)


def more_sentences(sentences: int) -> int:
    """How many points "More" asks for: five more, up to ten."""
    return min(MAX_SENTENCES, sentences + 5)


def custom_id(action: str, algorithm: str, sentences: int, no_quotes: bool = False) -> str:
    return f"brief:{action}:{algorithm}:{sentences}" + (":nq" if no_quotes else "")


class BriefButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=TEMPLATE):
    """One button; any running bot can answer it, whenever it was sent."""

    def __init__(
        self, action: str, algorithm: str, sentences: int, no_quotes: bool = False
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=LABELS[action],
                style=discord.ButtonStyle.secondary,
                custom_id=custom_id(action, algorithm, sentences, no_quotes),
            )
        )
        self.action = action
        self.algorithm = algorithm
        self.sentences = sentences
        self.no_quotes = no_quotes

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> BriefButton:
        return cls(
            match["action"], match["algorithm"], int(match["sentences"]), bool(match["no_quotes"])
        )

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await self._answer(interaction)
        except Exception as exc:
            await report(interaction, exc)

    async def _answer(self, interaction: discord.Interaction) -> None:
        url = article_url(interaction.message)
        if url is None:
            raise BadTarget("I can't tell which article this button belongs to")
        # Every button briefs the link again: from the cache when it still holds the article,
        # else by fetching it, so each press spends one of the user's briefs.
        spend(interaction)
        await think(interaction, ephemeral=True)
        briefer = briefer_of(interaction.client)
        sentences = more_sentences(self.sentences) if self.action == "more" else self.sentences
        brief = await briefer.brief(
            url, sentences=sentences, algorithm=self.algorithm, avoid_quotes=self.no_quotes
        )
        if self.action == "more":
            await finish(
                interaction,
                embed=brief_embed(brief, no_quotes=self.no_quotes),
                view=brief_view(brief, sentences, no_quotes=self.no_quotes),
                ephemeral=True,
            )
        elif self.action == "actors":
            await finish(interaction, embed=actors_embed(brief), ephemeral=True)
        else:
            await finish(interaction, embed=quotes_embed(brief), ephemeral=True)


def article_url(message: discord.Message | None) -> str | None:
    """Return the article link of the brief a button sits under (its first embed's URL)."""
    if message is None or not message.embeds:
        return None
    return message.embeds[0].url or None


def brief_view(brief: Brief, sentences: int, *, no_quotes: bool = False) -> discord.ui.View | None:
    """Return the buttons that make sense for this brief, or None when none does."""
    view = discord.ui.View(timeout=None)
    if not brief.whole and sentences < MAX_SENTENCES and brief.sentences_total > sentences:
        view.add_item(BriefButton("more", brief.algorithm, sentences, no_quotes))
    if brief.actors:
        view.add_item(BriefButton("actors", brief.algorithm, sentences, no_quotes))
    if brief.quotes:
        view.add_item(BriefButton("quotes", brief.algorithm, sentences, no_quotes))
    return view if view.children else None
