"""Organisations: gazetteer matches plus the acronym definitions a text gives itself."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .resources import Gazetteer, Org, fold, gazetteer, load
from .util import doc_text, facts, guarded

def _org_heads() -> tuple[str, ...]:
    """Words that make a capitalised phrase an organisation (resources/org_heads.yaml)."""
    return load("org_heads.yaml").entries


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
def _surface_patterns(gaz: Gazetteer) -> tuple[re.Pattern, re.Pattern]:
    """Two alternations, longest first: names and aliases (any case), and acronyms (exact case).
    A match is mapped back to its organisation through the gazetteer's lookup tables."""
    names = {s for org in gaz.orgs for s in (org.name, *org.aliases, *([org.short] if org.short else []))}
    acronyms = {org.acronym for org in gaz.orgs if org.acronym}

    def alternation(surfaces):
        ordered = sorted(surfaces, key=lambda x: (-len(x), x))
        body = "|".join(re.escape(x).replace("'", "['’]").replace(r"\ ", r"\s+") for x in ordered)
        return rf"(?<![\w/])(?:{body})(?![\w/])"

    return re.compile(alternation(names), re.IGNORECASE), re.compile(alternation(acronyms))


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
                long = next((t for t in reversed(tails) if _acronym_fits(t, acr) and any(h in t for h in _org_heads())), "")
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
    names, acronyms = _surface_patterns(gaz)
    matches = [(m, False) for m in names.finditer(text)] + [(m, True) for m in acronyms.finditer(text)]
    matches.sort(key=lambda t: (t[0].start(), -(t[0].end() - t[0].start())))
    for m, exact in matches:
        org = gaz.by_acronym.get(m.group()) if exact else gaz.by_key.get(fold(m.group()))
        if org is None or any(s < m.end() and m.start() < e for s, e in taken):
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

