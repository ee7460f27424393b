"""Markdown reports: the text without its markup (markdown-it-py, a CommonMark parser).

Headings, paragraphs and list items keep a line of their own (list items as "- item"); emphasis,
link and image syntax, code fences and heading marks go, their words stay. The first heading is
the title."""
from __future__ import annotations

from pathlib import Path

from . import Extracted
from ..readers import decode_text


def _inline_text(token) -> str:
    """The words of an inline token: text, code and line breaks, without emphasis or link marks."""
    out = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type == "image":
            out.append(child.content)
    return "".join(out)


def markdown_to_text(source: str) -> tuple[str, str | None]:
    """(plain text, first heading) of a Markdown document."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    blocks: list[str] = []
    title = None
    in_item = 0
    row: list[str] = []
    for i, tok in enumerate(tokens):
        if tok.type == "list_item_open":
            in_item += 1
        elif tok.type == "list_item_close":
            in_item -= 1
        elif tok.type in ("tr_open",):
            row = []
        elif tok.type == "tr_close":
            blocks.append(" | ".join(row))
        elif tok.type == "inline":
            text = _inline_text(tok).strip()
            parent = tokens[i - 1].type if i else ""
            if parent in ("th_open", "td_open"):
                row.append(text)
                continue
            if not text:
                continue
            if parent == "heading_open" and title is None:
                title = text
            blocks.append(f"- {text}" if in_item and parent == "paragraph_open" else text)
        elif tok.type in ("fence", "code_block"):
            blocks.append(tok.content.rstrip("\n"))
    return "\n\n".join(blocks) + "\n", title


def read_markdown(data: bytes, path: Path) -> Extracted:
    source, encoding = decode_text(data)
    text, title = markdown_to_text(source)
    return Extracted(text=text, encoding=encoding, title=title)
