"""No text rule takes super-linear time: every pattern passes a ReDoS analysis, and hostile
lines and pages go through each rule and the whole analysis within a time budget.

Each timed case runs in a forked child that is killed at its deadline: a regular expression
cannot be interrupted in-process, and a test that hangs proves nothing.
"""

from __future__ import annotations

import importlib
import inspect
import multiprocessing
import pkgutil
import re
import time
from collections.abc import Callable
from typing import Any

import pytest

import cogs
import diplobrief
from diplobrief.actors import gazetteer
from diplobrief.capping import squeeze_spaces
from diplobrief.config import DEFAULT_MODEL
from diplobrief.errors import DiplobriefError
from diplobrief.quotes.speakers import names_pattern
from diplobrief.summary import flags as coherence
from diplobrief.web import decode, extract, urls
from diplobrief.workers import Length, analyse_page
from tests.support.regex_audit import analyse as audit

# Findings the analyser reports falsely, each with why the pattern is linear; every one must
# also be shown linear on its worst case in the timed tests below. None so far.
ALLOWED: dict[str, str] = {}


def _walk(value: Any, name: str, found: dict[int, tuple[str, re.Pattern[Any]]], depth: int) -> None:
    if isinstance(value, re.Pattern):
        found.setdefault(id(value), (name, value))
    elif depth >= 3:
        return
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk(item, f"{name}[{key!r}]", found, depth + 1)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for i, item in enumerate(value):
            _walk(item, f"{name}[{i}]", found, depth + 1)
    elif inspect.isclass(value):
        for key, item in vars(value).items():
            _walk(item, f"{name}.{key}", found, depth + 1)


def package_patterns() -> list[tuple[str, re.Pattern[Any]]]:
    """Every compiled pattern the bot holds: at module level and in classes (including those
    built from word lists at import), in the gazetteer, and the pattern built per article."""
    found: dict[int, tuple[str, re.Pattern[Any]]] = {}
    for package in (diplobrief, cogs):
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            module = importlib.import_module(info.name)
            for key, value in vars(module).items():
                if inspect.ismodule(value) or (
                    inspect.isclass(value) and value.__module__ != module.__name__
                ):
                    continue
                _walk(value, f"{info.name}.{key}", found, 0)
    for key, value in vars(gazetteer.load()).items():
        _walk(value, f"Gazetteer.{key}", found, 0)
    names = ["Sergei Lavrov", "Lavrov", "Wang Yi", "O'Brien", "Kim", "Kim Jong Un", "U.N."]
    found[0] = ("speakers.names_pattern(...)", names_pattern(names))
    return sorted(found.values(), key=lambda item: item[0])


PATTERNS = package_patterns()


def test_the_walk_finds_the_patterns_of_every_kind() -> None:
    names = {name for name, _ in PATTERNS}
    for expected in (
        "diplobrief.summary.flags._CREDIT",  # module level
        "diplobrief.web.extract._WALL_HINTS['paywall']",  # in a dict
        "Gazetteer.footer",  # built from the lexicon's word lists
        "diplobrief.web.decode._META_CHARSET",  # bytes
        "cogs.autobrief._SPOILER_RE",
    ):
        assert expected in names
    assert len(PATTERNS) >= 35


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_no_pattern_takes_super_linear_time(name: str, pattern: re.Pattern[Any]) -> None:
    findings = audit(pattern)
    if name in ALLOWED:
        return
    assert not findings, (
        f"{name} can take {findings[0].kind} time: after {findings[0].prefix!r}, each repeat of "
        f"{findings[0].pump!r} ({findings[0].where}) multiplies the ways to read the text"
    )


# The analyser itself: it must see the patterns that hung the workers, and pass linear ones.
OLD_BYLINE = (
    r"^[Bb]y\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}"
    r"(?:\s*(?:,|and)\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})*\W*$"
)
OLD_CREDIT_TAIL = r"^\W*[\w .'-]{0,40}/\s*reuters(?:\s+via\s+[\w ]+)?\W*$"
OLD_QUOTATION = r"""(?:^|\s)["“«‘'][^\W\d_][^"“”«»]*?\s[^"“”«»]*?[^\s"“«‘']["”»’'](?!\w)"""


@pytest.mark.parametrize(
    ("pattern", "kind"),
    [
        (r"^(a+)+$", "exponential"),
        (r"(a|a)*b", "exponential"),
        (r"(a*)*b", "exponential"),
        (OLD_BYLINE, "exponential"),
        (r"^a*a*$", "polynomial"),
        (r"\s+x", "polynomial"),  # under search: a run of spaces is read from every start
        (r"(?=\s*x)y", "polynomial"),  # so is a lookahead's
        (OLD_CREDIT_TAIL, "polynomial"),
        (OLD_QUOTATION, "polynomial"),
        (r"<meta[^>]*?charset", "polynomial"),
        (r"^\s*\s*x", "polynomial"),
    ],
)
def test_the_analyser_finds_known_super_linear_patterns(pattern: str, kind: str) -> None:
    findings = audit(pattern)
    assert findings and findings[0].kind == kind


@pytest.mark.parametrize(
    "pattern",
    [
        r"^\s*+\s*x",  # possessive: the second loop gets nothing
        r"^\s+x",
        r"\bsaid\s+he\b",
        r"\w+",  # matches as soon as it starts
        r"```.*?```",  # each opening closes at the next
        r"x{0,40}y{0,40}",
        r"(a|a)*",  # matches at once, never backtracks
    ],
)
def test_the_analyser_passes_linear_patterns(pattern: str) -> None:
    assert audit(pattern) == []


# Timed runs.


def _child(fn: Callable[..., Any], args: tuple[Any, ...], conn: Any) -> None:
    try:
        fn(*args)
    except DiplobriefError:
        pass  # a refusal is an answer, in time
    except BaseException as exc:  # report anything else to the parent
        conn.send(repr(exc))
        return
    conn.send(None)


def finishes_within(seconds: float, fn: Callable[..., Any], *args: Any) -> float:
    """Run fn(*args) in a forked child; fail if it has not finished after `seconds`."""
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(fn, args, child), daemon=True)
    start = time.monotonic()
    process.start()
    try:
        if not parent.poll(seconds):
            pytest.fail(f"{getattr(fn, '__name__', fn)} did not finish in {seconds:.0f} s")
        error = parent.recv()
        assert error is None, error
        return time.monotonic() - start
    finally:
        if process.is_alive():
            process.kill()
        process.join()


def _names(n: int) -> str:
    return "By " + "Xand " * n + "x"


# Lines of a few KB built to make a backtracking matcher try every way of reading them.
HOSTILE_LINES = {
    "byline Xand": _names(45),  # 230 characters: minutes before
    "byline Xand long": _names(800),
    "byline initials": "By " + "A. " * 1200 + "x",
    "byline names and commas": "By " + "Jane Doe, John Roe and " * 150 + "x",
    "spaces": "x" + " " * 4000 + "x",
    "spaces after a credit": "Photo/ Reuters via" + " " * 4000 + "!x",
    "spaces after photo by": "photo by:" + " " * 4000 + "x" * 50,
    "spaces in a follow": "follow" + " " * 4000 + "x",
    "spaces before a web address": "see" + " " * 4000 + ": x",
    "tabs and spaces": "said \t" * 700 + "x",
    "brackets": "(" * 4000 + "x",
    "closing brackets": "x" + ")" * 4000,
    "pictured brackets": "(left, " * 600 + "x",
    "quotation openings": " 'a" * 1500 + "x",
    "double quotation openings": ' "a b' * 1000,
    "mixed marks": " “a ‘b «c 'd" * 400,
    "quotation runs": "“" * 2000 + "a b" + "’" * 2000,
    "initials": "A. B. " * 700 + "said.",
    "full stops": ". " * 2000 + "x",
    "ellipses": "…" * 4000 + "x",
    "names": "Sergei Lavrov " * 300 + "x",
    "web addresses": "visit http://" * 300,
    "meta tags": "<meta" * 800,
    "suppressed links": "<http://" * 500,
    "code fences": "```a" * 1000,
}


def _every_rule(text: str) -> None:
    coherence.is_junk(text)
    coherence.is_byline(text)
    coherence.is_credit(text)
    coherence.holds_quotation(text)
    coherence.text_flags([text, text[::-1]])
    urls.find_links(text)
    decode.decode_body(text.encode(), None, html=True)
    decode.describe_media_type(text)
    extract.clean_text(text)
    squeeze_spaces(text)
    for _, pattern in PATTERNS:
        if isinstance(pattern.pattern, bytes):
            pattern.search(text.encode())
        else:
            pattern.search(text)
            pattern.match(text)


@pytest.mark.parametrize("text", HOSTILE_LINES.values(), ids=list(HOSTILE_LINES))
def test_every_rule_reads_a_hostile_line_in_time(text: str) -> None:
    finishes_within(10.0, _every_rule, text)


# Whole pages: one parse and every rule, as a worker runs them.
PROSE = (
    "The foreign minister said on Tuesday that the talks would resume in Geneva next week. "
    "Negotiators from both countries met in Bern to discuss the disputed border. "
    "A spokesperson for the European Commission called it a step towards a lasting peace.\n"
)


def _spaced_page() -> str:
    """A 65 KB plain-text page laid out with runs of spaces, captions and credits among them."""
    lines: list[str] = []
    while sum(map(len, lines)) < 65_000:
        lines.append(" " * 30 + PROSE.replace(". ", ".   "))
        lines.append("Delegates arrive for the talks." + " " * 800 + "\n")
        # (no full stop, colon or "!" in a credit line: the splitter would cut it there)
        lines.append("Photo/ Reuters via" + " " * 900 + "-x\n")
        lines.append("Photo by" + " " * 1500 + "x" * 50 + "\n")
    return "".join(lines)[:65_000]


def _page_around(line: str) -> str:
    return PROSE * 3 + line + "\n" + PROSE * 3


HOSTILE_PAGES = {
    "65 KB of spaced plain text": _spaced_page(),
    "byline Xand": _page_around(_names(45)),
    "byline Xand, on its own": _names(45) + "\n" + PROSE * 6,
    **{name: _page_around(text) for name, text in HOSTILE_LINES.items() if name != "byline Xand"},
}


@pytest.fixture(scope="module")
def warm_pipeline() -> None:
    from diplobrief.nlp import load_pipeline

    load_pipeline(DEFAULT_MODEL)  # loaded once here; every child is forked with it


def _brief(page: str) -> None:
    analyse_page(DEFAULT_MODEL, page, "https://example.com/a", False, Length(), 300)


@pytest.mark.parametrize("page", HOSTILE_PAGES.values(), ids=list(HOSTILE_PAGES))
def test_the_whole_analysis_reads_a_hostile_page_in_time(warm_pipeline: None, page: str) -> None:
    finishes_within(30.0, _brief, page)


def test_runs_of_spaces_are_read_as_one(warm_pipeline: None) -> None:
    assert squeeze_spaces("a  \t b\u00a0\u2003c \n\n  d   \ne") == "a b c\n\nd\ne"
    page = _spaced_page()
    squeezed = squeeze_spaces(page)
    assert "  " not in squeezed and len(squeezed) < len(page) // 3
    assert squeezed.count("\n") == page.count("\n")  # paragraphs stay apart
