"""PDF reports (pdfplumber): the running text of each page in reading order.

pdfplumber (MIT, on pdfminer.six) gives every word with its position and font size, which is what
the cleaning needs: running headers and footers are lines near the page edge that repeat from page
to page (or are page numbers); two-column pages are read column by column when a gutter runs down
the middle; a word hyphenated at a line end is joined again; smaller digits raised after a word
are footnote markers, and smaller lines at the foot of a page that start with a number are the
footnote bodies. Markers and bodies are written as superscript numbers so that the one cleaner
moves them to `footnotes`.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date
from io import BytesIO
from pathlib import Path
from statistics import median

from . import Extracted, superscript
from ..readers import ReadError

EDGE = 0.08  # share of the page height where running headers and footers stand
MAX_PAGES = 2000


def _lines(words: list[dict]) -> list[list[dict]]:
    """Words grouped into lines by their vertical position, each line sorted left to right."""
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= max(2.0, 0.35 * w["size"]):
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _columns(words: list[dict], width: float) -> list[list[dict]]:
    """One or two columns: two when no word crosses a gutter in the middle of the page and both
    halves hold text."""
    mid_lo, mid_hi = width * 0.45, width * 0.55
    crossing = [w for w in words if w["x0"] < mid_hi and w["x1"] > mid_lo]
    left = [w for w in words if w["x1"] <= width * 0.5]
    right = [w for w in words if w["x0"] >= width * 0.5]
    if not crossing and len(left) > 20 and len(right) > 20:
        return [left, right]
    return [words]


def _line_text(line: list[dict], body_size: float) -> str:
    """A line's words; a small digit glued after a word is a footnote marker."""
    out = ""
    for i, w in enumerate(line):
        text = w["text"]
        prev = line[i - 1] if i else None
        if prev is not None and re.fullmatch(r"\d{1,3}", text) and w["size"] < 0.8 * body_size \
                and w["x0"] - prev["x1"] < 1.5:
            out += superscript(text)
            continue
        if out and not (prev is not None and w["x0"] - prev["x1"] < 0.5):
            out += " "
        out += text
    return out


def _signature(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _page_lines(page, body_size: float | None = None) -> tuple[list[tuple[str, float, float, bool]], float]:
    """(text, top, size, is_footnote) per line of a page, in reading order."""
    words = page.extract_words(extra_attrs=["size"], keep_blank_chars=False, use_text_flow=False)
    if not words:
        return [], body_size or 10.0
    size = body_size or median(w["size"] for w in words)
    out = []
    for column in _columns(words, float(page.width)):
        for line in _lines(column):
            line_size = median(w["size"] for w in line)
            text = _line_text(line, size)
            small = line_size < 0.85 * size
            note = small and bool(re.match(r"\d{1,3}\s", text)) and line[0]["top"] > page.height * 0.5
            out.append((text, line[0]["top"], line_size, note))
    return out, size


def read_pdf(data: bytes, path: Path) -> Extracted:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(BytesIO(data))
    except PDFPasswordIncorrect as exc:
        raise ReadError("encrypted", f"the PDF {path.name!r} is encrypted: a password is needed to read it") from exc
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds for a damaged file
        cause = exc.args[0] if exc.args else exc  # pdfplumber wraps pdfminer's exception
        if isinstance(cause, PDFPasswordIncorrect) or "password" in repr(exc).lower() or "encrypt" in repr(exc).lower():
            raise ReadError("encrypted", f"the PDF {path.name!r} is encrypted: a password is needed to read it") from exc
        raise ReadError("error", f"corrupt PDF {path.name!r}: {type(exc).__name__}: {exc}") from exc
    with pdf:
        try:
            pages = pdf.pages[:MAX_PAGES]
            per_page = []
            body_size = None
            for page in pages:
                lines, body_size = _page_lines(page, body_size)
                per_page.append((page.height, lines))
                page.flush_cache()
            metadata = dict(pdf.metadata or {})
        except PDFPasswordIncorrect as exc:
            raise ReadError("encrypted", f"the PDF {path.name!r} is encrypted: a password is needed to read it") from exc
        except Exception as exc:  # noqa: BLE001
            raise ReadError("error", f"corrupt PDF {path.name!r}: {type(exc).__name__}: {exc}") from exc
    if not any(lines for _, lines in per_page):
        raise ReadError("no_text", f"the PDF {path.name!r} has no text layer ({len(per_page)} page(s) of images): "
                                   "OCR is needed before it can be read")
    # running headers and footers: lines near the edge whose text (digits aside) repeats on pages
    edge_counts = Counter()
    for height, lines in per_page:
        for text, top, _, _ in lines:
            if top < height * EDGE or top > height * (1 - EDGE):
                edge_counts[_signature(text)] += 1
    repeated = {sig for sig, n in edge_counts.items() if n >= max(2, len(per_page) // 2)}
    paragraphs: list[str] = []
    notes: list[str] = []
    current = ""

    def flush() -> None:
        nonlocal current
        if current.strip():
            paragraphs.append(current.strip())
        current = ""

    for height, lines in per_page:
        prev_top = None
        for text, top, size, is_note in lines:
            at_edge = top < height * EDGE or top > height * (1 - EDGE)
            if at_edge and (_signature(text) in repeated or re.fullmatch(r"(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d+)?", text.strip(), re.I)):
                continue
            if is_note:
                number, rest = text.split(None, 1)
                notes.append(f"{superscript(number)} {rest}")
                continue
            if at_edge and size < 0.9 * body_size:
                continue  # small print at the page edge: a running header or footer of a short file
            if re.match(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s", text):
                flush()  # a footnote body written in the running text: a unit of its own
                current = text
                flush()
                continue
            heading = size > 1.15 * body_size
            if heading or (prev_top is not None and top - prev_top > 1.8 * size) or re.match(r"[•▪◦·–-]\s|\d{1,2}[.)]\s", text):
                flush()  # a heading, a paragraph break or a list item starts a new unit
            prev_top = top
            if re.search(r"\w-$", current) and text[:1].islower():
                current = current[:-1] + text  # a word hyphenated at the line end
            else:
                current = f"{current} {text}" if current else text
            if heading:
                flush()
        # a paragraph cut by the page break goes on when the next page starts in lower case
        if current and re.search(r"[.!?:;”\"]$", current):
            flush()
    flush()
    body = []
    for paragraph in paragraphs:
        if body and paragraph[:1].islower() and not re.search(r"[.!?:;”\"]$", body[-1]) \
                and not re.match(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]", body[-1]):
            body[-1] = f"{body[-1]} {paragraph}"
        else:
            body.append(paragraph)
    text = "\n\n".join(body).strip()
    if notes:
        text += "\n\n" + "\n".join(notes)
    title = (metadata.get("Title") or "").strip() or None
    return Extracted(text=text, encoding="pdf", title=title, published=_pdf_date(metadata.get("CreationDate")),
                     source="pdf_properties")


def _pdf_date(value) -> date | None:
    """'D:20190503120000Z' -> 2019-05-03."""
    if isinstance(value, bytes):
        value = value.decode("latin-1", "ignore")
    m = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", str(value or ""))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
