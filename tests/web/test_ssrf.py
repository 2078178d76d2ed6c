"""The SSRF catalogue: every URL form that could reach a private service is refused unconnected.

Every real connection in this file stays on 127.0.0.0/8: blocked targets are refused before any
connection (a guard fails the test otherwise), and names resolve through a stub, never DNS.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import os
import ssl
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from diplobrief.config import Settings
from diplobrief.errors import BadTarget, BlockedURL, DiplobriefError
from diplobrief.web.fetch import _PINS, Fetcher, _PinnedResolver
from diplobrief.web.urls import address_refusal
from tests.support import read_fixture

PAGE = "<html><body><p>Public news.</p></body></html>"
PUBLIC = "93.184.216.34"  # only ever checked, never connected to


class StubResolver:
    """Answer lookups from a table of answer lists, one list per successive lookup."""

    def __init__(self, table: dict[str, list[list[str]]]) -> None:
        self.table = table
        self.calls: list[str] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append(host)
        answers = self.table.get(host)
        if not answers:
            raise OSError(f"no such name {host}")
        return answers[min(len(self.calls_for(host)), len(answers)) - 1]

    def calls_for(self, host: str) -> list[str]:
        return [c for c in self.calls if c == host]


NAMES = {
    "private.example": [["10.1.2.3"]],
    "metadata.example": [["169.254.169.254"]],
    "mixed.example": [[PUBLIC, "10.0.0.7"]],
    "ula.example": [["fd12:3456::1"]],
    "mapped.example": [["::ffff:192.168.0.10"]],
    "loopback6.example": [["::1"]],
    "public.example": [[PUBLIC]],
}


def no_allow(settings: Settings) -> Settings:
    return settings.model_copy(update={"fetch_allow_networks": ()})


def allow(settings: Settings, *networks: str) -> Settings:
    nets = tuple(ipaddress.ip_network(n) for n in networks)
    return settings.model_copy(update={"fetch_allow_networks": nets})


async def refused(settings: Settings, url: str, resolver: StubResolver) -> DiplobriefError:
    fetcher = Fetcher(settings, resolver=resolver)
    try:
        with pytest.raises(DiplobriefError) as caught:
            await fetcher.get_page(url)
    finally:
        await fetcher.close()
    return caught.value


LONG = "https://example.com/" + "a" * 2100

# (url, error class, message fragment, names the stub may be asked about)
CATALOGUE = [
    ("http://127.0.0.1/", BlockedURL, "loopback", ()),
    ("https://127.0.0.1/", BlockedURL, "loopback", ()),
    ("http://localhost/", BlockedURL, "loopback", ()),
    ("http://localhost./", BlockedURL, "loopback", ()),
    ("http://admin.localhost/", BlockedURL, "loopback", ()),
    ("http://127.1/", BlockedURL, "loopback", ()),
    ("http://2130706433/", BlockedURL, "loopback", ()),
    ("http://0x7f000001/", BlockedURL, "loopback", ()),
    ("http://017700000001/", BlockedURL, "loopback", ()),
    ("http://0x7f.1/", BlockedURL, "loopback", ()),
    ("http://%31%32%37.0.0.1/", BlockedURL, "loopback", ()),
    ("http://127.255.255.254:8080/", BlockedURL, "loopback", ()),
    ("http://0.0.0.0/", BlockedURL, "unspecified", ()),
    ("http://0/", BlockedURL, "unspecified", ()),
    ("http://[::1]/", BlockedURL, "loopback", ()),
    ("http://[::]/", BlockedURL, "unspecified", ()),
    ("http://[::ffff:127.0.0.1]/", BlockedURL, "IPv4-mapped loopback", ()),
    ("http://[0:0:0:0:0:ffff:7f00:1]/", BlockedURL, "IPv4-mapped loopback", ()),
    ("http://[::ffff:a9fe:a9fe]/", BlockedURL, "IPv4-mapped link-local", ()),
    ("http://[64:ff9b::7f00:1]/", BlockedURL, "NAT64 form of loopback", ()),
    ("http://[64:ff9b::a00:1]/", BlockedURL, "NAT64 form of private", ()),
    ("http://[2002:c0a8:0001::1]/", BlockedURL, "6to4 form of private", ()),
    ("http://10.0.0.1/", BlockedURL, "private", ()),
    ("http://10.255.255.254/", BlockedURL, "private", ()),
    ("http://167772161/", BlockedURL, "private", ()),
    ("http://172.16.0.1/", BlockedURL, "private", ()),
    ("http://172.31.255.254/", BlockedURL, "private", ()),
    ("http://192.168.0.1/", BlockedURL, "private", ()),
    ("http://192.168.1.1:8080/admin", BlockedURL, "private", ()),
    ("http://100.64.0.1/", BlockedURL, "shared address space", ()),
    ("http://100.127.255.254/", BlockedURL, "shared address space", ()),
    ("http://169.254.169.254/latest/meta-data/", BlockedURL, "link-local", ()),
    ("http://169.254.0.1/", BlockedURL, "link-local", ()),
    ("http://[fd00::1]/", BlockedURL, "unique local", ()),
    ("http://[fc00::1]/", BlockedURL, "unique local", ()),
    ("http://[fe80::1]/", BlockedURL, "link-local", ()),
    ("http://[fe80::1%25eth0]/", BlockedURL, "link-local", ()),
    ("http://[fec0::1]/", BlockedURL, "site-local", ()),
    ("http://224.0.0.1/", BlockedURL, "multicast", ()),
    ("http://[ff02::1]/", BlockedURL, "multicast", ()),
    ("http://240.0.0.1/", BlockedURL, "reserved", ()),
    ("http://255.255.255.255/", BlockedURL, "reserved", ()),
    ("http://198.18.0.1/", BlockedURL, "benchmarking", ()),
    ("http://192.0.0.1/", BlockedURL, "protocol assignments", ()),
    ("http://private.example/", BlockedURL, "private", ("private.example",)),
    ("http://metadata.example/latest/", BlockedURL, "link-local", ("metadata.example",)),
    ("http://mixed.example/", BlockedURL, "private", ("mixed.example",)),
    ("http://ula.example/", BlockedURL, "unique local", ("ula.example",)),
    ("http://mapped.example/", BlockedURL, "IPv4-mapped private", ("mapped.example",)),
    ("http://loopback6.example/", BlockedURL, "loopback", ("loopback6.example",)),
    ("http://public.example:6379/", BlockedURL, "usual web ports", ()),
    ("http://93.184.216.34:25/", BlockedURL, "usual web ports", ()),
    ("http://127.0.0.1:22/", BlockedURL, "loopback", ()),
    ("file:///etc/passwd", BlockedURL, "only read http and https", ()),
    ("ftp://example.com/pub/file", BlockedURL, "only read http and https", ()),
    ("gopher://127.0.0.1:6379/_INFO", BlockedURL, "only read http and https", ()),
    ("data:text/html,<script>alert(1)</script>", BlockedURL, "only read http and https", ()),
    ("javascript:fetch('http://10.0.0.1/')", BlockedURL, "only read http and https", ()),
    ("dict://127.0.0.1:11211/stats", BlockedURL, "only read http and https", ()),
    ("http://user:pass@example.com/", BlockedURL, "user name or password", ()),
    ("http://admin@127.0.0.1/", BlockedURL, "user name or password", ()),
    ("http://example.com@10.0.0.1/", BlockedURL, "user name or password", ()),
    ("http://example.com\\@10.0.0.1/", BlockedURL, "user name or password", ()),
    (LONG, BadTarget, "too long", ()),
]


@pytest.mark.parametrize(
    ("url", "error", "message", "lookups"), CATALOGUE, ids=[c[0][:60] for c in CATALOGUE]
)
async def test_catalogue_is_refused_without_connecting(
    settings: Settings,
    connections: list[Any],
    caplog: pytest.LogCaptureFixture,
    url: str,
    error: type[DiplobriefError],
    message: str,
    lookups: tuple[str, ...],
) -> None:
    caplog.set_level(logging.INFO, logger="diplobrief")
    resolver = StubResolver(NAMES)
    exc = await refused(no_allow(settings), url, resolver)
    assert isinstance(exc, error)
    assert message in str(exc)
    assert connections == []
    assert resolver.calls == list(lookups)  # literals and refused ports never reach DNS
    assert any(
        r.name.startswith("diplobrief") and url[:40] in r.getMessage() for r in caplog.records
    )


def test_catalogue_has_at_least_thirty_forms() -> None:
    assert len(CATALOGUE) >= 30


async def test_by_default_loopback_is_refused_and_nothing_connects(
    settings: Settings, page_server: Any, connections: list[Any]
) -> None:
    url = page_server.add("/secret", "<p>admin panel</p>")
    exc = await refused(no_allow(settings), url, StubResolver({}))
    assert isinstance(exc, BlockedURL)
    assert "private or local network address (loopback)" in str(exc)
    assert page_server.requests == []
    assert connections == []


async def test_allow_networks_exempts_only_what_it_names(
    settings: Settings, page_server: Any, connections: list[Any]
) -> None:
    url = page_server.add("/intranet", PAGE)
    fetcher = Fetcher(allow(settings, "127.0.0.1/32"), resolver=StubResolver({}))
    try:
        assert "Public news." in (await fetcher.get_page(url)).text
    finally:
        await fetcher.close()
    other = url.replace("127.0.0.1", "127.0.0.2")
    exc = await refused(allow(settings, "127.0.0.1/32"), other, StubResolver({}))
    assert isinstance(exc, BlockedURL)
    exc = await refused(allow(settings, "10.0.0.0/8"), url, StubResolver({}))
    assert isinstance(exc, BlockedURL)
    assert page_server.requests == ["/intranet"]
    assert {c[0] for c in connections} == {"127.0.0.1"}


REDIRECT_TARGETS = [
    "http://10.0.0.1/",
    "http://167772161/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/",
    "http://[::ffff:10.0.0.1]/",
    "http://192.168.1.1/",
    "http://172.16.0.1/",
    "http://100.64.0.1/",
    "http://[fd00::1]/",
    "http://[fe80::1]/",
    "http://0.0.0.0/",
    "http://127.0.0.2/",
    "http://localhost/",
    "http://private.example/",
    "file:///etc/passwd",
    "gopher://127.0.0.1:6379/_FLUSHALL",
    "ftp://example.com/",
    "data:text/plain,hi",
    "javascript:alert(1)",
    "http://user:pw@news.example/",
]


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("target", REDIRECT_TARGETS)
async def test_redirects_to_blocked_targets_are_refused(
    settings: Settings,
    page_server: Any,
    connections: list[Any],
    caplog: pytest.LogCaptureFixture,
    status: int,
    target: str,
) -> None:
    caplog.set_level(logging.INFO, logger="diplobrief")
    start = page_server.redirect("/go", target, status)
    exc = await refused(allow(settings, "127.0.0.1/32"), start, StubResolver(NAMES))
    assert isinstance(exc, BlockedURL)
    assert page_server.requests == ["/go"]
    port = int(page_server.base.rsplit(":", 1)[1])
    assert connections == [("127.0.0.1", port)]  # only the allowed server, never the target
    assert any(
        r.levelno >= logging.INFO and r.name.startswith("diplobrief") for r in caplog.records
    )


async def test_rebinding_connects_to_the_checked_address(
    settings: Settings, page_server: Any, connections: list[Any]
) -> None:
    seen_hosts: list[str] = []

    async def page(request: web.Request) -> web.Response:
        seen_hosts.append(request.host)
        return web.Response(text=PAGE, content_type="text/html")

    page_server.add_handler("/story", page)
    port = int(page_server.base.rsplit(":", 1)[1])
    # First answer passes the check; the second, private one must never be used.
    resolver = StubResolver({"rebind.example": [["127.0.0.1"], ["10.0.0.1"]]})
    fetcher = Fetcher(allow(settings, "127.0.0.1/32"), resolver=resolver)
    try:
        page = await fetcher.get_page(f"http://rebind.example:{port}/story")
    finally:
        await fetcher.close()
    assert "Public news." in page.text
    assert resolver.calls == ["rebind.example"]  # one lookup: the connection used its answer
    assert connections == [("127.0.0.1", port)]
    assert seen_hosts == [f"rebind.example:{port}"]


async def test_rebinding_private_first_is_refused(
    settings: Settings, page_server: Any, connections: list[Any]
) -> None:
    port = int(page_server.base.rsplit(":", 1)[1])
    page_server.add("/story", PAGE)
    resolver = StubResolver({"rebind.example": [["10.0.0.1"], ["127.0.0.1"]]})
    exc = await refused(
        allow(settings, "127.0.0.1/32"), f"http://rebind.example:{port}/story", resolver
    )
    assert isinstance(exc, BlockedURL)
    assert resolver.calls == ["rebind.example"]
    assert connections == [] and page_server.requests == []


async def test_each_redirect_hop_is_looked_up_and_checked_again(
    settings: Settings, page_server: Any, connections: list[Any]
) -> None:
    port = int(page_server.base.rsplit(":", 1)[1])
    page_server.redirect("/hop", f"http://rebind.example:{port}/next")
    page_server.add("/next", PAGE)
    resolver = StubResolver({"rebind.example": [["127.0.0.1"], ["10.0.0.1"]]})
    exc = await refused(
        allow(settings, "127.0.0.1/32"), f"http://rebind.example:{port}/hop", resolver
    )
    assert isinstance(exc, BlockedURL)
    assert resolver.calls == ["rebind.example", "rebind.example"]
    assert page_server.requests == ["/hop"]
    assert connections == [("127.0.0.1", port)]


async def test_https_to_a_pinned_address_keeps_the_name_for_tls(
    settings: Settings, connections: list[Any]
) -> None:
    server_names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)

    def record_sni(sock: Any, name: str | None, ctx: Any) -> int:
        server_names.append(name)
        return ssl.ALERT_DESCRIPTION_HANDSHAKE_FAILURE  # no certificate needed to see the name

    context.sni_callback = record_sni

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=context)
    port = server.sockets[0].getsockname()[1]
    resolver = StubResolver({"news.example": [["127.0.0.1"]]})
    try:
        exc = await refused(
            allow(settings, "127.0.0.1/32"), f"https://news.example:{port}/", resolver
        )
    finally:
        server.close()
        await server.wait_closed()
    assert "news.example" in str(exc)
    assert server_names == ["news.example"]  # SNI carries the name, the socket the checked IP
    assert connections == [("127.0.0.1", port)]


async def test_redirect_to_an_invalid_address_fails_clearly(
    settings: Settings, page_server: Any
) -> None:
    start = page_server.redirect("/bad", "http://exa mple.com/")
    exc = await refused(allow(settings, "127.0.0.1/32"), start, StubResolver({}))
    assert "redirects to an invalid address" in str(exc)


async def test_public_name_passes_the_check(settings: Settings) -> None:
    # Checked only: connecting to a public address would leave the sandbox.
    resolver = StubResolver({"news.example": [[PUBLIC, "2606:2800:220:1::1"]]})
    fetcher = Fetcher(no_allow(settings), resolver=resolver)
    assert await fetcher._checked_addresses("news.example", 443) == [PUBLIC, "2606:2800:220:1::1"]
    assert await fetcher._checked_addresses("93.184.216.34", 8080) == [PUBLIC]
    await fetcher.close()


async def test_the_client_resolver_answers_only_from_the_pins() -> None:
    resolver = _PinnedResolver()
    with pytest.raises(OSError, match="no checked address"):
        await resolver.resolve("news.example", 443)
    token = _PINS.set({"news.example": ["127.0.0.1", "::1"]})
    try:
        v4 = await resolver.resolve("news.example", 443, family=0)
        assert [(r["host"], r["port"]) for r in v4] == [("127.0.0.1", 443), ("::1", 443)]
        with pytest.raises(OSError):
            await resolver.resolve("other.example", 443)
    finally:
        _PINS.reset(token)


@pytest.mark.parametrize(
    "ip",
    [
        "8.8.8.8",
        PUBLIC,
        "2606:2800:220:1::1",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808",
        "2002:808:808::1",
    ],
)
def test_public_addresses_are_allowed(ip: str) -> None:
    assert address_refusal(ip) == (None, False)


@pytest.mark.parametrize(
    "ip",
    [
        "127.0.0.1", "10.1.1.1", "172.20.0.1", "192.168.50.1", "100.100.100.200", "169.254.169.254",
        "0.0.0.0", "224.0.0.251", "239.255.255.250", "255.255.255.255", "192.0.2.1",
        "198.51.100.1", "203.0.113.1", "::1", "::", "fd00::1", "fe80::1", "ff02::1",
        "::ffff:127.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "64:ff9b:1::1",
        "2002:7f00:1::", "2001:db8::1", "2001::1", "::127.0.0.1", "fe80::1%eth0", "not-an-ip",
    ],
)  # fmt: skip
def test_non_public_addresses_are_refused(ip: str) -> None:
    reason, allowed = address_refusal(ip)
    assert reason and not allowed


def _cli(args: list[str], cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    """Run the `diplobrief` command in `cwd`, with no DIPLOBRIEF_ setting from this process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD", "DIPLOBRIEF"))}
    env.update(DIPLOBRIEF_WORKERS="0", **extra)
    return subprocess.run(
        [sys.executable, "-m", "diplobrief.cli", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


async def test_a_dotenv_file_cannot_widen_the_private_address_block(
    tmp_path: Path, page_server: Any
) -> None:
    """A .env in the folder the command runs in (a shared one, a downloaded checkout) is no
    way to switch the block off; the environment is, and says so loudly."""
    url = page_server.add("/intranet", read_fixture("treaty-talks.html"))
    (tmp_path / ".env").write_text("DIPLOBRIEF_FETCH_ALLOW_NETWORKS=0.0.0.0/0\n")
    args = ["brief", url, "--no-cache", "--json"]
    done = await asyncio.to_thread(_cli, args, tmp_path)
    assert done.returncode == 1, done.stdout
    assert "private or local network address" in done.stderr
    assert "ignored DIPLOBRIEF_FETCH_ALLOW_NETWORKS in .env" in done.stderr
    assert page_server.requests == []

    # The control: the operator's own environment still widens it, with a warning.
    done = await asyncio.to_thread(
        _cli, args, tmp_path, DIPLOBRIEF_FETCH_ALLOW_NETWORKS="127.0.0.1/32"
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["title"].startswith("Norway")
    assert page_server.requests == ["/intranet"]
    assert "WARNING diplobrief.web.fetch: the private-address block is widened" in done.stderr
