"""Sentence splitting for the languages beside English, with each language's punctuation.

A line break always ends a sentence. Inside a line a sentence ends on . ! ? … (then closing
quotes or brackets, then a space and a word that is not lower case: "5 млрд. долларов" goes
on), on the Arabic question mark ؟, and on the full-width 。！？ of Chinese, which need no space
after them. A full stop after an abbreviation of the language (data/<lang>/abbreviations.txt),
a single capital letter (an initial: "M. Lavrov") or, in German, a number (an ordinal: "am
3. Oktober") ends nothing. One pass over the text with a character-class pattern: linear.
"""

from __future__ import annotations

import re

from diplobrief import lexicon

# Languages written without capital letters: any end mark followed by a space ends a sentence.
UNCASED = frozenset({"ar", "zh", "ja", "fa", "he"})
# (French sets its closing » after a space: "sans conditions. »")
_END = re.compile("[.!?…؟。！？]+(?:[ \u00a0\u202f]?[»›]|[\"'”’)\\]」』）])*")
_FULL_WIDTH = frozenset("。！？")
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
    for line in text.split("\n"):
        start = 0
        for end in _END.finditer(line):
            if _ends_here(line, end.start(), end.end(), lang):
                piece = line[start : end.end()].strip()
                if piece:
                    out.append(piece)
                start = end.end()
        rest = line[start:].strip()
        if rest:
            out.append(rest)
    return out


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
