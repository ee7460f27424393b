"""Readers for formats other than plain text: each turns a file's bytes into plain text (with
footnote bodies as lines starting with superscript numbers, and their markers as superscript
digits, so that the one cleaner moves them to `footnotes`) plus the metadata the file carries.

Every reader raises ReadError with a documents.status and a clear message for a file it cannot
read; the caller records it and goes on with the other files.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from ..readers import ReadError

SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(number: int | str) -> str:
    return str(number).translate(SUPERSCRIPT_DIGITS)


@dataclass
class Extracted:
    """What a format reader got out of a file."""

    text: str
    encoding: str | None = None  # for text formats: the encoding decoded from
    title: str | None = None
    published: date | None = None
    source: str | None = None  # where title/published came from: html_meta, pdf_properties, docx_properties
    extra: dict = field(default_factory=dict)


def reader_for(path: Path) -> Callable[[bytes, Path], Extracted] | None:
    """The reader of a file by its extension (None for plain text)."""
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        from .html import read_html

        return read_html
    if suffix == ".md":
        from .markdown import read_markdown

        return read_markdown
    if suffix == ".pdf":
        from .pdf import read_pdf

        return read_pdf
    if suffix == ".docx":
        from .docx import read_docx

        return read_docx
    return None


FORMAT_SUFFIXES = (".md", ".html", ".htm", ".xhtml", ".pdf", ".docx")

__all__ = ["Extracted", "ReadError", "reader_for", "superscript", "FORMAT_SUFFIXES"]
