"""Direct quotations: their marks, where the attribution stands, the speech verb and its subject,
on articles and lines the project wrote."""

from __future__ import annotations

import pytest
from spacy.language import Language

from diplobrief.models import Quote
from diplobrief.quotes.find import find_quotes
from tests.support.analysis import quotes_of, speakers_of

# -- attribution ---------------------------------------------------------------------------------


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


@pytest.mark.review(by="second analyst")
def test_a_speaker_after_an_inverted_speech_verb(nlp: Language) -> None:
    text = (
        "Analysts were calm. “While certainly a disappointing result, we note that [the "
        "company] faced a hurricane headwind in Q3 and lumber remains deflationary,” wrote "
        "Fadem in a Tuesday research report."
    )
    [quote] = quotes_of(nlp, text)
    assert quote.speaker == "Fadem"


@pytest.mark.review(by="second analyst")
def test_a_subject_inside_the_quotation_is_not_the_speaker(nlp: Language) -> None:
    text = (
        "Former astronaut Tom Stafford testified on Tuesday. Rep. Frank Lucas asked the panel "
        "about the effect of multiple launches on safety.\n\n“The mission I did accomplished "
        "the whole thing with one launch,” Stafford, a member of the Apollo 10 crew, responded. "
        "He then referred to earlier testimony."
    )
    [quote] = quotes_of(nlp, text)
    assert quote.speaker == "Tom Stafford"  # not "mission", parsed as the verb's subject


# -- marks ---------------------------------------------------------------------------------------


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


@pytest.mark.review(by="analyst")
def test_a_curly_opening_mark_closes_on_a_straight_one(nlp: Language) -> None:
    text = (
        "Talks on the border resumed in Geneva on Monday.\n"
        '“We are ready to mediate between both sides," Kremlin spokesman Dmitry Peskov said. '
        "The next round is planned for March."
    )
    assert speakers_of(nlp, text) == {"We are ready to mediate between both sides": "Dmitry Peskov"}


@pytest.mark.review(by="analyst")
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


@pytest.mark.review(by="analyst rules")
def test_straight_quotes_nested_in_curly_ones(nlp: Language) -> None:  # quotes.find.DOUBLE
    text = (
        '“They keep calling it "a special operation" but everyone knows it is a war,” said '
        "Ukrainian Foreign Minister Dmytro Kuleba."
    )
    assert list(speakers_of(nlp, text)) == [
        'They keep calling it "a special operation" but everyone knows it is a war'
    ]


@pytest.mark.review(by="analyst rules")
def test_a_new_speaker_after_a_mixed_single_quote(nlp: Language) -> None:  # quotes.find._goes_on
    text = (
        "Foreign Secretary David Lammy said: ‘Britain stands with Ukraine for as long as it "
        "takes.'\n\n“We will never recognise the annexation of our territory, not now and "
        "not ever.” Those were Ukrainian President Volodymyr Zelensky's words to parliament."
    )
    assert all(
        speaker != "David Lammy" or "annexation" not in q
        for q, speaker in speakers_of(nlp, text).items()
    )


@pytest.mark.review(by="analyst rules")
def test_an_inch_mark_does_not_close_a_quotation(nlp: Language) -> None:
    text = (
        "“He is 6'2\" and he towers over everyone at the table,” a senior European diplomat "
        "said of the new envoy."
    )
    assert list(speakers_of(nlp, text)) == ["He is 6'2\" and he towers over everyone at the table"]
