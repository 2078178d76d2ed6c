"""Direct quotations in the languages beside English, with who said them: the quotation marks
of every language («…», “…”, „…“, 「…」) read by the one quotation scanner (`quotes.marks`), and
as speaker the person named nearest the quotation in its sentence (by any of the spellings the
actor finder met), named in English."""

from __future__ import annotations

from collections.abc import Sequence

from diplobrief.lang.detect import size
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
    out: list[Quote] = []
    seen: set[str] = set()
    for sentence in sentences:
        text = sentence.translate(_GERMAN_MARKS) if lang == "de" else sentence
        for q in quotation_spans(text):
            if not q.closed:
                continue
            quote = sentence[q.open + 1 : q.end].strip(" ,.")
            if size(quote) < MIN_WORDS or quote in seen:
                continue
            seen.add(quote)
            out.append(Quote(speaker=_speaker(sentence, q.open, q.end, people), quote=quote))
            if len(out) >= MAX_QUOTES:
                return tuple(out)
    return tuple(out)


def _speaker(sentence: str, start: int, end: int, people: Sequence[Actor]) -> str | None:
    """The person named nearest the quotation, outside it, in its sentence."""
    best: tuple[int, str] | None = None
    for person in people:
        for name in (person.name, *person.aliases):
            at = sentence.find(name)
            while at >= 0:
                if not start <= at <= end:
                    distance = start - at if at < start else at - end
                    if best is None or distance < best[0]:
                        best = (distance, person.name)
                at = sentence.find(name, at + 1)
    return best[1] if best else None
