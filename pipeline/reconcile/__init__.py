"""Reconcile stage: per-document extractions -> the final tables.

Meetings are clustered across documents, people get one id across documents, organisations are
unified, and role-only mentions are attributed through the tenure table. Writes every fact table
and the data dictionary (OUTPUT/README.md) in one atomic step.
"""
from __future__ import annotations

import gc
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..extract import INTERIM, read_extractions
from ..lang.resources import fold, gazetteer
from ..records import Extraction, stable_id
from ..tables import TABLES, data_dictionary, write_tables
from .pairs import PairScores
from .meetings import PRECISION_RANK, Source, as_date, cluster, meeting_id, merge, office_key
from .people import name_key, resolve_people
from .curation import Report as CurationReport
from .curation import apply_facts, regroup, regroup_people
from .tenure import attribute, build_tenures, by_role

log = logging.getLogger(__name__)

DEFAULTS = {"tenure_window_days": 730, "meeting_merge_threshold": 4.0, "person_fuzzy_threshold": 92}
INGEST_TABLES = ("documents", "footnotes", "segments")


_COLUMNS: dict[str, tuple[str, ...]] = {}


def _pick(row: dict[str, Any], table: str) -> dict[str, Any]:
    columns = _COLUMNS.get(table)
    if columns is None:
        columns = _COLUMNS[table] = tuple(TABLES[table].column_names)
    return {c: row.get(c) for c in columns}


MEETING_EVIDENCE = ("name", "start_date", "end_date", "start_relative_days", "end_relative_days", "city", "venue",
                    "mode", "organizers", "participants", "countries")


def has_meeting_evidence(record: dict[str, Any]) -> bool:
    """A document says something about a meeting: a name, a date, a place, a mode, organisers or
    an attendance figure."""
    return any(record.get(k) not in (None, [], "") for k in MEETING_EVIDENCE)


def _merge_isolated(members: list[Source], mid: str):
    """`merge`, but a cluster whose records cannot be merged (a value outside its type) never stops
    the run: its sources are merged without the one that fails, which keeps its own row with the
    reason in `conflicts`."""
    try:
        return merge(members, mid)
    except Exception as exc:  # noqa: BLE001 - one bad record must not cost the whole run
        log.warning("reconcile: meeting %s could not be merged (%s: %s); merging its sources one by one",
                    mid, type(exc).__name__, exc)
    meeting, rows, conflicts = None, [], []
    for m in members:
        try:
            one, one_rows, one_conf = merge([m], mid)
        except Exception as exc:  # noqa: BLE001
            conflicts.append({"meeting_id": mid, "field": "meeting", "doc_id": m.doc_id, "value": "",
                              "reason": f"record not reconciled: {type(exc).__name__}: {exc}"})
            continue
        meeting = meeting or one
        rows += one_rows
        conflicts += one_conf
    if meeting is None:
        meeting = {"meeting_id": mid, "doc_ids": [m.doc_id for m in members], "organizers": [], "conflicts": []}
    meeting["doc_ids"] = [r["doc_id"] for r in rows] or meeting["doc_ids"]
    return meeting, rows, conflicts


CALIBRATION = Path(__file__).parent / "calibration.json"


def load_calibration(path: Path | str | None = None) -> dict[str, dict[str, float]]:
    """{kind: {method: measured precision}} (written by `rapporteur calibrate`), or empty."""
    import json

    path = Path(path or CALIBRATION)
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8")).get("confidence", {})


def _calibrate(person_roles: list[dict], counts: list[dict], recommendations: list[dict], path=None) -> None:
    """Each fact's confidence is its method's measured precision, where one was measured; a method
    with an inference added ("rule:x; organisation inferred:host-body") is the method it adds to
    (the confidence is the reading's, the inference is said in the method)."""
    table = load_calibration(path)
    if not table:
        return
    for kind, rows in (("person_role", [r for r in person_roles if r.get("name")]),
                       ("role_only", [r for r in person_roles if not r.get("name")]),
                       ("count", counts), ("recommendation", recommendations)):
        measured = table.get(kind, {})
        for row in rows:
            method = row.get("method")
            if method in measured:
                row["confidence"] = measured[method]
            elif method and method.split("; ")[0] in measured:
                row["confidence"] = measured[method.split("; ")[0]]


def _org_ids(orgs: dict[str, dict[str, Any]], gaz, person_roles, meetings, recommendations):
    """A function from an organisation's name as a table writes it ("OSCE", a full name, an alias)
    to its org_id in `organizations`. A name that no organizations row has yet (a role's body,
    an organiser) gets one (method "named-in-role" or "organiser"), so that every id joins;
    with create=False a name that is no known body gives None (an actor that is a person or a
    group)."""
    index: dict[str, str] = {}

    def register(row: dict[str, Any]) -> None:
        for surface in (row["name"], row.get("acronym"), *row["aliases"]):
            if surface:
                index.setdefault(fold(surface), row["org_id"])
        entry = gaz.by_key.get(fold(row["name"]))
        if entry is not None:
            for surface in (entry.name, entry.acronym, entry.short, entry.label, *entry.aliases):
                if surface:
                    index.setdefault(fold(surface), row["org_id"])

    for row in orgs.values():
        register(row)

    def org_id_of(name: str | None, *, create: bool = True, method: str = "named-in-role") -> str | None:
        if not name:
            return None
        key = fold(name)
        if key in index:
            return index[key]
        entry = gaz.lookup(name)
        if entry is None and not create:
            return None
        canonical = entry.name if entry else name
        if fold(canonical) in index:
            index[key] = index[fold(canonical)]
            return index[key]
        row = orgs.setdefault(canonical, {"org_id": stable_id("o-", fold(canonical), length=12), "name": canonical,
                                          "acronym": entry.acronym if entry else None, "aliases": {name},
                                          "doc_ids": set(), "n_mentions": 0,
                                          "method": "gazetteer" if entry else method})
        register(row)
        index[key] = row["org_id"]
        return row["org_id"]

    # the documents that name each body through a role or as an organiser
    for row in person_roles:
        oid = org_id_of(row.get("organization"))
        if oid:
            next(r for r in orgs.values() if r["org_id"] == oid)["doc_ids"].add(row["doc_id"])
    for m in meetings:
        for o in m.get("organizers") or []:
            org_id_of(o, method="organiser")
    return org_id_of


def reconcile(extractions: list[Extraction], params: dict[str, Any] | None = None, *,
              progress: bool = False, judgements: list | None = None,
              texts: dict[str, str] | None = None, pairs: PairScores | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every fact table from the per-document extractions; then the researcher's judgements
    (`judgements`, from the curation file; `texts`, the documents' text, for the facts they add).
    `pairs`: the meeting pair scores kept from the last run (the tables are the same without).

    The cyclic garbage collector is paused meanwhile: reconcile builds millions of small rows and
    makes no reference cycles, and at 100,000 documents the collector's repeated passes over every
    live row took a third of the time (measured in benchmarks/scale.py)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _reconcile(extractions, params, progress=progress, judgements=judgements, texts=texts, pairs=pairs)
    finally:
        if enabled:
            gc.enable()


def _reconcile(extractions: list[Extraction], params: dict[str, Any] | None, *, progress: bool,
               judgements: list | None, texts: dict[str, str] | None,
               pairs: PairScores | None = None) -> dict[str, list[dict[str, Any]]]:
    """People first (shared people are evidence for meetings), then meetings, then the fact rows
    with their meeting and person ids, tenures and the likely holders of offices named by role
    only, organisations, calibrated confidences, and last the researcher's corrections."""
    curation_report = CurationReport()
    p = {**DEFAULTS, **(params or {})}
    judgements = judgements or []
    bar = None
    if progress:
        from tqdm import tqdm

        # the steps of reconcile, shown once it takes more than a couple of seconds
        bar = tqdm(total=4, unit="step", desc="reconcile", dynamic_ncols=True, delay=2,
                   bar_format="{desc}: {n}/{total} {postfix} [{elapsed}]")

    def step(name: str) -> None:
        if bar is not None:
            bar.set_postfix_str(name, refresh=False)
            bar.update(1)

    clusters, person_of = _people(extractions, p, judgements, curation_report)
    step("people")
    meetings, meeting_sources, conflicts, meeting_of = _meetings(extractions, p, judgements, curation_report, pairs)
    step(f"{len(meetings)} meetings")
    facts = _fact_rows(extractions, meeting_of, {m["meeting_id"]: m for m in meetings}, person_of)
    step("facts")
    tenures = build_tenures(facts.person_roles, {c.person_id: c.canonical for c in clusters})
    _attribute_role_only(facts.person_roles, tenures, p["tenure_window_days"])
    people = [{"person_id": c.person_id, "name": c.canonical, "honorifics": c.honorifics,
               "aliases": sorted(set(c.names)), "doc_ids": sorted(c.doc_ids), "n_mentions": c.n_mentions}
              for c in clusters]
    organizations = _organisations(extractions, facts, meetings)
    _calibrate(facts.person_roles, facts.counts, facts.recommendations, p.get("calibration"))
    step("organisations and tenures")
    if bar is not None:
        bar.close()
    tables = {"person_roles": facts.person_roles, "counts": facts.counts, "recommendations": facts.recommendations,
              "quotes": facts.quotes, "meetings": meetings, "meeting_sources": meeting_sources, "people": people}
    apply_facts(tables, judgements, texts or {}, curation_report)
    return {
        "curation_report": [_pick(r, "curation_report") for r in curation_report.rows],
        "mentions": facts.mentions,
        "people": people,
        "person_roles": [_pick(r, "person_roles") for r in facts.person_roles],
        "role_tenures": [_pick(t, "role_tenures") for t in tenures],
        "meetings": [_pick(m, "meetings") for m in meetings],
        "meeting_sources": meeting_sources,
        "counts": [_pick(c, "counts") for c in facts.counts],
        "recommendations": [_pick(r, "recommendations") for r in facts.recommendations],
        "quotes": [_pick(q, "quotes") for q in facts.quotes],
        "organizations": [_pick(o, "organizations") for o in organizations],
        "conflicts": [_pick(c, "conflicts") for c in conflicts],
    }


def _people(extractions: list[Extraction], p: dict[str, Any], judgements: list,
            curation_report: CurationReport) -> tuple[list, dict]:
    """One person per person across documents (a mention's organisation helps tell namesakes
    apart), regrouped by the researcher's judgements: the clusters and (doc_id, name) -> person_id."""
    person_mentions = []
    for ex in extractions:
        orgs_by_name: dict[str, set] = defaultdict(set)
        for pr in ex.person_roles:
            if pr.name and pr.organization:
                orgs_by_name[pr.name].add(pr.organization)
        for person in ex.people:
            person_mentions.append({"doc_id": ex.doc_id, "name": person.name, "honorifics": person.honorifics,
                                    "organization": next(iter(sorted(orgs_by_name.get(person.name, []))), None)})
    clusters, person_of = resolve_people(person_mentions, fuzzy_threshold=p["person_fuzzy_threshold"])
    regroup_people(clusters, person_of, judgements, curation_report)
    return clusters, person_of


def _meeting_source(ex: Extraction) -> Source | None:
    """The document's meeting record with the names and offices it mentions; None without any
    evidence of a meeting (a table, a list of figures)."""
    record = ex.meeting.row()
    if not has_meeting_evidence(record):
        return None
    holders: dict[str, set[str]] = defaultdict(set)
    for pr in ex.person_roles:
        key = office_key(pr.role_norm, pr.country)
        if key:
            named = holders[key]  # an office named by role only keeps an empty set of holders
            if pr.name:
                named.add(name_key(pr.name))
    offices = {k: frozenset(v) for k, v in holders.items()}
    return Source(record, {name_key(x.name) for x in ex.people}, offices)


def _meetings(extractions: list[Extraction], p: dict[str, Any], judgements: list,
              curation_report: CurationReport,
              pairs: PairScores | None = None) -> tuple[list[dict], list[dict], list[dict], dict[str, str]]:
    """Meetings clustered from the documents' records and merged (a source whose facts cannot be
    merged loses only those facts): meetings, meeting_sources, conflicts, doc_id -> meeting_id."""
    sources = [src for src in map(_meeting_source, extractions) if src is not None]
    meetings, meeting_sources, conflicts = [], [], []
    meeting_of: dict[str, str] = {}
    for members in regroup(cluster(sources, p["meeting_merge_threshold"], scores=pairs), judgements, curation_report):
        mid = meeting_id(members)
        meeting, rows, conf = _merge_isolated(members, mid)
        meetings.append(meeting)
        conflicts += conf
        for r in rows:
            meeting_of[r["doc_id"]] = mid
            meeting_sources.append(_pick({**r, "meeting_id": mid, "start_date": as_date(r.get("start_date")),
                                          "end_date": as_date(r.get("end_date"))}, "meeting_sources"))
    return meetings, meeting_sources, conflicts, meeting_of


@dataclass
class _Facts:
    """The fact rows of every document, with their meeting and person ids."""

    person_roles: list[dict[str, Any]] = field(default_factory=list)
    counts: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    recommendations: list[dict[str, Any]] = field(default_factory=list)
    # mentions, some thirty a document, as columns: a dict per row cost 1 GB at 100,000 documents
    mentions: dict[str, list] = field(default_factory=lambda: {c: [] for c in TABLES["mentions"].column_names})


def _fact_rows(extractions: list[Extraction], meeting_of: dict[str, str], meeting_by_id: dict[str, dict],
               person_of: dict) -> _Facts:
    facts = _Facts()
    columns = [(c, facts.mentions[c].extend) for c in TABLES["mentions"].column_names]
    for ex in extractions:
        doc_id = ex.doc_id
        mid = meeting_of.get(doc_id)
        meeting = meeting_by_id.get(mid)
        rows = [m.row() for m in ex.mentions]
        for c, extend in columns:
            extend([r[c] for r in rows])
        meeting_date, meeting_precision = (meeting or {}).get("start_date"), (meeting or {}).get("date_precision")
        for pr in ex.person_roles:
            row = dict(pr.row(), meeting_id=mid, date=as_date(pr.date))
            # the assertion holds at the meeting's date when the reconciled meeting knows it better
            if meeting_date and PRECISION_RANK[meeting_precision] > PRECISION_RANK[row["date_precision"] if row["date"] else None]:
                row["date"], row["date_precision"] = meeting_date, meeting_precision
            if meeting and row["date"] == meeting_date and meeting.get("end_date"):
                row["seen_until"] = meeting["end_date"]  # seen in office for the whole meeting (tenures only)
            if pr.name:
                row["person_id"] = person_of.get((doc_id, pr.name))
            facts.person_roles.append(row)
        facts.counts += [dict(c.row(), meeting_id=mid) for c in ex.counts]
        for q in ex.quotes:
            facts.quotes.append(dict(q.row(), meeting_id=mid, person_id=person_of.get((doc_id, q.speaker))))
        for r in ex.recommendations:
            row = dict(r.row(), meeting_id=mid, actor_person_id=person_of.get((doc_id, r.actor_name)))
            row.pop("actor_name", None)
            facts.recommendations.append(row)
    return facts


def _attribute_role_only(person_roles: list[dict[str, Any]], tenures: list, window_days: int) -> None:
    """The likely holder of an office named by role only, from the tenures (method inferred:tenure)."""
    tenure_index = by_role(tenures)
    for row in person_roles:
        if row["person_id"] is None and row["role_norm"]:
            pid, confidence, evidence = attribute(row, tenure_index, window_days=window_days)
            if pid:
                row["likely_person_id"] = pid
                row["method"] = "inferred:tenure"
                row["confidence"] = confidence
                row["inferred_from"] = evidence
            elif evidence:
                row["inferred_from"] = evidence


def _organisations(extractions: list[Extraction], facts: _Facts, meetings: list[dict]) -> list[dict[str, Any]]:
    """One row per organisation (the gazetteer's name where it knows the body), and the org ids of
    people's organisations, organisers, actors and addressees."""
    gaz = gazetteer()
    orgs: dict[str, dict[str, Any]] = {}
    for ex in extractions:
        for o in ex.orgs:
            entry = gaz.by_key.get(fold(o.name))
            name = entry.name if entry else o.name
            row = orgs.setdefault(name, {"org_id": stable_id("o-", fold(name), length=12), "name": name,
                                         "acronym": (entry.acronym if entry else None) or o.acronym,
                                         "aliases": set(), "doc_ids": set(), "n_mentions": 0,
                                         "method": "gazetteer" if entry else o.method})
            row["aliases"].add(o.span.text)
            row["doc_ids"].add(ex.doc_id)
            row["n_mentions"] += 1
    org_id_of = _org_ids(orgs, gaz, facts.person_roles, meetings, facts.recommendations)
    organizations = [dict(r, aliases=sorted(r["aliases"]), doc_ids=sorted(r["doc_ids"])) for r in orgs.values()]
    for row in facts.person_roles:
        row["org_id"] = org_id_of(row.get("organization"))
    for m in meetings:
        m["organizer_ids"] = [org_id_of(o) for o in m.get("organizers") or []]
    for row in facts.recommendations:
        row["actor_org_id"] = None if row.get("actor_person_id") else org_id_of(row.get("actor"), create=False)
        row["addressee_org_id"] = org_id_of(row.get("addressee"), create=False)
    return organizations


def main(output: Path | str, params: dict[str, Any] | None = None,
         extractions: list[Extraction] | None = None, progress: bool = False,
         judgements: list | None = None) -> dict[str, list[dict[str, Any]]]:
    """Reconcile OUTPUT/interim/extractions.jsonl (or the same results, handed over in memory).
    The meeting pairs scored are kept in OUTPUT/interim for the next run (pairs.py)."""
    import pyarrow.parquet as pq

    from ..lang.resources import validate_all

    validate_all()
    output = Path(output)
    if extractions is None:
        extractions = read_extractions(output)
    columns = ["doc_id", "status", "text"] if judgements else ["doc_id", "status"]
    path = output / "documents.parquet"
    docs = pq.read_table(path, columns=columns).to_pylist() if path.exists() else []
    ok = {d["doc_id"] for d in docs if d["status"] == "ok"}
    texts = {d["doc_id"]: d["text"] for d in docs if d["status"] == "ok"} if judgements else {}
    extractions = [e for e in extractions if e.doc_id in ok]
    for e in extractions:
        for error in e.errors:
            log.warning("extraction of %s was incomplete: %s", e.doc_id, error)
    pairs = PairScores.load(output / INTERIM)
    tables = reconcile(extractions, params, progress=progress, judgements=judgements, texts=texts, pairs=pairs)
    for row in tables["curation_report"]:
        if row["status"] == "stale":
            log.warning("curation judgement %s is stale: %s", row["curation_id"], row["detail"])
    write_tables(tables, output, extra_files={"README.md": data_dictionary()})
    pairs.save(output / INTERIM)
    log.info("reconcile: %d meeting pairs compared, %d of them scored (the rest kept from the last run)",
             len(pairs.used), pairs.computed)
    log.info("reconcile: %d meetings, %d people, %d organisations", len(tables["meetings"]), len(tables["people"]),
             len(tables["organizations"]))
    return tables
