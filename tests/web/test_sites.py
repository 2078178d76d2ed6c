"""Which site a link belongs to, and which links a page may speak for (its canonical link)."""

from __future__ import annotations

import pytest

from diplobrief.models import Brief
from diplobrief.web.sites import article_keys, claimed_keys, same_site, site_of


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.bbc.co.uk/news/x", "bbc.co.uk"),
        ("https://WWW.BBC.co.uk:443/news/x", "bbc.co.uk"),
        ("https://amp.theguardian.com/world", "theguardian.com"),
        ("https://someone.blogspot.com/post", "someone.blogspot.com"),  # a private suffix
        ("https://someone.github.io/", "someone.github.io"),
        ("http://127.0.0.1:8080/a", "127.0.0.1:8080"),  # an address: its port counts
        ("http://[::1]/a", "::1:80"),
        ("https://co.uk/", None),  # a public suffix is no one's site
        ("file:///tmp/page.html", None),
    ],
)
def test_site_of(url: str, site: str | None) -> None:
    assert site_of(url) == site


def test_a_page_speaks_only_for_links_on_its_own_site() -> None:
    page = "https://amp.bbc.co.uk/news/world-1"
    claims = [
        "https://www.bbc.co.uk/news/world-1?utm_source=feed",
        "//www.bbc.co.uk/news/world-1",
        "/news/world-1",
        "https://www.bbc.com/news/world-1",  # another registrable domain
        "https://bbc.co.uk.evil.example/news/world-1",
        "javascript:alert(1)",
        None,
    ]
    assert claimed_keys(page, claims) == [
        "https://www.bbc.co.uk/news/world-1",
        "https://amp.bbc.co.uk/news/world-1",
    ]
    assert claimed_keys(None, claims) == []  # a file or pasted text speaks for no link


def test_neighbours_on_a_shared_host_are_different_sites() -> None:
    assert not same_site("https://a.blogspot.com/x", "https://b.blogspot.com/x")
    assert not same_site("http://127.0.0.1/x", "http://127.0.0.2/x")
    assert same_site("https://news.example.org/a", "https://www.example.org/b")


def test_article_keys_leave_out_another_sites_canonical() -> None:
    def brief(url: str, canonical: str) -> Brief:
        return Brief(url, "t", (), "news", 1, 0.0, "2026-01-01", canonical_url=canonical)

    amp = "https://amp.example.org/a"
    assert article_keys(amp, brief(amp, "https://www.example.org/a")) == {
        amp,
        "https://www.example.org/a",
    }
    evil = "https://evil.example/a"
    assert article_keys(evil, brief(evil, "https://www.bbc.co.uk/news/a")) == {evil}
