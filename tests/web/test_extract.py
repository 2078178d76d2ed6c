"""Extraction on pages the project writes: an article with clutter, walls, another language,
embedded posts, and text a page carries twice."""

from __future__ import annotations

from dataclasses import replace

import pytest

from diplobrief.errors import NotAnArticle, UnsupportedLanguage
from diplobrief.web.extract import (
    article_from_text,
    check_language,
    detect_language,
    extract_article,
)
from tests.support import read_fixture

URL = "https://harbourtimes.example/world/norway-talks-chile-peru?ref=home"


def test_article_with_navigation_ads_and_footer() -> None:
    article = extract_article(read_fixture("treaty-talks.html"), URL)
    assert article.title == "Norway Hosts Fresh Talks Between Chile and Peru Over Fishing Dispute"
    assert article.site == "The Harbour Times"
    assert article.authors == ("Maren Olsen",)
    assert article.published == "2024-03-12"
    assert article.language == "en"
    assert article.canonical_url == "https://harbourtimes.example/world/norway-talks-chile-peru"
    # the headline the body repeats is dropped: it would run into the lede's first sentence
    assert article.text.startswith("Chile and Peru agreed on Tuesday")
    assert "pleased with the progress made this week" in article.text
    for clutter in ("Cheap flights", "Most read", "All rights reserved", "Ten recipes"):
        assert clutter not in article.text


@pytest.mark.parametrize(
    ("fixture", "phrase"),
    [("cookie-wall.html", "cookie wall"), ("paywall.html", "paywall")],
)
def test_walls_are_not_articles(fixture: str, phrase: str) -> None:
    with pytest.raises(NotAnArticle) as caught:
        extract_article(read_fixture(fixture), "https://x.example/a")
    assert phrase in caught.value.message


def test_index_page_is_not_an_article() -> None:
    links = "".join(f'<li><a href="/n{i}">Headline number {i}</a></li>' for i in range(40))
    html = f"<html><body><h1>Latest news</h1><ul>{links}</ul></body></html>"
    with pytest.raises(NotAnArticle, match="too little article text"):
        extract_article(html, "https://x.example/")


def test_a_german_page_is_detected_and_accepted() -> None:
    article = extract_article(read_fixture("nachrichten.html"), "https://x.example/de")
    assert article.language == "de"
    check_language(article)


def test_an_unsupported_language_is_refused_by_its_name() -> None:
    article = extract_article(read_fixture("nachrichten.html"), "https://x.example/de")
    with pytest.raises(UnsupportedLanguage, match=r"in Japanese \(ja\).*English, French"):
        check_language(replace(article, language="ja"))


def test_english_text_is_english_even_with_a_wrong_lang_tag() -> None:
    text = article_from_text(read_fixture("treaty-talks.txt"), "file:///t.txt").text
    assert detect_language(text, "fr") == "en"


def test_text_headline_is_first_line_when_a_blank_line_follows() -> None:
    article = article_from_text(read_fixture("treaty-talks.txt"), "file:///t.txt")
    assert article.title == "Norway Hosts Fresh Talks Between Chile and Peru Over Fishing Dispute"
    assert article.text.startswith("Chile and Peru agreed")


def test_text_without_headline_keeps_its_first_paragraph() -> None:
    body = read_fixture("treaty-talks.txt").split("\n\n", 1)[1]
    joined = body.replace("\n\n", " ")
    article = article_from_text(joined, "file:///t.txt")
    assert article.title is None
    assert article.text.startswith("Chile and Peru agreed")


def test_too_short_text_is_refused() -> None:
    with pytest.raises(NotAnArticle):
        article_from_text("Talks resumed. Both sides spoke.", "file:///t.txt")


def test_garbage_html_is_not_an_article() -> None:
    with pytest.raises(NotAnArticle):
        extract_article("\x00\x01\x02" * 100, "https://x.example/bin")


def _with_code(html: str, code_chars: int, json_ld: str = "") -> str:
    """The fixture page with `code_chars` of scripts and styles ahead of the article, as big news
    sites ship (over a megabyte of JavaScript around a few kilobytes of text)."""
    script = "<script>window.__STATE__ = {" + '"k": "v", ' * (code_chars // 10) + "};</script>"
    style = "<style>" + ".c { color: red } " * 1000 + "</style>"
    return html.replace("<head>", "<head>" + json_ld + style + script, 1)


def test_a_page_made_mostly_of_scripts_keeps_its_article() -> None:
    base = read_fixture("treaty-talks.html")
    json_ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "NewsArticle", "author": {"@type": "Person", "name": "Ines Prado"}}</script>'
    )
    page = _with_code(base.replace("Maren Olsen", "Staff"), 1_300_000, json_ld)
    assert len(page) > 1_300_000
    article = extract_article(page, URL)
    plain = extract_article(base, URL)
    assert article.text == plain.text  # nothing of the article lost to the budget
    assert "pleased with the progress made this week" in article.text
    assert "Ines Prado" in article.authors  # the JSON-LD block was kept


def test_a_page_over_budget_in_visible_text_is_still_cut() -> None:
    """The control: emptying scripts does not lift the budget on text a reader would see."""
    filler = "<div>" + "<p>" + "Filler words for the page budget. " * 40 + "</p>" * 1 + "</div>"
    page = read_fixture("treaty-talks.html").replace(
        "<body>", "<body>" + filler * 400, 1
    )  # about 550,000 characters of visible text before the article
    article = extract_article(_with_code(page, 100_000), URL)
    assert len(article.text) <= 300_200  # cut to the budget (MAX_PAGE_CHARS)...
    assert "pleased with the progress made this week" not in article.text  # ...before the article


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Phil Helsel is a reporter for NBC News", ("Phil Helsel",)),
        ("The Russian, Syrian defense ministries", ()),
        ("By Ursula von der Leyen and Ahmed bin Ali", ("Ursula von der Leyen", "Ahmed bin Ali")),
        ("Maren Olsen; staff writer", ("Maren Olsen",)),
    ],
)
def test_a_byline_gives_names_only(byline: str, names: tuple[str, ...]) -> None:
    from diplobrief.web.extract import _authors

    assert _authors(byline) == names


@pytest.mark.review(by="editor")
def test_embedded_posts_are_left_out_and_comment_markup_keeps_its_text() -> None:
    page = read_fixture("treaty-talks.html")
    tweet = (
        '<blockquote class="twitter-tweet"><p>Oslo has turned into a gas chamber today, '
        "everyone please stay indoors and keep safe.</p>&mdash; A Mayor (@mayor) "
        "March 12, 2024</blockquote>"
    )
    page = page.replace("<p>The United Nations welcomed", tweet + "<p>The United Nations welcomed")
    page = page.replace(
        "<p>Chile and Peru agreed on Tuesday",
        "<p>Chile <!-- -->and<!-- --> <!-- -->Peru agreed on Tuesday",
    )
    article = extract_article(page, URL)
    assert article.text.startswith("Chile and Peru agreed on Tuesday to resume negotiations")
    assert "gas chamber" not in article.text and "@mayor" not in article.text
    assert "The United Nations welcomed the agreement." in article.text


@pytest.mark.review(by="editor")
def test_an_article_the_page_carries_twice_is_kept_once() -> None:
    page = read_fixture("treaty-talks.html")
    start = page.index("<p>Chile and Peru agreed")
    end = page.index("</p>", page.index("<p>The Norwegian government has mediated")) + len("</p>")
    page = page[:end] + "<section>" + page[start:end] + "</section>" + page[end:]
    article = extract_article(page, URL)
    assert article.text.count("the most serious attempt in a decade") == 1
    assert article.text.count("pleased with the progress made this week") == 1
    assert article.text.startswith("Chile and Peru agreed on Tuesday")


@pytest.mark.review(by="hostile")
def test_a_repeated_answer_in_a_transcript_is_kept() -> None:
    page = read_fixture("treaty-talks.html")
    answer = "<p>SPOKESPERSON: I have nothing further to add on that point at this stage.</p>"
    transcript = (
        "<p>QUESTION: Will the talks resume in Geneva next month as planned?</p>"
        + answer
        + "<p>QUESTION: Has Peru accepted the observer from the European Union?</p>"
        + answer
    )
    page = page.replace(
        "<p>The United Nations welcomed", transcript + "<p>The United Nations welcomed"
    )
    text = extract_article(page, "https://harbourtimes.example/a").text
    assert text.count("I have nothing further to add on that point") == 2
