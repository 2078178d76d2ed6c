"""Actors beyond English against two annotators' labels (issue 18): states with their country
code, and people.

The articles are the project's own (`bench/languages/articles/<lang>.jsonl`, written for this
bench in each language); two annotators labelled the first ten of each independently from
`bench/languages/GUIDE.md` (`bench/languages/labels/{A,B}/<lang>.jsonl`). An actor both list
(matched by English name or by a form in the text) is gold; one only one lists is *unsure*: a
prediction matching it counts neither for nor against.

- state recall: gold states found as a state with the same country code;
- people precision: predicted people that are gold people (unsure ones left out);
- people recall, organisation recall: the same for the others, for the record.

Run from the repository root: `.venv/bin/python bench/language_actors.py`.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

from _common import ROOT, table

HERE = ROOT / "bench" / "languages"
LANGS = ("fr", "es", "de", "pt", "it", "ru", "ar", "zh")
_PUNCT = re.compile(r"[^\w ]+")


def norm(name: str) -> str:
    """Compare names without case, accents, punctuation or spacing."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_PUNCT.sub(" ", text).split())


def forms(actor: dict[str, Any]) -> set[str]:
    return {norm(n) for n in [actor["name"], *actor.get("aliases", [])] if norm(n)}


def read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def merge(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> tuple[list[dict], list[dict]]:
    """Actors both annotators list (gold) and those only one lists (unsure)."""
    gold, unsure, used = [], [], set()
    for actor in a:
        hit = next(
            (i for i, o in enumerate(b) if i not in used and forms(actor) & forms(o)),
            None,
        )
        if hit is None:
            unsure.append(actor)
            continue
        used.add(hit)
        other = b[hit]
        merged = dict(actor, aliases=sorted({*actor["aliases"], *other["aliases"], other["name"]}))
        if actor["type"] != other["type"] or actor.get("country_code") != other.get("country_code"):
            unsure.append(merged)
        else:
            gold.append(merged)
    unsure.extend(o for i, o in enumerate(b) if i not in used)
    return gold, unsure


def matches(pred: Any, gold: dict[str, Any]) -> bool:
    names = {norm(pred.name), *(norm(a) for a in pred.aliases)}
    return bool(names & forms(gold))


def score(lang: str) -> dict[str, Any] | None:
    from diplobrief.config import Settings
    from diplobrief.web.extract import article_from_text
    from diplobrief.workers import Length, analyse_article

    articles_path = HERE / "articles" / f"{lang}.jsonl"
    a_path, b_path = (HERE / "labels" / who / f"{lang}.jsonl" for who in "AB")
    if not (articles_path.exists() and a_path.exists() and b_path.exists()):
        return None
    articles = {row["id"]: row for row in read(articles_path)}
    labels_b = {row["id"]: row for row in read(b_path)}
    model = Settings().spacy_model
    n = dict.fromkeys(
        [
            "states",
            "states_found",
            "people_pred",
            "people_right",
            "people",
            "people_found",
            "orgs",
            "orgs_found",
            "agreed",
            "labelled",
        ],
        0,
    )
    missed: list[str] = []
    wrong: list[str] = []
    for row_a in read(a_path):
        gold, unsure = merge(row_a["actors"], labels_b[row_a["id"]]["actors"])
        n["agreed"] += len(gold)
        n["labelled"] += len(gold) + len(unsure)
        row = articles[row_a["id"]]
        article = article_from_text(row["title"] + "\n\n" + row["text"], "file:///bench.txt")
        actors = analyse_article(model, article, Length(5), 300).actors
        for g in gold:
            if g["type"] == "state":
                n["states"] += 1
                if any(p.type == "state" and p.country_code == g["country_code"] for p in actors):
                    n["states_found"] += 1
                else:
                    missed.append(f"{row['id']} state {g['name']}")
            elif g["type"] == "person":
                n["people"] += 1
                n["people_found"] += any(p.type == "person" and matches(p, g) for p in actors)
            else:
                n["orgs"] += 1
                n["orgs_found"] += any(matches(p, g) for p in actors)
        for p in actors:
            if p.type != "person":
                continue
            if any(matches(p, g) for g in unsure) and not any(matches(p, g) for g in gold):
                continue
            n["people_pred"] += 1
            if any(g["type"] == "person" and matches(p, g) for g in gold):
                n["people_right"] += 1
            else:
                wrong.append(f"{row['id']} person {p.name}")
    n["missed"], n["wrong"] = missed, wrong  # type: ignore[assignment]
    return n


def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "-"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    rows, notes = [], []
    for lang in LANGS:
        n = score(lang)
        if n is None:
            rows.append([lang, "no labels", "", "", "", ""])
            continue
        rows.append(
            [
                lang,
                f"{n['agreed']}/{n['labelled']}",
                ratio(n["states_found"], n["states"]),
                ratio(n["people_right"], n["people_pred"]),
                ratio(n["people_found"], n["people"]),
                ratio(n["orgs_found"], n["orgs"]),
            ]
        )
        notes += [f"  {lang}: missed {m}" for m in n["missed"]]
        notes += [f"  {lang}: not a gold person: {w}" for w in n["wrong"]]
    print("# Actors beyond English against two annotators (10 articles a language)\n")
    print(
        table(
            [
                "lang",
                "agreed / labelled",
                "state recall (code)",
                "people precision",
                "people recall",
                "organisation recall",
            ],
            rows,
        )
    )
    print("\ngoals: state recall >= 0.95 with the right code, people precision >= 0.85\n")
    print("\n".join(notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
