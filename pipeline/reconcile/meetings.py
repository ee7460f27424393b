"""Cluster per-document meeting records into meetings, merge their fields, keep disagreements."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..lang.resources import fold
from ..lang.dateparse import checked_date, iso_date
from ..records import DateValue, stable_id

PRECISION_RANK = {"day": 3, "month": 2, "year": 1, None: 0}
PEOPLE_UNITS = ("participants", "delegates")


@dataclass(eq=False)
class Source:
    """One document's meeting record, with what reconciliation needs to compare it."""

    row: dict[str, Any]
    people: set[str] = field(default_factory=set)  # person keys named in the document
    doc_id: str = field(init=False)

    def __post_init__(self) -> None:
        self.doc_id = self.row["doc_id"]

    def dates(self) -> tuple[date, date] | None:
        """The calendar days the record may stand for (a record with only an end date stands for
        that day), or None when it gives no date."""
        if "_dates" not in self.__dict__:
            start = as_date(self.row.get("start_date")) or as_date(self.row.get("end_date"))
            if start is None:
                self._dates = None
            else:
                end = as_date(self.row.get("end_date")) or start
                self._dates = DateValue(start, max(start, end), self.row.get("date_precision") or "day").covers()
        return self._dates

    def features(self) -> set[tuple[str, object]]:
        """What two records may share; only records that share one are compared (blocking)."""
        r = self.row
        out = {("person", p) for p in self.people}
        for key in ("series_key", "edition", "anniversary", "city", "venue", "participants", "countries"):
            if r.get(key) is not None:
                out.add((key, r[key]))
        if r.get("month_day"):
            out.add(("month_day", r["month_day"]))
        elif self.dates() is not None:
            out.add(("month_day", self.dates()[0].strftime("%m-%d")))
        return out

    def month_days(self) -> tuple[str, str | None] | None:
        """The first and last day as MM-DD: written so without a year, or from the dates."""
        r = self.row
        if r.get("month_day"):
            return r["month_day"], r.get("end_month_day")
        if r.get("start_date") and r.get("date_precision") == "day":
            start = as_date(r["start_date"])
            end = as_date(r.get("end_date"))
            return start.strftime("%m-%d"), end.strftime("%m-%d") if end else None
        return None


as_date = iso_date  # a date from a date or an ISO string; None for a malformed one


def _compatible_dates(a: Source, b: Source) -> bool | None:
    """True if the date ranges overlap (or are a day apart), False if they cannot be one meeting,
    None if one is unknown."""
    da, db = a.dates(), b.dates()
    if da is None or db is None:
        return None
    slack = timedelta(days=1)
    return da[0] - slack <= db[1] and db[0] - slack <= da[1]


def _shared_days(a: Source, b: Source) -> bool:
    """The two ranges have a calendar day in common (not only neighbouring days)."""
    da, db = a.dates(), b.dates()
    return da is not None and db is not None and da[0] <= db[1] and db[0] <= da[1]


def series_similarity(a: str | None, b: str | None) -> float | None:
    """Share of the series words two records have in common (None when one has no series)."""
    if not a or not b:
        return None
    wa, wb = set(a.split()), set(b.split())
    return len(wa & wb) / len(wa | wb)


def _name_words(name: str) -> set[str]:
    """The content words of a meeting's name or description, folded."""
    return set(re.findall(r"[a-z][a-z-]{3,}", fold(name)))


def shared_people(a: set[str], b: set[str]) -> dict[str, float]:
    """People two documents both name, with their weight: a full name 1, a single name (a first name
    or a surname) 0.5, whether the other document writes it alone or as part of a full name
    ("Ana" and "Ana Lopez")."""
    out = {p: (1.0 if " " in p else 0.5) for p in a & b}
    for x, y in ((a, b), (b, a)):
        parts = {part for full in y if " " in full for part in (full.split()[0], full.split()[-1])}
        for single in x - y:
            if " " not in single and single in parts:
                out[single] = 0.5
    return out


def incompatible(a: Source, b: Source) -> str | None:
    """Why two records cannot be one meeting (other editions, dates that cannot overlap), or None."""
    ea, eb = a.row.get("edition"), b.row.get("edition")
    if ea and eb and ea != eb:
        return "different editions"
    if _compatible_dates(a, b) is False:
        return "dates that do not overlap"
    return None


def score(a: Source, b: Source) -> tuple[float, list[str]]:
    """Evidence that two records describe one meeting, and what it is. Different editions and dates
    that cannot overlap (another year, another month) rule a pair out; everything else is scored."""
    ra, rb = a.row, b.row
    ruled_out = incompatible(a, b)
    if ruled_out:
        return float("-inf"), [ruled_out]
    dates = _compatible_dates(a, b)
    s, why = 0.0, []

    def add(points: float, reason: str) -> None:
        nonlocal s
        s += points
        why.append(f"{reason} ({points:+g})")

    sim = series_similarity(ra.get("series_key"), rb.get("series_key"))
    if sim is not None:
        if sim == 1.0:
            add(3.0, f"series {ra['series_key']!r}")
        elif sim >= 0.5:
            add(2.0, "similar series")
        elif sim == 0.0:
            add(-2.0, "different series")
    if sim is None and ra.get("name") and rb.get("name") and not (ra.get("series_key") or rb.get("series_key")):
        # two descriptions (no series key on either side): mostly the same words
        wa, wb = _name_words(ra["name"]), _name_words(rb["name"])
        if wa and wb and len(wa & wb) / len(wa | wb) >= 0.6:
            add(2.0, "similar descriptions")
    if ra.get("edition") and ra.get("edition") == rb.get("edition"):
        add(3.0, f"edition {ra['edition']}")
    if ra.get("anniversary") and rb.get("anniversary"):
        if ra["anniversary"] == rb["anniversary"]:
            add(3.0, f"anniversary of {ra['anniversary']} years")
        else:
            add(-4.0, "different anniversaries")
    if dates and _shared_days(a, b):
        add(3.0, "overlapping dates")
    elif dates:
        # a day apart: one meeting reported across midnight, or two meetings of one week in one city
        add(1.0, "neighbouring days")
    elif dates is None and (ra.get("month_day") or rb.get("month_day")):
        # days written without a year on one side: the same days of the year, or other days
        ma, mb = a.month_days(), b.month_days()
        if ma and mb:
            if ma[0] == mb[0] and (not ma[1] or not mb[1] or ma[1] == mb[1]):
                add(3.0, f"same days of the year {ma[0]}")
            else:
                add(-4.0, "other days of the year")
    for key, points in (("city", 1.0), ("country", 0.0)):
        if ra.get(key) and rb.get(key):
            if ra[key] == rb[key]:
                if points:
                    add(points, f"{key} {ra[key]}")
            else:
                add(-4.0, f"different {key}")
    if ra.get("venue") and ra.get("venue") == rb.get("venue"):
        add(1.0, f"venue {ra['venue']}")
    people = shared_people(a.people, b.people)
    if people:
        add(min(3.0, sum(people.values())), "shared people " + ", ".join(sorted(people)[:3]))
    if set(ra.get("organizers") or []) & set(rb.get("organizers") or []):
        add(0.5, "shared organisers")
    if ra.get("participants") and ra.get("participants") == rb.get("participants"):
        add(1.0, f"{ra['participants']} participants")
    if ra.get("countries") and ra.get("countries") == rb.get("countries"):
        add(0.5, f"{ra['countries']} countries")
    return s, why


DATE_ONLY_POINTS = 3.0  # the most that dates alone add to a pair's score (shared days)
FINE_DAYS = 31  # a record dated to a range this long or shorter is blocked by its days, a longer one by its years


def blocking_features(s: Source) -> set[tuple[str, object]]:
    """What a dated record shares with another of the same meeting besides its dates: every
    feature that adds points to `score` (series key and its words, description words, edition,
    anniversary, place, people, organisers, figures)."""
    r = s.row
    out = {f for f in s.features() if f[0] != "month_day"}
    if r.get("series_key"):
        out |= {("series_word", w) for w in r["series_key"].split()}
    elif r.get("name"):
        out |= {("name_word", w) for w in _name_words(r["name"])}
    out |= {("organiser", o) for o in r.get("organizers") or []}
    return out


def dated_pairs(ordered: list[Source], threshold: float) -> list[tuple[int, int]]:
    """Candidate pairs of dated records (indexes into `ordered`, i < j), never all pairs.

    Two records of one meeting have dates that overlap or touch (else the score rules them out)
    and, since dates alone give at most DATE_ONLY_POINTS, at least one other feature in common
    when the threshold is above that. So the blocking keys are (feature, day) for each day a
    record covers, give or take one, and (feature, year) for records dated only to a month or a
    year, which meet every record of their years that shares a feature. With a threshold at or
    below DATE_ONLY_POINTS the blocks would lose pairs: every pair of touching dates is a candidate."""
    slack = timedelta(days=1)
    if threshold <= DATE_ONLY_POINTS:
        out = []
        for i, a in enumerate(ordered):
            for j in range(i + 1, len(ordered)):
                if ordered[j].dates()[0] - slack > a.dates()[1]:
                    break
                out.append((i, j))
        return out
    fine: dict[tuple, list[int]] = {}
    coarse: dict[tuple, list[int]] = {}
    probes: dict[tuple, list[int]] = {}
    for i, s in enumerate(ordered):
        first, last = s.dates()
        features = blocking_features(s)
        years = range(first.year, last.year + 1)
        if (last - first).days <= FINE_DAYS:
            day = first - slack
            while day <= last + slack:
                for f in features:
                    fine.setdefault((f, day.toordinal()), []).append(i)
                day += timedelta(days=1)
            for f in features:
                for y in years:
                    probes.setdefault((f, y), []).append(i)
        else:
            for f in features:
                for y in years:
                    coarse.setdefault((f, y), []).append(i)
    pairs: set[tuple[int, int]] = set()
    for block in fine.values():
        block = sorted(set(block))
        pairs |= {(a, b) for k, a in enumerate(block) for b in block[k + 1:]}
    for key, block in coarse.items():
        block = sorted(set(block) | set(probes.get(key, ())))
        coarse_members = set(coarse[key])
        pairs |= {(a, b) for k, a in enumerate(block) for b in block[k + 1:] if a in coarse_members or b in coarse_members}
    return sorted(pairs)


UNDATED_CANDIDATES = 40  # records an undated record is scored against: those sharing the most features


def _most_shared(u: Source, index: dict[tuple, list[Source]]) -> list[Source]:
    """The records that share the most features with `u` (a block of a frequent feature, such as
    an annual series, can hold thousands: only the best UNDATED_CANDIDATES are scored)."""
    shared: Counter = Counter()
    for f in u.features():
        shared.update(index.get(f, ()))
    ranked = sorted(shared.items(), key=lambda kv: (-kv[1], kv[0].doc_id))
    return [d for d, _ in ranked[:UNDATED_CANDIDATES]]


def cluster(sources: list[Source], threshold: float) -> list[list[Source]]:
    """Dated records merge pairwise (union-find); an undated record joins its single best cluster;
    undated records left alone merge among themselves on stronger evidence. Only records that
    share a date range, or a feature (series, edition, place, person, figure), are compared.
    Each merged record's `merge_evidence` says why it joined."""
    sources = sorted(sources, key=lambda s: s.doc_id)
    parent = {s.doc_id: s.doc_id for s in sources}
    evidence: dict[str, str] = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    members: dict[str, list[Source]] = {s.doc_id: [s] for s in sources}

    def union(a: Source, b: Source, why: list[str]) -> None:
        ra, rb = find(a.doc_id), find(b.doc_id)
        if ra != rb and not any(incompatible(x, y) for x in members[ra] for y in members[rb]):
            # no chain of good pairs joins two records that cannot be one meeting (other editions,
            # dates that cannot overlap): every pair across the two clusters must be possible
            members[min(ra, rb)] = members[ra] + members[rb]
            members.pop(max(ra, rb))
            parent[max(ra, rb)] = min(ra, rb)
            for x, y in ((a, b), (b, a)):
                evidence.setdefault(x.doc_id, f"with {y.doc_id}: " + "; ".join(why))

    dated = [s for s in sources if s.dates() is not None]
    undated = [s for s in sources if s.dates() is None]
    # dated records: the pairs of the blocks (blocking_keys), in the order of a sweep by start date
    ordered = sorted(dated, key=lambda s: (s.dates()[0], s.doc_id))
    for i, j in dated_pairs(ordered, threshold):
        a, b = ordered[i], ordered[j]
        value, why = score(a, b)
        if value >= threshold:
            union(a, b, why)
    # an undated record joins the cluster it scores best with, when that is clear
    index: dict[tuple, list[Source]] = {}
    for d in dated:
        for feature in d.features():
            index.setdefault(feature, []).append(d)
    for u in undated:
        best: dict[str, tuple[float, list[str], Source]] = {}
        for d in _most_shared(u, index):
            value, why = score(u, d)
            root = find(d.doc_id)
            if root not in best or value > best[root][0]:
                best[root] = (value, why, d)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
        if ranked and ranked[0][1][0] >= threshold and (len(ranked) == 1 or ranked[0][1][0] > ranked[1][1][0]):
            value, why, d = ranked[0][1]
            union(u, d, why)
    # undated records still alone: with no date on either side the bar is higher
    size = Counter(find(s.doc_id) for s in sources)
    singles = [u for u in undated if size[find(u.doc_id)] == 1]
    pair_index: dict[tuple, list[Source]] = {}
    position = {a.doc_id: i for i, a in enumerate(singles)}
    for a in singles:
        for feature in a.features():
            pair_index.setdefault(feature, []).append(a)
    pairs = {tuple(sorted((position[a.doc_id], position[b.doc_id])))
             for a in singles for b in _most_shared(a, pair_index) if b.doc_id != a.doc_id}
    for i, j in sorted(pairs):
        value, why = score(singles[i], singles[j])
        if value >= threshold + 2:
            union(singles[i], singles[j], why)
    final: dict[str, list[Source]] = {}
    for s in sources:
        s.row["merge_evidence"] = evidence.get(s.doc_id)
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


def _merged_mode(modes: list[str | None]) -> str | None:
    """One source online and another in a physical place: the meeting was hybrid."""
    stated = {m for m in modes if m}
    if "online" in stated and stated & {"in_person", "hybrid"}:
        return "hybrid"
    return _most_common(modes)


def period(day: date | None, precision: str | None) -> str | None:
    """The date at the precision the text supports, in ISO 8601's reduced forms: "2024",
    "2024-05", "2024-05-03" (a year-only date is stored as its first day in `start_date`)."""
    if day is None:
        return None
    return {"year": f"{day.year:04d}", "month": f"{day.year:04d}-{day.month:02d}"}.get(precision or "day", day.isoformat())


def _impossible(mid: str, row: dict[str, Any], field_name: str, value: str, reason: str) -> dict[str, Any]:
    """A conflicts row for a value no calendar has, with the evidence it was read from."""
    return {"meeting_id": mid, "field": field_name, "doc_id": row["doc_id"], "value": value, "qualifier": None,
            "unit": None, "text": row.get("date_text"), "start_char": row.get("date_start_char"),
            "end_char": row.get("date_end_char"), "reason": reason}


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
            if r.get("month_day") and r["month_day"] == start.strftime("%m-%d"):
                # days written without a year: the year another source gives
                r["resolved_start_date"] = start
                r["resolved_method"] = f"inferred:year-from-other-source ({ranked[0]['doc_id']})"
                if r.get("end_month_day"):
                    month, day = map(int, r["end_month_day"].split("-"))
                    year = start.year + (month < start.month)
                    last = checked_date(year, month, day)
                    if last is None:
                        # "26-29 February" given the year of a source in a common year: the fact is
                        # dropped and reported, the rest of the meeting stands
                        conflicts.append(_impossible(mid, r, "end_date", f"{year}-{r['end_month_day']}",
                                                     f"no such day: {r['end_month_day']} in {year}, the year "
                                                     f"given by {ranked[0]['doc_id']}"))
                    else:
                        r["resolved_end_date"] = last
                        if end is None:
                            end, end_method = last, f"inferred:year-from-other-source ({r['doc_id']})"
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
        # the figure most sources give; on a tie an exact figure over a hedged one ("230" over
        # "over 150"), then the earliest document
        counts = Counter(r[field] for r in cands)
        top = max(counts.values())
        tied = [r for r in cands if counts[r[field]] == top]
        value = next((r[field] for r in tied if r.get(f"{field}_qualifier") == "exact"), tied[0][field])
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
        "series_key": _most_common([r.get("series_key") for r in rows]),
        "edition": _most_common([r.get("edition") for r in rows]),
        "anniversary": _most_common([r.get("anniversary") for r in rows]),
        "start_date": start, "end_date": end, "date_precision": precision, "date_method": date_method,
        "start_period": period(start, precision), "end_period": period(end, precision),
        "city": _most_common([r.get("city") for r in rows]),
        "country": _most_common([r.get("country") for r in rows]),
        "venue": _most_common([r.get("venue") for r in rows]),
        "mode": _merged_mode([r.get("mode") for r in rows]),
        "organizers": organizers,
        "participants": participants, "participants_qualifier": participants_q,
        "countries": countries, "countries_qualifier": countries_q,
        "doc_ids": [r["doc_id"] for r in rows],
        "conflicts": fields_in_dispute,
    }
    return meeting, rows, conflicts
