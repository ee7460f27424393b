"""Small helpers shared by the extraction components."""
from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

if not Doc.has_extension("facts"):
    Doc.set_extension("facts", default=None)


def facts(doc: Doc) -> dict[str, Any]:
    """The per-document results the components write (a fresh dict per Doc)."""
    if doc._.facts is None:
        doc._.facts = {}
    return doc._.facts


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Character bounds of each sentence, split again at line breaks (headings, bullets)."""
    bounds: list[tuple[int, int]] = []
    for sent in doc.sents:
        start = sent.start_char
        for m in re.finditer(r"\n+", sent.text):
            piece_end = sent.start_char + m.start()
            if doc.text[start:piece_end].strip():
                bounds.append((start, piece_end))
            start = sent.start_char + m.end()
        if doc.text[start:sent.end_char].strip():
            bounds.append((start, sent.end_char))
    return bounds


def sentence_of(bounds: list[tuple[int, int]], offset: int) -> int | None:
    lo, hi = 0, len(bounds) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e = bounds[mid]
        if offset < s:
            hi = mid - 1
        elif offset >= e:
            lo = mid + 1
        else:
            return mid
    return None


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
