"""Extraction on a Dask cluster (dask.distributed): a local cluster of N worker processes, or an
existing one (`dask scheduler` / `dask worker`, dask-jobqueue on Slurm, dask-kubernetes).

Documents go to the workers in batches; each worker process loads the spaCy pipeline once and
runs the same `pipe_contexts` as a one-process run, writing each result to the per-document cache
(content-addressed entries, written atomically, so workers never clash). A batch whose worker
dies is run again elsewhere (Dask's retries); a batch that raises is split into its documents,
and a document that still fails comes back as a result that says so (its documents row is then
marked `error` by the extract stage). Results are handed back in input order, so the tables are
the same as a one-process run.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..records import Extraction, MeetingFact

log = logging.getLogger(__name__)

FAILED = "extraction failed"  # the first words of the error of a document no worker could extract
BATCHES_PER_WORKER = 4  # batches in flight per worker: enough to keep every worker busy


@lru_cache(maxsize=4)
def _worker_nlp(model: str | None, components: str = "{}"):
    """The pipeline of this worker process (components: their config as JSON), loaded at its first
    batch and kept."""
    import json

    from .nlp import build_nlp

    return build_nlp(model, json.loads(components))


def extract_batch(items: list[tuple[str, dict[str, Any]]], model: str | None, batch_size: int,
                  max_chars: int | None, cache_dir: str | None,
                  components: str = "{}") -> list[tuple[str, str, dict[str, Any], int]]:
    """Run on a worker: (key, doc_id, result as JSON, words) for each (key, context)."""
    from . import Cache, pipe_contexts, result_line

    cache = Cache(Path(cache_dir)) if cache_dir else Cache(None)
    out = []
    for key, doc_id, result, words in pipe_contexts(_worker_nlp(model, components), items, batch_size=batch_size,
                                                    max_chars=max_chars):
        data = result.to_json()
        cache.put(key, result_line(data))
        out.append((key, doc_id, data, words))
    return out


def failed_result(doc_id: str, exc: BaseException) -> Extraction:
    return Extraction(doc_id=doc_id, meeting=MeetingFact(doc_id=doc_id),
                      errors=[f"{FAILED}: {type(exc).__name__}: {exc}"])


def _batches(items: Iterable[tuple[str, dict[str, Any]]], size: int) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def connect(workers: int, scheduler: str | None):
    """(client, cluster we started or None): the cluster at `scheduler`, else a local one of
    `workers` single-threaded worker processes (spaCy is CPU-bound: one process per core)."""
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=logging.ERROR)
    return Client(cluster), cluster


def extract_on_dask(items: Iterable[tuple[str, dict[str, Any]]], *, model: str | None, batch_size: int,
                    workers: int, scheduler: str | None, cache_dir: Path | None, max_chars: int | None,
                    bar=None, client=None, components: dict[str, dict] | None = None) -> Iterator[tuple[str, str, Extraction, int]]:
    """(key, doc_id, result, words) for each (key, context), in input order."""
    import json

    config = json.dumps(components or {}, sort_keys=True)
    from distributed import as_completed

    own = client is None
    cluster = None
    if own:
        client, cluster = connect(workers, scheduler)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        items = list(items)
        size = max(batch_size, min(64, -(-len(items) // (n_workers * BATCHES_PER_WORKER))))
        cache = str(cache_dir) if cache_dir else None
        futures = {}
        for i, batch in enumerate(_batches(items, size)):
            fut = client.submit(extract_batch, batch, model, batch_size, max_chars, cache, config, retries=3, pure=False,
                                key=f"rapporteur-extract-{i}-{batch[0][0]}")
            futures[fut] = batch
        done: dict[str, tuple[str, str, Extraction, int]] = {}
        for fut in as_completed(futures):
            batch = futures[fut]
            try:
                rows = fut.result()
            except Exception as exc:  # noqa: BLE001 - one bad batch: its documents one by one
                log.warning("a batch of %d documents failed on a worker (%s: %s); retrying them one by one",
                            len(batch), type(exc).__name__, exc)
                rows = []
                for item in batch:
                    try:
                        rows += client.submit(extract_batch, [item], model, batch_size, max_chars, cache, config,
                                              retries=1, pure=False).result()
                    except Exception as one:  # noqa: BLE001
                        log.error("document %s could not be extracted: %s: %s", item[1]["doc_id"], type(one).__name__, one)
                        result = failed_result(item[1]["doc_id"], one)
                        rows.append((item[0], item[1]["doc_id"], result.to_json(), 0))
            for key, doc_id, data, words in rows:
                done[doc_id] = (key, doc_id, Extraction.from_json(data), words)
                if bar is not None:
                    bar.update(1)
        for key, ctx in items:
            yield done[ctx["doc_id"]]
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
