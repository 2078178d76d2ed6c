"""The bot under test and the fake Discord it talks to, with the steps tests take."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot import DiplobriefBot
from tests.bot import payloads as p
from tests.bot.fake_discord import FakeDiscord, Request
from tests.bot.screens import Shown


@dataclass
class Harness:
    """The bot under test and the fake Discord it talks to."""

    bot: DiplobriefBot
    fake: FakeDiscord

    def command(self, data: dict[str, Any], **kwargs: Any) -> str:
        """Run a slash command or menu (see payloads.slash); return the interaction token."""
        return self.fake.send_interaction(self.bot, p.interaction(data, **kwargs))

    def press(self, shown: Shown, label: str, **kwargs: Any) -> str:
        """Press a button under a message the user sees; return the new interaction token."""
        buttons = [c for row in shown.components for c in row.get("components", [])]
        found = next(c for c in buttons if c.get("label") == label)
        payload = p.interaction(p.button(found["custom_id"]), kind=3, message=shown.raw, **kwargs)
        return self.fake.send_interaction(self.bot, payload)

    def post(self, content: str, **kwargs: Any) -> dict[str, Any]:
        """Someone posts a message in the test server."""
        return self.fake.send_message(self.bot, p.message(content, **kwargs))

    async def answer(self, token: str, timeout: float = 30.0) -> Shown:
        """Wait for the reply the user sees (not the "thinking…"), and return it."""
        await self.fake.wait_until(lambda: self.fake.answered(token), timeout)
        return next(m for m in self.fake.visible(token) if not m.loading)

    async def replies(self, channel_id: int, count: int, timeout: float = 30.0) -> list[Request]:
        await self.fake.wait_until(lambda: len(self.fake.posts(channel_id)) >= count, timeout)
        return self.fake.posts(channel_id)

    async def enable_autobrief(self, channel_id: int = p.CHANNEL_ID) -> None:
        token = self.command(
            p.subcommand("autobrief", "enable"),
            who=p.ADMIN,
            permissions=p.MANAGER,
            channel_id=channel_id,
        )
        shown = await self.answer(token)
        assert "on in" in shown.content, shown.content
