"""One spaCy parse of an article → summary, actors and quotes (CPU-bound; runs in a worker)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Span

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


def brief_sentence(sents: Sequence[Span], i: int) -> str:
    """A sentence as the brief shows it: with the closing quotation mark the splitter cut off
    onto a line of its own ('"...by 2007.' then '"') put back, so no quotation reads unclosed."""
    text = sents[i].text.strip()
    if i + 1 < len(sents):
        after = sents[i + 1].text.strip()
        if after and all(c in _CLOSING_MARKS for c in after):
            text += after
    return text


_CLOSING_MARKS = frozenset("\"”’'»")


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
    picked = summarize(
        sents,
        count,
        algorithm,
        avoid_quotes=avoid_quotes,
        headline=article.title,
        furniture=article.furniture,
    )
    whole = is_whole(len(sents), count)
    summary = tuple(clip_sentence(brief_sentence(sents, i)) for i in picked)
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
