"""Organisations: gazetteer matches (spaCy PhraseMatcher over resources/organizations.yaml) plus
the acronym definitions a text gives itself ("the Baltic Network (BATN)")."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..lang.resources import Gazetteer, Org, WordPattern, alternation, fold, gazetteer, load
from .util import doc_text, guarded

def _org_heads() -> tuple[str, ...]:
    """Words that make a capitalised phrase an organisation (resources/org_heads.yaml)."""
    return load("org_heads.yaml").entries


@lru_cache(maxsize=None)
def org_head_re() -> re.Pattern:
    """Any head word of an organisation's name (org_heads.yaml), as a whole word."""
    return re.compile(rf"\b(?:{alternation(_org_heads())})\b")


# One item of a list of portfolios in a ministry's or a minister's name ("Social Affairs", "Health &
# Human Services"), and the list after the name's first portfolio: ", Employment and Social Affairs"
# (people.py and meeting.py end it each by what may follow it).
PORTFOLIO = r"\p{Lu}[\w'’-]*(?:[^\S\n]+(?:&[^\S\n]+)?\p{Lu}[\w'’-]*){0,3}"
PORTFOLIO_LEAD = rf"(?:,[^\S\n]+{PORTFOLIO})*,?[^\S\n]+@coordinator[^\S\n]+"  # up to the last item
PORTFOLIO_LIST = (rf"{PORTFOLIO_LEAD}{PORTFOLIO}"
                  rf"(?:[^\S\n]+@genitive[^\S\n]+(?:@definite[^\S\n]+)?{PORTFOLIO}){{0,2}}")


_DEFINITION = WordPattern(
    r"(?P<long>(?:[A-Z][\w'’\-]*|@name_connectors)(?:\s+(?:[A-Z][\w'’\-]*|@name_connectors)){1,14})"
    r"\s+\((?P<acr>[A-Z][A-Za-z/&.\-]{1,14})\)", engine=re
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
    # initials of every word, "in" and "for" included ("Agency for the Prohibition of Trafficking in Persons")
    initials = "".join(re.findall(r"[A-Z]", long)) + "".join(w[0].upper() for w in long.split() if w[:1].islower())
    letters = re.sub(r"[^A-Z]", "", acr)
    return len(letters) >= 2 and all(ch in initials for ch in letters)


@lru_cache(maxsize=4)
def _matchers(gaz: Gazetteer):
    """spaCy PhraseMatchers over the gazetteer: names, aliases and short forms by lower-case
    tokens, acronyms by exact tokens; each pattern keyed by its organisation's folded name."""
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")  # the tokenizer only: the same for patterns and texts
    names = PhraseMatcher(nlp.vocab, attr="LOWER")
    acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
    for org in gaz.orgs:
        key = fold(org.name)
        surfaces = {org.name, *org.aliases, *([org.short] if org.short else [])}
        variants = {v for x in surfaces for v in (x, x.replace("'", "’"), x.replace("’", "'"))}
        names.add(key, [nlp.make_doc(v) for v in sorted(variants)])
        if org.acronym:
            acronyms.add(key, [nlp.make_doc(org.acronym)])
    return nlp, names, acronyms


def _gazetteer_spans(text: str, gaz: Gazetteer) -> list[tuple[int, int, Org, bool]]:
    """(start, end, org, by_acronym) of every gazetteer surface in the text, longest first where
    they overlap."""
    from spacy.util import filter_spans

    nlp, names, acronyms = _matchers(gaz)
    doc = nlp.make_doc(text)
    spans = []
    for matcher, exact in ((names, False), (acronyms, True)):
        for match_id, start, end in matcher(doc):
            span = doc[start:end]
            span.label_ = ("A:" if exact else "N:") + nlp.vocab.strings[match_id]
            spans.append(span)
    out = []
    for span in filter_spans(spans):
        exact, key = span.label_[:2] == "A:", span.label_[2:]
        org = gaz.by_key.get(key)
        if org is not None:
            out.append((span.start_char, span.end_char, org, exact))
    return out


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
    for start, end, org, exact in _gazetteer_spans(text, gaz):
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        found.append(OrgMention(start, end, text[start:end], org.name, org.acronym, "gazetteer", 0.9 if exact else 0.95))
    for acr, org in defined.items():  # acronyms the text defined, used again later in the text
        if gaz.lookup(acr) is not None:
            continue
        for m in re.finditer(rf"(?<![\w/]){re.escape(acr)}(?![\w/])", text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                taken.append((m.start(), m.end()))
                found.append(OrgMention(m.start(), m.end(), acr, org.name, acr, "rule:acronym-definition", 0.9))
    found.sort(key=lambda f: (f.start, f.end))
    return found


def mention_label(mention: OrgMention, gaz: Gazetteer) -> str:
    """The label a role's organisation gets for a body the text names: the gazetteer's (following
    reports_as), else a body the text defines by its acronym, as the gazetteer's short forms are."""
    org = gaz.by_key.get(fold(mention.name))
    return gaz.resolve(org).label if org else (mention.acronym or mention.name)


def body_label(mention: OrgMention, gaz: Gazetteer | None = None) -> str | None:
    """mention_label for a body; None for a treaty or a meeting's own name."""
    gaz = gaz or gazetteer()
    org = gaz.by_key.get(fold(mention.name))
    if org is not None and org.kind != "organization":
        return None
    return mention_label(mention, gaz)


HOST_MIN_MENTIONS = 2


def host_body(mentions: list[OrgMention]) -> str | None:
    """The body a report is about: the one it names most often, at least HOST_MIN_MENTIONS times
    and more often than any other (a release of a body names itself; its own staff are introduced
    by their post alone, "Director of the Office of the Secretary General")."""
    from collections import Counter

    gaz = gazetteer()
    counts = Counter(label for label in (body_label(m, gaz) for m in mentions) if label)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < HOST_MIN_MENTIONS or (len(ranked) == 2 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def official_body(label: str | None) -> str | None:
    """The body whose staff a report about `label` introduces by their post alone
    (organizations.yaml officials_in: the European Commission for the EU), else the label itself."""
    gaz = gazetteer()
    org = gaz.by_key.get(fold(label)) if label else None
    if org is None or not org.officials_in:
        return label
    serving = gaz.by_key.get(fold(org.officials_in))
    return gaz.resolve(serving).label if serving else org.officials_in


class OrgFinder:
    """Finds organisation mentions: doc._.orgs."""

    assigns = ("orgs",)

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.gaz = gazetteer()

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        doc._.orgs = find_orgs(doc_text(doc), self.gaz)
        return doc


@Language.factory("rapporteur_orgs", assigns=["doc._.orgs"], requires=["doc.ents"])
def make_org_finder(nlp: Language, name: str) -> OrgFinder:
    return OrgFinder(nlp, name)

