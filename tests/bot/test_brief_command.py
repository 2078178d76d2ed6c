"""/brief, /actors, the buttons and the "Brief links" menu: the real bot, a page server, a fake
Discord. Every request body is checked against the spec when the harness closes."""

from __future__ import annotations

import asyncio
import re
import time

import discord
import pytest
from aiohttp import web

from cogs._common import BRIEF_RATE
from diplobrief.errors import FetchFailed
from diplobrief.summary.names import algorithm_label
from diplobrief.summary.summarize import ALGORITHMS, DEFAULT_ALGORITHM
from tests.bot import payloads as p
from tests.bot.harness import Harness
from tests.bot.screens import live_markup
from tests.support import PageServer

CALLBACK = "/interactions/{interaction_id}/{interaction_token}/callback"
FOLLOWUP = "/webhooks/{webhook_id}/{webhook_token}"


def callbacks(harness: Harness, token: str) -> list[dict]:
    return [r.body for r in harness.fake.find("POST", CALLBACK) if token in r.path]


async def test_brief_defers_before_a_slow_fetch_then_answers_once(
    harness: Harness, page_server, article_html
) -> None:
    hits: list[float] = []

    async def slow(request: web.Request) -> web.Response:
        hits.append(time.monotonic())
        await asyncio.sleep(1.0)
        return web.Response(text=article_html, content_type="text/html")

    url = page_server.add_handler("/news/grain-talks.html", slow)
    token = harness.command(p.slash("brief", url=url))
    shown = await harness.answer(token)

    [defer] = [r for r in harness.fake.for_token(token) if r.template == CALLBACK]
    assert defer.body == {"type": 5}  # "thinking…", public
    assert hits and defer.at < hits[0], "the bot fetched before acknowledging"
    followups = [r for r in harness.fake.for_token(token) if r.template == FOLLOWUP]
    assert len(followups) == 1
    assert not shown.ephemeral
    [embed] = shown.embeds
    assert embed["title"] == "Envoys agree to resume grain corridor talks in Istanbul"
    assert embed["url"] == url
    assert embed["author"]["name"] == "The Foreign Desk · Maria Lindqvist · 2024-03-14"
    points = embed["description"].split("\n")
    assert [x.split(". ", 1)[0] for x in points] == [str(i) for i in range(1, len(points) + 1)]
    assert embed["footer"]["text"].startswith("reduced by ")
    assert f"· {algorithm_label(DEFAULT_ALGORITHM)}" in embed["footer"]["text"]
    assert " news" not in embed["footer"]["text"]  # the summariser's readable name
    assert embed["timestamp"].startswith("2024-03-14T12:00:00")  # the article's date
    labels = [c["label"] for row in shown.components for c in row["components"]]
    assert labels[:2] == ["More", "Actors"]


async def test_private_brief_is_ephemeral_from_the_start(
    harness: Harness, page_server, article_html
) -> None:
    url = page_server.add("/a.html", article_html)
    token = harness.command(p.slash("brief", url=url, private=True))
    shown = await harness.answer(token)
    assert callbacks(harness, token) == [{"type": 5, "data": {"flags": 64}}]
    assert shown.ephemeral and shown.embeds


async def test_options_and_the_cache(harness: Harness, page_server, article_html) -> None:
    url = page_server.add("/a.html", article_html)
    first = await harness.answer(harness.command(p.slash("brief", url=url, sentences=2)))
    assert first.embeds[0]["description"].count("\n") == 1  # two points
    again = await harness.answer(
        harness.command(p.slash("brief", url=url, sentences=3, algorithm="textrank"))
    )
    footer = again.embeds[0]["footer"]["text"]
    assert "TextRank" in footer and "cached" in footer
    assert again.embeds[0]["description"].startswith("1. ")
    assert page_server.hits("/a.html") == 1  # the second brief came from the cache


async def test_bad_link_is_answered_at_once_and_privately(harness: Harness, page_server) -> None:
    token = harness.command(p.slash("brief", url="not a link"))
    shown = await harness.answer(token)
    [body] = callbacks(harness, token)
    assert body["type"] == 4 and body["data"]["flags"] == 64
    assert shown.ephemeral and "http" in shown.content
    assert page_server.requests == []


async def test_errors_after_a_public_defer_stay_private(harness: Harness, page_server) -> None:
    url = page_server.add("/gone.html", "<h1>Not here</h1>", status=404)
    token = harness.command(p.slash("brief", url=url))
    shown = await harness.answer(token)
    # The public "thinking…" was removed, so the error is a private message, not a public one.
    assert [m.ephemeral for m in harness.fake.visible(token)] == [True]
    assert shown.ephemeral and "404" in shown.content
    assert "ref" not in shown.content  # a core error is explained, not given a reference
    assert shown.content == "The site says that page does not exist (HTTP 404)."  # a sentence


async def test_a_page_that_is_not_an_article_is_explained(harness: Harness, page_server) -> None:
    url = page_server.add("/index.html", "<html><body><a href='/x'>Home</a></body></html>")
    shown = await harness.answer(harness.command(p.slash("brief", url=url, private=True)))
    assert shown.ephemeral and not shown.embeds
    assert "too little article text" in shown.content, shown.content


MARKDOWN_LINK = re.compile(r"(?<!\\)\[[^\]]*\]\(")  # [text]( with its bracket not escaped


async def test_a_hostile_content_type_cannot_write_the_error(harness: Harness, page_server) -> None:
    hostile = "x/y **Your account is suspended** [verify here](https://evil.example/login) "
    url = page_server.add("/file", b"?", content_type=hostile + "a" * 3000)
    shown = await harness.answer(harness.command(p.slash("brief", url=url)))
    assert shown.ephemeral and "not a web page" in shown.content
    assert len(shown.content) <= 2000
    assert "evil.example" not in shown.content and "**" not in shown.content


async def test_error_text_is_escaped_and_kept_within_discords_limit(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whatever a core error ends up quoting, the user sees it as plain text, within 2,000.
    async def failing(*args: object, **kwargs: object) -> None:
        raise FetchFailed("**urgent** [verify here](https://evil.example/login) " + "a " * 1500)

    monkeypatch.setattr(harness.bot.briefer, "brief", failing)
    shown = await harness.answer(harness.command(p.slash("brief", url="https://news.example/a")))
    assert shown.ephemeral and len(shown.content) <= 2000
    assert shown.content.startswith(r"\*\*urgent\*\*")
    assert not MARKDOWN_LINK.search(shown.content)

    target = p.message("Read https://news.example/b please")
    menu = await harness.answer(harness.command(p.message_menu(target), who=p.ADMIN))
    assert r"\*\*urgent" in menu.content and not MARKDOWN_LINK.search(menu.content)


async def test_per_user_cooldown_is_friendly(harness: Harness, page_server, article_html) -> None:
    url = page_server.add("/a.html", article_html)
    for _ in range(5):
        await harness.answer(harness.command(p.slash("brief", url=url)))
    token = harness.command(p.slash("brief", url=url))
    shown = await harness.answer(token)
    assert shown.ephemeral and "Easy there" in shown.content
    assert callbacks(harness, token)[0]["type"] == 4
    # Another user is not held back by the first one's cooldown.
    other = await harness.answer(harness.command(p.slash("brief", url=url), who=p.ADMIN))
    assert other.embeds


async def test_brief_and_actors_share_one_budget(
    harness: Harness, page_server, article_html
) -> None:
    url = page_server.add("/a.html", article_html)
    for _ in range(BRIEF_RATE):
        assert (await harness.answer(harness.command(p.slash("brief", url=url)))).embeds
    shown = await harness.answer(harness.command(p.slash("actors", url=url)))
    assert shown.ephemeral and not shown.embeds
    assert re.fullmatch(r"Easy there: you can ask for another brief in \d+ s\.", shown.content)


async def test_each_link_of_the_menu_counts(harness: Harness, page_server, article_html) -> None:
    links = [page_server.add(f"/story-{i}.html", article_html) for i in range(3)]
    for _ in range(BRIEF_RATE - 2):
        await harness.answer(harness.command(p.slash("brief", url=links[0])))
    # Two briefs left for three links: the first two are briefed, the third is not fetched.
    target = p.message(" ".join(links))
    shown = await harness.answer(harness.command(p.message_menu(target)))
    assert [e["url"] for e in shown.embeds] == links[:2]
    assert "Easy there: I briefed 2 of the 3 links" in shown.content
    assert page_server.hits("/story-2.html") == 0
    again = await harness.answer(harness.command(p.message_menu(target)))
    assert again.ephemeral and not again.embeds and again.content.startswith("Easy there")
    refused = await harness.answer(harness.command(p.slash("brief", url=links[0])))
    assert refused.content.startswith("Easy there")


async def test_invalid_menu_links_cost_nothing_nor_count_towards_three(
    harness: Harness, page_server, article_html
) -> None:
    links = [page_server.add(f"/story-{i}.html", article_html) for i in range(3)]
    blocked = ["https://user:pw@news.example/a", "http://a..b/", "https://bob:x@news.example/b"]
    for _ in range(BRIEF_RATE - 3):
        await harness.answer(harness.command(p.slash("brief", url=links[0])))
    # Three briefs left: the blocked links before the real ones neither spend nor crowd them out.
    shown = await harness.answer(
        harness.command(p.message_menu(p.message(" ".join(blocked + links))))
    )
    assert [e["url"] for e in shown.embeds] == links
    assert shown.content.count("user name or password") == 2
    assert "invalid site name" in shown.content and "Easy there" not in shown.content
    refused = await harness.answer(harness.command(p.slash("brief", url=links[0])))
    assert refused.content.startswith("Easy there")  # the three real links spent the rest


async def test_a_menu_of_only_invalid_links_says_so_briefly(harness: Harness) -> None:
    bad = ["https://news.example/" + "x" * 3000]  # too long a link
    bad += [f"https://user{i}:pw@news.example/{i}" for i in range(5)]
    shown = await harness.answer(harness.command(p.message_menu(p.message(" ".join(bad)))))
    assert shown.ephemeral and not shown.embeds
    lines = shown.content.split("\n")
    assert len(lines) == 4 and lines[-1] == "…and 3 more links I could not read."
    assert "too long" in lines[0] and all("user name or password" in x for x in lines[1:3])
    assert len(shown.content) < 1000  # the 3,000-character link is shown cut


async def test_buttons_spend_the_budget_too(harness: Harness, page_server, article_html) -> None:
    url = page_server.add("/a.html", article_html)
    shown = await harness.answer(harness.command(p.slash("brief", url=url, sentences=3)))
    for label in ["More", "Actors", "Quotes", "More"]:
        assert (await harness.answer(harness.press(shown, label))).embeds
    for label in ["More", "Actors"]:
        refused = await harness.answer(harness.press(shown, label))
        assert refused.ephemeral and refused.content.startswith("Easy there")
    refused = await harness.answer(harness.command(p.slash("brief", url=url)))
    assert refused.content.startswith("Easy there")
    # Someone else still has all of theirs.
    assert (await harness.answer(harness.press(shown, "More", who=p.ADMIN))).embeds


async def test_buttons_more_actors_quotes(harness: Harness, page_server, article_html) -> None:
    url = page_server.add("/a.html", article_html)
    shown = await harness.answer(harness.command(p.slash("brief", url=url, sentences=3)))

    more = await harness.answer(harness.press(shown, "More"))
    assert more.ephemeral
    assert more.embeds[0]["description"].count("\n") > 2  # more than three points
    assert more.embeds[0]["url"] == url

    actors = await harness.answer(harness.press(shown, "Actors"))
    assert actors.ephemeral and actors.embeds[0]["title"].startswith("Actors · ")
    assert "mention" in actors.embeds[0]["description"]

    labels = [c["label"] for row in shown.components for c in row["components"]]
    assert labels == ["More", "Actors", "Quotes"]  # the article quotes Fidan and Peskov
    quotes = await harness.answer(harness.press(shown, "Quotes"))
    assert quotes.ephemeral
    description = quotes.embeds[0]["description"]
    assert "“We have a window, and we intend to use it." in description
    assert "Hakan Fidan" in description and "Dmitry Peskov" in description
    assert page_server.hits("/a.html") == 1


async def test_actors_command(harness: Harness, page_server, article_html) -> None:
    url = page_server.add("/a.html", article_html)
    shown = await harness.answer(harness.command(p.slash("actors", url=url)))
    [embed] = shown.embeds
    assert embed["title"].startswith("Actors · Envoys agree")
    assert "mention" in embed["description"]


async def test_brief_works_in_direct_messages(harness: Harness, page_server, article_html) -> None:
    url = page_server.add("/a.html", article_html)
    shown = await harness.answer(harness.command(p.slash("brief", url=url), dm=True))
    assert shown.embeds and not shown.ephemeral


async def test_brief_links_menu(harness: Harness, page_server, article_html) -> None:
    good = page_server.add("/a.html", article_html)
    bad = page_server.add("/b.html", "gone", status=410)
    target = p.message(f"Read {good} and {bad} please")
    shown = await harness.answer(harness.command(p.message_menu(target)))
    assert shown.ephemeral
    assert len(shown.embeds) == 1 and shown.embeds[0]["url"] == good
    assert bad in shown.content

    empty = p.message("nothing to see here")
    shown = await harness.answer(harness.command(p.message_menu(empty)))
    assert shown.ephemeral and "no links" in shown.content


async def test_every_algorithm_choice_is_offered(harness: Harness) -> None:
    command = harness.bot.tree.get_command("brief")
    option = next(
        o for o in command.to_dict(harness.bot.tree)["options"] if o["name"] == "algorithm"
    )
    assert [c["value"] for c in option["choices"]] == list(ALGORITHMS)


async def test_no_quotes_leaves_quotations_out_and_more_keeps_it(
    harness: Harness, page_server, article_html
) -> None:
    url = page_server.add("/a.html", article_html)
    quoted = await harness.answer(harness.command(p.slash("brief", url=url, sentences=10)))
    assert "“" in quoted.embeds[0]["description"]  # the control: a quotation makes the cut

    shown = await harness.answer(
        harness.command(p.slash("brief", url=url, sentences=5, no_quotes=True))
    )
    [embed] = shown.embeds
    assert not any(mark in embed["description"] for mark in '“”"')
    assert "no quotes" in embed["footer"]["text"]
    ids = [c["custom_id"] for row in shown.components for c in row["components"]]
    assert ids and all(i.endswith(":nq") for i in ids)

    more = await harness.answer(harness.press(shown, "More"))
    points = more.embeds[0]["description"].split("\n")
    assert len(points) == 10 and not any("“" in x for x in points)
    assert "no quotes" in more.embeds[0]["footer"]["text"]


async def test_buttons_sent_before_the_no_quotes_option_still_work(
    harness: Harness, page_server, article_html
) -> None:
    url = page_server.add("/a.html", article_html)
    shown = await harness.answer(harness.command(p.slash("brief", url=url, sentences=3)))
    ids = [c["custom_id"] for row in shown.components for c in row["components"]]
    assert "brief:more:news:3" in ids  # the old format, unchanged when the option is off
    more = await harness.answer(harness.press(shown, "More"))
    assert more.embeds[0]["description"].count("\n") == 7  # eight points: 3 + 5


def planted(article_html: str, canonical: str) -> str:
    """The fixture page retitled, naming another site's story as its canonical link."""
    page = article_html.replace("<head>", f'<head>\n<link rel="canonical" href="{canonical}">', 1)
    return page.replace("Envoys agree", "Planted: envoys agree")


async def test_a_private_brief_cannot_plant_a_page_under_another_sites_link(
    harness: Harness, page_server, other_site, article_html
) -> None:
    """Issue 14, critical 1: a private /brief of a page at 127.0.0.1 whose canonical link is
    127.0.0.2's story; the next member's public /brief of that story gets the story itself."""
    victim = other_site.add("/news/grain-talks.html", article_html)
    evil = page_server.add("/evil.html", planted(article_html, victim))
    token = harness.command(p.slash("brief", url=evil, private=True))
    plant = await harness.answer(token)
    assert plant.embeds[0]["title"].startswith("Planted")

    shown = await harness.answer(harness.command(p.slash("brief", url=victim), who=p.ADMIN))
    [embed] = shown.embeds
    assert embed["title"] == "Envoys agree to resume grain corridor talks in Istanbul"
    assert embed["url"] == victim and "cached" not in embed["footer"]["text"]
    assert other_site.hits("/news/grain-talks.html") == 1


def hostile_page(article_html: str) -> str:
    """The fixture article, short enough to be given whole, with masked links and mention tags
    in its title, site name and a quotation."""
    tags = (
        "@everyone &lt;@&amp;456789012345678901&gt; &lt;#1180000000000000200&gt; "
        "&lt;/brief:1180000000000000400&gt; &lt;t:1700000000:R&gt; &lt;@123456789012345678&gt;"
    )
    phishing = "See [the report](https://un.org/r) and [BBC News](https://phish.example/login)"
    head, body = article_html.split("<p>Negotiators", 1)
    body, tail = body.split("</article>", 1)
    paragraphs = re.findall(r"<p>.*?</p>", "<p>Negotiators" + body)[:5]
    paragraphs.append(f"<p>“{phishing} before {tags},” Fidan said.</p>")
    head = head.replace("Envoys agree", f"[Envoys](https://phish.example/t) {tags} agree")
    head = head.replace('"The Foreign Desk"', f'"[Desk](https://phish.example/s) {tags}"')
    return head + "\n".join(paragraphs) + "</article>" + tail


async def test_masked_links_and_mentions_from_a_page_show_as_text(
    harness: Harness, page_server, article_html
) -> None:
    url = page_server.add("/hostile.html", hostile_page(article_html))
    shown = await harness.answer(harness.command(p.slash("brief", url=url, sentences=10)))
    [embed] = shown.embeds
    # Each hostile piece made it into the brief, as text.
    assert "phish.example/t" in embed["title"] and "phish.example/login" in embed["description"]
    assert "phish.example/s" in embed["author"]["name"]
    texts = [embed["title"], embed["description"], embed["author"]["name"]]
    texts += [f["value"] for f in embed.get("fields", [])]
    quotes = await harness.answer(harness.press(shown, "Quotes"))
    [listed] = quotes.embeds
    assert "phish.example/login" in listed["description"]
    texts += [listed["title"], listed["description"]]
    for text in texts:
        assert not live_markup(text), text


LONG_LABEL = f"https://{'a' * 64}.example/story"  # the resolver raised UnicodeError on it


async def test_a_host_name_part_over_63_characters_is_explained(
    harness: Harness, page_server, article_html
) -> None:
    shown = await harness.answer(harness.command(p.slash("brief", url=LONG_LABEL)))
    assert shown.ephemeral and "over 63 characters" in shown.content
    assert "Something went wrong" not in shown.content

    good = page_server.add("/a.html", article_html)
    target = p.message(f"Read {LONG_LABEL} and {good}")
    menu = await harness.answer(harness.command(p.message_menu(target), who=p.ADMIN))
    assert [e["url"] for e in menu.embeds] == [good]
    assert "over 63 characters" in menu.content


async def test_a_cached_brief_does_not_tell_when_someone_elsewhere_read_it(
    harness: Harness, page_server, article_html
) -> None:
    """The cache is shared by every server and DM: its age would tell this server when someone
    elsewhere read the link, so a cached brief says only "cached"."""
    url = page_server.add("/a.html", article_html)
    elsewhere = await harness.answer(harness.command(p.slash("brief", url=url), dm=True))
    assert not elsewhere.embeds[0]["footer"]["text"].endswith("cached")  # fetched for the DM
    here = await harness.answer(harness.command(p.slash("brief", url=url), who=p.ADMIN))
    footers = [here.embeds[0]["footer"]["text"]]
    await harness.enable_autobrief()
    harness.post(url)
    [auto] = await harness.replies(p.CHANNEL_ID, 1)
    footers.append(auto.body["embeds"][0]["footer"]["text"])
    for footer in footers:
        assert footer.endswith(" · cached") and "ago" not in footer and "now" not in footer
    assert page_server.hits("/a.html") == 1


@pytest.mark.parametrize("lacking", ["send_messages", "embed_links"])
async def test_a_member_who_cannot_post_embeds_here_gets_the_brief_privately(
    harness: Harness, page_server, article_html, lacking: str
) -> None:
    """Issue 19: a member without Send Messages or Embed Links in a channel could make the bot
    post a public embed there under their name."""
    url = page_server.add("/a.html", article_html)
    allowed = discord.Permissions(p.EVERYDAY.value)
    setattr(allowed, lacking, False)
    for command in ("brief", "actors"):
        token = harness.command(p.slash(command, url=url), permissions=allowed)
        shown = await harness.answer(token)
        assert callbacks(harness, token) == [{"type": 5, "data": {"flags": 64}}]
        assert shown.ephemeral and shown.embeds
    token = harness.command(p.slash("brief", url=url))  # everyday permissions: public
    assert not (await harness.answer(token)).ephemeral


@pytest.mark.review(by="trust")
async def test_a_public_brief_of_a_story_links_to_that_story(
    harness: Harness,
    page_server: PageServer,
    other_site: PageServer,
    article_html: str,
) -> None:
    """Through the bot: a private /brief of the attacker's redirecting link, then a member's
    public /brief of the victim's story. The embed's title links, and its buttons brief again,
    the attacker's link instead of the story asked for."""
    victim = other_site.add("/news/grain-talks.html", article_html)
    evil = page_server.url("/r")
    page_server.redirect("/r", victim)
    await harness.answer(harness.command(p.slash("brief", url=evil, private=True)))
    shown = await harness.answer(harness.command(p.slash("brief", url=victim), who=p.ADMIN))
    [embed] = shown.embeds
    assert embed["url"] == victim, f"the victim's story links to {embed['url']}"


async def test_brief_links_reads_the_links_in_a_feed_bots_embeds(
    harness: Harness, page_server, article_html
) -> None:
    """Issue 19: a feed bot's post is an embed; the menu read only the message's text."""
    story = page_server.add("/news/a.html", article_html)
    target = p.message(
        "", author=p.OTHER_BOT, embeds=[{"type": "rich", "title": "New story", "url": story}]
    )
    shown = await harness.answer(harness.command(p.message_menu(target)))
    assert shown.ephemeral and [e["url"] for e in shown.embeds] == [story]
