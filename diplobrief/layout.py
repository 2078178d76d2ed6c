"""The shape of an article body: paragraphs, bylines and footers, title-case headings."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from diplobrief.actors.gazetteer import Gazetteer

log = logging.getLogger(__name__)

HEADING_MAX_WORDS = 14
FOOTER_MAX_WORDS = 25  # a byline or a "follow us" footer is short; prose that names Twitter is not


@dataclass
class Layout:
    """Per-token paragraph numbers, and which paragraphs are footers or headings."""

    para: list[int]
    footer: set[int] = field(default_factory=set)
    heading: set[int] = field(default_factory=set)


def paragraphs(doc: Doc) -> tuple[list[int], list[tuple[int, int]]]:
    """Return each token's paragraph number and each paragraph's token range."""
    para: list[int] = []
    spans: list[tuple[int, int]] = []
    current, first = 0, 0
    for token in doc:
        para.append(current)
        if token.is_space and "\n" in token.text:
            spans.append((first, token.i))
            current, first = current + 1, token.i + 1
    spans.append((first, len(doc)))
    return para, spans


def layout(doc: Doc, gaz: Gazetteer, title: str | None) -> Layout:
    """Split the text into paragraphs and flag bylines, footers and title-case headings."""
    para, spans = paragraphs(doc)
    result = Layout(para)
    title_key = " ".join(title.split()).casefold() if title else None
    for index, (start, end) in enumerate(spans):
        tokens = [t for t in doc[start:end] if not t.is_space]
        words = [t for t in tokens if not t.is_punct]
        if not words:
            continue
        text = doc[start:end].text
        if len(words) <= FOOTER_MAX_WORDS and gaz.footer.search(text):
            result.footer.add(index)
        elif _is_heading(tokens, words) or " ".join(text.split()).casefold() == title_key:
            result.heading.add(index)
    return result


def _is_heading(tokens: Sequence[Token], words: Sequence[Token]) -> bool:
    """Return whether a paragraph reads as a title-case heading rather than prose."""
    if len(words) > HEADING_MAX_WORDS or tokens[-1].text in {".", "?", "!", "”", '"', ":", "’"}:
        return False
    long_words = [t for t in words if t.is_alpha and len(t) >= 4]
    capitalised = sum(1 for t in long_words if t.text[0].isupper())
    return capitalised >= 2 and capitalised >= 0.7 * len(long_words)
