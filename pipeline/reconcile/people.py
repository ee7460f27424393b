"""One person_id per person across documents.

Names are folded (case, accents, honorifics); "Ana Lopez" and "Ana Sofia Lopez" are one
person when first and last names agree; an initial ("A. Lopez") joins a full first name when
exactly one fits. The same full name is one person across documents, even when its office
changes; an initial or a spelling variant joins only where the organisations do not disagree. Candidates are
blocked by folded last name, so the cost stays near-linear in the number of mentions.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..lang.names import name_key, name_tokens
from ..records import stable_id


@dataclass
class PersonCluster:
    key: str
    names: list[str] = field(default_factory=list)
    honorifics: list[str] = field(default_factory=list)
    orgs: set[str] = field(default_factory=set)
    doc_ids: set[str] = field(default_factory=set)
    n_mentions: int = 0
    person_id: str = ""

    @property
    def canonical(self) -> str:
        # the fullest form seen, ties broken alphabetically for determinism
        return sorted(self.names, key=lambda n: (-len(name_tokens(n)), -len(n), n))[0]


def _compatible(a: PersonCluster, b: PersonCluster) -> bool:
    return not (a.orgs and b.orgs and not (a.orgs & b.orgs))


def resolve_people(mentions: list[dict], *, fuzzy_threshold: float = 92) -> tuple[list[PersonCluster], dict[tuple[str, str], str]]:
    """mentions: dicts with doc_id, name, honorifics, organization (or None).

    Returns the clusters and a map (doc_id, name) -> person_id.
    """
    # 1. one cluster per (name key, organisation set) within a document's evidence
    per_doc: dict[tuple[str, str], dict] = {}
    for m in mentions:
        k = (m["doc_id"], m["name"])
        entry = per_doc.setdefault(k, {"orgs": set(), "honorifics": [], "n": 0})
        if m.get("organization"):
            entry["orgs"].add(m["organization"])
        for h in m.get("honorifics") or []:
            if h not in entry["honorifics"]:
                entry["honorifics"].append(h)
        entry["n"] += m.get("n", 1)

    blocks: dict[str, list[PersonCluster]] = defaultdict(list)  # last name -> clusters
    assignment: dict[tuple[str, str], PersonCluster] = {}
    for (doc_id, name), entry in sorted(per_doc.items()):
        tokens = name_tokens(name)
        if not tokens:
            continue
        key = name_key(name)
        last = tokens[-1]
        target = None
        for c in blocks[last]:
            same = c.key == key
            ctoks = c.key.split()
            initial = (len(tokens) >= 2 and len(ctoks) >= 2 and (tokens[0].rstrip(".") == ctoks[0][:1] or ctoks[0].rstrip(".") == tokens[0][:1])
                       and (len(tokens[0].rstrip(".")) == 1 or len(ctoks[0].rstrip(".")) == 1))
            spelling = fuzz.ratio(c.key, key) >= fuzzy_threshold
            # the same full name is one person, whatever office it holds in each report (people
            # move between organisations); an initial or a spelling variant must not contradict
            # the organisations seen
            if same or ((initial or spelling) and _compatible(c, PersonCluster(key, orgs=entry["orgs"]))):
                target = c
                break
        if target is None:
            target = PersonCluster(key)
            blocks[last].append(target)
        target.names.append(name)
        target.orgs |= entry["orgs"]
        target.doc_ids.add(doc_id)
        target.n_mentions += entry["n"]
        for h in entry["honorifics"]:
            if h not in target.honorifics:
                target.honorifics.append(h)
        assignment[(doc_id, name)] = target

    clusters = [c for cs in blocks.values() for c in cs]
    by_key: dict[str, list[PersonCluster]] = defaultdict(list)
    for c in clusters:
        by_key[c.key].append(c)
    for key, group in by_key.items():
        if len(group) == 1:
            group[0].person_id = stable_id("p-", key, length=12)
        else:  # namesakes: the organisation tells them apart
            for c in group:
                c.person_id = stable_id("p-", key, ",".join(sorted(c.orgs)), length=12)
    return clusters, {k: c.person_id for k, c in assignment.items()}
