"""Inputs for the blind preference test in other languages (issue 18): our brief against the
first five sentences, on the project's own articles (`bench/languages/articles/<lang>.jsonl`).

    .venv/bin/python bench/language_preference.py OUT_DIR [--langs fr es de ru]

Writes OUT_DIR/articles.jsonl (`{"id", "title", "text", "group"}`, the group being the language)
and `news.jsonl` and `first5.jsonl` in the form ../shared/tools/preference/pairs.py reads. The
briefs are the bot's own (`analyse_article`); the first five are the language's sentence splitter
on the same text. Judges must read the language: give each the pairs of one language.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from _common import ROOT

HERE = ROOT / "bench" / "languages" / "articles"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--langs", nargs="+", default=["fr", "es", "de", "ru"])
    ap.add_argument("--sentences", type=int, default=5)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from diplobrief.analysis import clip_sentence
    from diplobrief.config import Settings
    from diplobrief.lang.sentences import split
    from diplobrief.web.extract import article_from_text
    from diplobrief.workers import Length, analyse_article

    model = Settings().spacy_model
    args.out.mkdir(parents=True, exist_ok=True)
    files = {
        name: (args.out / f"{name}.jsonl").open("w", encoding="utf-8")
        for name in ("articles", "news", "first5")
    }
    try:
        for lang in args.langs:
            path = HERE / f"{lang}.jsonl"
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                article = article_from_text(row["title"] + "\n\n" + row["text"], "file:///b.txt")
                news = list(analyse_article(model, article, Length(args.sentences), 300).summary)
                lead = [clip_sentence(s) for s in split(article.text, lang)[: args.sentences]]
                shown = {"id": row["id"], "title": row["title"], "text": row["text"], "group": lang}
                files["articles"].write(json.dumps(shown, ensure_ascii=False) + "\n")
                for name, summary in (("news", news), ("first5", lead)):
                    brief = {"id": row["id"], "summary": summary}
                    files[name].write(json.dumps(brief, ensure_ascii=False) + "\n")
    finally:
        for f in files.values():
            f.close()
    print(f"wrote briefs for {', '.join(args.langs)} to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
