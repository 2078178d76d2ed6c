"""Actors the finder used to miss: a court with its seat, a visiting head of state, a party, a
company at the centre of the story."""

from __future__ import annotations

from spacy.language import Language

from tests.support.analysis import actors_of


def test_a_court_is_named_with_its_seat(nlp: Language) -> None:
    text = (
        "The US Bankruptcy Court in Houston will hear the case on Thursday. Yukos filed for "
        "bankruptcy protection last week."
    )
    court = actors_of(nlp, text)["US Bankruptcy Court in Houston"]
    assert (court.type, court.key) == ("government_body", True)


def test_a_visiting_head_of_state_is_a_key_actor(nlp: Language) -> None:
    text = (
        "Chinese President Hu Jintao arrived in London on Monday for a three-day state visit. "
        "Tony Blair welcomed the visiting president at Downing Street. Mr Hu and the prime "
        "minister signed trade deals worth £1bn."
    )
    actors = actors_of(nlp, text, title="Blair greets Chinese president")
    hu = actors["Hu Jintao"]
    assert hu.key and hu.role == "Chinese President" and hu.affiliation == "China"
    assert actors["Tony Blair"].key


def test_a_party_and_a_company_at_the_centre_are_key_actors(nlp: Language) -> None:
    text = (
        "The Liberal Democrats have called for an inquiry into Alitalia's finances. Alitalia "
        "said on Tuesday it would cut 5,000 jobs, and the airline's unions rejected the plan."
    )
    actors = actors_of(nlp, text, title="Lib Dems want Alitalia inquiry")
    assert actors["Liberal Democrats"].key
    assert actors["Alitalia"].key and actors["Alitalia"].type == "organisation"


def test_unnamed_groups_that_act_are_actors(nlp: Language) -> None:
    text = (
        "Palestinian militants fired rockets on Tuesday. G7 finance ministers agreed to write "
        "off the debt. Iranian MPs slashed Turkcell's stake. Chinese officials said talks "
        "would go on, and the ministers of many states attended."
    )
    actors = actors_of(nlp, text)
    for name in ("Palestinian militants", "G7 finance ministers", "Iranian MPs"):
        assert actors[name].type == "group", name
    # A state's officials are the state, not a group of their own.
    assert "Chinese officials" not in actors and "China" in actors


def test_people_with_a_stake_and_unnamed_forces_that_act_are_groups(nlp: Language) -> None:
    text = (
        "European consumers were overcharged for cars for a decade, the Commission said. "
        "Afghan police arrested two men near the border on Monday, and Nato troops searched "
        "the village. Irish pensioners protested outside the parliament."
    )
    actors = actors_of(nlp, text)
    for name in ("European consumers", "Afghan police", "Nato troops", "Irish pensioners"):
        assert actors[name].type == "group", name
