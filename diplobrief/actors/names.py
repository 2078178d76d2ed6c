"""The extent of a person's name in the text: grown over missed parts, stripped of titles."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from spacy.tokens import Doc, Token

from diplobrief.actors.gazetteer import Gazetteer, Hit

log = logging.getLogger(__name__)


def titled_name(doc: Doc, gaz: Gazetteer, start: int, end: int) -> bool:
    """Return whether a span reads as a person's name right after a title."""
    return (
        start > 0
        and doc[start - 1].lower_ in gaz.titles
        and 2 <= end - start <= 4
        and all(t.tag_ == "NNP" and t.is_title for t in doc[start:end])
        and gaz.keyword_type(doc[start:end].text) is None
    )


def extend_name(
    doc: Doc, gaz: Gazetteer, hit_at: Mapping[int, Hit], start: int, end: int
) -> tuple[int, int]:
    """Grow a name over capitalised compound tokens NER left out ("Chol" -> "Ri Pyong Chol")."""
    while (
        start > 0
        and _name_part(doc[start - 1], gaz, hit_at)
        and doc[start - 1].head.i in range(start, end + 1)
    ):
        start -= 1
    while end < len(doc) and _name_part(doc[end], gaz, hit_at) and doc[end - 1].head.i == end:
        end += 1
    return start, end


def _name_part(token: Token, gaz: Gazetteer, hit_at: Mapping[int, Hit]) -> bool:
    lower = token.lower_
    return (
        token.tag_ == "NNP"
        and token.is_title
        and token.ent_type_ in {"", "PERSON"}
        and lower not in gaz.titles
        and lower not in gaz.honorifics
        and token.i not in hit_at
    )


def strip_titles(
    doc: Doc, gaz: Gazetteer, hit_at: Mapping[int, Hit], start: int, end: int
) -> tuple[int, str | None]:
    """Move leading titles and honorifics out of a name ("President Putin" -> "Putin")."""
    taken: list[str] = []
    while start < end - 1:
        if doc[start].lower_ in gaz.honorifics:
            start += 1
            continue
        size = gaz.title_at(doc, start, end - 1)
        if size:
            taken.append(doc[start : start + size].text)
            start += size
            continue
        hit = hit_at.get(start)
        if hit is not None and hit.start == start and gaz.title_at(doc, hit.end, end - 1):
            taken.append(doc[hit.start : hit.end].text)  # "Russian President Putin"
            start = hit.end
            continue
        break
    return start, (" ".join(taken) or None)
