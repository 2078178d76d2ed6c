"""Page furniture told by the page's structure and by label wording, on a page the project
writes: subheads (headings and bold-only lines), a table of contents, "Read more:", "Also on",
"UPDATED:" and date lines, a pointer to a list; and the headline the body repeats."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from diplobrief.web.extract import drop_headline, extract_article
from diplobrief.web.furniture import comparable, is_label_line, structural_lines
from tests.support import read_fixture

URL = "https://harbourtimes.example/world/baltic-grid"


@pytest.fixture(scope="module")
def furniture() -> tuple[str, ...]:
    return extract_article(read_fixture("furniture-page.html"), URL).furniture


@pytest.mark.parametrize(
    "line",
    [
        "What it costs",  # a heading (h2)
        "What happens next",
        "Russia's reaction",  # a paragraph set wholly in bold
        "UPDATED: 12 March 2024 10:14",  # a stamp
        "March 12, 2024",  # a date line
        "Read more: Why the Baltic grid still runs on Moscow time",
        "Also on Harbour Times",
        "Here are some of the highlights:",
    ],
)
def test_furniture_lines_are_found_by_structure_or_label(
    furniture: tuple[str, ...], line: str
) -> None:
    assert line in furniture


def test_prose_paragraphs_are_not_furniture(furniture: tuple[str, ...]) -> None:
    assert not any(line.startswith(("Estonia, Latvia", "Moscow has called")) for line in furniture)
    assert all(len(line.split()) <= 15 for line in furniture)


def test_table_of_contents_items_and_short_bold_lines_are_structural() -> None:
    tree = lxml_html.document_fromstring(
        "<html><body><ul><li><a href='#a'>What it costs</a></li>"
        "<li>The Security Council voted thirteen to two for the text on Friday.</li></ul>"
        "<p><b>Why it matters</b></p><p><a href='#'><strong>Timeline</strong></a></p>"
        "<p>Talks <b>resumed</b> in Geneva on Monday after a month.</p></body></html>"
    )
    found = structural_lines(tree)
    assert {"what it costs", "why it matters", "timeline"} <= found
    teaser = lxml_html.document_fromstring(
        "<html><body><h1>South Dakota says, 'Meth. We're On It,' and Twitter asks, Are you guys "
        "OK?</h1><ul><li><div><a href='/guide/night-mode/'><p>Night mode is an automatic setting "
        "which takes advantage of the new wide-angle camera.</p></a></div></li></ul>"
        "<p><a href='/other'>Ten things the envoy said in Geneva this week.</a></p>"
        "<p>The envoy met <a href='/x'>both sides</a> in Geneva on Monday.</p></body></html>"
    )
    found = structural_lines(teaser)
    assert any(key.startswith("south dakota says") for key in found)  # a long h1: the headline
    assert any(key.startswith("night mode is") for key in found)  # another page's teaser
    assert any(key.startswith("ten things") for key in found)
    assert not any(key.startswith("the envoy met") for key in found)  # prose with a link
    assert comparable("Talks resumed in Geneva on Monday after a month.") not in found
    # a bulleted point made in a whole sentence is the article's own
    assert not any(key.startswith("the security council") for key in found)


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("More: Iran talks collapse", True),
        ("CLICK FOR FULL RESULTS", True),
        ("Updated 10 May 2024", True),
        ("Also on Monday, the envoy met the foreign minister.", False),
        ("More than 100 people were killed in the fighting.", False),
        ("Updated figures show growth slowed in March.", False),
    ],
)
def test_label_lines_are_read_only_when_short_and_not_prose(line: str, label: bool) -> None:
    assert is_label_line(line) is label


def test_the_headline_repeated_without_the_site_name_is_dropped() -> None:
    text = "Meal Prep for Busy Weeks\nIf you cook on Sunday, the week is easier."
    title = "Meal Prep for Busy Weeks | The Kitchen Blog"
    assert drop_headline(text, title).startswith("If you cook")
    assert drop_headline(text, "Something else entirely").startswith("Meal Prep")
