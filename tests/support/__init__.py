"""Helpers the tests share: a real HTTP server on a loopback address serving fixture pages, and
the paths of the repository, the fixtures and the shared data sets. Helpers for the analysis
(actors, quotations, sentence flags of a parsed line) are in tests.support.analysis."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web

from diplobrief.models import Actor, Article, Brief

ROOT = Path(__file__).resolve().parents[2]  # the repository
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class PageServer:
    """A loopback aiohttp server; tests add pages or handlers and read the request log."""

    app: web.Application
    base: str = ""
    requests: list[str] = field(default_factory=list)
    _routes: dict[str, Handler] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base + path

    def add(
        self,
        path: str,
        body: str | bytes,
        *,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
    ) -> str:
        data = body.encode() if isinstance(body, str) else body

        async def handler(request: web.Request) -> web.StreamResponse:
            if delay:
                await asyncio.sleep(delay)
            hdrs = {"Content-Type": content_type, **(headers or {})}
            return web.Response(body=data, status=status, headers=hdrs)

        self._routes[path] = handler
        return self.url(path)

    def add_handler(self, path: str, handler: Handler) -> str:
        self._routes[path] = handler
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        async def handler(request: web.Request) -> web.StreamResponse:
            return web.Response(status=status, headers={"Location": location})

        self._routes[path] = handler
        return self.url(path)

    def hits(self, path: str) -> int:
        return sum(1 for p in self.requests if p == path)

    async def dispatch(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(request.path_qs if request.query_string else request.path)
        handler = self._routes.get(request.path)
        if handler is None:
            return web.Response(status=404, text="not found")
        return await handler(request)


@asynccontextmanager
async def serving(host: str = "127.0.0.1") -> AsyncIterator[PageServer]:
    """A PageServer listening on a loopback address of its own choosing."""
    app = web.Application()
    server = PageServer(app=app)
    app.router.add_route("*", "/{tail:.*}", server.dispatch)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, 0)
    await site.start()
    port = runner.addresses[0][1]
    server.base = f"http://{host}:{port}"
    try:
        yield server
    finally:
        await runner.cleanup()


def read_fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def foreign_article(lang: str) -> str:
    """An article-sized page in no language the bot reads, declaring `lang` as its language."""
    syllables = ["ka", "lo", "mi", "ta", "ne", "ru", "vo", "shi", "pa", "de", "zu", "ri"]
    words = [a + b + c for a in syllables for b in syllables for c in syllables[:4]]
    paragraphs = []
    for i in range(12):
        first = " ".join(words[(i * 45 + j * 7) % len(words)] for j in range(25))
        second = " ".join(words[(i * 45 + j * 11 + 3) % len(words)] for j in range(20))
        paragraphs.append(f"<p>{first.capitalize()}. {second.capitalize()}.</p>")
    return (
        f'<html lang="{lang}"><head><title>Zaka loru</title></head><body><article>'
        f"<h1>Zaka loru</h1>{''.join(paragraphs)}</article></body></html>"
    )


def brief_of(url: str, title: str, actors: tuple[Actor, ...]) -> tuple[Article, Brief]:
    """An article and a brief of it holding the given actors, as the store keeps them."""
    article = Article(url=url, text="Body text. " * 50, title=title)
    brief = Brief(
        url=url,
        title=title,
        summary=("One sentence.",),
        algorithm="news",
        sentences_total=50,
        reduction=0.9,
        fetched_at="2024-03-12T09:30:00+00:00",
        actors=actors,
    )
    return article, brief
