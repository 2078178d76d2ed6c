"""A news-tuned extractive summariser with sumy's interface: the lede, then the lead's core.

News is written as an inverted pyramid: the first sentence states the story and the next few
carry its main facts, while the rest elaborates. Measured against journalists' highlights
(bench/summaries.py) nothing we tried beats "the first three sentences" by much, and every
centrality method that roams the whole article falls far behind it. So this summariser:

1. drops what reads badly alone (captions, boilerplate, bylines, questions, fragments and,
   on request, quotations: see diplobrief.summary.flags);
2. always keeps the lede, the first sentence that survives (or, given the headline, the second
   when the first is a dek off the headline's subject: no word of the headline, where the
   second has two or more; the dek is then left out);
3. fills the other places from the lead window (the first `count + 3` surviving sentences),
   ranking by centrality over the whole article (sumy's Reduction graph: overlap of content
   lemmas between sentences), with a small bonus for the first `count` (the lead stays unless
   a later line is clearly more central), a small penalty per log-word (concise lines carry
   the facts of a highlight), and a penalty for redundancy with what is already picked
   (maximal marginal relevance; a sentence that repeats half of a picked one in runs of seven
   words or more, like a caption recycling the body, counts as a duplicate);
4. keeps a sentence that opens with "He", "However", "This"... only together with the sentence
   before it: it pulls that one in when there is room, and otherwise passes it over.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sumy.models.dom import ObjectDocumentModel, Sentence
from sumy.summarizers._summarizer import AbstractSummarizer
from sumy.utils import ItemsCount

from diplobrief.summary.flags import Flags, same_paragraph, sentence_flags, text_flags

log = logging.getLogger(__name__)

Stemmer = Callable[[str], str]
_WORD = re.compile(r"\w+")


class NewsSummarizer(AbstractSummarizer):
    """Pick the lede and the most central, least redundant sentences of the lead."""

    # Chosen on the tune half of both bench sets (bench/summaries.py), checked on the other.
    window_extra = 3  # the lead window holds count + window_extra usable sentences
    redundancy = 0.45  # weight of the similarity to already-picked sentences (MMR)
    lead_bonus = 0.2  # added to the first `count` usable sentences' centrality (best is 1)
    length_penalty = 0.1  # subtracted per log(words): a mild preference for concise lines
    duplicate = 0.8  # word-set cosine at which a sentence only repeats a picked one
    run_length = 7  # ...or repeats half of it in runs of this many words
    avoid_quotes = False
    _stop_words: frozenset[str] = frozenset()

    def __init__(self, stemmer: Stemmer, *, avoid_quotes: bool | None = None) -> None:
        super().__init__(stemmer)
        self._stem = functools.lru_cache(maxsize=50_000)(stemmer)
        if avoid_quotes is not None:
            self.avoid_quotes = avoid_quotes

    @property
    def stop_words(self) -> frozenset[str]:
        return self._stop_words

    @stop_words.setter
    def stop_words(self, words: Sequence[str] | frozenset[str]) -> None:
        self._stop_words = frozenset(map(self.normalize_word, words))

    def __call__(
        self,
        document: ObjectDocumentModel,
        sentences_count: int | str,
        *,
        headline: str | None = None,
    ) -> tuple:
        sentences = list(document.sentences)
        count = len(ItemsCount(sentences_count)(sentences))
        return tuple(sentences[i] for i in self.select(sentences, count, headline=headline))

    def select(
        self, sentences: Sequence[Sentence], count: int, *, headline: str | None = None
    ) -> list[int]:
        """Return the indices (in article order) of the `count` sentences to keep."""
        n = len(sentences)
        if count >= n:
            return list(range(n))
        if count <= 0:
            return []
        flags = self.flags(sentences)
        terms = _TermMatrix.build([self._terms(s) for s in sentences])
        words = np.array([max(len(s.words), 1) for s in sentences], dtype=float)
        score = self._rate(terms) - self.length_penalty * np.log(words)
        similar = terms.cosine()
        for i, j in _shared_runs(sentences, self.run_length):
            similar[i, j] = similar[j, i] = 1.0  # a recycled sentence (a caption, a recap)
        usable = [i for i in range(n) if self._usable(flags[i])]
        dek = None
        if headline and n > count and self._is_dek(sentences, usable, headline, flags):
            dek = usable.pop(0)  # the lede is next, and the brief is better without the dek
        if len(usable) < count:  # a short or odd text: fill up with the least bad of the rest
            rest = [i for i in range(n) if i not in usable and i != dek and not flags[i].junk]
            usable += sorted(rest, key=lambda i: (_harm(flags[i]), i))[: count - len(usable)]
            usable.sort()
        if not usable:  # nothing but junk: better the text as it comes than no brief at all
            usable = list(range(n))
        window = usable[: count + self.window_extra]
        score[usable[:count]] += self.lead_bonus
        # The lede: the first line that stands on its own ("This copy is for your personal
        # use" or "He had found a strange cell" opens no brief).
        chosen = [next((i for i in window if not flags[i].leans), usable[0])]
        while len(chosen) < min(count, len(usable)):
            nxt = self._next(window, usable, chosen, score, similar, flags, count)
            chosen.extend(i for i in nxt if i not in chosen)
        return sorted(chosen[:count])

    def flags(self, sentences: Sequence[Sentence]) -> list[Flags]:
        """What makes each sentence a poor pick (a summariser for another language reads
        them with that language's rules)."""
        return _flags(sentences)

    def rate(self, words: Sequence[Sequence[str]]) -> np.ndarray:
        """Rate sentences (as lists of terms) by centrality; the best scores 1."""
        return self._rate(_TermMatrix.build(words))

    def _rate(self, terms: _TermMatrix) -> np.ndarray:
        # Reduction's edge: shared term pairs / (log len1 + log len2), summed per sentence.
        overlap = terms.counts @ terms.counts.T
        np.fill_diagonal(overlap, 0.0)
        logs = np.log(np.maximum(terms.lengths, 1.0))
        norm = logs[:, None] + logs[None, :]
        edges = np.divide(overlap, norm, out=np.zeros_like(overlap), where=norm > 0)
        score = edges.sum(axis=1)
        top = score.max() if len(score) else 0.0
        return score / top if top > 0 else score

    def _is_dek(
        self, sentences: Sequence[Sentence], usable: list[int], headline: str, flags: list[Flags]
    ) -> bool:
        """Whether the first line is a dek or a photo line off the headline's subject while the
        next one is the lede: the first shares no word with the headline, the next two or more.
        ("Putin pledged to share terror warnings" above "Russia has offered to mediate talks
        between the United States and North Korea", under "Russia Offers to Mediate Talks".)
        A dek is a paragraph of its own, and the lede after it stands alone: a first sentence
        followed, in its paragraph, by "He had found a strange-looking cell" is the lede."""
        if len(usable) < 3 or flags[usable[1]].leans:
            return False
        first, second = (getattr(sentences[i], "span", None) for i in usable[:2])
        if first is not None and second is not None and same_paragraph(first, second):
            return False
        title = self._words(_WORD.findall(headline))
        first, second = (self._words(sentences[i].words) for i in usable[:2])
        return bool(title) and not (title & first) and len(title & second) >= 2

    def _words(self, words: Sequence[str]) -> set[str]:
        normal = (self.normalize_word(w) for w in words)
        return {self._stem(w) for w in normal if w not in self._stop_words and w.isalnum()}

    def _usable(self, flags: Flags) -> bool:
        return not (flags.unfit or (self.avoid_quotes and flags.quoted))

    def _next(
        self,
        window: list[int],
        usable: list[int],
        chosen: list[int],
        score: np.ndarray,
        similar: np.ndarray,
        flags: list[Flags],
        count: int,
    ) -> list[int]:
        pool = [i for i in window if i not in chosen] or [i for i in usable if i not in chosen]
        fresh = [i for i in pool if max(similar[i, j] for j in chosen) < self.duplicate]
        pool = fresh or pool

        def value(i: int) -> float:
            return float(score[i] - self.redundancy * max(similar[i, j] for j in chosen))

        ranked = sorted(pool, key=value, reverse=True)
        for i in ranked:
            prev = i - 1
            if not flags[i].leans or prev in chosen:
                return [i]
            if prev < 0:
                continue  # it leans on nothing: a text that begins "He had found..."
            # A sentence that leans on its predecessor comes with it, or not at all; and that
            # one must stand on its own, or lean on a sentence already in.
            fits = len(chosen) + 2 <= count and self._usable(flags[prev])
            if fits and (not flags[prev].leans or prev - 1 in chosen):
                return [prev, i]
        alone = [i for i in ranked if not flags[i].leans]
        return (alone or ranked)[:1]

    def _terms(self, sentence: Sentence) -> list[str]:
        span = getattr(sentence, "span", None)
        if span is not None:  # lemmas of content words: "talks"/"talked" meet, "the" does not
            return [
                t.lemma_.lower()
                for t in span
                if not (t.is_stop or t.is_punct or t.is_space)
                and t.lemma_.lower() not in self._stop_words
            ]
        words = (self.normalize_word(w) for w in sentence.words)
        return [self._stem(w) for w in words if w not in self._stop_words]


def _shared_runs(sentences: Sequence[Sentence], length: int) -> set[tuple[int, int]]:
    """Return the pairs of sentences where one repeats the other: they share runs of `length`
    words (lower-cased) covering half the shorter one or more. A long official name ("the
    Organization for Security and Co-operation in Europe") in two sentences is not enough."""
    first: dict[tuple[str, ...], int] = {}
    shared: Counter[tuple[int, int]] = Counter()
    sizes = [len(s.words) for s in sentences]
    for i, sentence in enumerate(sentences):
        words = [w.lower() for w in sentence.words]
        for start in range(len(words) - length + 1):
            j = first.setdefault(tuple(words[start : start + length]), i)
            if j != i:
                shared[(j, i)] += 1
    return {
        (i, j)
        for (i, j), runs in shared.items()
        if runs + length - 1 >= 0.5 * min(sizes[i], sizes[j])
    }


def _harm(flags: Flags) -> int:
    """How badly a line that is not usable reads alone, for filling up a short text's brief:
    a line that leans or quotes, then a fragment, then a question (junk never goes in)."""
    return 2 if flags.question else 1 if flags.fragment else 0


def _flags(sentences: Sequence[Sentence]) -> list[Flags]:
    spans = [getattr(s, "span", None) for s in sentences]
    if all(span is not None for span in spans):
        return sentence_flags(spans)  # type: ignore[arg-type]
    return text_flags([str(s) for s in sentences])


@dataclass(frozen=True)
class _TermMatrix:
    """Term counts per sentence, kept only for terms that two or more sentences share."""

    counts: np.ndarray  # sentences x shared terms: only these can link two sentences
    lengths: np.ndarray  # all terms per sentence, shared or not
    distinct: np.ndarray  # distinct terms per sentence

    @classmethod
    def build(cls, words: Sequence[Sequence[str]]) -> _TermMatrix:
        """Count terms; the matrix stays small because most terms occur in one sentence."""
        df = Counter(term for terms in words for term in set(terms))
        column = {term: j for j, term in enumerate(t for t, n in df.items() if n > 1)}
        counts = np.zeros((len(words), max(1, len(column))))
        for i, terms in enumerate(words):
            for term in terms:
                j = column.get(term)
                if j is not None:
                    counts[i, j] += 1.0
        lengths = np.array([len(terms) for terms in words], dtype=float)
        distinct = np.array([len(set(terms)) for terms in words], dtype=float)
        return cls(counts, lengths, distinct)

    def cosine(self) -> np.ndarray:
        """Return the cosine similarity of the sentences' term sets."""
        present = (self.counts > 0).astype(float)
        dot = present @ present.T
        norms = np.sqrt(self.distinct)
        denom = norms[:, None] * norms[None, :]
        return np.divide(dot, denom, out=np.zeros_like(dot), where=denom > 0)
