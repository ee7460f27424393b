"""Participant counts: "[qualifier] NUMBER [words] UNIT", with bounds and nesting.

Numbers that do not count attendance are left alone: years, percentages, durations, ordinals,
and nouns that are not in the unit lexicon ("four project proposals", "24 years").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from spacy.language import Language
from spacy.tokens import Doc

from .numbers import number_re, parse_number
from ..lang.dateparse import MONTH
from ..lang.resources import alternation, fold, lexicon, load, roles, word_set, vocab
from .util import checked_confidence, doc_text, guarded

@dataclass
class Count:
    start: int
    end: int
    text: str
    value: int
    qualifier: str
    lower: int | None
    upper: int | None
    unit: str
    part_of: int | None = None  # index of the enclosing count in the document's list
    method: str = "rule:count"
    confidence: float = 0.9


def bounds(value: int, qualifier: str, upper_value: int | None = None) -> tuple[int | None, int | None]:
    """Integer bounds a qualifier implies; ranges are kept as ranges, never averaged."""
    if upper_value is not None:
        return value, upper_value
    return {
        "exact": (value, value),
        "more_than": (value + 1, None),
        "over": (value + 1, None),
        "nearly": (None, value),
        "fewer_than": (None, value - 1),
        "at_least": (value, None),
        "up_to": (None, value),
    }.get(qualifier, (None, None))


@lru_cache(maxsize=None)
def _grammar():
    res = load("counts.yaml")
    qual_words = []
    for qual, forms in res.qualifiers.items():
        for w in forms:
            qual_words.append((w, qual))
    qual_words.sort(key=lambda t: len(t[0]), reverse=True)
    qual_re = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w, _ in qual_words)
    unit_words = sorted(((w, u) for u, ws in res.units.items() for w in ws), key=lambda t: len(t[0]), reverse=True)
    unit_re = "|".join(f"(?P<u{i}>{re.escape(w).replace(chr(92) + ' ', chr(92) + 's+')})" for i, (w, _) in enumerate(unit_words))
    between = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(res.between, key=len, reverse=True))
    # a counted noun is the head of its phrase: one right before another ("three United Nations
    # agencies") modifies it, and the count runs on to the second
    any_unit = "|".join(re.escape(w).replace(chr(92) + " ", chr(92) + "s+") for w, _ in unit_words)
    shapes = "|".join(f"(?-i:{s})" for s in res.between_shapes)
    nested = "|".join(res.nested)
    pattern = re.compile(vocab(
        rf"(?<![\w.,/-])(?:(?P<qual>{qual_re})\s+)?(?P<num>{number_re()})(?P<plus>\+)?"
        # a range, never from a year ("12 May 2006 - Twenty judges": the count starts at "Twenty")
        rf"(?:(?<!(?:19|20)\d\d)\s*(?:-|–|@range_connectors)\s*(?P<num2>{number_re()}))?"
        rf"(?P<nest>\s+(?:{nested}))?"
        rf"\s+(?:(?:{between}|{shapes})\s+){{0,6}}?(?:{unit_re})(?![\w-])(?!\s+(?:{any_unit})(?![\w-]))"),
        re.IGNORECASE,
    )
    # any one to four words between the number and the unit, kept only where the parse makes the
    # number a modifier of the unit's noun ("35 member countries", "40 civil society representatives")
    loose = re.compile(vocab(
        rf"(?<![\w.,/-])(?:(?P<qual>{qual_re})\s+)?(?P<num>{number_re()})(?P<plus>\+)?"
        rf"\s+(?:[\w'’-]+\s+){{1,4}}?(?:{unit_re})(?![\w-])"),
        re.IGNORECASE,
    )
    excluded_before = re.compile(vocab(rf"(?:\b(?:{'|'.join(res.addressed_before)})\s+(?:@all\s+)?(?:@definite\s+)?|(?:{'|'.join(res.not_after)})\s*)$"), re.I)
    excluded_after = re.compile(rf"\s*(?:{'|'.join(res.not_before)})\b", re.I)
    return (pattern, dict(qual_words), [u for _, u in unit_words], {w.lower() for w in res.anaphoric_before},
            excluded_before, excluded_after, loose)


_DAY_OF_MONTH = re.compile(rf"\s+{MONTH}\b")
_SENTENCE_END = regex.compile(r"\p{Ll}{2}[.!?]\s")  # a word's last letters, then a full stop ("U.N." is none)


def _modifies_unit(doc: Doc, m) -> bool:
    """The parse makes the match's number a modifier of its last noun (nummod, maybe through a
    compound number: "Forty-two ... coordinators")."""
    num = doc.char_span(m.start("num"), m.end("num"), alignment_mode="expand")
    unit = doc.char_span(m.end() - 1, m.end(), alignment_mode="expand")
    if num is None or unit is None or not len(num) or not len(unit):
        return False
    # ... and the phrase is an argument of its clause, not an apposition that describes another noun
    return num[-1].dep_ == "nummod" and num[-1].head.i == unit[-1].i and unit[-1].dep_ in _ARGUMENTS


_ARGUMENTS = ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "attr", "ROOT")


def _matches(text: str, doc: Doc | None):
    """The count grammar's matches in order; with a parsed Doc, also those with other words before the
    unit that the parse ties to it, where no match of the grammar overlaps them."""
    pattern, *_, loose = _grammar()
    strict = list(pattern.finditer(text))
    if doc is None or not doc.has_annotation("DEP"):
        return strict
    # tried from every place, not after the last match: "14 universities and two research institutes"
    # is no loose match of its own, and must not hide the one inside it
    extra, pos = [], 0
    while (m := loose.search(text, pos)) is not None:
        if not any(s.start() < m.end() and m.start() < s.end() for s in strict) and _modifies_unit(doc, m):
            extra.append(m)
            pos = m.end()
        else:
            pos = m.start() + 1
    return sorted(strict + extra, key=lambda m: m.start())


@lru_cache(maxsize=None)
def _origin_words() -> frozenset[str]:
    classes = lexicon().word_classes
    return frozenset((*classes["origin"], *classes["genitive"]))


def find_counts(text: str, doc: Doc | None = None) -> list[Count]:
    _, qual_map, units, anaphoric, excluded_before, excluded_after, _ = _grammar()
    counts: list[Count] = []
    for m in _matches(text, doc):
        value = parse_number(m.group("num"))
        if value is None:
            continue
        unit_index = next(int(k[1:]) for k, v in m.groupdict().items() if k.startswith("u") and k[1:].isdigit() and v)
        unit = units[unit_index]
        unit_text = m.group(f"u{unit_index}")
        if _DAY_OF_MONTH.match(text, m.end("num")):
            continue  # a day of a date ("on 2 May"), not a count
        groups = m.groupdict()
        words_start = m.end("nest") if groups.get("nest") else m.end("num2") if groups.get("num2") else m.end("num")
        if _SENTENCE_END.search(text, words_start, m.start(f"u{unit_index}")):
            continue  # the words before the unit run across the end of a sentence
        if unit == "countries" and unit_text in ("states", "States") and groups.get("nest") is None:
            # "15 States" counts countries only when the word is capitalised as a noun of membership
            if not unit_text[0].isupper():
                continue
        prev = re.search(r"(?:(\w+)\s+)?(\w+)\s*$", text[max(0, m.start() - 30):m.start()])
        if m.group("qual") is None and prev and prev.group(2).lower() in anaphoric and not (
                prev.group(1) and prev.group(1).lower() in _origin_words()):
            continue  # "All four speakers" refers back; "representatives from all 27 States" counts them
        if excluded_after.match(text, m.end("num")) or excluded_before.search(text[max(0, m.start() - 40):m.start()]):
            continue  # a percentage, an amount, an age, or the addressees of a call
        if re.fullmatch(r"(?:19|20)\d\d", m.group("num")) and m.group("qual") is None:
            continue  # a year, not a count
        qual_text = m.group("qual")
        qualifier = qual_map.get(re.sub(r"\s+", " ", qual_text.lower())) if qual_text else "exact"
        if qualifier is None:
            qualifier = next((q for w, q in qual_map.items() if w.lower() == re.sub(r"\s+", " ", qual_text.lower())), "exact")
        if groups.get("plus") and qualifier == "exact":
            qualifier = "at_least"  # "150+ participants"
        value2 = parse_number(m.group("num2")) if groups.get("num2") else None
        if value2 is not None and qualifier in ("exact", "between"):
            qualifier = "between"
        lower, upper = bounds(value, qualifier, value2)
        count = Count(m.start(), m.end(), m.group(), value, qualifier, lower, upper, unit)
        nested_after = re.search(vocab(r"\b@part_lead_ins\s+$"),
                                 text[max(0, m.start() - 25):m.start()], re.I)
        if groups.get("nest") or nested_after:
            # the enclosing count is the nearest one before it in the same sentence or bracket
            enclosing = [i for i, c in enumerate(counts) if c.end <= m.start() and "." not in text[c.end:m.start()]]
            if enclosing:
                count.part_of = enclosing[-1]
        counts.append(count)
    return _with_breakdowns(text, _with_labelled(text, _with_bare_attendance(text, counts)))


def _qualified(value: int, qual_text: str | None, qual_map: dict[str, str]) -> tuple[str, int | None, int | None]:
    """(qualifier, lower, upper) of a number written after an optional qualifier ("about 75")."""
    qualifier = qual_map.get(re.sub(r"\s+", " ", qual_text.lower()), "exact") if qual_text else "exact"
    return (qualifier, *bounds(value, qualifier))


@lru_cache(maxsize=None)
def _bare_attendance_re() -> re.Pattern:
    res = load("counts.yaml")
    qual_re = alternation(w for forms in res.qualifiers.values() for w in forms)
    return re.compile(rf"(?<![\w.,/-])(?:(?P<qual>{qual_re})\s+)?(?P<num>{number_re()})\s+(?:{alternation(res.bare_attendance_verbs)})\b",
                      re.IGNORECASE)


def _with_bare_attendance(text: str, counts: list[Count]) -> list[Count]:
    """The counts with a number that has no noun and attends ("while 85 attended in person"):
    participants, never a year, a percentage or a number a count already holds."""
    rules = load("counts.yaml")
    if not rules.bare_attendance_verbs:
        return counts
    _, qual_map, _, _, excluded_before, excluded_after, _ = _grammar()
    out = list(counts)
    for m in _bare_attendance_re().finditer(text):
        value = parse_number(m.group("num"))
        if value is None or any(c.start < m.end() and m.start() < c.end for c in counts):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", m.group("num")) or excluded_after.match(text, m.end("num")) \
                or excluded_before.search(text[max(0, m.start() - 40):m.start()]):
            continue
        qualifier, lower, upper = _qualified(value, m.group("qual"), qual_map)
        out.append(Count(m.start(), m.end(), m.group(), value, qualifier, lower, upper, "participants"))
    return _in_order(out) if len(out) > len(counts) else counts


@lru_cache(maxsize=None)
def _breakdown_re() -> re.Pattern:
    res = load("counts.yaml")
    return re.compile(rf"\b(?:{alternation(res.breakdown_leads)})\s+(?P<num>{number_re()})\s+(?:{alternation(res.breakdown_verbs)})\b",
                      re.IGNORECASE)


BREAKDOWN_METHOD = "rule:count-breakdown"  # a count's people by sex or age


def _in_order(counts: list[Count]) -> list[Count]:
    """The counts sorted by place, each part still pointing at its enclosing count."""
    order = sorted(range(len(counts)), key=lambda i: counts[i].start)
    new_index = {old: new for new, old in enumerate(order)}
    return [replace(counts[i], part_of=new_index[counts[i].part_of] if counts[i].part_of is not None else None)
            for i in order]


LABEL_METHOD = "rule:count-label"  # an event page's labelled line ("Participants: 75")


@lru_cache(maxsize=None)
def _label_re() -> tuple[re.Pattern, dict[str, str]]:
    res = load("counts.yaml")
    unit_of = {fold(w): unit for unit, words in res.labels.items() for w in words}
    labels = alternation(w for words in res.labels.values() for w in words)
    qual_re = alternation(w for forms in res.qualifiers.values() for w in forms)
    return re.compile(rf"(?im)^[^\S\n]*(?:[*_]{{1,2}})?(?P<label>{labels})(?:[*_]{{1,2}})?[^\S\n]*:[^\S\n]*(?:[*_]{{1,2}})?"
                      rf"(?:(?P<qual>{qual_re})[^\S\n]+)?(?P<num>{number_re()})(?![\w,.]*\d)"), unit_of


def _with_labelled(text: str, counts: list[Count]) -> list[Count]:
    """The counts of an event page's labelled lines ("Participants: about 75"), where no count
    already holds the number."""
    pattern, unit_of = _label_re()
    _, qual_map, *_ = _grammar()
    out = list(counts)
    for m in pattern.finditer(text):
        value = parse_number(m.group("num"))
        if value is None or any(c.start < m.end() and m.start() < c.end for c in counts):
            continue
        qualifier, lower, upper = _qualified(value, m.group("qual"), qual_map)
        start = m.start("label")
        out.append(Count(start, m.end(), text[start:m.end()], value, qualifier, lower, upper,
                         unit_of[fold(m.group("label"))], method=LABEL_METHOD))
    return _in_order(out) if len(out) > len(counts) else counts


@lru_cache(maxsize=None)
def _descriptor_breakdown_re() -> re.Pattern:
    """A number of people by sex or age after a count ("40 participants, 28 women and 12 men")."""
    r = roles()
    words = sorted({r.plural(n) for n in r.person_descriptors}, key=len, reverse=True)
    return re.compile(rf"(?<![\w.,/-])(?P<num>{number_re()})\s+(?:{alternation(words)})\b", re.IGNORECASE)


def _with_breakdowns(text: str, counts: list[Count]) -> list[Count]:
    """The counts with the breakdowns that name no noun ("..., of which three were new"), or that
    count people by sex or age ("40 participants, 28 women and 12 men"): each a part of the nearest
    count before it in its sentence; a breakdown by sex or age, and a part of a count of bodies,
    count `other`, a part of people what that count counts."""
    rules = load("counts.yaml")
    if not rules.breakdown_leads:
        return counts
    out = list(counts)
    found = [(m, False) for m in _breakdown_re().finditer(text)]
    found += [(m, True) for m in _descriptor_breakdown_re().finditer(text)]
    for m, by_descriptor in sorted(found, key=lambda f: f[0].start()):
        value = parse_number(m.group("num"))
        if value is None or any(c.start <= m.start("num") < c.end for c in out):
            continue
        enclosing = [i for i, c in enumerate(out) if c.end <= m.start() and "." not in text[c.end:m.start()]
                     and not (by_descriptor and c.part_of is not None)]  # "28 women and 12 men": both of the 40
        if not enclosing:
            continue
        parent = out[enclosing[-1]]
        if by_descriptor and parent.unit in rules.entity_units:
            continue  # "12 countries, 5 women ...": no part of a count of bodies
        unit = parent.unit if parent.unit not in rules.entity_units and not by_descriptor else "other"
        start = m.start("num")
        part = Count(start, m.end(), text[start:m.end()], value, "exact", value, value, unit)
        part.part_of = enclosing[-1]
        if by_descriptor:
            part.method = BREAKDOWN_METHOD
        out.append(part)
    return _in_order(out) if len(out) > len(counts) else out


class CountFinder:
    """Participant counts: doc._.counts."""

    assigns = ("counts",)

    def __init__(self, nlp: Language, name: str, *, confidence: float):
        self.name = name
        self.confidence = checked_confidence(name, "confidence", confidence)

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        found = find_counts(doc_text(doc), doc)
        kept = [i for i, c in enumerate(found) if attends(doc, c)]
        # a part keeps its enclosing count by its new place in the list, or stands alone without it
        place = {old: new for new, old in enumerate(kept)}
        doc._.counts = [replace(found[i], confidence=self.confidence,
                                part_of=place.get(found[i].part_of) if found[i].part_of is not None else None)
                        for i in kept]
        return doc


def attends(doc: Doc, count: Count) -> bool:
    """A count of bodies or states is attendance unless its noun is the subject of a verb that is
    not an attendance verb ("14 participating States have adopted laws" is a statistic) or the
    object of a verb of possession ("the network has 40 members")."""
    rules = load("counts.yaml")
    if count.method in (BREAKDOWN_METHOD, LABEL_METHOD):
        return True  # a part of the count before it, which attends; the page's own figure
    if count.unit not in rules.entity_units:
        if count.text.rsplit(None, 1)[-1].lower() not in _anyone_nouns():
            return True  # a count of attendees ("40 delegates") always is attendance
        span = doc.char_span(count.start, count.end, alignment_mode="expand")
        return span is None or not len(span) or _anyone_attends(span[-1])
    span = doc.char_span(count.start, count.end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    noun = span[-1]
    if noun.dep_ == "dobj" and noun.head.lower_ in word_set("counts.yaml", "possession_verbs"):
        return False  # "the network has 40 members": its size, not who came
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return True
    verb = noun.head
    # the verb itself, not its auxiliary: "were represented" attends, "were launched" does not
    words = {verb.lower_, *(c.lower_ for c in verb.children if c.dep_ == "prt")}
    perfect = any(c.dep_ == "aux" and c.lower_ in ("have", "has") for c in verb.children)
    return bool(words & word_set("counts.yaml", "attendance_verbs")) and not perfect


@lru_cache(maxsize=None)
def _anyone_nouns() -> frozenset[str]:
    return word_set("counts.yaml", "anyone_nouns")


def _anyone_attends(noun) -> bool:
    """A count of a noun that counts anyone ("300 people") is attendance where the parse ties it to
    the meeting (counts.yaml anyone_nouns)."""
    if noun.lower_ not in _anyone_nouns() or not noun.doc.has_annotation("DEP"):
        return True
    amounts = word_set("counts.yaml", "amount_nouns")
    while (noun.dep_ in ("conj", "appos") or (noun.dep_ == "pobj" and noun.head.head.lower_ in amounts
                                              and noun.head.dep_ == "prep")) and noun.head.i != noun.i:
        # "40 experts and 300 people": as the first of the list; "a total of 300 people": as the amount
        noun = noun.head if noun.dep_ != "pobj" else noun.head.head
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass"):
        words = {head.lower_, *(c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass", "prt"))}
        return bool(words & word_set("counts.yaml", "attendance_verbs")) and noun.dep_ == "nsubj"
    if noun.dep_ == "dobj":
        return head.lower_ in word_set("counts.yaml", "gathering_verbs")
    if noun.dep_ == "pobj":
        verb = head.head
        if head.lower_ in word_set("counts.yaml", "company_preps"):
            return True
        if head.lower_ in lexicon().word_classes["agent_by"]:
            return verb.lower_ in word_set("counts.yaml", "gathering_verbs")
        return fold(verb.lemma_) in _meeting_noun_keys() or verb.lower_ in word_set("counts.yaml", "gathering_verbs")
    return True


@lru_cache(maxsize=None)
def _meeting_noun_keys() -> frozenset[str]:
    return frozenset(fold(n) for n in load("meetings.yaml").meeting_nouns)


@Language.factory("rapporteur_counts", assigns=["doc._.counts"], requires=["token.dep"], default_config={"confidence": 0.9})
def make_count_finder(nlp: Language, name: str, confidence: float) -> CountFinder:
    return CountFinder(nlp, name, confidence=confidence)
