"""Which language an article is in: by its script, then (for Latin script) by its function words.

Offline and cheap (a few milliseconds on the first 2,000 words). A page's declared language is a
hint only: it breaks a tie between languages of the same script, and names a language that the
function words cannot tell (Indonesian, Polish), but it never turns an English text, or a text
plainly in another language, into the one the page claims. Every pattern here is a character
class, linear in the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from diplobrief import lexicon

MAX_LANGUAGE_TAG = 35
SAMPLE_CHARS = 16_000
# Latin-script languages told apart by their function words (data/<lang>/function_words.txt).
LATIN = ("en", "fr", "es", "de", "it", "pt", "nl")
_FUNCTION_WORDS = {code: lexicon.words(code, "function_words") for code in LATIN}
# Scripts that mostly mean one supported language: its function words confirm it (a Cyrillic
# or Arabic text with next to none of them is another language of the script).
_SCRIPT_WORDS = {code: lexicon.words(code, "function_words") for code in ("ru", "ar", "zh")}
MIN_SCRIPT_SHARE = 0.02
# ...but not English's words that other languages use as much ("a", "as", "i", "in").
_FUNCTION_WORDS["en"] = _FUNCTION_WORDS["en"] - lexicon.words("_any", "shared_function_words")
_WORD = re.compile(r"[^\W\d_]+")

# Characters of the scripts, by Unicode block.
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile("[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_CJK = re.compile(
    "[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)  # scripts written without spaces between words (Hangul has them)
# A Han character is about a word's worth of text: weighed as this many letters of an
# alphabet when the scripts of a mixed text are counted.
HAN_WEIGHT = 3
# A Latin-script language needs this many different function words in the text.
MIN_VARIETY = 3

# Letters that tell one language of a script from the others: a share of the script's letters
# above the threshold names the language.
_CYRILLIC_MARKS = (
    ("uk", "іїєґ", 0.01),
    ("be", "ў", 0.003),
    ("sr", "ђћџљњј", 0.005),
    ("mk", "ѓќѕ", 0.003),
    ("kk", "әғқңөұүһ", 0.01),
)
_ARABIC_MARKS = (
    ("ur", "ٹڈڑںے", 0.01),
    ("fa", "پچژگکی", 0.02),
)


def script_of(char: str) -> str | None:
    """Return the script of a letter (its Unicode name's first word), or None for a non-letter."""
    if not char.isalpha():
        return None
    if _HAN.match(char):
        return "HAN"
    if _KANA.match(char):
        return "KANA"
    if _HANGUL.match(char):
        return "HANGUL"
    try:
        name = unicodedata.name(char)
    except ValueError:
        return None
    return name.split(" ", 1)[0]


def scripts(text: str) -> Counter[str]:
    """Count the letters of each script in the sample (Han characters weighed as words)."""
    counts: Counter[str] = Counter()
    for char in text[:SAMPLE_CHARS]:
        script = script_of(char)
        if script is not None:
            counts[script] += HAN_WEIGHT if script == "HAN" else 1
    return counts


def language_shares(text: str, sample: int = 2000) -> dict[str, float]:
    """Return, per Latin-script language, the share of the first `sample` words that are its
    function words."""
    # Links in the text ("http://amzn.to/...") are no one's language.
    kept = " ".join(w for w in text[: sample * 8].split() if "://" not in w and "www." not in w)
    words = _WORD.findall(kept.lower())[:sample]
    count = max(len(words), 1)
    return {code: sum(w in ws for w in words) / count for code, ws in _FUNCTION_WORDS.items()}


def _variety(text: str, sample: int = 2000) -> dict[str, int]:
    """How many different function words of each language the first words hold."""
    words = set(_WORD.findall(text[: sample * 8].lower()))
    return {code: len(words & ws) for code, ws in _FUNCTION_WORDS.items()}


def declared_code(declared: str | None) -> str | None:
    """The plain language subtag of a declared tag ("pt-BR" → "pt"), or None for anything else
    (never a message's worth of whatever the page put there, escapes and all)."""
    if not declared:
        return None
    code = declared[:MAX_LANGUAGE_TAG].strip().split("-")[0].split("_")[0].lower()
    if code.isascii() and code.isalpha() and 2 <= len(code) <= 8:
        return code
    return None


def _by_marks(text: str, marks: tuple[tuple[str, str, float], ...], total: int) -> str | None:
    sample = text[:SAMPLE_CHARS].lower()
    for code, letters, threshold in marks:
        if sum(sample.count(c) for c in letters) / max(total, 1) >= threshold:
            return code
    return None


def detect_language(text: str, declared: str | None = None) -> str:
    """Return the article's language code, or "und" when it cannot be told.

    The script decides first: Han characters make Chinese (with kana, Japanese), Hangul Korean,
    Cyrillic Russian (unless letters of Ukrainian, Serbian... say otherwise), Arabic letters
    Arabic (or Persian, Urdu); other scripts are named after the declared language when it is
    given. Latin script goes by the share of function words: English wins whenever its share is
    the highest, whatever the page declares.
    """
    hint = declared_code(declared)
    counts = scripts(text)
    letters = sum(counts.values())
    if not letters:
        return "und"
    grouped = Counter({k: v for k, v in counts.items() if k not in ("HAN", "KANA")})
    grouped["HAN"] = counts["HAN"] + counts["KANA"]  # Japanese mixes the two
    script, top = grouped.most_common(1)[0]
    if script != "LATIN" and top >= 0.4 * letters:
        return _non_latin(text, script, counts, hint)
    shares = language_shares(text)
    # A language is told by several of its words, not one that another language has too
    # (Turkish "Moskova'da" holds Portuguese "da").
    variety = _variety(text)
    shares = {
        code: share if code == "en" or variety[code] >= MIN_VARIETY else 0.0
        for code, share in shares.items()
    }
    best = max(shares, key=lambda code: (shares[code], code == hint))
    english = shares["en"]
    if english >= 0.12 and english >= shares[best]:
        return "en"
    if hint in shares and shares[hint] >= 0.05 and shares[hint] >= 0.6 * shares[best]:
        return hint  # a tie (Spanish and Portuguese share words): the page's word breaks it
    if shares[best] >= 0.08:
        return best
    if english >= 0.05:
        return "en"
    if hint and hint not in shares:
        return hint  # a language the function words do not know: the page's word for it
    return "und"


def _script_share(text: str, code: str) -> float:
    """The share of a text's words (Chinese: characters) that are the language's function words."""
    sample = text[:SAMPLE_CHARS]
    words = _SCRIPT_WORDS[code]
    if code == "zh":
        han = _HAN.findall(sample)
        return sum(c in words for c in han) / max(len(han), 1)
    tokens = _WORD.findall(sample.lower())
    return sum(t in words for t in tokens) / max(len(tokens), 1)


def _non_latin(text: str, script: str, counts: Counter[str], hint: str | None) -> str:
    if script in ("HAN", "KANA"):
        if counts["KANA"] >= 0.05 * (counts["HAN"] / HAN_WEIGHT + counts["KANA"]):
            return "ja"
        if hint == "ja" and counts["KANA"]:
            return "ja"
        return "zh" if _script_share(text, "zh") >= MIN_SCRIPT_SHARE else hint or "und"
    if script == "HANGUL":
        return "ko"
    if script == "CYRILLIC":
        marked = _by_marks(text, _CYRILLIC_MARKS, counts[script])
        if marked or (hint and hint != "ru" and _script_share(text, "ru") < 0.1):
            return marked or str(hint)
        return "ru" if _script_share(text, "ru") >= MIN_SCRIPT_SHARE else hint or "und"
    if script == "ARABIC":
        marked = _by_marks(text, _ARABIC_MARKS, counts[script])
        if marked or (hint and hint != "ar" and _script_share(text, "ar") < 0.05):
            return marked or str(hint)
        return "ar" if _script_share(text, "ar") >= MIN_SCRIPT_SHARE else hint or "und"
    known = {
        "GREEK": "el",
        "HEBREW": "he",
        "THAI": "th",
        "DEVANAGARI": "hi",
        "ARMENIAN": "hy",
        "GEORGIAN": "ka",
        "BENGALI": "bn",
        "TAMIL": "ta",
        "ETHIOPIC": "am",
    }
    return hint or known.get(script, "und")


def cjk_chars(text: str) -> int:
    """Count the characters of scripts written without spaces (Chinese, Japanese)."""
    return len(_CJK.findall(text))


def size(text: str) -> int:
    """Count an article's words: words between spaces, and for Chinese and Japanese, written
    without spaces, a word for every two characters (a Chinese word is 1.5 characters on
    average: a little strict on purpose)."""
    cjk = cjk_chars(text)
    if not cjk:
        return len(text.split())
    spaced = len(_CJK.sub(" ", text).split())
    return spaced + cjk // 2


# A sentence ends on . ! ? … (then a space or the end), on the Arabic question mark, or on
# the full-width marks of Chinese and Japanese (no space after them).
_SENTENCE_END = re.compile("[.!?…؟][\"'”’)»]*(?:\\s|$)|[。！？][”’」』）)]*")


def sentence_ends(text: str) -> int:
    """Count the sentence ends of a text, in any of the supported scripts."""
    return len(_SENTENCE_END.findall(text))
