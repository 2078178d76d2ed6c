"""People's names: how far a name runs, titles and honorifics left out, short forms joined to the
full name, and when a name the tagger calls an organisation is a person."""

from __future__ import annotations

import pytest
from spacy.language import Language

from diplobrief.models import Actor
from tests.support.analysis import actors_of, by_name


def test_short_names_merge_into_the_full_name(articles: dict[str, tuple[Actor, ...]]) -> None:
    actors = by_name(articles["nuclear_talks"])
    dubois = actors["Claire Dubois"]
    assert "Dubois" in dubois.aliases
    assert dubois.mentions == 4  # one full name, three "Dubois" (two the tagger missed)
    assert "Dubois" not in actors and "Karimi" not in actors


def test_a_generational_suffix_does_not_split_a_person(nlp: Language) -> None:
    text = (
        "Patrick W. Delaney Jr. pleaded guilty on Monday to threatening a senator. "
        "Delaney had sent dozens of messages."
    )
    delaney = actors_of(nlp, text)["Patrick W. Delaney Jr."]
    assert (delaney.mentions, delaney.aliases) == (2, ("Delaney",))


def test_titles_and_honorifics_leave_the_name(articles: dict[str, tuple[Actor, ...]]) -> None:
    actors = by_name(articles["air_defence"])
    assert actors["Emre Aydın"].aliases == ("Aydın",)  # "Mr. Aydın" is the same man
    people = [a.name for a in articles["air_defence"] if a.type == "person"]
    for name in people:
        assert not any(word in name for word in ("Mr.", "Secretary", "Minister", "Senator"))


def test_a_name_tagged_as_an_organisation_after_a_title_is_a_person(nlp: Language) -> None:
    quispe = actors_of(nlp, "Peruvian diplomat Elena Quispe met her counterparts.")["Elena Quispe"]
    assert (quispe.type, quispe.role, quispe.country_code) == ("person", "Peruvian diplomat", "PE")


def test_a_full_name_tagged_as_an_organisation_joins_the_surname_after_it(
    nlp: Language,
) -> None:
    text = (
        "Montell Figgins, who represents Thomas, said his client chose not to accept a plea "
        "agreement.\nFiggins declined to address whether Thomas slept on the job."
    )
    figgins = actors_of(nlp, text)["Montell Figgins"]
    assert (figgins.type, figgins.aliases) == ("person", ("Figgins",))


@pytest.mark.review(by="analyst rules")
def test_a_bank_named_for_a_surname_stays_a_bank(nlp: Language) -> None:  # people._introduces
    text = (
        'Morgan Stanley said the sanctions would cut Russian oil exports. "This is a turning '
        'point," Stanley said in a note.'
    )
    assert actors_of(nlp, text)["Morgan Stanley"].type == "organisation"
