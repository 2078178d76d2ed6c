"""The quotations of the three article fixtures, found once for the whole run."""

from __future__ import annotations

import pytest
from spacy.language import Language

from diplobrief.models import Quote
from tests.support.analysis import quotes_of, read_article


def fixture_quotes(nlp: Language, name: str) -> dict[str, Quote]:
    _title, _authors, body = read_article(name)
    return {q.quote: q for q in quotes_of(nlp, body)}


@pytest.fixture(scope="session")
def nuclear(nlp: Language) -> dict[str, Quote]:
    return fixture_quotes(nlp, "actors_nuclear_talks.txt")


@pytest.fixture(scope="session")
def ceasefire(nlp: Language) -> dict[str, Quote]:
    return fixture_quotes(nlp, "actors_border_ceasefire.txt")


@pytest.fixture(scope="session")
def air_defence(nlp: Language) -> dict[str, Quote]:
    return fixture_quotes(nlp, "actors_air_defence.txt")
