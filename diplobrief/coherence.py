"""Tell which sentences read badly out of context: captions, boilerplate, questions, fragments."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Span

log = logging.getLogger(__name__)

# Openers that point back at an earlier sentence; alone in a brief they dangle.
LEANING_WORDS = frozenset(
    """he she they it this these those his her their its him them such
    however but also and yet so meanwhile still nevertheless nonetheless instead moreover
    furthermore besides then thus hence therefore otherwise likewise similarly consequently
    additionally indeed nor or plus""".split()
)
# Two-word openers that lean the same way ("In addition, ...", "The latter ...").
LEANING_PAIRS = frozenset(
    {
        ("in", "addition"),
        ("as", "well"),
        ("even", "so"),
        ("after", "that"),
        ("the", "latter"),
        ("the", "former"),
        ("on", "top"),
        ("at", "that"),
        ("by", "then"),
    }
)

_BOILERPLATE = re.compile(
    r"""^\W*(?:scroll\s+down|click\s+here|tap\s+here|read\s+more|read\s+the\s+full|sign\s+up|
    subscribe|share\s+this|advertisement|watch\s+(?:the\s+)?video|related\s*:|see\s+also|
    (?:copyright|©)\s*(?:©|\(c\)|\d{4})|all\s+rights\s+reserved|follow\s+(?:us|@))\b""",
    re.IGNORECASE | re.VERBOSE,
)
_ANYWHERE = re.compile(
    r"""\b(?:click\s+here|follow\s+.{1,60}?\s+on\s+(?:twitter|facebook|instagram|x)\b|
    (?:published|updated|last\s+updated)\s*:|(?:photo|picture|image|video|credit)\s*:|
    getty\s+images|ap\s+photo|file\s+photo|pictured\b)
    # A parenthesis opens after a space, so it stands outside the word boundary above.
    |\((?-i:left|right|centre|center|above|below|top|bottom|inset|front|back|pictured)
       (?:\)|,[^)]{0,40}\)|\s(?:and|with|in)\s[^)]{0,40}\)|(?-i:\sto\s(?:left|right)\)))""",
    re.IGNORECASE | re.VERBOSE,
)
_BYLINE = re.compile(
    r"^[Bb]y\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}"
    r"(?:\s*(?:,|and)\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})*\W*$"
)
_EXPLETIVE = re.compile(
    r"(?:'s|is|was|has|had|will|would|may|might|could)?\s*(?:now\s+)?(?:been\s+|be\s+)?"
    r"(?:understood|expected|thought|believed|reported|said|claimed|revealed|feared|hoped|known|"
    r"emerged|emerges|seems|seemed|appears|appeared|likely|unclear|clear|possible|unlikely)\b"
)
_TERMINAL = re.compile(r"""[.!?…][\s"'’”)\]]*$""")
# An opening mark (after a space, before a letter) and a closing one, two words or more apart.
_QUOTATION = re.compile(r"""(?:^|\s)["“«‘'][^\W\d_][^"“”«»]*?\s[^"“”«»]*?[^\s"“«‘']["”»’'](?!\w)""")
QUOTE_CHARS = frozenset({'"', "“", "”", "‘", "’", "'", "«", "»"})
MIN_WORDS = 4


@dataclass(frozen=True, slots=True)
class Flags:
    """What makes one sentence a poor pick on its own."""

    junk: bool  # caption, boilerplate line, byline
    question: bool
    fragment: bool  # too short, no verb, or no closing punctuation
    quote: bool  # mostly a direct quotation
    leans: bool  # opens with a pronoun or connective that points back
    quoted: bool = False  # holds a direct quotation, however short (what --no-quotes drops)

    @property
    def unfit(self) -> bool:
        """Return whether the sentence should never be picked when another will do."""
        return self.junk or self.question or self.fragment


def is_junk(text: str) -> bool:
    """Return whether the line is a caption, boilerplate or a byline."""
    return bool(_BOILERPLATE.search(text) or _ANYWHERE.search(text) or _BYLINE.match(text))


def _leans(words: list[str]) -> bool:
    words = [w for w in words if w not in QUOTE_CHARS]
    if not words:
        return False
    if words[0] == "it" and _EXPLETIVE.match(" ".join(words[1:5])):
        return False  # "It is understood that ...", "It emerged that ...": no antecedent
    if words[0] in LEANING_WORDS:
        return True
    return len(words) > 1 and (words[0], words[1]) in LEANING_PAIRS


@dataclass(slots=True)
class _Scan:
    """What one pass over a sentence's tokens tells (tokens are costly to touch twice)."""

    words: int = 0
    quoted: int = 0
    verb: bool = False
    opens_quoted: bool = False
    inside_at_end: bool = False
    closes_carried: bool = False  # the first mark closes a quotation from the sentence before
    longest_closed: int = 0  # words in the longest quotation that opens and closes here
    first: list[str] = field(default_factory=list)


def _scan(span: Span, carried: bool) -> _Scan:
    """Count words, quoted words and verbs, and note the opening words, in one pass.

    A mark opens a quotation after a space and before a letter, and closes one before a space,
    so apostrophes ("players' wages", "the '90s") do not count. A quotation left open runs into
    the next sentence only when that sentence closes it ("'If he had played.", "I am happy,'
    he said.").
    """
    out = _Scan()
    inside = False
    marks = before_mark = run = 0  # words before the first mark, words in the open quotation
    last = len(span) - 1
    space_before = True
    for n, token in enumerate(span):
        text = token.text
        if text in QUOTE_CHARS:
            opens = (
                space_before
                and n < last
                and not token.whitespace_
                and text not in "”»"
                and span[n + 1].text[:1].isalpha()
            )
            if not marks:
                out.opens_quoted = out.words == 0 and opens
                if carried and not opens:
                    out.quoted += before_mark
                    out.closes_carried = True
            elif inside and not opens:
                out.longest_closed = max(out.longest_closed, run)
            marks += 1
            inside = opens  # after a mark we are inside exactly when it opens one
            run = 0
        elif not (token.is_punct or token.is_space):
            out.words += 1
            before_mark += not marks
            out.quoted += inside
            run += inside
            if len(out.first) < 5:
                out.first.append(token.lower_)
            if not out.verb and token.pos_ in ("VERB", "AUX"):
                out.verb = True
        space_before = bool(token.whitespace_) or token.is_space
    out.inside_at_end = inside
    return out


def sentence_flags(sentences: Sequence[Span], *, quote_share: float = 0.5) -> list[Flags]:
    """Flag every sentence of an article (a quotation can run across sentences)."""
    flags: list[Flags] = []
    carried = False
    for span in sentences:
        scan = _scan(span, carried)
        if carried and scan.closes_carried and not flags[-1].quoted:
            # The quotation the sentence before left open is closed here: it held one.
            flags[-1] = replace(flags[-1], quoted=True)
        carried = scan.inside_at_end
        text = span.text.strip()
        share = scan.quoted / scan.words if scan.words else 0.0
        quote = share >= quote_share or scan.opens_quoted
        flags.append(
            Flags(
                junk=is_junk(text),
                question=text.rstrip("\"'’”)] ").endswith("?"),
                fragment=scan.words < MIN_WORDS or not scan.verb or not _TERMINAL.search(text),
                quote=quote,
                leans=_leans(scan.first),
                # Two quoted words or more: a scare-quoted word or "rock 'n' roll" is no quotation.
                quoted=quote or scan.longest_closed >= 2 or scan.closes_carried,
            )
        )
    return flags


def text_flags(texts: Sequence[str]) -> list[Flags]:
    """Flag sentences from their text alone (no parse: fragments are judged by length)."""
    flags = []
    for raw in texts:
        text = raw.strip()
        words = re.findall(r"[\w'’-]+", text)
        flags.append(
            Flags(
                junk=is_junk(text),
                question=text.rstrip("\"'’”)] ").endswith("?"),
                fragment=len(words) < MIN_WORDS or not _TERMINAL.search(text),
                quote=text[:1] in QUOTE_CHARS,
                leans=_leans([w.lower() for w in words[:8]]),
                quoted=bool(_QUOTATION.search(text)),
            )
        )
    return flags
