"""The auto-brief's bookkeeping without Discord: who briefs a link or an article in a channel,
who waits and points to it, and how often one brief is pointed to."""

from __future__ import annotations

import asyncio

from diplobrief.claims import Claims, Pointers, one_per_article
from diplobrief.models import Brief


def brief(url: str, canonical: str | None = None) -> Brief:
    return Brief(url, "t", (), "news", 9, 0.5, "2026-12-01T00:00:00+00:00", canonical)


async def test_one_message_claims_a_link_and_the_next_waits_for_its_brief() -> None:
    claims = Claims()
    first = claims.claim_links(1, [("a", "https://x.example/a")])
    second = claims.claim_links(1, [("a again", "https://x.example/a")])
    elsewhere = claims.claim_links(2, [("a", "https://x.example/a")])  # another channel
    assert list(first.mine) == ["https://x.example/a"] and not first.waits
    assert not second.mine and [link for link, _ in second.waits] == ["a again"]
    assert list(elsewhere.mine) == ["https://x.example/a"]
    claims.release(1, first, [], {"https://x.example/a": "jump-1"})
    assert await second.waits[0][1] == "jump-1"
    claims.release(1, second, [], {})
    claims.release(2, elsewhere, [], {})  # ended with no brief: its waiters get None
    assert await elsewhere.mine["https://x.example/a"] is None
    assert claims.idle


async def test_an_article_reached_by_two_links_is_posted_by_one_message() -> None:
    claims = Claims()
    page, amp = "https://x.example/a", "https://x.example/amp/a"
    mine: list = []
    theirs: list = []
    [article] = one_per_article([("page", page)], [brief(page)])
    assert claims.claim_articles(1, [article], mine) == []
    [other] = one_per_article([("amp", amp)], [brief(amp, canonical=page)])
    waiting = claims.claim_articles(1, [other], theirs)
    assert [a[0] for a, _ in waiting] == ["amp"] and theirs == []
    claims.release(1, claims.claim_links(1, []), mine, {page: "jump-1"})
    assert await asyncio.shield(waiting[0][1]) == "jump-1"
    assert claims.idle


def test_links_to_one_article_are_one_article_and_another_sites_canonical_is_not() -> None:
    page, amp, evil = "https://x.example/a", "https://x.example/amp/a", "https://evil.example/a"
    links = [("1", page), ("2", amp), ("3", evil)]
    briefs = [brief(page), brief(amp, canonical=page), brief(evil, canonical=page)]
    articles = one_per_article(links, briefs)
    assert [(first, keys) for first, _, keys in articles] == [
        ("1", {page, amp}),
        ("3", {evil}),
    ]


def test_one_pointer_to_a_brief_per_period() -> None:
    pointers = Pointers(600)
    assert pointers.may_point("jump", now=0)
    assert not pointers.may_point("jump", now=599)
    assert pointers.may_point("jump", now=600)
    pointers.forget("jump")  # that one could not be posted
    assert pointers.may_point("jump", now=601)
