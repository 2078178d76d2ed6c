"""The curated tables behind actor finding: states, organisations, bodies, groups, and the
word lists (titles, honorifics, speech verbs...) the finders read."""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token

from diplobrief import lexicon
from diplobrief.models import ActorType

log = logging.getLogger(__name__)

MAX_ALIAS_TOKENS = 10
# Words after a name in a headline that leave it the headline's subject: "China to ban ...".
HEADLINE_LINKS = frozenset(
    {"to", "and", "in", "on", "at", "for", "with", "may", "will", "could", "must", "should", "set"}
)
EN = "en"  # the language of the tables and of the articles briefed


@dataclass(frozen=True)
class Entry:
    """One known actor: a state, an organisation, a government body or a group."""

    key: str
    name: str
    type: ActorType
    code: str | None = None  # ISO alpha-2 of the state (its own, or the one a body belongs to)
    adjective: str | None = None  # states: qualifies their bodies ("Russian Foreign Ministry")
    generic: bool = False  # a body every state has; the state comes from a qualifier


@dataclass(frozen=True)
class Hit:
    """A run of tokens [start, end) that names an entry; kind says how (name, demonym, ...)."""

    start: int
    end: int
    entry: Entry
    kind: str


def norm(text: str) -> str:
    """Return a token's text with curly apostrophes made straight."""
    return text.replace("’", "'").replace("‘", "'")


class Gazetteer:
    """Every name the tables know, indexed by token tuples for a longest-match scan of a Doc."""

    def __init__(self, data: dict[str, Any], tokenize: Any) -> None:
        self.states: dict[str, Entry] = {}
        self.territory_kinds: dict[
            str, str
        ] = {}  # "HK" -> "special administrative region of China"
        self.names: dict[str, list[str]] = {}  # entry key -> every name it goes by
        self._exact: dict[tuple[str, ...], tuple[Entry, str]] = {}
        self._lower: dict[tuple[str, ...], tuple[Entry, str]] = {}
        self._tokenize = tokenize
        for row in data["countries"]["states"]:
            entry = Entry(
                f"state:{row['iso2']}", row["name"], ActorType.STATE, row["iso2"], row["adjective"]
            )
            self.states[row["iso2"]] = entry
            if "kind" in row:
                self.territory_kinds[row["iso2"]] = row["kind"]
            self._add(entry, [row["name"], *row["aliases"]], "name")
            self._add(entry, row["demonyms"], "demonym", lower=False)
            self._add(entry, row["metonyms"], "metonym")
        for row in data["organisations"]["organisations"]:
            entry = Entry(f"org:{row['name']}", row["name"], ActorType.ORGANISATION)
            self._add(entry, [row["name"], *row["aliases"]], "name")
            self._add(entry, row.get("metonyms", []), "metonym")
        bodies = data["bodies"]
        for row in bodies["named"]:
            entry = Entry(
                f"body:{row['name']}", row["name"], ActorType.GOVERNMENT_BODY, row["country"]
            )
            self._add(entry, [row["name"], *row["aliases"]], "name")
        for row in bodies["generic"]:
            entry = Entry(
                f"generic:{row['name']}", row["name"], ActorType.GOVERNMENT_BODY, generic=True
            )
            self._add(entry, [row["name"], *row["aliases"]], "generic")
        for row in data["groups"]["groups"]:
            # A party is an organisation (the labelling guide's types); other groups stay groups.
            kind = ActorType(row.get("type", ActorType.GROUP.value))
            entry = Entry(f"group:{row['name']}", row["name"], kind, row["country"])
            self._add(entry, [row["name"], *row["aliases"]], "name")
        self.state_nouns = lexicon.words(EN, "state_nouns")
        self.body_keywords = lexicon.words(EN, "body_keywords")
        self.group_keywords = lexicon.words(EN, "group_keywords")
        self.party_keywords = lexicon.words(EN, "party_keywords")
        self.titles = lexicon.words(EN, "titles")
        self.title_max = max(len(t.split()) for t in self.titles)
        self.honorifics = lexicon.words(EN, "honorifics")
        self.country_titles: dict[str, str] = {
            title: code for title, (code,) in lexicon.table(EN, "country_titles").items()
        }
        self.speech_verbs = lexicon.words(EN, "speech_verbs")
        self.person_nouns = lexicon.words(EN, "person_nouns")
        openers = lexicon.alternation(lexicon.words(EN, "footer_openers"))
        self.footer = re.compile(
            rf"^\s*\(?(?:{openers})\b|{lexicon.pattern(EN, 'footer').pattern}", re.I
        )
        self.noise_names = frozenset(n.casefold() for n in lexicon.words(EN, "noise_names"))
        self.location_preps = lexicon.words(EN, "location_prepositions")
        self.location_verbs = lexicon.words(EN, "location_verbs")
        self.leading_noise = lexicon.words(EN, "leading_noise")
        self.place_nouns = lexicon.words(EN, "place_nouns")
        # Names of things, not actors: "Hang Seng Index", "G20 Summit", "Paris Agreement".
        self.thing_nouns = lexicon.words(EN, "thing_nouns")
        self._first = {k[0] for k in self._exact} | {k[0] for k in self._lower}

    def _add(self, entry: Entry, names: Iterable[str], kind: str, *, lower: bool = True) -> None:
        for name in names:
            self.names.setdefault(entry.key, []).append(name)
            words = tuple(norm(t) for t in self._tokenize(name))
            if not words or len(words) > MAX_ALIAS_TOKENS:
                continue
            # The first table to claim a name keeps it: states before organisations before bodies.
            self._exact.setdefault(words, (entry, kind))
            # Multi-word names also match in lower case ("the foreign ministry"); single words
            # stay case-sensitive so "US" is not "us" and "WHO" is not "who".
            if lower and len(words) > 1:
                self._lower.setdefault(tuple(w.lower() for w in words), (entry, kind))

    def lookup(self, words: Sequence[str]) -> tuple[Entry, str] | None:
        """Return the entry a whole sequence of token texts names, if any."""
        key = tuple(norm(w) for w in words)
        found = self._exact.get(key)
        if found is None and len(key) > 1:
            found = self._lower.get(tuple(w.lower() for w in key))
        return found

    def lookup_text(self, text: str) -> tuple[Entry, str] | None:
        """Return the entry a string names, if any."""
        return self.lookup(self._tokenize(text))

    def scan(self, words: Sequence[str]) -> list[tuple[int, int, Entry, str]]:
        """Return the longest non-overlapping known names in a token sequence, left to right."""
        hits: list[tuple[int, int, Entry, str]] = []
        normed = [norm(w) for w in words]
        lowered = [w.lower() for w in normed]
        i, n = 0, len(normed)
        while i < n:
            if normed[i] not in self._first and lowered[i] not in self._first:
                i += 1
                continue
            for size in range(min(MAX_ALIAS_TOKENS, n - i), 0, -1):
                found = self._exact.get(tuple(normed[i : i + size]))
                if found is None and size > 1:
                    found = self._lower.get(tuple(lowered[i : i + size]))
                if found is not None:
                    hits.append((i, i + size, *found))
                    i += size
                    break
            else:
                i += 1
        return hits

    def subjects_in(self, text: str) -> set[str]:
        """Return the keys of the entries a headline names by name, not as a qualifier: "Greece
        wins feta ruling", "China to ban ...", "Argentina, Venezuela in oil deal" name their
        states; "UK firm faces ...", "US interest rates rise" and "Japanese mogul arrested" do
        not (a bare lower-case noun, or a demonym, after the name)."""
        words = self._tokenize(text)
        found = set()
        for _, end, entry, kind in self.scan(words):
            after = words[end] if end < len(words) else ""
            qualifier = (
                after.isalpha()
                and after.islower()
                and not after.endswith(("s", "ed"))
                and after not in HEADLINE_LINKS
            )
            if kind != "demonym" and not qualifier:
                found.add(entry.key)
        return found

    def mentions_in(self, text: str, *, demonyms: bool = True) -> set[str]:
        """Return the keys of the entries a free text (a headline) names; without `demonyms`,
        only those it names by a name ("Japan", not "Japanese mogul")."""
        return {
            entry.key
            for _, _, entry, kind in self.scan(self._tokenize(text))
            if demonyms or kind != "demonym"
        }

    def is_speech_verb(self, token: Token) -> bool:
        """Whether a token is a verb of saying ("said", "told", "warned")."""
        return token.lemma_.lower() in self.speech_verbs and token.pos_ in {"VERB", "AUX"}

    def title_at(self, doc: Doc, start: int, limit: int) -> int:
        """Return the token length of the longest title starting at start (not past limit)."""
        for size in range(min(self.title_max + 2, limit - start), 0, -1):
            phrase = " ".join(t.lower_ for t in doc[start : start + size]).replace(" - ", "-")
            if phrase in self.titles:
                return size
        return 0

    def classify(self, name: str) -> ActorType:
        """Return the type of an organisation the tables do not know, from its name's keywords."""
        return self.keyword_type(name) or ActorType.ORGANISATION

    def keyword_type(self, name: str) -> ActorType | None:
        """Return the type a keyword of a name gives it (a party, a group, a body), or None."""
        words = name.split()
        if any(k in words for k in self.party_keywords):
            return ActorType.ORGANISATION
        if any(k in words or (" " in k and k in name) for k in self.group_keywords):
            return ActorType.GROUP
        if any(k in words or (" " in k and k in name) for k in self.body_keywords):
            return ActorType.GOVERNMENT_BODY
        return None

    def qualified(self, state: Entry, body: Entry) -> Entry:
        """Return a generic body tied to a state ("Russian" + "Foreign Ministry")."""
        name = f"{state.adjective or state.name} {body.name}"
        return Entry(f"body:{state.code}:{body.name}", name, ActorType.GOVERNMENT_BODY, state.code)


def _read(name: str) -> dict[str, Any]:
    path = resources.files("diplobrief") / "data" / EN / name
    with path.open(encoding="utf-8") as stream:
        data: dict[str, Any] = json.load(stream)
    return data


@functools.lru_cache(maxsize=1)
def load() -> Gazetteer:
    """Load the tables once per process."""
    import spacy  # a blank English tokenizer splits the names exactly as the pipeline does

    tokenizer = spacy.blank("en").tokenizer
    data = {
        name: _read(f"{name}.json") for name in ("countries", "organisations", "bodies", "groups")
    }
    gazetteer = Gazetteer(data, lambda text: [t.text for t in tokenizer(text)])
    log.debug("gazetteer: %d states, %d names", len(gazetteer.states), len(gazetteer._exact))
    return gazetteer
