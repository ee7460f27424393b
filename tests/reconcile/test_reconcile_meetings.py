"""Meeting clustering and merging on synthetic per-document records."""
from datetime import date

from pipeline.reconcile.meetings import Source, cluster, merge


def _src(doc_id, people=(), **row):
    base = {"doc_id": doc_id, "series": "meeting of national rapporteurs", "published": None}
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
