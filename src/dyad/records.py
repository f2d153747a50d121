"""The one data model every stage shares: articles with sentences, events and perceptions as offset spans.

Records are frozen dataclasses. `EventRecord.to_json()` / `PerceptionRecord.to_json()` give the public record
contract (docs/records.md); field names there are the public interface and are never renamed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

DatePrecision = Literal["day", "month", "year", "decade", "range", "unknown"]
DateBasis = Literal["explicit", "relative", "context", "publication", "none"]
Modality = Literal["occurred", "ongoing", "planned", "hypothetical", "predicted", "negated", "question"]
QuadClass = Literal["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]
Stance = Literal["negative", "positive", "mixed", "neutral"]

MODALITIES: tuple[Modality, ...] = (
    "occurred", "ongoing", "planned", "hypothetical", "predicted", "negated", "question",
)
QUAD_CLASSES: tuple[QuadClass, ...] = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
COUNTED_MODALITIES: frozenset[str] = frozenset({"occurred", "ongoing"})


def normalise_for_id(text: str) -> str:
    """The text form an article id is computed from: NFC, whitespace collapsed, case folded."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def article_id(text: str) -> str:
    """Content hash of the normalised text (16 hex digits of SHA-256): the same text always gets the same id."""
    return hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()[:16]


def _parse_point(text: str, *, end: bool) -> dt.date:
    parts = text.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    month = int(parts[1])
    if len(parts) == 2:
        if not end:
            return dt.date(year, month, 1)
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(year, month, int(parts[2]))


def date_bounds(date: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day a record's `date` can mean: "1998" -> 1998-01-01..1998-12-31; "2017/2019" -> 2017-01-01..2019-12-31.

    Dates are ISO 8601 at their real precision (YYYY, YYYY-MM, YYYY-MM-DD) or an interval "A/B" of two such points.
    Returns None for None; raises ValueError for anything else.
    """
    if date is None:
        return None
    if "/" in date:
        first, _, last = date.partition("/")
        lo, hi = _parse_point(first, end=False), _parse_point(last, end=True)
    else:
        lo, hi = _parse_point(date, end=False), _parse_point(date, end=True)
    if hi < lo:
        raise ValueError(f"date interval ends before it starts: {date!r}")
    return lo, hi


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as a span of its article's clean text."""

    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned document. `text` is what the coder reads; `raw` is the input as it came (decoded)."""

    id: str
    text: str
    raw: str
    source: str  # path, "path#record", or "<stdin>"
    source_format: str  # txt, md, html, jsonl, csv, warc, feed
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_basis: Literal["source", "argument", "unknown"] = "unknown"
    language: str | None = None
    language_score: float | None = None
    author_bio: str | None = None
    removed: tuple[str, ...] = ()  # boilerplate lines taken out of the text, kept for audit
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def n_chars(self) -> int:
        return len(self.text)

    @property
    def is_english(self) -> bool:
        return self.language == "en"


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as the text names it and as resolved: `actor` id, ISO3 `country`, `kind`."""

    text: str
    actor: str | None = None
    country: str | None = None
    kind: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "actor": self.actor, "country": self.country, "kind": self.kind}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ActorRef:
        return cls(text=data.get("text") or "", actor=data.get("actor"), country=data.get("country"),
                   kind=data.get("kind"))


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One coded act with its evidence span (offsets into the article's clean text)."""

    article: str
    sentence: str
    start: int
    end: int
    source: ActorRef
    target: ActorRef
    event_type: str
    quad_class: QuadClass
    intensity: float
    modality: Modality
    date: str | None = None
    date_precision: DatePrecision = "unknown"
    date_basis: DateBasis = "none"
    date_text: str | None = None
    mode: str | None = None
    context: tuple[str, ...] = ()
    cameo: str | None = None
    issues: tuple[str, ...] = ()
    confidence: float = 0.5
    flags: tuple[str, ...] = ()
    trigger: str | None = None  # the words that carry the event ("imposed", "the ban")

    def to_json(self) -> dict[str, Any]:
        return {
            "record": "event",
            "article": self.article,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_basis": self.date_basis,
            "date_text": self.date_text,
            "source": self.source.to_json(),
            "target": self.target.to_json(),
            "event_type": self.event_type,
            "mode": self.mode,
            "context": list(self.context),
            "quad_class": self.quad_class,
            "intensity": self.intensity,
            "cameo": self.cameo,
            "issues": list(self.issues),
            "modality": self.modality,
            "confidence": round(self.confidence, 3),
            "flags": list(self.flags),
            "trigger": self.trigger,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EventRecord:
        return cls(
            article=data["article"], sentence=data["sentence"], start=int(data["start"]), end=int(data["end"]),
            source=ActorRef.from_json(data.get("source") or {}), target=ActorRef.from_json(data.get("target") or {}),
            event_type=data["event_type"], quad_class=data["quad_class"], intensity=float(data["intensity"]),
            modality=data["modality"], date=data.get("date"), date_precision=data.get("date_precision", "unknown"),
            date_basis=data.get("date_basis", "none"), date_text=data.get("date_text"), mode=data.get("mode"),
            context=tuple(data.get("context") or ()), cameo=data.get("cameo"), issues=tuple(data.get("issues") or ()),
            confidence=float(data.get("confidence", 0.5)), flags=tuple(data.get("flags") or ()),
            trigger=data.get("trigger"),
        )

    @property
    def id(self) -> str:
        """Stable id: the same event coded from the same span of the same article always gets the same id."""
        key = "|".join([
            self.article, str(self.start), str(self.end), self.event_type, self.source.actor or self.source.text,
            self.target.actor or self.target.text, self.trigger or "", self.date or "",
        ])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class PerceptionRecord:
    """One side's stated view of the other ("Seoul sees Tokyo as unrepentant"), with its evidence span."""

    article: str
    sentence: str
    start: int
    end: int
    holder: ActorRef
    about: ActorRef
    stance: Stance
    frame: str
    issues: tuple[str, ...] = ()
    modality: Modality = "occurred"
    cue: str | None = None  # the words that carry the perception ("sees", "is angry over")
    confidence: float = 0.5

    def to_json(self) -> dict[str, Any]:
        return {
            "record": "perception",
            "article": self.article,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "holder": self.holder.to_json(),
            "about": self.about.to_json(),
            "stance": self.stance,
            "frame": self.frame,
            "issues": list(self.issues),
            "modality": self.modality,
            "cue": self.cue,
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PerceptionRecord:
        return cls(
            article=data["article"], sentence=data["sentence"], start=int(data["start"]), end=int(data["end"]),
            holder=ActorRef.from_json(data.get("holder") or {}), about=ActorRef.from_json(data.get("about") or {}),
            stance=data["stance"], frame=data.get("frame") or "", issues=tuple(data.get("issues") or ()),
            modality=data.get("modality", "occurred"), cue=data.get("cue"),
            confidence=float(data.get("confidence", 0.5)),
        )

    @property
    def id(self) -> str:
        key = "|".join([self.article, str(self.start), str(self.end), self.holder.actor or self.holder.text,
                        self.about.actor or self.about.text, self.frame])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not become an article: where, a stable code, and why."""

    source: str
    code: str
    reason: str

    def line(self) -> str:
        return f"{self.source}: {self.code} {self.reason}"
