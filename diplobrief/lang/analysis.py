"""Analyse an article in a language beside English: its sentences, a summary in its language,
and its actors named in English (runs in a worker, as `diplobrief.analysis` does for English)."""

from __future__ import annotations

from diplobrief.actors.multilingual import find_actors
from diplobrief.analysis import clip_sentence
from diplobrief.capping import cap_text, squeeze_spaces
from diplobrief.lang import sentences as splitter
from diplobrief.lang.quotes import find_quotes
from diplobrief.lang.summary import summarize
from diplobrief.models import Analysis, Article
from diplobrief.summary.names import DEFAULT_ALGORITHM
from diplobrief.summary.summarize import is_whole, sentence_count


def analyse(
    article: Article,
    *,
    sentences: int | None = 5,
    algorithm: str | None = None,
    max_sentences: int = 300,
    ratio: float | None = None,
    avoid_quotes: bool = False,
) -> Analysis:
    """Split the article, summarise it in its language and find its actors."""
    lang = article.language or "und"
    algorithm = algorithm or DEFAULT_ALGORITHM
    sents = splitter.split(cap_text(squeeze_spaces(article.text), max_sentences), lang)
    sents = sents[:max_sentences]
    count = sentence_count(
        len(sents), sentences=None if ratio is not None else sentences, ratio=ratio
    )
    picked = summarize(
        sents, count, lang, algorithm, avoid_quotes=avoid_quotes, headline=article.title
    )
    summary = tuple(clip_sentence(sents[i]) for i in picked)
    chars = max(len(article.text), 1)
    reduction = max(0.0, 1.0 - sum(len(s) for s in summary) / chars)
    actors = find_actors(sents, lang, title=article.title, summary_sents=picked)
    return Analysis(
        summary=summary,
        algorithm=algorithm,
        sentences_total=len(sents),
        reduction=reduction,
        actors=actors,
        quotes=find_quotes(sents, actors, lang),
        whole=is_whole(len(sents), count),
    )
