"""Rules from an editor's review of briefs of real pages, each on lines the project wrote: what
reads badly alone (boilerplate, captions, pieces of quotations, cut sentences), how the lede is
chosen, and what extraction leaves out (embedded posts, comment markup, repeated text)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Span

from diplobrief.summary.flags import is_junk, sentence_flags, text_flags
from diplobrief.summary.summarize import summarize
from diplobrief.web.extract import extract_article
from tests.support import read_fixture

URL = "https://harbourtimes.example/world/norway-talks-chile-peru"


def spans_of(nlp: Language, text: str) -> list[Span]:
    return list(nlp(text).sents)


def flag_of(nlp: Language, text: str, start: str):  # type: ignore[no-untyped-def]
    spans = spans_of(nlp, text)
    flags = sentence_flags(spans)
    return next(f for s, f in zip(spans, flags, strict=True) if s.text.strip().startswith(start))


# -- junk ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "junk"),
    [
        ("This copy is for your personal, non-commercial use only.", True),
        ("- This week's Tennis Podcast is sponsored by the Davis Cup Finals.", True),
        ("This shop has been compensated by #CollectiveBias, Inc. and its advertiser.", True),
        ("Disclosure: ZDNet may earn a commission from some of the products featured.", True),
        ("Sign up for our daily newsletter to get the news first.", True),
        ("For more information, please visit www.harbourtimes.example.", True),
        ("Pro tip: Get more pre-workout meal ideas here!", True),
        ("This material may not be published, broadcast, rewritten, or redistributed.", True),
        # ...and what a diplomatic story says in the same words is news:
        ("The resolution is sponsored by France and Germany and has 40 co-sponsors.", False),
        ("The families have been compensated by the state for their losses.", False),
        ("The newsletter of the ruling party said the talks had failed.", False),
        ("The ministry published the text at www.mfa.example on Monday.", False),
    ],
)
def test_reprint_sponsor_and_newsletter_lines_are_junk(text: str, junk: bool) -> None:
    assert is_junk(text) is junk


def test_a_caption_is_junk_when_its_credit_stands_on_the_next_line(nlp: Language) -> None:
    text = (
        "The ministers pose outside the conference hall in Geneva.\nReuters\n"
        "The talks on the border resumed on Tuesday after a pause of two years.\n"
        "The delegations will meet again in March to settle the agenda."
    )
    assert flag_of(nlp, text, "The ministers pose").junk
    assert not flag_of(nlp, text, "The talks on the border").junk


# -- sentences cut short ---------------------------------------------------------------------------


def test_a_title_abbreviation_does_not_end_a_sentence(nlp: Language) -> None:
    text = (
        "The Senate observed a minute of silence for the former Speaker, the Rt. Hon. Ben "
        "Nzeribe, and Lt. Col. Ada Obi. The motion passed. He lives at No. 10 Harbour Road."
    )
    assert [s.text for s in spans_of(nlp, text)] == [
        "The Senate observed a minute of silence for the former Speaker, the Rt. Hon. Ben "
        "Nzeribe, and Lt. Col. Ada Obi.",
        "The motion passed.",
        "He lives at No. 10 Harbour Road.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Volkswagen says that the concept car, shown at the show, is the first of the ID.",
        "Mix the rice and the beans with the oil and 1 tsp.",
    ],
)
def test_a_sentence_ending_on_an_abbreviation_is_a_fragment(nlp: Language, text: str) -> None:
    assert sentence_flags(spans_of(nlp, text))[0].fragment
    assert text_flags([text])[0].fragment


def test_a_sentence_that_starts_in_lower_case_is_a_fragment(nlp: Language) -> None:
    text = (
        "The chief executive spoke to the shareholders on Tuesday.\n"
        "we had some customer service issues that did not make me feel good, she said."
    )
    assert flag_of(nlp, text, "we had").fragment
    assert not flag_of(nlp, text, "The chief executive").fragment
    iphone = "iPhone sales in China fell by a fifth in the third quarter, the company said."
    assert not sentence_flags(spans_of(nlp, iphone))[0].fragment


# -- sentences that lean on the one before -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "leans"),
    [
        ("Shares rose sharply. That’s good news for investors.", "That", True),
        ("The minister resigned. As a result, the talks were put off.", "As a result", True),
        ("Readers asked for advice. Here are 15 tips to help you.", "Here are", True),
        ("The claim was checked. Yes, the figures were right.", "Yes", True),
        ("Prices rose. A short time later, officers stopped a car.", "A short time", True),
        ("The fair opened. This year, visitors can vote for the prize.", "This year", False),
        ("The talks began in May. At the same time that they met, fighting grew.", "At", False),
    ],
)
def test_openers_that_point_back(nlp: Language, text: str, start: str, leans: bool) -> None:
    assert flag_of(nlp, text, start).leans is leans


def test_every_sentence_inside_a_long_quotation_leans(nlp: Language) -> None:
    text = (
        "The envoy spoke to reporters after the talks in Geneva. “We came to listen. "
        "Every road now leads back to the table. We are ready to sign,” Halvorsen said.\n"
        "The talks will resume in March in Oslo."
    )
    assert flag_of(nlp, text, "Every road").leans
    assert flag_of(nlp, text, "We are ready").leans
    assert not flag_of(nlp, text, "The envoy").leans
    assert not flag_of(nlp, text, "The talks will resume").leans  # a new paragraph


def test_a_quotation_given_to_a_bare_pronoun_or_to_no_one_leans(nlp: Language) -> None:
    text = (
        "Trade Minister Lucia Quispe visited the port of Callao on Monday. "
        '"America is no longer for sale," she said. '
        '"Our fishermen have waited long enough for clarity on the rules."\n'
        '"We expect results," Quispe said on Tuesday.'
    )
    assert flag_of(nlp, text, '"America').leans  # "..., she said."
    assert flag_of(nlp, text, '"Our fishermen').leans  # no speaker at all
    assert not flag_of(nlp, text, '"We expect').leans  # speaker named, own paragraph


def test_an_attribution_tail_and_an_aside_lean(nlp: Language) -> None:
    text = (
        "The president wrote on social media: “Governor Bevin has done a wonderful job!” "
        "Trump tweeted before Election Day.\n"
        "The governor lost by five thousand votes. "
        "(The ministry did not answer a request for comment.)"
    )
    assert flag_of(nlp, text, "Trump tweeted").leans
    assert flag_of(nlp, text, "(The ministry").leans


# -- the lede and the picks ----------------------------------------------------------------------

LEANING_LEDE = (
    "He had found a strange-looking cell deep inside the lungs of the mice. "
    "The immunologist Ada Obi said the cells could explain how asthma starts in children. "
    "Her team at the University of Lagos studied the cells for five years in the laboratory. "
    "The cells sense parasites and warn the immune system within hours of an infection. "
    "Other scientists said the findings could lead to new treatments for asthma in children. "
    "The study was published on Wednesday in the journal Nature after two years of review. "
    "The team now plans to look for the same cells in samples from human patients."
)


@pytest.mark.parametrize("count", [1, 2, 3])
def test_a_lede_that_leans_gives_way_to_one_that_stands_alone(nlp: Language, count: int) -> None:
    spans = spans_of(nlp, LEANING_LEDE)
    picked = summarize(spans, count, "news")
    assert picked[0] == 1  # "The immunologist Ada Obi said...", not "He had found..."
    assert len(picked) == count


def test_a_first_sentence_in_the_ledes_paragraph_is_no_dek(nlp: Language) -> None:
    text = (
        "The first car of the new range is not due until next year. "
        "Volkswagen showed the concept van on Tuesday at the motor show in Los Angeles.\n"
        "The company said it would build the van in Germany and in the United States.\n"
        "Analysts said the price would decide whether the van could compete with rivals.\n"
        "Dealers expect the first deliveries in the spring of the following year."
    )
    headline = "Volkswagen shows concept van in Los Angeles"
    assert summarize(spans_of(nlp, text), 2, "news", headline=headline)[0] == 0
    # The same first line as a paragraph of its own is a dek, and the lede comes first.
    dek = text.replace("next year. ", "next year.\n", 1)
    assert summarize(spans_of(nlp, dek), 2, "news", headline=headline)[0] == 1


def test_a_leaning_sentence_does_not_bring_in_another_leaning_one(nlp: Language) -> None:
    text = (
        "Candidates will meet for a debate in Atlanta on Wednesday night. "
        "Several of them are trailing in the polls. "
        "And there are growing concerns that impeachment may become a distraction. "
        "Those issues and more will play out on the stage, where ten candidates will stand. "
        "The debate is the fifth of the primary season and will last two hours. "
        "Voters in Iowa will cast the first ballots of the contest in February."
    )
    spans = spans_of(nlp, text)
    flags = sentence_flags(spans)
    for n in (2, 3, 4):
        picked = summarize(spans, n, "news")
        for i in picked:
            # every picked sentence that leans comes right after the one it leans on
            assert not flags[i].leans or i - 1 in picked, (n, picked)


def test_a_short_text_is_filled_with_the_least_bad_lines_and_never_junk(nlp: Language) -> None:
    text = (
        "Talks on the fishing dispute resumed in Oslo on Tuesday after two years.\n"
        "Why did the talks stall?\n"
        "The delegations.\n"
        "Click here to subscribe to our daily newsletter.\n"
        "Sign up for our weekly newsletter.\n"
        "Follow Maren Olsen on Twitter for more.\n"
        "Advertisement\n"
        "Read more: the history of the dispute."
    )
    spans = spans_of(nlp, text)
    assert len(spans) == 8
    # One usable line; then a fragment before a question; the five junk lines never.
    assert summarize(spans, 2, "news") == [0, 2]
    assert summarize(spans, 3, "news") == [0, 1, 2]
    assert summarize(spans, 5, "news") == [0, 1, 2]


# -- extraction ----------------------------------------------------------------------------------


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


def test_an_article_the_page_carries_twice_is_kept_once() -> None:
    page = read_fixture("treaty-talks.html")
    start = page.index("<p>Chile and Peru agreed")
    end = page.index("</p>", page.index("<p>The Norwegian government has mediated")) + len("</p>")
    page = page[:end] + "<section>" + page[start:end] + "</section>" + page[end:]
    article = extract_article(page, URL)
    assert article.text.count("the most serious attempt in a decade") == 1
    assert article.text.count("pleased with the progress made this week") == 1
    assert article.text.startswith("Chile and Peru agreed on Tuesday")
