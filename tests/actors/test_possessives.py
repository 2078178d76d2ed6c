"""A possessive is never part of a name: "Trump’s" is Trump, even when the tokenizer leaves the
"’s" on the name ("Trump’s—President")."""

from __future__ import annotations

from spacy.language import Language

from tests.support.analysis import actors_of


def test_a_possessive_glued_to_a_name_is_cut(nlp: Language) -> None:
    text = (
        "Donald Trump’s—President of the United States—speech drew crowds. Trump said the "
        "wall would be built."
    )
    actors = actors_of(nlp, text)
    assert "Donald Trump" in actors
    assert not [n for n in actors if n.endswith(("’s", "'s"))]
    assert not [a for a in actors["Donald Trump"].aliases if a.endswith(("’s", "'s"))]
