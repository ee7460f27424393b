"""Date shapes, relative words and the meeting's own date (sentences written for the tests)."""
from datetime import date

import pytest

from pipeline.extract.dates import find_dates, find_duration


def _resolved(text, published=None):
    (d,) = [d for d in find_dates(text)]
    return d.resolve(date.fromisoformat(published) if published else None)[:3]


@pytest.mark.parametrize("text, expected", [
    ("on 9-10 March 2022", (date(2022, 3, 9), date(2022, 3, 10), "day")),
    ("on 9–10 March 2022", (date(2022, 3, 9), date(2022, 3, 10), "day")),
    ("from 11 to 12 September 2025", (date(2025, 9, 11), date(2025, 9, 12), "day")),
    ("held 28 February - 1 March 2024", (date(2024, 2, 28), date(2024, 3, 1), "day")),
    ("on October 4-5, 2019", (date(2019, 10, 4), date(2019, 10, 5), "day")),
    ("on 14 May 2018", (date(2018, 5, 14), None, "day")),
    ("on May 14, 2018", (date(2018, 5, 14), None, "day")),
    ("in December 2016", (date(2016, 12, 1), None, "month")),
    # dates in figures: day first, month first where the second figure is no month, ISO
    ("on 14.05.2027", (date(2027, 5, 14), None, "day")),
    ("Date(s) - 03/04/2031", (date(2031, 4, 3), None, "day")),
    ("on 04/23/2031", (date(2031, 4, 23), None, "day")),
    ("on 2031-04-23", (date(2031, 4, 23), None, "day")),
])
def test_explicit_date_shapes(text, expected):
    assert _resolved(text) == expected


def test_a_missing_year_comes_from_the_publication_date():
    (d,) = find_dates("from 11 to 12 September")
    assert d.resolve(date(2025, 9, 12)) == (date(2025, 9, 11), date(2025, 9, 12), "day", "inferred:year-from-published")


@pytest.mark.parametrize("word, days", [("today", 0), ("yesterday", -1), ("tomorrow", 1)])
def test_relative_words(word, days):
    (d,) = find_dates(f"The meeting ends {word}.")
    assert d.relative_days == days
    assert d.resolve(date(2022, 5, 10))[0] == date(2022, 5, 10 + days)
    assert d.resolve(None)[3] == "unresolved"


def test_year_only_evidence():
    (d,) = [d for d in find_dates("said the envoy of the 2019 OSCE Chairmanship Slovakia") if d.kind == "year"]
    assert d.resolve(None)[:3] == (date(2019, 1, 1), None, "year")


def test_duration():
    assert find_duration("the three-day conference ends on Friday") == 3
    assert find_duration("a two-day trip") is None
    assert find_duration("the forum closed today after two days of intense talks") == 2
    assert find_duration("the vote was postponed for two days") is None


def test_day_of_month_forms():
    from pipeline.extract.dates import find_dates

    (d,) = find_dates("It was held on the 3rd of May 2021 in Riga.")
    assert (d.kind, d.day, d.month, d.year) == ("day", 3, 5, 2021)
    (r,) = find_dates("The course ran from 3rd to 5th of June 2022.")
    assert (r.kind, r.day, r.end_day, r.month) == ("range", 3, 5, 6)


def test_ranges_with_till_through_and_ordinal_days():
    from pipeline.extract.dates import find_dates

    got = [(d.kind, d.year, d.month, d.day, d.end_day) for d in find_dates(
        "It runs from 26th till 28th October 2015; another from the 5th to the 19th of June; a third from 3 through 5 May 2020.")]
    assert got == [("range", 2015, 10, 26, 28), ("range", None, 6, 5, 19), ("range", 2020, 5, 3, 5)]


def test_a_range_with_times_of_day_between_its_ends():
    from pipeline.extract.dates import find_dates

    d = find_dates("WHEN 3 May 2022, 09:00 – 5 May 2022, 17:30")[0]
    assert (d.kind, d.year, d.month, d.day, d.end_month, d.end_day) == ("range", 2022, 5, 3, 5, 5)


def test_a_day_no_calendar_has_is_no_date_and_is_reported():
    impossible: list[str] = []
    found = find_dates("The forum met from 28 to 31 April in the capital.", impossible)
    assert [d for d in found if d.kind in ("range", "day")] == []
    assert impossible == ["from 28 to 31 April"]


def test_29_february_is_a_possible_day_but_not_in_a_common_year():
    (d,) = find_dates("on 29 February 2023")
    assert d.resolve(None)[0] is None
    (d,) = find_dates("on 29 February 2024")
    assert d.resolve(None)[0] == date(2024, 2, 29)


@pytest.mark.parametrize("text", ["31/02/2027", "13/13/2027", "ref. 12.05.20271", "see /2027/05/14/ online"])
def test_figures_that_name_no_day_are_no_date(text):
    assert [d.text for d in find_dates(text)] == []
