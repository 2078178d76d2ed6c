"""Each key actor's part in the story: the verbs that tie it to the other actors, carried in the
JSON and the cache (old rows without parts still load), shown in /actors and the CLI."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from spacy.language import Language

from diplobrief.models import Actor, ActorType, Article, Brief, Part
from diplobrief.store.sqlite import Store
from tests.support import brief_of
from tests.support.analysis import actors_of

TEXT = (
    "Russia offered to mediate between the United States and North Korea on Monday. "
    "President Vladimir Putin met Mahmoud Abbas in Moscow. The European Union sanctioned "
    "Iran, and Iran was warned by the United States. Iran rejected the demands."
)


def parts_of(actor: Actor) -> list[str]:
    return [p.text() for p in actor.parts]


def test_the_verbs_that_tie_key_actors_to_others(nlp: Language) -> None:
    actors = actors_of(nlp, TEXT)
    assert "met Mahmoud Abbas" in parts_of(actors["Vladimir Putin"])
    assert "sanctioned Iran" in parts_of(actors["European Union"])
    iran = parts_of(actors["Iran"])
    assert {
        "sanctioned by European Union",
        "warned by United States",
        "rejected the demands",
    } <= set(iran)
    assert any(p.startswith("offered to mediate") for p in parts_of(actors["Russia"]))
    russia = {p.other for p in actors["Russia"].parts}
    assert {"United States", "North Korea"} <= russia


def test_a_verb_of_saying_alone_is_no_part(nlp: Language) -> None:
    text = (
        "Foreign Minister Sergei Lavrov said on Monday that talks would resume. Lavrov warned "
        "Ukraine against new strikes."
    )
    parts = parts_of(actors_of(nlp, text)["Sergei Lavrov"])
    assert "said" not in parts and "warned Ukraine" in parts


def test_only_key_actors_have_parts(nlp: Language) -> None:
    for actor in actors_of(nlp, TEXT).values():
        assert actor.key or actor.parts == ()


def brief_with_parts() -> tuple[Article, Brief]:
    actors = (
        Actor(
            name="Russia",
            type=ActorType.STATE,
            mentions=3,
            key=True,
            parts=(Part("offered to mediate"), Part("met", "North Korea")),
        ),
        Actor(
            name="Iran",
            type=ActorType.STATE,
            mentions=2,
            key=True,
            parts=(Part("sanctioned", "European Union", passive=True),),
        ),
    )
    return brief_of("https://harbourtimes.example/world/mediation", "Mediation", actors)


def test_parts_round_trip_through_json() -> None:
    _, brief = brief_with_parts()
    data = json.loads(json.dumps(brief.to_json()))
    assert data["actors"][0]["parts"] == [
        {"verb": "offered to mediate", "other": None, "passive": False},
        {"verb": "met", "other": "North Korea", "passive": False},
    ]
    assert Brief.from_json(data) == brief


async def test_parts_round_trip_through_the_cache_and_old_rows_load(tmp_path: Path) -> None:
    path = tmp_path / "briefs.sqlite3"
    article, brief = brief_with_parts()
    store = await Store.open(path)
    try:
        await store.put(article, brief, keys=[article.url], sentences=1)
        assert await store.get_brief(article.url, 1, "news") == brief
    finally:
        await store.close()
    # A row cached before parts existed: its actors carry no "parts" key.
    with sqlite3.connect(path) as raw:
        [(data,)] = raw.execute("SELECT data FROM briefs").fetchall()
        row = json.loads(data)
        for actor in row["actors"]:
            del actor["parts"]
        raw.execute("UPDATE briefs SET data = ?", (json.dumps(row),))
    store = await Store.open(path)
    try:
        old = await store.get_brief(article.url, 1, "news")
        assert old is not None and [a.parts for a in old.actors] == [(), ()]
    finally:
        await store.close()


def test_part_text() -> None:
    assert Part("met", "Mahmoud Abbas").text() == "met Mahmoud Abbas"
    assert Part("sanctioned", "United States", passive=True).text() == (
        "sanctioned by United States"
    )
    assert Part("overtook", "Airbus", passive=True).text() == "Airbus overtook"
    assert Part("offered to mediate").text() == "offered to mediate"
    assert Part("criticised", passive=True).text() == "was criticised"


def test_the_cli_text_shows_each_key_actors_part() -> None:
    from diplobrief.cli import render_text

    _, brief = brief_with_parts()
    text = render_text(brief)
    assert "   offered to mediate; met North Korea" in text
    assert "   sanctioned by European Union" in text


def test_the_actors_embed_shows_parts_in_a_field_within_limits() -> None:
    from cogs._embeds import PARTS, actors_embed
    from cogs._text import FIELD_VALUE_LIMIT

    _, brief = brief_with_parts()
    fields = {f.name: f.value for f in actors_embed(brief).fields}
    assert fields[PARTS].splitlines() == [
        "Russia — offered to mediate; met North Korea",
        "Iran — sanctioned by European Union",
    ]
    many = tuple(
        Actor(
            name=f"Envoy {i} " + "X" * 80,
            type=ActorType.PERSON,
            mentions=2,
            key=True,
            parts=tuple(Part("met", "Y" * 120) for _ in range(5)),
        )
        for i in range(40)
    )
    embed = actors_embed(Brief(**{**brief.__dict__, "actors": many}))
    assert len(embed.fields[0].value or "") <= FIELD_VALUE_LIMIT
    assert len(embed) <= 6000
