"""End-to-end properties of a run on the seeds."""
import hashlib

from click.testing import CliRunner

from conftest import RAW_TEXTS, SEED_IDS
from pipeline.cli import main
from pipeline.tables import TABLES


def test_every_input_file_gets_a_row_and_all_seeds_are_ok(seed_docs):
    assert sorted(seed_docs) == SEED_IDS
    assert {d["status"] for d in seed_docs.values()} == {"ok"}
    for doc in seed_docs.values():
        assert doc["n_chars"] == len(doc["text"]) > 1000
        assert doc["sha256"] == hashlib.sha256((RAW_TEXTS / f"{doc['doc_id']}.txt").read_bytes()).hexdigest()


def test_every_table_is_written(seed_outputs):
    for name in TABLES:
        assert (seed_outputs / f"{name}.parquet").exists(), name
    assert (seed_outputs / "README.md").read_text().startswith("# Data dictionary")


def test_two_runs_give_byte_identical_parquet(seed_outputs, tmp_path):
    result = CliRunner().invoke(main, ["run", "--input", str(RAW_TEXTS), "--output", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    for name in TABLES:
        a = (seed_outputs / f"{name}.parquet").read_bytes()
        b = (tmp_path / f"{name}.parquet").read_bytes()
        assert a == b, f"{name}.parquet differs between two runs"
