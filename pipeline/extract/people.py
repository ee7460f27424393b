"""People, the roles attached to them, and office holders named by role only.

Names come from the model's PERSON entities and from the shapes reports use ("said NAME,",
"Dr. NAME", "TITLE NAME", a line that starts "NAME, ..."). Each candidate is cleaned (honorifics
and post-nominals split off, never across a line break) and kept only when it has a name's shape:
Unicode letter classes, so "Šimonović", "O'Brien" and upper-case surnames ("Jana KOWALSKA") pass,
while acronyms, document codes, organisation words and function words do not. In headlines and
headings the model alone is not enough: its entity must also have a name's shape.

Roles are read from the structure of the sentence: it is cut into items at commas and semicolons
(and at "and" before a name). A title that ends where a name starts is that name's role ("TITLE
NAME"); an item that holds only a name takes the role in the item next to it ("the TITLE, NAME",
"NAME, TITLE"). In a list of names (two or more in one sentence, or one person per line) an item
without a title word still counts as the role ("artist and survivor", "expert"), and an item that
names an organisation is the person's affiliation. The title grammar lives in roles.py and
resources/roles.yaml.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from . import cached_regex as re
from spacy.language import Language
from spacy.tokens import Doc

from ..lang.resources import WordPattern, bullet_re, vocab
from ..records import Segment
from .orgs import PORTFOLIO_LEAD, PORTFOLIO_LIST, org_head_re
from .places import countries_in, country_of
from ..lang.resources import (alternation, demonyms, fold, gazetteer, honorific_keys, honorifics, lexicon, load, not_names,
                        post_nominals, roles, word_set)
from .roles import (RoleMatch, after_org_prefix, find_titles, has_head, normalise, presence_named_in, role_org_country,
                    strip_country)
from .util import checked_confidence, doc_text, guarded, overlaps, sentence_bounds

_UP, _LOW = r"\p{Lu}", r"[\p{Ll}\p{M}]"
# A word of a name: "Jana", "McDonald", "Jean-Luc", "O'Brien", "KOWALSKA", an initial "G.".
_NAME_WORD = (rf"(?:{_UP}{_LOW}+(?:{_UP}{_LOW}+)?(?:[-'’]{_UP}?{_LOW}+)*"
              rf"|{_UP}['’]{_UP}{_LOW}+"
              rf"|{_UP}{{2,}}(?:-{_UP}{{2,}})?(?![\p{{Ll}}\d])"
              rf"|{_UP}\.)")
_PARTICLE = r"@name_particles"  # lexicon.yaml: "van", "de", "bin" inside a name
_GAP = r"[^\S\n\t]+"  # spaces, never a line break or a tab (between the cells of a table row)
_MONONYM_END = r"(?![\p{L}\p{M}'’\-])(?![^\S\n]+\p{Lu})"  # a single name: no name word follows
NAME_RE = rf"{_NAME_WORD}(?:{_GAP}(?:{_PARTICLE}{_GAP})*{_NAME_WORD}){{1,4}}"
_NAME_FULL = WordPattern(NAME_RE, engine=re)
# Where a role phrase written after "NAME, " ends.
_ROLE_END = WordPattern(r",|;|\.(?:\s|$)|:|\(|“|”|\"|\n| @capacity_in @capacity_possessives | @role_end_words ", engine=re)
# Items of a sentence: commas, semicolons, colons and dashes between spaces.
_AS_TITLE = WordPattern(r"[^\S\n]*(?:\([^()\n]{1,60}\)[^\S\n]*)?,?[^\S\n]*@capacity_as[^\S\n]+(?:@as_determiners[^\S\n]+)?", engine=re)
# What follows a title in its item without being part of it: a lower-case phrase after a preposition
# of place or field ("... Institute in the field of migration", "... Unit within the ministry").
_ROLE_TAIL = WordPattern(r"[^\S\n]+@role_tail_preps[^\S\n]+(?:@definite[^\S\n]+)?\p{Ll}", engine=re)
_SEPARATOR = re.compile(r"\s*(?:[,;:|\t]|\s[–—-]\s)\s*")  # "|" or a tab between the cells of a table row
_COORDINATOR_END = WordPattern(r"\s+(?:@coordinator|&)\s*$")  # "... and" right before a name
# Words that introduce a list of people, cut from the front of the first item.
_LEAD_IN = WordPattern(r"^.*\b@list_lead_ins(?:\s+|$)", re.I | re.S, engine=re)
_ITEM_LEAD = WordPattern(r"^@item_leads\s+", re.I, engine=re)
MAX_ROLE_WORDS = 24


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
    organization: str | None = None  # an affiliation written instead of a role


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


# ---------------------------------------------------------------------------------------------
# Names


@lru_cache(maxsize=None)
def _honorific_re() -> tuple[re.Pattern, re.Pattern]:
    """(leading honorifics, trailing post-nominals) as anchored patterns."""
    before = alternation(honorifics(), flexible_space=True)
    after = alternation({h.rstrip(".") for h in post_nominals()}, flexible_space=True)
    return (re.compile(rf"^(?:{before})(?:\.)?(?:{_GAP}|(?<=\.)(?=\p{{Lu}}))", re.I),
            re.compile(rf"(?:,?{_GAP}(?:{after})\.?)+$"))


def _split_honorifics(text: str, start: int) -> tuple[str, int, list[str]]:
    """Move leading honorifics out of a name: ("Dr. Ana Lopez", 10) -> ("Ana Lopez", 14, ["Dr."])."""
    lead, _ = _honorific_re()
    found = []
    while True:
        m = lead.match(text)
        if not m or m.end() >= len(text):
            break
        found.append(text[:m.end()].strip())
        start += m.end()
        text = text[m.end():]
    return text, start, found


def _honorifics_before(text: str, start: int) -> list[str]:
    """Honorifics written just before a name span (the model often leaves them out)."""
    found = []
    while True:
        m = re.search(r"(?:^|(?<=\s)|(?<=\p{Ll}))(\S+)\s+$", text[max(0, start - 30):start])
        if not m:
            break
        word, at = m.group(1), m.start(1)
        glued = re.search(r"(?<=\p{Ll})\p{Lu}[\p{L}.]*$", word)  # "andProf."
        if fold(word).rstrip(".") not in honorific_keys() and glued:
            word, at = glued.group(), at + glued.start()
        before = re.split(r"[,;:(\n]", text[max(0, start - 40):start - len(text[max(0, start - 30):start]) + at])[-1]
        if re.search(vocab(r"\b@title_prepositions\s+$"), before) and has_head(before):
            break  # the last word of a title ("Chief of Staff Judge ..."), not an honorific; "on behalf of Dr." is one
        if fold(word).rstrip(".") in honorific_keys():
            found.insert(0, word)
            start -= len(text[max(0, start - 30):start]) - at
            if glued and word == glued.group():
                break
        else:
            break
    return found


@lru_cache(maxsize=None)
def _title_words() -> frozenset[str]:
    """The words of titles and their modifiers, also in the plural ("Deputy Ministers" is no "TITLE NAME")."""
    words = {fold(w) for h in roles().heads for w in h.split()} | {fold(m) for m in roles().modifiers}
    return frozenset(words | {w + "s" for w in words if w.isalpha()})


@lru_cache(maxsize=None)
def _demonym_keys() -> frozenset[str]:
    return frozenset(fold(k) for k in demonyms())


@lru_cache(maxsize=65536)
def is_plausible_name(name: str, *, single: bool = False, agreed: bool = False) -> bool:
    """A person's name by its shape: two to six name words (one with `single`), at least one of
    them written in title case, none an acronym, organisation, title, function or calendar word.
    With `agreed` (the model and a rule's shape found the same span), the last word may be a word
    of not_names.yaml that is also a surname ("Tom Hall, Director of X")."""
    words = name.split()
    if not (1 if single else 2) <= len(words) <= 6:
        return False
    gaz = gazetteer()
    if gaz.lookup(name) is not None or country_of(name):
        return False  # a body, or a country ("Burkina Faso", which the model may tag PERSON)
    lex_words = _title_words()
    if re.search(r"['’]s$", name) or org_head_re().search(name):
        return False  # a possessive ("the Council's") or a body's head word ("Harbour Council") is no name
    title_case = 0
    for n, w in enumerate(words):
        core = w.strip(",;:'’")
        if not core:
            return False
        if any(ch.isdigit() for ch in core) or "/" in core or "&" in core:
            return False
        if core[0].islower():
            if not re.fullmatch(vocab(_PARTICLE), core):
                return False
            continue
        if core.isupper() and len(core.rstrip(".")) > 1:
            if gaz.lookup(core) is not None or len(core) < 3:
                return False  # a known acronym (OSCE, GRETA) or a code
            continue
        if re.fullmatch(r"\p{Lu}\.", core):
            continue  # an initial
        title_case += 1
        key = fold(core).rstrip(".")
        if (key in not_names() and not (agreed and n == len(words) - 1 > 0)) or key in lex_words or key in _demonym_keys() or _word_names_a_body(core):
            return False
    return title_case >= 1


def _word_names_a_body(word: str) -> bool:
    """A title-case word the gazetteer knows as a body's name; one that matches only a body's
    upper-case acronym is a name's word too ("Greta", not "GRETA")."""
    entry = gazetteer().lookup(word)
    if entry is None:
        return False
    forms = [f for f in (entry.name, entry.acronym, entry.short, *entry.aliases) if f]
    # written as the body writes itself ("Europol", "Frontex"), or matched only in another case ("GRETA")
    return word in forms or not any(f.isupper() and fold(f) == fold(word) for f in forms)


def titles_of(doc: Doc) -> list[RoleMatch]:
    """The role titles of the document, found once."""
    if doc._.rapporteur_titles is None:
        doc._.rapporteur_titles = [_with_portfolios(doc, t) for t in find_titles(doc_text(doc))]
    return doc._.rapporteur_titles


_COMPLEMENT = WordPattern(r" @roles.complements ", engine=re)  # "Minister of X", "Minister for X"
# the list may end with the country or body whose portfolios they are ("... and Culture of X",
# "... of the Republic of X"); a name right after it is split off as the title's tail name
_PORTFOLIOS = WordPattern(rf"{PORTFOLIO_LIST}(?=[,.;:)\n]|$|[^\S\n]+\p{{Ll}})", engine=re)

# the same list where a name follows on the line without a comma ("Minister for A, B and C Ana Lopez
# said", "... and C Hon. Ana Lopez"): its last item runs on into the name
_PORTFOLIOS_TO_NAME = WordPattern(rf"{PORTFOLIO_LEAD}"
                                  r"(?P<last>\p{Lu}[\w'’-]*(?:[^\S\n]+\p{Lu}[\w'’.-]*){1,7})(?=[^\S\n]+\p{Ll}|[,.;:)\n]|$)",
                                  engine=re)
_NAME_WORDS = 3  # a name split off a list's last item is at most its last three words


def _portfolios_end(doc: Doc, text: str, start: int) -> int:
    """Where a list of portfolios after a title ends, when a name follows it on the line: before an
    honorific, or before the person the model names at the end of the list's last item (at most its
    last three words, so the item keeps a word), or before the item's name-shaped ending of two
    words; else the end of the text (no such name)."""
    m = _PORTFOLIOS_TO_NAME.match(text, start)
    if m is None:
        return len(text)
    a, b = m.span("last")
    lead, _ = _honorific_re()
    for w in re.finditer(r"\S+", text[a:b]):
        if w.start() and lead.match(text[a + w.start():b]):
            return a + w.start()  # "... and Social Welfare Hon. Ana Lopez"
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.end_char == b and a < ent.end_char and ent.start_char < b:
            words = [w for w in re.finditer(r"\S+", text[a:b]) if a + w.start() >= ent.start_char]
            name_start = a + words[-min(len(words), _NAME_WORDS)].start()
            return name_start if name_start > a else len(text)
    tail = _title_tail_name(text[a:b])  # no name from the model: the item's name-shaped ending
    return a + tail if tail else len(text)


def _with_portfolios(doc: Doc, t: RoleMatch) -> RoleMatch:
    """A title whose complement lists portfolios ("Minister of Employment, Labour and Social
    Affairs") runs to the list's last item, unless an item is a person the model names or starts a
    title of its own."""
    text = doc_text(doc)
    if not _COMPLEMENT.search(t.text) or t.text.endswith(" and"):
        return t
    cut = _portfolios_end(doc, text, t.end)
    m = _PORTFOLIOS.match(text[:cut].rstrip() if cut < len(text) else text, t.end)
    if m is None or m.end() == t.end or not m.group().startswith(","):
        return t
    tail = m.group()
    items = [w.strip() for w in re.split(vocab(r",|\b@coordinator\b"), tail) if w.strip()]
    if has_head(tail) or any(country_of(w) or fold(w).rstrip(".") in honorific_keys() for w in items) or \
            any(e.label_ == "PERSON" and e.start_char < m.end() and t.end < e.end_char <= cut for e in doc.ents):
        return t  # an item that is a country, an honorific ("..., and Ms. NAME") or a person
    return replace(t, end=m.end(), text=text[t.start:m.end()])


@lru_cache(maxsize=None)
def _patterns() -> dict[str, re.Pattern]:
    name = vocab(NAME_RE)
    hons = alternation(honorifics())
    verbs = alternation(lexicon().speech_verbs)
    nouns = alternation(roles().person_noun_forms(descriptors=False))
    bullet = lexicon().bullet_class
    capacities = alternation(load("person_rules.yaml").capacity_nouns)
    described = vocab(rf"@indefinite{_GAP}(?:[\w'’-]+{_GAP}){{0,3}}?(?:{alternation(roles().person_noun_forms())})\b")
    return {
        "said": re.compile(rf"\b(?:{verbs}){_GAP}(?P<name>{name})(?=\s*[,(.;])"),
        # "moderated by NAME", "chaired by Dr NAME": the agent of a capacity held at the meeting
        "capacity_by": re.compile(vocab(rf"\b(?:{alternation(load('person_rules.yaml').passive_capacities)}){_GAP}@agent_by{_GAP}"
                                        rf"(?:(?:{hons})\.?{_GAP})*(?P<name>{name})(?![\p{{L}}\-])")),
        # "the moderator, NAME,": a capacity at the meeting in apposition names a person, though the
        # model tags the name as an organisation
        "capacity_appos": re.compile(vocab(
            rf"(?<![\p{{L}}\-])(?i:@definite){_GAP}(?P<role>(?:[\p{{Ll}}-]+{_GAP})?(?:{capacities})),"
            rf"{_GAP}(?:(?:{hons})\.?{_GAP})*(?P<name>{name})(?=[^\S\n]*,)")),
        # an honorific, also glued to a lower-case word ("andProf. Ana Lopez") or stacked
        "honorific": re.compile(rf"(?:(?<![\w.])|(?<=\p{{Ll}}))(?:{hons})\.?{_GAP}(?:(?:{hons})\.?{_GAP})*"
                                rf"(?P<name>{name}|{_NAME_WORD}(?=[\s,.;:]))"),
        # one person per line: "- NAME, ..." / "NAME (…)"
        # (also the first cell of a table row: "| NAME | BODY |")
        "line": re.compile(rf"(?m)^[^\S\n]*(?:\|[^\S\n]*)?(?:{bullet}\s*)?(?:(?:{hons})\.?{_GAP})*(?P<name>{name})(?:[^\S\n]*\t|\s*[,(–|-])"),
        "title_name": re.compile(rf"{_GAP}(?:(?:{hons})\.?{_GAP})*(?P<name>{name})"),
        # "the TITLE, NAME," and "NAME, (the) TITLE"
        "title_comma_name": re.compile(rf",{_GAP}(?:(?:{hons})\.?{_GAP})*(?P<name>{name})(?=\s*[,.;)]|\s*$)"),
        "name_comma": re.compile(vocab(rf"(?P<name>{name}),{_GAP}(?:@definite{_GAP})?$")),
        # "NAME, COUNTRY, TITLE" and "NAME (COUNTRY), TITLE": the country the person serves between
        "name_place_comma": re.compile(vocab(
            rf"(?P<name>{name})(?:,{_GAP}(?P<place>\p{{Lu}}[\p{{L}}\p{{M}} .'’-]{{1,40}}?)[^\S\n]*|[^\S\n]*"
            rf"\((?P<bracket>[^()\n]{{2,40}})\)[^\S\n]*),{_GAP}(?:@definite{_GAP})?$")),
        # "the TITLE, Sanna." a single name after a title (a first name, or a name cut at the end)
        "title_comma_mononym": re.compile(rf",{_GAP}(?P<name>{_UP}{_LOW}+)(?=\s*(?:[,.;)]|$))"),
        # "President NAME said", "Secretary NAME's visit": a surname alone right after a title
        "title_mononym": re.compile(rf"{_GAP}(?P<name>{_NAME_WORD}){_MONONYM_END}(?=['’]s\b|[^\S\n]*[,.;:)]|[^\S\n]+\p{{Ll}})"),
        # a single name that a person noun describes: "“Ana”, a survivor of ...", "- Ana, a nurse",
        # "and Ana (a young mother)", and "survivors Ana from X and Mira"
        "quoted_described": re.compile(rf"[“\"‘](?P<name>{_UP}{_LOW}+)[”\"’],?{_GAP}{described}"),
        "line_described": re.compile(rf"(?m)^[^\S\n]*{bullet}[^\S\n]*(?P<name>{_UP}{_LOW}+),{_GAP}{described}"),
        "bracket_described": re.compile(rf"(?<=\p{{Ll}}[^\S\n]+|[,;][^\S\n]*)(?P<name>{_UP}{_LOW}+)[^\S\n]*\({described}[^()\n]*\)"),
        "noun_mononym": re.compile(rf"(?<![\p{{L}}\-])(?P<noun>{nouns}){_GAP}(?P<name>{_UP}{_LOW}+){_MONONYM_END}"),
        "and_mononym": re.compile(vocab(rf"(?:{_GAP}@origin{_GAP}{_UP}{_LOW}+)?(?:[^\S\n]*\([^()\n]*\))?[^\S\n]*,?[^\S\n]*"
                                  rf"(?:\([^()\n]*\)[^\S\n]*)?(?:@coordinator|&){_GAP}(?P<name>{_UP}{_LOW}+){_MONONYM_END}")),
    }


def _heading_spans(doc: Doc) -> list[tuple[int, int]]:
    context = doc._.context if doc.has_extension("context") else None
    segments = [Segment(*s) for s in (context or {}).get("segments") or []]
    return [(s.start, s.end) for s in segments if s.kind in ("title", "heading")]


def _candidates(doc: Doc) -> list[PersonMention]:
    text = doc_text(doc)
    pats = _patterns()
    cands: list[PersonMention] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        # an entity never crosses a line break: each line is its own candidate
        offset = ent.start_char
        for piece in ent.text.split("\n"):
            m = re.search(r"\p{L}[\p{L}\p{M}.'’\- ]*[\p{L}\p{M}.]", piece)
            if m:
                cands.append(PersonMention(offset + m.start(), offset + m.end(), m.group(), method="model:ner",
                                           confidence=0.85))
            offset += len(piece) + 1
    for key, method, conf in (("said", "rule:said-name", 0.8), ("honorific", "rule:honorific-name", 0.85),
                              ("line", "rule:line-name", 0.8), ("capacity_by", "rule:capacity-by-name", 0.75)):
        for m in pats[key].finditer(text):
            if key == "line" and _is_place(m.group("name")):
                continue  # a line that opens with a place and a comma is a dateline ("CITY, 3 May -")
            cands.append(PersonMention(m.start("name"), m.end("name"), m.group("name"), method=method, confidence=conf))
    for m in pats["capacity_appos"].finditer(text):
        cands.append(PersonMention(m.start("name"), m.end("name"), m.group("name"), method="rule:capacity-appos",
                                   confidence=0.75, role_start=m.start("role"), role_end=m.end("role")))
    for key in ("quoted_described", "line_described", "bracket_described"):
        for m in pats[key].finditer(text):
            cands.append(PersonMention(m.start("name"), m.end("name"), m.group("name"), method="rule:described-mononym",
                                       confidence=0.6))
    plurals = roles().person_noun_plurals
    for m in pats["noun_mononym"].finditer(text):
        # the noun is the person's role ("survivor Ana"); a plural noun also describes the names
        # coordinated after it ("survivors Ana (…) and Mira")
        role = (m.start("noun"), m.end("noun"))
        found = [m]
        if m.group("noun") in plurals:
            more = pats["and_mononym"].match(text, m.end())
            if more:
                found.append(more)
        for n in found:
            cands.append(PersonMention(n.start("name"), n.end("name"), n.group("name"), method="rule:noun-mononym",
                                       confidence=0.6, role_start=role[0], role_end=role[1]))
    for t in titles_of(doc):
        m = pats["title_name"].match(text, t.end)
        if m:
            cands.append(PersonMention(m.start("name"), m.end("name"), m.group("name"), method="rule:title-name",
                                       confidence=0.8))
        m = pats["title_comma_name"].match(text, t.end)
        if m:
            cands.append(PersonMention(m.start("name"), m.end("name"), m.group("name"), method="rule:title-comma-name",
                                       confidence=0.75))
        m = pats["title_mononym"].match(text, t.end)
        if m and t.head != "known" and fold(m.group("name")) not in honorific_keys() \
                and is_plausible_name(m.group("name"), single=True) and not _is_place(m.group("name")):
            cands.append(PersonMention(m.start("name"), m.end("name"), m.group("name"), method="rule:title-mononym",
                                       confidence=0.6))
        m = pats["title_comma_mononym"].match(text, t.end)
        if m and not _is_place(m.group("name")):
            cands.append(PersonMention(m.start("name"), m.end("name"), m.group("name"),
                                       method="rule:title-comma-mononym", confidence=0.6))
        m = pats["name_comma"].search(text, max(0, t.start - 80), t.start)
        if m is None:
            m = pats["name_place_comma"].search(text, max(0, t.start - 120), t.start)
            if m and not country_of((m.group("place") or m.group("bracket")).strip()):
                m = None
        if m:
            cands.append(PersonMention(m.start("name"), m.end("name"), m.group("name"), method="rule:name-comma-title",
                                       confidence=0.75))
        tail = _title_tail_name(t.text)
        owner = pats["name_comma"].search(text, max(0, t.start - 80), t.start) if tail else None
        if owner and any(u.start <= owner.start("name") < u.end for u in titles_of(doc) if u is not t):
            owner = None  # "OSCE Chair-in-Office, Minister of X Ana Lopez": a title, not a name, before the comma
        if owner and not any(u.start < owner.start("name") and (u.end >= owner.end("name") or (
                u.end <= owner.start("name") and not text[u.end:owner.start("name")].strip())) for u in titles_of(doc)):
            # "NAME, TITLE": the title is NAME's and its last words are its mandate ("... in Global
            # Supply Chains"); not so in a "TITLE NAME, TITLE NAME" list, where NAME has its own title
            tail = None
        if tail:
            s = t.start + tail
            cands.append(PersonMention(s, t.end, text[s:t.end], method="rule:title-tail-name", confidence=0.75))
    return cands


def _title_tail_name(title: str) -> int | None:
    """Where a name that the title grammar swallowed starts: the shortest name-shaped ending of
    two words or more ("... Office for Human Rights Ana Lopez"), taken over initials and particles."""
    words = list(re.finditer(r"\S+", title))
    for n in range(2, min(5, len(words))):
        first = words[-n]
        candidate = title[first.start():]
        before = words[-n - 1].group()
        if re.fullmatch(vocab(r"\p{Lu}\.|" + _PARTICLE), before):
            continue  # "Ana G. Lopez": the initial belongs to the name, look one word further
        if fold(before) in _function_words():
            continue  # "Rapporteur on Child Protection": after a preposition comes the mandate
        if _NAME_FULL.fullmatch(candidate) and is_plausible_name(candidate) and not has_head(candidate):
            return first.start()
    return None


@lru_cache(maxsize=None)
def _office_not_holder() -> re.Pattern:
    """Words before a title that make it an office, not a person holding it."""
    return re.compile(vocab(rf"\b(?:{alternation(roles().office_not_holder)})\s+(?:@articles\s+)?$"), re.I)


@lru_cache(maxsize=None)
def _indefinite_before() -> re.Pattern:
    """An indefinite word right before a title: an office in general, not a holder."""
    return re.compile(rf"\b(?:{alternation(roles().indefinite)})[^\S\n]+$", re.IGNORECASE)


@lru_cache(maxsize=None)
def _definite_before() -> re.Pattern:
    """A definite article or a possessive right before a title, maybe with a holder's modifier."""
    r = roles()
    return re.compile(rf"(?:\b(?:{alternation(r.definite)})|['’]s)[^\S\n]+(?:(?:{alternation(r.holder_modifiers)})[^\S\n]+)?$",
                      re.IGNORECASE)


_CAPACITY_BEFORE = WordPattern(r"(?<![\w-])@capacity_as[^\S\n]+$", engine=re)


def _refers_to_holder(doc: Doc, t: RoleMatch) -> bool:
    """A title stands for one holder when it is a definite reference ("the TITLE", "X's TITLE",
    also inside the title: "the Council's Second Vice-Chair") or the subject of a verb ("UN Special
    Rapporteur urges ...", "... said the TITLE"): the parse says which."""
    text = doc_text(doc)
    if _CAPACITY_BEFORE.search(text, max(0, t.start - 12), t.start):
        return False  # "elected as X's President", "served as Chair": a capacity someone takes
    first = t.text.split(" ", 1)[0].lower()
    if first in roles().definite or re.match(r"\S+['’]s\s", t.text) or _definite_before().search(text, max(0, t.start - 60), t.start):
        return True
    if _indefinite_before().search(text[max(0, t.start - 8):t.start]):
        return False  # "how a National Rapporteur could be appointed": an office in general
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    verb = root.head if root.dep_ in ("nsubj", "nsubjpass") else root.head.head if root.dep_ == "pobj" else None
    if verb is None or "\n" in text[min(verb.idx, t.start):max(verb.idx, t.end)]:
        return False  # the parse joined a heading to the next line: no verb of the title's own
    return root.dep_ in ("nsubj", "nsubjpass") or root.head.lower_ == "by"


@lru_cache(maxsize=None)
def _modified_noun() -> re.Pattern:
    """A meeting noun, an organisation's head word or an instrument's noun right after a title: the
    title is then a modifier of that noun ("Regional Expert Meeting", "Prosecutor Network", "the
    Director of Public Prosecutions Act"), not an office."""
    words = (*load("meetings.yaml").meeting_nouns, *load("org_heads.yaml").entries, *roles().instrument_nouns)
    return re.compile(rf"[^\S\n]+(?:{alternation(words)})s?\b", re.IGNORECASE)


def _is_place(word: str) -> bool:
    from .places import city_country

    return bool(country_of(word) or city_country(word))


_MONONYM_METHODS = ("rule:honorific-name", "rule:title-comma-mononym", "rule:title-mononym", "rule:described-mononym",
                    "rule:noun-mononym")


def _clean(c: PersonMention, text: str, headings: list[tuple[int, int]],
           model_names: frozenset[tuple[int, int]] = frozenset(),
           agreed: frozenset[tuple[int, int]] = frozenset()) -> PersonMention | None:
    start, end = c.start, c.end
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "“\"(‘[-–—":
        start -= 1  # a span that starts inside a token ("E. Ana Lopez" of "H.E. Ana Lopez")
    while end < len(text) and re.match(r"[\p{L}.]", text[end]) and text[end - 1] == ".":
        end += 1  # ... or ends inside one ("S." of "S.J.")
    raw = text[start:end]
    lead = re.match(vocab(r"^(?i:@definite)\s+"), raw)
    if lead:  # "the Honourable NAME": the article, then the honorifics
        raw, start = raw[lead.end():], start + lead.end()
    name, start, hons = _split_honorifics(raw, start)
    name = re.sub(r"['’]s$", "", name)
    name = re.sub(r"\.{2,}$", ".", name.rstrip(" ,;:"))
    _, trailing = _honorific_re()
    m = trailing.search(name)
    if m and m.start() > 0:
        name = name[:m.start()]
    name = name.rstrip(" ,.;:") if not re.search(r"\b\p{Lu}\.$", name) else name.rstrip(" ,;:")
    before = _honorifics_before(text, start)
    hons = before + [h for h in hons if h not in before]
    single = c.method in _MONONYM_METHODS and len(name.split()) == 1
    # a name that runs into a title or organisation word ("Ana Sofia Lopez OSCE"): cut at it
    words = name.split()
    while len(words) > 2 and not is_plausible_name(" ".join(words)):
        words = words[:-1]
    if c.method != "model:ner" and len(words) < len(name.split()) and org_head_re().fullmatch(name.split()[len(words)]):
        return None  # a rule's capitalised words that run into a body's head word ("Baltic Women Network,") name the body
    name = " ".join(words)
    m = trailing.search(name)
    if m and m.start() > 0:
        name = name[:m.start()]
    if not is_plausible_name(name, single=single, agreed=(c.start, c.end) in agreed) \
            or all(fold(w).rstrip(".") in honorific_keys() for w in words):
        return None  # not a name, or only honorifics ("the TITLE, Hon. NAME": "Hon" is no mononym)
    if any(s <= start < e for s, e in headings):
        # in a Title-Case headline a name needs the model and a name's shape to agree, and no word
        # of it may name a place ("Minister Visits Moldova", "Envoy Urges Stronger Action")
        model_agrees = c.method == "model:ner" or any(s <= start and start + len(name) <= e for s, e in model_names)
        shape = _NAME_FULL.fullmatch(name) or (single and re.fullmatch(_NAME_WORD, name))
        if not model_agrees or not shape or any(country_of(w) for w in name.split()):
            return None
    return replace(c, start=start, end=start + len(name), name=name, honorifics=hons)


_SURNAME_LINE = re.compile(r"\n[^\S\n]*(?P<surname>\p{Lu}[\p{Ll}'’-]+|\p{Lu}{2,}[\p{Lu}'’-]*)"
                           r"(?=[^\S\n]*(?:,|\(|$))", re.M)


def _joined_across_line(text: str, p: PersonMention, people: list[PersonMention]) -> PersonMention:
    """A first name at a line's end with the surname opening the next line before a comma ("Dr.
    Ana" / "Lopez, Senior Researcher, ..."): one name broken across two lines (PDF text)."""
    if len(p.name.split()) != 1:
        return p
    m = _SURNAME_LINE.match(text, p.end)
    if m is None or any(q is not p and q.start <= m.start("surname") < q.end for q in people):
        return p
    name = f"{p.name} {m.group('surname')}"
    if not is_plausible_name(name) or has_head(m.group("surname")) or country_of(m.group("surname")):
        return p
    return replace(p, end=m.end("surname"), name=name)


# "By NAME" alone on its line: the report's author
_BYLINE = WordPattern(r"(?im)^[^\S\n]*(?:@byline_leads)[^\S\n]+\p{Lu}[\p{L}.'’-]*(?:[^\S\n]+\p{Lu}[\p{L}.'’-]*){0,3}"
                      r"[^\S\n]*$", engine=re)


def _org_head_after(text: str, pos: int) -> bool:
    """A capitalised organisation head word follows right after `pos` ("... Centre")."""
    m = re.match(r"[^\S\n]+(\p{Lu}[\p{L}'’-]+)", text[pos:pos + 40])
    return bool(m) and bool(org_head_re().fullmatch(m.group(1)))


def find_people(doc: Doc) -> list[PersonMention]:
    """Cleaned, de-duplicated person mentions; single surnames link to a full name found earlier."""
    text = doc_text(doc)
    headings = _heading_spans(doc)
    model_names = frozenset((e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON")
    candidates = _candidates(doc)
    # where the model's name and a rule's shape ("NAME, TITLE") are the same span, both say it is a name
    by_model = {(c.start, c.end) for c in candidates if c.method == "model:ner"}
    agreed = frozenset(sp for sp in ((c.start, c.end) for c in candidates if c.method != "model:ner") if sp in by_model)
    cleaned = [m for m in (_clean(c, text, headings, model_names, agreed) for c in candidates) if m is not None]
    cleaned = [m for m in cleaned if m.method != "model:ner" or not _is_topic(doc, m.start, m.end)]
    # the model's name right before a body's head word is part of the body's name ("the Victim
    # Support Centre", "the Ana Lopez Foundation")
    cleaned = [m for m in cleaned if m.method != "model:ner" or not _org_head_after(text, m.end)]
    # a list of portfolios ends where a name starts (_with_portfolios): the model's name that starts
    # inside the list's last item ("... and Senior Citizens Ana Lopez") is the rule's, after the title
    listed = [t for t in titles_of(doc) if "," in t.text]
    cleaned = [m for m in cleaned if m.method != "model:ner"
               or not any(t.start < m.start < t.end < m.end for t in listed)]
    # where the model's name ends where a rule's does, the model knows better where it starts
    # ("Minister of Justice Ana Lopez": the rule's "Justice Ana Lopez", the model's "Ana Lopez")
    model_spans = {(m.start, m.end) for m in cleaned if m.method == "model:ner"}
    cleaned = [m for m in cleaned if m.method == "model:ner"
               or not any(e == m.end and m.start < s for s, e in model_spans)]
    # ... except inside a title, where the word after a preposition is the mandate, not the name's
    # first ("Minister of Labour Ana Lopez": "Labour Ana Lopez" is cut to the title's tail "Ana Lopez")
    tails = {(m.start, m.end) for m in cleaned if m.method == "rule:title-tail-name"}

    def after_preposition(m: PersonMention) -> bool:
        before = text[max(0, m.start - 30):m.start].split()
        return bool(before) and fold(before[-1]) in _function_words()

    cleaned = [m for m in cleaned if m.method == "rule:title-tail-name"
               or not any(e == m.end and m.start < s for s, e in tails) or not after_preposition(m)]
    cleaned.sort(key=lambda m: (m.start, -(m.end - m.start), m.method))
    people: list[PersonMention] = []
    for m in cleaned:
        clash = [p for p in people if overlaps((p.start, p.end), (m.start, m.end))]
        if clash:
            keep = clash[0]
            if (m.end - m.start) > (keep.end - keep.start):
                people[people.index(keep)] = replace(m, confidence=min(0.99, max(m.confidence, keep.confidence) + 0.05))
            elif m.method != keep.method:
                keep.confidence = min(0.99, keep.confidence + 0.05)
            if (keep.start, keep.end) == (m.start, m.end) and keep.role_start is None and m.role_start is not None:
                keep.role_start, keep.role_end = m.role_start, m.role_end  # the noun that describes the name
            continue
        people.append(m)
    people += _bare_names_in_lists(doc, people)
    people = [_joined_across_line(text, p, people) for p in people]
    people.sort(key=lambda p: p.start)
    # a full name's later mentions by surname only ("Lopez said", "Ms. Lopez")
    full = [p for p in people if len(p.name.split()) >= 2]
    surnames = {fold(p.name.split()[-1]): p for p in full}
    linked = []
    for p in people:
        if len(p.name.split()) == 1 and fold(p.name) in surnames:
            f = surnames[fold(p.name)]
            linked.append(replace(p, name=f.name, method="rule:surname-of-earlier-name", confidence=0.75))
        else:
            linked.append(p)
    people = linked
    for key, f in surnames.items():
        surname = f.name.split()[-1]
        if len(surname) < 4 or not is_plausible_name(surname, single=True):
            continue
        for m in re.finditer(rf"(?<![\p{{L}}\-]){re.escape(surname)}(?![\p{{L}}\-])", text):
            if not any(overlaps((p.start, p.end), (m.start(), m.end())) for p in people):
                people.append(PersonMention(m.start(), m.end(), f.name, _honorifics_before(text, m.start()),
                                            method="rule:surname-of-earlier-name", confidence=0.7))
    people.sort(key=lambda p: p.start)
    bylines = [m.span() for m in _BYLINE.finditer(text)]
    return [p for p in people if not _in_role_position(p, people, text)
            and not any(a <= p.start < b for a, b in bylines)]  # the report's author, not a participant


_NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "compound", "npadvmod", "conj"})


def _is_topic(doc: Doc, start: int, end: int) -> bool:
    """The model's name is the topic of a noun, by the parse: the object of "on" after a meeting
    noun ("a seminar on Migrant Smuggling"), or joined to a topic that names no one ("a conference
    on Forced Labour and Migrant Smuggling")."""
    if not doc.has_annotation("DEP"):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    first = root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    prep = first.head
    if first.dep_ != "pobj" or fold(prep.text) not in lexicon().word_classes["topic_on"] or prep.head.i == prep.i:
        return False
    noun = prep.head
    if noun.dep_ not in _NOUN_DEPS:
        return False  # "relied on NAME": the object of a verb's preposition may be a person
    if first is root:
        return noun.lower_ in word_set("meetings.yaml", "nouns")
    return first.ent_type_ != "PERSON"


def _bare_names_in_lists(doc: Doc, people: list[PersonMention]) -> list[PersonMention]:
    """In a sentence that names two people or more, an item that is nothing but a name is a person
    too ("..., Ana Lopez, ..."), though the model missed it."""
    text = doc_text(doc)
    out = []
    for s, e in sentence_bounds(doc):
        idx = [i for i, p in enumerate(people) if s <= p.start < e]
        if len(idx) < 2:
            continue
        for k, item in enumerate(_items(text, s, e, people, idx)):
            if item.people:
                continue
            a, b = _trim(text, item.start, item.end, lead_in=k == 0)
            bracket = re.search(r"\s*\([^()]*\)?\s*$", text[a:b])  # "Ana Lopez (IOM)"
            if bracket and bracket.start() > 0:
                b = a + bracket.start()
            name = text[a:b]
            if _NAME_FULL.fullmatch(name) and is_plausible_name(name) and not has_head(name):
                out.append(PersonMention(a, b, name, _honorifics_before(text, a), method="rule:list-name",
                                         confidence=0.75))
    out += _bracketed_like_a_named_person(doc, people + out)
    return out + _table_name_column(text, people + out)


_TABLE_ROW = re.compile(r"(?m)^[^\S\n]*\|(?P<cells>.*)\|[^\S\n]*$")


def _table_name_column(text: str, people: list[PersonMention]) -> list[PersonMention]:
    """In a table whose header names a column of people ("| Name | Title | Organisation |"), the
    cell of that column in every row is a person, though the model missed it."""
    labels = {fold(w) for w in lexicon().word_classes["name_column_labels"]}
    out: list[PersonMention] = []
    column = None
    for m in _TABLE_ROW.finditer(text):
        cells = m.group("cells").split("|")
        bare = [fold(c.strip(" *_")) for c in cells]
        if column is None or m.start() == 0 or not _TABLE_ROW.match(text, text.rfind("\n", 0, m.start() - 1) + 1):
            column = next((k for k, c in enumerate(bare) if c in labels), None)  # a new table: its header
            continue
        if column is None or column >= len(cells) or set("".join(bare)) <= set("-: "):
            continue
        a = m.start("cells") + sum(len(c) + 1 for c in cells[:column])
        cell = cells[column]
        lead = len(cell) - len(cell.lstrip())
        name, start = _split_honorifics(cell.strip(), a + lead)[:2]
        if name and _NAME_FULL.fullmatch(name) and is_plausible_name(name) and not has_head(name) \
                and not any(overlaps((p.start, p.end), (start, start + len(name))) for p in people):
            out.append(PersonMention(start, start + len(name), name, _honorifics_before(text, start),
                                     method="rule:table-name", confidence=0.8))
    return out


# a body's possessive right before a name: "UNODC's NAME", "the Council of Europe's NAME"
_POSSESSIVE_END = re.compile(r"(?:^|(?<=\s))(?P<body>\p{Lu}[^\s,;:]*(?:[^\S\n]+[^\s,;:]+){0,6}?)['’]s[^\S\n]*$")


_BRACKET_AFTER = re.compile(r"[^\S\n]*\((?P<inner>[^()\n]{2,60})\)")  # "NAME (Sweden)"
_NAME_BRACKET = re.compile(r"(?<![\p{L}\p{M}.'’-])(?P<name>\p{Lu}[\p{L}\p{M}.'’-]*(?:[^\S\n]+\p{Lu}[\p{L}\p{M}.'’-]*){1,3})"
                           r"[^\S\n]*\((?P<inner>[^()\n]{2,60})\)")


_PLACE_LABELS = ("GPE", "LOC", "FAC")  # the model's labels of places
# "NAME, BODY;": a list whose items are a name and the body or country the person serves
_COMMA_BODY_AFTER = re.compile(r"[^\S\n]*,[^\S\n]*(?P<inner>[^,;()\n]{2,60}?)[^\S\n]*(?=;|\.?$|\.\s)")
_NAME_COMMA_BODY = re.compile(r"(?<![\p{L}\p{M}.'’-])(?P<name>\p{Lu}[\p{L}\p{M}.'’-]*(?:[^\S\n]+\p{Lu}[\p{L}\p{M}.'’-]*){1,3})"
                              r"[^\S\n]*,[^\S\n]*(?P<inner>[^,;()\n]{2,60}?)[^\S\n]*(?=;|\.?$|\.\s)")
# (what follows a found person, the same shape with a name before it) for each kind of list
_LIST_SHAPES = ((_BRACKET_AFTER, _NAME_BRACKET), (_COMMA_BODY_AFTER, _NAME_COMMA_BODY))


def _bracketed_like_a_named_person(doc: Doc, people: list[PersonMention]) -> list[PersonMention]:
    """In a sentence where a person's name is followed by a bracketed country or body ("NAME
    (Sweden)"), the other names written the same way are people too ("A (Spain), B (Sweden) and C
    (Slovakia)"), though the model missed them; so too in a list of "NAME, BODY;" items."""
    text = doc_text(doc)
    out = []
    for s, e in sentence_bounds(doc):
        shapes = [name_re for after_re, name_re in _LIST_SHAPES
                  if any(s <= p.start < e and (m := after_re.match(text, p.end, e)) and affiliation(m.group("inner"))
                         for p in people)]
        places = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in _PLACE_LABELS
                  and s <= ent.start_char < e] if shapes else []
        for m in (m for name_re in shapes for m in name_re.finditer(text, s, e)):
            a, b = m.span("name")
            name = m.group("name")
            if any(overlaps((p.start, p.end), (a, b)) for p in people + out) or any(overlaps(pl, (a, b)) for pl in places):
                continue  # a name found already, or a place by the model ("Greater Accra, Ghana;")
            if _NAME_FULL.fullmatch(name) and is_plausible_name(name) and not has_head(name) \
                    and affiliation(m.group("inner")):
                out.append(PersonMention(a, b, name, _honorifics_before(text, a), method="rule:list-name",
                                         confidence=0.75))
    return out


def _in_role_position(p: PersonMention, people: list[PersonMention], text: str) -> bool:
    """A model-only 'name' written where a role goes: right after "NAME, " and up to the end of
    its line or sentence ("Ana Lopez, Genocide Survivor")."""
    if p.method != "model:ner":
        return False
    prev = [q for q in people if q.end <= p.start and re.fullmatch(r",[^\S\n]*", text[q.end:p.start])]
    return bool(prev) and bool(re.match(r"[^\S\n]*(?:[.;]|\n|$)", text[p.end:p.end + 2]))


# ---------------------------------------------------------------------------------------------
# Roles


def _cut_titles(titles: list[RoleMatch], people: list[PersonMention], text: str) -> list[RoleMatch]:
    """A title never holds a name: "Minister of Justice of X Ana Lopez" ends before the name."""
    out = []
    for t in titles:
        end = t.end
        for p in people:
            if t.start < p.start < end:
                end = p.start
        while end > t.start and text[end - 1] in " ,;":
            end -= 1
        if end < t.end:
            joined = _COORDINATOR_END.search(text, t.start, end)
            end = joined.start() if joined else end  # "TITLE and NAME2": the title ends before "and"
            if not has_head(text[t.start:end]):
                continue
            t = RoleMatch(t.start, end, text[t.start:end], t.head, t.has_modifier)
        if not any(p.start <= t.start < p.end for p in people):
            out.append(t)
    return out


@dataclass
class _Item:
    start: int
    end: int
    people: list[int]  # indexes into the people list


def _items(text: str, s: int, e: int, people: list[PersonMention], idx: list[int]) -> list[_Item]:
    """The items of the sentence [s, e): split at separators, and at "and" before a later name."""
    cuts = [s]
    for m in _SEPARATOR.finditer(text, s, e):
        if m.start() > cuts[-1] and not any(people[i].start < m.start() < people[i].end for i in idx):
            cuts += [m.start(), m.end()]
    cuts.append(e)
    items = []
    for a, b in zip(cuts[0::2], cuts[1::2]):
        inside = [i for i in idx if a <= people[i].start < b]
        # "NAME, TITLE and NAME2, ...": "and" right before a name that does not start its item
        # ends the item before it
        if inside:
            joined = _COORDINATOR_END.search(text, a, people[inside[0]].start)
            if joined and text[a:joined.start()].strip():
                items.append(_Item(a, joined.start(), []))
                a = joined.end()
        # "... Ana Lopez and Tom Lee": a second name splits its item at the "and" before it
        while len(inside) >= 2:
            later = people[inside[1]]
            m = None
            for m in re.finditer(vocab(r"\s+(?:@coordinator|&)\s+"), text[a:later.start]):
                pass
            if m is None or a + m.start() < people[inside[0]].end:
                break
            items.append(_Item(a, a + m.start(), [inside[0]]))
            a = a + m.end()
            inside = inside[1:]
        items.append(_Item(a, b, inside))
    return [it for it in items if text[it.start:it.end].strip()]


def _trim(text: str, start: int, end: int, *, lead_in: bool) -> tuple[int, int]:
    """A role stretch without the list's lead-in, leading "and the", and edge punctuation."""
    while start < end and (text[start] in " ,;:“”\"'–—-(" or text[start] in lexicon().bullet_marks):
        start += 1
    while end > start and text[end - 1] in " ,;:.“”\"'–—-)":
        end -= 1
    if text[start:end].count("(") > text[start:end].count(")") and text[end:end + 1] == ")":
        end += 1  # "Director of the X Agency (XA)": the bracket closes inside the role
    if lead_in:
        m = _LEAD_IN.match(text[start:end])
        if m:
            start += m.end()
    while True:
        m = _ITEM_LEAD.match(text[start:end])
        if not m or m.end() >= end - start:
            break
        start += m.end()
    return start, end


def _looks_like_role(phrase: str, *, in_list: bool) -> bool:
    words = phrase.split()
    if not words or len(words) > MAX_ROLE_WORDS or re.search(r"\d{2,}", phrase) or not re.search(r"\p{L}", phrase):
        return False  # a role has words ("|" between table cells is none)
    if fold(words[-1]) in _function_words() or _is_post_nominal(phrase):
        return False  # "spoke on behalf of", "S.J."
    relative, speech = _not_role_words()
    if relative.search(phrase) or speech.search(phrase):
        return False
    if fold(words[-1]) in _descriptor_forms():
        return False  # "a young mother" says who someone is, not their role
    return has_head(phrase) or _is_org(phrase) or _post_in_a_body(phrase) or (in_list and len(words) <= 8)


def _post_in_a_body(phrase: str) -> bool:
    """A post the title lexicon lacks, held in a body: a few capitalised words that name no body,
    then "of / at / with (the)" and a body ("Policy Lead at the X Centre")."""
    parts = _BODY_COMPLEMENT.split(phrase.strip(), maxsplit=1)
    if len(parts) != 2:
        return False
    post, body = parts[0].split(), re.sub(vocab(r"^(?i:@definite)\s+"), "", parts[1])
    return 1 <= len(post) <= 4 and all(w[:1].isupper() for w in post) and not org_head_re().search(parts[0]) \
        and _is_org(body)


@lru_cache(maxsize=None)
def _descriptor_forms() -> frozenset[str]:
    r = roles()
    return frozenset(fold(f) for n in r.person_descriptors for f in (n, r.plural(n)))


@lru_cache(maxsize=None)
def _not_role_words() -> tuple[re.Pattern, re.Pattern]:
    """Relative words and speech verbs: a phrase holding one is a clause, not a role."""
    return (re.compile(vocab(r"\b@relatives\b"), re.I),
            re.compile(rf"\b(?:{alternation(lexicon().speech_verbs)})\b", re.I))


@lru_cache(maxsize=None)
def _function_words() -> frozenset[str]:
    return frozenset(fold(w) for w in (*lexicon().function_words, *roles().complements, *roles().inner_words))


# Dependency labels of a clause inside a phrase: a role is a noun phrase, and "followed by a
# message delivered by ..." is not one.
_CLAUSE_DEPS = frozenset({"ROOT", "acl", "relcl", "advcl", "ccomp", "xcomp", "csubj", "aux", "auxpass", "nsubj",
                          "nsubjpass", "agent"})


_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "agent", "aux", "auxpass", "ccomp", "xcomp", "dative"})


def _noun_phrase_end(doc: Doc, start: int, end: int) -> int:
    """Where the noun phrase that starts at `start` ends, within [start, end): the subtree of
    its head, so that "NAME of the BODY said that ..." gives the BODY and not the clause after it
    (`end` itself without a parse, or when the phrase's head is the sentence's verb)."""
    if not doc.has_annotation("DEP"):
        return end
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return end
    head = span[0]
    while head.head.i != head.i and start <= head.head.idx < end:
        head = head.head
    if head.dep_ == "ROOT" or head.head.i == head.i:
        return end
    edge = head.right_edge
    return min(end, edge.idx + len(edge.text))


def _has_clause(doc: Doc, start: int, end: int) -> bool:
    """The parse puts a verb's clause inside [start, end) (never true without a parse)."""
    if not doc.has_annotation("DEP"):
        return False
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or len(span) < 2:
        return False
    def verbal(t) -> bool:
        # a clause's verb has arguments of its own inside the phrase ("delivered by ..."); a noun
        # the parser calls a clause ("child trafficking" as acl) has none
        if t.dep_ in ("aux", "auxpass", "agent", "nsubj", "nsubjpass", "csubj"):
            return True
        return t.dep_ in _CLAUSE_DEPS and any(c.dep_ in _ARGUMENT_DEPS and start <= c.idx < end for c in t.children)

    # the phrase's own head is a clause's verb unless it heads the sentence or its subject; a verb
    # heading a subject is one too when it is a participle with its object ("Briefing the Council, NAME said")
    # a sentence's verb is one as well when its subject stands before the phrase: "NAME, TITLE
    # opened the session" with no comma after the title runs the title into the sentence's verb
    root = span.root
    return any(verbal(t) for t in span if t.i != root.i) or (
        (root.dep_ not in ("ROOT", "nsubj", "nsubjpass") or _is_participle(root, start, end)
         or _subject_before(root, span.start)) and verbal(root))


def _verb_of_subject_before(doc: Doc, start: int, end: int) -> int | None:
    """Where the sentence's verb starts inside [start, end) when its subject stands before `start`
    (the end of the words before it), else None."""
    if not doc.has_annotation("DEP"):
        return None
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or not _subject_before(span.root, span.start):
        return None
    return len(doc_text(doc)[:span.root.idx].rstrip(" ,"))


def _subject_before(verb, start: int) -> bool:
    """The verb heads the sentence, inside a phrase that starts at token `start`, and its subject
    lies before the phrase (a capitalised first word the parser made the head is a title's)."""
    return verb.dep_ == "ROOT" and verb.i > start and verb.is_lower and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i < start for c in verb.children)


def _is_participle(token, start: int, end: int) -> bool:
    """A word with a participle's ending and its object inside [start, end) ("Briefing the Council")."""
    return token.lower_.endswith(tuple(lexicon().word_classes["gerund_endings"])) and any(
        c.dep_ == "dobj" and start <= c.idx < end for c in token.children)


_BODY_COMPLEMENT = WordPattern(r"\s+(?:@genitive|@affiliation_preps)\s+")  # "University of X", "Lead at the X"


def _is_org(phrase: str) -> bool:
    """A body's name: the gazetteer knows it, or it is capitalised, holds no title and its head
    (the words before "of / at / with") holds an organisation's head word ("University of X"; not
    "Campaign Lead at the X Centre", a post)."""
    phrase = phrase.strip()
    if gazetteer().lookup(phrase) is not None:
        return True
    head = _BODY_COMPLEMENT.split(phrase, maxsplit=1)[0]
    return bool(re.match(r"\p{Lu}", phrase)) and bool(org_head_re().search(head)) and not has_head(phrase)


def _title_in(titles: list[RoleMatch], start: int, end: int) -> RoleMatch | None:
    """The first title that starts inside [start, end)."""
    return next((t for t in titles if start <= t.start < end), None)


def affiliation(phrase: str) -> str | None:
    """A country or an organisation written where a role could stand ("(Austria)", "Europol"),
    or after "on behalf of": the body by its label where the gazetteer knows it."""
    phrase = phrase.strip()
    country = country_of(phrase)
    if country:
        return country
    if _is_org(phrase):
        org = gazetteer().lookup(phrase)
        return gazetteer().resolve(org).label if org else phrase
    # a known body's office in a country ("IOM Lithuania", "UNICEF Ghana"): the body
    words = phrase.rsplit(None, 1)
    body = gazetteer().lookup(words[0]) if len(words) == 2 and country_of(words[1]) else None
    return gazetteer().resolve(body).label if body is not None else None


def _starts_with_body(phrase: str) -> bool:
    """The phrase opens with an organisation or a country, maybe possessive ("OSCE's", "Ireland's")."""
    phrase = re.sub(vocab(r"^(?i:@definite)\s+"), "", phrase)
    words = phrase.split()
    for n in range(min(6, len(words) - 1), 0, -1):
        head = re.sub(r"['’]s$", "", " ".join(words[:n]))
        if gazetteer().lookup(head) is not None or country_of(head):
            return True
    return False


def body_in_role(role: str) -> str | None:
    """The body a role names after its last "of (the)" or "at / with (the)" when it has an
    organisation's head word ("Secretary General of the International Centre for X" ->
    "International Centre for X", "a researcher at the X Institute" -> "X Institute")."""
    # the body starts where its own head word is ("Director of Research of the Institute for X":
    # the Institute, not "Research of the Institute ...")
    found = None
    for m in re.finditer(vocab(r"\b(?:@genitive|@affiliation_preps)\s+(?:@definite\s+)?(?P<body>\p{Lu}[^,;()]*)$"), role, overlapped=True):
        body = m.group("body").strip()
        if _is_org(body) and org_head_re().search(_BODY_COMPLEMENT.split(body, maxsplit=1)[0]) and \
                (len(body.split()) >= 2 or gazetteer().lookup(body) is not None):
            # a head word alone ("Head of the Mission") names no body; a unit of a body names the
            # body ("Head of the Legal Unit at the X Agency": the X Agency)
            if found is None or _is_unit(found[:len(found) - len(body)]):
                found = body
    return found or _body_before_title(role) or _body_after_comma(role) or _body_of_a_title(role)


def _body_of_a_title(role: str) -> str | None:
    """A role of two titles ("Director of the X Academy, Head of Delegation"): the body of the
    first that names one."""
    parts = [p.strip() for p in role.split(",")]
    if len(parts) < 2 or not all(has_head(p) for p in parts):
        return None
    return next((b for b in map(body_in_role, parts) if b), None)


def _body_after_comma(role: str) -> str | None:
    """A title written with its body after a comma ("Director, Department of Social Welfare,
    Ministry of X"): the first body."""
    parts = [p.strip() for p in role.split(",")]
    return affiliation(parts[1]) if len(parts) >= 2 and has_head(parts[0]) and _is_org(parts[1]) else None


def _body_before_title(role: str) -> str | None:
    """A body named before the title ("the X Agency's Regional Director", "X Agency Regional
    Director"): the longest run of capitalised words that ends in an organisation's head word and
    leaves a title."""
    words = role.split()
    for i in range(len(words) - 1, 1, -1):
        body = re.sub(r"['’]s$", "", " ".join(words[:i]))
        last = body.split()[-1]
        if words[0][:1].isupper() and org_head_re().fullmatch(last) and _is_org(body) and has_head(" ".join(words[i:])):
            return body
    return None


def _names_a_body(role: str) -> bool:
    """The role names the body its holder serves ("Director of the X Institute", "OSCE Chair")."""
    return bool(role_org_country(role)[0] or body_in_role(role))


def _is_unit(part: str) -> bool:
    """The words before a body's name inside another's name ("Legal Unit at the") name a unit of it."""
    words = re.sub(vocab(r"\s+(?:@genitive|@affiliation_preps)(?:\s+@definite)?\s*$"), "", part).split()
    return bool(words) and words[-1] in load("meetings.yaml").organiser_sub_units


def _unknown_letters(phrase: str) -> bool:
    """A short run of letters no gazetteer knows, written as one word ("IBVM", "fmm"): the letters
    of an order or a title after a name, when a role follows them."""
    word = phrase.strip()
    if not re.fullmatch(r"(?:\p{Lu}{2,6}|\p{Ll}{2,6})", word) or fold(word) in _function_words():
        return False
    return gazetteer().lookup(word) is None and not country_of(word) and not has_head(word)


def _is_post_nominal(phrase: str) -> bool:
    return fold(phrase).rstrip(".") in _post_nominal_keys()


@lru_cache(maxsize=None)
def _post_nominal_keys() -> frozenset[str]:
    return frozenset(fold(h).rstrip(".") for h in post_nominals())


_Role = tuple[int, int, str]  # (role start, role end, method)


def _assign(doc: Doc, people: list[PersonMention], titles: list[RoleMatch]) -> dict[int, _Role]:
    """person index -> (role start, role end, method), sentence by sentence; then, for a person
    still without one, a title on the indented line below the name. Affiliations and post-nominals
    found on the way are written on the person."""
    text = doc_text(doc)
    found: dict[int, _Role] = {}
    title_end = {t.end: t for t in titles}
    for s, e in sentence_bounds(doc):
        idx = [i for i, p in enumerate(people) if s <= p.start < e]
        if idx:
            found.update(_SentenceRoles(doc, text, people, titles, title_end, s, e, idx).assign())
    for i, p in enumerate(people):
        if i not in found:
            below = _title_on_next_line(doc, p)
            if below is not None:
                found[i] = (*below, "rule:name-line-title-below")
    return found


class _SentenceRoles:
    """The roles of the people of one sentence, read from its items (the pieces between commas,
    semicolons, colons, dashes and table cell bars). For each item holding one person the shapes are tried in
    order: "NAME as TITLE", "TITLE NAME", a list item's words before the name, a body's lower-case
    title, a bracket after the name, "NAME of the BODY", and for a bare name the items around it
    ("the TITLE, NAME" / "NAME, TITLE")."""

    def __init__(self, doc: Doc, text: str, people: list[PersonMention], titles: list[RoleMatch],
                 title_end: dict[int, RoleMatch], s: int, e: int, idx: list[int]):
        self.doc, self.text, self.people, self.titles, self.title_end = doc, text, people, titles, title_end
        line_start = text.rfind("\n", 0, s) + 1
        lead = text[line_start:people[idx[0]].start]
        # one person per line, maybe after a label: "- NAME, TITLE", "Moderator: Dr NAME, TITLE"
        one_per_line = len(idx) == 1 and len(lead.split()) <= 3 and bool(
            re.fullmatch(rf"[^\S\n]*(?:\|[^\S\n]*)?(?:{lexicon().bullet_class}\s*)?(?:\p{{L}}+(?:\s\p{{L}}+)?:\s*)?[\p{{L}}.\s]*[“\"‘]?", lead))
        self.in_list = len(idx) >= 2 or one_per_line
        self.items = _items(text, s, e, people, idx)
        self.semicolons = ";" in text[s:e]
        self.used: set[int] = set()

    def title_start(self, k: int, item: _Item, gap_start: int) -> tuple[int, int]:
        """(first item, start) of the words before item k's name that may be its title. In a list
        whose items are divided by semicolons, a title holds commas ("Minister of Foreign Affairs,
        Trade and Culture of X NAME"): the items before, back to the last semicolon, that name no
        one, are part of it, when item k itself starts with words before its name."""
        if not self.semicolons or not self.text[item.start:gap_start].strip():
            return k, item.start
        j = k
        while j > 0 and not self.items[j - 1].people and j - 1 not in self.used \
                and ";" not in self.text[self.items[j - 1].end:self.items[j].start] \
                and self.text[self.items[j - 1].start:self.items[j - 1].end].strip()[:1].isupper():
            j -= 1
        return j, self.items[j].start

    def assign(self) -> dict[int, _Role]:
        found = {}
        for k, item in enumerate(self.items):
            if len(item.people) == 1:
                role = self.role_of(k, item)
                if role is not None:
                    found[item.people[0]] = role
        return found

    def role_like(self, a: int, b: int, *, in_list: bool) -> bool:
        return _looks_like_role(self.text[a:b], in_list=in_list) and not _has_clause(self.doc, a, b)

    def role_of(self, k: int, item: _Item) -> _Role | None:
        text, i = self.text, item.people[0]
        p = self.people[i]
        role = self.name_as_title(p)
        if role is not None:
            return role
        # a title ending where the name (or its honorifics) starts: "TITLE NAME"
        gap_start = p.start
        for h in reversed(p.honorifics):
            pos = text.rfind(h, item.start, gap_start)
            if pos >= 0:
                gap_start = pos
        t = self.title_end.get(item.start + len(text[item.start:gap_start].rstrip()))
        first, start = self.title_start(k, item, gap_start)
        # a known title may hold a comma, and so may a title whose portfolios run on to the name
        # ("Minister of A, B and C NAME": _with_portfolios checked that no item names a person)
        if t is not None and (t.start >= start or t.head == "known" or "," in t.text):
            self.after_name(p, item)  # "TITLE NAME of the BODY": the body is the affiliation
            return t.start, t.end, "rule:title-name"
        # in a list, the words before the name in its item are the role ("artist Ana Lopez")
        before = _trim(text, start, gap_start, lead_in=(first == 0 or self.in_list))
        owner = _POSSESSIVE_END.search(text, before[0], before[1]) if before[1] > before[0] else None
        if owner and not p.organization and affiliation(owner.group("body")):
            p.organization = affiliation(owner.group("body"))  # "UNODC's NAME": the body's person
            before = (before[1], before[1])
        role_before = before[1] > before[0] and self.role_like(*before, in_list=True)
        if self.in_list and role_before and k > 0:
            if first < k:
                self.used.update(range(first, k))
            return (*before, "rule:list-item")
        # a body's lower-case title right before the name ("OSCE's special representative NAME",
        # "the Council of Europe's rapporteur NAME"), as news articles write titles
        if role_before and has_head(text[before[0]:before[1]]) and _starts_with_body(text[before[0]:before[1]]):
            return (*before, "rule:body-title-name")
        role, after = self.after_name(p, item)
        if role is not None or after is None:
            return role
        if after[1] > after[0]:
            return None  # the item holds more than the name
        if role_before:
            # words before the name that may be its title, and no known title: a title the
            # sentence gives after the name is its role ("opened by Justice NAME, Judge of X")
            kept = (list(p.honorifics), p.organization)
            run = self.after_run(k, i)
            if run is None or _title_in(self.titles, run[1], run[1] + 1) is None:
                p.honorifics, p.organization = kept  # nothing the run found is kept
                return None
            self.used.update(range(k + 1, run[0] + 1))
            return run[1], run[2], "rule:name-comma-title"
        # a bare name takes the role before it ("the TITLE, NAME") or after it ("NAME, TITLE")
        run = self.before_run(k)
        if run is not None:
            later = self.fuller_after(k, i, run)
            if later is not None:
                j, a, b = later
                self.used.update(range(k + 1, j + 1))
                return a, b, "rule:name-comma-title"
            j, a, b = run
            self.used.update(range(j, k))
            self.body_after(p, k)  # "Chair: NAME, Supreme Court of X": the body after the name
            return a, b, "rule:title-comma-name"
        run = self.after_run(k, i)
        if run is not None:
            j, a, b = run
            self.used.update(range(k + 1, j + 1))
            return a, b, "rule:name-comma-title"
        return None

    def fuller_after(self, k: int, i: int, before: tuple[int, int, int]) -> tuple[int, int, int] | None:
        """The title after item k's name when it names the body the person serves and the title
        before the name names none ("the moderator, NAME, Director of the X Institute": the
        Director); else None, and nothing the look found is kept."""
        p = self.people[i]
        kept = (list(p.honorifics), p.organization)
        if _names_a_body(self.text[before[1]:before[2]]):
            return None
        run = self.after_run(k, i)
        # "the TITLE, NAME, and the TITLE2, NAME2": a title before the next name is that person's
        if run is not None and _names_a_body(self.text[run[1]:run[2]]) and not (
                run[0] + 1 < len(self.items) and self.items[run[0] + 1].people):
            return run
        p.honorifics, p.organization = kept
        return None

    def body_after(self, p: PersonMention, k: int) -> None:
        """The item right after item k's name, when it names nobody and is a body or a country and
        ends the sentence or the line: the person's affiliation."""
        if k + 1 >= len(self.items) or k + 1 in self.used or self.items[k + 1].people or p.organization:
            return
        item = self.items[k + 1]
        phrase = self.text[item.start:item.end].strip(" ,;")
        body = affiliation(phrase) if phrase else None
        if body and k + 2 >= len(self.items):
            p.organization = body
            self.used.add(k + 1)

    def name_as_title(self, p: PersonMention) -> _Role | None:
        """"elected NAME (Country) as TITLE": the office named after "as"."""
        as_title = _AS_TITLE.match(self.text, p.end)
        t = next((t for t in self.titles if as_title and t.start == as_title.end()), None)
        if t is None:
            return None
        bracket = re.search(r"\(([^()]*)\)", as_title.group())
        if bracket and affiliation(bracket.group(1)):
            p.organization = affiliation(bracket.group(1))  # "NAME (Austria) as Chair"
        return t.start, t.end, "rule:name-as-title"

    def after_name(self, p: PersonMention, item: _Item) -> tuple[_Role | None, tuple[int, int] | None]:
        """What follows the name in its item: post-nominals ("NAME S.J."), a bracket ("NAME
        (Austria)": an affiliation; "NAME (Head of Unit)": a role), "NAME of the X" (an affiliation).
        (the role, the rest of the item), or (None, None) when the item is settled without a role."""
        text = self.text
        after = _trim(text, p.end, item.end, lead_in=False)
        if after[1] > after[0] and _is_post_nominal(text[after[0]:after[1]]):
            p.honorifics.append(text[after[0]:after[1]])  # "NAME S.J."
            after = (after[1], after[1])
        if text[p.end:after[0]].strip().startswith("("):
            close = text.find(")", after[0], item.end + 1)
            b = close if close > 0 else after[1]
            phrase = text[after[0]:b].strip()
            body = affiliation(phrase)
            if body:
                p.organization = body
            elif self.role_like(after[0], after[0] + len(phrase), in_list=True):
                if close < 0:  # "NAME (TITLE, BODY)": the bracket's last part is the affiliation
                    shut = text.find(")", item.end, item.end + 120)
                    rest = text[item.end:shut].strip(" ,;") if shut > 0 and "\n" not in text[item.end:shut] else ""
                    if rest and affiliation(rest) and not p.organization:
                        p.organization = affiliation(rest)
                return (after[0], after[0] + len(phrase), "rule:name-paren-title"), after
            after = _trim(text, b + 1, item.end, lead_in=False) if close > 0 else (item.end, item.end)
        affiliated = re.match(vocab(r"(?:@genitive|@origin)\s+(?:@definite\s+)?"), text[after[0]:after[1]])
        if affiliated:
            body_start = after[0] + affiliated.end()
            body_end = _noun_phrase_end(self.doc, body_start, after[1])
            if affiliation(text[body_start:body_end]):
                p.organization = affiliation(text[body_start:body_end])  # "NAME of the X (said ...)"
                return None, None
        return None, after

    def before_run(self, k: int) -> tuple[int, int, int] | None:
        """(first item used, start, end) of the role in the items before item k."""
        text, items, people = self.text, self.items, self.people
        end_item = items[k - 1] if k else None
        if end_item is not None and _COORDINATOR_END.fullmatch(text[end_item.end:items[k].start]):
            return None  # "the TITLE and NAME": two people
        if end_item is None or end_item.people and people[end_item.people[-1]].end > end_item.start and \
                _title_in(self.titles, people[end_item.people[-1]].end, end_item.end) is None:
            return None
        end = _trim(text, end_item.start, end_item.end, lead_in=False)[1]
        body: tuple[int, int, int] | None = None  # a body item met on the way back
        for j in range(k - 1, max(-1, k - 6), -1):
            item = items[j]
            if j in self.used or ";" in text[item.end:items[j + 1].start]:
                break  # a list of "NAME, TITLE; NAME, TITLE": a role never crosses a semicolon
            lo = people[item.people[-1]].end if item.people else item.start
            t = _title_in(self.titles, lo, item.end)
            if t is not None:
                # "the TITLE, BODY, BODY, NAME": the title with the bodies it serves in
                return j, t.start, end
            a, b = _trim(text, lo, item.end, lead_in=True)
            if item.people or b <= a:
                break
            if has_head(text[a:b]):
                return (j, a, end) if self.role_like(a, end, in_list=False) else None
            if _is_org(text[a:b]):
                body = body or ((j, a, end) if self.role_like(a, end, in_list=False) else None)
            elif body is None and k - j >= 3:
                break  # three items back with neither a title nor a body: no role before the name
        return body

    def affiliation_after(self, j: int, i: int) -> None:
        """'NAME, TITLE, University of X': the body after the title is the affiliation."""
        nxt = j + 1
        if nxt < len(self.items) and not self.items[nxt].people:
            a, b = _trim(self.text, self.items[nxt].start, self.items[nxt].end, lead_in=False)
            org = affiliation(self.text[a:b]) if b > a and not has_head(self.text[a:b]) else None
            if org:  # a body, or the country a national official serves ("..., Minister of X, Austria")
                portfolios = _PORTFOLIOS.match(self.text, b) if _COMPLEMENT.search(self.text[a:b]) else None
                if org == self.text[a:b] and portfolios and portfolios.group().startswith(",") \
                        and not has_head(portfolios.group()) and not any(
                            it.people for it in self.items[nxt + 1:] if it.start < portfolios.end()):  # ", and NAME"
                    b = portfolios.end()  # "Ministry of Gender, Children and Social Protection"
                    org = self.text[a:b]
                    self.used.update(j for j in range(nxt + 1, len(self.items)) if self.items[j].start < b)
                self.people[i].organization = org
                self.used.add(nxt)

    def title_follows(self, j: int) -> bool:
        """The item after item j opens with a title of the title grammar and names nobody."""
        nxt = j + 1
        if nxt >= len(self.items) or self.items[nxt].people or nxt in self.used:
            return False
        a, b = _trim(self.text, self.items[nxt].start, self.items[nxt].end, lead_in=False)
        title = _title_in(self.titles, a, a + 1)
        return b > a and title is not None and title.start == a

    def unit_after(self, j: int, a: int, b: int) -> tuple[int, int] | None:
        """(item, end) of the unit a bare title in [a, b) heads, written in the next item ("Director,
        Department of Social Welfare", "Head, Legal Affairs Unit"): a title of capitalised words
        with no complement, then a phrase that opens or ends with a unit word (meetings.yaml
        organiser_sub_units) and names nobody."""
        words = self.text[a:b].split()
        nxt = j + 1
        if len(words) > 2 or not all(w[:1].isupper() for w in words) or not has_head(self.text[a:b]) \
                or nxt >= len(self.items) or self.items[nxt].people or nxt in self.used:
            return None
        c, d = _trim(self.text, self.items[nxt].start, self.items[nxt].end, lead_in=False)
        units = load("meetings.yaml").organiser_sub_units
        phrase = self.text[c:d].split()
        if not phrase or not (phrase[0] in units or phrase[-1] in units) or has_head(self.text[c:d]):
            return None
        return nxt, d

    def second_title(self, j: int) -> tuple[int, int] | None:
        """(item, end) of a second title in the item right after the title of item j, where nothing
        but a title is written there ("NAME, Chair of X, Head of Delegation")."""
        nxt = j + 1
        if nxt >= len(self.items) or self.items[nxt].people or nxt in self.used:
            return None
        a, b = _trim(self.text, self.items[nxt].start, self.items[nxt].end, lead_in=False)
        title = _title_in(self.titles, a, a + 1)
        if b <= a or title is None or title.start != a or title.end != b or not self.role_like(a, b, in_list=self.in_list):
            return None
        return nxt, b

    def after_run(self, k: int, i: int) -> tuple[int, int, int] | None:
        """(item used, start, end) of the role in the items after item k; affiliations and
        post-nominals in between go to the person."""
        text, items, p = self.text, self.items, self.people[i]
        for j in range(k + 1, min(len(items), k + 4)):
            item = items[j]
            if item.people or j in self.used:
                return None
            a, b = _trim(text, item.start, item.end, lead_in=False)
            if b <= a:
                return None
            phrase = text[a:b]
            if _is_post_nominal(phrase) or (_unknown_letters(phrase) and j + 1 < len(items)
                                            and not items[j + 1].people):
                p.honorifics.append(phrase)  # "NAME, S.J., TITLE"; "NAME, IBVM, TITLE": letters before a title
                continue
            country = country_of(phrase)
            body = affiliation(phrase) if country == phrase or not has_head(phrase) else None
            if body and (country or body != phrase):
                # "NAME, COUNTRY, TITLE", "NAME | IOM Ghana |": the country or body the person serves
                p.organization = p.organization or body
                if self.title_follows(j):
                    continue
                return None  # a country or a body's office is no role
            if self.role_like(a, b, in_list=self.in_list):
                longer = next((t for t in self.titles if t.start == a and t.end > b), None)
                if longer is not None:  # "NAME, Minister of X, Y and Z": the title's portfolios run on
                    return max(n for n in range(j, len(items)) if items[n].start < longer.end), a, longer.end
                unit = self.unit_after(j, a, b)
                self.affiliation_after(j, i)
                shorter = next((t for t in self.titles if t.start == a and t.end < b), None)
                if shorter is not None and _ROLE_TAIL.match(text, shorter.end, b):
                    return j, a, shorter.end  # "Director of the X Institute in the field of Y": the title
                second = self.second_title(j)
                if second is not None:  # "NAME, Chair of X, Minister of Y": one role of two titles
                    return second[0], a, second[1]
                if unit is not None:  # "NAME, Director, Department of X": the unit the bare title heads
                    return unit[0], a, unit[1]
                return j, a, b
            verb = _verb_of_subject_before(self.doc, a, b)
            if verb is not None and self.role_like(a, verb, in_list=self.in_list):
                return j, a, verb  # "NAME, TITLE in X opened the session": the words before the verb
            t = _title_in(self.titles, a, a + 1)
            if t is not None:  # "NAME, TITLE was concerned ...": the title, not the clause
                return j, t.start, t.end
            if gazetteer().lookup(phrase) is not None:  # "NAME, BODY": the body is the affiliation
                return j, a, b
            return None
        return None


def _title_on_next_line(doc: Doc, p: PersonMention) -> tuple[int, int] | None:
    """A list that puts each name on its own line and the title on the indented line below it
    ("• Dr Ana LOPEZ" / "    Head of the X Unit, Head of Delegation"): that line up to its first comma."""
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, p.start) + 1
    line_end = text.find("\n", p.end)
    if line_end < 0 or text[p.end:line_end].strip(" ,;:."):
        return None  # more than the name on its line
    lead = re.sub(rf"^[^\S\n]*{lexicon().bullet_class}?", "", text[line_start:p.start])
    if any(fold(w).rstrip(".") not in honorific_keys() and not has_head(w) for w in lead.split()):
        return None  # the line holds more than a bullet and honorifics before the name
    next_end = text.find("\n", line_end + 1)
    nxt = text[line_end + 1:len(text) if next_end < 0 else next_end]
    a = line_end + 1 + len(nxt) - len(nxt.lstrip())
    if bullet_re().match(nxt) or not nxt.strip():
        return None
    if not re.match(r"[ \t]+\S", nxt):
        # not indented: a signature block ("NAME" / "Head of Unit, Directorate X") when a title of the
        # title grammar opens a short line that is no sentence
        title = next((t for t in titles_of(doc) if t.start == a), None)
        if title is None or nxt.rstrip().endswith((".", "!", "?")) or len(nxt.split()) > 12:
            return None
        b = a + len(re.match(r"[^,;\n]*", text[a:]).group().rstrip(" ."))
        _body_after_title(text, b, line_end + 1 + len(nxt), p)
        return a, b
    b = a + len(re.match(r"[^,;\n]*", text[a:]).group().rstrip(" ."))
    if b > a and _looks_like_role(text[a:b], in_list=True) and has_head(text[a:b]) and not _has_clause(doc, a, b):
        _body_after_title(text, b, line_end + 1 + len(nxt), p)
        return a, b
    title = next((t for t in titles_of(doc) if t.start == a), None)  # "TITLE to do X": the title alone
    return (a, title.end) if title is not None else None


def _body_after_title(text: str, b: int, line_end: int, p: PersonMention) -> None:
    """"TITLE, BODY" on the line below a name: the body, when the rest of the line is one, is the
    person's organisation (unless one is known)."""
    rest = text[b:line_end].strip(" ,;.")
    if p.organization is None and text[b:b + 1] == "," and rest and not has_head(rest):
        p.organization = affiliation(rest)


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


def role_mention(text: str, start: int, end: int, method: str, confidence: float, person=None) -> RoleMention:
    role = text[start:end]
    role = re.sub(vocab(r"^(?i:@definite)\s+"), "", role)
    possessive = re.match(vocab(r"(\p{Lu}[\p{L}.-]*(?:\s+(?:@genitive\s+(?:@definite\s+)?)?\p{Lu}[\p{L}.-]*){0,3})['’]s\s+"), role) if person is None else None
    held_for = country_of(possessive.group(1)) if possessive and possessive.end() < len(role) else None
    if held_for:
        role = role[possessive.end():]  # "Norway's Minister of Health": the office, held for that country
    start = end - len(role)
    organization, country = role_org_country(role)
    organization = presence_named_in(text, role) or organization
    country = country or held_for
    role_norm = strip_country(normalise(role), country)
    return RoleMention(start, end, role, role_norm, organization, country, method, confidence, person)


def _one_holder_office(title: str) -> bool:
    """A state's office of two words or more ("the Attorney General", "the Prime Minister"): one
    holder at a time, so it names a person without a modifier (roles.yaml national_offices)."""
    return len(title.split()) >= 2 and fold(title) in _national_office_keys()


@lru_cache(maxsize=None)
def _national_office_keys() -> frozenset[str]:
    return frozenset(fold(o) for o in roles().national_offices)


def _modifies_a_noun(doc: Doc, start: int, end: int) -> bool:
    """The parse makes the title's last word a modifier (compound) of a noun after it that names no
    person ("the Special Rapporteur mandate was renewed")."""
    if not doc.has_annotation("DEP"):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    last = span[-1]
    head = last.head
    return last.dep_ == "compound" and head.i == span.end and head.ent_type_ != "PERSON" and head.text[:1].islower()


def _delegation_country(doc: Doc, p: PersonMention) -> str | None:
    """The country of the delegation a person leads, by the parse: the agent of "led / headed by"
    whose subject (or the noun it describes) is a delegation the words before name a country ("The
    Ugandan delegation was led by NAME", "the delegation of X, headed by NAME")."""
    if not doc.has_annotation("DEP"):
        return None
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    classes = lexicon().word_classes
    if span is None or span.root.dep_ != "pobj" or span.root.head.dep_ != "agent":
        return None
    verb = span.root.head.head
    if verb.lower_ not in classes["leading_verbs"]:
        return None
    noun = verb.head if verb.dep_ == "acl" else next((c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")), None)
    if noun is None or noun.lower_ not in classes["delegation_nouns"]:
        return None
    # the delegation's own words, without the clause that names its head ("..., headed by NAME")
    inside = verb.dep_ == "acl"
    words = [t for t in noun.subtree if not (inside and verb.left_edge.i <= t.i <= verb.right_edge.i)]
    found = countries_in(" ".join(t.text for t in words))
    return found[0] if found else None


def attach_roles(doc: Doc, people: list[PersonMention], *, role_only_confidence: float = 0.75) -> list[RoleMention]:
    """Roles of named people; an organisation in the role's place is the affiliation; then
    role-only mentions: titles that belong to no named person."""
    text = doc_text(doc)
    titles = _cut_titles(titles_of(doc), people, text)
    out: list[RoleMention] = []
    taken: list[tuple[int, int]] = [(p.start, p.end) for p in people]
    assigned = _assign(doc, people, titles)
    for i, p in enumerate(people):
        # a name a person noun describes ("survivor Ana"), when no title is found for it
        if i not in assigned and p.role_start is not None:
            assigned[i] = (p.role_start, p.role_end, "rule:noun-name")
        elif i not in assigned and "\n" in text[p.start:p.end]:
            # a name broken across two lines: the title after its comma on the second line
            after = re.match(r",[^\S\n]*", text[p.end:])
            t = next((t for t in titles if after and t.start == p.end + after.end()), None)
            if t is not None:
                assigned[i] = (t.start, t.end, "rule:name-comma-title")
                line_end = text.find("\n", t.end)
                _body_after_title(text, t.end, len(text) if line_end < 0 else line_end, p)
    for p in people:
        p.organization = p.organization or _delegation_country(doc, p)
    for i, (start, end, method) in sorted(assigned.items()):
        p = people[i]
        phrase = text[start:end]
        if _is_org(phrase):
            org = gazetteer().lookup(phrase)
            p.organization = gazetteer().resolve(org).label if org else phrase
            taken.append((start, end))
            continue
        confidence = 0.92 if parse_confirms(doc, p, start, end) else 0.85
        rm = role_mention(text, start, end, method, confidence, person=p)
        # "NAME (Austria), Vice-Chair ...": an affiliation written apart; a body the gazetteer does
        # not know, named in the role ("Director of the X Centre for Y"); a national official's
        # organisation is their country ("Finnish Minister of Justice")
        rm.organization = rm.organization or p.organization or body_in_role(rm.role) or rm.country
        rm.country = rm.country or country_of(rm.organization or "")
        p.role, p.role_start, p.role_end, p.role_method = rm.role, rm.start, rm.end, method
        out.append(rm)
        taken.append((start, end))
    # role-only mentions: a singular, capitalised title that is not part of an organisation's name;
    # a shorter title whose words all stand in a longer one of the document is the same office
    def words(t):
        return set(fold(t.text).replace("the ", "").split())

    held = [(r.start, r.end) for r in out]  # roles of named people
    for t in titles:
        if any(overlaps((t.start, t.end), span) for span in taken):
            continue
        if any(re.fullmatch(vocab(r",[^\S\n]*(?:@coordinator[^\S\n]+)?"), text[e:t.start]) for _, e in held) or \
                any(re.fullmatch(r",[^\S\n]*", text[t.end:s]) for s, _ in held):
            continue  # "NAME, TITLE, TITLE" / "TITLE, TITLE NAME": another office of the same person
        line_end = text.find("\n", t.end)
        t_line = (text.rfind("\n", 0, t.start) + 1, len(text) if line_end < 0 else line_end)
        if any(t_line[0] <= s < t_line[1] for s, _ in held) and not any(t_line[0] <= p.start < t_line[1] for p in people):
            continue  # another office on the title line below a name ("TITLE, Head of Delegation")
        if any(words(t) <= set(fold(r.role).replace("the ", "").split()) for r in out):
            continue  # the office of a person the document names: that person, not a role-only mention
        if any(u is not t and words(t) < words(u) for u in titles):
            continue
        if not (t.has_modifier or _one_holder_office(t.text)) or after_org_prefix(text, t.start) or \
                _office_not_holder().search(text[max(0, t.start - 40):t.start]):
            continue  # part of a body's name, or an office to be filled ("Election of the Chair of X")
        if re.match(r"['’]s\b", text[t.end:t.end + 3]):  # "the Secretary General's Roadmap"
            continue
        if not _refers_to_holder(doc, t):
            continue  # a heading, part of a name, an office in general
        if _modified_noun().match(text, t.end) and text[t.end:t.end + 2].strip()[:1].isupper():
            continue  # "the Regional Expert Meeting": a title word naming a meeting or a body
        if _modifies_a_noun(doc, t.start, t.end):
            continue  # "the Special Rapporteur mandate", "Chair's report": the title describes a thing
        end = _mandate_end(doc, t.start, t.end)
        out.append(role_mention(text, t.start, end, "rule:role-only", role_only_confidence))
        taken.append((t.start, end))
    out.sort(key=lambda r: r.start)
    return out


_MANDATE = WordPattern(r"[^\S\n]+@topic_on[^\S\n]+[a-z]")


def _mandate_end(doc: Doc, start: int, end: int) -> int:
    """A title's mandate written in lower case after "on" ("the Special Rapporteur on trafficking in
    persons"): where the parse makes "on" a complement of the title's last word, to the end of that
    phrase (never past a comma); else the title's own end."""
    if not doc.has_annotation("DEP") or not _MANDATE.match(doc_text(doc), end):
        return end
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return end
    prep = doc[span.end]
    if prep.head.i != span[-1].i or prep.dep_ != "prep":
        return end
    last = prep.right_edge
    comma = next((t for t in doc[prep.i:last.i + 1] if t.text in ",;:()"), None)
    if comma is not None:
        last = doc[comma.i - 1]
    return last.idx + len(last)


class PeopleFinder:
    """Named people with their roles, and role-only mentions: doc._.people, doc._.roles."""

    assigns = ("people", "roles")

    def __init__(self, nlp: Language, name: str, *, role_only_confidence: float):
        self.name = name
        self.role_only_confidence = checked_confidence(name, "role_only_confidence", role_only_confidence)

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        people = find_people(doc)
        doc._.people = people
        doc._.roles = attach_roles(doc, people, role_only_confidence=self.role_only_confidence)
        return doc


@Language.factory("rapporteur_people", assigns=["doc._.people", "doc._.roles"], requires=["doc.ents", "token.dep", "doc.sents"],
                  default_config={"role_only_confidence": 0.75})
def make_people_finder(nlp: Language, name: str, role_only_confidence: float) -> PeopleFinder:
    return PeopleFinder(nlp, name, role_only_confidence=role_only_confidence)
