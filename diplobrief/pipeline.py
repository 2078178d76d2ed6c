"""cache → fetch → extract → analyse → store: the one entry point, `Briefer.brief`."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from diplobrief import __version__
from diplobrief.capping import cap_text
from diplobrief.config import Settings
from diplobrief.errors import (
    AnalysisTimedOut,
    BadTarget,
    Busy,
    DiplobriefError,
    NotAnArticle,
    StoreUnavailable,
    UnsupportedLanguage,
    error_of_kind,
)
from diplobrief.models import Analysis, Article, Brief, Page
from diplobrief.store.sqlite import CachedArticle, Store
from diplobrief.summary.names import ALGORITHM_NAMES, DEFAULT_ALGORITHM, SELECTION_REVISION
from diplobrief.web.decode import binary_kind
from diplobrief.web.fetch import Fetcher
from diplobrief.web.sites import claimed_keys
from diplobrief.web.urls import normalise_url
from diplobrief.workers import SHUTTING_DOWN, Analyser, Length, analyse_article, analyse_page

log = logging.getLogger(__name__)
T = TypeVar("T")

HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_FILE_BYTES = 5 * 1024 * 1024
# After a cached link could not be fetched again, its cached brief answers at once for this
# many seconds before the site is tried again.
REFETCH_PAUSE = 15 * 60.0
MAX_REMEMBERED_FAILURES = 10_000
# Closing: briefs in flight get this many seconds to finish, then they are cancelled (their
# callers are told the bot is shutting down); cancelled work gets this long to wind down.
CLOSE_GRACE = 5.0
CANCEL_GRACE = 1.0


# Refusals of a page that asking again would only repeat: remembered in the cache (as long
# as a brief would be), so a link posted again is not fetched and analysed again.
REMEMBERED_REFUSALS = (NotAnArticle, UnsupportedLanguage, AnalysisTimedOut)
# Names the analysis that refused: another version, or other selection rules, try again.
REFUSAL_REVISION = f"{__version__}@{SELECTION_REVISION}"


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def is_url(target: str) -> bool:
    head = target.strip().split(":", 1)[0].lower()
    return "://" in target or head in {"http", "https", "file", "ftp", "data", "javascript"}


class Briefer:
    """Turns a link, a saved page or plain text into a Brief, using and filling the cache."""

    def __init__(
        self, settings: Settings, store: Store | None, fetcher: Fetcher, analyser: Analyser
    ) -> None:
        self.settings = settings
        self.store = store
        self.fetcher = fetcher
        self.analyser = analyser
        self._flights: dict[tuple[Any, ...], asyncio.Future[Any]] = {}
        self._refetch_failed: dict[str, float] = {}  # link -> when fetching it again failed
        self._closing = False
        self._work: set[asyncio.Future[Any]] = set()  # briefs in flight and their flights

    @classmethod
    async def open(
        cls,
        settings: Settings | None = None,
        *,
        warm: bool = True,
        cache: bool = True,
        lazy: bool = False,
    ) -> Briefer:
        """Open the store (unless `cache` is off), the HTTP client and the analysis workers;
        `lazy` workers start only when a brief needs analysing (the CLI: a cached brief, or a
        refused link, never loads spaCy)."""
        settings = settings or Settings()
        # Workers first: they fork before the store's thread exists (see workers.START_METHOD).
        analyser = Analyser(
            settings.spacy_model,
            workers=settings.workers,
            max_pending=settings.max_pending,
            timeout=settings.analysis_timeout,
            lazy=lazy,
        )
        store: Store | None = None
        try:
            try:
                store = await open_store(settings) if cache else None
            except StoreUnavailable as exc:
                # Briefs still work without the cache; say so loudly once.
                log.error("running without the cache: %s", exc)
            if warm:
                await analyser.start()
        except BaseException:
            await analyser.close()
            if store is not None:
                await store.close()
            raise
        return cls(settings, store, Fetcher(settings), analyser)

    async def drain(self, grace: float = CLOSE_GRACE) -> None:
        """Take no more briefs (they are refused with Busy); give those in flight `grace`
        seconds to finish, then cancel them: their callers get Busy, not a half-done brief."""
        self._closing = True
        loop = asyncio.get_running_loop()
        deadline = loop.time() + grace
        # (a brief in flight may start a flight of its own: look again until none are left)
        while self._work and (left := deadline - loop.time()) > 0:
            await asyncio.wait(set(self._work), timeout=left)
        deadline = loop.time() + CANCEL_GRACE
        while self._work and (left := deadline - loop.time()) > 0:
            for work in list(self._work):
                work.cancel()
            await asyncio.wait(set(self._work), timeout=left)
        if self._work:
            log.warning("closing with %d briefs still winding down", len(self._work))

    async def close(self, grace: float = CLOSE_GRACE) -> None:
        """Close in order: take no more briefs and let those in flight end (see drain), then
        the HTTP client, the workers, and last the store (a brief still saving would find it
        closed)."""
        try:
            await self.drain(grace)
        finally:
            try:
                await self.fetcher.close()
            finally:
                try:
                    await self.analyser.close()
                finally:
                    if self.store is not None:
                        await self.store.close()

    async def __aenter__(self) -> Briefer:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # -- public API ------------------------------------------------------------------------

    def resolve_algorithm(self, algorithm: str | None) -> str:
        name = (algorithm or self.settings.default_algorithm or DEFAULT_ALGORITHM).lower()
        if name not in ALGORITHM_NAMES:
            raise BadTarget(
                f"unknown algorithm {name!r}; choose one of {', '.join(ALGORITHM_NAMES)}"
            )
        return name

    def length(
        self,
        sentences: int = 5,
        algorithm: str | None = None,
        ratio: float | None = None,
        avoid_quotes: bool = False,
    ) -> Length:
        """Check and resolve the requested summary length and algorithm."""
        if ratio is not None and not 0 < ratio <= 1:
            raise BadTarget("the summary ratio must be above 0 and at most 1")
        if ratio is None and not 1 <= sentences <= 10:
            raise BadTarget("the summary length must be between 1 and 10 sentences")
        # Per-mille: the precision the cache key keeps, so key and summary always agree. A
        # smaller share (0.0004) still means the shortest summary, one sentence: keep 0.001.
        ratio = max(0.001, round(ratio, 3)) if ratio is not None else None
        return Length(sentences, self.resolve_algorithm(algorithm), ratio, avoid_quotes)

    async def brief(
        self,
        target: str,
        *,
        sentences: int = 5,
        algorithm: str | None = None,
        use_cache: bool = True,
        ratio: float | None = None,
        avoid_quotes: bool = False,
        files: bool = False,
    ) -> Brief:
        """Brief an http(s) URL or, with `files` (the command line's own target only), a saved
        .html / .txt file. Anything else that is not a link is refused: a link taken from a chat
        message or a batch line must never read the machine's own files."""
        length = self.length(sentences, algorithm, ratio, avoid_quotes)
        target = target.strip()
        if files and not target:
            raise BadTarget("give a link or a file to brief")
        if is_url(target) or not files:
            url = normalise_url(target)
            return await self._tracked(
                lambda: self._single(
                    ("url", url, length, use_cache),
                    lambda: self._brief_url(url, length, use_cache),
                )
            )
        return await self._tracked(lambda: self._brief_file(Path(target), length, use_cache))

    async def brief_html(
        self,
        html: str,
        *,
        url: str | None = None,
        sentences: int = 5,
        algorithm: str | None = None,
        use_cache: bool = True,
        ratio: float | None = None,
        avoid_quotes: bool = False,
    ) -> Brief:
        """Brief a page's HTML that is already at hand (a saved page, a batch line)."""
        length = self.length(sentences, algorithm, ratio, avoid_quotes)
        return await self._tracked(lambda: self._brief_html(html, url, length, use_cache))

    async def _brief_html(
        self, html: str, url: str | None, length: Length, use_cache: bool
    ) -> Brief:
        if not url:
            return await self._brief_body(content_key(html), html, True, length, use_cache)
        # The link is the caller's word, not a fetch: the page is kept under its content and
        # the link is only a claim, which never displaces what a fetch of it stored.
        link = normalise_url(url)
        if use_cache:
            hit = await self._cached(link, length)
            if hit is not None:
                return hit
        return await self._brief_body(
            content_key("html:" + link + "\n" + html), html, True, length, use_cache,
            url=link, claimed_url=link, cache_checked=True,
        )  # fmt: skip

    async def brief_text(
        self,
        text: str,
        *,
        title: str | None = None,
        sentences: int = 5,
        algorithm: str | None = None,
        use_cache: bool = True,
        ratio: float | None = None,
        avoid_quotes: bool = False,
    ) -> Brief:
        """Brief plain text (a headline may be given, or be the first line)."""
        length = self.length(sentences, algorithm, ratio, avoid_quotes)
        key = content_key((title or "") + "\n" + text)
        return await self._tracked(
            lambda: self._brief_body(key, text, False, length, use_cache, title=title)
        )

    # -- the steps ----------------------------------------------------------------------------

    async def _brief_file(self, path: Path, length: Length, use_cache: bool) -> Brief:
        if not path.is_file():
            raise BadTarget(f"{path} is neither a link nor a readable file")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise BadTarget(f"{path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        raw = path.read_bytes()
        if not raw.strip():
            raise BadTarget(f"{path} is empty")
        binary = binary_kind(raw)
        if binary:
            raise BadTarget(f"{path} is {binary}, not a saved web page or a text file")
        body = raw.decode("utf-8", errors="replace")
        is_html = path.suffix.lower() in {".html", ".htm", ".xhtml"}
        # Keyed by content: the same saved page is a cache hit wherever it lies.
        key = content_key(("html:" if is_html else "text:") + body)
        return await self._brief_body(
            key, body, is_html, length, use_cache, url=path.resolve().as_uri()
        )

    async def _brief_url(self, url: str, length: Length, use_cache: bool) -> Brief:
        """A link's cached brief while the page is fresh (DIPLOBRIEF_CACHE_MAX_AGE); after that
        the page is fetched again, and if that fails the cached brief still answers."""
        hit: Brief | None = None
        stored: CachedArticle | None = None
        if use_cache and self.store is not None:
            try:
                hit = await self.store.get_brief(url, *length.cache_key())
                if hit is None or not self._fresh(hit.fetched_at):
                    # (a brief made before the page was fetched again: made again from it)
                    stored = await self.store.get_article(url)
            except Exception:
                log.exception("cache read failed for %s; going on without it", url)
            if hit is not None and self._fresh(hit.fetched_at):
                return replace(hit, cached=True)
            if stored is not None and self._fresh(stored.fetched_at):
                return await self._reanalyse(stored, url, length)
            if (hit or stored) and self._failed_lately(url):
                return await self._stale(url, hit, stored, length)
            if hit is None and stored is None:
                await self._refused_before(url)
        try:
            page = await self._single(("fetch", url), lambda: self.fetcher.get_page(url))
            is_html = not page.content_type.startswith("text/plain")
            brief = await self._brief_body(
                url, page.text, is_html, length, use_cache, page=page, cache_checked=True
            )
        except DiplobriefError as exc:
            if hit is None and stored is None:
                raise
            # The page moved, broke or walled itself off since: what we read then still stands.
            log.info("could not brief %s again (%s); serving the cached brief", url, exc)
            self._refetch_failed[url] = time.monotonic()
            while len(self._refetch_failed) > MAX_REMEMBERED_FAILURES:
                del self._refetch_failed[next(iter(self._refetch_failed))]  # the oldest
            return await self._stale(url, hit, stored, length)
        self._refetch_failed.pop(url, None)
        return brief

    def _failed_lately(self, url: str) -> bool:
        """Whether fetching this link again failed in the last REFETCH_PAUSE seconds: a site
        that is down is not waited for on every ask, the cached brief answers at once."""
        failed = self._refetch_failed.get(url)
        return failed is not None and time.monotonic() - failed < REFETCH_PAUSE

    async def _stale(
        self, url: str, hit: Brief | None, stored: CachedArticle | None, length: Length
    ) -> Brief:
        """The cached brief of a page that could not be fetched again, or one made from the
        stored article; not saved (a newer fetch of the article by another link may be in)."""
        if hit is not None:
            return replace(hit, cached=True)
        assert stored is not None
        return await self._reanalyse(stored, url, length, save=False)

    def _fresh(self, fetched_at: str) -> bool:
        """Whether a page fetched then is recent enough to serve without fetching it again."""
        max_age = self.settings.cache_max_age_hours
        if max_age <= 0:
            return True
        try:
            fetched = datetime.fromisoformat(fetched_at)
        except ValueError:
            return False
        if fetched.tzinfo is None:
            fetched = fetched.replace(tzinfo=UTC)
        return (datetime.now(UTC) - fetched).total_seconds() < max_age * 3600

    async def _brief_body(
        self,
        key: str,
        body: str,
        is_html: bool,
        length: Length,
        use_cache: bool,
        *,
        title: str | None = None,
        page: Page | None = None,
        url: str | None = None,
        claimed_url: str | None = None,
        cache_checked: bool = False,
    ) -> Brief:
        """Analyse a body and cache it under `key`, the link it was fetched from (and the
        page's redirect target), plus the links it may claim: `claimed_url` and its canonical
        link when that is on the same site (see `sites`)."""
        if use_cache and not cache_checked:
            hit = await self._cached(key, length)
            if hit is not None:
                return hit
        if use_cache:
            await self._refused_before(key)
        keys = [key]
        if page is not None:
            with suppress(DiplobriefError):
                # The text is the redirect target's: that link names the article (its row and
                # its `url`), and the link asked for is one more key to it. Filed under the
                # asked link's row instead, a redirect through another site would put the
                # target's link under a row whose page its owner can change at will.
                keys.insert(0, normalise_url(page.url))
        keys = list(dict.fromkeys(keys))
        max_s = self.settings.max_sentences_analysed
        try:
            article, analysis = await self.analyser.run(
                analyse_page, body, url or keys[0], is_html, length, max_s, title
            )
        except REMEMBERED_REFUSALS as exc:
            if use_cache:
                await self._remember_refusal(keys, exc)
            raise
        # The page's canonical link is its own word: kept only on the site it came from.
        canonical = claimed_keys(page.url if page else claimed_url, [article.canonical_url])
        article = replace(article, canonical_url=canonical[0] if canonical else None)
        claims = [*([claimed_url] if claimed_url else []), *canonical]
        brief = Brief.build(article, analysis, now_iso())
        if use_cache:
            stored = replace(article, text=cap_text(article.text, max_s))
            await self._save(stored, brief, keys, length, claims=claims)
        return brief

    async def _refused_before(self, key: str) -> None:
        """Raise again the error a fresh earlier analysis of this page gave, if any."""
        if self.store is None:
            return
        try:
            refusal = await self.store.refusal(key, REFUSAL_REVISION)
        except Exception:
            log.exception("cache read failed for %s; going on without it", key)
            return
        if refusal is not None and self._fresh(refusal.refused_at):
            raise error_of_kind(refusal.kind, refusal.message)

    async def _remember_refusal(self, keys: list[str], exc: DiplobriefError) -> None:
        if self.store is None:
            return
        try:
            await self.store.refuse(
                keys, kind=exc.kind, message=exc.message, revision=REFUSAL_REVISION, at=now_iso()
            )
        except Exception:
            log.exception("could not remember the refusal of %s", keys[0])

    async def _cached(self, key: str, length: Length) -> Brief | None:
        """Return a cached brief, or re-analyse a cached article at another length/algorithm."""
        if self.store is None:
            return None
        try:
            brief = await self.store.get_brief(key, *length.cache_key())
            if brief is not None:
                return replace(brief, cached=True)
            stored = await self.store.get_article(key)
        except Exception:
            log.exception("cache read failed for %s; going on without it", key)
            return None
        if stored is None:
            return None
        return await self._reanalyse(stored, key, length)

    async def _reanalyse(
        self, stored: CachedArticle, key: str, length: Length, *, save: bool = True
    ) -> Brief:
        """Brief a stored article at another length or with another algorithm: no fetch."""
        analysis: Analysis = await self.analyser.run(
            analyse_article, stored.article, length, self.settings.max_sentences_analysed
        )
        brief = Brief.build(stored.article, analysis, stored.fetched_at)
        if save:
            await self._save(stored.article, brief, [stored.key], length)
        return replace(brief, cached=True)

    async def _save(
        self,
        article: Article,
        brief: Brief,
        keys: list[str],
        length: Length,
        *,
        claims: list[str] | None = None,
    ) -> None:
        if self.store is None:
            return
        sentences, algorithm = length.cache_key()
        try:
            await self.store.put(
                article,
                brief,
                keys=keys,
                claims=claims or (),
                sentences=sentences,
                algorithm=algorithm,
            )
        except Exception:
            # The user still gets the brief; only the cache misses it.
            log.exception("could not cache the brief of %s", article.url)

    async def _single(self, key: tuple[Any, ...], start: Callable[[], Awaitable[T]]) -> T:
        """Share one running call among concurrent callers with the same key (single flight)."""
        flight = self._flights.get(key)
        if flight is None:
            flight = self._spawn(start())
            self._flights[key] = flight
            flight.add_done_callback(lambda _: self._flights.pop(key, None))
        return await asyncio.shield(flight)

    def _spawn(self, work: Awaitable[T]) -> asyncio.Future[T]:
        """Run work as a task that closing waits for, or cancels."""
        task = asyncio.ensure_future(work)
        self._work.add(task)
        task.add_done_callback(self._work.discard)
        return task

    async def _tracked(self, start: Callable[[], Awaitable[T]]) -> T:
        """Run one brief as a task of its own, so that closing can let it finish or cancel it;
        refuse it once closing has begun. Cancelled by closing, it tells its caller so (Busy)."""
        if self._closing:
            raise Busy(SHUTTING_DOWN)
        task = self._spawn(start())
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            caller = asyncio.current_task()
            if task.cancelled() and not (caller is not None and caller.cancelling()):
                raise Busy(SHUTTING_DOWN) from None
            task.cancel()  # the caller gave up, and so does its brief (a shared flight goes on)
            raise


async def open_store(settings: Settings) -> Store:
    """Open the cache database with the settings' age and size limits."""
    return await Store.open(
        settings.db_path,
        max_age_days=settings.cache_keep_days,
        max_bytes=int(settings.cache_max_mb * 1024 * 1024),
    )


def content_key(body: str) -> str:
    """A cache key for content with no URL: its hash."""
    return "content:" + hashlib.sha256(body.encode("utf-8", "replace")).hexdigest()[:32]
