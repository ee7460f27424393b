"""Ingest stage: every file in the input folder becomes one `documents` row, readable or not."""
from __future__ import annotations

import hashlib
import json
import logging
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ..records import Document, Footnote, Segment
from .clean import clean_text
from .metadata import (META_FIELDS, coerce_date, guess_doc_type, guess_language, guess_title, load_manifest,
                       load_sidecar, read_dateline, read_published_label)
from .formats import reader_for
from .readers import SUPPORTED_SUFFIXES, ReadError, decode_text, is_document_path, read_bytes, sha256_of
from ..lang.layout import segment

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


@dataclass(frozen=True)
class Prepared:
    """What cleaning made of some content: reused when the same bytes come again."""

    text: str
    encoding: str | None
    footnotes: list[Footnote]
    segments: list[Segment]


def previous_run(output_dir: Path) -> dict[str, Prepared]:
    """The cleaned texts of an earlier ingest into the same folder, keyed by content hash."""
    from ..tables import read_rows

    output_dir = Path(output_dir)
    if not (output_dir / "documents.parquet").exists():
        return {}
    footnotes: dict[str, list[Footnote]] = {}
    for f in read_rows(output_dir, "footnotes"):
        footnotes.setdefault(f["doc_id"], []).append(Footnote(f["number"], f["body"], tuple(f["urls"]), f["ref_offset"], f["anchor_text"]))
    segments: dict[str, list[Segment]] = {}
    for g in read_rows(output_dir, "segments"):
        segments.setdefault(g["doc_id"], []).append(Segment(g["kind"], g["start_char"], g["end_char"]))
    return {d["sha256"]: Prepared(d["text"], d["encoding"], footnotes.get(d["doc_id"], []), segments.get(d["doc_id"], []))
            for d in read_rows(output_dir, "documents") if d["status"] == "ok" and d["sha256"]}


@dataclass
class IngestState:
    """What an earlier ingest into the same output folder learnt, kept in OUTPUT/interim/ingest_state.json:
    each plain-text file's size, modification time and content hash (a file unchanged on disk is
    not read or hashed again), and the language guessed for each content hash."""

    files: dict[str, list] = field(default_factory=dict)  # source_path -> [size, mtime_ns, sha256]
    guesses: dict[str, str | None] = field(default_factory=dict)  # sha256 -> language guessed from the text

    @classmethod
    def read(cls, output_dir: Path) -> "IngestState":
        path = Path(output_dir) / "interim" / STATE_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(dict(data.get("files") or {}), dict(data.get("guesses") or {}))
        except (OSError, ValueError, AttributeError):
            return cls()  # no state (or a damaged one): every file is read

    def write(self, output_dir: Path) -> None:
        from ..tables import write_json_atomic

        write_json_atomic(Path(output_dir) / "interim" / STATE_FILE, {"files": self.files, "guesses": self.guesses})


STATE_FILE = "ingest_state.json"


def ingest_file(path: Path, doc_id: str, source_path: str, metadata: dict[str, Any],
                previous: dict[str, Prepared] | None = None, *, languages: tuple[str, ...] = ("en",),
                state: IngestState | None = None) -> Document:
    """Read, clean, segment and describe one file. Never raises for bad input: the row says why.

    Content already cleaned by an earlier run (same sha256 in `previous`) is not cleaned again; a
    plain-text file whose size and modification time `state` knows, with that content in
    `previous`, is not even read again, and its language is not guessed again.
    """
    doc = Document(doc_id=doc_id, source_path=source_path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        doc.sha256 = sha256_of(path)
        doc.status = "unsupported"
        doc.error = f"unsupported file type {path.suffix or '(none)'!r}: only {', '.join(SUPPORTED_SUFFIXES)} are read"
        return doc
    reader = reader_for(path)
    extracted = None
    try:
        prepared = None
        stat = path.stat() if state is not None and reader is None else None
        known = state.files.get(source_path) if stat is not None else None
        if known and known[:2] == [stat.st_size, stat.st_mtime_ns] and known[2] in (previous or {}):
            doc.sha256, prepared = known[2], previous[known[2]]  # unchanged on disk since the last run
        else:
            data = read_bytes(path)
            doc.sha256 = hashlib.sha256(data).hexdigest()
            prepared = (previous or {}).get(doc.sha256) if reader is None else None
        if stat is not None:
            state.files[source_path] = [stat.st_size, stat.st_mtime_ns, doc.sha256]
        if prepared is None:
            if reader is not None:
                extracted = reader(data, path)
                text, encoding = unicodedata.normalize("NFC", extracted.text), extracted.encoding
            else:
                text, encoding = decode_text(data)
            if not text.strip():
                doc.status, doc.error = "empty", "the file contains only whitespace"
                return doc
            cleaned = clean_text(text)
            prepared = Prepared(cleaned.text, encoding, cleaned.footnotes, segment(cleaned.text))
    except ReadError as exc:
        doc.status, doc.error = exc.status, exc.message
        return doc
    doc.text, doc.encoding = prepared.text, prepared.encoding
    doc.footnotes, doc.segments = list(prepared.footnotes), list(prepared.segments)

    dateline = read_dateline(doc.text)
    meta_published = coerce_date(metadata.get("published"))
    if meta_published is not None:
        doc.published, doc.published_source = meta_published, "metadata"
    elif dateline is not None and dateline.published is not None:
        doc.published, doc.published_source = dateline.published, "dateline"
    elif extracted is not None and extracted.published is not None:
        doc.published, doc.published_source = extracted.published, extracted.source
    elif (labelled := read_published_label(doc.text)) is not None:
        doc.published, doc.published_source = labelled, "text-label"
    doc.dateline_place = dateline.place if dateline else None
    if dateline is not None:
        doc.dateline_start, doc.dateline_end = dateline.start, dateline.end
    doc.url = metadata.get("url")
    doc.publisher = metadata.get("publisher") or (dateline.agency if dateline else None)
    if metadata.get("language"):
        doc.language = metadata["language"]
    elif state is not None and doc.sha256 in state.guesses:
        doc.language = state.guesses[doc.sha256]
    else:
        doc.language = guess_language(doc.text)
        if state is not None:
            state.guesses[doc.sha256] = doc.language
    if languages and doc.language and doc.language not in languages:
        doc.status = "unsupported_language"
        doc.error = (f"the text is in {doc.language!r}, and no spaCy model is configured for it (params.yaml "
                     f"extract.languages has {', '.join(sorted(languages))}): no facts are extracted")
    doc.title = metadata.get("title") or (extracted.title if extracted else None) or guess_title(doc.text, doc.segments)
    doc.doc_type = metadata.get("doc_type") or guess_doc_type(doc.text, doc.segments, dateline)
    return doc


def iter_documents(input_dir: Path, previous: dict[str, Prepared] | None = None, *,
                   languages: tuple[str, ...] = ("en",), state: IngestState | None = None) -> Iterator[Document]:
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
            doc = ingest_file(path, doc_id, rel.as_posix(), metadata, previous, languages=languages, state=state)
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


def ingest_folder(input_dir: Path, previous: dict[str, Prepared] | None = None, *,
                  languages: tuple[str, ...] = ("en",)) -> list[Document]:
    return list(iter_documents(input_dir, previous, languages=languages))


def document_rows(docs: list[Document]) -> dict[str, list[dict[str, Any]]]:
    """The ingest tables: documents, footnotes, segments."""
    documents, footnotes, segments = [], [], []
    for doc in docs:
        documents.append({
            "doc_id": doc.doc_id, "source_path": doc.source_path, "sha256": doc.sha256, "title": doc.title,
            "text": doc.text, "doc_type": doc.doc_type, "published": doc.published,
            "published_source": doc.published_source, "dateline_place": doc.dateline_place,
            "dateline_start_char": doc.dateline_start, "dateline_end_char": doc.dateline_end,
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


def main(input_dir: Path | str, output_dir: Path | str, *, languages: tuple[str, ...] = ("en",),
         progress: bool = False) -> list[Document]:
    """Ingest `input_dir` and write documents/footnotes/segments tables into `output_dir`. With
    `progress`, a bar over the files (shown once a run takes more than a couple of seconds)."""
    from ..tables import write_tables

    state = IngestState.read(Path(output_dir))
    documents = iter_documents(Path(input_dir), previous_run(Path(output_dir)), languages=languages, state=state)
    if progress:
        from tqdm import tqdm

        documents = tqdm(documents, total=len(discover(Path(input_dir))), unit="file", desc="ingest",
                         dynamic_ncols=True, delay=2)
    docs = list(documents)
    write_tables(document_rows(docs), output_dir)
    # what the state knows of files and contents no longer in the folder is forgotten
    paths, contents = {d.source_path for d in docs}, {d.sha256 for d in docs}
    state.files = {k: v for k, v in state.files.items() if k in paths}
    state.guesses = {k: v for k, v in state.guesses.items() if k in contents}
    state.write(Path(output_dir))  # after the tables: a state never describes tables not written
    return docs
