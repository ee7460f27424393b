"""Core records passed between stages: plain dataclasses, no behaviour beyond small helpers.

Readers build them at the edge (ingest), extractors fill them, writers turn them into table rows.
Every fact carries the span it was read from (`start`, `end` into the cleaned document text) and
how it was obtained (`method`, `confidence`, and `inferred_from` when it was not read directly).
"""
from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date


def stable_id(prefix: str, *parts: object, length: int = 16) -> str:
    """A deterministic identifier built from the given parts (same parts, same id, every run)."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:length]}"


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote body that left the running text, linked to the marker that pointed at it."""

    number: int
    body: str
    urls: tuple[str, ...] = ()
    ref_offset: int | None = None  # where the marker stood in the cleaned text
    anchor_text: str | None = None  # the word the marker was glued to


@dataclass(frozen=True, slots=True)
class Segment:
    """A paragraph, heading or bullet item of the cleaned text."""

    kind: str  # title, heading, paragraph, bullet
    start: int
    end: int


@dataclass(slots=True)
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


@dataclass(slots=True)
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


# ---------------------------------------------------------------------------------------------
# What extract hands to reconcile for one document. Every fact carries one Span (its evidence in
# the cleaned text) and how it was obtained; `row()` gives the fact as a row of its table (the
# column names of pipeline/tables.py), `Extraction.to_json()`/`from_json()` the interim/cache form.


@dataclass(frozen=True, slots=True)
class Span:
    """Evidence: the characters [start, end) of documents.text, and what they say."""

    start: int
    end: int
    text: str


def _span_columns(span: Span | None, prefix: str = "") -> dict:
    return {f"{prefix}start_char": span.start if span else None, f"{prefix}end_char": span.end if span else None}


@dataclass(slots=True)
class MentionFact:
    mention_id: str
    doc_id: str
    label: str
    span: Span
    sentence: int | None
    extractor: str
    method: str
    confidence: float

    def row(self) -> dict:
        return {"mention_id": self.mention_id, "doc_id": self.doc_id, "label": self.label, "text": self.span.text,
                **_span_columns(self.span), "sentence": self.sentence, "extractor": self.extractor,
                "method": self.method, "confidence": self.confidence}


@dataclass(slots=True)
class PersonRoleFact:
    """A named person with the role the text gives (role None: named without one), or a role
    named alone (name None). `span` is the name's evidence, or the role's for a role-only mention."""

    assertion_id: str
    doc_id: str
    span: Span
    name: str | None
    honorifics: list[str] | None
    role: str | None
    role_norm: str | None
    organization: str | None
    country: str | None
    date: str | None  # ISO date until the tables are written
    date_precision: str | None
    method: str
    confidence: float
    role_span: Span | None = None

    def row(self) -> dict:
        return {"assertion_id": self.assertion_id, "doc_id": self.doc_id, "meeting_id": None, "person_id": None,
                "name": self.name, "honorifics": self.honorifics, "role": self.role, "role_norm": self.role_norm,
                "organization": self.organization, "country": self.country, "date": self.date,
                "date_precision": self.date_precision, "likely_person_id": None, "method": self.method,
                "inferred_from": None, "confidence": self.confidence, **_span_columns(self.span),
                **_span_columns(self.role_span, "role_")}


@dataclass(slots=True)
class CountFact:
    count_id: str
    doc_id: str
    span: Span
    value: int
    qualifier: str
    lower: int | None
    upper: int | None
    unit: str
    part_of: str | None
    method: str
    confidence: float

    def row(self) -> dict:
        return {"count_id": self.count_id, "doc_id": self.doc_id, "meeting_id": None, "value": self.value,
                "qualifier": self.qualifier, "lower": self.lower, "upper": self.upper, "unit": self.unit,
                "text": self.span.text, **_span_columns(self.span), "part_of": self.part_of, "method": self.method,
                "confidence": self.confidence}


@dataclass(slots=True)
class QuoteFact:
    quote_id: str
    doc_id: str
    span: Span
    speaker: str | None
    method: str
    confidence: float

    def row(self) -> dict:
        return {"quote_id": self.quote_id, "doc_id": self.doc_id, "meeting_id": None, "person_id": None,
                "speaker": self.speaker, "text": self.span.text, **_span_columns(self.span), "method": self.method,
                "confidence": self.confidence}


@dataclass(slots=True)
class RecommendationFact:
    recommendation_id: str
    doc_id: str
    span: Span
    actor: str | None
    actor_name: str | None  # the actor's name when the actor is a person (for reconcile's person_id)
    addressee: str | None
    modality: str
    cue: str | None
    kind: str
    topics: list[str]
    method: str
    confidence: float

    def row(self) -> dict:
        return {"recommendation_id": self.recommendation_id, "doc_id": self.doc_id, "meeting_id": None,
                "text": self.span.text, "actor": self.actor, "actor_person_id": None, "actor_name": self.actor_name,
                "addressee": self.addressee, "modality": self.modality, "cue": self.cue, "kind": self.kind,
                "topics": self.topics, **_span_columns(self.span), "method": self.method,
                "confidence": self.confidence}


@dataclass(slots=True)
class OrgFact:
    name: str  # canonical
    acronym: str | None
    span: Span
    method: str


@dataclass(slots=True)
class PersonFact:
    name: str
    honorifics: list[str]
    span: Span  # the name as written


@dataclass(slots=True)
class Figure:
    """A headline count of the meeting record (participants, countries)."""

    value: int
    qualifier: str
    unit: str
    span: Span


@dataclass(slots=True)
class MeetingFact:
    """The meeting as one document alone states it (a meeting_sources row before reconciling)."""

    doc_id: str
    name: str | None = None
    series: str | None = None  # the series' name as written, without edition, year or "annual"
    series_key: str | None = None  # its content words, folded and sorted: what sources are matched on
    edition: int | None = None
    start_date: str | None = None
    end_date: str | None = None
    date_precision: str | None = None
    date_method: str | None = None
    date_evidence: Span | None = None
    start_relative_days: int | None = None
    end_relative_days: int | None = None
    city: str | None = None
    country: str | None = None
    country_method: str | None = None
    venue: str | None = None
    venue_evidence: Span | None = None
    mode: str | None = None
    organizers: list[str] = field(default_factory=list)
    participants: Figure | None = None
    countries: Figure | None = None
    duration_days: int | None = None
    published: str | None = None
    anniversary: int | None = None
    anniversary_evidence: Span | None = None
    month_day: str | None = None
    end_month_day: str | None = None
    city_evidence: Span | None = None
    country_evidence: Span | None = None
    mode_evidence: Span | None = None
    organizers_evidence: Span | None = None

    def row(self) -> dict:
        out = {k: getattr(self, k) for k in ("doc_id", "name", "series", "series_key", "edition", "start_date", "end_date",
                                             "date_precision", "date_method", "start_relative_days",
                                             "end_relative_days", "city", "country", "country_method", "venue",
                                             "mode", "duration_days", "published", "anniversary", "month_day",
                                             "end_month_day")}
        out["organizers"] = list(self.organizers)
        for prefix, span in (("date", self.date_evidence), ("venue", self.venue_evidence),
                             ("anniversary", self.anniversary_evidence), ("city", self.city_evidence),
                             ("country", self.country_evidence), ("mode", self.mode_evidence),
                             ("organizers", self.organizers_evidence)):
            out[f"{prefix}_text"] = span.text if span else None
            out.update(_span_columns(span, f"{prefix}_"))
        for key in ("participants", "countries"):
            fig: Figure | None = getattr(self, key)
            out[key] = fig.value if fig else None
            out[f"{key}_qualifier"] = fig.qualifier if fig else None
            out[f"{key}_unit"] = fig.unit if fig else None
            out[f"{key}_text"] = fig.span.text if fig else None
            out.update(_span_columns(fig.span if fig else None, f"{key}_"))
        return out


@dataclass(slots=True)
class Extraction:
    """Everything extract found in one document: the record that crosses to reconcile."""

    doc_id: str
    meeting: MeetingFact
    mentions: list[MentionFact] = field(default_factory=list)
    person_roles: list[PersonRoleFact] = field(default_factory=list)
    counts: list[CountFact] = field(default_factory=list)
    quotes: list[QuoteFact] = field(default_factory=list)
    recommendations: list[RecommendationFact] = field(default_factory=list)
    orgs: list[OrgFact] = field(default_factory=list)
    people: list[PersonFact] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """The record as plain data, as dataclasses.asdict gives it (without its deep copies of
        every value, which cost more than the rest of a re-run of cached documents)."""
        return _plain(self)

    @classmethod
    def from_json(cls, data: dict) -> "Extraction":
        return _build(cls, data)

    def rows(self) -> dict:
        """The facts as rows of their tables (flat column names), for readers and tests."""
        return {"doc_id": self.doc_id, "meeting": self.meeting.row(), "errors": list(self.errors),
                **{k: [f.row() for f in getattr(self, k)]
                   for k in ("mentions", "person_roles", "counts", "quotes", "recommendations")}}


def _plain(value):
    """dataclasses.asdict for the records: dataclasses become dicts, lists and tuples keep their
    type, values are immutable (str, int, float, bool, None, date) and are shared, not copied."""
    writer = _writer(type(value))
    if writer is not None:
        return writer(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@lru_cache(maxsize=None)
def _writer(cls):
    """The plain-data writer of a dataclass: its fields read at once, each field's value copied
    by what its type allows (a value of a plain type as it is), worked out once per class."""
    import dataclasses
    from operator import attrgetter

    if not dataclasses.is_dataclass(cls):
        return None
    names = tuple(f.name for f in dataclasses.fields(cls))
    hints = dict(_fields_of(cls))
    plain = tuple(_shape(hints[n])[0] == "plain" and not _may_nest(hints[n]) for n in names)
    get = attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))

    def write(obj):
        return {n: (v if p else _plain(v)) for n, p, v in zip(names, plain, get(obj))}
    return write


def _may_nest(hint) -> bool:
    """Whether a value of this type can hold a list, a tuple, a dict or a dataclass (then it is
    copied as asdict would copy it)."""
    import types
    import typing

    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if args and typing.get_origin(hint) in (typing.Union, types.UnionType):
        return any(_may_nest(a) for a in args)
    return hint not in (str, int, float, bool, date, type(None))


def _build(cls, data):
    """A dataclass (nested dataclasses, lists and optionals included) from its asdict() form."""
    return _builder(cls)(data)


@lru_cache(maxsize=None)
def _builder(cls):
    """The reader of a dataclass from its plain data: per field, what its type needs (a nested
    record, a list of records, a copied list, or the value itself), worked out once per class."""
    steps = []
    for name, hint in _fields_of(cls):
        kind, inner = _shape(hint)
        if kind == "dataclass":
            steps.append((name, _builder(inner)))
        elif kind == "list" and _shape(inner)[0] != "plain":
            item = _builder(_shape(inner)[1]) if _shape(inner)[0] == "dataclass" else (lambda v, h=inner: _value(h, v))
            steps.append((name, lambda v, item=item: [item(x) if x is not None else None for x in v]))
        elif kind == "list":
            steps.append((name, list))
        else:
            steps.append((name, None))
    steps = tuple(steps)
    intern = sys.intern

    def build(data):
        kw = {}
        for name, convert in steps:
            if name not in data:
                continue
            v = data[name]
            if v is None:
                kw[name] = None
            elif type(v) is str:
                # one object per distinct short string (a doc_id, a method, a label repeats in every
                # fact of a document): 100,000 documents' records read at once took 3.0 GB, now 1.5 GB
                kw[name] = intern(v) if len(v) <= 64 else v
            else:
                kw[name] = convert(v) if convert is not None else v
        return cls(**kw)
    return build


@lru_cache(maxsize=None)
def _fields_of(cls) -> tuple[tuple[str, object], ...]:
    """(field name, resolved type) of a dataclass, worked out once per class."""
    import dataclasses
    import typing

    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def _value(hint, value):
    if value is None:
        return None
    if type(value) is str:
        return sys.intern(value) if len(value) <= 64 else value
    kind, inner = _shape(hint)
    if kind == "list":
        return [_value(inner, v) for v in value] if _shape(inner)[0] != "plain" else list(value)
    if kind == "dataclass":
        return _build(inner, value)
    return value


@lru_cache(maxsize=None)
def _shape(hint) -> tuple[str, object]:
    """('list', item type) | ('dataclass', class) | ('plain', None), optionals unwrapped."""
    import dataclasses
    import typing

    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if args and type(None) in args:
        return _shape(next(a for a in args if a is not type(None)))
    if origin is list:
        return "list", args[0]
    if dataclasses.is_dataclass(hint):
        return "dataclass", hint
    return "plain", None
