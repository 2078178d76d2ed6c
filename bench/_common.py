"""Helpers shared by the benchmarks: where the shared data lies, tables, timing."""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def shared_data() -> Path:
    """Return ../shared/data (or $DIPLOBRIEF_SHARED_DATA)."""
    env = os.environ.get("DIPLOBRIEF_SHARED_DATA")
    return Path(env) if env else ROOT.parent / "shared" / "data"


def require(path: Path) -> Path:
    """Exit cleanly (status 0) with a message when a data set is absent."""
    if not path.exists():
        print(f"skipped: {path} is absent (set DIPLOBRIEF_SHARED_DATA to its folder)")
        sys.exit(0)
    return path


def extraction_rows() -> Iterator[tuple[dict[str, Any], bytes]]:
    """Yield each shared extraction page's ground-truth row and its raw HTML bytes."""
    folder = require(shared_data() / "extraction")
    with open(folder / "ground_truth.jsonl", encoding="utf-8") as stream:
        rows = [json.loads(line) for line in stream if line.strip()]
    for row in rows:
        yield row, gzip.decompress((folder / "html" / f"{row['id']}.html.gz").read_bytes())


def extraction_pages() -> Iterator[tuple[str, str, str]]:
    """Yield (id, url, html) for the shared extraction pages."""
    for row, raw in extraction_rows():
        yield row["id"], row["url"], raw.decode("utf-8", errors="replace")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Format a Markdown table."""
    cells = [[str(c) for c in headers]] + [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in cells
    ]
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    return "\n".join(lines)


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
    return str(value)


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


class LoopLag:
    """Measure the event loop's lag while the block runs: a ticker that asks to sleep `tick` s.

    `async with LoopLag() as lag: ...` then `lag.samples` holds each wake-up's delay in ms.
    """

    def __init__(self, tick: float = 0.005) -> None:
        self.tick = tick
        self.samples: list[float] = []
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while not self._stop.is_set():
            started = time.perf_counter()
            await asyncio.sleep(self.tick)
            self.samples.append((time.perf_counter() - started - self.tick) * 1000)

    async def __aenter__(self) -> LoopLag:
        self._task = asyncio.create_task(self._run())
        await asyncio.sleep(self.tick * 2)  # ticking before the load starts
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._stop.set()
        if self._task is not None:
            await self._task
