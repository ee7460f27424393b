"""A re-run of ingest reads only the files that changed on disk; its tables are those of a run from
scratch (texts written for the test)."""
import os

import pandas as pd

from pipeline import ingest


def _write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _reads(monkeypatch):
    seen = []
    real = ingest.read_bytes

    def counting(path):
        seen.append(path.name)
        return real(path)

    monkeypatch.setattr(ingest, "read_bytes", counting)
    return seen


def test_an_unchanged_file_is_not_read_again_and_the_tables_are_the_same(tmp_path, monkeypatch):
    corpus, out, scratch = tmp_path / "in", tmp_path / "out", tmp_path / "scratch"
    corpus.mkdir()
    _write(corpus, "a.txt", "The network of labour inspectors met in Porto on 3 May 2030.")
    b = _write(corpus, "b.txt", "Shelter managers met in Gdansk on 9 June 2030 to compare standards.")
    ingest.main(corpus, out)
    seen = _reads(monkeypatch)
    ingest.main(corpus, out)
    assert seen == []  # nothing changed on disk
    b.write_text("Shelter managers met in Gdansk on 10 June 2030 to compare standards.", encoding="utf-8")
    os.utime(b, ns=(b.stat().st_atime_ns, b.stat().st_mtime_ns + 1_000_000))
    ingest.main(corpus, out)
    assert seen == ["b.txt"]
    ingest.main(corpus, scratch)
    for table in ("documents", "segments", "footnotes"):
        assert pd.read_parquet(out / f"{table}.parquet").equals(pd.read_parquet(scratch / f"{table}.parquet"))


def test_a_damaged_state_reads_every_file(tmp_path, monkeypatch):
    corpus, out = tmp_path / "in", tmp_path / "out"
    corpus.mkdir()
    _write(corpus, "a.txt", "The network of labour inspectors met in Porto on 3 May 2030.")
    ingest.main(corpus, out)
    (out / "interim" / ingest.STATE_FILE).write_text("{not json", encoding="utf-8")
    seen = _reads(monkeypatch)
    ingest.main(corpus, out)
    assert seen == ["a.txt"]
