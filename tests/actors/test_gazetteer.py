"""The curated tables behind actor finding: every state, the table the generator makes, names
looked up, and no pycountry at run time."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from importlib import resources

import pytest

from diplobrief.actors.gazetteer import load
from tests.support import ROOT


def _countries() -> list[dict[str, object]]:
    path = resources.files("diplobrief") / "data" / "en" / "countries.json"
    states: list[dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))["states"]
    return states


def test_every_un_member_and_observer_is_in_the_table() -> None:
    states = _countries()
    statuses = [s["status"] for s in states]
    assert statuses.count("member") == 193
    assert statuses.count("observer") == 2
    territories = [s for s in states if s["status"] == "territory"]
    assert [s["name"] for s in territories] == ["Hong Kong", "Macau"]
    assert all(s["part_of"] == "CN" and s["kind"] for s in territories)
    codes = [str(s["iso2"]) for s in states]
    assert len(set(codes)) == len(codes)
    for state in states:
        code = str(state["iso2"])
        assert len(code) == 2 and code.isupper()
        flag = "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in code)
        assert state["flag"] == flag
        assert state["name"] and state["capital"]
        assert state["demonyms"] or state["shared_demonyms"]  # "Congolese" is either Congo


def test_the_table_is_what_the_generator_makes() -> None:
    pytest.importorskip("pycountry")  # the generator's dependency (dev only)
    spec = importlib.util.spec_from_file_location(
        "make_countries", ROOT / "tools/make_countries.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == _countries()


@pytest.mark.parametrize(
    ("name", "expected", "kind"),
    [
        ("U.N.", "United Nations", "organisation"),
        ("UN", "United Nations", "organisation"),
        ("EU", "European Union", "organisation"),
        ("NATO", "NATO", "organisation"),
        ("IAEA", "IAEA", "organisation"),
        ("WHO", "WHO", "organisation"),
        ("IMF", "IMF", "organisation"),
        ("World Bank", "World Bank", "organisation"),
        ("WTO", "WTO", "organisation"),
        ("ASEAN", "ASEAN", "organisation"),
        ("African Union", "African Union", "organisation"),
        ("OPEC", "OPEC", "organisation"),
        ("OSCE", "OSCE", "organisation"),
        ("G7", "G7", "organisation"),
        ("G-20", "G20", "organisation"),
        ("Arab League", "Arab League", "organisation"),
        ("Security Council", "UN Security Council", "organisation"),
        ("State Department", "U.S. State Department", "government_body"),
        ("Kremlin", "Kremlin", "government_body"),
        ("Foreign Ministry", "Foreign Ministry", "government_body"),
        ("Pentagon", "Pentagon", "government_body"),
        ("White House", "White House", "government_body"),
        ("Congress", "U.S. Congress", "government_body"),
        ("Downing Street", "Downing Street", "government_body"),
        ("Élysée", "Élysée", "government_body"),
        ("Pyongyang", "North Korea", "state"),
        ("American", "United States", "state"),
        ("Holy See", "Holy See", "state"),
        ("Palestine", "Palestine", "state"),
        ("Hezbollah", "Hezbollah", "group"),
    ],
)
def test_names_come_from_the_tables(name: str, expected: str, kind: str) -> None:
    found = load().lookup_text(name)
    assert found is not None
    assert (found[0].name, found[0].type) == (expected, kind)


def test_lower_case_words_do_not_match_acronyms() -> None:
    gaz = load()
    assert gaz.lookup_text("us") is None and gaz.lookup_text("who") is None


def test_the_runtime_does_not_need_pycountry() -> None:
    code = (
        "import sys; sys.modules['pycountry'] = None\n"
        "from diplobrief.actors import gazetteer\n"
        "found = gazetteer.load().lookup_text('Moscow')\n"
        "assert found is not None and found[0].name == 'Russia', found\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
