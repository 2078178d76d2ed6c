"""A huge article through the real bot: every embed within Discord's limits, the spec satisfied."""

from __future__ import annotations

import pytest

from diplobrief.config import Settings
from tests.bot import payloads as p
from tests.bot.harness import Harness


@pytest.fixture
def settings(settings: Settings) -> Settings:
    # Parsing time is not what these tests are about: cap the text parsed (8,800 characters).
    return settings.model_copy(update={"max_sentences_analysed": 40})


NAMES = ["Antonio Esposito", "Margarethe Vollmer", "Oluwaseun Adeyemi", "Haruto Kobayashi",
         "Ingrid Solberg", "Rafael Quintero", "Amara Nwosu", "Dmitri Volkonsky"]  # fmt: skip


def huge_article(seed: int = 0) -> str:
    title = "Marathon summit on " + " and ".join(f"issue {i}" for i in range(60))
    paragraphs = []
    for i in range(20):
        name = NAMES[(i + seed) % len(NAMES)]
        clauses = ", ".join(f"the **protocol** on sector {i}-{j}" for j in range(25))
        # One long sentence per paragraph: ten of them overflow a 4,096-character description.
        paragraphs.append(
            f"<p>{name}, the special envoy for region {i}, told reporters in Geneva that the "
            f"delegations had reviewed {clauses} before adjourning for the night.</p>"
        )
    return (
        f"<html><head><title>{title}</title><meta name='author' content='"
        + ", ".join(n + " Correspondent" for n in NAMES * 3)
        + f"'></head><body><article><h1>{title}</h1>{''.join(paragraphs)}</article></body></html>"
    )


def assert_limits(embeds: list[dict]) -> None:
    total = 0
    for e in embeds:
        assert len(e.get("title", "")) <= 256
        assert len(e.get("description", "")) <= 4096
        assert len(e.get("fields", [])) <= 25
        assert all(len(f["value"]) <= 1024 for f in e.get("fields", []))
        assert len(e.get("footer", {}).get("text", "")) <= 2048
        total += len(e.get("title", "")) + len(e.get("description", ""))
        total += len(e.get("footer", {}).get("text", "")) + len(e.get("author", {}).get("name", ""))
        total += sum(len(f["name"]) + len(f["value"]) for f in e.get("fields", []))
    assert total <= 6000


@pytest.mark.parametrize("command", ["brief", "actors"])
async def test_huge_article_by_command(harness: Harness, page_server, command: str) -> None:
    url = page_server.add("/huge.html", huge_article())
    options = {"sentences": 10} if command == "brief" else {}
    shown = await harness.answer(harness.command(p.slash(command, url=url, **options)), 60)
    assert shown.embeds, shown.content
    assert_limits(shown.embeds)
    assert shown.embeds[0]["title"].endswith("…")
    if command == "brief":
        assert shown.embeds[0]["description"].endswith("…")  # cut to fit, on a word


async def test_three_huge_articles_in_one_reply(harness: Harness, page_server) -> None:
    links = [page_server.add(f"/huge-{i}.html", huge_article(i)) for i in range(3)]
    await harness.enable_autobrief()
    harness.post("\n".join(links))
    [reply] = await harness.replies(p.CHANNEL_ID, 1, timeout=90)
    assert len(reply.body["embeds"]) == 3
    assert_limits(reply.body["embeds"])
