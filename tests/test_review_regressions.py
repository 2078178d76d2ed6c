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


def test_an_epithet_names_the_body_before_it(nlp: Language) -> None:  # speakers._described
    text = (
        'The European Union agreed a 14th package of sanctions on Russia. "We will target '
        'Russian LNG for the first time," the 27-nation bloc said.'
    )
    assert quotes(nlp, text) == {"We will target Russian LNG for the first time": "European Union"}


def test_a_party_is_not_its_leader(nlp: Language) -> None:  # speakers._actor_in
    text = (
        'Turkish President Recep Tayyip Erdogan called early elections. "We are ready for '
        "the vote,\" Erdogan's Justice and Development Party said."
    )
    assert quotes(nlp, text) == {"We are ready for the vote": "Justice and Development Party"}


def test_straight_quotes_nested_in_curly_ones(nlp: Language) -> None:  # quotes.DOUBLE
    text = (
        '“They keep calling it "a special operation" but everyone knows it is a war,” said '
        "Ukrainian Foreign Minister Dmytro Kuleba."
    )
    assert list(quotes(nlp, text)) == [
        'They keep calling it "a special operation" but everyone knows it is a war'
    ]


def test_a_new_speaker_after_a_mixed_single_quote(nlp: Language) -> None:  # quotes._goes_on
    text = (
        "Foreign Secretary David Lammy said: ‘Britain stands with Ukraine for as long as it "
        "takes.'\n\n“We will never recognise the annexation of our territory, not now and "
        "not ever.” Those were Ukrainian President Volodymyr Zelensky's words to parliament."
    )
    assert all(
        speaker != "David Lammy" or "annexation" not in q
        for q, speaker in quotes(nlp, text).items()
    )


def test_guillemets_end_a_sentence(nlp: Language) -> None:  # nlp._ENDS
    text = "The minister said: «We will not give in.» The delegation left Paris on Monday."
    assert len(list(nlp(text).sents)) == 2


def test_an_inch_mark_does_not_close_a_quotation(nlp: Language) -> None:
    text = (
        "“He is 6'2\" and he towers over everyone at the table,” a senior European diplomat "
        "said of the new envoy."
    )
    assert list(quotes(nlp, text)) == ["He is 6'2\" and he towers over everyone at the table"]


def test_he_after_reported_speech_is_the_one_reported_on(nlp: Language) -> None:
    text = (
        "President Joe Biden said Prime Minister Benjamin Netanyahu had agreed to a pause. "
        "“I have not agreed to any ceasefire,” he told Israeli television."
    )
    assert quotes(nlp, text) == {"I have not agreed to any ceasefire": "Benjamin Netanyahu"}


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


def test_a_stray_he_in_reported_speech_does_not_cost_her_the_quote(nlp: Language) -> None:
    text = (
        "MOSCOW (Reuters) - Russia on Thursday dismissed Ukraine's latest peace proposal as "
        '"unrealistic", with Foreign Ministry spokeswoman Maria Zakharova saying he was trying '
        "to buy time for his army.\nZelenskiy had presented the plan to parliament on "
        "Wednesday.\nZakharova told a weekly briefing that the West was prolonging the "
        'conflict.\n"They want war to the last Ukrainian," she said.'
    )
    assert quotes(nlp, text)["They want war to the last Ukrainian"] == "Maria Zakharova"


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
