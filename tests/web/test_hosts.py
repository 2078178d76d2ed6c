"""Which links auto-briefs leave alone: known non-article hosts and a server's domain lists."""

from __future__ import annotations

import pytest

from diplobrief import lexicon
from diplobrief.errors import BadTarget
from diplobrief.web.hosts import DomainLists, clean_domain, may_autobrief, non_article_hosts


@pytest.mark.parametrize(
    "url",
    [
        "https://tenor.com/view/cat-dance-gif-123",
        "https://media.giphy.com/media/abc/giphy.gif",
        "https://www.youtube.com/watch?v=abc",
        "https://youtu.be/abc",
        "https://discord.com/channels/1/2/3",
        "https://x.com/someone/status/1",
        "https://X.COM./someone/status/1",
    ],
)
def test_known_non_article_hosts_are_skipped(url: str) -> None:
    assert not may_autobrief(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.bbc.co.uk/news/world-1",
        "https://notyoutube.com/a",
        "https://x.com.evil.example/a",
    ],
)
def test_other_hosts_are_briefed(url: str) -> None:
    assert may_autobrief(url)


def test_deny_wins_and_an_allow_list_keeps_only_its_sites() -> None:
    lists = DomainLists(
        allow=frozenset({"reuters.com", "bbc.co.uk"}), deny=frozenset({"reuters.com"})
    )
    assert may_autobrief("https://www.bbc.co.uk/news/1", lists)
    assert not may_autobrief("https://www.reuters.com/world/1", lists)  # deny wins
    assert not may_autobrief("https://apnews.com/article/1", lists)  # not on the allow list
    assert not may_autobrief(
        "https://tenor.com/view/1", DomainLists(allow=frozenset({"tenor.com"}))
    )
    denied = DomainLists(deny=frozenset({"example.org"}))
    assert not may_autobrief("https://news.example.org/1", denied)
    assert may_autobrief("https://example.com/1", denied)


@pytest.mark.parametrize(
    ("typed", "domain"),
    [
        ("BBC.co.uk", "bbc.co.uk"),
        ("www.bbc.co.uk", "bbc.co.uk"),
        ("https://www.reuters.com/world/", "reuters.com"),
        (" news.example.org. ", "news.example.org"),
        ("www.example", "www.example"),
    ],
)
def test_a_typed_domain_is_cleaned(typed: str, domain: str) -> None:
    assert clean_domain(typed) == domain


@pytest.mark.parametrize("typed", ["", "bbc", "not a domain", "-bad.com", "a..b", "ex_ample.com"])
def test_a_bad_domain_is_refused(typed: str) -> None:
    with pytest.raises(BadTarget):
        clean_domain(typed)


def test_the_host_list_says_why_for_every_host() -> None:
    entries = lexicon.entries("_any", "non_article_hosts")
    assert entries and all(e.reason for e in entries)
    assert all(e.text == e.text.lower() and " " not in e.text for e in entries)
    assert {"tenor.com", "giphy.com", "youtube.com", "discord.com", "x.com"} <= non_article_hosts()
