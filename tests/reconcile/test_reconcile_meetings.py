"""Meeting clustering and merging on synthetic per-document records."""
from datetime import date

from pipeline.reconcile.meetings import Source, cluster, merge, score


def _src(doc_id, people=(), **row):
    base = {"doc_id": doc_id, "series_key": "meeting of national rapporteurs", "published": None}
    return Source({**base, **row}, set(people))


def test_same_series_in_different_years_never_merge():
    a = _src("a", ["ana lopez"], start_date="2021-05-03", date_precision="day", city="Vienna", venue="Hofburg")
    b = _src("b", ["ana lopez"], start_date="2022-05-03", date_precision="day", city="Vienna", venue="Hofburg")
    assert [[s.doc_id for s in g] for g in cluster([a, b], 4.0)] == [["a"], ["b"]]


def test_a_source_without_a_date_joins_its_best_cluster():
    dated_2021 = _src("a", ["ana lopez"], start_date="2021-05-03", date_precision="day", city="Vienna")
    dated_2022 = _src("b", ["ana lopez", "tom berg"], start_date="2022-05-03", date_precision="day", city="Vienna",
                      venue="Hofburg", participants=90)
    undated = _src("c", ["ana lopez", "tom berg"], city="Vienna", venue="Hofburg", participants=90,
                   start_relative_days=0, end_relative_days=1)
    groups = cluster([dated_2021, dated_2022, undated], 4.0)
    assert [[s.doc_id for s in g] for g in groups] == [["a"], ["b", "c"]]
    meeting, rows, _ = merge(groups[1], "m1")
    assert (meeting["start_date"], meeting["end_date"]) == (date(2022, 5, 3), date(2022, 5, 4))
    c_row = next(r for r in rows if r["doc_id"] == "c")
    assert c_row["resolved_end_date"] == date(2022, 5, 4)
    assert c_row["resolved_method"] == "inferred:relative-to-other-source (b)"
    assert "start_date" not in c_row  # what the document alone states stays empty


def test_an_undated_source_with_two_equal_candidates_stays_alone():
    a = _src("a", ["ana lopez"], start_date="2021-05-03", date_precision="day")
    b = _src("b", ["ana lopez"], start_date="2022-05-03", date_precision="day")
    c = _src("c", ["ana lopez"])
    assert [[s.doc_id for s in g] for g in cluster([a, b, c], 3.0)] == [["a"], ["b"], ["c"]]


def test_conflicting_counts_are_kept_visible():
    a = _src("a", start_date="2022-05-03", date_precision="day", participants=130, participants_qualifier="more_than",
             participants_unit="participants", participants_text="More than 130 participants",
             countries=60, countries_qualifier="nearly", countries_unit="countries")
    b = _src("b", start_date="2022-05-03", date_precision="day", participants=130, participants_qualifier="exact",
             participants_unit="delegates", participants_text="130 delegates",
             countries=60, countries_qualifier="approximately", countries_unit="countries")
    meeting, _, conflicts = merge([a, b], "m1")
    assert (meeting["participants"], meeting["participants_qualifier"]) == (130, "more_than")
    assert (meeting["countries"], meeting["countries_qualifier"]) == (60, "approximately")
    assert meeting["conflicts"] == ["participants", "countries"]
    assert sorted((c["field"], c["doc_id"], c["qualifier"], c["unit"]) for c in conflicts) == [
        ("countries", "a", "nearly", "countries"), ("countries", "b", "approximately", "countries"),
        ("participants", "a", "more_than", "participants"), ("participants", "b", "exact", "delegates")]


def test_an_announcement_and_a_report_of_one_edition_merge_with_their_evidence():
    announcement = _src("a", ["ana lopez"], series_key="alliance harbour", edition=25, start_date="2025-03-31",
                        end_date="2025-04-01", date_precision="day", city="Vienna")
    report = _src("b", ["ana lopez"], series_key="alliance harbour", edition=25, end_date="2025-04-01",
                  date_precision="day", city="Vienna")
    (group,) = cluster([announcement, report], 4.0)
    assert [s.doc_id for s in group] == ["a", "b"]
    assert "edition 25" in group[0].row["merge_evidence"] and "overlapping dates" in group[0].row["merge_evidence"]


def test_different_editions_never_merge_and_an_undated_edition_joins_its_own():
    e20 = _src("a", series_key="alliance harbour", edition=20, start_date="2020-07-20", date_precision="day")
    e21 = _src("b", series_key="alliance harbour", edition=21, start_date="2021-07-20", date_precision="day")
    page = _src("c", series_key="alliance harbour", edition=20)
    groups = [[s.doc_id for s in g] for g in cluster([e20, e21, page], 4.0)]
    assert groups == [["a", "c"], ["b"]]


def test_a_series_worded_differently_is_evidence_not_a_veto():
    a = _src("a", ["ana lopez", "tom berg"], series_key="alliance harbour", start_date="2017-04-03", end_date="2017-04-04",
             date_precision="day")
    b = _src("b", ["ana lopez", "tom berg"], series_key="child harbour interest", start_date="2017-04-03",
             date_precision="day")
    assert [[s.doc_id for s in g] for g in cluster([a, b], 4.0)] == [["a", "b"]]


def test_online_in_one_source_and_a_place_in_another_is_hybrid():
    a = _src("a", series_key="x", start_date="2020-07-20", date_precision="day", mode="online")
    b = _src("b", series_key="x", start_date="2020-07-20", date_precision="day", mode="in_person", city="Vienna")
    meeting, _, conflicts = merge([a, b], "m1")
    assert meeting["mode"] == "hybrid"
    assert {c["field"] for c in conflicts} >= {"mode"}


def test_single_names_count_half_and_match_a_full_name_elsewhere():
    from pipeline.reconcile.meetings import shared_people

    assert shared_people({"ana lopez", "mira", "tom"}, {"ana lopez", "mira kovac", "tom"}) == {
        "ana lopez": 1.0, "mira": 0.5, "tom": 0.5}
    assert shared_people({"mira"}, {"ana lopez"}) == {}


def test_an_undated_announcement_joins_the_report_of_the_anniversary_it_marks():
    # the announcement names no date, place or series; it marks the same anniversary and names
    # two of the same people, one of them by first name only
    report = _src("report", ["ana lopez", "mira kovac"], series_key=None, anniversary=20, start_date="2019-06-12",
                  date_precision="day", city="Strasbourg")
    other = _src("other", ["ana lopez"], series_key=None, anniversary=15, start_date="2019-06-12", date_precision="day",
                 city="Strasbourg")
    announcement = _src("announcement", ["ana lopez", "mira"], series_key=None, anniversary=20)
    groups = [[s.doc_id for s in g] for g in cluster([report, other, announcement], 4.0)]
    assert groups == [["announcement", "report"], ["other"]]
    assert "anniversary of 20 years (+3)" in announcement.row["merge_evidence"]
    assert "different anniversaries (-4)" in score(report, other)[1]


def test_an_exact_figure_wins_a_tie_with_a_hedged_one():
    a = _src("a", participants=150, participants_qualifier="over", participants_unit="participants")
    b = _src("b", participants=230, participants_qualifier="exact", participants_unit="participants")
    meeting, _, conflicts = merge([a, b], "m1")
    assert (meeting["participants"], meeting["participants_qualifier"]) == (230, "exact")
    assert {c["value"] for c in conflicts if c["field"] == "participants"} == {"150", "230"}


def test_days_without_a_year_take_the_year_of_the_source_with_the_same_days():
    dated = _src("dated", ["ana lopez"], start_date="2014-02-17", end_date="2014-02-18", date_precision="day",
                 city="Vienna")
    other_year = _src("other", ["tom berg"], start_date="2015-03-02", date_precision="day", city="Vienna")
    yearless = _src("yearless", ["ana lopez"], month_day="02-17", end_month_day="02-18", city="Vienna")
    groups = cluster([dated, other_year, yearless], 4.0)
    assert [[s.doc_id for s in g] for g in groups] == [["dated", "yearless"], ["other"]]
    assert "same days of the year 02-17 (+3)" in yearless.row["merge_evidence"]
    _, rows, _ = merge(groups[0], "m1")
    row = next(r for r in rows if r["doc_id"] == "yearless")
    assert (row["resolved_start_date"], row["resolved_end_date"], row["resolved_method"]) == (
        date(2014, 2, 17), date(2014, 2, 18), "inferred:year-from-other-source (dated)")
    assert "other days of the year (-4)" in score(yearless, other_year)[1]


def test_two_sources_describing_the_meeting_alike_merge_with_place_and_figure():
    dated = _src("dated", series_key=None, name="seminar in Riga on labour inspection in agriculture",
                 start_date="2019-03-04", date_precision="day", city="Riga", participants=25)
    undated = _src("undated", series_key=None, name="seminar in Riga on labour inspection in agriculture", city="Riga",
                   participants=25)
    other = _src("other", series_key=None, name="workshop on child protection online", city="Riga")
    groups = [[s.doc_id for s in g] for g in cluster([dated, undated, other], 4.0)]
    assert groups == [["dated", "undated"], ["other"]]
    assert "similar descriptions (+2)" in undated.row["merge_evidence"]


def test_days_without_a_year_that_the_other_sources_year_lacks_are_reported_not_fatal():
    # "26-29 February" with no year; the other source dates the meeting in a common year
    dated = _src("a", ["ana lopez"], start_date="2023-02-26", date_precision="day", city="Vienna")
    yearless = _src("b", ["ana lopez"], month_day="02-26", end_month_day="02-29", city="Vienna",
                    date_text="26-29 February", date_start_char=40, date_end_char=54)
    meeting, rows, conflicts = merge([dated, yearless], "m1")
    assert meeting["start_date"] == date(2023, 2, 26)
    assert meeting["end_date"] is None
    b_row = next(r for r in rows if r["doc_id"] == "b")
    assert b_row["resolved_start_date"] == date(2023, 2, 26)
    assert "resolved_end_date" not in b_row
    assert [(c["field"], c["doc_id"], c["value"], c["start_char"]) for c in conflicts] == [
        ("end_date", "b", "2023-02-29", 40)]
    assert conflicts[0]["reason"].startswith("no such day: 02-29 in 2023")


def test_the_same_days_in_a_leap_year_resolve():
    dated = _src("a", start_date="2024-02-26", date_precision="day")
    yearless = _src("b", month_day="02-26", end_month_day="02-29")
    meeting, rows, conflicts = merge([dated, yearless], "m1")
    assert meeting["end_date"] == date(2024, 2, 29)
    assert conflicts == []


def test_a_malformed_stored_date_is_no_date():
    from pipeline.reconcile.meetings import as_date

    assert as_date("2023-04-31") is None
    assert as_date("2023-04-30") == date(2023, 4, 30)


def test_two_meetings_a_day_apart_in_one_city_stay_apart():
    # a conference one day and a meeting of another body the next day, both in one city
    conference = _src("a", series_key=None, anniversary=10, start_date="2030-06-10", date_precision="day",
                      city="Lyon", venue="Palais des Congres")
    meeting = _src("b", series_key="coordinator rapporteur", start_date="2030-06-11", date_precision="day",
                   city="Lyon", venue="Palais des Congres")
    assert [[s.doc_id for s in g] for g in cluster([conference, meeting], 4.0)] == [["a"], ["b"]]


def test_no_chain_of_good_pairs_joins_two_editions():
    # b is close to both a and c, but a and c are different editions: b joins one, never both
    a = _src("a", ["ana lopez"], series_key="harbour forum", edition=3, start_date="2030-06-10", date_precision="day",
             city="Lyon")
    b = _src("b", ["ana lopez", "tom berg"], series_key="harbour forum", start_date="2030-06-10", date_precision="day",
             city="Lyon")
    c = _src("c", ["tom berg"], series_key="harbour forum", edition=4, start_date="2030-06-10", date_precision="day",
             city="Lyon")
    groups = [[s.doc_id for s in g] for g in cluster([a, b, c], 4.0)]
    assert sorted(map(len, groups)) == [1, 2] and ["a", "c"] not in groups and ["a", "b", "c"] not in groups


def test_a_year_only_date_says_its_precision_in_its_period():
    meeting, _, _ = merge([_src("a", start_date="2024-01-01", date_precision="year")], "m1")
    assert (meeting["start_date"], meeting["start_period"], meeting["end_period"]) == (date(2024, 1, 1), "2024", None)
    meeting, _, _ = merge([_src("a", start_date="2024-05-01", date_precision="month")], "m1")
    assert meeting["start_period"] == "2024-05"
    meeting, _, _ = merge([_src("a", start_date="2024-05-03", end_date="2024-05-04", date_precision="day")], "m1")
    assert (meeting["start_period"], meeting["end_period"]) == ("2024-05-03", "2024-05-04")


def test_at_a_threshold_dates_alone_can_reach_every_touching_pair_is_a_candidate():
    from pipeline.reconcile.meetings import dated_pairs

    a = _src("a", series_key=None, start_date="2030-06-10", date_precision="day")
    b = _src("b", series_key=None, start_date="2030-06-10", date_precision="day")
    c = _src("c", series_key=None, start_date="2030-08-01", date_precision="day")
    assert list(dated_pairs([a, b, c], 4.0)) == []  # nothing shared but the day: no block holds them
    assert list(dated_pairs([a, b, c], 3.0)) == [(0, 1)]
    assert [[s.doc_id for s in g] for g in cluster([a, b, c], 3.0)] == [["a", "b"], ["c"]]


def test_top_shared_takes_the_highest_counts_then_the_earliest_positions():
    from collections import Counter

    from pipeline.reconcile.meetings import top_shared

    shared = Counter({7: 3, 2: 1, 9: 3, 4: 2, 5: 1, 1: 1})
    assert top_shared(shared, limit=4) == [7, 9, 4, 1]
    assert top_shared(shared, limit=10) == [7, 9, 4, 1, 2, 5]


def test_the_sweep_pairs_touching_dates_that_share_a_feature_and_nothing_else():
    from pipeline.reconcile.meetings import dated_pairs

    first = _src("a", series_key="harbour talks", start_date="2030-03-01", end_date="2030-03-02", date_precision="day",
                 city="Porto")
    touching = _src("b", series_key="river summit", start_date="2030-03-03", date_precision="day", city="Porto")
    elsewhere = _src("d", series_key="mountain panel", start_date="2030-03-03", date_precision="day", city="Leeds")
    gap = _src("c", series_key="valley dialogue", start_date="2030-03-05", date_precision="day", city="Porto")
    ordered = [first, touching, elsewhere, gap]
    # a-b touch and share the city; d shares the days but nothing else; c is two days after b ends
    assert list(dated_pairs(ordered, 4.0)) == [(0, 1)]


def test_a_record_dated_to_a_month_meets_the_records_of_that_month_that_share_a_feature():
    from pipeline.reconcile.meetings import dated_pairs

    day = _src("a", ["ana lopez"], series_key=None, start_date="2030-03-10", date_precision="day")
    month = _src("b", ["ana lopez"], series_key=None, start_date="2030-03-01", date_precision="month")
    later = _src("c", ["ana lopez"], series_key=None, start_date="2030-06-10", date_precision="day")
    ordered = [month, day, later]  # by first day
    assert list(dated_pairs(ordered, 4.0)) == [(0, 1)]


def test_a_union_checks_the_furthest_apart_members_of_two_clusters():
    from pipeline.reconcile.meetings import _Clusters

    early = _src("a", start_date="2030-03-01", date_precision="day")
    middle = _src("b", start_date="2030-03-02", date_precision="day")
    late = _src("c", start_date="2030-03-03", date_precision="day")
    groups = _Clusters([early, middle, late])
    assert groups.union(0, 1)  # a day apart
    # c touches b but starts two days after a: the cluster of a and b cannot take it
    assert not groups.union(1, 2)
    assert groups.find(2) != groups.find(0)
    assert groups.union(2, 2) is False  # one cluster already


def test_reconcile_gives_the_garbage_collector_back():
    import gc

    from pipeline.reconcile import reconcile

    assert gc.isenabled()
    reconcile([])
    assert gc.isenabled()


def test_date_relation_says_overlap_touch_apart_or_unknown():
    from pipeline.reconcile.meetings import date_relation

    d = date
    assert date_relation((d(2030, 3, 1), d(2030, 3, 3)), (d(2030, 3, 3), d(2030, 3, 4))) == "overlap"
    assert date_relation((d(2030, 3, 1), d(2030, 3, 3)), (d(2030, 3, 4), d(2030, 3, 4))) == "touch"
    assert date_relation((d(2030, 3, 1), d(2030, 3, 3)), (d(2030, 3, 5), d(2030, 3, 6))) == "apart"
    assert date_relation(None, (d(2030, 3, 5), d(2030, 3, 6))) is None


def test_a_feature_shared_by_more_records_than_block_max_finds_no_candidates():
    # an undated report shares only the city and the series with three dated ones of one meeting
    dated = [_src(f"d{k}", [f"person {k}"], series_key="coastal forum", start_date="2030-03-01", date_precision="day",
                  city="Porto") for k in range(3)]
    undated = _src("u", series_key="coastal forum", city="Porto")
    merged = [[s.doc_id for s in g] for g in cluster(dated + [undated], 4.0)]
    assert merged == [["d0", "d1", "d2", "u"]]
    purged = [[s.doc_id for s in g] for g in cluster(dated + [undated], 4.0, block_max=2)]
    assert ["u"] in purged  # both its blocks hold three records: no candidate is left


def test_offices_named_by_role_only_link_a_report_to_the_one_that_names_their_holders():
    from pipeline.reconcile.meetings import office_key

    sg, pga = office_key("Secretary-General of the United Nations"), office_key("President of the General Assembly")
    named = Source({"doc_id": "a", "name": "High-level meeting on forced labour", "start_date": "2030-09-27",
                    "date_precision": "day"}, {"ana lopez", "tom berg"}, {sg: frozenset({"ana lopez"}), pga: frozenset({"tom berg"})})
    by_role = Source({"doc_id": "b", "name": "High-level meeting of the Assembly on forced labour",
                      "start_date": "2030-09-27", "date_precision": "day"}, set(), {sg: frozenset(), pga: frozenset()})
    value, why = score(named, by_role)
    assert any(w.startswith("shared offices") and w.endswith("(+2)") for w in why)
    assert [[s.doc_id for s in g] for g in cluster([named, by_role], 4.0)] == [["a", "b"]]


def test_one_office_held_by_other_people_is_another_meeting_of_the_series():
    from pipeline.reconcile.meetings import office_key

    chair = office_key("Special Representative on Forced Labour", None)
    a = _src("a", ["ana lopez"], start_date="2021-05-03", date_precision="day")
    b = _src("b", ["tom berg"])  # undated: only the series and the office tie it to a
    a.offices, b.offices = {chair: frozenset({"ana lopez"})}, {chair: frozenset({"tom berg"})}
    value, why = score(a, b)
    assert "other holders of special representative on forced labour (-3)" in why
    assert [[s.doc_id for s in g] for g in cluster([a, b], 4.0)] == [["a"], ["b"]]


def test_an_office_key_keeps_the_country_it_is_held_for():
    from pipeline.reconcile.meetings import office_key

    assert office_key("Minister of Justice", "Latvia") != office_key("Minister of Justice", "Finland")
    assert office_key("Chair") is None


def test_a_description_and_a_named_series_with_the_same_words_and_day_merge():
    named = _src("a", series_key="domestic migration safe worker", name="Webinar: Safe migration for domestic workers",
                 start_date="2031-06-09", date_precision="day", organizers=["IOM"])
    described = _src("b", series_key=None, name="webinar on safe migration for domestic workers",
                     start_date="2031-06-09", date_precision="day", organizers=["IOM"])
    other = _src("c", series_key=None, name="seminar on fishing crews at sea", start_date="2031-06-09",
                 date_precision="day", organizers=["IOM"])
    assert [[s.doc_id for s in g] for g in cluster([named, described, other], 4.0)] == [["a", "b"], ["c"]]
