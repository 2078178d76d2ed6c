"""/brief on pages in the languages beside English: the real bot, a page server, a fake Discord
checking every request against the spec. The brief is in the page's language, the actors are
named in English, and Arabic lines are isolated right-to-left (issue 18)."""

from __future__ import annotations

import html

import pytest

from diplobrief.actors.multilingual import english_states
from tests.bot import payloads as p
from tests.bot.harness import Harness
from tests.lang.articles import ARTICLES
from tests.support import PageServer

RLI, PDI = "\u2067", "\u2069"


def page(lang: str) -> str:
    """The written article as a news page declaring its language."""
    written = ARTICLES[lang]
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in written.text.split("\n"))
    return (
        f'<html lang="{lang}"><head><title>{html.escape(written.title)}</title></head><body>'
        f"<article><h1>{html.escape(written.title)}</h1>{paragraphs}</article></body></html>"
    )


@pytest.mark.parametrize("lang", ["fr", "ru", "ar", "zh"])
async def test_a_page_in_another_language_is_briefed_in_it_with_actors_in_english(
    harness: Harness, page_server: PageServer, lang: str
) -> None:
    url = page_server.add(f"/{lang}.html", page(lang))
    shown = await harness.answer(harness.command(p.slash("brief", url=url)))
    [embed] = shown.embeds
    written = ARTICLES[lang]
    points = [line.split(". ", 1)[1] for line in embed["description"].split("\n")]
    # Every point is a sentence of the article, in its language (Arabic inside its isolates).
    assert points and all(point.strip(RLI + PDI)[:12] in written.text for point in points)
    if lang == "ar":
        assert all(point.startswith(RLI) and point.endswith(PDI) for point in points)
    else:
        assert RLI not in embed["description"]
    shown_text = " ".join(f["value"] for f in embed.get("fields", []))
    states = english_states()
    assert any(states[code] in shown_text for code in written.states)
