"""Names that are no actors of the story: news outlets cited as sources, regions, and states that
are only where something happens or comes from.

An outlet is an actor when the story is about it: it is in the headline, or it does or suffers
something other than reporting ("the BBC was fined"). A state is an actor when it (its government,
its people as a party) acts, speaks, decides, is acted upon or owns something in the story; named
only after "in" or "from", or before a thing's noun ("a British company", "Parma ham from
Italy"), it is backdrop.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from diplobrief import lexicon
from diplobrief.actors.clauses import Slot, is_reporting, place_of
from diplobrief.actors.gazetteer import Gazetteer, norm
from diplobrief.actors.mentions import Mention
from diplobrief.models import ActorType

OUTLETS = lexicon.words("en", "outlets")
OUTLET_WORDS = lexicon.words("en", "outlet_words")
REGIONS = lexicon.words("en", "regions")
# The people of a state who act for it: "Venezuelan officials said", "US troops".
ACTING_NOUNS = lexicon.words("en", "acting_nouns")


def plain(name: str) -> str:
    """A name in lower case, straight quotes, without a leading "the" or a possessive."""
    words = norm(name).casefold().split()
    if words and words[0] == "the":
        words = words[1:]
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    return " ".join(words)


def is_outlet_name(name: str) -> bool:
    """Whether a name is a news outlet's ("the Times", "BBC Radio 4", "BBC News Online")."""
    words = plain(name).split()
    for cut in range(len(words), 0, -1):
        if " ".join(words[:cut]) in OUTLETS:
            return all(w in OUTLET_WORDS or w.isdigit() for w in words[cut:])
    return False


def is_region_name(name: str) -> bool:
    """Whether a name is a region's ("Sub-Saharan Africa", "Yorkshire")."""
    return plain(name) in REGIONS


def outlet_as_source(doc: Doc, mentions: Sequence[Mention], in_headline: bool) -> bool:
    """Whether an outlet is only a source: never in the headline, and wherever it is a subject
    or an object, the verb reports ("the Times reported", "told the BBC")."""
    if in_headline or not any(
        is_outlet_name(m.name) or is_outlet_name(m.surface) for m in mentions
    ):
        return False
    for m in mentions:
        place = place_of(doc, m.start, m.end)
        acts = place.slot in {Slot.SUBJECT, Slot.OBJECT} and place.active
        if acts and not is_reporting(place.head):
            return False
    return True


def backdrop_state(
    doc: Doc, gaz: Gazetteer, mentions: Sequence[Mention], in_headline: bool
) -> bool:
    """Whether a state is only a place: not in the headline, and no mention acts, speaks, is
    acted upon or owns what acts (`Place.active`), nor names the state of a government, an
    official or troops ("the British government", "Russian President Putin", "US troops").
    Named after "in", "from" or "of" ("Ambassador Johannesson of Iceland", "the companies of
    Brazil and Bolivia"), or before a thing's noun ("a British company", "UK law"), it is
    where something happens or comes from."""
    if in_headline or not mentions or mentions[0].type != ActorType.STATE:
        return False
    for m in mentions:
        place = place_of(doc, m.start, m.end, place_like=True)
        if place.active:
            return False
        if place.slot is Slot.MODIFIER and place.head is not None and not place.backdrop:
            noun = place.head
            if (
                {noun.lower_, noun.lemma_.lower()} & (gaz.state_nouns | gaz.titles | ACTING_NOUNS)
                or noun.ent_type_ == "PERSON"
                or (m.end < len(doc) and doc[m.end].lower_ in gaz.titles)
            ):
                return False  # "the British government", "Russian President Putin", "US troops"
    return True


def backdrop_name(doc: Doc, gaz: Gazetteer, mentions: Sequence[Mention]) -> bool:
    """Whether a name the tables do not know is a region, a place introduced as one ("the
    Brazilian city of Porto Alegre"), or a place named only after "in"."""
    if any(is_region_name(m.name) for m in mentions):
        return True
    first = mentions[0]
    if (
        first.start > 1
        and doc[first.start - 1].lower_ == "of"
        and doc[first.start - 2].lower_ in gaz.place_nouns
    ):
        return True
    if len(mentions) != 1 or mentions[0].type == ActorType.PERSON:
        return False
    m = mentions[0]
    before = doc[m.start - 1].lower_ if m.start > 0 else ""
    return before == "in" and place_of(doc, m.start, m.end).slot is Slot.LOCATION
