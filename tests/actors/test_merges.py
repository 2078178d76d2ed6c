"""One actor is one actor within an article: an acronym, "the Commission" and a company's short
name join the full name; a one-word "person" beside a company noun is a company; a party is an
organisation."""

from __future__ import annotations

from spacy.language import Language

from tests.support.analysis import actors_of


def test_an_acronym_and_the_short_name_join_a_known_body(nlp: Language) -> None:
    text = (
        "The European Commission proposed new rules for airlines on Monday. The EC said "
        "passengers would be paid for delays. The Commission expects the rules to apply "
        "from February."
    )
    actors = actors_of(nlp, text)
    names = [n for n in actors if "Commission" in n or n == "EC"]
    assert names == ["European Commission"]
    assert {"EC", "Commission"} <= set(actors["European Commission"].aliases)


def test_a_companys_first_word_joins_its_full_name(nlp: Language) -> None:
    text = (
        "Baikal Finance Group won the auction for Yuganskneftegas on Sunday. Newspapers "
        "said that Baikal was a front for another buyer."
    )
    actors = actors_of(nlp, text)
    assert "Baikal" not in actors
    assert "Baikal" in actors["Baikal Finance Group"].aliases


def test_a_one_word_name_beside_a_company_noun_is_a_company(nlp: Language) -> None:
    text = (
        "The fate of Yuganskneftegas - the oil firm sold to a little-known buyer on Sunday - "
        "is unclear. Yuganskneftegas pumps a million barrels a day. Analysts said "
        "Yuganskneftegas had been undervalued."
    )
    assert actors_of(nlp, text)["Yuganskneftegas"].type == "organisation"


def test_a_company_that_speaks_is_no_place(nlp: Language) -> None:
    text = (
        "Newspapers claimed that a rival was a front for gas monopoly Gazprom, which had been "
        "expected to win. Alitalia said its shares would be suspended, and Alitalia bosses met "
        "unions."
    )
    actors = actors_of(nlp, text)
    assert actors["Gazprom"].type == "organisation"
    assert actors["Alitalia"].type == "organisation"


def test_parties_are_organisations(nlp: Language) -> None:
    text = (
        "The Liberal Democrats and the Tories attacked Labour's plans on Monday. "
        "The UK Independence Party said it would stand in every seat."
    )
    actors = actors_of(nlp, text)
    for name in (
        "Liberal Democrats",
        "Conservative Party",
        "Labour Party",
        "UK Independence Party",
    ):
        assert actors[name].type == "organisation", name


def test_people_and_companies_the_tagger_swaps_are_typed_by_their_context(
    nlp: Language,
) -> None:
    text = (
        "He was accused of falsifying the share-ownership structure of Seibu Railways, one of "
        "his companies. Seibu Railways has been delisted from the stock exchange. The mill was "
        "sold to a consortium that included Viktor Pinchuk, son-in-law of former-President "
        "Kuchma, and Rinat Akhmetov, the country's richest man."
    )
    actors = actors_of(nlp, text)
    assert actors["Seibu Railways"].type == "organisation"
    assert actors["Viktor Pinchuk"].type == "person"
    assert actors["Rinat Akhmetov"].type == "person"


def test_the_bank_joins_the_bank_of_england(nlp: Language) -> None:
    text = (
        "The Bank of England held interest rates at 4.75% on Thursday. The Bank said growth "
        "was slowing, and the Bank expects inflation to stay low."
    )
    actors = actors_of(nlp, text)
    assert "Bank" not in actors and "Bank of England" in actors


def test_a_party_before_a_persons_name_is_the_party_and_the_person(nlp: Language) -> None:
    text = "Fellow Tory David Heathcoat-Amory said the treaty was flawed. Labour disagreed."
    actors = actors_of(nlp, text)
    assert actors["David Heathcoat-Amory"].type == "person"
    assert "Conservative Party" in actors


def test_a_bracket_ends_a_name_and_an_acronym_is_no_person(nlp: Language) -> None:
    text = (
        "The British Bankers' Association (BBA) said lending fell. Figures from the ODPM "
        "showed house prices dipped, ODPM officials said."
    )
    actors = actors_of(nlp, text)
    assert not [n for n in actors if "(" in n]
    assert all(a.type != "person" for n, a in actors.items() if n.isupper())


def test_a_hyphenated_surname_tagged_as_an_organisation_joins_the_person(nlp: Language) -> None:
    text = (
        "Robert Kilroy-Silk has quit the UK Independence Party. Kilroy-Silk's new party will "
        "stand candidates in every seat, Mr Kilroy-Silk said."
    )
    actors = actors_of(nlp, text)
    assert "Kilroy-Silk" not in actors and actors["Robert Kilroy-Silk"].type == "person"


def test_a_companys_first_word_joins_a_name_ending_in_a_company_noun(nlp: Language) -> None:
    text = (
        "Daiwa Securities is in talks with Sumitomo Mitsui Financial about a merger. Daiwa "
        "shares rose 5% in Tokyo."
    )
    actors = actors_of(nlp, text)
    assert "Daiwa" not in actors and "Daiwa Securities" in actors


def test_the_tail_of_a_longer_name_joins_it(nlp: Language) -> None:
    text = (
        "Deutsche Boerse has raised its offer for the London Stock Exchange. Boerse shares "
        "fell 2% on Monday. The U.S. Armed Forces said the Armed Forces would not comment."
    )
    actors = actors_of(nlp, text)
    assert "Boerse" not in actors and "Deutsche Boerse" in actors
    assert "Armed Forces" not in actors


def test_a_short_name_in_brackets_joins_the_name_it_follows(nlp: Language) -> None:
    text = (
        "The National Mining Council (Conamin) said output fell 3% in May. Conamin blamed "
        "strikes at two mines and said it would meet the unions on Friday."
    )
    actors = actors_of(nlp, text)
    assert "Conamin" not in actors
    assert "Conamin" in actors["National Mining Council"].aliases


def test_a_states_government_named_with_capitals_is_the_state(nlp: Language) -> None:
    text = (
        "The British Government said on Monday it would not block the takeover. The UK has "
        "backed the deal since March, officials said."
    )
    actors = actors_of(nlp, text)
    assert "British Government" not in actors
    assert actors["United Kingdom"].type == "state"


def test_one_states_troops_named_two_ways_are_one_group(nlp: Language) -> None:
    text = (
        "UK troops left Basra on Monday. British soldiers had guarded the port for two years, "
        "the Ministry of Defence said."
    )
    actors = actors_of(nlp, text)
    assert "British soldiers" not in actors
    assert "British soldiers" in actors["UK troops"].aliases
