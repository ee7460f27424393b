"""Cluster per-document meeting records into meetings, merge their fields, keep disagreements."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..records import DateValue, stable_id

PRECISION_RANK = {"day": 3, "month": 2, "year": 1, None: 0}
PEOPLE_UNITS = ("participants", "delegates")


@dataclass
class Source:
    """One document's meeting record, with what reconciliation needs to compare it."""

    row: dict[str, Any]
    people: set[str] = field(default_factory=set)  # person keys named in the document

    @property
    def doc_id(self) -> str:
        return self.row["doc_id"]

    def dates(self) -> tuple[date, date] | None:
        if "_dates" not in self.__dict__:
            if not self.row.get("start_date"):
                self._dates = None
            else:
                start = as_date(self.row["start_date"])
                end = as_date(self.row.get("end_date")) or start
                self._dates = DateValue(start, end, self.row.get("date_precision") or "day").covers()
        return self._dates

    def features(self) -> set[tuple[str, object]]:
        """What two records must share for an undated one to reach the merge threshold."""
        r = self.row
        out = {("person", p) for p in self.people}
        for key in ("city", "venue", "participants", "countries"):
            if r.get(key) is not None:
                out.add((key, r[key]))
        return out


def as_date(value) -> date | None:
    """A date from a date or an ISO string (the interim files hold ISO strings)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _compatible_dates(a: Source, b: Source) -> bool | None:
    """True if the date ranges overlap, False if they cannot be one meeting, None if one is unknown."""
    da, db = a.dates(), b.dates()
    if da is None or db is None:
        return None
    slack = timedelta(days=1)
    return da[0] - slack <= db[1] and db[0] - slack <= da[1]


def score(a: Source, b: Source) -> float:
    """Evidence that two records describe one meeting; -inf when something rules it out."""
    ra, rb = a.row, b.row
    if ra.get("series") and rb.get("series") and ra["series"] != rb["series"]:
        return float("-inf")
    dates = _compatible_dates(a, b)
    if dates is False:
        return float("-inf")  # same series, another year or another date: never one meeting
    for key in ("city", "country"):
        if ra.get(key) and rb.get(key) and ra[key] != rb[key]:
            return float("-inf")
    s = 0.0
    if ra.get("series") and ra.get("series") == rb.get("series"):
        s += 2.0
    if dates:
        s += 3.0
    if ra.get("city") and ra.get("city") == rb.get("city"):
        s += 1.0
    if ra.get("venue") and ra.get("venue") == rb.get("venue"):
        s += 1.0
    s += min(3, len(a.people & b.people))
    if set(ra.get("organizers") or []) & set(rb.get("organizers") or []):
        s += 0.5
    if ra.get("participants") and ra.get("participants") == rb.get("participants"):
        s += 1.0
    if ra.get("countries") and ra.get("countries") == rb.get("countries"):
        s += 0.5
    return s


def cluster(sources: list[Source], threshold: float) -> list[list[Source]]:
    """Dated records merge pairwise (union-find); an undated record joins its single best cluster."""
    sources = sorted(sources, key=lambda s: s.doc_id)
    dated = [s for s in sources if s.dates() is not None]
    undated = [s for s in sources if s.dates() is None]
    parent = {s.doc_id: s.doc_id for s in sources}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    # blocking: only records whose date ranges overlap (a day's slack) can be one meeting; a sweep
    # over the records sorted by start date visits just those pairs
    slack = timedelta(days=1)
    ordered = sorted(dated, key=lambda s: (s.dates()[0], s.doc_id))
    for i, a in enumerate(ordered):
        a_end = a.dates()[1]
        for b in ordered[i + 1:]:
            if b.dates()[0] - slack > a_end:
                break
            if score(a, b) >= threshold:
                union(a.doc_id, b.doc_id)
    groups: dict[str, list[Source]] = {}
    for s in dated:
        groups.setdefault(find(s.doc_id), []).append(s)
    # an undated record is compared only with records it shares something with: without a shared
    # person, place or figure, series and organisers alone (2.5) cannot reach the threshold.
    # A meeting is ruled out when any of its records has another series, city or country.
    index: dict[tuple, set[str]] = {}
    root_of: dict[str, str] = {}
    fixed: dict[str, dict[str, set]] = {}
    for root, members in groups.items():
        fixed[root] = {key: {m.row[key] for m in members if m.row.get(key)} for key in ("series", "city", "country")}
        for m in members:
            root_of[m.doc_id] = root
            for feature in m.features():
                index.setdefault(feature, set()).add(m.doc_id)
    by_id = {m.doc_id: m for members in groups.values() for m in members}
    weight = {"person": 1.0, "city": 1.0, "venue": 1.0, "participants": 1.0, "countries": 0.5}
    for u in undated:
        # an upper bound on the score from the shared features, before computing any score
        bound: dict[str, float] = {}
        people_shared: dict[str, int] = {}
        for feature in u.features():
            for doc_id in index.get(feature, ()):
                if feature[0] == "person":
                    people_shared[doc_id] = people_shared.get(doc_id, 0) + 1
                    if people_shared[doc_id] > 3:
                        continue
                bound[doc_id] = bound.get(doc_id, 2.5) + weight[feature[0]]
        candidates = set(by_id) if threshold <= 2.5 else {d for d, b in bound.items() if b >= threshold}
        best: dict[str, float] = {}
        for doc_id in sorted(candidates):
            root = root_of[doc_id]
            if any(u.row.get(key) and (fixed[root][key] - {u.row[key]}) for key in ("series", "city", "country")):
                continue
            best[root] = max(best.get(root, float("-inf")), score(u, by_id[doc_id]))
        scored = sorted(((v, r) for r, v in best.items()), reverse=True)
        if scored and scored[0][0] >= threshold and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            union(u.doc_id, scored[0][1])
            groups[scored[0][1]].append(u)
        else:
            groups[u.doc_id] = [u]
    # undated records left alone may still be one meeting among themselves
    # (with no date on either side the bar is higher: the pair must share a person, or a venue and a
    # figure, to reach it, so only such pairs are compared)
    singles = [g[0] for g in groups.values() if len(g) == 1 and g[0].dates() is None]
    pair_index: dict[tuple, list[int]] = {}
    for i, a in enumerate(singles):
        keys = [("person", p) for p in a.people]
        if a.row.get("venue"):
            keys.append(("venue", a.row["venue"], a.row.get("participants")))
        for key in keys:
            pair_index.setdefault(key, []).append(i)
    pairs = {(i, j) for members in pair_index.values() for i in members for j in members if i < j}
    for i, j in sorted(pairs):
        if score(singles[i], singles[j]) >= threshold + 2:
            union(singles[i].doc_id, singles[j].doc_id)
    final: dict[str, list[Source]] = {}
    for s in sources:
        final.setdefault(find(s.doc_id), []).append(s)
    return [sorted(g, key=lambda s: s.doc_id) for _, g in sorted(final.items())]


def meeting_id(members: list[Source]) -> str:
    """Deterministic, and unchanged when unrelated documents are added."""
    return stable_id("mtg-", members[0].doc_id, length=12)


def _most_common(values: list[Any]) -> Any:
    values = [v for v in values if v not in (None, "", [])]
    if not values:
        return None
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)  # ties: the earliest document


def merge(members: list[Source], mid: str) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """(meeting row, meeting_sources rows with inferred dates filled, conflict rows)."""
    rows = [dict(m.row) for m in members]
    conflicts: list[dict[str, Any]] = []

    # dates: the most precise source wins; relative words resolve against it
    ranked = sorted((r for r in rows if r.get("start_date")),
                    key=lambda r: (-PRECISION_RANK[r.get("date_precision")], r["doc_id"]))
    start = as_date(ranked[0]["start_date"]) if ranked else None
    precision = ranked[0]["date_precision"] if ranked else None
    date_method = f"{ranked[0].get('date_method') or 'read'} ({ranked[0]['doc_id']})" if ranked else None
    ends = [(as_date(r["end_date"]), r["doc_id"]) for r in rows if r.get("end_date")]
    end = ends[0][0] if ends else None
    end_method = f"read ({ends[0][1]})" if ends else None
    if start is not None and precision == "day":
        for r in rows:
            rel_start, rel_end = r.get("start_relative_days"), r.get("end_relative_days")
            if r.get("published") is None and rel_start is not None:
                # this document's "today" is the meeting's start day as another source gives it
                anchor = start - timedelta(days=rel_start)
                how = f"inferred:relative-to-other-source ({ranked[0]['doc_id']})"
                r["resolved_start_date"] = start
                r["resolved_method"] = how
                if rel_end is not None:
                    r["resolved_end_date"] = anchor + timedelta(days=rel_end)
                    if end is None:
                        end = r["resolved_end_date"]
                        end_method = f"inferred:relative-to-other-source ('{r['doc_id']}' says it concludes " \
                                     f"{rel_end} day(s) after it started; start from {ranked[0]['doc_id']})"
        if end is None:
            durations = [r["duration_days"] for r in rows if r.get("duration_days")]
            if durations:
                end = start + timedelta(days=durations[0] - 1)
                end_method = "inferred:duration"
    if end_method and date_method:
        date_method = f"start {date_method}; end {end_method}"

    # counts: participants prefer the unit 'participants'; agreeing values with other qualifiers hedge
    def headline(field: str, units: tuple[str, ...] | None = None) -> tuple[int | None, str | None]:
        cands = [r for r in rows if r.get(field) is not None]
        if units:
            preferred = [r for r in cands if r.get(f"{field}_unit") == units[0]]
            cands = preferred or cands
        if not cands:
            return None, None
        value = _most_common([r[field] for r in cands])
        quals = {r.get(f"{field}_qualifier") for r in cands if r[field] == value}
        return value, (quals.pop() if len(quals) == 1 else "approximately")

    participants, participants_q = headline("participants", PEOPLE_UNITS)
    countries, countries_q = headline("countries")

    fields_in_dispute = []
    for key in ("start_date", "end_date", "city", "country", "venue", "mode"):
        values = {r[key] for r in rows if r.get(key)}
        if len(values) > 1:
            fields_in_dispute.append(key)
            for r in rows:
                if r.get(key):
                    ev = "date" if key.endswith("_date") else "venue"
                    conflicts.append({"meeting_id": mid, "field": key, "doc_id": r["doc_id"], "value": str(r[key]),
                                      "qualifier": None, "unit": None, "text": r.get(f"{ev}_text"),
                                      "start_char": r.get(f"{ev}_start_char"), "end_char": r.get(f"{ev}_end_char")})
    for key in ("participants", "countries"):
        stated = [r for r in rows if r.get(key) is not None]
        variants = {(r[key], r.get(f"{key}_qualifier"), r.get(f"{key}_unit")) for r in stated}
        if len(variants) > 1:
            fields_in_dispute.append(key)
            for r in stated:
                conflicts.append({"meeting_id": mid, "field": key, "doc_id": r["doc_id"], "value": str(r[key]),
                                  "qualifier": r.get(f"{key}_qualifier"), "unit": r.get(f"{key}_unit"),
                                  "text": r.get(f"{key}_text"), "start_char": r.get(f"{key}_start_char"),
                                  "end_char": r.get(f"{key}_end_char")})

    organizers: list[str] = []
    for r in rows:
        for o in r.get("organizers") or []:
            if o not in organizers:
                organizers.append(o)
    meeting = {
        "meeting_id": mid,
        "name": _most_common([r.get("name") for r in rows]),
        "series": _most_common([r.get("series") for r in rows]),
        "start_date": start, "end_date": end, "date_precision": precision, "date_method": date_method,
        "city": _most_common([r.get("city") for r in rows]),
        "country": _most_common([r.get("country") for r in rows]),
        "venue": _most_common([r.get("venue") for r in rows]),
        "mode": _most_common([r.get("mode") for r in rows]),
        "organizers": organizers,
        "participants": participants, "participants_qualifier": participants_q,
        "countries": countries, "countries_qualifier": countries_q,
        "doc_ids": [r["doc_id"] for r in rows],
        "conflicts": fields_in_dispute,
    }
    return meeting, rows, conflicts
