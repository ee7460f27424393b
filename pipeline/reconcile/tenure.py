"""Who held which office when, and the likely holder of an office named by role only."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from rapidfuzz import fuzz

from ..records import DateValue


def _span(d: date, precision: str | None) -> tuple[date, date]:
    return DateValue(d, None, precision or "day").covers()


def build_tenures(assertions: list[dict[str, Any]], names: dict[str, str]) -> list[dict[str, Any]]:
    """assertions: person_roles rows with person_id, role_norm, organization, date, date_precision."""
    groups: dict[tuple, dict[str, Any]] = {}
    for a in assertions:
        if not (a.get("person_id") and a.get("role_norm") and a.get("date")):
            continue
        key = (a["role_norm"], a.get("organization"), a["person_id"])
        first, last = _span(a["date"], a.get("date_precision"))
        last = max(last, a.get("seen_until") or last)
        g = groups.setdefault(key, {"role_norm": a["role_norm"], "organization": a.get("organization"),
                                    "person_id": a["person_id"], "name": names[a["person_id"]],
                                    "first_seen": first, "last_seen": last, "doc_ids": set()})
        g["first_seen"], g["last_seen"] = min(g["first_seen"], first), max(g["last_seen"], last)
        g["doc_ids"].add(a["doc_id"])
    rows = []
    for g in groups.values():
        rows.append({**g, "doc_ids": sorted(g["doc_ids"]), "n_sources": len(g["doc_ids"])})
    return rows


def distance_days(span: tuple[date, date], first: date, last: date) -> int:
    """Days between a mention's span (first and last day it may stand for) and a tenure."""
    lo, hi = span
    if hi < first:
        return (first - hi).days
    if lo > last:
        return (lo - last).days
    return 0


def by_role(tenures: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Tenure rows indexed by normalised role, for attribute()."""
    index: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for t in tenures:
        index[t["role_norm"]].append(t)
    return index


SPELLING_RATIO = 95  # rapidfuzz ratio of two normalised titles that are one office spelt differently


def _same_office(role_norm: str, tenures: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Tenures of the office a role-only mention names: the same normalised title, else a spelling
    variant ("Combatting"/"Combating"), else a fuller title that holds every word of it ("Head of
    the X Mission" for "Head of the X Mission to Y")."""
    if role_norm in tenures:
        return tenures[role_norm]
    variants = [k for k in tenures if fuzz.ratio(k.lower(), role_norm.lower()) >= SPELLING_RATIO]
    if variants:
        return [t for k in variants for t in tenures[k]]
    words = set(role_norm.lower().split())
    return [t for k in tenures if words < set(k.lower().split()) for t in tenures[k]]


def _same_body(mentioned: str | None, held: str | None) -> bool:
    """A role-only mention's organisation fits a tenure's: unknown on either side, the same, or the
    tenure's is a presence of the mention's body ("OSCE" for "OSCE Mission to X")."""
    return mentioned is None or held is None or held == mentioned or held.startswith(mentioned + " ")


def attribute(mention: dict[str, Any], tenures: dict[str, list[dict[str, Any]]], *, window_days: int) -> tuple[str | None, float, str | None]:
    """(likely_person_id, confidence, evidence) for a role-only mention, or (None, 0, why)."""
    if not mention.get("date") or not mention.get("role_norm"):
        return None, 0.0, None
    holders = [t for t in _same_office(mention["role_norm"], tenures)
               if _same_body(mention.get("organization"), t.get("organization"))]
    plausible = []
    seen = _span(mention["date"], mention.get("date_precision"))
    for t in holders:
        dist = distance_days(seen, t["first_seen"], t["last_seen"])
        if dist <= window_days:
            plausible.append((dist, t))
    people = {t["person_id"] for _, t in plausible}
    if len(people) != 1:
        if len(people) > 1:
            return None, 0.0, "ambiguous: " + ", ".join(sorted(t["name"] for _, t in plausible))
        return None, 0.0, None
    dist, t = min(plausible, key=lambda x: x[0])
    confidence = round(max(0.3, 0.9 * (1 - dist / (window_days + 1))), 3)
    evidence = (f"role_tenures: {t['name']} seen as {t['role_norm']} {t['first_seen']}..{t['last_seen']} "
                f"in {', '.join(t['doc_ids'])}; {dist} days away")
    return t["person_id"], confidence, evidence
