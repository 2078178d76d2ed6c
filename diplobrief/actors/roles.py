"""Roles and affiliations of people, from titles and appositions next to their names."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from diplobrief import lexicon
from diplobrief.actors.gazetteer import Entry, Gazetteer, Hit
from diplobrief.actors.mentions import Mention
from diplobrief.models import ActorType

log = logging.getLogger(__name__)

RUN_POS = frozenset({"PROPN", "NOUN", "ADJ"})
RUN_WORDS = lexicon.words("en", "role_joiners")
APPOSITION_WORDS = RUN_WORDS | lexicon.words("en", "apposition_words")
# "X, a doctor at Chaoyang Hospital where ...", "X, an expert ... who did not work on it": a
# relative clause ends the apposition; it does not make it a clause.
RELATIVE_WORDS = lexicon.words("en", "relative_words")
STOPS = frozenset({",", ".", ";", ")", "—", "–", ":"})
NOT_IN_ROLES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
MAX_ROLE_TOKENS = 10
# An apposition after the name may run longer: "Philip Luther, Amnesty International's research
# and advocacy director for the Middle East and North Africa,".
MAX_APPOSITION_TOKENS = 16
DETERMINERS = lexicon.words("en", "determiners")
HOST_WORDS = lexicon.words("en", "host_words")
# "China scholar", "Iran analyst": a state named before these titles is the person's field.
FIELD_TITLES = lexicon.words("en", "field_titles")


@dataclass(frozen=True)
class Role:
    """A person's role as the text gives it, where it stands, and whom it ties them to."""

    text: str
    start: int
    end: int
    affiliation: Entry | None
    plural: bool = False  # "officials Kim and Ri": the people after "and" share it


class RoleFinder:
    """Read the titles around each person's name."""

    def __init__(
        self,
        doc: Doc,
        gaz: Gazetteer,
        hit_at: Mapping[int, Hit],
        people_at: Mapping[int, Mention],
        qualifiers: Mapping[int, Hit],
        suppressed: frozenset[int] | set[int] = frozenset(),
    ) -> None:
        self.doc = doc
        self.suppressed = suppressed  # hit starts inside a longer name ("Inner Mongolia")
        self.qualifiers = qualifiers  # generic body hit start -> the state hit before it
        self.gaz = gaz
        self.hit_at = hit_at
        self.people_at = people_at

    def find(self, mention: Mention) -> Role | None:
        """Return the role given before the name, in an apposition after it, or before a comma."""
        found = [
            role
            for role in (
                self._before(mention),
                self._apposition_after(mention),
                self._apposition_before(mention),
            )
            if role is not None
        ]
        # "Senator X, the chair of the Senate Foreign Relations Committee": the role that says
        # whom the person belongs to is worth more than a bare title.
        return next((r for r in found if r.affiliation is not None), found[0] if found else None)

    def _run_left(self, end: int) -> int:
        doc = self.doc
        j = end - 1
        while j >= 0 and end - j <= MAX_ROLE_TOKENS:
            token = doc[j]
            if j in self.people_at or token.is_space or token.ent_type_ in NOT_IN_ROLES:
                break
            if token.lower_ in DETERMINERS:
                break
            if token.pos_ in RUN_POS or token.tag_ == "POS" or token.lower_ in RUN_WORDS:
                j -= 1
                continue
            if self._posted_to(j):  # "ambassador to Britain Liu Xiaoming"
                j -= 1
                continue
            break
        start = j + 1
        while start < end and doc[start].lower_ in RUN_WORDS:
            start += 1
        return start

    def _posted_to(self, j: int) -> bool:
        """Whether token j is the "to" of a title and the state it is posted to ("ambassador to
        Britain", "envoy to the UN" is not: only a state keeps the run going)."""
        doc = self.doc
        if doc[j].lower_ != "to" or j == 0 or doc[j - 1].lower_ not in self.gaz.titles:
            return False
        hit = self.hit_at.get(j + 1)
        return hit is not None and hit.entry.type == ActorType.STATE

    def _title_start(self, start: int, end: int) -> tuple[int | None, bool]:
        """Return where the title that ends the run starts (None if none does), and if plural."""
        doc, gaz = self.doc, self.gaz
        for p in range(start, end):
            size = gaz.title_at(doc, p, end)
            if size and p + size == end:
                return p, doc[end - 1].lower_ in PLURAL_TITLES
            if size and doc[p + size].lower_ in {"of", "for", "to"}:
                rest = doc[p + size + 1 : end]
                if all(t.pos_ == "PROPN" or t.lower_ in {"the", "and"} for t in rest):
                    return p, False  # "Minister of Foreign Affairs"
        last = doc[end - 1].lower_
        if last.endswith("s") and last[:-1] in gaz.titles:
            return end - 1, True
        return None, False

    def _titled(self, start: int, end: int) -> Role | None:
        """Return the role of a run ending in a title, with the modifiers just before it."""
        title, plural = self._title_start(start, end)
        if title is None:
            return None
        # "son of former German President X": "of" cuts the role back to its own modifiers.
        while title > start and self.doc[title - 1].lower_ not in {"of", "for"}:
            title -= 1
        while title < end and self.doc[title].lower_ in RUN_WORDS:
            title += 1
        return self._role(title, end, plural)

    def _before(self, mention: Mention) -> Role | None:
        start = self._run_left(mention.start)
        return self._titled(start, mention.start) if start < mention.start else None

    def _apposition_after(self, mention: Mention) -> Role | None:
        doc = self.doc
        i = self._skip_space(mention.end)
        if i >= len(doc) or doc[i].text != ",":
            return None
        i = self._skip_space(i + 1)
        if i < len(doc) and doc[i].lower_ in {"a", "an", "the"}:
            i += 1
        start = i
        while i < len(doc) and i - start < MAX_APPOSITION_TOKENS and doc[i].text not in STOPS:
            token = doc[i]
            if i in self.people_at or token.ent_type_ in NOT_IN_ROLES:
                return None
            if token.lower_ == "and" and i + 1 < len(doc) and doc[i + 1].lower_ in DETERMINERS:
                return (
                    None  # "X, the Qatari prime minister and the foreign ministers of ...": a list
                )
            if token.lower_.endswith("s") and singular(token.lower_) in self.gaz.titles:
                return None  # a plural title: other people, not this one's role
            if i > start and token.lower_ in RELATIVE_WORDS:
                break  # "X, a research analyst at Y who ...": the role ends at the clause
            if not (
                token.pos_ in RUN_POS
                or token.tag_ == "POS"
                or token.lower_ in APPOSITION_WORDS
                or token.is_space
                or _modifier(doc, i)
            ):
                return None  # a clause ("Peskov, who ...", "Putin, said"), not an apposition
            i += 1
        end = i
        while end > start and doc[end - 1].is_space:
            end -= 1
        if end <= start or (
            i < len(doc) and doc[i].text not in STOPS and doc[i].lower_ not in RELATIVE_WORDS
        ):
            return None
        if not any(self.gaz.title_at(doc, p, end) for p in range(start, end)):
            return None
        return self._role(start, end, False)

    def _apposition_before(self, mention: Mention) -> Role | None:
        doc = self.doc
        comma = mention.start - 1
        while comma >= 0 and doc[comma].is_space:
            comma -= 1
        after = self._skip_space(mention.end)
        if (
            comma < 1
            or doc[comma].text != ","
            or (after < len(doc) and doc[after].text not in STOPS)
        ):
            return None
        start = self._run_left(comma)
        return self._titled(start, comma) if start < comma else None

    def _skip_space(self, i: int) -> int:
        while i < len(self.doc) and self.doc[i].is_space:
            i += 1
        return i

    def _role(self, start: int, end: int, plural: bool) -> Role:
        tokens = [t for t in self.doc[start:end] if not t.is_space]
        text = _join(tokens)
        if plural:
            text = text[: -len(tokens[-1].text)] + singular(tokens[-1].text)
        return Role(text, start, end, self._affiliation(start, end), plural)

    def _belongs_to(self, hit: Hit) -> Entry | None:
        """Return what a person holding a title with this name in it belongs to."""
        entry = hit.entry
        if entry.type in {ActorType.STATE, ActorType.ORGANISATION}:
            return entry
        if entry.code is None and (state := self.qualifiers.get(hit.start)) is not None:
            return state.entry  # "Iran’s foreign ministry"
        return self.gaz.states.get(entry.code) if entry.code is not None else None

    def _affiliation(self, start: int, end: int) -> Entry | None:
        """Return the state, organisation or group the role names, else the title's own state."""
        gaz = self.gaz
        for i in range(start, end):
            hit = self.hit_at.get(i)
            if hit is None or hit.start != i:
                continue
            if hit.entry.type == ActorType.STATE and (
                i in self.suppressed  # "Mongolia" in "Inner Mongolia", "University of Washington"
                or (i > start and self.doc[i - 1].lower_ in HOST_WORDS)
                or (hit.end < end and self.doc[hit.end].lower_ in FIELD_TITLES)
            ):
                continue  # an "envoy to Kyiv" serves another state; a "China scholar" studies it
            if i > start and self.doc[i - 1].lower_ == "to":
                continue  # "envoy to the UN"; but a "scientist at NASA" works for it
            if (entry := self._belongs_to(hit)) is not None:
                return entry
        if start > 0 and self.doc[start - 1].lower_ in {"its", "their"}:
            # "Its spokesman, X": the body or state named last before the pronoun.
            for i in range(start - 2, max(-1, start - 80), -1):
                hit = self.hit_at.get(i)
                if hit is not None and (entry := self._belongs_to(hit)) is not None:
                    return entry
        for p in range(start, end):
            size = gaz.title_at(self.doc, p, end)
            code = gaz.country_titles.get(" ".join(t.lower_ for t in self.doc[p : p + size]))
            if size and code is not None:
                return gaz.states.get(code)
        return self._named_organisation(start, end)

    def _named_organisation(self, start: int, end: int) -> Entry | None:
        """An organisation the tables do not know, named in the role ("Stratfor analyst",
        "PG&E's senior director"): the tagger's ORG inside the role's words."""
        doc = self.doc
        for ent in doc[start:end].ents:
            if ent.label_ != "ORG" or self.gaz.title_at(doc, ent.start, ent.end):
                continue
            if ent.start > start and doc[ent.start - 1].lower_ == "to":
                continue
            if any(i in self.hit_at for i in range(ent.start, ent.end)):
                continue  # "House Speaker", "Treasury Secretary": a body the tables know
            tokens = list(ent)
            while tokens and tokens[-1].tag_ == "POS":
                tokens.pop()  # "PG&E's" -> PG&E; "McDonald's" stays whole
            while len(tokens) > 1 and tokens[0].lower_ in DETERMINERS:
                tokens.pop(0)  # "the University of Miami" -> University of Miami
            if len(tokens) == 1 and not _looks_like_a_brand(tokens[0].text):
                # "Interior Minister", "Energy Secretary", "Party president": one ordinary
                # word before a title is the title's field, not an organisation.
                continue
            name = doc[tokens[0].i : tokens[-1].i + 1].text if tokens else ""
            if len(name) > 1 and name.casefold() not in self.gaz.noise_names:
                return Entry(f"unknown:{name.casefold()}", name, self.gaz.classify(name))
        return None


def _modifier(doc: Doc, i: int) -> bool:
    """A participle that modifies the noun after it ("founding director", "acting associate
    administrator", "Delhi-based council"), not a verb of its own."""
    token = doc[i]
    if token.tag_ not in {"VBN", "VBG"}:
        return False
    after = doc[i + 1] if i + 1 < len(doc) else None
    before = doc[i - 1] if i > 0 else None
    return (after is not None and after.pos_ in RUN_POS) or (
        before is not None and before.text == "-"
    )


def _looks_like_a_brand(word: str) -> bool:
    """An acronym or a coined name ("NASA", "PG&E", "SpaceX", "3M"), not a capitalised word."""
    return (
        word.isupper()
        or any(c.isdigit() or c in "&." for c in word)
        or (any(c.isupper() for c in word[1:]))
    )


PLURAL_TITLES = lexicon.words("en", "plural_titles")


def singular(word: str) -> str:
    """Return the singular of a plural title ("officials" -> "official")."""
    lower = word.lower()
    if lower.endswith("people"):
        return word[: -len("people")] + "person"
    if lower.endswith("men"):
        return word[:-3] + "man"
    return word[:-1] if lower.endswith("s") else word


def _join(tokens: list[Token]) -> str:
    parts: list[str] = []
    for token in tokens:
        parts.append(token.text)
        if token.whitespace_:
            parts.append(" ")
    return "".join(parts).strip()
