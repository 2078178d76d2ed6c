"""Languages beyond English: detection, sentence splitting, summaries and their word lists.

Light on purpose: the web layer detects the language of every page, so nothing here imports
spaCy, sumy or numpy at import time (the summary and the pipelines load in the workers).
"""

from __future__ import annotations

from diplobrief import lexicon

# The languages a brief can be made in: English through the spaCy pipeline, the others through
# `diplobrief.lang.analysis`.
SUPPORTED: tuple[str, ...] = ("en", "fr", "es", "de", "pt", "ru", "it", "ar", "zh")
FOREIGN: tuple[str, ...] = tuple(code for code in SUPPORTED if code != "en")
# Right-to-left scripts: their lines need isolating when shown beside left-to-right text.
RIGHT_TO_LEFT: frozenset[str] = frozenset({"ar", "fa", "he", "ur", "yi", "ps", "dv", "ug", "ku"})
# sumy's and NLTK's name of each language (stop words, Snowball stemmers).
SUMY_NAMES: dict[str, str] = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "de": "german",
    "pt": "portuguese",
    "ru": "russian",
    "it": "italian",
    "ar": "arabic",
    "zh": "chinese",
}


def language_name(code: str) -> str:
    """Return a language's English name ("Japanese"), or its code when unknown."""
    names = lexicon.table("_any", "language_names")
    values = names.get(code.lower())
    return " ".join(values) if values else code


def supported_names() -> str:
    """The supported languages, named in a sentence: "English, French, ... and Chinese"."""
    names = [language_name(code) for code in SUPPORTED]
    return ", ".join(names[:-1]) + " and " + names[-1]


# Unicode's right-to-left isolate and its end: inside them a line of Arabic reads right to left
# while the line around it ("1. ", a left-to-right embed) keeps its own direction. Discord's
# clients follow the bidi algorithm per line: unisolated, a summary line "1. وقالت موسكو ..."
# takes its direction from its first letter, and the number and the full stop swap ends.
RLI = "\u2067"
PDI = "\u2069"


def isolate(text: str, lang: str | None) -> str:
    """Wrap a line of a right-to-left language in an isolate; any other line as it is."""
    if lang not in RIGHT_TO_LEFT or not text:
        return text
    return RLI + text + PDI
