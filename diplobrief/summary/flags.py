"""Tell which sentences read badly out of context: captions, boilerplate, questions, fragments."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from diplobrief import lexicon
from diplobrief.actors import gazetteer
from diplobrief.nlp import ABBREVIATIONS, NUMBER_ABBREVIATIONS
from diplobrief.quotes.marks import QuotedTokens, quotation_spans, quoted_tokens
from diplobrief.web.furniture import comparable, contains, headline_forms, is_label_line

log = logging.getLogger(__name__)

EN = "en"
# Openers that point back at an earlier sentence; alone in a brief they dangle.
LEANING_WORDS = lexicon.words(EN, "leaning_words")
# Two-word openers that lean the same way ("In addition, ...", "The latter ...").
LEANING_PAIRS = frozenset(tuple(pair.split()) for pair in lexicon.words(EN, "leaning_pairs"))

# Longer openers that lean on what came before ("As a result, ...", "Yes, ...", "Here are 15
# tips": a forward pointer to a list the brief leaves out).
_LEANING_OPENER = lexicon.pattern(EN, "leaning_openers", r"^\W*(?:{})")
# "This year", "that week": a time, not a pointer back.
_TIMES = lexicon.words(EN, "time_nouns")
_DEMONSTRATIVES = lexicon.words(EN, "demonstratives")
# Words a sentence that the splitter cut short ends on ("the Rt. | Hon. ...", "1 tsp. | ..."):
# hardly ever the end of a sentence.
# (the titles the splitter already keeps whole, and a few that may end a sentence, so it breaks)
CUT_ABBREVIATIONS = ABBREVIATIONS | NUMBER_ABBREVIATIONS | lexicon.words(EN, "cut_abbreviations")
# A name that opens a sentence in lower case: "von der Leyen said", "al-Sisi urged", "ex-Minister".
_PARTICLES = lexicon.table(EN, "name_particles")
_SECOND_PARTICLES = frozenset(p for p, values in _PARTICLES.items() if "second" in values)
_LOWER_NAME_START = re.compile(
    rf"^\W*(?:(?:{lexicon.alternation(_PARTICLES)})"
    rf"(?:\s+(?:{lexicon.alternation(_SECOND_PARTICLES)}))?[\s'’-]+[A-Z]|[a-z]+-\w)"
)
_CUT_END = re.compile(r"\b([A-Za-z]{1,6})\.$")
# A photo credit standing alone on the line after its caption.
_CREDIT = lexicon.pattern(EN, "credits", r"^\W*(?:{})\W*+$")
# A credit or byline is one short line: a longer one is neither, and is not read for them.
MAX_CREDIT_CHARS = 500
# A credit that says it is one; a bare agency name may also sign off an article or a lede.
_PHOTO_CREDIT = lexicon.pattern(EN, "photo_credits")
# "..., he said.": a quotation whose speaker is named only in an earlier sentence.
_SAID = lexicon.alternation(
    form for forms in lexicon.table(EN, "speech_verbs").values() for form in forms
)
_HE = lexicon.alternation(
    p for p, values in lexicon.table(EN, "pronouns").items() if "subject" in values
)
_PRONOUN_SAID = re.compile(
    rf"[,”\"’]\s*(?:{_HE}|they)\s+(?:{_SAID})\b|\b(?:{_SAID})\s+(?:{_HE})\s*(?:[,.;!?]|$)"
)
MAX_QUOTED_SENTENCES = 6  # a quotation "open" longer than this is a stray mark, not a speech

# Page furniture: a line that opens as boilerplate does ("Scroll down for video"), a caption or
# a prompt anywhere in it ("Updated: 10 May", "Putin (left) and Xi"), a reprint notice, a
# sponsorship or a newsletter prompt.
_BOILERPLATE = lexicon.pattern(EN, "boilerplate", r"^\W*(?:{})")
# (A parenthesis opens after a space, so it stands outside the word boundary of the rest.)
_CAPTION_MARK = lexicon.alternation(lexicon.words(EN, "caption_marks"))
_ANYWHERE = lexicon.pattern(
    EN,
    "junk",
    rf"{{}}|\((?-i:{_CAPTION_MARK})"
    r"(?:\)|,[^)]{0,40}\)|\s(?:and|with|in)\s[^)]{0,40}\)|(?-i:\sto\s(?:left|right)\)))",
)
_PROMO = lexicon.pattern(EN, "promo")
# A byline, "By Name Name, Name and Name": groups of one to four capitalised words, parted by a
# comma or "and". Read a word at a time (`is_byline`): as one pattern, "By Xand Xand ... x" took
# exponential time, each "Xand" being a name or a name and "and".
_BYLINE_START = re.compile(r"[Bb]y\s++(?=[A-Z])")
_BYLINE_WORD = re.compile(r"[A-Z][\w.'-]*+")
# What follows a word: spaces, maybe a comma or "and" and more spaces (it always matches).
_BYLINE_GAP = re.compile(r"(\s*+)(,|and(?=\s))?(\s*+)")
_WORD_CHAR = re.compile(r"\w")
MAX_BYLINE_GROUP = 4
# (anchored: it is only matched at the start, and so it cannot be retried at every space)
_EXPLETIVE = re.compile(
    r"^(?:'s|is|was|has|had|will|would|may|might|could)?\s*(?:now\s+)?(?:been\s+|be\s+)?"
    rf"(?:{lexicon.alternation(lexicon.words(EN, 'expletive_predicates'))})\b"
)
_TERMINAL = re.compile(r"""[.!?…][\s"'’”)\]]*$""")
QUOTE_CHARS = frozenset({'"', "“", "”", "‘", "’", "'", "«", "»"})
MIN_WORDS = 4


@dataclass(frozen=True, slots=True)
class Flags:
    """What makes one sentence a poor pick on its own."""

    junk: bool  # caption, boilerplate line, byline
    question: bool
    fragment: bool  # too short, no verb, or no closing punctuation
    quote: bool  # mostly a direct quotation
    leans: bool  # opens with a pronoun or connective that points back
    quoted: bool = False  # holds a direct quotation, however short (what --no-quotes drops)
    runs_on: int = 0  # opens a quotation whose words go on for this many more sentences
    unclosed: bool = False  # opens a quotation that never closes: it would read cut off

    @property
    def unfit(self) -> bool:
        """Return whether the sentence should never be picked when another will do."""
        return self.junk or self.question or self.fragment or self.unclosed


def is_junk(text: str) -> bool:
    """Return whether the line is a caption, boilerplate or a byline."""
    return bool(
        _BOILERPLATE.search(text)
        or _ANYWHERE.search(text)
        or is_byline(text)
        or _PROMO.search(text)
    )


def is_byline(text: str) -> bool:
    """Return whether the line is a byline ("By Jane Doe and John Roe, Reuters"), in one pass.

    A word glued to "and" before the next name ("Smithand Jones") may also end its group, as
    "Smith and Jones" would.
    """
    start = _BYLINE_START.match(text) if len(text) <= MAX_CREDIT_CHARS else None
    if start is None:
        return False
    pos, words = start.end(), 0
    while True:
        word = _BYLINE_WORD.match(text, pos)
        words += 1
        if word is None or words > MAX_BYLINE_GROUP:
            return False
        gap = _BYLINE_GAP.match(text, word.end())
        spaces, part, after = gap.groups() if gap else ("", None, "")
        pos = gap.end() if gap else word.end()
        # The next word: after a space, or after a comma or "and" and a space.
        if not "A" <= text[pos : pos + 1] <= "Z" or not (after if part else spaces):
            return _WORD_CHAR.search(text, word.end()) is None  # only punctuation to the end
        if part or (len(word[0]) > 3 and word[0].endswith("and")):
            words = 0  # a new group


def is_credit(text: str) -> bool:
    """Return whether the line is a photo credit or an agency's name standing alone."""
    return len(text) <= MAX_CREDIT_CHARS and _CREDIT.match(text) is not None


def holds_quotation(text: str) -> bool:
    """Return whether the text holds a closed quotation of two words or more, as the one
    quotation scanner (`quotes.marks`) reads the marks."""
    return any(
        q.closed and len(text[q.open + 1 : q.end].split(maxsplit=1)) > 1
        for q in quotation_spans(text)
    )


def _leans(words: list[str], text: str, first_pos: str | None = None) -> bool:
    words = [w for w in words if w not in QUOTE_CHARS]
    if not words:
        return False
    if _LEANING_OPENER.match(text):
        return True
    if words[0] in _DEMONSTRATIVES and len(words) > 1 and words[1] in _TIMES:
        return False  # "This year, ...": a time, not a pointer back
    if words[0] == "that":
        return first_pos != "SCONJ"  # "That's good news" leans; "That he won is clear" not
    if words[0] == "it" and _EXPLETIVE.match(" ".join(words[1:5])):
        return False  # "It is understood that ...", "It emerged that ...": no antecedent
    if words[0] in LEANING_WORDS:
        return True
    return len(words) > 1 and (words[0], words[1]) in LEANING_PAIRS


def _cut_short(text: str, first_word: str | None) -> bool:
    """Whether the splitter cut this sentence out of a longer one: it starts in lower case
    ("we had some customer service issues...") or ends on an abbreviation ("...the Rt.")."""
    word = first_word or ""
    if _LOWER_NAME_START.match(text):
        return False  # "von der Leyen said", "de Mistura arrived", "al-Sisi urged", "ex-Minister"
    lower = word[:1].islower() and word.isalpha()
    if lower and not any(c.isupper() for c in word[1:]):  # "iPhone", "eBay" start sentences
        return True
    end = _CUT_END.search(text)
    if end is None or end.group(1) not in CUT_ABBREVIATIONS:
        return False
    # "show a photo ID.", "voter ID.": the card; "the first of the ID." is a model cut short
    return end.group(1) != "ID" or bool(re.search(r"\bthe\s+ID\.$", text))


class _Quotations:
    """A parsed text's quotations (`quotes.marks`), seen from its tokens."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.found = quoted_tokens(doc)
        self.inside = [-1] * len(doc)  # per token, the quotation whose words hold it
        self.marks: dict[int, int] = {}  # an opening or closing mark's token: its quotation
        self.words = [0] * len(self.found)  # per quotation, the words it holds
        for n, q in enumerate(self.found):
            for i in range(q.start, q.end):
                self.inside[i] = n
                self.words[n] += not (doc[i].is_punct or doc[i].is_space)
            self.marks[q.open_i] = n
            if q.close_i is not None:
                self.marks[q.close_i] = n

    def closed(self, n: int) -> bool:
        return self.found[n].close_i is not None


@dataclass(slots=True)
class _Scan:
    """What one pass over a sentence's tokens tells (tokens are costly to touch twice)."""

    words: int = 0
    quoted: int = 0
    verb: bool = False
    opens_quoted: bool = False  # a quotation opens before the sentence's first word
    holds_closed: bool = False  # a closed quotation of two words or more runs through it
    began_in: QuotedTokens | None = None  # the quotation it starts inside of, opened before it
    opened: list[QuotedTokens] = field(default_factory=list)  # the quotations that open in it
    marks: bool = False  # a quotation opens or closes in it
    ends_closing: bool = False  # it ends on the mark that closes a quotation
    first: list[str] = field(default_factory=list)
    first_word: str | None = None  # as written
    first_pos: str | None = None
    says: bool = False  # holds a verb of saying
    says_nothing: bool = False  # a verb of saying with nothing said ("Trump tweeted on Monday")


def _scan(span: Span, quotations: _Quotations, says: Callable[[Token], bool]) -> _Scan:
    """Count words, quoted words and verbs, and note the opening words, in one pass.

    A closed quotation's words count as quoted in every sentence it runs through; one that
    never closes (a stray mark, or a speech going on in the next paragraph) only in the sentence
    it opens in.
    """
    out = _Scan()
    inside, marks, found = quotations.inside, quotations.marks, quotations.found
    last = -1  # the last token that is not a space
    for token in span:
        i = token.i
        n = marks.get(i, -1)
        if n >= 0:
            out.marks = True
            if found[n].open_i == i:
                out.opens_quoted = out.opens_quoted or out.words == 0
                out.opened.append(found[n])
        n = inside[i] if n < 0 else n
        if n >= 0 and quotations.closed(n) and quotations.words[n] >= 2:
            # Two quoted words or more: a scare-quoted word or "rock 'n' roll" is no quotation.
            out.holds_closed = True
        if token.is_space:
            continue
        if last < 0 and n >= 0 and found[n].open_i < span.start:
            out.began_in = found[n]  # inside a quotation, or on the mark that closes it
        last = i
        if token.is_punct:
            continue
        out.words += 1
        n = inside[i]
        if n >= 0 and (quotations.closed(n) or found[n].open_i >= span.start):
            out.quoted += 1
        if len(out.first) < 5:
            out.first.append(token.lower_)
            if out.first_word is None:
                out.first_word, out.first_pos = token.text, token.pos_
        if token.pos_ in ("VERB", "AUX"):
            out.verb = True
            if says(token):
                out.says = True
                out.says_nothing = out.says_nothing or not any(
                    c.dep_ in {"dobj", "ccomp", "xcomp"} for c in token.children
                )
    n = marks.get(last, -1)
    out.ends_closing = n >= 0 and found[n].close_i == last
    return out


def sentence_flags(sentences: Sequence[Span], *, quote_share: float = 0.5) -> list[Flags]:
    """Flag every sentence of an article (a quotation can run across sentences)."""
    flags: list[Flags] = []
    scans: list[_Scan] = []
    texts: list[str] = []
    says = gazetteer.load().is_speech_verb
    quotations: _Quotations | None = None
    for span in sentences:
        if quotations is None or quotations.doc is not span.doc:
            quotations = _Quotations(span.doc)
        scan = _scan(span, quotations, says)
        scans.append(scan)
        text = span.text.strip()
        texts.append(text)
        share = scan.quoted / scan.words if scan.words else 0.0
        quote = share >= quote_share or scan.opens_quoted
        flags.append(
            Flags(
                junk=is_junk(text),
                question=text.rstrip("\"'’”)] ").endswith("?"),
                fragment=scan.words < MIN_WORDS
                or not scan.verb
                or not _TERMINAL.search(text)
                or _cut_short(text, scan.first_word),
                quote=quote,
                leans=_leans(scan.first, text, scan.first_pos),
                quoted=quote or scan.holds_closed,
            )
        )
    return _in_context(sentences, texts, scans, flags)


def _in_context(
    sentences: Sequence[Span], texts: list[str], scans: list[_Scan], flags: list[Flags]
) -> list[Flags]:
    """What a sentence's neighbours tell: a caption by the credit line after it; a sentence
    that needs the one before it, inside a paragraph, because someone is still speaking."""
    out = list(flags)
    joined = [i > 0 and same_paragraph(sentences[i - 1], sentences[i]) for i in range(len(texts))]
    opened_in: dict[QuotedTokens, int] = {}  # a quotation: the sentence it opens in
    for i in range(len(sentences)):
        text = texts[i]
        scan = scans[i]
        opened_in.update((q, i) for q in scan.opened)
        leans = False
        if joined[i]:
            # Someone is still speaking: the sentence starts inside a quotation opened earlier in
            # the paragraph ("Every street sign became musical."), that closes (here or later)
            # or opened few sentences before (longer, an unclosed "quotation" is a stray mark).
            q = scan.began_in
            leans = q is not None and (
                q.close_i is not None
                or i - opened_in.get(q, -MAX_QUOTED_SENTENCES - 1) <= MAX_QUOTED_SENTENCES
            )
            # (not "Moscow denied targeting civilians.": that says something of its own)
            if scans[i - 1].ends_closing and scan.words <= 10 and scan.says_nothing:
                # "...Kentucky!” | Trump tweeted before Election Day."
                leans = leans or not scan.marks
        if i > 0 and scan.opens_quoted and not scan.says:
            # A quotation whose speaker is in the sentence before: in this paragraph, or, when
            # the sentence names no one outside the quotation, in the last (a speech goes on
            # over paragraphs; "'...,' is the assessment of Graham Lane" names its speaker).
            leans = leans or joined[i] or scan.words - scan.quoted <= 2
        if out[i].quoted and _PRONOUN_SAID.search(text):
            leans = True  # "..., he said.": the speaker is named before
        if text.startswith("(") and text.count("(") == 1 and re.search(r"\)\W*$", text):
            leans = True  # an aside in brackets belongs to what it remarks on
        if leans and not out[i].leans:
            out[i] = replace(out[i], leans=True)
        # A quotation is one unit: a sentence that opens one the next sentence goes on with
        # comes with it; one that opens a quotation never closed reads cut off (a stray mark,
        # or a speech that goes on over paragraphs), and a line of marks alone says nothing.
        end = sentences[i].end
        # (a closing mark the splitter left on a line of its own does not count: the words end
        # here, and the brief puts the mark back, see analysis.brief_sentence)
        last = max((q.end for q in scan.opened if q.close_i is not None), default=end)
        runs_on = 0
        while last > end and i + runs_on + 1 < len(sentences):
            runs_on += 1
            end = sentences[i + runs_on].end
        unclosed = any(q.close_i is None and q.end - q.start >= 2 for q in scan.opened)
        if runs_on or unclosed:
            out[i] = replace(out[i], runs_on=runs_on, unclosed=unclosed and not runs_on)
        if scan.words == 0 and scan.marks:
            out[i] = replace(out[i], junk=True)
        if (
            i + 1 < len(sentences)
            and scans[i + 1].words <= 8
            and is_credit(texts[i + 1])
            and (
                _PHOTO_CREDIT.search(texts[i + 1]) or (i + 2 < len(sentences) and not scans[i].says)
            )
        ):
            out[i] = replace(out[i], junk=True)  # a photo caption, its credit on the next line
    return out


def same_paragraph(before: Span, span: Span) -> bool:
    """Whether no line break stands between the two sentences (they follow each other)."""
    doc = span.doc
    if before.doc is not doc or before.end > span.start:
        return False
    i = before.end - 1
    while i > before.start and doc[i].is_space:
        i -= 1  # the last word of the sentence before: the break may trail it
    j = span.start
    while j < span.end - 1 and doc[j].is_space:
        j += 1
    return not any("\n" in doc[k].text_with_ws for k in range(i, j))


def text_flags(texts: Sequence[str]) -> list[Flags]:
    """Flag sentences from their text alone (no parse: fragments are judged by length)."""
    flags = []
    for raw in texts:
        text = raw.strip()
        words = re.findall(r"[\w'’-]+", text)
        flags.append(
            Flags(
                junk=is_junk(text),
                question=text.rstrip("\"'’”)] ").endswith("?"),
                fragment=len(words) < MIN_WORDS
                or not _TERMINAL.search(text)
                or _cut_short(text, words[0] if words else None),
                quote=text[:1] in QUOTE_CHARS,
                leans=_leans([w.lower() for w in words[:8]], text),
                quoted=holds_quotation(text),
            )
        )
    return flags


# A sentence this much longer than the headline it holds is more than the headline again.
HEADLINE_SLACK = 3


def furniture_marks(
    texts: Sequence[str], lines: Sequence[str] = (), headline: str | None = None
) -> list[bool]:
    """Mark the sentences that are page furniture or only repeat the headline: a sentence held
    in one of the article's furniture lines (a subhead, a label, a table of contents: see
    web/furniture.py), a label line by its words ("Read more: ...", "UPDATED: 10 May"), or the
    headline again ("Meal Prep for A Little More Obsessed" under that title)."""
    keys = [comparable(line) for line in lines]
    keys = [k for k in keys if k]
    heads = headline_forms(headline) if headline else set()
    marks = []
    for raw in texts:
        text = raw.strip()
        key = comparable(text)
        size = len(key.split())
        mark = bool(key) and (
            any(contains(line, key) for line in keys)
            or is_label_line(text)
            or any(
                contains(head, key)
                or (contains(key, head) and size <= len(head.split()) + HEADLINE_SLACK)
                for head in heads
            )
        )
        marks.append(mark)
    return marks
