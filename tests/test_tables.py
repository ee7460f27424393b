from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.tables import TABLES, SchemaError, data_dictionary, to_arrow, write_tables

ROOT = Path(__file__).resolve().parents[1]
CONTRACT_COLUMNS = {
    "documents": "doc_id source_path sha256 title text doc_type published published_source language n_chars status error",
    "mentions": "mention_id doc_id label text start_char end_char sentence extractor confidence",
    "people": "person_id name honorifics aliases doc_ids n_mentions",
    "person_roles": "doc_id meeting_id person_id name role role_norm organization country date likely_person_id method confidence start_char end_char",
    "role_tenures": "role_norm organization person_id first_seen last_seen n_sources",
    "meetings": "meeting_id name series start_date end_date date_precision city country venue mode organizers participants participants_qualifier countries countries_qualifier doc_ids conflicts",
    "meeting_sources": "meeting_id doc_id start_date end_date city venue mode",
    "counts": "count_id doc_id meeting_id value qualifier lower upper unit text start_char end_char",
    "recommendations": "recommendation_id doc_id meeting_id text actor addressee modality kind start_char end_char",
    "organizations": "org_id name acronym aliases doc_ids",
}


@pytest.mark.parametrize("table", sorted(CONTRACT_COLUMNS))
def test_every_contract_column_is_in_the_schema(table):
    assert set(CONTRACT_COLUMNS[table].split()) <= set(TABLES[table].column_names)


def test_schema_types_follow_the_contract():
    import pyarrow as pa

    assert TABLES["documents"].schema.field("published").type == pa.date32()
    assert TABLES["counts"].schema.field("value").type == pa.int64()
    assert TABLES["people"].schema.field("aliases").type == pa.list_(pa.string())


def test_writer_rejects_a_row_that_breaks_the_schema(tmp_path):
    with pytest.raises(SchemaError, match=r"counts.qualifier: value 'lots' in row 0"):
        to_arrow("counts", [{**_count_row(), "qualifier": "lots"}])
    with pytest.raises(SchemaError, match=r"missing columns \['unit'\]"):
        row = _count_row()
        del row["unit"]
        to_arrow("counts", [row])
    with pytest.raises(SchemaError, match="use null"):
        to_arrow("counts", [{**_count_row(), "meeting_id": "None"}])


def test_a_failed_write_leaves_previous_outputs_intact(tmp_path):
    write_tables({"counts": [_count_row()]}, tmp_path)
    before = (tmp_path / "counts.parquet").read_bytes()
    with pytest.raises(SchemaError):
        write_tables({"counts": [_count_row(value=5)], "people": [{"bad": 1}]}, tmp_path)
    assert (tmp_path / "counts.parquet").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["counts.parquet"]  # no staging debris


def test_dates_lists_and_nulls_round_trip(tmp_path):
    write_tables({"counts": [_count_row()]}, tmp_path)
    table = pq.read_table(tmp_path / "counts.parquet")
    assert table.schema.field("upper").type.__str__() == "int64"
    row = table.to_pylist()[0]
    assert row["upper"] is None and row["value"] == 170


def test_data_dictionary_is_generated_and_in_the_readme():
    dictionary = data_dictionary()
    for name in TABLES:
        assert f"## {name}" in dictionary
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = readme.index("<!-- data-dictionary:start -->"), readme.index("<!-- data-dictionary:end -->")
    section = readme[start:end].split("\n", 1)[1].strip()
    assert section == dictionary.replace("# Data dictionary", "### Data dictionary", 1).replace("\n## ", "\n#### ").strip(), (
        "README's data dictionary is stale: run `python -m pipeline.docs` to regenerate it")


def _count_row(value=170):
    return {"count_id": "C1", "doc_id": "d", "meeting_id": None, "value": value, "qualifier": "more_than",
            "lower": value + 1, "upper": None, "unit": "participants", "text": f"More than {value} participants",
            "start_char": 0, "end_char": 10, "part_of": None, "method": "rule:count", "confidence": 0.9,
            "curation_id": None}


@pytest.mark.parametrize("which", ["seed_outputs", "dev_outputs"])
def test_every_organisation_name_has_an_org_id_that_joins(request, which):
    from pipeline.tables import read_rows

    out = request.getfixturevalue(which)
    known = {o["org_id"] for o in read_rows(out, "organizations")}
    roles = [r for r in read_rows(out, "person_roles") if r["organization"]]
    assert roles and all(r["org_id"] in known for r in roles)
    meetings = [m for m in read_rows(out, "meetings") if m["organizers"]]
    assert all(len(m["organizer_ids"]) == len(m["organizers"]) and set(m["organizer_ids"]) <= known for m in meetings)
    recs = read_rows(out, "recommendations")
    assert all(r[c] in known for r in recs for c in ("actor_org_id", "addressee_org_id") if r[c])
    assert any(r["actor_org_id"] for r in recs)


@pytest.mark.parametrize("which", ["seed_outputs", "dev_outputs"])
def test_every_meeting_field_of_a_source_points_at_its_evidence(request, which):
    from pipeline.tables import read_rows

    out = request.getfixturevalue(which)
    texts = {d["doc_id"]: d["text"] for d in read_rows(out, "documents")}
    sources = read_rows(out, "meeting_sources")
    for field in ("city", "country", "mode", "organizers", "venue", "date"):
        located = [s for s in sources if s[f"{field}_start_char"] is not None]
        assert all(texts[s["doc_id"]][s[f"{field}_start_char"]:s[f"{field}_end_char"]] == s[f"{field}_text"] for s in located)
    for field in ("city", "mode"):
        stated = [s for s in sources if s[field]]
        assert stated and all(s[f"{field}_start_char"] is not None for s in stated), field


def test_a_table_given_as_columns_is_checked_like_rows():
    rows = [_count_row(), _count_row(value=5)]
    columns = {c: [r[c] for r in rows] for c in rows[0]}
    assert to_arrow("counts", columns).to_pylist() == to_arrow("counts", rows).to_pylist()
    with pytest.raises(SchemaError, match=r"counts.qualifier: value 'lots' in row 1"):
        to_arrow("counts", {**columns, "qualifier": ["exact", "lots"]})
    with pytest.raises(SchemaError, match=r"missing columns \['unit'\]"):
        to_arrow("counts", {c: v for c, v in columns.items() if c != "unit"})
    with pytest.raises(SchemaError, match="different lengths"):
        to_arrow("counts", {**columns, "unit": ["participants"]})
