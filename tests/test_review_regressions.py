"""Actors, quotes and sentences on news-style lines that earlier rules got wrong."""

from __future__ import annotations

from spacy.language import Language

from diplobrief.actors import find_actors
from diplobrief.quotes import find_quotes


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


def test_a_quoted_surname_is_kept(nlp: Language) -> None:  # actors._lone_word
    text = (
        '"Turkey will not approve Sweden\'s bid until Stockholm acts against terrorists," '
        "Erdogan said on Monday. Sweden applied to join the alliance last year."
    )
    assert "Erdogan" in names(nlp, text, title="Erdogan warns Sweden over NATO bid")
    assert set(quotes(nlp, text).values()) == {"Erdogan"}


def test_a_party_is_not_its_leader(nlp: Language) -> None:  # speakers._actor_in
    text = (
        'Turkish President Recep Tayyip Erdogan called early elections. "We are ready for '
        "the vote,\" Erdogan's Justice and Development Party said."
    )
    assert quotes(nlp, text) == {"We are ready for the vote": "Justice and Development Party"}


def test_a_port_operator_is_not_a_place(nlp: Language) -> None:  # mentions._names_a_place
    assert "DP World" in names(
        nlp, "DP World, a port operator owned by Dubai, said it would bid for the terminal."
    )
    assert "CK Hutchison" in names(
        nlp,
        "CK Hutchison agreed to sell its Panama Canal ports. The CK Hutchison port deal "
        "angered Beijing.",
    )


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


def test_a_bank_named_for_a_surname_stays_a_bank(nlp: Language) -> None:  # people._introduces
    text = (
        'Morgan Stanley said the sanctions would cut Russian oil exports. "This is a turning '
        'point," Stanley said in a note.'
    )
    assert names(nlp, text)["Morgan Stanley"].type == "organisation"


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


def test_a_department_word_before_a_title_is_not_an_affiliation(nlp: Language) -> None:
    text = (
        "Interior Minister Nancy Faeser said the border checks would stay. German Interior "
        "Minister Faeser spoke in Berlin."
    )
    assert names(nlp, text)["Nancy Faeser"].affiliation == "Germany"  # type: ignore[attr-defined]


def test_a_list_after_a_name_is_not_its_role(nlp: Language) -> None:
    text = (
        "Antony Blinken met Mohammed bin Salman, the Qatari prime minister and the foreign "
        "ministers of Egypt and Jordan in Riyadh."
    )
    assert names(nlp, text)["Mohammed bin Salman"].role is None  # type: ignore[attr-defined]


def test_a_short_party_name_another_state_owns_is_not_folded(nlp: Language) -> None:
    text = (
        "The Chinese Communist Party and the Communist Party of Vietnam signed a pact. "
        "Communist Party officials in Hanoi welcomed it."
    )
    found = names(nlp, text)
    assert "Communist Party" not in found["Chinese Communist Party"].aliases  # type: ignore[attr-defined]


def test_a_record_label_does_not_take_its_namesake(nlp: Language) -> None:
    found = names(
        nlp, "Apple Records sued the label. Apple, the iPhone maker, declined to comment."
    )
    assert "Apple" in found and "Apple" not in found["Apple Records"].aliases  # type: ignore[attr-defined]
