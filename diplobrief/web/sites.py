"""Which site a link belongs to, and so which links a page may speak for.

A page's `<link rel="canonical">` or `og:url` is the page's own word. It is trusted as another
name of the page (a cache key, a dedup key) only when it lies on the page's own registrable
domain: `amp.bbc.co.uk/x` may say it is `www.bbc.co.uk/x`; `evil.example` may not. The public
suffix list (shipped inside the `publicsuffixlist` package, read offline) says where a site
ends, private suffixes included, so `a.blogspot.com` cannot speak for `b.blogspot.com`.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from contextlib import suppress
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from diplobrief.errors import DiplobriefError
from diplobrief.models import Brief
from diplobrief.web.urls import DEFAULT_PORTS, normalise_url

if TYPE_CHECKING:
    from publicsuffixlist import PublicSuffixList


@cache
def _suffixes() -> PublicSuffixList:
    # Loaded on first use: parsing the list costs a few milliseconds the CLI need not pay.
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


def site_of(url: str) -> str | None:
    """The registrable domain of a link's host (`www.bbc.co.uk` -> `bbc.co.uk`); an IP address
    with its port is a site of its own; None for a link with no host or a host that is only a
    public suffix."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".").lower()
    try:
        address = ipaddress.ip_address(host).compressed
    except ValueError:
        return _suffixes().privatesuffix(host)
    # An address has no registrable domain: its owner is its origin, so the port counts (a
    # shared host's tenants, port forwards behind one public address).
    parts = urlsplit(url)
    try:
        port = parts.port or DEFAULT_PORTS.get(parts.scheme.lower())
    except ValueError:
        return None
    return f"{address}:{port}" if port else address


def same_site(url: str, other: str) -> bool:
    """Whether two links lie on one registrable domain (one owner)."""
    site = site_of(url)
    return site is not None and site == site_of(other)


def claimed_keys(page_url: str | None, claims: Iterable[str | None]) -> list[str]:
    """The normalised links among a page's claims about itself (canonical, og:url) that it may
    speak for: those on the site it was fetched from (after redirects). A relative claim is
    read against the page's link. A page with no site of its own (a file, pasted text) speaks
    for no link."""
    if not page_url:
        return []
    keys: list[str] = []
    for claim in claims:
        if not claim:
            continue
        try:
            key = normalise_url(urljoin(page_url, claim.strip()))
        except (DiplobriefError, ValueError):
            continue
        if same_site(page_url, key) and key not in keys:
            keys.append(key)
    return keys


def article_keys(url: str, brief: Brief) -> set[str]:
    """The links an article is known by, for telling two links apart or one: the one it came
    by, its own, and its canonical link when that lies on the same site as both."""
    keys = {url}
    with suppress(DiplobriefError):
        keys.add(normalise_url(brief.url))
    keys.update(k for k in claimed_keys(brief.url, [brief.canonical_url]) if same_site(url, k))
    return keys
