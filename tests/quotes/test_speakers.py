"""Who said a quotation: a pronoun resolved to the right person, a named actor, or a noun such as
"the ministry" or "the 27-nation bloc"."""

from __future__ import annotations

import pytest
from spacy.language import Language

from diplobrief.models import Quote
from tests.support.analysis import quotes_of, speakers_of

# -- pronouns ------------------------------------------------------------------------------------


def test_she_added_is_the_last_person_quoted(nuclear: dict[str, Quote]) -> None:
    quote = nuclear["Time is not on anyone's side"]
    assert (quote.speaker, quote.cue) == ("Claire Dubois", "added")


def test_he_said_is_the_subject_just_before(air_defence: dict[str, Quote]) -> None:
    quote = air_defence["We need our allies to step up, and we need them to do it now"]
    assert quote.speaker == "Daniel Hartley"


@pytest.mark.review(by="analyst")
def test_he_in_a_new_sentence_is_the_one_the_last_sentence_was_about(nlp: Language) -> None:
    text = (
        "Defence lawyer Mark Figgins declined to say whether the guard Paul Thomas slept on the "
        'night the prisoner Jeffrey Epstein died. “When all the evidence is presented," he said, '
        "“you will see what was going on.”"
    )
    assert speakers_of(nlp, text) == {
        "When all the evidence is presented": "Mark Figgins",
        "you will see what was going on.": "Mark Figgins",
    }


@pytest.mark.review(by="analyst rules")
def test_he_after_reported_speech_is_the_one_reported_on(nlp: Language) -> None:
    text = (
        "President Joe Biden said Prime Minister Benjamin Netanyahu had agreed to a pause. "
        "“I have not agreed to any ceasefire,” he told Israeli television."
    )
    assert speakers_of(nlp, text) == {"I have not agreed to any ceasefire": "Benjamin Netanyahu"}


@pytest.mark.review(by="second analyst")
def test_she_is_the_woman_the_article_says_is_she_not_the_man_named_last(nlp: Language) -> None:
    text = (
        "Taylor Swift has released six albums with her former label. The label was sold to a "
        "company owned by music manager Scooter Braun. Braun did not reply to his critics on "
        "Sunday. “I am sad and grossed out by this deal,” she said."
    )
    [quote] = quotes_of(nlp, text)
    assert quote.speaker == "Taylor Swift"


@pytest.mark.review(by="hostile")
def test_a_stray_he_in_reported_speech_does_not_cost_her_the_quote(nlp: Language) -> None:
    text = (
        "MOSCOW (Reuters) - Russia on Thursday dismissed Ukraine's latest peace proposal as "
        '"unrealistic", with Foreign Ministry spokeswoman Maria Zakharova saying he was trying '
        "to buy time for his army.\nZelenskiy had presented the plan to parliament on "
        "Wednesday.\nZakharova told a weekly briefing that the West was prolonging the "
        'conflict.\n"They want war to the last Ukrainian," she said.'
    )
    assert speakers_of(nlp, text)["They want war to the last Ukrainian"] == "Maria Zakharova"


# -- nouns and names -----------------------------------------------------------------------------


def test_a_body_speaks_through_a_noun(ceasefire: dict[str, Quote]) -> None:
    quote = ceasefire["acted only in self-defence against armed raiders"]
    assert quote.speaker == "Sudanese Defence Ministry"  # "the ministry said"


@pytest.mark.review(by="analyst")
def test_an_office_whose_owner_is_said_is_named_not_guessed(nlp: Language) -> None:
    text = (
        "Harbour Logistics, a shipping firm, lost the contract in March.\n"
        "The caller said, “somebody ought to teach them a lesson,\" the prosecutor's office "
        "said in a statement."
    )
    assert speakers_of(nlp, text) == {
        "somebody ought to teach them a lesson": "the prosecutor's office"
    }


@pytest.mark.review(by="analyst rules")
def test_an_epithet_names_the_body_before_it(nlp: Language) -> None:  # speakers._described
    text = (
        'The European Union agreed a 14th package of sanctions on Russia. "We will target '
        'Russian LNG for the first time," the 27-nation bloc said.'
    )
    assert speakers_of(nlp, text) == {
        "We will target Russian LNG for the first time": "European Union"
    }


@pytest.mark.review(by="analyst rules")
def test_a_party_is_not_its_leader(nlp: Language) -> None:  # speakers._actor_in
    text = (
        'Turkish President Recep Tayyip Erdogan called early elections. "We are ready for '
        "the vote,\" Erdogan's Justice and Development Party said."
    )
    assert speakers_of(nlp, text) == {"We are ready for the vote": "Justice and Development Party"}


@pytest.mark.review(by="second analyst")
def test_plural_physicians_are_not_the_one_physician_named(nlp: Language) -> None:
    text = (
        "Dr. Luz Arroyo, a physician in Boston, signed the letter with six other doctors. "
        "“As physicians, we have seen the effects of detention on children,” the physicians "
        "stated."
    )
    [quote] = quotes_of(nlp, text)
    assert quote.speaker == "the physicians"
