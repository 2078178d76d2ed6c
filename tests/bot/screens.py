"""What users see of the bot's answers to interactions, as Discord's client would show them:
a deferral shows "thinking…", the first followup replaces it and keeps its visibility, later
followups are new messages, edits and deletes change them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tests.bot import payloads as p

EPHEMERAL = 64
LOADING = 128  # the "thinking…" state of a deferred response

# Discord's markdown: a backslash before any punctuation shows that character as it is.
_ESCAPED = re.compile(r"\\([^0-9A-Za-z\s])")
# Discord's masked link at a "[" (simple-markdown's rule: escapes inside do not stop it).
_MASKED_LINK = re.compile(r"\[(?:\[[^\]]*\]|[^\[\]]|\](?=[^\[]*\]))*\]\(")
_TAG = re.compile(r"<(?:[@#/:]|t:|a:)", re.IGNORECASE)  # mention, channel, command, time, emoji
_EVERYONE = re.compile(r"@everyone|@here", re.IGNORECASE)
_BARE_LINK = re.compile(r"https?://[^\s<]+", re.IGNORECASE)  # Discord's: @ in one is no ping


def unescaped(text: str) -> str:
    """The text a Discord client shows for some markdown source, as far as escapes go."""
    return _ESCAPED.sub(r"\1", text)


def live_markup(text: str) -> list[str]:
    """The pieces of markdown source that Discord would turn into masked links, mentions, tags
    or pings rather than show as text: each starts at a character no backslash escapes."""
    in_links = {i for m in _BARE_LINK.finditer(text) for i in range(m.start(), m.end())}
    found: list[str] = []
    i = 0
    while i < len(text):
        if _ESCAPED.match(text, i):
            i += 2
            continue
        for pattern in (_MASKED_LINK, _TAG, _EVERYONE):
            match = pattern.match(text, i)
            if match and not (pattern is _EVERYONE and i in in_links):
                found.append(match.group())
        i += 1
    return found


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


class Screens:
    """Per interaction token: the payload Discord sent and the messages the user sees."""

    def __init__(self) -> None:
        self.shown: dict[str, list[Shown]] = {}
        self._interactions: dict[str, dict[str, Any]] = {}
        self._answered: set[str] = set()

    def register(self, payload: dict[str, Any]) -> str:
        token: str = payload["token"]
        self._interactions[token] = payload
        self.shown[token] = []
        return token

    def visible(self, token: str) -> list[Shown]:
        return [m for m in self.shown.get(token, []) if not m.deleted]

    def answered(self, token: str) -> bool:
        """True when the user sees a finished reply (not just "thinking…")."""
        return any(not m.loading for m in self.visible(token))

    def delete(self, token: str) -> tuple[int, Any]:
        for shown in self.visible(token)[:1]:
            shown.deleted = True
        return 204, None

    def callback(self, token: str, body: dict[str, Any]) -> tuple[int, Any]:
        if token not in self._interactions:
            return 404, {"message": "Unknown interaction", "code": 10062}
        if token in self._answered:
            return 400, {"message": "Interaction has already been acknowledged.", "code": 40060}
        self._answered.add(token)
        payload = self._interactions[token]
        kind = body.get("type")
        data = body.get("data") or {}
        flags = int(data.get("flags") or 0)
        msg = bot_message(int(payload["channel_id"]), data, webhook=True)
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

    def followup(self, token: str, body: dict[str, Any]) -> tuple[int, Any]:
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
        msg = bot_message(int(payload["channel_id"]), body, webhook=True)
        if shown.id:
            msg["id"] = str(shown.id)
        shown.id = int(msg["id"])
        shown.content = body.get("content") or ""
        shown.embeds = body.get("embeds") or []
        shown.components = body.get("components") or []
        shown.raw = msg
        msg["flags"] = EPHEMERAL if shown.ephemeral else 0
        return 200, msg

    def edit(self, token: str, message_id: str | None, body: dict[str, Any]) -> tuple[int, Any]:
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
        msg = bot_message(int(payload["channel_id"]), body, webhook=True)
        msg["id"] = str(shown.id)
        return 200, msg


def bot_message(
    channel_id: int, body: dict[str, Any], *, webhook: bool = False, reply: bool = False
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
