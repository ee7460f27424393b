"""Extract stage: one spaCy pass over the ok documents, results per document, cached by content.

Input: OUTPUT/documents.parquet and OUTPUT/segments.parquet (from ingest).
Output: OUTPUT/interim/extractions.jsonl, one JSON line per document, sorted by doc_id.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import logging
import os
import tempfile
import time
from dataclasses import dataclass, fields
from pathlib import Path
from collections import deque
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from ..records import Extraction, MeetingFact
from ..lang.resources import bullet_re
from ..tables import read_rows

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

INTERIM = "interim"
PRINTED_DATES = ("metadata", "dateline", "html_meta", "text-label")
EXTRACTIONS = "extractions.jsonl"


@dataclass
class ExtractStats:
    n_documents: int = 0
    n_extracted: int = 0
    n_cached: int = 0
    n_corrupt_cache: int = 0
    n_words: int = 0
    seconds: float = 0.0
    results: list[Extraction] | None = None  # what was written to interim/extractions.jsonl
    lines: dict[str, str] | None = None  # doc_id -> its line of extractions.jsonl, where known


def cache_key(ctx: dict[str, Any], model: str, resources: str, params: dict[str, Any]) -> str:
    """Content-addressed: what extraction reads of the document (its cleaned text, segments,
    dateline, publication date and id), the model, the extraction code and rules, and parameters.
    A change to ingest that leaves a document's text alone keeps its entry."""
    text_hash = hashlib.sha256(ctx["text"].encode("utf-8")).hexdigest()
    blob = json.dumps({"text": text_hash, "segments": ctx.get("segments"), "dateline": ctx.get("dateline"),
                       "published": ctx.get("published"), "doc_id": ctx["doc_id"], "model": model,
                       "resources": resources, "params": params, "format": CACHE_FORMAT}, sort_keys=True,
                      default=list)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


CACHE_FORMAT = 2  # an entry is its key on the first line, then the result's line of extractions.jsonl


def result_line(result: Extraction | dict[str, Any]) -> str:
    """A result (or its plain data) as its line of interim/extractions.jsonl and of its cache entry."""
    return json.dumps(result if isinstance(result, dict) else result.to_json(), sort_keys=True, ensure_ascii=False)


class Cache:
    """Per-document results in a folder; entries are written atomically and checked on read. An
    entry holds the result's line of extractions.jsonl as it is written, so a cached document is
    read once and never serialised again."""

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder else None
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)
        self.corrupt: list[str] = []

    def get(self, key: str) -> tuple[Extraction, str] | None:
        """The result and its line, or None when there is no entry or it is damaged."""
        if not self.folder:
            return None
        path = self.folder / f"{key}.json"
        if not path.exists():
            return None
        try:
            head, _, line = path.read_text(encoding="utf-8").partition("\n")
            if head != key:
                raise ValueError("entry does not match its key")
            line = line.rstrip("\n")
            return Extraction.from_json(json.loads(line)), line
        except (ValueError, TypeError, KeyError, OSError, UnicodeDecodeError) as exc:
            log.warning("cache entry %s is corrupt (%s): recomputing it", path.name, exc)
            self.corrupt.append(key)
            return None

    def put(self, key: str, line: str) -> None:
        if not self.folder:
            return
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(f"{key}\n{line}\n")
        os.replace(tmp, self.folder / f"{key}.json")


def iter_contexts(output: Path, batch_rows: int = 256) -> Iterator[dict[str, Any]]:
    """The ok documents, read lazily from documents.parquet in record batches."""
    import pyarrow.parquet as pq

    segments: dict[str, list[tuple]] = {}
    for s in read_rows(output, "segments"):
        segments.setdefault(s["doc_id"], []).append((s["kind"], s["start_char"], s["end_char"]))
    path = Path(output) / "documents.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist: run `rapporteur ingest` first")
    columns = ["doc_id", "sha256", "text", "published", "published_source", "status", "dateline_start_char",
               "dateline_end_char"]
    for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_rows, columns=columns):
        for d in batch.to_pylist():
            if d["status"] != "ok":
                continue
            yield {"doc_id": d["doc_id"], "sha256": d["sha256"], "text": d["text"],
                   # relative words resolve only against a date the document states (a dateline, the
                   # page's own date, or metadata given with it), not a PDF's or Word file's creation date
                   "published": d["published"].isoformat() if d["published"] and d["published_source"] in PRINTED_DATES else None,
                   "dateline": [d["dateline_start_char"], d["dateline_end_char"]] if d["dateline_start_char"] is not None else None,
                   "segments": segments.get(d["doc_id"], [])}


# Longer documents go through spaCy in pieces (its limit is 1,000,000 characters). Memory grows with the
# characters of a batch (measured: 16 pieces of 100,000 characters peak at 2.7 GB, one piece at 0.6 GB),
# so pieces are small enough that a batch of them stays well under 1 GB.
MAX_CHUNK_CHARS = 20_000


def chunks(text: str, max_chars: int | None = None) -> list[tuple[int, int]]:
    """Pieces of at most max_chars, cut after a paragraph break, else a line break, else a sentence
    end, else a space (in the second half of the piece); offsets into the whole text."""
    max_chars = max_chars or MAX_CHUNK_CHARS
    pieces, start = [], 0
    while len(text) - start > max_chars:
        window = text[start:start + max_chars]
        cut = max_chars
        for sep in ("\n\n", "\n", ". ", " "):
            at = window.rfind(sep)
            # never between a lead-in ("...:") and its list, nor inside a list
            while sep.startswith("\n") and at >= max_chars // 2 and (
                    window[:at].rstrip().endswith(":") or bullet_re().match(window[at:].lstrip("\n"))):
                at = window.rfind(sep, 0, at)
            if at >= max_chars // 2:
                cut = at + len(sep)
                break
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, len(text)))
    return pieces


def chunk_context(ctx: dict[str, Any], start: int, end: int, index: int) -> dict[str, Any]:
    """The context of one piece: its offset, its segments and dateline shifted into it."""
    out = {k: v for k, v in ctx.items() if k not in ("text", "segments", "dateline")}
    out["offset"] = start
    out["segments"] = [(kind, s - start, e - start) for kind, s, e in ctx.get("segments", []) if start <= s and e <= end]
    dateline = ctx.get("dateline")
    out["dateline"] = [dateline[0] - start, dateline[1] - start] if dateline and start <= dateline[0] < end else None
    return out


_LIST_PARTS = ("mentions", "person_roles", "counts", "quotes", "recommendations", "orgs", "people")


def merge_pieces(parts: list[Extraction]) -> Extraction:
    """One document's record from the records of its pieces (offsets are already absolute): facts
    joined, sentence numbers continued, the meeting read from the first piece with later pieces
    filling what it leaves open."""
    if len(parts) == 1:
        return parts[0]
    merged = Extraction(doc_id=parts[0].doc_id, meeting=parts[0].meeting)
    sentences = 0
    for part in parts:
        numbered = [m for m in part.mentions if m.sentence is not None]
        for m in numbered:
            m.sentence += sentences
        sentences = 1 + max([sentences - 1] + [m.sentence for m in numbered])
        for k in _LIST_PARTS:
            getattr(merged, k).extend(getattr(part, k))
        merged.errors.extend(part.errors)
        for f in fields(MeetingFact):
            if getattr(merged.meeting, f.name) in (None, []) and getattr(part.meeting, f.name) not in (None, []):
                setattr(merged.meeting, f.name, getattr(part.meeting, f.name))
    return merged


def pipe_contexts(nlp, items: Iterable[tuple[str, dict[str, Any]]], *, batch_size: int = 16,
                  max_chars: int | None = None) -> Iterator[tuple[str, str, Extraction, int]]:
    """(cache key, doc_id, result, words) for each (key, context), in order: one streaming nlp.pipe
    pass; a long document goes through in pieces and comes out as one result. The same code runs
    in one process and on every Dask worker."""
    pending: deque[tuple[str, str, int, int, int]] = deque()

    def docs() -> Iterator["Doc"]:
        for key, ctx in items:
            pieces = chunks(ctx["text"], max_chars)
            for index, (start, end) in enumerate(pieces):
                piece = ctx["text"][start:end]
                pending.append((key, ctx["doc_id"], len(piece.split()), index, len(pieces)))
                doc = nlp.make_doc(piece)
                doc._.rapporteur_text = piece  # the tokenizer keeps the text: no need to join the tokens again
                doc._.context = chunk_context(ctx, start, end, index)
                yield doc

    parts: list[Extraction] = []
    words = 0
    for doc in nlp.pipe(docs(), batch_size=batch_size):
        key, doc_id, n_words, index, n_pieces = pending.popleft()
        parts.append(doc._.result)
        words += n_words
        if index + 1 < n_pieces:
            continue  # a long document: wait for its other pieces
        yield key, doc_id, merge_pieces(parts), words
        parts, words = [], 0


def run_extraction(contexts: Iterable[dict[str, Any]], *, model: str | None = None, batch_size: int = 16,
                   workers: int = 1, cache_dir: Path | None = None, progress: bool = False,
                   params: dict[str, Any] | None = None, total: int | None = None,
                   nlp=None, max_chars: int | None = None, scheduler: str | None = None,
                   components: dict[str, dict] | None = None) -> tuple[list[Extraction], ExtractStats]:
    """Extract every document; cached documents are read back. One worker: one streaming nlp.pipe
    pass in this process. More workers, or a scheduler address: batches of documents on a Dask
    cluster (a local one of `workers` processes, or the one at `scheduler`), each worker loading
    the pipeline once (extract/distributed.py). The results are the same either way.

    Only the documents of the batch being processed are held as Docs; results are plain rows.
    `components` overrides the components' default_config (params.yaml extract.components) and is
    part of every cache key. Returns the results in input order.
    """
    from .nlp import installed_model_id
    from ..lang.resources import resources_hash

    key_model = installed_model_id(model) if nlp is None else f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}"
    key_resources = resources_hash()
    cache = Cache(cache_dir)
    stats = ExtractStats()
    order: list[str] = []
    results: dict[str, Extraction] = {}
    lines: dict[str, str] = {}

    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=total, unit="doc", desc="extract", dynamic_ncols=True, smoothing=0.1)

    def uncached() -> Iterator[tuple[str, dict[str, Any]]]:
        for ctx in contexts:
            stats.n_documents += 1
            order.append(ctx["doc_id"])
            key = cache_key(ctx, key_model, key_resources, {**(params or {}), "components": components or {}})
            hit = cache.get(key)
            if hit is not None:
                results[ctx["doc_id"]], lines[ctx["doc_id"]] = hit
                stats.n_cached += 1
                if bar is not None:
                    bar.update(1)
                continue
            yield key, ctx

    todo = uncached()
    first = next(todo, None)
    started = time.perf_counter()
    if first is not None and (scheduler or workers > 1):
        from .distributed import extract_on_dask

        for key, doc_id, result, n_words in extract_on_dask(
                itertools.chain([first], todo), model=model, batch_size=batch_size, workers=workers,
                scheduler=scheduler, cache_dir=cache_dir, max_chars=max_chars, bar=bar, components=components):
            results[doc_id] = result
            stats.n_words += n_words
            stats.n_extracted += 1
    elif first is not None:  # the model is loaded only when some document needs it
        from .nlp import build_nlp

        nlp = nlp or build_nlp(model, components)
        for key, doc_id, result, n_words in pipe_contexts(nlp, itertools.chain([first], todo),
                                                          batch_size=batch_size, max_chars=max_chars):
            results[doc_id] = result
            lines[doc_id] = result_line(result)
            cache.put(key, lines[doc_id])
            stats.n_words += n_words
            stats.n_extracted += 1
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()
    stats.seconds = time.perf_counter() - started
    stats.n_corrupt_cache = len(cache.corrupt)
    stats.lines = lines
    return [results[d] for d in order], stats


def write_extractions(results: list[Extraction], output: Path, lines: dict[str, str] | None = None) -> Path:
    """interim/extractions.jsonl, sorted by doc_id; a result's known line (from the cache) is
    written as it is."""
    lines = lines or {}
    folder = Path(output) / INTERIM
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        for result in sorted(results, key=lambda r: r.doc_id):
            fh.write((lines.get(result.doc_id) or result_line(result)) + "\n")
    target = folder / EXTRACTIONS
    os.replace(tmp, target)
    return target


def read_extractions(output: Path) -> list[Extraction]:
    path = Path(output) / INTERIM / EXTRACTIONS
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [Extraction.from_json(json.loads(line)) for line in fh if line.strip()]


def _mark_failed(output: Path, results: list[Extraction]) -> None:
    """A document no worker could extract gets status `error` in documents, with the reason."""
    from .distributed import FAILED
    from ..tables import write_tables

    failed = {r.doc_id: next(e for e in r.errors if e.startswith(FAILED)) for r in results
              if any(e.startswith(FAILED) for e in r.errors)}
    if not failed:
        return
    rows = read_rows(output, "documents")
    for row in rows:
        if row["doc_id"] in failed:
            row["status"], row["error"] = "error", failed[row["doc_id"]]
            log.error("%s: %s", row["source_path"], row["error"])
    write_tables({"documents": rows}, output)


def main(output: Path | str, *, model: str | None = None, batch_size: int | None = None, workers: int | None = None,
         cache_dir: Path | None = None, use_cache: bool = True, quiet: bool = False,
         scheduler: str | None = None, components: dict[str, dict] | None = None) -> ExtractStats:
    import pyarrow.parquet as pq

    output = Path(output)
    cache_dir = (cache_dir or output / "cache") if use_cache else None
    docs_path = output / "documents.parquet"
    total = pq.read_table(docs_path, columns=["status"]).column("status").to_pylist().count("ok") if docs_path.exists() else None
    results, stats = run_extraction(iter_contexts(output), model=model, batch_size=batch_size or 16, workers=workers or 1,
                                    cache_dir=cache_dir, progress=not quiet, total=total, scheduler=scheduler,
                                    components=components)
    _mark_failed(output, results)
    write_extractions(results, output, stats.lines)
    log.info("extract: %d documents (%d extracted, %d from cache, %d corrupt cache entries recomputed)",
             stats.n_documents, stats.n_extracted, stats.n_cached, stats.n_corrupt_cache)
    stats.results = results
    return stats
