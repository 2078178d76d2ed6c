"""The loader of the word and pattern files: their two formats, one read per file, no heavy
imports."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from diplobrief import lexicon

FAKE = "xx"  # the languages of files the tests below write, beside the package's own

WORDS = """\
# A list for the tests.
# format: words
#
# The header, which no entry takes as its reason.

# Said of both entries below.
alpha
beta gamma          # its own reason: a phrase, its spaces folded
delta: one two      # values after a colon
# Said of epsilon only: a comment after entries starts a new block.
epsilon
"""
PATTERNS = """\
# Patterns for the tests.
# format: patterns

# Why the cats are there.
# e.g. a cat sat
# not: a dog sat
\\bcat\\b
# e.g. two cats
\\bcats\\b

# e.g. #tag
\\#tag
"""


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A language of its own for each test (the loader's caches are per process, and the
    package's own languages keep theirs), its folder a temporary one."""
    lang = f"{FAKE}-{tmp_path.name}"
    real = lexicon._folder
    monkeypatch.setattr(lexicon, "_folder", lambda code: tmp_path if code == lang else real(code))
    return lang


def write(lang: str, name: str, text: str) -> None:
    Path(str(lexicon._folder(lang) / f"{name}.txt")).write_text(text, encoding="utf-8")


def test_a_word_list_gives_its_entries_values_and_reasons(fake: str) -> None:
    write(fake, "list", WORDS)
    assert lexicon.kind(fake, "list") == "words"
    assert lexicon.words(fake, "list") == {"alpha", "beta gamma", "delta", "epsilon"}
    assert lexicon.table(fake, "list")["delta"] == ("one", "two")
    reasons = {e.text: e.reason for e in lexicon.entries(fake, "list")}
    assert reasons == {
        "alpha": "Said of both entries below.",
        "beta gamma": "its own reason: a phrase, its spaces folded",
        "delta": "values after a colon",
        "epsilon": "Said of epsilon only: a comment after entries starts a new block.",
    }


def test_a_pattern_file_gives_its_patterns_and_examples(fake: str) -> None:
    write(fake, "junk", PATTERNS)
    first, second, third = lexicon.entries(fake, "junk")
    assert (first.text, first.reason, first.examples, first.counterexamples) == (
        r"\bcat\b",
        "Why the cats are there.",
        ("a cat sat",),
        ("a dog sat",),
    )
    # The reason holds down to a blank line; an example is the next pattern's only.
    assert (second.reason, second.examples, second.counterexamples) == (
        first.reason,
        ("two cats",),
        (),
    )
    assert third.text == r"\#tag" and third.examples == ("#tag",) and third.reason == ""
    found = lexicon.pattern(fake, "junk", r"^(?:{})")
    assert found.pattern == r"^(?:\bcat\b|\bcats\b|\#tag)" and found.flags & re.IGNORECASE
    assert lexicon.joins(fake, "junk") == {r"^(?:{})"}


def test_a_file_is_read_only_as_what_its_header_says(fake: str) -> None:
    write(fake, "list", WORDS)
    write(fake, "junk", PATTERNS)
    write(fake, "bare", "alpha\n")
    with pytest.raises(lexicon.LexiconError, match="holds words, not patterns"):
        lexicon.patterns(fake, "list")
    with pytest.raises(lexicon.LexiconError, match="holds patterns, not words"):
        lexicon.words(fake, "junk")
    with pytest.raises(lexicon.LexiconError, match="format"):
        lexicon.words(fake, "bare")
    with pytest.raises(lexicon.LexiconError, match="no data file"):
        lexicon.words(fake, "missing")


def test_every_file_is_read_once_and_shared() -> None:
    assert lexicon.words("en", "titles") is lexicon.words("en", "titles")
    assert lexicon.table("en", "speech_verbs") is lexicon.table("en", "speech_verbs")
    assert lexicon.patterns("en", "promo") is lexicon.patterns("en", "promo")
    assert lexicon.pattern("en", "promo") is lexicon.pattern("en", "promo")
    with pytest.raises(TypeError):
        lexicon.table("en", "speech_verbs")["say"] = ()  # type: ignore[index]


def test_the_modules_share_one_list_per_idea() -> None:
    from diplobrief.actors import gazetteer, roles
    from diplobrief.quotes import find, speakers
    from diplobrief.web import extract

    assert speakers.STATE_NOUNS is lexicon.words("en", "state_nouns")
    assert gazetteer.load().state_nouns is speakers.STATE_NOUNS
    assert gazetteer.load().speech_verbs is lexicon.words("en", "speech_verbs")
    assert gazetteer.load().honorifics is lexicon.words("en", "honorifics")
    assert extract.NAME_PARTICLES is lexicon.words("en", "name_particles")
    assert find.RELATIVE_PRONOUNS is roles.RELATIVE_WORDS


def test_alternation_puts_the_longest_first_and_takes_every_word_literally() -> None:
    assert lexicon.alternation(["a", "a.b", "ab c"]) == r"ab\ c|a\.b|a"
    assert lexicon.alternation(["ab c"], space=r"\s+") == r"ab\s+c"
    assert re.fullmatch(lexicon.alternation(["sen.", "lt. col."]), "lt. col.")
    assert not re.fullmatch(lexicon.alternation(["sen."]), "senx")


def test_the_languages_and_their_files() -> None:
    assert "en" in lexicon.languages()
    assert {"titles", "speech_verbs", "promo", "function_words"} <= set(lexicon.names("en"))


def test_the_loader_imports_no_heavy_library() -> None:
    code = (
        "import sys; import diplobrief.lexicon as l; l.words('en', 'titles');"
        "l.pattern('en', 'promo');"
        "print(sorted(m for m in ('spacy', 'sumy', 'numpy') if m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert out.stdout.strip() == "[]"
