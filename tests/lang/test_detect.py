"""Language detection: by script, then function words; the declared language is a hint only."""

from __future__ import annotations

import pytest

from diplobrief.lang.detect import detect_language, sentence_ends, size
from tests.lang.articles import ARTICLES
from tests.support import read_fixture


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_each_language_is_told_from_its_text(code: str) -> None:
    assert detect_language(ARTICLES[code].text) == code


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_a_wrong_declared_language_does_not_win(code: str) -> None:
    wrong = "en" if code != "en" else "fr"
    assert detect_language(ARTICLES[code].text, wrong) == code


def test_english_stays_english_whatever_the_page_declares() -> None:
    text = read_fixture("treaty-talks.txt")
    for declared in ("fr", "es", "pt", "ru", "zh", "ar", "id", "ja"):
        assert detect_language(text, declared) == "en"


def test_one_shared_word_makes_no_language() -> None:
    text = "Dışişleri Bakanı Hakan Fidan pazartesi günü Moskova'da mevkidaşıyla görüştü. " * 12
    assert detect_language(text) == "und"  # "da" is Portuguese too
    assert detect_language(text, "tr") == "tr"


def test_a_language_the_words_cannot_tell_is_named_by_the_page() -> None:
    text = "Menteri luar negeri Indonesia bertemu dengan duta besar pada hari Senin. " * 10
    assert detect_language(text, "id") == "id"
    assert detect_language(text) == "und"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Kindle書籍を読む場合は、一般的にスマホやタブレットで読むことが多いと思います。" * 3,
            "ja",
        ),
        ("외교부 장관은 월요일 회담에서 평화 협상을 재개하자고 제안했다. " * 3, "ko"),
        ("Міністр закордонних справ України заявив, що переговори тривають. " * 3, "uk"),
        ("وزیر امور خارجه ایران گفت که گفتگوها ادامه دارد و پیشرفت کرده است. " * 3, "fa"),
    ],
    ids=["japanese", "korean", "ukrainian", "persian"],
)
def test_other_scripts_are_named(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_chinese_counts_characters_not_spaces() -> None:
    text = ARTICLES["zh"].text
    assert len(text.split()) < 10
    assert size(text) >= 80
    assert sentence_ends(text) >= 5


def test_arabic_question_marks_end_sentences() -> None:
    assert sentence_ends("هل تنجح الوساطة؟ ربما. لا أحد يعرف؟") == 3
