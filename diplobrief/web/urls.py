"""Normalise article links and find them in Discord messages.

`normalise_url` is the one gate every URL passes before it is cached or fetched: http and https
only, no credentials, at most 2,048 characters, a canonical host (lower case, punycode for
international names, dotted-quad for the legacy IPv4 spellings `127.1`, `2130706433`,
`0x7f000001` and `017700000001`, compressed IPv6), no default port, no fragment and, unless asked
to keep them, no tracking parameters.
"""

from __future__ import annotations

import ipaddress
import logging
import re
from urllib.parse import quote, unquote, unquote_plus, urlsplit

import idna

from diplobrief.errors import BadTarget, BlockedURL

log = logging.getLogger(__name__)

MAX_URL_LENGTH = 2048
MAX_LABEL_LENGTH = 63  # DNS: one part of a host name (the resolver raises UnicodeError past it)
DEFAULT_PORTS = {"http": 80, "https": 443}
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid",
        "igshid", "igsh", "_ga", "_gl", "yclid", "ref_src", "ref_url", "twclid", "ttclid",
        "li_fat_id", "mkt_tok", "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "oly_enc_id",
        "oly_anon_id", "vero_id", "vero_conv", "wickedid", "srsltid", "smid", "smtyp",
    }
)  # fmt: skip
# Characters a path or query may carry as they are; anything else is percent-encoded, the way
# the HTTP client would send it, so one page has one cache key.
_SAFE = "/%:@!$&'()*+,;=-._~?"
_HOST_RE = re.compile(r"^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$")
_NUMBER_RE = re.compile(r"^(0[xX][0-9a-fA-F]*|[0-9]+)$")


def normalise_url(url: str, *, strip_tracking: bool = True) -> str:
    """Return the canonical form of an http(s) URL, or raise BadTarget / BlockedURL."""
    url = url.strip()
    if not url:
        raise BadTarget("that is empty; send me a link to a news article")
    if len(url) > MAX_URL_LENGTH:
        log.info("refused a URL of %d characters", len(url))
        raise BadTarget(f"that link is too long (over {MAX_URL_LENGTH:,} characters)")
    if any(ord(c) < 0x20 or c == "\x7f" for c in url):
        raise BadTarget("that link has control characters in it")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise BadTarget(f"that doesn't look like a valid link ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        log.info("refused scheme %r", scheme or url[:40])
        if not scheme or "." in scheme:
            raise BadTarget("I need a full link starting with http:// or https://")
        raise BlockedURL("I only read http and https links")
    netloc = parts.netloc
    if "@" in netloc:
        log.warning("refused a URL with credentials (host part %r)", netloc.rpartition("@")[2])
        raise BlockedURL("I don't follow links with a user name or password in them")
    if not netloc or "\\" in netloc:
        raise BadTarget("that link has no valid site name in it")
    host = _canonical_host(parts.hostname or "")
    if port is not None and port == DEFAULT_PORTS[scheme]:
        port = None
    hostport = f"[{host}]" if ":" in host else host
    if port is not None:
        hostport += f":{port}"
    path = quote(parts.path or "/", safe=_SAFE)
    query = quote(parts.query, safe=_SAFE)
    if strip_tracking:
        query = _strip_tracking(query)
    result = f"{scheme}://{hostport}{path}" + (f"?{query}" if query else "")
    if len(result) > MAX_URL_LENGTH:
        raise BadTarget(f"that link is too long (over {MAX_URL_LENGTH:,} characters)")
    return result


def _canonical_host(host: str) -> str:
    """Return the host lower-cased, in punycode, with IP addresses in canonical form."""
    if not host:
        raise BadTarget("that link has no site name in it")
    if ":" not in host and "%" in host:
        host = unquote(host)  # browsers decode %-escapes in host names; so must the check
    if ":" in host:
        try:
            addr = ipaddress.IPv6Address(host)
        except ValueError:
            raise BadTarget("that link has an invalid IPv6 address") from None
        if addr.scope_id:
            raise BlockedURL("I don't follow links to link-local addresses")
        return addr.compressed
    if not host.isascii():
        try:
            host = idna.encode(host, uts46=True).decode("ascii")
        except idna.IDNAError:
            raise BadTarget("that link has an invalid international site name") from None
    host = host.lower()
    ipv4 = _legacy_ipv4(host)
    if ipv4 is not None:
        return ipv4
    if not _HOST_RE.match(host) or len(host) > 253:
        raise BadTarget("that link has an invalid site name")
    if any(len(label) > MAX_LABEL_LENGTH for label in host.split(".")):
        raise BadTarget(
            f"that link has an invalid site name (a part of it is over {MAX_LABEL_LENGTH} "
            "characters)"
        )
    return host


def _legacy_ipv4(host: str) -> str | None:
    """Parse the IPv4 spellings browsers accept (WHATWG URL); None when host is a name."""
    labels = host.split(".")
    if labels[-1] == "" and len(labels) > 1:
        labels.pop()
    if not _NUMBER_RE.match(labels[-1]):
        return None
    numbers = []
    for label in labels:
        if not _NUMBER_RE.match(label):
            raise BadTarget("that link has an invalid IP address")
        if label[:2].lower() == "0x":
            numbers.append(int(label[2:] or "0", 16))
        elif len(label) > 1 and label.startswith("0"):
            if not set(label) <= set("01234567"):
                raise BadTarget("that link has an invalid IP address")
            numbers.append(int(label, 8))
        else:
            numbers.append(int(label))
    if len(numbers) > 4 or any(n > 255 for n in numbers[:-1]):
        raise BadTarget("that link has an invalid IP address")
    if numbers[-1] >= 256 ** (5 - len(numbers)):
        raise BadTarget("that link has an invalid IP address")
    value = numbers[-1]
    for i, n in enumerate(numbers[:-1]):
        value += n << (8 * (3 - i))
    return str(ipaddress.IPv4Address(value))


def _strip_tracking(query: str) -> str:
    """Drop tracking parameters from a raw query string, keeping the rest as written."""
    kept = []
    for item in query.split("&"):
        if not item:
            continue
        key = unquote_plus(item.partition("=")[0]).lower()
        if key.startswith("utm_") or key in TRACKING_PARAMS:
            continue
        kept.append(item)
    return "&".join(kept)


# Discord does not linkify code, so links inside code are not meant to be followed.
_CODE_RE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
_MASKED_RE = re.compile(r"\[[^\[\]\n]*\]\(\s*(<)?(https?://)", re.IGNORECASE)
# "<https://...>": the link without its ">" is read too (and kept), so a run of "<http://" with
# no ">" is read once, not again from every "<" in it (which took quadratic time).
_SUPPRESSED_RE = re.compile(r"<https?://[^\s>]*+>?", re.IGNORECASE)
_BARE_RE = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
_TRAILING = ".,;:!?'\"*~|"
_PAIRS = {")": "(", "]": "[", "}": "{"}


def find_links(text: str) -> list[str]:
    """Return the http(s) links of a message in order, once each, skipping <suppressed> ones."""
    text = _CODE_RE.sub(lambda m: " " * len(m.group()), text)
    found: list[tuple[int, str]] = []
    for match in list(_MASKED_RE.finditer(text)):
        start = match.start(2)
        end = _masked_end(text, start)
        if not match.group(1):  # [label](<url>) has its preview suppressed
            found.append((start, _trim(text[start:end])))
        text = text[: match.start()] + " " * (end - match.start()) + text[end:]
    text = _SUPPRESSED_RE.sub(lambda m: " " * len(m[0]) if m[0].endswith(">") else m[0], text)
    found.extend((m.start(), _trim(m.group())) for m in _BARE_RE.finditer(text))
    links: list[str] = []
    seen: set[str] = set()
    for _, link in sorted(found):
        try:
            if not urlsplit(link).netloc:
                continue
        except ValueError:  # "https://[a]": not a link, and no reason to drop the others
            continue
        try:
            key = normalise_url(link)
        except (BadTarget, BlockedURL):
            key = link
        if key not in seen:
            seen.add(key)
            links.append(link)
    return links


def _masked_end(text: str, start: int) -> int:
    """Return where the URL of a [label](url) link ends: before its unmatched ')'."""
    depth = 0
    for i in range(start, len(text)):
        c = text[i]
        if c.isspace() or c in "<>":
            return i
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                return i
            depth -= 1
    return len(text)


def _trim(link: str) -> str:
    """Strip sentence punctuation and unbalanced closing brackets from the end of a link."""
    while link:
        last = link[-1]
        unbalanced = last in _PAIRS and link.count(_PAIRS[last]) < link.count(last)
        if last in _TRAILING or unbalanced:
            link = link[:-1]
        else:
            break
    return link


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# IANA special-purpose ranges and what they are, so a refusal can say why.
_BLOCKED: tuple[tuple[IPNetwork, str], ...] = tuple(
    (ipaddress.ip_network(net), reason)
    for net, reason in (
        ("0.0.0.0/8", "unspecified"), ("10.0.0.0/8", "private"),
        ("100.64.0.0/10", "shared address space"), ("127.0.0.0/8", "loopback"),
        ("169.254.0.0/16", "link-local, cloud metadata"), ("172.16.0.0/12", "private"),
        ("192.0.0.0/24", "protocol assignments"), ("192.0.2.0/24", "documentation"),
        ("192.88.99.0/24", "6to4 relay"), ("192.168.0.0/16", "private"),
        ("198.18.0.0/15", "benchmarking"), ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"), ("224.0.0.0/4", "multicast"),
        ("240.0.0.0/4", "reserved"), ("::/128", "unspecified"), ("::1/128", "loopback"),
        ("::/96", "IPv4-compatible"), ("::ffff:0:0:0/96", "IPv4-translated"),
        ("64:ff9b:1::/48", "local NAT64"), ("100::/64", "discard"),
        ("2001::/23", "protocol assignments"), ("2001:db8::/32", "documentation"),
        ("3fff::/20", "documentation"), ("5f00::/16", "segment routing"),
        ("fc00::/7", "unique local"), ("fe80::/10", "link-local"),
        ("fec0::/10", "site-local"), ("ff00::/8", "multicast"),
    )
)  # fmt: skip
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def address_refusal(ip: str, allow: tuple[IPNetwork, ...] = ()) -> tuple[str | None, bool]:
    """Return (why the address may not be fetched or None, whether an allow-list exempts it)."""
    try:
        addr: IPAddress = ipaddress.ip_address(ip.split("%")[0])
    except ValueError:
        return "not an IP address", False
    if isinstance(addr, ipaddress.IPv6Address) and "%" in ip:
        return "scoped IPv6", False
    if any(addr in net for net in allow):
        return None, True
    if isinstance(addr, ipaddress.IPv6Address):
        # These forms reach an IPv4 host, so the IPv4 address decides.
        if addr.ipv4_mapped is not None:
            reason, allowed = address_refusal(str(addr.ipv4_mapped), allow)
            return (reason and f"IPv4-mapped {reason}"), allowed
        if addr in _NAT64:
            reason, _ = address_refusal(str(ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)))
            return (reason and f"NAT64 form of {reason}"), False
        if addr.sixtofour is not None:
            reason, _ = address_refusal(str(addr.sixtofour))
            if reason:
                return f"6to4 form of {reason}", False
    for net, reason in _BLOCKED:
        if addr in net:
            return reason, False
    # A backstop for anything the table misses that Python knows is not public.
    if not addr.is_global or addr.is_multicast or addr.is_link_local or addr.is_loopback:
        return "not globally routable", False
    return None, False
