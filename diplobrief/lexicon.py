"""Word knowledge kept in data files, one entry a line, a folder per language.

Every file under `diplobrief/data/<language>/` holds one idea: the verbs of saying, the
honorifics, the patterns of boilerplate lines. Its header says which of two formats it is in:

- `# format: words`: one word or phrase a line. What follows a colon are the entry's values
  ("say: said says", "secretary of state: US"). Text after ` #` is the entry's reason; a block
  of entries may share the reason of the comment lines just above it (a blank line ends a block).
- `# format: patterns`: one regular expression a line, always read case-insensitively (a part
  may say otherwise with `(?-i:...)`), and never a comment on the line itself (`#` may be the
  pattern's). The comment lines above a pattern say why it is there, as for words; a comment
  `# e.g. <text>` just above it gives a text the pattern must find something in, and
  `# not: <text>` one the file's patterns must not.

Files are read once per process. Nothing here imports spaCy, sumy or numpy: the web layer
reads its lists too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from types import MappingProxyType

WORDS = "words"
PATTERNS = "patterns"
_FORMAT = re.compile(r"#\s*format:\s*(\w+)")
_INLINE_REASON = re.compile(r"(?<=\s)#")  # a reason after an entry: " # why"
_EXAMPLE = "e.g."
_COUNTER = "not:"
# The lists and patterns read so far, and how each pattern list was joined: what the tests check
# every file against (a file no code reads is dead, and so is a pattern that never matches).
_READ: set[tuple[str, str]] = set()
_JOINS: dict[tuple[str, str], set[str]] = {}


class LexiconError(ValueError):
    """A data file that does not follow its format."""


@dataclass(frozen=True)
class Entry:
    """One line of a data file: a word, a phrase or a pattern, and why it is there."""

    text: str
    values: tuple[str, ...]  # after a colon: a verb's forms, a title's state
    reason: str
    line: int
    examples: tuple[str, ...] = ()  # patterns: text the pattern must find something in
    counterexamples: tuple[str, ...] = ()  # ...and text it must not


def _folder(lang: str) -> Traversable:
    return resources.files("diplobrief") / "data" / lang


def languages() -> list[str]:
    """Return the languages that have a folder of data files."""
    root = resources.files("diplobrief") / "data"
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))


def names(lang: str) -> list[str]:
    """Return the names of a language's word and pattern files (without `.txt`)."""
    return sorted(p.name[:-4] for p in _folder(lang).iterdir() if p.name.endswith(".txt"))


def read_so_far() -> frozenset[tuple[str, str]]:
    """Return the (language, name) of every file read in this process so far."""
    return frozenset(_READ)


def joins(lang: str, name: str) -> frozenset[str]:
    """Return how the code joined a pattern file's lines, each a template around `{}`."""
    return frozenset(_JOINS.get((lang, name), ()))


@functools.cache
def _parse(lang: str, name: str) -> tuple[str, tuple[Entry, ...]]:
    path = _folder(lang) / f"{name}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"no data file {lang}/{name}.txt") from None
    found = _FORMAT.search(text)
    kind = found.group(1) if found else ""
    if kind not in (WORDS, PATTERNS):
        raise LexiconError(f"{lang}/{name}.txt: its header says no `# format: words|patterns`")
    entries: list[Entry] = []
    reason: list[str] = []  # the comment lines above, for every entry down to a blank line
    examples: list[str] = []  # ...and the examples, for the next pattern only
    counter: list[str] = []
    after_entry = False  # a reason after an entry is the next entries' (not added to the last)
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            reason, examples, counter, after_entry = [], [], [], False
        elif line.startswith("#"):
            comment = line[1:].strip()
            if comment.startswith(_EXAMPLE):
                examples.append(comment[len(_EXAMPLE) :].strip())
            elif comment.startswith(_COUNTER):
                counter.append(comment[len(_COUNTER) :].strip())
            elif not _FORMAT.fullmatch(line):
                reason = [comment] if after_entry else [*reason, comment]
                after_entry = False
        elif kind == PATTERNS:
            why = " ".join(reason)
            entries.append(Entry(line, (), why, number, tuple(examples), tuple(counter)))
            examples, counter, after_entry = [], [], True
        else:
            body, *inline = _INLINE_REASON.split(line, maxsplit=1)
            key, _, rest = body.partition(":")
            entry = " ".join(key.split())
            if not entry:
                raise LexiconError(f"{lang}/{name}.txt:{number}: an empty entry")
            why = inline[0].strip() if inline else " ".join(reason)
            entries.append(Entry(entry, tuple(rest.split()), why, number))
            after_entry = True
    return kind, tuple(entries)


def kind(lang: str, name: str) -> str:
    """Return a file's format: `words` or `patterns`."""
    return _parse(lang, name)[0]


def entries(lang: str, name: str) -> tuple[Entry, ...]:
    """Return every entry of a data file, in order, with its reason (and examples)."""
    return _parse(lang, name)[1]


def _entries_of(lang: str, name: str, wanted: str) -> tuple[Entry, ...]:
    found, rows = _parse(lang, name)
    if found != wanted:
        raise LexiconError(f"{lang}/{name}.txt holds {found}, not {wanted}")
    _READ.add((lang, name))
    return rows


@functools.cache
def words(lang: str, name: str) -> frozenset[str]:
    """Return the words (or phrases) of a word list."""
    return frozenset(e.text for e in _entries_of(lang, name, WORDS))


@functools.cache
def table(lang: str, name: str) -> Mapping[str, tuple[str, ...]]:
    """Return a word list's entries with the values after their colons."""
    return MappingProxyType({e.text: e.values for e in _entries_of(lang, name, WORDS)})


@functools.cache
def patterns(lang: str, name: str) -> tuple[str, ...]:
    """Return the regular expressions of a pattern file, in order."""
    return tuple(e.text for e in _entries_of(lang, name, PATTERNS))


@functools.cache
def pattern(lang: str, name: str, join: str = "{}") -> re.Pattern[str]:
    """Compile a pattern file as one case-insensitive alternation, put where `{}` stands in
    `join` (`^\\W*(?:{})\\b`: every pattern at the start of the text, then a word boundary)."""
    sources = patterns(lang, name)
    _JOINS.setdefault((lang, name), set()).add(join)
    return re.compile(join.replace("{}", "|".join(sources)), re.IGNORECASE)


def alternation(items: Iterable[str], *, space: str | None = None) -> str:
    """Return a regular expression for any of the words or phrases, the longest first, each
    taken literally; with `space`, a phrase's spaces are read as that pattern (`\\s+`)."""
    out = []
    for item in sorted(set(items), key=lambda w: (-len(w), w)):
        escaped = re.escape(item)
        if space is not None:
            escaped = escaped.replace(r"\ ", space)
        out.append(escaped)
    return "|".join(out)
