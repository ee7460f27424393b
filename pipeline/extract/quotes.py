"""Direct quotations and who said them.

Shapes: “...,” said NAME | “...,” NAME said | “...,” TITLE NAME stressed | NAME ... added: “...” |
“...,” she added (the pronoun carries the last speaker of the paragraph over).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .people import PersonMention, RoleMention
from ..lang.resources import alternation, fold, lexicon, vocab
from .util import doc_text, guarded, needs, sentence_bounds, sentence_of

_QUOTE = re.compile(r"“(?P<a>[^”]{12,3000})”|\"(?P<b>[^\"]{12,3000})\"")


@lru_cache(maxsize=None)
def _verb_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(a speech verb, 'he said'/'said he' after a quote, 'NAME said:' before one), from lexicon.yaml."""
    verbs = alternation(lexicon().speech_verbs)
    pronoun = vocab(r"(?i:@person_pronouns)")
    return (re.compile(rf"\b(?:{verbs})\b"),
            re.compile(rf"^[\s,]*(?:(?P<p1>{pronoun})\s+(?:{verbs})|(?:{verbs})\s+(?P<p2>{pronoun}))\b"),
            re.compile(rf"(?:{verbs})(?:\s+\w+){{0,4}}\s*:\s*$"))


@dataclass
class Quote:
    start: int  # the quoted text, without quotation marks
    end: int
    text: str
    speaker: PersonMention | None
    speaker_role: RoleMention | None
    method: str
    confidence: float

    @property
    def speaker_text(self) -> str | None:
        if self.speaker is not None:
            return self.speaker.name
        if self.speaker_role is not None:
            return self.speaker_role.role
        return None


def _attribution_end(text: str, bounds: list[tuple[int, int]], start: int, limit: int = 300) -> int:
    """Where the attribution after a closing quote mark at `start` ends: the end of its sentence
    (the Doc's one sentence splitter), the next quotation mark, or `limit` characters on."""
    i = sentence_of(bounds, start) if start < len(text) else None
    if i is None:  # between two sentences: the next one
        i = next((k for k, (s, _) in enumerate(bounds) if s >= start), None)
    end = min(bounds[i][1] if i is not None else len(text), start + limit)
    mark = re.search(r"[“\"]", text[start:end])
    return start + mark.start() if mark else end


def _paragraph_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _holder_of_title(window: str, people: list[PersonMention]) -> PersonMention | None:
    """'..., the Secretary General said': the person named earlier with a role of that title."""
    m = re.match(vocab(r"^[\s,]*@definite\s+((?:[A-Z][\w\-]*\s+){0,5}[A-Z][\w\-]*)"), window)
    if not m:
        return None
    words = set(fold(m.group(1)).split())
    holders = [p for p in people if p.role and words <= set(fold(p.role).replace("-", " ").split())]
    names = {p.name for p in holders}
    return holders[-1] if len(names) == 1 else None


def find_quotes(text: str, people: list[PersonMention], roles: list[RoleMention],
                bounds: list[tuple[int, int]], *, pronoun_reach: int = 1000) -> list[Quote]:
    """Quotes (four words or more in quotation marks) with their speaker: a name or an office with a
    speech verb after the quote, a pronoun after it (the speaker of the paragraph's last quote, or
    the last person named within `pronoun_reach` characters before it), a named person's title, a
    name before a colon, or the speaker of the quote just before."""
    any_verb, pronoun_after, before_colon = _verb_patterns()
    quotes: list[Quote] = []
    for m in _QUOTE.finditer(text):
        group = "a" if m.group("a") is not None else "b"
        qs, qe = m.start(group), m.end(group)
        body = m.group(group)
        if len(body.split()) < 4:
            continue  # a title or a term in quotation marks, not speech
        window_after = text[m.end():_attribution_end(text, bounds, m.end())]
        before_start = max(_paragraph_start(text, m.start()), m.start() - 300)
        window_before = text[before_start:m.start()]

        speaker, role, method, conf = None, None, None, 0.0
        after_people = [p for p in people if m.end() <= p.start < m.end() + len(window_after)]
        after_roles = [r for r in roles if r.person is None and m.end() <= r.start < m.end() + len(window_after)]
        verb_after = any_verb.search(window_after)
        if after_people and verb_after:
            speaker, method, conf = after_people[0], "rule:quote-said-name", 0.9
        elif pronoun_after.match(window_after):
            prev = [q for q in quotes if q.speaker is not None and _paragraph_start(text, q.start) == _paragraph_start(text, qs)]
            if prev:
                speaker, method, conf = prev[-1].speaker, "inferred:pronoun-same-paragraph", 0.8
            else:
                earlier = [p for p in people if qs - pronoun_reach <= p.start < qs]
                if earlier:
                    speaker, method, conf = earlier[-1], "inferred:pronoun-last-person", 0.7
        elif after_roles and verb_after:
            role, method, conf = after_roles[0], "rule:quote-said-role", 0.8
        elif verb_after and (holder := _holder_of_title(window_after, people)) is not None:
            speaker, method, conf = holder, "inferred:title-of-named-person", 0.75
        elif before_colon.search(window_before) or re.search(r"[:,]\s*$", window_before):
            before_people = [p for p in people if before_start <= p.start < m.start()]
            if before_people:
                speaker, method, conf = before_people[-1], "rule:name-said-colon-quote", 0.85
            elif re.search(vocab(r"\b(?i:@person_pronouns)\s+\w+(?:\s+\w+)?\s*:\s*$"), window_before):
                earlier = [p for p in people if qs - pronoun_reach <= p.start < qs]  # "..., she said:"
                if earlier:
                    speaker, method, conf = earlier[-1], "inferred:pronoun-last-person", 0.7
        if method is None and quotes and quotes[-1].speaker is not None:
            # a quote that follows the attribution of the last one, with no one else named in
            # between, continues it ("...,” said NAME, TITLE. “Second part.”), also in the next paragraph
            prev = quotes[-1]
            between = text[prev.end:m.start()]
            others = [p for p in people if prev.end <= p.start < m.start() and p.name != prev.speaker.name]
            if len(between) <= 300 and not others and re.search(r"[.!?]\s*$", between):
                speaker, method, conf = prev.speaker, "inferred:continued-quote", 0.75
        if method is None:
            continue  # quotation marks without a speaker: a title or a term, not a quote
        quotes.append(Quote(qs, qe, body, speaker, role, method, conf))
    return quotes


class QuoteFinder:
    """Quotes with their speakers: doc._.quotes. Runs after rapporteur_people."""

    assigns = ("quotes",)

    def __init__(self, nlp: Language, name: str, *, pronoun_reach: int):
        if not isinstance(pronoun_reach, int) or pronoun_reach < 0:
            raise ValueError(f"{name}: pronoun_reach must be a number of characters (0 or more), got {pronoun_reach!r}")
        self.name = name
        self.pronoun_reach = pronoun_reach

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc_text(doc), needs(doc, "people", self.name), needs(doc, "roles", self.name),
                                   sentence_bounds(doc), pronoun_reach=self.pronoun_reach)
        return doc


@Language.factory("rapporteur_quotes", assigns=["doc._.quotes"], requires=["doc._.people", "doc._.roles", "doc.sents"],
                  default_config={"pronoun_reach": 1000})
def make_quote_finder(nlp: Language, name: str, pronoun_reach: int) -> QuoteFinder:
    return QuoteFinder(nlp, name, pronoun_reach=pronoun_reach)
