"""The sentences of the talks article, parsed once per test module."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Span

from tests.support import read_fixture
from tests.support.analysis import spans_of


@pytest.fixture(scope="module")
def talks(nlp: Language) -> list[Span]:
    return spans_of(nlp, read_fixture("summ_talks.txt"))
