"""Find every mention of an actor in a parsed article: known names, people and unknown bodies."""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum, auto

from spacy.tokens import Doc, Token

from diplobrief import lexicon
from diplobrief.actors.gazetteer import Entry, Gazetteer, Hit, norm
from diplobrief.actors.names import extend_name, strip_titles, titled_name
from diplobrief.layout import Layout
from diplobrief.models import ActorType

log = logging.getLogger(__name__)

ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# "a village southwest of Ithaca": a direction after a place noun keeps it the head.
DIRECTIONS = lexicon.words("en", "directions")
DEMONYM_WEIGHT = 0.5
COMPANY_NOUNS = lexicon.words(
    "en", "company_nouns"
)  # "Russian security services" is about Russia, less than "Russia" is


class MentionKind(Enum):
    """Where a mention's key (the actor it is clustered into) comes from."""

    KNOWN = auto()  # an entry of the tables: a state, organisation, named body or group
    QUALIFIED = auto()  # a body every state has, tied to one ("Russian Foreign Ministry")
    GENERIC = auto()  # such a body with no state yet ("the Foreign Ministry")
    UNKNOWN = auto()  # a name the tagger found and the tables do not know
    PERSON = auto()  # a person's name


@dataclass(frozen=True)
class Mention:
    """One mention of an actor: its tokens, the cluster it belongs to and how much it counts.

    Mentions are values: a pass that changes what one says makes a new one
    (`dataclasses.replace`); its tokens (start, end) never change, and identify it.
    """

    start: int
    end: int
    key: str
    name: str
    type: ActorType
    code: str | None
    surface: str
    weight: float = 1.0
    words: tuple[str, ...] = ()  # people: the name's tokens, for merging short forms
    heading: bool = False
    title_hint: str | None = None  # people: a title the entity span carried ("President Putin")
    kind: MentionKind = field(kw_only=True)
    # A body every state has (QUALIFIED or GENERIC): its name without the state, as the tables
    # give it ("Foreign Ministry").
    generic_body: str | None = field(default=None, kw_only=True)

    def __post_init__(self) -> None:
        object.__setattr__(self, "type", ActorType(self.type))  # "person" -> ActorType.PERSON

    @property
    def span(self) -> tuple[int, int]:
        """The mention's tokens: what identifies it while passes rewrite the rest."""
        return self.start, self.end


def is_possessive(text: str) -> bool:
    """Whether a token (or a word's end) is a possessive: "’s", "'s", "’"."""
    return norm(text).lower() in {"'s", "'"}


def is_subject(doc: Doc, start: int, end: int) -> bool:
    """Return whether a mention is a clause's subject (or in apposition to one)."""
    for token in doc[start:end]:
        if token.dep_ in SUBJECT_DEPS or (
            token.dep_ == "appos" and token.head.dep_ in SUBJECT_DEPS
        ):
            return True
    return False


DASHES = frozenset({"—", "–", "-", "--"})
MAX_DATELINE_TOKENS = 12


def datelines(doc: Doc, para: Sequence[int]) -> set[int]:
    """Return the tokens of datelines that open paragraphs ("SIOUX FALLS, S.D. –", "ST. JOSEPH,
    Mich. (AP) —", "New York, NY –", "Hong Kong (CNN Business)"): a place, not an actor, though
    the tagger often reads it as a person or an organisation."""
    found: set[int] = set()
    for p in range(len(doc)):
        if p > 0 and para[p] == para[p - 1] and not doc[p - 1].is_space:
            continue
        if doc[p].is_space or (p > 0 and para[p] == para[p - 1] and "\n" not in doc[p - 1].text):
            continue
        end = _dateline_end(doc, p)
        if end is not None:
            found.update(range(p, end))
    return found


def _dateline_end(doc: Doc, p: int) -> int | None:
    """Where a dateline starting at token p ends, or None if the paragraph opens otherwise."""
    paren = comma_abbrev = False
    for k in range(p, min(len(doc), p + MAX_DATELINE_TOKENS)):
        token = doc[k]
        if token.text in DASHES and k > p and (token.text != "-" or doc[k - 1].whitespace_):
            first = doc[p]
            if (first.is_upper and len(first.text) > 1 and _place_in_capitals(doc, p, k)) or (
                paren or comma_abbrev
            ):
                return k
            return None
        if token.text == "(":
            paren = True
        elif ")" in token.text and paren:
            inside = [t for t in doc[p:k] if t.text != "("]
            after = doc[k + 1] if token.text == ")" and k + 1 < len(doc) else None
            if (
                all(t.pos_ == "PROPN" or t.text == "," for t in inside)
                and k - p <= 6
                and not (after is not None and after.pos_ in {"VERB", "AUX"})
            ):  # "OGE Group (Israel) is ...": a name and its country, then the sentence
                return k + (1 if token.text == ")" else 0)
        elif token.text == ",":
            nxt = doc[k + 1] if k + 1 < len(doc) else None
            comma_abbrev = comma_abbrev or (
                nxt is not None
                and nxt.pos_ == "PROPN"
                and (nxt.text.endswith(".") or (nxt.is_upper and len(nxt.text) <= 4))
            )
        elif not (token.pos_ == "PROPN" or token.text.endswith(".")):
            return None
    return None


def _place_in_capitals(doc: Doc, p: int, k: int) -> bool:
    """Whether the words before the first comma or bracket are all in capitals ("UNITED
    NATIONS —", "ST. JOSEPH, Mich."): "IAEA Director General Rafael Grossi —" opens a sentence."""
    for token in doc[p:k]:
        if token.text in {",", "("}:
            break
        if any(c.isalpha() for c in token.text) and not token.is_upper:
            return False
    return True


class MentionFinder:
    """Turn the gazetteer's hits and spaCy's entities into cleaned, typed mentions."""

    def __init__(self, doc: Doc, gaz: Gazetteer, lay: Layout, authors: Sequence[str]) -> None:
        self.doc = doc
        self.gaz = gaz
        self.lay = lay
        self.hits = [
            Hit(s, e, entry, kind) for s, e, entry, kind in gaz.scan([t.text for t in doc])
        ]
        self.hit_at: dict[int, Hit] = {i: h for h in self.hits for i in range(h.start, h.end)}
        self.suppressed: set[int] = set()  # hit starts that belong to a larger name
        self.qualifiers: dict[int, Hit] = {}  # hit start -> the state hit qualifying it
        self.people: list[Mention] = []
        self.unknown: list[Mention] = []
        self.labels: dict[str, Counter[str]] = defaultdict(Counter)  # text -> NER labels it got
        self.author_names = {" ".join(a.split()).casefold() for a in authors if a.strip()}
        self.author_surnames = {a.split()[-1].casefold() for a in self.author_names}

    def run(self) -> list[Mention]:
        """Return all mentions: people, known entries and unknown organisations or groups (an
        unknown name the tagger mostly calls a person is a person)."""
        dateline = datelines(self.doc, self.lay.para)
        for ent in self.doc.ents:
            if (
                ent.label_ in ENTITY_LABELS
                and self.lay.para[ent.start] not in self.lay.footer
                and ent.start not in dateline
            ):
                self._entity(ent.start, ent.end, ent.label_)
        known = [m for h in self.hits if (m := self._known(h)) is not None]
        return self.people + known + self._vote(self.unknown)

    def _vote(self, unknown: list[Mention]) -> list[Mention]:
        """Label a name by the majority of its mentions: "Rukban" tagged ORG once, GPE thrice."""
        kept = []
        speaking = {m.surface.casefold() for m in unknown if self._speaks(m)}
        for m in unknown:
            labels = self.labels[m.surface.casefold()]
            places = sum(labels[label] for label in PLACE_LABELS)
            # ...but a place does not speak: "Alitalia said" is the airline.
            place = places >= labels["ORG"] + labels["NORP"] and places > 0
            # ...nor does a company's name: "Seibu Railways", once a place, once a person.
            place = place and not (
                places == labels["ORG"] + labels["NORP"]
                and m.surface.split()[-1].lower() in COMPANY_NOUNS
            )
            if place and m.surface.casefold() not in speaking:
                continue
            if labels["PERSON"] > labels["ORG"] + labels["NORP"]:
                words = tuple(norm(w) for w in m.surface.split())
                while len(words) > 1 and words[0].lower() in self.gaz.honorifics:
                    words = words[1:]  # "Mr Baume's" tagged ORG: "Baume", as "Mr Baume said"
                m = dataclasses.replace(
                    m, type=ActorType.PERSON, kind=MentionKind.PERSON, key=m.surface, words=words
                )
            kept.append(m)
        return kept

    def _speaks(self, m: Mention) -> bool:
        """Whether a name is the subject of a verb of saying ("Alitalia said")."""
        return any(
            t.dep_ == "nsubj" and self.gaz.is_speech_verb(t.head) for t in self.doc[m.start : m.end]
        )

    # -- entities ------------------------------------------------------------------------------

    def _clean(self, start: int, end: int) -> tuple[int, int]:
        doc = self.doc
        for i in range(start, end):
            if doc[i].is_space and "\n" in doc[i].text:
                end = i  # an entity never runs over a line break ("Julian Assange\nTimeline")
                break
        while start < end and (
            doc[start].lower_ in self.gaz.leading_noise
            or doc[start].is_punct
            or doc[start].is_space
        ):
            start += 1
        while end > start and (
            doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space
        ):
            if doc[end - 1].text in {".", ")"} and end - start > 1 and doc[end - 2].is_upper:
                break  # "Corp." / acronyms keep their dot
            end -= 1
        return start, end

    def _hits_within(self, start: int, end: int) -> list[Hit]:
        return [h for h in self.hits if h.start >= start and h.end <= end]

    def _entity(self, start: int, end: int, label: str) -> None:
        start, end = self._clean(start, end)
        if label != "PERSON":
            end = self._strip_trailing_titles(start, end)
        if start >= end:
            return
        around = self.hit_at.get(start)
        if label != "PERSON" and around is not None and around.end >= end:
            return  # part of a longer known name: "Customs" in "Customs and Border Protection"
        inner = self._hits_within(start, end)
        if label in {"PERSON", "ORG"} and self._party_and_person(start, end, inner):
            self.suppressed.discard(inner[0].start)  # the party is a mention of its own
            start, label, inner = inner[0].end, "PERSON", []  # "Tory David Heathcoat-Amory"
        if label == "PERSON" and (
            any(h.entry.type != ActorType.STATE for h in inner)
            or self.gaz.keyword_type(self.doc[start:end].text) is not None
            or (end - start > 1 and self.doc[end - 1].lower_ in COMPANY_NOUNS)
        ):
            # "Virginia Democrats", "... Liberation Front": a group, not a person; "Seibu
            # Railways": a company.
            label = "ORG"
        elif label == "PERSON" and end - start == 1 and self.doc[start].is_upper:
            label = "ORG"  # "ODPM": an acronym is a body's, not a person's name
        elif label == "ORG" and not inner and titled_name(self.doc, self.gaz, start, end):
            label = "PERSON"  # "diplomat Elena Quispe" tagged as an organisation
        elif label == "ORG" and self._names_a_place(end):
            label = "GPE"  # "the Rukban camp", "Addison, a village southwest of Ithaca"
        self.labels[" ".join(self.doc[start:end].text.split()).casefold()][label] += 1
        linking = sum(1 for t in self.doc[start:end] if t.tag_ == "POS")
        if sum(h.end - h.start for h in inner) + linking == end - start:
            return  # wholly known ("Sudan’s Defence Ministry"): the hits make the mentions
        if label == "PERSON":
            first = inner[0] if inner else None
            if (
                first is not None
                and first.start == start
                and first.end < end
                and first.entry.type == ActorType.STATE
                and start > 0
                and self.doc[start - 1].pos_ == "ADP"
            ):
                start = first.end  # "envoy to Mali Omar Haddad": the state, then the person
            self._person(start, end)
        else:
            self._unknown(start, end, label, inner)

    def _party_and_person(self, start: int, end: int, inner: list[Hit]) -> bool:
        """Whether a span is a party's name before a person's ("Tory David Heathcoat-Amory",
        "Labour MP ..." without the title): two or three capitalised words after the party."""
        if not inner or inner[0].start != start or not inner[0].entry.key.startswith("group:"):
            return False
        rest = self.doc[inner[0].end : end]
        return (
            2 <= len(rest) <= 5
            and len(inner) == 1
            and rest[0].text[:1].isupper()
            and all(t.pos_ == "PROPN" or t.text in {"-", "'"} for t in rest)
            and self.gaz.keyword_type(rest.text) is None
            and rest[-1].lower_ not in COMPANY_NOUNS
        )

    def _names_a_place(self, end: int) -> bool:
        """Return whether the name ending here is a place by what follows it: a place noun
        ("Rukban camp", "Rukban refugee camp") or an apposition ("Addison, a village")."""
        doc = self.doc
        after = [t for t in doc[end : end + 6] if not t.is_space]
        if after and self._heads_as_place(after, 0):
            return True
        if len(after) > 1 and after[0].is_lower and after[0].pos_ == "NOUN":
            return self._heads_as_place(after, 1)  # "Rukban refugee camp"
        if len(after) > 2 and after[0].text == "," and after[1].lower_ in {"a", "an"}:
            for k in range(2, len(after)):
                if self._heads_as_place(after, k):
                    return True
                if not (after[k].pos_ == "ADJ" or (after[k].is_lower and after[k].pos_ == "NOUN")):
                    break
        return False

    def _heads_as_place(self, tokens: list[Token], k: int) -> bool:
        """Whether tokens[k] is a place noun heading its phrase: "camp", not the "port" of "a
        port operator", "port deal" or "a port and logistics company"."""
        if tokens[k].lower_ not in self.gaz.place_nouns:
            return False
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        return (
            nxt is None
            or nxt.lower_ in DIRECTIONS
            or not (nxt.pos_ in {"NOUN", "PROPN"} or nxt.lower_ in {"and", "or", "&", "-"})
        )

    def _strip_trailing_titles(self, start: int, end: int) -> int:
        """Cut "House of Representatives Speaker" to the body: the title belongs to a person."""
        doc, gaz = self.doc, self.gaz
        while end - start > 1 and (
            doc[end - 1].lower_ in gaz.titles or doc[end - 1].lower_ in gaz.honorifics
        ):
            end -= 1
        return end

    def _person(self, start: int, end: int) -> None:
        doc = self.doc
        start, end = extend_name(doc, self.gaz, self.hit_at, start, end)
        start, title = strip_titles(doc, self.gaz, self.hit_at, start, end)
        while end > start and (
            doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or is_possessive(doc[end - 1].text)
        ):
            end -= 1
        if start >= end:
            return
        words = tuple(norm(t.text) for t in doc[start:end] if not t.is_space)
        text = " ".join(doc[start:end].text.split())
        if len(words[-1]) > 2 and is_possessive(words[-1][-2:]):  # "Trump’s—" is one token
            words, text = (*words[:-1], words[-1][:-2]), text[:-2]
        if (
            not words[0][:1].isupper()
            or any(ch.isdigit() or ch == "@" for ch in text)
            or text.casefold() in self.gaz.noise_names
            or self._is_author(words)
        ):
            return
        for hit in self._hits_within(start, end):
            self.suppressed.add(hit.start)  # "Chad" in "Chad Smith" is not the state
        heading = self.lay.para[start] in self.lay.heading
        self.people.append(
            Mention(
                start,
                end,
                text,
                text,
                ActorType.PERSON,
                None,
                text,
                words=words,
                heading=heading,
                title_hint=title,
                kind=MentionKind.PERSON,
            )
        )

    def _is_author(self, words: tuple[str, ...]) -> bool:
        name = " ".join(words).casefold()
        if name in self.author_names:
            return True
        return len(words) == 1 and name in self.author_surnames

    def _unknown(self, start: int, end: int, label: str, inner: list[Hit]) -> None:
        doc, gaz = self.doc, self.gaz
        qualifier = None
        for hit in inner:
            if (
                hit.start == start
                and hit.entry.type in {ActorType.STATE, ActorType.ORGANISATION}
                and hit.kind != "metonym"  # "Washington Post" is no mention of the US
                and label == "ORG"
            ):
                qualifier = hit  # "Saudi Aramco", "AU Commission": the first name stays a mention
            else:
                self.suppressed.add(hit.start)  # "America" in "Latin America" is not the US
        if label in PLACE_LABELS:
            return
        # "British Bankers' Association (BBA": the name ends where a bracket opens, and "House
        # of Commons, European Parliament" is a list, not a name.
        end = next((k for k in range(start + 1, end) if doc[k].text in {"(", ","}), end)
        # "federal Bureau of Prisons", "Associated Press that": lower-case edges are not the name.
        while end - start > 1 and doc[start].is_lower:
            start += 1
        while end - start > 1 and (
            doc[end - 1].is_lower or doc[end - 1].is_punct or is_possessive(doc[end - 1].text)
        ):
            end -= 1
        end = self._seat(start, end)
        if (
            qualifier is not None
            and qualifier.entry.type == ActorType.STATE
            and qualifier.end == end - 1
            and doc[end - 1].lower_ in gaz.state_nouns
        ):
            return  # "the British Government" is the UK: its "British" stays the mention
        text = " ".join(doc[start:end].text.split()).lstrip("-–—")  # "non-Nato" split: "-Nato"
        if len(text) > 2 and is_possessive(text[-2:]):  # "Gazprom’s—" is one token
            text = text[:-2]
        if (
            text.casefold() in gaz.noise_names
            or not any(c.isupper() for c in text)  # lower-case "potential exchange": a tagging slip
            or "/" in text
            or any(t.is_digit for t in doc[start:end])  # case and file numbers
            or any(c.isdigit() for c in doc[end - 1].text)  # a model, not its maker: "A300s"
            or (end - start > 1 and doc[end - 1].lower_ in gaz.place_nouns)  # "... Airport"
            or any(t.lower_ in gaz.thing_nouns for t in doc[start + 1 : end])  # "Paris Agreement"
        ):
            return
        if label == "NORP":
            if not (doc[end - 1].tag_ in {"NNPS", "NNS"} or text.endswith("s")):
                return
            type_ = ActorType.GROUP
        else:
            type_ = gaz.classify(text)
        code = qualifier.entry.code if qualifier is not None else None
        heading = self.lay.para[start] in self.lay.heading
        known = gaz.lookup_text(text)
        if known is not None and known[1] == "name":  # "-Yukos", once the hyphen is off
            entry = known[0]
            found = Mention(
                start,
                end,
                entry.key,
                entry.name,
                entry.type,
                entry.code,
                text,
                heading=heading,
                kind=MentionKind.KNOWN,
            )
            self.unknown.append(found)
            return
        key = f"unknown:{text.casefold()}"
        self.unknown.append(
            Mention(
                start, end, key, text, type_, code, text, heading=heading, kind=MentionKind.UNKNOWN
            )
        )

    def _seat(self, start: int, end: int) -> int:
        """Where a court's name ends: its seat is part of it ("the US Bankruptcy Court in
        Houston", as the labelling guide names it; a court is known by where it sits)."""
        doc = self.doc
        if doc[end - 1].lower_ != "court" or end + 1 >= len(doc) or doc[end].lower_ != "in":
            return end
        k = end + 1
        while k < len(doc) and doc[k].ent_type_ == "GPE" and doc[k].pos_ == "PROPN":
            k += 1
        return k if k > end + 1 and doc[end + 1].ent_iob_ == "B" else end

    # -- known names ---------------------------------------------------------------------------

    def _known(self, hit: Hit) -> Mention | None:
        doc, lay = self.doc, self.lay
        if hit.start in self.suppressed or lay.para[hit.start] in lay.footer:
            return None
        entry, weight = hit.entry, 1.0
        surface = doc[hit.start : hit.end].text
        kind, generic_body = MentionKind.KNOWN, None
        if hit.kind == "generic":
            resolved = self._qualify(hit)
            if resolved is None:
                return None
            entry = resolved
            kind = MentionKind.GENERIC if resolved.generic else MentionKind.QUALIFIED
            generic_body = hit.entry.name
            if (state := self.qualifiers.get(hit.start)) is not None:
                surface = doc[state.start : hit.end].text  # "Ethiopia’s parliament"
        elif hit.kind == "demonym":
            after = doc[hit.end] if hit.end < len(doc) else None
            weight = (
                1.0
                if after is not None and after.lower_ in self.gaz.state_nouns
                else DEMONYM_WEIGHT
            )
        elif hit.kind == "metonym" and self._is_location(hit):
            return None
        if hit.kind == "metonym" and self._names_a_thing(hit.end):
            return None  # "the Paris Agreement", "the Minsk agreements": a treaty, not France
        heading = lay.para[hit.start] in lay.heading
        return Mention(
            hit.start,
            hit.end,
            entry.key,
            entry.name,
            entry.type,
            entry.code,
            surface,
            weight,
            heading=heading,
            kind=kind,
            generic_body=generic_body,
        )

    def _names_a_thing(self, end: int) -> bool:
        """Whether the words after a name make it a thing's name: "Paris Agreement", "Oslo
        Accords", "Tehran Stock Exchange Index" (a few proper nouns, then a thing noun)."""
        doc = self.doc
        for i in range(end, min(len(doc), end + 4)):
            if doc[i].lower_ in self.gaz.thing_nouns:
                return True
            if doc[i].pos_ != "PROPN":
                return False
        return False

    def _qualify(self, hit: Hit) -> Entry | None:
        """Tie a generic body to the state before it; bare lower-case ones are not actors."""
        doc = self.doc
        before = hit.start - 1
        if before >= 0 and doc[before].tag_ == "POS":
            before -= 1
        state = self.hit_at.get(before)
        if state is not None and state.entry.type == ActorType.STATE and state.end == before + 1:
            self.qualifiers[hit.start] = state
            return self.gaz.qualified(state.entry, hit.entry)
        if doc[hit.start].text[:1].isupper() and doc[hit.start].ent_type_:
            return hit.entry
        return None

    def _is_location(self, hit: Hit) -> bool:
        """Return whether a capital names a place ("talks in Moscow") rather than its state."""
        token = self.doc[hit.end - 1]
        if token.is_upper and len(token) > 2:
            return True  # a dateline: "WASHINGTON — ..."
        head = token.head
        if token.dep_ == "pobj" and head.lower_ in self.gaz.location_preps:
            return True
        if token.dep_ == "pobj" and head.lower_ == "to":
            head = head.head  # "flew to Moscow"
        return token.dep_ in {"dobj", "pobj"} and head.lemma_ in self.gaz.location_verbs
