"""Hostile text in other languages: a page of one huge sentence full of names, titles and
quotation marks is analysed in bounded time (the analysis is capped, and no rule costs the
square of the names found)."""

from __future__ import annotations

import time

import pytest

from diplobrief.actors.multilingual import load
from diplobrief.lang.analysis import analyse
from diplobrief.models import Article

BUDGET = 10.0  # seconds, on a loaded machine

PAGES = {
    "fr": "le ministre russe des Affaires étrangères Sergueï Lavrov à Moscou « ONU » Pékin ",
    "ru": "министр иностранных дел России Сергей Лавров в Москве «ООН» Пекин Гутерриш ",
    "zh": "俄罗斯外交部长拉夫罗夫在莫斯科会见联合国秘书长古特雷斯“北约”",
    "ar": 'وزير الخارجية الروسي سيرغي لافروف في موسكو "الأمم المتحدة" بكين ',
    "de": "der russische Außenminister Sergej Lawrow in Moskau „UN-Generalsekretär“ Peking ",
}


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_one_huge_sentence_of_names_is_analysed_in_bounded_time(lang: str) -> None:
    text = PAGES[lang] * 5000  # about 400 KB, no sentence end
    load(lang)  # the pipeline's loading is no part of the analysis' time
    started = time.perf_counter()
    analysis = analyse(Article(url="x", text=text, language=lang), sentences=3)
    took = time.perf_counter() - started
    assert took < BUDGET, f"{took:.1f} s"
    assert analysis.actors
