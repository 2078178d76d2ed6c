"""Gateway payloads (READY, GUILD_CREATE, INTERACTION_CREATE, MESSAGE_CREATE) shaped as Discord
documents them; the spec does not cover the gateway, so these follow the developer docs' tables."""

from __future__ import annotations

import itertools
import secrets
from datetime import UTC, datetime
from typing import Any

import discord

APP_ID = 1180000000000000001  # a bot user shares its application's id
GUILD_ID = 1180000000000000100
CHANNEL_ID = 1180000000000000200
OTHER_CHANNEL_ID = 1180000000000000201
QUIET_CHANNEL_ID = 1180000000000000202
MEMBER_ID = 1180000000000000300
ADMIN_ID = 1180000000000000301
OTHER_BOT_ID = 1180000000000000302
COMMAND_IDS = {"brief": 1180000000000000400, "actors": 1180000000000000401,
               "autobrief": 1180000000000000402, "settings": 1180000000000000403,
               "Brief links": 1180000000000000404}  # fmt: skip

EVERYDAY = discord.Permissions(
    view_channel=True,
    send_messages=True,
    embed_links=True,
    read_message_history=True,
    use_application_commands=True,
)
MANAGER = discord.Permissions(EVERYDAY.value | discord.Permissions(manage_guild=True).value)

_ids = itertools.count(1)


def snowflake() -> int:
    """Return a fresh id that decodes to now, as Discord's do."""
    return discord.utils.time_snowflake(datetime.now(UTC)) + next(_ids)


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def user(user_id: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": name.title(),
        "avatar": None,
        "public_flags": 0,
    }
    if bot:
        data["bot"] = True
    return data


BOT_USER = user(APP_ID, "diplobrief", bot=True)
MEMBER = user(MEMBER_ID, "analyst")
ADMIN = user(ADMIN_ID, "moderator")
OTHER_BOT = user(OTHER_BOT_ID, "newsfeed", bot=True)


def application() -> dict[str, Any]:
    """GET /oauth2/applications/@me."""
    return {
        "id": str(APP_ID),
        "name": "diplobrief",
        "icon": None,
        "description": "Briefs diplomatic news",
        "bot_public": True,
        "bot_require_code_grant": False,
        "owner": user(1180000000000000999, "owner"),
        "verify_key": "0" * 64,
        "flags": 1 << 19,  # GATEWAY_MESSAGE_CONTENT_LIMITED
        "team": None,
    }


def text_channel(channel_id: int, name: str, position: int = 0) -> dict[str, Any]:
    return {
        "id": str(channel_id),
        "type": 0,
        "guild_id": str(GUILD_ID),
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "flags": 0,
    }


def forum_channel(channel_id: int, name: str, *overwrites: dict[str, Any]) -> dict[str, Any]:
    """A forum channel (type 15) of the test server, as CHANNEL_CREATE sends it."""
    data = text_channel(channel_id, name, 3)
    data.update(
        type=15,
        permission_overwrites=list(overwrites),
        available_tags=[],
        default_reaction_emoji=None,
        default_sort_order=None,
        default_forum_layout=0,
        default_thread_rate_limit_per_user=0,
    )
    return data


def thread_channel(channel_id: int, parent_id: int = CHANNEL_ID) -> dict[str, Any]:
    """A public thread (type 11) under a text channel, as an interaction's `channel`."""
    return {
        "id": str(channel_id),
        "type": 11,
        "guild_id": str(GUILD_ID),
        "parent_id": str(parent_id),
        "owner_id": str(MEMBER_ID),
        "name": "grain talks",
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "message_count": 3,
        "member_count": 2,
        "total_message_sent": 3,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 1440,
            "archive_timestamp": "2024-01-01T00:00:00+00:00",
            "locked": False,
        },
        "flags": 0,
        "permissions": str(EVERYDAY.value),
    }


def voice_channel(channel_id: int) -> dict[str, Any]:
    """A voice channel (type 2), whose text chat can run commands."""
    return {
        "id": str(channel_id),
        "type": 2,
        "guild_id": str(GUILD_ID),
        "name": "briefing room",
        "position": 3,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "bitrate": 64000,
        "user_limit": 0,
        "rtc_region": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "flags": 0,
        "permissions": str(EVERYDAY.value),
    }


def member(data: dict[str, Any], permissions: discord.Permissions | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "user": data,
        "nick": None,
        "avatar": None,
        "roles": [],
        "joined_at": "2024-01-01T00:00:00+00:00",
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
    }
    if permissions is not None:
        out["permissions"] = str(permissions.value)
    return out


def ready() -> dict[str, Any]:
    return {
        "v": 10,
        "user": BOT_USER,
        "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
        "session_id": secrets.token_hex(16),
        "resume_gateway_url": "wss://gateway.invalid",
        "application": {"id": str(APP_ID), "flags": 1 << 19},
        "private_channels": [],
        "relationships": [],
    }


def guild_create() -> dict[str, Any]:
    return {
        "id": str(GUILD_ID),
        "name": "Foreign Desk",
        "icon": None,
        "owner_id": str(ADMIN_ID),
        "afk_timeout": 300,
        "verification_level": 1,
        "default_message_notifications": 1,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "nsfw_level": 0,
        "premium_tier": 0,
        "preferred_locale": "en-GB",
        "system_channel_flags": 0,
        "features": [],
        "roles": [
            {
                "id": str(GUILD_ID),
                "name": "@everyone",
                "permissions": str(EVERYDAY.value),
                "position": 0,
                "color": 0,
                "hoist": False,
                "managed": False,
                "mentionable": False,
                "flags": 0,
            }
        ],
        "emojis": [],
        "stickers": [],
        "channels": [
            text_channel(CHANNEL_ID, "world-news"),
            text_channel(OTHER_CHANNEL_ID, "europe", 1),
            text_channel(QUIET_CHANNEL_ID, "general", 2),
        ],
        "threads": [],
        "members": [member(BOT_USER)],
        "member_count": 4,
        "voice_states": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "large": False,
        "unavailable": False,
        "joined_at": "2024-01-01T00:00:00+00:00",
    }


def interaction(
    data: dict[str, Any] | None,
    *,
    kind: int = 2,
    who: dict[str, Any] = MEMBER,
    permissions: discord.Permissions = EVERYDAY,
    channel_id: int = CHANNEL_ID,
    dm: bool = False,
    message: dict[str, Any] | None = None,
    channel: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An INTERACTION_CREATE payload: kind 2 is a command, 3 a button press; `channel` replaces
    the text channel a server interaction comes from (a thread, a voice channel's chat)."""
    payload: dict[str, Any] = {
        "id": str(snowflake()),
        "application_id": str(APP_ID),
        "type": kind,
        "token": "itok-" + secrets.token_urlsafe(24),
        "version": 1,
        "locale": "en-GB",
        "app_permissions": str(EVERYDAY.value),
        "entitlements": [],
        "attachment_size_limit": 10 * 1024 * 1024,
    }
    if data is not None:
        payload["data"] = data
    if dm:
        payload["context"] = 1  # BOT_DM
        payload["authorizing_integration_owners"] = {"0": str(GUILD_ID)}
        payload["user"] = who
        payload["channel"] = {"id": str(channel_id), "type": 1, "recipients": [who], "flags": 0}
        payload["channel_id"] = str(channel_id)
    else:
        payload["context"] = 0  # GUILD
        payload["authorizing_integration_owners"] = {"0": str(GUILD_ID)}
        payload["guild_id"] = str(GUILD_ID)
        payload["guild"] = {"id": str(GUILD_ID), "locale": "en-GB", "features": []}
        payload["guild_locale"] = "en-GB"
        payload["member"] = member(who, permissions)
        payload["channel"] = channel or text_channel(channel_id, "world-news")
        payload["channel_id"] = payload["channel"]["id"]
    if message is not None:
        payload["message"] = message
    return payload


def slash(name: str, **options: Any) -> dict[str, Any]:
    """The `data` of a chat-input command with top-level options."""
    types = {str: 3, bool: 5, int: 4}
    data: dict[str, Any] = {"id": str(COMMAND_IDS.get(name, snowflake())), "name": name, "type": 1}
    if options:
        data["options"] = [
            {"name": k, "type": types[type(v)], "value": v} for k, v in options.items()
        ]
    return data


def subcommand(group: str, name: str, **options: Any) -> dict[str, Any]:
    """The `data` of `/group name ...` (a subcommand with options)."""
    types = {str: 3, bool: 5, int: 4}
    inner: dict[str, Any] = {"name": name, "type": 1}
    inner["options"] = []
    resolved: dict[str, Any] = {}
    for key, value in options.items():
        if key == "channel":
            inner["options"].append({"name": key, "type": 7, "value": str(value["id"])})
            resolved.setdefault("channels", {})[str(value["id"])] = {
                "id": str(value["id"]),
                "name": value["name"],
                "type": value.get("type", 0),
                "permissions": str(EVERYDAY.value),
                "parent_id": None,
                "guild_id": str(GUILD_ID),
                "flags": 0,
            }
        else:
            inner["options"].append({"name": key, "type": types[type(value)], "value": value})
    data: dict[str, Any] = {
        "id": str(COMMAND_IDS.get(group, snowflake())),
        "name": group,
        "type": 1,
        "options": [inner],
    }
    if resolved:
        data["resolved"] = resolved
    return data


def message(
    content: str,
    *,
    author: dict[str, Any] = MEMBER,
    channel_id: int = CHANNEL_ID,
    message_id: int | None = None,
    embeds: list[dict[str, Any]] | None = None,
    webhook_id: int | None = None,
) -> dict[str, Any]:
    """A MESSAGE_CREATE payload in the test server (with `webhook_id`, posted by a webhook,
    whose `author` is the webhook and who is no member)."""
    data = {
        "id": str(message_id or snowflake()),
        "channel_id": str(channel_id),
        "guild_id": str(GUILD_ID),
        "author": author,
        "member": {k: v for k, v in member(author).items() if k != "user"},
        "content": content,
        "timestamp": now_iso(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": embeds or [],
        "pinned": False,
        "type": 0,
        "flags": 0,
        "components": [],
    }
    if webhook_id is not None:
        data["webhook_id"] = str(webhook_id)
        del data["member"]
    return data


def message_menu(target: dict[str, Any]) -> dict[str, Any]:
    """The `data` of the "Brief links" message context menu on `target`."""
    resolved = {k: v for k, v in target.items() if k not in ("member", "guild_id")}
    return {
        "id": str(COMMAND_IDS["Brief links"]),
        "name": "Brief links",
        "type": 3,
        "target_id": target["id"],
        "resolved": {"messages": {target["id"]: resolved}},
    }


def button(custom_id: str) -> dict[str, Any]:
    return {"custom_id": custom_id, "component_type": 2}


def overwrite(
    target_id: int,
    *,
    allow: discord.Permissions | None = None,
    deny: discord.Permissions | None = None,
    role: bool = False,
) -> dict[str, Any]:
    """A channel's permission overwrite for a member (or, with `role`, a role)."""
    return {
        "id": str(target_id),
        "type": 0 if role else 1,
        "allow": str((allow or discord.Permissions.none()).value),
        "deny": str((deny or discord.Permissions.none()).value),
    }


def channel_update(channel_id: int, name: str, *overwrites: dict[str, Any]) -> dict[str, Any]:
    """A CHANNEL_UPDATE payload: a text channel of the test server with these overwrites."""
    data = text_channel(channel_id, name)
    data["permission_overwrites"] = list(overwrites)
    return data


def thread_create(channel_id: int, parent_id: int = CHANNEL_ID, kind: int = 11) -> dict[str, Any]:
    """A THREAD_CREATE payload: a new thread (10 news, 11 public, 12 private) under a channel."""
    data = {k: v for k, v in thread_channel(channel_id, parent_id).items() if k != "permissions"}
    data["type"] = kind
    data["newly_created"] = True
    if kind == 12:
        data["thread_metadata"]["invitable"] = True
    return data
