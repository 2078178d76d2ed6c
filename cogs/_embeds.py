"""The only place a Brief becomes a discord.Embed: escaped, truncated, within Discord's limits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time

import discord

from diplobrief.lang import RIGHT_TO_LEFT, isolate
from diplobrief.models import Brief

from ._text import (
    AUTHOR_LIMIT,
    DESCRIPTION_LIMIT,
    EMBEDS_TOTAL_LIMIT,
    FIELD_VALUE_LIMIT,
    FOOTER_LIMIT,
    TITLE_LIMIT,
    URL_LIMIT,
    actor_detail_line,
    actor_line,
    actor_parts_line,
    byline,
    footer_text,
    joined_lines,
    key_actors,
    numbered,
    one_line,
    quote_line,
    shown_as_text,
    truncate,
)

COLOUR = discord.Colour(0x2B5F8A)
# Nobody is pinged by anything the bot posts: article text can quote "@everyone" or "<@123>".
NO_PINGS = discord.AllowedMentions.none()
KEY_ACTORS = "Key actors"
PARTS = "Who did what"
# Below this much room for the summary, the actors field goes so the summary stays readable.
MIN_SUMMARY_ROOM = 300


def article_link(brief: Brief) -> str | None:
    """Return the link the embed title points to: the URL the brief was asked for."""
    url = brief.url
    if url.startswith(("http://", "https://")) and len(url) <= URL_LIMIT:
        return url
    return None


def article_time(brief: Brief) -> datetime | None:
    """Return the article's date as the moment the embed's timestamp shows (Discord puts it in
    each reader's time zone): only the day is known, and noon UTC is that same day from UTC-11
    to UTC+11. None when the brief has no date, or one that is not a date."""
    if not brief.published:
        return None
    try:
        day = date.fromisoformat(brief.published[:10])
    except ValueError:
        return None
    return datetime.combine(day, time(12), tzinfo=UTC)


def _title(brief: Brief, prefix: str = "") -> str:
    title = brief.title or brief.site or brief.url
    shown = shown_as_text(one_line(title))
    if brief.title and brief.language in RIGHT_TO_LEFT:  # cut first, so the isolate closes
        shown = isolate(truncate(shown, TITLE_LIMIT - len(prefix) - 2), brief.language)
    return truncate(prefix + shown, TITLE_LIMIT)


def brief_embed(
    brief: Brief,
    *,
    budget: int = EMBEDS_TOTAL_LIMIT,
    no_quotes: bool = False,
    via: str | None = None,
) -> discord.Embed:
    """Render a brief: linked title, byline, numbered summary, key actors, provenance footer
    (led by `via`, where the brief came from, such as a feed's name)."""
    embed = discord.Embed(
        title=_title(brief), url=article_link(brief), colour=COLOUR, timestamp=article_time(brief)
    )
    line = byline(brief)
    if line:
        embed.set_author(name=truncate(shown_as_text(line), AUTHOR_LIMIT))
    footer = footer_text(brief, no_quotes=no_quotes)
    if via:
        footer = f"{one_line(via)} · {footer}"
    embed.set_footer(text=truncate(footer, FOOTER_LIMIT))
    fixed = len(embed)

    actors = [shown_as_text(actor_line(a)) for a in key_actors(brief)]
    field = joined_lines(actors, FIELD_VALUE_LIMIT) if actors else ""
    field_cost = len(KEY_ACTORS) + len(field) if field else 0
    if field and budget - fixed - field_cost < MIN_SUMMARY_ROOM:
        field_cost, field = 0, ""

    room = min(DESCRIPTION_LIMIT, budget - fixed - field_cost)
    # Right-to-left lines (Arabic) are isolated, so that "1." stays before them.
    points = [
        isolate(shown_as_text(one_line(s)), brief.language) for s in brief.summary if s.strip()
    ]
    embed.description = numbered(points, room) if points else "*No summary could be made.*"
    if field:
        embed.add_field(name=KEY_ACTORS, value=field, inline=False)
    return embed


def _list_embed(brief: Brief, what: str, lines: list[str], footer: str) -> discord.Embed:
    """Render one line per item (actors, quotes) under the article's title."""
    embed = discord.Embed(
        title=_title(brief, f"{what.capitalize()} · "), url=article_link(brief), colour=COLOUR
    )
    embed.description = (
        joined_lines(lines, DESCRIPTION_LIMIT)
        if lines
        else f"No {what.lower()} were found in this article."
    )
    embed.set_footer(text=footer)
    return embed


def actors_embed(brief: Brief) -> discord.Embed:
    """Render every actor with type, role, affiliation and mentions, and a field with each key
    actor's part in the story (the verbs that tie it to the others)."""
    count = len(brief.actors)
    embed = _list_embed(
        brief,
        "actors",
        [shown_as_text(actor_detail_line(a)) for a in brief.actors],
        f"{count} actor{'' if count == 1 else 's'} · key actors first",
    )
    parts = [shown_as_text(line) for a in brief.key_actors() if (line := actor_parts_line(a))]
    if parts:
        # Title 256 + description 4096 + this field 1024 + footer stay under the 6,000 total.
        embed.add_field(name=PARTS, value=joined_lines(parts, FIELD_VALUE_LIMIT), inline=False)
    return embed


def quotes_embed(brief: Brief) -> discord.Embed:
    """Render who said what in the article."""
    count = len(brief.quotes)
    return _list_embed(
        brief,
        "quotes",
        [shown_as_text(quote_line(q)) for q in brief.quotes],
        f"{count} quote{'' if count == 1 else 's'}",
    )


def briefs_embeds(briefs: Sequence[Brief], *, via: str | None = None) -> list[discord.Embed]:
    """Render several briefs for one message, sharing the 6,000-character budget fairly."""
    if not briefs:
        return []
    budget = EMBEDS_TOTAL_LIMIT // len(briefs)
    return [brief_embed(b, budget=budget, via=via) for b in briefs]


def total_chars(embeds: Sequence[discord.Embed]) -> int:
    """Count characters the way Discord does for its 6,000 limit across a message's embeds."""
    return sum(len(e) for e in embeds)
