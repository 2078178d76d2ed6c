"""sumy's summarisers behind one function, fed with spaCy's sentences and tokens."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from spacy.tokens import Span
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers._summarizer import AbstractSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

LANGUAGE = "english"

ALGORITHMS: dict[str, type[AbstractSummarizer]] = {
    "lexrank": LexRankSummarizer,
    "textrank": TextRankSummarizer,
    "lsa": LsaSummarizer,
    "luhn": LuhnSummarizer,
    "kl": KLSummarizer,
    "sumbasic": SumBasicSummarizer,
    "reduction": ReductionSummarizer,
}
DEFAULT_ALGORITHM = "lexrank"


class SpacyTokens:
    """A sumy tokenizer whose words come from a spaCy span (no NLTK data needed)."""

    def __init__(self, words: dict[str, tuple[str, ...]]) -> None:
        self._words = words

    def to_words(self, text: str) -> tuple[str, ...]:
        return self._words.get(text, tuple(text.split()))

    def to_sentences(self, text: str) -> tuple[str, ...]:  # pragma: no cover - sumy API shape
        return (text,)


def _words(span: Span) -> tuple[str, ...]:
    return tuple(t.text for t in span if not (t.is_punct or t.is_space))


def build_document(sentences: Sequence[Span]) -> ObjectDocumentModel:
    """Build sumy's document from spaCy sentences, one paragraph."""
    words = {s.text.strip(): _words(s) for s in sentences}
    tokens = SpacyTokens(words)
    return ObjectDocumentModel([Paragraph([Sentence(s.text.strip(), tokens) for s in sentences])])


@functools.cache
def make_summarizer(algorithm: str) -> AbstractSummarizer:
    """Build (once per process) the named summariser with English stemming and stop words."""
    try:
        cls = ALGORITHMS[algorithm]
    except KeyError:
        names = ", ".join(sorted(ALGORITHMS))
        raise ValueError(f"unknown algorithm {algorithm!r}; choose one of {names}") from None
    summarizer = cls(Stemmer(LANGUAGE))
    summarizer.stop_words = get_stop_words(LANGUAGE)
    return summarizer


def summarize(sentences: Sequence[Span], count: int, algorithm: str = DEFAULT_ALGORITHM) -> list[int]:
    """Pick `count` sentences with the named algorithm; return their indices in article order."""
    if count >= len(sentences):
        return list(range(len(sentences)))
    document = build_document(sentences)
    chosen = make_summarizer(algorithm)(document, count)
    # Map back by position: sumy returns Sentence objects in document order.
    index: dict[str, list[int]] = {}
    for i, s in enumerate(sentences):
        index.setdefault(s.text.strip(), []).append(i)
    picked: list[int] = []
    for sentence in chosen:
        slots = index.get(str(sentence))
        if slots:
            picked.append(slots.pop(0))
    return sorted(picked)
