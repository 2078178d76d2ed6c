"""Discord misbehaving (429s, 5xx, dead tokens) and odd payloads: the bot answers or logs, and
serves the next command."""

from __future__ import annotations

import asyncio
import logging

import discord
import pytest

from tests.bot import payloads as p
from tests.bot.harness import Harness

FOLLOWUP = "/webhooks/{webhook_id}/{webhook_token}"
CALLBACK = "/interactions/{interaction_id}/{interaction_token}/callback"


class _QuickSleep:
    """discord.py's webhook client as it is, but its back-off sleeps last 10 ms."""

    def __getattr__(self, name: str) -> object:
        return getattr(asyncio, name)

    @staticmethod
    async def sleep(delay: float, result: object = None) -> object:
        return await asyncio.sleep(min(delay, 0.01), result)


async def still_serving(harness: Harness, page_server, article_html) -> None:
    url = page_server.add("/next.html", article_html)
    shown = await harness.answer(harness.command(p.slash("brief", url=url), who=p.ADMIN))
    assert shown.embeds


async def test_a_429_on_the_followup_is_waited_out(
    harness: Harness, page_server, article_html
) -> None:
    url = page_server.add("/a.html", article_html)
    harness.fake.rate_limit("POST", r"^/webhooks/", retry_after=0.3)
    token = harness.command(p.slash("brief", url=url))
    shown = await harness.answer(token)
    followups = [r for r in harness.fake.for_token(token) if r.template == FOLLOWUP]
    assert [r.status for r in followups] == [429, 200]
    assert followups[1].at - followups[0].at >= 0.3
    assert shown.embeds


async def test_a_429_on_a_channel_message_is_waited_out(
    harness: Harness, page_server, article_html
) -> None:
    await harness.enable_autobrief()
    url = page_server.add("/a.html", article_html)
    harness.fake.rate_limit("POST", r"^/channels/\d+/messages$", retry_after=0.2)
    harness.post(url)
    [reply] = await harness.replies(p.CHANNEL_ID, 1)
    tries = harness.fake.find("POST", "/channels/{channel_id}/messages")
    assert [r.status for r in tries] == [429, 200]
    assert reply.body["embeds"]


async def test_server_errors_are_retried(harness: Harness, page_server, article_html) -> None:
    url = page_server.add("/a.html", article_html)
    harness.fake.fail("POST", r"^/webhooks/", 502, {"message": "Bad Gateway"}, times=1)
    harness.fake.fail("POST", r"^/webhooks/", 500, {"message": "Internal"}, times=1)
    token = harness.command(p.slash("brief", url=url))
    shown = await harness.answer(token, timeout=30)
    statuses = [r.status for r in harness.fake.for_token(token) if r.template == FOLLOWUP]
    assert statuses == [502, 500, 200]
    assert shown.embeds


async def test_a_5xx_storm_is_survived(
    harness: Harness, page_server, article_html, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    monkeypatch.setattr(discord.webhook.async_, "asyncio", _QuickSleep())
    url = page_server.add("/a.html", article_html)
    harness.fake.fail("*", r"^/webhooks/", 503, {"message": "Service Unavailable"}, times=50)
    token = harness.command(p.slash("brief", url=url))
    await harness.fake.wait_until(
        lambda: any("could not report" in r.getMessage() for r in caplog.records)
    )
    assert not harness.fake.answered(token)
    assert any(r.levelno == logging.ERROR and "ref " in r.getMessage() for r in caplog.records)
    harness.fake.faults.clear()
    await still_serving(harness, page_server, article_html)


async def test_an_expired_token_is_survived(
    harness: Harness, page_server, article_html, caplog
) -> None:
    url = page_server.add("/a.html", article_html)
    payload = p.interaction(p.slash("brief", url=url))
    harness.fake.expire(payload["token"])  # the callback works; every later webhook call 404s
    token = harness.fake.send_interaction(harness.bot, payload)
    await harness.fake.wait_until(lambda: any("expired" in r.getMessage() for r in caplog.records))
    followups = [r for r in harness.fake.for_token(token) if r.template == FOLLOWUP]
    assert [r.status for r in followups] == [404]  # no pointless retries on a dead token
    await still_serving(harness, page_server, article_html)


async def test_missing_options_and_unknown_commands(
    harness: Harness, page_server, article_html, caplog
) -> None:
    for data in (
        {"id": str(p.COMMAND_IDS["brief"]), "name": "brief", "type": 1},  # no url
        {"id": "1180000000000009999", "name": "translate", "type": 1},
    ):
        shown = await harness.answer(harness.command(data))
        assert shown.ephemeral and "out of date" in shown.content and "(ref " in shown.content
    refs = [r for r in caplog.records if r.levelno == logging.ERROR and "ref " in r.getMessage()]
    assert len(refs) == 2
    await still_serving(harness, page_server, article_html)


async def test_an_unexpected_error_gets_a_reference(
    harness: Harness, page_server, article_html, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    with monkeypatch.context() as patch:
        patch.setattr(harness.bot.briefer, "brief", broken)
        token = harness.command(p.slash("brief", url="https://news.example/a"))
        shown = await harness.answer(token)
    assert shown.ephemeral
    assert shown.content.startswith("Something went wrong (ref ")
    ref = shown.content.split("ref ")[1].rstrip(").")
    [record] = [r for r in caplog.records if f"ref {ref}" in r.getMessage()]
    assert record.exc_info and "disk on fire" in str(record.exc_info[1])
    assert "disk on fire" not in shown.content
    await still_serving(harness, page_server, article_html)
