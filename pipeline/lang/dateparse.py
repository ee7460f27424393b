"""Low-level date reading shared by ingest (datelines) and extract (meeting dates).

Patterns find the date phrases; dateparser turns a found phrase into a date. dateparser is never
run over free text, where it reads bare numbers as dates.
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache

MONTH_NAMES = ("January February March April May June July August September October November "
               "December").split()
_MONTH_ABBR = [m[:3] for m in MONTH_NAMES] + ["Sept"]
MONTH = r"(?:" + "|".join(MONTH_NAMES + [a + r"\.?" for a in _MONTH_ABBR]) + r")"
DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?:19|20)\d{2}"
DATE_DMY = rf"{DAY}\s+{MONTH},?\s+{YEAR}"
DATE_MDY = rf"{MONTH}\s+{DAY},?\s+{YEAR}"
FULL_DATE = rf"(?:{DATE_DMY}|{DATE_MDY})"
DAY_MONTH = rf"(?:{DAY}\s+{MONTH}|{MONTH}\s+{DAY})(?![\w,]*\s*{YEAR})"  # "3 May", "May 3": no year


def month_number(name: str) -> int:
    key = name.strip().rstrip(".")[:3].lower()
    for i, m in enumerate(MONTH_NAMES, start=1):
        if m[:3].lower() == key:
            return i
    raise ValueError(f"not a month name: {name!r}")


@lru_cache(maxsize=4096)
def parse_full_date(phrase: str) -> date | None:
    """Parse a complete day-month-year phrase ("3 May 2019", "May 3, 2019") with dateparser."""
    import dateparser

    parsed = dateparser.parse(
        phrase,
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first",
                  "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return parsed.date() if parsed else None


def checked_date(year: int, month: int, day: int) -> date | None:
    """The one way to build a date from parts read in a text: None for a day that does not exist
    ("31 April", "29 February" of a common year, month 13), never an exception."""
    try:
        return date(int(year), int(month), int(day))
    except (TypeError, ValueError, OverflowError):
        return None


def possible_day(month: int, day: int) -> bool:
    """True if the day exists in some year (29 February does, in leap years; 31 April never)."""
    return checked_date(2000, month, day) is not None


def iso_date(value) -> date | None:
    """A date from a date or an ISO string (interim files hold ISO strings); None for a malformed
    or impossible one."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None
