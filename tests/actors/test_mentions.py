"""Which actor a stretch of text mentions, if any: a state by its capital, demonym or possessive,
a body by its state; places, datelines and things named after a place mention no actor."""

from __future__ import annotations

import pytest
from spacy.language import Language

from diplobrief.models import Actor
from tests.support.analysis import actors_of, by_name

# -- states and bodies ---------------------------------------------------------------------------


def test_possessives_and_articles_are_stripped(articles: dict[str, tuple[Actor, ...]]) -> None:
    for actors in articles.values():
        for actor in actors:
            assert not actor.name.endswith(("’s", "'s")), actor.name
            assert not actor.name.lower().startswith(("the ", "another ")), actor.name


def test_curly_possessive_of_a_state_is_the_state(nlp: Language) -> None:
    actors = actors_of(nlp, "North Korea’s envoy left early. Chile’s delegation stayed.")
    assert {"North Korea", "Chile"} <= set(actors)
    assert actors["North Korea"].aliases == ()


def test_demonyms_and_capitals_merge_into_their_state(
    articles: dict[str, tuple[Actor, ...]],
) -> None:
    actors = by_name(articles["nuclear_talks"])
    assert {"Tehran", "Iranian"} <= set(actors["Iran"].aliases)
    assert {"Paris", "French"} <= set(actors["France"].aliases)
    assert {"Berlin", "German"} <= set(actors["Germany"].aliases)
    assert not {"Tehran", "Paris", "Berlin", "French", "Iranian"} & set(actors)


def test_us_forms_are_one_state(nlp: Language) -> None:
    text = (
        "The United States imposed sanctions. U.S. officials said Washington would not "
        "relent, and American diplomats agreed. The US Treasury published the list."
    )
    actors = actors_of(nlp, text)
    us = actors["United States"]
    assert us.country_code == "US"
    assert {"U.S.", "Washington", "American"} <= set(us.aliases)
    assert actors["U.S. Treasury"].type == "government_body"


def test_generic_bodies_take_the_state_that_qualifies_them(
    articles: dict[str, tuple[Actor, ...]],
) -> None:
    actors = by_name(articles["border_ceasefire"])
    ministry = actors["Sudanese Defence Ministry"]
    assert (ministry.affiliation, ministry.country_code) == ("Sudan", "SD")
    assert "Sudan’s Defence Ministry" in ministry.aliases
    parliament = actors["Ethiopian Parliament"]  # written "Ethiopia’s parliament"
    assert parliament.country_code == "ET"


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        (
            "Officials from Customs and Border Protection said travellers would not be affected.",
            "U.S. Customs and Border Protection",
            "US",
        ),
        (
            "Beijing's Liaison Office in Hong Kong praised the measure.",
            "Chinese Liaison Office",
            "CN",
        ),
        ("Britain's GCHQ and MI5 warned of the risk on Monday.", "GCHQ", "GB"),
        ("Israel's Shin Bet said it had arrested two men.", "Shin Bet", "IL"),
        (
            "China's Ministry of State Security said the spy had been caught.",
            "Ministry of State Security",
            "CN",
        ),
    ],
)
def test_a_government_body_is_one_actor_of_its_state(
    nlp: Language, text: str, name: str, code: str
) -> None:
    actors = actors_of(nlp, text)
    body = actors[name]
    assert body.type == "government_body" and body.country_code == code
    # The tagger's pieces of the name ("Customs", "Border Protection") are not actors of their own.
    assert not [a for a in actors if a != name and a in name]


# -- places and things ---------------------------------------------------------------------------


def test_a_capital_named_as_a_place_is_not_its_state(nlp: Language) -> None:
    assert "Iran" not in actors_of(nlp, "The minister arrived in Tehran on Monday evening.")
    assert "Iran" in actors_of(nlp, "Tehran rejected the offer on Monday evening.")


def test_a_name_followed_by_a_place_noun_is_a_place(nlp: Language) -> None:
    text = (
        "The UN envoy Karin Holm visited the Rukban camp on Monday.\n"
        "Thousands have fled to the Rukban camp since March, Holm said.\n"
        "Patrick Doyle, 55, of Addison, a village southwest of Ithaca, was charged on Friday.\n"
        "Fires spread through the Sierra Nevada foothills, the Red Cross said."
    )
    names = actors_of(nlp, text)
    assert {"Karin Holm", "Red Cross"} <= set(names)
    assert not {"Rukban", "Addison", "Sierra Nevada"} & set(names)


@pytest.mark.review(by="analyst rules")
def test_a_port_operator_is_not_a_place(nlp: Language) -> None:  # mentions._names_a_place
    assert "DP World" in actors_of(
        nlp, "DP World, a port operator owned by Dubai, said it would bid for the terminal."
    )
    assert "CK Hutchison" in actors_of(
        nlp,
        "CK Hutchison agreed to sell its Panama Canal ports. The CK Hutchison port deal "
        "angered Beijing.",
    )


@pytest.mark.review(by="second analyst")
def test_a_newspaper_named_after_a_capital_is_no_mention_of_its_state(nlp: Language) -> None:
    text = (
        "The Washington Post reported on Sunday that the talks had stalled. Officials in "
        "Berlin said they expected a deal."
    )
    actors = actors_of(nlp, text)
    assert "United States" not in actors
    assert "Washington Post" not in actors  # a source (backdrop.py), not an actor
    sold = actors_of(nlp, "Jeff Bezos bought the Washington Post in 2013.")
    assert sold["Washington Post"].affiliation is None


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


# -- datelines -----------------------------------------------------------------------------------


def test_a_dateline_is_not_a_mention(nlp: Language) -> None:
    actors = actors_of(nlp, "WASHINGTON — Senators from both parties met on Monday.")
    assert "United States" not in actors


@pytest.mark.review(by="second analyst")
def test_a_dateline_is_no_actor(nlp: Language) -> None:
    text = (
        "SIOUX FALLS, S.D. – People across the nation are talking about the new campaign. "
        "Governor Kristi Noem said the campaign would go on."
    )
    assert set(actors_of(nlp, text)) == {"Kristi Noem"}


@pytest.mark.review(by="second analyst")
def test_a_senators_party_and_state_is_no_dateline(nlp: Language) -> None:
    text = "Sen. Ben Sasse, R-Neb., said the bill was a mistake. Sen. Ted Cruz, R-Texas, agreed."
    actors = actors_of(nlp, text)
    assert {"Ben Sasse", "Ted Cruz"} <= set(actors)


@pytest.mark.review(by="hostile")
def test_an_acronym_before_a_name_and_a_dash_is_no_dateline(nlp: Language) -> None:
    text = (
        "US President Donald Trump — who has long complained about the trade deficit with "
        "Europe — said on Sunday he would impose 25% tariffs on European goods.\n"
        "IAEA Director General Rafael Grossi — who has visited the plant several times — said "
        "drones had struck near one of the reactors.\n"
        "KYIV, Ukraine (AP) — Officials said the grid was damaged."
    )
    actors = actors_of(nlp, text)
    assert actors["Donald Trump"].role == "US President"
    assert "Rafael Grossi" in actors
    assert "KYIV" not in actors
