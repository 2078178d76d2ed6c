"""Where quotations open and close: the one reading of quotation marks that quotes, speakers and
sentence flags share.

The marks are “ ” " « » ‘ ’ ' and a line break; one quotation is open at a time and the marks
of another kind inside it are text. With none open:

- “ opens, unless it stands where a closing mark stands (after a word, before a space or a
  punctuation mark): a stray closing mark typed as an opening one.
- ” opens only where an opening mark stands (after a space, before a letter): a mistyped opener.
- " opens unless it is an inch mark (after a digit: 6'2") or stands where a closing mark stands.
- « opens.
- ‘ and ' open a single quotation after a space or an opening bracket or dash, before a letter
  (not a digit: the '90s), when a closing single mark follows in the same paragraph; else it is
  an apostrophe ('em, "isn ‘t").

With one open:

- a line break ends it unclosed: a quotation that goes on in the next paragraph opens again
  there (and one that never closes does not run past its paragraph).
- a double quotation (“, " or a mistyped ”) closes at ” or ", whichever it opened with: pages
  mix “…" and "…”. Not at an inch mark; and in a quotation opened with “, a " after a space
  before a word opens a phrase quoted inside it (“calling it "a special operation" but …”), whose
  next " closes the phrase, not the quotation. A “ where a closing mark stands closes it
  ('“We have kept our word,“ Erdogan said').
- a guillemet closes at ».
- a single quotation closes at ’ or ' after a non-space, before no letter or digit ("don’t",
  "Peru’s" do not close it).
- a straight " where an opening mark stands (after a space, before a word) does not close a
  quotation opened with ": like the mark that opened it, where it stands, it opens another, and
  the open one ends there unclosed ('"We have said as much. "Russia is our partner," he said').
  So do “ in a quotation opened with “, « in one opened with «, and ‘ or ' in one opened by the
  same mark.

One pass over the marks, and one back over them for the single marks: linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from spacy.tokens import Doc

MARKS = re.compile(r"[“”\"«»‘’'\n]")
# What may stand before an opening mark besides a space, and after a closing one.
OPENING_CONTEXT = "([—–-"
CLOSING_CONTEXT = ".,;:!?)—–-"


class _Kind(Enum):
    """What opened a quotation; the value is the mark that opens another of its kind."""

    CURLY = "“"  # (or a ” typed for it)
    STRAIGHT = '"'
    GUILLEMET = "«"
    SINGLE = "‘"
    STRAIGHT_SINGLE = "'"


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation in a text, by character offsets: its words are text[open + 1 : end]."""

    open: int  # the opening mark
    end: int  # the closing mark; else the line break or the end of the text that ended it
    closed: bool  # whether a closing mark ends it


@dataclass(frozen=True, slots=True)
class QuotedTokens:
    """A quotation in a parsed text, by token: its words are doc[start:end]."""

    open_i: int  # the opening mark's token
    start: int
    end: int
    close_i: int | None  # the closing mark's token; None when it never closes


def quotation_spans(text: str) -> list[Quotation]:
    """Return the text's quotations in order, by the rules above."""
    marks = [(m.start(), m.group()) for m in MARKS.finditer(text)]
    closes_ahead = _single_closes_ahead(text, marks)
    found: list[Quotation] = []
    opened: int | None = None
    kind = _Kind.CURLY
    nested = False  # inside a straight-quoted phrase within a curly quotation
    for n, (pos, char) in enumerate(marks):
        if opened is not None:
            if char == "\n":
                found.append(Quotation(opened, pos, closed=False))
                opened = None
                continue
            if kind is _Kind.CURLY and char == '"' and (nested or _opens_nested(text, pos)):
                nested = not nested  # “calling it "a special operation" but ...”
                continue
            if _closes(text, pos, char, kind):
                found.append(Quotation(opened, pos, closed=True))
                opened = None
                continue
            if not _reopens(text, pos, char, kind, closes_ahead[n]):
                continue
            found.append(Quotation(opened, pos, closed=False))  # it never closed
        opens = _opens(text, pos, char, closes_ahead[n])
        if opens is not None:
            opened, kind, nested = pos, opens, False
    if opened is not None:
        found.append(Quotation(opened, len(text), closed=False))
    return found


def quoted_tokens(doc: Doc) -> list[QuotedTokens]:
    """Return the quotations of a parsed text by token (those with no token inside left out)."""
    found: list[QuotedTokens] = []
    for q in quotation_spans(doc.text):
        inner = doc.char_span(q.open + 1, q.end, alignment_mode="expand")
        mark = doc.char_span(q.open, q.open + 1, alignment_mode="expand")
        if inner is None or mark is None or not len(inner):
            continue
        close_i = inner.end if q.closed and inner.end < len(doc) else None
        found.append(QuotedTokens(mark.start, inner.start, inner.end, close_i))
    return found


def _opens(text: str, pos: int, char: str, single_closes_ahead: bool) -> _Kind | None:
    """Return the kind of quotation a mark opens when none is open, or None."""
    if char == "“":
        return None if _stands_closing(text, pos) else _Kind.CURLY
    if char == "”":
        return _Kind.CURLY if _before(text, pos).isspace() and _after(text, pos).isalpha() else None
    if char == '"':
        inch = pos > 0 and text[pos - 1].isdigit()
        return None if inch or _stands_closing(text, pos) else _Kind.STRAIGHT
    if char == "«":
        return _Kind.GUILLEMET
    if char in "‘'" and _opens_single(text, pos) and single_closes_ahead:
        return _Kind.SINGLE if char == "‘" else _Kind.STRAIGHT_SINGLE
    return None


def _closes(text: str, pos: int, char: str, kind: _Kind) -> bool:
    """Return whether a mark closes the open quotation of that kind."""
    if kind is _Kind.GUILLEMET:
        return char == "»"
    if kind in (_Kind.SINGLE, _Kind.STRAIGHT_SINGLE):
        return char in "’'" and _closes_single(text, pos)
    if char == '"':
        inch = pos > 0 and text[pos - 1].isdigit()  # 6'2"
        return not inch and not (kind is _Kind.STRAIGHT and _stands_opening(text, pos))
    return char == "”" or (char == "“" and _stands_closing(text, pos))


def _reopens(text: str, pos: int, char: str, kind: _Kind, single_closes_ahead: bool) -> bool:
    """Return whether a mark that does not close the open quotation opens a new one: a mark of
    the kind that opened it, standing where an opening mark stands (the last one never closed:
    '"We have said as much. "Russia is our partner," he said')."""
    if char != kind.value:
        return False
    if kind in (_Kind.SINGLE, _Kind.STRAIGHT_SINGLE):
        return _opens_single(text, pos) and single_closes_ahead
    return _stands_opening(text, pos)


def _before(text: str, pos: int) -> str:
    return text[pos - 1] if pos > 0 else " "


def _after(text: str, pos: int) -> str:
    return text[pos + 1] if pos + 1 < len(text) else " "


def _stands_opening(text: str, pos: int) -> bool:
    """Whether a mark stands where an opening one does: after a space, an opening bracket or
    dash, or at the start; before a letter or a digit."""
    before = _before(text, pos)
    return (before.isspace() or before in OPENING_CONTEXT) and _after(text, pos).isalnum()


def _stands_closing(text: str, pos: int) -> bool:
    """Whether a double mark stands where a closing one does: after a word or a punctuation mark
    (not a space or an opening bracket), before a space, a punctuation mark or the end."""
    before, after = _before(text, pos), _after(text, pos)
    return (
        pos > 0
        and not before.isspace()
        and before not in OPENING_CONTEXT
        and (after.isspace() or after in CLOSING_CONTEXT)
    )


def _opens_nested(text: str, pos: int) -> bool:
    """Whether a straight " inside a curly quotation opens a quoted phrase (a space before it, a
    word after it) rather than closing the quotation."""
    return _before(text, pos).isspace() and _after(text, pos).isalnum()


def _opens_single(text: str, pos: int) -> bool:
    """Whether ‘ or ' opens a quotation (British style) rather than sits inside a word or
    elides a number."""
    before = _before(text, pos)
    return (before.isspace() or before in OPENING_CONTEXT) and _after(text, pos).isalpha()


def _closes_single(text: str, pos: int) -> bool:
    """Whether ’ or ' closes a quotation rather than marks an apostrophe ("don’t")."""
    return not _after(text, pos).isalnum() and not _before(text, pos).isspace()


def _single_closes_ahead(text: str, marks: list[tuple[int, str]]) -> list[bool]:
    """For each mark, whether a closing single mark comes after it in the same paragraph."""
    ahead = [False] * len(marks)
    seen = False
    for n in range(len(marks) - 1, -1, -1):
        ahead[n] = seen
        pos, char = marks[n]
        if char == "\n":
            seen = False
        elif char in "’'" and _closes_single(text, pos):
            seen = True
    return ahead
