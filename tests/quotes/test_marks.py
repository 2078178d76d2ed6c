"""One reading of quotation marks (`quotes.marks`) for quotes, speakers and sentence flags."""

from __future__ import annotations

import time

import pytest
from spacy.language import Language

from diplobrief.actors import gazetteer
from diplobrief.actors.find import find_actors
from diplobrief.quotes.find import _QuoteFinder, find_quotes
from diplobrief.quotes.marks import quotation_spans, quoted_tokens
from diplobrief.summary.flags import _Quotations, holds_quotation, sentence_flags, text_flags

# The text of the closing-mark regression (tests/test_review_regressions.py): the quotation
# closes with a “ typed for a ”.
MISTYPED = (
    "Turkish President Tayyip Erdogan said on Tuesday he would send Sweden's bid to "
    "parliament. “We have kept our word,“ Erdogan told reporters. The parliament is "
    "expected to vote within weeks. Sweden welcomed the decision."
)


def test_a_closing_mark_typed_as_an_opening_one_closes_the_quotation(nlp: Language) -> None:
    doc = nlp(MISTYPED)
    quotes = find_quotes(doc, find_actors(doc))
    # Before, the quotation never closed: it ran to the end of the text, swallowing the
    # attribution, and nobody said it.
    assert [(q.quote, q.speaker, q.cue) for q in quotes] == [
        ("We have kept our word", "Tayyip Erdogan", "told")
    ]


def test_the_sentence_flags_read_the_same_quotation(nlp: Language) -> None:
    sentences = list(nlp(MISTYPED).sents)
    flags = sentence_flags(sentences)
    assert [f.quoted for f in flags] == [False, True, False, False]
    assert not any(f.leans for f in flags[2:])


def test_an_inverted_attribution_after_a_mistyped_closing_mark(nlp: Language) -> None:
    text = MISTYPED.replace("Erdogan told reporters", "said Erdogan Bayraktar")
    doc = nlp(text)
    [quote] = find_quotes(doc, find_actors(doc))
    assert (quote.quote, quote.speaker) == ("We have kept our word", "Erdogan Bayraktar")


# Each text: its quotations' words (as `quotation_spans` gives them) and whether each closes.
CASES: dict[str, tuple[str, list[tuple[str, bool]]]] = {
    "curly": ("“We will not give in,” the minister said.", [("We will not give in,", True)]),
    "straight": ('"We will not give in," the minister said.', [("We will not give in,", True)]),
    "curly then straight": (
        '“We will not give in," the minister said.',
        [("We will not give in,", True)],
    ),
    "straight then curly": (
        '"We will not give in,” the minister said.',
        [("We will not give in,", True)],
    ),
    "straight nested in curly": (
        '“They call it "a special operation" but it is a war,” the minister said.',
        [('They call it "a special operation" but it is a war,', True)],
    ),
    "inch mark inside": (
        "“He is 6'2\" and towers over everyone,” a diplomat said.",
        [("He is 6'2\" and towers over everyone,", True)],
    ),
    "inch mark alone": ('The army said a 12" mortar round hit a village.', []),
    "guillemets": (
        "The minister said: «We will not give in.» The delegation left Paris.",
        [("We will not give in.", True)],
    ),
    "curly single": (
        "The minister said: ‘We will not give in.’ The delegation left Paris.",
        [("We will not give in.", True)],
    ),
    "straight single": (
        "The minister said: 'We will not give in.' The delegation left Paris.",
        [("We will not give in.", True)],
    ),
    "mixed single": (
        "The minister said: ‘We will not give in.' The delegation left Paris.",
        [("We will not give in.", True)],
    ),
    "apostrophes": ("The ministers' talks in Chile's capital went on since the '90s.", []),
    "an elided year": ("Trade has grown since the ‘90s, the ministers’ aides said.", []),
    "unclosed": (
        "“We will not give in, the minister said.\nThe talks went on.",
        [("We will not give in, the minister said.", False)],
    ),
    "closing typed as opening": (
        "“We have kept our word,“ Erdogan told reporters. The parliament will vote.",
        [("We have kept our word,", True)],
    ),
    "an opening mark where one never closed": (
        '"We have said as much. "Russia is our partner," he said.',
        [("We have said as much. ", False), ("Russia is our partner,", True)],
    ),
    "opening typed as closing": (
        "He said ”we will not give in” on Monday.",
        [("we will not give in", True)],
    ),
    "a stray closing mark": ('We will not give in," the minister said.', []),
}


@pytest.mark.parametrize(("text", "expected"), CASES.values(), ids=list(CASES))
def test_quotation_marks(text: str, expected: list[tuple[str, bool]]) -> None:
    found = [(text[q.open + 1 : q.end], q.closed) for q in quotation_spans(text)]
    assert found == expected


@pytest.mark.parametrize(("text", "expected"), CASES.values(), ids=list(CASES))
def test_every_caller_reads_the_same_quotations(
    nlp: Language, text: str, expected: list[tuple[str, bool]]
) -> None:
    doc = nlp(text)
    spans = quoted_tokens(doc)
    assert [(doc[q.start : q.end].text.strip(), q.close_i is not None) for q in spans] == [
        (words.strip(), closed) for words, closed in expected
    ]
    # Quotes (and the speakers, which read the quotes' tokens): the quotations of two words
    # or more, by the same tokens.
    finder = _QuoteFinder(doc, find_actors(doc), gazetteer.load())
    assert [(q.open_i, q.start, q.end, q.close_i) for q in finder.quotes] == [
        (q.open_i, q.start, q.end, q.close_i)
        for q in spans
        if len(doc[q.start : q.end].text.split()) >= 2
    ]
    assert all(
        finder.speakers.in_quote[i] == q.index
        for q in finder.quotes
        for i in range(q.open_i, q.close_i if q.close_i is not None else q.end)
    )
    # Sentence flags: the same quotations, and a sentence holds one when it holds the words of
    # one that closes (two words or more), or starts with one.
    assert _Quotations(doc).found == spans
    sentences = list(doc.sents)
    flags = sentence_flags(sentences)
    for sentence, flag in zip(sentences, flags, strict=True):
        holds = any(
            q.close_i is not None
            and len(doc[q.start : q.end].text.split()) >= 2
            and q.start < sentence.end
            and sentence.start <= q.close_i
            for q in spans
        )
        opens = any(q.open_i == sentence.start for q in spans)
        assert flag.quoted == (holds or opens), sentence.text


@pytest.mark.parametrize(
    "text",
    [
        " 'a" * 20_000,
        ' "a b' * 20_000,
        " “a ‘b «c 'd" * 10_000,
        "“" * 50_000 + "a b" + "’" * 50_000,
        "“a“ " * 20_000,
        "'a' " * 20_000 + "\n" + " 'a" * 20_000,
    ],
    ids=["openings", "double openings", "mixed", "runs", "closing-typed openings", "singles"],
)
def test_the_scanner_runs_in_linear_time(text: str) -> None:
    start = time.perf_counter()
    quotation_spans(text)
    assert time.perf_counter() - start < 2.0  # about 0.1 s; quadratic would take minutes


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("“We have kept our word,“ Erdogan told reporters.", True),
        ('"We will go," he said.', True),
        ('He said "no" twice.', False),  # one word is no quotation
        ("The '90s were calm, and the 6'2\" envoy agreed.", False),
        ("‘We wait,’ she said.", True),
        ("“It never closes and runs on to the end", False),
    ],
)
def test_text_without_a_parse_is_read_by_the_same_scanner(text: str, quoted: bool) -> None:
    """The text-only flags (no spaCy parse) used a scanner of their own until issue 15."""
    assert holds_quotation(text) is quoted
    assert text_flags([text])[0].quoted is quoted
