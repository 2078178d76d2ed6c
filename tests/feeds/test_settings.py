"""The feed settings: an interval with a floor, and a cap per server."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from diplobrief.config import FEED_INTERVAL_FLOOR, Settings


def test_defaults_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert (Settings().feed_interval, Settings().max_feeds) == (900.0, 10)
    monkeypatch.setenv("DIPLOBRIEF_FEED_INTERVAL", "600")
    monkeypatch.setenv("DIPLOBRIEF_MAX_FEEDS", "3")
    assert (Settings().feed_interval, Settings().max_feeds) == (600.0, 3)


def test_no_interval_under_the_floor() -> None:
    with pytest.raises(ValidationError):
        Settings(feed_interval=FEED_INTERVAL_FLOOR - 1)
