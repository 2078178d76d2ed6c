"""Extraction quality: our `extract_article` against the pages' ground-truth article bodies.

Scored as the article-extraction-benchmark scores it: precision, recall and F1 of the words
(lower-cased, split on whitespace, as bags) of the extracted text against the ground truth, per
page, then averaged. Beside ours: trafilatura's defaults on the raw HTML. A page we refuse scores
0 for us (its reason is counted), so the refusals show in the mean; the English-only row leaves
out the pages in other languages, which we refuse on purpose.

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
    seconds = {"ours": 0.0, "trafilatura": 0.0}
    for row, raw in pages:
        html, _ = decode_body(raw, None, html=True)
        english = row.get("lang_guess") == "en"
        started = time.perf_counter()
        try:
            article = extract_article(html, row["url"])
            check_language(article)
            ours.append((english, score(article.text, row["body"])))
        except DiplobriefError as exc:
            ours.append((english, (0.0, 0.0, 0.0)))
            refused[exc.kind] += 1
            if english:
                refused_english.append(f"{row['url']} ({len(row['body'].split())} words): {exc}")
        seconds["ours"] += time.perf_counter() - started
        started = time.perf_counter()
        text = trafilatura.extract(html, url=row["url"]) or ""
        seconds["trafilatura"] += time.perf_counter() - started
        plain.append((english, score(text, row["body"])))

    def means(results: list[tuple[bool, tuple[float, float, float]]], only_english: bool) -> list:
        kept = [s for english, s in results if english or not only_english]
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
            ],
        )
    )
    print(f"\nRefused: {dict(refused)}")
    for line in refused_english:
        print(f"  English page refused: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
