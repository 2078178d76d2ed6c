"""Errors the core raises, each with a message fit to show a user."""

from __future__ import annotations

MAX_MESSAGE = 1000


class DiplobriefError(Exception):
    """Base class: `str(error)` is a short message for the user."""

    kind = "error"

    def __init__(self, message: str) -> None:
        # A message may quote what a page or a link said: never more than a reply can show.
        if len(message) > MAX_MESSAGE:
            message = message[: MAX_MESSAGE - 1] + "…"
        super().__init__(message)
        self.message = message


class BadTarget(DiplobriefError):
    """The input is not a URL, file or text the bot can read."""

    kind = "bad_target"


class BlockedURL(DiplobriefError):
    """The URL points somewhere the bot refuses to go (private network, bad scheme...)."""

    kind = "blocked_url"


class FetchFailed(DiplobriefError):
    """The page could not be fetched (network error, HTTP error, timeout)."""

    kind = "fetch_failed"


class TooLarge(DiplobriefError):
    """The page is larger than the size cap."""

    kind = "too_large"


class UnsupportedContent(DiplobriefError):
    """The link is not a web page (PDF, image, ...)."""

    kind = "unsupported_content"


class NotAnArticle(DiplobriefError):
    """The page has too little article text (cookie wall, paywall teaser, index page)."""

    kind = "not_an_article"


class UnsupportedLanguage(DiplobriefError):
    """The article is in a language the analysis does not handle."""

    kind = "unsupported_language"


class AnalysisFailed(DiplobriefError):
    """The analysis worker failed (crashed or was killed); the next try gets a new one."""

    kind = "analysis_failed"


class AnalysisTimedOut(DiplobriefError):
    """The analysis ran past its time limit (DIPLOBRIEF_ANALYSIS_TIMEOUT); its worker was
    replaced. Trying again would only take as long: the page itself is the problem."""

    kind = "analysis_timeout"


class Busy(DiplobriefError):
    """Too many analyses are waiting; try again later."""

    kind = "busy"


class StoreUnavailable(DiplobriefError):
    """The cache database cannot be used (read-only, full disk, corrupt)."""

    kind = "store_unavailable"


def error_of_kind(kind: str, message: str) -> DiplobriefError:
    """The error of this kind (as `DiplobriefError.kind` names it) with this message."""
    kinds = {cls.kind: cls for cls in _subclasses(DiplobriefError)}
    return kinds.get(kind, DiplobriefError)(message)


def _subclasses(cls: type[DiplobriefError]) -> list[type[DiplobriefError]]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found
