"""Hostile pages through the real pipeline: each gets a clear error or a bounded brief, in time.

Every case runs the same gauntlet (`Gauntlet.run`): a normal article is briefed and cached first,
then the hostile page is briefed under a time limit, then the cached brief must still be a cache
hit (nothing lost) and a fresh article must still be briefed from scratch (the bot keeps serving).
Anything but a Brief or one of the project's own errors fails the test.

Compression bombs, endless and slow streams, lying content types, binary bodies, invalid UTF-8 and
charsets are covered at the fetch level in test_fetch.py; this file does not repeat them.
"""

from __future__ import annotations

import asyncio
import random
import unicodedata
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from diplobrief.config import Settings
from diplobrief.errors import DiplobriefError, NotAnArticle, TooLarge, UnsupportedLanguage
from diplobrief.models import Brief
from diplobrief.pipeline import Briefer
from tests.support import PageServer

LIMIT = 60.0  # seconds: a hostile page that takes longer counts as a hang

TITLE = "Envoys agree to resume border talks in Geneva"
ARTICLE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{TITLE}</title></head>
<body><article>
<h1>{TITLE}</h1>
<p>Negotiators from Armenia and Azerbaijan agreed on Friday to resume talks on their disputed
border in Geneva next month, the Swiss foreign ministry said.</p>
<p>The announcement followed two days of meetings in Bern between the foreign ministers of the
two countries, hosted by Switzerland's foreign minister, Ignazio Cassis.</p>
<p>"We have agreed to meet again and to keep talking until the map is settled," Armenia's foreign
minister, Ararat Mirzoyan, told reporters after the meeting.</p>
<p>Azerbaijan's foreign minister, Jeyhun Bayramov, said the commission on border delimitation
would hold its first session in Geneva and report to both governments by the end of the year.</p>
<p>The European Union and the United States welcomed the agreement. A spokesperson for the
European Commission called it a step towards a lasting peace in the South Caucasus.</p>
<p>Diplomats cautioned that the hardest questions, including the status of several villages and
the routes of roads and railways, had been left for later rounds.</p>
<p>Russia, which has kept peacekeepers in the region, did not comment on the talks.</p>
</article></body></html>
"""

SUBJECTS = (
    "The foreign minister", "Norway's envoy", "The delegation from Chile", "Officials in Lima",
    "The United Nations mediator", "A spokesperson for the ministry", "The two governments",
    "Diplomats in Oslo", "The Peruvian president", "Negotiators",
)  # fmt: skip
VERBS = (
    "said on Tuesday that", "told reporters that", "insisted that", "warned that",
    "confirmed that", "hinted that", "announced that", "denied that",
)  # fmt: skip
OBJECTS = (
    "the talks would resume next week", "the border dispute could be settled by treaty",
    "fishing rights remained the main obstacle", "a joint commission would meet in March",
    "the ceasefire had held since January", "sanctions were not under discussion",
    "trade between the neighbours had doubled", "the accord needed ratification by parliament",
)  # fmt: skip


def prose(count: int, seed: int = 1) -> str:
    """Return `count` plausible diplomatic-news sentences on one line."""
    rng = random.Random(seed)
    return " ".join(
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}." for _ in range(count)
    )


def page(
    body: str,
    title: str = "Talks resume in Oslo",
    *,
    head: str = "",
    lang: str = "en",
    heading: str | None = None,
) -> str:
    """Wrap a body in a page (on one line, so a long body stays a single line)."""
    heading = title if heading is None else heading
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"{head}</head><body><article><h1>{heading}</h1>{body}</article></body></html>"
    )


def single_line(size: int, text: str) -> str:
    """Return an HTML page of about `size` bytes whose body is `text` repeated, with no newline."""
    shell = page("<p></p>")
    body = (text * (size // len(text) + 1))[: size - len(shell)]
    cut = body.rfind(" ")
    return page(f"<p>{body[:cut]}</p>")


class Gauntlet:
    """A Briefer with a cached article, checked before and after each hostile page."""

    def __init__(self, briefer: Briefer, server: PageServer) -> None:
        self.briefer = briefer
        self.server = server
        self.stored: Brief | None = None
        self.runs = 0

    async def brief(self, url: str, **options: object) -> Brief:
        return await asyncio.wait_for(self.briefer.brief(url, **options), LIMIT)

    async def run(
        self,
        body: str | bytes,
        *,
        content_type: str = "text/html; charset=utf-8",
        **options: object,
    ) -> Brief | DiplobriefError:
        """Brief a hostile page between two normal ones; return its brief or its error."""
        stored_url = self.server.add("/stored", ARTICLE)
        self.stored = await self.brief(stored_url, sentences=3)
        self.runs += 1
        hostile = self.server.add(f"/hostile/{self.runs}", body, content_type=content_type)
        try:
            outcome: Brief | DiplobriefError = await self.brief(hostile, **options)
        except DiplobriefError as exc:
            outcome = exc
        await self.still_serving()
        return outcome

    async def still_serving(self) -> None:
        """The cached brief is still a hit, and a new article is still briefed from scratch."""
        assert self.stored is not None
        again = await self.brief(self.server.url("/stored"), sentences=3)
        assert again.cached and again.summary == self.stored.summary
        assert self.server.hits("/stored") == 1
        fresh_url = self.server.add("/fresh", ARTICLE)
        fresh = await self.brief(fresh_url, sentences=3, use_cache=False)
        assert fresh.title == TITLE and len(fresh.summary) == 3 and not fresh.cached
        assert {"Armenia", "Azerbaijan"} <= {a.name for a in fresh.actors}


@pytest.fixture
async def gauntlet(settings: Settings, page_server: PageServer) -> AsyncIterator[Gauntlet]:
    briefer = await Briefer.open(settings)
    try:
        yield Gauntlet(briefer, page_server)
    finally:
        await briefer.close()


def refusal(outcome: Brief | DiplobriefError, kind: type[DiplobriefError]) -> str:
    """Assert the outcome is an error of `kind` and return its message."""
    assert isinstance(outcome, kind), f"expected {kind.__name__}, got {outcome!r}"
    return outcome.message


def bounded(outcome: Brief | DiplobriefError, settings: Settings, sentences: int = 5) -> Brief:
    """Assert the outcome is a brief within the analysis caps and return it."""
    assert isinstance(outcome, Brief), f"expected a brief, got {outcome!r}"
    assert 0 < outcome.sentences_total <= settings.max_sentences_analysed
    assert 0 < len(outcome.summary) <= sentences
    assert all(len(s) <= 1001 for s in outcome.summary)
    assert outcome.title is None or len(outcome.title) <= 300
    return outcome


def invisible_in(text: str) -> set[str]:
    """Return the format (Cf) characters in the text: bidi controls, zero-width characters."""
    return {c for c in text if unicodedata.category(c) == "Cf"}


# -- size -----------------------------------------------------------------------------------


async def test_ten_megabyte_single_line_is_too_large(
    gauntlet: Gauntlet, settings: Settings
) -> None:
    assert settings.fetch_max_bytes == 5 * 1024 * 1024
    body = single_line(10_000_000, prose(50) + " ")
    assert len(body) > 9_900_000 and "\n" not in body
    message = refusal(await gauntlet.run(body), TooLarge)
    assert "larger than 5" in message


async def test_just_under_the_cap_single_line_of_prose_is_bounded(
    gauntlet: Gauntlet, settings: Settings
) -> None:
    body = single_line(4_900_000, prose(500) + " ")
    assert len(body.encode()) < settings.fetch_max_bytes and "\n" not in body
    brief = bounded(await gauntlet.run(body), settings)
    assert brief.title == "Talks resume in Oslo"
    assert brief.sentences_total == settings.max_sentences_analysed
    assert brief.reduction > 0.99


async def test_just_under_the_cap_single_line_without_sentences_is_not_an_article(
    gauntlet: Gauntlet, settings: Settings
) -> None:
    body = single_line(4_900_000, "talks border envoy treaty ")
    message = refusal(await gauntlet.run(body), NotAnArticle)
    assert "too little article text" in message


async def test_one_run_on_sentence_is_cut_for_the_brief(
    gauntlet: Gauntlet, settings: Settings
) -> None:
    # Three real sentences, then 60,000 words with no full stop: spaCy sees one giant sentence.
    body = page(f"<p>{prose(3)} {'the envoys kept on talking ' * 15_000}</p>")
    brief = bounded(await gauntlet.run(body), settings)
    assert any(s.endswith("…") for s in brief.summary)


# -- structure ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("<div>", "</div>"), ("<span>", "</span>"), ("<b><i>", ""), ("<table><tr><td>", "")],
    ids=["div", "span", "unclosed-b-i", "unclosed-tables"],
)
async def test_html_nested_100_000_levels_is_refused(
    gauntlet: Gauntlet, opening: str, closing: str
) -> None:
    levels = 100_000 // opening.count("<")
    body = page(opening * levels + f"<p>{prose(30)}</p>" + closing * levels)
    message = refusal(await gauntlet.run(body), NotAnArticle)
    assert "nested more than 200 levels" in message


@pytest.mark.parametrize("layout", ["one-paragraph", "paragraph-each"])
async def test_100_000_sentences_are_capped(
    gauntlet: Gauntlet, settings: Settings, layout: str
) -> None:
    sentences = [f"Envoy {i} met the minister." for i in range(100_000)]
    if layout == "one-paragraph":
        body = page("<p>" + " ".join(sentences) + "</p>")
    else:
        body = page("".join(f"<p>{s}</p>" for s in sentences))
    assert len(body.encode()) < settings.fetch_max_bytes
    brief = bounded(await gauntlet.run(body), settings)
    assert brief.sentences_total <= settings.max_sentences_analysed
    assert all("met the minister" in s or s == brief.title for s in brief.summary)


async def test_a_flood_of_menu_links_leaves_the_article(
    gauntlet: Gauntlet, settings: Settings
) -> None:
    # 100,000 links: 60,000 in the menu before the article, 40,000 in the footer after it.
    links = [f"<a href=/s{i}>Section {i}</a> " for i in range(100_000)]
    paragraphs = [prose(4, seed) for seed in range(10)]
    body = (
        "<html lang='en'><head><title>Talks resume in Oslo</title></head><body>"
        f"<nav>{''.join(links[:60_000])}</nav><article><h1>Talks resume in Oslo</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + f"</article><footer>{''.join(links[60_000:])}</footer></body></html>"
    )
    assert len(body.encode()) < settings.fetch_max_bytes
    brief = bounded(await gauntlet.run(body), settings)
    assert brief.title == "Talks resume in Oslo"
    # Every summary sentence comes from the article, none from the menus.
    assert all(s in " ".join(paragraphs) for s in brief.summary)


async def test_a_page_of_nothing_but_links_is_not_an_article(gauntlet: Gauntlet) -> None:
    links = "".join(f'<a href="/item/{i}">Item {i}</a> ' for i in range(100_000))
    message = refusal(await gauntlet.run(f"<html><body>{links}</body></html>"), NotAnArticle)
    assert "too little article text" in message


# -- text that plays tricks -----------------------------------------------------------------


async def test_bidi_overrides_and_zero_width_characters_are_stripped(
    gauntlet: Gauntlet, settings: Settings
) -> None:
    # Decomposed è (e + U+0300) must come out composed (NFC).
    title = "\u202eEnv\u200boys\u202c resume\u2066 talks\u2069 in Gene\u0300ve\u200f\ufeff"
    paragraphs = [
        "\u202eThe foreign ministers of Chile and Peru met in Gene\u0300ve on Tuesday to resume "
        "talks over their maritime border, officials\u200b said.",
        "Norway's envoy, who has mediated since January, said both sides had agreed to a joint "
        "\u2067commission\u2069 that would meet again in March.",
        "Fishing rights remain the main obstacle, diplomats warned, and the accord still needs "
        "ratification by both par\u00adlia\u00adments.",
        "Trade between the two neighbours has doubled in the past decade, according to figures "
        "released by the ministries\u200d in Lima and Santiago.",
        "The talks will resume next week in Oslo\u2060, the Norwegian foreign ministry said.",
    ]
    body = page("".join(f"<p>{p}</p>" for p in paragraphs), title=title)
    brief = await gauntlet.run(body, sentences=10)
    assert isinstance(brief, Brief), brief
    assert brief.title == "Envoys resume talks in Genève"
    assert brief.whole  # every sentence is in the brief, so every sentence is checked
    for text in (brief.title, *brief.summary, *(a.name for a in brief.actors)):
        assert not invisible_in(text), text
        assert unicodedata.is_normalized("NFC", text), text
    joined = " ".join(brief.summary)
    for phrase in ("in Genève on Tuesday", "joint commission", "both parliaments", "in Oslo,"):
        assert phrase in joined, phrase


async def test_discord_markdown_and_mentions_are_kept_as_text(
    gauntlet: Gauntlet, settings: Settings
) -> None:
    title = "@everyone **Breaking**: &lt;@&amp;123456789012345678&gt; ||talks|| `collapse`"
    paragraphs = [
        "The envoy told @everyone in the hall that **the deal** was close, and @here was "
        "trending within minutes of the announcement in Oslo.",
        "Critics tagged &lt;@123456789012345678&gt; and &lt;#987654321098765432&gt; in posts "
        "that called the accord a ||surrender|| and a `rushed` text.",
        "A message reading [read the leaked text](https://evil.example/leak) spread quickly, "
        "though the ministry in Lima said no text had leaked.",
        "&gt; We will not sign, one minister wrote, adding __never__ and ~~perhaps~~ later.",
        "The talks between Chile and Peru resume next week, the Norwegian foreign ministry said "
        "on Tuesday, and both delegations have confirmed they will attend.",
    ]
    body = page("".join(f"<p>{p}</p>" for p in paragraphs), title=title)
    brief = await gauntlet.run(body, sentences=10)
    assert isinstance(brief, Brief), brief
    # The core keeps the text as written; escaping for Discord is the bot's job.
    assert brief.title == "@everyone **Breaking**: <@&123456789012345678> ||talks|| `collapse`"
    joined = " ".join(brief.summary)
    for raw in (
        "@everyone",
        "@here",
        "**the deal**",
        "<@123456789012345678>",
        "<#987654321098765432>",
        "||surrender||",
        "[read the leaked text](https://evil.example/leak)",
        "~~perhaps~~",
    ):
        assert raw in joined, raw


async def test_a_title_of_5000_characters_is_cut_on_a_word(
    gauntlet: Gauntlet, settings: Settings
) -> None:
    words = [f"Talks{i}" for i in range(800)]
    title = " ".join(words)
    assert len(title) > 5000
    paragraphs = "".join(f"<p>{prose(4, seed)}</p>" for seed in range(8))
    body = page(paragraphs, title=title, heading="")
    brief = bounded(await gauntlet.run(body), settings)
    assert brief.title is not None and brief.title.endswith("…")
    kept = brief.title.removesuffix("…")
    assert len(brief.title) <= 300 and len(kept) > 150
    assert title.startswith(kept) and title[len(kept)] == " "


@pytest.mark.parametrize(
    ("content_type", "meta"),
    [
        ("text/html", '<meta charset="iso-8859-1">'),
        ("text/html", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'),
        ("text/html; charset=iso-8859-1", ""),
    ],
    ids=["meta-latin-1", "meta-http-equiv-1252", "header-latin-1"],
)
async def test_a_lying_charset_label_on_a_utf8_page(
    gauntlet: Gauntlet, settings: Settings, content_type: str, meta: str
) -> None:
    paragraphs = [
        "Ministers from Chile and Peru met in Genève on Tuesday, and the talks in Zürich will "
        "follow next month, officials said.",
        "“We are close,” Norway’s envoy said, adding that the accord – once signed – would "
        "settle fishing rights for a decade.",
        "The delegation from São Paulo joined the meeting as observers, the Brazilian foreign "
        "ministry said in a statement on Wednesday.",
        "Diplomats cautioned that ratification by both parliaments could take a year, and that "
        "the hardest questions had been left for later.",
    ]
    html = (
        f'<!DOCTYPE html><html lang="en"><head>{meta}<title>Talks in Genève</title></head>'
        "<body><article><h1>Talks in Genève</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article></body></html>"
    )
    brief = await gauntlet.run(html.encode("utf-8"), content_type=content_type, sentences=10)
    assert isinstance(brief, Brief), brief
    joined = brief.title + " " + " ".join(brief.summary)
    assert "Genève" in joined and "Zürich" in joined and "São Paulo" in joined
    assert "“We are close,” Norway’s envoy" in joined
    assert "Ã" not in joined and "â€" not in joined


async def test_a_utf8_label_on_a_windows_1252_page_still_briefs(
    gauntlet: Gauntlet, settings: Settings
) -> None:
    body = page("".join(f"<p>{prose(2, seed)} Talks in Genève resumed.</p>" for seed in range(3)))
    outcome = await gauntlet.run(body.encode("cp1252"), sentences=10)
    brief = bounded(outcome, settings, sentences=10)
    # The bytes cannot be UTF-8: the few that fail are replaced and the rest of the text is kept.
    assert sum("Talks in Gen\ufffdve resumed." in s for s in brief.summary) == 3


# -- pages that are not articles ----------------------------------------------------------


async def test_a_javascript_only_page_says_so(gauntlet: Gauntlet) -> None:
    shell = (
        "<!DOCTYPE html><html lang='en'><head><title>Newsroom</title>"
        "<script src='/static/app.js' defer></script></head>"
        "<body><div id='root'></div>"
        "<script>window.__STATE__ = {articles: [], cookieConsent: 'accept'};</script>"
        "</body></html>"
    )
    message = refusal(await gauntlet.run(shell), NotAnArticle)
    assert "JavaScript" in message


async def test_a_page_asking_to_enable_javascript_says_so(gauntlet: Gauntlet) -> None:
    shell = page(
        "<noscript>Please enable JavaScript to read this article.</noscript>",
        head="<script src='/app.js'></script>",
    )
    message = refusal(await gauntlet.run(shell), NotAnArticle)
    assert "JavaScript" in message


async def test_a_paywall_teaser(gauntlet: Gauntlet) -> None:
    teaser = page(
        "<p>Foreign ministers from twelve countries gathered in Vienna on Monday to discuss "
        "energy security, as winter supplies ran low.</p>"
        "<div class='paywall'><p>This article is for subscribers only. Subscribe now to "
        "continue reading, or sign in if you are already a subscriber.</p></div>"
    )
    message = refusal(await gauntlet.run(teaser), NotAnArticle)
    assert "paywall" in message


async def test_a_cookie_wall(gauntlet: Gauntlet) -> None:
    wall = page(
        "<div class='consent'><h2>Your privacy matters</h2><p>We and our 842 partners store "
        "cookies on your device. Click accept to continue to the news, or manage your "
        "choices.</p><button>Accept all</button><button>Manage</button></div>",
        title="Before you continue",
    )
    message = refusal(await gauntlet.run(wall), NotAnArticle)
    assert "cookie wall" in message


SPANISH = (
    "El ministro de Asuntos Exteriores de Chile dijo el martes que las conversaciones con Perú "
    "se reanudarán la próxima semana en Oslo. La delegación noruega, que media entre los dos "
    "gobiernos desde enero, confirmó que la comisión conjunta se reunirá en marzo. Los pescadores "
    "de ambos países esperan un acuerdo sobre la frontera marítima antes del verano. Según los "
    "diplomáticos, el comercio entre los vecinos se ha duplicado en la última década, pero la "
    "ratificación del acuerdo por los dos parlamentos podría tardar un año. "
)
FRENCH = (
    "Le ministre des Affaires étrangères du Chili a déclaré mardi que les pourparlers avec le "
    "Pérou reprendraient la semaine prochaine à Oslo. La délégation norvégienne, qui joue le rôle "
    "de médiateur depuis janvier, a confirmé que la commission mixte se réunira en mars. Les "
    "pêcheurs des deux pays attendent un accord sur la frontière maritime avant l'été. Selon les "
    "diplomates, le commerce entre les voisins a doublé en dix ans, mais la ratification de "
    "l'accord par les deux parlements pourrait prendre un an. "
)


@pytest.mark.parametrize(
    ("html", "code"),
    [
        (page(f"<p>{SPANISH}</p><p>{SPANISH}</p>", "Chile y Perú", lang="es"), "es"),
        (
            f"<html><head><title>Chili et Pérou</title></head><body><article><p>{FRENCH}</p>"
            f"<p>{FRENCH}</p></article></body></html>",
            "fr",
        ),
    ],
    ids=["spanish-declared", "french-undeclared"],
)
async def test_a_french_or_spanish_page_is_briefed_in_its_language(
    gauntlet: Gauntlet, html: str, code: str
) -> None:
    outcome = await gauntlet.run(html)
    assert isinstance(outcome, Brief), outcome
    assert outcome.language == code
    assert outcome.summary[0].startswith(("El ministro", "Le ministre"))
    assert "PE" in {a.country_code for a in outcome.actors}


async def test_a_page_in_an_unsupported_language_is_refused_by_name(gauntlet: Gauntlet) -> None:
    from tests.support import foreign_article

    message = refusal(await gauntlet.run(foreign_article("tr")), UnsupportedLanguage)
    assert "Turkish (tr)" in message and "Chinese" in message


@pytest.mark.parametrize(
    "body",
    ["", "   \n\t  ", "<html><head></head><body></body></html>"],
    ids=["empty", "blank", "bare"],
)
async def test_an_empty_page(gauntlet: Gauntlet, body: str) -> None:
    message = refusal(await gauntlet.run(body), NotAnArticle)
    assert "empty" in message or "no text" in message


async def test_a_page_that_is_only_an_image(gauntlet: Gauntlet) -> None:
    photo = page("<figure><img src='/photo.jpg' alt='' width='1200'></figure>", title="Photo")
    message = refusal(await gauntlet.run(photo), NotAnArticle)
    assert "only images" in message


# -- the worker process ---------------------------------------------------------------------


async def test_a_worker_process_survives_a_run_of_hostile_pages(
    tmp_path: Path, page_server: PageServer
) -> None:
    settings = Settings(
        db_path=str(tmp_path / "w.sqlite3"), workers=1, fetch_allow_networks="127.0.0.0/8"
    )
    async with await Briefer.open(settings) as briefer:
        gauntlet = Gauntlet(briefer, page_server)
        deep = page("<div>" * 100_000 + f"<p>{prose(30)}</p>")
        assert isinstance(await gauntlet.run(deep), NotAnArticle)
        many = page("<p>" + " ".join(f"Envoy {i} met the minister." for i in range(100_000)))
        bounded(await gauntlet.run(many), settings)
        shell = "<html><body><div id='app'></div><script src='/a.js'></script></body></html>"
        assert isinstance(await gauntlet.run(shell), NotAnArticle)
