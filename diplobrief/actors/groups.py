"""Unnamed groups that act as one: "Palestinian militants", "Iranian MPs", "G7 finance ministers".

The labelling guide's `group`: a collective with no name of its own that acts or is acted upon.
Found where a plural group noun (`group_nouns.txt`), qualified by a people, a state or a body
("Palestinian", "G7", "EU finance"), is the subject or object of a verb; named as the text
names it, without a determiner.
"""

from __future__ import annotations

from spacy.tokens import Doc

from diplobrief import lexicon
from diplobrief.actors.clauses import place_of
from diplobrief.actors.mentions import Mention, MentionKind
from diplobrief.models import ActorType

GROUP_NOUNS = lexicon.words("en", "group_nouns")
MAX_GROUP_WORDS = 5
# Nouns that name the same group: "UK troops" and "British soldiers" are one actor.
SAME_GROUP = {"soldiers": "troops"}


def find_groups(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Return a mention for each acting group whose qualifier is a known or tagged name."""
    named = {i for m in mentions for i in range(m.start, m.end)}
    state_at = {
        i: m.key for m in mentions if m.type == ActorType.STATE for i in range(m.start, m.end)
    }
    found = []
    for token in doc:
        if token.lower_ not in GROUP_NOUNS or token.tag_ != "NNS" or token.i in named:
            continue
        start = token.i
        while (
            start > 0
            and token.i - start < MAX_GROUP_WORDS - 1
            and doc[start - 1].dep_ in {"compound", "amod", "nmod"}
            and doc[start - 1].head.i in range(start, token.i + 1)
            and not doc[start - 1].is_punct
        ):
            start -= 1
        qualifiers = doc[start : token.i]
        if (
            not any(t.i in named or t.ent_type_ in {"NORP", "GPE", "ORG"} for t in qualifiers)
            or not qualifiers[0].text[:1].isupper()
        ):
            continue
        if not place_of(doc, start, token.i + 1).active:
            continue
        text = " ".join(doc[start : token.i + 1].text.split())
        key = f"group:{text.casefold()}"
        states = {state_at.get(t.i) for t in qualifiers}
        if len(states) == 1 and None not in states:
            # "UK troops", "British soldiers": one state's group, however the state is named
            key = f"group:{states.pop()}:{SAME_GROUP.get(token.lower_, token.lower_)}"
        found.append(
            Mention(
                start,
                token.i + 1,
                key,
                text,
                ActorType.GROUP,
                None,
                text,
                kind=MentionKind.UNKNOWN,
            )
        )
    return found
