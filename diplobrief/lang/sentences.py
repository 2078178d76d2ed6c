"""Sentence splitting for the languages beside English, with each language's punctuation.

A line break always ends a sentence. Inside a line a sentence ends on . ! ? … (then closing
quotes or brackets, then a space and a word that is not lower case: "5 млрд. долларов" goes
on), on the Arabic question mark ؟, and on the full-width 。！？ of Chinese, which need no space
after them. A full stop after an abbreviation of the language (data/<lang>/abbreviations.txt),
a single capital letter (an initial: "M. Lavrov") or, in German, a number (an ordinal: "am
3. Oktober") ends nothing. One pass over the text with a character-class pattern: linear.

A quotation is one unit: no sentence ends inside an open quotation (« », „ “, “ ”, ‚ ‘, 「 」,
» « in German, straight double quotes), unless it has been open for more than
`QUOTE_CAP` characters (an unclosed mark must not glue a whole paragraph: the quotation is then
taken as a stray mark and forgotten). A piece that only continues a quotation (it opens with
the closing mark, or in lower case) joins the sentence before it. The marks are read in the same
one pass, a character at a time: linear.
"""

from __future__ import annotations

import re

from diplobrief import lexicon

# Languages written without capital letters: any end mark followed by a space ends a sentence.
UNCASED = frozenset({"ar", "zh", "ja", "fa", "he"})
# (French sets its closing » after a space: "sans conditions. »")
_END = re.compile("[.!?…؟。！？]+(?:[ \u00a0\u202f]?[»›]|[\"'”’“«)\\]」』）])*")
_FULL_WIDTH = frozenset("。！？")
# Opening marks and the mark that closes each; German and Russian close „ with “, so “ opens
# only where it is not awaited as a closer. ’ never opens (it is the apostrophe of "l’Ukraine").
_PAIRS = {"«": "»", "„": "“", "“": "”", "‚": "‘", "‘": "’", "「": "」", "『": "』", '"': '"'}
# German also sets quotations in »guillemets pointing in«.
# German and Russian close with “ and ‘ what „ and ‚ open: there “ and ‘ never open.
_LOW = {k: v for k, v in _PAIRS.items() if k not in "“‘"}
_PAIRS_BY_LANG = {"de": {**_LOW, "»": "«"}, "ru": _LOW}
_LOW_CLOSERS = {"„": "“”", "‚": "‘’"}  # „Ja” is seen too
_QUOTE_MARK = re.compile('[«»„“”‚‘’「」『』"]')
# The marks the end pattern may take after an end mark that open a quotation in the language
# (“ closes in German and Russian, « in German only).
_OPENING_AFTER_END = {"de": "", "ru": "«"}
# The marks that only close a quotation in the language.
_CLOSE_ONLY = {"de": "“”«‘", "ru": "»”“"}
# A quotation open longer than this (in characters) is a stray mark, not a speech.
QUOTE_CAP = 600
# Languages whose ordinals are written with a full stop.
ORDINAL_STOPS = frozenset({"de"})


# Read when the module loads (the data tests check every file is read by some module).
_ABBREVIATIONS = {
    lang: lexicon.words(lang, "abbreviations")
    for lang in lexicon.languages()
    if lang != "en" and "abbreviations" in lexicon.names(lang)
}


def abbreviations(lang: str) -> frozenset[str]:
    """The language's abbreviations a full stop follows inside a sentence (none for some)."""
    return _ABBREVIATIONS.get(lang, frozenset())


def split(text: str, lang: str) -> list[str]:
    """Split a text into its sentences, stripped, none empty."""
    out: list[str] = []
    opening = _OPENING_AFTER_END.get(lang, "“«")
    for line in text.split("\n"):
        pieces: list[str] = []
        start = 0
        held: list[int] = []  # ends passed over inside the open quotation
        inside = _Quotes(line, lang)
        for end in _END.finditer(line):
            stop = end.end()
            while stop > end.start() + 1 and line[stop - 1] in opening:
                stop -= 1  # "？“好" : the mark opens the next sentence
            if not _ends_here(line, end.start(), stop, lang):
                continue
            opened = inside.open_at(stop)
            if opened is not None and stop - opened <= QUOTE_CAP:
                held.append(stop)  # inside a quotation: the sentence goes on
                continue
            if opened is not None:
                inside.forget()  # a stray mark: split as if it had never been there
            else:
                held.clear()  # the quotation closed: the ends inside it stay passed over
            for cut in [*held, stop]:
                _add(pieces, line[start:cut].strip(), lang)
                start = cut
            held.clear()
        _add(pieces, line[start:].strip(), lang)
        out.extend(pieces)
    return out


def _add(pieces: list[str], piece: str, lang: str) -> None:
    """Add a piece, or join it to the one before when it only continues that one's quotation:
    its first mark closes a quotation it never opened (the opening mark was lost, or the
    splitter cut there), and the two together stay within the cap."""
    if not piece:
        return
    first = _QUOTE_MARK.search(piece)
    closes = first is not None and first.group() in _CLOSE_ONLY.get(lang, "»”")
    if pieces and closes and len(pieces[-1]) + len(piece) < QUOTE_CAP:
        pieces[-1] = f"{pieces[-1]} {piece}"
    else:
        pieces.append(piece)


class _Quotes:
    """The quotation marks of one line, read once, left to right, as the ends are asked for."""

    def __init__(self, line: str, lang: str) -> None:
        self.marks = _QUOTE_MARK.finditer(line)
        self.pending: re.Match[str] | None = next(self.marks, None)
        self.pairs = _PAIRS_BY_LANG.get(lang, _PAIRS)
        self.stack: list[tuple[str, int]] = []  # (closing marks awaited, where it opened)

    def open_at(self, position: int) -> int | None:
        """Read the marks before `position`; return where the outermost open quotation opened."""
        while self.pending is not None and self.pending.end() <= position:
            char, at = self.pending.group(), self.pending.start()
            if self.stack and char in self.stack[-1][0]:
                self.stack.pop()
            elif char in self.pairs and not (char == '"' and self._straight_open()):
                self.stack.append((_LOW_CLOSERS.get(char, self.pairs[char]), at))
            self.pending = next(self.marks, None)
        return self.stack[0][1] if self.stack else None

    def _straight_open(self) -> bool:
        return any('"' in closers for closers, _ in self.stack)

    def forget(self) -> None:
        self.stack.clear()


def _ends_here(line: str, mark: int, after: int, lang: str) -> bool:
    if line[mark] in _FULL_WIDTH:
        return True
    if after < len(line) and not line[after].isspace():
        return False  # "3.5", "U.N.", "ONU.Le" (glued): no end
    following = line[after:].lstrip()[:1]
    if not following:
        return True
    if lang in UNCASED:
        return True
    if following.islower():
        return False
    if line[mark] != ".":
        return True
    word = line[:mark].rsplit(None, 1)[-1] if line[:mark].strip() else ""
    word = word.lstrip("(\"'«“‘")
    if len(word) == 1 and word.isupper():
        return False  # an initial
    if lang in ORDINAL_STOPS and word.isdigit() and len(word) <= 2:
        return False
    known = abbreviations(lang)
    return word not in known and word.lower() not in known  # "Ген." opening a sentence
