"""The analysis workers' time limit, on real worker processes: a stuck analysis is answered on
time, its worker killed and replaced while the others go on; closing never waits on a stuck one."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import time

import pytest

from diplobrief.config import DEFAULT_MODEL
from diplobrief.errors import AnalysisTimedOut, Busy, NotAnArticle
from diplobrief.pool import RemoteTraceback
from diplobrief.workers import Analyser

LIMIT = 0.5
MARGIN = 1.0  # for a loaded machine: the answer comes within a few ms of the limit


def stuck(model: str) -> None:
    """A rule stuck in C code (catastrophic backtracking: about 10 s here, minutes with a few
    more letters). Python's signal handlers never run meanwhile: only a kill stops it."""
    re.match(r"(a+)+$", "a" * 28 + "b")


def nap(model: str, seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def refuse(model: str) -> None:
    raise NotAnArticle("this page has too little text to brief")


async def _reaped(pid: int, within: float = 2.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        await asyncio.sleep(0.02)
    return False


async def test_a_stuck_analysis_is_answered_on_time_and_only_its_worker_is_replaced(
    caplog: pytest.LogCaptureFixture,
) -> None:
    analyser = Analyser(DEFAULT_MODEL, workers=2, max_pending=8, timeout=LIMIT)
    try:
        # Both workers up, their pipelines loaded.
        first = set(await asyncio.gather(analyser.run(nap, 0.2), analyser.run(nap, 0.2)))
        assert first == set(analyser.pids()) and len(first) == 2

        started = time.perf_counter()
        stuck_call = asyncio.ensure_future(analyser.run(stuck))
        await asyncio.sleep(LIMIT - 0.2)  # it has its worker; this one gets the other and runs
        other = asyncio.ensure_future(analyser.run(nap, 0.4))  # across the kill, within its limit
        with pytest.raises(AnalysisTimedOut, match=r"^that page took too long to read$") as caught:
            await stuck_call
        took = time.perf_counter() - started
        assert LIMIT <= took < LIMIT + MARGIN, took
        assert caught.value.kind == "analysis_timeout"
        assert not other.done()

        survivor = await other  # the other worker and its analysis went on untouched
        [killed] = first - {survivor}
        assert await _reaped(killed)
        assert survivor in analyser.pids() and killed not in analyser.pids()
        assert len(analyser.pids()) == 2
        assert any(
            f"killing worker {killed}" in r.getMessage() and r.levelno == logging.WARNING
            for r in caplog.records
        )

        # The next analyses succeed, on both workers: the new one too.
        again = set(await asyncio.gather(analyser.run(nap, 0.1), analyser.run(nap, 0.1)))
        assert again == set(analyser.pids())
    finally:
        await analyser.close()


async def test_closing_does_not_wait_for_a_stuck_worker() -> None:
    analyser = Analyser(DEFAULT_MODEL, workers=1, max_pending=8)  # and no time limit at all
    [pid] = analyser.pids()
    await analyser.run(nap, 0)
    call = asyncio.ensure_future(analyser.run(stuck))
    await asyncio.sleep(0.2)
    started = time.perf_counter()
    await analyser.close()
    assert time.perf_counter() - started < 2.0
    with pytest.raises(Busy, match="shutting down"):
        await call  # its caller is told, not left waiting
    assert await _reaped(pid)
    with pytest.raises(Busy, match="shutting down"):
        await analyser.run(nap, 0)


async def test_without_worker_processes_the_limit_still_answers_on_time() -> None:
    # workers=0 (tests, the one-shot CLI): a thread cannot be killed. The caller is answered on
    # time; the thread runs on to its end, and the next analysis waits for it.
    analyser = Analyser(DEFAULT_MODEL, workers=0, max_pending=8, timeout=0.2)
    await analyser.run(nap, 0)
    started = time.perf_counter()
    with pytest.raises(AnalysisTimedOut):
        await analyser.run(nap, 0.6)
    assert 0.2 <= time.perf_counter() - started < 0.2 + MARGIN
    assert await analyser.run(nap, 0) == os.getpid()
    assert time.perf_counter() - started >= 0.6
    started = time.perf_counter()
    await analyser.close()
    assert time.perf_counter() - started < 0.1


async def test_a_worker_whose_caller_gave_up_finishes_and_serves_again() -> None:
    analyser = Analyser(DEFAULT_MODEL, workers=1, max_pending=8, timeout=5)
    try:
        [pid] = analyser.pids()
        call = asyncio.ensure_future(analyser.run(nap, 0.3))
        await asyncio.sleep(0.1)
        call.cancel()  # e.g. the brief it was for was cancelled
        with pytest.raises(asyncio.CancelledError):
            await call
        assert await analyser.run(nap, 0) == pid  # the same worker, once its analysis ended
    finally:
        await analyser.close()


async def test_an_error_in_a_worker_reaches_the_caller_with_its_traceback() -> None:
    analyser = Analyser(DEFAULT_MODEL, workers=1, max_pending=8, timeout=5)
    try:
        with pytest.raises(NotAnArticle, match="too little text") as caught:
            await analyser.run(refuse)
        assert isinstance(caught.value.__cause__, RemoteTraceback)
        assert "in refuse" in str(caught.value.__cause__)
        assert await analyser.run(nap, 0) in analyser.pids()  # the worker is still fine
    finally:
        await analyser.close()
