"""Check request bodies against Discord's OpenAPI spec, strictly, plus the limits it leaves out."""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

SPEC_ENV = "DIPLOBRIEF_DISCORD_SPEC"
DEFAULT_SPEC = Path(__file__).resolve().parents[3] / "shared" / "discord" / "openapi.json"

COMMAND_NAME = re.compile(r"^[-_\w]{1,32}$")
EMBEDS_TOTAL = 6000
BOT_CONTENT = 2000
# Where a message (content, embeds, allowed_mentions) sits inside each request body.
MESSAGE_ROUTES = {
    ("POST", "/channels/{channel_id}/messages"),
    ("PATCH", "/channels/{channel_id}/messages/{message_id}"),
    ("POST", "/webhooks/{webhook_id}/{webhook_token}"),
    ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original"),
    ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"),
}
CALLBACK_ROUTE = ("POST", "/interactions/{interaction_id}/{interaction_token}/callback")
COMMAND_ROUTES = {
    ("PUT", "/applications/{application_id}/commands"),
    ("PUT", "/applications/{application_id}/guilds/{guild_id}/commands"),
}


def spec_path() -> Path:
    """Return where the spec is read from: $DIPLOBRIEF_DISCORD_SPEC or ../shared/discord/."""
    return Path(os.environ.get(SPEC_ENV) or DEFAULT_SPEC)


def _strict(node: Any) -> Any:
    """Forbid keys the spec does not list: the spec never says so, so a typo would pass."""
    if isinstance(node, dict):
        for value in node.values():
            _strict(value)
        if "properties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
    elif isinstance(node, list):
        for value in node:
            _strict(value)
    return node


def _template_regex(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", template)
    body = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
    return re.compile(f"^{body}$")


class DiscordSpec:
    """Validators for the JSON request bodies of Discord's REST API, from its OpenAPI document."""

    def __init__(self, document: dict[str, Any]) -> None:
        components = _strict(copy.deepcopy(document["components"]))
        schemas = components["schemas"]
        # discord.py sends some snowflakes (message_reference ids) as integers; Discord takes both.
        schemas["SnowflakeType"] = {
            "anyOf": [schemas["SnowflakeType"], {"type": "integer", "minimum": 0}]
        }
        # discord.py 2.7 puts the embed's `flags` (0) in every embed it sends; Discord documents
        # the field on the embed object and accepts it, but the request schema leaves it out.
        schemas["RichEmbed"]["properties"]["flags"] = {"type": ["integer", "null"], "minimum": 0}
        # Commands carry `nsfw` (age-restricted): Discord documents it, returns it on every command
        # (ApplicationCommandResponse) and discord.py always sends it; the request schema lacks it.
        schemas["ApplicationCommandUpdateRequest"]["properties"]["nsfw"] = {
            "type": ["boolean", "null"]
        }
        self._components = components
        self._routes: list[tuple[str, str, re.Pattern[str], dict[str, Any]]] = []
        # Literal segments (@original) must win over {message_id}: try templates with fewer
        # placeholders first.
        for template in sorted(document["paths"], key=lambda t: t.count("{")):
            for method, op in document["paths"][template].items():
                if not isinstance(op, dict):
                    continue
                content = (op.get("requestBody") or {}).get("content") or {}
                schema = (content.get("application/json") or {}).get("schema")
                if schema is not None:
                    self._routes.append(
                        (method.upper(), template, _template_regex(template), schema)
                    )
        self._validators: dict[tuple[str, str], Draft202012Validator] = {}

    @classmethod
    def load(cls, path: Path | None = None) -> DiscordSpec:
        path = path or spec_path()
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def route(self, method: str, path: str) -> str | None:
        """Return the spec's path template for a request path (without /api/v10), or None."""
        for m, template, regex, _ in self._routes:
            if m == method and regex.match(path):
                return template
        return None

    def _validator(self, method: str, template: str) -> Draft202012Validator:
        key = (method, template)
        if key not in self._validators:
            schema = next(s for m, t, _, s in self._routes if (m, t) == key)
            # Refs are "#/components/schemas/...": give them a root that holds the components.
            root = {"components": self._components, **copy.deepcopy(schema)}
            self._validators[key] = Draft202012Validator(root)
        return self._validators[key]

    def errors(self, method: str, path: str, body: Any) -> list[str]:
        """Return every way this body breaks the spec or Discord's unwritten limits."""
        template = self.route(method, path)
        if template is None:
            return [f"{method} {path}: no JSON request body in the spec for this route"]
        problems = [
            f"{method} {template}: {_describe(e)}"
            for e in self._validator(method, template).iter_errors(body)
        ]
        problems += gap_errors(method, template, body)
        return problems


def _describe(error: ValidationError) -> str:
    """Name the most specific failure (inside anyOf/oneOf branches), with its place in the body."""
    leaf = error
    while leaf.context:
        branches: dict[Any, list[ValidationError]] = {}
        for sub in leaf.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)

        # The meant branch is the one not ruled out by its discriminator ("type": 4 vs 9...)
        # and with the fewest complaints; its deepest complaint says what is wrong.
        def rank(errs: list[ValidationError]) -> tuple[bool, int]:
            ruled_out = any(
                e.validator in ("type", "enum", "const") and len(e.relative_path) <= 1 for e in errs
            )
            return ruled_out, len(errs)

        best = min(branches.values(), key=rank)
        leaf = max(best, key=lambda e: len(e.absolute_path))
    where = "/".join(map(str, leaf.absolute_path)) or "<body>"
    message = leaf.message if len(leaf.message) <= 300 else leaf.message[:300] + "…"
    return f"{where}: {message}"


def embed_chars(embed: dict[str, Any]) -> int:
    """Count an embed's characters as Discord does for the 6,000 limit."""
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    total += len((embed.get("footer") or {}).get("text") or "")
    total += len((embed.get("author") or {}).get("name") or "")
    for field in embed.get("fields") or []:
        total += len(field.get("name") or "") + len(field.get("value") or "")
    return total


def message_of(method: str, template: str, body: Any) -> dict[str, Any] | None:
    """Return the message part of a request body (content, embeds...), if it carries one."""
    if not isinstance(body, dict):
        return None
    if (method, template) == CALLBACK_ROUTE:
        data = body.get("data")
        return data if isinstance(data, dict) and body.get("type") in (4, 7) else None
    if (method, template) in MESSAGE_ROUTES:
        return body
    return None


def gap_errors(method: str, template: str, body: Any) -> list[str]:
    """Check the rules Discord enforces that the spec does not state."""
    problems: list[str] = []
    message = message_of(method, template, body)
    if message is not None:
        content = message.get("content") or ""
        if len(content) > BOT_CONTENT:
            problems.append(f"content is {len(content)} characters (bots: at most {BOT_CONTENT})")
        embeds = message.get("embeds") or []
        total = sum(embed_chars(e) for e in embeds if isinstance(e, dict))
        if total > EMBEDS_TOTAL:
            problems.append(f"embeds total {total} characters (at most {EMBEDS_TOTAL})")
    if (method, template) in COMMAND_ROUTES and isinstance(body, list):
        for command in body:
            problems += command_errors(command)
    return problems


def _options(options: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for option in options or []:
        if isinstance(option, dict):
            name = f"{where} {option.get('name')}"
            yield name, option
            yield from _options(option.get("options"), name)


def command_errors(command: dict[str, Any]) -> list[str]:
    """Slash-command and option names: lowercase, ^[-_\\w]{1,32}$; descriptions 1-100."""
    problems: list[str] = []
    name = str(command.get("name", ""))
    if command.get("type", 1) in (1, None):
        if not COMMAND_NAME.match(name) or name != name.lower():
            problems.append(
                f"command name {name!r} must be lowercase and match {COMMAND_NAME.pattern}"
            )
        if not 1 <= len(command.get("description") or "") <= 100:
            problems.append(
                f"command {name!r}: a slash command needs a 1-100 character description"
            )
    elif not 1 <= len(name) <= 32:
        problems.append(f"context menu name {name!r} must be 1-32 characters")
    for where, option in _options(command.get("options"), f"/{name}"):
        oname = str(option.get("name", ""))
        if not COMMAND_NAME.match(oname) or oname != oname.lower():
            problems.append(f"option {where!r} must be lowercase and match {COMMAND_NAME.pattern}")
        if not 1 <= len(option.get("description") or "") <= 100:
            problems.append(f"option {where!r} needs a 1-100 character description")
    return problems


def ping_errors(method: str, template: str, body: Any) -> list[str]:
    """The bot's own rule: every message it sends pings nobody (allowed_mentions parse [])."""
    message = message_of(method, template, body)
    if message is None or not (message.get("content") or message.get("embeds")):
        return []
    mentions = message.get("allowed_mentions")
    if not isinstance(mentions, dict):
        return [f"{method} {template}: no allowed_mentions, so Discord's defaults would ping"]
    problems = []
    if mentions.get("parse") != []:
        problems.append(f"{method} {template}: allowed_mentions.parse is {mentions.get('parse')!r}")
    for key in ("users", "roles"):
        if mentions.get(key):
            problems.append(f"{method} {template}: allowed_mentions.{key} is {mentions[key]!r}")
    if mentions.get("replied_user"):
        problems.append(f"{method} {template}: the reply pings its author")
    return problems
