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
# Chosen by bench/summaries.py (see CHANGELOG.md for the tables and the reasons).
DEFAULT_ALGORITHM = "news"
# Part of every cached brief's key: bump it when any summariser's choices (or the actors and
# quotes a brief carries) change, so briefs cached by an older version are made again instead
# of served. CHANGELOG.md says what each revision changed.
SELECTION_REVISION = 11
