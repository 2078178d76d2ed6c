"""A fake Discord: an aiohttp server on 127.0.0.1 that plays Discord's REST API for discord.py,
records every request, checks each body against the spec, and models what users get to see."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import discord
from aiohttp import web

from tests.bot import payloads as p
from tests.bot.screens import Screens, Shown, bot_message
from tests.bot.spec_check import DiscordSpec, ping_errors

API = "/api/v10"

ROUTES: list[tuple[str, str]] = [
    ("GET", "/users/@me"),
    ("GET", "/oauth2/applications/@me"),
    ("PUT", "/applications/{application_id}/commands"),
    ("PUT", "/applications/{application_id}/guilds/{guild_id}/commands"),
    ("POST", "/interactions/{interaction_id}/{interaction_token}/callback"),
    ("POST", "/webhooks/{webhook_id}/{webhook_token}"),
    ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original"),
    ("DELETE", "/webhooks/{webhook_id}/{webhook_token}/messages/@original"),
    ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"),
    ("POST", "/channels/{channel_id}/messages"),
    ("POST", "/channels/{channel_id}/typing"),
    ("POST", "/channels/{channel_id}/threads"),
]


def _compile(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{([^}]+)\}", template)
    out = "".join(
        f"(?P<{part}>[^/]+)" if i % 2 else re.escape(part) for i, part in enumerate(parts)
    )
    return re.compile(f"^{out}$")


_COMPILED = [(m, t, _compile(t)) for m, t in ROUTES]


@dataclass
class Request:
    """One request the bot sent."""

    method: str
    path: str
    template: str | None
    params: dict[str, str]
    query: dict[str, str]
    body: Any
    at: float
    status: int = 0
    response: Any = None


@dataclass
class Fault:
    method: str
    pattern: re.Pattern[str]
    status: int
    body: Any
    headers: dict[str, str]
    times: int


class FakeDiscord:
    """Discord's REST API, enough of it for the bot; faults can be injected per route."""

    def __init__(self, spec: DiscordSpec | None) -> None:
        self.spec = spec
        self.requests: list[Request] = []
        self.violations: list[str] = []
        self.unhandled: list[str] = []
        self.faults: list[Fault] = []
        self.delays: list[tuple[str, re.Pattern[str], float]] = []  # (method, path, seconds)
        self.messages: dict[int, dict[str, Any]] = {}  # channel messages the bot posted
        self.screens = Screens()
        self._runner: web.AppRunner | None = None
        self.base = ""

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(client_max_size=8 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.base = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def connect(self, bot: discord.Client) -> None:
        """Play the gateway's opening: READY, then the test server's GUILD_CREATE."""
        state = bot._connection
        state.guild_ready_timeout = 0.05
        state.parsers["READY"](p.ready())
        state.parsers["GUILD_CREATE"](p.guild_create())

    # -- feeding events ------------------------------------------------------------------------

    def send_interaction(self, bot: discord.Client, payload: dict[str, Any]) -> str:
        """Deliver an INTERACTION_CREATE; return its token, the key to what the user sees."""
        token = self.screens.register(payload)
        bot._connection.parsers["INTERACTION_CREATE"](payload)
        return token

    def send_message(self, bot: discord.Client, payload: dict[str, Any]) -> dict[str, Any]:
        bot._connection.parsers["MESSAGE_CREATE"](payload)
        return payload

    # -- faults --------------------------------------------------------------------------------

    def fail(
        self,
        method: str,
        pattern: str,
        status: int,
        body: Any = None,
        *,
        headers: dict[str, str] | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next `times` matching requests with this status (429, 5xx, 404...)."""
        self.faults.append(Fault(method, re.compile(pattern), status, body, headers or {}, times))

    def rate_limit(self, method: str, pattern: str, retry_after: float = 0.2) -> None:
        """A 429 as Discord sends it (Cloudflare's Via header marks it as Discord's own)."""
        self.fail(
            method,
            pattern,
            429,
            {"message": "You are being rate limited.", "retry_after": retry_after, "global": False},
            headers={
                "Via": "1.1 google",
                "Retry-After": str(retry_after),
                "X-RateLimit-Scope": "user",
            },
        )

    def slow(self, method: str, pattern: str, seconds: float) -> None:
        """Answer every matching request only after `seconds` (a slow Discord)."""
        self.delays.append((method, re.compile(pattern), seconds))

    def expire(self, token: str) -> None:
        """Make an interaction's token dead: its webhook calls answer 404 Unknown Webhook."""
        pattern = f"^/webhooks/[^/]+/{re.escape(token)}"
        self.fail("*", pattern, 404, {"message": "Unknown Webhook", "code": 10015}, times=99)

    def _take_fault(self, method: str, path: str) -> Fault | None:
        for fault in self.faults:
            if fault.times > 0 and fault.method in (method, "*") and fault.pattern.search(path):
                fault.times -= 1
                return fault
        return None

    # -- queries -------------------------------------------------------------------------------

    def find(self, method: str, template: str) -> list[Request]:
        return [r for r in self.requests if r.method == method and r.template == template]

    def posts(self, channel_id: int) -> list[Request]:
        return [
            r
            for r in self.find("POST", "/channels/{channel_id}/messages")
            if r.params["channel_id"] == str(channel_id) and 200 <= r.status < 300
        ]

    def for_token(self, token: str) -> list[Request]:
        return [r for r in self.requests if token in r.path]

    def visible(self, token: str) -> list[Shown]:
        return self.screens.visible(token)

    def answered(self, token: str) -> bool:
        return self.screens.answered(token)

    async def wait_until(self, check: Callable[[], Any], timeout: float = 20.0) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = check()
            if result:
                return result
            await asyncio.sleep(0.01)
        raise AssertionError(f"timed out after {timeout}s; requests: {self.summary()}")

    def summary(self) -> list[str]:
        return [f"{r.method} {r.path} -> {r.status}" for r in self.requests]

    # -- the server ----------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        if not path.startswith(API):
            self.unhandled.append(f"{request.method} {path}")
            return _json({"message": "404: Not Found", "code": 0}, status=404)
        path = path[len(API) :]
        body = await _read_body(request)
        template, params = _match(request.method, path)
        rec = Request(
            request.method, path, template, params, dict(request.query), body, time.monotonic()
        )
        self.requests.append(rec)
        if body is not None:
            self._check(rec)
        for method, pattern, seconds in self.delays:
            if method in (request.method, "*") and pattern.search(path):
                await asyncio.sleep(seconds)
        fault = self._take_fault(request.method, path)
        if fault is not None:
            rec.status = fault.status
            return _json(fault.body, status=fault.status, headers=fault.headers)
        if template is None:
            self.unhandled.append(f"{request.method} {path}")
            rec.status = 404
            return _json({"message": "404: Not Found", "code": 0}, status=404)
        status, answer = self._answer(rec)
        rec.status, rec.response = status, answer
        if answer is None:
            return web.Response(status=status)
        return _json(answer, status=status)

    def _check(self, rec: Request) -> None:
        problems: list[str] = []
        if self.spec is not None:
            problems += self.spec.errors(rec.method, rec.path, rec.body)
        if rec.template is not None:
            problems += ping_errors(rec.method, rec.template, rec.body)
        self.violations += [f"{rec.method} {rec.path}: {x}" for x in problems]

    def _answer(self, rec: Request) -> tuple[int, Any]:
        t, prm, body = rec.template, rec.params, rec.body
        if t == "/users/@me":
            return 200, p.BOT_USER
        if t == "/oauth2/applications/@me":
            return 200, p.application()
        if t and t.endswith("/commands"):
            return 200, [self._registered(c, prm.get("guild_id")) for c in body]
        if t == "/interactions/{interaction_id}/{interaction_token}/callback":
            return self.screens.callback(prm["interaction_token"], body)
        if t == "/webhooks/{webhook_id}/{webhook_token}":
            return self.screens.followup(prm["webhook_token"], body)
        if t and t.startswith("/webhooks/") and rec.method == "PATCH":
            return self.screens.edit(prm["webhook_token"], prm.get("message_id"), body)
        if t and t.startswith("/webhooks/") and rec.method == "DELETE":
            return self.screens.delete(prm["webhook_token"])
        if t == "/channels/{channel_id}/typing":
            return 204, None
        if t == "/channels/{channel_id}/threads":  # a forum post: a thread with its message
            thread_id = p.snowflake()
            thread = p.thread_channel(thread_id, parent_id=int(prm["channel_id"]))
            thread.update(name=body.get("name", ""), owner_id=str(p.APP_ID))
            msg = bot_message(thread_id, body.get("message") or {})
            self.messages[int(msg["id"])] = msg
            return 201, {**thread, "message": msg}
        if t == "/channels/{channel_id}/messages":
            msg = bot_message(int(prm["channel_id"]), body, reply=True)
            self.messages[int(msg["id"])] = msg
            return 200, msg
        return 404, {"message": "404: Not Found", "code": 0}

    def _registered(self, command: dict[str, Any], guild_id: str | None) -> dict[str, Any]:
        out = {**command, "id": str(p.COMMAND_IDS.get(command["name"], p.snowflake()))}
        out.update(application_id=str(p.APP_ID), version=str(p.snowflake()))
        out.setdefault("type", 1)
        out.setdefault("description", "")  # Discord answers "" for context menus
        if guild_id:
            out["guild_id"] = guild_id
        return out


def _json(data: Any, *, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # Exactly "application/json", as Discord sends it: discord.py compares the header verbatim.
    hdrs = {**(headers or {}), "Content-Type": "application/json"}
    return web.Response(body=json.dumps(data).encode(), status=status, headers=hdrs)


def _match(method: str, path: str) -> tuple[str | None, dict[str, str]]:
    for m, template, regex in _COMPILED:
        found = regex.match(path)
        if m == method and found:
            return template, found.groupdict()
    return None, {}


async def _read_body(request: web.Request) -> Any:
    if not request.can_read_body:
        return None
    if request.content_type == "application/json":
        return json.loads(await request.text())
    if request.content_type.startswith("multipart/"):
        form = await request.post()
        raw = form.get("payload_json")
        return json.loads(str(raw)) if raw is not None else None
    return await request.text()
