"""Which links auto-briefs leave alone: known non-article hosts, and a server's own lists.

A GIF or a video link cannot be briefed, so it is skipped before it costs a channel or a poster
any of their briefs. A server may also name domains: with an allow list only those are briefed;
a denied domain never is (deny wins). A domain covers itself and every host under it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from diplobrief import lexicon
from diplobrief.errors import BadTarget

_LABEL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
MAX_DOMAINS = 100  # per server and list: the lists are read for every message with links


@dataclass(frozen=True)
class DomainLists:
    """A server's allowed and denied domains (empty: no list)."""

    allow: frozenset[str] = field(default_factory=frozenset)
    deny: frozenset[str] = field(default_factory=frozenset)


def host_of(url: str) -> str | None:
    """The lower-case host of a link, without a trailing dot; None if it has none."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.rstrip(".").lower() if host else None


def under(host: str, domains: Collection[str]) -> bool:
    """Whether a host is one of the domains or a host under one (`m.youtube.com`)."""
    parts = host.split(".")
    return any(".".join(parts[i:]) in domains for i in range(len(parts)))


def non_article_hosts() -> frozenset[str]:
    """The hosts whose links are never articles (data/_any/non_article_hosts.txt)."""
    return lexicon.words("_any", "non_article_hosts")


def may_autobrief(url: str, lists: DomainLists = DomainLists()) -> bool:
    """Whether an auto-brief may fetch a link: not a known non-article host, not denied, and
    allowed when the server keeps an allow list. A server's allow list does not let a GIF site
    through: naming tenor.com there is naming no news site."""
    host = host_of(url)
    if host is None:
        return False
    if under(host, lists.deny) or under(host, non_article_hosts()):
        return False
    return not lists.allow or under(host, lists.allow)


def _label(text: str) -> bool:
    """Whether a part of a domain is letters, digits and inner hyphens."""
    return 0 < len(text) <= 63 and set(text) <= _LABEL_CHARS and "-" not in (text[0], text[-1])


def clean_domain(text: str) -> str:
    """A domain as a server types it (`www.BBC.co.uk`, `https://bbc.co.uk/news`) made the
    host it names (`www.bbc.co.uk`, `bbc.co.uk`); BadTarget if it is not one."""
    text = text.strip().lower()
    host = host_of(text if "//" in text else f"//{text}") if text else None
    if host is None or len(host) > 253 or not all(map(_label, host.split("."))) or "." not in host:
        raise BadTarget(f"`{text[:100]}` is not a domain such as `example.com`.")
    return host.removeprefix("www.") if host.count(".") > 1 else host
