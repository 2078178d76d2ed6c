"""Sentence splitting: line breaks always start a sentence; inside a line, only sentence-ending
punctuation may (the parser alone breaks some sentences in two), and not the dot of a title."""

from __future__ import annotations

import pytest
from spacy.language import Language

from diplobrief.nlp import _MAX_RUN
from tests.support.analysis import spans_of


def sentences(nlp: Language, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


@pytest.mark.parametrize(
    "text",
    [
        # The parser alone splits each of these sentences in two (checked below).
        "The envoy arrived on Monday. "
        "The outlook for November is positive so I do not think one can say that conditions "
        "have worsened.",
        "The envoy arrived on Monday. "
        "We knew today we needed to put that right and I think we did that with a great result.",
        "The envoy arrived on Monday. "
        "US record shops are stocking an import version of Do They Know It's Christmas, which "
        "sells well.",
    ],
)
def test_no_sentence_break_without_punctuation(nlp: Language, text: str) -> None:
    first, second = text.split(". ", 1)
    assert sentences(nlp, text) == [first + ".", second]
    with nlp.select_pipes(disable=["paragraph_breaks"]):
        assert len(sentences(nlp, text)) > 2  # what the component is there to mend


def test_line_breaks_and_punctuation_still_split(nlp: Language) -> None:
    text = (
        "Talks resume in Oslo\n"
        "The ministers met.  They agreed on a timetable!\n\n"
        "Who pays? Norway said: \u201cWe will.\u201d Then it paid (in part.) A deal followed."
    )
    assert sentences(nlp, text) == [
        "Talks resume in Oslo",
        "The ministers met.",
        "They agreed on a timetable!",
        "Who pays?",
        "Norway said: \u201cWe will.\u201d",
        "Then it paid (in part.)",
        "A deal followed.",
    ]


def test_a_long_unpunctuated_run_is_left_to_the_parser(nlp: Language) -> None:
    """A page with no punctuation (a transcript, a list) must not become one endless sentence:
    past _MAX_RUN tokens with no place to end, the parser's own breaks stand."""
    clause = "the delegates from the northern provinces met the envoy in the old harbour hall"
    short = nlp.get_pipe("paragraph_breaks")(nlp.make_doc(f"{clause}. {clause}."))
    assert [t.is_sent_start for t in short][1:5] == [False] * 4  # short: no break inside
    long = nlp.get_pipe("paragraph_breaks")(nlp.make_doc(" and ".join([clause] * 12)))
    assert len(long) > _MAX_RUN
    assert all(t.is_sent_start is None for t in long[1:])  # long: the parser decides


@pytest.mark.review(by="editor")
def test_a_title_abbreviation_does_not_end_a_sentence(nlp: Language) -> None:
    text = (
        "The Senate observed a minute of silence for the former Speaker, the Rt. Hon. Ben "
        "Nzeribe, and Lt. Col. Ada Obi. The motion passed. He lives at No. 10 Harbour Road."
    )
    assert [s.text for s in spans_of(nlp, text)] == [
        "The Senate observed a minute of silence for the former Speaker, the Rt. Hon. Ben "
        "Nzeribe, and Lt. Col. Ada Obi.",
        "The motion passed.",
        "He lives at No. 10 Harbour Road.",
    ]


@pytest.mark.review(by="analyst rules")
def test_guillemets_end_a_sentence(nlp: Language) -> None:  # nlp._ENDS
    text = "The minister said: «We will not give in.» The delegation left Paris on Monday."
    assert len(list(nlp(text).sents)) == 2
