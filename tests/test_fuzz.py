"""Fuzzing with hypothesis: URL normalisation and HTML → text → brief raise only our errors."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplobrief.analysis import analyse
from diplobrief.errors import DiplobriefError
from diplobrief.web.extract import article_from_text, extract_article
from diplobrief.web.urls import normalise_url

url_text = st.one_of(
    st.text(max_size=300),
    st.builds(
        lambda scheme, host, path, query, frag: f"{scheme}://{host}{path}?{query}#{frag}",
        st.sampled_from(["http", "https", "HTTP", "ftp", "file", "javascript", ""]),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=40),
        st.text(max_size=60),
        st.text(max_size=60),
        st.text(max_size=20),
    ),
)


@settings(max_examples=300, deadline=None)
@given(url_text)
def test_normalise_url_raises_only_our_errors(raw: str) -> None:
    try:
        url = normalise_url(raw)
    except DiplobriefError:
        return
    assert url.startswith(("http://", "https://"))
    assert "#" not in url
    assert normalise_url(url) == url  # idempotent


WORDS = st.sampled_from(
    "the minister said talks would resume in Geneva on Monday after sanctions were lifted "
    "“We are ready” he added ; : — … @everyone <@123> **bold** \u200b \u202e".split()
)
TAGS = st.sampled_from(["p", "div", "span", "article", "h1", "li", "script", "style", "b", "a"])


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    parts: list[str] = ["<html><body>"]
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(TAGS)
        words = " ".join(draw(st.lists(WORDS, max_size=40)))
        end = "" if draw(st.booleans()) else f"</{tag}>"  # unbalanced tags too
        parts.append(f"<{tag}>{words}.{end}")
    if draw(st.booleans()):
        parts.append(draw(st.text(max_size=200)))
    return "".join(parts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=html_pages())
def test_html_to_brief_raises_only_our_errors(nlp, page: str) -> None:  # type: ignore[no-untyped-def]
    try:
        article = extract_article(page, "https://fuzz.example/a")
    except DiplobriefError:
        return
    result = analyse(nlp, article, sentences=3)
    assert len(result.summary) <= max(3, result.sentences_total)
    assert 0.0 <= result.reduction <= 1.0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(min_size=0, max_size=3000))
def test_text_to_brief_raises_only_our_errors(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    try:
        article = article_from_text(text, "text:fuzz")
    except DiplobriefError:
        return
    result = analyse(nlp, article, sentences=3)
    assert 0.0 <= result.reduction <= 1.0
