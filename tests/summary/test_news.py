"""The news summariser on articles the project wrote, parsed for real: the lede, the lead, a
leaning sentence with the one before, repeats, quotations, and a dek off the headline."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Span
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.utils import get_stop_words

from diplobrief.summary.flags import sentence_flags, text_flags
from diplobrief.summary.news import NewsSummarizer
from diplobrief.summary.summarize import SpacyTokens, summarize
from tests.support import read_fixture
from tests.support.analysis import index_of, spans_of


def test_news_summary_keeps_the_lede_and_skips_unfit_sentences(talks: list[Span]) -> None:
    flags = sentence_flags(talks)
    for count in range(1, 8):
        picked = summarize(talks, count, "news")
        assert len(picked) == count
        assert picked[0] == index_of(talks, "Foreign ministers")  # the lede, not the byline
        assert not any(flags[i].unfit for i in picked), count


def test_a_leaning_sentence_comes_with_its_predecessor(talks: list[Span]) -> None:
    flags = sentence_flags(talks)
    for count in range(1, 8):
        picked = summarize(talks, count, "news")
        for i in picked:
            if flags[i].leans:
                assert i - 1 in picked, (count, talks[i].text)


def test_redundant_sentences_are_not_picked_twice(nlp: Language) -> None:
    spans = spans_of(nlp, read_fixture("summ_repeat.txt"))
    assert spans[0].text.strip() == spans[1].text.strip()
    picked = summarize(spans, 3, "news")
    assert len(picked) == 3
    assert not {0, 1} <= set(picked)


def test_avoid_quotes_drops_quotations(nlp: Language) -> None:
    spans = spans_of(nlp, read_fixture("summ_quotes.txt"))
    flags = sentence_flags(spans)
    with_quotes = summarize(spans, 5, "news")
    without = summarize(spans, 5, "news", avoid_quotes=True)
    assert any(flags[i].quote for i in with_quotes)
    assert len(without) == 5
    assert not any(flags[i].quote for i in without)


def test_news_summariser_works_on_plain_sumy_sentences() -> None:
    texts = [
        "By Ana Ruiz",
        "Mexico and Canada signed a water-sharing accord on Monday after a year of talks.",
        "However, farmers on both sides of the border say the accord does too little.",
        "The accord sets new rules for sharing water from the rivers on the border.",
        "Click here for more stories like this.",
        "Officials from both countries will meet every year to review the water accord.",
    ]
    tokens = SpacyTokens({})
    document = ObjectDocumentModel([Paragraph([Sentence(t, tokens) for t in texts])])
    summarizer = NewsSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    picked = [texts.index(str(s)) for s in summarizer(document, 2)]
    assert picked[0] == 1
    assert 0 not in picked and 4 not in picked
    assert [f.junk for f in text_flags(texts)] == [True, False, False, False, True, False]
    assert text_flags(texts)[2].leans


RECYCLED = (
    "Chile and Peru agreed on Tuesday to resume talks over their long fishing dispute. "
    "The two delegations met for two days in Oslo, where Norway hosted the fishing talks at its "
    "foreign ministry, and agreed to meet again in Geneva to settle the fishing dispute. "
    "Fishing fleets from both sides have been detained by coast guards this year. "
    "The two delegations met for two days in Oslo, where Norway hosted the fishing talks. "
    "Trade between the two countries has grown strongly in recent years. "
    "The European Union, which buys much of the fish, urged a quick agreement."
)


def test_a_sentence_recycling_a_picked_one_is_a_duplicate(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A caption or recap that repeats seven words of a picked sentence is not picked too."""
    spans = list(nlp(RECYCLED).sents)
    assert len(spans) == 6
    assert summarize(spans, 3, "news") == [0, 1, 2]
    # With no bonus for the lead, centrality alone would pick the recycled line (3)...
    monkeypatch.setattr(NewsSummarizer, "lead_bonus", 0.0)
    monkeypatch.setattr(NewsSummarizer, "run_length", 1_000)
    assert summarize(spans, 3, "news") == [0, 1, 3]
    # ...and the shared-run rule is what keeps it out.
    monkeypatch.setattr(NewsSummarizer, "run_length", 7)
    assert summarize(spans, 3, "news") == [0, 1, 2]


def test_the_lead_keeps_its_place_unless_a_later_line_is_clearly_more_central(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    spans = list(nlp(RECYCLED).sents)
    monkeypatch.setattr(NewsSummarizer, "run_length", 1_000)  # judge by centrality alone
    assert summarize(spans, 3, "news") == [0, 1, 2]  # the bonus keeps the first three
    monkeypatch.setattr(NewsSummarizer, "lead_bonus", 0.0)
    assert summarize(spans, 3, "news") == [0, 1, 3]  # the more central line 3 wins without it
    monkeypatch.setattr(NewsSummarizer, "lead_bonus", 1.0)
    assert summarize(spans, 3, "news") == [0, 1, 2]


def test_a_long_official_name_in_two_sentences_is_no_repeat(nlp: Language) -> None:
    from diplobrief.summary.news import _shared_runs
    from diplobrief.summary.summarize import build_document

    text = (
        "Ministers of the Organization for Security and Co-operation in Europe met in Vienna "
        "on Thursday to discuss the war. "
        "A spokesman for the Organization for Security and Co-operation in Europe said monitors "
        "would return to the border next month. "
        "Ministers of the Organization for Security and Co-operation in Europe met in Vienna."
    )
    sentences = list(build_document(list(nlp(text).sents)).sentences)
    assert _shared_runs(sentences, 7) == {(0, 2)}  # the recap repeats sentence 0, not 1


DEK = (
    "Officials said the ferry service between the islands would resume in the spring.\n"
    "Greece and Turkey agreed on Tuesday to reopen talks on their maritime border in Ankara, "
    "ending a pause of two years. "
    "Diplomats from both capitals will meet in March to settle the agenda of the border talks. "
    "The last round broke down over fishing rights near the disputed islets. "
    "Athens has asked the European Union to send an observer to the border talks. "
    "Ankara said it welcomed any help that kept the border talks moving."
)


HEADLINE = "Greece and Turkey Agree to Reopen Border Talks"


MORE = (
    " Turkish officials said the talks would cover fishing, shipping lanes and the islets."
    " Greek ministers said the border talks must respect the law of the sea."
    " Both sides promised to keep the border talks going through the summer."
    " Analysts in Athens said the talks were the best chance in a decade."
)


@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_a_dek_off_the_headline_gives_way_to_the_lede(nlp: Language, count: int) -> None:
    spans = list(nlp(DEK + MORE).sents)
    assert len(spans) == 10
    picked = summarize(spans, count, "news", headline=HEADLINE)
    # The lede leads and the ferry line, which shares no word with the headline, is left out.
    assert picked[0] == 1 and 0 not in picked and len(picked) == count
    # The controls: without a headline, or with one the first line shares a word with, the
    # first line stays the lede.
    assert summarize(spans, count, "news")[0] == 0
    assert summarize(spans, count, "news", headline="Ferry Service to Resume")[0] == 0


def test_a_lede_that_shares_little_with_the_headline_is_kept(nlp: Language) -> None:
    """Only a first line with no word of the headline, before one with two or more, is a dek."""
    spans = list(nlp(DEK).sents)
    # "Ankara" is the one word the second line shares; the first shares none.
    assert summarize(spans, 2, "news", headline="Agenda Set in Ankara")[0] == 0


def test_the_dek_stays_out_when_only_just_enough_sentences_are_usable(nlp: Language) -> None:
    """With quotations left out, the usable lines can number exactly the count asked for."""
    quoted = (
        ' "We will not give up an inch of the sea," the Turkish minister said.'
        ' "Our islands are not for trade," the Greek minister said.'
    )
    spans = list(nlp(DEK + quoted).sents)
    assert len(spans) == 8
    picked = summarize(spans, 6, "news", headline=HEADLINE, avoid_quotes=True)
    assert picked[0] == 1 and 0 not in picked and len(picked) == 6
    assert summarize(spans, 6, "news", avoid_quotes=True)[0] == 0  # the control


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


@pytest.mark.review(by="editor")
@pytest.mark.parametrize("count", [1, 2, 3])
def test_a_lede_that_leans_gives_way_to_one_that_stands_alone(nlp: Language, count: int) -> None:
    spans = spans_of(nlp, LEANING_LEDE)
    picked = summarize(spans, count, "news")
    assert picked[0] == 1  # "The immunologist Ada Obi said...", not "He had found..."
    assert len(picked) == count


@pytest.mark.review(by="editor")
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


@pytest.mark.review(by="editor")
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


@pytest.mark.review(by="editor")
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
