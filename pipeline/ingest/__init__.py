"""Ingest stage: every file in the input folder becomes one `documents` row, readable or not."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Iterator

from ..records import Document
from .clean import clean_text
from .metadata import (META_FIELDS, coerce_date, guess_doc_type, guess_language, guess_title, load_manifest,
                       load_sidecar, read_dateline)
from .readers import SUPPORTED_SUFFIXES, ReadError, is_document_path, read_text, sha256_of
from .segment import segment

log = logging.getLogger(__name__)

__all__ = ["discover", "ingest_file", "ingest_folder", "document_rows", "main"]


def discover(input_dir: Path) -> list[Path]:
    """All document files below `input_dir`, in a stable order (hidden folders skipped)."""
    if not input_dir.is_dir():
        raise FileNotFoundError(f"input folder {str(input_dir)!r} does not exist or is not a folder")
    paths = []
    for path in input_dir.rglob("*"):
        rel = path.relative_to(input_dir)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file() and not path.is_symlink():
            continue
        if is_document_path(path):
            paths.append(path)
    return sorted(paths, key=lambda p: p.relative_to(input_dir).as_posix())


def _doc_id(rel: Path, taken: set[str]) -> str:
    doc_id = rel.with_suffix("").as_posix()
    if doc_id in taken:  # a.txt and a.md in one folder: the second keeps its extension
        doc_id = rel.as_posix()
    taken.add(doc_id)
    return doc_id


def ingest_file(path: Path, doc_id: str, source_path: str, metadata: dict[str, Any]) -> Document:
    """Read, clean, segment and describe one file. Never raises for bad input: the row says why."""
    doc = Document(doc_id=doc_id, source_path=source_path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        doc.sha256 = sha256_of(path)
        doc.status = "unsupported"
        doc.error = f"unsupported file type {path.suffix or '(none)'!r}: only {', '.join(SUPPORTED_SUFFIXES)} are read"
        return doc
    try:
        raw = read_text(path)
    except ReadError as exc:
        doc.status, doc.error = exc.status, exc.message
        doc.sha256 = sha256_of(path)
        return doc
    doc.sha256, doc.encoding = raw.sha256, raw.encoding
    if not raw.text.strip():
        doc.status, doc.error = "empty", "the file contains only whitespace"
        return doc

    cleaned = clean_text(raw.text)
    doc.text = cleaned.text
    doc.footnotes = cleaned.footnotes
    doc.segments = segment(doc.text)

    dateline = read_dateline(doc.text)
    meta_published = coerce_date(metadata.get("published"))
    if meta_published is not None:
        doc.published, doc.published_source = meta_published, "metadata"
    elif dateline is not None:
        doc.published, doc.published_source = dateline.published, "dateline"
    doc.dateline_place = dateline.place if dateline else None
    doc.url = metadata.get("url")
    doc.publisher = metadata.get("publisher") or (dateline.agency if dateline else None)
    doc.language = metadata.get("language") or guess_language(doc.text)
    doc.title = metadata.get("title") or guess_title(doc.text, doc.segments)
    doc.doc_type = metadata.get("doc_type") or guess_doc_type(doc.text, doc.segments, dateline)
    return doc


def iter_documents(input_dir: Path) -> Iterator[Document]:
    """Ingest every file of the folder, lazily, in a stable order. Duplicates point at the first copy."""
    input_dir = Path(input_dir)
    manifest = load_manifest(input_dir)
    taken: set[str] = set()
    first_by_hash: dict[str, str] = {}
    for path in discover(input_dir):
        rel = path.relative_to(input_dir)
        doc_id = _doc_id(rel, taken)
        try:
            metadata = {**manifest.get(rel.as_posix(), manifest.get(path.name, {})), **load_sidecar(path)}
            metadata = {k: v for k, v in metadata.items() if k in META_FIELDS}
            doc = ingest_file(path, doc_id, rel.as_posix(), metadata)
        except Exception as exc:  # a bug or a bad sidecar must not cost the other documents
            log.exception("ingest failed for %s", rel)
            doc = Document(doc_id=doc_id, source_path=rel.as_posix(), sha256=sha256_of(path),
                           status="error", error=f"{type(exc).__name__}: {exc}")
        if doc.sha256 and doc.status == "ok":
            if doc.sha256 in first_by_hash:
                doc.status = "duplicate"
                doc.duplicate_of = first_by_hash[doc.sha256]
                doc.error = f"identical content to {doc.duplicate_of!r}"
            else:
                first_by_hash[doc.sha256] = doc_id
        yield doc


def ingest_folder(input_dir: Path) -> list[Document]:
    return list(iter_documents(input_dir))


def document_rows(docs: list[Document]) -> dict[str, list[dict[str, Any]]]:
    """The ingest tables: documents, footnotes, segments."""
    documents, footnotes, segments = [], [], []
    for doc in docs:
        documents.append({
            "doc_id": doc.doc_id, "source_path": doc.source_path, "sha256": doc.sha256, "title": doc.title,
            "text": doc.text, "doc_type": doc.doc_type, "published": doc.published,
            "published_source": doc.published_source, "dateline_place": doc.dateline_place,
            "publisher": doc.publisher, "url": doc.url, "language": doc.language, "encoding": doc.encoding,
            "n_chars": doc.n_chars, "n_footnotes": len([f for f in doc.footnotes if f.body]),
            "status": doc.status, "error": doc.error, "duplicate_of": doc.duplicate_of,
        })
        for fn in doc.footnotes:
            footnotes.append({"doc_id": doc.doc_id, "number": fn.number, "ref_offset": fn.ref_offset,
                              "anchor_text": fn.anchor_text, "body": fn.body, "urls": list(fn.urls)})
        for i, seg in enumerate(doc.segments):
            segments.append({"doc_id": doc.doc_id, "segment_index": i, "kind": seg.kind,
                             "start_char": seg.start, "end_char": seg.end})
    return {"documents": documents, "footnotes": footnotes, "segments": segments}


def main(input_dir: Path | str, output_dir: Path | str) -> list[Document]:
    """Ingest `input_dir` and write documents/footnotes/segments tables into `output_dir`."""
    from ..tables import write_tables

    docs = ingest_folder(Path(input_dir))
    write_tables(document_rows(docs), output_dir)
    return docs
