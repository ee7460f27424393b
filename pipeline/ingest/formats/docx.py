"""Word files (python-docx): paragraphs, headings and list items in order; footnotes kept as
footnotes. The uncompressed size is checked before anything is read, so a zip bomb is refused."""
from __future__ import annotations

import zipfile
from datetime import date
from io import BytesIO
from pathlib import Path

from . import Extracted, superscript
from ..readers import ReadError

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # bytes a .docx may hold once unpacked
MAX_RATIO = 200  # unpacked / packed: more than this is a zip bomb, not a report
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check_archive(data: bytes, path: Path) -> None:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise ReadError("error", f"corrupt Word file {path.name!r}: not a valid .docx archive ({exc})") from exc
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_UNCOMPRESSED or (data and unpacked / len(data) > MAX_RATIO and unpacked > 10 * 1024 * 1024):
        raise ReadError("too_large", f"Word file {path.name!r} unpacks to {unpacked / 1e6:.0f} MB "
                                     f"(limit {MAX_UNCOMPRESSED / 1e6:.0f} MB): refused as a possible zip bomb")


def _footnotes(document) -> dict[str, str]:
    """Footnote id -> text, from the footnotes part (python-docx has no API for it)."""
    part = next((p for p in document.part.package.parts if str(p.partname).endswith("/footnotes.xml")), None)
    if part is None:
        return {}
    from lxml import etree

    root = etree.fromstring(part.blob)
    out = {}
    for note in root.iter(f"{_W}footnote"):
        note_id = note.get(f"{_W}id")
        if note.get(f"{_W}type") in ("separator", "continuationSeparator"):
            continue
        text = "".join(t.text or "" for t in note.iter(f"{_W}t")).strip()
        if text:
            out[note_id] = text
    return out


def _paragraph_text(paragraph, numbers: dict[str, int]) -> str:
    """The paragraph's text with footnote references as superscript numbers."""
    parts = []
    for node in paragraph._p.iter():
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append(" ")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif node.tag == f"{_W}footnoteReference":
            note_id = node.get(f"{_W}id")
            numbers.setdefault(note_id, len(numbers) + 1)
            parts.append(superscript(numbers[note_id]))
    return "".join(parts)


def read_docx(data: bytes, path: Path) -> Extracted:
    _check_archive(data, path)
    import docx

    try:
        document = docx.Document(BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a damaged package
        raise ReadError("error", f"corrupt Word file {path.name!r}: {type(exc).__name__}: {exc}") from exc
    notes = _footnotes(document)
    numbers: dict[str, int] = {}
    lines: list[str] = []
    body = document.element.body
    for block in body.iterchildren():
        if block.tag == f"{_W}p":
            paragraph = docx.text.paragraph.Paragraph(block, document)
            text = _paragraph_text(paragraph, numbers).strip()
            if not text:
                continue
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            is_list = "List" in style or block.find(f"{_W}pPr/{_W}numPr") is not None
            lines.append(("- " + text) if is_list else text)
        elif block.tag == f"{_W}tbl":
            table = docx.table.Table(block, document)
            for row in table.rows:
                cells = [c.text.strip() for c in row.cells if c.text.strip()]
                if cells:
                    lines.append(" | ".join(dict.fromkeys(cells)))
    if notes:
        lines.append("")
        for note_id, number in sorted(numbers.items(), key=lambda kv: kv[1]):
            if note_id in notes:
                lines.append(f"{superscript(number)} {notes[note_id]}")
    text = "\n\n".join(line for line in lines)
    if not text.strip():
        raise ReadError("empty", f"the Word file {path.name!r} contains no text")
    props = document.core_properties
    published = props.created.date() if props.created else None
    if isinstance(published, date) and published.year < 1990:
        published = None  # templates carry placeholder dates
    return Extracted(text=text, encoding="docx", title=props.title or None, published=published,
                     source="docx_properties")
