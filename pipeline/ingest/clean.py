"""Clean the debris of PDF and Word conversion. The result is the text every offset points into.

Steps, in order:
1. Footnote bodies (a line starting with a superscript number) leave the running text.
2. Markdown links become their text; `<https://...>` autolinks become the address.
3. Page-break debris goes: lone page numbers, trailing spaces, runs of blank lines; a paragraph
   cut by a page break (no closing punctuation, next block starts in lower case) is joined again.
4. Superscript markers glued to words are split off, and their positions recorded.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..records import Footnote

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = {ch: str(i) for i, ch in enumerate(SUPERSCRIPTS)}
_SUP = f"[{SUPERSCRIPTS}]"

_FOOTNOTE_START = re.compile(rf"^\s*({_SUP}+)\s+(\S.*)$")
_MD_LINK = re.compile(r"\[((?:[^\[\]\\]|\\.)+)\]\(([^()\s]*)\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_BARE_URL = re.compile(r"https?://[^\s<>()\"']+[^\s<>()\"'.,;:]")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?\s*$", re.IGNORECASE)
# A marker glued to the end of a word, a closing bracket or punctuation: "recommendations⁴",
# "(2019)⁶", "3 May 2019,⁵".
_GLUED_MARKER = re.compile(rf"(?<=[\w)\].,;:!?\"”’'%]){_SUP}+")
_TERMINAL = ('.', '!', '?', ':', ';', '"', '”', '’', "'", ')')


def sup_to_int(marker: str) -> int:
    return int("".join(_SUP_TO_DIGIT[ch] for ch in marker))


@dataclass
class Cleaned:
    text: str
    footnotes: list[Footnote] = field(default_factory=list)


def _strip_links(text: str) -> tuple[str, list[str]]:
    urls: list[str] = []

    def link(m: re.Match) -> str:
        if m.group(2) and m.group(2) != "#":
            urls.append(m.group(2))
        return _MD_ESCAPE.sub(r"\1", m.group(1))

    def autolink(m: re.Match) -> str:
        urls.append(m.group(1))
        return m.group(1)

    text = _MD_LINK.sub(link, text)
    text = _AUTOLINK.sub(autolink, text)
    return text, urls


def _extract_footnote_bodies(lines: list[str]) -> tuple[list[str], list[tuple[int, str]]]:
    """Remove footnote blocks: a line starting with a superscript number, up to the next blank line."""
    kept: list[str] = []
    bodies: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        m = _FOOTNOTE_START.match(lines[i])
        if m and (i == 0 or not lines[i - 1].strip() or _FOOTNOTE_START.match(lines[i - 1])):
            body = [m.group(2).strip()]
            i += 1
            while i < len(lines) and lines[i].strip() and not _FOOTNOTE_START.match(lines[i]):
                body.append(lines[i].strip())
                i += 1
            bodies.append((sup_to_int(m.group(1)), " ".join(body)))
            continue
        kept.append(lines[i])
        i += 1
    return kept, bodies


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.rstrip())
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _join_broken_paragraphs(blocks: list[list[str]]) -> list[list[str]]:
    """Join a block cut by a page break: it ends mid-sentence and the next starts in lower case."""
    out: list[list[str]] = []
    for block in blocks:
        if out:
            prev = out[-1][-1].rstrip()
            first = block[0].lstrip()
            if prev and not prev.endswith(_TERMINAL) and first[:1].islower() and len(prev.split()) > 3:
                out[-1][-1] = prev + " " + first
                out[-1].extend(block[1:])
                continue
        out.append(list(block))
    return out


@lru_cache(maxsize=None)
def _function_words() -> frozenset[str]:
    from ..lang.resources import fold, lexicon

    return frozenset(fold(w) for w in lexicon().function_words)


def _join_wrapped_lines(block: list[str]) -> list[str]:
    """Join a line wrapped onto an indented next line ("Head of the Department of" / "    Justice
    and Police;"): the next line is indented, is no bullet, and the line before ends mid-phrase, on
    a function word or a comma (a name alone on its line, with its title indented below, stays)."""
    from ..lang.resources import fold
    from ..lang.resources import bullet_re

    function_words = _function_words()
    out: list[str] = []
    for line in block:
        last = out[-1].rstrip() if out else ""
        mid_phrase = last.endswith((",", "-", "–")) or (last.split() and fold(last.split()[-1]) in function_words)
        if out and re.match(r"[ \t]{2,}\S", line) and not bullet_re().match(line) and mid_phrase:
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return out


def clean_text(raw: str) -> Cleaned:
    """Clean one document's text (already decoded, NFC, Unix newlines)."""
    lines = raw.split("\n")
    lines, bodies = _extract_footnote_bodies(lines)
    lines = [line for line in lines if not _PAGE_NUMBER.match(line)]
    text = "\n".join(line.rstrip() for line in lines)
    text, _ = _strip_links(text)
    blocks = _join_broken_paragraphs([_join_wrapped_lines(b) for b in _blocks(text.split("\n"))])
    text = "\n\n".join("\n".join(block) for block in blocks)

    # Split glued markers off, recording where each stood in the final text.
    out: list[str] = []
    refs: dict[int, tuple[int, str]] = {}
    pos = 0
    removed = 0
    for m in _GLUED_MARKER.finditer(text):
        out.append(text[pos:m.start()])
        offset = m.start() - removed
        anchor = re.search(r"\S+$", text[max(0, m.start() - 60):m.start()])
        refs.setdefault(sup_to_int(m.group()), (offset, anchor.group() if anchor else ""))
        removed += m.end() - m.start()
        pos = m.end()
    out.append(text[pos:])
    text = "".join(out)

    footnotes = []
    for number, body in bodies:
        body_text, urls = _strip_links(body)
        urls += [u for u in _BARE_URL.findall(body_text) if u not in urls]
        ref = refs.get(number)
        footnotes.append(Footnote(number=number, body=body_text, urls=tuple(urls),
                                  ref_offset=ref[0] if ref else None, anchor_text=ref[1] if ref else None))
    # Markers with no body still count as references.
    for number, (offset, anchor) in sorted(refs.items()):
        if number not in {f.number for f in footnotes}:
            footnotes.append(Footnote(number=number, body="", urls=(), ref_offset=offset, anchor_text=anchor))
    footnotes.sort(key=lambda f: f.number)
    return Cleaned(text=text, footnotes=footnotes)
