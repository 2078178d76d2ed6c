"""Each key actor's part in the story: the verbs that tie it to the other actors.

Read from the parse, clause by clause: where an actor is the subject of a verb, the verb and
its objects ("Putin met Abbas": met Mahmoud Abbas; "Russia offered to mediate": offered to
mediate); where it is the object, the verb and its subject ("the US sanctioned Iran": Iran was
sanctioned by the United States). A step toward who did what to whom, not a full account: a
verb of saying with no actor to tie it to ("said") says nothing of the actor's part and is left
out, as are verbs of being and having.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from spacy.tokens import Doc, Token

from diplobrief import lexicon
from diplobrief.actors.clauses import Slot, place_of, span_root
from diplobrief.models import Part

MAX_PARTS = 5
MAX_OBJECT_WORDS = 3
# Verbs that say nothing of an actor's part on their own: being, having, seeming.
EMPTY_VERBS = frozenset({"be", "have", "do", "seem", "appear", "become", "get", "go"})
SPEECH_LEMMAS = frozenset(lexicon.table("en", "speech_verbs"))
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
# Spans of one actor's mentions: (start, end) -> the actor's name.
Spans = Mapping[tuple[int, int], str]


def find_parts(doc: Doc, own: Sequence[tuple[int, int]], spans: Spans) -> tuple[Part, ...]:
    """Return an actor's parts, from its mentions' tokens (`own`) and every actor's (`spans`)."""
    name_at = {i: name for (start, end), name in spans.items() for i in range(start, end)}
    me = spans.get(own[0]) if own else None
    found: list[Part] = []
    for start, end in own:
        place = place_of(doc, start, end)
        verb = place.head
        if verb is None or verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() in EMPTY_VERBS:
            continue
        if place.slot is Slot.SUBJECT and place.prep == "by":  # "was sanctioned by the EU"
            done_to = [
                a for c in verb.children if c.dep_ == "nsubjpass" for a in _actors(c, name_at, me)
            ]
            found.extend(Part(_phrase(verb), other) for other in done_to)
        elif place.slot is Slot.SUBJECT:
            found.extend(_as_subject(verb, name_at, me))
        elif place.slot is Slot.OBJECT:
            passive = span_root_dep(doc, start, end) == "nsubjpass"
            found.extend(_as_object(verb, name_at, me, passive=passive))
    unique: list[Part] = []
    for part in found:
        if part not in unique:
            unique.append(part)
    return tuple(unique[:MAX_PARTS])


def _as_subject(verb: Token, name_at: Mapping[int, str], me: str | None) -> list[Part]:
    """The parts of the subject of a verb: a part for each actor it acts on, else the verb."""
    phrase = _phrase(verb)
    chain = [verb, *_xcomps(verb)]
    parts: list[Part] = []
    for v in chain:
        for child in v.children:
            if child.dep_ in OBJECT_DEPS:
                parts.extend(Part(phrase, o) for o in _actors(child, name_at, me))
            elif child.dep_ == "prep":
                words = f"{phrase} {child.lower_}"
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    parts.extend(Part(words, o) for o in _actors(pobj, name_at, me))
    if parts:
        return parts
    if verb.lemma_.lower() in SPEECH_LEMMAS:
        return []  # "said": no part on its own
    # No actor to tie it to: the verb with what it governs ("offered to mediate", "rejected
    # the demands"), or nothing ("waited" says little of a part).
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None:
        return [Part(f"{phrase} {_object_text(obj)}")]
    return [Part(phrase)] if _xcomps(verb) else []


def _as_object(
    verb: Token, name_at: Mapping[int, str], me: str | None, *, passive: bool
) -> list[Part]:
    """The parts of an actor acted upon: the verb, and who did it (its subject, or the agent
    of a passive); with no actor to name, only the subject of a passive has a part."""
    doers: list[str] = []
    for child in verb.children:
        if child.dep_ == "nsubj":
            doers.extend(_actors(child, name_at, me))
        elif child.dep_ == "agent":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                doers.extend(_actors(pobj, name_at, me))
    phrase = _phrase(verb)
    if doers:
        return [Part(phrase, d, passive=True) for d in doers]
    if verb.lemma_.lower() in SPEECH_LEMMAS or not passive:
        return []  # "it will sue Baikal": who "it" is the parse does not say
    return [Part(phrase, passive=True)]  # "Hassan was abducted"


def _phrase(verb: Token) -> str:
    """The verb as the text gives it, with a negation, a particle and an infinitive after it:
    "did not agree", "called off", "offered to mediate"."""
    words = []
    if any(c.dep_ == "neg" for c in verb.children):
        words.append("not")
    words.append(verb.lower_)
    words.extend(c.lower_ for c in verb.children if c.dep_ == "prt")
    for x in _xcomps(verb):
        words.extend(["to", x.lower_] if any(c.lower_ == "to" for c in x.children) else [x.lower_])
    return " ".join(words)


def span_root_dep(doc: Doc, start: int, end: int) -> str:
    """The dependency of a mention's head, through lists and appositions."""
    token = span_root(doc, start, end)
    for _ in range(4):
        if token.dep_ in {"conj", "appos"} and token.head.i != token.i:
            token = token.head
    return token.dep_


def _object_text(obj: Token) -> str:
    """A verb's object in a few words, as the text writes them: "the demands", "radical
    reform", "Turkcell's stake"."""
    words = [t for t in obj.subtree if t.i <= obj.i and not t.is_punct][-MAX_OBJECT_WORDS:]
    text = obj.doc[words[0].i : obj.i + 1].text
    return " ".join(text.split())


def _xcomps(verb: Token) -> list[Token]:
    """The infinitives a verb governs, one level down: "offered [to mediate]"."""
    return [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]


def _actors(token: Token, name_at: Mapping[int, str], me: str | None) -> Iterable[str]:
    """The actors a phrase headed by `token` names: itself, a name in apposition or qualifying it
    ("the Palestinian leader, Mahmoud Abbas"), and the same for each in a list ("Abbas and
    Sharon"); never the actor itself."""
    seen: list[str] = []
    for head in [token, *(c for c in token.conjuncts if c.i > token.i)]:
        # "the Palestinian leader, Mahmoud Abbas"; a name's own parts ("Mahmoud" of "Abbas"),
        # but not what qualifies a thing ("a US court", "Russia's minister" are no actors).
        candidates = [head, *(c for c in head.children if c.dep_ == "appos")]
        if head.pos_ == "PROPN":
            candidates += [c for c in head.children if c.dep_ == "compound"]
        for c in candidates:
            name = name_at.get(c.i)
            if name is not None and name != me and name not in seen:
                seen.append(name)
                break
    return seen
