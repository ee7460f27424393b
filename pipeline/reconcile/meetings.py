"""Cluster per-document meeting records into meetings, merge their fields, keep disagreements."""
from __future__ import annotations

import heapq
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator

from ..lang.resources import fold
from ..lang.dateparse import checked_date, iso_date
from ..records import DateValue, stable_id

ONE_DAY = timedelta(days=1)
PRECISION_RANK = {"day": 3, "month": 2, "year": 1, None: 0}
PEOPLE_UNITS = ("participants", "delegates")


@dataclass(eq=False)
class Source:
    """One document's meeting record, with what reconciliation needs to compare it."""

    row: dict[str, Any]
    people: set[str] = field(default_factory=set)  # person keys named in the document
    # offices the document names (office_key) -> the people it names holding them (none: by role only)
    offices: dict[str, frozenset[str]] = field(default_factory=dict)
    doc_id: str = field(init=False)

    def __post_init__(self) -> None:
        self.doc_id = self.row["doc_id"]

    def dates(self) -> tuple[date, date] | None:
        """The calendar days the record may stand for (a record with only an end date stands for
        that day), or None when it gives no date."""
        try:
            return self._dates
        except AttributeError:
            start = as_date(self.row.get("start_date")) or as_date(self.row.get("end_date"))
            if start is None:
                self._dates = None
            else:
                end = as_date(self.row.get("end_date")) or start
                self._dates = DateValue(start, max(start, end), self.row.get("date_precision") or "day").covers()
        return self._dates

    def features(self) -> frozenset[tuple[str, object]]:
        """What two records may share; only records that share one are compared (blocking)."""
        if "_features" not in self.__dict__:
            r = self.row
            out = {("person", p) for p in self.people} | {("office", o) for o in self.offices}
            for key in ("series_key", "edition", "anniversary", "city", "venue", "participants", "countries"):
                if r.get(key) is not None:
                    out.add((key, r[key]))
            if r.get("month_day"):
                out.add(("month_day", r["month_day"]))
            elif self.dates() is not None:
                out.add(("month_day", self.dates()[0].strftime("%m-%d")))
            self._features = frozenset(out)
        return self._features

    def month_days(self) -> tuple[str, str | None] | None:
        """The first and last day as MM-DD: written so without a year, or from the dates."""
        if "_month_days" not in self.__dict__:
            r, out = self.row, None
            if r.get("month_day"):
                out = r["month_day"], r.get("end_month_day")
            elif r.get("start_date") and r.get("date_precision") == "day":
                start = as_date(r["start_date"])
                end = as_date(r.get("end_date"))
                out = start.strftime("%m-%d"), end.strftime("%m-%d") if end else None
            self._month_days = out
        return self._month_days

    def name_parts(self) -> frozenset[str]:
        """First and last words of the full names of the people the document names."""
        if "_name_parts" not in self.__dict__:
            self._name_parts = _name_parts(self.people)
        return self._name_parts

    def name_words(self) -> frozenset[str]:
        """The content words of the record's name (cached: a record is compared many times)."""
        if "_name_words" not in self.__dict__:
            self._name_words = frozenset(_name_words(self.row["name"])) if self.row.get("name") else frozenset()
        return self._name_words


as_date = iso_date  # a date from a date or an ISO string; None for a malformed one


def date_relation(da: tuple[date, date] | None, db: tuple[date, date] | None) -> str | None:
    """How two records' days (`Source.dates()`) stand to each other: "overlap" (a day in common),
    "touch" (a day apart), "apart" (they cannot be one meeting), or None when one is undated."""
    if da is None or db is None:
        return None
    if da[0] - ONE_DAY > db[1] or db[0] - ONE_DAY > da[1]:
        return "apart"
    return "overlap" if da[0] <= db[1] and db[0] <= da[1] else "touch"


def series_similarity(a: str | None, b: str | None) -> float | None:
    """Share of the series words two records have in common (None when one has no series)."""
    if not a or not b:
        return None
    if a == b:
        return 1.0
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / len(wa | wb)


@lru_cache(maxsize=65536)
def _words(key: str) -> frozenset[str]:
    return frozenset(key.split())


def _name_words(name: str) -> set[str]:
    """The content words of a meeting's name or description, folded."""
    return set(re.findall(r"[a-z][a-z-]{3,}", fold(name)))


def _name_parts(names: set[str] | frozenset[str]) -> frozenset[str]:
    """The first and last words of the full names among `names`."""
    return frozenset(part for full in names if " " in full for part in (full.split()[0], full.split()[-1]))


def office_key(role_norm: str | None, country: str | None = None) -> str | None:
    """An office as reports of one meeting share it: the normalised title folded, without "the",
    when it has at least two words (a bare "Chair" or "Moderator" says nothing about the meeting),
    with the country it is held for (every state has a "Minister of Justice")."""
    if not role_norm:
        return None
    words = [w for w in fold(role_norm).split() if w != "the"]
    if len(words) < 2:
        return None
    return " ".join(words) + (f" ({fold(country)})" if country else "")


def office_evidence(a: dict[str, frozenset[str]], b: dict[str, frozenset[str]]) -> tuple[list[str], list[str]]:
    """(offices both name where at least one names no holder, offices both name with holders and
    no holder in common)."""
    shared, other = [], []
    for office in sorted(a.keys() & b.keys()):
        ha, hb = a[office], b[office]
        if not ha or not hb:
            shared.append(office)
        elif not ha & hb:
            other.append(office)
    return shared, other


def shared_people(a: set[str], b: set[str], parts_a: frozenset[str] | None = None,
                  parts_b: frozenset[str] | None = None) -> dict[str, float]:
    """People two documents both name, with their weight: a full name 1, a single name (a first name
    or a surname) 0.5, whether the other document writes it alone or as part of a full name
    ("Ana" and "Ana Lopez"). `parts_a`/`parts_b` are `_name_parts` of each, when known."""
    common = a & b
    out = {p: (1.0 if " " in p else 0.5) for p in common}
    for x, parts in ((a, _name_parts(b) if parts_b is None else parts_b),
                     (b, _name_parts(a) if parts_a is None else parts_a)):
        if parts:
            for single in x - common:
                if " " not in single and single in parts:
                    out[single] = 0.5
    return out


def score(a: Source, b: Source, *, explain: bool = True) -> tuple[float, list[str]]:
    """Evidence that two records describe one meeting, and what it is. Different editions and dates
    that cannot overlap (another year, another month) rule a pair out; everything else is scored.
    With explain=False the reasons are left out (the value is the same): most pairs compared are
    not merged, and writing why costs more than scoring."""
    ra, rb = a.row, b.row
    ga, gb = ra.get, rb.get  # each field read once per side: scoring runs millions of times at scale
    ea, eb = ga("edition"), gb("edition")
    if ea and eb and ea != eb:
        return float("-inf"), ["different editions"]
    dates = date_relation(a.dates(), b.dates())
    if dates == "apart":
        return float("-inf"), ["dates that do not overlap"]
    s, why = 0.0, []

    def add(points: float, reason: str | Callable[[], str]) -> None:
        nonlocal s
        s += points
        if explain:
            why.append(f"{reason if isinstance(reason, str) else reason()} ({points:+g})")

    def agree(x: Any, y: Any, points: float, same: Callable[[], str], different: str) -> None:
        """Both sides give it: `points` when they agree, -4 when they differ."""
        if x and y:
            if x != y:
                add(-4.0, different)
            elif points:
                add(points, same)

    ka, kb = ga("series_key"), gb("series_key")
    sim = series_similarity(ka, kb)
    if sim is not None:
        if sim == 1.0:
            add(3.0, lambda: f"series {ka!r}")
        elif sim >= 0.5:
            add(2.0, "similar series")
        elif sim == 0.0:
            add(-2.0, "different series")
    if sim is None and ga("name") and gb("name"):
        # two descriptions, or a description and a named series (a key on one side only): mostly
        # the same words
        wa, wb = a.name_words(), b.name_words()
        if wa and wb and len(wa & wb) / len(wa | wb) >= 0.6:
            add(2.0, "similar descriptions")
    if ea and ea == eb:
        add(3.0, lambda: f"edition {ea}")
    na = ga("anniversary")
    agree(na, gb("anniversary"), 3.0, lambda: f"anniversary of {na} years", "different anniversaries")
    if dates == "overlap":
        add(3.0, "overlapping dates")
    elif dates == "touch":
        # a day apart: one meeting reported across midnight, or two meetings of one week in one city
        add(1.0, "neighbouring days")
    elif dates is None and (ga("month_day") or gb("month_day")):
        # days written without a year on one side: the same days of the year, or other days
        ma, mb = a.month_days(), b.month_days()
        if ma and mb:
            if ma[0] == mb[0] and (not ma[1] or not mb[1] or ma[1] == mb[1]):
                add(3.0, lambda: f"same days of the year {ma[0]}")
            else:
                add(-4.0, "other days of the year")
    city = ga("city")
    agree(city, gb("city"), 1.0, lambda: f"city {city}", "different city")
    agree(ga("country"), gb("country"), 0.0, str, "different country")
    va = ga("venue")
    if va and va == gb("venue"):
        add(1.0, lambda: f"venue {va}")
    people = shared_people(a.people, b.people, a.name_parts(), b.name_parts()) if a.people and b.people else None
    if people:
        add(min(3.0, sum(people.values())), lambda: "shared people " + ", ".join(sorted(people)[:3]))
    if a.offices and b.offices:
        shared, other_holders = office_evidence(a.offices, b.offices)
        if shared:
            # one report names the office holders, the other only their offices ("the Secretary-General")
            add(min(2.0, float(len(shared))), lambda: "shared offices " + ", ".join(shared[:3]))
        if other_holders:
            # the same office held by other people: another year's meeting of the series
            add(-3.0, lambda: "other holders of " + ", ".join(other_holders[:3]))
    oa, ob = ga("organizers"), gb("organizers")
    if oa and ob and not set(oa).isdisjoint(ob):
        add(0.5, "shared organisers")
    pn = ga("participants")
    if pn and pn == gb("participants"):
        add(1.0, lambda: f"{pn} participants")
    ta = ga("countries")
    if ta and ta == gb("countries"):
        add(0.5, lambda: f"{ta} countries")
    return s, why


UNDATED_CANDIDATES = 40  # records an undated or coarsely dated record is scored against: those sharing the most features
BLOCK_MAX = 1000  # a feature more records share than this (a city, "57 States") finds no candidates for those records
DATE_ONLY_POINTS = 3.0  # the most that dates alone add to a pair's score (shared days)


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


FINE_DAYS = 31  # a record dated to this many days or fewer is compared with every record it may share days with


def dated_pairs(ordered: list[Source], threshold: float, *, block_max: int = BLOCK_MAX) -> Iterator[tuple[int, int]]:
    """Candidate pairs (j, i) of dated records, indexes into `ordered` (sorted by first day), j < i;
    never all pairs.

    Records dated to days (a range of at most FINE_DAYS): two of one meeting have dates that
    overlap or touch (else the score rules them out) and, since dates alone give at most
    DATE_ONLY_POINTS, at least one other feature in common when the threshold is above that. So a
    sweep by first day keeps the records whose dates are still open (their last day, give or take
    one, not yet passed), indexed by their blocking features; each record meets the open ones that
    share a feature with it. No pair is lost. With a threshold at or below DATE_ONLY_POINTS a
    shared feature is not needed: every pair of touching dates is a candidate.

    A record dated only to a month or a year says little about its days and may touch every
    record of its year: like an undated record it meets the UNDATED_CANDIDATES records that share
    the most features with it, among those its dates allow (`top_shared`)."""
    everything = threshold <= DATE_ONLY_POINTS
    keys = [frozenset([("any", None)]) if everything else frozenset(blocking_features(s)) for s in ordered]
    fine = [(s.dates()[1] - s.dates()[0]).days <= FINE_DAYS for s in ordered]
    open_by_feature: dict[tuple, set[int]] = {}
    features_of: dict[int, frozenset] = {}
    closing: list[tuple[date, int]] = []  # (last day, index) of the open records
    for i, s in enumerate(ordered):
        if not fine[i]:
            continue
        first, last = s.dates()
        while closing and closing[0][0] + ONE_DAY < first:
            _, j = heapq.heappop(closing)
            for f in features_of.pop(j):
                members = open_by_feature[f]
                members.discard(j)
                if not members:
                    del open_by_feature[f]
        features = keys[i]
        candidates: set[int] = set()
        for f in features:
            members = open_by_feature.get(f)
            if members:
                candidates |= members
        for j in sorted(candidates):
            yield j, i
        for f in features:
            open_by_feature.setdefault(f, set()).add(i)
        features_of[i] = features
        heapq.heappush(closing, (last, i))
    coarse = [i for i in range(len(ordered)) if not fine[i]]
    if not coarse:
        return
    by_year: dict[tuple, list[int]] = {}
    for i, s in enumerate(ordered):
        first, last = s.dates()
        for f in keys[i]:
            for y in range(first.year, last.year + 1):
                by_year.setdefault((f, y), []).append(i)
    seen: set[tuple[int, int]] = set()
    starts = [s.dates()[0].toordinal() for s in ordered]
    ends = [s.dates()[1].toordinal() for s in ordered]
    for i in coarse:
        first, last = ordered[i].dates()
        shared = count_shared(((f, y) for f in keys[i] for y in range(first.year, last.year + 1)), by_year, block_max)
        del shared[i]
        lo, hi = first.toordinal() - 1, last.toordinal() + 1  # dates that touch, give or take one day
        possible = Counter({j: c for j, c in shared.items() if starts[j] <= hi and ends[j] >= lo})
        for j in sorted(top_shared(possible)):
            pair = (min(i, j), max(i, j))
            if pair not in seen:
                seen.add(pair)
                yield pair


class _Clusters:
    """Union-find over records, where a union never joins two records that cannot be one meeting.

    Two records cannot be one meeting when their editions differ or their dates are apart
    (`date_relation`). Each cluster keeps what that needs of all its members at once, its edition
    and the latest start and earliest end of its dated members, so that checking every pair across
    two clusters costs one comparison rather than one per pair."""

    def __init__(self, sources: list[Source]) -> None:
        self.parent = list(range(len(sources)))
        self.edition = [s.row.get("edition") or None for s in sources]
        dates = [s.dates() for s in sources]
        self.latest_start = [d[0] if d else None for d in dates]
        self.earliest_end = [d[1] if d else None for d in dates]
        self.size = [1] * len(sources)

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def _incompatible(self, ra: int, rb: int) -> bool:
        ea, eb = self.edition[ra], self.edition[rb]
        if ea and eb and ea != eb:
            return True  # other editions (inside one cluster there is only one)
        # some member of one starts after some member of the other has ended: `date_relation` of
        # the pair that is furthest apart
        starts, ends = self.latest_start, self.earliest_end
        return starts[ra] is not None and starts[rb] is not None and \
            date_relation((starts[ra], ends[ra]), (starts[rb], ends[rb])) == "apart"

    def union(self, a: int, b: int) -> bool:
        """Join the clusters of a and b (the smaller position stays the root); False if they are
        one already or cannot be one meeting."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb or self._incompatible(ra, rb):
            return False
        root, other = min(ra, rb), max(ra, rb)
        self.parent[other] = root
        self.edition[root] = self.edition[root] or self.edition[other]
        for mine, pick in ((self.latest_start, max), (self.earliest_end, min)):
            known = [v for v in (mine[root], mine[other]) if v is not None]
            mine[root] = pick(known) if known else None
        self.size[root] += self.size[other]
        return True


def _feature_index(positions: list[int], sources: list[Source]) -> dict[tuple, list[int]]:
    index: dict[tuple, list[int]] = {}
    for i in positions:
        for feature in sources[i].features():
            index.setdefault(feature, []).append(i)
    return index


def _most_shared(u: Source, index: dict[tuple, list[int]], block_max: int = BLOCK_MAX) -> list[int]:
    """The records (positions) that share the most features with `u`, ties by position (a block of
    a frequent feature, such as an annual series, can hold thousands: only the best
    UNDATED_CANDIDATES are scored). A feature shared by more than `block_max` records (a city, a
    figure such as the 57 participating States) finds no candidates: a pair that shares only such
    features is not compared (block purging)."""
    return top_shared(count_shared(u.features(), index, block_max))


def count_shared(keys: Iterable[tuple], index: dict[tuple, list[int]], block_max: int) -> Counter:
    """For each position in the blocks of `keys`, how many of those blocks hold it; blocks larger
    than `block_max` are left out (block purging)."""
    shared: Counter = Counter()
    for key in keys:
        block = index.get(key)
        if block and len(block) <= block_max:
            shared.update(block)
    return shared


def top_shared(shared: Counter, limit: int = UNDATED_CANDIDATES) -> list[int]:
    """The `limit` positions with the highest counts, ties by position, best first. The counts are
    small (features in common), so the cut-off count is found first; the positions above it are
    fewer than `limit`, and those at it are taken smallest first."""
    if len(shared) <= limit:
        return sorted(shared, key=lambda i: (-shared[i], i))
    above, cut = 0, 0
    for count, n in sorted(Counter(shared.values()).items(), reverse=True):
        if above + n >= limit:
            cut = count
            break
        above += n
    better = sorted((i for i, c in shared.items() if c > cut), key=lambda i: (-shared[i], i))
    return better + heapq.nsmallest(limit - len(better), [i for i, c in shared.items() if c == cut])


def cluster(sources: list[Source], threshold: float, *, block_max: int = BLOCK_MAX,
            scores: Callable[[Source, Source], float] | None = None) -> list[list[Source]]:
    """Dated records merge pairwise (union-find); an undated record joins its single best cluster;
    undated records left alone merge among themselves on stronger evidence. Only records that
    share a date range, or a feature (series, edition, place, person, figure), are compared.
    Each merged record's `merge_evidence` says why it joined. `scores` gives a pair's score (by
    default `score`; reconcile passes the scores kept from the last run, pairs.PairScores)."""
    value_of = scores or (lambda a, b: score(a, b, explain=False)[0])
    sources = sorted(sources, key=lambda s: s.doc_id)
    groups = _Clusters(sources)
    evidence: dict[int, str] = {}

    def union(i: int, j: int) -> None:
        if groups.union(i, j):
            why = "; ".join(score(sources[i], sources[j])[1])  # the reasons, written only for a merge
            for x, y in ((i, j), (j, i)):
                evidence.setdefault(x, f"with {sources[y].doc_id}: {why}")

    dated = [i for i, s in enumerate(sources) if s.dates() is not None]
    undated = [i for i, s in enumerate(sources) if s.dates() is None]
    # dated records: the candidate pairs of `dated_pairs`, in the order of its sweep by first day
    ordered = sorted(dated, key=lambda i: (sources[i].dates()[0], sources[i].doc_id))
    for j, i in dated_pairs([sources[k] for k in ordered], threshold, block_max=block_max):
        a, b = ordered[j], ordered[i]
        if groups.find(a) == groups.find(b):
            continue  # one cluster already: the pair's score changes nothing
        if value_of(sources[a], sources[b]) >= threshold:
            union(a, b)
    # an undated record joins the cluster it scores best with, when that is clear
    index = _feature_index(dated, sources)
    for u in undated:
        best: dict[int, tuple[float, int]] = {}
        for d in _most_shared(sources[u], index, block_max):
            value = value_of(sources[u], sources[d])
            root = groups.find(d)
            if root not in best or value > best[root][0]:
                best[root] = (value, d)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], sources[kv[0]].doc_id))
        if ranked and ranked[0][1][0] >= threshold and (len(ranked) == 1 or ranked[0][1][0] > ranked[1][1][0]):
            union(u, ranked[0][1][1])
    # undated records still alone: with no date on either side the bar is higher
    singles = [u for u in undated if groups.size[groups.find(u)] == 1]
    pair_index = _feature_index(singles, sources)
    pairs = {(min(a, b), max(a, b)) for a in singles for b in _most_shared(sources[a], pair_index, block_max) if b != a}
    for i, j in sorted(pairs):
        if groups.find(i) == groups.find(j):
            continue
        if value_of(sources[i], sources[j]) >= threshold + 2:
            union(i, j)
    final: dict[int, list[Source]] = {}
    for i, s in enumerate(sources):
        s.row["merge_evidence"] = evidence.get(i)
        final.setdefault(groups.find(i), []).append(s)
    return [g for _, g in sorted(final.items())]


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
    """(meeting row, meeting_sources rows with inferred dates filled, conflict rows): the dates, the
    headline counts, the fields the sources dispute, the organisers, and the most common value of
    every other field."""
    rows = [dict(m.row) for m in members]
    conflicts: list[dict[str, Any]] = []
    start, end, precision, date_method = _merged_dates(rows, mid, conflicts)
    participants, participants_q = _headline(rows, "participants", PEOPLE_UNITS)
    countries, countries_q = _headline(rows, "countries")
    fields_in_dispute = _disputes(rows, mid, conflicts)
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


def _merged_dates(rows: list[dict[str, Any]], mid: str,
                  conflicts: list[dict[str, Any]]) -> tuple[date | None, date | None, str | None, str | None]:
    """(start, end, precision, method) of the meeting: the most precise source gives the start;
    the first stated end, else an end another source's relative words or days without a year give,
    else a stated duration. Each source's relative words and yearless days are resolved on its row."""
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
            found = _resolve_relative(r, start, ranked[0]["doc_id"])
            if found is not None and end is None:
                end, end_method = found
            found = _resolve_yearless(r, start, ranked[0]["doc_id"], mid, conflicts)
            if found is not None and end is None:
                end, end_method = found
        if end is None:
            durations = [r["duration_days"] for r in rows if r.get("duration_days")]
            if durations:
                end = start + timedelta(days=durations[0] - 1)
                end_method = "inferred:duration"
    if end_method and date_method:
        date_method = f"start {date_method}; end {end_method}"
    return start, end, precision, date_method


def _resolve_relative(r: dict[str, Any], start: date, by: str) -> tuple[date, str] | None:
    """An undated source's "today" is the meeting's start day as source `by` gives it; its "ends
    tomorrow" gives an end: (end, method) when it does."""
    rel_start, rel_end = r.get("start_relative_days"), r.get("end_relative_days")
    if r.get("published") is not None or rel_start is None:
        return None
    anchor = start - timedelta(days=rel_start)
    r["resolved_start_date"] = start
    r["resolved_method"] = f"inferred:relative-to-other-source ({by})"
    if rel_end is None:
        return None
    r["resolved_end_date"] = anchor + timedelta(days=rel_end)
    return r["resolved_end_date"], (f"inferred:relative-to-other-source ('{r['doc_id']}' says it concludes "
                                    f"{rel_end} day(s) after it started; start from {by})")


def _resolve_yearless(r: dict[str, Any], start: date, by: str, mid: str,
                      conflicts: list[dict[str, Any]]) -> tuple[date, str] | None:
    """Days a source writes without a year take the year source `by` gives, when its first day is
    the meeting's start; its last day gives an end: (end, method). A day that does not exist in
    that year ("26-29 February" in a common year) is dropped and reported, the rest stands."""
    if not (r.get("month_day") and r["month_day"] == start.strftime("%m-%d")):
        return None
    r["resolved_start_date"] = start
    r["resolved_method"] = f"inferred:year-from-other-source ({by})"
    if not r.get("end_month_day"):
        return None
    month, day = map(int, r["end_month_day"].split("-"))
    year = start.year + (month < start.month)
    last = checked_date(year, month, day)
    if last is None:
        conflicts.append(_impossible(mid, r, "end_date", f"{year}-{r['end_month_day']}",
                                     f"no such day: {r['end_month_day']} in {year}, the year given by {by}"))
        return None
    r["resolved_end_date"] = last
    return last, f"inferred:year-from-other-source ({r['doc_id']})"


def _headline(rows: list[dict[str, Any]], field: str, units: tuple[str, ...] | None = None) -> tuple[int | None, str | None]:
    """(value, qualifier) of a headline count: participants prefer the unit 'participants'; the
    figure most sources give, on a tie an exact figure over a hedged one ("230" over "over 150"),
    then the earliest document; agreeing values with other qualifiers hedge ("approximately")."""
    cands = [r for r in rows if r.get(field) is not None]
    if units:
        preferred = [r for r in cands if r.get(f"{field}_unit") == units[0]]
        cands = preferred or cands
    if not cands:
        return None, None
    counts = Counter(r[field] for r in cands)
    top = max(counts.values())
    tied = [r for r in cands if counts[r[field]] == top]
    value = next((r[field] for r in tied if r.get(f"{field}_qualifier") == "exact"), tied[0][field])
    quals = {r.get(f"{field}_qualifier") for r in cands if r[field] == value}
    return value, (quals.pop() if len(quals) == 1 else "approximately")


def _disputes(rows: list[dict[str, Any]], mid: str, conflicts: list[dict[str, Any]]) -> list[str]:
    """The fields the sources give different values for; every source's value is a conflict row
    with its evidence, so conflicting figures stay visible."""
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
    return fields_in_dispute
