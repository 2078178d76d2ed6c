"""The word and pattern files themselves: every entry says why it is there, every pattern finds
an example of its own (so none is dead) and misses the lines it says it must, every file is read
by the code, and the lists that must not overlap do not."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections import Counter
from typing import Any

import pytest

import diplobrief
from diplobrief import lexicon
from diplobrief.actors import gazetteer
from diplobrief.nlp import ABBREVIATIONS
from diplobrief.summary import flags
from diplobrief.web import extract


def _load_everything() -> None:
    """Import every module and load the tables: what reads every file the bot needs."""
    for info in pkgutil.walk_packages(diplobrief.__path__, "diplobrief."):
        importlib.import_module(info.name)
    gazetteer.load()


_load_everything()
FILES = [(lang, name) for lang in lexicon.languages() for name in lexicon.names(lang)]
PATTERN_FILES = [f for f in FILES if lexicon.kind(*f) == lexicon.PATTERNS]
WORD_FILES = [f for f in FILES if lexicon.kind(*f) == lexicon.WORDS]
# Lines of page furniture: every example of these files is junk, and no counterexample is.
JUNK_FILES = ("boilerplate", "junk", "promo")


def _ids(files: list[tuple[str, str]]) -> list[str]:
    return [f"{lang}/{name}" for lang, name in files]


def test_there_are_files_of_both_kinds() -> None:
    assert len(WORD_FILES) > 30 and len(PATTERN_FILES) > 5


@pytest.mark.parametrize(("lang", "name"), FILES, ids=_ids(FILES))
def test_every_file_is_read_by_the_code(lang: str, name: str) -> None:
    assert (lang, name) in lexicon.read_so_far(), f"no module reads {lang}/{name}.txt"


@pytest.mark.parametrize(("lang", "name"), FILES, ids=_ids(FILES))
def test_every_entry_says_why_it_is_there(lang: str, name: str) -> None:
    entries = lexicon.entries(lang, name)
    assert entries, f"{lang}/{name}.txt is empty"
    silent = [e.text for e in entries if not e.reason.strip()]
    assert not silent, f"{lang}/{name}.txt: no reason given for {silent}"
    twice = [text for text, n in Counter(e.text for e in entries).items() if n > 1]
    assert not twice, f"{lang}/{name}.txt holds {twice} twice"


@pytest.mark.parametrize(("lang", "name"), PATTERN_FILES, ids=_ids(PATTERN_FILES))
def test_every_pattern_finds_an_example_of_its_own(lang: str, name: str) -> None:
    """Each pattern, alone in the place the code puts the file's patterns, finds each of its
    examples; the whole file there misses each counterexample."""
    joins = lexicon.joins(lang, name)
    assert joins, f"no module compiles {lang}/{name}.txt"
    for join in joins:
        whole = re.compile(join.replace("{}", "|".join(lexicon.patterns(lang, name))), re.I)
        for entry in lexicon.entries(lang, name):
            assert entry.examples, f"{lang}/{name}.txt:{entry.line}: no example"
            alone = re.compile(join.replace("{}", entry.text), re.I)
            for example in entry.examples:
                assert alone.search(example), f"{entry.text!r} misses its example {example!r}"
            for counter in entry.counterexamples:
                assert not whole.search(counter), f"{lang}/{name}.txt finds {counter!r}"


def _examples(name: str) -> list[str]:
    return [x for e in lexicon.entries("en", name) for x in e.examples]


def _counterexamples(name: str) -> list[str]:
    return [x for e in lexicon.entries("en", name) for x in e.counterexamples]


@pytest.mark.parametrize("name", JUNK_FILES)
def test_every_junk_pattern_makes_its_example_junk(name: str) -> None:
    """Through the rule the summariser calls: no pattern waits on a word list of its own."""
    for example in _examples(name):
        assert flags.is_junk(example), example
    for counter in _counterexamples(name):
        assert not flags.is_junk(counter), counter


def test_a_promotion_is_junk_whatever_its_spacing() -> None:
    # The promotion patterns once ran only when one of a hand-kept list of words was in the
    # line: "sign  up" (two spaces) was not "sign up", so the pattern never ran.
    assert flags.is_junk("Readers can sign  up for our newsletter.")
    assert flags.is_junk("Readers can sign\tup to the weekly newsletter.")


def test_every_credit_pattern_makes_its_example_a_credit() -> None:
    for example in _examples("credits"):
        assert flags.is_credit(example), example
    for counter in _counterexamples("credits"):
        assert not flags.is_credit(counter), counter


def test_the_examples_of_prose_are_not_junk() -> None:
    """Sentences that lean on the one before are prose, not page furniture."""
    for example in _examples("leaning_openers"):
        assert not flags.is_junk(example), example
        assert flags._LEANING_OPENER.match(example), example


@pytest.mark.parametrize("kind", ["paywall", "cookie wall", "JavaScript page"])
def test_every_wall_is_told_by_its_examples(kind: str) -> None:
    name = {"paywall": "paywall", "cookie wall": "cookie_wall", "JavaScript page": "script_wall"}
    for example in _examples(name[kind]):
        assert extract._why_not(example, None).startswith(f"that page looks like a {kind}")


def _compiled_sources() -> list[str]:
    """The source of every compiled pattern held at module level or by the gazetteer: what
    tests/test_linear_time.py audits."""
    found: list[str] = []

    def walk(value: Any, depth: int) -> None:
        if isinstance(value, re.Pattern):
            found.append(str(value.pattern))
        elif depth < 3 and isinstance(value, (dict, list, tuple)):
            for item in value.values() if isinstance(value, dict) else value:
                walk(item, depth + 1)

    for info in pkgutil.walk_packages(diplobrief.__path__, "diplobrief."):
        for value in vars(importlib.import_module(info.name)).values():
            walk(value, 0)
    for value in vars(gazetteer.load()).values():
        walk(value, 0)
    return found


@pytest.mark.parametrize(("lang", "name"), PATTERN_FILES, ids=_ids(PATTERN_FILES))
def test_every_pattern_is_audited_for_linear_time(lang: str, name: str) -> None:
    sources = _compiled_sources()
    for pattern in lexicon.patterns(lang, name):
        assert any(pattern in source for source in sources), (
            f"{lang}/{name}.txt: {pattern!r} is in no pattern the module attributes hold, so "
            "the linear-time test never sees it"
        )


# -- one list per idea -------------------------------------------------------------------------

EXCLUSIVE = [
    ("titles", "honorifics"),  # a word before a name is a role, or a courtesy, not both
    ("place_nouns", "thing_nouns"),  # "the Rukban camp" is a place, "the Paris Agreement" a thing
    ("speech_verbs", "location_verbs"),
    ("state_nouns", "body_nouns"),
    ("state_nouns", "organisation_nouns"),
    ("body_nouns", "organisation_nouns"),
    ("role_joiners", "apposition_words"),  # the apposition words are the joiners and these
    ("abbreviations", "number_abbreviations"),
    ("abbreviations", "cut_abbreviations"),
    ("number_abbreviations", "cut_abbreviations"),
    ("body_keywords", "group_keywords"),
]


@pytest.mark.parametrize(("one", "other"), EXCLUSIVE)
def test_lists_of_different_ideas_do_not_share_an_entry(one: str, other: str) -> None:
    shared = lexicon.words("en", one) & lexicon.words("en", other)
    assert not shared, f"{one}.txt and {other}.txt both hold {sorted(shared)}"


def test_other_languages_hold_no_english_function_word() -> None:
    english = lexicon.words("en", "function_words")
    for lang in lexicon.languages():
        if lang != "en":
            assert not lexicon.words(lang, "function_words") & english, lang


def test_the_splitter_abbreviations_are_the_titles_and_honorifics_written_with_a_stop() -> None:
    dotted = {
        w[:-1].capitalize()
        for w in lexicon.words("en", "titles") | lexicon.words("en", "honorifics")
        if w.endswith(".") and len(w) > 2 and " " not in w
    }
    assert dotted <= ABBREVIATIONS
    assert ABBREVIATIONS - dotted == lexicon.words("en", "abbreviations")
    assert {"Lt", "Col", "Gen", "Mr", "Dr", "Rt", "Hon", "Prof", "Rev", "Cpl"} <= ABBREVIATIONS
    assert "M" not in ABBREVIATIONS  # "M." (Monsieur) is as often an initial or a unit
    # ...and no plain abbreviation is one of them under another name
    written = {w.rstrip(".").lower() for w in dotted}
    assert not {w.lower() for w in lexicon.words("en", "abbreviations")} & written


def test_subsets_keep_to_the_list_they_narrow() -> None:
    titles = lexicon.words("en", "titles")
    assert lexicon.words("en", "listener_verbs") <= lexicon.words("en", "speech_verbs")
    assert set(lexicon.table("en", "country_titles")) <= titles
    plural = {"officials": "official", "spokespeople": "spokesperson", "spokesmen": "spokesman"}
    for word in lexicon.words("en", "plural_titles"):
        assert plural.get(word, word[:-1]) in titles, word
    assert lexicon.words("en", "demonstratives") - {"that"} <= lexicon.words("en", "leaning_words")


def test_the_values_after_a_colon() -> None:
    for verb, forms in lexicon.table("en", "speech_verbs").items():
        assert len(forms) == 2 and forms[1].endswith("s"), verb  # past tense, third person
    states = {s.code for s in gazetteer.load().states.values()}
    for title, values in lexicon.table("en", "country_titles").items():
        assert len(values) == 1 and values[0] in states, title
    for name, allowed in (
        ("honorifics", {"male", "female"}),
        ("pronouns", {"male", "female", "subject"}),
        ("name_particles", {"second"}),
    ):
        for entry, values in lexicon.table("en", name).items():
            assert set(values) <= allowed, (name, entry)
    for name in set(lexicon.names("en")) - {
        "speech_verbs",
        "country_titles",
        "honorifics",
        "pronouns",
        "name_particles",
    }:
        if lexicon.kind("en", name) == lexicon.WORDS:
            assert not any(lexicon.table("en", name).values()), f"{name}.txt: a stray colon"


def test_a_name_particle_passes_wherever_names_are_read() -> None:
    # Two lists once disagreed: "ibn" opened a name in a sentence, but failed a byline's.
    assert extract._authors("Ahmed ibn Ali and Ursula von der Leyen") == (
        "Ahmed ibn Ali",
        "Ursula von der Leyen",
    )
    for particle in lexicon.words("en", "name_particles"):
        assert not flags._cut_short(f"{particle} Saud said the talks would go on.", particle)
        assert extract._authors(f"Ali {particle} Hassan") == (f"Ali {particle} Hassan",)
