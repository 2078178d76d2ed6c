"""Rendering a Brief for Discord: text helpers with plain strings, embeds within every limit."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cogs import _text as t
from cogs._embeds import actors_embed, brief_embed, briefs_embeds, quotes_embed, total_chars
from diplobrief.models import Actor, Brief, Quote
from tests.bot.screens import live_markup, unescaped

NOW = datetime(2024, 3, 14, 12, 0, tzinfo=UTC)
PESKOV = Actor("Dmitry Peskov", "person", 4, key=True, role="Kremlin spokesman")
FIDAN = Actor("Hakan Fidan", "person", 3, key=True, role="foreign minister", affiliation="Turkey")
UN = Actor("United Nations", "organisation", 2)


def make_brief(**changes: object) -> Brief:
    base = Brief(
        url="https://news.example/grain-talks",
        title="Envoys agree to resume grain corridor talks",
        summary=("Negotiators agreed to resume talks.", "Peskov repeated Moscow's demand."),
        algorithm="lexrank",
        sentences_total=14,
        reduction=0.82,
        fetched_at=(NOW - timedelta(hours=2)).isoformat(),
        site="The Foreign Desk",
        authors=("Maria Lindqvist",),
        published="2024-03-14",
        actors=(PESKOV, FIDAN, UN),
        quotes=(Quote("Hakan Fidan", "We have a window, and we intend to use it,"),),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


# -- plain text -------------------------------------------------------------------------------


def test_truncate_cuts_on_a_word_boundary_with_an_ellipsis() -> None:
    assert t.truncate("short", 10) == "short"
    assert t.truncate("exactly ten", 11) == "exactly ten"
    cut = t.truncate("the quick brown fox jumps over the lazy dog", 20)
    assert cut == "the quick brown fox…"
    assert len(cut) <= 20


def test_truncate_handles_giant_words_and_escapes() -> None:
    assert t.truncate("x" * 50, 10) == "x" * 9 + "…"
    # A cut must not leave a backslash that would escape the ellipsis.
    cut = t.truncate("a" * 8 + "\\*" + "b" * 20, 11)
    assert not cut[:-1].endswith("\\") and cut.endswith("…")
    assert t.truncate("anything", 0) == ""
    assert t.truncate("anything", 1) == "…"


@given(st.text(), st.integers(min_value=0, max_value=300))
def test_truncate_never_exceeds_the_limit(text: str, limit: int) -> None:
    out = t.truncate(text, limit)
    assert len(out) <= limit
    if len(text) <= limit:
        assert out == text


def test_footer() -> None:
    assert t.footer_text(make_brief()) == "reduced by 82% · LexRank"
    whole = make_brief(whole=True)
    assert t.footer_text(whole) == "short article, given whole · LexRank"


def test_the_summariser_is_shown_by_a_readable_name() -> None:
    news = make_brief(algorithm="news")
    assert t.footer_text(news) == "reduced by 82% · lede and key sentences"
    assert t.footer_text(news, no_quotes=True).endswith("lede and key sentences, no quotes")
    assert t.footer_text(make_brief(algorithm="kl")) == "reduced by 82% · KL-Sum"
    assert t.footer_text(make_brief(algorithm="gone")) == "reduced by 82% · gone"  # old cache


def test_messages_read_as_sentences() -> None:
    assert t.sentence("the site took too long to answer") == "The site took too long to answer."
    assert t.sentence("the site says so (HTTP 404)") == "The site says so (HTTP 404)."
    assert t.sentence("I'm busy; try again!") == "I'm busy; try again!"
    assert t.sentence("example.com sent a broken response") == (
        "example.com sent a broken response."
    )  # a host name keeps its case
    assert t.sentence("") == ""


def test_a_cached_brief_does_not_say_when_it_was_fetched() -> None:
    # The cache is shared across servers: its age would tell when someone elsewhere read it.
    cached = make_brief(cached=True)
    assert t.footer_text(cached) == "reduced by 82% · LexRank · cached"


def test_actor_lines() -> None:
    assert t.actor_line(PESKOV) == "Dmitry Peskov — Kremlin spokesman"
    assert t.actor_line(UN) == "United Nations"
    assert (
        t.actor_detail_line(FIDAN) == "Hakan Fidan — person, foreign minister, Turkey, 3 mentions"
    )
    assert t.key_actors(make_brief()) == (PESKOV, FIDAN)
    assert t.key_actors(make_brief(actors=(UN,))) == (UN,)


def test_byline_and_quotes() -> None:
    assert t.byline(make_brief()) == "The Foreign Desk · Maria Lindqvist · 2024-03-14"
    assert t.byline(make_brief(site=None, authors=(), published=None)) == ""
    line = t.quote_line(Quote("Hakan Fidan", "“We have a window,”"))
    assert line == "“We have a window,” — Hakan Fidan"


def test_numbered_fits_and_numbers() -> None:
    assert t.numbered(["One.", "Two."], 100) == "1. One.\n2. Two."
    out = t.numbered(["word " * 30, "word " * 30], 200)
    assert len(out) <= 200 and out.startswith("1. ") and "2. " in out and out.endswith("…")


def test_joined_lines_says_how_many_are_left_out() -> None:
    lines = [f"actor number {i}" for i in range(100)]
    out = t.joined_lines(lines, 200)
    assert len(out) <= 200
    shown = out.count("\n")
    assert out.endswith(f"…and {100 - shown} more")


# -- embeds -----------------------------------------------------------------------------------


def test_brief_embed_layout() -> None:
    embed = brief_embed(make_brief(cached=True))
    assert embed.title == "Envoys agree to resume grain corridor talks"
    assert embed.url == "https://news.example/grain-talks"
    assert embed.author.name == "The Foreign Desk · Maria Lindqvist · 2024-03-14"
    assert embed.description == (
        "1. Negotiators agreed to resume talks.\n2. Peskov repeated Moscow's demand."
    )
    assert [(f.name, f.value) for f in embed.fields] == [
        ("Key actors", "Dmitry Peskov — Kremlin spokesman\nHakan Fidan — foreign minister")
    ]
    assert embed.footer.text == "reduced by 82% · LexRank · cached"
    # The article's date, which Discord shows in each reader's time zone: noon UTC keeps the day.
    assert embed.timestamp == datetime(2024, 3, 14, 12, 0, tzinfo=UTC)


def test_no_timestamp_without_a_good_date() -> None:
    assert brief_embed(make_brief(published=None)).timestamp is None
    assert brief_embed(make_brief(published="last Tuesday")).timestamp is None
    assert brief_embed(make_brief(published="2024-02-30")).timestamp is None


def test_article_markdown_is_escaped() -> None:
    brief = make_brief(
        title="**Breaking** _news_",
        summary=("Click [here](https://evil.example) now.", "# Not a heading", "a *b* c"),
    )
    embed = brief_embed(brief)
    assert embed.title == "\\*\\*Breaking\\*\\* \\_news\\_"
    assert "\\[here\\](https://evil.example)" in (embed.description or "")
    assert "\\*b\\*" in (embed.description or "")


PHISHING = "See [the report](https://un.org/r) and [BBC News](https://phish.example/login)."
TAGS = (
    "@everyone @here <@123456789012345678> <@!123456789012345678> <@&456789012345678901> "
    "<#1180000000000000200> </brief:1180000000000000400> <t:1700000000:R> <:flag:1234567890> "
    "<a:spin:1234567890>"
)


def test_every_masked_link_and_tag_shows_as_text() -> None:
    for text in (
        PHISHING,
        TAGS,
        f"{PHISHING} {TAGS}",
        "[a](<https://x.example>) [b]( https://y.example )",
    ):
        shown = t.shown_as_text(text)
        assert not live_markup(shown), shown
        assert unescaped(shown) == text  # shown as written, nothing lost
    assert t.shown_as_text(PHISHING) == (
        "See \\[the report\\](https://un.org/r) and \\[BBC News\\](https://phish.example/login)."
    )
    # An escaped backslash cannot un-escape the bracket after it, nor can a link's last one.
    assert not live_markup(t.shown_as_text("\\[BBC](https://phish.example)"))
    assert not live_markup(t.shown_as_text("https://x.example/\\[BBC](https://phish.example)"))
    # Bare links stay links, underscores and all; markdown at a line's start stays text.
    assert t.shown_as_text("https://x.example/a_b_c") == "https://x.example/a_b_c"
    assert t.shown_as_text("# Big\n> quote\n-# small\n1. one") == (
        "\\# Big\n\\> quote\n\\-# small\n1\\. one"
    )


_PIECES = [
    "[", "]", "(", ")", "<", ">", "@", "everyone", "here", "#", ":", "/", "t:", "&", "*", "_",
    "~", "|", "`", "\\", "-", "1.", "\n", " ", "a", "https://x.example/",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES)).map("".join) | st.text())
def test_any_text_shows_as_text(text: str) -> None:
    shown = t.shown_as_text(text)
    assert not live_markup(shown)
    if "://" not in text:  # a bare link is left as it is, backslashes and all
        assert unescaped(shown) == text


def test_page_text_in_every_embed_shows_as_text() -> None:
    hostile = Actor(f"{TAGS} [Envoy](https://phish.example)", "person", 2, key=True, role=PHISHING)
    brief = make_brief(
        title=PHISHING,
        site=f"[Site](https://phish.example) {TAGS}",
        authors=(PHISHING,),
        summary=(PHISHING, TAGS),
        actors=(hostile, PESKOV),
        quotes=(Quote(f"[Speaker](https://phish.example) {TAGS}", PHISHING),),
    )
    for embed in (brief_embed(brief), actors_embed(brief), quotes_embed(brief)):
        data = embed.to_dict()
        texts = [data.get("title"), data.get("description"), data.get("author", {}).get("name")]
        texts += [f["value"] for f in data.get("fields", [])]
        for text in filter(None, texts):
            assert not live_markup(text), text


def test_non_http_links_are_not_used_as_embed_urls() -> None:
    assert brief_embed(make_brief(url="file:///tmp/x.html")).url is None


def huge_brief() -> Brief:
    word = "negotiations "
    actors = tuple(
        Actor(f"Envoy Number {i} " + "X" * 80, "person", 10, key=True, role="special " * 40)
        for i in range(60)
    )
    return make_brief(
        title="Summit " * 200,
        summary=tuple(word * 120 for _ in range(10)),
        authors=tuple("Correspondent " * 30 for _ in range(6)),
        site="S" * 500,
        actors=actors,
        quotes=tuple(Quote("Envoy " * 20, "quote " * 400) for _ in range(40)),
    )


def assert_within_limits(embed_dict: dict[str, object]) -> None:
    e = embed_dict
    assert len(str(e.get("title") or "")) <= 256
    assert len(str(e.get("description") or "")) <= 4096
    fields = e.get("fields") or []
    assert isinstance(fields, list) and len(fields) <= 25
    for f in fields:
        assert len(f["name"]) <= 256 and len(f["value"]) <= 1024
    assert len((e.get("footer") or {}).get("text", "")) <= 2048  # type: ignore[union-attr]
    assert len((e.get("author") or {}).get("name", "")) <= 256  # type: ignore[union-attr]


def test_huge_article_fits_every_limit() -> None:
    brief = huge_brief()
    for embed in (brief_embed(brief), actors_embed(brief), quotes_embed(brief)):
        assert_within_limits(embed.to_dict())  # type: ignore[arg-type]
        assert len(embed) <= 6000
    embed = brief_embed(brief)
    assert (embed.title or "").endswith("…") and (embed.description or "").endswith("…")
    assert (embed.description or "").startswith("1. negotiations")
    three = briefs_embeds([brief, brief, brief])
    assert total_chars(three) <= 6000
    assert all(e.description for e in three)


@settings(max_examples=40, deadline=None)
@given(
    title=st.text(max_size=600),
    summary=st.lists(st.text(min_size=1, max_size=900), max_size=10),
    roles=st.lists(st.text(max_size=300), max_size=40),
    count=st.integers(min_value=1, max_value=3),
)
def test_any_brief_fits(title: str, summary: list[str], roles: list[str], count: int) -> None:
    actors = tuple(Actor(f"A{i}", "person", 1, key=True, role=r) for i, r in enumerate(roles))
    brief = make_brief(title=title or None, summary=tuple(summary), actors=actors)
    embeds = briefs_embeds([brief] * count)
    for embed in embeds:
        assert_within_limits(embed.to_dict())  # type: ignore[arg-type]
    assert total_chars(embeds) <= 6000


def test_a_right_to_left_summary_is_isolated_line_by_line() -> None:
    """Discord lays out each line by the bidi algorithm: an Arabic line not isolated takes its
    direction from its first letter, and its "1." lands at the wrong end."""
    brief = make_brief(
        title="لافروف وغوتيريش يبحثان وقف إطلاق النار",
        summary=("التقى وزير الخارجية الروسي نظيره.", "ورحبت بكين باللقاء."),
        language="ar",
    )
    embed = brief_embed(brief)
    lines = (embed.description or "").split("\n")
    assert lines == [
        "1. \u2067التقى وزير الخارجية الروسي نظيره.\u2069",
        "2. \u2067ورحبت بكين باللقاء.\u2069",
    ]
    assert embed.title == "\u2067لافروف وغوتيريش يبحثان وقف إطلاق النار\u2069"


def test_a_left_to_right_summary_in_another_language_is_left_as_it_is() -> None:
    embed = brief_embed(make_brief(summary=("Пекин приветствовал встречу.",), language="ru"))
    assert embed.description == "1. Пекин приветствовал встречу."
