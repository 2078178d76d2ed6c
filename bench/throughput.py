"""Throughput: the whole pipeline (HTML → stored brief) against the floor, 1 and 2 workers.

The floor is what cannot be avoided: `trafilatura.extract` alone plus spaCy's `nlp.pipe` alone on
the same pages, timed in the same run so the machine's noise cancels in the ratios.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from _common import extraction_pages, table

from diplobrief.config import Settings
from diplobrief.errors import DiplobriefError
from diplobrief.nlp import load_pipeline
from diplobrief.pipeline import Briefer


def floor(pages: list[tuple[str, str, str]], model: str) -> tuple[float, list[str]]:
    import trafilatura

    nlp = load_pipeline(model)
    started = time.perf_counter()
    texts = [trafilatura.extract(html, url=url) or "" for _, url, html in pages]
    list(nlp.pipe(texts, batch_size=16))
    return time.perf_counter() - started, texts


async def pipeline(
    pages: list[tuple[str, str, str]], workers: int, model: str
) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            db_path=str(Path(folder) / "b.sqlite3"),
            workers=workers,
            max_pending=len(pages) + 1,
            spacy_model=model,
        )
        async with await Briefer.open(settings) as briefer:  # workers load the model here
            started = time.perf_counter()

            async def one(url: str, html: str) -> bool:
                try:
                    await briefer.brief_html(html, url=url, sentences=5)
                    return True
                except DiplobriefError:
                    return False

            done = await asyncio.gather(*(one(url, html) for _, url, html in pages))
            elapsed = time.perf_counter() - started
            assert briefer.store is not None
            stored = await briefer.store.count_briefs()
    assert stored == sum(done)
    return elapsed, sum(done)


def main() -> None:
    model = Settings().spacy_model
    pages = list(extraction_pages())
    floor_s, _ = floor(pages, model)
    one_s, ok1 = asyncio.run(pipeline(pages, 1, model))
    two_s, ok2 = asyncio.run(pipeline(pages, 2, model))
    n = len(pages)
    rows = [
        ["floor: trafilatura.extract + nlp.pipe (1 process)", n, floor_s, n / floor_s, 1.0],
        [
            "pipeline, 1 worker (extract, parse, summary, actors, store)",
            ok1,
            one_s,
            n / one_s,
            one_s / floor_s,
        ],
        ["pipeline, 2 workers", ok2, two_s, n / two_s, two_s / floor_s],
    ]
    print(f"Throughput on {n} real pages ({time.strftime('%Y-%m-%d')})\n")
    print(table(["run", "briefs", "seconds", "pages/s", "time vs floor"], rows))
    print(
        f"\n2 workers vs 1: {one_s / two_s:.2f}× the rate (goal ≥ 1.7×); "
        f"1 worker vs floor: {one_s / floor_s:.2f}× the time (goal ≤ 1.25×)"
    )


if __name__ == "__main__":
    main()
