"""Rules from a second analyst's review of real pages, each on lines the project wrote: roles in
longer appositions, affiliations that a place inside a name or a field of study must not give,
quotes to the right speaker, and junk actors (datelines, common nouns, a capital in a name)."""

from __future__ import annotations

from spacy.language import Language

from diplobrief.actors.find import find_actors
from diplobrief.models import Actor, Quote
from diplobrief.quotes.find import find_quotes


def actors_of(nlp: Language, text: str) -> dict[str, Actor]:
    return {a.name: a for a in find_actors(nlp(text))}


def quotes_of(nlp: Language, text: str) -> list[Quote]:
    doc = nlp(text)
    return list(find_quotes(doc, find_actors(doc)))


# -- quote speakers ------------------------------------------------------------------------------


def test_plural_physicians_are_not_the_one_physician_named(nlp: Language) -> None:
    text = (
        "Dr. Luz Arroyo, a physician in Boston, signed the letter with six other doctors. "
        "“As physicians, we have seen the effects of detention on children,” the physicians "
        "stated."
    )
    [quote] = quotes_of(nlp, text)
    assert quote.speaker == "the physicians"


def test_she_is_the_woman_the_article_says_is_she_not_the_man_named_last(nlp: Language) -> None:
    text = (
        "Taylor Swift has released six albums with her former label. The label was sold to a "
        "company owned by music manager Scooter Braun. Braun did not reply to his critics on "
        "Sunday. “I am sad and grossed out by this deal,” she said."
    )
    [quote] = quotes_of(nlp, text)
    assert quote.speaker == "Taylor Swift"


def test_a_subject_inside_the_quotation_is_not_the_speaker(nlp: Language) -> None:
    text = (
        "Former astronaut Tom Stafford testified on Tuesday. Rep. Frank Lucas asked the panel "
        "about the effect of multiple launches on safety.\n\n“The mission I did accomplished "
        "the whole thing with one launch,” Stafford, a member of the Apollo 10 crew, responded. "
        "He then referred to earlier testimony."
    )
    [quote] = quotes_of(nlp, text)
    assert quote.speaker == "Tom Stafford"  # not "mission", parsed as the verb's subject


def test_a_speaker_after_an_inverted_speech_verb(nlp: Language) -> None:
    text = (
        "Analysts were calm. “While certainly a disappointing result, we note that [the "
        "company] faced a hurricane headwind in Q3 and lumber remains deflationary,” wrote "
        "Fadem in a Tuesday research report."
    )
    [quote] = quotes_of(nlp, text)
    assert quote.speaker == "Fadem"


# -- junk actors ---------------------------------------------------------------------------------
