"""Plain-text helpers for the cogs: escaping, truncation, footers, actor lines (no discord
import)."""

from __future__ import annotations

import re

from diplobrief.models import Actor, Brief, Quote
from diplobrief.summary.names import algorithm_label

ELLIPSIS = "…"

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELDS_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
AUTHOR_LIMIT = 256
EMBEDS_TOTAL_LIMIT = 6000
CONTENT_LIMIT = 2000
URL_LIMIT = 2048

_SPACE = re.compile(r"\s+")
# A bare link as Discord sees one. Text in it is left as it is (a backslash would end up in the
# link), and it never holds a bracket or a backslash, so no masked link can start inside one and
# none can end in a backslash that would pair up with the escape of the next bracket.
_BARE_LINK = re.compile(r"https?://[^\s<\[\]\\]+", re.IGNORECASE)
# Markdown anywhere: emphasis, strike, spoilers, code, link brackets, the backslash itself, and
# "<" of every mention-like tag (<@id>, <@&id>, <#id>, </cmd:id>, <t:...>, <:emoji:id>).
_MARKUP = re.compile(r"[\\*_~|`\[\]<]|@(?=everyone|here)")
# Markdown at the start of a line (after its indent): headings, -# subtext, quotes, lists.
_LINE_MARKUP = re.compile(r"^(?:([#>+-])|(\d+)\.)")


def shown_as_text(text: str) -> str:
    """Return text from a page (or a site, or an error) escaped so that Discord shows it as it
    is: no markdown, no masked link (every bracket escaped), no mention, channel, command or
    timestamp tag, no @everyone. The one escaping function for everything page-supplied."""
    out: list[str] = []
    end = 0
    for link in _BARE_LINK.finditer(text):
        out.append(_MARKUP.sub(r"\\\g<0>", text[end : link.start()]))
        out.append(link.group())
        end = link.end()
    out.append(_MARKUP.sub(r"\\\g<0>", text[end:]))
    return "\n".join(_escape_line_start(line) for line in "".join(out).split("\n"))


def _escape_line_start(line: str) -> str:
    """Escape the markdown a line opens with, after its indent (read once, not by a regex)."""
    text = line.lstrip(" \t")
    match = _LINE_MARKUP.match(text)
    if match is None:
        return line
    mark, number = match.groups()
    escaped = f"{number}\\." if number else f"\\{mark}"
    return line[: len(line) - len(text)] + escaped + text[match.end() :]


def truncate(text: str, limit: int) -> str:
    """Cut text to at most `limit` characters on a word boundary, ending it with "…"."""
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text
    if limit == 1:
        return ELLIPSIS
    cut = text[: limit - 1]
    if not text[limit - 1].isspace():
        # Mid-word: go back to the last space, unless the word is giant (a URL): then cut it.
        space = max(cut.rfind(" "), cut.rfind("\n"))
        if space >= limit // 2:
            cut = cut[:space]
    cut = cut.rstrip(" \n,;:-—")
    # A trailing backslash would escape the ellipsis (or half of an escape sequence).
    while cut.endswith("\\"):
        cut = cut[:-1]
    return cut + ELLIPSIS


def one_line(text: str) -> str:
    """Collapse runs of whitespace (newlines included) to single spaces."""
    return _SPACE.sub(" ", text).strip()


def footer_text(brief: Brief, *, no_quotes: bool = False) -> str:
    """Return "reduced by 82% · LexRank · cached" for a brief. A cached brief's age is not
    shown: the cache is shared by every server and DM, so "cached 3 min ago" would tell one
    server that someone elsewhere read that link three minutes ago."""
    parts = []
    if brief.whole:
        parts.append("short article, given whole")
    else:
        parts.append(f"reduced by {round(brief.reduction * 100)}%")
    label = algorithm_label(brief.algorithm)
    parts.append(label + (", no quotes" if no_quotes and not brief.whole else ""))
    if brief.cached:
        parts.append("cached")
    return " · ".join(parts)


def sentence(text: str) -> str:
    """Return a message in sentence case: a capital first letter (not when it opens with a name
    that has a dot or slash, such as "example.com"), ending in a full stop. The core's messages
    start lowercase so that the command line can put "diplobrief: " before them."""
    text = text.strip()
    if not text:
        return text
    first = text.split(maxsplit=1)[0]
    if text[0].islower() and not any(c in first for c in "./"):
        text = text[0].upper() + text[1:]
    if text[-1] not in ".!?…":
        text += "."
    return text


def byline(brief: Brief) -> str:
    """Return "site · author · date" from whichever of them the brief has."""
    parts: list[str] = []
    if brief.site:
        parts.append(one_line(brief.site))
    if brief.authors:
        names = [one_line(a) for a in brief.authors[:3] if a.strip()]
        if len(brief.authors) > 3:
            names.append("et al.")
        if names:
            parts.append(", ".join(names))
    if brief.published:
        parts.append(brief.published)
    return " · ".join(parts)


def actor_line(actor: Actor) -> str:
    """Return "Dmitry Peskov — Kremlin spokesman" (the role, else the affiliation, if known)."""
    detail = actor.role or actor.affiliation
    name = one_line(actor.name)
    return f"{name} — {one_line(detail)}" if detail else name


def actor_detail_line(actor: Actor) -> str:
    """Return the full line for the actors list: type, role, affiliation and mentions."""
    bits = [actor.type.replace("_", " ")]
    if actor.role:
        bits.append(one_line(actor.role))
    if actor.affiliation and actor.affiliation != actor.role:
        bits.append(one_line(actor.affiliation))
    times = "mention" if actor.mentions == 1 else "mentions"
    bits.append(f"{actor.mentions} {times}")
    return f"{one_line(actor.name)} — {', '.join(bits)}"


def actor_parts_line(actor: Actor) -> str | None:
    """Return "Russia — offered to mediate; met North Korea": a key actor's part in the story,
    or None when none was found."""
    if not actor.parts:
        return None
    return f"{one_line(actor.name)} — {'; '.join(one_line(p.text()) for p in actor.parts)}"


def quote_line(quote: Quote) -> str:
    """Return “…the quote…” — speaker."""
    said = "“" + one_line(quote.quote).strip('“”"') + "”"
    return f"{said} — {one_line(quote.speaker)}" if quote.speaker else said


def key_actors(brief: Brief, limit: int = 6) -> tuple[Actor, ...]:
    """Return the brief's key actors, or its first actors when none is marked key."""
    chosen = brief.key_actors() or brief.actors
    return tuple(chosen[:limit])


def numbered(lines: list[str], limit: int) -> str:
    """Number lines 1., 2., ... and fit them in `limit` characters, dropping or cutting the last."""
    out: list[str] = []
    used = 0
    for i, line in enumerate(lines, 1):
        item = f"{i}. {line}"
        sep = 1 if out else 0
        room = limit - used - sep
        if len(item) <= room:
            out.append(item)
            used += len(item) + sep
            continue
        # Cut the one that overflows if a useful part of it fits; the rest are dropped.
        if room >= 40 or not out:
            out.append(truncate(item, room))
        break
    return "\n".join(out)


def joined_lines(lines: list[str], limit: int, *, more: str = "…and {n} more") -> str:
    """Join lines with newlines within `limit` characters, ending with "…and N more" if cut."""
    out: list[str] = []
    used = 0
    for i, line in enumerate(lines):
        rest = len(lines) - i - 1
        tail = len(more.format(n=rest + 1)) + 1
        item = line if len(line) <= limit else truncate(line, limit)
        need = len(item) + (1 if out else 0)
        # Keep room for the "…and N more" line unless this is the last one.
        if used + need <= limit and (rest == 0 or used + need + tail <= limit):
            out.append(item)
            used += need
            continue
        out.append(more.format(n=len(lines) - i))
        break
    return truncate("\n".join(out), limit)
