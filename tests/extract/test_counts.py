"""Count shapes and the numbers that are not counts (sentences written for the tests)."""
import pytest

from pipeline.extract.counts import bounds, find_counts, parse_number


def _one(text):
    (c,) = find_counts(text)
    return c.value, c.qualifier, c.lower, c.upper, c.unit


@pytest.mark.parametrize("text, expected", [
    ("The forum gathered 85 participants from the region.", (85, "exact", 85, 85, "participants")),
    ("More than 240 participants took part.", (240, "more_than", 241, None, "participants")),
    ("It drew over 90 delegates to Geneva.", (90, "over", 91, None, "delegates")),
    ("Nearly 45 countries sent experts.", (45, "nearly", None, 45, "countries")),
    ("Almost fifty countries were represented.", (50, "nearly", None, 50, "countries")),
    ("approximately 300 attendees registered", (300, "approximately", None, None, "participants")),
    ("around 70 participants", (70, "approximately", None, None, "participants")),
    ("some 120 delegates", (120, "some", None, None, "delegates")),
    ("at least 12 organisations signed", (12, "at_least", 12, None, "organizations")),
    ("up to 30 speakers will present", (30, "up_to", None, 30, "speakers")),
    ("fifty-one delegations attended", (51, "exact", 51, 51, "delegates")),
    ("representatives of 38 OSCE participating States", (38, "exact", 38, 38, "participating_states")),
    ("and seven Asian Partners for Co-operation", (7, "exact", 7, 7, "partners")),
    ("27 EU member States", (27, "exact", 27, 27, "member_states")),
    ("between 40 and 55 participants", (40, "between", 40, 55, "participants")),
])
def test_count_shapes(text, expected):
    assert _one(text) == expected


def test_nested_counts_stay_separate():
    counts = find_counts("It brought 44 OSCE participating States (31 of which are also CoE member States) together.")
    assert [(c.value, c.unit, c.part_of) for c in counts] == [(44, "participating_states", None), (31, "member_states", 0)]


@pytest.mark.parametrize("text", [
    "After 18 years of work, the office closed.",
    "Cases fell by 23% between April and June.",
    "Four project proposals were selected.",
    "In the first nine months of 2021 fewer victims were found.",
    "It was organised for the fifth year in 2019.",
    "All four speakers agreed.",
    "See footnote 12 and the 2005 Convention.",
])
def test_numbers_that_are_not_counts(text):
    assert find_counts(text) == []


def test_word_numbers():
    assert parse_number("one hundred and twenty") == 120
    assert parse_number("1,250") == 1250
    assert parse_number("sixty-three") == 63


def test_ranges_are_never_averaged():
    assert bounds(40, "between", 60) == (40, 60)


@pytest.mark.parametrize("text, expected", [
    ("Delegations of 57 OSCE participating States attended.", (57, "exact", 57, 57, "participating_states")),
    ("Some 14 non-governmental organisations spoke.", (14, "some", None, None, "organizations")),
    ("Almost 60 prosecutors came.", (60, "nearly", None, 60, "participants")),
    ("Approximately one hundred organisations joined.", (100, "approximately", None, None, "organizations")),
    ("More than 100 governmental and non-governmental anti-trafficking practitioners met.",
     (100, "more_than", 101, None, "participants")),
    ("The 85 participants agreed on a statement.", (85, "exact", 85, 85, "participants")),
])
def test_units_after_modifiers_and_professions(text, expected):
    assert _one(text) == expected


def test_professions_and_breakdowns():
    counts = find_counts("The course trained 45 prosecutors and 20 judges; 360 representatives of the 57 OSCE "
                         "participating States took part.")
    assert [(c.value, c.unit) for c in counts] == [(45, "participants"), (20, "participants"), (360, "participants"),
                                                    (57, "participating_states")]


@pytest.mark.parametrize("text", [
    "The minister called on the 57 OSCE participating States to act.",
    "It urged all 30 member States to ratify.",
    "A fund of EUR 300 people-centred grants was set up.",
    "About 40 per cent of victims were children.",
    "The 25th conference opened.",
    "The meeting lasted 3 days.",
])
def test_addressees_money_percentages_editions_durations_are_not_counts(text):
    assert find_counts(text) == []


def test_a_breakdown_after_including_is_part_of_the_total():
    total, part = find_counts("Some 65 participants, including 14 judges, attended.")
    assert (part.value, part.part_of) == (14, 0) and total.part_of is None


def test_a_hundred_and_a_thousand_keep_their_qualifier(extract):
    counts = extract("Around a thousand people from over a hundred countries took part in the forum.")["counts"]
    assert [(c["value"], c["qualifier"], c["unit"]) for c in counts] == [
        (1000, "approximately", "participants"), (100, "over", "countries")]


def test_a_count_right_after_a_dateline_year(extract):
    counts = extract("RIGA, 12 May 2006 - Twenty Latvian judges are taking part in a seminar this week.")["counts"]
    assert [(c["value"], c["qualifier"], c["text"]) for c in counts] == [(20, "exact", "Twenty Latvian judges")]


def test_states_that_did_something_else_are_a_statistic_not_attendance(extract):
    r = extract("The forum was held in Graz. Eleven participating States have already adopted shelter standards.")
    assert r["counts"] == []
    r = extract("The forum was held in Graz. Delegations of 23 participating States took part in the debate.")
    assert [(c["value"], c["unit"]) for c in r["counts"]] == [(23, "participating_states")]
    r = extract("Some 40 experts from nine countries attended the forum in Graz.")
    assert [(c["value"], c["unit"]) for c in r["counts"]] == [(40, "participants"), (9, "countries")]


def test_members_and_observers_of_a_body_are_counted():
    assert _one("Nine Steering Committee members joined the call.") == (9, "exact", 9, 9, "other")
    assert _one("with 4 observers from the region") == (4, "exact", 4, 4, "other")


@pytest.mark.parametrize("text", [
    "The agenda covered the election of the three new members of the Bureau.",
    "The Assembly appointed the two members of the panel.",
])
def test_seats_an_election_fills_are_not_attendance(text):
    assert find_counts(text) == []


def test_members_as_the_subject_of_a_statistic_are_not_attendance(extract):
    counts = extract("The network now has 40 members. Some 25 members attended the assembly in Lisbon on 3 May 2023.")["counts"]
    assert [(c["value"], c["unit"]) for c in counts] == [(25, "other")]


def _count_examples():
    from pipeline.lang.resources import load

    return [pytest.param(ex.text, ex.expect, id=f"example-{i}") for i, ex in enumerate(load("counts.yaml").examples)]


@pytest.mark.parametrize("text, expect", _count_examples())
def test_every_example_of_the_count_grammar(extract, text, expect):
    """Generated from counts.yaml examples."""
    got = [(c["text"], str(c["value"]), c["unit"], c["qualifier"]) for c in extract(text)["counts"]]
    if expect.get("count") == "none":
        assert got == []
    else:
        assert (expect["text"], expect["value"], expect["unit"], expect["qualifier"]) in got


@pytest.mark.parametrize("text", [
    "The ministry hosted a hearing in Turin on 4 June. Prosecutors and judges attended in person.",
    "Delegates met on 12 March to agree the plan.",
])
def test_a_day_of_a_date_is_no_count(text):
    assert find_counts(text) == []


@pytest.mark.parametrize("text, expected", [
    ("The course trained 36 inspectors, 21 women and 15 men, from five regions.",
     [(36, "participants", None), (21, "other", 0), (15, "other", 0)]),
    ("The 48 delegates (30 women, 18 men) came from nine ports.",
     [(48, "delegates", None), (30, "other", 0), (18, "other", 0)]),
    # no count before them: a statistic, not a breakdown of attendees
    ("Last year the police identified 210 women and 35 girls.", []),
])
def test_a_breakdown_by_sex_is_a_part_of_the_count_before_it(extract, text, expected):
    assert [(c["value"], c["unit"]) for c in extract(text)["counts"]] == [(v, u) for v, u, _ in expected]
    assert [c.part_of for c in find_counts(text)] == [p for _, _, p in expected]


def test_a_part_keeps_its_enclosing_count_when_an_earlier_count_is_no_attendance(extract):
    # the first count is a statistic and is dropped: the part still points at the 40 participants
    text = ("The region has 14 participating States that have adopted laws. The course trained 40 participants, "
            "of whom 25 were women.")
    counts = extract(text)["counts"]
    assert [(c["value"], c["unit"]) for c in counts] == [(40, "participants"), (25, "participants")]
    assert counts[1]["part_of"] == counts[0]["count_id"]
