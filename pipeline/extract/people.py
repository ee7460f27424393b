"""People, the roles attached to them, and office holders named by role only.

Names come from the model's PERSON entities and from the shapes press releases use ("said NAME,",
"Dr. NAME", "TITLE NAME", "NAME, TITLE"); each candidate is cleaned (honorifics split off) and
rejected when it is an acronym, a document code or a capitalised common word. Roles attach in the
shapes "NAME, TITLE", "TITLE NAME", "NAME (TITLE)" and "TITLE, NAME,"; the title grammar and its
lexicon live in roles.py and resources/roles.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .resources import alternation, fold, gazetteer, honorific_keys, honorifics, lexicon, not_names, roles
from .roles import after_org_prefix, find_titles, has_head, normalise, role_org_country, strip_country
from .util import doc_text, facts, guarded, overlaps

_NAME_WORD = r"(?:[A-Z][a-zà-öø-ÿ]+(?:[-'’][A-Za-zà-öø-ÿ]+)*|[A-Z]\.)"
_PARTICLE = r"(?:van|von|de|der|den|da|di|du|del|della|la|le|bin|al|el|ter|zu)"
NAME_RE = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{1,3}}"
_NAME_COMMA_TITLE = re.compile(rf"(?P<name>{NAME_RE}),\s+(?:the\s+)?(?=[A-Z])")
# Where a role phrase written after "NAME, " ends.
_ROLE_END = re.compile(r",|;|\.(?:\s|$)|:|\(|“|”|\"|\n| in (?:his|her|their) | who | which | said | added ")


@dataclass
class PersonMention:
    start: int
    end: int
    name: str
    honorifics: list[str] = field(default_factory=list)
    method: str = "model:ner"
    confidence: float = 0.85
    role: str | None = None
    role_start: int | None = None
    role_end: int | None = None
    role_method: str | None = None


@dataclass
class RoleMention:
    """A role phrase: attached to a person (person set) or standing alone (a role-only mention)."""

    start: int
    end: int
    role: str
    role_norm: str
    organization: str | None
    country: str | None
    method: str
    confidence: float
    person: PersonMention | None = None


def _split_honorifics(text: str, start: int) -> tuple[str, int, list[str]]:
    """Move leading honorifics out of a name: ("Dr. Ana Lopez", 10) -> ("Ana Lopez", 14, ["Dr."])."""
    found = []
    changed = True
    while changed:
        changed = False
        for h in honorifics():
            m = re.match(rf"{re.escape(h)}(?:\.)?\s+", text)
            if m and (h.endswith(".") or not text[len(h):len(h) + 1].isalpha()):
                found.append(text[:m.end()].strip())
                start += m.end()
                text = text[m.end():]
                changed = True
                break
    return text, start, found


def _honorifics_before(text: str, start: int) -> tuple[int, list[str]]:
    """Honorifics written just before a name span (the model often leaves them out)."""
    found = []
    while True:
        m = re.search(r"(\S+)\s+$", text[max(0, start - 30):start])
        if not m:
            break
        word = m.group(1)
        if fold(word).rstrip(".") in honorific_keys() or fold(word) in honorific_keys():
            found.insert(0, word)
            start = start - len(m.group(0))
        else:
            break
    return start, found


@lru_cache(maxsize=None)
def _said_name() -> re.Pattern:
    """'... said NAME,' (a speech verb of lexicon.yaml, then a name)."""
    return re.compile(rf"\b(?:{alternation(lexicon().speech_verbs)})\s+(?P<name>{NAME_RE})(?=\s*[,(.;])")


@lru_cache(maxsize=None)
def _title_words() -> frozenset[str]:
    return frozenset({fold(w) for h in roles().heads for w in h.split()} | {fold(m) for m in roles().modifiers})


@lru_cache(maxsize=65536)
def is_plausible_name(name: str) -> bool:
    words = name.split()
    if len(words) < 2 or len(words) > 5:
        return False
    gaz = gazetteer()
    if gaz.lookup(name) is not None:
        return False
    lex_words = _title_words()
    for w in words:
        core = w.strip(".,;:'’")
        if not core:
            return False
        if any(ch.isdigit() for ch in core) or "/" in core:
            return False
        if core.isupper() and len(core) > 1:  # acronyms: GRETA, OSCE
            return False
        if core[0].islower() and not re.fullmatch(_PARTICLE, core):
            return False
        if fold(core) in not_names() or fold(core) in lex_words or gaz.lookup(core) is not None:
            return False
    return True


def titles_of(doc: Doc):
    """The role titles of the document, found once."""
    f = facts(doc)
    if "titles" not in f:
        f["titles"] = find_titles(doc_text(doc))
    return f["titles"]


def _candidates(doc: Doc) -> list[PersonMention]:
    text = doc_text(doc)
    cands: list[PersonMention] = []
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            cands.append(PersonMention(ent.start_char, ent.end_char, ent.text, method="model:ner", confidence=0.85))
    for m in _said_name().finditer(text):
        cands.append(PersonMention(m.start("name"), m.end("name"), m.group("name"), method="rule:said-name", confidence=0.8))
    for m in _NAME_COMMA_TITLE.finditer(text):
        rest = text[m.end():m.end() + 250]
        end = _ROLE_END.search(rest)
        if has_head(rest[:end.start() if end else len(rest)]):
            cands.append(PersonMention(m.start("name"), m.end("name"), m.group("name"), method="rule:name-comma-title", confidence=0.8))
    for t in titles_of(doc):
        m = re.match(rf"\s+(?P<name>{NAME_RE})", text[t.end:t.end + 80])
        if m:
            s = t.end + m.start("name")
            cands.append(PersonMention(s, s + len(m.group("name")), m.group("name"), method="rule:title-name", confidence=0.8))
        m = re.match(rf",\s+(?P<name>{NAME_RE})\s*,", text[t.end:t.end + 80])
        if m:
            s = t.end + m.start("name")
            cands.append(PersonMention(s, s + len(m.group("name")), m.group("name"), method="rule:title-comma-name", confidence=0.75))
    for m in _honorific_name().finditer(text):
        cands.append(PersonMention(m.start("name"), m.end("name"), m.group("name"), method="rule:honorific-name", confidence=0.85))
    return cands


@lru_cache(maxsize=None)
def _honorific_name() -> re.Pattern:
    alternation = "|".join(re.escape(h) for h in honorifics())
    return re.compile(rf"(?<![\w.])(?:{alternation})\s+(?P<name>{NAME_RE})")


def _clean(c: PersonMention, text: str) -> PersonMention | None:
    name, start, hons = _split_honorifics(c.name, c.start)
    name = re.sub(r"['’]s$", "", name).strip()
    name = re.sub(r"^(?:the|The)\s+", "", name)
    start = c.start + c.name.find(name) if name else start
    hon_start, before = _honorifics_before(text, start)
    hons = before + [h for h in hons if h not in before]
    # a name runs into a title word ("Ana Maria Lopez OSCE"): cut at the first non-name word
    words = name.split()
    while len(words) > 2 and not is_plausible_name(" ".join(words)):
        words = words[:-1]
    name = " ".join(words)
    if not is_plausible_name(name):
        return None
    return replace(c, start=start, end=start + len(name), name=name, honorifics=hons)


def find_people(doc: Doc) -> list[PersonMention]:
    """Cleaned, de-duplicated person mentions; single surnames link to a full name found earlier."""
    text = doc_text(doc)
    cleaned = [m for m in (_clean(c, text) for c in _candidates(doc)) if m is not None]
    cleaned.sort(key=lambda m: (m.start, -(m.end - m.start), m.method))
    people: list[PersonMention] = []
    for m in cleaned:
        clash = [p for p in people if overlaps((p.start, p.end), (m.start, m.end))]
        if clash:
            keep = clash[0]
            if (m.end - m.start) > (keep.end - keep.start):
                people[people.index(keep)] = replace(m, confidence=max(m.confidence, keep.confidence) + 0.05 if m.method != keep.method else m.confidence)
            elif m.method != keep.method:
                keep.confidence = min(0.99, keep.confidence + 0.05)
            continue
        people.append(m)
    # later mentions by surname only ("Lopez said")
    surnames = {p.name.split()[-1]: p for p in people}
    for ent in doc.ents:
        if ent.label_ == "PERSON" and " " not in ent.text.strip() and ent.text in surnames:
            if not any(overlaps((p.start, p.end), (ent.start_char, ent.end_char)) for p in people):
                full = surnames[ent.text]
                people.append(PersonMention(ent.start_char, ent.end_char, full.name, list(full.honorifics),
                                            method="rule:surname-of-earlier-name", confidence=0.7))
    people.sort(key=lambda p: p.start)
    return people


def _role_after(text: str, p: PersonMention) -> tuple[int, int, str] | None:
    """'NAME, (the) TITLE' or 'NAME (TITLE)'."""
    m = re.match(r",\s+(?:the\s+)?", text[p.end:p.end + 10])
    if m:
        start = p.end + m.end()
        rest = text[start:start + 250]
        end = _ROLE_END.search(rest)
        phrase = rest[:end.start() if end else len(rest)].rstrip()
        if phrase and has_head(phrase) and len(phrase.split()) <= 25:
            return start, start + len(phrase), "rule:name-comma-title"
    m = re.match(r"\s*\((?:the\s+)?([^()\n]{3,200})\)", text[p.end:p.end + 210])
    if m and has_head(m.group(1)):
        s = p.end + m.start(1)
        return s, s + len(m.group(1)), "rule:name-paren-title"
    return None


def _role_before(text: str, p: PersonMention, titles) -> tuple[int, int, str] | None:
    """'TITLE NAME' or 'TITLE, NAME,'."""
    for t in titles:
        gap = text[t.end:p.start - sum(len(h) + 1 for h in p.honorifics)]
        if t.end <= p.start and re.fullmatch(r"\s*", gap):
            return t.start, t.end, "rule:title-name"
        if t.end <= p.start and re.fullmatch(r",\s*", gap) and re.match(r"\s*,", text[p.end:p.end + 3]):
            return t.start, t.end, "rule:title-comma-name"
    return None


def parse_confirms(doc: Doc, person: PersonMention, start: int, end: int) -> bool:
    """The dependency parse agrees that the role describes the person: the role's head is an
    apposition of the name ("NAME, TITLE") or a compound/modifier of it ("TITLE NAME")."""
    if not doc.has_annotation("DEP"):
        return False
    role = doc.char_span(start, end, alignment_mode="expand")
    name = doc.char_span(person.start, person.end, alignment_mode="expand")
    if role is None or name is None:
        return False
    name_tokens = {t.i for t in name}
    head_of_role = role.root.head.i
    if role.root.dep_ in ("appos", "compound", "nmod", "amod") and head_of_role in name_tokens:
        return True
    return name.root.dep_ == "appos" and name.root.head.i in {t.i for t in role}


def _role_mention(text: str, start: int, end: int, method: str, confidence: float, person=None) -> RoleMention:
    role = text[start:end]
    role = re.sub(r"^(?:the|The)\s+", "", role)
    start = end - len(role)
    organization, country = role_org_country(role)
    role_norm = strip_country(normalise(role), country)
    return RoleMention(start, end, role, role_norm, organization, country, method, confidence, person)


def attach_roles(doc: Doc, people: list[PersonMention]) -> list[RoleMention]:
    """Roles of named people, pronoun-free; then role-only mentions."""
    text = doc_text(doc)
    titles = titles_of(doc)
    out: list[RoleMention] = []
    taken: list[tuple[int, int]] = [(p.start, p.end) for p in people]
    for p in people:
        found = _role_after(text, p) or _role_before(text, p, titles)
        if found:
            start, end, method = found
            confidence = 0.92 if parse_confirms(doc, p, start, end) else 0.85
            rm = _role_mention(text, start, end, method, confidence, person=p)
            p.role, p.role_start, p.role_end, p.role_method = rm.role, rm.start, rm.end, method
            out.append(rm)
            taken.append((rm.start, rm.end))
    # role-only mentions: a singular, capitalised title that is not part of an organisation's name
    for t in titles:
        if any(overlaps((t.start, t.end), span) for span in taken):
            continue
        if not t.has_modifier or after_org_prefix(text, t.start):
            continue
        if re.match(r"['’]s\b", text[t.end:t.end + 3]):  # "the Secretary General's Roadmap"
            continue
        out.append(_role_mention(text, t.start, t.end, "rule:role-only", 0.75))
        taken.append((t.start, t.end))
    out.sort(key=lambda r: r.start)
    return out


class PeopleFinder:
    """Named people with their roles, and role-only mentions: doc._.facts['people'|'roles']."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        people = find_people(doc)
        f = facts(doc)
        f["people"] = people
        f["roles"] = attach_roles(doc, people)
        return doc


@Language.factory("rapporteur_people")
def make_people_finder(nlp: Language, name: str) -> PeopleFinder:
    return PeopleFinder(nlp, name)
