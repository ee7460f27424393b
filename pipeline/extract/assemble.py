"""The last component: turns the facts on a Doc into the typed record of the document
(records.Extraction: every fact with its evidence Span), handed to reconcile.

It is built inside the spaCy pass (so it also works with several processes) and stored on the Doc
in its JSON form; dates are ISO strings until the tables are written.
"""
from __future__ import annotations

import logging
import re
from dataclasses import fields, replace
from datetime import date
from functools import lru_cache

import numpy
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..records import (CountFact, Extraction, Figure, MeetingFact, MentionFact, OrgFact, PersonFact, PersonRoleFact,
                       QuoteFact, RecommendationFact, Segment, Span, stable_id)
from ..lang.resources import alternation, roles
from .meeting import build_meeting
from .orgs import host_body, official_body
from .roles import has_head
from .places import countries_in
from .util import CACHE_EXTENSIONS, FACT_EXTENSIONS, doc_text, needs, sentence_bounds, sentence_of

log = logging.getLogger(__name__)
ASSEMBLER = "rapporteur_assemble"

if not Doc.has_extension("context"):
    Doc.set_extension("context", default=None)
if not Doc.has_extension("result"):
    Doc.set_extension("result", default=None)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _home_country(text: str, meeting_country: str | None) -> str | None:
    """The meeting's country when it is the only country the report names: a national meeting."""
    if not meeting_country:
        return None
    named = set(countries_in(text))
    return meeting_country if named <= {meeting_country} else None


@lru_cache(maxsize=None)
def _national_offices() -> re.Pattern:
    return re.compile(rf"^(?:{alternation(roles().national_offices)})\b", re.IGNORECASE)


def _national_office(role_norm: str | None) -> bool:
    """A title only a state has ("Minister of X", "Attorney General"), per roles.yaml national_offices."""
    return bool(role_norm) and bool(_national_offices().match(role_norm))


def _staff_post(r) -> bool:
    """A named person's capitalised title that names no organisation or country and is not an
    office only a state has ("Director of Research", not "Deputy Minister" or "survivor")."""
    return (not (r.organization or r.country) and r.role[:1].isupper() and has_head(r.role)
            and not _national_office(r.role_norm))


def assemble(doc: Doc, context: dict[str, Any]) -> Extraction:
    """The document's facts as typed records, each with its evidence span in the whole text."""
    doc_id = context["doc_id"]
    base = context.get("offset") or 0  # where this Doc starts in the document (long documents come in pieces)
    published = date.fromisoformat(context["published"]) if context.get("published") else None
    segments = [Segment(*s) for s in context.get("segments", [])]
    text = doc_text(doc)
    bounds = sentence_bounds(doc)
    dateline = tuple(context["dateline"]) if context.get("dateline") else None
    meeting = build_meeting(doc, published=published, segments=segments, dateline=dateline)
    assertion_date = meeting.start_date or _iso(published)
    assertion_precision = meeting.date_precision if meeting.start_date else ("day" if published else None)

    def span(start: int | None, end: int | None) -> Span | None:
        """Evidence in the whole document's offsets (the Doc may be one piece of it)."""
        return None if start is None else Span(start + base, end + base, text[start:end])

    out = Extraction(doc_id=doc_id, meeting=_meeting_fact(doc_id, meeting, span, context.get("published")))

    def mention(label: str, start: int, end: int, extractor: str, method: str, confidence: float) -> None:
        sp = span(start, end)
        out.mentions.append(MentionFact(stable_id("m-", doc_id, label, sp.start, sp.end), doc_id, label, sp,
                                        sentence_of(bounds, start), extractor, method, round(confidence, 3)))

    for o in needs(doc, "orgs", ASSEMBLER):
        mention("ORG", o.start, o.end, "rapporteur_orgs", o.method, o.confidence)
        out.orgs.append(OrgFact(o.name, o.acronym, span(o.start, o.end), o.method))
    people = needs(doc, "people", ASSEMBLER)
    for p in people:
        mention("PERSON", p.start, p.end, "rapporteur_people", p.method, p.confidence)
        out.people.append(PersonFact(p.name, list(p.honorifics), span(p.start, p.end)))
    with_role = {p.name for p in people if p.role}
    seen_plain: set[str] = set()
    home = _home_country(text, meeting.country)
    host = official_body(host_body(needs(doc, "orgs", ASSEMBLER)))
    for r in needs(doc, "roles", ASSEMBLER):
        mention("ROLE", r.start, r.end, "rapporteur_people", r.method, r.confidence)
        if r.person is not None and host and _staff_post(r):
            # "said Ambassador NAME, Director of the Office of the Secretary General" in a report
            # about one body: a post of that body
            r.organization, r.method = host, f"{r.method}; organisation inferred:host-body"
        if r.person is None and home and not (r.country or r.organization) and _national_office(r.role_norm):
            # "the Attorney General" in a report of a national meeting: that country's office
            r.country, r.method = home, f"{r.method}; country inferred:meeting-country"
        p, role_span = r.person, span(r.start, r.end)
        out.person_roles.append(PersonRoleFact(
            stable_id("a-", doc_id, role_span.start, role_span.end, p.start + base if p else ""), doc_id,
            span(p.start, p.end) if p else role_span, p.name if p else None, list(p.honorifics) if p else None,
            r.role, r.role_norm, r.organization, r.country, assertion_date, assertion_precision, r.method,
            round(r.confidence, 3), role_span))
    for p in people:  # people named without any role in this document still get one row
        if p.name in with_role or p.name in seen_plain:
            continue
        seen_plain.add(p.name)
        out.person_roles.append(PersonRoleFact(
            stable_id("a-", doc_id, "", "", p.start + base), doc_id, span(p.start, p.end), p.name,
            list(p.honorifics), None, None, p.organization, None, assertion_date, assertion_precision, p.method,
            round(p.confidence, 3)))

    count_ids: list[str] = []
    for c in needs(doc, "counts", ASSEMBLER):
        sp = span(c.start, c.end)
        count_ids.append(stable_id("c-", doc_id, sp.start, sp.end))
        mention("COUNT", c.start, c.end, "rapporteur_counts", c.method, c.confidence)
        out.counts.append(CountFact(count_ids[-1], doc_id, sp, c.value, c.qualifier, c.lower, c.upper, c.unit,
                                    count_ids[c.part_of] if c.part_of is not None else None, c.method, c.confidence))
    for q in needs(doc, "quotes", ASSEMBLER):
        mention("QUOTE", q.start, q.end, "rapporteur_quotes", q.method, q.confidence)
        sp = span(q.start, q.end)
        out.quotes.append(QuoteFact(stable_id("q-", doc_id, sp.start, sp.end), doc_id, sp, q.speaker_text, q.method,
                                    q.confidence))
    for r in needs(doc, "recommendations", ASSEMBLER):
        mention("RECOMMENDATION", r.start, r.end, "rapporteur_recommendations", r.method, r.confidence)
        sp = span(r.start, r.end)
        out.recommendations.append(RecommendationFact(
            stable_id("r-", doc_id, sp.start, sp.end), doc_id, sp, r.actor,
            r.actor_person.name if r.actor_person else None, r.addressee, r.modality, r.cue, r.kind, r.topics,
            r.method, r.confidence))
    for d in needs(doc, "dates", ASSEMBLER):
        mention("DATE", d.start, d.end, "rapporteur_dates", "rule:date-pattern", 0.9)
    if meeting.venue_evidence:
        ev = meeting.venue_evidence
        mention("VENUE", ev.start, ev.end, "rapporteur_meeting", "gazetteer:venues", 0.85)
    return out


def _meeting_fact(doc_id: str, meeting: MeetingFact, span, published: str | None) -> MeetingFact:
    """The Doc's meeting record placed in the document: its id, publication date, and every piece of
    evidence in the whole document's offsets (the Doc may be one piece of it)."""

    def moved(e: Span | None) -> Span | None:
        return span(e.start, e.end) if e else None

    def figure(f: Figure | None) -> Figure | None:
        return replace(f, span=moved(f.span)) if f else None

    return replace(meeting, doc_id=doc_id, published=published, organizers=list(meeting.organizers),
                   participants=figure(meeting.participants), countries=figure(meeting.countries),
                   **{f.name: moved(getattr(meeting, f.name)) for f in fields(MeetingFact)
                      if f.name.endswith("_evidence")})


def empty_result(doc_id: str) -> Extraction:
    return Extraction(doc_id=doc_id, meeting=MeetingFact(doc_id=doc_id))


class Assembler:
    """Builds doc._.result (an Extraction) from the facts on the Doc and doc._.context, then drops
    the facts."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        context = doc._.context or {"doc_id": "doc"}
        errors = list(doc._.errors or [])
        try:
            result = assemble(doc, context)
        except Exception as exc:  # noqa: BLE001 - the document keeps an empty result and its error
            log.exception("assembling the results of %s failed", context["doc_id"])
            errors.append(f"{self.name}: {type(exc).__name__}: {exc}")
            result = empty_result(context["doc_id"])
        result.errors = errors
        # the record itself: documents are extracted in this process (one worker of a Dask
        # cluster runs the same pass), so it is never serialised to go back and forth
        doc._.result = result
        for extension in (*FACT_EXTENSIONS, "errors", *CACHE_EXTENSIONS):
            setattr(doc._, extension, None)
        # nothing downstream reads the tok2vec output: dropping it keeps the Docs that worker
        # processes send back small
        doc.tensor = numpy.zeros((0,), dtype="float32")
        return doc


@Language.factory("rapporteur_assemble", assigns=["doc._.result"],
                  requires=[*(f"doc._.{name}" for name in FACT_EXTENSIONS), "doc.sents"])
def make_assembler(nlp: Language, name: str) -> Assembler:
    return Assembler(nlp, name)
