"""The summarisers by name, the default one, and the revision of the sentence selection.

Light on purpose: the CLI's options, the settings and the cache keys read these without
loading sumy or spaCy (`summarize.ALGORITHMS` maps the same names to the classes).
"""

from __future__ import annotations

ALGORITHM_NAMES: tuple[str, ...] = (
    "lexrank",
    "textrank",
    "lsa",
    "luhn",
    "kl",
    "sumbasic",
    "reduction",
    "news",
)
# What people read in a brief's footer: the summariser's name as its authors write it, and for
# ours what it does (a bare "news" reads as a section of the paper).
ALGORITHM_LABELS: dict[str, str] = {
    "lexrank": "LexRank",
    "textrank": "TextRank",
    "lsa": "LSA",
    "luhn": "Luhn",
    "kl": "KL-Sum",
    "sumbasic": "SumBasic",
    "reduction": "Reduction",
    "news": "lede and key sentences",
}
assert tuple(ALGORITHM_LABELS) == ALGORITHM_NAMES


def algorithm_label(name: str) -> str:
    """Return the summariser's readable name (an unknown one, from an old cache, as it is)."""
    return ALGORITHM_LABELS.get(name, name)


# Chosen by bench/summaries.py (see CHANGELOG.md for the tables and the reasons).
DEFAULT_ALGORITHM = "news"
# Part of every cached brief's key: bump it when any summariser's choices (or the actors and
# quotes a brief carries) change, so briefs cached by an older version are made again instead
# of served. CHANGELOG.md says what each revision changed.
SELECTION_REVISION = 12
