"""Actors, quotes and sentences on news-style lines that earlier rules got wrong."""

from __future__ import annotations

import pytest
from spacy.language import Language

from diplobrief.actors.find import find_actors
from diplobrief.quotes.find import find_quotes
from diplobrief.summary.flags import Flags, sentence_flags


def quotes(nlp: Language, text: str) -> dict[str, str | None]:
    doc = nlp(text)
    return {q.quote: q.speaker for q in find_quotes(doc, find_actors(doc))}


def names(nlp: Language, text: str, title: str | None = None) -> dict[str, object]:
    return {a.name: a for a in find_actors(nlp(text), title=title)}


def test_guillemets_end_a_sentence(nlp: Language) -> None:  # nlp._ENDS
    text = "The minister said: «We will not give in.» The delegation left Paris on Monday."
    assert len(list(nlp(text).sents)) == 2


# -- third review: regressions of the editor's and second analyst's rules, on wire-style lines --


def _flags_of(nlp: Language, text: str) -> list[tuple[str, Flags]]:
    spans = list(nlp(text).sents)
    return [(s.text.strip(), f) for s, f in zip(spans, sentence_flags(spans), strict=True)]


def _flag(nlp: Language, text: str, start: str) -> Flags:
    return next(f for s, f in _flags_of(nlp, text) if s.startswith(start))


@pytest.mark.parametrize(
    ("text", "start"),
    [
        (
            "No. 10 said on Tuesday that Prime Minister Keir Starmer had no plans to resign.",
            "No. 10",
        ),
        (
            'British Prime Minister Keir Starmer said he would "not hesitate" to send '
            "peacekeepers to Ukraine if a ceasefire was agreed.",
            "British",
        ),
    ],
)
def test_a_lede_like_these_does_not_lean(nlp: Language, text: str, start: str) -> None:
    lede = "Talks on a ceasefire resumed in Geneva on Monday. " + text
    assert not _flag(nlp, lede, start).leans


@pytest.mark.parametrize(
    "text",
    [
        "von der Leyen on Tuesday unveiled a plan to mobilise up to 800 billion euros for defence.",
        "de Mistura arrived in Tindouf on Sunday for talks with the Polisario Front.",
        "al-Sisi urged both sides to return to the table in Cairo.",
        "The bill would require every voter in federal elections to show a photo ID.",
    ],
)
def test_a_name_particle_or_a_photo_id_makes_no_fragment(nlp: Language, text: str) -> None:
    [(_, flags)] = _flags_of(nlp, text)
    assert not flags.fragment


@pytest.mark.parametrize(
    "text",
    [
        "The United States on Monday urged China to sign up to the New START framework.",
        "Beijing does not subscribe to the principle that sanctions can replace diplomacy.",
    ],
)
def test_diplomatic_sign_up_and_subscribe_are_not_promotions(text: str) -> None:
    from diplobrief.summary.flags import is_junk

    assert not is_junk(text)


def test_an_agency_sign_off_makes_no_caption(nlp: Language) -> None:
    text = (
        "TEHRAN, Iran — Iranian and Saudi officials held a new round of talks in Tehran on "
        "Sunday, the Iranian foreign ministry said.\nIranian Foreign Minister Abbas Araqchi "
        "said relations were on the right track.\nBoth sides agreed to expand trade and "
        "resume flights.\nAFP"
    )
    assert not _flag(nlp, text, "Both sides").junk
    lede = (
        "KHARTOUM, Sudan (AP) — A ceasefire between Sudan's army and a rival paramilitary force "
        "collapsed on Sunday, residents said.\nAP\nThe fighting has killed thousands since "
        "April.\nThe United States urged both sides to return to talks."
    )
    assert not _flag(nlp, lede, "KHARTOUM").junk


def test_news_after_a_quotation_and_odd_quote_marks_do_not_lean(nlp: Language) -> None:
    text = (
        "Ukrainian President Volodymyr Zelenskiy on Saturday accused Russia of targeting the "
        'energy grid, calling the overnight strikes "barbaric." Moscow denied targeting '
        "civilian infrastructure. More than a million people were left without power."
    )
    assert not _flag(nlp, text, "Moscow denied").leans
    mistyped = (
        "Turkish President Tayyip Erdogan said on Tuesday he would send Sweden's bid to "
        "parliament. “We have kept our word,“ Erdogan told reporters. The parliament is "
        "expected to vote within weeks. Sweden welcomed the decision."
    )
    assert not _flag(nlp, mistyped, "The parliament").leans
    inch = (
        "Pakistani and Indian troops exchanged fire on Saturday, the military said. The army "
        'said a 12" mortar round hit a village. Two civilians were killed in the village.'
    )
    assert not _flag(nlp, inch, "Two civilians").leans


def test_a_repeated_answer_in_a_transcript_is_kept() -> None:
    from diplobrief.web.extract import extract_article
    from tests.support import read_fixture

    page = read_fixture("treaty-talks.html")
    answer = "<p>SPOKESPERSON: I have nothing further to add on that point at this stage.</p>"
    transcript = (
        "<p>QUESTION: Will the talks resume in Geneva next month as planned?</p>"
        + answer
        + "<p>QUESTION: Has Peru accepted the observer from the European Union?</p>"
        + answer
    )
    page = page.replace(
        "<p>The United Nations welcomed", transcript + "<p>The United Nations welcomed"
    )
    text = extract_article(page, "https://harbourtimes.example/a").text
    assert text.count("I have nothing further to add on that point") == 2
