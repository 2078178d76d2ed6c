"""Fetch web pages for strangers without becoming a way into the network the bot runs on.

Every hop (the link and each redirect, at most five) goes through the same gate: `normalise_url`
(http/https only, no credentials, at most 2,048 characters, canonical host), then the host is
resolved once through the injectable resolver and refused unless every address is globally
routable. The HTTP client then connects only to those checked addresses: its own resolver answers
from a per-request pin and never looks the name up again, so a DNS answer that changes between the
check and the connection (rebinding) cannot move the connection. Host header and TLS SNI keep the
name, so HTTPS certificates are verified as usual.

Ports: 80, 443, 8080 and 8443 on public addresses. Any port is allowed when every address of the
host lies in `Settings.fetch_allow_networks`, the operator's explicit exemption (intranet
deployments, and tests that run a server on a random loopback port). No proxy from the
environment is used, since a proxy would connect on our behalf to an address we did not check.

Bodies are capped at `Settings.fetch_max_bytes` after decompression and the whole fetch, redirects
included, at `Settings.fetch_timeout` seconds. Only text/html, application/xhtml+xml and text/plain
are read; the body is sniffed too, so a PDF or binary file labelled text/html is refused
(sniffing and charset decoding live in `decode.py`; decoding runs in a thread, off the loop).

Feeds (`get_feed`) take the same path, hop by hop, with conditional headers (ETag,
Last-Modified), a 304 answer accepted, and the feed media types (RSS, Atom, XML) read as raw
bytes for the feed parser; an HTML page is read too, to find the feed it links.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

from diplobrief import __version__
from diplobrief.config import Settings
from diplobrief.errors import (
    BadTarget,
    BlockedURL,
    DiplobriefError,
    FetchFailed,
    TooLarge,
    UnsupportedContent,
)
from diplobrief.models import Page
from diplobrief.web.decode import decode_body, describe_media_type, guess_media, sniff_binary
from diplobrief.web.urls import address_refusal, normalise_url

log = logging.getLogger(__name__)

Resolver = Callable[[str, int], Awaitable[list[str]]]

USER_AGENT = (
    f"diplobrief/{__version__} (+https://github.com/diplobrief/diplobrief; Discord news-brief bot)"
)
ALLOWED_PORTS = frozenset({80, 443, 8080, 8443})
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml"}
)
FEED_ACCEPT = (
    "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,text/html;q=0.5"
)
_CHUNK = 64 * 1024
T = TypeVar("T")

# The addresses checked for the hop in flight, by host; the connector's resolver reads them.
_PINS: contextvars.ContextVar[dict[str, list[str]] | None] = contextvars.ContextVar(
    "diplobrief_fetch_pins", default=None
)


async def system_resolver(host: str, port: int) -> list[str]:
    """Resolve a host name with the operating system, returning unique IP addresses."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class _PinnedResolver(AbstractResolver):
    """Answer the HTTP client's lookups from the addresses checked for this hop, never DNS."""

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        pins = _PINS.get() or {}
        addresses = pins.get(host.rstrip(".").lower())
        if not addresses:
            log.error("connection to %s attempted without a checked address; refused", host)
            raise OSError(f"no checked address for {host}")
        results: list[ResolveResult] = []
        for ip in addresses:
            fam = socket.AF_INET6 if ":" in ip else socket.AF_INET
            if family in (socket.AF_UNSPEC, fam):
                results.append(
                    ResolveResult(
                        hostname=host,
                        host=ip,
                        port=port,
                        family=fam,
                        proto=0,
                        flags=socket.AI_NUMERICHOST | socket.AI_NUMERICSERV,
                    )
                )
        return results

    async def close(self) -> None:
        return None


@dataclass(frozen=True)
class FeedResponse:
    """A feed as fetched: `status` 304 means unchanged since the validators sent (no body)."""

    url: str
    status: int
    body: bytes
    media: str
    etag: str | None
    last_modified: str | None


class Fetcher:
    """Fetch pages safely: one HTTP session, SSRF checks on every hop, size and time caps."""

    def __init__(self, settings: Settings, *, resolver: Resolver | None = None) -> None:
        self._settings = settings
        self._resolver: Resolver = resolver or system_resolver
        self._allow = tuple(settings.fetch_allow_networks)
        self._session: aiohttp.ClientSession | None = None
        if self._allow:
            log.warning(
                "the private-address block is widened (DIPLOBRIEF_FETCH_ALLOW_NETWORKS): "
                "pages may be fetched from %s%s",
                ", ".join(str(net) for net in self._allow),
                " (every address)" if any(net.prefixlen == 0 for net in self._allow) else "",
            )

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(
                resolver=_PinnedResolver(), use_dns_cache=False, limit=32, limit_per_host=4
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1",
                    "Accept-Language": "en;q=1.0, *;q=0.5",
                },
                timeout=aiohttp.ClientTimeout(total=self._settings.fetch_timeout),
                cookie_jar=aiohttp.DummyCookieJar(),  # cookies live per fetch, see _fetch
                trust_env=False,
                auto_decompress=True,
            )
        return self._session

    async def close(self) -> None:
        """Close the HTTP session and its connections."""
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def get_page(self, url: str) -> Page:
        """Fetch one web page, following up to five redirects, or raise a DiplobriefError."""
        return await self._within_limits(url, self._fetch(url, self._read))

    async def get_feed(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FeedResponse:
        """Fetch a feed (or the HTML page that links one) under the same rules as a page,
        asking only for what changed since `etag`/`last_modified`."""
        headers = {"Accept": FEED_ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return await self._within_limits(url, self._fetch(url, self._read_feed, headers))

    async def _within_limits(self, url: str, fetching: Awaitable[T]) -> T:
        limit = self._settings.fetch_timeout
        try:
            async with asyncio.timeout(limit):
                return await fetching
        except TimeoutError:
            log.info("gave up on %s after %.3g s", url[:200], limit)
            raise FetchFailed(f"the site took too long to answer (over {limit:g} s)") from None
        except DiplobriefError as exc:
            log.info("did not fetch %s: %s: %s", url[:200], exc.kind, exc)
            raise

    async def _fetch(
        self,
        url: str,
        read: Callable[[aiohttp.ClientResponse, str], Awaitable[T]],
        headers: dict[str, str] | None = None,
    ) -> T:
        current = normalise_url(url, strip_tracking=False)
        jar = aiohttp.CookieJar(quote_cookie=False)
        for hop in range(MAX_REDIRECTS + 1):
            parts = urlsplit(current)
            host = parts.hostname or ""
            addresses = await self._checked_addresses(host, parts.port or _default_port(parts))
            token = _PINS.set({host.rstrip("."): addresses})
            try:
                async with self._get_session().get(
                    current,
                    allow_redirects=False,
                    cookies=jar.filter_cookies(URL(current)),
                    headers=headers,
                ) as response:
                    if response.status not in REDIRECT_STATUSES:
                        return await read(response, current)
                    jar.update_cookies(response.cookies, response.url)
                    location = response.headers.get("Location")
            except aiohttp.ClientError as exc:
                raise _client_failure(host, exc) from None
            finally:
                _PINS.reset(token)
            if not location:
                raise FetchFailed(f"the site sent a redirect (HTTP {response.status}) to nowhere")
            if hop == MAX_REDIRECTS:
                log.info("refused %s: more than %d redirects", url, MAX_REDIRECTS)
                raise FetchFailed(f"the link redirects more than {MAX_REDIRECTS} times")
            target = urljoin(current, location)
            log.debug("%s redirects (%d) to %s", current, response.status, target)
            try:
                current = normalise_url(target, strip_tracking=False)
            except BlockedURL as exc:
                log.warning("refused redirect from %s to %s: %s", current, target[:200], exc)
                raise BlockedURL(f"the link redirects somewhere I won't go: {exc}") from None
            except BadTarget as exc:
                log.info("bad redirect from %s to %s: %s", current, target[:200], exc)
                raise FetchFailed(f"the link redirects to an invalid address: {exc}") from None
        raise AssertionError("unreachable")  # the loop returns or raises

    async def _checked_addresses(self, host: str, port: int) -> list[str]:
        """Resolve host once and return its addresses if every one may be fetched."""
        name = host.rstrip(".")
        if name == "localhost" or name.endswith(".localhost"):
            addresses = ["127.0.0.1", "::1"]  # RFC 6761: never ask DNS about localhost
        elif _is_ip(host):
            addresses = [host]
        else:
            if port not in ALLOWED_PORTS and not self._allow:
                # Refuse before the lookup: no DNS query for a fetch that cannot happen.
                log.warning("refused %s:%d: port not allowed", host, port)
                raise BlockedURL(_port_message())
            try:
                addresses = await self._resolver(host, port)
            except (OSError, UnicodeError, ValueError) as exc:
                # UnicodeError: a name the resolver cannot encode (normalise_url refuses the
                # ones known, such as a part over 63 characters); never a crash.
                log.info("could not resolve %s: %r", host, exc)
                raise FetchFailed(f"I couldn't find the site {host}") from None
            if not addresses:
                raise FetchFailed(f"I couldn't find the site {host}")
        allowed_everywhere = True
        for ip in addresses:
            reason, allowed = address_refusal(ip, self._allow)
            if reason:
                log.warning("refused %s: it resolves to %s (%s)", host, ip, reason)
                raise BlockedURL(
                    "that link points to a private or local network address "
                    f"({reason}); I only read public web pages"
                )
            allowed_everywhere = allowed_everywhere and allowed
        if port not in ALLOWED_PORTS and not allowed_everywhere:
            log.warning("refused %s:%d: port not allowed", host, port)
            raise BlockedURL(_port_message())
        return addresses

    async def _read(self, response: aiohttp.ClientResponse, url: str) -> Page:
        """Check status and type, read the body within the cap, and decode it."""
        status = response.status
        _check_status(status, url)
        media = _media_type(response, url, PAGE_TYPES)
        body = await self._body(response, url)
        # Up to 5 MB to check as UTF-8, maybe a charset to detect, then decode: not on the loop.
        text, encoding = await asyncio.to_thread(
            decode_body, body, response.charset, html=media != "text/plain"
        )
        log.debug("fetched %s: %d bytes, %s", url, len(body), encoding)
        media = media or guess_media(text)
        return Page(
            url=url,
            text=text,
            content_type=media,
            status=status,
            headers={k: v for k, v in response.headers.items()},
        )

    async def _read_feed(self, response: aiohttp.ClientResponse, url: str) -> FeedResponse:
        """A feed's raw bytes (the parser finds their encoding), or nothing on a 304."""
        status = response.status
        etag = response.headers.get("ETag")
        last_modified = response.headers.get("Last-Modified")
        if status == 304:
            return FeedResponse(url, status, b"", "", etag, last_modified)
        _check_status(status, url)
        media = _media_type(response, url, FEED_TYPES | PAGE_TYPES)
        body = await self._body(response, url)
        return FeedResponse(url, status, body, media, etag, last_modified)

    async def _body(self, response: aiohttp.ClientResponse, url: str) -> bytes:
        """Read the body within the size cap, refusing binary files whatever their label."""
        cap = self._settings.fetch_max_bytes
        declared = response.content_length
        if declared is not None and declared > cap and "Content-Encoding" not in response.headers:
            log.info("refused %s: Content-Length %d over the cap", url, declared)
            raise TooLarge(_too_large_message(cap))
        chunks: list[bytes] = []
        total = 0
        # The stream yields decompressed bytes, so the cap counts what a bomb unpacks to.
        async for chunk in response.content.iter_chunked(_CHUNK):
            total += len(chunk)
            if total > cap:
                log.info("stopped reading %s past %d bytes", url, cap)
                raise TooLarge(_too_large_message(cap))
            chunks.append(chunk)
        body = b"".join(chunks)
        refusal = sniff_binary(body)
        if refusal:
            log.info("refused %s: the body is %s", url, refusal)
            raise UnsupportedContent(refusal)
        return body


def _check_status(status: int, url: str) -> None:
    if status >= 400 or status < 200 or status in (204, 205):
        log.info("fetch of %s failed: HTTP %d", url, status)
        raise FetchFailed(_status_message(status))


def _media_type(response: aiohttp.ClientResponse, url: str, allowed: frozenset[str]) -> str:
    """The response's media type, if one this fetch reads (none declared passes: sniffed)."""
    media = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if media and media not in allowed:
        log.info("refused %s: content type %s", url, media)
        raise UnsupportedContent(describe_media_type(media))
    return media


def _default_port(parts: object) -> int:
    return 443 if getattr(parts, "scheme", "") == "https" else 80


def _is_ip(host: str) -> bool:
    try:
        socket.inet_pton(socket.AF_INET6 if ":" in host else socket.AF_INET, host)
    except OSError:
        return False
    return True


def _port_message() -> str:
    ports = ", ".join(str(p) for p in sorted(ALLOWED_PORTS))
    return f"I only read pages on the usual web ports ({ports})"


def _too_large_message(cap: int) -> str:
    return f"that page is larger than {cap / 1_048_576:.3g} MB, more than I read"


def _status_message(status: int) -> str:
    if status in (401, 402, 403, 407):
        return f"the site refused me the page (HTTP {status}); it may need a login or subscription"
    if status in (404, 410):
        return f"the site says that page does not exist (HTTP {status})"
    if status == 429:
        return "the site is limiting requests (HTTP 429); try again later"
    if status >= 500:
        return f"the site had an error (HTTP {status}); try again later"
    if status >= 400:
        return f"the site answered with an error (HTTP {status})"
    return f"the site sent no page (HTTP {status})"


def _client_failure(host: str, exc: aiohttp.ClientError) -> FetchFailed:
    """Turn an aiohttp error into a message for the user, logging the detail."""
    log.info("fetch from %s failed: %r", host, exc)
    if isinstance(exc, TimeoutError):
        return FetchFailed("the site took too long to answer")
    if isinstance(exc, aiohttp.ClientConnectorCertificateError | aiohttp.ClientSSLError):
        return FetchFailed(f"{host} has an invalid security certificate")
    if isinstance(exc, aiohttp.ClientConnectorError):
        return FetchFailed(f"I couldn't connect to {host}")
    if isinstance(exc, aiohttp.ClientPayloadError):
        return FetchFailed(f"{host} sent a broken response")
    return FetchFailed(f"I couldn't read the page from {host}")  # the detail is in the log
