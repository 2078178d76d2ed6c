"""Run extraction and analysis off the event loop; the spaCy pipeline loads once per worker."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from .analysis import analyse
from .errors import Busy
from .extract import article_from_text, check_language, extract_article
from .models import Analysis, Article
from .nlp import load_pipeline
from .summarize import DEFAULT_ALGORITHM

log = logging.getLogger(__name__)
T = TypeVar("T")

_MODEL: str | None = None
# fork: a worker starts with everything imported (2.3 s to ready instead of 4.5 s with spawn,
# and shared pages). Briefer.open starts the pool before any other thread exists, so no lock
# can be held at the fork; elsewhere spawn is the safe default.
START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _init_worker(model: str) -> None:
    global _MODEL
    _MODEL = model
    load_pipeline(model)


def _warm(model: str) -> str:
    load_pipeline(model)
    return model


@dataclass(frozen=True)
class Length:
    """How long a summary, and with what: a count or a ratio, an algorithm, quotes or not."""

    sentences: int = 5
    algorithm: str | None = None
    ratio: float | None = None
    avoid_quotes: bool = False

    def cache_key(self) -> tuple[int, str]:
        """The (sentences, algorithm) columns a brief of this length is cached under."""
        # A ratio is stored as a negative per-mille so it never meets a sentence count.
        count = -round(self.ratio * 1000) if self.ratio else self.sentences
        algorithm = self.algorithm or DEFAULT_ALGORITHM
        return count, algorithm + ("+noquotes" if self.avoid_quotes else "")


def analyse_article(model: str, article: Article, length: Length, max_sentences: int) -> Analysis:
    """Check the language, then analyse (in a worker)."""
    check_language(article)
    return analyse(
        load_pipeline(model),
        article,
        sentences=length.sentences,
        algorithm=length.algorithm,
        max_sentences=max_sentences,
        ratio=length.ratio,
        avoid_quotes=length.avoid_quotes,
    )


def analyse_page(
    model: str,
    body: str,
    url: str,
    is_html: bool,
    length: Length,
    max_sentences: int,
    title: str | None = None,
) -> tuple[Article, Analysis]:
    """Extract the article from a page (HTML or text) and analyse it, in one worker call."""
    article = extract_article(body, url) if is_html else article_from_text(body, url, title)
    return article, analyse_article(model, article, length, max_sentences)


class Analyser:
    """A pool of workers (processes, or one thread when workers=0) with bounded waiting."""

    def __init__(self, model: str, *, workers: int, max_pending: int) -> None:
        self.model = model
        self.workers = workers
        self.max_pending = max_pending
        self._pending = 0
        self._executor: Executor
        if workers > 0:
            self._executor = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context(START_METHOD),
                initializer=_init_worker,
                initargs=(model,),
            )
        else:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="analysis")

    @property
    def pending(self) -> int:
        return self._pending

    async def start(self) -> None:
        """Start every worker loading the pipeline; return once the first one can analyse."""
        count = max(self.workers, 1)
        warming = [asyncio.ensure_future(self._call(_warm, self.model)) for _ in range(count)]
        # The others finish loading in the background: being ready needs one worker, not all.
        done, _ = await asyncio.wait(warming, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            task.result()  # a pipeline that cannot load fails here, at start

    async def _call(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, fn, *args)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run fn(model, *args) in a worker; raise Busy at once when too many are waiting."""
        if self._pending >= self.max_pending:
            log.warning("analysis queue full (%d waiting): refusing", self._pending)
            raise Busy("I'm busy with other briefs right now; try again in a minute")
        self._pending += 1
        try:
            return await self._call(fn, self.model, *args)
        finally:
            self._pending -= 1

    async def close(self) -> None:
        await asyncio.to_thread(self._executor.shutdown, wait=True, cancel_futures=True)
