"""IDs are deterministic and do not change when an unrelated document is added."""
from click.testing import CliRunner

from conftest import copy_seeds
from pipeline.cli import main
from pipeline.tables import read_rows

UNRELATED = ("Geneva, 3 March 2019 – The Conference of Labour Inspectors met on 2-3 March 2019 in Geneva. "
             "“Inspections must reach every farm,” said Ingrid Solberg, Chair of the Nordic Inspectorate. "
             "More than 80 participants from 30 countries took part.\n")


def _ids(out):
    return {
        "people": {r["name"]: r["person_id"] for r in read_rows(out, "people")},
        "meetings": {tuple(r["doc_ids"]): r["meeting_id"] for r in read_rows(out, "meetings")},
        "counts": {r["count_id"] for r in read_rows(out, "counts")},
        "recommendations": {r["recommendation_id"] for r in read_rows(out, "recommendations")},
        "organizations": {r["name"]: r["org_id"] for r in read_rows(out, "organizations")},
    }


def test_adding_an_unrelated_document_keeps_existing_ids(tmp_path, seed_outputs):
    folder = copy_seeds(tmp_path / "in")
    (folder / "000_a_new_report.txt").write_text(UNRELATED, encoding="utf-8")  # sorts first on purpose
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", "--input", str(folder), "--output", str(out), "-q"])
    assert result.exit_code == 0, result.output
    before, after = _ids(seed_outputs), _ids(out)
    for name, person_id in before["people"].items():
        assert after["people"][name] == person_id
    for doc_ids, meeting_id in before["meetings"].items():
        assert after["meetings"][doc_ids] == meeting_id
    assert before["counts"] <= after["counts"]
    assert before["recommendations"] <= after["recommendations"]
    for name, org_id in before["organizations"].items():
        assert after["organizations"][name] == org_id
    assert "Ingrid Solberg" in after["people"]
    new_meetings = set(after["meetings"]) - set(before["meetings"])
    assert new_meetings == {("000_a_new_report",)}
