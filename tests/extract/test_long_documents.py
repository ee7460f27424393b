"""A long document goes through spaCy in pieces; offsets stay true to the whole text and the facts
are those of the document read in one piece."""
from click.testing import CliRunner

from conftest import RAW_TEXTS, SEED_IDS
from pipeline import extract as extract_stage
from pipeline.cli import main
from pipeline.extract import chunks
from pipeline.tables import read_rows


def test_chunks_cut_at_paragraphs_and_cover_the_text():
    text = ("A paragraph of some length about shelters. " * 20 + "\n\n") * 30
    pieces = chunks(text, 2000)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
    assert all(e - s <= 2000 for s, e in pieces)
    assert all(text[e - 2:e] == "\n\n" for _, e in pieces[:-1])
    assert chunks("x" * 50, 10) == [(0, 10), (10, 20), (20, 30), (30, 40), (40, 50)]


def test_a_document_read_in_pieces_gives_the_facts_of_one_piece(tmp_path, monkeypatch, seed_outputs):
    long_id = max(SEED_IDS, key=lambda d: len((RAW_TEXTS / f"{d}.txt").read_text()))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"{long_id}.txt").write_text((RAW_TEXTS / f"{long_id}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(extract_stage, "MAX_CHUNK_CHARS", 4000)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", "--input", str(folder), "--output", str(out), "-q", "--no-cache"])
    assert result.exit_code == 0, result.output
    text = read_rows(out, "documents")[0]["text"]
    assert len(chunks(text, 4000)) >= 4
    for m in read_rows(out, "mentions"):
        assert text[m["start_char"]:m["end_char"]] == m["text"]

    def facts(folder, table, *cols):
        return sorted(tuple(r[c] for c in cols) for r in read_rows(folder, table) if r["doc_id"] == long_id)

    for table, cols in (("counts", ("value", "unit", "start_char")), ("person_roles", ("name", "role")),
                        ("recommendations", ("start_char", "end_char"))):
        whole, pieces = set(facts(seed_outputs, table, *cols)), set(facts(out, table, *cols))
        assert len(whole & pieces) >= 0.9 * len(whole), (table, whole - pieces)
