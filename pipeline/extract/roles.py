"""Role titles: a grammar built from the role lexicon (resources/roles.yaml), and normalisation.

A title is [pre-modifiers] HEAD [and HEAD] [complement]*, where pre-modifiers are capitalised
words, acronyms, years and possessives ("Ireland's", "GRETA's", "2019 OSCE"), and a complement is a
preposition from the lexicon followed by a capitalised phrase ("on Trafficking in Human Beings").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import regex

from .places import countries_in
from .util import anchored_finditer, words_back
from ..lang.resources import WordPattern, alternation, fold, gazetteer, honorifics, lexicon, load, roles, vocab

_CAP = r"(?:[A-Z][\w'’\-/.&]*[\w’'])|[A-Z]"
_NUM = r"(?:19|20)\d\d"


@dataclass(frozen=True)
class RoleMatch:
    start: int
    end: int
    text: str
    head: str
    has_modifier: bool


@lru_cache(maxsize=None)
def _grammar() -> dict[str, re.Pattern]:
    lex = roles()
    heads = sorted(lex.heads, key=len, reverse=True)
    # a head's words are written apart or hyphenated ("Inspector General", "Inspector-General")
    head = "(?:" + "|".join(re.escape(h).replace("'", "['’]").replace(r"\ ", r"(?:[^\S\n]+|-)") for h in heads) + ")"
    if lex.head_suffixes:
        head = rf"{head}(?:-(?:{'|'.join(re.escape(x) for x in lex.head_suffixes)}))?"
    inner = "|".join(re.escape(w) for w in lex.inner_words if w not in lexicon().word_classes["coordinator"])
    comp = "|".join(re.escape(w) for w in lex.complements)
    # "and" joins capitalised words inside a complement, unless a new title starts after it
    # ("Minister of Labour ... and Commissioner for ...")
    sp = r"[^\S\n]+"
    # an honorific ends a title: what follows it is a name ("Minister of Justice Hon. NAME")
    hon = "|".join(sorted({re.escape(h.rstrip(".")) for h in honorifics()}, key=len, reverse=True))
    cap = rf"(?!(?:{hon})(?:\.|\b))(?:{_CAP})"
    capseq = rf"(?:{cap}|{_NUM})(?:(?:{sp}(?:{inner}))*(?:{sp}@coordinator(?!\s+(?:\w+\s+){{0,2}}{head}\b))?{sp}(?:{cap}|{_NUM}))*"
    # a title never starts with a function word, a gerund ("Speaking"), a speech verb or a group noun
    words = lexicon()
    stop = alternation((*words.function_words, *(v.capitalize() for v in words.speech_verbs),
                        *(g.capitalize() for g in load("recommendations.yaml").groups)), flexible_space=False)
    pre_word = rf"(?!(?:{stop})\b)(?![A-Z][a-z]+@gerund_endings\b)(?:{_CAP}|{_NUM})"
    hyphened = "|".join(re.escape(w) for w in lex.modifiers if "-" not in w)
    _SP = r"[^\S\n]+"  # spaces within a line: a title never runs over a line break
    title = (
        # pre-modifiers, with "of" between capitalised words ("Rule of Law Officer")
        # and a modifier the head is hyphenated to ("Vice-Minister")
        rf"(?P<pre>(?:{pre_word}(?:{_SP}@genitive(?={_SP}{_CAP}))?{_SP}){{0,6}}(?:(?:{hyphened})-(?=[A-Z]))?)"
        rf"(?P<head>{head}(?:{_SP}@coordinator{_SP}{head})?)(?![\w\-])"
        rf"(?P<comp>(?:{_SP}(?:{comp}){_SP}(?:@definite{_SP})?{capseq})*)"
        # a mandate's qualifier after a comma: "..., especially women and children"
        rf"(?:,{_SP}(?:{'|'.join(re.escape(w) for w in lex.continuations)}){_SP}[a-z][a-z’'\- ]{{2,60}}?(?=[,.;:)]|$))?"
    )
    return {
        "title": re.compile(vocab(title)),
        "head_anchor": re.compile(vocab(head)),  # every title holds a head, after its pre-modifiers
        "head": re.compile(rf"(?<![\w\-]){head}(?![\w\-])", re.IGNORECASE),
        "org_prefix": re.compile(r"(?:" + "|".join(re.escape(p) for p in lex.org_prefixes) + r")\s*$", re.IGNORECASE),
    }


@lru_cache(maxsize=None)
def _known_titles() -> list[re.Pattern]:
    return [re.compile(rf"(?<![\w-]){p}(?![\w-])", re.IGNORECASE) for p in roles().known_titles]


def find_titles(text: str) -> list[RoleMatch]:
    """Every capitalised role title in `text` (maximal, non-overlapping), and the known titles of
    roles.yaml however they are written."""
    g = _grammar()
    known = [RoleMatch(m.start(), m.end(), m.group(), "known", True) for p in _known_titles() for m in p.finditer(text)]
    out = list(known)
    for m in anchored_finditer(g["title"], text, 0, len(text), g["head_anchor"], _pre_modifiers_back):
        start = m.start()
        pre = m.group("pre")
        if pre.strip() and start > 0 and text[start - 1] == " ":
            # a known body's name with inner words before the title: "Council of Europe Rapporteur"
            start = _org_start_before(text, start, start + len(pre))
        # a sentence-initial capitalised word that is not a title word ("Moving", "Representatives")
        if any(k.start <= start < k.end for k in known):
            continue  # inside a known title
        if m.group().rsplit(None, 1)[-1] in _instrument_nouns():
            continue  # the name of a law or a plan ("the Director of Public Prosecutions Act")
        end = m.end()
        calendar = _calendar_complement().search(text, start, end)
        if calendar:  # "the Special Representative on Monday said": a day, not a mandate
            end = calendar.start()
        comp = m.group("comp")[:max(0, end - m.start("comp"))] if m.group("comp") else ""
        out.append(RoleMatch(start, end, text[start:end], m.group("head"), bool(pre.strip() or comp.strip())))
    out.sort(key=lambda t: t.start)
    return out


@lru_cache(maxsize=None)
def _calendar_complement() -> re.Pattern:
    """A complement that names a day or a month ("on Monday", "in May"), at a title's end."""
    lex = lexicon()
    return re.compile(rf"\s+(?:\w+)\s+(?:{alternation((*lex.weekdays, *lex.months))})\b.*$")


_PRE_WORD = re.compile(r"[A-Z0-9][\w'’\-/.&]*")


@lru_cache(maxsize=None)
def _genitive_words() -> frozenset[str]:
    return frozenset(fold(w) for w in lexicon().word_classes["genitive"])


def _may_premodify(word: str) -> bool:
    return bool(_PRE_WORD.fullmatch(word)) or fold(word) in _genitive_words()


def _pre_modifiers_back(text: str, pos: int, at: int) -> int:
    """Where a title whose head is at `at` can start at the earliest: its pre-modifiers are
    capitalised words, years and "of" (the title grammar's `pre`), so a search tries only those
    positions (util.anchored_finditer) instead of every position of the text."""
    return words_back(text, pos, at, allowed=_may_premodify)


@lru_cache(maxsize=None)
def _instrument_nouns() -> frozenset[str]:
    return frozenset(roles().instrument_nouns)


def _org_start_before(text: str, start: int, pre_end: int) -> int:
    """Where a gazetteer name that runs into the title's first words starts, or `start`."""
    from .orgs import find_orgs

    lo = max(0, start - 60)
    for org in find_orgs(text[lo:pre_end]):
        if lo + org.start < start < lo + org.end <= pre_end:
            return lo + org.start
    return start


def has_head(phrase: str) -> bool:
    return bool(_grammar()["head"].search(phrase))


def after_org_prefix(text: str, start: int) -> bool:
    """True when the title at `start` continues an organisation's name ("Office of the ...")."""
    return bool(_grammar()["org_prefix"].search(text[max(0, start - 40):start]))


@lru_cache(maxsize=None)
def _normalise_rules() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(p, re.IGNORECASE), r) for p, r in roles().normalise]


@lru_cache(maxsize=65536)
def normalise(role: str) -> str:
    """One spelling per office: instrument aliases unified, possessives and co-ordinator spelling folded."""
    gaz = gazetteer()
    text = role.strip()
    # instrument aliases (e.g. "Council of Europe Anti-Trafficking Convention") -> canonical name
    for org in gaz.orgs:
        if org.kind != "instrument":
            continue
        for alias in sorted(org.aliases, key=len, reverse=True):
            pattern = re.escape(alias).replace("'", "['’]").replace(r"\ ", r"\s+")
            text = re.sub(pattern, org.name, text, flags=re.IGNORECASE)
    for pattern, replacement in _normalise_rules():
        text = pattern.sub(replacement, text)
    words = text.strip().split(" ")
    lower = set(roles().lowercase_words)
    words = [w.lower() if i and w.lower() in lower else w for i, w in enumerate(words)]
    return " ".join(words).strip()


def strip_country(role_norm: str, country: str | None) -> str:
    """Remove a leading demonym or possessive country from a normalised role ("Latvian National
    Rapporteur ..." -> "National Rapporteur ...") so the office is keyed by (role, country)."""
    if not country:
        return role_norm
    words = role_norm.split(" ")
    from .places import country_of

    if words and country_of(words[0]) == country:
        return " ".join(words[1:])
    return role_norm


# a known body's presence in a place, right after the body's name ("the OSCE Mission to X", "the
# IOM Country Office in Y"): the presence is the organisation
_FIELD_PRESENCE = WordPattern(r"[^\S\n]+(?:@field_presences)[^\S\n]+(?:@mission_to|@capacity_in)[^\S\n]+"
                              r"(?P<place>\p{Lu}[\p{L}.’'-]*(?:[^\S\n]+(?:@coordinator[^\S\n]+)?\p{Lu}[\p{L}.’'-]*)*)",
                              engine=regex)


def _field_presence(role: str, org_end: int) -> int | None:
    """Where the body's presence named from `org_end` on ends, when its place is a country or a
    known city."""
    from .places import city_country, country_of

    m = _FIELD_PRESENCE.match(role, org_end)
    if m is None:
        return None
    # a state's name that joins two ("X and Y") is a place when its parts are
    place = m.group("place")
    parts = [p for p in regex.split(vocab(r"[^\S\n]+@coordinator[^\S\n]+"), place) if p]
    known = country_of(place) or city_country(place) or all(country_of(p) or city_country(p) for p in parts)
    return m.end() if known else None


_PRESENCE_ALONE = WordPattern(r"[^\S\n]+(?:@field_presences)$")


def presence_named_in(text: str, role: str) -> str | None:
    """A role that names a body's presence without its place ("Head of the OSCE Mission"): the one
    presence of that body the text names in full ("the OSCE Mission to X"), as written."""
    from .orgs import find_orgs

    if not _PRESENCE_ALONE.search(role):
        return None
    orgs = find_orgs(role, gazetteer())
    if not orgs or not _PRESENCE_ALONE.fullmatch(role, orgs[-1].end):
        return None
    body = orgs[-1].text
    named = set()
    for m in regex.finditer(rf"(?<![\w-]){regex.escape(body)}(?=[^\S\n])", text):
        end = _field_presence(text, m.end())
        if end is not None and fold(text[m.end():end]).startswith(fold(role[orgs[-1].end:])):
            named.add(regex.sub(r"\s+", " ", text[m.start():end]))
    return named.pop() if len(named) == 1 else None


@lru_cache(maxsize=65536)
def role_org_country(role: str) -> tuple[str | None, str | None]:
    """The organisation (following reports_as) and the country a role phrase names."""
    from .orgs import find_orgs, mention_label

    gaz = gazetteer()
    orgs = find_orgs(role, gaz)
    if not orgs:
        countries = countries_in(role)
        return None, (countries[0] if countries else None)
    org = gaz.by_key.get(fold(orgs[0].name))
    organization = mention_label(orgs[0], gaz)
    presence = _field_presence(role, orgs[0].end)
    if presence is not None:
        organization = role[orgs[0].start:presence]  # as written: a presence has no label of its own
    # a country inside a body's name is not the role's country ("Permanent Mission of the Order of X")
    outside = "".join(" " if any(o.start <= i < o.end for o in orgs) else ch for i, ch in enumerate(role))
    countries = countries_in(outside)
    if not countries and org is not None and org.country:  # a national body's office ("USAID Administrator")
        countries = [org.country]
    return organization, (countries[0] if countries else None)
