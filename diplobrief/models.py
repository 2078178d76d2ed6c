"""Values that cross module lines: articles, actors, quotes and briefs."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class ActorType(StrEnum):
    """What an actor is. Its values are the strings briefs carry in JSON and in the cache."""

    PERSON = "person"
    STATE = "state"
    ORGANISATION = "organisation"
    GOVERNMENT_BODY = "government_body"
    GROUP = "group"


ACTOR_TYPES: tuple[str, ...] = tuple(t.value for t in ActorType)


@dataclass(frozen=True)
class Article:
    """The readable part of a page, as the extractor found it."""

    url: str
    text: str
    title: str | None = None
    canonical_url: str | None = None
    site: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None  # YYYY-MM-DD
    language: str | None = None
    # Lines of `text` the page's structure or wording marks as furniture (subheads, labels,
    # a table of contents): kept in the text, never picked for a summary.
    furniture: tuple[str, ...] = ()


@dataclass(frozen=True)
class Part:
    """A key actor's part in the story: a verb that ties it to another actor, or that says what
    it did ("met" Mahmoud Abbas, "offered to mediate", "sanctioned" by the United States)."""

    verb: str  # as the text gives it, with a particle or preposition: "offered to mediate"
    other: str | None = None  # the other actor's name, if the verb ties it to one
    passive: bool = False  # the actor is acted upon: the other did it ("sanctioned by ...")

    def text(self) -> str:
        """Return "met Mahmoud Abbas", "sanctioned by United States", "Airbus overtook",
        "offered to mediate": what the actor did, or what was done to it and by whom (a
        participle takes "by"; another verb is written after the one who did it)."""
        if self.other is None:
            return f"was {self.verb}" if self.passive else self.verb
        if not self.passive:
            return f"{self.verb} {self.other}"
        if self.verb.split()[0].endswith(("ed", "en")):
            return f"{self.verb} by {self.other}"
        return f"{self.other} {self.verb}"

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Part:
        return cls(
            verb=str(data["verb"]), other=data.get("other"), passive=bool(data.get("passive"))
        )


@dataclass(frozen=True)
class Actor:
    """A person, state, organisation, government body or group the article is about."""

    name: str
    type: ActorType
    mentions: int
    key: bool = False
    aliases: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None
    country_code: str | None = None
    salience: float = 0.0
    # A key actor's part in the story: the verbs that tie it to others (empty for the rest, and
    # in briefs cached before parts were found).
    parts: tuple[Part, ...] = ()

    def __post_init__(self) -> None:
        # A type given as its string ("person": JSON, a cached brief) becomes the member; an
        # unknown one is a ValueError, as any other malformed field.
        object.__setattr__(self, "type", ActorType(self.type))

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["type"] = self.type.value
        data["aliases"] = list(self.aliases)
        data["parts"] = [p.to_json() for p in self.parts]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Actor:
        names = {f.name for f in dataclasses.fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in names}
        kwargs["aliases"] = tuple(kwargs.get("aliases") or ())
        kwargs["parts"] = tuple(Part.from_json(p) for p in kwargs.get("parts") or ())
        return cls(**kwargs)


@dataclass(frozen=True)
class Quote:
    """A direct quotation and who said it."""

    speaker: str | None
    quote: str
    cue: str | None = None

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Quote:
        return cls(speaker=data.get("speaker"), quote=data["quote"], cue=data.get("cue"))


@dataclass(frozen=True)
class Analysis:
    """What the NLP step makes of an article: summary, actors, quotes and counts."""

    summary: tuple[str, ...]
    algorithm: str
    sentences_total: int
    reduction: float
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    whole: bool = False  # the article was short enough to be returned whole


@dataclass(frozen=True)
class Brief:
    """An article's brief: metadata, summary sentences, actors, quotes and provenance."""

    url: str
    title: str | None
    summary: tuple[str, ...]
    algorithm: str
    sentences_total: int
    reduction: float
    fetched_at: str  # ISO 8601, UTC
    canonical_url: str | None = None
    site: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    language: str | None = None
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    cached: bool = False
    whole: bool = False

    @classmethod
    def build(cls, article: Article, analysis: Analysis, fetched_at: str) -> Brief:
        return cls(
            url=article.url,
            canonical_url=article.canonical_url,
            title=article.title,
            site=article.site,
            authors=article.authors,
            published=article.published,
            language=article.language,
            summary=analysis.summary,
            algorithm=analysis.algorithm,
            sentences_total=analysis.sentences_total,
            reduction=analysis.reduction,
            actors=analysis.actors,
            quotes=analysis.quotes,
            whole=analysis.whole,
            fetched_at=fetched_at,
        )

    def key_actors(self) -> tuple[Actor, ...]:
        return tuple(a for a in self.actors if a.key)

    def to_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "canonical_url": self.canonical_url,
            "title": self.title,
            "site": self.site,
            "authors": list(self.authors),
            "published": self.published,
            "language": self.language,
            "summary": list(self.summary),
            "algorithm": self.algorithm,
            "sentences_total": self.sentences_total,
            "reduction": round(self.reduction, 4),
            "whole": self.whole,
            "actors": [a.to_json() for a in self.actors],
            "quotes": [q.to_json() for q in self.quotes],
            "cached": self.cached,
            "fetched_at": self.fetched_at,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Brief:
        return cls(
            url=data["url"],
            canonical_url=data.get("canonical_url"),
            title=data.get("title"),
            site=data.get("site"),
            authors=tuple(data.get("authors") or ()),
            published=data.get("published"),
            language=data.get("language"),
            summary=tuple(data["summary"]),
            algorithm=data["algorithm"],
            sentences_total=int(data["sentences_total"]),
            reduction=float(data["reduction"]),
            whole=bool(data.get("whole", False)),
            actors=tuple(Actor.from_json(a) for a in data.get("actors") or ()),
            quotes=tuple(Quote.from_json(q) for q in data.get("quotes") or ()),
            cached=bool(data.get("cached", False)),
            fetched_at=data["fetched_at"],
        )


@dataclass(frozen=True)
class Page:
    """A fetched HTTP response body, decoded."""

    url: str  # the final URL after redirects
    text: str
    content_type: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
