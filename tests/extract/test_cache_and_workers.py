"""The per-document cache and the multi-process spaCy pass give the same tables."""
import json
import shutil

from click.testing import CliRunner

from conftest import copy_seeds
from pipeline.cli import main
from pipeline.extract import main as extract_main
from pipeline.tables import TABLES


def _run(input_dir, out, *extra):
    result = CliRunner().invoke(main, ["run", "--input", str(input_dir), "--output", str(out), "-q", *extra])
    assert result.exit_code == 0, result.output + repr(result.exception)


def _same_tables(a, b):
    for name in TABLES:
        assert (a / f"{name}.parquet").read_bytes() == (b / f"{name}.parquet").read_bytes(), name


def test_tables_are_identical_with_and_without_cache_and_with_two_workers(tmp_path, seed_outputs):
    folder = copy_seeds(tmp_path / "in")
    _run(folder, tmp_path / "nocache", "--no-cache")
    assert not (tmp_path / "nocache" / "cache").exists()
    _same_tables(seed_outputs, tmp_path / "nocache")
    _run(folder, tmp_path / "two", "--workers", "2", "--no-cache")
    _same_tables(seed_outputs, tmp_path / "two")
    # a second run that reads everything back from the cache
    cached = tmp_path / "cached"
    _run(folder, cached)
    written = (cached / "interim" / "extractions.jsonl").read_bytes()
    stats = extract_main(cached, quiet=True)
    assert (stats.n_extracted, stats.n_cached) == (0, 5)
    # the cached lines are written as they are: the same bytes as the run that extracted them
    assert (cached / "interim" / "extractions.jsonl").read_bytes() == written
    assert (tmp_path / "two" / "interim" / "extractions.jsonl").read_bytes() == written
    _same_tables(seed_outputs, cached)


def test_a_changed_document_is_re_extracted_and_the_others_are_not(tmp_path):
    folder = copy_seeds(tmp_path / "in")
    out = tmp_path / "out"
    _run(folder, out)
    changed = folder / "003_ebb02588b926a74c.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nMore than 40 experts joined online.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", "--input", str(folder), "--output", str(out), "-q"])
    assert result.exit_code == 0
    stats = extract_main(out, quiet=True)
    assert (stats.n_extracted, stats.n_cached) == (1, 4)


def test_a_corrupt_cache_entry_is_recomputed(tmp_path, seed_outputs):
    folder = copy_seeds(tmp_path / "in")
    out = tmp_path / "out"
    _run(folder, out)
    entries = sorted((out / "cache").glob("*.json"))
    assert len(entries) == 5
    entries[0].write_text(entries[0].read_text()[:100])  # truncated
    entries[1].write_text(json.dumps({"key": "something else", "result": {}}))  # not its key
    stats = extract_main(out, quiet=True)
    assert (stats.n_extracted, stats.n_cached, stats.n_corrupt_cache) == (2, 3, 2)
    result = CliRunner().invoke(main, ["reconcile", "--output", str(out), "-q"])
    assert result.exit_code == 0
    _same_tables(seed_outputs, out)
    shutil.rmtree(out / "cache")


def test_a_failing_component_does_not_kill_the_run(nlp, monkeypatch, caplog):
    from pipeline.extract import counts as counts_module
    from pipeline.extract import run_extraction

    def broken(text, doc=None):
        raise ValueError("synthetic failure")

    monkeypatch.setattr(counts_module, "find_counts", broken)
    contexts = [{"doc_id": "a", "sha256": "x", "text": "Over 40 participants met in Vienna on 3 May 2022.",
                 "published": None, "segments": []}]
    (result,), stats = run_extraction(iter(contexts), nlp=nlp)
    assert result.errors == ["rapporteur_counts: ValueError: synthetic failure"]
    assert result.counts == []
    assert result.meeting.city == "Vienna"  # the other components still ran
    assert "rapporteur_counts failed on document a" in caplog.text


def test_the_cache_key_covers_what_extraction_depends_on_and_nothing_else(tmp_path, monkeypatch):
    """An edit to the language layer (here the date helpers) re-extracts every document; an edit to
    a module extraction does not use (the HTML review page) re-extracts none."""
    from pipeline.lang import resources

    package = tmp_path / "pipeline"
    shutil.copytree(resources.PACKAGE_ROOT, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(resources, "PACKAGE_ROOT", package)
    folder = copy_seeds(tmp_path / "in")
    out = tmp_path / "out"
    _run(folder, out)
    assert extract_main(out, quiet=True).n_cached == 5
    unrelated = package / "report.py"
    unrelated.write_text(unrelated.read_text() + "\n# an edit outside extraction keeps every entry\n")
    assert extract_main(out, quiet=True).n_cached == 5
    helper = package / "lang" / "dateparse.py"
    helper.write_text(helper.read_text() + "\n# an edit that changes no behaviour still changes the key\n")
    stats = extract_main(out, quiet=True)
    assert (stats.n_extracted, stats.n_cached) == (5, 0)
