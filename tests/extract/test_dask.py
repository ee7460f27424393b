"""Extraction on a Dask cluster: the same results as one process, a killed worker loses nothing,
and a document that fails on a worker becomes a result that says so."""
from __future__ import annotations

import json
import os
import signal
import threading
import time

import pytest

from conftest import RAW_TEXTS, SEED_IDS

distributed = pytest.importorskip("distributed")


def _contexts(n: int) -> list[dict]:
    texts = [(RAW_TEXTS / f"{d}.txt").read_text(encoding="utf-8")[:3000] for d in SEED_IDS]
    return [{"doc_id": f"doc{i:03d}", "sha256": str(i), "text": texts[i % len(texts)], "published": None,
             "segments": [], "dateline": None} for i in range(n)]


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c, Client(c) as client:
        yield c, client


def _as_json(results):
    return [json.dumps(r.to_json(), sort_keys=True) for r in results]


def test_the_cluster_gives_the_results_of_one_process_and_survives_a_killed_worker(cluster, nlp, tmp_path):
    from pipeline.extract import run_extraction

    c, client = cluster
    contexts = _contexts(60)
    alone, _ = run_extraction(iter(contexts), nlp=nlp, batch_size=2)
    cache = tmp_path / "cache"
    out: dict = {}

    def run():
        out["results"], out["stats"] = run_extraction(iter(contexts), batch_size=2, cache_dir=cache,
                                                      scheduler=c.scheduler_address)

    worker = threading.Thread(target=run)
    worker.start()
    deadline = time.time() + 120
    while time.time() < deadline and len(list(cache.glob("*.json"))) < 2:
        time.sleep(0.2)
    pids = client.run(os.getpid)
    os.kill(sorted(pids.values())[0], signal.SIGKILL)  # one worker process dies mid-run
    done_at_kill = len(list(cache.glob("*.json")))
    worker.join(timeout=300)
    assert not worker.is_alive()
    results = out["results"]
    assert [r.doc_id for r in results] == [c["doc_id"] for c in contexts]  # none lost, none twice
    assert _as_json(results) == _as_json(alone)
    assert done_at_kill < 60, "the worker was killed after the run ended: the test proves nothing"
    assert out["stats"].n_extracted == 60 and len(list(cache.glob("*.json"))) == 60


def test_a_document_that_fails_on_a_worker_says_so_and_the_others_go_on(cluster):
    from pipeline.extract import run_extraction
    from pipeline.extract.distributed import FAILED

    c, _ = cluster
    contexts = _contexts(3)
    contexts[1]["dateline"] = "not offsets"  # breaks this document's pass, not the others'
    results, stats = run_extraction(iter(contexts), batch_size=2, scheduler=c.scheduler_address)
    assert [r.doc_id for r in results] == ["doc000", "doc001", "doc002"]
    assert results[1].errors[0].startswith(f"{FAILED}: TypeError")
    assert results[0].errors == [] and results[2].errors == [] and results[0].person_roles
