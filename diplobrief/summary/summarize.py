"""sumy's summarisers (and our news summariser) behind one function, fed with spaCy's parse."""

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

from diplobrief.summary.flags import furniture_marks, sentence_flags
from diplobrief.summary.names import ALGORITHM_NAMES, DEFAULT_ALGORITHM
from diplobrief.summary.news import NewsSummarizer

LANGUAGE = "english"

ALGORITHMS: dict[str, type[AbstractSummarizer]] = {
    "lexrank": LexRankSummarizer,
    "textrank": TextRankSummarizer,
    "lsa": LsaSummarizer,
    "luhn": LuhnSummarizer,
    "kl": KLSummarizer,
    "sumbasic": SumBasicSummarizer,
    "reduction": ReductionSummarizer,
    "news": NewsSummarizer,
}
assert tuple(ALGORITHMS) == ALGORITHM_NAMES
MIN_SENTENCES = 1
MAX_SENTENCES = 10
DEFAULT_SENTENCES = 5
# Algorithms too slow for long articles see only their first sentences (news leads anyway).
SENTENCE_CAPS = {"kl": 80}


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


class SpanSentence(Sentence):
    """A sumy sentence that keeps its spaCy span, for summarisers that read the parse."""

    __slots__ = ("span",)

    def __init__(self, span: Span, tokenizer: SpacyTokens) -> None:
        super().__init__(span.text.strip(), tokenizer)
        self.span = span


def build_document(sentences: Sequence[Span]) -> ObjectDocumentModel:
    """Build sumy's document from spaCy sentences, one paragraph."""
    words = {s.text.strip(): _words(s) for s in sentences}
    tokens = SpacyTokens(words)
    return ObjectDocumentModel([Paragraph([SpanSentence(s, tokens) for s in sentences])])


def sentence_count(total: int, *, sentences: int | None = None, ratio: float | None = None) -> int:
    """Turn a requested length (a count of 1-10, or a share of the article) into a count."""
    if sentences is not None and ratio is not None:
        raise ValueError("give a sentence count or a ratio, not both")
    if ratio is not None:
        if not 0 < ratio <= 1:
            raise ValueError(f"ratio must be in (0, 1], not {ratio}")
        return max(MIN_SENTENCES, min(MAX_SENTENCES, round(total * ratio)))
    count = DEFAULT_SENTENCES if sentences is None else sentences
    if not MIN_SENTENCES <= count <= MAX_SENTENCES:
        raise ValueError(f"sentences must be {MIN_SENTENCES}-{MAX_SENTENCES}, not {count}")
    return count


def is_whole(total: int, count: int) -> bool:
    """Return whether an article this short is better given whole than summarised."""
    # Cutting one sentence out of k + 1 saves the reader nothing.
    return total <= count + 1


@functools.cache
def make_summarizer(algorithm: str, *, avoid_quotes: bool = False) -> AbstractSummarizer:
    """Build (once per process) the named summariser with English stemming and stop words."""
    try:
        cls = ALGORITHMS[algorithm]
    except KeyError:
        names = ", ".join(sorted(ALGORITHMS))
        raise ValueError(f"unknown algorithm {algorithm!r}; choose one of {names}") from None
    if cls is NewsSummarizer:
        summarizer: AbstractSummarizer = NewsSummarizer(
            Stemmer(LANGUAGE), avoid_quotes=avoid_quotes
        )
    else:
        summarizer = cls(Stemmer(LANGUAGE))
    summarizer.stop_words = get_stop_words(LANGUAGE)
    return summarizer


def summarize(
    sentences: Sequence[Span],
    count: int,
    algorithm: str = DEFAULT_ALGORITHM,
    *,
    avoid_quotes: bool = False,
    headline: str | None = None,
    furniture: Sequence[str] = (),
) -> list[int]:
    """Pick `count` sentences with the named algorithm; return their indices in article order.

    An article of `count + 1` sentences or fewer comes back whole (see `is_whole`). Every
    algorithm skips captions, boilerplate, questions and fragments while enough is left.
    `avoid_quotes` leaves out sentences that hold a direct quotation, with every algorithm.
    `headline` lets `news` tell a dek above the lede from the lede, and every algorithm leave
    out a line that only repeats it; `furniture` (the article's furniture lines: subheads,
    labels, a table of contents) are never picked.
    """
    if is_whole(len(sentences), count):
        return list(range(len(sentences)))
    keep = list(range(len(sentences)))
    marks = furniture_marks([s.text for s in sentences], furniture, headline)
    if algorithm != "news":  # ours applies the same rules itself, with the parse at hand
        # Captions, boilerplate, questions and fragments never make a good summary line;
        # dropping them first is neutral on the bench and cleaner on real pages.
        flags = sentence_flags(sentences)
        fit = [i for i, f in enumerate(flags) if not (f.unfit or marks[i])]
        unquoted = [i for i in fit if not (avoid_quotes and flags[i].quoted)]
        keep = next((pool for pool in (unquoted, fit) if len(pool) > count), keep)
    # KL-Sum recomputes word frequencies for every pair: quadratic, 18 s at 236 sentences.
    keep = keep[: SENTENCE_CAPS.get(algorithm, len(keep))]
    summarizer = make_summarizer(algorithm, avoid_quotes=avoid_quotes)
    document = build_document([sentences[i] for i in keep])
    if isinstance(summarizer, NewsSummarizer):
        chosen = summarizer(document, count, headline=headline, furniture=marks)
    else:
        chosen = summarizer(document, count)
    # sumy hands back the document's own sentence objects; map them back by identity.
    position = {id(s): keep[i] for i, s in enumerate(document.sentences)}
    picked = {position[id(s)] for s in chosen if id(s) in position}
    return sorted(picked)
