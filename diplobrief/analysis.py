"""One spaCy parse of an article → summary, actors and quotes (CPU-bound; runs in a worker)."""

from __future__ import annotations

import logging
import re

from spacy.language import Language

from diplobrief.actors.find import find_actors
from diplobrief.models import Analysis, Article
from diplobrief.quotes.find import find_quotes
from diplobrief.summary.summarize import DEFAULT_ALGORITHM, is_whole, sentence_count, summarize

log = logging.getLogger(__name__)

# Characters parsed per allowed sentence: caps parse time on huge pages before spaCy sees them.
CHARS_PER_SENTENCE = 220
# Sentence ends read per allowed sentence: many short sentences fit in the character budget, and
# abbreviations such as "Mr." end no sentence for spaCy, hence the margin.
ENDS_PER_SENTENCE = 1.5
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
# A summary sentence longer than this is a run-on page, not prose: it is cut for the brief.
MAX_SENTENCE_CHARS = 1000
# Spaces, tabs and the like, but not line breaks (they part paragraphs, which the rules read).
_SPACES = re.compile(r"[^\S\n]+")


def squeeze_spaces(text: str) -> str:
    """Read every run of spaces as one space, and none at either end of a line.

    Plain-text pages pad and align with runs of hundreds of spaces: they cost the parser and
    the text rules time for nothing (a 65 KB page of them took over a minute).
    """
    return _SPACES.sub(" ", text).replace(" \n", "\n").replace("\n ", "\n")


def cap_text(text: str, max_sentences: int) -> str:
    """Cut very long text at a paragraph (or word) boundary so parsing time stays bounded."""
    limit = max_sentences * CHARS_PER_SENTENCE
    most = int(max_sentences * ENDS_PER_SENTENCE)
    for n, end in enumerate(_SENTENCE_END.finditer(text, 0, limit), 1):
        if n >= most:
            limit = end.end()
            break
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    if cut < limit // 2:
        cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit]


def clip_sentence(sentence: str, limit: int = MAX_SENTENCE_CHARS) -> str:
    """Return the sentence, cut on a word boundary with an ellipsis when over `limit` chars."""
    sentence = sentence.strip()
    if len(sentence) <= limit:
        return sentence
    cut = sentence.rfind(" ", 0, limit)
    return sentence[: cut if cut > limit // 2 else limit - 1] + "…"


def analyse(
    nlp: Language,
    article: Article,
    *,
    sentences: int | None = 5,
    algorithm: str | None = None,
    max_sentences: int = 300,
    ratio: float | None = None,
    avoid_quotes: bool = False,
) -> Analysis:
    """Parse the article once and build its summary, actors and quotes.

    The length is a count of sentences, or (with `ratio`) a share of the article's.
    """
    algorithm = algorithm or DEFAULT_ALGORITHM
    doc = nlp(cap_text(squeeze_spaces(article.text), max_sentences))
    sents = [s for s in doc.sents if s.text.strip()][:max_sentences]
    count = sentence_count(
        len(sents), sentences=None if ratio is not None else sentences, ratio=ratio
    )
    # An article of count + 1 sentences or fewer comes back whole from summarize().
    picked = summarize(sents, count, algorithm, avoid_quotes=avoid_quotes, headline=article.title)
    whole = is_whole(len(sents), count)
    summary = tuple(clip_sentence(sents[i].text) for i in picked)
    chars = max(len(article.text), 1)
    reduction = max(0.0, 1.0 - sum(len(s) for s in summary) / chars)
    actors = find_actors(doc, title=article.title, authors=article.authors, summary_sents=picked)
    quotes = find_quotes(doc, actors)
    return Analysis(
        summary=summary,
        algorithm=algorithm,
        sentences_total=len(sents),
        reduction=reduction,
        actors=actors,
        quotes=quotes,
        whole=whole,
    )
