"""Run extraction and analysis off the event loop; the spaCy pipeline loads once per worker."""

from __future__ import annotations

import asyncio
import importlib
import logging
import multiprocessing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from diplobrief.errors import AnalysisFailed, AnalysisTimedOut, Busy
from diplobrief.lang import FOREIGN
from diplobrief.models import Analysis, Article
from diplobrief.pool import PoolClosed, TimedOut, WorkerDied, WorkerPool
from diplobrief.summary.names import DEFAULT_ALGORITHM, SELECTION_REVISION

log = logging.getLogger(__name__)
T = TypeVar("T")

# fork: a worker starts with everything imported (2.3 s to ready instead of 4.5 s with spawn,
# and shared pages). Analyser forks its workers when it is built, which Briefer.open does
# before the store's thread starts; where fork is missing, spawn.
START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
SHUTTING_DOWN = "I'm shutting down; try again in a minute"


# What the analysis needs (spaCy, sumy, trafilatura): imported in the workers, and by this
# process only when its workers fork from it, so the CLI and the store start without them.
HEAVY_MODULES = ("diplobrief.analysis", "diplobrief.nlp", "diplobrief.web.extract")


def _warm(model: str) -> str:
    from diplobrief.nlp import load_pipeline

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
    from diplobrief.analysis import analyse
    from diplobrief.nlp import load_pipeline
    from diplobrief.web.extract import check_language

    check_language(article)
    if article.language in FOREIGN:
        from diplobrief.lang.analysis import analyse as analyse_in_language

        return analyse_in_language(
            article,
            sentences=length.sentences,
            algorithm=length.algorithm,
            max_sentences=max_sentences,
            ratio=length.ratio,
            avoid_quotes=length.avoid_quotes,
        )
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
    from diplobrief.web.extract import article_from_text, extract_article

    article = extract_article(body, url) if is_html else article_from_text(body, url, title)
    return article, analyse_article(model, article, length, max_sentences)


class Analyser:
    """Analysis workers (processes, or one thread when workers=0) with bounded waiting and a
    time limit per analysis.

    Past `timeout` seconds an analysis gets its worker killed and replaced (the other workers
    and their analyses go on) and its caller AnalysisTimedOut. With workers=0 (tests) a thread
    cannot be killed: the caller is still answered on time, while the thread runs on to its end;
    the next analysis, and the process's exit, wait for it.
    """

    def __init__(
        self,
        model: str,
        *,
        workers: int,
        max_pending: int,
        timeout: float | None = None,
        lazy: bool = False,
    ) -> None:
        self.model = model
        self.workers = workers
        self.max_pending = max_pending
        self.timeout = timeout
        self._pending = 0
        self._closed = False
        self._pool: WorkerPool | None = None
        if not lazy:
            # Every worker forks now, synchronously: before the caller starts threads of its
            # own (the store's), with the analysis imported once here and shared; each loads
            # the pipeline as its first call, at once. A worker that replaces a dead or killed
            # one is spawned: by then there are threads.
            if START_METHOD == "fork" and workers > 0:
                for name in HEAVY_MODULES:
                    importlib.import_module(name)
            self._pool = self._new_pool(START_METHOD, "spawn")

    def _new_pool(self, start_method: str, restart_method: str) -> WorkerPool:
        return WorkerPool(
            self.workers,
            first=(_warm, (self.model,)),
            start_method=start_method,
            restart_method=restart_method,
        )

    def _started(self) -> WorkerPool:
        """The pool; a lazy analyser starts its workers at its first analysis, from a fork
        server that has imported the analysis (this process has threads by then, and a CLI
        answering from the cache never needs them)."""
        if self._pool is None:
            method = (
                "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
            )
            if method == "forkserver":
                multiprocessing.get_context(method).set_forkserver_preload(list(HEAVY_MODULES))
            self._pool = self._new_pool(method, method)
        return self._pool

    @property
    def pending(self) -> int:
        return self._pending

    def pids(self) -> list[int]:
        """The worker processes' ids (none with workers=0, or before a lazy start)."""
        return self._pool.pids() if self._pool is not None else []

    async def start(self) -> None:
        """Return once the first worker has loaded the pipeline (the others load meanwhile);
        at once for a lazy analyser, which starts with its first analysis."""
        if self._pool is None:
            return
        waiting = [asyncio.wrap_future(f) for f in self._pool.warming]
        done, others = await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
        for other in others:
            other.cancel()  # only this wait for it: the worker goes on loading
        for task in done:
            task.result()  # a pipeline that cannot load fails here, at start

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run fn(model, *args) in a worker; raise Busy at once when too many are waiting, and
        AnalysisTimedOut when it runs past the time limit."""
        if self._closed or (self._pool is not None and self._pool.closed):
            raise Busy(SHUTTING_DOWN)
        if self._pending >= self.max_pending:
            log.warning("analysis queue full (%d waiting): refusing", self._pending)
            raise Busy("I'm busy with other briefs right now; try again in a minute")
        self._pending += 1
        try:
            pool = self._started()
            return await pool.run(fn, self.model, *args, limit=self.timeout)
        except TimedOut:
            raise AnalysisTimedOut("that page took too long to read") from None
        except PoolClosed:
            raise Busy(SHUTTING_DOWN) from None
        except WorkerDied:
            # The pool has started another worker in its place.
            if self._closed or pool.closed:
                raise Busy(SHUTTING_DOWN) from None
            raise AnalysisFailed("the analysis worker stopped unexpectedly; try again") from None
        finally:
            self._pending -= 1

    async def close(self) -> None:
        """Stop the workers; a stuck one is terminated, then killed, after a short grace."""
        self._closed = True
        if self._pool is not None:
            await self._pool.close()
