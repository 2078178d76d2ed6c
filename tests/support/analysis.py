"""Helpers for the tests of the analysis: a line parsed with the shared spaCy pipeline (the `nlp`
fixture), and its actors, quotations or sentence flags; the article fixtures' header and body."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Span

from diplobrief.actors.find import find_actors
from diplobrief.models import Actor, Quote
from diplobrief.quotes.find import find_quotes
from diplobrief.summary.flags import Flags, sentence_flags
from tests.support import FIXTURES


def read_article(name: str) -> tuple[str, tuple[str, ...], str]:
    """Return (title, authors, body) of a fixture: header lines, a blank line, the body."""
    head, body = (FIXTURES / name).read_text(encoding="utf-8").split("\n\n", 1)
    meta = dict(line.split(":", 1) for line in head.splitlines())
    authors = tuple(a.strip() for a in meta["Authors"].split(",") if a.strip())
    return meta["Title"].strip(), authors, body


# -- actors --------------------------------------------------------------------------------------


def by_name(actors: Sequence[Actor]) -> dict[str, Actor]:
    """Actors by their name."""
    return {a.name: a for a in actors}


def actors_of(
    nlp: Language, text: str, *, title: str | None = None, authors: Sequence[str] = ()
) -> dict[str, Actor]:
    """The actors find_actors gives for a text, by name."""
    return by_name(find_actors(nlp(text), title=title, authors=authors))


# -- quotations ----------------------------------------------------------------------------------


def quotes_of(nlp: Language, text: str, authors: Sequence[str] = ()) -> tuple[Quote, ...]:
    """The quotations in a text, in text order, with the actors find_actors gives it."""
    doc = nlp(text)
    return find_quotes(doc, find_actors(doc, authors=authors))


def speakers_of(nlp: Language, text: str) -> dict[str, str | None]:
    """Each quotation in a text, with who said it (None: no one named)."""
    return {q.quote: q.speaker for q in quotes_of(nlp, text)}


# -- sentences and their flags -------------------------------------------------------------------


def spans_of(nlp: Language, text: str) -> list[Span]:
    """The sentences of a text, as the pipeline splits them."""
    return list(nlp(text).sents)


def index_of(spans: Sequence[Span], start: str) -> int:
    """The index of the first sentence that starts with `start` (spaces stripped)."""
    return next(i for i, s in enumerate(spans) if s.text.strip().startswith(start))


def flags_of(nlp: Language, text: str) -> list[tuple[str, Flags]]:
    """Each sentence of a text (spaces stripped) with its flags."""
    spans = spans_of(nlp, text)
    return [(s.text.strip(), f) for s, f in zip(spans, sentence_flags(spans), strict=True)]


def flag_of(nlp: Language, text: str, start: str) -> Flags:
    """The flags of the first sentence of a text that starts with `start`."""
    return next(f for s, f in flags_of(nlp, text) if s.startswith(start))
