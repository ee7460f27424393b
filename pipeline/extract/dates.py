"""Date expressions: ranges, single dates, months, relative words and year-only evidence.

Only our own patterns find dates; a found phrase is turned into a date by `dateparse` (dateparser
for full dates). Relative words are kept as offsets from the publication date and resolved later,
when a publication date is known (here or, in reconcile, from another source of the meeting).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..lang.dateparse import DAY, MONTH, YEAR, checked_date, month_number, possible_day
from .numbers import number_re, parse_number
from ..lang.resources import WordPattern, alternation, lexicon, load, vocab
from .util import add_error, doc_text, guarded

_SEP = r"\s*(?:-|–|—|@date_range_words)\s*(?:@definite\s+)?"
_D = rf"(?P<d1>{DAY})"
_CLOCK = r"\d{1,2}[:.]\d\d"  # a time of day written between the two ends of a range
_PATTERNS = [
    # 28 February - 1 March 2019 / 28 February to 1 March / 14 June 2021, 14:00 – 16 June 2021, 16:30
    ("range", WordPattern(rf"(?:@origin\s+)?(?P<d1>{DAY})\s+(?:@genitive\s+)?(?P<m1>{MONTH})(?:,?\s+(?P<y1>{YEAR}))?(?:,?\s+{_CLOCK})?"
                         rf"{_SEP}(?P<d2>{DAY})\s+(?:@genitive\s+)?(?P<m2>{MONTH})(?:,?\s+(?P<y>{YEAR}))?")),
    # 9-10 March 2019 / from 4 to 5 October 2018 / 4 and 5 October
    ("range", WordPattern(rf"(?:@origin\s+)?(?:@definite\s+)?(?P<d1>{DAY}){_SEP}(?P<d2>{DAY})\s+(?:@genitive\s+)?(?P<m1>{MONTH})(?:,?\s+(?P<y>{YEAR}))?")),
    # March 9-10, 2019
    ("range", WordPattern(rf"(?P<m1>{MONTH})\s+(?P<d1>{DAY}){_SEP}(?P<d2>{DAY}),?(?:\s+(?P<y>{YEAR}))?")),
    # 3 May 2019 / 3 May
    ("day", WordPattern(rf"(?P<d1>{DAY})\s+(?:@genitive\s+)?(?P<m1>{MONTH})(?:,?\s+(?P<y>{YEAR}))?")),
    # May 3, 2019
    ("day", re.compile(rf"(?P<m1>{MONTH})\s+(?P<d1>{DAY})(?:,\s+(?P<y>{YEAR}))?(?![\d:])")),
    # March 2019
    ("month", re.compile(rf"(?P<m1>{MONTH})\s+(?P<y>{YEAR})")),
]
_RELATIVE = WordPattern(r"\b(?P<w>@relative_days)\b", re.IGNORECASE)
# a date in figures: "27/09/2017", "14.05.2027" (day first unless the second figure cannot be a
# month's: "09/27/2017" is month first), "2027-05-14" (ISO); never inside a longer run of figures
_NUMERIC = re.compile(r"(?<![\w./-])(?:(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d\d)"
                      r"|(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d))(?![\w/-]|\.\d)")


def _numeric_parts(m: re.Match) -> tuple[int, int, int] | None:
    """(year, month, day) of a date in figures, or None where the figures name no day."""
    if m.group("iy"):
        year, month, day = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    else:
        a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        day, month = (a, b) if b <= 12 else (b, a)
    return (year, month, day) if checked_date(year, month, day) is not None else None


@lru_cache(maxsize=None)
def _relative_days() -> dict[str, int]:
    """Relative day words, folded to single spaces -> the days they add to the document's date."""
    return {" ".join(w.lower().split()): n for w, n in lexicon().relative_days.items()}


@dataclass
class DateExpr:
    start: int
    end: int
    text: str
    kind: str  # range, day, month, year, relative, weekday
    year: int | None = None
    month: int | None = None
    day: int | None = None
    end_year: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    relative_days: int | None = None  # for kind == relative
    weekday: int | None = None  # for kind == weekday: 0 = Monday
    forward: bool = False  # a weekday in the future tense ("will open on Monday")

    def resolve_relative(self, published: date) -> date:
        """The day a relative word or a weekday names, seen from the publication date."""
        if self.kind == "weekday":
            delta = (self.weekday - published.weekday()) % 7
            return published + timedelta(days=delta) if self.forward else published - timedelta(days=(7 - delta) % 7)
        return published + timedelta(days=self.relative_days or 0)

    def resolve(self, published: date | None) -> tuple[date | None, date | None, str | None, str]:
        """(start, end, precision, method). Missing years come from the publication date."""
        method = "read"
        year = self.year
        if self.kind in ("relative", "weekday"):
            if published is None:
                return None, None, None, "unresolved"
            return self.resolve_relative(published), None, "day", "inferred:relative-to-published"
        if year is None:
            if published is None:
                return None, None, None, "unresolved"
            year, method = published.year, "inferred:year-from-published"
        if self.kind == "year":
            return checked_date(year, 1, 1), None, "year", method
        if self.kind == "month":
            return checked_date(year, self.month, 1), None, "month", method
        start = checked_date(year, self.month, self.day)
        end = None
        if self.kind == "range":
            end = checked_date(self.end_year or year, self.end_month or self.month, self.end_day)
            if end is not None and start is not None and end < start and self.end_year is None:
                start = checked_date(year - 1, self.month, self.day)  # "30 December - 2 January 2019"
        return start, end, "day", method


@lru_cache(maxsize=None)
def _year_evidence() -> list[re.Pattern]:
    return [re.compile(p) for p in load("meetings.yaml").year_evidence]


def find_dates(text: str, impossible: list[str] | None = None) -> list[DateExpr]:
    """All date expressions, longest first where they overlap. A phrase of a date's shape that
    names no day ("31 April") is no date; it is appended to `impossible` when a list is given."""
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []

    def free(s, e):
        return not any(s < te and ts < e for ts, te in taken)

    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            g = m.groupdict()
            try:
                d1 = int(re.match(r"\d+", g["d1"]).group()) if g.get("d1") else None
                m1 = month_number(g["m1"])
            except (ValueError, AttributeError):
                continue
            if d1 is not None and not possible_day(m1, d1):
                if impossible is not None and not any(m.group() in p for p in impossible):
                    impossible.append(m.group())
                continue
            year = g.get("y") or g.get("y1")
            expr = DateExpr(m.start(), m.end(), m.group(), kind, int(year) if year else None, m1, d1)
            if kind == "range":
                expr.end_day = int(re.match(r"\d+", g["d2"]).group())
                expr.end_month = month_number(g["m2"]) if g.get("m2") else m1
                if not possible_day(expr.end_month, expr.end_day):
                    if impossible is not None and not any(m.group() in p for p in impossible):
                        impossible.append(m.group())
                    continue
            found.append(expr)
            taken.append((m.start(), m.end()))
    for m in _NUMERIC.finditer(text):
        parts = _numeric_parts(m)
        if parts is not None and free(m.start(), m.end()):
            found.append(DateExpr(m.start(), m.end(), m.group(), "day", *parts))
            taken.append((m.start(), m.end()))
    for m in _RELATIVE.finditer(text):
        if free(m.start(), m.end()):
            found.append(DateExpr(m.start(), m.end(), m.group(), "relative",
                                  relative_days=_relative_days()[" ".join(m.group("w").lower().split())]))
    weekdays = load("lexicon.yaml").weekdays
    for m in re.finditer(vocab(rf"\b@weekday_leads\s+(?P<w>{'|'.join(weekdays)})\b(?!,?\s+\d)"), text):
        if free(m.start("w"), m.end("w")):
            sentence_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
            forward = bool(re.search(vocab(r"\b@future_markers\b"), text[sentence_start:m.end()]))
            found.append(DateExpr(m.start("w"), m.end("w"), m.group("w"), "weekday",
                                  weekday=weekdays.index(m.group("w")), forward=forward))
    for pattern in _year_evidence():
        for m in pattern.finditer(text):
            if free(m.start("year"), m.end("year")):
                found.append(DateExpr(m.start("year"), m.end("year"), m.group("year"), "year", int(m.group("year"))))
    found.sort(key=lambda d: d.start)
    return found


@lru_cache(maxsize=None)
def _duration() -> re.Pattern:
    """'the two-day meeting'; 'after two days of talks' (meetings.yaml duration_leads, talk_nouns)."""
    nouns = alternation(load("meetings.yaml").nouns)
    return re.compile(vocab(rf"\b(?P<n>{number_re()})[- ]@day_unit\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\b"
                            rf"|\b@meetings.duration_leads\s+(?P<n2>{number_re()})\s+@day_unit(?:s)?\s+@genitive\s+"
                            rf"(?:[\w-]+\s+)?@meetings.talk_nouns\b"), re.IGNORECASE)


def find_duration(text: str) -> int | None:
    """'the two-day meeting' -> 2, 'a 3-day regional conference' -> 3, 'after two days of talks' -> 2."""
    m = _duration().search(text)
    if not m:
        return None
    n = parse_number(m.group("n") or m.group("n2"))
    return n if n and n < 15 else None


class DateFinder:
    """Date expressions: doc._.dates."""

    assigns = ("dates",)

    def __init__(self, nlp: Language, name: str):
        self.name = name

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        impossible: list[str] = []
        doc._.dates = find_dates(doc_text(doc), impossible)
        for phrase in impossible:  # reported with the document's extraction, never a crash
            add_error(doc, f"{self.name}: no such day, not read as a date: {phrase!r}")
        return doc


@Language.factory("rapporteur_dates", assigns=["doc._.dates"])
def make_date_finder(nlp: Language, name: str) -> DateFinder:
    return DateFinder(nlp, name)
