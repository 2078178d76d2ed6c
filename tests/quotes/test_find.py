"""Quotations on articles the project wrote: marks, speech verbs, names and pronouns."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from diplobrief.actors.find import find_actors
from diplobrief.models import Quote
from diplobrief.quotes.find import find_quotes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def quotes_of(nlp: Language, text: str, authors: tuple[str, ...] = ()) -> tuple[Quote, ...]:
    doc = nlp(text)
    return find_quotes(doc, find_actors(doc, authors=authors))


def fixture_quotes(nlp: Language, name: str) -> dict[str, Quote]:
    _header, body = (FIXTURES / name).read_text(encoding="utf-8").split("\n\n", 1)
    return {q.quote: q for q in quotes_of(nlp, body)}


@pytest.fixture(scope="session")
def nuclear(nlp: Language) -> dict[str, Quote]:
    return fixture_quotes(nlp, "actors_nuclear_talks.txt")


@pytest.fixture(scope="session")
def ceasefire(nlp: Language) -> dict[str, Quote]:
    return fixture_quotes(nlp, "actors_border_ceasefire.txt")


@pytest.fixture(scope="session")
def air_defence(nlp: Language) -> dict[str, Quote]:
    return fixture_quotes(nlp, "actors_air_defence.txt")


def test_curly_quote_then_speaker(nuclear: dict[str, Quote]) -> None:
    quote = nuclear["The window for diplomacy is closing, but it has not closed"]
    assert (quote.speaker, quote.cue) == ("Claire Dubois", "told")


def test_straight_quotes_across_sentences_are_one_quotation(
    ceasefire: dict[str, Quote],
) -> None:
    text = (
        "This is a first step, not the last one. "
        "Both governments must now show that their word holds."
    )
    assert (ceasefire[text].speaker, ceasefire[text].cue) == ("Moussa Traoré", "said")


def test_a_quotation_split_by_its_attribution_is_joined(nuclear: dict[str, Quote]) -> None:
    text = (
        "Europe has made promises it did not keep. We will judge our partners by their "
        "actions, not their statements."
    )
    assert nuclear[text].speaker == "Reza Karimi"


@pytest.mark.parametrize(
    ("quotes", "text", "speaker", "cue"),
    [
        ("nuclear", "under the shadow of threats.", "Reza Karimi", "saying"),
        ("nuclear", "open to a diplomatic path", "U.S. State Department", "said"),
        ("air_defence", "reward bad behaviour.", "Grace Whitfield", "wrote"),
        ("ceasefire", "as soon as the observers arrive.", "Peter Lual Deng", "told"),
    ],
)
def test_partial_quotes_inside_a_sentence(
    request: pytest.FixtureRequest, quotes: str, text: str, speaker: str, cue: str
) -> None:
    quote = request.getfixturevalue(quotes)[text]
    assert (quote.speaker, quote.cue) == (speaker, cue)


def test_she_added_is_the_last_person_quoted(nuclear: dict[str, Quote]) -> None:
    quote = nuclear["Time is not on anyone's side"]
    assert (quote.speaker, quote.cue) == ("Claire Dubois", "added")


def test_he_said_is_the_subject_just_before(air_defence: dict[str, Quote]) -> None:
    quote = air_defence["We need our allies to step up, and we need them to do it now"]
    assert quote.speaker == "Daniel Hartley"


def test_a_body_speaks_through_a_noun(ceasefire: dict[str, Quote]) -> None:
    quote = ceasefire["acted only in self-defence against armed raiders"]
    assert quote.speaker == "Sudanese Defence Ministry"  # "the ministry said"


def test_a_body_speaks_by_name(air_defence: dict[str, Quote]) -> None:
    quote = air_defence["dangerous and provocative"]
    assert (quote.speaker, quote.cue) == ("Kremlin", "dismissed")


def test_said_before_the_name(nlp: Language) -> None:
    (quote,) = quotes_of(nlp, '"We are ready for talks," said Foreign Minister Ana Ruiz.')
    assert (quote.speaker, quote.quote, quote.cue) == ("Ana Ruiz", "We are ready for talks", "said")


def test_speaker_and_colon_before_the_quotation(nlp: Language) -> None:
    text = 'Chilean envoy Tomas Vidal wrote: "We will not bow to pressure from anyone."'
    (quote,) = quotes_of(nlp, text)
    assert (quote.speaker, quote.cue) == ("Tomas Vidal", "wrote")


def test_according_to(nlp: Language) -> None:
    text = (
        "Peruvian diplomat Elena Quispe met her counterparts. The talks have “stalled over "
        "the border question,” according to Quispe."
    )
    (quote,) = quotes_of(nlp, text)
    assert (quote.speaker, quote.cue) == ("Elena Quispe", "according to")


def test_a_state_answers_through_a_relative_clause(nlp: Language) -> None:
    text = (
        "The offer was rejected by Venezuela, which claimed it was “a trap for the whole region.”"
    )
    (quote,) = quotes_of(nlp, text)
    assert (quote.speaker, quote.cue) == ("Venezuela", "claimed")


def test_a_quotation_running_over_paragraphs(nlp: Language) -> None:
    text = (
        "Kenyan Foreign Minister Grace Otieno spoke at length.\n\n"
        "“We have waited long enough for the border to reopen.\n\n"
        "“Our traders cannot wait another season,” Otieno said."
    )
    quotes = quotes_of(nlp, text)
    assert [q.speaker for q in quotes] == ["Grace Otieno", "Grace Otieno"]
    assert quotes[0].quote == "We have waited long enough for the border to reopen."


def test_british_single_quotes_with_apostrophes_inside(nlp: Language) -> None:
    text = (
        "‘The detentions are unjustified and we want them released now,’ Foreign Secretary "
        "Hannah Reid said. ‘We won’t stop until they’re home.’ The ministers’ patience is thin."
    )
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker == "Hannah Reid"
    assert quote.quote == (
        "The detentions are unjustified and we want them released now. "
        "We won’t stop until they’re home."
    )


def test_short_scare_quotes_without_speaker_are_dropped(nlp: Language) -> None:
    text = 'The so-called "peace dividend" was debated in parliament for a second week.'
    assert quotes_of(nlp, text) == ()


def test_a_long_quotation_without_speaker_is_kept(nlp: Language) -> None:
    text = (
        "A banner at the rally read: “No more wars fought over our heads and in our "
        "names.” Police watched from a distance."
    )
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker is None
    assert quote.quote.startswith("No more wars")


def test_quotes_come_in_text_order(nuclear: dict[str, Quote]) -> None:
    order = list(nuclear)
    assert order[0].startswith("The window for diplomacy")
    assert order[-1] == "Time is not on anyone's side"


def test_no_text_no_quotes(nlp: Language) -> None:
    assert find_quotes(nlp(""), ()) == ()
    assert quotes_of(nlp, "Ministers met in Lima and agreed to meet again.") == ()


def speakers_of(quotes: tuple[Quote, ...]) -> dict[str, str | None]:
    return {q.quote: q.speaker for q in quotes}


def test_a_curly_opening_mark_closes_on_a_straight_one(nlp: Language) -> None:
    text = (
        "Talks on the border resumed in Geneva on Monday.\n"
        '“We are ready to mediate between both sides," Kremlin spokesman Dmitry Peskov said. '
        "The next round is planned for March."
    )
    assert speakers_of(quotes_of(nlp, text)) == {
        "We are ready to mediate between both sides": "Dmitry Peskov"
    }


def test_a_quotation_that_goes_on_in_the_next_paragraph_keeps_its_speaker(
    nlp: Language,
) -> None:
    text = (
        "Foreign Minister Anna Berg spoke after the talks.\n"
        "Ms Berg said: “The talks will go on for as long as they need to.\n"
        "“Nobody at this table wants another war in the region.”\n"
        "The delegations left Oslo on Tuesday."
    )
    [quote] = quotes_of(nlp, text)
    assert quote.speaker == "Anna Berg"
    assert "as long as they need to" in quote.quote and "another war" in quote.quote


def test_an_office_whose_owner_is_said_is_named_not_guessed(nlp: Language) -> None:
    text = (
        "Harbour Logistics, a shipping firm, lost the contract in March.\n"
        "The caller said, “somebody ought to teach them a lesson,\" the prosecutor's office "
        "said in a statement."
    )
    assert speakers_of(quotes_of(nlp, text)) == {
        "somebody ought to teach them a lesson": "the prosecutor's office"
    }


def test_he_in_a_new_sentence_is_the_one_the_last_sentence_was_about(nlp: Language) -> None:
    text = (
        "Defence lawyer Mark Figgins declined to say whether the guard Paul Thomas slept on the "
        'night the prisoner Jeffrey Epstein died. “When all the evidence is presented," he said, '
        "“you will see what was going on.”"
    )
    assert speakers_of(quotes_of(nlp, text)) == {
        "When all the evidence is presented": "Mark Figgins",
        "you will see what was going on.": "Mark Figgins",
    }
