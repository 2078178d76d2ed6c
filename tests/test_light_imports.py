"""The CLI, the store, the settings and the URL checks start without the analysis' libraries:
only the workers import spaCy, sumy (NLTK, numpy) and trafilatura (issue 15)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from diplobrief.config import Settings
from diplobrief.pipeline import Briefer
from tests.support import PageServer, read_fixture

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("spacy", "sumy", "nltk", "numpy", "trafilatura", "thinc", "lxml")


def test_the_cli_store_and_url_checks_import_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "import diplobrief.cli, diplobrief.pipeline, diplobrief.store.sqlite\n"
        "import diplobrief.web.urls, diplobrief.web.sites, diplobrief.config, diplobrief.workers\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


async def test_a_lazy_briefer_starts_no_worker_for_a_cached_brief(
    settings: Settings, page_server: PageServer
) -> None:
    url = page_server.add("/a", read_fixture("treaty-talks.html"))
    processes = settings.model_copy(update={"workers": 1})
    async with await Briefer.open(processes) as first:
        await first.brief(url, sentences=3)
    async with await Briefer.open(processes, lazy=True) as cli:
        cached = await cli.brief(url, sentences=3)
        assert cached.cached and cli.analyser.pids() == []
        longer = await cli.brief(url, sentences=4)  # needs an analysis: a worker starts now
        assert longer.cached and len(longer.summary) == 4 and len(cli.analyser.pids()) == 1
