"""Polling rules, pure: when a feed is next due, back-off after errors, when a failing feed is
paused, and which items of a poll are new."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from diplobrief.feeds.parse import FeedItem

MAX_BACKOFF = 6 * 3600.0  # a failing feed is still tried at least this often, until paused
PAUSE_AFTER = 24 * 3600.0  # a feed failing this long is reported once and paused
# At most this many items are briefed per feed per poll; the rest wait for the next poll.
ITEMS_PER_POLL = 3
# An item dated this little before the feed was added still counts as new: a feed's dates are
# often whole seconds or minutes, and an article can reach its feed after the date it bears.
ADDED_GRACE = 600.0


def next_poll(now: float, interval: float, failures: int = 0) -> float:
    """When to poll again: after `interval`, doubled for each failure in a row (capped)."""
    if failures <= 0:
        return now + interval
    return now + min(interval * 2 ** min(failures, 16), max(MAX_BACKOFF, interval))


def should_pause(failing_since: float | None, now: float) -> bool:
    """Whether a feed failing since `failing_since` has failed for a day."""
    return failing_since is not None and now - failing_since >= PAUSE_AFTER


def new_items(
    items: Iterable[FeedItem], seen: Collection[str], added_at: float
) -> tuple[list[FeedItem], list[FeedItem]]:
    """Split a poll's unseen items into those to brief (oldest first, at most ITEMS_PER_POLL
    this time) and those to mark seen without a word (dated before the feed was added, less
    ADDED_GRACE)."""
    fresh: list[FeedItem] = []
    old: list[FeedItem] = []
    for item in items:
        if item.key in seen:
            continue
        if item.published is not None and item.published < added_at - ADDED_GRACE:
            old.append(item)
        else:
            fresh.append(item)
    # Feeds list newest first; post in the order things happened (undated ones keep theirs).
    fresh.reverse()
    fresh.sort(key=lambda i: i.published if i.published is not None else float("inf"))
    return fresh[:ITEMS_PER_POLL], old
