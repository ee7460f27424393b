"""SQL over the tables (DuckDB) and exports, on the seed run."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def _sql(out, query, *extra):
    return CliRunner().invoke(main, ["sql", query, "--output", str(out), *extra])


def test_count_of_meetings_as_a_table_and_as_csv(seed_outputs, tmp_path):
    r = _sql(seed_outputs, "SELECT count(*) AS n FROM meetings")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[0].strip() == "n" and r.output.splitlines()[2].strip() == "4"
    target = tmp_path / "m.csv"
    r = _sql(seed_outputs, "SELECT meeting_id, city FROM meetings ORDER BY meeting_id", "--format", "csv", "--out", str(target))
    assert r.exit_code == 0
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert len(rows) == 4 and set(rows[0]) == {"meeting_id", "city"}


def test_json_and_parquet_results(seed_outputs, tmp_path):
    r = _sql(seed_outputs, "SELECT name FROM people ORDER BY name LIMIT 2", "--format", "json")
    names = [row["name"] for row in json.loads(r.output)]
    assert len(names) == 2 and names == sorted(names)
    target = tmp_path / "p.parquet"
    assert _sql(seed_outputs, "SELECT * FROM people", "--format", "parquet", "--out", str(target)).exit_code == 0
    import pyarrow.parquet as pq

    assert pq.read_table(target).num_rows > 5


def test_a_bad_query_or_an_empty_folder_is_one_line(seed_outputs, tmp_path):
    r = _sql(seed_outputs, "SELECT * FROM no_such_table")
    assert r.exit_code == 1 and "no_such_table" in r.output and "Traceback" not in r.output
    r = _sql(tmp_path, "SELECT 1")
    assert r.exit_code == 1 and "no tables in" in r.output


def test_the_research_views(seed_outputs):
    from pipeline.sql import query

    appearances = query(seed_outputs, "SELECT * FROM appearances").to_pylist()
    assert appearances and all(a["person_id"] and a["doc_ids"] for a in appearances)
    keys = [(a["person_id"], a["meeting_id"], a["role"]) for a in appearances]
    assert len(keys) == len(set(keys))  # deduplicated
    timeline = query(seed_outputs, "SELECT start_date FROM meeting_timeline").column("start_date").to_pylist()
    assert timeline == sorted(timeline, key=lambda d: (d is None, d))
    by_actor = query(seed_outputs, "SELECT sum(n) AS n FROM recommendations_by_actor").to_pylist()[0]["n"]
    assert by_actor == query(seed_outputs, "SELECT count(*) AS n FROM recommendations").to_pylist()[0]["n"]


def test_export_writes_every_table_as_csv(seed_outputs, tmp_path):
    r = CliRunner().invoke(main, ["export", "--output", str(seed_outputs), "--format", "csv", "--to", str(tmp_path), "-q"])
    assert r.exit_code == 0, r.output
    names = {p.stem for p in tmp_path.glob("*.csv")}
    assert {"meetings", "people", "person_roles", "recommendations", "appearances"} <= names
    with (tmp_path / "meetings.csv").open(encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 4


def _readme_questions() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Research questions in SQL"):]
    section = section[:section.index("\n## ", 5)]
    return re.findall(r"```sql\n(.*?)```", section, re.S)


def test_the_readme_questions_run(seed_outputs):
    from pipeline.sql import query

    questions = _readme_questions()
    assert len(questions) == 5
    for q in questions:
        assert query(seed_outputs, q).num_rows >= 1, q


@pytest.mark.parametrize("text,expected", [("عقد مؤتمر حول الاتجار بالبشر في عمان", "ar"),
                                           ("关于人口贩运的会议在北京举行", "zh")])
def test_a_short_text_in_another_script_is_not_english(input_dir, text, expected):
    from pipeline.ingest import ingest_folder

    (input_dir / "short.txt").write_text(text, encoding="utf-8")
    (doc,) = ingest_folder(input_dir)
    assert (doc.language, doc.status) == (expected, "unsupported_language")
