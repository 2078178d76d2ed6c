"""A news-tuned extractive summariser with sumy's interface: the lede, then the lead's core.

News is written as an inverted pyramid: the first sentence states the story and the next few
carry its main facts, while the rest elaborates. Measured against journalists' highlights
(bench/summaries.py) nothing we tried beats "the first three sentences" by much, and every
centrality method that roams the whole article falls far behind it. So this summariser:

1. drops what reads badly alone (captions, boilerplate, bylines, questions, fragments, page
   furniture the extractor found in the page's structure, the headline again, a quotation that
   never closes and, on request, quotations: see diplobrief.summary.flags);
2. always keeps the lede, the first sentence that survives (or, given the headline, the second
   when the first is a dek off the headline's subject: no word of the headline, where the
   second has two or more; the dek is then left out; or, for a feature that opens with two or
   three teaser sentences sharing no word with the headline, its nut graf);
3. fills the other places from the lead window (the first `count + 2` surviving sentences),
   ranking by centrality over the whole article (sumy's Reduction graph: overlap of content
   lemmas between sentences), with a small bonus for the first `count` (the lead stays unless
   a later line is clearly more central), for carrying the headline's words and for saying why
   or what next, a small penalty per log-word (concise lines carry the facts of a highlight),
   and a penalty for redundancy with what is already picked (maximal marginal relevance; a
   sentence that repeats half of a picked one in runs of seven words or more, like a caption
   recycling the body, counts as a duplicate);
4. keeps a sentence only with what it needs: one that opens with "He", "However", "This"...
   with the sentence before it; one that names "Mr Abbasi" or "The envoy" as if known with the
   sentence that introduces them; a quotation with all of its sentences. It pulls those in
   when there is room, and otherwise passes the sentence over.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from sumy.models.dom import ObjectDocumentModel, Sentence
from sumy.summarizers._summarizer import AbstractSummarizer
from sumy.utils import ItemsCount

from diplobrief import lexicon
from diplobrief.summary.flags import Flags, same_paragraph, sentence_flags, text_flags

log = logging.getLogger(__name__)

Stemmer = Callable[[str], str]
_WORD = re.compile(r"\w+")
# A person named by courtesy title and surname ("Mr Abbasi", "Ms Cooper"): the brief must have
# introduced them first, or bring the sentence that does.
_HONORIFIC = lexicon.alternation(
    {w.rstrip(".") for w in lexicon.words("en", "honorifics") if " " not in w}
)
_TITLED = re.compile(rf"(?<![\w.])(?i:{_HONORIFIC})\.?\s+([A-Z][\w-]*(?:['’][A-Z][\w-]*)?)")
# A role that opens a sentence as its subject ("The envoy said..."), a reference back.
_ROLES = frozenset(t for t in lexicon.words("en", "titles") if " " not in t and "-" not in t)
# Why it matters and what comes next: a lead sentence that says so is worth a little more.
_CUE_WORDS = lexicon.alternation(lexicon.words("en", "consequence_cues"), space=r"\s+")
_CUES = re.compile(rf"\b(?:{_CUE_WORDS})\b", re.IGNORECASE)
# A person named in this many sentences is the story's own figure ("Mr Blair" in a story about
# him): named as known, the reader knows them even when their introduction is left out.
CENTRAL_MENTIONS = 5
MAX_TEASERS = 3  # a feature's teaser opening is at most this many sentences
MAX_QUOTE_RUN = 2  # a quotation taken whole spans at most this many sentences (of 5, say)


class NewsSummarizer(AbstractSummarizer):
    """Pick the lede and the most central, least redundant sentences of the lead."""

    # Chosen on the tune half of both bench sets (bench/summaries.py), checked on the other.
    window_extra = 2  # the lead window holds count + window_extra usable sentences
    redundancy = 0.45  # weight of the similarity to already-picked sentences (MMR)
    lead_bonus = 0.2  # added to the first `count` usable sentences' centrality (best is 1)
    length_penalty = 0.1  # subtracted per log(words): a mild preference for concise lines
    duplicate = 0.8  # word-set cosine at which a sentence only repeats a picked one
    run_length = 7  # ...or repeats half of it in runs of this many words
    cue_bonus = 0.05  # added to a lead sentence that says why it happened or what comes next
    headline_bonus = 0.2  # times the share of the headline's words a sentence carries
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
        furniture: Sequence[bool] = (),
    ) -> tuple:
        sentences = list(document.sentences)
        count = len(ItemsCount(sentences_count)(sentences))
        picked = self.select(sentences, count, headline=headline, furniture=furniture)
        return tuple(sentences[i] for i in picked)

    def select(
        self,
        sentences: Sequence[Sentence],
        count: int,
        *,
        headline: str | None = None,
        furniture: Sequence[bool] = (),
    ) -> list[int]:
        """Return the indices (in article order) of the `count` sentences to keep;
        `furniture` marks sentences that are page furniture (never picked)."""
        n = len(sentences)
        if count >= n:
            return list(range(n))
        if count <= 0:
            return []
        flags = self.flags(sentences)
        for i, mark in enumerate(furniture[:n]):
            if mark:
                flags[i] = replace(flags[i], junk=True)
        terms = _TermMatrix.build([self._terms(s) for s in sentences])
        words = np.array([max(len(s.words), 1) for s in sentences], dtype=float)
        score = self._rate(terms) - self.length_penalty * np.log(words)
        score += self.cue_bonus * np.array([bool(_CUES.search(str(s))) for s in sentences])
        if headline and self.headline_bonus:
            title = self._words(_WORD.findall(headline))
            if title:
                carried = [len(title & self._words(s.words)) / len(title) for s in sentences]
                score += self.headline_bonus * np.array(carried)
        similar = terms.cosine()
        for i, j in _shared_runs(sentences, self.run_length):
            similar[i, j] = similar[j, i] = 1.0  # a recycled sentence (a caption, a recap)
        usable = [i for i in range(n) if self._usable(flags[i])]
        dek = None
        if headline and n > count and self._is_dek(sentences, usable, headline, flags):
            dek = usable.pop(0)  # the lede is next, and the brief is better without the dek
        elif headline and n > count:
            teasers = self._teasers(sentences, usable, headline, count)
            del usable[:teasers]  # a feature's teaser opening: the nut graf leads the brief
        if len(usable) < count:  # a short or odd text: fill up with the least bad of the rest
            rest = [i for i in range(n) if i not in usable and i != dek and not flags[i].junk]
            usable += sorted(rest, key=lambda i: (_harm(flags[i]), i))[: count - len(usable)]
            usable.sort()
        if not usable:  # nothing but junk: better the text as it comes than no brief at all
            usable = list(range(n))
        window = usable[: count + self.window_extra]
        score[usable[:count]] += self.lead_bonus
        refs = _References(sentences)
        # The lede: the first line that stands on its own ("This copy is for your personal
        # use", "He had found a strange cell" or "Mr Lane said" opens no brief).
        lede = next(
            (
                i
                for i in window
                if not (flags[i].leans or flags[i].runs_on)
                and not any(self._usable(flags[j]) for j in refs.introductions(i, []))
            ),
            None,
        )
        chosen = [usable[0] if lede is None else lede]
        if lede is None and flags[chosen[0]].runs_on:
            chosen = self._group(chosen[0], [], flags, refs, n) or chosen
        while len(chosen) < min(count, len(usable)):
            open_window, open_usable = self._open(window, usable, chosen, similar, flags)
            nxt = self._next(open_window, open_usable, chosen, score, similar, flags, count, refs)
            chosen.extend(i for i in nxt if i not in chosen)
        return sorted(chosen[:count])

    def _open(
        self,
        window: list[int],
        usable: list[int],
        chosen: list[int],
        similar: np.ndarray,
        flags: list[Flags],
    ) -> tuple[list[int], list[int]]:
        """The window and the usable sentences the next pick may come from, given what is
        chosen (all of them here; a summariser for another language leaves some out)."""
        return window, usable

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

    def _teasers(
        self, sentences: Sequence[Sentence], usable: list[int], headline: str, count: int
    ) -> int:
        """How many usable sentences open the article as a feature's teaser, before its nut
        graf: two or three that share no word with the headline ("Well, go on.", "But here we
        are."), then one that shares two or more. A news story's lede shares the headline's
        words, and keeps its place (0)."""
        title = self._words(_WORD.findall(headline))
        if not title or len(usable) < count + MAX_TEASERS:
            return 0
        for k in range(min(MAX_TEASERS, len(usable) - count) + 1):
            shared = title & self._words(sentences[usable[k]].words)
            if shared:
                return k if k >= 2 and len(shared) >= 2 else 0
        return 0

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
        refs: _References,
    ) -> list[int]:
        def value(i: int) -> float:
            return float(score[i] - self.redundancy * max(similar[i, j] for j in chosen))

        def fresh(pool: list[int]) -> list[int]:
            new = [i for i in pool if max(similar[i, j] for j in chosen) < self.duplicate]
            return new or pool

        n = len(flags)
        inside = fresh([i for i in window if i not in chosen])
        ranked = sorted(inside, key=value, reverse=True)
        # Past the window, in the article's order: when nothing in the window can come whole
        # (a quotation too long, a sentence leaning on a left-out one), the next whole one does.
        beyond = fresh([i for i in usable if i not in chosen and i not in window])
        for i in [*ranked, *beyond]:
            group = self._group(i, chosen, flags, refs, n)
            if group is not None and len(chosen) + len(group) <= count:
                return group
        ranked = ranked or sorted(beyond, key=value, reverse=True)
        alone = [i for i in ranked if self._group(i, chosen, flags, refs, n) == [i]]
        return (alone or ranked)[:1]

    def _group(
        self, i: int, chosen: list[int], flags: list[Flags], refs: _References, n: int
    ) -> list[int] | None:
        """The sentences that must come with sentence i, i among them (None: it cannot come):
        the one before when it leans on it ("However, ..."); the one that introduces a person
        or a role it names as if known ("Mr Abbasi", "The envoy said") when no picked sentence
        before it does; the rest of a quotation it opens (a quotation is taken whole)."""
        before = range(i - 1, max(i - MAX_QUOTE_RUN, 0) - 1, -1)
        opener = next((j for j in before if j + flags[j].runs_on >= i), None)
        if opener is not None and opener not in chosen:  # within a quotation: all of it or none
            group = self._group(opener, chosen, flags, refs, n)
            return group if group is not None and i in group else None
        need: list[int] = []
        if flags[i].leans and i - 1 not in chosen:
            prev = i - 1
            # A sentence that leans on its predecessor comes with it, or not at all; and that
            # one must stand on its own, or lean on a sentence already in.
            if prev < 0 or not self._usable(flags[prev]):
                return None  # it leans on nothing: a text that begins "He had found..."
            if flags[prev].leans and prev - 1 not in chosen:
                return None
            need.append(prev)
        for intro in refs.introductions(i, [*chosen, *need]):
            if not self._usable(flags[intro]):
                # Introduced only in a line no brief shows (a question, a speech cut off): a
                # figure the story keeps naming is known to its reader anyway; another is not.
                if refs.central(i, intro):
                    continue
                return None
            if flags[intro].leans and intro - 1 not in chosen:
                return None
            need.append(intro)
        if flags[i].runs_on >= MAX_QUOTE_RUN:
            return None  # a speech too long for a brief: its parts read cut off
        for k in range(i + 1, i + 1 + flags[i].runs_on):
            if flags[k].junk:
                return None
            need.append(k)
        return sorted({*need, i} - set(chosen))

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


class _References:
    """Who and what each sentence names as if already known: a surname after a courtesy title
    ("Mr Abbasi"), a role as the subject ("The envoy said"); and where the article first names
    them. A sentence needs that first one in the brief before it, unless a sentence picked
    earlier names them too."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.keys: list[list[str]] = []
        self.first: dict[str, int] = {}
        self.words: list[set[str]] = []
        for i, sentence in enumerate(sentences):
            text = str(sentence)
            words = set(sentence.words) | {w.lower() for w in sentence.words}
            self.words.append(words)
            keys = [m.group(1) for m in _TITLED.finditer(text)]
            first = sentence.words[:2]
            if len(first) == 2 and first[0] == "The" and first[1] in _ROLES:
                keys.append(first[1])
            self.keys.append(keys)
            for key in keys:
                self.first.setdefault(key, i)
        for key, last in self.first.items():  # (the splitter's words may part "O'Brien's")
            self.first[key] = next((j for j in range(last) if key in self.words[j]), last)

    def central(self, i: int, intro: int) -> bool:
        """Whether whoever sentence i names as known and `intro` introduces is a figure the
        story keeps naming."""
        keys = [key for key in self.keys[i] if self.first[key] == intro]
        return all(sum(key in words for words in self.words) >= CENTRAL_MENTIONS for key in keys)

    def introductions(self, i: int, picked: Sequence[int]) -> list[int]:
        """The sentences that must come before sentence i for its references to be known."""
        out = []
        for key in self.keys[i]:
            first = self.first[key]
            if first < i and not any(j < i and key in self.words[j] for j in picked):
                out.append(first)
        return out


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
