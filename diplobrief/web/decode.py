"""Page bodies: what a media type is, binary sniffing, and charset decoding as browsers do it."""

from __future__ import annotations

import codecs
import logging
import re

import charset_normalizer

log = logging.getLogger(__name__)

_MAGIC = (
    (b"%PDF-", "a PDF"), (b"\x89PNG", "an image"), (b"\xff\xd8\xff", "an image"),
    (b"GIF8", "an image"), (b"PK\x03\x04", "a compressed file"), (b"\x1f\x8b", "a compressed file"),
    (b"ID3", "audio"), (b"OggS", "audio or video"), (b"\x1aE\xdf\xa3", "a video"),
)  # fmt: skip
_KINDS = (
    ("application/pdf", "a PDF"), ("image/", "an image"), ("video/", "a video"),
    ("audio/", "audio"), ("application/json", "JSON data"), ("text/css", "a style sheet"),
    ("application/javascript", "a script"), ("text/javascript", "a script"),
    ("application/rss", "a news feed"), ("application/atom", "a news feed"),
    ("application/xml", "an XML file"), ("text/xml", "an XML file"),
    ("application/zip", "a compressed file"), ("application/gzip", "a compressed file"),
    ("application/msword", "a Word document"), ("application/vnd.openxmlformats", "an Office file"),
    ("application/octet-stream", "a file download"),
)  # fmt: skip
_SHOWN_TYPE = re.compile(r"\A(?=.{3,60}$)[A-Za-z0-9.+-]+/[A-Za-z0-9.+-]+")
# Charset detection reads at most this much of a body (see detection_sample): on a whole 5 MB
# page it takes over a second, which would stall the bot; on this, milliseconds.
MAX_DETECT_BYTES = 64 * 1024
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_INSIDE_CHARACTERS = bytes(range(0x30, 0x100))
# A <meta> tag (to its ">"), then its charset. In two steps: as one pattern that retried at every
# "<meta", a run of them with no ">" took quadratic time.
_META_TAG = re.compile(rb"<meta[^>]*+", re.I)
_META_CHARSET = re.compile(rb"""charset\s*+=\s*+["']?\s*+([a-zA-Z0-9_:.\-]+)""", re.I)
# What browsers really decode these labels as (WHATWG Encoding), so pages read as they display.
_ALIASES = {
    "iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254",
    "shift_jis": "cp932", "euc_kr": "cp949", "gb2312": "gb18030", "gbk": "gb18030",
    "tis-620": "cp874", "iso8859-11": "cp874",
}  # fmt: skip


def describe_media_type(media: str) -> str:
    """Say what a non-page link is, for the user. The type comes from the site, so it is named
    only when it looks like one (`type/subtype`, at most 60 characters of [A-Za-z0-9.+-])."""
    kind = next((k for prefix, k in _KINDS if media.startswith(prefix)), None)
    if kind is None:
        shown = media if _SHOWN_TYPE.fullmatch(media) else "an unknown type"
        return f"that link is not a web page (it is {shown}); I can read web pages"
    return f"that link is {kind}; I can read web pages"


def sniff_binary(body: bytes) -> str | None:
    """Return a refusal when the body is a binary file whatever its label, else None."""
    kind = binary_kind(body)
    if kind is None:
        return None
    if kind == BINARY_DATA:
        return "that link holds binary data, not a web page"
    return f"that link is {kind}; I can read web pages"


BINARY_DATA = "binary data"


def binary_kind(body: bytes) -> str | None:
    """Say what binary file the body is ("a PDF", "an image", "binary data"), None for text."""
    head = body[:1024]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 text has NUL bytes by design
    if b"\x00" in body[:8192]:
        return BINARY_DATA
    return None


# Python codecs that are no page encoding although they decode bytes to text: they cannot replace
# bad bytes (idna), read backslash escapes or punycode, always fail (undefined), or are the UTF-7
# browsers refuse. Bytes-to-bytes and text-to-text codecs (hex, zlib, base64, rot13) are refused
# by their own flag.
_NOT_PAGE_ENCODINGS = frozenset(
    {"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape", "utf-7"}
)


def _codec(label: str | None) -> str | None:
    """Return the Python codec for a charset label, or None if there is none: a label naming
    something that is not a text encoding (hex, rot13, zlib, idna...) is ignored, as browsers
    ignore labels they do not know."""
    if not label:
        return None
    try:
        info = codecs.lookup(label.strip().strip("\"'"))
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_PAGE_ENCODINGS:
        log.info("ignored the charset label %r: %s is not a page encoding", label[:40], info.name)
        return None
    return _ALIASES.get(info.name, info.name)


def _meta_charset(head: bytes) -> bytes | None:
    """The charset the first <meta> tag that names one names (as `<meta ... charset=X`)."""
    for tag in _META_TAG.finditer(head):
        found = _META_CHARSET.search(tag[0])
        if found:
            return found[1]
    return None


def decode_body(body: bytes, header_charset: str | None, *, html: bool) -> tuple[str, str]:
    """Decode a body: BOM, valid UTF-8, header charset, <meta>, detection; bad bytes replaced."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if body.startswith(bom):
            return body.decode(name, errors="replace"), name
    encoding = _codec(header_charset)
    if encoding is None and html:
        match = _meta_charset(body[:8192])
        encoding = _codec(match.decode("ascii")) if match else None
        if encoding and encoding.startswith("utf_16"):
            encoding = "utf-8"  # the page was read as ASCII to find the tag, so it is not UTF-16
    if encoding != "utf-8":
        # Bytes that are valid UTF-8 are read as UTF-8 whatever the label says: real text in a
        # legacy encoding almost never forms valid UTF-8 sequences, while stale labels (a template's
        # <meta charset="iso-8859-1">, a server's default) on UTF-8 pages are common.
        try:
            return body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    if encoding is None:
        best = charset_normalizer.from_bytes(detection_sample(body)).best()
        encoding = _codec(best.encoding) if best else None
    encoding = encoding or "utf-8"
    try:
        return body.decode(encoding, errors="replace"), encoding
    except (LookupError, UnicodeError) as exc:  # a codec that cannot replace: read as UTF-8
        log.info("could not decode a page as %s (%s); read it as UTF-8", encoding, exc)
        return body.decode("utf-8", errors="replace"), "utf-8"


def detection_sample(body: bytes) -> bytes:
    """Return at most MAX_DETECT_BYTES of a body for charset detection: from its first non-ASCII
    byte (where the evidence starts, and always a character's first byte) to its last byte below
    0x30 (space, quote, slash, newline...), which no multi-byte encoding uses inside a character,
    so the sample does not end mid-character (the detector would rule the right encoding out)."""
    found = _NON_ASCII.search(body)
    start = found.start() if found else 0
    sample = body[start : start + MAX_DETECT_BYTES]
    if start + len(sample) < len(body):
        whole = sample.rstrip(_INSIDE_CHARACTERS)
        if len(whole) >= len(sample) // 2:
            sample = whole
    return sample


def guess_media(text: str) -> str:
    """Guess the media type of a page that named none: HTML when it says so, else plain text."""
    head = text[:4096].lower()
    return "text/html" if "<html" in head or "<!doctype html" in head else "text/plain"
