"""A fake Discord: an aiohttp server on 127.0.0.1 that plays Discord's REST API for discord.py,
records every request, checks each body against the spec, and models what users get to see."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import discord
import payloads as p
from aiohttp import web
from spec_check import DiscordSpec, ping_errors

API = "/api/v10"
EPHEMERAL = 64
LOADING = 128  # the "thinking…" state of a deferred response

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
class Shown:
    """A message as a user sees it in the client."""

    id: int
    ephemeral: bool
    loading: bool = False
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    deleted: bool = False
    raw: dict[str, Any] = field(default_factory=dict)


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
        self.messages: dict[int, dict[str, Any]] = {}  # channel messages the bot posted
        self.shown: dict[str, list[Shown]] = {}  # per interaction token
        self._interactions: dict[str, dict[str, Any]] = {}
        self._answered: set[str] = set()
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
        token = payload["token"]
        self._interactions[token] = payload
        self.shown[token] = []
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
        return [m for m in self.shown.get(token, []) if not m.deleted]

    def answered(self, token: str) -> bool:
        """True when the user sees a finished reply (not just "thinking…")."""
        return any(not m.loading for m in self.visible(token))

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
            return self._callback(prm["interaction_token"], body)
        if t == "/webhooks/{webhook_id}/{webhook_token}":
            return self._followup(prm["webhook_token"], body)
        if t and t.startswith("/webhooks/") and rec.method == "PATCH":
            return self._edit(prm["webhook_token"], prm.get("message_id"), body)
        if t and t.startswith("/webhooks/") and rec.method == "DELETE":
            for shown in self.visible(prm["webhook_token"])[:1]:
                shown.deleted = True
            return 204, None
        if t == "/channels/{channel_id}/typing":
            return 204, None
        if t == "/channels/{channel_id}/messages":
            msg = self._message(int(prm["channel_id"]), body, reply=True)
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

    def _callback(self, token: str, body: dict[str, Any]) -> tuple[int, Any]:
        if token not in self._interactions:
            return 404, {"message": "Unknown interaction", "code": 10062}
        if token in self._answered:
            return 400, {"message": "Interaction has already been acknowledged.", "code": 40060}
        self._answered.add(token)
        payload = self._interactions[token]
        kind = body.get("type")
        data = body.get("data") or {}
        flags = int(data.get("flags") or 0)
        msg = self._message(int(payload["channel_id"]), data, webhook=True)
        shown = Shown(int(msg["id"]), bool(flags & EPHEMERAL), raw=msg)
        if kind == 5:
            shown.loading = True
            msg["flags"] = flags | LOADING
        elif kind == 4:
            shown.content = data.get("content") or ""
            shown.embeds = data.get("embeds") or []
            shown.components = data.get("components") or []
        if kind in (4, 5):
            self.shown[token].append(shown)
        result = {
            "interaction": {
                "id": payload["id"],
                "type": payload["type"],
                "response_message_id": msg["id"],
                "response_message_loading": kind == 5,
                "response_message_ephemeral": bool(flags & EPHEMERAL),
            },
            "resource": {"type": kind, "message": msg} if kind in (4, 5) else {"type": kind},
        }
        return 200, result

    def _followup(self, token: str, body: dict[str, Any]) -> tuple[int, Any]:
        payload = self._interactions.get(token)
        if payload is None:
            return 404, {"message": "Unknown Webhook", "code": 10015}
        flags = int(body.get("flags") or 0)
        loading = [m for m in self.visible(token) if m.loading]
        if loading:
            # The first followup after a defer replaces the "thinking…" message and keeps its
            # visibility: an ephemeral flag here cannot make a public defer private.
            shown = loading[0]
            shown.loading = False
        else:
            shown = Shown(0, bool(flags & EPHEMERAL))
            self.shown[token].append(shown)
        msg = self._message(int(payload["channel_id"]), body, webhook=True)
        if shown.id:
            msg["id"] = str(shown.id)
        shown.id = int(msg["id"])
        shown.content = body.get("content") or ""
        shown.embeds = body.get("embeds") or []
        shown.components = body.get("components") or []
        shown.raw = msg
        msg["flags"] = EPHEMERAL if shown.ephemeral else 0
        return 200, msg

    def _edit(self, token: str, message_id: str | None, body: dict[str, Any]) -> tuple[int, Any]:
        payload = self._interactions.get(token)
        visible = self.visible(token)
        if payload is None or not visible:
            return 404, {"message": "Unknown Message", "code": 10008}
        shown = (
            visible[0]
            if message_id is None
            else next((m for m in visible if str(m.id) == message_id), None)
        )
        if shown is None:
            return 404, {"message": "Unknown Message", "code": 10008}
        shown.loading = False
        if "content" in body:
            shown.content = body["content"] or ""
        if "embeds" in body:
            shown.embeds = body["embeds"] or []
        if "components" in body:
            shown.components = body["components"] or []
        msg = self._message(int(payload["channel_id"]), body, webhook=True)
        msg["id"] = str(shown.id)
        return 200, msg

    def _message(
        self, channel_id: int, body: dict[str, Any], *, webhook: bool = False, reply: bool = False
    ) -> dict[str, Any]:
        msg = p.message(body.get("content") or "", author=p.BOT_USER, channel_id=channel_id)
        msg.pop("member", None)
        msg["embeds"] = body.get("embeds") or []
        msg["components"] = _components_as_sent(body.get("components") or [])
        msg["flags"] = int(body.get("flags") or 0)
        if webhook:
            msg["webhook_id"] = str(p.APP_ID)
            msg.pop("guild_id", None)
        ref = body.get("message_reference")
        if reply and ref:
            msg["type"] = 19
            msg["message_reference"] = {k: str(v) for k, v in ref.items() if k.endswith("_id")}
        return msg


def _json(data: Any, *, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # Exactly "application/json", as Discord sends it: discord.py compares the header verbatim.
    hdrs = {**(headers or {}), "Content-Type": "application/json"}
    return web.Response(body=json.dumps(data).encode(), status=status, headers=hdrs)


def _components_as_sent(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Echo components back as Discord stores them (it gives each an id)."""
    out = []
    for i, row in enumerate(components, 1):
        row = {**row, "id": row.get("id") or i}
        if "components" in row:
            row["components"] = [
                {**c, "id": c.get("id") or 10 * i + j} for j, c in enumerate(row["components"], 1)
            ]
        out.append(row)
    return out


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
