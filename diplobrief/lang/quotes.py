"""Direct quotations in the languages beside English, with who said them: the quotation marks
of every language («…», “…”, „…“, 「…」) read by the one quotation scanner (`quotes.marks`), and
as speaker the person named nearest the quotation in its sentence (by any of the spellings the
actor finder met), named in English; a quotation tagged only by a pronoun ("», — сказал он",
"a-t-il déclaré") is the person named last in the sentence just before it."""

from __future__ import annotations

from collections.abc import Sequence

from diplobrief.lang.detect import size
from diplobrief.lang.summary import SPEAKER_TAGS
from diplobrief.models import Actor, ActorType, Quote
from diplobrief.quotes.marks import quotation_spans

# The shortest quotation worth showing, in words (Chinese: two characters a word).
MIN_WORDS = 4
MAX_QUOTES = 10
# German opens low („) and closes with the mark English opens with: read as “…”.
_GERMAN_MARKS = str.maketrans({"„": "“", "“": "”"})


def find_quotes(sentences: Sequence[str], actors: Sequence[Actor], lang: str) -> tuple[Quote, ...]:
    """The quotations of the article, in order, each with its speaker where one is named."""
    people = [a for a in actors if a.type == ActorType.PERSON]
    tags = SPEAKER_TAGS.get(lang)
    out: list[Quote] = []
    seen: set[str] = set()
    named_before: str | None = None  # the person named last in the sentence before
    for sentence in sentences:
        text = sentence.translate(_GERMAN_MARKS) if lang == "de" else sentence
        by_pronoun = tags is not None and tags.search(sentence.lower()) is not None
        for q in quotation_spans(text):
            if not q.closed:
                continue
            quote = sentence[q.open + 1 : q.end].strip(" ,.")
            if size(quote) < MIN_WORDS or quote in seen:
                continue
            seen.add(quote)
            speaker = _speaker(sentence, q.open, q.end, people)
            if speaker is None and by_pronoun:
                speaker = named_before
            out.append(Quote(speaker=speaker, quote=quote))
            if len(out) >= MAX_QUOTES:
                return tuple(out)
        named_before = _named_last(sentence, people)  # only the sentence just before counts
    return tuple(out)


def _named_last(sentence: str, people: Sequence[Actor]) -> str | None:
    """The person named last in the sentence, by any spelling the actor finder met."""
    best: tuple[int, str] | None = None
    for person in people:
        for name in _spellings(person):
            at = sentence.rfind(name)
            if at >= 0 and (best is None or at > best[0]):
                best = (at, person.name)
    return best[1] if best else None


def _speaker(sentence: str, start: int, end: int, people: Sequence[Actor]) -> str | None:
    """The person named nearest the quotation, outside it, in its sentence."""
    best: tuple[int, str] | None = None
    for person in people:
        for name in _spellings(person):
            at = sentence.find(name)
            while at >= 0:
                if not start <= at <= end:
                    distance = start - at if at < start else at - end
                    if best is None or distance < best[0]:
                        best = (distance, person.name)
                at = sentence.find(name, at + 1)
    return best[1] if best else None


def _spellings(person: Actor) -> list[str]:
    """Every spelling the actor finder met, and the surname of each full one ("Байрамов" of
    "Джейхун Байрамов"): a speaker is often named by the surname alone once introduced."""
    names = [person.name, *person.aliases]
    surnames = [n.split()[-1] for n in names if len(n.split()) >= 2 and len(n.split()[-1]) >= 4]
    return [*names, *surnames]
