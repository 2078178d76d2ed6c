"""Extractive summaries in the languages beside English: the same summarisers (ours by
default), fed with the language's sentences, words, Snowball stems and stop words, and the same
rules for what never makes a good summary line, read from the language's word lists.

sumy ships stop words for every supported language but Russian (data/ru/stop_words.txt);
its stemmers are NLTK's Snowball ones, which need no data download (Chinese has none: its
words are pairs of characters, as Chinese words mostly are).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers._summarizer import AbstractSummarizer
from sumy.utils import get_stop_words

from diplobrief import lexicon
from diplobrief.lang import FOREIGN, SUMY_NAMES
from diplobrief.lang.detect import size
from diplobrief.summary.flags import MIN_WORDS, Flags, holds_quotation
from diplobrief.summary.news import NewsSummarizer
from diplobrief.summary.summarize import ALGORITHMS, SENTENCE_CAPS, is_whole

# Page furniture at the start of a line ("Lire aussi", "Читайте также", "延伸阅读").
JUNK: dict[str, re.Pattern[str]] = {
    lang: lexicon.pattern(lang, "junk", r"^\W*(?:{})") for lang in FOREIGN
}
LEANING: dict[str, frozenset[str]] = {
    lang: lexicon.words(lang, "leaning_words") for lang in FOREIGN
}
# sumy has no Russian list.
RUSSIAN_STOP_WORDS = lexicon.words("ru", "stop_words")
# Languages written without spaces: leaning words are looked up at the start of the text.
UNSPACED = frozenset({"zh"})
_WORD = re.compile(r"[^\W\d_]+")
_HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_CLOSERS = "\"'”’»)]」』）》 "
_TERMINAL = frozenset(".!?…。！？؟")
_QUESTION = frozenset("?？؟")
_OPENING_QUOTES = frozenset('"«“„「『')


@functools.cache
def stop_words(lang: str) -> frozenset[str]:
    """The language's stop words: sumy's, or the project's own for Russian."""
    if lang == "ru":
        return RUSSIAN_STOP_WORDS
    return frozenset(get_stop_words(SUMY_NAMES[lang]))


@functools.cache
def stemmer(lang: str) -> Stemmer:
    return Stemmer(SUMY_NAMES[lang])


def words(text: str, lang: str) -> tuple[str, ...]:
    """A sentence's words: for Chinese, each pair of neighbouring characters, plus any words in
    another script; elsewhere, runs of letters."""
    if lang not in UNSPACED:
        return tuple(_WORD.findall(text))
    out: list[str] = []
    for run in _HAN_RUN.findall(text):
        out.extend(run[i : i + 2] for i in range(max(len(run) - 1, 1)))
    out.extend(_WORD.findall(_HAN_RUN.sub(" ", text)))
    return tuple(out)


class _Tokens:
    """A sumy tokenizer for one language (no NLTK data needed)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def to_words(self, text: str) -> tuple[str, ...]:
        return words(text, self.lang)

    def to_sentences(self, text: str) -> tuple[str, ...]:  # pragma: no cover - sumy API shape
        return (text,)


def _leans(text: str, lang: str) -> bool:
    leaning = LEANING[lang]
    if lang in UNSPACED:
        return any(text.startswith(word) for word in leaning)
    first = [w.lower() for w in _WORD.findall(text[:80])[:2]]
    return bool(first) and (first[0] in leaning or " ".join(first) in leaning)


def text_flags(texts: Sequence[str], lang: str) -> list[Flags]:
    """Flag each sentence by the language's rules: furniture, questions, fragments, quotations,
    and openings that lean on the sentence before."""
    junk = JUNK[lang]
    out = []
    for raw in texts:
        text = raw.strip()
        end = text.rstrip(_CLOSERS)[-1:]
        out.append(
            Flags(
                junk=bool(junk.search(text)),
                question=end in _QUESTION,
                fragment=size(text) < MIN_WORDS or end not in _TERMINAL,
                quote=text[:1] in _OPENING_QUOTES,
                leans=_leans(text, lang),
                quoted=text[:1] in _OPENING_QUOTES or holds_quotation(text),
            )
        )
    return out


class LanguageNewsSummarizer(NewsSummarizer):
    """Our news summariser, with the language's rules for unfit lines."""

    def __init__(self, lang: str, *, avoid_quotes: bool = False) -> None:
        super().__init__(stemmer(lang), avoid_quotes=avoid_quotes)
        self.lang = lang

    def flags(self, sentences: Sequence[Sentence]) -> list[Flags]:
        return text_flags([str(s) for s in sentences], self.lang)


@functools.cache
def make_summarizer(algorithm: str, lang: str, *, avoid_quotes: bool = False) -> AbstractSummarizer:
    """Build (once per process and language) the named summariser for the language."""
    summarizer: AbstractSummarizer
    if algorithm == "news":
        summarizer = LanguageNewsSummarizer(lang, avoid_quotes=avoid_quotes)
    else:
        summarizer = ALGORITHMS[algorithm](stemmer(lang))
    summarizer.stop_words = stop_words(lang)
    return summarizer


def summarize(
    sentences: Sequence[str],
    count: int,
    lang: str,
    algorithm: str = "news",
    *,
    avoid_quotes: bool = False,
    headline: str | None = None,
) -> list[int]:
    """Pick `count` sentences with the named algorithm; return their indices in article
    order. As for English, an article of `count + 1` sentences or fewer comes back whole, and
    every algorithm skips the lines the language's rules find unfit while enough are left."""
    if is_whole(len(sentences), count):
        return list(range(len(sentences)))
    keep = list(range(len(sentences)))
    if algorithm != "news":  # ours reads the flags itself
        flags = text_flags(sentences, lang)
        fit = [i for i, f in enumerate(flags) if not f.unfit]
        unquoted = [i for i in fit if not (avoid_quotes and flags[i].quoted)]
        keep = next((pool for pool in (unquoted, fit) if len(pool) > count), keep)
    keep = keep[: SENTENCE_CAPS.get(algorithm, len(keep))]
    tokens = _Tokens(lang)
    document = ObjectDocumentModel([Paragraph([Sentence(sentences[i], tokens) for i in keep])])
    summarizer = make_summarizer(algorithm, lang, avoid_quotes=avoid_quotes)
    if isinstance(summarizer, NewsSummarizer):
        chosen = summarizer(document, count, headline=headline)
    else:
        chosen = summarizer(document, count)
    position = {id(s): keep[i] for i, s in enumerate(document.sentences)}
    return sorted({position[id(s)] for s in chosen if id(s) in position})
