"""Sentence splitting in each language: its punctuation, its abbreviations and initials."""

from __future__ import annotations

import pytest

from diplobrief.lang.sentences import split
from tests.lang.articles import ARTICLES


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_each_written_article_splits_into_its_sentences(code: str) -> None:
    text = ARTICLES[code].text
    sentences = split(text, code)
    assert len(sentences) == (9 if code == "ar" else 8)
    assert "".join(sentences).replace(" ", "") == text.replace(" ", "").replace("\n", "")


def test_chinese_ends_on_full_width_marks_with_no_space_after() -> None:
    assert split("他来了。她走了！谁赢了？“好。”然后", "zh") == [
        "他来了。",
        "她走了！",
        "谁赢了？",
        "“好。”",
        "然后",
    ]


def test_arabic_ends_on_its_question_mark() -> None:
    assert split("هل تنجح الوساطة؟ ربما. لا أحد يعرف", "ar") == [
        "هل تنجح الوساطة؟",
        "ربما.",
        "لا أحد يعرف",
    ]


@pytest.mark.parametrize(
    ("text", "lang", "count"),
    [
        ("M. Lavrov a parlé. Mme. Dati aussi.", "fr", 2),  # an initial-like courtesy
        ("Il y a 5 mld. d'euros en jeu.", "fr", 1),  # a lower-case word goes on
        ("Am 3. Oktober sprach Dr. Merz. Dann ging er.", "de", 2),  # an ordinal, a title
        ("El Sr. Sánchez habló. Luego se fue.", "es", 2),
        ("Ген. Герасимов прибыл в т.е. Москву. Потом уехал.", "ru", 2),
        ("Il Sig. Rossi ha parlato. Poi è partito.", "it", 2),
        ("O Sr. Montenegro falou. Depois saiu.", "pt", 2),
        ("Ends at 3.5 per cent. Then more.", "fr", 2),  # a decimal point ends nothing
    ],
)
def test_abbreviations_initials_and_ordinals_end_nothing(text: str, lang: str, count: int) -> None:
    assert len(split(text, lang)) == count, split(text, lang)
