"""The meeting a document reports on: name, series, dates, place, mode, organisers and counts.

The meeting's own date is the one tied to a meeting verb ("met on", "took place", "kicked off
today") or standing alone in a summary's title block; other dates in the text (a statement
issued on some day) are not the meeting.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Doc

from ..ingest.metadata import read_dateline
from ..records import Segment
from .counts import Count
from .dates import DateExpr, find_duration
from .orgs import find_orgs
from .places import city_country
from .resources import alternation, fold, gazetteer, load
from .util import doc_text, facts, sentence_bounds
from .venues import find_buildings, find_cities, online_cues

TITLE_BLOCK_SEGMENTS = 8  # the first lines of a summary: title, organisers, date, venue


@dataclass
class Evidence:
    start: int
    end: int
    text: str


@dataclass
class MeetingRecord:
    name: str | None = None
    series: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    date_precision: str | None = None
    date_method: str | None = None
    date_evidence: Evidence | None = None
    start_relative_days: int | None = None  # "started today" -> 0, relative to the publication date
    end_relative_days: int | None = None  # "concludes tomorrow" -> 1
    duration_days: int | None = None
    city: str | None = None
    country: str | None = None
    country_method: str | None = None
    venue: str | None = None
    venue_evidence: Evidence | None = None
    mode: str | None = None
    organizers: list[str] = field(default_factory=list)
    participants: Count | None = None
    countries: Count | None = None


@lru_cache(maxsize=None)
def _meeting_res():
    res = load("meetings.yaml")
    verbs = sorted(res.meeting_verbs, key=len, reverse=True)
    nouns = sorted(res.meeting_nouns, key=len, reverse=True)
    verb_re = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in verbs) + r")(?!\w)", re.I)
    noun_re = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in nouns) + r")(?!\w)", re.I)
    organisers = [re.compile(p, re.I) for p in res.organisers]
    series = [(re.compile(p, re.I), r) for p, r in res.series_normalise]
    return verb_re, noun_re, organisers, series


@lru_cache(maxsize=None)
def _phase_verbs() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(start, end, continue) verbs of meetings.yaml, as whole-word patterns."""
    res = load("meetings.yaml")
    return tuple(re.compile(rf"\b(?:{alternation(words)})\b", re.I)
                 for words in (res.start_verbs, res.end_verbs, res.continue_verbs))
_GROUP = r"[A-Z][\w’'\-]*(?:\s+(?:[A-Z][\w’'\-]*|and|of|or|for|on|in|the|equivalent|mechanisms|against))*"
_NAME = re.compile(
    r"(?i:(?:(?:annual|yearly|\d+(?:st|nd|rd|th)|regular|joint)\s+)*(?:meeting|conference|forum|roundtable|seminar|workshop|summit)"
    rf"\s+of\s+(?:the\s+)?){_GROUP}"
)
# "Labour Inspectors from 20 countries met on ..." -> "meeting of National ..."
_GROUP_MET = re.compile(rf"(?P<who>{_GROUP})\s+(?:from\s+[\w ]{{1,40}}?\s+)?(?:met|gathered|convened)\b")


def series_key(name: str | None) -> str | None:
    if not name:
        return None
    _, _, _, rules = _meeting_res()
    key = name.lower()
    for pattern, replacement in rules:
        key = pattern.sub(replacement, key)
    key = key.strip(" -")
    return key or None


def _title_block(text: str, segments: list[Segment]) -> list[Segment]:
    return [s for s in segments[:TITLE_BLOCK_SEGMENTS] if s.kind in ("title", "heading", "paragraph")
            and len(text[s.start:s.end].split()) <= 20]


def _meeting_sentences(doc: Doc) -> list[tuple[int, int]]:
    verb_re, noun_re, _, _ = _meeting_res()
    out = []
    for s, e in sentence_bounds(doc):
        sent = doc_text(doc)[s:e]
        if verb_re.search(sent) and (noun_re.search(sent) or re.search(r"\b(?:met|gathered|convened)\b", sent)):
            out.append((s, e))
    return out


def _inside(spans, start, end) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _pick_date(doc: Doc, dates: list[DateExpr], title_spans, meeting_sents, published: date | None, rec: MeetingRecord):
    text = doc_text(doc)
    # 1. a date standing alone in the title block
    for d in dates:
        if d.kind in ("range", "day", "month") and _inside(title_spans, d.start, d.end):
            line = next(text[s:e] for s, e in title_spans if s <= d.start and d.end <= e)
            if len(line.strip()) <= len(d.text) + 25:
                return d, 0.9
    # 2. an explicit date in a sentence with a meeting verb
    tied = [d for d in dates if _inside(meeting_sents, d.start, d.end)]
    for kind in ("range", "day", "month"):
        for d in tied:
            if d.kind == kind:
                return d, 0.85
    # 3. relative words with a meeting verb: kept as offsets from the publication date
    for d in tied:
        if d.kind != "relative":
            continue
        sent = next(text[s:e] for s, e in meeting_sents if s <= d.start < e)
        before = text[max(0, d.start - 60):d.start]
        start_verbs, end_verbs, continue_verbs = _phase_verbs()
        if end_verbs.search(before[-40:]) and rec.end_relative_days is None:
            rec.end_relative_days = d.relative_days
        elif start_verbs.search(sent) and not continue_verbs.search(before[-30:]) and rec.start_relative_days is None:
            rec.start_relative_days = d.relative_days
    if rec.start_relative_days is not None and published is not None:
        rel = next(d for d in tied if d.kind == "relative" and d.relative_days == rec.start_relative_days)
        return rel, 0.75
    # 4. year-only evidence ("the 2019 OSCE Chairmanship Slovakia")
    for d in dates:
        if d.kind == "year":
            return d, 0.5
    return None, 0.0


_ORGANISED = re.compile(r"organi[sz]|hosted|convened", re.I)


def _in_pieces(text: str, pieces: list[tuple[int, int]], finder) -> list:
    """Run a place finder over the given stretches only, with offsets into the whole text."""
    found, seen = [], set()
    for s, e in sorted(set(pieces)):
        for place in finder(text[s:e]):
            key = (place.start + s, place.end + s)
            if key not in seen:
                seen.add(key)
                place.start, place.end = key
                found.append(place)
    return sorted(found, key=lambda p: p.start)


def build_meeting(doc: Doc, *, published: date | None, segments: list[Segment]) -> MeetingRecord:
    """The per-document meeting record, from the facts the components put on `doc`."""
    text = doc_text(doc)
    f = facts(doc)
    rec = MeetingRecord()
    verb_re, noun_re, organiser_res, _ = _meeting_res()
    title_spans = [(s.start, s.end) for s in _title_block(text, segments)]
    meeting_sents = _meeting_sentences(doc)
    scope = title_spans + meeting_sents

    # name and series
    for s, e in title_spans + meeting_sents + [(0, len(text))]:
        m = _NAME.search(text[s:e])
        if m:
            rec.name = re.sub(r"\s+(?:and|of|or|for|on|in|the|against)$", "", m.group().strip())
            break
    if rec.name is None:
        for s, e in meeting_sents:
            m = _GROUP_MET.search(text[s:e])
            if m and len(m.group("who").split()) >= 2:
                rec.name = "meeting of " + m.group("who")
                break
    rec.series = series_key(rec.name)

    # dates (the dateline is the publication date, not the meeting's)
    dateline = read_dateline(text)
    dates = [d for d in f.get("dates", []) if dateline is None or d.start >= dateline.end]
    expr, _ = _pick_date(doc, dates, title_spans, meeting_sents, published, rec)
    if expr is not None:
        start, end, precision, method = expr.resolve(published)
        if start is not None:
            rec.start_date, rec.end_date, rec.date_precision, rec.date_method = start, end, precision, method
            if expr.kind == "year":
                rec.date_method = "read:year-only"
            rec.date_evidence = Evidence(expr.start, expr.end, expr.text)
    rec.duration_days = find_duration(text)
    if published is not None and rec.date_precision == "day":
        if rec.end_date is None and rec.end_relative_days is not None:
            rec.end_date = published + timedelta(days=rec.end_relative_days)
            rec.date_method = (rec.date_method or "") + "; end inferred:relative-to-published"

    # venue, city, country, mode
    buildings = _in_pieces(text, scope, find_buildings)
    physical = [b for b in buildings if b.kind == "building"]
    platforms = [b for b in buildings if b.kind == "platform"]
    if physical:
        b = physical[0]
        rec.venue, rec.venue_evidence = b.value, Evidence(b.start, b.end, b.text)
    elif platforms:
        b = platforms[0]
        rec.venue, rec.venue_evidence = b.value, Evidence(b.start, b.end, b.text)
    cities = _in_pieces(text, meeting_sents, find_cities)
    if cities:
        rec.city = cities[0].city
        if cities[0].country:
            rec.country, rec.country_method = cities[0].country, "read"
        else:
            rec.country, rec.country_method = city_country(rec.city), "inferred:city"
    elif physical and physical[0].city:
        rec.city, rec.country, rec.country_method = physical[0].city, physical[0].country, "inferred:venue"
    online = bool(platforms)
    for s, e in scope:
        if online_cues(text[s:e]) or re.search(r"\bhybrid\b", text[s:e], re.I):
            online = True
    hybrid = any(re.search(r"\bhybrid\b", text[s:e], re.I) for s, e in scope)
    has_place = bool(physical or cities)
    if hybrid or (online and has_place):
        rec.mode = "hybrid"
    elif online:
        rec.mode = "online"
    elif has_place:
        rec.mode = "in_person"

    # organisers
    gaz = gazetteer()
    organisers: list[str] = []
    for s, e in scope:
        sent = text[s:e]
        if not _ORGANISED.search(sent):
            continue
        for pattern in organiser_res:
            for m in pattern.finditer(sent):
                for org in find_orgs(m.group("orgs"), gaz):
                    entry = gaz.by_key.get(fold(org.name))
                    label = gaz.resolve(entry).label if entry else org.name
                    if label not in organisers:
                        organisers.append(label)
    rec.organizers = organisers

    # headline counts: participants and countries
    counts: list[Count] = f.get("counts", [])
    people_units = [c for c in counts if c.unit in ("participants", "delegates") and c.part_of is None]
    country_units = [c for c in counts if c.unit in ("countries", "participating_states") and c.part_of is None]
    rec.participants = people_units[0] if people_units else None
    rec.countries = country_units[0] if country_units else None
    return rec
