"""A small pool of worker processes (or one thread) in which every call has a time limit.

Why not concurrent.futures: a ProcessPoolExecutor cannot stop a task once it runs, and killing
one of its processes breaks the whole pool (every call in flight fails with it). Here each
worker is a process of its own with its own pipe and runs one call at a time: a call past its
limit gets its worker killed (SIGKILL: a rule stuck in C code notices nothing gentler) and a
new worker started, and the other workers and their calls go on untouched.

This module imports nothing heavy: a worker started by spawn loads only what its calls need.
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

# Closing: a worker told to stop has this long to exit (its call, if any, may end in it), then
# it is sent SIGTERM, and after as long again SIGKILL.
STOP_GRACE = 0.5
# A worker that could not be started is tried again after this many seconds.
RESTART_PAUSE = 5.0
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


class TimedOut(Exception):
    """The call ran past its limit; its worker process was killed and another started."""


class WorkerDied(Exception):
    """The worker process ended during the call (killed from outside, out of memory, crashed)."""


class PoolClosed(Exception):
    """The pool is closed: no more calls."""


class RemoteTraceback(Exception):
    """The traceback of an error raised in a worker process, attached as the error's cause."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def _die_with_parent(parent: int | None) -> None:
    """Linux: have the kernel kill this process when its parent dies, even one killed with no
    chance to clean up (SIGKILL): a worker stuck in a call would otherwise run on for good."""
    if parent is None or not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it died before that
        os._exit(1)


def _serve(conn: Connection, parent: int | None, inherited: list[Connection]) -> None:
    """A worker process: run each (fn, args) it is sent and send back (True, result, None) or
    (False, error, traceback), until told to stop (None) or its parent is gone."""
    _die_with_parent(parent)
    # Forked, it holds copies of the earlier workers' pipe ends: they would never see their
    # parent go (no end of file) while this one lives.
    for other in inherited:
        other.close()
    # Forked from the bot, this process has the parent's signal set-up, and its wake-up fd is
    # the parent's event loop: a signal caught here would run the parent's handlers. Ctrl-C is
    # for the parent (it closes the pool); SIGTERM simply ends a worker.
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if message is None:
            return
        fn, args = message
        reply: tuple[bool, Any, str | None]
        try:
            reply = (True, fn(*args), None)
        except Exception as exc:
            reply = (False, exc, traceback.format_exc())
        try:
            conn.send(reply)  # pickled whole before a byte is written
        except (EOFError, OSError):
            return
        except Exception as exc:  # a result or an error that cannot be pickled
            conn.send((False, RuntimeError(f"the worker could not send its answer: {exc!r}"), None))


def _in_thread(fn: Callable[..., Any], *args: Any, daemon: bool) -> Future[Any]:
    """Run fn(*args) in a thread of its own. A daemon thread never holds up this process's exit
    (a ThreadPoolExecutor's threads are joined at exit); only pipe work may run in one: a daemon
    thread still inside spaCy's C code when the process exits aborts it ("libblis: Aborting")."""
    future: Future[Any] = Future()
    future.set_running_or_notify_cancel()  # cannot be cancelled: it is already on its way

    def run() -> None:
        try:
            result = fn(*args)
        except BaseException as exc:
            future.set_exception(exc)
        else:
            future.set_result(result)

    threading.Thread(target=run, name="diplobrief-call", daemon=daemon).start()
    return future


class _Worker:
    """Where calls run, one at a time."""

    overran = False  # its current call ran past its limit
    retired = False  # killed, dead or stopped: it takes no more calls
    warming: Future[Any] | None = None  # its first call, which later ones wait for

    def call(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> Future[Any]:
        raise NotImplementedError

    def kill(self) -> None:
        """Stop the call in progress at once, whatever it is doing, and the worker with it."""


class _ThreadWorker(_Worker):
    """workers=0 (tests): each call runs in a thread of this process. A thread cannot be killed:
    past its limit the caller is answered at once, but the call runs on to its end, the next call
    waits for it, and so does this process's exit."""

    def call(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> Future[Any]:
        return _in_thread(fn, *args, daemon=False)


class _ProcessWorker(_Worker):
    """One worker process and this side of its pipe."""

    def __init__(self, context: BaseContext, earlier: Sequence[_ProcessWorker] = ()) -> None:
        self._conn, child = context.Pipe()
        method = context.get_start_method()
        # (only a forked worker inherits the earlier ones' pipe ends; spawn would copy them)
        inherited = [worker._conn for worker in earlier] if method == "fork" else []
        # (a forkserver's worker is the server's child, not this process's)
        parent = os.getpid() if method in ("fork", "spawn") else None
        self.process = context.Process(  # type: ignore[attr-defined]
            target=_serve,
            args=(child, parent, inherited),
            name="diplobrief-worker",
            daemon=True,
        )
        self.process.start()
        child.close()
        self._sending = threading.Lock()

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def call(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> Future[Any]:
        # Sending and waiting both happen in a thread: a 5 MB page is pickled and written
        # without holding up the event loop.
        return _in_thread(self._exchange, (fn, args), daemon=True)

    def _exchange(self, message: tuple[Callable[..., Any], tuple[Any, ...]]) -> Any:
        try:
            with self._sending:
                self._conn.send(message)
            ok, value, trace = self._conn.recv()
        except (EOFError, OSError) as exc:
            self.process.join(1)  # reap it
            self._conn.close()
            raise WorkerDied(f"worker {self.pid} ended ({self.process.exitcode})") from exc
        if ok:
            return value
        if trace:
            value.__cause__ = RemoteTraceback(trace)
        raise value

    def kill(self) -> None:
        self.retired = True
        self.process.kill()  # no-op once it has been reaped

    def stop(self) -> None:
        """Ask the worker to exit once its call, if any, is done."""
        self.retired = True
        if self._sending.acquire(timeout=0.1):
            try:
                self._conn.send(None)
            except OSError:
                pass  # already gone
            finally:
                self._sending.release()


def _end(workers: list[_ProcessWorker]) -> None:
    """Stop these workers: ask, then SIGTERM, then SIGKILL, each after STOP_GRACE."""
    for worker in workers:
        worker.stop()
    _wait_for(workers, STOP_GRACE)
    for step in ("terminate", "kill"):
        alive = [worker for worker in workers if worker.process.is_alive()]
        if not alive:
            return
        for worker in alive:
            getattr(worker.process, step)()
        _wait_for(alive, STOP_GRACE)
    left = [worker.pid for worker in workers if worker.process.is_alive()]
    if left:  # killed: the system ends them, not our business to wait for it
        log.warning("workers %s were killed but have not exited yet", left)


def _wait_for(workers: list[_ProcessWorker], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    for worker in workers:
        worker.process.join(max(0.0, deadline - time.monotonic()))


class WorkerPool:
    """`size` worker processes (0: one thread of this process) that run calls, each with an
    optional time limit, waiting their turn for a free worker.

    The first workers start now, with `start_method` (see workers.START_METHOD); workers that
    replace a dead or killed one start with `restart_method`. Each worker's first call is
    `first` when given (loading what later calls need); `warming` holds those calls.
    """

    def __init__(
        self,
        size: int,
        *,
        first: tuple[Callable[..., Any], tuple[Any, ...]] | None = None,
        start_method: str = "spawn",
        restart_method: str = "spawn",
    ) -> None:
        self.size = size
        self._first = first
        self._restart = multiprocessing.get_context(restart_method)
        self._idle: asyncio.Queue[_Worker | None] = asyncio.Queue()
        self._workers: list[_Worker] = []
        self._closed = False
        workers: list[_Worker]
        if size <= 0:
            workers = [_ThreadWorker()]
        else:
            # Every process starts before the first thread of this pool does.
            context = multiprocessing.get_context(start_method)
            started: list[_ProcessWorker] = []
            for _ in range(size):
                started.append(_ProcessWorker(context, started))
            workers = list(started)
        for worker in workers:
            self._add(worker)
        self.warming = [w.warming for w in workers if w.warming is not None]

    @property
    def closed(self) -> bool:
        return self._closed

    def pids(self) -> list[int]:
        """The worker processes' ids (none with workers=0)."""
        return [w.pid for w in self._workers if isinstance(w, _ProcessWorker) and w.pid]

    def _add(self, worker: _Worker) -> None:
        if self._first is not None:
            fn, args = self._first
            worker.warming = worker.call(fn, args)
        self._workers.append(worker)
        self._idle.put_nowait(worker)

    def _retire(self, worker: _Worker) -> None:
        """Kill a worker and, unless the pool is closed, start another in its place."""
        worker.kill()
        worker.retired = True
        if worker in self._workers:
            self._workers.remove(worker)
        self._replace()

    def _replace(self) -> None:
        if self._closed:
            return
        try:
            # Not fork: by now this process has threads (the store's, the pipes') whose locks
            # a fork could copy mid-use.
            worker = _ProcessWorker(self._restart)
        except Exception:
            # (out of processes or memory, for now): try again, or the pool would shrink
            log.exception("could not start a worker; trying again in %g s", RESTART_PAUSE)
            asyncio.get_running_loop().call_later(RESTART_PAUSE, self._replace)
            return
        self._add(worker)

    async def _take(self) -> _Worker:
        """Wait for a free worker (first come, first served) that has finished warming."""
        while True:
            if self._closed:
                raise PoolClosed("the pool is closed")
            worker = await self._idle.get()
            if worker is None:  # closed: wake the next one waiting too
                self._idle.put_nowait(None)
                raise PoolClosed("the pool is closed")
            if worker.retired:
                continue
            if worker.warming is not None:
                warming = asyncio.wrap_future(worker.warming)
                try:
                    await asyncio.wait({warming})
                except asyncio.CancelledError:
                    self._idle.put_nowait(worker)
                    raise
                worker.warming = None
                if isinstance(warming.exception(), WorkerDied):
                    log.error("a worker died while starting; starting another")
                    self._retire(worker)
                    continue
                # Any other error is for start() to report; the call will meet it again.
            return worker

    async def run(self, fn: Callable[..., T], *args: Any, limit: float | None = None) -> T:
        """Run fn(*args) in a free worker, within `limit` seconds of its start or TimedOut.

        If the caller is cancelled, the call still runs to its end (or its limit) in its worker.
        """
        worker = await self._take()
        loop = asyncio.get_running_loop()
        reply = asyncio.wrap_future(worker.call(fn, args))
        name = getattr(fn, "__name__", "a call")
        timer = loop.call_later(limit, self._overran, worker, reply, limit, name) if limit else None
        reply.add_done_callback(lambda done: self._returned(worker, done, timer))
        finished, _ = await asyncio.wait({reply}, timeout=limit)
        if not finished:
            assert limit is not None
            self._overran(worker, reply, limit, name)
            raise TimedOut(f"the call ran past {limit:g} s")
        try:
            return reply.result()
        except WorkerDied:
            if worker.overran:  # killed by the timer a moment before the wait ended
                raise TimedOut(f"the call ran past {limit:g} s") from None
            raise

    def _overran(
        self, worker: _Worker, reply: asyncio.Future[Any], limit: float, name: str
    ) -> None:
        if reply.done() or worker.overran:
            return
        worker.overran = True
        if isinstance(worker, _ProcessWorker):
            log.warning(
                "%s ran past %g s: killing worker %s and starting another", name, limit, worker.pid
            )
            self._retire(worker)
        else:
            log.warning("%s ran past %g s: its thread runs on to its end", name, limit)

    def _returned(
        self, worker: _Worker, reply: asyncio.Future[Any], timer: asyncio.TimerHandle | None
    ) -> None:
        """A call ended (result, error, or its worker's death): free or replace the worker."""
        if timer is not None:
            timer.cancel()
        error = None if reply.cancelled() else reply.exception()  # (retrieved: no warning)
        if worker.retired:
            return
        if isinstance(error, WorkerDied):
            log.error("%s; starting another", error)
            self._retire(worker)
            return
        worker.overran = False
        self._idle.put_nowait(worker)

    async def close(self) -> None:
        """Take no more calls; stop the workers. Never waits on a stuck one: past STOP_GRACE it
        is terminated, then killed. A call in flight fails with WorkerDied unless it ends first.
        (A thread, with workers=0, cannot be stopped: it runs on to its end.)"""
        if self._closed:
            return
        self._closed = True
        self._idle.put_nowait(None)  # wakes whoever waits for a worker
        workers, self._workers = self._workers, []
        processes = [w for w in workers if isinstance(w, _ProcessWorker)]
        if processes:
            await asyncio.to_thread(_end, processes)
