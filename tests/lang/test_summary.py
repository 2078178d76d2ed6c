"""Summaries in the article's language: its words, stems and stop words, and the junk, lede and
question rules read from its word lists."""

from __future__ import annotations

import pytest

from diplobrief.lang.sentences import split
from diplobrief.lang.summary import stop_words, summarize, text_flags, words
from diplobrief.summary.names import ALGORITHM_NAMES
from tests.lang.articles import ARTICLES


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_the_summary_opens_on_the_lede_and_leaves_the_furniture_out(code: str) -> None:
    written = ARTICLES[code]
    sentences = split(written.text, code)
    picked = summarize(sentences, 3, code, headline=written.title)
    assert len(picked) == 3 and picked[0] == 0
    assert written.junk is not None
    assert not any(sentences[i].startswith(written.junk) for i in picked)


@pytest.mark.parametrize("algorithm", ALGORITHM_NAMES)
@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_every_algorithm_works_in_every_language(code: str, algorithm: str) -> None:
    sentences = split(ARTICLES[code].text, code)
    picked = summarize(sentences, 3, code, algorithm)
    assert len(picked) == 3 and picked == sorted(picked)
    assert all(not sentences[i].startswith(ARTICLES[code].junk or "-") for i in picked)


@pytest.mark.parametrize(
    ("text", "lang", "what"),
    [
        ("Lire aussi : notre dossier sur la guerre.", "fr", "junk"),
        ("Читайте также: хроника конфликта.", "ru", "junk"),
        ("延伸阅读：乌克兰危机全景回顾。", "zh", "junk"),
        ("فهل تنجح الوساطة هذه المرة؟", "ar", "question"),
        ("谁会赢得这场选举？", "zh", "question"),
        ("Cependant, la France a refusé de signer le texte.", "fr", "leans"),
        ("Однако Москва отвергла это предложение в пятницу.", "ru", "leans"),
        ("但是北京拒绝了这一提议。", "zh", "leans"),
        ("Die Verhandlungen in Genf", "de", "fragment"),
    ],
)
def test_the_rules_read_each_language(text: str, lang: str, what: str) -> None:
    assert getattr(text_flags([text], lang)[0], what)


def test_a_plain_sentence_is_fit() -> None:
    flags = text_flags(
        ["Pékin a salué la rencontre et appelé à la reprise des négociations."], "fr"
    )
    assert not (flags[0].unfit or flags[0].leans)


def test_russian_has_stop_words_of_its_own() -> None:
    assert {"и", "в", "на", "который"} <= stop_words("ru")
    assert "le" in stop_words("fr") and "的" in stop_words("zh")


def test_chinese_words_are_pairs_of_characters() -> None:
    assert words("北约欧盟", "zh") == ("北约", "约欧", "欧盟")
    assert words("Lavrov et l'ONU", "fr") == ("Lavrov", "et", "l", "ONU")
