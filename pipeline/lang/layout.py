"""Split cleaned text into headings, paragraphs and bullet items, keeping their offsets."""
from __future__ import annotations

import re

from .resources import bullet_re
from ..records import Segment



_SECTION_HEADING = re.compile(r"^(?:Day|Session|Part|Panel|Section|Chapter|Annex)\s+[0-9IVX]+\b", re.IGNORECASE)
_TERMINAL = (".", "!", "?", ":", ";", '"', "”", "’", ",")
MAX_HEADING_WORDS = 25


# cells of a table row, as web pages and Markdown write them, or as tab-separated text does
_TABLE_CELLS = re.compile(r"(?:^\||\s\|\s|\S\t+\S)")


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    if _SECTION_HEADING.match(stripped):
        return True
    if stripped.endswith(_TERMINAL) or stripped[:1] in ("“", '"'):
        return False
    if _TABLE_CELLS.search(stripped):
        return False  # "Name | Institution": a row of a table, not a heading
    return len(stripped.split()) <= MAX_HEADING_WORDS and (stripped[:1].isupper() or stripped[:1].isdigit())


def _continues(text: str, prev: Segment, start: int) -> bool:
    """A hard-wrapped line: the previous paragraph ends mid-sentence on the line just above."""
    return (
        prev.kind == "paragraph"
        and text[prev.end:start] == "\n"
        and not text[prev.start:prev.end].rstrip().endswith(_TERMINAL)
        and text[start:start + 1].islower()
    )


def segment(text: str) -> list[Segment]:
    """Each non-empty line is a unit: a bullet, a heading, or a paragraph.

    Hard-wrapped paragraphs (a line that ends mid-sentence followed by a line starting in lower
    case) are kept as one paragraph.
    """
    segments: list[Segment] = []
    pos = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        wrapped = i + 1 < len(lines) and lines[i + 1][:1].islower()
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        lead = len(line) - len(line.lstrip())
        start += lead
        if bullet_re().match(line):
            kind = "bullet"
        elif segments and _continues(text, segments[-1], start):
            segments[-1] = Segment("paragraph", segments[-1].start, end)
            continue
        elif _is_heading(line) and not wrapped:
            kind = "heading"
        else:
            kind = "paragraph"
        segments.append(Segment(kind, start, end))
    if segments and segments[0].kind == "heading":
        segments[0] = Segment("title", segments[0].start, segments[0].end)
    return segments
