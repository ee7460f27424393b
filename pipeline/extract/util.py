"""Small helpers shared by the extraction components."""
from __future__ import annotations

import functools
import logging
import re
from typing import Callable, Iterator

from spacy.tokens import Doc

log = logging.getLogger("pipeline.extract")

# What the components put on a Doc: one typed extension per kind of fact, None until the component
# that assigns it has run (a list, maybe empty, after it). extension -> (component, what it holds)
FACT_EXTENSIONS: dict[str, tuple[str, str]] = {
    "orgs": ("rapporteur_orgs", "list[orgs.Org]"),
    "people": ("rapporteur_people", "list[people.PersonMention]"),
    "roles": ("rapporteur_people", "list[people.RoleMention]"),
    "quotes": ("rapporteur_quotes", "list[quotes.Quote]"),
    "dates": ("rapporteur_dates", "list[dates.DateExpr]"),
    "counts": ("rapporteur_counts", "list[counts.Count]"),
    "recommendations": ("rapporteur_recommendations", "list[recommendations.Recommendation]"),
}
# Computed once per Doc and read by several components (spaCy rebuilds doc.text on every access)
CACHE_EXTENSIONS = ("rapporteur_text", "rapporteur_sentences", "rapporteur_titles")
for _name in (*FACT_EXTENSIONS, "errors", *CACHE_EXTENSIONS):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class MissingComponent(ValueError):
    pass


def needs(doc: Doc, name: str, by: str) -> list:
    """The facts of extension `name`, which component `by` reads; a clear error when the component
    that assigns them is not before `by` in the pipeline (never a silent empty list)."""
    value = getattr(doc._, name)
    if value is None:
        raise MissingComponent(f"{by} needs doc._.{name}: add {FACT_EXTENSIONS[name][0]} before it in the pipeline")
    return value


def checked_confidence(component: str, option: str, value: float) -> float:
    """A confidence option of a component's config, between 0 and 1; a clear error otherwise."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0.0 <= value <= 1.0:
        raise ValueError(f"{component}: {option} must be a number between 0 and 1, got {value!r}")
    return float(value)


def add_error(doc: Doc, message: str) -> None:
    """A problem with this document that reaches its extraction result (doc._.errors)."""
    if doc._.errors is None:
        doc._.errors = []
    doc._.errors.append(message)


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once (spaCy joins the tokens again on every `doc.text`)."""
    if doc._.rapporteur_text is None:
        doc._.rapporteur_text = doc.text
    return doc._.rapporteur_text


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Character bounds of each sentence, split again at line breaks (headings, bullets).

    Computed once per Doc from the SENT_START array (iterating `doc.sents` repeatedly is slow).
    """
    if doc._.rapporteur_sentences is not None:
        return doc._.rapporteur_sentences
    from spacy.attrs import SENT_START

    starts = [0]
    if len(doc):
        flags = doc.to_array([SENT_START]).ravel() if doc.has_annotation("SENT_START") else []
        starts = [0] + [i for i, flag in enumerate(flags) if flag == 1 and i > 0]
    token_bounds = [(doc[a].idx if a < len(doc) else len(doc_text(doc)), doc[b - 1].idx + len(doc[b - 1]) if b > 0 else 0)
                    for a, b in zip(starts, starts[1:] + [len(doc)]) if b > a]
    bounds: list[tuple[int, int]] = []
    text = doc_text(doc)
    # the parser sometimes ends a sentence at a comma or a bracket ("... (Austria), Vice-Chair"):
    # a sentence that does not end with terminal punctuation goes on, on the same line
    merged: list[tuple[int, int]] = []
    for s_char, e_char in token_bounds:
        if merged and "\n" not in text[merged[-1][1]:s_char] and not re.search(r"[.!?:;…”\"’')\]]\s*$", text[merged[-1][0]:merged[-1][1]]):
            merged[-1] = (merged[-1][0], e_char)
        elif merged and "\n" not in text[merged[-1][1]:s_char] and _ends_with_abbreviation(text[merged[-1][0]:merged[-1][1]]):
            merged[-1] = (merged[-1][0], e_char)  # "... of the Vatican, Fr." + "Ana Lopez said"
        else:
            merged.append((s_char, e_char))
    for s_char, e_char in merged:
        start = s_char
        for m in re.finditer(r"\n+", text[s_char:e_char]):
            piece_end = s_char + m.start()
            if text[start:piece_end].strip():
                bounds.append((start, piece_end))
            start = s_char + m.end()
        if text[start:e_char].strip():
            bounds.append((start, e_char))
    doc._.rapporteur_sentences = bounds
    return bounds


def _ends_with_abbreviation(sentence: str) -> bool:
    """A sentence the parser ended at an honorific's full stop ("Dr.", "Fr.") or an initial."""
    from ..lang.resources import fold, honorific_keys

    m = re.search(r"(?:^|\s)(\S+)\.\s*$", sentence)
    return bool(m) and (fold(m.group(1)) in honorific_keys() or bool(re.fullmatch(r"[A-Z]", m.group(1))))


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




def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def guarded(call: Callable) -> Callable:
    """A component's __call__ that never kills the run: an exception is logged and recorded in
    doc._.errors (it reaches the extraction result); the extensions the component assigns (its
    class's `assigns`) are left empty, so the components after it go on."""

    @functools.wraps(call)
    def wrapper(self, doc: Doc) -> Doc:
        try:
            return call(self, doc)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the others
            context = doc._.context if doc.has_extension("context") else None
            doc_id = (context or {}).get("doc_id", "?")
            log.exception("%s failed on document %s", self.name, doc_id)
            add_error(doc, f"{self.name}: {type(exc).__name__}: {exc}")
            for name in getattr(self, "assigns", ()):
                if getattr(doc._, name) is None:
                    setattr(doc._, name, [])
            return doc

    return wrapper


def anchored_finditer(pattern: re.Pattern, text: str, start: int, end: int, anchor: re.Pattern,
                      earliest: Callable[[str, int, int], int] | None = None) -> Iterator[re.Match]:
    """The matches of `pattern.finditer(text, start, end)`, found faster: every match holds an
    `anchor` (a meeting noun, a title's head), and `earliest(text, pos, anchor_start)` says where the
    first match holding that anchor can start at the earliest (None: at the anchor). Only the
    positions from there to each anchor are tried, instead of every position of the text."""
    pos = start
    while pos < end:
        hit = anchor.search(text, pos, end)
        if hit is None:
            return
        first = hit.start() if earliest is None else max(pos, earliest(text, pos, hit.start()))
        found = None
        for q in range(first, hit.start() + 1):
            found = pattern.match(text, q, end)
            if found is not None and found.end() > found.start():
                break
            found = None
        if found is None:
            pos = hit.start() + 1
            continue
        yield found
        pos = found.end()


def words_back(text: str, pos: int, at: int, *, allowed: Callable[[str], bool], max_words: int | None = None) -> int:
    """Where a match that holds an anchor at `at` can start at the earliest (not before `pos`),
    when what comes before the anchor is whitespace-separated words that `allowed` accepts, at
    most `max_words` of them: the start of the first word, reading back, that could not be one
    (a match may start inside it). The word the anchor is glued to, if any, counts as one."""
    words, i = 0, at
    while i > pos:
        j = i
        while j > pos and text[j - 1].isspace():
            j -= 1
        k = j
        while k > pos and not text[k - 1].isspace():
            k -= 1
        if k == j:
            return j  # only space back to pos
        words += 1
        if not allowed(text[k:j]) or (max_words is not None and words > max_words):
            return k
        i = k
    return pos
