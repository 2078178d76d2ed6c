"""One spaCy parse of an article → summary, actors and quotes (CPU-bound; runs in a worker)."""

from __future__ import annotations

import logging

from spacy.language import Language

from diplobrief.actors.find import find_actors
from diplobrief.capping import cap_text, squeeze_spaces
from diplobrief.models import Analysis, Article
from diplobrief.quotes.find import find_quotes
from diplobrief.summary.summarize import DEFAULT_ALGORITHM, is_whole, sentence_count, summarize

log = logging.getLogger(__name__)

# A summary sentence longer than this is a run-on page, not prose: it is cut for the brief.
MAX_SENTENCE_CHARS = 1000


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
