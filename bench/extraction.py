"""Extraction quality: our `extract_article` against the pages' ground-truth article bodies.

Scored as the article-extraction-benchmark scores it: precision, recall and F1 of the words
(lower-cased, split on whitespace, as bags) of the extracted text against the ground truth, per
page, then averaged. Beside ours: trafilatura's defaults on the raw HTML. A page we refuse scores
0 for us (its reason is counted), so the refusals show in the mean. The pages in other languages
get rows of their own and a table, page by page: the ones in a language the bot briefs (issue
18) are briefed, the others (Korean, Japanese, Indonesian) refused by the name of the language.

Run from the repository root: `.venv/bin/python bench/extraction.py`. Skips when the data is
absent.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter

from _common import extraction_rows, table

from diplobrief.errors import DiplobriefError
from diplobrief.web.decode import decode_body
from diplobrief.web.extract import check_language, extract_article


def score(got: str, truth: str) -> tuple[float, float, float]:
    """Bag-of-words precision, recall and F1 of `got` against `truth`."""
    mine, theirs = Counter(got.lower().split()), Counter(truth.lower().split())
    overlap = sum((mine & theirs).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / sum(mine.values()), overlap / sum(theirs.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def main() -> int:
    import trafilatura

    pages = list(extraction_rows())
    ours: list[tuple[bool, tuple[float, float, float]]] = []
    plain: list[tuple[bool, tuple[float, float, float]]] = []
    refused: Counter[str] = Counter()
    refused_english: list[str] = []
    # Pages in other languages: (host, language guessed, detected, our F1, trafilatura's F1,
    # our F1 before the language check, what happened)
    foreign: list[list[object]] = []
    seconds = {"ours": 0.0, "trafilatura": 0.0}
    for row, raw in pages:
        html, _ = decode_body(raw, None, html=True)
        english = row.get("lang_guess") == "en"
        started = time.perf_counter()
        detected, extracted, outcome = "-", (0.0, 0.0, 0.0), "briefed"
        try:
            article = extract_article(html, row["url"])
            detected = article.language or "-"
            extracted = score(article.text, row["body"])
            check_language(article)
            ours.append((english, extracted))
        except DiplobriefError as exc:
            ours.append((english, (0.0, 0.0, 0.0)))
            refused[exc.kind] += 1
            outcome = exc.kind
            if english:
                refused_english.append(f"{row['url']} ({len(row['body'].split())} words): {exc}")
        seconds["ours"] += time.perf_counter() - started
        started = time.perf_counter()
        text = trafilatura.extract(html, url=row["url"]) or ""
        seconds["trafilatura"] += time.perf_counter() - started
        plain.append((english, score(text, row["body"])))
        if not english:
            foreign.append(
                [
                    row.get("host") or row["url"][:40],
                    row.get("lang_guess"),
                    detected,
                    round(ours[-1][1][2], 3),
                    round(plain[-1][1][2], 3),
                    round(extracted[2], 3),
                    outcome,
                ]
            )

    def means(
        results: list[tuple[bool, tuple[float, float, float]]], only_english: bool | None
    ) -> list:
        """Means over every page, the English ones (True) or the others (None)."""
        kept = [
            s for english, s in results if only_english is False or english == bool(only_english)
        ]
        return [len(kept), *(round(statistics.mean(s[i] for s in kept), 3) for i in range(3))]

    print(f"**Extraction** ({len(pages)} real pages with ground truth, word-bag P / R / F1)\n")
    print(
        table(
            ["extractor", "pages", "precision", "recall", "F1", "seconds"],
            [
                ["ours (refusals score 0)", *means(ours, False), round(seconds["ours"], 1)],
                ["ours, English pages", *means(ours, True), ""],
                ["trafilatura defaults", *means(plain, False), round(seconds["trafilatura"], 1)],
                ["trafilatura defaults, English pages", *means(plain, True), ""],
                ["ours, other languages (refusals score 0)", *means(ours, None), ""],
                ["trafilatura defaults, other languages", *means(plain, None), ""],
            ],
        )
    )
    print("\n**Pages in other languages** (F1; ours before the language check beside)\n")
    print(
        table(
            ["site", "guessed", "detected", "ours", "trafilatura", "ours, extracted", "outcome"],
            foreign,
        )
    )
    if foreign:
        print(
            f"\nExtraction alone on the {len(foreign)} pages in other languages (F1): ours "
            f"{statistics.mean(float(r[5]) for r in foreign):.3f}, trafilatura "
            f"{statistics.mean(float(r[4]) for r in foreign):.3f}"
        )
    supported = [r for r in foreign if r[-1] == "briefed"]
    if supported:
        print(
            f"\nBriefed pages in other languages ({len(supported)}): ours F1 "
            f"{statistics.mean(float(r[3]) for r in supported):.3f}, trafilatura "
            f"{statistics.mean(float(r[4]) for r in supported):.3f}"
        )
    print(f"\nRefused: {dict(refused)}")
    for line in refused_english:
        print(f"  English page refused: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
