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
