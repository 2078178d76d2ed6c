"""Can a learned sentence scorer beat the lead on human highlights? A two-fold check.

The summaries bench tunes a handful of weights by hand. This asks the next question: fit a ridge
regression from ten sentence features (position, centrality, length, names, numbers, entities,
quotation, similarity to the lede, caption mark) to each sentence's ROUGE-2 against the
journalists' highlights, on one half of the SummEval articles, and pick with it on the other half
(the lede, then the best-scored sentences of the lead window, less what repeats a chosen one).
Each half is scored by a model that never saw it, so the table shows what the approach is worth
on articles it was not fitted to. The BBC column uses a model fitted on all the highlights.

Run from the repository root: `.venv/bin/python bench/learned.py`. Skips when the data is absent.
"""

from __future__ import annotations

import itertools
import math
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import summaries
from summaries import Case, lead, load_cases, rouge

from diplobrief.summary.flags import sentence_flags
from diplobrief.summary.news import NewsSummarizer

WINDOWS = (4, 5, 6, 8)  # lead window: the first W usable sentences
RIDGE = (1.0, 10.0, 100.0)
REDUNDANCY = (0.0, 5.0)  # R-2 points lost per unit of cosine to a chosen sentence
FEATURES = (
    "first",
    "rank",
    "centrality",
    "log words",
    "names",
    "numbers",
    "entities",
    "quoted",
    "like the lede",
    "caption mark",
)


class Prepared:
    """One article's usable sentences, their features and their ROUGE-2 labels."""

    def __init__(self, case: Case) -> None:
        self.case = case
        sents = case.sents
        flags = sentence_flags(sents)
        self.usable = [i for i, f in enumerate(flags) if not f.unfit] or list(range(len(sents)))
        terms = [
            [t.lemma_.lower() for t in s if not (t.is_stop or t.is_punct or t.is_space)]
            for s in sents
        ]
        centrality = NewsSummarizer(str).rate(terms)
        sets = [set(t) for t in terms]
        lede = sets[self.usable[0]]
        rows = []
        for rank, i in enumerate(self.usable):
            s = sents[i]
            words = max(1, sum(not (t.is_punct or t.is_space) for t in s))
            rows.append(
                [
                    float(rank == 0),
                    float(rank),
                    float(centrality[i]),
                    math.log(words),
                    sum(t.pos_ == "PROPN" for t in s) / words,
                    sum(t.like_num for t in s) / words,
                    len(s.ents) / words,
                    float(flags[i].quoted),
                    _cosine(sets[i], lede) if rank else 1.0,
                    float(s.text.rstrip().endswith(" .")),
                ]
            )
        self.features = np.array(rows)
        self.sets = sets
        self._labels: list[float] | None = None

    def labels(self, window: int) -> list[float]:
        """ROUGE-2 F1 of each usable sentence of the window against the highlights."""
        if self._labels is None:
            self._labels = [rouge(self.case, [i])[0][1] for i in self.usable[:8]]
        return self._labels[:window]

    def pick(self, model: Model, window: int, k: int, redundancy: float) -> list[int]:
        """The lede, then the best-scored window sentences, less what repeats a chosen one."""
        pool = self.usable[:window]
        score = dict(zip(pool, model.predict(self.features[: len(pool)]), strict=True))
        chosen = [pool[0]]
        while len(chosen) < min(k, len(pool)):
            rest = [i for i in pool if i not in chosen]
            chosen.append(
                max(
                    rest,
                    key=lambda i: (
                        score[i]
                        - redundancy * max(_cosine(self.sets[i], self.sets[j]) for j in chosen)
                    ),
                )
            )
        return sorted(chosen)


class Model:
    """Ridge regression on standardised features."""

    def __init__(self, articles: Sequence[Prepared], window: int, ridge: float) -> None:
        x = np.vstack([a.features[: len(a.labels(window))] for a in articles])
        y = np.array([v for a in articles for v in a.labels(window)])
        self.mean, self.scale = x.mean(axis=0), x.std(axis=0) + 1e-9
        z = np.hstack([(x - self.mean) / self.scale, np.ones((len(x), 1))])
        self.weights = np.linalg.solve(z.T @ z + ridge * np.eye(z.shape[1]), z.T @ y)

    def predict(self, x: np.ndarray) -> np.ndarray:
        z = np.hstack([(x - self.mean) / self.scale, np.ones((len(x), 1))])
        return z @ self.weights


def _cosine(a: set[str], b: set[str]) -> float:
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


def _r2(articles: Sequence[Prepared], picks: Sequence[list[int]]) -> float:
    return statistics.mean(rouge(a.case, p)[0][1] for a, p in zip(articles, picks, strict=True))


def main() -> int:
    if not (summaries.HUMAN.exists() and summaries.BBC.exists()):
        print(f"# shared data not found under {summaries.DATA}: skipping")
        return 0
    nlp = summaries.load_pipeline(summaries.MODEL)
    cases = load_cases(nlp)
    human = [Prepared(c) for c in cases["human"]]
    bbc = [Prepared(c) for c in cases["bbc"] if c.category in ("politics", "business")]
    halves = {
        "tune": [a for a in human if not a.case.held_out],
        "held-out": [a for a in human if a.case.held_out],
    }
    print("**A learned sentence scorer, two-fold** (R-2 F1 x100 at k = 3; each highlights half")
    print("is scored by a model fitted on the other half)\n")
    print("| window | ridge | redundancy | tune half | held-out half | mean | BBC p+b |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    base = {name: _r2(arts, [lead(a.case.sents, 3) for a in arts]) for name, arts in halves.items()}
    bbc_lead = _r2(bbc, [lead(a.case.sents, 3) for a in bbc])
    print(
        f"| lead-3 | | | {base['tune']:.1f} | {base['held-out']:.1f} | "
        f"{statistics.mean(base.values()):.1f} | {bbc_lead:.1f} |"
    )
    for window, ridge, redundancy in itertools.product(WINDOWS, RIDGE, REDUNDANCY):
        scores = {}
        for name, arts in halves.items():
            other = [a for a in human if a not in arts]
            model = Model(other, window, ridge)
            scores[name] = _r2(arts, [a.pick(model, window, 3, redundancy) for a in arts])
        everything = Model(human, window, ridge)
        on_bbc = _r2(bbc, [a.pick(everything, window, 3, redundancy) for a in bbc])
        print(
            f"| {window} | {ridge:g} | {redundancy:g} | {scores['tune']:.1f} | "
            f"{scores['held-out']:.1f} | {statistics.mean(scores.values()):.1f} | {on_bbc:.1f} |"
        )
    names = ", ".join(FEATURES)
    print(f"\nFeatures: {names}. Labels: each sentence's R-2 against the highlights.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
