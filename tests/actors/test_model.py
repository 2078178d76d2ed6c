"""The actor model is typed: actor types and mention kinds are enums, mentions are values, and
the passes that find actors neither parse keys nor look anything up by `id()`."""

from __future__ import annotations

import ast
import dataclasses
import json
import pickle
import sqlite3
from pathlib import Path

import pytest
from spacy.language import Language

import diplobrief
from diplobrief.actors import gazetteer
from diplobrief.actors.find import _attach_generic, find_actors
from diplobrief.actors.mentions import MentionFinder, MentionKind
from diplobrief.layout import layout
from diplobrief.models import ACTOR_TYPES, Actor, ActorType, Analysis, Article, Brief
from diplobrief.store.sqlite import Store
from tests.support import brief_of

PACKAGE = Path(diplobrief.__file__).parent
TYPE_NAMES = {t.value for t in ActorType}


def brief_with_every_type() -> tuple[Article, Brief]:
    actors = tuple(Actor(name=f"Actor {t.value}", type=t, mentions=2, key=True) for t in ActorType)
    return brief_of("https://harbourtimes.example/world/talks", "Talks", actors)


def test_the_actor_types_keep_the_strings_briefs_carry() -> None:
    assert [t.value for t in ActorType] == [
        "person",
        "state",
        "organisation",
        "government_body",
        "group",
    ]
    assert tuple(t.value for t in ActorType) == ACTOR_TYPES
    assert ActorType.PERSON == "person" and f"{ActorType.GOVERNMENT_BODY}" == "government_body"


def test_actor_types_round_trip_through_json() -> None:
    _, brief = brief_with_every_type()
    text = json.dumps(brief.to_json())
    assert [a["type"] for a in json.loads(text)["actors"]] == [t.value for t in ActorType]
    back = Brief.from_json(json.loads(text))
    assert back == brief
    assert [type(a.type) for a in back.actors] == [ActorType] * len(ActorType)


def test_a_brief_written_with_plain_strings_still_loads() -> None:
    old = {
        "url": "https://harbourtimes.example/a",
        "summary": ["One sentence."],
        "algorithm": "news",
        "sentences_total": 10,
        "reduction": 0.5,
        "fetched_at": "2024-03-12T09:30:00+00:00",
        "actors": [
            {"name": "Lucia Quispe", "type": "person", "mentions": 3, "key": True},
            {"name": "Peru", "type": "state", "mentions": 5, "country_code": "PE"},
        ],
    }
    brief = Brief.from_json(old)
    assert [a.type for a in brief.actors] == [ActorType.PERSON, ActorType.STATE]
    assert all(isinstance(a.type, ActorType) for a in brief.actors)
    # An Actor made with a string (as older code and tests do) holds the member too.
    assert Actor("Peru", "state", 1).type is ActorType.STATE  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Actor.from_json({"name": "X", "type": "planet", "mentions": 1})


async def test_actor_types_round_trip_through_the_cache(tmp_path: Path) -> None:
    path = tmp_path / "briefs.sqlite3"
    article, brief = brief_with_every_type()
    store = await Store.open(path)
    try:
        await store.put(article, brief, keys=[article.url], sentences=1)
        got = await store.get_brief(article.url, 1, "news")
        assert got == brief
        assert got is not None and all(isinstance(a.type, ActorType) for a in got.actors)
    finally:
        await store.close()
    with sqlite3.connect(path) as raw:
        [(data,)] = raw.execute("SELECT data FROM briefs").fetchall()
    # The row holds the same strings a brief cached before the enum did: old rows still load.
    assert [a["type"] for a in json.loads(data)["actors"]] == [t.value for t in ActorType]


def test_actors_cross_to_the_workers_and_back() -> None:
    _, brief = brief_with_every_type()
    analysis = Analysis(summary=(), algorithm="news", sentences_total=0, reduction=0.0)
    analysis = dataclasses.replace(analysis, actors=brief.actors)
    assert pickle.loads(pickle.dumps(analysis)) == analysis


def test_find_actors_gives_typed_actors(nlp: Language) -> None:
    text = (
        "Russian Foreign Minister Sergei Lavrov met United Nations envoys in Geneva on Monday. "
        "The Russian Foreign Ministry said the talks would go on, and the Foreign Ministry "
        "later named a date."
    )
    actors = {a.name: a for a in find_actors(nlp(text))}
    assert all(isinstance(a.type, ActorType) for a in actors.values())
    assert actors["Sergei Lavrov"].type is ActorType.PERSON
    assert actors["Russia"].type is ActorType.STATE
    assert actors["Russian Foreign Ministry"].type is ActorType.GOVERNMENT_BODY
    assert actors["Russian Foreign Ministry"].mentions == 2  # the bare one joined it


def test_a_mention_kind_is_a_field_and_passes_make_new_mentions(nlp: Language) -> None:
    doc = nlp(
        "The Russian Foreign Ministry said the talks would go on, and the Foreign Ministry "
        "later named a date. Ukrainian Foreign Minister Dmytro Kuleba met the Zorbex Consortium."
    )
    gaz = gazetteer.load()
    mentions = MentionFinder(doc, gaz, layout(doc, gaz, None), ()).run()
    kinds = {m.surface: m.kind for m in mentions}
    assert kinds["Russian Foreign Ministry"] is MentionKind.QUALIFIED
    assert kinds["Foreign Ministry"] is MentionKind.GENERIC
    assert kinds["Dmytro Kuleba"] is MentionKind.PERSON
    assert kinds["Zorbex Consortium"] is MentionKind.UNKNOWN
    assert {m.generic_body for m in mentions if m.kind is MentionKind.QUALIFIED} == {
        "Foreign Ministry"
    }
    before = list(mentions)
    attached = _attach_generic(mentions)
    assert mentions == before  # the pass returned new mentions and left these alone
    was = next(m for m in mentions if m.surface == "Foreign Ministry")
    bare = next(m for m in attached if m.surface == "Foreign Ministry")
    qualified = next(m for m in attached if m.surface == "Russian Foreign Ministry")
    assert (bare.kind, bare.key) == (MentionKind.QUALIFIED, qualified.key)
    assert bare.span == was.span  # the same mention, by its tokens
    with pytest.raises(dataclasses.FrozenInstanceError):
        bare.key = "x"  # type: ignore[misc]


def _bare_type_literals(source: str) -> list[tuple[int, str]]:
    """Where source code writes an actor type as a string rather than as an `ActorType`.

    A string in a list of words ({"country", "nation", "state", ...}: a display holding
    other strings too) is a word, not a type; so is a piece of a word ("spokes" + "person").
    """
    tree = ast.parse(source)
    parent = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and node.value in TYPE_NAMES):
            continue
        up = parent.get(node)
        if isinstance(up, ast.BinOp):
            continue
        if isinstance(up, (ast.Set, ast.List, ast.Tuple)) and any(
            isinstance(e, ast.Constant) and isinstance(e.value, str) and e.value not in TYPE_NAMES
            for e in up.elts
        ):
            continue
        found.append((node.lineno, node.value))
    return found


def test_no_actor_type_is_written_as_a_bare_string() -> None:
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {value!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "models.py"  # where the enum is declared
        for line, value in _bare_type_literals(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_check_for_bare_type_strings_finds_them() -> None:
    source = (
        'if actor.type == "person" or kind in {"state", "group"}:\n'
        '    make("organisation")\n'
        'NOUNS = frozenset({"state", "nation"})\n'
        'word = "spokes" + "person"\n'
    )
    assert sorted(_bare_type_literals(source)) == [
        (1, "group"),
        (1, "person"),
        (1, "state"),
        (2, "organisation"),
    ]


@pytest.mark.parametrize(
    "pattern",
    ['startswith("unknown:")', 'startswith("body:")', 'startswith("generic:")', 'count(":")'],
)
def test_no_mention_kind_is_parsed_from_a_key(pattern: str) -> None:
    hits = [
        f"{path.name}:{n}"
        for path in sorted((PACKAGE / "actors").glob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern in line
    ]
    assert hits == []


def test_no_mention_is_looked_up_by_id() -> None:
    for path in sorted((PACKAGE / "actors").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [
            node.lineno
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "id"
        ]
        assert calls == [], f"{path.name}: id() at lines {calls}"
