"""Merge two annotators' labels of the actor gold set and list what they disagree on.

    python bench/actors_gold/reconcile.py A.jsonl B.jsonl --out gold.jsonl --disputes d.jsonl

An actor both annotators list (matched by name or alias, case and punctuation aside) is kept with
the union of their aliases; its type, role and key are kept where they agree. Everything else
(an actor only one lists, a type or key they disagree on, a name one calls an actor and the
other a non-actor) goes to the disputes file, settled by re-reading the article by GUIDE.md,
and the settlement is written back into the merged file. Agreement figures are printed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

_PUNCT = re.compile(r"[^\w ]+")


def norm(name: str) -> str:
    """Compare names without case, punctuation, "the" or spaces that differ."""
    text = _PUNCT.sub(" ", name.replace("’", "'").replace("'s ", " ").lower())
    words = [w for w in text.split() if w != "the"]
    return " ".join(words)


def names_of(actor: dict[str, Any]) -> set[str]:
    return {norm(n) for n in [actor["name"], *actor.get("aliases", [])] if norm(n)}


def read(path: Path) -> dict[str, dict[str, Any]]:
    rows = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return {row["id"]: row for row in rows}


def merge(
    a: dict[str, Any], b: dict[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, int]]:
    merged: list[dict[str, Any]] = []
    disputes: list[dict[str, Any]] = []
    counts = {"both": 0, "only_a": 0, "only_b": 0, "type_agree": 0, "key_agree": 0, "key_both": 0}
    used_b: set[int] = set()
    for actor in a["actors"]:
        match = next(
            (
                i
                for i, other in enumerate(b["actors"])
                if i not in used_b and names_of(actor) & names_of(other)
            ),
            None,
        )
        if match is None:
            counts["only_a"] += 1
            disputes.append({"id": a["id"], "what": "only_a", "a": actor})
            continue
        used_b.add(match)
        other = b["actors"][match]
        counts["both"] += 1
        aliases = sorted(
            {*actor.get("aliases", []), *other.get("aliases", []), other["name"]} - {actor["name"]}
        )
        row = dict(actor, aliases=aliases)
        if actor["type"] == other["type"]:
            counts["type_agree"] += 1
        else:
            disputes.append({"id": a["id"], "what": "type", "a": actor, "b": other})
        if bool(actor["key"]) == bool(other["key"]):
            counts["key_agree"] += 1
            counts["key_both"] += bool(actor["key"])
        else:
            disputes.append({"id": a["id"], "what": "key", "a": actor, "b": other})
        if not row.get("role") and other.get("role"):
            row["role"] = other["role"]
        if not row.get("affiliation") and other.get("affiliation"):
            row["affiliation"] = other["affiliation"]
        merged.append(row)
    for i, other in enumerate(b["actors"]):
        if i not in used_b:
            counts["only_b"] += 1
            disputes.append({"id": a["id"], "what": "only_b", "b": other})
    non_actors: dict[str, dict[str, Any]] = {}
    for row in [*a.get("non_actors", []), *b.get("non_actors", [])]:
        non_actors.setdefault(norm(row["name"]), row)
    for dispute in disputes:
        if dispute["what"] in ("only_a", "only_b"):
            actor = dispute.get("a") or dispute.get("b")
            named = names_of(actor) & set(non_actors)
            if named:
                dispute["other_says_non_actor"] = sorted(named)
    return (
        {"id": a["id"], "actors": merged, "non_actors": list(non_actors.values())},
        disputes,
        counts,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--disputes", type=Path, required=True)
    args = parser.parse_args()
    first, second = read(args.a), read(args.b)
    if set(first) != set(second):
        print(
            f"the two files label different articles: {sorted(set(first) ^ set(second))}",
            file=sys.stderr,
        )
        return 1
    total = dict.fromkeys(["both", "only_a", "only_b", "type_agree", "key_agree", "key_both"], 0)
    with (
        args.out.open("w", encoding="utf-8") as out,
        args.disputes.open("w", encoding="utf-8") as dis,
    ):
        for article_id in first:
            merged, disputes, counts = merge(first[article_id], second[article_id])
            out.write(json.dumps(merged, ensure_ascii=False) + "\n")
            for dispute in disputes:
                dis.write(json.dumps(dispute, ensure_ascii=False) + "\n")
            for name, value in counts.items():
                total[name] += value
    union = total["both"] + total["only_a"] + total["only_b"]
    print(
        f"articles {len(first)}; actors both annotators list {total['both']} of {union} "
        f"({total['both'] / union:.0%}); type agreement {total['type_agree'] / total['both']:.0%}; "
        f"key agreement {total['key_agree'] / total['both']:.0%}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
