"""Extractive summaries in the languages beside English: the same summarisers (ours by
default), fed with the language's sentences, words, Snowball stems and stop words, and the same
rules for what never makes a good summary line, read from the language's word lists.

Beside the English rules, three of the language's own (judged on briefs of our own articles):
a quotation whose speaker is only a pronoun ("sagte er", «a-t-il écrit», "заявил он",
data/<lang>/speaker_tags.txt) or not named at all (the sentence is the quotation) leans on the
sentence before, as do the openers of data/<lang>/leaning_words.txt; a short sentence that only
announces ("Реакция последовала незамедлительно", data/<lang>/empty_links.txt) is never picked
while another will do; and a feature that opens on a scene starts its brief at the nut (below,
`nut`). Two quotations that say the same thing, or come from the same speaker, are not both
picked.

sumy ships stop words for every supported language but Russian (data/ru/stop_words.txt);
its stemmers are NLTK's Snowball ones, which need no data download (Chinese has none: its
words are pairs of characters, as Chinese words mostly are).
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Sequence

import numpy as np
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers._summarizer import AbstractSummarizer
from sumy.utils import get_stop_words

from diplobrief import lexicon
from diplobrief.actors import multilingual
from diplobrief.lang import FOREIGN, SUMY_NAMES
from diplobrief.lang.detect import size
from diplobrief.models import ActorType
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


def _optional_words(lang: str, name: str) -> frozenset[str]:
    return lexicon.words(lang, name) if name in lexicon.names(lang) else frozenset()


def _phrases(entries: frozenset[str]) -> re.Pattern[str] | None:
    """Any of the phrases, between non-letters (a literal alternation: linear)."""
    if not entries:
        return None
    alternation = lexicon.alternation(entries, space=r"\s+")
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")


# "..., a-t-il écrit.": a quotation whose speaker is named only before.
SPEAKER_TAGS: dict[str, re.Pattern[str] | None] = {
    lang: _phrases(_optional_words(lang, "speaker_tags")) for lang in FOREIGN
}
# "Реакция последовала незамедлительно": an announcement whose content comes after it.
EMPTY_LINKS: dict[str, frozenset[str]] = {
    lang: _optional_words(lang, "empty_links") for lang in FOREIGN
}
MAX_EMPTY_WORDS = 10
# "condamnations", "критику": the reactions such a sentence announces.
REACTIONS: dict[str, frozenset[str]] = {
    lang: _optional_words(lang, "reaction_words") for lang in FOREIGN
}
# Words of decision ("договорились", "unterzeichneten"), by their beginnings.
DECISIONS: dict[str, frozenset[str]] = {
    lang: _optional_words(lang, "decision_words") for lang in FOREIGN
}
# The first word of each title of office ("ministre", "Präsident"): a sentence that holds one
# names an actor.
TITLES: dict[str, frozenset[str]] = {
    lang: frozenset(t.split()[0] for t in lexicon.table(lang, "person_titles"))
    if "person_titles" in lexicon.names(lang)
    else frozenset()
    for lang in FOREIGN
}
# A feature's scene: at least this many sentences before the nut, which comes within the first
# `MAX_NUT` sentences.
MIN_SCENE = 2
# Languages that build compounds ("Parlamentswahl"): a word of decision may be inside a word.
COMPOUNDING = frozenset({"de", "nl"})
MAX_NAME_WORDS = 4
MAX_NUT = 8
# Two quotations this alike (word-set cosine) say the same thing: one is enough.
QUOTE_DUPLICATE = 0.3
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
_CLOSING_QUOTES = frozenset('"»”“」』')
_QUOTE_MARKS = re.compile('["«»“”„「」『』]')


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
    first = [w.lower() for w in _WORD.findall(text[:80])[:3]]
    return any(" ".join(first[:n]) in leaning for n in range(1, len(first) + 1))


def unattributed(text: str, lang: str) -> bool:
    """Whether the sentence quotes someone it does not name: it is the quotation and nothing
    else, or its speech tag is a pronoun ("sagte er", «a-t-il écrit», "заявил он")."""
    if text[:1] in _OPENING_QUOTES and text.rstrip(" .")[-1:] in _CLOSING_QUOTES:
        return True
    tags = SPEAKER_TAGS.get(lang)
    return tags is not None and bool(_QUOTE_MARKS.search(text)) and bool(tags.search(text.lower()))


def announces(text: str, lang: str) -> bool:
    """Whether the sentence only announces what the next ones say ("Реакция последовала
    незамедлительно"): a short sentence, no quotation, opening with an entry of the list, or
    holding a noun of reaction and naming no one ("Ce veto a suscité une pluie de
    condamnations")."""
    links = EMPTY_LINKS.get(lang)
    if not links or size(text) > MAX_EMPTY_WORDS or _QUOTE_MARKS.search(text) or ":" in text:
        return False
    first = " ".join(w.lower() for w in _WORD.findall(text[:80])[:4])
    if any(first == link or first.startswith(link + " ") for link in links):
        return True
    reactions = REACTIONS.get(lang, frozenset())
    said = any(w.startswith(r) for w in _WORD.findall(text.lower()) for r in reactions)
    return said and not _names_actor(text, lang, decisions=False)


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
                fragment=size(text) < MIN_WORDS or end not in _TERMINAL or announces(text, lang),
                quote=text[:1] in _OPENING_QUOTES,
                leans=_leans(text, lang) or unattributed(text, lang),
                quoted=text[:1] in _OPENING_QUOTES or holds_quotation(text),
            )
        )
    return out


def _decides(text: str, lang: str) -> bool:
    """Whether the sentence names an actor by title or holds a word of decision."""
    stems = DECISIONS.get(lang, frozenset())
    titles = TITLES.get(lang, frozenset())
    inside = lang in COMPOUNDING
    for word in _WORD.findall(text.lower()):
        if word in titles or any(
            (stem in word) if inside else word.startswith(stem) for stem in stems
        ):
            return True
    return False


def _names_actor(text: str, lang: str, *, decisions: bool = True) -> bool:
    """Whether the sentence names a person or an organisation of the gazetteer (a state or a
    city may be a feature's setting: "dans le sud de Bamako"), or, with `decisions`, a title
    of office or a decision."""
    if decisions and _decides(text, lang):
        return True
    table = multilingual.table(lang)
    keys = [multilingual.word_keys(w, lang)[0] for w in _WORD.findall(text)]
    longest = min(table.longest, MAX_NAME_WORDS)
    for i in range(len(keys)):
        for n in range(1, min(longest, len(keys) - i) + 1):
            entry = table.names.get(tuple(keys[i : i + n]))
            if entry is not None and entry.kind != ActorType.STATE:
                return True
    return False


def nut(sentences: Sequence[str], lang: str, headline: str | None) -> int:
    """Where the news starts: 0, unless the article opens on a scene (`MIN_SCENE` sentences or
    more that name no person or organisation of the gazetteer, no title of office and no
    decision) and the nut comes within the first `MAX_NUT` sentences: the first sentence that
    names one, if it shares a content word with the headline. Then the nut's index (or the
    sentence before it, when the nut leans on that one: "Dort verhandeln...")."""
    if not headline or not DECISIONS.get(lang):
        return 0
    stem = stemmer(lang)
    stop = stop_words(lang)

    def content(text: str) -> set[str]:
        return {stem(w.lower()) for w in words(text, lang) if w.lower() not in stop}

    title = content(headline)
    for i, text in enumerate(sentences[:MAX_NUT]):
        if _names_actor(text, lang):
            if i < MIN_SCENE or not title & content(text):
                return 0
            return i - 1 if _leans(text, lang) else i  # "Dort verhandeln...": where is there
    return 0


class LanguageNewsSummarizer(NewsSummarizer):
    """Our news summariser, with the language's rules for unfit lines, and one quotation of a
    speaker (or of a thought) only."""

    def __init__(self, lang: str, *, avoid_quotes: bool = False) -> None:
        super().__init__(stemmer(lang), avoid_quotes=avoid_quotes)
        self.lang = lang
        self._local = threading.local()  # the sentences being summarised, per thread

    def flags(self, sentences: Sequence[Sentence]) -> list[Flags]:
        texts = [str(s) for s in sentences]
        self._local.speakers = [speaker(t) for t in texts]
        return text_flags(texts, self.lang)

    def _open(
        self,
        window: list[int],
        usable: list[int],
        chosen: list[int],
        similar: np.ndarray,
        flags: list[Flags],
    ) -> tuple[list[int], list[int]]:
        """Leave out a quotation by a speaker already quoted, or much like a chosen one, while
        anything else is left."""
        speakers: list[frozenset[str]] = getattr(self._local, "speakers", [])

        def repeats(i: int) -> bool:
            if not flags[i].quoted or len(speakers) != len(flags):
                return False
            return any(
                flags[j].quoted
                and (similar[i, j] >= QUOTE_DUPLICATE or bool(speakers[i] & speakers[j]))
                for j in chosen
            )

        new_usable = [i for i in usable if not repeats(i)]
        if any(i not in chosen for i in new_usable):
            return [i for i in window if not repeats(i)], new_usable
        return window, usable


_CAPITAL = re.compile(r"[^\W\d_][\w-]*")


def speaker(text: str) -> frozenset[str]:
    """The capitalised words outside the quotation marks after a quotation's close: its
    speaker's name ("», a déclaré Mark Rutte." gives {"Mark", "Rutte"})."""
    last = None
    for mark in _QUOTE_MARKS.finditer(text):
        last = mark
    if last is None or last.group() in _OPENING_QUOTES - _CLOSING_QUOTES:
        return frozenset()
    tail = text[last.end() :]
    return frozenset(w for w in _CAPITAL.findall(tail) if w[:1].isupper())


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
    keep = list(range(nut(sentences, lang, headline), len(sentences)))
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
