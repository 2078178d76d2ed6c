"""The bot's latency through the fake-Discord harness: cached /brief, and acks under a burst.

The real bot (create_bot) logs in against the loopback fake of Discord's REST API in tests/bot/
and is fed INTERACTION_CREATE payloads; times run from feeding the payload to the fake receiving
the interaction callback (the defer) or the followup (the answer). Everything is on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, LoopLag, percentile, table

sys.path.insert(0, str(ROOT / "tests" / "bot"))

import discord
import payloads as p
from fake_discord import FakeDiscord
from harness import Harness
from load import serve, variant

from bot import create_bot
from diplobrief.config import Settings

CALLBACK = "/interactions/{interaction_id}/{interaction_token}/callback"
FOLLOWUP = "/webhooks/{webhook_id}/{webhook_token}"
CACHED_RUNS = 300
BURST = 50
_users = itertools.count(1180000000000010000)


def someone() -> dict[str, object]:
    """A fresh user, so the per-user cooldown (5 a minute) never applies."""
    user_id = next(_users)
    return p.user(user_id, f"reader{user_id % 100000}")


def arrival(fake: FakeDiscord, template: str, token: str) -> float | None:
    """When the fake received the bot's first request of this kind for this token."""
    found = [r.at for r in fake.find("POST", template) if token in r.path and 200 <= r.status < 300]
    return min(found) if found else None


async def cached(harness: Harness, url: str) -> list[float]:
    """Milliseconds from INTERACTION_CREATE to the followup, one cached /brief at a time."""
    fake = harness.fake
    shown = await harness.answer(harness.command(p.slash("brief", url=url), who=someone()), 120)
    assert shown.embeds, f"first brief failed: {shown.content}"
    times: list[float] = []
    for _ in range(CACHED_RUNS):
        started = time.monotonic()
        token = harness.command(p.slash("brief", url=url), who=someone())
        shown = await harness.answer(token)
        assert shown.embeds, f"cached brief failed: {shown.content}"
        done = arrival(fake, FOLLOWUP, token)
        assert done is not None
        times.append((done - started) * 1000)
    return times


async def burst(harness: Harness, base: str) -> tuple[list[float], list[float], float, int]:
    """Feed BURST uncached /brief at once; return ack times, loop lags, total s, answered."""
    fake = harness.fake
    async with LoopLag() as lag:
        sent: dict[str, float] = {}
        begun = time.monotonic()
        for i in range(1, BURST + 1):
            payload = p.interaction(p.slash("brief", url=f"{base}/a{i}"), who=someone())
            sent[payload["token"]] = time.monotonic()
            fake.send_interaction(harness.bot, payload)
        # One pass over the requests per poll, so the watching adds little to the loop's lag.
        await fake.wait_until(
            lambda: sent.keys() <= {r.params["webhook_token"] for r in fake.find("POST", FOLLOWUP)},
            timeout=300,
        )
    lags = lag.samples
    total = max(arrival(fake, FOLLOWUP, t) or 0.0 for t in sent) - begun
    acks = []
    for token, started in sent.items():
        acked = arrival(fake, CALLBACK, token)
        assert acked is not None, f"no callback for {token}"
        acks.append((acked - started) * 1000)
    answered = sum(1 for t in sent if any(m.embeds for m in fake.visible(t)))
    return acks, lags, total, answered


async def run(folder: str) -> list[list[object]]:
    pages = {f"/a{i}": variant(i) for i in range(BURST + 1)}
    runner, base = await serve(pages)
    # No OpenAPI check of each body here: it would run on the bot's loop and inflate its figures.
    fake = FakeDiscord(None)
    await fake.start()
    discord.http.Route.BASE = fake.base + "/api/v10"
    settings = Settings(
        db_path=str(Path(folder) / "bot.sqlite3"),
        fetch_allow_networks="127.0.0.0/8",
        workers=2,
        max_pending=64,
    )
    bot = create_bot(settings)
    try:
        await bot.login("fake-bot-token")
        fake.connect(bot)
        harness = Harness(bot, fake)
        hits = await cached(harness, f"{base}/a0")
        acks, lags, total, answered = await burst(harness, base)
    finally:
        await bot.close()
        await fake.stop()
        await runner.cleanup()
    problems = fake.violations + fake.unhandled
    assert not problems, problems
    slow = sum(1 for a in acks if a >= 1000)
    return [
        [
            f"cached /brief: INTERACTION_CREATE to followup, p50 / p99 over {len(hits)} (ms)",
            f"{percentile(hits, 50):.1f} / {percentile(hits, 99):.1f}",
            "p99 < 50 ms",
        ],
        [
            f"{BURST} uncached /brief at once: INTERACTION_CREATE to defer, max / p99 (ms)",
            f"{max(acks):.0f} / {percentile(acks, 99):.0f} ({slow} of {BURST} >= 1 s)",
            "every one < 1 s",
        ],
        [
            f"event-loop lag during the {BURST}: max / p99 (ms)",
            f"{max(lags):.1f} / {percentile(lags, 99):.1f}",
            "max < 100 ms",
        ],
        [
            f"{BURST} uncached /brief at once: until every followup arrived (s)",
            f"{total:.2f} ({answered} of {BURST} with a brief)",
            "",
        ],
    ]


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as folder:
        rows = asyncio.run(run(folder))
    print(f"Bot latency, fake Discord ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores)\n")
    print(table(["measure", "figure", "goal"], rows))


if __name__ == "__main__":
    main()
