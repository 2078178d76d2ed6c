"""Briefs of the written articles end to end, as the bot and the command line make them: the
summary in the article's language, the `language` field, actors in English, and the refusal of
a language the bot cannot brief, by its name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplobrief.cli import main
from diplobrief.config import Settings
from diplobrief.errors import UnsupportedLanguage
from diplobrief.pipeline import Briefer
from tests.lang.articles import ARTICLES


def _file(tmp_path: Path, code: str) -> Path:
    written = ARTICLES[code]
    path = tmp_path / f"{code}.txt"
    path.write_text(f"{written.title}\n\n{written.text}", encoding="utf-8")
    return path


@pytest.mark.parametrize("code", sorted(ARTICLES))
async def test_a_brief_is_made_in_the_articles_language(
    settings: Settings, tmp_path: Path, code: str
) -> None:
    written = ARTICLES[code]
    async with await Briefer.open(settings) as briefer:
        brief = await briefer.brief(str(_file(tmp_path, code)), sentences=3, files=True)
    assert brief.language == code
    assert brief.title == written.title
    assert len(brief.summary) == 3
    assert brief.summary[0] == written.text.split("\n")[0][: len(brief.summary[0])]
    assert all(s in written.text for s in brief.summary)
    states = {a.country_code for a in brief.actors if a.type == "state"}
    assert states >= written.states
    people = {a.name: a.country_code for a in brief.actors if a.type == "person"}
    assert people == written.people


async def test_a_language_the_bot_cannot_brief_is_named(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "tr.txt"
    text = "Dışişleri Bakanı Hakan Fidan pazartesi günü Moskova'da mevkidaşıyla görüştü. " * 12
    path.write_text(text, encoding="utf-8")
    async with await Briefer.open(settings) as briefer:
        with pytest.raises(UnsupportedLanguage, match="tell which language"):
            await briefer.brief(str(path), files=True)
    path = tmp_path / "ja.txt"
    path.write_text(
        "外務大臣は月曜日にモスクワで会談した。交渉は続いている。" * 20, encoding="utf-8"
    )
    async with await Briefer.open(settings) as briefer:
        with pytest.raises(UnsupportedLanguage, match=r"Japanese \(ja\)"):
            await briefer.brief(str(path), files=True)


def test_the_command_line_briefs_russian_with_english_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, "ru")
    code = main(["brief", str(path), "--no-cache", "-n", "3", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["language"] == "ru"
    assert data["summary"][0].startswith("Министр иностранных дел России")
    names = {a["name"]: a["country_code"] for a in data["actors"]}
    assert names["Sergei Lavrov"] == "RU" and names["United Nations"] is None
