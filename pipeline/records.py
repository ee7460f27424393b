"""Core records passed between stages: plain dataclasses, no behaviour beyond small helpers.

Readers build them at the edge (ingest), extractors fill them, writers turn them into table rows.
Every fact carries the span it was read from (`start`, `end` into the cleaned document text) and
how it was obtained (`method`, `confidence`, and `inferred_from` when it was not read directly).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date


def stable_id(prefix: str, *parts: object, length: int = 16) -> str:
    """A deterministic identifier built from the given parts (same parts, same id, every run)."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:length]}"


@dataclass(frozen=True)
class Footnote:
    """A footnote body that left the running text, linked to the marker that pointed at it."""

    number: int
    body: str
    urls: tuple[str, ...] = ()
    ref_offset: int | None = None  # where the marker stood in the cleaned text
    anchor_text: str | None = None  # the word the marker was glued to


@dataclass(frozen=True)
class Segment:
    """A paragraph, heading or bullet item of the cleaned text."""

    kind: str  # title, heading, paragraph, bullet
    start: int
    end: int


@dataclass
class Document:
    """One input file after ingest. `text` is the cleaned text every offset points into."""

    doc_id: str
    source_path: str
    sha256: str | None = None
    title: str | None = None
    text: str = ""
    doc_type: str = "other"
    published: date | None = None
    published_source: str | None = None
    dateline_place: str | None = None
    dateline_start: int | None = None  # offsets of the dateline in `text`
    dateline_end: int | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    encoding: str | None = None
    status: str = "ok"
    error: str | None = None
    duplicate_of: str | None = None
    footnotes: list[Footnote] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)

    @property
    def n_chars(self) -> int:
        return len(self.text)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass
class DateValue:
    """A date as the text supports it: `precision` is day, month or year."""

    start: date
    end: date | None = None
    precision: str = "day"

    def covers(self) -> tuple[date, date]:
        """The first and last calendar day this value may stand for."""
        from calendar import monthrange

        last = self.end or self.start
        if self.precision == "year":
            return date(self.start.year, 1, 1), date(last.year, 12, 31)
        if self.precision == "month":
            return (
                date(self.start.year, self.start.month, 1),
                date(last.year, last.month, monthrange(last.year, last.month)[1]),
            )
        return self.start, last
