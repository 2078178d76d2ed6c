"""Fetching against a real loopback server: redirects, caps, timeouts, types, charsets, errors."""

from __future__ import annotations

import asyncio
import gzip
import threading
import time
import zlib
from collections.abc import AsyncIterator
from typing import Any

import charset_normalizer
import pytest
from aiohttp import web

from diplobrief.config import Settings
from diplobrief.errors import BadTarget, FetchFailed, TooLarge, UnsupportedContent
from diplobrief.web import fetch
from diplobrief.web.decode import MAX_DETECT_BYTES, describe_media_type
from diplobrief.web.fetch import USER_AGENT, Fetcher, system_resolver

PAGE = "<html><head><title>Talks</title></head><body><p>Ministers met in Geneva.</p></body></html>"


def stub_resolver(table: dict[str, list[str]]) -> Any:
    """Resolve names from a table, recording each lookup; unknown names do not exist."""
    calls: list[str] = []

    async def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        if host not in table:
            raise OSError(f"no such name {host}")
        return table[host]

    resolve.calls = calls  # type: ignore[attr-defined]
    return resolve


@pytest.fixture
async def fetcher(settings: Settings) -> AsyncIterator[Fetcher]:
    f = Fetcher(settings, resolver=stub_resolver({"news.example": ["127.0.0.1"]}))
    yield f
    await f.close()


async def fetch_with(settings: Settings, url: str, resolver: Any = None, **changes: Any) -> Any:
    f = Fetcher(settings.model_copy(update=changes), resolver=resolver or stub_resolver({}))
    try:
        return await f.get_page(url)
    finally:
        await f.close()


async def test_fetches_a_page(fetcher: Fetcher, page_server: Any) -> None:
    url = page_server.add("/article", PAGE)
    page = await fetcher.get_page(url)
    assert "Ministers met in Geneva." in page.text
    assert page.url == url
    assert page.content_type == "text/html"
    assert page.status == 200
    assert page_server.requests == ["/article"]


async def test_sends_an_honest_user_agent_and_keeps_the_name(
    fetcher: Fetcher, page_server: Any
) -> None:
    seen: dict[str, str] = {}

    async def handler(request: web.Request) -> web.Response:
        seen.update(request.headers)
        return web.Response(text=PAGE, content_type="text/html")

    port = page_server.base.rsplit(":", 1)[1]
    page_server.add_handler("/ua", handler)
    page = await fetcher.get_page(f"http://news.example:{port}/ua")
    assert seen["User-Agent"] == USER_AGENT
    assert "diplobrief/" in USER_AGENT and "bot" in USER_AGENT
    assert seen["Host"] == f"news.example:{port}"
    assert page.url == f"http://news.example:{port}/ua"


async def test_two_fetches_share_one_session(fetcher: Fetcher, page_server: Any) -> None:
    url = page_server.add("/a", PAGE)
    await fetcher.get_page(url)
    session = fetcher._session
    await fetcher.get_page(url)
    assert fetcher._session is session and session is not None
    await fetcher.close()
    await fetcher.close()  # closing twice is harmless
    assert session.closed


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
async def test_follows_each_redirect_status(
    fetcher: Fetcher, page_server: Any, status: int
) -> None:
    final = page_server.add("/final", PAGE)
    start = page_server.redirect("/start", "/final", status)
    page = await fetcher.get_page(start)
    assert page.url == final
    assert page_server.requests == ["/start", "/final"]


async def test_follows_five_redirects_and_refuses_the_sixth(
    fetcher: Fetcher, page_server: Any
) -> None:
    page_server.add("/r5", PAGE)
    for i in range(5):
        page_server.redirect(f"/r{i}", page_server.url(f"/r{i + 1}"))
    page = await fetcher.get_page(page_server.url("/r0"))
    assert page.url == page_server.url("/r5")

    page_server.redirect("/r5", page_server.url("/r6"))
    page_server.add("/r6", PAGE)
    with pytest.raises(FetchFailed, match="redirects more than 5 times"):
        await fetcher.get_page(page_server.url("/r0"))
    assert page_server.hits("/r6") == 0


async def test_redirect_without_location_fails(fetcher: Fetcher, page_server: Any) -> None:
    page_server.add("/empty", "", status=302)
    with pytest.raises(FetchFailed, match="redirect"):
        await fetcher.get_page(page_server.url("/empty"))


async def test_cookies_set_on_a_redirect_are_sent_on_the_next_hop(
    fetcher: Fetcher, page_server: Any
) -> None:
    async def set_cookie(request: web.Request) -> web.Response:
        return web.Response(status=302, headers={"Location": "/check", "Set-Cookie": "consent=1"})

    async def check(request: web.Request) -> web.Response:
        if request.cookies.get("consent") != "1":
            return web.Response(status=302, headers={"Location": "/set"})
        return web.Response(text=PAGE, content_type="text/html")

    page_server.add_handler("/set", set_cookie)
    page_server.add_handler("/check", check)
    port = page_server.base.rsplit(":", 1)[1]
    page = await fetcher.get_page(f"http://news.example:{port}/set")
    assert "Geneva" in page.text
    assert page_server.requests == ["/set", "/check"]


async def test_body_over_the_cap_is_too_large(settings: Settings, page_server: Any) -> None:
    page_server.add("/fits", "x" * 10_000, content_type="text/plain")
    page_server.add("/big", "x" * 10_001, content_type="text/plain")
    page = await fetch_with(settings, page_server.url("/fits"), fetch_max_bytes=10_000)
    assert len(page.text) == 10_000
    with pytest.raises(TooLarge, match="larger than"):
        await fetch_with(settings, page_server.url("/big"), fetch_max_bytes=10_000)


async def test_compression_bomb_stops_at_the_cap(settings: Settings, page_server: Any) -> None:
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: gzip framing
    block = b"<p>" + b"a" * (1 << 20)
    bomb = b"".join(packer.compress(block) for _ in range(100)) + packer.flush()
    assert len(bomb) < 500_000  # ~100 MB unpacked, a few hundred KB on the wire
    page_server.add("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    started = time.monotonic()
    with pytest.raises(TooLarge):
        await fetch_with(settings, page_server.url("/bomb"), fetch_max_bytes=2_000_000)
    assert time.monotonic() - started < 4


async def test_gzip_page_is_unpacked(fetcher: Fetcher, page_server: Any) -> None:
    url = page_server.add("/gz", gzip.compress(PAGE.encode()), headers={"Content-Encoding": "gzip"})
    page = await fetcher.get_page(url)
    assert "Ministers met in Geneva." in page.text


async def test_endless_chunked_stream_stops_at_the_cap(
    settings: Settings, page_server: Any
) -> None:
    sent = 0

    async def endless(request: web.Request) -> web.StreamResponse:
        nonlocal sent
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        response.enable_chunked_encoding()
        await response.prepare(request)
        try:
            while sent < 500_000_000:
                await response.write(b"<p>more</p>" * 1000)
                sent += 11_000
        except (ConnectionError, RuntimeError):
            pass
        return response

    url = page_server.add_handler("/endless", endless)
    with pytest.raises(TooLarge):
        await fetch_with(settings, url, fetch_max_bytes=1_000_000)
    await asyncio.sleep(0.1)
    assert sent < 50_000_000  # the reader hung up long before the server gave up


async def test_slow_drip_hits_the_time_limit(settings: Settings, page_server: Any) -> None:
    async def drip(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        for _ in range(60):
            await response.write(b"x")
            await asyncio.sleep(1)
        return response

    url = page_server.add_handler("/drip", drip)
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="took too long"):
        await fetch_with(settings, url, fetch_timeout=1.0)
    assert time.monotonic() - started < 3


async def test_slow_headers_hit_the_time_limit(settings: Settings, page_server: Any) -> None:
    url = page_server.add("/slow", PAGE, delay=1.5)
    with pytest.raises(FetchFailed, match="took too long"):
        await fetch_with(settings, url, fetch_timeout=0.3)


@pytest.mark.parametrize(
    ("content_type", "body", "message"),
    [
        ("application/pdf", b"%PDF-1.7\n", "that link is a PDF; I can read web pages"),
        ("image/png", b"\x89PNG\r\n", "that link is an image"),
        ("video/mp4", b"\x00\x00\x00 ftypisom", "that link is a video"),
        ("audio/mpeg", b"ID3", "that link is audio"),
        ("application/json", b"{}", "that link is JSON data"),
        ("application/octet-stream", b"\x00\x01", "that link is a file download"),
        ("application/x-weird", b"?", "it is application/x-weird"),
    ],
)
async def test_refuses_what_is_not_a_page(
    fetcher: Fetcher, page_server: Any, content_type: str, body: bytes, message: str
) -> None:
    url = page_server.add("/file", body, content_type=content_type)
    with pytest.raises(UnsupportedContent, match=message):
        await fetcher.get_page(url)


@pytest.mark.parametrize(
    ("content_type", "kind"),
    [
        ("text/plain; charset=utf-8", "text/plain"),
        ("application/xhtml+xml", "application/xhtml+xml"),
        ("TEXT/HTML; Charset=UTF-8", "text/html"),
        ("", "text/html"),
    ],
)
async def test_reads_pages_plain_text_and_xhtml(
    fetcher: Fetcher, page_server: Any, content_type: str, kind: str
) -> None:
    url = page_server.add("/doc", PAGE, content_type=content_type)
    page = await fetcher.get_page(url)
    assert page.content_type == kind
    assert "Geneva" in page.text


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "that link is a PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "that link is an image"),
        (b"<html>\x00\x01\x02\x03\xff\xfe binary", "binary data"),
    ],
)
async def test_refuses_binary_labelled_as_html(
    fetcher: Fetcher, page_server: Any, body: bytes, message: str
) -> None:
    url = page_server.add("/lie", body, content_type="text/html")
    with pytest.raises(UnsupportedContent, match=message):
        await fetcher.get_page(url)


RUSSIAN = "Министр иностранных дел России заявил, что переговоры продолжатся в Женеве. " * 8
JAPANESE = "外務大臣は、ジュネーブでの交渉が続くと述べた。日本政府は対話を支持している。" * 8


FRENCH = "<p>Les négociations ont repris mardi, a déclaré le ministre des Affaires étrangères.</p>"


@pytest.mark.parametrize(
    ("content_type", "body", "expected"),
    [
        ("text/html; charset=iso-8859-1", "<p>Café, Genève</p>".encode("latin-1"), "Café, Genève"),
        # Browsers read latin-1 as windows-1252, so typographic quotes survive.
        ("text/html; charset=latin-1", "<p>“talks”</p>".encode("cp1252"), "“talks”"),
        (
            "text/html",
            f'<html><head><meta charset="windows-1251"></head><p>{RUSSIAN}</p>'.encode("cp1251"),
            RUSSIAN,
        ),
        (
            "text/html",
            (
                '<html><head><meta http-equiv="Content-Type" '
                f'content="text/html; charset=Shift_JIS"></head><p>{JAPANESE}</p>'
            ).encode("shift_jis"),
            JAPANESE,
        ),
        ("text/html", f"<p>{RUSSIAN}</p>".encode("cp1251"), RUSSIAN),
        ("text/html", "<p>Zürich – Genève</p>".encode(), "Zürich – Genève"),
        ("text/plain; charset=utf-8", "\ufeffBOM first".encode("utf-16"), "BOM first"),
        ("text/html; charset=no-such-charset", "<p>Genève</p>".encode(), "Genève"),
        # Labels naming a Python codec that is no text encoding are ignored, as unknown ones.
        ("text/html; charset=hex", FRENCH.encode("cp1252"), "déclaré"),
        ("text/html; charset=rot13", FRENCH.encode("cp1252"), "déclaré"),
        ("text/html; charset=zlib", FRENCH.encode("cp1252"), "déclaré"),
        ("text/html; charset=idna", FRENCH.encode("cp1252"), "déclaré"),
        ("text/html", b'<meta charset="base64">' + FRENCH.encode("cp1252"), "déclaré"),
        ("text/html", b'<meta charset="idna">' + FRENCH.encode("cp1252"), "déclaré"),
    ],
    ids=[
        "latin-1",
        "cp1252-quotes",
        "meta-1251",
        "meta-sjis",
        "detect-1251",
        "utf8",
        "bom",
        "bad",
        "hex",
        "rot13",
        "zlib",
        "idna",
        "meta-base64",
        "meta-idna",
    ],
)
async def test_decodes_charsets(
    fetcher: Fetcher, page_server: Any, content_type: str, body: bytes, expected: str
) -> None:
    url = page_server.add("/enc", body, content_type=content_type)
    page = await fetcher.get_page(url)
    assert expected in page.text


async def test_invalid_utf8_is_replaced(fetcher: Fetcher, page_server: Any) -> None:
    body = b"<p>Talks in Gen\xc3\xa8ve \xff\xfe\xc3 resumed.</p>"
    url = page_server.add("/bad", body, content_type="text/html; charset=utf-8")
    page = await fetcher.get_page(url)
    assert "Talks in Genève" in page.text
    assert "\ufffd" in page.text
    assert "resumed." in page.text


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (404, r"does not exist \(HTTP 404\)"),
        (410, r"HTTP 410"),
        (403, r"HTTP 403.*login or subscription"),
        (401, r"HTTP 401.*login"),
        (429, r"HTTP 429"),
        (500, r"error \(HTTP 500\)"),
        (503, r"HTTP 503"),
        (418, r"HTTP 418"),
    ],
)
async def test_http_errors_name_the_status(
    fetcher: Fetcher, page_server: Any, status: int, message: str
) -> None:
    url = page_server.add("/err", PAGE, status=status)
    with pytest.raises(FetchFailed, match=message):
        await fetcher.get_page(url)


async def test_a_host_name_part_over_63_characters_fails_clearly(settings: Settings) -> None:
    # The system resolver's own encoder raises UnicodeError on it: refused before any lookup.
    fetcher = Fetcher(settings)
    try:
        with pytest.raises(BadTarget, match="over 63 characters"):
            await fetcher.get_page(f"https://{'a' * 64}.example/story")
    finally:
        await fetcher.close()


async def test_a_name_the_resolver_cannot_encode_fails_clearly(settings: Settings) -> None:
    async def resolve(host: str, port: int) -> list[str]:
        raise UnicodeError("encoding with 'idna' codec failed")

    with pytest.raises(FetchFailed, match="couldn't find the site"):
        await fetch_with(settings, "https://odd.example/story", resolve)


async def test_unknown_name_fails_clearly(settings: Settings) -> None:
    with pytest.raises(FetchFailed, match=r"couldn.t find the site nowhere\.example"):
        await fetch_with(settings, "https://nowhere.example/story")


async def test_closed_port_fails_clearly(settings: Settings, connections: list[Any]) -> None:
    with pytest.raises(FetchFailed, match=r"couldn.t connect to 127\.0\.0\.1"):
        await fetch_with(settings, "http://127.0.0.1:9/story")
    assert connections == [("127.0.0.1", 9)]


async def test_system_resolver_returns_addresses() -> None:
    # A numeric host never leaves the machine, so this tests the default without DNS traffic.
    assert await system_resolver("127.0.0.1", 80) == ["127.0.0.1"]


async def test_a_hostile_content_type_is_not_repeated(fetcher: Fetcher, page_server: Any) -> None:
    # The site's own words must not reach the user: no markdown, no link, no wall of text.
    hostile = "x/y **Your account is suspended** [verify here](https://evil.example/login) "
    url = page_server.add("/file", b"?", content_type=hostile + "a" * 3000)
    with pytest.raises(UnsupportedContent) as caught:
        await fetcher.get_page(url)
    message = str(caught.value)
    assert "an unknown type" in message
    assert "evil" not in message and "*" not in message and "[" not in message
    assert len(message) < 120


@pytest.mark.parametrize(
    ("media", "shown"),
    [
        ("application/x-weird", "application/x-weird"),
        ("model/gltf+json", "model/gltf+json"),
        ("application/" + "x" * 80, None),
        ("text/<b>bold</b>", None),
        ("x/y @everyone", None),
        ("nonsense", None),
    ],
)
def test_only_a_plain_short_media_type_is_named(media: str, shown: str | None) -> None:
    message = describe_media_type(media)
    assert message.startswith("that link is not a web page")
    assert f"it is {shown or 'an unknown type'})" in message


async def test_a_large_page_in_an_undeclared_legacy_charset(
    fetcher: Fetcher, page_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nearly 5 MB of latin-1 with no charset anywhere: detection must look at a bounded sample,
    # off the event loop, and the whole body must still be decoded with what it found.
    sampled: list[int] = []
    threads: list[bool] = []
    detect, decode = charset_normalizer.from_bytes, fetch.decode_body

    def spy_detect(data: bytes, *args: Any, **kwargs: Any) -> Any:
        sampled.append(len(data))
        return detect(data, *args, **kwargs)

    def spy_decode(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread() is threading.main_thread())
        return decode(*args, **kwargs)

    monkeypatch.setattr(charset_normalizer, "from_bytes", spy_detect)
    monkeypatch.setattr(fetch, "decode_body", spy_decode)
    line = "<p>Les ministres se sont réunis à Genève : café, blé et sécurité alimentaire.</p>\n"
    count = 4_900_000 // len(line)
    body = ("<html><body>" + line * count + "<p>Fin du café.</p></body></html>").encode("latin-1")
    url = page_server.add("/gros", body, content_type="text/html")
    page = await fetcher.get_page(url)
    assert page.text.count("réunis à Genève : café, blé") == count
    assert page.text.endswith("<p>Fin du café.</p></body></html>")
    assert sampled and max(sampled) <= MAX_DETECT_BYTES <= 64 * 1024
    assert threads == [False]  # decoded in a worker thread, not on the event loop
