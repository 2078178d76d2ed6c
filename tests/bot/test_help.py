"""/help, /about and /forget-me: what the bot does and keeps, and erasing a person's reads."""

from __future__ import annotations

from tests.bot import payloads as p
from tests.bot.harness import Harness
from tests.store.test_sqlite import make


async def test_help_says_what_the_bot_does_and_what_it_keeps(harness: Harness) -> None:
    shown = await harness.answer(harness.command(p.slash("help")))
    assert shown.ephemeral and len(shown.embeds) == 1
    embed = shown.embeds[0]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert "`/brief url`" in fields["Commands"] and "`/forget-me`" in fields["Commands"]
    assert "English" in fields["Languages"]
    assert "user ID" in fields["Privacy"] and "365 days" in fields["Privacy"]
    dm = await harness.answer(harness.command(p.slash("help"), dm=True))
    assert dm.embeds and dm.ephemeral


async def test_about_shows_what_is_kept_for_how_long_and_the_cache(harness: Harness) -> None:
    store = harness.bot.briefer.store
    article, brief = make("https://a.example/oslo")
    await store.put(article, brief, keys=[article.url], sentences=3)
    shown = await harness.answer(harness.command(p.slash("about")))
    assert shown.ephemeral
    fields = {f["name"]: f["value"] for f in shown.embeds[0]["fields"]}
    kept = fields["What I keep, and for how long"]
    assert "user ID" in kept and "for 365 days" in kept
    assert f"for {harness.bot.settings.cache_keep_days:g} days" in kept
    assert fields["The cache now"].startswith("1 article, 1 brief, ")
    assert "MB in use" in fields["The cache now"]


async def test_forget_me_erases_the_askers_reads_in_every_server(harness: Harness) -> None:
    store = harness.bot.briefer.store
    _, brief = make("https://a.example/oslo")
    await store.record_read(p.GUILD_ID, brief, via="brief", user_id=p.MEMBER_ID)
    await store.record_read(p.GUILD_ID + 1, brief, via="auto", user_id=p.MEMBER_ID)
    await store.record_read(p.GUILD_ID, brief, via="brief", user_id=p.ADMIN_ID)

    shown = await harness.answer(harness.command(p.slash("forget-me"), dm=True))
    assert shown.ephemeral
    assert shown.content.startswith("Erased 2 reads of yours from the reading records")
    reads, _ = await store.coverage(p.GUILD_ID)
    assert [(r.reads, r.readers) for r in reads] == [(1, 1)]  # the admin's stays
    assert await store.coverage(p.GUILD_ID + 1) == ([], 0)

    again = await harness.answer(harness.command(p.slash("forget-me")))
    assert again.ephemeral and again.content.startswith("There was nothing to erase")
