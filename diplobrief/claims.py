"""Which message of a channel briefs which article: the auto-brief's bookkeeping, without Discord.

Two messages can carry one link, or two links to one article (its page and its AMP page), at
the same moment. Each link, and then each article, is claimed by one message; the others wait
for that claim to end with the jump URL of its brief (or None when it could not be posted) and
point to it. Claims are taken and given up in steps with no await in them, so one event loop
needs no lock. (Across several gateway processes these claims would move to the shared store.)
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from diplobrief.models import Brief
from diplobrief.web.sites import article_keys

# A claim ends with the jump URL of the brief posted for it, or None.
Claim = asyncio.Future[str | None]
# An article of a message: the first link it came by, its brief, every link it is known by.
Article = tuple[str, Brief, set[str]]


@dataclass
class LinkClaims:
    """What a message got when it claimed its links: the ones it briefs (`mine`, with their
    claims, and `claimed` as (posted, normalised) pairs) and the ones it waits for."""

    mine: dict[str, Claim] = field(default_factory=dict)
    claimed: list[tuple[str, str]] = field(default_factory=list)
    waits: list[tuple[str, Claim]] = field(default_factory=list)


class Claims:
    """The links and articles being briefed in each channel right now."""

    def __init__(self) -> None:
        self._links: dict[tuple[int, str], Claim] = {}
        self._articles: dict[tuple[int, str], Claim] = {}

    @property
    def idle(self) -> bool:
        """Whether nothing is claimed anywhere."""
        return not self._links and not self._articles

    def claim_links(self, channel_id: int, links: list[tuple[str, str]]) -> LinkClaims:
        """Claim the links no other message is briefing here; the others are waited for."""
        got = LinkClaims()
        loop = asyncio.get_running_loop()
        for link, url in links:
            flight = self._links.get((channel_id, url))
            if flight is not None:
                got.waits.append((link, flight))
            else:
                got.mine[url] = self._links[(channel_id, url)] = loop.create_future()
                got.claimed.append((link, url))
        return got

    def claim_articles(
        self, channel_id: int, articles: list[Article], own: list[tuple[Article, Claim]]
    ) -> list[tuple[Article, Claim]]:
        """Claim a message's articles that no other message is posting here now, under every
        link they are known by (adding them to `own`, the message's claims); return the
        others, each with the claim to wait for."""
        others: list[tuple[Article, Claim]] = []
        for article in articles:
            keys = article[2]
            flight = next(
                (f for k in sorted(keys) if (f := self._articles.get((channel_id, k)))), None
            )
            if flight is not None:
                if all(flight is not f for _, f in own):  # (one of ours: posted already)
                    others.append((article, flight))
                continue
            future: Claim = asyncio.get_running_loop().create_future()
            for key in keys:
                self._articles[(channel_id, key)] = future
            own.append((article, future))
        return others

    def release(
        self,
        channel_id: int,
        links: LinkClaims,
        own: list[tuple[Article, Claim]],
        jumps: dict[str, str],
    ) -> None:
        """End a message's claims with the jump URLs its briefs got (`jumps`: link -> jump
        URL; a link missing from it ends its claim with None), and give them up."""
        for url, future in links.mine.items():
            if not future.done():
                future.set_result(jumps.get(url))
            if self._links.get((channel_id, url)) is future:
                del self._links[(channel_id, url)]
        for (_, _, keys), future in own:
            if not future.done():
                future.set_result(next((jumps[k] for k in sorted(keys) if k in jumps), None))
            for key in keys:
                if self._articles.get((channel_id, key)) is future:
                    del self._articles[(channel_id, key)]


class Pointers:
    """At most one "briefed earlier" pointer to a brief per `per` seconds."""

    def __init__(self, per: float) -> None:
        self.per = per
        self._last: dict[str, float] = {}  # jump URL -> when a pointer to it was last posted

    def may_point(self, jump_url: str, *, now: float | None = None) -> bool:
        """Whether a pointer to this brief may be posted now (and count it as posted)."""
        now = time.monotonic() if now is None else now
        for old in [j for j, at in self._last.items() if at <= now - self.per]:
            del self._last[old]
        if jump_url in self._last:
            return False
        self._last[jump_url] = now
        return True

    def forget(self, jump_url: str) -> None:
        """A pointer that could not be posted: the next repeat may point after all."""
        self._last.pop(jump_url, None)


def one_per_article(links: list[tuple[str, str]], briefs: list[Brief | None]) -> list[Article]:
    """Pair the links of a message with their briefs, one per article when several links lead to
    one (a.html and a.html?x=1, its AMP page): (first link, brief, every link it is known by)."""
    articles: list[Article] = []
    for (link, url), brief in zip(links, briefs, strict=True):
        if brief is None:
            continue
        keys = article_keys(url, brief)
        # Every article this one shares a link with is the same article (a chain too: an AMP
        # page naming an old address that now leads to the new one): merge them into the first.
        same = [a for a in articles if a[2] & keys]
        if same:
            for other in same[1:]:
                same[0][2].update(other[2])
                articles.remove(other)
            same[0][2].update(keys)
        else:
            articles.append((link, brief, keys))
    return articles
