"""The gold-set scorer of bench/actors.py, on a tiny gold file written for it: predictions match
gold actors by name or alias, and each measure of issue 17 counts what it says."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest

from diplobrief.models import Actor
from tests.support import FIXTURES, ROOT


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    sys.path.insert(0, str(ROOT / "bench"))  # bench/actors.py imports its `_common` helper
    spec = importlib.util.spec_from_file_location("bench_actors", ROOT / "bench" / "actors.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def actor(name: str, kind: str, *, key: bool = False, aliases: tuple[str, ...] = ()) -> Actor:
    return Actor(name=name, type=kind, mentions=1, key=key, aliases=aliases)  # type: ignore[arg-type]


PREDICTED = {
    "tiny-1": (
        actor("Jack Straw", "person", key=True),
        actor("US", "state", key=True),  # a gold alias: the same actor
        actor("the U.S.", "state"),  # normalised to the same alias: a split
        actor("European Commission", "government_body", key=True),  # wrong type, wrong key
        actor("BBC", "organisation", key=True),  # a gold non-actor
        actor("Trump’s", "person"),  # in no gold list
    ),
    "tiny-2": (
        actor("Abbas", "person", key=False, aliases=("Mahmoud Abbas",)),
        actor("Israel", "state"),
    ),
}


def test_names_are_normalised(bench: ModuleType) -> None:
    assert bench.normalise("the U.S.") == bench.normalise("US") == "us"
    assert bench.normalise("Trump’s") == "trump"
    assert bench.normalise("  The  Labour   Party ") == "labour party"


def test_the_tiny_gold_set_is_scored_measure_by_measure(bench: ModuleType) -> None:
    gold = bench.read_gold(FIXTURES / "actors_gold_tiny.jsonl")
    scores = [bench.score_article(g, PREDICTED[g["id"]]) for g in gold]
    s = bench.combine(scores)
    assert (s.articles, s.gold_actors, s.gold_key, s.predicted) == (2, 6, 4, 8)
    # Gold key actors: Straw, United States, Gazprom, Abbas; all but Gazprom are predicted.
    assert s.recall == pytest.approx(3 / 4)
    # Predictions that are gold actors: Straw, US, the U.S., Commission, Abbas, Israel.
    assert s.precision == pytest.approx(6 / 8)
    # Flagged key: Straw, US (right), Commission, BBC (wrong); gold key flagged: Straw, US.
    assert s.key_precision == pytest.approx(2 / 4)
    assert s.key_recall == pytest.approx(2 / 4)
    assert s.key_f1 == pytest.approx(0.5)
    assert s.non_actors == ["tiny-1: BBC (outlet)"]
    assert s.split_list == ["tiny-1: United States: US, the U.S."]
    assert s.splits == pytest.approx(1 / 6)
    assert s.type_accuracy == pytest.approx(5 / 6)
    by_id = {x.id: x for x in scores}
    assert by_id["tiny-1"].missed_key == ["Gazprom"]
    assert by_id["tiny-1"].unlabelled == ["Trump’s"]
    assert by_id["tiny-2"].wrong_key == ["-Mahmoud Abbas"]


def test_the_table_says_which_goals_are_met(bench: ModuleType) -> None:
    gold = bench.read_gold(FIXTURES / "actors_gold_tiny.jsonl")
    s = bench.combine([bench.score_article(g, PREDICTED[g["id"]]) for g in gold])
    text = bench.gold_table(s)
    precision = next(line for line in text.splitlines() if "precision (predicted" in line)
    assert [c.strip() for c in precision.split("|")[2:5]] == ["0.75", ">= 0.93", "below"]
    assert "below" in text and "type accuracy" in text


def test_the_gold_section_skips_cleanly_without_its_data(
    bench: ModuleType, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench, "GOLD", ROOT / "bench" / "actors_gold" / "absent.jsonl")
    assert bench.gold(None, ROOT / "absent") is None
    assert "skipped" in capsys.readouterr().out
