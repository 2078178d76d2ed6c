"""Shared fixtures: a real HTTP server on 127.0.0.1 serving fixture pages, settings, paths."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from spacy.language import Language

from diplobrief.config import DEFAULT_MODEL, Settings
from diplobrief.nlp import load_pipeline

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

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


@pytest.fixture(autouse=True)
def connections(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, int]]]:
    """Record every outgoing TCP connection; fail the test if one leaves the loopback."""
    made: list[tuple[str, int]] = []
    strays: list[Any] = []
    original = asyncio.selector_events.BaseSelectorEventLoop.sock_connect

    async def guarded(self: Any, sock: Any, address: Any) -> None:
        if not ipaddress.ip_address(address[0]).is_loopback:
            strays.append(address)
            raise AssertionError(f"test tried to connect to {address}")
        made.append((address[0], address[1]))
        await original(self, sock, address)

    monkeypatch.setattr(asyncio.selector_events.BaseSelectorEventLoop, "sock_connect", guarded)
    yield made
    assert not strays, f"connections left the loopback: {strays}"


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


@pytest.fixture
async def page_server() -> AsyncIterator[PageServer]:
    async with serving() as server:
        yield server


@pytest.fixture
async def other_site() -> AsyncIterator[PageServer]:
    """A second site, on another loopback address: another owner as far as links go."""
    async with serving("127.0.0.2") as server:
        yield server


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The spaCy pipeline the bot uses, loaded once for the whole run."""
    return load_pipeline(DEFAULT_MODEL)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings for tests: loopback allowed, a temporary database, analysis in-process."""
    return Settings(
        db_path=str(tmp_path / "briefs.sqlite3"),
        fetch_allow_networks="127.0.0.0/8",
        workers=0,
        fetch_timeout=5.0,
    )


def read_fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")
