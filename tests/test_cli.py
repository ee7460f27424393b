"""The command line as a new user meets it: one-line usage errors, an empty folder, --strict."""
from __future__ import annotations

from click.testing import CliRunner

from pipeline.cli import main


def _invoke(*args):
    return CliRunner().invoke(main, list(args))


def test_a_missing_input_folder_is_one_line_and_exit_2(tmp_path):
    r = _invoke("run", "--input", str(tmp_path / "nope"), "--output", str(tmp_path / "out"))
    assert r.exit_code == 2
    assert r.stderr.strip().count("\n") == 0 and "Directory" in r.stderr and "does not exist" in r.stderr
    assert "Traceback" not in r.output


def test_an_input_that_is_a_file_and_an_unknown_option_are_usage_errors(tmp_path):
    f = tmp_path / "report.txt"
    f.write_text("x", encoding="utf-8")
    r = _invoke("run", "--input", str(f), "--output", str(tmp_path / "out"))
    assert r.exit_code == 2 and "is a file" in r.stderr and r.stderr.strip().count("\n") == 0
    r = _invoke("run", "--frobnicate")
    assert r.exit_code == 2 and r.stderr.startswith("rapporteur: error: No such option '--frobnicate'")


def test_an_empty_folder_warns_and_fails_under_strict(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    r = _invoke("run", "--input", str(empty), "--output", str(tmp_path / "out"), "-q")
    assert r.exit_code == 0 and "warning: no files in" in r.stderr
    r = _invoke("run", "--input", str(empty), "--output", str(tmp_path / "out"), "-q", "--strict")
    assert r.exit_code == 1 and "--strict: no input files" in r.stderr


def test_help_lists_every_format():
    r = _invoke("run", "--help")
    for suffix in (".txt", ".md", ".html", ".pdf", ".docx"):
        assert suffix in r.output


def test_duplicates_are_no_failure_and_failures_are_named_even_when_quiet(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = "The forum on shelters met in Graz on 3 May 2029 with some 40 experts.\n"
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(text, encoding="utf-8")
    r = _invoke("run", "--input", str(folder), "--output", str(tmp_path / "out"), "-q", "--strict")
    assert r.exit_code == 0, r.output
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    r = _invoke("run", "--input", str(folder), "--output", str(tmp_path / "out"), "-q", "--strict")
    assert r.exit_code == 1
    assert "broken.pdf: error" in r.stderr and "--strict: 1 of 3 files could not be processed" in r.stderr


def test_the_ingest_summary_comes_before_the_tables_are_written(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The forum on shelters met in Graz on 3 May 2029.\n", encoding="utf-8")
    r = _invoke("run", "--input", str(folder), "--output", str(tmp_path / "out"))
    assert r.exit_code == 0
    assert r.stderr.index("ingest: 1 files") < r.stderr.index("tables written to")
