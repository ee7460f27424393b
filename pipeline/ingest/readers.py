"""Readers: turn a file's bytes into text, or into a clear reason why not."""
from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from pathlib import Path

import charset_normalizer

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".xhtml", ".pdf", ".docx")
# Files in the input folder that describe documents rather than being documents.
METADATA_NAMES = ("manifest.csv",)
METADATA_SUFFIX = ".meta.yaml"

# Single-byte Latin code pages that charset-normalizer often cannot tell apart on short English
# texts. Reports written on Windows use cp1252, so it wins among them when it decodes the bytes.
_LATIN_SINGLE_BYTE = {"cp1250", "cp1252", "latin_1", "iso8859_15", "iso8859_2", "cp1257", "mac_roman",
                      "mac_latin2", "cp1254", "iso8859_9"}


class ReadError(Exception):
    """A file that cannot become text. `status` is the documents.status value to record."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status = status
        self.message = message



def is_document_path(path: Path) -> bool:
    """Every file in the input folder is a document, except hidden files and metadata files."""
    name = path.name
    return not (name.startswith(".") or name in METADATA_NAMES or name.endswith(METADATA_SUFFIX))


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError as exc:
        raise ReadError("unreadable", f"permission denied: the process may not read {path.name!r} ({exc.strerror})")
    except OSError as exc:
        raise ReadError("unreadable", f"could not read {path.name!r}: {exc.strerror or exc}")


# Control characters other than whitespace, surrogates, private use, and non-characters.
_BAD_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffe\uffff]")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_BAD_CHARS.findall(text)) / len(text)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: ASCII text has a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    if odd.count(0) > 0.8 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf_16_le"
    if even.count(0) > 0.8 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf_16_be"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to text: BOMs first, then strict UTF-8, then detection. Raises ReadError."""
    for bom, enc in ((codecs.BOM_UTF8, "utf_8_sig"), (codecs.BOM_UTF16_LE, "utf_16"), (codecs.BOM_UTF16_BE, "utf_16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise ReadError("error", f"the file starts with a {enc} byte-order mark but does not decode: {exc}")
    text, encoding = None, None
    # UTF-16 without a byte-order mark first: its NUL bytes are valid UTF-8 too
    utf16 = _looks_utf16(data) if b"\x00" in data else None
    if utf16:
        try:
            text, encoding = data.decode(utf16), utf16
        except UnicodeDecodeError:
            text = None
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf_8"
        except UnicodeDecodeError:
            text, encoding = None, None
    if text is None:
        if b"\x00" in data:
            raise ReadError("binary", "binary content (NUL bytes), not a text document")
        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            raise ReadError("binary", "binary content: no text encoding fits these bytes")
        encoding = best.encoding
        if encoding in _LATIN_SINGLE_BYTE:
            try:
                data.decode("cp1252")
                encoding = "cp1252"
            except UnicodeDecodeError:
                pass
        text = data.decode(encoding)
    if _control_ratio(text) > 0.02:
        raise ReadError("binary", f"binary content: {100 * _control_ratio(text):.0f}% control characters after decoding as {encoding}")
    return text, encoding


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes to text normalised to NFC with Unix newlines. Raises ReadError."""
    if not data:
        raise ReadError("empty", "the file is empty (0 bytes)")
    text, encoding = decode(data)
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")), encoding



def sha256_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
