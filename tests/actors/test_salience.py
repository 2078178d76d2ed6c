"""Salience follows what an actor does in its clauses, and the key actors are those that act,
speak, decide or are acted upon in the headline and lede, not the names mentioned most."""

from __future__ import annotations

from spacy.language import Language

from diplobrief.actors.clauses import Slot, place_of
from tests.support.analysis import actors_of


def test_a_mentions_slot_in_its_clause(nlp: Language) -> None:
    doc = nlp(
        "Russia offered to mediate. The EU sanctioned Iran, and Iran was warned by the US. "
        "Talks were held in Vienna with Oman's envoy."
    )

    def slot(word: str) -> Slot:
        i = next(t.i for t in doc if t.text == word)
        return place_of(doc, i, i + 1).slot

    assert slot("Russia") is Slot.SUBJECT
    assert slot("EU") is Slot.SUBJECT
    assert [place_of(doc, t.i, t.i + 1).slot for t in doc if t.text == "Iran"] == [
        Slot.OBJECT,
        Slot.OBJECT,
    ]
    assert slot("US") is Slot.SUBJECT  # the agent of a passive acts
    assert slot("Vienna") is Slot.LOCATION
    assert slot("Oman") is Slot.POSSESSOR


def test_an_actor_that_acts_in_the_lede_outranks_one_named_often_as_a_place(
    nlp: Language,
) -> None:
    text = (
        "Norway offered to mediate between the two sides on Monday. "
        "The talks will be held in Switzerland, at a hotel in Switzerland near the lake; "
        "delegates will fly into Switzerland on Friday. Weather in Switzerland is expected "
        "to be mild."
    )
    actors = actors_of(nlp, text)
    assert actors["Norway"].key
    assert "Switzerland" not in actors or not actors["Switzerland"].key


def test_key_actors_are_those_who_act_in_the_headline_and_lede(nlp: Language) -> None:
    text = (
        "The United States sanctioned three Iranian banks on Tuesday, and Iran rejected the "
        "move as illegal. Treasury Secretary Janet Yellen said the banks had financed arms "
        "shipments. The measures follow talks in Geneva, where diplomats from Germany, Italy "
        "and Spain had sat as observers. Germany, Italy and Spain were also named in a "
        "footnote, as were Belgium and the Netherlands."
    )
    actors = actors_of(nlp, text, title="US sanctions Iranian banks")
    assert actors["United States"].key and actors["Iran"].key and actors["Janet Yellen"].key
    assert not any(actors[n].key for n in ("Belgium", "Netherlands") if n in actors)


def test_a_person_given_no_role_outside_the_lede_is_no_key_actor(nlp: Language) -> None:
    text = (
        "The European Union agreed on Monday to lift its ban on arms sales to Libya. The "
        "European Commission said the ban had done its work.\n\n"
        "Diplomats said the decision followed months of talks. Tom Hale said the talks were "
        "hard. Hale said Libya had met every condition, and Hale added that he expected "
        "sales to begin soon. Hale warned that some states would object."
    )
    actors = actors_of(nlp, text, title="EU lifts Libya arms ban")
    assert actors["Tom Hale"].key is False
    assert actors["European Union"].key
