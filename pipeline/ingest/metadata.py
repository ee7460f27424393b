"""Document metadata: datelines, sidecar/manifest files, document type, title and language."""
from __future__ import annotations

import csv
import itertools
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..lang.dateparse import DAY_MONTH, FULL_DATE, checked_date, parse_full_date
from ..records import Segment

# a date in figures with dots, written day first wherever dots are used ("Strasbourg, 14.09.2021");
# figures with slashes are ambiguous (day or month first) and never read here
_DOTTED = r"[0-3]?\d\.[01]?\d\.(?:19|20)\d\d(?![\d.])"

_DATELINE = re.compile(
    rf"^[^\S\n]*(?P<place>[A-Z][A-Za-z\u00C0-\u017F.'’ -]{{1,40}}?)(?:,[^\S\n]*[A-Z][A-Za-z\u00C0-\u017F.'’ -]{{1,30}}?"
    r"|[^\S\n]+\([A-Z][A-Za-z\u00C0-\u017F.'’ -]{1,30}\))?"
    rf",[^\S\n]*(?P<date>{FULL_DATE}|{DAY_MONTH}|{_DOTTED})"
    r"[^\S\n]*(?:\((?P<agency>[^)\n]{1,40})\))?[^\S\n]*(?P<sep>[:–—-]|(?=\s))",
    re.MULTILINE,
)
DATELINE_LINES = 3  # a dateline opens one of the first lines (a headline may stand above it)
_BYLINE = re.compile(r"^\s*By\s+[A-Z][a-z]+(?:\s+[A-Z][a-z.]+){0,3}\s*$", re.MULTILINE)
_SUMMARY_OPENING = re.compile(r"^\s*(?:summary|report|minutes|conclusions|chair'?s summary)\b", re.IGNORECASE)
_SECTION = re.compile(r"^(?:Day|Session)\s+\d", re.IGNORECASE | re.MULTILINE)
_ENGLISH = {"the", "of", "and", "to", "in", "a", "is", "for", "on", "that", "with", "by", "as", "are", "was"}
META_FIELDS = ("url", "published", "publisher", "language", "title", "doc_type")


@dataclass
class Dateline:
    place: str
    published: date | None  # None when the dateline gives no year ("CITY, March 3 (Agency) -")
    agency: str | None
    start: int
    end: int


_LINE_START = re.compile(r"^(?=[^\S\n]*\S)", re.MULTILINE)


def _first_lines(text: str, n: int) -> list[int]:
    """Where the first n lines that hold anything start."""
    return [m.start() for m in itertools.islice(_LINE_START.finditer(text), n)]


def read_dateline(text: str) -> Dateline | None:
    """'Geneva, 3 May 2019 (AP):' or 'WARSAW, 9 March 2018 –' opening one of the first lines."""
    from ..lang.resources import lexicon

    calendar = {w.lower() for w in (*lexicon().weekdays, *lexicon().months)}
    lines = _first_lines(text, DATELINE_LINES)
    # a weekday or a month is no place: "Tuesday, March 9, 2010 4:15 PM" is a page's timestamp
    m = next((m for m in (_DATELINE.match(text, pos) for pos in lines)
              if m and m.group("place").strip().lower() not in calendar), None)
    if not m:
        return None
    dotted = re.fullmatch(_DOTTED, m.group("date"))
    if dotted:
        day, month, year = (int(x) for x in m.group("date").split("."))
        published = checked_date(year, month, day)
    else:
        published = parse_full_date(m.group("date"))
    if published is None and re.search(r"\d{4}", m.group("date")):
        return None  # a date with a year that does not exist
    place = m.group("place").strip()
    if place.isupper():
        place = place.title()
    return Dateline(place=place, published=published, agency=m.group("agency"), start=m.start("place"), end=m.end())


PUBLISHED_LINES = 8  # a page's "Published 3 May 2019" line stands among its first lines


@lru_cache(maxsize=None)
def _published_label() -> re.Pattern:
    from ..lang.resources import alternation, lexicon

    labels = alternation(lexicon().word_classes["published_labels"])
    return re.compile(rf"^[^\S\n]*(?:{labels})(?:[^\S\n]+on)?[^\S\n]*:?[^\S\n]*(?:[A-Z][a-z]+,[^\S\n]*)?"
                      rf"(?P<date>{FULL_DATE})", re.IGNORECASE | re.MULTILINE)


def read_published_label(text: str) -> date | None:
    """The date of a labelled publication line among the first lines ("Published 20 May 2030",
    "Posted on: Monday, May 20, 2030", "Last updated 20/05/2030" is not read: figures are ambiguous)."""
    lines = _first_lines(text, PUBLISHED_LINES)
    label = _published_label()
    m = next((m for m in (label.match(text, pos) for pos in lines) if m), None)
    return parse_full_date(m.group("date")) if m else None


def load_manifest(input_dir: Path) -> dict[str, dict[str, Any]]:
    """manifest.csv in the input folder: columns file, url, published, publisher, language."""
    path = input_dir / "manifest.csv"
    if not path.exists():
        return {}
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return {row["file"].strip(): {k: (v.strip() or None) for k, v in row.items() if k != "file" and v is not None}
                for row in csv.DictReader(fh) if row.get("file")}


def load_sidecar(path: Path) -> dict[str, Any]:
    """`<name>.meta.yaml` next to the document."""
    sidecar = path.with_name(path.stem + ".meta.yaml")
    if not sidecar.exists():
        return {}
    loaded = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
    if not isinstance(loaded, dict):
        raise ValueError(f"{sidecar.name}: expected a mapping of metadata fields, got {type(loaded).__name__}")
    return loaded


def coerce_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return parse_full_date(str(value))


@lru_cache(maxsize=None)
def _quote_attribution() -> re.Pattern:
    """A closing quotation mark followed by a speech verb (lexicon.yaml): '”, said'."""
    from ..lang.resources import alternation, lexicon

    return re.compile(rf"[”\"],?\s+(?:{alternation(lexicon().speech_verbs)})\b")


def guess_doc_type(text: str, segments: list[Segment], dateline: Dateline | None) -> str:
    """press_release, summary, news_article or other, from simple evidence in the text."""
    first_line = text.lstrip().split("\n", 1)[0]
    if _SUMMARY_OPENING.match(first_line) or len(_SECTION.findall(text)) >= 2:
        return "summary"
    if (dateline and dateline.agency) or _BYLINE.search(text[:500]):
        return "news_article"
    if _quote_attribution().search(text) or (dateline and not dateline.agency):
        return "press_release"
    return "other"


def guess_title(text: str, segments: list[Segment]) -> str | None:
    """The first heading that is more than a one-word label ("SUMMARY")."""
    for seg in segments[:4]:
        if seg.kind in ("title", "heading"):
            candidate = text[seg.start:seg.end].strip()
            if len(candidate.split()) >= 3:
                return candidate
    return None


MIN_LANGUAGE_CHARS = 200  # shorter texts are not judged: too little evidence
LANGUAGE_CONFIDENCE = 0.9


# The language a script alone names, when the identifier is unsure (a short text).
SCRIPT_LANGUAGE = {"ARABIC": "ar", "CJK": "zh", "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "HEBREW": "he",
                   "GREEK": "el", "THAI": "th", "DEVANAGARI": "hi", "GEORGIAN": "ka", "ARMENIAN": "hy",
                   "CYRILLIC": "ru", "BENGALI": "bn", "TAMIL": "ta", "ETHIOPIC": "am"}


def main_script(text: str) -> str | None:
    """The script most of the text's letters are written in ("LATIN", "ARABIC", "CJK", ...), from
    the letters' Unicode names; None for a text without letters."""
    import unicodedata
    from collections import Counter

    scripts: Counter = Counter()
    latin = 0  # ASCII letters: Latin, without a name lookup (most letters of most reports)
    others = []
    for ch in text:
        if ch.isalpha():
            if ch < "\x80":
                latin += 1
            else:
                others.append(ch)
    if latin:
        scripts["LATIN"] = latin
    for ch in others:
        name = unicodedata.name(ch, "")
        scripts[name.split(" ")[0] if name else "UNKNOWN"] += 1
    if not scripts:
        return None
    script, n = scripts.most_common(1)[0]
    return script if n * 2 > sum(scripts.values()) else "MIXED" if script != "LATIN" else "LATIN"


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), or None when the text is too short or
    the guess is not confident."""
    sample = re.sub(r"https?://\S+", " ", text[:5000])
    script = main_script(sample)
    if script not in (None, "LATIN"):
        # mostly letters of another script: never English, however short the text
        lang, prob = _identifier().classify(sample)
        return lang if prob >= LANGUAGE_CONFIDENCE or SCRIPT_LANGUAGE.get(script) is None else SCRIPT_LANGUAGE[script]
    if len(re.findall(r"\w", sample)) < MIN_LANGUAGE_CHARS:
        words = re.findall(r"[a-z]+", sample.lower())
        share = sum(map(_ENGLISH.__contains__, words)) / len(words) if len(words) >= 5 else 0
        return "en" if share > 0.08 else None
    lang, prob = _identifier().classify(sample)
    return lang if prob >= LANGUAGE_CONFIDENCE else None


@lru_cache(maxsize=None)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
