"""One impossible date in one report never costs the run: every table is written and the fact is
reported (texts written for this test)."""
from __future__ import annotations

from click.testing import CliRunner

from pipeline.cli import main
from pipeline.tables import TABLES, read_rows

RELEASE = ("VIENNA, 2 May 2023 - The 7th Annual Meeting of the Harbour Network took place in Vienna "
           "from 28 to 29 April 2023. Some 80 participants attended.\n")
NEWS = ("The 7th Annual Meeting of the Harbour Network was held in Vienna from 28 to 31 April. "
        "Some 80 participants attended.\n")
LEAP = ("The 3rd Annual Meeting of the Lantern Forum was held in Graz from 26 to 29 February. "
        "Some 40 participants attended.\n")
COMMON_YEAR = ("GRAZ, 3 March 2023 - The 3rd Annual Meeting of the Lantern Forum took place in Graz "
               "on 26 February 2023. Some 40 participants attended.\n")


def _run(input_dir, out):
    result = CliRunner().invoke(main, ["run", "--input", str(input_dir), "--output", str(out), "-q", "--no-cache"])
    assert result.exit_code == 0, result.output + repr(result.exception)
    for table in TABLES:
        assert (out / f"{table}.parquet").exists(), table
    return result


def test_an_impossible_day_is_not_read_and_the_run_writes_every_table(input_dir, tmp_path):
    (input_dir / "release.txt").write_text(RELEASE, encoding="utf-8")
    (input_dir / "news.txt").write_text(NEWS, encoding="utf-8")
    out = tmp_path / "out"
    result = _run(input_dir, out)
    sources = {r["doc_id"]: r for r in read_rows(out, "meeting_sources")}
    assert sources["news"]["month_day"] is None  # "31 April" is no day of any year
    assert str(sources["release"]["start_date"]) == "2023-04-28"
    assert "news" in result.stderr and "no such day, not read as a date: 'from 28 to 31 April'" in result.stderr


def test_yearless_days_given_a_common_year_are_a_conflict_with_a_reason(input_dir, tmp_path):
    (input_dir / "leap.txt").write_text(LEAP, encoding="utf-8")
    (input_dir / "common.txt").write_text(COMMON_YEAR, encoding="utf-8")
    out = tmp_path / "out"
    _run(input_dir, out)
    meetings = read_rows(out, "meetings")
    merged = [m for m in meetings if sorted(m["doc_ids"]) == ["common", "leap"]]
    assert len(merged) == 1 and str(merged[0]["start_date"]) == "2023-02-26"
    reasons = [c for c in read_rows(out, "conflicts") if c["reason"]]
    assert [(c["doc_id"], c["field"], c["value"]) for c in reasons] == [("leap", "end_date", "2023-02-29")]


def test_a_cluster_that_cannot_be_merged_is_merged_source_by_source(monkeypatch):
    import pipeline.reconcile as rec
    from pipeline.reconcile.meetings import Source, merge

    def fragile(members, mid):
        if any(m.doc_id == "bad" for m in members):
            raise OverflowError("a value outside its type")
        return merge(members, mid)

    monkeypatch.setattr(rec, "merge", fragile)
    good = Source({"doc_id": "good", "start_date": "2029-05-03", "date_precision": "day", "city": "Graz"})
    bad = Source({"doc_id": "bad", "start_date": "2029-05-03", "date_precision": "day", "city": "Graz"})
    meeting, rows, conflicts = rec._merge_isolated([good, bad], "m1")
    assert meeting["doc_ids"] == ["good"] and meeting["city"] == "Graz"
    assert [r["doc_id"] for r in rows] == ["good"]
    assert [(c["doc_id"], c["field"]) for c in conflicts] == [("bad", "meeting")]
    assert conflicts[0]["reason"] == "record not reconciled: OverflowError: a value outside its type"
