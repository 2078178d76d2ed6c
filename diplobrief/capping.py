"""How much of an article is read: spaces squeezed, and the text cut so parsing stays bounded.

Light on purpose: the pipeline cuts what it stores with the same rule the analysis reads by,
without loading spaCy.
"""

from __future__ import annotations

import re

# Characters parsed per allowed sentence: caps parse time on huge pages before spaCy sees them.
CHARS_PER_SENTENCE = 220
# Sentence ends read per allowed sentence: many short sentences fit in the character budget, and
# abbreviations such as "Mr." end no sentence for spaCy, hence the margin.
ENDS_PER_SENTENCE = 1.5
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
# Spaces, tabs and the like, but not line breaks (they part paragraphs, which the rules read).
_SPACES = re.compile(r"[^\S\n]+")


def squeeze_spaces(text: str) -> str:
    """Read every run of spaces as one space, and none at either end of a line.

    Plain-text pages pad and align with runs of hundreds of spaces: they cost the parser and
    the text rules time for nothing (a 65 KB page of them took over a minute).
    """
    return _SPACES.sub(" ", text).replace(" \n", "\n").replace("\n ", "\n")


def cap_text(text: str, max_sentences: int) -> str:
    """Cut very long text at a paragraph (or word) boundary so parsing time stays bounded."""
    limit = max_sentences * CHARS_PER_SENTENCE
    most = int(max_sentences * ENDS_PER_SENTENCE)
    for n, end in enumerate(_SENTENCE_END.finditer(text, 0, limit), 1):
        if n >= most:
            limit = end.end()
            break
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    if cut < limit // 2:
        cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit]
