"""Who a quotation's subject is: a named actor, a pronoun, or a noun like "the ministry"."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterable, Sequence

from spacy.tokens import Doc, Token

from diplobrief import lexicon
from diplobrief.actors.gazetteer import Gazetteer
from diplobrief.models import Actor, ActorType

log = logging.getLogger(__name__)

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PRONOUNS = lexicon.table("en", "pronouns")
PERSON_PRONOUNS = frozenset(p for p, values in _PRONOUNS.items() if "subject" in values)
# The words that tell a person's gender: pronouns, and honorifics before the name.
_GENDERED = {**_PRONOUNS, **lexicon.table("en", "honorifics")}
MALE = frozenset(w for w, values in _GENDERED.items() if "male" in values)
FEMALE = frozenset(w for w, values in _GENDERED.items() if "female" in values)
GENDER_LOOKBACK_SENTENCES = 2
PRONOUN_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
STATE_NOUNS = lexicon.words("en", "state_nouns")
BODY_NOUNS = lexicon.words("en", "body_nouns")
ORG_NOUNS = lexicon.words("en", "organisation_nouns")
MAX_PHRASE_WORDS = 6
INNER_DEPS = frozenset({"prep", "pobj", "relcl", "acl", "advcl", "ccomp", "dobj", "conj"})


def names_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """A pattern for any of the names as whole words, the longest first, either apostrophe."""
    alternation = "|".join(
        re.escape(f).replace("'", "['’]") for f in sorted(names, key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w.])(?:{alternation})(?!\w)")


class Speakers:
    """Resolve the subject of a speech verb to an actor's name."""

    def __init__(
        self, doc: Doc, actors: Sequence[Actor], gaz: Gazetteer, in_quote: Sequence[int]
    ) -> None:
        self.doc = doc
        self.gaz = gaz
        self.actors = list(actors)
        self.in_quote = in_quote
        self.actor_at = self._index()
        self.last_person: str | None = None  # the last person quoted, for "he added"

    def _index(self) -> dict[int, Actor]:
        """Map tokens to the actor they name, by every name the actor goes by."""
        forms: dict[str, Actor] = {}
        person_words: dict[str, set[str]] = {}
        for actor in self.actors:
            names = [actor.name, *actor.aliases]
            found = self.gaz.lookup_text(actor.name)
            if found is not None:
                names += self.gaz.names.get(found[0].key, [])
            if actor.type == ActorType.PERSON:
                for word in actor.name.split():
                    if len(word) > 2 and word[0].isupper():
                        person_words.setdefault(word, set()).add(actor.name)
            for name in names:
                forms.setdefault(name.replace("’", "'"), actor)
        by_name = {a.name: a for a in self.actors}
        for word, owners in person_words.items():
            if len(owners) == 1:  # "Kim" shared by two people stands for neither
                forms.setdefault(word.replace("’", "'"), by_name[next(iter(owners))])
        if not forms:
            return {}
        pattern = names_pattern(forms)
        actor_at: dict[int, Actor] = {}
        for match in pattern.finditer(self.doc.text):
            span = self.doc.char_span(match.start(), match.end(), alignment_mode="expand")
            owner = forms.get(match.group().replace("’", "'"))
            if span is not None and owner is not None:
                for i in range(span.start, span.end):
                    actor_at[i] = owner
        return actor_at

    @functools.cached_property
    def gender(self) -> dict[str, str]:
        """Guess people's gender from the article itself: "Mr."/"Ms." before the name, and the
        pronouns of sentences that name only that one person ("Taylor Swift, her former
        label"); a person with mixed or no evidence has none."""
        votes: dict[str, list[int]] = {}
        doc = self.doc
        for sent in doc.sents:
            people: set[str] = set()
            male = female = 0
            for t in sent:
                if self.in_quote[t.i] >= 0:
                    continue
                actor = self.actor_at.get(t.i)
                if actor is not None and actor.type == ActorType.PERSON:
                    people.add(actor.name)
                    if t.i > 0 and self.actor_at.get(t.i - 1) is not actor:
                        honorific = doc[t.i - 1].lower_
                        tally = votes.setdefault(actor.name, [0, 0])
                        tally[0] += 2 * (honorific in MALE)
                        tally[1] += 2 * (honorific in FEMALE)
                elif not people or t.dep_ not in PRONOUN_DEPS:
                    continue  # only "she said" / "her label" after the name: "X found him" is
                    # about someone else
                elif t.lower_ in MALE and t.pos_ == "PRON":
                    male += 1
                elif t.lower_ in FEMALE and t.pos_ == "PRON":
                    female += 1
            if len(people) == 1 and bool(male) != bool(female):
                tally = votes.setdefault(next(iter(people)), [0, 0])
                tally[0 if male else 1] += 1
        return {
            name: ("m" if m > f else "f")
            for name, (m, f) in votes.items()
            if max(m, f) >= 1 and min(m, f) * 3 <= max(m, f) and m != f
        }

    def _fits(self, name: str | None, pronoun: str) -> bool:
        """Whether a person can be "he" or "she": no evidence against it in the article."""
        known = self.gender.get(name or "")
        return known is None or known == ("f" if pronoun == "she" else "m")

    def resolve(self, subject: Token) -> tuple[str | None, bool]:
        """Return (the speaker's name or description, whether it is a person)."""
        lower = subject.lower_
        if lower in PERSON_PRONOUNS:
            name = self._pronoun(subject)
            return name, name is not None
        found = self._actor_in(subject)
        if found is not None:
            return found.name, found.type == ActorType.PERSON
        if lower == "it":
            return self._recent_name(subject.i, lambda a: a.type != ActorType.PERSON), False
        lemma = subject.lemma_.lower()
        if lemma in STATE_NOUNS:
            return self._topical_state(subject), False
        if lemma in BODY_NOUNS or lemma in ORG_NOUNS:
            # "the ministry": the last body so named, else the last body or organisation at all;
            # but "the prosecutor's office" says whose it is: the phrase itself, no guess.
            named = self._recent_name(subject.i, lambda a: lemma in a.name.lower())
            if named is None and (described := self._described(subject)) is not None:
                return described, False
            return named or self._recent_name(
                subject.i, lambda a: a.type not in {ActorType.PERSON, ActorType.STATE}
            ), False
        # "the spokesman": the last spokesman named; "the physicians" are not one of them
        if lemma in self.gaz.titles and subject.tag_ not in {"NNS", "NNPS"}:
            named = self._recent_name(
                subject.i, lambda a: a.type == ActorType.PERSON and lemma in (a.role or "").lower()
            )
            if named is not None:
                return named, True
        if lemma in self.gaz.person_nouns or lemma in self.gaz.titles:
            phrase = [
                t.text
                for t in self.doc[subject.left_edge.i : subject.i + 1]
                if self.in_quote[t.i] < 0
            ]
            if 0 < len(phrase) <= MAX_PHRASE_WORDS:
                return " ".join(phrase), False  # "a senior official", "analysts"
        return None, False

    def _described(self, subject: Token) -> str | None:
        """The subject phrase when it says more than "the office" ("the prosecutor's office",
        "the U.S. attorney's office"), else None."""
        owner = [c for c in subject.children if c.dep_ == "poss" and c.pos_ in {"NOUN", "PROPN"}]
        if not owner:  # "the 27-nation bloc" is still the bloc named before it
            return None
        words = list(self.doc[subject.left_edge.i : subject.i + 1])
        if any(self.in_quote[t.i] >= 0 for t in words):
            return None
        phrase = self.doc[subject.left_edge.i : subject.i + 1]
        return phrase.text if len(phrase) <= MAX_PHRASE_WORDS else None

    def _actor_in(self, subject: Token) -> Actor | None:
        """Return the actor a subject phrase names, a person first ("X, a ministry spokesman")."""
        own = self.actor_at.get(subject.i)
        if own is not None and own.type == ActorType.PERSON:
            return own
        named = [
            t
            for t in subject.subtree
            if t.i in self.actor_at and self.in_quote[t.i] < 0 and _names_head(t, subject)
        ]
        inside = [self.actor_at[t.i] for t in named]
        # "Erdogan's party said": the owner is not the speaker, the party is.
        people = [
            self.actor_at[t.i]
            for t in named
            if self.actor_at[t.i].type == ActorType.PERSON and not _owner(t)
        ]
        return people[0] if people else (own or (inside[0] if inside else None))

    def _pronoun(self, pronoun: Token) -> str | None:
        """Resolve he/she: a person subject here or just before, else the last speaker or person;
        the article's evidence of gender only chooses among people, it never leaves the quote
        with no one ("Sheinbaum said his decision was a mistake" is no proof she is "he")."""
        found = self._pronoun_by(pronoun, self._fits)
        if found is None and self.gender:
            found = self._pronoun_by(pronoun, lambda name, said: True)
        return found

    def _pronoun_by(self, pronoun: Token, fits: Callable[[str | None, str], bool]) -> str | None:
        sent = pronoun.sent
        earlier = self.doc[sent.start - 1].sent if sent.start > 0 else None
        for span, stop in ((sent, pronoun.i), (earlier, sent.start)):
            if span is None:
                continue
            subjects = [
                t
                for t in self.doc[span.start : stop]
                if t.i in self.actor_at
                and self.actor_at[t.i].type == ActorType.PERSON
                and fits(self.actor_at[t.i].name, pronoun.lower_)
                and self.in_quote[t.i] < 0
                and (t.dep_ in SUBJECT_DEPS or (t.dep_ == "appos" and t.head.dep_ in SUBJECT_DEPS))
            ]
            if subjects and span is earlier and not self.gaz.is_speech_verb(span.root):
                # The sentence before: whoever it is about, not the last name in a clause of it
                # ("Figgins declined to say whether Thomas slept the night Epstein died."); but
                # after "Biden said Netanyahu had agreed", "he" is the one reported on.
                main = [t for t in subjects if t.head.i == span.root.i]
                return self.actor_at[(main or subjects)[0].i].name
            if subjects:
                return self.actor_at[subjects[-1].i].name
        said = pronoun.lower_
        if self.last_person is not None and fits(self.last_person, said):
            return self.last_person
        # "she" after "Taylor Swift's albums ... owned by Scooter Braun": a person the article
        # shows to be "she" in the last sentences, before a nearer one it says nothing about.
        first = sent
        for _ in range(GENDER_LOOKBACK_SENTENCES):
            if first.start == 0:
                break
            first = self.doc[first.start - 1].sent
        for i in range(pronoun.i - 1, first.start - 1, -1):
            actor = self.actor_at.get(i)
            if (
                actor is not None
                and actor.type == ActorType.PERSON
                and self.in_quote[i] < 0
                and actor.name in self.gender
                and fits(actor.name, said)
            ):
                return actor.name
        return self._recent_name(
            pronoun.i, lambda a: a.type == ActorType.PERSON and fits(a.name, said)
        )

    def _recent_name(self, before: int, accept: Callable[[Actor], bool]) -> str | None:
        for i in range(before - 1, -1, -1):
            actor = self.actor_at.get(i)
            if actor is not None and self.in_quote[i] < 0 and accept(actor):
                return actor.name
        return None

    def _topical_state(self, token: Token) -> str | None:
        """Resolve "the country": the state named most around it, then in the whole article."""
        sent = token.sent
        start = self.doc[sent.start - 1].sent.start if sent.start > 0 else 0
        counts: dict[str, int] = {}
        for i in range(start, token.i):
            actor = self.actor_at.get(i)
            if actor is None or actor.type != ActorType.STATE or self.actor_at.get(i - 1) is actor:
                continue
            counts[actor.name] = counts.get(actor.name, 0) + 1
        if not counts:
            return None
        overall = {a.name: (-a.mentions, n) for n, a in enumerate(self.actors)}
        return min(counts, key=lambda name: (-counts[name], overall.get(name, (0, 0))))


def _owner(token: Token) -> bool:
    """Whether a name's token is a possessor ("Erdogan's" in "Erdogan's party")."""
    return token.dep_ == "poss" or (
        token.dep_ in {"compound", "flat"} and token.head.dep_ == "poss"
    )


def _names_head(token: Token, head: Token) -> bool:
    """Return whether a token names the phrase's head ("spokesman, X"), not a thing inside it
    ("a sale to Taiwan", "officials who met Putin")."""
    while token.i != head.i:
        if token.dep_ in INNER_DEPS:
            return False
        token = token.head
    return True
