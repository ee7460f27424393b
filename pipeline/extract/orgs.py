"""Organisations: gazetteer matches plus the acronym definitions a text gives itself."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .resources import Gazetteer, Org, fold, gazetteer
from .util import doc_text, facts, guarded

# Words that make a capitalised phrase an organisation ("... Office ... (XYZ)").
ORG_HEADS = ("Office", "Organization", "Organisation", "Committee", "Council", "Commission", "Agency", "Group",
             "Department", "Ministry", "Institute", "Association", "Network", "Fund", "Programme", "Program",
             "Bureau", "Centre", "Center", "Service", "Union", "Court", "Directorate", "Secretariat",
             "Foundation", "Observatory", "Alliance", "Coalition", "Federation", "Authority", "Unit", "Task Force",
             "Parliament", "Assembly", "Police", "Inspectorate")
_DEFINITION = re.compile(
    r"(?P<long>(?:[A-Z][\w'’\-]*|of|the|and|for|on|in|against|to)(?:\s+(?:[A-Z][\w'’\-]*|of|the|and|for|on|in|against|to)){1,14})"
    r"\s+\((?P<acr>[A-Z][A-Za-z/&.\-]{1,14})\)"
)


@dataclass(frozen=True)
class OrgMention:
    start: int
    end: int
    text: str
    name: str  # canonical
    acronym: str | None
    method: str
    confidence: float


def _acronym_fits(long: str, acr: str) -> bool:
    initials = "".join(re.findall(r"[A-Z]", long))
    letters = re.sub(r"[^A-Z]", "", acr)
    return len(letters) >= 2 and all(ch in initials for ch in letters)


@lru_cache(maxsize=4)
def _surface_pattern(gaz: Gazetteer) -> tuple[re.Pattern, dict[str, tuple[Org, bool]]]:
    """One alternation over every name, alias and acronym, longest first (acronyms case-sensitive)."""
    surfaces: list[tuple[str, Org, bool]] = []
    for org in gaz.orgs:
        for s in (org.name, *org.aliases, *([org.short] if org.short else [])):
            surfaces.append((s, org, False))
        if org.acronym:
            surfaces.append((org.acronym, org, True))
    surfaces.sort(key=lambda t: (-len(t[0]), t[0]))
    parts, by_group = [], {}
    for i, (surface, org, exact) in enumerate(surfaces):
        body = re.escape(surface).replace("'", "['’]").replace(r"\ ", r"\s+")
        parts.append(f"(?P<g{i}>{body})" if exact else f"(?P<g{i}>(?i:{body}))")
        by_group[f"g{i}"] = (org, exact)
    return re.compile(r"(?<![\w/])(?:" + "|".join(parts) + r")(?![\w/])"), by_group


def find_orgs(text: str, gaz: Gazetteer | None = None) -> list[OrgMention]:
    """Gazetteer names, aliases and acronyms, and text-defined acronyms, longest match first."""
    gaz = gaz or gazetteer()
    found: list[OrgMention] = []
    defined: dict[str, Org] = {}
    for m in _DEFINITION.finditer(text):
        long, acr = m.group("long"), m.group("acr")
        words = long.split()
        known = gaz.lookup(acr)
        tails = [" ".join(words[i:]) for i in range(len(words)) if words[i][:1].isupper()]
        if known is not None:
            # the long form is the tail the gazetteer knows ("... and the Council of Europe (CoE)")
            long = next((t for t in tails if gaz.lookup(t) is known), "")
            method = "gazetteer"
        else:
            known = next((gaz.lookup(t) for t in tails if gaz.lookup(t) is not None), None)
            if known is not None:
                long = next(t for t in tails if gaz.lookup(t) is known)
                method = "gazetteer"
            else:
                # a body the gazetteer lacks: the shortest tail that fits the acronym and names a body
                long = next((t for t in reversed(tails) if _acronym_fits(t, acr) and any(h in t for h in ORG_HEADS)), "")
                if not long:
                    continue
                known = Org(name=long, acronym=acr, aliases=(), reports_as=long)
                method = "rule:acronym-definition"
        defined[acr] = known
        if long:
            start = m.end("long") - len(long)
            found.append(OrgMention(start, m.end("long"), text[start:m.end("long")], known.name, acr, method, 0.9))
        found.append(OrgMention(m.start("acr"), m.end("acr"), acr, known.name, acr, method, 0.9))

    taken = [(f.start, f.end) for f in found]
    pattern, by_group = _surface_pattern(gaz)
    for m in pattern.finditer(text):
        org, exact = by_group[m.lastgroup]
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        taken.append((m.start(), m.end()))
        found.append(OrgMention(m.start(), m.end(), m.group(), org.name, org.acronym, "gazetteer", 0.9 if exact else 0.95))
    for acr, org in defined.items():  # acronyms the text defined, used again later in the text
        if gaz.lookup(acr) is not None:
            continue
        for m in re.finditer(rf"(?<![\w/]){re.escape(acr)}(?![\w/])", text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                taken.append((m.start(), m.end()))
                found.append(OrgMention(m.start(), m.end(), acr, org.name, acr, "rule:acronym-definition", 0.9))
    found.sort(key=lambda f: (f.start, f.end))
    return found


class OrgFinder:
    """Finds organisation mentions; results in doc._.facts['orgs']."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.gaz = gazetteer()

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        facts(doc)["orgs"] = find_orgs(doc_text(doc), self.gaz)
        return doc


@Language.factory("rapporteur_orgs")
def make_org_finder(nlp: Language, name: str) -> OrgFinder:
    return OrgFinder(nlp, name)

