"""URL normalisation and finding links in Discord messages."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diplobrief.errors import BadTarget, BlockedURL, DiplobriefError
from diplobrief.web.urls import find_links, normalise_url


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  https://Example.COM/World/Story  ", "https://example.com/World/Story"),
        ("HTTP://example.com", "http://example.com/"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("http://example.com:443/a", "http://example.com:443/a"),
        ("https://example.com/a#comments", "https://example.com/a"),
        (
            "https://example.com/a?utm_source=tw&id=7&fbclid=X&page=2&gclid=1#top",
            "https://example.com/a?id=7&page=2",
        ),
        (
            "https://example.com/a?b=2&a=1&UTM_Medium=x&mc_cid=1&mc_eid=2&igshid=3&_ga=4",
            "https://example.com/a?b=2&a=1",
        ),
        ("https://example.com/a?dclid=1&msclkid=2&yclid=3&ref_src=twsrc", "https://example.com/a"),
        ("https://example.com/a?utm_source=x", "https://example.com/a"),
        ("https://example.com/a?q=caf%C3%A9&flag", "https://example.com/a?q=caf%C3%A9&flag"),
        ("https://example.com/caf\u00e9 noir", "https://example.com/caf%C3%A9%20noir"),
        ("https://bücher.example/buch", "https://xn--bcher-kva.example/buch"),
        ("https://ПРИМЕР.рф/", "https://xn--e1afmkfd.xn--p1ai/"),
        ("http://127.1/", "http://127.0.0.1/"),
        ("http://2130706433/", "http://127.0.0.1/"),
        ("http://0x7f000001/", "http://127.0.0.1/"),
        ("http://017700000001/", "http://127.0.0.1/"),
        ("http://0x7f.0.0.1/", "http://127.0.0.1/"),
        ("http://%31%32%37.0.0.1/", "http://127.0.0.1/"),
        ("http://[0:0:0:0:0:ffff:7f00:1]/", "http://[::ffff:7f00:1]/"),
        ("http://[2001:DB8::1]:8080/x", "http://[2001:db8::1]:8080/x"),
        ("https://example.com./a", "https://example.com./a"),
    ],
)
def test_normalises(raw: str, expected: str) -> None:
    assert normalise_url(raw) == expected
    assert normalise_url(expected) == expected


def test_tracking_can_be_kept() -> None:
    url = "https://example.com/a?utm_source=x&id=1#f"
    assert normalise_url(url, strip_tracking=False) == "https://example.com/a?utm_source=x&id=1"


@pytest.mark.parametrize(
    "raw",
    [
        "file:///etc/passwd",
        "ftp://example.com/file",
        "gopher://example.com:70/_x",
        "data:text/html,<h1>hi</h1>",
        "javascript:alert(1)",
        "mailto:desk@example.com",
        "localhost:8080/admin",
    ],
)
def test_refuses_other_schemes(raw: str) -> None:
    with pytest.raises(BlockedURL, match="I only read http and https links"):
        normalise_url(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "https://user:secret@example.com/",
        "https://user@example.com/",
        "https://@example.com/",
        "http://example.com\\@127.0.0.1/",
    ],
)
def test_refuses_credentials(raw: str) -> None:
    with pytest.raises(BlockedURL, match="user name or password"):
        normalise_url(raw)


def test_refuses_overlong_urls() -> None:
    url = "https://example.com/" + "a" * 2029
    assert len(url) == 2049
    with pytest.raises(BadTarget, match="too long"):
        normalise_url(url)
    assert normalise_url(url[:-1]) == url[:-1]


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "example.com/story",
        "https://",
        "http:///path",
        "https://exa mple.com/",
        "https://example.com:99999/",
        "https://example.com:port/",
        "http://1.2.3.4.5/",
        "http://256.1.1.1/",
        "http://example.123/",
        "http://[::1/",
        "http://ex\tample.com/",
        "https://-bad-.example/",
    ],
)
def test_refuses_what_is_not_a_url(raw: str) -> None:
    with pytest.raises(BadTarget):
        normalise_url(raw)


@given(st.text(max_size=200))
def test_any_text_normalises_or_raises_our_error(text: str) -> None:
    try:
        url = normalise_url(text)
    except DiplobriefError:
        return
    assert url.startswith(("http://", "https://"))
    assert normalise_url(url) == url


@given(
    st.sampled_from(["http", "https", "HTTP"]),
    st.from_regex(r"[a-zA-Z0-9.\-]{1,30}", fullmatch=True),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
)
def test_url_like_text_normalises_or_raises_our_error(scheme: str, host: str, rest: str) -> None:
    try:
        url = normalise_url(f"{scheme}://{host}/{rest}")
    except DiplobriefError:
        return
    assert normalise_url(url) == url
    assert "#" not in url


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("read https://example.com/a and http://example.org/b", ["https://example.com/a", "http://example.org/b"]),
        ("https://example.com/a https://example.com/a#x https://EXAMPLE.com/a", ["https://example.com/a"]),
        ("Big news: https://example.com/story.", ["https://example.com/story"]),
        ("(see https://example.com/story)", ["https://example.com/story"]),
        ("https://en.wikipedia.org/wiki/Foo_(bar)", ["https://en.wikipedia.org/wiki/Foo_(bar)"]),
        ("(https://en.wikipedia.org/wiki/Foo_(bar))", ["https://en.wikipedia.org/wiki/Foo_(bar)"]),
        ("wow https://example.com/a?x=1!", ["https://example.com/a?x=1"]),
        ('"https://example.com/q",', ["https://example.com/q"]),
        ("no preview <https://example.com/hidden> here", []),
        ("[the story](https://example.com/s)", ["https://example.com/s"]),
        ("[wiki](https://en.wikipedia.org/wiki/A_(b)) end", ["https://en.wikipedia.org/wiki/A_(b)"]),
        ("[quiet](<https://example.com/q>)", []),
        ("[https://shown.example](https://real.example/x)", ["https://real.example/x"]),
        ("`https://example.com/code` and ```\nhttps://example.com/block\n```", []),
        ("||https://example.com/spoiler||", ["https://example.com/spoiler"]),
        ("**https://example.com/bold**", ["https://example.com/bold"]),
        ("HTTPS://Example.com/Up", ["HTTPS://Example.com/Up"]),
        ("ftp://example.com/x file:///etc/passwd https:// nothing", []),
        ("a https://b.example/1 <https://c.example/2> https://d.example/3", ["https://b.example/1", "https://d.example/3"]),
        ("no links at all", []),
    ],
)  # fmt: skip
def test_finds_links(text: str, links: list[str]) -> None:
    assert find_links(text) == links


@given(st.text(max_size=300))
def test_find_links_never_raises(text: str) -> None:
    for link in find_links(text):
        assert link.lower().startswith(("http://", "https://"))


def test_a_host_name_part_over_63_characters_is_refused_plainly() -> None:
    assert normalise_url(f"https://{'a' * 63}.example/x") == f"https://{'a' * 63}.example/x"
    for host in ("a" * 64 + ".example", "news." + "b" * 70, "ä" * 64 + ".example"):
        with pytest.raises(BadTarget, match="invalid"):
            normalise_url(f"https://{host}/x")


@pytest.mark.parametrize("bad", ["https://[a]", "https://[a", "see https://[a]/story"])
def test_a_malformed_link_does_not_hide_the_others(bad: str) -> None:
    assert "https://ok.example/story" in find_links(f"{bad} and https://ok.example/story")
