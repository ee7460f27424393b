"""A researcher's judgements survive re-runs: recorded with `rapporteur curate`, applied at reconcile,
reported when stale (on the seeds)."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from conftest import copy_seeds
from pipeline.cli import main
from pipeline.tables import read_rows

A, B, C, D = "000_f75f44d31c25d6ae", "001_94ee75cf85c24bdc", "002_3965c8679f63236b", "003_ebb02588b926a74c"


def _cli(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with its own params.yaml and curation file, and a first run of the seeds."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "params.yaml").write_text("reconcile:\n  curation: curation.yaml\n", encoding="utf-8")
    copy_seeds(tmp_path / "raw_texts")
    assert _cli("run", "--input", "raw_texts", "--output", "outputs", "-q").exit_code == 0
    return tmp_path


def _meeting_docs():
    return sorted(sorted(m["doc_ids"]) for m in read_rows("outputs", "meetings"))


def test_judgements_show_after_a_re_run_and_after_an_unrelated_document(project):
    count = next(c for c in read_rows("outputs", "counts") if c["doc_id"] == A)
    people = read_rows("outputs", "people")
    text = (project / "raw_texts" / f"{B}.txt").read_text(encoding="utf-8")
    doc_b = next(d for d in read_rows("outputs", "documents") if d["doc_id"] == B)["text"]
    phrase = doc_b[200:230]
    steps = [("merge-meetings", A, B), ("split-meetings", C, D), ("set", "--meeting-of", A, "city", "Lyon"),
             ("reject", count["count_id"]), ("add", "--doc", B, "--name", "Ilse Varga", "--role", "Rapporteur",
                                             "--text", phrase)]
    for step in steps:
        r = _cli("curate", *step, "--author", "A. Researcher", "--note", "checked by hand")
        assert r.exit_code == 0, r.output
    assert "judgements:" in (project / "curation.yaml").read_text() and text
    assert _cli("run", "--input", "raw_texts", "--output", "outputs", "-q", "--strict").exit_code == 0

    def check():
        docs = _meeting_docs()
        assert [A, B] in docs and [C] in docs and [D] in docs
        merged = next(m for m in read_rows("outputs", "meetings") if A in m["doc_ids"])
        assert merged["city"] == "Lyon" and merged["curation_ids"] == ["c0003"]
        assert count["count_id"] not in {c["count_id"] for c in read_rows("outputs", "counts")}
        added = [r for r in read_rows("outputs", "person_roles") if r["name"] == "Ilse Varga"]
        assert len(added) == 1 and added[0]["method"] == "curated" and added[0]["curation_id"] == "c0005"
        assert doc_b[added[0]["start_char"]:added[0]["end_char"]] == phrase
        assert {r["status"] for r in read_rows("outputs", "curation_report")} == {"applied"}

    check()
    (project / "raw_texts" / "zz_new.txt").write_text("The forum on shelters met in Graz on 3 May 2029.\n", encoding="utf-8")
    assert _cli("run", "--input", "raw_texts", "--output", "outputs", "-q").exit_code == 0
    check()
    assert len(people) >= 1


def test_a_judgement_made_stale_is_reported_and_fails_strict(project):
    r = _cli("curate", "merge-meetings", A, B, "--author", "A. Researcher")
    assert r.exit_code == 0, r.output
    (project / "raw_texts" / f"{B}.txt").unlink()
    r = _cli("run", "--input", "raw_texts", "--output", "outputs", "-q")
    assert r.exit_code == 0 and "judgement c0001 is stale" in r.stderr
    report = read_rows("outputs", "curation_report")
    assert [(x["curation_id"], x["status"]) for x in report] == [("c0001", "stale")]
    r = _cli("run", "--input", "raw_texts", "--output", "outputs", "-q", "--strict")
    assert r.exit_code == 1 and "stale" in r.stderr
    assert _cli("curate", "check", "--output", "outputs").exit_code == 1


def test_a_malformed_curation_file_stops_before_any_work(project):
    shutil.rmtree(project / "outputs")
    (project / "curation.yaml").write_text("judgements:\n  - id: c1\n    action: merge\n    date: 2026-01-01\n"
                                          "    author: me\n", encoding="utf-8")
    r = _cli("run", "--input", "raw_texts", "--output", "outputs", "-q")
    assert r.exit_code == 1 and "judgement c1: action 'merge' is not one of" in r.output
    assert not (project / "outputs").exists()


def test_a_judgement_is_checked_against_the_outputs_when_recorded(project):
    r = _cli("curate", "reject", "no-such-fact", "--author", "me")
    assert r.exit_code == 1 and "no fact 'no-such-fact'" in r.output
    r = _cli("curate", "add", "--doc", A, "--name", "X Y", "--text", "words that are not there", "--author", "me")
    assert r.exit_code == 1 and "is not in document" in r.output


def test_evaluate_measures_the_pipeline_without_curation_by_default(project):
    from pipeline.stages import uncurated

    assert _cli("curate", "merge-meetings", A, B, "--author", "me").exit_code == 0
    assert _cli("run", "--input", "raw_texts", "--output", "outputs", "-q").exit_code == 0
    assert [A, B] in _meeting_docs()
    plain = uncurated("outputs", project / "plain")
    assert [A, B] not in sorted(sorted(m["doc_ids"]) for m in read_rows(plain, "meetings"))


def test_same_person_and_not_the_same_person(project):
    def ids(name):
        return {r["person_id"] for r in read_rows("outputs", "person_roles") if r["name"] == name}

    a, b = "Kari Johnstone", "Petya Nestorova"
    assert ids(a) and ids(b) and ids(a) != ids(b)
    assert _cli("curate", "merge-people", a, b, "--author", "me").exit_code == 0
    assert _cli("run", "--input", "raw_texts", "--output", "outputs", "-q").exit_code == 0
    assert ids(a) == ids(b) and len(ids(a)) == 1
    assert len({p["person_id"] for p in read_rows("outputs", "people")} & ids(a)) == 1
    assert _cli("curate", "split-people", a, b, "--author", "me").exit_code == 0
    assert _cli("run", "--input", "raw_texts", "--output", "outputs", "-q").exit_code == 0
    assert ids(a) != ids(b)
    known = {p["person_id"] for p in read_rows("outputs", "people")}
    assert ids(a) <= known and ids(b) <= known


def test_the_review_page_shows_curated_rows_apart(project):
    from pipeline.report import page_name

    doc_b = next(d for d in read_rows("outputs", "documents") if d["doc_id"] == B)["text"]
    assert _cli("curate", "add", "--doc", B, "--name", "Ilse Varga", "--text", doc_b[100:130], "--author", "me").exit_code == 0
    assert _cli("run", "--input", "raw_texts", "--output", "outputs", "-q").exit_code == 0
    assert _cli("report", "--output", "outputs", "-q").exit_code == 0
    page = (project / "outputs" / "report" / page_name(B)).read_text(encoding="utf-8")
    assert "Set by a researcher" in page and "Ilse Varga" in page.split("Set by a researcher")[1].split("<h2>")[0]
    index = (project / "outputs" / "report" / "index.html").read_text(encoding="utf-8")
    assert "c0001" in index and "applied" in index


def test_judgements_on_the_development_corpus(tmp_path, monkeypatch):
    """A merge of two reports of different meetings and a reject, on real reports of the dev corpus."""
    from conftest import DEV_TEXTS

    monkeypatch.chdir(tmp_path)
    (tmp_path / "params.yaml").write_text("reconcile:\n  curation: curation.yaml\n", encoding="utf-8")
    ids = sorted(p.stem for p in DEV_TEXTS.glob("dev0[1-4]*.txt"))
    (tmp_path / "in").mkdir()
    for d in ids:
        shutil.copy(DEV_TEXTS / f"{d}.txt", tmp_path / "in" / f"{d}.txt")
    assert _cli("run", "--input", "in", "--output", "outputs", "-q").exit_code == 0
    first, third = ids[0], ids[2]
    assert [first, third] not in _meeting_docs()
    rec = read_rows("outputs", "recommendations")[0]
    assert _cli("curate", "merge-meetings", first, third, "--author", "me").exit_code == 0
    assert _cli("curate", "reject", rec["recommendation_id"], "--author", "me").exit_code == 0
    assert _cli("run", "--input", "in", "--output", "outputs", "-q", "--strict").exit_code == 0
    assert any(first in docs and third in docs for docs in _meeting_docs())
    assert rec["recommendation_id"] not in {r["recommendation_id"] for r in read_rows("outputs", "recommendations")}


def test_a_missed_count_and_recommendation_are_added_with_their_offsets(project):
    doc_a = next(d for d in read_rows("outputs", "documents") if d["doc_id"] == A)["text"]
    phrase = doc_a[300:340]
    assert _cli("curate", "add", "--doc", A, "--kind", "count", "--value", "12", "--unit", "countries", "--text", phrase,
                "--author", "me").exit_code == 0
    r = _cli("curate", "add", "--doc", A, "--kind", "recommendation", "--actor", "participants", "--text", phrase,
             "--author", "me")
    assert r.exit_code == 0, r.output
    assert _cli("run", "--input", "raw_texts", "--output", "outputs", "-q", "--strict").exit_code == 0
    (count,) = [c for c in read_rows("outputs", "counts") if c["method"] == "curated"]
    assert (count["value"], count["unit"], count["curation_id"]) == (12, "countries", "c0001")
    assert doc_a[count["start_char"]:count["end_char"]] == phrase
    (rec,) = [x for x in read_rows("outputs", "recommendations") if x["method"] == "curated"]
    assert (rec["actor"], rec["curation_id"], rec["text"]) == ("participants", "c0002", phrase)
