"""A researcher's judgements, recorded once in a curation file and applied on every run.

The file (`curation.yaml`, versioned with the project) holds judgements, each with an id, a date, an
author and a note. They are applied at reconcile after the machine's decisions:

- `merge-meetings` / `split-meetings`: these documents report one meeting / not the same meeting
  (named by documents, so a judgement holds when meeting ids change);
- `merge-people` / `split-people`: these names (as written) are one person / not the same person;
- `set`: a field of the meeting a document reports (city, venue, mode, name, start_date, ...), or of
  one person_roles row (role, organization) named by its assertion_id;
- `reject`: a fact (person_roles, counts, recommendations, quotes row) by its id;
- `add`: a person (and role), a count or a recommendation the extraction missed, with its document
  and the exact text it rests on (the offsets are found and checked).

Rows a judgement touches say `method = curated` and carry its `curation_id`. A judgement whose target
no longer exists, or whose evidence text is no longer in its document, is stale: it is listed in the
`curation_report` table with the reason, never dropped silently.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..records import stable_id
from .people import PersonCluster

ACTIONS = ("merge-meetings", "split-meetings", "merge-people", "split-people", "set", "reject", "add")
MEETING_FIELDS = ("name", "city", "country", "venue", "mode", "start_date", "end_date")
ROLE_FIELDS = ("role", "organization")
FACT_IDS = {"person_roles": "assertion_id", "counts": "count_id", "recommendations": "recommendation_id",
            "quotes": "quote_id"}


class CurationError(ValueError):
    """A curation file that cannot be read: names the file, the judgement and what is wrong."""


@dataclass
class Judgement:
    id: str
    action: str
    date: str
    author: str
    note: str = ""
    docs: list[str] = field(default_factory=list)  # merge-meetings, split-meetings, set (meeting of), add
    names: list[str] = field(default_factory=list)  # merge-people, split-people: names as written
    fact: str | None = None  # reject: a fact id; set: an assertion_id
    field: str | None = None  # set
    value: Any = None  # set
    kind: str = "person"  # add: person, count or recommendation
    name: str | None = None  # add: the person's name
    role: str | None = None  # add: the person's role
    actor: str | None = None  # add: who makes the recommendation
    text: str | None = None  # add: the exact text the added fact rests on

    def as_yaml(self) -> dict[str, Any]:
        out = {"id": self.id, "action": self.action, "date": self.date, "author": self.author, "note": self.note}
        if self.action == "add":
            out["kind"] = self.kind
        for key in ("docs", "names", "fact", "field", "value", "name", "role", "actor", "text"):
            v = getattr(self, key)
            if v not in (None, [], ""):
                out[key] = v
        return out


def load(path: Path | str | None) -> list[Judgement]:
    """The judgements of a curation file ([] when there is none), validated before any work starts."""
    if path is None or not Path(path).exists():
        return []
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CurationError(f"{path}: not valid YAML ({exc})") from None
    items = data.get("judgements") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise CurationError(f"{path}: expected a mapping with a list 'judgements'")
    out, seen = [], set()
    for i, item in enumerate(items):
        where = f"{path}: judgement {item.get('id', f'#{i + 1}') if isinstance(item, dict) else f'#{i + 1}'}"
        if not isinstance(item, dict):
            raise CurationError(f"{where}: expected a mapping, got {item!r}")
        unknown = sorted(set(item) - set(Judgement.__dataclass_fields__))
        if unknown:
            raise CurationError(f"{where}: unknown key {unknown[0]!r}")
        for key in ("id", "action", "date", "author"):
            if not item.get(key):
                raise CurationError(f"{where}: missing {key!r}")
        if item["id"] in seen:
            raise CurationError(f"{where}: the id is used twice")
        seen.add(item["id"])
        j = Judgement(**{**item, "date": str(item["date"]), "docs": list(item.get("docs") or []),
                         "names": list(item.get("names") or [])})
        _check(j, where)
        out.append(j)
    return out


def _check(j: Judgement, where: str) -> None:
    if j.action not in ACTIONS:
        raise CurationError(f"{where}: action {j.action!r} is not one of {', '.join(ACTIONS)}")
    if j.action in ("merge-meetings", "split-meetings") and len(j.docs) < 2:
        raise CurationError(f"{where}: {j.action} needs at least two documents in 'docs'")
    if j.action in ("merge-people", "split-people") and len(j.names) < 2:
        raise CurationError(f"{where}: {j.action} needs at least two names in 'names'")
    if j.action == "reject" and not j.fact:
        raise CurationError(f"{where}: reject needs the fact's id in 'fact'")
    if j.action == "set":
        if j.field is None or j.value is None:
            raise CurationError(f"{where}: set needs 'field' and 'value'")
        if j.fact is None and (len(j.docs) != 1 or j.field not in MEETING_FIELDS):
            raise CurationError(f"{where}: set needs one document in 'docs' and a meeting field "
                                f"({', '.join(MEETING_FIELDS)}), or an assertion_id in 'fact' and a role field")
        if j.fact is not None and j.field not in ROLE_FIELDS:
            raise CurationError(f"{where}: a person_roles row's field must be one of {', '.join(ROLE_FIELDS)}")
    if j.action == "add":
        if len(j.docs) != 1 or not j.text:
            raise CurationError(f"{where}: add needs one document in 'docs' and the exact 'text' it rests on")
        if j.kind not in ("person", "count", "recommendation"):
            raise CurationError(f"{where}: kind {j.kind!r} is not one of person, count, recommendation")
        if j.kind == "person" and not j.name:
            raise CurationError(f"{where}: adding a person needs a 'name'")
        if j.kind == "count" and not (isinstance(j.value, int) or str(j.value).isdigit()):
            raise CurationError(f"{where}: adding a count needs a whole number in 'value', got {j.value!r}")


def save(judgements: list[Judgement], path: Path | str) -> Path:
    """The curation file in a stable order (by id), so that a new judgement is a small diff."""
    path = Path(path)
    body = {"judgements": [j.as_yaml() for j in sorted(judgements, key=lambda j: j.id)]}
    header = "# Judgements applied at reconcile on every run (rapporteur curate ...); see README 'Correcting the tables'.\n"
    path.write_text(header + yaml.safe_dump(body, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def next_id(judgements: list[Judgement]) -> str:
    numbers = [int(j.id[1:]) for j in judgements if j.id[:1] == "c" and j.id[1:].isdigit()]
    return f"c{max(numbers, default=0) + 1:04d}"


def new(action: str, *, author: str, note: str = "", **fields: Any) -> Judgement:
    return Judgement(id="", action=action, date=_dt.date.today().isoformat(), author=author, note=note, **fields)


@dataclass
class Report:
    rows: list[dict[str, Any]] = field(default_factory=list)

    def applied(self, j: Judgement, what: str) -> None:
        self.rows.append({"curation_id": j.id, "action": j.action, "status": "applied", "detail": what,
                          "author": j.author, "date": j.date})

    def stale(self, j: Judgement, why: str) -> None:
        self.rows.append({"curation_id": j.id, "action": j.action, "status": "stale", "detail": why,
                          "author": j.author, "date": j.date})

    @property
    def n_stale(self) -> int:
        return sum(r["status"] == "stale" for r in self.rows)


def regroup(groups: list[list[Any]], judgements: list[Judgement], report: Report) -> list[list[Any]]:
    """Meeting clusters (lists of Sources) after the merge and split judgements, in file order."""
    for j in judgements:
        if j.action not in ("merge-meetings", "split-meetings"):
            continue
        where = {s.doc_id: gi for gi, g in enumerate(groups) for s in g}
        missing = [d for d in j.docs if d not in where]
        if missing:
            report.stale(j, f"no meeting record for document {missing[0]!r} (removed, or no meeting evidence)")
            continue
        if j.action == "merge-meetings":
            target = where[j.docs[0]]
            for d in j.docs[1:]:
                gi = where[d]
                if gi != target:
                    groups[target] += groups[gi]
                    groups[gi] = []
                    where = {s.doc_id: k for k, g in enumerate(groups) for s in g}
            report.applied(j, f"one meeting: {', '.join(j.docs)}")
        else:
            for d in j.docs[1:]:
                gi = where[d]
                if gi == where[j.docs[0]]:
                    moved = [s for s in groups[gi] if s.doc_id == d]
                    groups[gi] = [s for s in groups[gi] if s.doc_id != d]
                    groups.append(moved)
            report.applied(j, f"separate meetings: {', '.join(j.docs)}")
    return [sorted(g, key=lambda s: s.doc_id) for g in groups if g]


def regroup_people(clusters: list, person_of: dict[tuple[str, str], str], judgements: list[Judgement],
                   report: Report) -> None:
    """The merge-people and split-people judgements, on the person clusters (names as written):
    merged names take the person_id of the first; a split name gets an id of its own."""
    for j in judgements:
        if j.action not in ("merge-people", "split-people"):
            continue
        ids = {name: sorted({pid for (doc, n), pid in person_of.items() if n == name}) for name in j.names}
        missing = [n for n, found in ids.items() if not found]
        if missing:
            report.stale(j, f"no document names {missing[0]!r}")
            continue
        by_id = {c.person_id: c for c in clusters}
        touched = {pid for found in ids.values() for pid in found}
        first = ids[j.names[0]][0]
        for name in j.names[1:]:
            for key, pid in list(person_of.items()):
                if key[1] != name:
                    continue
                if j.action == "merge-people" and pid != first:
                    person_of[key] = first
                elif j.action == "split-people" and pid == first:
                    person_of[key] = stable_id("p-", "curated", j.id, name, length=12)
        touched |= {pid for (doc, name), pid in person_of.items() if name in j.names}
        kept = {c.person_id: c for c in clusters if c.person_id not in touched}
        rebuilt: set[str] = set()
        for (doc, name), pid in sorted(person_of.items()):
            if pid not in touched:
                continue
            c = kept.get(pid) if pid in rebuilt else None
            rebuilt.add(pid)
            if c is None:
                old = by_id.get(pid)
                c = kept[pid] = PersonCluster(key=old.key if old else name, person_id=pid,
                                              honorifics=list(old.honorifics) if old else [])
            c.names.append(name)
            c.doc_ids.add(doc)
            c.n_mentions += 1
        clusters[:] = [kept[pid] for pid in sorted(kept)]
        report.applied(j, f"{'one person' if j.action == 'merge-people' else 'different people'}: {', '.join(j.names)}")


def apply_facts(tables: dict[str, list[dict[str, Any]]], judgements: list[Judgement], texts: dict[str, str],
                report: Report) -> None:
    """The set, reject and add judgements, on the tables reconcile made."""
    meeting_of = {s["doc_id"]: s["meeting_id"] for s in tables["meeting_sources"]}
    meetings = {m["meeting_id"]: m for m in tables["meetings"]}
    for j in judgements:
        if j.action == "set" and j.fact is None:
            mid = meeting_of.get(j.docs[0])
            if mid is None:
                report.stale(j, f"no meeting for document {j.docs[0]!r}")
                continue
            value = j.value
            if j.field in ("start_date", "end_date"):
                try:
                    value = _dt.date.fromisoformat(str(value))
                except ValueError:
                    report.stale(j, f"{value!r} is not a date (YYYY-MM-DD)")
                    continue
            meetings[mid][j.field] = value
            meetings[mid]["curation_ids"] = sorted({*(meetings[mid].get("curation_ids") or []), j.id})
            report.applied(j, f"meeting {mid} {j.field} = {value}")
        elif j.action == "set":
            row = next((r for r in tables["person_roles"] if r["assertion_id"] == j.fact), None)
            if row is None:
                report.stale(j, f"no person_roles row {j.fact!r}")
                continue
            row[j.field], row["method"], row["curation_id"], row["confidence"] = j.value, "curated", j.id, 1.0
            report.applied(j, f"{j.fact} {j.field} = {j.value}")
        elif j.action == "reject":
            for table, key in FACT_IDS.items():
                before = len(tables[table])
                tables[table][:] = [r for r in tables[table] if r[key] != j.fact]
                if len(tables[table]) < before:
                    report.applied(j, f"{table} row {j.fact} removed")
                    break
            else:
                report.stale(j, f"no fact with id {j.fact!r}")
        elif j.action == "add":
            doc = j.docs[0]
            text = texts.get(doc)
            start = text.find(j.text) if text is not None else -1
            if start < 0:
                report.stale(j, f"the text {j.text!r} is not in document {doc!r}" if text is not None
                             else f"no document {doc!r}")
                continue
            end = start + len(j.text)
            if j.kind == "count":
                value = int(j.value)
                tables["counts"].append({"count_id": stable_id("c-", doc, "curated", j.id), "doc_id": doc,
                                         "meeting_id": meeting_of.get(doc), "value": value, "qualifier": "exact",
                                         "lower": value, "upper": value, "unit": j.field or "participants",
                                         "text": j.text, "start_char": start, "end_char": end, "part_of": None,
                                         "method": "curated", "confidence": 1.0, "curation_id": j.id})
                report.applied(j, f"count {value} added to {doc} at {start}-{end}")
                continue
            if j.kind == "recommendation":
                tables["recommendations"].append({
                    "recommendation_id": stable_id("r-", doc, "curated", j.id), "doc_id": doc,
                    "meeting_id": meeting_of.get(doc), "text": j.text, "actor": j.actor, "kind": "sentence",
                    "topics": [], "start_char": start, "end_char": end, "method": "curated", "confidence": 1.0,
                    "curation_id": j.id})
                report.applied(j, f"recommendation added to {doc} at {start}-{end}")
                continue
            person = next((p for p in tables["people"] if p["name"] == j.name), None)
            row = {c: None for c in (tables["person_roles"][0] if tables["person_roles"] else {})}
            row.update({"assertion_id": stable_id("a-", doc, "curated", j.id), "doc_id": doc,
                        "meeting_id": meeting_of.get(doc), "person_id": person["person_id"] if person else
                        stable_id("p-", j.name.lower(), length=12), "name": j.name, "honorifics": [],
                        "role": j.role, "role_norm": j.role, "method": "curated", "confidence": 1.0,
                        "curation_id": j.id, "start_char": start, "end_char": end})
            if person is None:
                tables["people"].append({"person_id": row["person_id"], "name": j.name, "honorifics": [],
                                         "aliases": [j.name], "doc_ids": [doc], "n_mentions": 1})
            tables["person_roles"].append(row)
            report.applied(j, f"{j.name} added to {doc} at {start}-{end}")
