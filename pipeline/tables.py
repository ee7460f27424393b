"""The output tables: explicit pyarrow schemas, validation, atomic writing, and the data dictionary.

The schemas below are the single source of truth. The writer validates every table against its
schema before anything touches the output folder, and `data_dictionary()` renders the column
documentation from the same definitions, so the docs cannot drift from the files.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

CONTRACT_VERSION = "1.8"

STR = pa.string()
INT = pa.int64()
FLOAT = pa.float64()
DATE = pa.date32()
STR_LIST = pa.list_(pa.string())
BOOL = pa.bool_()


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str
    nullable: bool = True
    allowed: tuple[str, ...] | None = None  # closed vocabulary for categorical string columns


@dataclass(frozen=True)
class TableSpec:
    name: str
    description: str
    columns: tuple[Column, ...]
    sort_by: tuple[str, ...]

    @property
    def schema(self) -> pa.Schema:
        return pa.schema(
            [
                pa.field(c.name, c.type, nullable=c.nullable, metadata={"description": c.description})
                for c in self.columns
            ],
            metadata={"table": self.name, "contract_version": CONTRACT_VERSION},
        )

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


DOC_STATUSES = ("ok", "empty", "error", "binary", "unsupported", "duplicate", "unreadable", "encrypted", "no_text",
                "too_large", "unsupported_language")
DOC_TYPES = ("press_release", "summary", "news_article", "other")
METHODS_NOTE = (
    "How the fact was obtained: a `rule:`/`model:`/`gazetteer:` name for facts read from the "
    "span, or `inferred:<what>` for facts derived from other evidence."
)
QUALIFIERS = ("exact", "more_than", "over", "nearly", "approximately", "some", "at_least", "up_to",
              "fewer_than", "between")
UNITS = ("participants", "delegates", "countries", "participating_states", "partners",
         "member_states", "organizations", "speakers", "experts", "other")
MODES = ("in_person", "online", "hybrid")
PRECISIONS = ("day", "month", "year")


def _grounding(what: str = "the evidence") -> tuple[Column, ...]:
    return (
        Column("start_char", INT, f"Offset of the first character of {what} in documents.text."),
        Column("end_char", INT, f"Offset one past the last character of {what} in documents.text."),
    )


TABLES: dict[str, TableSpec] = {}


def _table(spec: TableSpec) -> TableSpec:
    TABLES[spec.name] = spec
    return spec


DOCUMENTS = _table(TableSpec(
    "documents",
    "One row per input file, including the files that could not be read.",
    (
        Column("doc_id", STR, "File path relative to the input folder, without its extension.", False),
        Column("source_path", STR, "File path relative to the input folder.", False),
        Column("sha256", STR, "SHA-256 of the raw file bytes (null when the file could not be read)."),
        Column("title", STR, "Headline or title block, from metadata or the first heading."),
        Column("text", STR, "The cleaned text. Every start_char/end_char in every table points into it."),
        Column("doc_type", STR, "Kind of report, from metadata or simple evidence in the text.",
               allowed=DOC_TYPES),
        Column("published", DATE, "Publication date."),
        Column("published_source", STR, "Where `published` came from: metadata (sidecar or manifest), the dateline, the file's own properties (HTML meta tags, PDF or Word document properties), or a labelled line among the text's first lines (text-label: \"Published 3 May 2019\").",
               allowed=("metadata", "dateline", "html_meta", "pdf_properties", "docx_properties", "text-label")),
        Column("dateline_place", STR, "Place named in the dateline (\"Geneva, 3 May 2019:\")."),
        Column("dateline_start_char", INT, "Offset of the dateline in `text` (null when there is none)."),
        Column("dateline_end_char", INT, "End offset of the dateline in `text`."),
        Column("publisher", STR, "Publisher, from metadata."),
        Column("url", STR, "Source address, from metadata."),
        Column("language", STR, "ISO 639-1 language code (metadata, else detected)."),
        Column("encoding", STR, "Character encoding the file was decoded from."),
        Column("n_chars", INT, "Length of `text` in characters.", False),
        Column("n_footnotes", INT, "Footnote bodies moved out of the running text (see footnotes).", False),
        Column("status", STR, "ok, or why the file was not processed.", False, allowed=DOC_STATUSES),
        Column("error", STR, "A readable message when status is not ok, else null."),
        Column("duplicate_of", STR, "For status duplicate: the doc_id with identical content."),
    ),
    ("doc_id",),
))

FOOTNOTES = _table(TableSpec(
    "footnotes",
    "Footnote bodies removed from the running text, linked to their markers.",
    (
        Column("doc_id", STR, "Document the footnote belongs to.", False),
        Column("number", INT, "Footnote number as printed.", False),
        Column("ref_offset", INT, "Offset in documents.text where the marker stood (null if no marker was found)."),
        Column("anchor_text", STR, "The word or token the marker was glued to."),
        Column("body", STR, "The footnote text, links reduced to their text.", False),
        Column("urls", STR_LIST, "Addresses given in the footnote.", False),
    ),
    ("doc_id", "number"),
))

SEGMENTS = _table(TableSpec(
    "segments",
    "Paragraphs, headings and bullet items of each cleaned text.",
    (
        Column("doc_id", STR, "Document.", False),
        Column("segment_index", INT, "Position of the segment in the document (0-based).", False),
        Column("kind", STR, "title, heading, paragraph or bullet.", False,
               allowed=("title", "heading", "paragraph", "bullet")),
        *_grounding("the segment"),
    ),
    ("doc_id", "segment_index"),
))

MENTIONS = _table(TableSpec(
    "mentions",
    "Every span any extractor produced.",
    (
        Column("mention_id", STR, "Deterministic id of the span (doc, label, offsets).", False),
        Column("doc_id", STR, "Document.", False),
        Column("label", STR, "PERSON, ROLE, ORG, GPE, DATE, VENUE, COUNT, RECOMMENDATION, QUOTE, ...", False),
        Column("text", STR, "The span as written.", False),
        *_grounding("the span"),
        Column("sentence", INT, "Index of the sentence holding the span (0-based, per document)."),
        Column("extractor", STR, "Component that produced the span.", False),
        Column("method", STR, METHODS_NOTE),
        Column("confidence", FLOAT, "Confidence from 0 to 1.", False),
    ),
    ("doc_id", "start_char", "end_char", "label", "mention_id"),
))

PEOPLE = _table(TableSpec(
    "people",
    "Reconciled persons: one row per real person across documents.",
    (
        Column("person_id", STR, "Deterministic person id, stable when unrelated documents are added.", False),
        Column("name", STR, "Canonical name, without honorifics.", False),
        Column("honorifics", STR_LIST, "Honorifics seen with the name (Dr., Ambassador, ...).", False),
        Column("aliases", STR_LIST, "Surface forms seen.", False),
        Column("doc_ids", STR_LIST, "Documents that name the person.", False),
        Column("n_mentions", INT, "Number of name mentions.", False),
    ),
    ("person_id",),
))

PERSON_ROLES = _table(TableSpec(
    "person_roles",
    "One row per person-role assertion in a document, including role-only mentions.",
    (
        Column("assertion_id", STR, "Deterministic id of the assertion.", False),
        Column("doc_id", STR, "Document.", False),
        Column("meeting_id", STR, "Meeting the document reports on."),
        Column("person_id", STR, "Person (null for a role-only mention)."),
        Column("name", STR, "Name as written (null for a role-only mention)."),
        Column("honorifics", STR_LIST, "Honorifics written with the name."),
        Column("role", STR, "Role as written."),
        Column("role_norm", STR, "Normalised title: one spelling per office."),
        Column("organization", STR, "Canonical organisation of the role."),
        Column("org_id", STR, "The organisation in `organizations` (joins on org_id)."),
        Column("curation_id", STR, "The judgement of the curation file that set or added this row (method curated)."),
        Column("country", STR, "Country of the role (from a demonym, possessive or name)."),
        Column("date", DATE, "Date the assertion holds: the meeting date, else the publication date."),
        Column("date_precision", STR, "Precision of `date`.", allowed=PRECISIONS),
        Column("likely_person_id", STR, "For role-only mentions: the holder inferred from role_tenures."),
        Column("method", STR, METHODS_NOTE, False),
        Column("inferred_from", STR, "For inferred values: the evidence (e.g. the tenure rows used)."),
        Column("confidence", FLOAT, "Confidence from 0 to 1.", False),
        *_grounding("the name, or the role for a role-only mention"),
        Column("role_start_char", INT, "Offset of the role phrase in documents.text."),
        Column("role_end_char", INT, "End offset of the role phrase in documents.text."),
    ),
    ("doc_id", "start_char", "end_char", "assertion_id"),
))

ROLE_TENURES = _table(TableSpec(
    "role_tenures",
    "Who was seen holding each normalised office, and when.",
    (
        Column("role_norm", STR, "Normalised office.", False),
        Column("organization", STR, "Organisation of the office."),
        Column("person_id", STR, "Holder.", False),
        Column("name", STR, "Holder's canonical name.", False),
        Column("first_seen", DATE, "Earliest date the holder was seen in the office."),
        Column("last_seen", DATE, "Latest date the holder was seen in the office (end of a year/month for coarse dates)."),
        Column("n_sources", INT, "Documents that show the holder in the office.", False),
        Column("doc_ids", STR_LIST, "Those documents.", False),
    ),
    ("role_norm", "first_seen", "person_id"),
))

MEETINGS = _table(TableSpec(
    "meetings",
    "Reconciled meetings: one row per real meeting, merged from its sources.",
    (
        Column("meeting_id", STR, "Deterministic meeting id.", False),
        Column("name", STR, "Meeting name as the sources give it."),
        Column("series", STR, "Recurring series the meeting belongs to, as written without edition, year or 'annual' (\"Meeting of National Rapporteurs\")."),
        Column("series_key", STR, "The series' content words, folded, singular and sorted: what sources of one series share (a matching key, not a name)."),
        Column("edition", INT, "Edition number of the meeting in its series (\"the 25th conference\" = 25)."),
        Column("anniversary", INT, "Anniversary in years the meeting marks (\"a conference to mark ten years since X\" = 10)."),
        Column("start_date", DATE, "First day (for coarse precision: the first day of the month/year)."),
        Column("end_date", DATE, "Last day, when known."),
        Column("date_precision", STR, "Precision of the dates.", allowed=PRECISIONS),
        Column("start_period", STR, "The start at the precision the text supports, ISO 8601 reduced (\"2024\", \"2024-05\", \"2024-05-03\"): read this, not start_date, when date_precision is year or month (start_date is then the period's first day)."),
        Column("end_period", STR, "The end the same way."),
        Column("date_method", STR, "How the dates were obtained (read, or inferred and from what)."),
        Column("city", STR, "City."),
        Column("country", STR, "Country."),
        Column("venue", STR, "Building or platform, normalised."),
        Column("mode", STR, "in_person, online or hybrid.", allowed=MODES),
        Column("organizers", STR_LIST, "Canonical names of the organisers.", False),
        Column("organizer_ids", STR_LIST, "org_id of each organiser, in the same order (rows of `organizations`).", False),
        Column("participants", INT, "Number of participants (from the most precise source)."),
        Column("participants_qualifier", STR, "Qualifier of `participants`.", allowed=QUALIFIERS),
        Column("countries", INT, "Number of countries represented."),
        Column("countries_qualifier", STR, "Qualifier of `countries`.", allowed=QUALIFIERS),
        Column("doc_ids", STR_LIST, "Documents that report on the meeting.", False),
        Column("conflicts", STR_LIST, "Fields the sources disagree on (details in the conflicts table).", False),
        Column("curation_ids", STR_LIST, "Judgements of the curation file that set a field of this meeting."),
    ),
    ("meeting_id",),
))

MEETING_SOURCES = _table(TableSpec(
    "meeting_sources",
    "One row per (meeting, document): what this document alone states about the meeting.",
    (
        Column("meeting_id", STR, "Meeting.", False),
        Column("doc_id", STR, "Document.", False),
        Column("name", STR, "Meeting name as written."),
        Column("series", STR, "Series the document names, as written without edition, year or 'annual'."),
        Column("series_key", STR, "The series' content words, folded, singular and sorted (the matching key)."),
        Column("edition", INT, "Edition number as written (\"17th\", \"twenty-fifth\")."),
        Column("anniversary", INT, "Anniversary in years the meeting marks, as this document states it."),
        Column("anniversary_text", STR, "The anniversary evidence as written (\"to mark ten years since\")."),
        Column("anniversary_start_char", INT, "Offset of the anniversary evidence."),
        Column("anniversary_end_char", INT, "End offset of the anniversary evidence."),
        Column("merge_evidence", STR, "Why this document was put with the other sources of the meeting (shared series, edition, dates, place, people, figures), null for a single source."),
        Column("start_date", DATE, "First day."),
        Column("end_date", DATE, "Last day."),
        Column("date_precision", STR, "Precision of the dates.", allowed=PRECISIONS),
        Column("date_method", STR, "read, or inferred:<what> (e.g. inferred:relative-to-published)."),
        Column("date_text", STR, "The date evidence as written."),
        Column("date_start_char", INT, "Offset of the date evidence."),
        Column("date_end_char", INT, "End offset of the date evidence."),
        Column("city", STR, "City."),
        Column("country", STR, "Country."),
        Column("country_method", STR, "read, or inferred:city when taken from the city by gazetteer."),
        Column("venue", STR, "Building or platform, normalised."),
        Column("venue_text", STR, "The venue evidence as written."),
        Column("venue_start_char", INT, "Offset of the venue evidence."),
        Column("venue_end_char", INT, "End offset of the venue evidence."),
        Column("city_text", STR, "The city evidence as written (the venue's name when the city was inferred from it)."),
        Column("city_start_char", INT, "Offset of the city evidence."),
        Column("city_end_char", INT, "End offset of the city evidence."),
        Column("country_text", STR, "The country evidence: the written country, or the city or venue it was inferred from (country_method says which)."),
        Column("country_start_char", INT, "Offset of the country evidence."),
        Column("country_end_char", INT, "End offset of the country evidence."),
        Column("mode_text", STR, "The mode evidence: the online cue, \"hybrid\", or the physical place."),
        Column("mode_start_char", INT, "Offset of the mode evidence."),
        Column("mode_end_char", INT, "End offset of the mode evidence."),
        Column("organizers_text", STR, "The phrase that names the organisers (\"organised by ...\")."),
        Column("organizers_start_char", INT, "Offset of the organisers evidence."),
        Column("organizers_end_char", INT, "End offset of the organisers evidence."),
        Column("mode", STR, "in_person, online or hybrid.", allowed=MODES),
        Column("organizers", STR_LIST, "Canonical names of the organisers stated by this document.", False),
        Column("participants", INT, "Participants stated by this document."),
        Column("participants_qualifier", STR, "Qualifier of participants.", allowed=QUALIFIERS),
        Column("countries", INT, "Countries stated by this document."),
        Column("countries_qualifier", STR, "Qualifier of countries.", allowed=QUALIFIERS),
        Column("duration_days", INT, "Length in days when the text says it (\"the two-day meeting\")."),
        Column("month_day", STR, "First day as MM-DD when the text gives days but no year to place them (\"17-18 February\" = 02-17); another source of the meeting may give the year (resolved_start_date)."),
        Column("end_month_day", STR, "Last day as MM-DD, the same way."),
        Column("start_relative_days", INT, "Start as days after the publication date (\"started today\" = 0), when only a relative word gives it."),
        Column("end_relative_days", INT, "End as days after the publication date (\"concludes tomorrow\" = 1)."),
        Column("resolved_start_date", DATE, "Start date resolved from this document's relative words against another source of the meeting."),
        Column("resolved_end_date", DATE, "End date resolved the same way."),
        Column("resolved_method", STR, "How the resolved dates were inferred, and from which source."),
    ),
    ("meeting_id", "doc_id"),
))

COUNTS = _table(TableSpec(
    "counts",
    "Numbers of attendees or of represented entities.",
    (
        Column("count_id", STR, "Deterministic id.", False),
        Column("doc_id", STR, "Document.", False),
        Column("meeting_id", STR, "Meeting the document reports on."),
        Column("value", INT, "The number.", False),
        Column("qualifier", STR, "exact, more_than, over, nearly, approximately, some, at_least, up_to, ...",
               False, allowed=QUALIFIERS),
        Column("lower", INT, "Lowest value the qualifier allows (null if unbounded)."),
        Column("upper", INT, "Highest value the qualifier allows (null if unbounded)."),
        Column("unit", STR, "What is counted.", False, allowed=UNITS),
        Column("text", STR, "The count phrase as written.", False),
        *_grounding("the count phrase"),
        Column("part_of", STR, "count_id of the enclosing count for nested counts (\"31 of which ...\")."),
        Column("method", STR, METHODS_NOTE, False),
        Column("confidence", FLOAT, "Confidence from 0 to 1.", False),
        Column("curation_id", STR, "The judgement of the curation file that added this row (method curated)."),
    ),
    ("doc_id", "start_char", "count_id"),
))

RECOMMENDATIONS = _table(TableSpec(
    "recommendations",
    "Normative statements: who recommends what, to whom.",
    (
        Column("recommendation_id", STR, "Deterministic id.", False),
        Column("doc_id", STR, "Document.", False),
        Column("meeting_id", STR, "Meeting the document reports on."),
        Column("text", STR, "The normative clause.", False),
        Column("actor", STR, "Who makes it (a person, an office, an organisation or a group), or null."),
        Column("actor_person_id", STR, "person_id when the actor is a named person."),
        Column("addressee", STR, "Who is asked to act (States, governments, ...), or null."),
        Column("actor_org_id", STR, "org_id of the actor when the actor is a body (null for a person or a group)."),
        Column("addressee_org_id", STR, "org_id of the addressee when it is a named body."),
        Column("modality", STR, "The cue's kind: should, must, need, call, urge, recommend, important, time, duty."),
        Column("cue", STR, "The cue as written."),
        Column("kind", STR, "bullet, sentence or quote.", False, allowed=("bullet", "sentence", "quote")),
        Column("topics", STR_LIST, "Topic tags from the taxonomy in lang/en/topics.yaml.", False),
        *_grounding("the clause"),
        Column("method", STR, METHODS_NOTE, False),
        Column("confidence", FLOAT, "Confidence from 0 to 1.", False),
        Column("curation_id", STR, "The judgement of the curation file that added this row (method curated)."),
    ),
    ("doc_id", "start_char", "recommendation_id"),
))

QUOTES = _table(TableSpec(
    "quotes",
    "Direct quotations with their speaker.",
    (
        Column("quote_id", STR, "Deterministic id.", False),
        Column("doc_id", STR, "Document.", False),
        Column("meeting_id", STR, "Meeting the document reports on."),
        Column("person_id", STR, "Speaker's person_id, when the speaker is a named person."),
        Column("speaker", STR, "Speaker as written (name, or role)."),
        Column("text", STR, "The quoted text, without quotation marks.", False),
        *_grounding("the quoted text"),
        Column("method", STR, METHODS_NOTE, False),
        Column("confidence", FLOAT, "Confidence from 0 to 1.", False),
    ),
    ("doc_id", "start_char", "quote_id"),
))

ORGANIZATIONS = _table(TableSpec(
    "organizations",
    "Organisations named in the corpus, aliases and acronyms unified.",
    (
        Column("org_id", STR, "Deterministic id from the canonical name.", False),
        Column("name", STR, "Canonical name.", False),
        Column("acronym", STR, "Usual acronym."),
        Column("aliases", STR_LIST, "Surface forms seen in the texts.", False),
        Column("doc_ids", STR_LIST, "Documents that name it.", False),
        Column("n_mentions", INT, "Number of mentions.", False),
        Column("method", STR, "gazetteer; rule:acronym-definition for bodies defined in the text; named-in-role or organiser for a body the tables name only in a role or as an organiser.", False),
    ),
    ("org_id",),
))

CONFLICTS = _table(TableSpec(
    "conflicts",
    "Values the sources of one meeting disagree on; each source's value is kept.",
    (
        Column("meeting_id", STR, "Meeting.", False),
        Column("field", STR, "Field in dispute (participants, countries, start_date, ...).", False),
        Column("doc_id", STR, "Source document.", False),
        Column("value", STR, "This source's value, as text.", False),
        Column("qualifier", STR, "This source's qualifier, for counts."),
        Column("unit", STR, "This source's unit, for counts."),
        Column("text", STR, "Evidence as written."),
        *_grounding("the evidence"),
        Column("reason", STR, "Why the value was not used, when it could not be (\"no such day: 02-29 in 2023\"); null for a plain disagreement between sources."),
    ),
    ("meeting_id", "field", "doc_id", "start_char"),
))


CURATION_REPORT = _table(TableSpec(
    "curation_report",
    "What became of each judgement of the curation file on this run: applied, or stale and why.",
    (
        Column("curation_id", STR, "The judgement's id.", False),
        Column("action", STR, "merge-meetings, split-meetings, set, reject or add.", False),
        Column("status", STR, "applied, or stale when its target or its evidence text is gone.", False,
               allowed=("applied", "stale")),
        Column("detail", STR, "What it did, or why it could not be applied."),
        Column("author", STR, "Who made the judgement."),
        Column("date", STR, "When."),
    ),
    ("curation_id",),
))


class SchemaError(ValueError):
    """A table does not match its schema."""


def _rows(data: Any) -> list[dict[str, Any]]:
    if hasattr(data, "to_dict") and hasattr(data, "columns"):  # a pandas DataFrame
        import pandas as pd

        frame = data.astype(object).where(pd.notna(data), None) if len(data) else data
        return frame.to_dict("records")
    return list(data)


def to_arrow(name: str, data: Any) -> pa.Table:
    """Validate rows (a list of dicts, a DataFrame, or a mapping of column lists) against the named
    schema and build the table.

    Checks: exactly the schema's columns in every row, the types (pyarrow refuses a value of the
    wrong type), no null in a required column, closed vocabularies, and no "None"/"nan" strings.
    """
    if name not in TABLES:
        raise SchemaError(f"unknown table {name!r}; known tables: {sorted(TABLES)}")
    spec = TABLES[name]
    expected = set(spec.column_names)
    if isinstance(data, Mapping):  # columns: {name: [values]}, as a large table is built without a dict per row
        if data.keys() != expected:
            missing, extra = sorted(expected - set(data)), sorted(set(data) - expected)
            raise SchemaError(f"{name}: missing columns {missing} and unknown columns {extra}")
        if len({len(v) for v in data.values()}) > 1:
            raise SchemaError(f"{name}: columns of different lengths {sorted({len(v) for v in data.values()})}")
        build = lambda: pa.Table.from_pydict({c: data[c] for c in spec.column_names}, schema=spec.schema)  # noqa: E731
    else:
        rows = _rows(data)
        for i, row in enumerate(rows):
            if row.keys() != expected:
                missing, extra = sorted(expected - set(row)), sorted(set(row) - expected)
                raise SchemaError(f"{name}: row {i} has missing columns {missing} and unknown columns {extra}")
        build = lambda: pa.Table.from_pylist(rows, schema=spec.schema)  # noqa: E731
    try:
        table = build()
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError) as exc:
        raise SchemaError(f"{name}: {exc}") from exc
    for col in spec.columns:
        column = table.column(col.name)
        if not col.nullable and column.null_count:
            i = pc.index(pc.is_null(column), True).as_py()
            raise SchemaError(f"{name}.{col.name}: null in row {i}, but the column is required")
        if pa.types.is_floating(col.type) and pc.any(pc.is_nan(column)).as_py():
            raise SchemaError(f"{name}.{col.name}: NaN in a row; use null for missing values")
        if pa.types.is_string(col.type):
            if col.allowed is not None:
                ok = pc.or_(pc.is_null(column), pc.is_in(column, value_set=pa.array(col.allowed)))
                bad = pc.filter(column, pc.invert(ok))
                if len(bad):
                    i = column.to_pylist().index(bad[0].as_py())
                    raise SchemaError(f"{name}.{col.name}: value {bad[0].as_py()!r} in row {i} is not one of {list(col.allowed)}")
            bad = pc.filter(column, pc.and_(pc.is_valid(column), pc.is_in(column, value_set=_NULL_WORDS)))
            if len(bad):
                i = column.to_pylist().index(bad[0].as_py())
                raise SchemaError(f"{name}.{col.name}: the string {bad[0].as_py()!r} in row {i}; use null")
    # a stable, documented row order (nulls last) so the same rows always give the same bytes
    try:  # pyarrow >= 25 takes the null placement per key
        order = pc.sort_indices(table, sort_keys=[(k, "ascending", "at_end") for k in spec.sort_by])
    except (TypeError, ValueError, pa.ArrowInvalid):
        order = pc.sort_indices(table, sort_keys=[(k, "ascending") for k in spec.sort_by], null_placement="at_end")
    return table.take(order)


_NULL_WORDS = pa.array(["None", "nan", "NaN", "null"])


def read_table(folder: Path | str, name: str):
    """Read one table as a pandas DataFrame (an empty frame with the right columns if absent)."""
    path = Path(folder) / f"{name}.parquet"
    if not path.exists():
        return TABLES[name].schema.empty_table().to_pandas()
    return pq.read_table(path).to_pandas()


def read_rows(folder: Path | str, name: str) -> list[dict[str, Any]]:
    """Read one table as a list of dicts with Python values (dates as `datetime.date`)."""
    path = Path(folder) / f"{name}.parquet"
    if not path.exists():
        return []
    return pq.read_table(path).to_pylist()


def write_tables(tables: Mapping[str, Any], out_dir: Path | str, *, extra_files: Mapping[str, str] | None = None) -> list[Path]:
    """Validate every table, write them to a staging folder, then move them into `out_dir`.

    Nothing in `out_dir` changes unless every table validated and was written completely; the
    final step is one `os.replace` per file, which is atomic on POSIX file systems.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    arrow = {name: to_arrow(name, data) for name, data in tables.items()}  # validate all first
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    written: list[Path] = []
    try:
        for name, table in arrow.items():
            pq.write_table(table, staging / f"{name}.parquet", compression="zstd")
        for fname, content in (extra_files or {}).items():
            (staging / fname).write_text(content, encoding="utf-8")
        for path in sorted(staging.iterdir()):
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
            target = out / path.name
            os.replace(path, target)
            written.append(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


def write_json_atomic(path: Path | str, payload: Any) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(payload, fh, indent=2, sort_keys=True, default=str)
        fh.write("\n")
    os.replace(tmp, path)


def _type_name(t: pa.DataType) -> str:
    if pa.types.is_list(t):
        return f"list<{_type_name(t.value_type)}>"
    return {"string": "string", "int64": "int64", "double": "float64", "date32[day]": "date32", "bool": "bool"}.get(
        str(t), str(t)
    )


# Views over the tables: name -> (what it is, SQL).
VIEWS: dict[str, tuple[str, str]] = {
    "appearances": (
        "Who appeared at which meeting in which capacity: one row per person, meeting and role (deduplicated "
        "over the documents that report it), with the documents as evidence.",
        """
        SELECT pr.person_id, p.name, pr.meeting_id, m.name AS meeting, m.start_date, pr.role_norm AS role,
               pr.organization, list(DISTINCT pr.doc_id ORDER BY pr.doc_id) AS doc_ids
        FROM person_roles pr JOIN people p USING (person_id) LEFT JOIN meetings m USING (meeting_id)
        WHERE pr.person_id IS NOT NULL
        GROUP BY ALL ORDER BY p.name, m.start_date NULLS LAST, role
        """),
    "meeting_timeline": (
        "Meetings in date order, with their place, mode, figures and number of sources.",
        """
        SELECT meeting_id, start_date, end_date, start_period, name, series, edition, city, country, mode,
               participants, participants_qualifier, countries, len(doc_ids) AS n_sources
        FROM meetings ORDER BY start_date NULLS LAST, meeting_id
        """),
    "recommendations_by_actor": (
        "How many recommendations each actor made to each addressee, with an example.",
        """
        SELECT coalesce(actor, '(unknown)') AS actor, coalesce(addressee, '(unstated)') AS addressee,
               count(*) AS n, min(text) AS example
        FROM recommendations GROUP BY ALL ORDER BY n DESC, actor, addressee
        """),
}


def data_dictionary(names: Sequence[str] | None = None) -> str:
    """The data dictionary in Markdown, generated from the schemas above."""
    lines = [
        f"# Data dictionary (contract version {CONTRACT_VERSION})",
        "",
        "Generated from the pyarrow schemas in `pipeline/tables.py`; do not edit by hand.",
        "Offsets (`start_char`, `end_char`) index `documents.text` of the same `doc_id`, so",
        "`text[start_char:end_char]` is the evidence. Missing values are null.",
        "",
    ]
    for name in names or TABLES:
        spec = TABLES[name]
        lines += [f"## {name}", "", spec.description, "", "| column | type | required | meaning |",
                  "| --- | --- | --- | --- |"]
        for c in spec.columns:
            meaning = c.description
            if c.allowed:
                meaning += " Values: " + ", ".join(f"`{a}`" for a in c.allowed) + "."
            lines.append(f"| `{c.name}` | {_type_name(c.type)} | {'yes' if not c.nullable else 'no'} | {meaning} |")
        lines.append("")
    if names is None:
        lines += ["## Views (`rapporteur sql`)", ""]
        for view, (meaning, sql) in VIEWS.items():
            lines += [f"- `{view}`: {meaning}"]
        lines.append("")
    return "\n".join(lines)

