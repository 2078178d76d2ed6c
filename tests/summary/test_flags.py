"""Sentence flags: what reads badly out of context (junk, fragments, questions), what leans on the
sentence before, and what holds a quotation; on lines and articles the project wrote."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Span

from diplobrief.summary.flags import is_junk, sentence_flags, text_flags
from tests.support.analysis import flag_of, flags_of, index_of, spans_of

# -- junk ----------------------------------------------------------------------------------------


def test_byline_caption_and_boilerplate_are_junk(talks: list[Span]) -> None:
    flags = sentence_flags(talks)
    for start in ("By Maria Keller", "Anne Lund (pictured)", "Click here", "Follow Maria"):
        assert flags[index_of(talks, start)].junk, start
    assert not flags[index_of(talks, "Foreign ministers")].junk
    assert not flags[index_of(talks, "Norwegian Foreign Minister")].junk


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


@pytest.mark.review(by="editor")
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


@pytest.mark.review(by="hostile")
@pytest.mark.parametrize(
    "text",
    [
        "The United States on Monday urged China to sign up to the New START framework.",
        "Beijing does not subscribe to the principle that sanctions can replace diplomacy.",
    ],
)
def test_diplomatic_sign_up_and_subscribe_are_not_promotions(text: str) -> None:
    assert not is_junk(text)


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


@pytest.mark.review(by="editor")
def test_a_caption_is_junk_when_its_credit_stands_on_the_next_line(nlp: Language) -> None:
    text = (
        "The ministers pose outside the conference hall in Geneva.\nReuters\n"
        "The talks on the border resumed on Tuesday after a pause of two years.\n"
        "The delegations will meet again in March to settle the agenda."
    )
    assert flag_of(nlp, text, "The ministers pose").junk
    assert not flag_of(nlp, text, "The talks on the border").junk


@pytest.mark.review(by="hostile")
def test_an_agency_sign_off_makes_no_caption(nlp: Language) -> None:
    text = (
        "TEHRAN, Iran — Iranian and Saudi officials held a new round of talks in Tehran on "
        "Sunday, the Iranian foreign ministry said.\nIranian Foreign Minister Abbas Araqchi "
        "said relations were on the right track.\nBoth sides agreed to expand trade and "
        "resume flights.\nAFP"
    )
    assert not flag_of(nlp, text, "Both sides").junk
    lede = (
        "KHARTOUM, Sudan (AP) — A ceasefire between Sudan's army and a rival paramilitary force "
        "collapsed on Sunday, residents said.\nAP\nThe fighting has killed thousands since "
        "April.\nThe United States urged both sides to return to talks."
    )
    assert not flag_of(nlp, lede, "KHARTOUM").junk


# -- fragments and questions ---------------------------------------------------------------------


def test_questions_and_fragments_are_unfit(talks: list[Span]) -> None:
    flags = sentence_flags(talks)
    question = flags[index_of(talks, "What happens")]
    assert question.question and question.unfit
    fragment = flags[index_of(talks, "The Pacific fisheries treaty talks")]  # no verb
    assert fragment.fragment and fragment.unfit
    assert not flags[index_of(talks, "Chile's delegation")].unfit


@pytest.mark.review(by="editor")
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


@pytest.mark.review(by="editor")
def test_a_sentence_that_starts_in_lower_case_is_a_fragment(nlp: Language) -> None:
    text = (
        "The chief executive spoke to the shareholders on Tuesday.\n"
        "we had some customer service issues that did not make me feel good, she said."
    )
    assert flag_of(nlp, text, "we had").fragment
    assert not flag_of(nlp, text, "The chief executive").fragment
    iphone = "iPhone sales in China fell by a fifth in the third quarter, the company said."
    assert not sentence_flags(spans_of(nlp, iphone))[0].fragment


@pytest.mark.review(by="hostile")
@pytest.mark.parametrize(
    "text",
    [
        "von der Leyen on Tuesday unveiled a plan to mobilise up to 800 billion euros for defence.",
        "de Mistura arrived in Tindouf on Sunday for talks with the Polisario Front.",
        "al-Sisi urged both sides to return to the table in Cairo.",
        "The bill would require every voter in federal elections to show a photo ID.",
    ],
)
def test_a_name_particle_or_a_photo_id_makes_no_fragment(nlp: Language, text: str) -> None:
    [(_, flags)] = flags_of(nlp, text)
    assert not flags.fragment


# -- sentences that lean on the one before -------------------------------------------------------


def test_pronoun_and_connective_openers_lean_back(talks: list[Span]) -> None:
    flags = sentence_flags(talks)
    assert flags[index_of(talks, "However, officials")].leans
    assert flags[index_of(talks, "She added")].leans
    assert not flags[index_of(talks, "Norwegian Foreign Minister")].leans


def test_expletive_it_does_not_lean(nlp: Language) -> None:
    spans = list(nlp("It is understood that the talks failed. It rose by five percent.").sents)
    assert [f.leans for f in sentence_flags(spans)] == [False, True]


@pytest.mark.review(by="editor")
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


@pytest.mark.review(by="editor")
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


@pytest.mark.review(by="editor")
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


@pytest.mark.review(by="editor")
def test_an_attribution_tail_and_an_aside_lean(nlp: Language) -> None:
    text = (
        "The president wrote on social media: “Governor Bevin has done a wonderful job!” "
        "Trump tweeted before Election Day.\n"
        "The governor lost by five thousand votes. "
        "(The ministry did not answer a request for comment.)"
    )
    assert flag_of(nlp, text, "Trump tweeted").leans
    assert flag_of(nlp, text, "(The ministry").leans


@pytest.mark.review(by="hostile")
@pytest.mark.parametrize(
    ("text", "start"),
    [
        (
            "No. 10 said on Tuesday that Prime Minister Keir Starmer had no plans to resign.",
            "No. 10",
        ),
        (
            'British Prime Minister Keir Starmer said he would "not hesitate" to send '
            "peacekeepers to Ukraine if a ceasefire was agreed.",
            "British",
        ),
    ],
)
def test_a_lede_like_these_does_not_lean(nlp: Language, text: str, start: str) -> None:
    lede = "Talks on a ceasefire resumed in Geneva on Monday. " + text
    assert not flag_of(nlp, lede, start).leans


@pytest.mark.review(by="hostile")
def test_news_after_a_quotation_and_odd_quote_marks_do_not_lean(nlp: Language) -> None:
    text = (
        "Ukrainian President Volodymyr Zelenskiy on Saturday accused Russia of targeting the "
        'energy grid, calling the overnight strikes "barbaric." Moscow denied targeting '
        "civilian infrastructure. More than a million people were left without power."
    )
    assert not flag_of(nlp, text, "Moscow denied").leans
    mistyped = (
        "Turkish President Tayyip Erdogan said on Tuesday he would send Sweden's bid to "
        "parliament. “We have kept our word,“ Erdogan told reporters. The parliament is "
        "expected to vote within weeks. Sweden welcomed the decision."
    )
    assert not flag_of(nlp, mistyped, "The parliament").leans
    inch = (
        "Pakistani and Indian troops exchanged fire on Saturday, the military said. The army "
        'said a 12" mortar round hit a village. Two civilians were killed in the village.'
    )
    assert not flag_of(nlp, inch, "Two civilians").leans


# -- quotations ----------------------------------------------------------------------------------


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
