"""The SQLite store: schema migrations, the brief cache and per-server settings. All SQL is here."""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import time
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import aiosqlite

from diplobrief.errors import StoreUnavailable
from diplobrief.models import Article, Brief
from diplobrief.web.hosts import DomainLists

log = logging.getLogger(__name__)

# Each entry upgrades the schema by one version (PRAGMA user_version); never edit a shipped one.
# Statements are separated by ";", so none may hold a ";" of its own.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        data TEXT NOT NULL,
        fetched_at TEXT NOT NULL
    );
    CREATE TABLE url_keys (
        key TEXT PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
    );
    CREATE TABLE briefs (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sentences INTEGER NOT NULL,
        algorithm TEXT NOT NULL,
        data TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (article_id, sentences, algorithm)
    );
    CREATE TABLE guild_settings (
        guild_id INTEGER PRIMARY KEY,
        sentences INTEGER,
        algorithm TEXT
    );
    CREATE TABLE autobrief_channels (
        channel_id INTEGER PRIMARY KEY,
        guild_id INTEGER NOT NULL
    );
    CREATE TABLE posts (
        channel_id INTEGER NOT NULL,
        url TEXT NOT NULL,
        jump_url TEXT NOT NULL,
        posted_at REAL NOT NULL,
        PRIMARY KEY (channel_id, url)
    );
    """,
    # 2: a server's minimum article length for auto-briefs (NULL: the bot's default).
    """
    ALTER TABLE guild_settings ADD COLUMN autobrief_min INTEGER;
    """,
    # 3: the server's reading record: every public brief and auto-brief, who asked, and where
    # (for a thread: its parent channel, and whether it is private).
    """
    CREATE TABLE reads (
        id INTEGER PRIMARY KEY,
        guild_id INTEGER NOT NULL,
        channel_id INTEGER,
        parent_id INTEGER,
        private_thread INTEGER NOT NULL DEFAULT 0,
        user_id INTEGER,
        url TEXT NOT NULL,
        title TEXT,
        site TEXT,
        via TEXT NOT NULL,
        read_at REAL NOT NULL
    );
    CREATE INDEX reads_by_guild ON reads (guild_id, read_at);
    CREATE INDEX reads_by_channel ON reads (channel_id);
    CREATE INDEX reads_by_parent ON reads (parent_id);
    """,
    # 4: a key is either the link the content was fetched from (claimed = 0) or a page's claim
    # about itself (its canonical link, claimed = 1), which never overwrites a fetched key.
    # Keys from before cannot tell, and a page's word on another site's link was taken as a
    # key: every key but the article's own link goes, to be made again by the next fetch.
    """
    ALTER TABLE url_keys ADD COLUMN claimed INTEGER NOT NULL DEFAULT 0;
    DELETE FROM url_keys WHERE key != (
        SELECT url FROM articles WHERE articles.id = url_keys.article_id
    );
    CREATE INDEX articles_by_age ON articles (fetched_at);
    """,
    # 5: pages found not to be articles, in another language, or too slow to read: asked for
    # again, they are refused from here instead of fetched and analysed again. `revision`
    # names the analysis that refused them; another one tries again.
    """
    CREATE TABLE refusals (
        key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        message TEXT NOT NULL,
        revision TEXT NOT NULL,
        refused_at TEXT NOT NULL
    );
    CREATE INDEX refusals_by_age ON refusals (refused_at);
    """,
    # 6: feeds followed into channels, with their polling state (conditional GET validators,
    # failures since when, paused and whether that was reported), and the items each has seen.
    """
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        guild_id INTEGER NOT NULL,
        channel_id INTEGER NOT NULL,
        url TEXT NOT NULL,
        title TEXT NOT NULL,
        min_sentences INTEGER,
        etag TEXT,
        last_modified TEXT,
        added_at REAL NOT NULL,
        next_poll_at REAL NOT NULL,
        failures INTEGER NOT NULL DEFAULT 0,
        failing_since REAL,
        last_error TEXT,
        paused INTEGER NOT NULL DEFAULT 0,
        reported INTEGER NOT NULL DEFAULT 0,
        UNIQUE (channel_id, url)
    );
    CREATE INDEX feeds_by_guild ON feeds (guild_id);
    CREATE INDEX feeds_due ON feeds (paused, next_poll_at);
    CREATE TABLE feed_items (
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        seen_at REAL NOT NULL,
        PRIMARY KEY (feed_id, key)
    );
    """,
    # 7: the domains a server allows or denies auto-briefs of (allowed = 1 or 0); a domain is
    # on one list at a time. And the bots and webhooks whose messages are auto-briefed too.
    """
    CREATE TABLE autobrief_domains (
        guild_id INTEGER NOT NULL,
        domain TEXT NOT NULL,
        allowed INTEGER NOT NULL,
        PRIMARY KEY (guild_id, domain)
    );
    CREATE TABLE autobrief_sources (
        guild_id INTEGER NOT NULL,
        source_id INTEGER NOT NULL,
        PRIMARY KEY (guild_id, source_id)
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
OPEN_ATTEMPTS = 3
READS_KEPT_DAYS = 365  # a server's reading record reaches back a year
# The cache is looked over for age and size at open and after this many briefs saved.
PRUNE_EVERY = 50
# No article row holds more text than this (the pipeline stores only what the analysis
# reads, which is less; this bounds a row whatever a caller passes).
MAX_ROW_CHARS = 200_000
# Share (%) of the oldest articles and refusals dropped at a time while the cache is over its
# size.
PRUNE_PERCENT = 10


@dataclass(frozen=True)
class GuildSettings:
    """A server's defaults; None means the bot's own default."""

    sentences: int | None = None
    algorithm: str | None = None
    autobrief_min: int | None = None  # auto-briefs skip articles with fewer sentences


@dataclass(frozen=True)
class Read:
    """One article in a server's reading record: how often and by how many it was read."""

    url: str
    title: str | None
    site: str | None
    reads: int
    readers: int  # distinct people who asked (auto-briefs count the poster)
    first_read: float  # Unix time
    last_read: float


@dataclass(frozen=True)
class Sight:
    """What one person can see of a server, for its reading record: channels they can view
    (a public thread shows to whoever sees its parent), and channels whose private threads they
    can see (they manage threads there)."""

    channels: frozenset[int] = frozenset()
    private_threads_in: frozenset[int] = frozenset()


@dataclass(frozen=True)
class CachedArticle:
    """An article as stored, with when it was fetched and the key that names its row."""

    article: Article
    fetched_at: str
    key: str


@dataclass(frozen=True)
class FeedRow:
    """A followed feed and its polling state."""

    id: int
    guild_id: int
    channel_id: int
    url: str
    title: str
    min_sentences: int | None
    etag: str | None
    last_modified: str | None
    added_at: float
    next_poll_at: float
    failures: int
    failing_since: float | None
    last_error: str | None
    paused: bool
    reported: bool


_FEED_COLUMNS = (
    "id, guild_id, channel_id, url, title, min_sentences, etag, last_modified, added_at, "
    "next_poll_at, failures, failing_since, last_error, paused, reported"
)


def _feed(row: Any) -> FeedRow:
    values = list(row)
    values[13], values[14] = bool(values[13]), bool(values[14])
    return FeedRow(*values)


def _marks(values: Collection[object]) -> str:
    """SQL placeholders for an IN list; an empty list matches nothing."""
    return ", ".join("?" * len(values)) or "NULL"


def fit_row(article: Article) -> Article:
    """The article with its text cut to what one row may hold."""
    if len(article.text) <= MAX_ROW_CHARS:
        return article
    cut = article.text.rfind("\n", 0, MAX_ROW_CHARS)
    return replace(article, text=article.text[: cut if cut > 0 else MAX_ROW_CHARS])


@dataclass(frozen=True)
class Refusal:
    """Why a page was refused (an error kind and its message), and when."""

    kind: str
    message: str
    refused_at: str


@dataclass(frozen=True)
class CacheStats:
    """How much the brief cache holds."""

    articles: int
    briefs: int
    bytes: int  # pages in use in the database file (the reading record and settings too)


def _article_json(article: Article) -> str:
    data = asdict(article)
    data["authors"] = list(article.authors)
    data["furniture"] = list(article.furniture)
    return json.dumps(data, ensure_ascii=False)


def _article_from_json(text: str) -> Article:
    data = json.loads(text)
    data["authors"] = tuple(data.get("authors") or ())
    data["furniture"] = tuple(data.get("furniture") or ())  # none in a row stored before it
    return Article(**data)


class _Closed:
    """Stands in for the connection once the store is closed: whatever still uses the store
    (a command answered while the bot shuts down) gets StoreUnavailable, not an error about a
    closed database."""

    def __getattr__(self, name: str) -> Any:
        raise StoreUnavailable("the database is closed: I'm shutting down; try again in a minute")

    async def close(self) -> None:
        return None


class Store:
    """One aiosqlite connection; open with `await Store.open(path)`."""

    def __init__(
        self,
        db: aiosqlite.Connection,
        path: str,
        *,
        max_age_days: float = 0,
        max_bytes: int = 0,
    ) -> None:
        self._db = db
        self.path = path
        self.max_age_days = max_age_days  # 0: articles never expire by age
        self.max_bytes = max_bytes  # 0: no size limit
        self._puts = 0
        # One connection serves every coroutine: a write must not interleave with another's
        # transaction (a second BEGIN fails, and its rollback would undo the first).
        self._write = asyncio.Lock()

    @classmethod
    async def open(cls, path: str | Path, *, max_age_days: float = 0, max_bytes: int = 0) -> Store:
        """Open (creating and migrating) the database file. Cached articles older than
        `max_age_days`, and the oldest while the file holds over `max_bytes`, are pruned."""
        path = str(path)
        try:
            db = await aiosqlite.connect(path, timeout=10)
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"cannot open the cache database {path}: {exc}") from exc
        store = cls(db, path, max_age_days=max_age_days, max_bytes=max_bytes)
        try:
            for attempt in range(OPEN_ATTEMPTS):
                try:
                    await store._configure()
                    await store._migrate()
                    await store._prune()
                    stats = await store.prune_cache()
                    break
                except (sqlite3.OperationalError, StoreUnavailable) as exc:
                    # Several processes starting on one file at once can find it locked for
                    # longer than busy_timeout waits when the machine is loaded: try again.
                    if "locked" not in str(exc) or attempt == OPEN_ATTEMPTS - 1:
                        raise
                    log.info("the database %s is locked; trying again", path)
                    await asyncio.sleep(0.5 * (attempt + 1))
        except sqlite3.Error as exc:
            await db.close()
            raise StoreUnavailable(f"cannot use the cache database {path}: {exc}") from exc
        except BaseException:
            await db.close()
            raise
        log.info(
            "cache %s: %d articles, %d briefs, %.1f MB in use",
            path, stats.articles, stats.briefs, stats.bytes / 1e6,
        )  # fmt: skip
        return store

    async def close(self) -> None:
        """Close once a write in progress has ended its transaction; from then on every use of
        the store raises StoreUnavailable. Closing twice is fine."""
        async with self._write:
            db, self._db = self._db, cast(aiosqlite.Connection, _Closed())
            await db.close()

    async def _configure(self) -> None:
        # Pages freed by pruning go back to the file system (takes effect on a new file only).
        await self._db.execute("PRAGMA auto_vacuum=INCREMENTAL")
        # WAL lets readers run beside the writer; NORMAL sync is safe with WAL (no corruption
        # on a crash, at worst the last transactions are lost).
        await self._db.execute("PRAGMA journal_mode=WAL")
        await self._db.execute("PRAGMA synchronous=NORMAL")
        await self._db.execute("PRAGMA foreign_keys=ON")
        await self._db.execute("PRAGMA busy_timeout=10000")

    def _check_version(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise StoreUnavailable(
                f"the database {self.path} was written by a newer diplobrief "
                f"(schema {version}, this one knows {SCHEMA_VERSION})"
            )

    async def _migrate(self) -> None:
        version = await self.schema_version()
        self._check_version(version)
        if version == SCHEMA_VERSION:
            return
        # Another process (the bot and a CLI batch) may open the same old file at the same
        # moment: take the write lock first, then look again at what is still to do.
        async with self._write:
            try:
                await self._db.execute("BEGIN IMMEDIATE")
                version = await self.schema_version()
                self._check_version(version)
                for number in range(version, SCHEMA_VERSION):
                    for statement in MIGRATIONS[number].split(";"):
                        if statement.strip():
                            await self._db.execute(statement)
                    await self._db.execute(f"PRAGMA user_version={number + 1}")
                await self._db.commit()
            except BaseException:
                await self._rollback()
                raise
        if version < SCHEMA_VERSION:
            log.info("migrated %s from schema %d to %d", self.path, version, SCHEMA_VERSION)

    async def _prune(self) -> None:
        """Forget what is past use: auto-brief posts after two days (repeats are looked up for
        one), reading records after READS_KEPT_DAYS."""
        now = time.time()
        await self._write_all(
            [
                ("DELETE FROM posts WHERE posted_at < ?", (now - 2 * 86400,)),
                ("DELETE FROM reads WHERE read_at < ?", (now - READS_KEPT_DAYS * 86400,)),
            ]
        )

    async def prune_cache(self) -> CacheStats:
        """Forget what is past use: expired posts and reads (see _prune), cached articles (with
        their keys and briefs) and refusals past the age limit, then the oldest of them while
        the cache itself (articles, briefs, refusals: not the reading record or settings)
        holds more than the size limit. Return what the file holds after."""
        await self._prune()
        if self.max_age_days > 0:
            oldest = datetime.now(UTC) - timedelta(days=self.max_age_days)
            cutoff = oldest.replace(microsecond=0).isoformat()
            await self._write_all(
                [
                    ("DELETE FROM articles WHERE fetched_at < ?", (cutoff,)),
                    ("DELETE FROM refusals WHERE refused_at < ?", (cutoff,)),
                ]
            )
        stats = await self.cache_stats()
        dropped = False
        # The file's pages in use are cheap to read and bound the cache's own size from above:
        # only past them is the cache measured. It makes room for the rest of the file (the
        # reading record, settings), but never shrinks below half the limit for them.
        if self.max_bytes > 0 and stats.bytes > self.max_bytes:
            cache = await self._cache_bytes()
            budget = max(self.max_bytes - (stats.bytes - cache), self.max_bytes // 2)
            while cache > budget:
                dropped = True
                await self._write_all(
                    [
                        (
                            "DELETE FROM articles WHERE id IN (SELECT id FROM articles "
                            "ORDER BY fetched_at, id LIMIT MAX(1, (SELECT COUNT(*) FROM "
                            "articles) * ? / 100))",
                            (PRUNE_PERCENT,),
                        ),
                        (
                            "DELETE FROM refusals WHERE key IN (SELECT key FROM refusals "
                            "ORDER BY refused_at, key LIMIT MAX(1, (SELECT COUNT(*) FROM "
                            "refusals) * ? / 100))",
                            (PRUNE_PERCENT,),
                        ),
                    ]
                )
                cache = await self._cache_bytes()
        if dropped:
            # Give the freed pages back to the file system, through the write-ahead log.
            async with self._write:
                # A script runs the pragma to its end; execute() steps it once (one page).
                await self._db.executescript("PRAGMA incremental_vacuum;")
                await self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            stats = await self.cache_stats()
        return stats

    async def _cache_bytes(self) -> int:
        """The bytes of the pages that the cache's tables and their indexes fill (SQLite's
        dbstat table); where that is not compiled in, the characters their rows hold."""
        tables = "('articles', 'briefs', 'refusals', 'url_keys')"
        try:
            async with self._db.execute(
                "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name IN "
                f"(SELECT name FROM sqlite_schema WHERE tbl_name IN {tables})"
            ) as cur:
                row = await cur.fetchone()
        except sqlite3.OperationalError:
            async with self._db.execute(
                "SELECT (SELECT COALESCE(SUM(LENGTH(url) + LENGTH(data)), 0) FROM articles) "
                "+ (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM briefs) "
                "+ (SELECT COALESCE(SUM(2 * LENGTH(key) + LENGTH(message)), 0) FROM refusals) "
                "+ (SELECT COALESCE(SUM(2 * LENGTH(key)), 0) FROM url_keys)"
            ) as cur:
                row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def cache_stats(self) -> CacheStats:
        """Articles and briefs cached, and the bytes the database file has in use."""
        counts = []
        for sql in (
            "SELECT COUNT(*) FROM articles",
            "SELECT COUNT(*) FROM briefs",
            "PRAGMA page_count",
            "PRAGMA freelist_count",
            "PRAGMA page_size",
        ):
            async with self._db.execute(sql) as cur:
                row = await cur.fetchone()
            counts.append(int(row[0]) if row else 0)
        articles, briefs, pages, free, size = counts
        return CacheStats(articles, briefs, (pages - free) * size)

    async def schema_version(self) -> int:
        async with self._db.execute("PRAGMA user_version") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    # -- the brief cache -------------------------------------------------------------------

    async def _article_id(self, keys: Iterable[str]) -> int | None:
        for key in keys:
            async with self._db.execute(
                "SELECT article_id FROM url_keys WHERE key = ?", (key,)
            ) as cur:
                row = await cur.fetchone()
            if row:
                return int(row[0])
        return None

    async def get_article(self, *keys: str) -> CachedArticle | None:
        """Return the stored article for any of these URLs, or None."""
        article_id = await self._article_id(keys)
        if article_id is None:
            return None
        async with self._db.execute(
            "SELECT data, fetched_at, url FROM articles WHERE id = ?", (article_id,)
        ) as cur:
            row = await cur.fetchone()
        if row is None:
            return None
        try:
            return CachedArticle(_article_from_json(row[0]), row[1], row[2])
        except (ValueError, TypeError, KeyError):
            log.warning("dropping corrupt article row %d", article_id)
            await self._drop_article(article_id)
            return None

    async def get_brief(self, url: str, sentences: int, algorithm: str) -> Brief | None:
        """Return the cached brief of this URL at this length and algorithm, or None."""
        article_id = await self._article_id((url,))
        if article_id is None:
            return None
        async with self._db.execute(
            "SELECT data FROM briefs WHERE article_id = ? AND sentences = ? AND algorithm = ?",
            (article_id, sentences, algorithm),
        ) as cur:
            row = await cur.fetchone()
        if row is None:
            return None
        try:
            return Brief.from_json(json.loads(row[0]))
        except (ValueError, TypeError, KeyError):
            log.warning("dropping corrupt brief row for article %d", article_id)
            await self._write_all(
                [
                    (
                        "DELETE FROM briefs "
                        "WHERE article_id = ? AND sentences = ? AND algorithm = ?",
                        (article_id, sentences, algorithm),
                    )
                ]
            )
            return None

    async def put(
        self,
        article: Article,
        brief: Brief,
        *,
        keys: Iterable[str] = (),
        claims: Iterable[str] = (),
        sentences: int,
        algorithm: str | None = None,
    ) -> None:
        """Store the article and its brief under its links.

        `keys` are links this very content was fetched from (the request and its redirect
        target), or its content hash; the first names the article's row. `claims` are links
        the content only says it is (a same-site canonical, a link given with a saved page): a
        claim takes a free key or another claim, never a key a fetch made. `sentences` and
        `algorithm` are the brief's cache key (the algorithm by default).
        """
        own = list(dict.fromkeys(keys))
        if not own:
            raise ValueError("an article needs a key of its own")
        claimed = [k for k in dict.fromkeys(claims) if k not in own]
        data = json.dumps(brief.to_json(), ensure_ascii=False)
        text = _article_json(fit_row(article))
        async with self._write:
            try:
                await self._db.execute("BEGIN IMMEDIATE")
                # A page fetched again with other text: its briefs at other lengths are of the
                # old text, so they go (they are made again from the new one when asked).
                await self._db.execute(
                    "DELETE FROM briefs WHERE article_id = "
                    "(SELECT id FROM articles WHERE url = ? AND data != ?)",
                    (own[0], text),
                )
                await self._db.execute(
                    "INSERT INTO articles (url, data, fetched_at) VALUES (?, ?, ?) "
                    "ON CONFLICT(url) DO UPDATE SET data = excluded.data, "
                    "fetched_at = excluded.fetched_at",
                    (own[0], text, brief.fetched_at),
                )
                async with self._db.execute(
                    "SELECT id FROM articles WHERE url = ?", (own[0],)
                ) as cur:
                    row = await cur.fetchone()
                if row is None:
                    raise sqlite3.DatabaseError("the article row vanished inside its transaction")
                article_id = int(row[0])
                await self._db.executemany(
                    "INSERT INTO url_keys (key, article_id, claimed) VALUES (?, ?, 0) "
                    "ON CONFLICT(key) DO UPDATE SET article_id = excluded.article_id, claimed = 0",
                    [(k, article_id) for k in own],
                )
                await self._db.executemany(
                    "INSERT INTO url_keys (key, article_id, claimed) VALUES (?, ?, 1) "
                    "ON CONFLICT(key) DO UPDATE SET article_id = excluded.article_id "
                    "WHERE url_keys.claimed = 1",
                    [(k, article_id) for k in claimed],
                )
                await self._db.executemany(
                    "DELETE FROM refusals WHERE key = ?", [(k,) for k in own]
                )
                await self._db.execute(
                    "INSERT OR REPLACE INTO briefs "
                    "(article_id, sentences, algorithm, data, created_at) VALUES (?, ?, ?, ?, ?)",
                    (article_id, sentences, algorithm or brief.algorithm, data, brief.fetched_at),
                )
                await self._db.commit()
            except sqlite3.Error as exc:
                await self._rollback()
                raise StoreUnavailable(f"could not save to the cache: {exc}") from exc
            except BaseException:
                # Cancelled mid-transaction: release the write lock on the file too.
                await self._rollback()
                raise
        self._puts += 1
        if self._puts % PRUNE_EVERY == 0:
            await self.prune_cache()

    async def refuse(
        self, keys: Iterable[str], *, kind: str, message: str, revision: str, at: str
    ) -> None:
        """Remember that the page under these keys was refused (see MIGRATIONS[4])."""
        sql = (
            "INSERT OR REPLACE INTO refusals (key, kind, message, revision, refused_at) "
            "VALUES (?, ?, ?, ?, ?)"
        )
        await self._write_all([(sql, (k, kind, message, revision, at)) for k in keys])

    async def refusal(self, key: str, revision: str) -> Refusal | None:
        """How this analysis refused the page under this key, or None."""
        async with self._db.execute(
            "SELECT kind, message, refused_at FROM refusals WHERE key = ? AND revision = ?",
            (key, revision),
        ) as cur:
            row = await cur.fetchone()
        return Refusal(str(row[0]), str(row[1]), str(row[2])) if row else None

    async def _rollback(self) -> None:
        try:
            await self._db.rollback()
        except sqlite3.Error:
            log.exception("rollback failed")

    async def _write_all(self, statements: list[tuple[str, tuple[object, ...]]]) -> None:
        """Run these statements as one transaction, never inside another coroutine's."""
        async with self._write:
            try:
                # The write lock first (waiting up to busy_timeout for another process): a
                # deferred transaction that reads and then writes fails at once, without
                # waiting, when another process wrote in between (WAL's busy snapshot).
                await self._db.execute("BEGIN IMMEDIATE")
                for sql, params in statements:
                    await self._db.execute(sql, params)
                await self._db.commit()
            except sqlite3.Error as exc:
                # A full disk, a read-only file or a lock held too long: say so, as `put` does.
                await self._rollback()
                raise StoreUnavailable(f"could not save to the database: {exc}") from exc
            except BaseException:
                await self._rollback()
                raise

    async def _drop_article(self, article_id: int) -> None:
        await self._write_all(
            [
                ("DELETE FROM url_keys WHERE article_id = ?", (article_id,)),
                ("DELETE FROM briefs WHERE article_id = ?", (article_id,)),
                ("DELETE FROM articles WHERE id = ?", (article_id,)),
            ]
        )

    async def count_briefs(self) -> int:
        async with self._db.execute("SELECT COUNT(*) FROM briefs") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def integrity_check(self) -> str:
        async with self._db.execute("PRAGMA integrity_check") as cur:
            row = await cur.fetchone()
        return str(row[0]) if row else "no answer"

    # -- per-server settings and auto-briefs -------------------------------------------------

    async def get_guild_settings(self, guild_id: int) -> GuildSettings:
        async with self._db.execute(
            "SELECT sentences, algorithm, autobrief_min FROM guild_settings WHERE guild_id = ?",
            (guild_id,),
        ) as cur:
            row = await cur.fetchone()
        return GuildSettings(*row) if row else GuildSettings()

    async def set_guild_settings(
        self,
        guild_id: int,
        *,
        sentences: int | None = None,
        algorithm: str | None = None,
        autobrief_min: int | None = None,
        reset: bool = False,
    ) -> GuildSettings:
        """Change the given defaults of a server (None leaves one as it is).

        With `reset`, every saved default goes back to the bot's first, then the given ones are
        saved, in one transaction.
        """
        statements: list[tuple[str, tuple[object, ...]]] = []
        if reset:
            statements.append(("DELETE FROM guild_settings WHERE guild_id = ?", (guild_id,)))
        if sentences is not None or algorithm is not None or autobrief_min is not None:
            sql = (
                "INSERT INTO guild_settings (guild_id, sentences, algorithm, autobrief_min) "
                "VALUES (?, ?, ?, ?) "
                "ON CONFLICT(guild_id) DO UPDATE SET "
                "sentences = COALESCE(excluded.sentences, sentences), "
                "algorithm = COALESCE(excluded.algorithm, algorithm), "
                "autobrief_min = COALESCE(excluded.autobrief_min, autobrief_min)"
            )
            statements.append((sql, (guild_id, sentences, algorithm, autobrief_min)))
        if statements:
            await self._write_all(statements)
        return await self.get_guild_settings(guild_id)

    async def set_autobrief(self, guild_id: int, channel_id: int, enabled: bool) -> None:
        if enabled:
            sql = "INSERT OR REPLACE INTO autobrief_channels (channel_id, guild_id) VALUES (?, ?)"
            await self._write_all([(sql, (channel_id, guild_id))])
        else:
            sql = "DELETE FROM autobrief_channels WHERE channel_id = ?"
            await self._write_all([(sql, (channel_id,))])

    async def autobrief_channels(self, guild_id: int) -> list[int]:
        async with self._db.execute(
            "SELECT channel_id FROM autobrief_channels WHERE guild_id = ? ORDER BY channel_id",
            (guild_id,),
        ) as cur:
            return [int(r[0]) for r in await cur.fetchall()]

    async def is_autobrief(self, channel_id: int) -> bool:
        async with self._db.execute(
            "SELECT 1 FROM autobrief_channels WHERE channel_id = ?", (channel_id,)
        ) as cur:
            return await cur.fetchone() is not None

    async def set_autobrief_domain(self, guild_id: int, domain: str, allowed: bool) -> None:
        """Put a domain on a server's allow or deny list (off the other one)."""
        sql = (
            "INSERT OR REPLACE INTO autobrief_domains (guild_id, domain, allowed) VALUES (?, ?, ?)"
        )
        await self._write_all([(sql, (guild_id, domain, int(allowed)))])

    async def remove_autobrief_domain(self, guild_id: int, domain: str) -> bool:
        """Take a domain off a server's lists; whether it was on one."""
        async with self._db.execute(
            "SELECT 1 FROM autobrief_domains WHERE guild_id = ? AND domain = ?",
            (guild_id, domain),
        ) as cur:
            found = await cur.fetchone() is not None
        if found:
            sql = "DELETE FROM autobrief_domains WHERE guild_id = ? AND domain = ?"
            await self._write_all([(sql, (guild_id, domain))])
        return found

    async def autobrief_domains(self, guild_id: int) -> DomainLists:
        """Return a server's allowed and denied domains."""
        async with self._db.execute(
            "SELECT domain, allowed FROM autobrief_domains WHERE guild_id = ?", (guild_id,)
        ) as cur:
            rows = await cur.fetchall()
        return DomainLists(
            allow=frozenset(str(r[0]) for r in rows if r[1]),
            deny=frozenset(str(r[0]) for r in rows if not r[1]),
        )

    async def set_autobrief_source(self, guild_id: int, source_id: int, on: bool) -> bool:
        """Add (or remove) a bot or webhook whose messages a server's auto-briefs read; whether
        that changed anything."""
        async with self._db.execute(
            "SELECT 1 FROM autobrief_sources WHERE guild_id = ? AND source_id = ?",
            (guild_id, source_id),
        ) as cur:
            found = await cur.fetchone() is not None
        if found == on:
            return False
        if on:
            sql = "INSERT INTO autobrief_sources (guild_id, source_id) VALUES (?, ?)"
        else:
            sql = "DELETE FROM autobrief_sources WHERE guild_id = ? AND source_id = ?"
        await self._write_all([(sql, (guild_id, source_id))])
        return True

    async def autobrief_sources(self, guild_id: int) -> list[int]:
        """Return the bots and webhooks whose messages a server's auto-briefs read."""
        async with self._db.execute(
            "SELECT source_id FROM autobrief_sources WHERE guild_id = ? ORDER BY source_id",
            (guild_id,),
        ) as cur:
            return [int(r[0]) for r in await cur.fetchall()]

    async def is_autobrief_source(self, guild_id: int, source_id: int) -> bool:
        async with self._db.execute(
            "SELECT 1 FROM autobrief_sources WHERE guild_id = ? AND source_id = ?",
            (guild_id, source_id),
        ) as cur:
            return await cur.fetchone() is not None

    async def record_post(
        self, channel_id: int, url: str, jump_url: str, *, at: float | None = None
    ) -> None:
        sql = (
            "INSERT OR REPLACE INTO posts (channel_id, url, jump_url, posted_at) "
            "VALUES (?, ?, ?, ?)"
        )
        when = time.time() if at is None else at
        await self._write_all([(sql, (channel_id, url, jump_url, when))])

    async def recent_post(
        self, channel_id: int, url: str, within_seconds: float = 86400
    ) -> str | None:
        """Return the jump URL of this link's brief in this channel within the window, or None."""
        async with self._db.execute(
            "SELECT jump_url FROM posts WHERE channel_id = ? AND url = ? AND posted_at >= ?",
            (channel_id, url, time.time() - within_seconds),
        ) as cur:
            row = await cur.fetchone()
        return str(row[0]) if row else None

    # -- a server's reading record -------------------------------------------------------------

    async def record_read(
        self,
        guild_id: int,
        brief: Brief,
        *,
        via: str,
        channel_id: int | None = None,
        parent_id: int | None = None,
        private_thread: bool = False,
        user_id: int | None = None,
        at: float | None = None,
    ) -> None:
        """Add a brief shown in a server to its reading record (`via`: brief, actors, auto). A
        read in a thread names the thread's parent channel too, and whether it is private."""
        when = time.time() if at is None else at
        sql = (
            "INSERT INTO reads (guild_id, channel_id, parent_id, private_thread, user_id, url, "
            "title, site, via, read_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        params = (
            guild_id, channel_id, parent_id, int(private_thread), user_id, brief.url,
            brief.title, brief.site, via, when,
        )  # fmt: skip
        await self._write_all([(sql, params)])

    async def coverage(
        self,
        guild_id: int,
        *,
        since: float | None = None,
        search: str | None = None,
        sight: Sight | None = None,
        limit: int = 10,
    ) -> tuple[list[Read], int]:
        """Return the server's most recently read articles (newest first, at most `limit`),
        optionally since a time, matching words of the title, site or link, and read where
        `sight` (the asker's) reaches; and how many articles match in all. Reads older than
        READS_KEPT_DAYS are never shown, pruned yet or not."""
        oldest = time.time() - READS_KEPT_DAYS * 86400
        where = ["guild_id = ?", "read_at >= ?"]
        params: list[object] = [guild_id, max(since or 0.0, oldest)]
        if sight is not None:
            seen, managed = sorted(sight.channels), sorted(sight.private_threads_in)
            where.append(
                f"(channel_id IN ({_marks(seen)}) "
                f"OR (private_thread = 0 AND parent_id IN ({_marks(seen)})) "
                f"OR (private_thread = 1 AND parent_id IN ({_marks(managed)})))"
            )
            params += [*seen, *seen, *managed]
        for word in (search or "").split()[:8]:
            pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append(
                "(title LIKE ? ESCAPE '\\' OR site LIKE ? ESCAPE '\\' OR url LIKE ? ESCAPE '\\')"
            )
            params += [pattern, pattern, pattern]
        condition = " AND ".join(where)
        sql = (
            "SELECT url, MAX(title), MAX(site), COUNT(*), COUNT(DISTINCT user_id), "
            f"MIN(read_at), MAX(read_at) FROM reads WHERE {condition} "
            "GROUP BY url ORDER BY MAX(read_at) DESC, url LIMIT ?"
        )
        async with self._db.execute(sql, (*params, limit)) as cur:
            rows = await cur.fetchall()
        async with self._db.execute(
            f"SELECT COUNT(DISTINCT url) FROM reads WHERE {condition}", params
        ) as cur:
            total = await cur.fetchone()
        found = [Read(str(r[0]), r[1], r[2], int(r[3]), int(r[4]), r[5], r[6]) for r in rows]
        return found, int(total[0]) if total else 0

    # -- feeds ---------------------------------------------------------------------------------

    async def add_feed(
        self,
        guild_id: int,
        channel_id: int,
        url: str,
        title: str,
        *,
        seen: Iterable[str],
        added_at: float,
        next_poll_at: float,
        etag: str | None = None,
        last_modified: str | None = None,
        min_sentences: int | None = None,
    ) -> FeedRow:
        """Follow a feed in a channel (again: its state starts over) with the items already in
        it marked seen, so that only what comes after is posted."""
        async with self._write:
            try:
                await self._db.execute("BEGIN IMMEDIATE")
                await self._db.execute(
                    "DELETE FROM feeds WHERE channel_id = ? AND url = ?", (channel_id, url)
                )
                cur = await self._db.execute(
                    "INSERT INTO feeds (guild_id, channel_id, url, title, min_sentences, etag, "
                    "last_modified, added_at, next_poll_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        guild_id, channel_id, url, title, min_sentences, etag, last_modified,
                        added_at, next_poll_at,
                    ),
                )  # fmt: skip
                feed_id = cur.lastrowid
                await self._db.executemany(
                    "INSERT OR IGNORE INTO feed_items (feed_id, key, seen_at) VALUES (?, ?, ?)",
                    [(feed_id, key, added_at) for key in seen],
                )
                await self._db.commit()
            except sqlite3.Error as exc:
                await self._rollback()
                raise StoreUnavailable(f"could not save to the database: {exc}") from exc
            except BaseException:
                await self._rollback()
                raise
        found = await self.get_feed(int(feed_id or 0))
        assert found is not None
        return found

    async def get_feed(self, feed_id: int) -> FeedRow | None:
        async with self._db.execute(
            f"SELECT {_FEED_COLUMNS} FROM feeds WHERE id = ?", (feed_id,)
        ) as cur:
            row = await cur.fetchone()
        return _feed(row) if row else None

    async def guild_feeds(self, guild_id: int) -> list[FeedRow]:
        async with self._db.execute(
            f"SELECT {_FEED_COLUMNS} FROM feeds WHERE guild_id = ? ORDER BY channel_id, id",
            (guild_id,),
        ) as cur:
            return [_feed(r) for r in await cur.fetchall()]

    async def due_feeds(self, now: float, limit: int = 50) -> list[FeedRow]:
        """Feeds not paused whose next poll is due, the longest waiting first."""
        async with self._db.execute(
            f"SELECT {_FEED_COLUMNS} FROM feeds WHERE paused = 0 AND next_poll_at <= ? "
            "ORDER BY next_poll_at, id LIMIT ?",
            (now, limit),
        ) as cur:
            return [_feed(r) for r in await cur.fetchall()]

    async def remove_feed(self, guild_id: int, feed_id: int) -> bool:
        """Stop following a feed of this server; False when it has no such feed."""
        found = await self.get_feed(feed_id)
        if found is None or found.guild_id != guild_id:
            return False
        await self._write_all(
            [
                ("DELETE FROM feed_items WHERE feed_id = ?", (feed_id,)),
                ("DELETE FROM feeds WHERE id = ?", (feed_id,)),
            ]
        )
        return True

    async def seen_items(self, feed_id: int, keys: Iterable[str]) -> set[str]:
        """Which of these item keys the feed has seen already."""
        wanted = list(dict.fromkeys(keys))
        seen: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            async with self._db.execute(
                f"SELECT key FROM feed_items WHERE feed_id = ? AND key IN ({_marks(chunk)})",
                (feed_id, *chunk),
            ) as cur:
                seen.update(str(r[0]) for r in await cur.fetchall())
        return seen

    async def mark_seen(self, feed_id: int, keys: Iterable[str], *, at: float) -> None:
        sql = "INSERT OR IGNORE INTO feed_items (feed_id, key, seen_at) VALUES (?, ?, ?)"
        await self._write_all([(sql, (feed_id, key, at)) for key in keys])

    async def feed_polled(
        self,
        feed_id: int,
        *,
        next_poll_at: float,
        etag: str | None,
        last_modified: str | None,
        title: str | None = None,
    ) -> None:
        """Record a good poll: new validators, the next poll, and no failures."""
        await self._write_all(
            [
                (
                    "UPDATE feeds SET next_poll_at = ?, etag = ?, last_modified = ?, "
                    "title = COALESCE(?, title), failures = 0, failing_since = NULL, "
                    "last_error = NULL WHERE id = ?",
                    (next_poll_at, etag, last_modified, title, feed_id),
                )
            ]
        )

    async def feed_failed(
        self, feed_id: int, *, error: str, at: float, next_poll_at: float, paused: bool
    ) -> None:
        """Record a failed poll: one more failure, failing since the first, maybe paused."""
        await self._write_all(
            [
                (
                    "UPDATE feeds SET failures = failures + 1, "
                    "failing_since = COALESCE(failing_since, ?), last_error = ?, "
                    "next_poll_at = ?, paused = MAX(paused, ?) WHERE id = ?",
                    (at, error[:500], next_poll_at, int(paused), feed_id),
                )
            ]
        )

    async def feed_reported(self, feed_id: int) -> None:
        await self._write_all([("UPDATE feeds SET reported = 1 WHERE id = ?", (feed_id,))])

    async def forget_guild(self, guild_id: int) -> None:
        """Delete everything kept for a server (it removed the bot)."""
        await self._write_all(
            [
                (
                    "DELETE FROM feed_items WHERE feed_id IN "
                    "(SELECT id FROM feeds WHERE guild_id = ?)",
                    (guild_id,),
                ),
                ("DELETE FROM feeds WHERE guild_id = ?", (guild_id,)),
                ("DELETE FROM reads WHERE guild_id = ?", (guild_id,)),
                ("DELETE FROM guild_settings WHERE guild_id = ?", (guild_id,)),
                ("DELETE FROM autobrief_channels WHERE guild_id = ?", (guild_id,)),
                ("DELETE FROM autobrief_domains WHERE guild_id = ?", (guild_id,)),
                ("DELETE FROM autobrief_sources WHERE guild_id = ?", (guild_id,)),
            ]
        )

    async def forget_user(self, user_id: int) -> int:
        """Erase everything kept about a person, in every server: their reads in the reading
        records (the only rows keyed by a user). Return how many rows went."""
        async with self._write:
            try:
                await self._db.execute("BEGIN IMMEDIATE")
                cur = await self._db.execute("DELETE FROM reads WHERE user_id = ?", (user_id,))
                erased = cur.rowcount
                await self._db.commit()
            except sqlite3.Error as exc:
                await self._rollback()
                raise StoreUnavailable(f"could not save to the database: {exc}") from exc
            except BaseException:
                await self._rollback()
                raise
        return max(0, erased)

    async def forget_channel(self, channel_id: int) -> None:
        """Stop auto-briefs in a channel (or thread) that is gone, and forget its posts and
        reads, its threads' reads included: nobody can see them any more."""
        await self._write_all(
            [
                ("DELETE FROM autobrief_channels WHERE channel_id = ?", (channel_id,)),
                ("DELETE FROM posts WHERE channel_id = ?", (channel_id,)),
                (
                    "DELETE FROM feed_items WHERE feed_id IN "
                    "(SELECT id FROM feeds WHERE channel_id = ?)",
                    (channel_id,),
                ),
                ("DELETE FROM feeds WHERE channel_id = ?", (channel_id,)),
                (
                    "DELETE FROM reads WHERE channel_id = ? OR parent_id = ?",
                    (channel_id, channel_id),
                ),
            ]
        )
