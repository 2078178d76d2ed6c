"""People's names across an article: forms the tagger missed, short forms joined to full ones."""

from __future__ import annotations

import dataclasses
import logging

from spacy.tokens import Doc

from diplobrief import lexicon
from diplobrief.actors.gazetteer import norm
from diplobrief.actors.mentions import Mention, MentionFinder, MentionKind
from diplobrief.models import ActorType

log = logging.getLogger(__name__)

INTRODUCERS = lexicon.words("en", "introducers")
NAME_SUFFIXES = lexicon.words("en", "name_suffixes")
KIN_NOUNS = lexicon.words("en", "kin_nouns")
HONORIFICS = lexicon.words("en", "honorifics")
# "the country's richest man": the nouns that make an apposition a person's.
PEOPLE_NOUNS = frozenset({"man", "woman", "businessman", "businesswoman", "tycoon", "billionaire"})
NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


def recover_people(doc: Doc, finder: MentionFinder, mentions: list[Mention]) -> list[Mention]:
    """Find the names of known people where the tagger missed them ("Dubois said" as a GPE)."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    names: dict[str, list[tuple[str, ...]]] = {}
    for m in mentions:
        if m.type == ActorType.PERSON and not m.heading:
            names.setdefault(m.words[0], []).append(m.words)
            names.setdefault(_core(m.words)[-1], []).append(_core(m.words)[-1:])
    found: list[Mention] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if (
            i in covered
            or token.text not in names
            or token.tag_ != "NNP"
            or token.ent_type_ in NOT_NAMES
            or i in finder.hit_at
            or finder.lay.para[i] in finder.lay.footer
            or (i > 0 and doc[i - 1].tag_ == "NNP" and doc[i - 1].is_title and i - 1 not in covered)
        ):
            i += 1
            continue
        texts = tuple(norm(t.text) for t in doc[i : i + 4])
        words = max((w for w in names[token.text] if texts[: len(w)] == w), key=len, default=None)
        if words is None or any(j in covered for j in range(i, i + len(words))):
            i += 1
            continue
        surface = doc[i : i + len(words)].text
        found.append(
            Mention(
                i,
                i + len(words),
                surface,
                surface,
                ActorType.PERSON,
                None,
                surface,
                words=words,
                kind=MentionKind.PERSON,
            )
        )
        i += len(words)
    return found


def people_from_unknown(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Make people of names tagged as organisations that are a known person's ("Trump" ORG).

    They keep their unknown key (and kind) until the clustering gives people their full name.
    """
    out = list(mentions)
    people = [m for m in mentions if m.type == ActorType.PERSON and not m.heading]
    forms = {m.words for m in people}
    unknown = sorted(
        (i for i, m in enumerate(mentions) if m.kind is MentionKind.UNKNOWN),
        key=lambda i: mentions[i].start,
    )
    for i in unknown:
        m = out[i]
        words = tuple(m.surface.split())
        if (
            m.type == ActorType.ORGANISATION
            and m.code is None
            and (_introduces(doc, m, words, people) or _introduced_as_a_person(doc, m, words))
        ):
            out[i] = dataclasses.replace(m, type=ActorType.PERSON, words=words, code=None)
            forms.add(words)
    for i in unknown:
        m = out[i]
        if m.type == ActorType.PERSON:
            continue
        # Token by token, as people's names are ("Kilroy - Silk"), without an honorific.
        tokens = tuple(norm(t.text) for t in doc[m.start : m.end] if not t.is_space)
        words = _without_honorifics(
            tokens if "".join(tokens) == m.surface.replace(" ", "") else tuple(m.surface.split())
        )
        if any(words == f or _short_for(words, f) for f in forms):
            out[i] = dataclasses.replace(m, type=ActorType.PERSON, words=words, code=None)
            continue
        for cut in range(1, len(words) - 1):  # "Ukraine Marie Yovanovitch" ends in a known name
            tail = words[cut:]
            if any(tail[-len(f) :] == f for f in forms):
                out[i] = dataclasses.replace(
                    m, type=ActorType.PERSON, words=tail, code=None, surface=" ".join(tail)
                )
                break
    return out


def _without_honorifics(words: tuple[str, ...]) -> tuple[str, ...]:
    """A name without the honorifics before it ("Mr Baume" -> "Baume")."""
    while len(words) > 1 and words[0].casefold() in HONORIFICS:
        words = words[1:]
    return words


def _introduces(doc: Doc, m: Mention, words: tuple[str, ...], people: list[Mention]) -> bool:
    """Return whether a name tagged as an organisation introduces a person the article then
    calls by surname alone ("Montell Figgins, who represents Thomas" ... "Figgins said"): the
    surname is a person's, named in no other full form and never before this, neither is led
    by "the" or a possessive as things are ("the Chicago Tribune", "Origin's Blue Moon"), and
    the name is introduced as a person's is (", who ...", ", a lawyer ...")."""
    if not 2 <= len(words) <= 3 or words[0].isupper():
        return False
    if not all(w[:1].isupper() and w.replace("-", "").replace(".", "").isalpha() for w in words):
        return False
    surname = [p for p in people if p.words == words[-1:]]
    fuller = [p for p in people if len(p.words) > 1 and p.words[-1] == words[-1]]
    if not surname or fuller or any(p.start < m.start for p in surname):
        return False
    if any(_led_as_a_thing(doc, x.start) for x in (m, *surname)):
        return False
    # ...and it is introduced as people are: "Montell Figgins, who represents Thomas" / ", a
    # lawyer for"; "Morgan Stanley said" (and later "Stanley said") stays the bank.
    after = [t for t in doc[m.end : m.end + 3] if not t.is_space]
    return len(after) > 1 and after[0].text == "," and after[1].lower_ in INTRODUCERS


def _introduced_as_a_person(doc: Doc, m: Mention, words: tuple[str, ...]) -> bool:
    """Whether a two- or three-word name tagged as an organisation is introduced as a person
    in an apposition: "Viktor Pinchuk, son-in-law of ...", "Rinat Akhmetov, the country's
    richest man" (a kin noun or a person noun heads the apposition)."""
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w[1:].islower() for w in words):
        return False
    if m.end + 1 >= len(doc) or doc[m.end].text != ",":
        return False
    for token in doc[m.end + 1 : m.end + 7]:
        if token.text in {",", ".", ";"}:
            return False
        if token.lower_ in KIN_NOUNS or (token.lower_ in PEOPLE_NOUNS and token.dep_ == "appos"):
            return True
    return False


def _led_as_a_thing(doc: Doc, start: int) -> bool:
    before = doc[start - 1] if start > 0 else None
    return before is not None and (before.lower_ in {"the", "a", "an"} or before.tag_ == "POS")


def person_names(people: list[Mention]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Map each form of a person's name to the full name ("Tillerson" -> "Rex Tillerson")."""
    first_seen: dict[tuple[str, ...], int] = {}
    for m in sorted(people, key=lambda m: m.start):
        if not m.heading:
            first_seen.setdefault(m.words, m.start)
    forms = sorted(first_seen, key=lambda w: (-len(w), first_seen[w]))
    canon = _canonical(forms, first_seen)
    for m in people:
        if m.words not in canon:  # a form seen only in headings joins a name from the prose
            related = [f for f in forms if _short_for(f, m.words) or _short_for(m.words, f)]
            canon[m.words] = canon[related[0]] if related else m.words
    return canon


def _canonical(
    forms: list[tuple[str, ...]], first_seen: dict[tuple[str, ...], int]
) -> dict[tuple[str, ...], tuple[str, ...]]:
    canon: dict[tuple[str, ...], tuple[str, ...]] = {}
    for form in forms:
        longer = [f for f in forms if len(f) > len(form) and _short_for(form, f)]
        if not longer:
            canon[form] = form
            continue
        # A short form shared by two people goes to the one named most recently before it.
        before = [f for f in longer if first_seen[f] <= first_seen[form]]
        target = max(before, key=lambda f: first_seen[f]) if before else longer[0]
        canon[form] = canon[target]
    return canon


def _short_for(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Return whether one form of a name stands for a longer one ("Carlineo" for "P. Carlineo")."""
    short, full = _core(short), _core(full)
    n = len(short)
    if n == 0 or n >= len(full):
        return False
    return full[-n:] == short or full[:n] == short or (n == 2 and (full[0], full[-1]) == short)


def _core(words: tuple[str, ...]) -> tuple[str, ...]:
    """Return a name without a generational suffix ("Patrick W. Carlineo Jr.")."""
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words = words[:-1]
    return words
