"""Web pages: the main content only (trafilatura), without menus, cookie banners and footers."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from . import Extracted
from ..readers import ReadError


# Meta tags that state when a page was published (property/name/itemprop values, lower case).
PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished", "publishdate", "publish-date",
                  "pubdate", "dc.date", "dc.date.issued", "dcterms.issued", "dcterms.created", "date",
                  "sailthru.date", "parsely-pub-date")


def _iso_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(str(value).strip()[:10]) if value else None
    except ValueError:
        return None


def stated_date(data: bytes) -> date | None:
    """The publication date the page states in its markup: a meta tag, JSON-LD datePublished, or a
    <time datetime> element; never a guess from the text (a copyright line "© 2025" is no date)."""
    import json

    import lxml.html

    try:
        tree = lxml.html.fromstring(data)
    except (ValueError, lxml.etree.ParserError):
        return None
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key in PUBLISHED_META and _iso_day(el.get("content")):
            return _iso_day(el.get("content"))
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            items = json.loads(script.text)
        except ValueError:
            continue
        stack = items if isinstance(items, list) else [items]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                if _iso_day(item.get("datePublished")):
                    return _iso_day(item.get("datePublished"))
                stack += [v for v in item.values() if isinstance(v, (dict, list))]
            elif isinstance(item, list):
                stack += item
    for el in tree.iter("time"):
        if _iso_day(el.get("datetime")) and (el.get("pubdate") is not None or "publish" in (el.get("class") or "")
                                             or "date" in (el.get("itemprop") or "").lower()):
            return _iso_day(el.get("datetime"))
    times = [_iso_day(el.get("datetime")) for el in tree.iter("time") if _iso_day(el.get("datetime"))]
    return times[0] if len(set(times)) == 1 else None  # one <time> on the page: its date


def read_html(data: bytes, path: Path) -> Extracted:
    """The page's main text, its title and its publication date (from the page's own metadata).

    trafilatura finds the main content by the page's structure (boilerplate removal), keeps
    headings and list items on lines of their own, and reads the title and date from the page's
    meta tags and structured data (the date only where the markup states it)."""
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
    published = stated_date(data)
    title = meta.title if meta is not None and meta.title else None
    return Extracted(text=text, encoding="html", title=title, published=published, source="html_meta")
