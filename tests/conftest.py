"""Shared fixtures. The end-to-end seed run happens once per session and is shared by every test
that needs real outputs."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW_TEXTS = ROOT / "raw_texts"
GOLD = ROOT / "tests" / "gold" / "seeds"
DEV_TEXTS = ROOT / "tests" / "corpus" / "dev"
DEV_GOLD = ROOT / "tests" / "gold" / "dev"
SEED_IDS = sorted(p.stem for p in RAW_TEXTS.glob("*.txt"))


def run_pipeline(input_dir: Path, out: Path) -> Path:
    """`rapporteur run` on a folder; the folder of its outputs."""
    from click.testing import CliRunner

    from pipeline.cli import main

    result = CliRunner().invoke(main, ["run", "--input", str(input_dir), "--output", str(out), "-q"])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return out


@pytest.fixture(scope="session")
def seed_outputs(tmp_path_factory) -> Path:
    """The whole pipeline run once on raw_texts/ (the seeds)."""
    return run_pipeline(RAW_TEXTS, tmp_path_factory.mktemp("seed_outputs"))


@pytest.fixture(scope="session")
def dev_outputs(tmp_path_factory) -> Path:
    """The whole pipeline run once on the development corpus (tests/corpus/dev)."""
    return run_pipeline(DEV_TEXTS, tmp_path_factory.mktemp("dev_outputs"))


@pytest.fixture(scope="session")
def seed_docs(seed_outputs):
    from pipeline.tables import read_rows

    return {row["doc_id"]: row for row in read_rows(seed_outputs, "documents")}


@pytest.fixture
def input_dir(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    return folder


def copy_seeds(dest: Path, ids=None) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for doc_id in ids or SEED_IDS:
        shutil.copy(RAW_TEXTS / f"{doc_id}.txt", dest / f"{doc_id}.txt")
    return dest


@pytest.fixture(scope="session")
def nlp():
    from pipeline.extract.nlp import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def extract(nlp):
    """Run the whole extraction on one text written for a test; returns the per-document result."""
    from pipeline.ingest.clean import clean_text
    from pipeline.ingest.metadata import read_dateline
    from pipeline.lang.layout import segment

    def run(text: str, published: str | None = None, doc_id: str = "t"):
        text = clean_text(text).text
        doc = nlp.make_doc(text)
        dateline = read_dateline(text)  # what ingest hands over with the document
        if published is None and dateline is not None and dateline.published is not None:
            published = dateline.published.isoformat()
        doc._.context = {"doc_id": doc_id, "published": published,
                         "segments": [(s.kind, s.start, s.end) for s in segment(text)],
                         "dateline": [dateline.start, dateline.end] if dateline else None}
        result = nlp(doc)._.result.rows()  # the facts as table rows
        result["text"] = text
        return result

    return run
