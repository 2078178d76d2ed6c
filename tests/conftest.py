"""Shared fixtures: page servers on loopback addresses, the spaCy pipeline, settings, and a guard
that no test connects beyond the loopback."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from diplobrief.config import DEFAULT_MODEL, Settings
from diplobrief.nlp import load_pipeline
from tests.support import PageServer, serving


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
