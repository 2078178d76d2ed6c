"""Run extraction and analysis off the event loop; the spaCy pipeline loads once per worker."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

from .analysis import analyse
from .errors import AnalysisFailed, Busy
from .extract import article_from_text, check_language, extract_article
from .models import Analysis, Article
from .nlp import load_pipeline
from .summarize import DEFAULT_ALGORITHM, SELECTION_REVISION

log = logging.getLogger(__name__)
T = TypeVar("T")

# fork: a worker starts with everything imported (2.3 s to ready instead of 4.5 s with spawn,
# and shared pages). Analyser forks its workers when it is built, which Briefer.open does
# before the store's thread starts; where fork is missing, spawn.
START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _init_worker(model: str) -> None:
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
        count = -round(self.ratio * 1000) if self.ratio is not None else self.sentences
        algorithm = self.algorithm or DEFAULT_ALGORITHM
        quotes = "+noquotes" if self.avoid_quotes else ""
        return count, f"{algorithm}{quotes}@{SELECTION_REVISION}"


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
        self._executor = self._new_executor(START_METHOD)
        # Submitting forks every worker now, synchronously: before the caller starts threads
        # of its own (the store's), and the pipeline starts loading at once.
        self._warming = [self._executor.submit(_warm, model) for _ in range(max(workers, 1))]

    def _new_executor(self, method: str) -> Executor:
        if self.workers <= 0:
            return ThreadPoolExecutor(max_workers=1, thread_name_prefix="analysis")
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context(method),
            initializer=_init_worker,
            initargs=(self.model,),
        )

    @property
    def pending(self) -> int:
        return self._pending

    async def start(self) -> None:
        """Return once the first worker has loaded the pipeline (the others load meanwhile)."""
        waiting = [asyncio.wrap_future(f) for f in self._warming]
        done, _ = await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
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
        except BrokenProcessPool:
            # A worker died (killed, out of memory): replace the pool so later briefs work.
            # spawn, not fork: by now the process has threads whose locks a fork could copy.
            log.exception("an analysis worker died; starting a new pool")
            broken, self._executor = self._executor, self._new_executor("spawn")
            broken.shutdown(wait=False, cancel_futures=True)
            raise AnalysisFailed("the analysis worker stopped unexpectedly; try again") from None
        finally:
            self._pending -= 1

    async def close(self) -> None:
        await asyncio.to_thread(self._executor.shutdown, wait=True, cancel_futures=True)
