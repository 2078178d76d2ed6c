"""What a mention does in its clause: acts or speaks, is acted upon, owns, or is only a place.

The parser's dependencies say it: the subject of a verb acts ("Russia offered to mediate"), its
object or the subject of a passive is acted upon ("the EU sanctioned Iran", "Iran was
sanctioned"), a name after "in" or "from" is where something happens ("talks in Moscow"), one
before a noun qualifies it ("a British company"). Salience, outlets, backdrop places and each
actor's part in the story read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from spacy.tokens import Doc, Token

from diplobrief import lexicon

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "dative", "nsubjpass", "oprd"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
# "Parma ham from Italy", "cheese made in Greece": where a thing comes from or happens.
LOCATION_PREPOSITIONS = lexicon.words("en", "location_prepositions") | {"from"}
# Words of reporting: an outlet that says, reports or is told something is a source, not an
# actor ("the Times reported", "told the BBC", "quoted by Interfax").
REPORTING_VERBS = lexicon.words("en", "reporting_verbs")
SPEECH_LEMMAS = frozenset(lexicon.table("en", "speech_verbs"))
# Verbs that describe rather than act: "Japan is the second-largest economy", "China became
# the biggest market", "the US remains its main buyer".
STATIVE = frozenset({"be", "have", "become", "remain", "seem"})
# Prepositions that tie a party to what a verb's object does: "held talks with Blair", "imposed
# sanctions on Iran", "filed charges against Tambone", "officials from the Institute said".
TYING = frozenset({"with", "against", "on", "between", "from", "by"})
# What an owner does not act through: its companies and papers ("Turkey's biggest mobile firm").
THINGS = lexicon.words("en", "company_nouns") | {"newspaper", "newspapers", "press", "media"}
# Who a body or a state acts through: its officials, troops, spokesmen, ministers.
ACTING_PEOPLE = (
    lexicon.words("en", "acting_nouns")
    | lexicon.words("en", "titles")
    | lexicon.words("en", "state_nouns")
    | lexicon.words("en", "body_nouns")
)
# What a person is in their own right: a state before it names where they are from ("a Canadian
# entrepreneur"), not whom they act for.
PRIVATE_TITLES = lexicon.words("en", "private_titles")
# A list of this many states or more after a verb's preposition is a list of examples ("the
# rule applies to Iraq, Iran, China and Ukraine"), unless the preposition ties parties to what
# the verb does ("talks with France, Germany and Britain").
EXAMPLE_LIST = 3
PARTY_PREPOSITIONS = frozenset({"with", "between", "against", "by"})


class Slot(Enum):
    """A mention's place in its clause."""

    SUBJECT = "subject"  # acts or speaks: the subject of a verb, or the agent of a passive
    OBJECT = "object"  # is acted upon: a direct object, the subject of a passive
    OBLIQUE = "oblique"  # tied to a verb by a preposition: "met with Abbas", "sanctions on Iran"
    POSSESSOR = "possessor"  # "Russia's foreign minister"
    LOCATION = "location"  # "in Italy", "from France"
    MODIFIER = "modifier"  # "a British company", "UK law"
    OTHER = "other"


@dataclass(frozen=True)
class Place:
    """Where a mention stands: its slot, the verb (or noun) that governs it, and a preposition."""

    slot: Slot
    head: Token | None = None  # the verb it is subject or object of, the noun it qualifies
    prep: str | None = None  # "with" in "met with Abbas"
    # A state (or a place): it owns only through its government, officials or leaders ("China's
    # currency remains pegged" is no act of China's); anything else owns what is acted upon too
    # ("attacked Labour's plans").
    place_like: bool = False
    # A state only named as where something or someone comes from: "a Canadian entrepreneur",
    # "US economist Jane Doe", one of a list of examples.
    backdrop: bool = False

    @property
    def active(self) -> bool:
        """Whether the mention acts, speaks, decides or is acted upon in its clause: as the
        subject, object or oblique of a verb, but for "be" and "have"; through the object of a
        verb ("held talks with Blair", "imposed sanctions on Iran"); as the owner or qualifier
        of an acting person or body ("Russia's foreign minister said", "a Foreign Office
        spokesman said", "US troops"), not of a thing ("Turkey's biggest mobile firm said",
        "China's currency remains pegged")."""
        head = self.head
        if head is None or self.backdrop:
            return False
        if self.slot in {Slot.SUBJECT, Slot.OBJECT}:
            # "Iran has only one mobile network", "Japan is the second-largest economy": a
            # description, not an act.
            return head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() not in STATIVE
        if self.slot is Slot.OBLIQUE:
            return head.pos_ in {"VERB", "AUX"} or (self.prep in TYING and _acted_on(head))
        words = {head.lower_, head.lemma_.lower()}  # "authorities" (lemma "authority")
        if self.slot is Slot.POSSESSOR and not self.place_like:
            return _acted_on(head) and not words & THINGS
        if self.slot in {Slot.POSSESSOR, Slot.MODIFIER}:
            return _acted_on(head) and (bool(words & ACTING_PEOPLE) or head.ent_type_ == "PERSON")
        return False


def _private_person(doc: Doc, end: int, head: Token) -> bool:
    """Whether a state's name before a person only says where they are from: the words from the
    name up to the person or noun it qualifies hold a private title ("a Canadian entrepreneur",
    "US economist Jane Doe") or none at all ("American Bob Smith"), and no office ("Russian
    President Putin", "US troops")."""
    if head.i < end or head.i - end > 4:
        return False
    words = {w for t in doc[end : head.i + 1] for w in (t.lower_, t.lemma_.lower())}
    if words & PRIVATE_TITLES:
        return not words & (ACTING_PEOPLE - PRIVATE_TITLES)
    return head.ent_type_ == "PERSON" and all(t.ent_type_ == "PERSON" for t in doc[end : head.i])


def _passive(verb: Token) -> bool:
    return any(c.dep_ == "nsubjpass" for c in verb.children)


def _acted_on(noun: Token) -> bool:
    """Whether a noun (or the name it is part of or in apposition to) is the subject or object
    of a verb."""
    for _ in range(4):  # "Foreign Ministry spokesman Reza Karimi rejected": up the name
        if noun.dep_ in {"appos", "compound"} and noun.head.i != noun.i:
            noun = noun.head
    return noun.dep_ in SUBJECT_DEPS | OBJECT_DEPS and noun.head.pos_ in {"VERB", "AUX"}


def span_root(doc: Doc, start: int, end: int) -> Token:
    """The token of a span whose head lies outside it."""
    for token in doc[start:end]:
        if not start <= token.head.i < end or token.head.i == token.i:
            return token
    return doc[end - 1]


def place_of(doc: Doc, start: int, end: int, *, place_like: bool = False) -> Place:
    """Return the slot of the mention [start, end) in its clause.

    A conjunct stands where the first of its list does ("Russia and China agreed"); an
    apposition where the name it renames does ("the minister, Sergei Lavrov, said").
    """
    token = span_root(doc, start, end)
    for _ in range(4):  # climb lists and appositions, a few steps at most
        if token.dep_ in {"conj", "appos"} and token.head.i != token.i:
            token = token.head
        else:
            break
    dep, head = token.dep_, token.head
    clause = next((c for c in token.children if c.dep_ == "relcl"), None)
    if clause is not None and any(
        c.dep_ in SUBJECT_DEPS | {"nsubjpass"} and c.tag_ in {"WDT", "WP"} for c in clause.children
    ):
        # "gas monopoly Gazprom, which had been expected to win": the subject of its own clause
        return Place(Slot.SUBJECT if not _passive(clause) else Slot.OBJECT, clause)
    if dep in SUBJECT_DEPS:
        return Place(Slot.SUBJECT, head)
    if dep in OBJECT_DEPS:
        return Place(Slot.OBJECT, head)
    if dep == "poss":
        return Place(Slot.POSSESSOR, head, place_like=place_like)
    if dep in MODIFIER_DEPS:
        private = place_like and _private_person(doc, end, head)
        return Place(Slot.MODIFIER, head, place_like=place_like, backdrop=private)
    if dep == "pobj":
        prep = head.lower_
        governor = head.head
        if head.dep_ == "agent":  # "was sanctioned by the EU"
            return Place(Slot.SUBJECT, governor, prep)
        if prep in LOCATION_PREPOSITIONS:
            return Place(Slot.LOCATION, governor, prep)
        if governor.i != head.i:
            examples = (
                place_like
                and governor.pos_ in {"VERB", "AUX"}
                and prep not in PARTY_PREPOSITIONS
                and len(token.conjuncts) + 1 >= EXAMPLE_LIST
            )
            return Place(Slot.OBLIQUE, governor, prep, place_like=place_like, backdrop=examples)
    return Place(Slot.OTHER, head if head.i != token.i else None)


def is_reporting(token: Token | None) -> bool:
    """Whether a verb reports ("said", "reported", "told", "quoted"): what a source does."""
    if token is None:
        return False
    lemma = token.lemma_.lower()
    return lemma in REPORTING_VERBS or lemma in SPEECH_LEMMAS
