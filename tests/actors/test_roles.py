"""Roles and affiliations of people, from a title before the name or an apposition after it."""

from __future__ import annotations

import pytest
from spacy.language import Language

from diplobrief.actors.find import find_actors
from diplobrief.models import Actor
from tests.support.analysis import actors_of, by_name

# -- titles --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("article", "name", "role", "affiliation", "code"),
    [
        ("nuclear_talks", "Claire Dubois", "French Foreign Minister", "France", "FR"),
        ("nuclear_talks", "Reza Karimi", "Iran’s Foreign Ministry spokesman", "Iran", "IR"),
        ("nuclear_talks", "Josef Brandt", "German government spokesman", "Germany", "DE"),
        ("nuclear_talks", "Ana Ferreira", "IAEA official", "IAEA", None),
        ("nuclear_talks", "Ali Rahimi", "Iranian negotiator", "Iran", "IR"),
        ("nuclear_talks", "Hossein Tabari", "Iranian negotiator", "Iran", "IR"),
        ("nuclear_talks", "Lena Varga", "EU foreign policy chief", "European Union", None),
        ("air_defence", "Daniel Hartley", "Secretary of State", "United States", "US"),
        ("air_defence", "Lars Eriksen", "NATO Secretary-General", "NATO", None),
        ("air_defence", "Emre Aydın", "Turkish Foreign Minister", "Turkey", "TR"),
        (
            "border_ceasefire",
            "Peter Lual Deng",
            "South Sudanese Information Minister",
            "South Sudan",
            "SS",
        ),
        ("border_ceasefire", "Moussa Traoré", "AU Commission chairperson", "African Union", None),
        ("border_ceasefire", "Stéphane Olsen", "spokesman", None, None),
    ],
)
def test_roles_and_affiliations(
    articles: dict[str, tuple[Actor, ...]],
    article: str,
    name: str,
    role: str,
    affiliation: str | None,
    code: str | None,
) -> None:
    actor = by_name(articles[article])[name]
    assert (actor.role, actor.affiliation, actor.country_code) == (role, affiliation, code)


def test_a_role_naming_its_body_beats_a_bare_title(
    articles: dict[str, tuple[Actor, ...]],
) -> None:
    whitfield = by_name(articles["air_defence"])["Grace Whitfield"]
    assert whitfield.role == "chair of the Senate Foreign Relations Committee"
    assert whitfield.country_code == "US"


def test_a_title_cut_at_of_keeps_only_its_own_modifiers(nlp: Language) -> None:
    text = "Anna Berg, daughter of former Swedish Prime Minister Lars Berg, spoke on Monday."
    actors = actors_of(nlp, text)
    assert actors["Lars Berg"].role == "former Swedish Prime Minister"
    assert actors["Lars Berg"].country_code == "SE"


@pytest.mark.review(by="analyst")
@pytest.mark.parametrize(
    ("text", "name", "role", "affiliation"),
    [
        (
            "Tensions rose in London on Sunday. China's ambassador to Britain Liu Xiaoming said "
            "the protests must end.",
            "Liu Xiaoming",
            "China's ambassador to Britain",
            "China",
        ),
        (
            "Former U.S. ambassador to Ukraine Marie Yovanovitch testified on Friday.",
            "Marie Yovanovitch",
            "Former U.S. ambassador to Ukraine",
            "United States",
        ),
    ],
)
def test_a_title_keeps_the_state_it_is_posted_to(
    nlp: Language, text: str, name: str, role: str, affiliation: str
) -> None:
    person = by_name(find_actors(nlp(text)))[name]
    assert (person.role, person.affiliation) == (role, affiliation)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "The case was brought by U.S. Attorney Anne Ruiz, who said the evidence was clear.",
            "Anne Ruiz",
            "U.S. Attorney",
        ),
        (
            "NASA Administrator Jim Bowers said the launch was on schedule.",
            "Jim Bowers",
            "NASA Administrator",
        ),
        (
            "The state schools Superintendent Jennifer Marsh joined the protest in Indianapolis.",
            "Jennifer Marsh",
            "state schools Superintendent",
        ),
    ],
)
def test_more_titles_make_roles(nlp: Language, text: str, name: str, role: str) -> None:
    assert by_name(find_actors(nlp(text)))[name].role == role


@pytest.mark.review(by="analyst rules")
def test_a_department_word_before_a_title_is_not_an_affiliation(nlp: Language) -> None:
    text = (
        "Interior Minister Nancy Faeser said the border checks would stay. German Interior "
        "Minister Faeser spoke in Berlin."
    )
    assert actors_of(nlp, text)["Nancy Faeser"].affiliation == "Germany"


# -- appositions ---------------------------------------------------------------------------------


def test_its_spokesman_belongs_to_the_body_named_before(nlp: Language) -> None:
    text = (
        "Iran’s foreign ministry rejected the criticism. Its spokesman, Esmaeil Baghaei, "
        "said the workers had broken the law."
    )
    spokesman = actors_of(nlp, text)["Esmaeil Baghaei"]
    assert (spokesman.role, spokesman.affiliation, spokesman.country_code) == (
        "spokesman",
        "Iran",
        "IR",
    )


def test_a_long_apposition_is_still_a_role(nlp: Language) -> None:
    text = (
        "Philip Luther, Amnesty International's research and advocacy director for the Middle "
        "East and North Africa, said protesters were shot in several cities."
    )
    luther = by_name(find_actors(nlp(text)))["Philip Luther"]
    assert luther.role == (
        "Amnesty International's research and advocacy director for the Middle East and North "
        "Africa"
    )
    assert luther.affiliation == "Amnesty International"


@pytest.mark.review(by="second analyst")
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


@pytest.mark.review(by="second analyst")
def test_an_employer_named_in_a_long_apposition_stays_an_actor(nlp: Language) -> None:
    text = (
        "Jeffrey Halley, a negotiator with the research firm Oanda, said the talks were "
        "stalled. Halley expects the talks to drag on."
    )
    actors = actors_of(nlp, text)
    assert actors["Jeffrey Halley"].role == "negotiator with the research firm Oanda"
    assert actors["Oanda"].type == "organisation"


def test_a_commentators_employer_is_an_affiliation_not_an_actor(nlp: Language) -> None:
    # The labelling guide: an actor takes part in the story; an analyst's firm does not.
    text = (
        "Jeffrey Halley, a market analyst with the research firm Oanda, said the markets were "
        "nervous. Halley expects the talks to drag on."
    )
    actors = actors_of(nlp, text)
    assert actors["Jeffrey Halley"].role == "market analyst with the research firm Oanda"
    assert "Oanda" not in actors


@pytest.mark.review(by="analyst rules")
def test_a_list_after_a_name_is_not_its_role(nlp: Language) -> None:
    text = (
        "Antony Blinken met Mohammed bin Salman, the Qatari prime minister and the foreign "
        "ministers of Egypt and Jordan in Riyadh."
    )
    assert actors_of(nlp, text)["Mohammed bin Salman"].role is None


# -- affiliations --------------------------------------------------------------------------------


def test_an_envoy_to_a_state_does_not_belong_to_it(nlp: Language) -> None:
    text = (
        "The talks were led by Mark Olsen, the U.S. special envoy to Sudan. Special envoy "
        "to Mali Omar Haddad joined them."
    )
    actors = actors_of(nlp, text)
    assert actors["Mark Olsen"].affiliation == "United States"
    assert actors["Omar Haddad"].affiliation is None


def test_bodies_groups_and_people_carry_their_state(
    articles: dict[str, tuple[Actor, ...]],
) -> None:
    actors = by_name(articles["air_defence"])
    assert (actors["Kremlin"].affiliation, actors["Kremlin"].country_code) == ("Russia", "RU")
    assert actors["Pentagon"].country_code == "US"
    assert actors["Turkey"].country_code == "TR" and actors["Turkey"].affiliation is None
    assert actors["NATO"].country_code is None


@pytest.mark.parametrize(
    ("text", "name", "affiliation"),
    [
        (
            "Harbour Logistics chief executive Maria Costa said the port strike would end soon.",
            "Maria Costa",
            "Harbour Logistics",
        ),
        (
            "Meridian Energy's chief economist Tom Reyes warned of shortages this winter.",
            "Tom Reyes",
            "Meridian Energy",
        ),
    ],
)
def test_an_organisation_the_tables_do_not_know_is_an_affiliation(
    nlp: Language, text: str, name: str, affiliation: str
) -> None:
    assert by_name(find_actors(nlp(text)))[name].affiliation == affiliation
