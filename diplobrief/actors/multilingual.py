"""Actors of an article in a language beside English, each named in English with a country code.

- States: a gazetteer in each language (data/_any/states.json: CLDR names, capitals standing for
  their states, adjectives of nationality), under the English name data/en/countries.json gives.
- International organisations: their names and acronyms in each language
  (data/_any/organisations.json: ONU, OTAN, ООН, НАТО, 北约), under their English names.
- People: the well-known figures of data/_any/people.json in every spelling ("Sergueï Lavrov",
  "Serguéi Lavrov", "Сергей Лавров", "拉夫罗夫" are all Sergei Lavrov, RU); names after a title
  ("le ministre russe des Affaires étrangères Sergueï Lavrov", data/<lang>/person_titles.txt),
  with the country of the title's adjective; and the names a pipeline finds where one exists
  (French: spaCy's fr-core-news-sm; Russian: natasha), loaded once per worker and only for the
  languages met. A Cyrillic name that is no one in the table is transliterated.

Words are looked up, not matched by patterns: the text is cut into words once (one pass of a
character-class pattern), and every run of up to a few words is a dictionary look-up, with each
language's way of bending words: Russian endings ("России", "Москве", "Лаврова" are Россия,
Москва, Лавров), Arabic clitics ("والاتحاد", "بالرياض"), German adjective endings ("russischen").
Chinese has no spaces: the text is scanned for the longest known name at each character.
"""

from __future__ import annotations

import bisect
import functools
import json
import logging
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from diplobrief import lexicon
from diplobrief.models import Actor, ActorType

log = logging.getLogger(__name__)

STATE = ActorType.STATE
ORGANISATION = ActorType.ORGANISATION
PERSON = ActorType.PERSON
UNSPACED = frozenset({"zh"})
# Languages that name people after titles (Arabic and Chinese rely on the table of figures).
TITLED = ("fr", "es", "de", "pt", "it", "ru")
MAX_WORDS = 6  # the longest name looked up, in words
MAX_KEY_ACTORS = 6
_TOKEN = re.compile(r"\w+(?:[-‑]\w+)*")
_TITLE_WORDS = {lang: lexicon.table(lang, "person_titles") for lang in TITLED}
_SPEECH_VERBS = {lang: lexicon.words(lang, "speech_verbs") for lang in TITLED}
_INSTITUTION_WORDS = {lang: lexicon.words(lang, "institution_words") for lang in TITLED}
_FUNCTION_WORDS = {lang: lexicon.words(lang, "function_words") for lang in TITLED}
_BODY_WORDS = {lang: lexicon.table(lang, "state_bodies") for lang in TITLED}
# Adjectives of nationality the CLDR-built gazetteer lacks ("zyprisch", "chipriota").
_MORE_ADJECTIVES = {
    lang: lexicon.table(lang, "state_adjectives") for lang in ("fr", "es", "de", "ru")
}
# Words that join a body to the state it is of ("el Parlamento de Ucrania").
_OF = frozenset({"de", "del", "d", "des", "du", "von", "da", "do", "dos", "das", "di", "della"})
GOVERNMENT_BODY = ActorType.GOVERNMENT_BODY
_PARTICLES = frozenset(lexicon.words("en", "name_particles")) | {"dos", "das", "do"}

# Russian endings (case, number, adjective agreement), stripped until none is left.
_RU_ENDINGS = tuple(
    sorted(
        (
            "ами ями ого его ому ему ыми ими ий ый ой ей ом ем ём ам ям ах ях ов ев ым им ую юю ая "
            "яя ое ее ые ие ых их а я у ю е ё ы и о й ь"
        ).split(),
        key=len,
        reverse=True,
    )
)
_GERMAN_ENDINGS = ("en", "em", "er", "es", "e")
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # vowel marks and the tatweel
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})

# Cyrillic to Latin, as English news writes Russian names.
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split(),
        strict=True,
    )
)


def transliterate(name: str) -> str:
    """Write a Cyrillic name in Latin letters as English news does ("Сергей" → "Sergey")."""
    out = []
    for word in name.split():
        if word.endswith(("ий", "ый")):
            word = word[:-2] + "y"  # Дмитрий → Dmitry
        latin = "".join(
            _CYRILLIC.get(c.lower(), c).replace("-", "") if c.lower() in _CYRILLIC else c
            for c in word
        )
        out.append(latin[:1].upper() + latin[1:])
    return " ".join(out)


def _ru_stem(word: str) -> str:
    while len(word) > 4:
        for ending in _RU_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[: -len(ending)]
                break
        else:
            break
    return word


def _ar_normal(word: str) -> str:
    return _ARABIC_MARKS.sub("", word).translate(_ARABIC_LETTERS)


def _ar_forms(word: str) -> list[str]:
    """An Arabic word with its clitics taken off: "والاتحاد" is also "الاتحاد", "للأمم" "الامم"."""
    forms = [word]
    base = word
    if len(base) > 3 and base[0] in "وف":
        base = base[1:]
        forms.append(base)
    if base.startswith("لل") and len(base) > 4:
        forms.append("ال" + base[2:])
    elif len(base) > 3 and base[0] in "بلك":
        forms.append(base[1:])
    return forms


def word_keys(word: str, lang: str) -> list[str]:
    """The keys a word of the text is looked up under, the likeliest first."""
    if lang == "ru":
        return [_ru_stem(word)]
    if lang == "ar":
        return _ar_forms(_ar_normal(word))
    return [word]


def _name_key(word: str, lang: str) -> str:
    """The key a word of a name in the tables is filed under."""
    if lang == "ru":
        return _ru_stem(word)
    if lang == "ar":
        return _ar_normal(word)
    return word


@dataclass(frozen=True)
class Entry:
    kind: ActorType
    name: str  # English
    country: str | None
    # A bare form ("la Comisión") names the actor only in an article that names this one too
    # ("European Union"): alone, it could be any commission.
    requires: str | None = None


@dataclass
class Table:
    """One language's names: runs of word keys (or, for Chinese, strings) to what they name."""

    lang: str
    names: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)  # lower-case form -> iso2
    strings: dict[str, Entry] = field(default_factory=dict)  # unspaced languages
    longest: int = 1
    surnames: dict[tuple[str, ...], Entry] = field(default_factory=dict)

    def add(self, surface: str, entry: Entry) -> None:
        if self.lang in UNSPACED:
            if len(surface) >= 2:
                self.strings.setdefault(surface, entry)
                self.longest = max(self.longest, len(surface))
            return
        words = _TOKEN.findall(surface)
        if not words:
            return
        key = tuple(_name_key(w, self.lang) for w in words)
        # A state's name never hides a person's (the first entry of a key stays).
        self.names.setdefault(key, entry)
        self.longest = max(self.longest, len(key))


def _data(name: str) -> Any:
    path = resources.files("diplobrief") / "data" / "_any" / name
    return json.loads(path.read_text(encoding="utf-8"))


@functools.cache
def english_states() -> dict[str, str]:
    """iso2 -> the English name of every state of the English gazetteer."""
    path = resources.files("diplobrief") / "data" / "en" / "countries.json"
    states = json.loads(path.read_text(encoding="utf-8"))["states"]
    return {s["iso2"]: s["name"] for s in states}


def _script_fits(surface: str, lang: str) -> bool:
    """Whether a spelling is in the language's script (the table holds every script)."""
    letters = [c for c in surface if c.isalpha()]
    if not letters:
        return False
    name = unicodedata.name(letters[0], "")
    if lang == "ru":
        return name.startswith("CYRILLIC")
    if lang == "ar":
        return name.startswith("ARABIC")
    if lang == "zh":
        return name.startswith("CJK")
    return name.startswith("LATIN")


@functools.cache
def table(lang: str) -> Table:
    """Build (once per process) the language's table of states, organisations and people."""
    out = Table(lang)
    states = english_states()
    for person in _data("people.json")["people"]:
        entry = Entry(PERSON, person["name"], person.get("country"))
        for alias in person["aliases"]:
            if _script_fits(alias, lang):
                out.add(alias, entry)
    organisations = _data("organisations.json")["organisations"]
    for name, spellings in organisations.items():
        kind = ActorType(spellings.get("type", ORGANISATION))
        entry = Entry(kind, name, spellings.get("country"))
        for alias in spellings.get(lang, ()):
            out.add(alias, entry)
        bare = Entry(kind, name, entry.country, requires=spellings.get("when"))
        for alias in spellings.get("alone", {}).get(lang, ()):
            out.add(alias, bare)
    gazetteer = _data("states.json")["languages"][lang]
    for group in ("names", "capitals"):
        for surface, code in gazetteer[group].items():
            if code in states:
                out.add(surface, Entry(STATE, states[code], code))
    more = {form: codes[0] for form, codes in _MORE_ADJECTIVES.get(lang, {}).items()}
    for form, code in {**more, **gazetteer["adjectives"]}.items():
        if code not in states:
            continue
        if lang in UNSPACED:
            out.add(form, Entry(STATE, states[code], code))
        else:
            out.adjectives[_name_key(form.lower(), lang)] = code
    return out


@functools.cache
def titles(lang: str) -> dict[tuple[str, ...], str]:
    """The language's titles as runs of word keys (lower case), with the office in English."""
    if lang not in TITLED:
        return {}
    out = {}
    for title, english in _TITLE_WORDS[lang].items():
        key = tuple(_name_key(w, lang) for w in _TOKEN.findall(title.lower()))
        out[key] = " ".join(english)
    return out


# -- finding --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    """A person's office in English and the country its title gives."""

    office: str
    country: str | None
    organisation: str | None = None  # "secrétaire général de l'ONU": the United Nations


@dataclass
class Mention:
    start: int  # character offsets in the sentence
    end: int
    entry: Entry
    surface: str
    sentence: int


class _Spans:
    """Character spans per sentence, asked whether one overlaps a given span in log time (a
    page of a single huge sentence holding thousands of names must not cost their square)."""

    def __init__(self, spans: Iterator[tuple[int, int, int]]) -> None:
        by_sentence: dict[int, list[tuple[int, int]]] = {}
        for sentence, start, end in spans:
            by_sentence.setdefault(sentence, []).append((start, end))
        self._starts: dict[int, list[int]] = {}
        self._reach: dict[int, list[int]] = {}  # the furthest end of the spans up to each
        self._spans = {}
        for sentence, found in by_sentence.items():
            found.sort()
            self._spans[sentence] = set(found)
            self._starts[sentence] = [a for a, _ in found]
            reach, furthest = [], -1
            for _, b in found:
                furthest = max(furthest, b)
                reach.append(furthest)
            self._reach[sentence] = reach

    def overlaps(self, sentence: int, start: int, end: int, *, same: bool = True) -> bool:
        """Whether a span overlaps [start, end); with `same` off, the span itself does not
        count."""
        starts = self._starts.get(sentence)
        if not starts:
            return False
        before = bisect.bisect_left(starts, end)  # the spans that start before `end`
        if before == 0 or self._reach[sentence][before - 1] <= start:
            return False
        if same or (start, end) not in self._spans[sentence]:
            return True
        # Only the span itself may overlap: look at the others that start before the end.
        return any(
            a != start or b != end
            for a, b in sorted(self._spans[sentence])
            if a < end and b > start
        )


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _lookup(table_: Table, tokens: Sequence[_Token], i: int, lang: str) -> tuple[int, Entry] | None:
    """The longest known name starting at token i: (its length in words, what it names)."""
    for n in range(min(table_.longest, len(tokens) - i), 0, -1):
        window = tokens[i : i + n]
        if any(window[k + 1].start - window[k].end > 2 for k in range(n - 1)):
            continue  # the words of a name stand together
        rest = tuple(_name_key(t.text, lang) for t in window[1:])
        for first in word_keys(window[0].text, lang):
            entry = table_.names.get((first, *rest))
            if entry is not None:
                return n, entry
    return None


def _adjective(table_: Table, word: str, lang: str) -> str | None:
    """The country of an adjective of nationality ("russe", "russischen", "российского")."""
    if word[:1].isupper() and lang not in ("de", "ru"):
        # "Russe" at a sentence's start is no adjective; Arabic has no case. German and
        # Russian adjectives open sentences as subjects' ("Кипрское председательство");
        # their nouns of nationality are other words ("Zyprer", "киприот").
        return None
    lower = word.lower()
    for key in word_keys(lower, lang):
        if key in table_.adjectives:
            return table_.adjectives[key]
    if lang == "de":
        for ending in _GERMAN_ENDINGS:
            if lower.endswith(ending) and lower[: -len(ending)] in table_.adjectives:
                return table_.adjectives[lower[: -len(ending)]]
    return None


def _spaced_mentions(text: str, index: int, lang: str) -> Iterator[Mention]:
    table_ = table(lang)
    tokens = _tokens(text)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        found = _lookup(table_, tokens, i, lang)
        if found is None and "-" in token.text:
            # "UN-Generalsekretär": the first part of a compound alone
            head = token.text.split("-", 1)[0]
            entry = table_.names.get((_name_key(head, lang),))
            if entry is not None and entry.kind != PERSON:
                yield Mention(token.start, token.start + len(head), entry, head, index)
        if found is not None:
            n, entry = found
            end = tokens[i + n - 1].end
            yield Mention(token.start, end, entry, text[token.start : end], index)
            i += n
            continue
        code = _adjective(table_, token.text, lang)
        if code is not None:
            entry = Entry(STATE, english_states()[code], code)
            yield Mention(token.start, token.end, entry, token.text, index)
        i += 1


# One-character state names (zh "英", "法") and the words that must follow a run of them, read
# at import as every list of this module is.
_ABBREVIATED = {
    lang: (
        dict(lexicon.table(lang, "state_abbreviations")),
        tuple(sorted(lexicon.words(lang, "state_abbreviation_tails"))),
    )
    for lang in sorted(UNSPACED)
}


@functools.cache
def _abbreviated_states(lang: str) -> tuple[dict[str, Entry], tuple[str, ...]]:
    """The language's one-character state names as entries, and the words of grouping."""
    codes, tails = _ABBREVIATED.get(lang, ({}, ()))
    states = english_states()
    chars = {
        char: Entry(STATE, states[values[0]], values[0])
        for char, values in codes.items()
        if values and values[0] in states
    }
    return chars, tails


def _abbreviation_run(text: str, i: int, lang: str) -> int:
    """The end of a run of two or more one-character state names at i followed by a word of
    grouping or relation ("英法德三国": 3), or i when there is none."""
    chars, tails = _abbreviated_states(lang)
    j = i
    while j < len(text) and text[j] in chars:
        j += 1
    if j - i >= 2 and text.startswith(tails, j):
        return j
    return i


def _unspaced_mentions(text: str, index: int, lang: str) -> Iterator[Mention]:
    table_ = table(lang)
    chars, _ = _abbreviated_states(lang)
    i = 0
    while i < len(text):
        end = _abbreviation_run(text, i, lang) if text[i] in chars else i
        if end > i:
            for k in range(i, end):
                yield Mention(k, k + 1, chars[text[k]], text[k], index)
            i = end
            continue
        for n in range(min(table_.longest, len(text) - i), 1, -1):
            entry = table_.strings.get(text[i : i + n])
            if entry is not None:
                yield Mention(i, i + n, entry, text[i : i + n], index)
                i += n
                break
        else:
            i += 1


def mentions(text: str, index: int, lang: str) -> list[Mention]:
    """The states, organisations and known people a sentence names."""
    if lang in UNSPACED:
        return list(_unspaced_mentions(text, index, lang))
    return list(_spaced_mentions(text, index, lang))


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def titled_people(
    text: str, index: int, lang: str, known: list[Mention], roles: dict[str, Role]
) -> list[Mention]:
    """Names that follow a title: the next run of two to four capitalised words (particles
    allowed inside) that is no state or organisation, within a few words of the title; the
    country is the one an adjective or a state's name between them gives. The office, in
    English, goes into `roles` under the name (or the table's English name, for a person the
    table knows)."""
    heads = titles(lang)
    if not heads:
        return []
    longest = max(len(key) for key in heads)
    tokens = _tokens(text)
    cover = _covering(tokens, known)
    out: list[Mention] = []
    table_ = table(lang)
    i = 0
    while i < len(tokens):
        n, office = _title_at(tokens, i, lang, heads, longest)
        if not n:
            i += 1
            continue
        # "der russische Außenminister", "le ministre russe des Affaires étrangères"
        around = [tokens[k].text for k in (i - 1, i + 1) if 0 <= k < len(tokens)]
        country = next((c for w in around if (c := _adjective(table_, w, lang))), None)
        organisation = _compound_organisation(tokens[i].text, lang)  # "UN-Generalsekretär"
        j = i + n
        name: list[_Token] = []
        joined = False  # a word of the title's complement came first ("ministra de …")
        after_comma = False
        while j < len(tokens) and j < i + n + 8:
            gap = text[tokens[j - 1].end : tokens[j].start]
            if any(c in gap for c in '.;:!?()«»"“”'):
                break
            if "," in gap:
                if name and not joined:
                    break  # "el presidente Donald Trump, que…": the name is whole
                # "la ministra de Transición Ecológica, Sara Aagesen": what came before the
                # comma finished the title; the name is the apposition after it.
                name, after_comma, joined = [], True, False
            if after_comma and not name and _title_at(tokens, j, lang, heads, longest)[0]:
                break  # "su jefe, el eurodiputado Nuno Caldeira": the next title names him
            token = tokens[j]
            m = cover[j]
            if m is not None:
                if name and not (joined and _institutional(name, lang)):
                    break
                name = []  # "de Asuntos Exteriores de Groenlandia": the complement goes on
                if m.entry.kind == STATE:
                    country = country or m.entry.country
                elif m.entry.kind == ORGANISATION:
                    organisation = organisation or m.entry.name
                elif m.entry.kind == GOVERNMENT_BODY:  # "portavoz de la Casa Blanca"
                    country = country or m.entry.country
                elif m.entry.kind == PERSON:
                    roles.setdefault(m.entry.name, Role(office, country, organisation))
                    break  # the table knows the name already
                j += 1
                continue
            adjective = _adjective(table_, token.text, lang)
            if adjective and not name:
                country = country or adjective
            elif _name_word(token.text, _particle_fits(name)):
                if name and _script(name[-1].text) != _script(token.text):
                    name = []  # "аналитик Energy Aspects Кэтрин Доусон": the firm, then her
                name.append(token)
            elif len(name) >= 2 and not (joined and _institutional(name, lang)):
                break
            else:
                name = []  # "Affaires" of "des Affaires étrangères": a word of the title
                joined = True
            j += 1
        found = _person(name, text, index, lang, country)
        if found is not None:
            out.append(found)
            roles.setdefault(found.surface, Role(office, country, organisation))
        i = max(j, i + 1)
    return out


_DE_BODIES = ("ministerium", "amt", "behörde", "gericht")  # "Außenministerium", "Kanzleramt"


def _person(
    name: list[_Token], text: str, index: int, lang: str, country: str | None
) -> Mention | None:
    """A person's mention from the words gathered as a name: its trailing lower-case words
    dropped, two to four words left, none of them an institution's."""
    while name and not _capitalised(name[-1].text):
        name.pop()
    if not 2 <= len(name) <= 4 or _institutional(name, lang):
        return None
    start, end = name[0].start, name[-1].end
    surface = text[start:end]
    return Mention(start, end, Entry(PERSON, surface, country), surface, index)


@functools.cache
def _institution_words(lang: str) -> frozenset[str]:
    if lang not in TITLED:
        return frozenset()
    return frozenset(_name_key(w, lang) for w in _INSTITUTION_WORDS[lang])


def _institutional(words: Sequence[_Token] | Sequence[str], lang: str) -> bool:
    """Whether a run of words names an office or a place ("Ministerio de Asuntos Exteriores",
    "Casa Blanca", "Außenministerium"), not a person."""
    keys = _institution_words(lang)
    for word in words:
        text = (word.text if isinstance(word, _Token) else word).lower()
        for part in text.replace("‑", "-").split("-"):
            key = _name_key(part, lang)
            if key in keys or (lang == "de" and len(key) > 7 and key.endswith(_DE_BODIES)):
                return True
    return False


def spoken_people(text: str, index: int, lang: str, known: Sequence[Mention]) -> list[Mention]:
    """The speakers a verb of saying names ("», dijo Laura Beltrán", "sagte Jana Wolters",
    "a déclaré Claire Martin", "заявил Дмитрий Песков"): the run of two to four capitalised
    words right after the verb, no state, organisation or institution among them."""
    verbs = _speech_verbs(lang)
    if not verbs:
        return []
    tokens = _tokens(text)
    cover = _covering(tokens, known)
    heads = titles(lang)
    longest = max((len(key) for key in heads), default=1)
    out = []
    for i, token in enumerate(tokens):
        if token.text.lower() not in verbs:
            continue
        name: list[_Token] = []
        j = i + 1
        while j < len(tokens) and len(name) < 5:
            gap = text[tokens[j - 1].end : tokens[j].start]
            if gap.strip() or not _name_word(tokens[j].text, _particle_fits(name)):
                break
            if cover[j] is not None or _title_at(tokens, j, lang, heads, longest)[0]:
                name = []  # "sagte Brasiliens Präsident Lula": a title, not a name
                break
            if name and _script(name[-1].text) != _script(tokens[j].text):
                name = []
            name.append(tokens[j])
            j += 1
        found = _person(name, text, index, lang, None)
        if found is not None:
            out.append(found)
    out.extend(_apposed_people(text, index, lang, tokens, cover))
    return out


def _apposed_people(
    text: str, index: int, lang: str, tokens: Sequence[_Token], cover: Sequence[Mention | None]
) -> list[Mention]:
    """Names a title or calling follows after a comma ("Marta Lozano, experta en derecho",
    "Elif Kaya, Expertin für Schwarzmeerpolitik"): the run of two to four capitalised words
    just before the comma, after a word in lower case: at a sentence's opening the run may be
    a place or a preposition ("En Nueva York, el portavoz…")."""
    heads = titles(lang)
    longest = max((len(key) for key in heads), default=1)
    articles = _FUNCTION_WORDS.get(lang, frozenset())
    out = []
    for k in range(2, len(tokens)):
        if text[tokens[k - 1].end : tokens[k].start].strip() != ",":
            continue
        at = k + 1 if tokens[k].text.lower() in articles and k + 1 < len(tokens) else k
        if not _title_at(tokens, at, lang, heads, longest)[0]:
            continue
        name: list[_Token] = []
        j = k - 1
        while j >= 0 and len(name) < 5 and cover[j] is None and _capitalised(tokens[j].text):
            if name and text[tokens[j].end : name[-1].start].strip():
                break
            name.append(tokens[j])
            j -= 1
        name.reverse()
        if (
            j >= 0  # not a sentence's opening ("En Nueva York, el portavoz…")
            and not _capitalised(tokens[j].text)
            and 2 <= len(name) <= 4
            and all(_name_word(t.text, False) for t in name)
            and not _institutional(name, lang)
            and not any(_title_at(tokens, m, lang, heads, longest)[0] for m in range(j + 1, k))
        ):
            start, end = name[0].start, name[-1].end
            surface = text[start:end]
            out.append(Mention(start, end, Entry(PERSON, surface, None), surface, index))
    return out


@functools.cache
def body_heads(lang: str) -> dict[tuple[str, ...], str]:
    """The language's bodies of a state as runs of word keys, with their English names."""
    return {
        tuple(_name_key(w, lang) for w in _TOKEN.findall(body.lower())): " ".join(english)
        for body, english in _BODY_WORDS.get(lang, {}).items()
    }


def state_bodies(text: str, index: int, lang: str, known: Sequence[Mention]) -> list[Mention]:
    """A state's ministries, parliaments and courts, named by their office with the state
    beside them: an adjective before ("das russische Außenministerium", "российский МИД"),
    inside ("le ministère russe des Affaires étrangères") or after ("el Ministerio de Defensa
    ruso", "el Parlamento de Ucrania", "МИД России"). Without a state, a body is left out:
    whose parliament it is cannot be told."""
    heads = body_heads(lang)
    if not heads:
        return []
    longest = max(len(key) for key in heads)
    tokens = _tokens(text)
    cover = _covering(tokens, known)
    table_ = table(lang)
    out: list[Mention] = []
    i = 0
    while i < len(tokens):
        n, body = (0, "") if cover[i] is not None else _title_at(tokens, i, lang, heads, longest)
        if not n and i + 2 < len(tokens) and _adjective(table_, tokens[i + 1].text, lang):
            # "le ministère russe des Affaires étrangères": the adjective after the first word
            skipped = [tokens[i], *tokens[i + 2 : i + 2 + longest]]
            n, body = _title_at(skipped, 0, lang, heads, longest)
            n += bool(n)
        if not n:
            i += 1
            continue
        first, end = i, i + n  # the body's tokens, the state's word included
        country = next(
            (c for k in range(i + 1, end) if (c := _adjective(table_, tokens[k].text, lang))),
            None,
        )
        if country is None and i > 0 and (c := _state_word(tokens[i - 1].text, lang)):
            country, first = c, i - 1
        if country is None and end < len(tokens):
            after = tokens[end]
            if (c := _adjective(table_, after.text, lang)) is not None:
                country, end = c, end + 1
            elif lang == "ru" and (m := cover[end]) is not None and m.entry.kind == STATE:
                country, end = m.entry.country, end + 1  # "МИД России"
            elif (
                after.text.lower() in _OF
                and end + 1 < len(tokens)
                and (m := cover[end + 1]) is not None
                and m.entry.kind == STATE
            ):
                country, end = m.entry.country, end + 1 + len(_TOKEN.findall(m.surface))
        if country is not None and country in english_states():
            start, stop = tokens[first].start, tokens[end - 1].end
            adjective = english_adjectives().get(country) or english_states()[country]
            name = f"{adjective} {body.title()}"
            entry = Entry(GOVERNMENT_BODY, name, country)
            out.append(Mention(start, stop, entry, text[start:stop], index))
        i = max(end, i + 1)
    return out


def _state_word(word: str, lang: str) -> str | None:
    """The state an adjective or a German genitive before a body gives ("russische",
    "Russlands")."""
    table_ = table(lang)
    code = _adjective(table_, word if lang == "de" else word.lower(), lang)
    if code is None and lang == "de" and word.endswith("s"):
        entry = table_.names.get((word[:-1],))
        code = entry.country if entry is not None and entry.kind == STATE else None
    return code


@functools.cache
def _speech_verbs(lang: str) -> frozenset[str]:
    return _SPEECH_VERBS.get(lang, frozenset())


def _covering(tokens: Sequence[_Token], known: Sequence[Mention]) -> list[Mention | None]:
    """For each token, the mention it is part of (one sweep: both are in text order)."""
    ordered = sorted(known, key=lambda m: m.start)
    out: list[Mention | None] = []
    k = 0
    for token in tokens:
        while k < len(ordered) and ordered[k].end <= token.start:
            k += 1
        m = ordered[k] if k < len(ordered) else None
        out.append(m if m is not None and m.start <= token.start < m.end else None)
    return out


def _compound_organisation(word: str, lang: str) -> str | None:
    """The organisation a compound title opens with ("UN-Generalsekretär": United Nations)."""
    if "-" not in word:
        return None
    entry = table(lang).names.get((_name_key(word.split("-", 1)[0], lang),))
    return entry.name if entry is not None and entry.kind == ORGANISATION else None


def _particle_fits(name: Sequence[_Token]) -> bool:
    """Whether a particle may come next in a name: after a first name or another particle
    ("Ursula von der Leyen"), not after a whole name ("Jana Wolters von Germanwatch")."""
    return bool(name) and (len(name) == 1 or not _capitalised(name[-1].text))


def _name_word(word: str, inside: bool) -> bool:
    """A word of a name: capitalised (not an acronym), or a particle inside the name."""
    if _capitalised(word):
        return not word.isupper()
    return inside and word.lower() in _PARTICLES


def _title_at(
    tokens: Sequence[_Token], i: int, lang: str, heads: dict[tuple[str, ...], str], longest: int
) -> tuple[int, str]:
    """The length in words of the title starting at token i (0 when none does), and its
    office in English; an adjective of nationality may stand after its first word ("ministre
    russe des Affaires étrangères")."""
    keys = [_name_key(t.text.lower(), lang) for t in tokens[i : i + longest + 1]]
    table_ = table(lang)
    for n in range(min(longest, len(keys)), 0, -1):
        office = heads.get(tuple(keys[:n]))
        if office is not None:
            if n == 1 and len(keys) > 2 and _adjective(table_, tokens[i + 1].text, lang):
                for m in range(min(longest, len(keys) - 1), 1, -1):
                    longer = heads.get((keys[0], *keys[2 : m + 1]))
                    if longer is not None:
                        return m + 1, longer
            return n, office
    word = tokens[i].text.lower()
    if lang == "de":  # compounds: "UN-Generalsekretär", "Bundesaußenminister"
        for (head, *rest), office in heads.items():
            if not rest and len(head) > 5 and word.endswith(head):
                return 1, office
    return 0, ""


# -- pipelines for people -----------------------------------------------------------------


@functools.cache
def _french() -> Any:
    import spacy

    # Only the names are wanted: the tagger, parser and lemmatizer would only cost time.
    keep_out = ["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"]
    return spacy.load("fr_core_news_sm", exclude=keep_out)


@functools.cache
def _russian() -> Any:
    import warnings

    with warnings.catch_warnings():  # pymorphy2 imports pkg_resources, deprecated
        warnings.simplefilter("ignore")
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    embedding = NewsEmbedding()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return (Segmenter(), NewsMorphTagger(embedding), NewsNERTagger(embedding), MorphVocab())


def load(lang: str) -> None:
    """Load the language's person-finding pipeline, if it has one (once per process)."""
    if lang == "fr":
        _french()
    elif lang == "ru":
        _russian()


def pipeline_people(
    sentences: Sequence[str], lang: str, found: Sequence[Mention] = ()
) -> list[tuple[int, int, int, str]]:
    """(sentence, start, end, name as a nominative) for every person a pipeline finds that the
    mentions `found` do not already cover."""
    out: list[tuple[int, int, int, str]] = []
    if lang == "fr":
        nlp = _french()
        for index, doc in enumerate(nlp.pipe(sentences)):
            for ent in doc.ents:
                if ent.label_ == "PER":
                    out.append((index, ent.start_char, ent.end_char, ent.text))
    elif lang == "ru":
        out = _russian_people(sentences, found)
    covered = _Spans((m.sentence, m.start, m.end) for m in found)
    return [p for p in out if not covered.overlaps(p[0], p[1], p[2])]


def _russian_people(
    sentences: Sequence[str], found: Sequence[Mention]
) -> list[tuple[int, int, int, str]]:
    """natasha's people: its NER over the whole text at once (per sentence it is twenty times
    slower), then its morphology, the costly part, only for the sentences holding a name the
    tables do not know, to put the name in the nominative ("Макроном" → "Макрон")."""
    from natasha import Doc

    segmenter, morph, ner, vocab = _russian()
    starts = []
    at = 0
    for sentence in sentences:
        starts.append(at)
        at += len(sentence) + 1
    doc = Doc("\n".join(sentences))
    doc.segment(segmenter)
    doc.tag_ner(ner)
    covered = _Spans((m.sentence, m.start, m.end) for m in found)
    unknown: dict[int, list[tuple[int, int]]] = {}
    for span in doc.spans or ():
        if span.type != "PER":
            continue
        index = bisect.bisect_right(starts, span.start) - 1
        start, end = span.start - starts[index], span.stop - starts[index]
        if not covered.overlaps(index, start, end):
            unknown.setdefault(index, []).append((start, end))
    out = []
    for index, spans in unknown.items():
        one = Doc(sentences[index])
        one.segment(segmenter)
        one.tag_morph(morph)
        one.tag_ner(ner)
        for span in one.spans or ():
            if span.type == "PER" and (span.start, span.stop) in spans:
                span.normalize(vocab)
                out.append((index, span.start, span.stop, span.normal or span.text))
    return out


# -- putting it together -------------------------------------------------------------------


def _clean_name(name: str, lang: str) -> str:
    words = name.split()
    abbreviations = _honorifics(lang)
    while len(words) > 1 and words[0].rstrip(".") in abbreviations:
        words = words[1:]
    return " ".join(words).strip(" ,.'’")


@functools.cache
def _honorifics(lang: str) -> frozenset[str]:
    from diplobrief.lang.sentences import abbreviations

    return abbreviations(lang) | {"M", "Mr", "Mrs"}


def _person_key(name: str, lang: str) -> tuple[str, ...]:
    return tuple(_name_key(w, lang) for w in _TOKEN.findall(name))


@dataclass
class _Tally:
    entry: Entry
    mentions: int = 0
    first: int = 10**9
    in_title: bool = False
    in_summary: bool = False
    aliases: dict[str, None] = field(default_factory=dict)


def find_actors(
    sentences: Sequence[str],
    lang: str,
    *,
    title: str | None = None,
    summary_sents: Sequence[int] = (),
) -> tuple[Actor, ...]:
    """The article's actors, named in English, most salient first; the key ones marked."""
    found: list[Mention] = []
    roles: dict[str, Role] = {}
    for index, sentence in enumerate(sentences):
        known = mentions(sentence, index, lang)
        people = titled_people(sentence, index, lang, known, roles)
        titled = _Spans((index, m.start, m.end) for m in people)
        spoken = spoken_people(sentence, index, lang, known)
        bodies = state_bodies(sentence, index, lang, known)
        found.extend(known)
        found.extend(bodies)
        found.extend(people)
        found.extend(m for m in spoken if not titled.overlaps(index, m.start, m.end))
    found.extend(_pipeline_mentions(sentences, lang, found))
    found = _named_in_full(found)
    people_of = _people(found, lang)
    # A surname alone names the person met in full ("M. Lavrov", "Montenegro afirmou"), and a
    # state's name inside a person's name is none ("Luís Montenegro" is not Montenegro).
    surnames = {
        _person_key(name.split()[-1], lang): entry
        for entry in people_of.values()
        for name in (entry.name,)
        if len(name.split()) > 1
    }
    surnames.update(
        {
            _person_key(m.surface.split()[-1], lang): people_of[m.entry.name]
            for m in found
            if m.entry.kind == PERSON and len(m.surface.split()) > 1 and m.entry.name in people_of
        }
    )
    tallies: dict[tuple[str, str], _Tally] = {}
    title_text = title or ""
    summary = set(summary_sents)
    spans_of_people = _Spans((m.sentence, m.start, m.end) for m in found if m.entry.kind == PERSON)
    for m in sorted(found, key=lambda m: (m.sentence, m.start)):
        entry = m.entry
        if entry.kind == PERSON:
            entry = people_of.get(entry.name, entry)
        elif spans_of_people.overlaps(m.sentence, m.start, m.end, same=False):
            continue  # inside a person's name
        elif entry.kind == STATE and len(m.surface.split()) == 1:
            person = surnames.get(_person_key(m.surface, lang))
            if person is not None:
                entry = person
        key = (entry.kind, entry.name)
        tally = tallies.setdefault(key, _Tally(entry))
        if tally.entry.country is None and entry.country:
            tally.entry = entry
        tally.mentions += 1
        tally.first = min(tally.first, m.sentence)
        tally.in_summary = tally.in_summary or m.sentence in summary
        if m.surface != entry.name:
            tally.aliases[m.surface] = None
    for tally in tallies.values():
        tally.in_title = bool(title_text) and any(
            a in title_text for a in (tally.entry.name, *tally.aliases)
        )
    offices = {people_of[name].name if name in people_of else name: r for name, r in roles.items()}
    return _rank(list(tallies.values()), len(sentences), offices)


def _named_in_full(found: list[Mention]) -> list[Mention]:
    """The mentions, a bare form ("la Comisión") kept only where the article names what it
    requires ("European Union") or the actor in full, and then as the actor itself."""
    named = {m.entry.name for m in found if m.entry.requires is None}
    out = []
    for m in found:
        required = m.entry.requires
        if required is None:
            out.append(m)
        elif required in named or m.entry.name in named:
            entry = Entry(m.entry.kind, m.entry.name, m.entry.country)
            out.append(Mention(m.start, m.end, entry, m.surface, m.sentence))
    return out


def _pipeline_mentions(sentences: Sequence[str], lang: str, found: list[Mention]) -> list[Mention]:
    """People the language's pipeline finds that no table entry or title rule did."""
    try:
        people = pipeline_people(sentences, lang, found)
    except Exception:  # a pipeline that cannot load costs its people, not the brief
        log.exception("the %s pipeline failed; people come from the tables only", lang)
        return []
    table_ = table(lang)
    out = []
    for index, start, end, normal in people:
        name = _clean_name(normal, lang)
        key = _person_key(name, lang)
        if not key:
            continue
        known = table_.names.get(key)
        if known is not None and known.kind != PERSON:
            continue
        if known is None and not _name_shaped(name, lang):
            continue  # "Quai d'Orsay", "d’Abidjan", "jusqu": an office, a place, a word
        entry = known or Entry(PERSON, name, None)
        out.append(Mention(start, end, entry, sentences[index][start:end], index))
    # A single word is a person only as the surname of one named in full ("Nielsen" after
    # "Jens-Frederik Nielsen"), or one the table knows: alone, it is as often a place
    # ("Primorsk"), a company or a capitalised first word ("Sinon").
    surnames = {
        _person_key(m.surface.split()[-1], lang)
        for m in (*found, *out)
        if m.entry.kind == PERSON and len(m.surface.split()) > 1
    }
    return [
        m
        for m in out
        if len(m.entry.name.split()) > 1
        or m.entry.name in _table_people(lang)
        or _person_key(m.entry.name, lang) in surnames
    ]


@functools.cache
def _table_people(lang: str) -> frozenset[str]:
    return frozenset(e.name for e in table(lang).names.values() if e.kind == PERSON)


def _name_shaped(name: str, lang: str) -> bool:
    """Whether a pipeline's name looks like one: capitalised words (particles inside), no
    elided article ("d’Abidjan"), no word of an institution, one script."""
    words = name.split()
    if not words or _institutional(words, lang):
        return False
    if any(w[1:2] in "’'" for w in words):
        return False
    if any(not _capitalised(w) and w.lower() not in _PARTICLES for w in words):
        return False
    return _capitalised(words[-1]) and len({_script(w) for w in words}) == 1


def _script(word: str) -> str:
    """The script of a word's first letter ("LATIN", "CYRILLIC")."""
    return unicodedata.name(word[:1], "").split(" ")[0] if word else ""


def _people(found: list[Mention], lang: str) -> dict[str, Entry]:
    """Every person found, under one English name: the table's, else the first full name
    met (Cyrillic transliterated); one whose words are a known person's surname is that one."""
    people: dict[str, Entry] = {}
    by_key: dict[tuple[str, ...], Entry] = {}
    ordered = sorted(
        (m for m in found if m.entry.kind == PERSON),
        key=lambda m: (-len(m.surface.split()), m.sentence, m.start),
    )
    table_ = table(lang)
    for m in ordered:
        name = _clean_name(m.entry.name, lang)
        key = _person_key(name, lang)
        known = table_.names.get(key)
        if known is None and len(key) > 1:
            known = table_.names.get(key[-1:])  # "Serguéi Lavrov" is Lavrov of the table
        if known is not None and known.kind == PERSON:
            entry = known
        elif key in by_key or key[-1:] in by_key:
            entry = by_key.get(key) or by_key[key[-1:]]
        else:
            english = transliterate(name) if lang == "ru" else name
            entry = Entry(PERSON, english, m.entry.country)
        people[m.entry.name] = entry
        by_key.setdefault(key, entry)
        by_key.setdefault(key[-1:], entry)
    return people


def _role(entry: Entry, offices: dict[str, Role]) -> tuple[str | None, str | None]:
    """A person's role in English ("Russian foreign minister") and affiliation (the state)."""
    if entry.kind != PERSON:
        return None, None
    role = offices.get(entry.name)
    country = entry.country or (role.country if role else None)
    state = english_states().get(country) if country else None
    if role is None:
        return None, state
    if role.organisation:
        return f"{role.organisation} {role.office}", role.organisation
    adjective = english_adjectives().get(role.country or "") if role.country else None
    return (f"{adjective} {role.office}" if adjective else role.office), state


@functools.cache
def english_adjectives() -> dict[str, str]:
    """iso2 -> the English adjective of every state ("Russian")."""
    path = resources.files("diplobrief") / "data" / "en" / "countries.json"
    states = json.loads(path.read_text(encoding="utf-8"))["states"]
    return {s["iso2"]: s["adjective"] for s in states if s.get("adjective")}


def _rank(tallies: list[_Tally], sentences: int, offices: dict[str, Role]) -> tuple[Actor, ...]:
    if not tallies:
        return ()

    def score(t: _Tally) -> float:
        early = 1.0 - min(t.first, 10) / 10
        return t.mentions + 1.5 * t.in_title + early + 0.5 * t.in_summary

    top = max(score(t) for t in tallies)
    ranked = sorted(tallies, key=lambda t: (-score(t), t.first, t.entry.name))
    actors = []
    for rank, t in enumerate(ranked):
        salience = round(score(t) / top, 3) if top else 0.0
        role, affiliation = _role(t.entry, offices)
        actors.append(
            Actor(
                name=t.entry.name,
                type=t.entry.kind,
                mentions=t.mentions,
                key=rank < MAX_KEY_ACTORS and salience >= 0.3,
                aliases=tuple(a for a in t.aliases if a != t.entry.name),
                country_code=t.entry.country,
                role=role,
                affiliation=affiliation,
                salience=salience,
            )
        )
    return tuple(actors)
