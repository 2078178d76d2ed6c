"""The coherence rules and the news summariser, on articles the project wrote, parsed for real."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Span
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.utils import get_stop_words

from diplobrief.summary.flags import is_junk, sentence_flags, text_flags
from diplobrief.summary.news import NewsSummarizer
from diplobrief.summary.summarize import SpacyTokens, summarize

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def sents(nlp: Language, name: str) -> list[Span]:
    return list(nlp((FIXTURES / name).read_text()).sents)


def find(spans: list[Span], start: str) -> int:
    return next(i for i, s in enumerate(spans) if s.text.strip().startswith(start))


@pytest.fixture(scope="module")
def talks(nlp: Language) -> list[Span]:
    return sents(nlp, "summ_talks.txt")


def test_byline_caption_and_boilerplate_are_junk(talks: list[Span]) -> None:
    flags = sentence_flags(talks)
    for start in ("By Maria Keller", "Anne Lund (pictured)", "Click here", "Follow Maria"):
        assert flags[find(talks, start)].junk, start
    assert not flags[find(talks, "Foreign ministers")].junk
    assert not flags[find(talks, "Norwegian Foreign Minister")].junk


def test_questions_and_fragments_are_unfit(talks: list[Span]) -> None:
    flags = sentence_flags(talks)
    question = flags[find(talks, "What happens")]
    assert question.question and question.unfit
    fragment = flags[find(talks, "The Pacific fisheries treaty talks")]  # no verb
    assert fragment.fragment and fragment.unfit
    assert not flags[find(talks, "Chile's delegation")].unfit


def test_pronoun_and_connective_openers_lean_back(talks: list[Span]) -> None:
    flags = sentence_flags(talks)
    assert flags[find(talks, "However, officials")].leans
    assert flags[find(talks, "She added")].leans
    assert not flags[find(talks, "Norwegian Foreign Minister")].leans


def test_expletive_it_does_not_lean(nlp: Language) -> None:
    spans = list(nlp("It is understood that the talks failed. It rose by five percent.").sents)
    assert [f.leans for f in sentence_flags(spans)] == [False, True]


def test_quotations_are_flagged_including_a_quote_across_sentences(nlp: Language) -> None:
    text = (
        "The minister spoke on Monday. "
        '"We will not give up. We will keep talking until there is a deal," she said. '
        "Talks resume next week."
    )
    spans = list(nlp(text).sents)
    flags = sentence_flags(spans)
    assert [f.quote for f in flags] == [False, True, True, False]


def test_apostrophes_are_not_quotations(nlp: Language) -> None:
    spans = list(nlp("The ministers' talks in Chile's capital went well for the fishermen.").sents)
    assert not sentence_flags(spans)[0].quote


def test_news_summary_keeps_the_lede_and_skips_unfit_sentences(talks: list[Span]) -> None:
    flags = sentence_flags(talks)
    for count in range(1, 8):
        picked = summarize(talks, count, "news")
        assert len(picked) == count
        assert picked[0] == find(talks, "Foreign ministers")  # the lede, not the byline
        assert not any(flags[i].unfit for i in picked), count


def test_a_leaning_sentence_comes_with_its_predecessor(talks: list[Span]) -> None:
    flags = sentence_flags(talks)
    for count in range(1, 8):
        picked = summarize(talks, count, "news")
        for i in picked:
            if flags[i].leans:
                assert i - 1 in picked, (count, talks[i].text)


def test_redundant_sentences_are_not_picked_twice(nlp: Language) -> None:
    spans = sents(nlp, "summ_repeat.txt")
    assert spans[0].text.strip() == spans[1].text.strip()
    picked = summarize(spans, 3, "news")
    assert len(picked) == 3
    assert not {0, 1} <= set(picked)


def test_avoid_quotes_drops_quotations(nlp: Language) -> None:
    spans = sents(nlp, "summ_quotes.txt")
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


@pytest.mark.parametrize(
    ("line", "junk"),
    [
        ("Scroll down for video.", True),
        ("Subscribe to our newsletter for daily briefings.", True),
        ("Copyright 2025 Diplobrief Wire.", True),
        ("Follow @diplobrief on Twitter for updates.", True),
        ("Published: 10:02 GMT, 3 March 2025 | Updated: 11:40 GMT", True),
        ("By Ana Ruiz and Li Wei", True),
        ("Subscribers to the service will pay less from March.", False),
        ("Copyright reform was debated by the committee on Monday.", False),
        ("Ministers will follow the talks closely from Geneva.", False),
    ],
)
def test_junk_lines_by_text(line: str, junk: bool) -> None:
    assert is_junk(line) is junk


@pytest.mark.parametrize(
    ("text", "junk"),
    [
        ("Foreign Minister Anne Lund (left) greets her Chilean counterpart in Oslo.", True),
        ("Peru's delegation (right, in blue) arrives at the ministry on Tuesday .", True),
        ("The envoy (pictured with his wife) landed in Lima on Monday.", True),
        ("The right (of way) for fishing boats is at the heart of the dispute.", False),
        ("Talks (the first since 2019) resumed in Oslo on Tuesday.", False),
        ("Charles Grant (Centre for European Reform) said the talks had failed.", False),
        ("CSIS (Center for Strategic and International Studies) published the study.", False),
        ("Die Linke (Left Party) voted against the treaty in the Bundestag.", False),
        ("The talks (back on track after a week) resumed in Oslo.", False),
        ("The envoys (left to right) Lund, Aravena and Quispe pose in Oslo.", True),
    ],
)
def test_a_parenthesised_position_marks_a_photo_caption(
    nlp: Language, text: str, junk: bool
) -> None:
    assert is_junk(text) is junk
    assert sentence_flags(list(nlp(text).sents))[0].junk is junk


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


def test_no_quotes_drops_even_a_short_quotation(nlp: Language) -> None:
    text = (
        "Chile and Peru agreed on Tuesday to resume talks over their fishing dispute. "
        'The Norwegian minister said Chile and Peru showed "a real willingness" to settle the '
        "fishing dispute in talks. "
        "Fishing fleets from both sides have been detained by coast guards this year. "
        "The talks will resume in Geneva next month, officials in Chile and Peru said. "
        "Trade between Chile and Peru has grown strongly in recent years. "
        "The European Union, which buys much of the fish, urged a quick agreement."
    )
    spans = list(nlp(text).sents)
    flags = sentence_flags(spans)
    assert flags[1].quoted and not flags[1].quote  # a quotation, but not mostly one
    assert [f.quoted for f in flags] == [False, True, False, False, False, False]
    assert text_flags([s.text for s in spans])[1].quoted
    for algorithm in ("news", "textrank", "luhn"):  # each picks the quotation when allowed
        assert 1 in summarize(spans, 3, algorithm), algorithm
        picked = summarize(spans, 3, algorithm, avoid_quotes=True)
        assert len(picked) == 3 and 1 not in picked, algorithm


@pytest.mark.parametrize(
    "text",
    [
        "Trade between the two countries has grown since the '90s, officials in Lima said.",
        "Trade has grown since the ‘90s, officials in Lima said.",
        "Rock 'n' roll diplomacy is back in fashion in Washington this year.",
        "Players' wages rose in the '00s across the whole of Europe.",
        "Peru's foreign minister said the talks in Oslo went well.",
        "The president called the proposal 'ludicrous' on Tuesday.",  # one scare-quoted word
    ],
)
def test_apostrophes_and_scare_quotes_are_no_quotation(nlp: Language, text: str) -> None:
    [flags] = sentence_flags(list(nlp(text).sents))
    assert not flags.quoted and not flags.quote
    assert not text_flags([text])[0].quoted


def test_a_quotation_across_sentences_marks_both(nlp: Language) -> None:
    text = (
        "Talks resumed in Oslo on Tuesday after a long pause. "
        "The minister said: “We have a window. We intend to use it,” before she left. "
        "Trade has grown strongly in recent years."
    )
    flags = sentence_flags(list(nlp(text).sents))
    assert [f.quoted for f in flags] == [False, True, True, False]


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
