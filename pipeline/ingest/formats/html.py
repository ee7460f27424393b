"""Web pages: the main content only (trafilatura), without menus, cookie banners and footers."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from . import Extracted
from ..readers import ReadError


def read_html(data: bytes, path: Path) -> Extracted:
    """The page's main text, its title and its publication date (from the page's own metadata).

    trafilatura finds the main content by the page's structure (boilerplate removal), keeps
    headings and list items on lines of their own, and reads the title and date from the page's
    meta tags and structured data."""
    import trafilatura

    try:
        text = trafilatura.extract(data, output_format="txt", include_comments=False, include_tables=True,
                                   include_links=False, favor_recall=True, deduplicate=False)
        meta = trafilatura.extract_metadata(data)
    except Exception as exc:  # noqa: BLE001 - a page the library cannot parse
        raise ReadError("error", f"could not parse the web page {path.name!r}: {type(exc).__name__}: {exc}") from exc
    if not text or not text.strip():
        raise ReadError("empty", f"no main text found in the web page {path.name!r} (only navigation or markup)")
    # one block per line in trafilatura's text: blank lines between them, as in a text report
    text = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    published = None
    if meta is not None and meta.date:
        try:
            published = date.fromisoformat(str(meta.date)[:10])
        except ValueError:
            published = None
    title = meta.title if meta is not None and meta.title else None
    return Extracted(text=text, encoding="html", title=title, published=published, source="html_meta")
