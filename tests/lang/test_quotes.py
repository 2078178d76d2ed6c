"""Quotations in other languages, each language's marks, and the speaker named in English."""

from __future__ import annotations

import pytest

from diplobrief.actors.multilingual import find_actors
from diplobrief.lang.quotes import find_quotes
from diplobrief.lang.sentences import split


@pytest.mark.parametrize(
    ("lang", "text", "quote"),
    [
        (
            "fr",
            "M. Lavrov a déclaré : « Nous sommes prêts à négocier sans conditions. »",
            "Nous sommes prêts à négocier sans conditions",
        ),
        (
            "ru",
            "Сергей Лавров заявил: «Мы готовы к переговорам без всяких условий».",
            "Мы готовы к переговорам без всяких условий",
        ),
        (
            "de",
            "Außenminister Sergej Lawrow sagte: „Wir sind bereit, ohne Bedingungen zu verhandeln.“",
            "Wir sind bereit, ohne Bedingungen zu verhandeln",
        ),
        ("zh", "拉夫罗夫表示：“俄方愿意无条件举行谈判。”", "俄方愿意无条件举行谈判。"),
        (
            "ar",
            'وقال لافروف: "نحن مستعدون للتفاوض دون أي شروط".',
            "نحن مستعدون للتفاوض دون أي شروط",
        ),
    ],
)
def test_a_quotation_is_found_with_its_speaker_in_english(lang: str, text: str, quote: str) -> None:
    sentences = split(text, lang)
    quotes = find_quotes(sentences, find_actors(sentences, lang), lang)
    assert [(q.speaker, q.quote) for q in quotes] == [("Sergei Lavrov", quote)]


def test_a_scare_quoted_word_is_no_quotation() -> None:
    sentences = ["Moscou dénonce une « provocation » de l'OTAN."]
    assert find_quotes(sentences, find_actors(sentences, "fr"), "fr") == ()


@pytest.mark.parametrize(
    ("lang", "text", "quote"),
    [
        (
            "ru",
            "Министр иностранных дел Азербайджана Джейхун Байрамов назвал встречу полезной. "
            "«Баку готов к интенсивной работе экспертов без пауз», — сказал он.",
            "Баку готов к интенсивной работе экспертов без пауз",
        ),
        (
            "fr",
            "Le ministre russe des Affaires étrangères Sergueï Lavrov a salué l'accord. "
            "« Nous attendons maintenant des actes concrets », a-t-il déclaré.",
            "Nous attendons maintenant des actes concrets",
        ),
    ],
)
def test_a_quotation_tagged_by_a_pronoun_is_the_person_named_before(
    lang: str, text: str, quote: str
) -> None:
    sentences = split(text, lang)
    actors = find_actors(sentences, lang)
    found = {q.quote: q.speaker for q in find_quotes(sentences, actors, lang)}
    named = [a.name for a in actors if a.type.value == "person"]
    assert named and found[quote] == named[0]


def test_a_pronoun_tag_with_no_one_named_before_stays_unattributed() -> None:
    sentences = split("«Мы ждём конкретных шагов от партнёров», — сказал он.", "ru")
    assert [q.speaker for q in find_quotes(sentences, find_actors(sentences, "ru"), "ru")] == [None]


def test_a_speaker_named_by_the_surname_alone_is_found() -> None:
    text = (
        "Министр иностранных дел Азербайджана Джейхун Байрамов прибыл в Тбилиси. "
        "Байрамов назвал договоренность «практическим шагом к подписанию мирного договора»."
    )
    sentences = split(text, "ru")
    quotes = find_quotes(sentences, find_actors(sentences, "ru"), "ru")
    assert [q.speaker for q in quotes] == ["Dzheykhun Bayramov"]


def test_a_pronoun_tag_takes_only_the_person_of_the_sentence_just_before() -> None:
    """Two sentences back is too far: the pronoun may stand for someone the finder missed."""
    text = (
        "Министр иностранных дел Армении Арарат Мирзоян открыл встречу. "
        "Затем слово взял его коллега из соседней страны. "
        "«Мы ждём конкретных шагов от партнёров», — сказал он."
    )
    sentences = split(text, "ru")
    quotes = find_quotes(sentences, find_actors(sentences, "ru"), "ru")
    assert [q.speaker for q in quotes] == [None]
