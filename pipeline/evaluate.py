"""Score the output tables against gold annotations (format: tests/gold/dev/README.md).

Two gold sets are scored side by side: the seeds (tests/gold/seeds) and the development corpus of
real reports (tests/gold/dev); `params.yaml` `evaluate.sets` names each set's gold and outputs.

Matching follows the gold README: people by folded name (case, accents, honorifics removed);
role-only mentions by fuzzy role; counts by (value, unit), the qualifier checked separately;
recommendations by token overlap with the gold clause; meetings by the cluster each document
lands in. Metrics are micro-averaged over documents and written flat to metrics.json.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from .lang.resources import fold
from .lang.names import name_tokens
from .tables import read_rows, write_json_atomic

ROLE_MATCH = 80  # token_sort_ratio for a role-only mention to match the gold role
ROLE_CORRECT = 85  # token_sort_ratio for a person's role to count as right
ACTOR_MATCH = 80  # token_set_ratio for a recommendation's actor
REC_GOLD_COVER = 0.6  # share of the gold clause's tokens the prediction must contain
REC_PRED_COVER = 0.25  # share of the predicted clause's tokens that must be in the gold clause
PER_DOC_FIELDS = ("start_date", "end_date", "city", "country", "venue", "mode")
NAME_MATCH = 80  # token_set_ratio for the per-document meeting name
# The headline figure: the mean of these (the measure quoted in issues and closing notes).
HEADLINE = ("people_f1", "role_mentions_f1", "counts_f1", "recommendations_f1", "meetings_fields_accuracy")
RECONCILED_FIELDS = ("start_date", "end_date", "city", "country", "venue", "mode", "participants", "countries")


def fold_name(name: str) -> str:
    """Case, accents and honorifics removed, as reconciliation folds names ("Dr.Ilse" splits too)."""
    return " ".join(name_tokens(name.replace(".", ". ")))


def fold_text(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(text or "")).strip()


def tokens(text: str) -> list[str]:
    return fold_text(text).split()


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn


@dataclass
class Acc:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0

    def add(self, ok: bool) -> None:
        self.right += int(bool(ok))
        self.total += 1


@dataclass
class Report:
    lines: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # one (kind, method, stated confidence, right) per predicted fact: the reliability table's input
    outcomes: list[tuple[str, str, float, bool]] = field(default_factory=list)

    def outcome(self, kind: str, row: dict, ok: bool) -> None:
        self.outcomes.append((kind, row.get("method") or "?", float(row.get("confidence") or 0.0), bool(ok)))

    def miss(self, doc: str, what: str, item: Any) -> None:
        self.lines[doc].append(f"- missed {what}: {item}")

    def extra(self, doc: str, what: str, item: Any) -> None:
        self.lines[doc].append(f"- extra {what}: {item}")

    def wrong(self, doc: str, what: str, gold: Any, got: Any) -> None:
        self.lines[doc].append(f"- wrong {what}: gold {gold!r}, got {got!r}")

    def render(self) -> str:
        out = ["# Evaluation report: what the gold has that we missed, and what we added", ""]
        for doc in sorted(self.lines):
            out += [f"## {doc}", "", *self.lines[doc], ""]
        return "\n".join(out)


def load_gold(gold_dir: Path) -> tuple[dict[str, dict], dict]:
    docs, reconciled = {}, {}
    for path in sorted(Path(gold_dir).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if path.name == "_reconciled.yaml":
            reconciled = data
        else:
            docs[str(data.get("doc_id", path.stem))] = data
    return docs, reconciled


def gold_date_matches(gold: Any, pred: date | None) -> bool:
    """A gold '2019' matches any date in 2019; 'YYYY-MM' any day of that month; a full date exactly."""
    if gold is None:
        return pred is None
    if pred is None:
        return False
    if isinstance(gold, date):
        return pred == gold
    text = str(gold)
    if re.fullmatch(r"\d{4}", text):
        return pred.year == int(text)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return (pred.year, pred.month) == tuple(map(int, text.split("-")))
    return pred == date.fromisoformat(text)


def field_matches(name: str, gold: Any, pred: Any) -> bool:
    if name in ("start_date", "end_date"):
        return gold_date_matches(gold, pred)
    if gold is None or pred is None:
        return gold is None and pred is None
    if name == "venue":
        return fuzz.token_set_ratio(fold_text(gold), fold_text(pred)) >= 85
    return fold_text(gold) == fold_text(pred)


def _greedy(pairs: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """One-to-one matching, best scores first."""
    used_g, used_p, out = set(), set(), []
    for _, g, p in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            out.append((g, p))
    return out


def rec_overlap(gold: str, pred: str) -> float:
    g, p = set(tokens(gold)), set(tokens(pred))
    if not g or not p:
        return 0.0
    common = len(g & p)
    if common / len(g) < REC_GOLD_COVER or common / len(p) < REC_PRED_COVER:
        return 0.0
    return common / len(g | p)


@dataclass
class _Scores:
    """Every counter the metrics are computed from."""

    people: PRF = field(default_factory=PRF)
    roles: Acc = field(default_factory=Acc)
    orgs: Acc = field(default_factory=Acc)
    role_only: PRF = field(default_factory=PRF)
    role_country: Acc = field(default_factory=Acc)
    counts: PRF = field(default_factory=PRF)
    qualifiers: Acc = field(default_factory=Acc)
    recs: PRF = field(default_factory=PRF)
    actors: Acc = field(default_factory=Acc)
    doc_fields: Acc = field(default_factory=Acc)
    organizers: Acc = field(default_factory=Acc)
    names: Acc = field(default_factory=Acc)
    clusters: PRF = field(default_factory=PRF)
    meeting_fields: Acc = field(default_factory=Acc)
    identity: Acc = field(default_factory=Acc)
    resolved: Acc = field(default_factory=Acc)
    tenure: Acc = field(default_factory=Acc)

    def metrics(self) -> dict[str, float]:
        metrics = {
            "people_precision": self.people.precision, "people_recall": self.people.recall, "people_f1": self.people.f1,
            "people_role_accuracy": self.roles.value, "people_organization_accuracy": self.orgs.value,
            "role_mentions_precision": self.role_only.precision, "role_mentions_recall": self.role_only.recall,
            "role_mentions_f1": self.role_only.f1, "role_mentions_country_accuracy": self.role_country.value,
            "counts_precision": self.counts.precision, "counts_recall": self.counts.recall, "counts_f1": self.counts.f1,
            "counts_qualifier_accuracy": self.qualifiers.value,
            "recommendations_precision": self.recs.precision, "recommendations_recall": self.recs.recall,
            "recommendations_f1": self.recs.f1, "recommendations_actor_accuracy": self.actors.value,
            "meeting_doc_fields_accuracy": self.doc_fields.value, "meeting_organizers_accuracy": self.organizers.value,
            "meeting_name_accuracy": self.names.value,
            "meetings_cluster_precision": self.clusters.precision, "meetings_cluster_recall": self.clusters.recall,
            "meetings_cluster_f1": self.clusters.f1, "meetings_fields_accuracy": self.meeting_fields.value,
            "person_identity_accuracy": self.identity.value, "role_holders_resolved_accuracy": self.resolved.value,
            "role_tenures_recall": self.tenure.value,
        }
        metrics["headline_mean"] = sum(metrics[k] for k in HEADLINE) / len(HEADLINE)
        return {k: round(v, 4) for k, v in metrics.items()}


def evaluate(gold_dir: Path | str, output: Path | str) -> tuple[dict[str, float], Report]:
    """Scores of the tables in `output` against the gold in `gold_dir`, and the report of every
    miss, extra and wrong value: per document (people, role-only mentions, counts,
    recommendations, the meeting as the document states it), then across documents (meeting
    clusters and their reconciled fields, person identity, likely holders, tenures)."""
    gold_docs, reconciled = load_gold(Path(gold_dir))
    out = Path(output)
    person_roles = read_rows(out, "person_roles")
    sources = {r["doc_id"]: r for r in read_rows(out, "meeting_sources")}
    meetings = read_rows(out, "meetings")
    report, scores = Report(), _Scores()
    by_doc: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for r in person_roles:
        by_doc[r["doc_id"]]["named" if r["name"] else "role_only"].append(r)
    for c in read_rows(out, "counts"):
        by_doc[c["doc_id"]]["counts"].append(c)
    for r in read_rows(out, "recommendations"):
        by_doc[r["doc_id"]]["recs"].append(r)
    for doc_id, g in sorted(gold_docs.items()):
        pred = by_doc.get(doc_id, {})
        _score_people(doc_id, g, pred, scores, report)
        _score_role_only(doc_id, g, pred, scores, report)
        _score_counts(doc_id, g, pred, scores, report)
        _score_recommendations(doc_id, g, pred, scores, report)
        _score_doc_meeting(doc_id, g.get("meeting") or {}, sources.get(doc_id, {}), scores, report)
    _score_meetings(gold_docs, reconciled, meetings, scores, report)
    _score_identity(reconciled, person_roles, scores, report)
    _score_resolved(reconciled, by_doc, {p["person_id"]: p for p in read_rows(out, "people")}, scores, report)
    _score_tenures(reconciled, read_rows(out, "role_tenures"), scores, report)
    return scores.metrics(), report


def _score_people(doc_id: str, g: dict, pred: dict, scores: _Scores, report: Report) -> None:
    """Named people by folded name; for each found, its role and organisation."""
    pred_people: dict[str, list[dict]] = defaultdict(list)
    for r in pred.get("named", []):
        pred_people[fold_name(r["name"])].append(r)
    gold_people = {fold_name(p["name"]): p for p in g.get("people") or []}
    matched = set(gold_people) & set(pred_people)
    scores.people.add(len(matched), len(set(pred_people) - matched), len(set(gold_people) - matched))
    for name in sorted(set(gold_people) - matched):
        report.miss(doc_id, "person", gold_people[name]["name"])
    for name in sorted(set(pred_people) - matched):
        report.extra(doc_id, "person", pred_people[name][0]["name"])
        report.outcome("person_role", pred_people[name][0], False)
    for name in sorted(matched):
        gp = gold_people[name]
        roles = [r["role"] for r in pred_people[name] if r["role"]]
        if gp.get("role"):
            ok = any(fuzz.token_sort_ratio(fold_text(gp["role"]), fold_text(r)) >= ROLE_CORRECT for r in roles)
        else:  # the text gives no role: right when none is predicted
            ok = not roles
        report.outcome("person_role", pred_people[name][0], ok)
        scores.roles.add(ok)
        if not ok:
            report.wrong(doc_id, f"role of {gp['name']}", gp.get("role"), roles[0] if roles else None)
        if gp.get("organization"):
            orgs = [r["organization"] for r in pred_people[name] if r["organization"]]
            org_ok = any(fold_text(o) == fold_text(gp["organization"]) for o in orgs)
            scores.orgs.add(org_ok)
            if not org_ok:
                report.wrong(doc_id, f"organization of {gp['name']}", gp["organization"], orgs[0] if orgs else None)


def _report_unmatched(report: Report, doc_id: str, what: str, gold: list[str], pred: list[str],
                      m: list[tuple[int, int]]) -> None:
    for i in sorted(set(range(len(gold))) - {i for i, _ in m}):
        report.miss(doc_id, what, gold[i])
    for j in sorted(set(range(len(pred))) - {j for _, j in m}):
        report.extra(doc_id, what, pred[j])


def _score_role_only(doc_id: str, g: dict, pred: dict, scores: _Scores, report: Report) -> None:
    """Role-only mentions, one per office per document, matched by title; then their country."""
    seen, pred_roles = set(), []
    for r in pred.get("role_only", []):
        key = fold_text(r["role_norm"] or r["role"]) + "|" + fold_text(r["country"])
        if key not in seen:
            seen.add(key)
            pred_roles.append(r)
    gold_roles = g.get("role_mentions") or []
    pairs = [(fuzz.token_sort_ratio(fold_text(gr["role"]), fold_text(pr["role"])), i, j)
             for i, gr in enumerate(gold_roles) for j, pr in enumerate(pred_roles)]
    m = _greedy([p for p in pairs if p[0] >= ROLE_MATCH])
    scores.role_only.add(len(m), len(pred_roles) - len(m), len(gold_roles) - len(m))
    for j, pr in enumerate(pred_roles):
        report.outcome("role_only", pr, j in {j for _, j in m})
    for i, j in m:
        if gold_roles[i].get("country"):
            scores.role_country.add(fold_text(gold_roles[i]["country"]) == fold_text(pred_roles[j]["country"]))
    _report_unmatched(report, doc_id, "role-only mention", [r["role"] for r in gold_roles],
                      [r["role"] for r in pred_roles], m)


def _score_counts(doc_id: str, g: dict, pred: dict, scores: _Scores, report: Report) -> None:
    """Counts matched by value and unit; then their qualifier."""
    gold_counts = g.get("counts") or []
    pred_counts = pred.get("counts", [])
    pairs = [(1.0, i, j) for i, gc in enumerate(gold_counts) for j, pc in enumerate(pred_counts)
             if int(gc["value"]) == pc["value"] and gc["unit"] == pc["unit"]]
    m = _greedy(pairs)
    scores.counts.add(len(m), len(pred_counts) - len(m), len(gold_counts) - len(m))
    for j, pc in enumerate(pred_counts):
        report.outcome("count", pc, j in {j for _, j in m})
    for i, j in m:
        scores.qualifiers.add(gold_counts[i]["qualifier"] == pred_counts[j]["qualifier"])
        if gold_counts[i]["qualifier"] != pred_counts[j]["qualifier"]:
            report.wrong(doc_id, f"qualifier of {gold_counts[i]['text']!r}", gold_counts[i]["qualifier"],
                         pred_counts[j]["qualifier"])
    _report_unmatched(report, doc_id, "count", [c["text"] for c in gold_counts], [c["text"] for c in pred_counts], m)


def _score_recommendations(doc_id: str, g: dict, pred: dict, scores: _Scores, report: Report) -> None:
    """Recommendations matched by word overlap; then their actor."""
    gold_recs = g.get("recommendations") or []
    pred_recs = pred.get("recs", [])
    pairs = [(rec_overlap(gr["text"], pr["text"]), i, j) for i, gr in enumerate(gold_recs) for j, pr in enumerate(pred_recs)]
    m = _greedy([p for p in pairs if p[0] > 0])
    scores.recs.add(len(m), len(pred_recs) - len(m), len(gold_recs) - len(m))
    for j, pr in enumerate(pred_recs):
        report.outcome("recommendation", pr, j in {j for _, j in m})
    for i, j in m:
        gold_actor = gold_recs[i].get("by")
        if gold_actor:
            got = pred_recs[j]["actor"]
            ok = bool(got) and fuzz.token_set_ratio(fold_text(gold_actor), fold_text(got)) >= ACTOR_MATCH
            scores.actors.add(ok)
            if not ok:
                report.wrong(doc_id, f"actor of {gold_recs[i]['text'][:50]!r}", gold_actor, got)
    _report_unmatched(report, doc_id, "recommendation", [r["text"] for r in gold_recs], [r["text"] for r in pred_recs], m)


def _score_doc_meeting(doc_id: str, gm: dict, src: dict, scores: _Scores, report: Report) -> None:
    """The meeting as this document alone states it (its meeting_sources row)."""
    for name in PER_DOC_FIELDS:
        if gm.get(name) is None:
            continue
        ok = field_matches(name, gm[name], src.get(name))
        scores.doc_fields.add(ok)
        if not ok:
            report.wrong(doc_id, f"meeting {name}", gm[name], src.get(name))
    if gm.get("organizers"):
        got = sorted(fold_text(o) for o in src.get("organizers") or [])
        ok = got == sorted(fold_text(o) for o in gm["organizers"])
        scores.organizers.add(ok)
        if not ok:
            report.wrong(doc_id, "meeting organizers", gm["organizers"], list(src.get("organizers") or []))
    if gm.get("name"):
        got = src.get("name")
        ok = bool(got) and fuzz.token_set_ratio(fold_text(gm["name"]), fold_text(got)) >= NAME_MATCH
        scores.names.add(ok)
        if not ok:
            report.wrong(doc_id, "meeting name", gm["name"], got)


def _score_meetings(gold_docs: dict, reconciled: dict, meetings: list[dict], scores: _Scores, report: Report) -> None:
    """Meetings: pairwise clustering of the documents, and the reconciled fields of each gold meeting."""
    gold_key = {d: (g.get("meeting") or {}).get("key") for d, g in gold_docs.items()}
    pred_cluster = {d: m["meeting_id"] for m in meetings for d in m["doc_ids"]}
    docs = sorted(gold_key)
    for i, a in enumerate(docs):
        for b in docs[i + 1:]:
            same_gold = gold_key[a] is not None and gold_key[a] == gold_key[b]
            same_pred = pred_cluster.get(a) is not None and pred_cluster.get(a) == pred_cluster.get(b)
            scores.clusters.add(int(same_gold and same_pred), int(same_pred and not same_gold), int(same_gold and not same_pred))
    meetings_by_id = {m["meeting_id"]: m for m in meetings}
    for gm in reconciled.get("meetings") or []:
        ids = [pred_cluster.get(d) for d in gm["docs"] if pred_cluster.get(d)]
        # the predicted meeting holding most of the cluster's documents; on a tie, the meeting of
        # the first document gold lists (deterministic, whatever the hash seed)
        pm = meetings_by_id.get(max(dict.fromkeys(ids), key=ids.count)) if ids else None
        for name in RECONCILED_FIELDS:
            if name not in gm:
                continue
            if pm is None:  # the meeting was not found: every field is wrong
                ok, got = False, None
            elif name in ("participants", "countries"):
                gold_v = gm[name]
                got = (pm[name], pm[f"{name}_qualifier"]) if pm else None
                ok = got == (gold_v["value"], gold_v["qualifier"]) if gold_v else (got is None or got[0] is None)
            else:
                got = pm.get(name) if pm else None
                ok = field_matches(name, gm[name], got)
            scores.meeting_fields.add(ok)
            if not ok:
                report.wrong(f"meeting {gm['key']}", name, gm[name], got)


def _score_identity(reconciled: dict, person_roles: list[dict], scores: _Scores, report: Report) -> None:
    """Person identity across documents: one person_id over every document gold lists."""
    for gp in reconciled.get("persons") or []:
        ids = set()
        docs_seen = set()
        for r in person_roles:
            if r["name"] and fold_name(r["name"]) == fold_name(gp["name"]) and r["doc_id"] in gp["docs"]:
                ids.add(r["person_id"])
                docs_seen.add(r["doc_id"])
        ok = len(ids) == 1 and None not in ids and docs_seen == set(gp["docs"])
        scores.identity.add(ok)
        if not ok:
            report.wrong("persons", f"identity of {gp['name']}", f"one id over {len(gp['docs'])} documents",
                         f"{len(ids)} ids over {len(docs_seen)} documents")


def _score_resolved(reconciled: dict, by_doc: dict, people_table: dict, scores: _Scores, report: Report) -> None:
    """Role-only mentions attributed through tenure: one likely holder, the right one."""
    for item in reconciled.get("role_mentions_resolved") or []:
        cands = [r for r in by_doc.get(item["doc"], {}).get("role_only", [])
                 if fuzz.token_sort_ratio(fold_text(item["role"]), fold_text(r["role"])) >= ROLE_MATCH]
        holders = {people_table.get(r["likely_person_id"], {}).get("name") for r in cands if r["likely_person_id"]}
        ok = len(holders) == 1 and any(h and fold_name(h) == fold_name(item["likely_holder"]) for h in holders)
        scores.resolved.add(ok)
        if not ok:
            report.wrong(item["doc"], f"likely holder of {item['role']}", item["likely_holder"], sorted(h for h in holders if h))


def _score_tenures(reconciled: dict, tenures: list[dict], scores: _Scores, report: Report) -> None:
    """Each sighting of an office holder falls inside one tenure row of that person and office."""
    for holder in reconciled.get("role_holders") or []:
        for seen in holder["seen"]:
            ok = any(fuzz.token_sort_ratio(fold_text(holder["role"]), fold_text(t["role_norm"])) >= ROLE_MATCH
                     and fold_name(t["name"]) == fold_name(seen["name"])
                     and t["first_seen"] and t["last_seen"]
                     and _within(seen["date"], t["first_seen"], t["last_seen"]) for t in tenures)
            scores.tenure.add(ok)
            if not ok:
                report.wrong("role_tenures", f"{seen['name']} as {holder['role']}", seen["date"], None)


def _within(gold_date: Any, first: date, last: date) -> bool:
    text = str(gold_date)
    if re.fullmatch(r"\d{4}", text):
        return first.year <= int(text) <= last.year
    d = gold_date if isinstance(gold_date, date) else date.fromisoformat(text)
    return first <= d <= last


def reliability(outcomes: list[tuple[str, str, float, bool]]) -> dict[str, dict[str, float]]:
    """Per confidence band (0.1 wide) and per method: how many facts, how many right, the mean stated
    confidence and the measured precision. A researcher who keeps facts above a threshold reads
    here what precision that buys."""
    groups: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for kind, method, confidence, ok in outcomes:
        band = min(9, int(confidence * 10 + 1e-9)) / 10
        groups[f"band {band:.1f}-{band + 0.1:.1f}"].append((confidence, ok))
        groups[f"{kind} {method}"].append((confidence, ok))
    out = {}
    for key, facts in sorted(groups.items()):
        n, right = len(facts), sum(ok for _, ok in facts)
        out[key] = {"n": n, "right": right, "stated": round(sum(c for c, _ in facts) / n, 3),
                    "precision": round(right / n, 3)}
    return out


def render_reliability(table: dict[str, dict[str, float]]) -> str:
    width = max([len(k) for k in table] + [5])
    lines = [f"{'facts'.ljust(width)}  {'n':>5}  {'right':>5}  {'stated':>6}  {'measured':>8}",
             f"{'-' * width}  -----  -----  ------  --------"]
    for key, row in table.items():
        lines.append(f"{key.ljust(width)}  {row['n']:>5}  {row['right']:>5}  {row['stated']:>6.3f}  {row['precision']:>8.3f}")
    return "\n".join(lines)


def render(results: dict[str, dict[str, float]]) -> str:
    """One column per gold set, one row per metric (headline first)."""
    names = list(results)
    keys = sorted({k for m in results.values() for k in m}, key=lambda k: (k != "headline_mean", k))
    width = max(len(k) for k in keys)
    cols = [max(len(n), 6) for n in names]
    lines = ["  ".join(["metric".ljust(width), *(n.rjust(c) for n, c in zip(names, cols))]),
             "  ".join(["-" * width, *("-" * c for c in cols)])]
    for k in keys:
        cells = [(f"{results[n][k]:.3f}" if k in results[n] else "-").rjust(c) for n, c in zip(names, cols)]
        lines.append("  ".join([k.ljust(width), *cells]))
    return "\n".join(lines)


def main(sets: dict[str, tuple[Path | str, Path | str]], *, metrics_file: Path | str,
         report_file: Path | None = None, echo: bool = True) -> dict[str, dict[str, float]]:
    """Score each named set (gold folder, outputs folder); write {set: {metric: value}} to metrics_file."""
    import click

    results: dict[str, dict[str, float]] = {}
    tables: dict[str, dict[str, dict[str, float]]] = {}
    reports: list[str] = []
    missing = {name: output for name, (gold, output) in sets.items() if not (Path(output) / "meetings.parquet").exists()}
    for name, output in missing.items():
        click.echo(f"set {name!r}: no tables in {output}/, not scored (produce them with `rapporteur run --input "
                   f"CORPUS --output {output}`; params.yaml evaluate.sets names the corpus folders in dvc.yaml)", err=True)
    if len(missing) == len(sets):
        raise click.ClickException("no set to score: run the pipeline first (`make run`, or `dvc repro` for both sets)")
    for name, (gold, output) in sets.items():
        if name in missing:
            continue
        metrics, report = evaluate(gold, output)
        results[name] = metrics
        tables[name] = reliability(report.outcomes)
        reports.append(f"# Set {name} (gold {gold}, outputs {output})\n\n" + report.render())
    write_json_atomic(Path(metrics_file), {**results, "reliability": tables})
    if report_file:
        Path(report_file).parent.mkdir(parents=True, exist_ok=True)
        Path(report_file).write_text("\n\n".join(reports), encoding="utf-8")
    if echo:
        click.echo(render(results))
        for name, table in tables.items():
            click.echo(f"\nReliability ({name}): stated confidence against measured precision\n" + render_reliability(table))
    return results
