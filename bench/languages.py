"""Briefs beyond English (issue 18): the memory each extra language costs a worker, and the time
per article in each language against an English article of the same length.

Memory: a fresh process loads the English pipeline (what every worker holds), then analyses one
article in a language; the growth of its resident memory is what that language adds (its word
tables, and its pipeline where one exists: spaCy's French, natasha for Russian). Each language
is measured in a process of its own, so no language is counted in another's figure.

Time: the articles the tests use, repeated to about `WORDS` words (Chinese counted as two
characters a word), against the English treaty-talks article repeated to the same length;
the median of several analyses once warm, the pipelines loaded.

Run from the repository root: `.venv/bin/python bench/languages.py`.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

from _common import ROOT, table

WORDS = 600
RUNS = 7

_MEMORY = """
import json, resource, sys
sys.path.insert(0, {root!r})

def rss():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

from diplobrief.config import Settings
from diplobrief.nlp import load_pipeline
from diplobrief.workers import Length, analyse_article
from diplobrief.web.extract import article_from_text
from tests.lang.articles import ARTICLES
from tests.support import read_fixture

model = Settings().spacy_model
load_pipeline(model)
english = article_from_text(read_fixture("treaty-talks.txt"), "file:///en.txt")
analyse_article(model, english, Length(5), 300)
before = rss()
lang = {lang!r}
if lang != "en":
    w = ARTICLES[lang]
    article = article_from_text(w.title + "\\n\\n" + w.text, "file:///x.txt")
    analyse_article(model, article, Length(3), 300)
print(json.dumps({{"before": before, "after": rss()}}))
"""


def memory(lang: str) -> tuple[float, float]:
    code = _MEMORY.format(root=str(ROOT), lang=lang)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return data["before"], data["after"]


def _repeat(paragraphs: list[str], words: int, size: object) -> str:
    out: list[str] = []
    while size("\n".join(out)) < words:  # type: ignore[operator]
        out.extend(paragraphs)
    return "\n".join(out)


def timing() -> list[list[object]]:
    sys.path.insert(0, str(ROOT))
    from diplobrief.config import Settings
    from diplobrief.lang.detect import size
    from diplobrief.nlp import load_pipeline
    from diplobrief.web.extract import article_from_text
    from diplobrief.workers import Length, analyse_article
    from tests.lang.articles import ARTICLES
    from tests.support import read_fixture

    model = Settings().spacy_model
    load_pipeline(model)
    english_text = read_fixture("treaty-talks.txt").split("\n\n", 1)[1]
    texts = {"en": ("Talks", english_text)}
    texts.update({code: (w.title, w.text) for code, w in ARTICLES.items()})
    rows = []
    base = None
    for code, (title, text) in texts.items():
        paragraphs = [p for p in text.split("\n") if p.strip()]
        body = _repeat(paragraphs, WORDS, size)
        article = article_from_text(f"{title}\n\n{body}", f"file:///{code}.txt")
        analyse_article(model, article, Length(5), 300)  # warm: pipelines, tables
        times = []
        for _ in range(RUNS):
            began = time.perf_counter()
            analyse_article(model, article, Length(5), 300)
            times.append(time.perf_counter() - began)
        ms = statistics.median(times) * 1000
        per_100 = ms / size(body) * 100  # the English text is a little longer: per 100 words
        base = base or per_100
        rows.append([code, size(body), round(ms, 1), round(per_100, 1), round(per_100 / base, 2)])
    return rows


def actors() -> list[list[object]]:
    """State recall (with the right code) and people precision on the written articles."""
    sys.path.insert(0, str(ROOT))
    from diplobrief.actors.multilingual import find_actors
    from diplobrief.lang.sentences import split
    from diplobrief.models import ActorType
    from tests.lang.articles import ARTICLES

    rows = []
    for code, written in ARTICLES.items():
        found = find_actors(split(written.text, code), code, title=written.title)
        states = {a.country_code for a in found if a.type == ActorType.STATE}
        people = {(a.name, a.country_code) for a in found if a.type == ActorType.PERSON}
        right = people & set(written.people.items())
        rows.append(
            [
                code,
                f"{len(states & written.states)}/{len(written.states)}",
                f"{len(right)}/{len(people)}",
                "none" if not states & written.not_states else "WRONG",
            ]
        )
    return rows


def main() -> int:
    print("**Memory per extra language** (MB of resident memory a worker gains)\n")
    rows = []
    for lang in ("en", "fr", "es", "de", "pt", "ru", "it", "ar", "zh"):
        before, after = memory(lang)
        rows.append([lang, round(before), round(after - before, 1)])
    print(table(["language", "worker with English (MB)", "added by the language (MB)"], rows))
    print(f"\n**Time per article** (~{WORDS} words, median of {RUNS}, analysis only)\n")
    print(table(["language", "words", "ms", "ms per 100 words", "× English"], timing()))
    print("\n**Actors on the written articles** (tests/lang/articles.py)\n")
    print(table(["language", "states found", "people right / found", "false states"], actors()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
