"""Inputs for the blind preference test (../shared/tools/preference/): articles and briefs.

    .venv/bin/python bench/preference.py OUT_DIR [--sentences 5] [--wire 110]

Writes OUT_DIR/articles.jsonl (`{"id", "title", "text", "group"}`) and one briefs file per
method, named after it, in the form pairs.py reads (`{"id", "summary": [sentence, ...]}`):

- `news.jsonl`: the default summariser, as the bot runs it;
- `clean_lead.jsonl`: `news` with `window_extra = 0` (the first usable sentences);
- `first5.jsonl`: the first sentences of the text as split (for pages: as extracted).

Groups: `wire` = politics and business articles of the shared BBC set (a deterministic sample,
ordered by sha1 of the id, leaving out the ids ../gold/ids.json reserves for another bench),
briefed from the text as given with its headline; `web` = the English pages of the shared
extraction set, briefed by the real pipeline from the HTML (extraction, then summary), while the
judges read the page's ground-truth body. Then `pairs.py OUT/news.jsonl OUT/clean_lead.jsonl
--articles OUT/articles.jsonl --out PAIRS`.

It also prints a furniture check: every sentence of a web brief that looks like page furniture
to a check of its own (kept apart from the summariser's rules on purpose, so the rules do not
grade themselves), and every brief sentence the page's ground-truth body does not hold.
Skips (status 0) when the shared data is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from _common import extraction_rows, require, shared_data

from diplobrief.analysis import analyse, clip_sentence
from diplobrief.capping import cap_text, squeeze_spaces
from diplobrief.config import DEFAULT_MODEL
from diplobrief.errors import DiplobriefError
from diplobrief.models import Article
from diplobrief.nlp import load_pipeline
from diplobrief.summary.news import NewsSummarizer
from diplobrief.web.decode import decode_body
from diplobrief.web.extract import article_from_text, check_language, extract_article

METHODS = ("news", "clean_lead", "first5")
WIRE_CATEGORIES = ("politics", "business")
MAX_SENTENCES = 300  # the production cap (Settings.max_sentences_analysed)


def gold_ids() -> set[str]:
    """The articles of the actor gold set (bench/actors_gold/gold.jsonl), never judged here:
    the two benches keep their articles apart."""
    path = Path(__file__).parent / "actors_gold" / "gold.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["id"] for line in lines if line.strip()}


def wire_rows(limit: int) -> list[dict[str, Any]]:
    """A deterministic sample of politics and business articles: sha1-ordered ids."""
    path = require(shared_data() / "summarization" / "summarization.jsonl")
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    reserved = gold_ids()
    rows = [r for r in rows if r["category"] in WIRE_CATEGORIES and r["id"] not in reserved]
    rows.sort(key=lambda r: hashlib.sha1(r["id"].encode()).hexdigest())
    return rows[:limit]


def briefs(article: Article, count: int) -> dict[str, list[str]]:
    """The three briefs of one article, each as the pipeline makes it (`analyse`)."""
    nlp = load_pipeline(DEFAULT_MODEL)
    out = {"news": list(analyse(nlp, article, sentences=count).summary)}
    saved = NewsSummarizer.window_extra
    NewsSummarizer.window_extra = 0
    try:
        out["clean_lead"] = list(analyse(nlp, article, sentences=count).summary)
    finally:
        NewsSummarizer.window_extra = saved
    doc = nlp(cap_text(squeeze_spaces(article.text), MAX_SENTENCES))
    sents = [s for s in doc.sents if s.text.strip()]
    out["first5"] = [clip_sentence(s.text) for s in sents[:count]]
    return out


def cases(wire: int) -> Iterator[tuple[dict[str, Any], Article | None, str]]:
    """Yield (article row for the judges, the article as the bot has it, why it was left out)."""
    for row in wire_rows(wire):
        url = f"https://bench.invalid/{row['id']}"
        article = article_from_text(row["text"], url, row["title"])
        yield (
            {"id": row["id"], "title": row["title"], "text": row["text"], "group": "wire"},
            (article),
            "",
        )
    for row, raw in extraction_rows():
        if row.get("lang_guess") != "en":
            continue
        html, _ = decode_body(raw, None, html=True)
        shown = {"id": row["id"], "title": None, "text": row["body"], "group": "web"}
        try:
            article = extract_article(html, row["url"])
            check_language(article)
        except DiplobriefError as exc:
            yield shown, None, f"{row['url']}: {exc}"
            continue
        shown["title"] = article.title or row["url"]
        yield shown, article, ""


# The bench's own idea of page furniture: independent of diplobrief.summary.flags.
_FURNITURE_CHECKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("link", re.compile(r"https?://|\bwww\.\w|\b\w+\.(?:com|org|net|co\.uk)/", re.I)),
    (
        "label",
        re.compile(
            r"^\W*(?:read more|more|related|see also|also on|also read|updated|update|"
            r"published|posted|last updated|advertisement|sponsored|watch|listen|photo|image|"
            r"video|click|sign up|subscribe|follow us|share this|editor'?s note|correction)\b"
            r"[\w ]{0,30}[:|]",
            re.I,
        ),
    ),
    (
        "prompt",
        re.compile(
            r"\b(?:sign up for|subscribe to|our newsletter|in your inbox|click here|"
            r"read the full|full results|here are some of|here's what|follow us on|"
            r"download the app|this article (?:was|is) (?:originally )?(?:published|updated))\b",
            re.I,
        ),
    ),
    (
        "dateline",
        re.compile(
            r"^\W*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
            r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
            r"[\s\d:apm.,|]*$",
            re.I,
        ),
    ),
    ("no end", re.compile(r"[^.!?…\"'”’)\]]\s*$")),
    ("ends in colon", re.compile(r":\s*$")),
)


def furniture(sentence: str, title: str | None) -> list[str]:
    """Why the bench calls this brief sentence page furniture (none: it reads as prose)."""
    text = sentence.strip()
    reasons = [name for name, pattern in _FURNITURE_CHECKS if pattern.search(text)]
    words = re.findall(r"[^\W_]+", text)
    if len(words) < 4:
        reasons.append("short")
    caps = [w for w in words if len(w) > 1 and w.isupper()]
    if len(words) >= 3 and len(caps) > len(words) / 2:
        reasons.append("capitals")
    if title and _plain(title) and _plain(title) in _plain(text) and len(_plain(title)) > 20:
        reasons.append("headline")
    return reasons


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def check_furniture(web: list[tuple[dict[str, Any], dict[str, list[str]]]]) -> None:
    """Print each web brief sentence that looks like furniture, per method, and the counts."""
    counts: Counter[str] = Counter()
    absent: Counter[str] = Counter()
    lines: list[str] = []
    for shown, made in web:
        body = _plain(shown["text"])
        for method, summary in made.items():
            for sentence in summary:
                reasons = furniture(sentence, shown["title"])
                if reasons:
                    counts[method] += 1
                    lines.append(f"  {method:10} {shown['id'][:10]} {reasons}: {sentence[:110]!r}")
                if _plain(sentence) not in body:
                    absent[method] += 1
    print(f"\n# Furniture check ({len(web)} web briefs per method)")
    for line in sorted(lines):
        print(line)
    for method in METHODS:
        print(
            f"{method}: {counts[method]} furniture-like sentences, "
            f"{absent[method]} not in the ground-truth body"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="folder for articles.jsonl and the briefs files")
    ap.add_argument("--sentences", type=int, default=5)
    ap.add_argument("--wire", type=int, default=110, help="wire articles in the sample")
    args = ap.parse_args(argv)
    require(shared_data() / "summarization")
    require(shared_data() / "extraction")
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in ("articles", *METHODS)}
    groups: Counter[str] = Counter()
    web: list[tuple[dict[str, Any], dict[str, list[str]]]] = []
    for shown, article, why_not in cases(args.wire):
        if article is None:
            print(f"left out (refused): {why_not}", file=sys.stderr)
            continue
        made = briefs(article, args.sentences)
        rows["articles"].append(shown)
        for method, summary in made.items():
            rows[method].append({"id": shown["id"], "summary": summary})
        groups[shown["group"]] += 1
        if shown["group"] == "web":
            web.append((shown, made))
    args.out.mkdir(parents=True, exist_ok=True)
    for name, lines in rows.items():
        with open(args.out / f"{name}.jsonl", "w", encoding="utf-8") as f:
            f.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in lines)
    print(f"wrote {dict(groups)} articles and {', '.join(METHODS)} briefs to {args.out}")
    check_furniture(web)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
