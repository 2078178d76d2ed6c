"""Direct quotations in an article and who said them."""

from __future__ import annotations

import logging
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from diplobrief import lexicon
from diplobrief.actors import gazetteer
from diplobrief.actors.gazetteer import Gazetteer
from diplobrief.layout import paragraphs
from diplobrief.models import Actor, ActorType, Quote
from diplobrief.quotes.marks import quoted_tokens
from diplobrief.quotes.speakers import Speakers

log = logging.getLogger(__name__)

MIN_WORDS = 2
MIN_UNATTRIBUTED_WORDS = 8  # a long quotation is worth showing even when no one is named
TRAILING_WINDOW = 8
INVERTED_DEPS = frozenset({"dobj", "npadvmod", "attr", "oprd", "dative", "appos"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
RELATIVE_PRONOUNS = lexicon.words("en", "relative_words")


@dataclass
class _Quoted:
    """A quotation: inner characters and tokens, its marks, and who said it once known."""

    index: int
    start: int  # first inner token
    end: int  # after the last inner token
    open_i: int
    close_i: int | None  # None when the paragraph ended before a closing mark
    text: str
    speaker: str | None = None
    cue: str | None = None
    person: bool = False
    joined: bool = False  # continues the previous quotation (same speaker, same paragraph)


def find_quotes(doc: Doc, actors: Sequence[Actor]) -> tuple[Quote, ...]:
    """Return the article's direct quotations, attributed where the text says who spoke."""
    if not doc.text.strip() or not doc.has_annotation("DEP"):
        return ()  # attribution reads the dependency parse; without one there is nothing to say
    return _QuoteFinder(doc, actors, gazetteer.load()).run()


class _QuoteFinder:
    def __init__(self, doc: Doc, actors: Sequence[Actor], gaz: Gazetteer) -> None:
        self.doc = doc
        self.gaz = gaz
        self.actors = list(actors)
        self.para, _ = paragraphs(doc)
        self.quotes = self._spans()
        self.closing = {q.close_i for q in self.quotes if q.close_i is not None}
        self.in_quote = [-1] * len(doc)
        for q in self.quotes:
            for i in range(q.open_i, (q.close_i if q.close_i is not None else q.end - 1) + 1):
                self.in_quote[i] = q.index
        self.speakers = Speakers(doc, actors, gaz, self.in_quote)

    # -- finding quotations --------------------------------------------------------------------

    def _spans(self) -> list[_Quoted]:
        quotes: list[_Quoted] = []
        for found in quoted_tokens(self.doc):
            inner = self.doc[found.start : found.end]
            if len(inner.text.split()) < MIN_WORDS:
                continue
            words = " ".join(inner.text.split()).strip(" ,:")
            quotes.append(
                _Quoted(len(quotes), found.start, found.end, found.open_i, found.close_i, words)
            )
        return quotes

    # -- attributing them ----------------------------------------------------------------------

    def run(self) -> tuple[Quote, ...]:
        previous: _Quoted | None = None
        for q in self.quotes:
            verb = self._trailing(q) or self._governing(q) or self._leading(q)
            if verb is not None:
                q.cue = verb.text
                q.speaker, q.person = self._speaker(verb)
            elif (according := self._according_to(q)) is not None:
                q.cue = "according to"
                q.speaker, q.person = self.speakers.resolve(according)
            elif (
                previous is not None
                and previous.speaker
                and (self._continues(previous, q) or self._goes_on(previous, q))
            ):
                q.speaker, q.cue, q.person, q.joined = (
                    previous.speaker,
                    previous.cue,
                    previous.person,
                    True,
                )
            if q.person and q.speaker:
                self.speakers.last_person = q.speaker
            previous = q
        for q, following in zip(self.quotes, self.quotes[1:], strict=False):
            if (
                q.speaker is None
                and q.close_i is None
                and following.speaker
                # (one cut short by a new opening mark in its paragraph is no speech going on)
                and self.para[following.open_i] > self.para[q.start]
            ):
                q.speaker, q.cue = following.speaker, following.cue  # multi-paragraph quotation
        return self._merge()

    def _merge(self) -> tuple[Quote, ...]:
        out: list[Quote] = []
        for q in self.quotes:
            if q.joined and out and out[-1].speaker == q.speaker:
                out[-1] = Quote(q.speaker, _join(out[-1].quote, q.text), out[-1].cue)
            elif (q.speaker or len(q.text.split()) >= MIN_UNATTRIBUTED_WORDS) and not any(
                o.quote == q.text for o in out
            ):
                out.append(Quote(q.speaker, q.text, q.cue))
        return tuple(out)

    def _trailing(self, q: _Quoted) -> Token | None:
        """Return the verb of '“…,” Peskov told reporters' / '“…,” said Peskov'."""
        doc = self.doc
        if q.close_i is None:
            return None
        start = self._skip_space(q.close_i + 1)
        last = doc[q.end - 1].text if q.end > q.start else ""
        if last == "." and not (start < len(doc) and doc[start].is_lower):
            return None  # a closed sentence: what follows starts anew
        for v in range(start, min(start + TRAILING_WINDOW, len(doc))):
            token = doc[v]
            if self.in_quote[v] >= 0 or token.text in {".", ";", "!", "?"} or "\n" in token.text:
                return None
            if self.gaz.is_speech_verb(token):
                subject = _subject(token, lambda t: self.in_quote[t.i] < 0)
                lo, hi = (
                    (subject.left_edge.i, subject.right_edge.i) if subject is not None else (v, v)
                )
                between = range(start, v)
                return token if all(doc[k].is_space or lo <= k <= hi for k in between) else None
        return None

    def _governing(self, q: _Quoted) -> Token | None:
        """Return the speech verb the quotation's words hang from ('said the U.S. was “ready”')."""
        para = self.para[q.start]
        for token in self.doc[q.start : q.end]:
            node = token.head
            if q.start <= node.i < q.end:
                continue
            for _ in range(8):
                if self.in_quote[node.i] not in {-1, q.index} or self.para[node.i] != para:
                    break
                if self.gaz.is_speech_verb(node):
                    return node
                if node.head.i == node.i:
                    break
                node = node.head
        return None

    def _leading(self, q: _Quoted) -> Token | None:
        """Return the verb of 'Putin wrote: “…”' or 'He said, “…”'."""
        doc = self.doc
        k = self._skip_space_back(q.open_i - 1)
        if k < 0 or doc[k].text not in {":", ","}:
            return None
        reach = 10 if doc[k].text == ":" else 1
        for j in range(k - 1, max(-1, k - 1 - reach), -1):
            if self.in_quote[j] >= 0 or doc[j].text in {".", "\n"}:
                break
            if self.gaz.is_speech_verb(doc[j]):
                return doc[j]
        return None

    def _according_to(self, q: _Quoted) -> Token | None:
        sent = self.doc[q.start].sent
        for token in sent:
            if (
                token.lower_ == "according"
                and self.in_quote[token.i] < 0
                and token.i + 1 < len(self.doc)
            ):
                objects = [c for c in self.doc[token.i + 1].children if c.dep_ == "pobj"]
                if self.doc[token.i + 1].lower_ == "to" and objects:
                    return objects[0]
        return None

    def _continues(self, previous: _Quoted, q: _Quoted) -> bool:
        """Return whether q goes on with the previous quotation in the same paragraph."""
        if self.para[previous.start] != self.para[q.start] or previous.close_i is None:
            return False
        between = self.doc[previous.close_i + 1 : q.open_i]
        return not any(self.gaz.is_speech_verb(t) for t in between if t.text != previous.cue)

    def _goes_on(self, previous: _Quoted, q: _Quoted) -> bool:
        """Return whether q carries on a quotation left open at the end of the paragraph before:
        by convention the first paragraph has no closing mark and the next opens with a new one
        (Ms Persson said: "... / "Her statements ...")."""
        if previous.close_i is not None or self.para[q.open_i] != self.para[previous.start] + 1:
            return False
        before = self._skip_space_back(q.open_i - 1)
        if before >= 0 and self.para[before] == self.para[q.open_i]:
            return False
        # ...unless its own paragraph names someone outside the quotation ("Those were
        # Zelensky's words"): then it is theirs, or at least not the last speaker's.
        para = self.para[q.open_i]
        return not any(
            self.para[i] == para
            and self.in_quote[i] < 0
            and (actor := self.speakers.actor_at.get(i)) is not None
            and actor.type == ActorType.PERSON
            for i in range(q.open_i, min(len(self.doc), q.end + 80))
        )

    def _speaker(self, verb: Token) -> tuple[str | None, bool]:
        # A subject inside the quotation ("“The mission I did accomplished ...,” Stafford
        # responded", parsed with "mission" as the verb's subject) is not the speaker.
        subject = _subject(verb, lambda t: self.in_quote[t.i] < 0) or _inverted(verb, self.closing)
        if subject is None:
            return None, False
        if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            subject = verb.head  # "North Korea, who claimed ..."
        return self.speakers.resolve(subject)

    def _skip_space(self, i: int) -> int:
        while i < len(self.doc) and self.doc[i].is_space:
            i += 1
        return i

    def _skip_space_back(self, i: int) -> int:
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        return i


# Verbs whose object is the one spoken to or about ("told Reuters", "accused Braun"), never the
# speaker of an inverted attribution ('“…,” wrote Fadem').
OBJECT_IS_LISTENER = lexicon.words("en", "listener_verbs")


def _inverted(verb: Token, closing: Container[int]) -> Token | None:
    """Return the speaker of '“…,” wrote Fadem in a report' that the parser made the verb's
    object: a proper noun right after a speech verb that itself follows the quotation (a
    closing mark, at `closing`, or a comma)."""
    doc = verb.doc
    if verb.lemma_.lower() in OBJECT_IS_LISTENER:
        return None
    before = verb.i - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    after = verb.i + 1
    while after < len(doc) and doc[after].is_space:
        after += 1
    if before < 0 or after >= len(doc):
        return None
    if before not in closing and doc[before].text not in {"”", '"', "’", ",", "'"}:
        return None
    token = doc[after]
    while token.dep_ in {"compound", "flat"} and token.head.i > token.i:
        token = token.head  # "wrote Zachary Fadem": the head of the name
    if token.pos_ == "PROPN" and token.head.i == verb.i and token.dep_ in INVERTED_DEPS:
        return token
    return None


def _subject(verb: Token, outside: Callable[[Token], bool] = lambda t: True) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and outside(child):
            return child
    if verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head is not verb:
        return _subject(verb.head, outside)  # "… and added", "rejected the call, saying …"
    return None


def _join(first: str, second: str) -> str:
    """Join two parts of one quotation split by its attribution."""
    first = first.rstrip(" ,")
    if second[:1].isupper() and first[-1:] not in {".", "?", "!"}:
        first += "."
    return f"{first} {second}"
