"""Rules from a second analyst's review of real pages, each on lines the project wrote: roles in
longer appositions, affiliations that a place inside a name or a field of study must not give,
quotes to the right speaker, and junk actors (datelines, common nouns, a capital in a name)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from diplobrief.actors.find import find_actors
from diplobrief.models import Actor, Quote
from diplobrief.quotes.find import find_quotes


def actors_of(nlp: Language, text: str) -> dict[str, Actor]:
    return {a.name: a for a in find_actors(nlp(text))}


def quotes_of(nlp: Language, text: str) -> list[Quote]:
    doc = nlp(text)
    return list(find_quotes(doc, find_actors(doc)))


# -- roles and affiliations ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "role", "affiliation"),
    [
        (
            "Aseem Prakash, founding director of the Center for Environmental Politics at the "
            "University of Washington, said the rules were weak. Prakash has studied air "
            "pollution for years.",
            "Aseem Prakash",
            "founding director of the Center for Environmental Politics at the University of "
            "Washington",
            "Center for Environmental Politics",  # not the United States, by "Washington"
        ),
        (
            "Li Jifeng, a doctor at Chaoyang Hospital where the patients are treated, said both "
            "were stable. Li said the risk was low.",
            "Li Jifeng",
            "doctor at Chaoyang Hospital",  # the relative clause ends the role
            "Chaoyang Hospital",
        ),
        (
            "Lucas Paganini, a planetary scientist at NASA, said the find was important. "
            "Paganini led the study.",
            "Lucas Paganini",
            "planetary scientist at NASA",
            "NASA",  # a scientist at NASA works for it; an envoy to a state does not
        ),
        (
            "Fan Mengguang, deputy head of the Inner Mongolia health commission, said the cases "
            "were isolated. Fan said more tests would follow.",
            "Fan Mengguang",
            "deputy head of the Inner Mongolia health commission",
            None,  # Inner Mongolia is no part of Mongolia
        ),
        (
            "Iran analyst Ali Vaez said the talks would fail. Vaez said both sides had dug in.",
            "Ali Vaez",
            "Iran analyst",
            None,  # he studies Iran; he does not serve it
        ),
    ],
)
def test_roles_from_longer_appositions_and_their_affiliations(
    nlp: Language, text: str, name: str, role: str, affiliation: str | None
) -> None:
    person = actors_of(nlp, text)[name]
    assert person.role == role
    assert person.affiliation == affiliation


def test_an_employer_named_in_a_long_apposition_stays_an_actor(nlp: Language) -> None:
    text = (
        "Jeffrey Halley, a market analyst with the research firm Oanda, said the markets were "
        "nervous. Halley expects the talks to drag on."
    )
    actors = actors_of(nlp, text)
    assert actors["Jeffrey Halley"].role == "market analyst with the research firm Oanda"
    assert actors["Oanda"].type == "organisation"


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


def test_a_dateline_is_no_actor(nlp: Language) -> None:
    text = (
        "SIOUX FALLS, S.D. – People across the nation are talking about the new campaign. "
        "Governor Kristi Noem said the campaign would go on."
    )
    assert set(actors_of(nlp, text)) == {"Kristi Noem"}


def test_a_word_the_article_also_writes_in_lower_case_is_no_person(nlp: Language) -> None:
    text = (
        "South Dakota says, 'Meth. We're on it.' Meth, the posters say. The state spent "
        "$449,000 on the campaign against meth, officials said."
    )
    assert "Meth" not in actors_of(nlp, text)


def test_a_newspaper_named_after_a_capital_is_no_mention_of_its_state(nlp: Language) -> None:
    text = (
        "The Washington Post reported on Sunday that the talks had stalled. Officials in "
        "Berlin said they expected a deal."
    )
    actors = actors_of(nlp, text)
    assert "United States" not in actors
    assert actors["Washington Post"].affiliation is None


def test_a_senators_party_and_state_is_no_dateline(nlp: Language) -> None:
    text = "Sen. Ben Sasse, R-Neb., said the bill was a mistake. Sen. Ted Cruz, R-Texas, agreed."
    actors = actors_of(nlp, text)
    assert {"Ben Sasse", "Ted Cruz"} <= set(actors)


def test_indexes_summits_and_treaties_are_no_actors(nlp: Language) -> None:
    text = (
        "Hong Kong's Hang Seng Index fell 2% on Monday as the Kospi Index slid. Leaders at the "
        "Osaka Climate Summit said the Paris Agreement and the Kyoto Accord still bound them. "
        "The Arms Control Association, a research group in Washington, said the treaty was weak."
    )
    actors = actors_of(nlp, text)
    for thing in ("Hang Seng Index", "Kospi Index", "Osaka Climate Summit", "Paris Agreement"):
        assert thing not in actors, thing
    assert "France" not in actors  # "the Paris Agreement" is a treaty, not Paris speaking
    assert actors["Arms Control Association"].type == "organisation"  # a body that acts
