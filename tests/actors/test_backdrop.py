"""What is no actor of the story (backdrop.py): news outlets cited as sources, regions, and states
named only as where something happens or comes from; and what still is."""

from __future__ import annotations

import pytest
from spacy.language import Language

from diplobrief.actors.backdrop import is_outlet_name, is_region_name
from tests.support.analysis import actors_of

# -- outlets -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["BBC", "the BBC", "BBC News", "BBC Radio 4", "the Times", "Financial Times", "CNN"]
)
def test_outlet_names_are_known(name: str) -> None:
    assert is_outlet_name(name)


@pytest.mark.parametrize("name", ["Sun Microsystems", "Times Square", "European Commission"])
def test_names_that_begin_like_an_outlet_are_not_outlets(name: str) -> None:
    assert not is_outlet_name(name)


def test_outlets_cited_as_sources_are_no_actors(nlp: Language) -> None:
    text = (
        "Foreign Secretary Jack Straw told the BBC that talks with Iran would resume. "
        "The Times reported that Tehran had agreed to a new round. "
        "Speaking in an interview with CNN, the Iranian foreign minister said the offer stood. "
        "Mr Straw later said on BBC News that Britain wanted a deal."
    )
    actors = actors_of(nlp, text)
    assert {"Jack Straw", "Iran"} <= set(actors)
    assert not {"BBC", "Times", "The Times", "CNN", "BBC News"} & set(actors)


def test_an_outlet_the_story_is_about_is_an_actor(nlp: Language) -> None:
    text = (
        "Ofcom fined the BBC £400,000 on Tuesday over a phone-in competition. "
        "The regulator said the broadcaster had misled viewers."
    )
    assert "BBC" in actors_of(nlp, text, title="BBC fined over phone-in")
    assert "BBC" in actors_of(nlp, text)


# -- places --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Sub-Saharan Africa", "Yorkshire", "the Middle East"])
def test_regions_are_known(name: str) -> None:
    assert is_region_name(name)


def test_states_named_only_as_origins_of_a_product_are_no_actors(nlp: Language) -> None:
    text = (
        "The European Court of Justice ruled that only cheese made in Greece can be sold as "
        "feta. Denmark and Germany had argued that feta was a generic name. The ruling puts "
        "feta alongside Parma ham from Italy and Champagne from France as protected foods."
    )
    actors = actors_of(nlp, text, title="Greece wins feta ruling")
    assert {"Greece", "Denmark", "Germany"} <= set(actors)
    assert "Italy" not in actors and "France" not in actors


def test_a_country_that_is_only_where_things_happen_is_no_actor(nlp: Language) -> None:
    text = (
        "Business leaders gathered in the Swiss resort of Davos on Wednesday. "
        "The World Economic Forum said it expected 2,000 guests. "
        "Growth in Sub-Saharan Africa was the first topic, the organisers said."
    )
    actors = actors_of(nlp, text)
    assert "World Economic Forum" in actors
    assert "Switzerland" not in actors and "Sub-Saharan Africa" not in actors


def test_a_state_that_acts_or_is_acted_upon_stays_an_actor(nlp: Language) -> None:
    text = (
        "The talks were held in Vienna. Austria offered to host a second round, and the "
        "United States sanctioned Iran on Friday. Officials in Italy said Rome would back the "
        "sanctions."
    )
    actors = actors_of(nlp, text)
    assert {"Austria", "United States", "Iran", "Italy"} <= set(actors)


def test_the_state_of_a_government_or_its_officials_stays_an_actor(nlp: Language) -> None:
    text = (
        "Venezuelan officials said they would seize land owned by a British company. "
        "The move angered the owners."
    )
    actors = actors_of(nlp, text)
    assert "Venezuela" in actors
    assert "United Kingdom" not in actors  # only what kind of company it is


def test_a_place_named_only_after_in_is_no_actor(nlp: Language) -> None:
    text = (
        "Tony Blair met party members in Dorset on Friday. Mr Blair said Labour would "
        "win the election."
    )
    actors = actors_of(nlp, text)
    assert "Tony Blair" in actors and "Dorset" not in actors


def test_a_place_introduced_as_one_is_no_actor(nlp: Language) -> None:
    text = (
        "The Brazilian city of Porto Alegre will host the rival forum. Brazil's president, "
        "Lula da Silva, said he would attend."
    )
    actors = actors_of(nlp, text)
    assert "Porto Alegre" not in actors and "Lula da Silva" in actors


def test_a_stray_capitalised_word_or_an_airport_is_no_actor(nlp: Language) -> None:
    text = (
        "Turkcell will build a GSM network in Iran. Telecoms analysts expect the deal to "
        "close. Turkcell said the deal was worth $3bn. Flights at Imam Khomeini International "
        "Airport were not affected."
    )
    actors = actors_of(nlp, text)
    assert "Turkcell" in actors
    assert not {"GSM", "Telecoms", "Imam Khomeini International Airport"} & set(actors)


def test_a_state_named_only_as_an_origin_or_an_owner_of_things_is_no_actor(
    nlp: Language,
) -> None:
    text = (
        "Argentina and Venezuela have extended an oil deal. The chairman of the talks, "
        "Ambassador Stefan Johannesson of Iceland, praised it. Turkey's biggest mobile firm "
        "said it would bid. Chavez wants an oil company that could include the state-owned "
        "companies of Venezuela, Argentina, Brazil and Bolivia."
    )
    actors = actors_of(nlp, text)
    assert {"Argentina", "Venezuela"} <= set(actors)
    assert not {"Iceland", "Turkey", "Brazil", "Bolivia"} & set(actors)


def test_a_name_mentioned_once_in_passing_is_no_actor(nlp: Language) -> None:
    text = (
        "Gen Musharraf held talks with Tony Blair on Monday. He served during the premiership "
        "of Margaret Thatcher, and Heineken, which owns the Amstel and Murphy's brands, "
        "sponsored the dinner. A Foreign Office spokesman said the talks went well."
    )
    actors = actors_of(nlp, text)
    # Acted upon through the object of a verb; a body speaking through its spokesman.
    assert {"Tony Blair", "Foreign Office", "Heineken"} <= set(actors)
    # Named once, taking no part: the guide's non-actors.
    assert "Margaret Thatcher" not in actors and "Murphy" not in actors


def test_a_state_that_only_has_or_owns_things_is_no_actor(nlp: Language) -> None:
    text = (
        "The dollar rose against the euro on Monday. China's currency remains pegged to the "
        "dollar, and Japan is the world's second-largest economy. The Liberal Democrats and "
        "the Tories attacked Labour's plans."
    )
    actors = actors_of(nlp, text, title="Japanese exporters gain on weak dollar")
    assert "China" not in actors and "Japan" not in actors
    assert "Labour Party" in actors  # a party whose plans are attacked is acted upon


def test_a_state_qualifying_the_headlines_subject_is_no_actor_for_it(nlp: Language) -> None:
    text = (
        "Venezuelan authorities have said they will seize land owned by a British company. "
        "The company said it had not been told."
    )
    actors = actors_of(nlp, text, title="UK firm faces Venezuelan land row")
    assert "United Kingdom" not in actors and "Venezuela" in actors
    feta = "The court ruled that only cheese made in Greece can be sold as feta."
    assert "Greece" in actors_of(nlp, feta, title="Greece wins feta ruling")


def test_a_state_only_named_as_where_a_private_person_is_from_is_no_actor(
    nlp: Language,
) -> None:
    text = (
        "Canadian entrepreneur Paul Martel bought the Lisbon football club on Tuesday. "
        "Martel said he would keep the manager. A Canadian economist, Ruth Kemp, said the "
        "price was high, and Canadian businessman Tom Hale said he had also bid."
    )
    actors = actors_of(nlp, text)
    assert "Canada" not in actors
    assert "Paul Martel" in actors


def test_a_state_before_an_office_still_acts(nlp: Language) -> None:
    text = (
        "Canadian Prime Minister Paul Martel met the Mexican president on Tuesday. Canadian "
        "officials said the two leaders agreed to cut tariffs."
    )
    assert actors_of(nlp, text)["Canada"].type == "state"


def test_states_in_a_list_of_examples_are_no_actors(nlp: Language) -> None:
    text = (
        "The European Union's new rules on olive oil labels will apply to imports from "
        "outside the bloc. Exporters said the rules would also apply to Tunisia, Morocco, "
        "Turkey and Syria. Traders who sell to Tunisia, Morocco, Turkey and Syria said the "
        "labels cost little."
    )
    actors = actors_of(nlp, text)
    assert not {"Tunisia", "Morocco", "Turkey", "Syria"} & set(actors)
    assert "European Union" in actors


def test_states_a_verb_ties_as_parties_stay_in_a_list(nlp: Language) -> None:
    text = (
        "Iran held talks with France, Germany and the United Kingdom on Monday. The three "
        "states want Tehran to halt enrichment. Iran agreed with France, Germany and the UK "
        "to meet again."
    )
    actors = actors_of(nlp, text)
    assert {"Iran", "France", "Germany", "United Kingdom"} <= set(actors)


def test_a_state_that_only_becomes_or_remains_something_is_no_actor(nlp: Language) -> None:
    text = (
        "Sales of Swiss watches rose 8% last year, the Federation of the Swiss Watch Industry "
        "said. China became the biggest market for the watches, and the United States "
        "remained the second. The federation expects China to stay first."
    )
    actors = actors_of(nlp, text)
    assert "United States" not in actors
