"""The last component: turns the facts on a Doc into plain, JSON-ready rows for one document.

The result is built inside the spaCy pass (so it also works with several processes) and holds
only strings, numbers, lists, dicts and None; dates are ISO strings until the tables are written.
"""
from __future__ import annotations

import logging
from datetime import date

import numpy
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Segment, stable_id
from .meeting import build_meeting
from .util import doc_text, facts, sentence_bounds, sentence_of

log = logging.getLogger(__name__)

if not Doc.has_extension("context"):
    Doc.set_extension("context", default=None)
if not Doc.has_extension("result"):
    Doc.set_extension("result", default=None)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def assemble(doc: Doc, context: dict[str, Any]) -> dict[str, Any]:
    doc_id = context["doc_id"]
    base = context.get("offset") or 0  # where this Doc starts in the document (long documents come in pieces)

    def B(x: int | None) -> int | None:
        return None if x is None else x + base

    published = date.fromisoformat(context["published"]) if context.get("published") else None
    segments = [Segment(*s) for s in context.get("segments", [])]
    f = facts(doc)
    text = doc_text(doc)
    bounds = sentence_bounds(doc)
    dateline = tuple(context["dateline"]) if context.get("dateline") else None
    meeting = build_meeting(doc, published=published, segments=segments, dateline=dateline)
    assertion_date = meeting.start_date if meeting.start_date else published
    assertion_precision = meeting.date_precision if meeting.start_date else ("day" if published else None)

    mentions: list[dict[str, Any]] = []

    def mention(label: str, start: int, end: int, extractor: str, method: str, confidence: float) -> None:
        mentions.append({
            "mention_id": stable_id("m-", doc_id, label, B(start), B(end)), "doc_id": doc_id, "label": label,
            "text": text[start:end], "start_char": B(start), "end_char": B(end), "sentence": sentence_of(bounds, start),
            "extractor": extractor, "method": method, "confidence": round(confidence, 3),
        })

    for o in f.get("orgs", []):
        mention("ORG", o.start, o.end, "rapporteur_orgs", o.method, o.confidence)
    people = f.get("people", [])
    for p in people:
        mention("PERSON", p.start, p.end, "rapporteur_people", p.method, p.confidence)
    person_roles = []
    with_role = {p.name for p in people if p.role}
    seen_plain: set[str] = set()
    for r in f.get("roles", []):
        mention("ROLE", r.start, r.end, "rapporteur_people", r.method, r.confidence)
        p = r.person
        person_roles.append({
            "assertion_id": stable_id("a-", doc_id, B(r.start), B(r.end), B(p.start) if p else ""),
            "doc_id": doc_id, "meeting_id": None, "person_id": None,
            "name": p.name if p else None, "honorifics": list(p.honorifics) if p else None,
            "role": r.role, "role_norm": r.role_norm, "organization": r.organization, "country": r.country,
            "date": _iso(assertion_date), "date_precision": assertion_precision, "likely_person_id": None,
            "method": r.method, "inferred_from": None, "confidence": round(r.confidence, 3),
            "start_char": B(p.start if p else r.start), "end_char": B(p.end if p else r.end),
            "role_start_char": B(r.start), "role_end_char": B(r.end),
        })
    for p in people:  # people named without any role in this document still get one row
        if p.name in with_role or p.name in seen_plain:
            continue
        seen_plain.add(p.name)
        person_roles.append({
            "assertion_id": stable_id("a-", doc_id, "", "", B(p.start)), "doc_id": doc_id, "meeting_id": None,
            "person_id": None, "name": p.name, "honorifics": list(p.honorifics), "role": None, "role_norm": None,
            "organization": p.organization, "country": None, "date": _iso(assertion_date), "date_precision": assertion_precision,
            "likely_person_id": None, "method": p.method, "inferred_from": None,
            "confidence": round(p.confidence, 3), "start_char": B(p.start), "end_char": B(p.end),
            "role_start_char": None, "role_end_char": None,
        })

    counts = []
    count_ids = []
    for c in f.get("counts", []):
        cid = stable_id("c-", doc_id, B(c.start), B(c.end))
        count_ids.append(cid)
        mention("COUNT", c.start, c.end, "rapporteur_counts", c.method, c.confidence)
        counts.append({
            "count_id": cid, "doc_id": doc_id, "meeting_id": None, "value": c.value, "qualifier": c.qualifier,
            "lower": c.lower, "upper": c.upper, "unit": c.unit, "text": c.text, "start_char": B(c.start),
            "end_char": B(c.end), "part_of": count_ids[c.part_of] if c.part_of is not None else None,
            "method": c.method, "confidence": c.confidence,
        })

    quotes = []
    for q in f.get("quotes", []):
        mention("QUOTE", q.start, q.end, "rapporteur_quotes", q.method, q.confidence)
        quotes.append({
            "quote_id": stable_id("q-", doc_id, B(q.start), B(q.end)), "doc_id": doc_id, "meeting_id": None,
            "person_id": None, "speaker": q.speaker_text, "text": q.text, "start_char": B(q.start), "end_char": B(q.end),
            "method": q.method, "confidence": q.confidence,
        })

    recs = []
    for r in f.get("recommendations", []):
        mention("RECOMMENDATION", r.start, r.end, "rapporteur_recommendations", r.method, r.confidence)
        recs.append({
            "recommendation_id": stable_id("r-", doc_id, B(r.start), B(r.end)), "doc_id": doc_id, "meeting_id": None,
            "text": r.text, "actor": r.actor, "actor_person_id": None,
            "actor_name": r.actor_person.name if r.actor_person else None, "addressee": r.addressee,
            "modality": r.modality, "cue": r.cue, "kind": r.kind, "topics": r.topics, "start_char": B(r.start),
            "end_char": B(r.end), "method": r.method, "confidence": r.confidence,
        })

    for d in f.get("dates", []):
        mention("DATE", d.start, d.end, "rapporteur_dates", "rule:date-pattern", 0.9)
    if meeting.venue_evidence:
        ev = meeting.venue_evidence
        mention("VENUE", ev.start, ev.end, "rapporteur_meeting", "gazetteer:venues", 0.85)

    def ev(e):
        return (e.text, B(e.start), B(e.end)) if e else (None, None, None)

    date_text, date_start, date_end = ev(meeting.date_evidence)
    venue_text, venue_start, venue_end = ev(meeting.venue_evidence)
    meeting_row = {
        "doc_id": doc_id, "name": meeting.name, "series": meeting.series, "edition": meeting.edition,
        "start_date": _iso(meeting.start_date), "end_date": _iso(meeting.end_date),
        "date_precision": meeting.date_precision, "date_method": meeting.date_method,
        "date_text": date_text, "date_start_char": date_start, "date_end_char": date_end,
        "start_relative_days": meeting.start_relative_days, "end_relative_days": meeting.end_relative_days,
        "city": meeting.city, "country": meeting.country, "country_method": meeting.country_method,
        "venue": meeting.venue, "venue_text": venue_text, "venue_start_char": venue_start, "venue_end_char": venue_end,
        "mode": meeting.mode, "organizers": list(meeting.organizers),
        "participants": meeting.participants.value if meeting.participants else None,
        "participants_qualifier": meeting.participants.qualifier if meeting.participants else None,
        "participants_unit": meeting.participants.unit if meeting.participants else None,
        "participants_text": meeting.participants.text if meeting.participants else None,
        "participants_start_char": B(meeting.participants.start) if meeting.participants else None,
        "participants_end_char": B(meeting.participants.end) if meeting.participants else None,
        "countries": meeting.countries.value if meeting.countries else None,
        "countries_qualifier": meeting.countries.qualifier if meeting.countries else None,
        "countries_unit": meeting.countries.unit if meeting.countries else None,
        "countries_text": meeting.countries.text if meeting.countries else None,
        "countries_start_char": B(meeting.countries.start) if meeting.countries else None,
        "countries_end_char": B(meeting.countries.end) if meeting.countries else None,
        "duration_days": meeting.duration_days, "published": context.get("published"),
    }
    orgs = [{"name": o.name, "acronym": o.acronym, "text": o.text, "method": o.method} for o in f.get("orgs", [])]
    people_rows = [{"name": p.name, "surface": text[p.start:p.end], "honorifics": list(p.honorifics),
                    "start_char": B(p.start), "end_char": B(p.end)} for p in people]
    return {"doc_id": doc_id, "mentions": mentions, "person_roles": person_roles, "counts": counts,
            "quotes": quotes, "recommendations": recs, "meeting": meeting_row, "orgs": orgs, "people": people_rows}


def empty_result(doc_id: str) -> dict[str, Any]:
    meeting = {"doc_id": doc_id, "organizers": []}
    return {"doc_id": doc_id, "mentions": [], "person_roles": [], "counts": [], "quotes": [], "recommendations": [],
            "meeting": meeting, "orgs": [], "people": []}


class Assembler:
    """Builds doc._.result from doc._.facts and doc._.context, then drops the facts."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        context = doc._.context or {"doc_id": "doc"}
        errors = list(facts(doc).get("errors", []))
        try:
            doc._.result = assemble(doc, context)
        except Exception as exc:  # noqa: BLE001 - the document keeps an empty result and its error
            log.exception("assembling the results of %s failed", context["doc_id"])
            errors.append(f"{self.name}: {type(exc).__name__}: {exc}")
            doc._.result = empty_result(context["doc_id"])
        doc._.result["errors"] = errors
        doc._.facts = None
        # nothing downstream reads the tok2vec output: dropping it keeps the Docs that worker
        # processes send back small
        doc.tensor = numpy.zeros((0,), dtype="float32")
        return doc


@Language.factory("rapporteur_assemble")
def make_assembler(nlp: Language, name: str) -> Assembler:
    return Assembler(nlp, name)
