"""Every kind of bad input gets its own documents row and a clear message; the run carries on."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.ingest import ingest_folder
from pipeline.tables import read_rows

GOOD = "The annual meeting took place in Vienna. More than 100 participants attended.\n"


def _by_id(folder: Path):
    return {d.doc_id: d for d in ingest_folder(folder)}


def test_empty_and_whitespace_files(input_dir):
    (input_dir / "empty.txt").write_bytes(b"")
    (input_dir / "blank.txt").write_text("  \n\t\n   \n", encoding="utf-8")
    docs = _by_id(input_dir)
    assert (docs["empty"].status, docs["empty"].error) == ("empty", "the file is empty (0 bytes)")
    assert (docs["blank"].status, docs["blank"].error) == ("empty", "the file contains only whitespace")


def test_binary_file(input_dir):
    (input_dir / "image.txt").write_bytes(bytes(range(256)) * 8)
    doc = _by_id(input_dir)["image"]
    assert doc.status == "binary"
    assert "binary content" in doc.error
    assert doc.text == ""


def test_cp1252_with_curly_quotes(input_dir):
    text = "“We must act now,” said the Rapporteur. It’s time – for the café owners too."
    (input_dir / "win.txt").write_bytes(text.encode("cp1252"))
    doc = _by_id(input_dir)["win"]
    assert (doc.status, doc.encoding, doc.text) == ("ok", "cp1252", text)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_utf16_and_bom_files(input_dir, encoding):
    text = "Délégués from 12 countries met in Genève. “Thank you,” she said."
    (input_dir / "wide.txt").write_bytes(text.encode(encoding))
    doc = _by_id(input_dir)["wide"]
    assert (doc.status, doc.text) == ("ok", text)


def test_text_is_nfc(input_dir):
    (input_dir / "nfd.txt").write_bytes("Citta\u0300 and Gene\u0300ve.".encode("utf-8"))
    assert _by_id(input_dir)["nfd"].text == "Città and Genève."


def test_name_with_spaces_and_accents(input_dir):
    (input_dir / "Réunion annuelle 2023 – Genève.txt").write_text(GOOD, encoding="utf-8")
    docs = _by_id(input_dir)
    assert list(docs) == ["Réunion annuelle 2023 – Genève"]
    assert docs["Réunion annuelle 2023 – Genève"].status == "ok"


def test_identical_content_is_a_duplicate_of_the_first(input_dir):
    (input_dir / "a.txt").write_text(GOOD, encoding="utf-8")
    (input_dir / "b.txt").write_text(GOOD, encoding="utf-8")
    docs = _by_id(input_dir)
    assert docs["a"].status == "ok"
    assert (docs["b"].status, docs["b"].duplicate_of) == ("duplicate", "a")


def test_unsupported_type_gets_a_row(input_dir):
    (input_dir / "report.odt").write_bytes(b"PK\x03\x04 an OpenDocument text")
    doc = _by_id(input_dir)["report"]
    assert doc.status == "unsupported"
    assert "'.odt'" in doc.error and ".pdf" in doc.error


def test_unreadable_file(input_dir, monkeypatch):
    locked = input_dir / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the read fail as it would for a normal user
        real = Path.read_bytes

        def read_bytes(self):
            if self.name == "locked.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    try:
        doc = _by_id(input_dir)["locked"]
    finally:
        locked.chmod(0o644)
    assert doc.status == "unreadable"
    assert doc.error.startswith("permission denied: the process may not read 'locked.txt'")


def test_bad_files_do_not_stop_the_run_and_every_file_gets_a_row(input_dir, tmp_path):
    (input_dir / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (input_dir / "b_copy.txt").write_text(GOOD, encoding="utf-8")
    (input_dir / "empty.md").write_bytes(b"")
    (input_dir / "blob.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (input_dir / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["ingest", "--input", str(input_dir), "--output", str(out), "-q"])
    assert result.exit_code == 0, result.output
    rows = {r["doc_id"]: r for r in read_rows(out, "documents")}
    assert {k: v["status"] for k, v in rows.items()} == {
        "blob": "binary", "b_copy": "duplicate", "empty": "empty", "a_good": "ok", "sheet": "unsupported"}
    assert all(r["error"] for r in rows.values() if r["status"] != "ok")
    assert rows["a_good"]["error"] is None
    assert rows["b_copy"]["duplicate_of"] == "a_good"

    strict = CliRunner().invoke(main, ["ingest", "--input", str(input_dir), "--output", str(out), "-q", "--strict"])
    assert strict.exit_code == 1
    assert "--strict: 3 of 5 files could not be processed" in strict.output  # the duplicate is no failure


def test_a_second_ingest_reuses_the_cleaned_text_of_unchanged_files(input_dir, tmp_path, monkeypatch):
    from pipeline import ingest

    (input_dir / "a.txt").write_text("Vienna, 10 April 2024 – The meeting opened.⁴\n\n⁴ See <https://example.org/a>\n", encoding="utf-8")
    (input_dir / "b.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    ingest.main(input_dir, out)
    first = {name: (out / f"{name}.parquet").read_bytes() for name in ("documents", "footnotes", "segments")}
    cleaned = []
    real_clean = ingest.clean_text
    monkeypatch.setattr(ingest, "clean_text", lambda text: cleaned.append(text) or real_clean(text))
    (input_dir / "c.txt").write_text("A new report from Geneva.", encoding="utf-8")
    ingest.main(input_dir, out)
    assert cleaned == ["A new report from Geneva."]  # only the new file was cleaned
    (input_dir / "c.txt").unlink()
    ingest.main(input_dir, out)
    assert {name: (out / f"{name}.parquet").read_bytes() for name in first} == first


def test_utf16_without_a_byte_order_mark_is_decoded(input_dir):
    text = "Die Konferenz – a meeting of 40 inspectors in Graz on 3 May 2022. “Done,” said the chair.\n"
    (input_dir / "le.txt").write_bytes(text.encode("utf-16-le"))
    (input_dir / "be.txt").write_bytes(text.encode("utf-16-be"))
    docs = _by_id(input_dir)
    assert (docs["le"].status, docs["le"].encoding, docs["le"].text) == ("ok", "utf_16_le", text.strip())
    assert (docs["be"].status, docs["be"].encoding) == ("ok", "utf_16_be")


def test_a_report_in_a_language_without_a_model_is_not_processed(input_dir, tmp_path):
    (input_dir / "fr.txt").write_text(
        "Le Conseil de l'Europe a organisé une conférence sur la lutte contre la traite des êtres humains à "
        "Strasbourg. Plus de cent experts venus de toute l'Europe ont participé aux débats, qui ont porté sur "
        "la protection des victimes et la coopération entre les États membres.", encoding="utf-8")
    (input_dir / "en.txt").write_text(GOOD * 3, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", "--input", str(input_dir), "--output", str(out), "-q", "--no-cache"])
    assert result.exit_code == 0, result.output
    rows = {d["doc_id"]: d for d in read_rows(out, "documents")}
    assert (rows["fr"]["status"], rows["fr"]["language"]) == ("unsupported_language", "fr")
    assert "no spaCy model is configured" in rows["fr"]["error"]
    assert (rows["en"]["status"], rows["en"]["language"]) == ("ok", "en")
    assert {m["doc_id"] for m in read_rows(out, "mentions")} == {"en"}


def test_files_without_meeting_evidence_create_no_meeting(input_dir, tmp_path):
    (input_dir / "digits.txt").write_text("12 34 56 78\n90 12 34\n", encoding="utf-8")
    (input_dir / "punct.txt").write_text("... --- !!! ??? ;;; ,,,\n", encoding="utf-8")
    (input_dir / "table.txt").write_text("Country | 2019 | 2020\nAlbania | 12 | 15\nArmenia | 3 | 4\n", encoding="utf-8")
    (input_dir / "report.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", "--input", str(input_dir), "--output", str(out), "-q", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert [m["doc_ids"] for m in read_rows(out, "meetings")] == [["report"]]
    assert {s["doc_id"] for s in read_rows(out, "meeting_sources")} == {"report"}
