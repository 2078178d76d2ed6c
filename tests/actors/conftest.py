"""The actors of the three article fixtures, found once for the whole run."""

from __future__ import annotations

import pytest
from spacy.language import Language

from diplobrief.actors.find import find_actors
from diplobrief.models import Actor
from tests.support.analysis import read_article


@pytest.fixture(scope="session")
def articles(nlp: Language) -> dict[str, tuple[Actor, ...]]:
    found = {}
    for name in ("nuclear_talks", "border_ceasefire", "air_defence"):
        title, authors, body = read_article(f"actors_{name}.txt")
        found[name] = find_actors(nlp(body), title=title, authors=authors)
    return found
