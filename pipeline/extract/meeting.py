"""The meeting a document reports on: name, series, dates, place, mode, organisers and counts.

The meeting's own date is the one tied to a meeting verb ("met on", "took place", "kicked off
today") or standing alone in a summary's title block; other dates in the text (a statement
issued on some day) are not the meeting.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property, lru_cache
from typing import Callable

import regex

from spacy.tokens import Doc

from ..records import Figure, MeetingFact, Segment, Span
from .counts import Count
from .dates import DateExpr, find_duration
from .orgs import PORTFOLIO_LIST, find_orgs, org_head_re
from .roles import has_head
from .rules import RuleSet
from .places import city_country, city_population, countries_in, country_of
from .numbers import number_re, ordinal_re, ordinal_start, parse_number, parse_ordinal
from ..lang.resources import WordPattern, alternation, demonyms, fold, gazetteer, lexicon, load, roles, vocab
from .util import anchored_finditer, doc_text, needs, sentence_bounds, sentence_of, words_back
from .venues import (LONE_CITY_MIN_POPULATION, Place, find_buildings, find_cities,
                     find_countries, find_place_line, find_title_cities, online_cues, platform_mentions)

def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _figure(c: Count) -> Figure:
    return Figure(c.value, c.qualifier, c.unit, Span(c.start, c.end, c.text))


TITLE_BLOCK_SEGMENTS = 8  # the first lines of a summary: title, organisers, date, venue
TITLE_BLOCK_WORDS = 30  # longer lines are running text, not a title block


@lru_cache(maxsize=None)
def _meeting_res():
    res = load("meetings.yaml")
    verbs = sorted(res.meeting_verbs, key=len, reverse=True)
    nouns = sorted(res.nouns, key=len, reverse=True)
    verb_re = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in verbs) + r")(?!\w)", re.I)
    noun_re = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in nouns) + r")(?!\w)", re.I)
    organisers = [re.compile(p, re.I) for p in res.organisers]
    return verb_re, noun_re, organisers


@lru_cache(maxsize=None)
def _phase_verbs() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(start, end, continue) verbs of meetings.yaml, as whole-word patterns."""
    res = load("meetings.yaml")
    return tuple(re.compile(rf"\b(?:{alternation(words)})\b", re.I)
                 for words in (res.start_verbs, res.end_verbs, res.continue_verbs))
_GROUP = r"[A-Z][\w’'\-]*(?:\s+(?:[A-Z][\w’'\-]*|@name_connectors|&))*"
# "Labour Inspectors from 20 countries met on ..." -> "meeting of Labour Inspectors"
_GROUP_MET = WordPattern(rf"(?P<who>{_GROUP})\s+(?:@origin\s+[\w ]{{1,40}}?\s+)?@meetings.gather_verbs\b"
                         r"(?!\s+(?i:@articles)\b)")  # "X convened a conference on Y": X held it, Y names it
# "... convened the X Task Force", "convening a meeting of the X Committee": a body that was convened
_BODY = r"[A-Z][\w’'\-]*(?:\s+(?:[A-Z][\w’'\-]*|@body_connectors|&|@mission_to(?=\s+[A-Z])))*"
_CONVENED_BODY = WordPattern(rf"\b@meetings.convene_forms\s+(?:@articles\s+(?:\w+\s+)?@meetings.body_meeting_nouns\s+@genitive\s+)?@definite\s+(?P<who>{_BODY})")


@lru_cache(maxsize=None)
def _name_patterns() -> list[re.Pattern]:
    """Shapes of a meeting's name, most specific first: a capitalised name with a meeting noun
    ("25th Conference of the X", "OSCE Annual X Conference"); "[Nth] [adjective] meeting of the X";
    an edition and a capitalised name ("20th X against Y")."""
    nouns = load("meetings.yaml").nouns
    title_nouns = alternation(n.title() for n in nouns)
    any_noun = alternation(nouns)
    ordinal = ordinal_re()
    cap = r"(?:[A-Z][\w’'&/\-]*|(?:19|20)\d\d)"
    inner = r"(?:@name_connectors|&)"
    capseq = rf"{cap}(?:\s+(?:{inner}\s+)*{cap})*"
    return [
        # a title the text gives the meeting: "Conference: “...”", "a seminar entitled ..."
        re.compile(vocab(rf"(?i:{any_noun})\s*(?::|,)?\s*(?i:@meetings.title_cues)?\s*"
                         rf"[“\"](?P<title>[^”\"\n]{{10,200}})[”\"]")),
        re.compile(vocab(rf"(?i:{any_noun})\s+(?i:@meetings.named_cues)\s+(?P<title>[A-Z][^.;\n]{{10,150}}?)(?=[.;,](?:\s|$)|\n|$)")),
        re.compile(vocab(rf"(?:(?i:{ordinal})\s+)?(?:{cap}\s+(?:{inner}\s+)*){{0,8}}(?:{title_nouns})\b"
                         rf"(?:\s+@meeting_complements\s+(?:@definite\s+)?{capseq})?")),
        re.compile(vocab(rf"(?:(?i:{ordinal})\s+)?(?:[\w-]+\s+){{0,2}}?(?i:{any_noun})\s+(?:@genitive|@topic_on)\s+(?:@definite\s+)?{capseq}")),
        re.compile(vocab(rf"{ordinal_start()}(?i:{ordinal})\s+{cap}(?:\s+(?:{inner}\s+)*{cap})+")),
    ]


@lru_cache(maxsize=None)
def _verb_words() -> frozenset[str]:
    """Single-word meeting and speech verbs: in a Title-Case headline they end the subject."""
    res = load("meetings.yaml")
    words = (*res.meeting_verbs, *res.start_verbs, *res.end_verbs, *lexicon().speech_verbs)
    return frozenset(fold(w) for w in words if " " not in w)


def _after_headline_verb(name: str) -> str:
    """"X Office Conducts Course on Y" -> "Course on Y", "Forum on Y Opens in Z" -> "Forum on Y": a
    Title-Case headline's verb is not the name."""
    _, noun_re, _ = _meeting_res()
    words = name.split()
    for i in range(len(words) - 1, 0, -1):
        if fold(words[i]) in _verb_words() and noun_re.search(" ".join(words[i + 1:])):
            return " ".join(words[i + 1:])
    for i in range(1, len(words)):
        # "Regional Consultation on X Concludes in Y": the name is the subject before the verb; a
        # word a demonym or a noun modifier stands before is a noun ("of American States")
        if fold(words[i - 1]) in _before_a_noun():
            continue
        if words[i][:1].isupper() and fold(words[i]) in _verb_words() and noun_re.search(" ".join(words[:i])):
            return " ".join(words[:i])
    return name


@lru_cache(maxsize=None)
def _before_a_noun() -> frozenset[str]:
    """Words after which a headline verb's form is a plural noun: demonyms and meetings.yaml's noun modifiers."""
    return frozenset(fold(w) for w in (*demonyms(), *load("meetings.yaml").word_classes["noun_modifiers"]))


@lru_cache(maxsize=None)
def _name_anchors() -> tuple[re.Pattern, Callable[[str], bool]]:
    """What the name shapes hold, to find them fast (util.anchored_finditer): a meeting noun (any
    case), and which words may stand before the noun of a capitalised name (a capitalised word, a
    year, a connector, an ordinal)."""
    lex = lexicon()
    nouns = alternation(load("meetings.yaml").nouns)
    small = {fold(w) for w in (*lex.word_classes["name_connectors"], "&", *lex.ordinals, *lex.numbers.tens)}
    name_word = re.compile(r"[\w’'&/\-]+")

    def before_name(word: str) -> bool:
        return bool(name_word.fullmatch(word)) and (word[0].isupper() or word[0].isdigit()
                                                     or all(fold(w) in small for w in word.split("-")))

    return re.compile(rf"(?i:{nouns})"), before_name


_WORD_CHARS = re.compile(r"[\w-]+")
_WORDS_BEFORE_A_NOUN = 4  # "[twenty fifth] [two words] conference": the shape's ordinal and words


def _name_matches(rank: int, pattern: re.Pattern, text: str, s: int, e: int):
    """pattern.finditer(text, s, e) for the name shape of this rank, found faster: the two shapes
    that hold a meeting noun after a few words are tried only at the positions before a noun (a
    search tries every position of the text); the others start with a meeting noun or an ordinal,
    and are searched as they are."""
    noun, before_name = _name_anchors()
    if rank == 2:
        return anchored_finditer(pattern, text, s, e, noun, lambda t, p, a: words_back(t, p, a, allowed=before_name))
    if rank == 3:
        return anchored_finditer(pattern, text, s, e, noun, lambda t, p, a: words_back(
            t, p, a, allowed=_is_word, max_words=_WORDS_BEFORE_A_NOUN))
    return pattern.finditer(text, s, e)


def _is_word(word: str) -> bool:
    return bool(_WORD_CHARS.fullmatch(word))


_NOUN_COLON_TITLE = WordPattern(r"[^\S\n]*(?:[A-Z][\w’'-]*[^\S\n]+){0,4}(?i:@meetings.meeting_nouns)[^\S\n]*:[^\S\n]*[^\W\d_][^\n]{4,200}?[^\S\n]*")


_TRAILING_CONNECTOR = WordPattern(r"\s+(?:@name_connectors|&)$")
_LEADING_ARTICLE = WordPattern(r"^(?i:@articles|@demonstratives)\s+")
_WORDS_TO_DETERMINER = WordPattern(r"^(?:[a-z][\w-]*\s+){0,2}?(?:@determiners)\s+(?=\S)")


# "Report of the Fourth Meeting": the document's words are no part of the meeting's name
_DOCUMENT_OF = WordPattern(r"^(?i:@recommendations.document_actors)\s+@genitive\s+(?:@definite\s+)?(?=\S)")


def _of_body_before_colon(text: str, start: int, name: str) -> str:
    """A bare numbered meeting ("Fourth Meeting") after a body's name and a colon on its line ("X
    Working Group: Report of the Fourth Meeting") is that body's: "Fourth Meeting of the X Working Group"."""
    words = name.split()
    if len(words) > 3 or not regex.fullmatch(ordinal_re(), words[0], regex.I):
        return name
    line_start = text.rfind("\n", 0, start) + 1
    if ":" not in text[line_start:start]:
        return name
    before, after = text[line_start:start].rsplit(":", 1)
    if after.strip() and not _DOCUMENT_OF.match(after.strip() + " "):
        return name  # the colon is not right before the name or its document's words
    body = _LEADING_ARTICLE.sub("", before.strip())
    if not regex.fullmatch(r"[A-Z][^\n]{3,120}", body) or not org_head_re().search(body):
        return name
    return f"{name} of {'' if body.isupper() else 'the '}{body}"


@lru_cache(maxsize=None)
def _edition_or_year() -> re.Pattern:
    """An ordinal or a year inside a name: a name with one is preferred."""
    return re.compile(rf"(?i:{ordinal_re()})|\b(?:19|20)\d\d\b")


def find_meeting_name(text: str, spans: list[tuple[int, int]],
                      title_only: list[tuple[int, int]] | tuple = ()) -> str | None:
    """The meeting's name from the first stretch (title block, then sentences about the meeting)
    that has one; a name with an edition or a year is preferred within a stretch. A name that opens
    a title-block line (`title_only`) and goes on in lower case takes the rest of its phrase."""
    verb_re, noun_re, _ = _meeting_res()
    for s, e in spans:
        found = []
        # every shape but the last holds a meeting noun, the last an ordinal: a stretch without
        # them is not searched (most sentences about a meeting name none)
        has_noun = noun_re.search(text, s, e) is not None
        labelled = _NOUN_COLON_TITLE.fullmatch(text, s, e) if has_noun and (s, e) in title_only else None
        if labelled:  # a title-block line "Webinar: Title of it": the line is the name
            found.append((True, 0, s, labelled.group().strip()))
        for rank, pattern in enumerate(_name_patterns()):
            if rank < len(_name_patterns()) - 1 and not has_noun:
                continue
            for m in _name_matches(rank, pattern, text, s, e):
                whole = m.group("title") if "title" in pattern.groupindex else m.group()
                if rank >= 2 and text[m.end():m.end() + 2].startswith(" ") and text[m.end() + 1:m.end() + 2].islower():
                    # a heading's name goes on in lower case ("4th meeting of the X network of
                    # lawyers providing ..."): to the end of its line, or a comma, bracket or colon
                    line_start = text.rfind("\n", 0, m.start()) + 1
                    rest = re.match(r"[^,;:()\n–—]*", text[m.end():e])
                    if not text[line_start:m.start()].strip() and rest and (s, e) in title_only and \
                            not any(fold(w) in _verb_words() for w in rest.group().split()) and \
                            not verb_re.search(rest.group()):  # "... took place in X": a headline's verb
                        whole = m.group() + rest.group().rstrip(" .")
                name = _TRAILING_CONNECTOR.sub("", whole.strip())
                name = _LEADING_ARTICLE.sub("", name)
                name = _of_body_before_colon(text, m.start(), _DOCUMENT_OF.sub("", name))
                # the lower-case words a shape takes before the noun end at a determiner: "hosted the
                # meeting of X" is the verb's object, "meeting of X"
                name = _WORDS_TO_DETERMINER.sub("", name)
                if rank >= 2:
                    name = _after_headline_verb(name)
                if len(name.split()) >= 2 and not _GENERIC_NAME.fullmatch(name):
                    found.append((not _edition_or_year().search(name), rank, m.start(), name))
        if found:
            return min(found)[3]
    return None


@lru_cache(maxsize=None)
def _deadline_before() -> re.Pattern:
    """A deadline cue of meetings.yaml right before a date, maybe with a weekday ("until Friday, 2 May")."""
    return re.compile(rf"\b(?:{alternation(load('meetings.yaml').deadline_cues)})\s+(?:[A-Z][a-z]+,?\s+)?$", re.I)


_VERB_TO_PLACE = WordPattern(r"(?:\s+(?!@meetings.purpose_to\b)[^\s,.;:]+){0,6}?\s+@place_preps\s+(?:@definite\s+)?[A-Z][\w-]*(?:\s+(?:@genitive\s+)?[A-Z][\w-]*){0,3}")
@lru_cache(maxsize=None)
def _held_its_nth() -> re.Pattern:
    """A body that held its Nth meeting: the body (without its acronym), the ordinal and the noun."""
    nouns = alternation(n for n in load("meetings.yaml").meeting_nouns if not n.endswith("s"))
    # the body never runs back over a dash ("RIGA, 3 May 2029 - The X Task Force held its ...")
    return re.compile(vocab(rf"\s*(?P<who>(?:(?i:@definite)\s+)?[A-Z](?:(?![^\S\n]-[^\S\n])[^.;:,()\n–—]){{3,150}}?)"
                            rf"\s*(?:\([A-Z][\w/-]{{1,12}}\)\s*)?\s+@meetings.held_its_verbs\s+@group_possessives\s+"
                            rf"(?P<ord>{ordinal_re()})\s+(?P<noun>(?:@meetings.session_modifiers\s+)?(?:{nouns}))\b"))


_DESCRIBED_MAX_WORDS = 30
@lru_cache(maxsize=None)
def _after_noun() -> re.Pattern:
    """What follows a meeting noun in a description, after an optional time ("this week", "in May")."""
    months = alternation(lexicon().months)
    return re.compile(vocab(r"(?P<when>[^\S\n]+(?:@meetings.description_times|"
                            rf"@meetings.month_lead[^\S\n]+(?:{months})(?:[^\S\n]+(?:19|20)\d\d)?))?"
                            r"(?P<desc>[^\S\n]+(?:@meetings.purpose_to[^\S\n]+[a-z]+|@meetings.description_links)[^\S\n]+"
                            r"(?P<obj>[^,.;:()\n]{3,200}))"))


def _starts_with_date(phrase: str) -> bool:
    lex = lexicon()
    first = phrase.split()[0].strip(",") if phrase.split() else ""
    return first[:1].isdigit() or first in lex.months or first in lex.weekdays  # a description longer than this is running text, not a name
_DEPS_OF_A_NAME = ("prep", "acl")  # what follows a meeting noun in its description ("on X", "held in Y")
_BY_WHOM = WordPattern(r"[^\S\n]*,?[^\S\n]*(?:@meetings.joint_words[^\S\n]+|@meetings.joint_prefixes)?@meetings.organiser_verbs"
                        r"[^\S\n]+@agent_by[^\S\n]+[^,.;:()\n]{3,120}")


def _name_stop(head) -> int:
    """Where a meeting noun's description ends: at a relative clause set off by a comma ("the
    seminar, which was organised by X, in Y"; not "a forum on workers who migrate") or at a partner
    ("a seminar with the X Agency": who organised it, not what it was); the index of the first such
    word, else the sentence's end."""
    partner_preps = load("meetings.yaml").word_classes["partner_preps"]
    stops = [c.left_edge.i for c in head.subtree if c.i > head.i and (
             (c.dep_ == "relcl" and c.doc[c.left_edge.i - 1].is_punct)
             or (c.dep_ == "prep" and c.lower_ in partner_preps and any(g.dep_ == "pobj" and g.ent_type_ == "ORG" for g in c.children)))]
    return min(stops, default=head.sent.end)


def described_meeting_name(doc: Doc, spans: list[tuple[int, int]],
                           title_spans: list[tuple[int, int]] = (), *, definite: bool = False) -> str | None:
    """A meeting named only by a description: a lower-case meeting noun after "a/an", or one that
    starts a title-block line ("Round-table to discuss X", "Update: Workshop on Y"), and what the
    parse attaches after it (or after the noun it modifies: "Round-table discussion on X"): a topic
    ("a seminar on X"), a purpose ("a conference to mark X"), a place ("a workshop in Y"), and who
    organised it ("..., organised by Z"). Dates are not part of it. With `definite`, a meeting noun
    after "the" too: when a report names its meeting nowhere, "The seminar on X, hosted by Y, took
    place ..." describes it."""
    if not doc.has_annotation("DEP"):
        return None
    classes = lexicon().word_classes
    determiners = {*classes["indefinite"], *(classes["definite"] if definite else ())}
    singular = {fold(n).replace("-", " ") for n in load("meetings.yaml").meeting_nouns if not n.endswith("s")}
    _, noun_re, _ = _meeting_res()
    text = doc_text(doc)
    for s, e in spans:
        in_title = (s, e) in title_spans
        for m in noun_re.finditer(text, s, e):
            noun = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if noun is None or fold(m.group()).replace("-", " ") not in singular:
                continue  # plurals name several meetings
            first, tok = noun[0], noun[-1]
            line_start = text.rfind("\n", 0, m.start()) + 1
            # at a title line's start, after an optional label and capitalised modifiers ("OSCE workshop")
            starts_line = in_title and re.fullmatch(vocab(r"[^\S\n]*(?:[^:\n]{1,40}:[^\S\n]*)?(?:(?!(?i:@determiners)\b)[A-Z][\w-]*[^\S\n]+){0,3}"),
                                                    text[line_start:m.start()])
            if not starts_line and (not m.group().islower() or not any(
                    c.dep_ == "det" and c.lower_ in determiners for t in noun for c in t.lefts)):
                continue  # "the conference, organised ..." refers back to a meeting named before
            head = tok.head if tok.dep_ in ("compound", "amod") and 0 < tok.head.i - tok.i <= 2 else tok
            posts = [c for c in head.rights
                     if (c.dep_ in _DEPS_OF_A_NAME or (c.dep_ == "relcl" and any(g.lower_ == "to" for g in c.lefts)))
                     and not any(t.ent_type_ in ("DATE", "TIME") for t in c.children if c.dep_ == "prep")]
            stop = _name_stop(head)
            posts = [c for c in posts if c.i < stop]
            if definite and not any(c.dep_ == "prep" for c in posts):
                continue  # "the conference, organised during X" refers back; "the seminar on X" describes
            if posts:
                end = min(max(c.right_edge.i for c in posts) + 1, stop)
                # a date the parse hung inside the topic ("a seminar on X on 3 May", "... X today")
                # is no part of it
                end = next((t.i for t in doc[head.i + 1:end] if (t.dep_ == "prep" and any(
                    c.ent_type_ in ("DATE", "TIME") for c in t.children)) or (t.ent_type_ in ("DATE", "TIME")
                    and t.dep_ in ("npadvmod", "advmod", "tmod"))), end)
                start_char, end_char = first.idx, min(doc[end - 1].idx + len(doc[end - 1]), e)
            else:
                # the parse hung what follows elsewhere: the words after the noun, to the clause's end,
                # when they start as a description does and name no date
                after = _after_noun().match(text, m.end(), e)
                if after is None or _starts_with_date(after.group("obj")):
                    continue
                if after.group("when"):  # "a course this week in X on Y": the description without the time
                    name = (text[first.idx:m.end()] + after.group("desc")).rstrip(" ,;:.–—-")
                    if 2 <= len(name.split()) <= _DESCRIBED_MAX_WORDS:
                        return name
                    continue
                start_char, end_char = first.idx, after.end()
            by = _BY_WHOM.match(text, end_char)
            if by and by.end() <= e:
                end_char = by.end()
            name = text[start_char:end_char].rstrip(" ,;:.–—-")
            if 2 <= len(name.split()) <= _DESCRIBED_MAX_WORDS and "\n" not in name:
                return name
    return None


@lru_cache(maxsize=None)
def _anniversary_res() -> tuple[re.Pattern, re.Pattern]:
    """(cued, line start): "to mark ten years since X" / "the 10th anniversary of X" anywhere in the
    meeting's sentences; "Ten years of X" at the start of a title-block line."""
    years = rf"(?P<n>{number_re()})[\s-]+@meetings.year_words\s+@meetings.anniversary_links\b"
    anniversary = rf"(?P<o>{ordinal_re()})\s+@meetings.anniversary_nouns\b"
    cues = alternation(load("meetings.yaml").anniversary_cues)
    return (re.compile(vocab(rf"\b(?:(?:{cues})\s+(?:[\w’'-]+\s+){{0,6}}?{years}|{anniversary})"), re.I),
            re.compile(vocab(rf"[\s“\"‘]*{years}"), re.I))


def find_anniversary(text: str, title_spans: list[tuple[int, int]],
                     meeting_sents: list[tuple[int, int]]) -> tuple[int, Span] | None:
    """The anniversary the meeting marks, in years, with where it is written."""
    cued, line_start = _anniversary_res()
    for spans, pattern, match in ((meeting_sents + title_spans, cued, "search"), (title_spans, line_start, "match")):
        for s, e in spans:
            m = getattr(pattern, match)(text, s, e)
            if m:
                n = parse_number(m.group("n")) if m.group("n") else parse_ordinal(m.group("o"))
                if n and 1 <= n <= 200:
                    return n, Span(m.start(), m.end(), m.group())
    return None


_GENERIC_NAME = WordPattern(r"(?i)(?:@definite\s+)?(?:\w+\s+)?@meetings.generic_nouns(?:s)?")


def series_key(name: str | None) -> str | None:
    """The recurring series a meeting name belongs to: its content words, folded, singular and
    sorted, without the edition, years, organisations (unless nothing else is left), meeting nouns,
    function words and the generic words of meetings.yaml `series_drop`."""
    if not name:
        return None
    res = load("meetings.yaml")
    lex = lexicon()
    text = re.sub(ordinal_re(), " ", fold(name), flags=re.I)
    text = re.sub(r"\b(?:19|20)\d\d\b", " ", text)
    drop = {fold(w) for w in (*res.series_drop, *res.nouns, *lex.function_words, *roles().inner_words,
                              *roles().complements)}

    def words(t: str) -> list[str]:
        out = []
        for w in re.findall(r"[a-z][a-z'-]*", t.replace("co-ord", "coord")):
            w = w.strip("'-")
            if len(w) > 4 and w.endswith("ies"):
                w = w[:-3] + "y"
            elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
                w = w[:-1]
            if w and w not in drop:
                out.append(w)
        return out

    # organisers written as acronyms or one-word names ("OSCE", "of the OSCE") are not the series;
    # a body's full name stays (the name of an alliance or a platform is the series itself)
    gaz = gazetteer()
    surfaces = {fold(x) for o in gaz.orgs for x in (o.acronym, o.short) if x and " " not in x}
    without_orgs = text
    for surface in surfaces:
        without_orgs = re.sub(rf"(?<![a-z]){re.escape(surface)}(?![a-z])", " ", without_orgs)
    key = words(without_orgs) or words(text)
    return " ".join(sorted(set(key))) or None


def series_name(name: str) -> str | None:
    """The series' name as written: the meeting's name without its edition, year, leading article
    and generic words ("the 25th Annual Conference of the X" -> "Conference of the X")."""
    res = load("meetings.yaml")
    drop = alternation(res.series_drop)
    text = re.sub(rf"\b{ordinal_re()}\b", " ", name, flags=re.I)
    text = re.sub(r"\b(?:19|20)\d\d\b", " ", text)
    text = re.sub(vocab(rf"^(?:\s*(?:@articles|{drop})\b)+"), " ", text.strip(), flags=re.I)
    text = re.sub(r"\s+", " ", text).strip(" ,-–—:")
    return text[:1].upper() + text[1:] if text else None


@lru_cache(maxsize=None)
def _edition_res() -> list[re.Pattern]:
    """Edition shapes in the meeting's sentences: "for the third year", "the 5th edition"."""
    words = alternation(load("meetings.yaml").edition_nouns)
    return [re.compile(vocab(rf"\b@meetings.edition_preps @definite (?P<ord>{ordinal_re()}) (?:@meetings.edition_adverbs )?"
                             rf"@meetings.edition_units\b"), re.I),
            re.compile(vocab(rf"\b@definite (?P<ord>{ordinal_re()}) (?:{words})\b"), re.I)]


def _edition_in(text: str, scope: list[tuple[int, int]]) -> int | None:
    for s, e in scope:
        for pattern in _edition_res():
            m = pattern.search(text, s, e)
            if m:
                return parse_ordinal(m.group("ord"))
    return None


def edition_of(name: str | None) -> int | None:
    """The edition a meeting name states: "25th Conference" -> 25, "the twenty-fifth meeting" -> 25."""
    if not name:
        return None
    m = re.search(rf"\b{ordinal_re()}\b", name, re.I)
    return parse_ordinal(m.group()) if m else None


def _title_block(text: str, segments: list[Segment]) -> list[Segment]:
    return [s for s in segments[:TITLE_BLOCK_SEGMENTS] if s.kind in ("title", "heading", "paragraph")
            and len(text[s.start:s.end].split()) <= TITLE_BLOCK_WORDS]


LEAD_PARAGRAPHS = 2  # a report says where its meeting is in its opening paragraphs


def _lead(text: str, segments: list[Segment]) -> list[tuple[int, int]]:
    """The first paragraphs of running text (longer than a title-block line)."""
    running = [(s.start, s.end) for s in segments
               if s.kind == "paragraph" and len(text[s.start:s.end].split()) > TITLE_BLOCK_WORDS]
    return running[:LEAD_PARAGRAPHS]


def _meeting_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Sentences about the meeting (_about_the_meeting)."""
    text = doc_text(doc)
    return [(s, e) for s, e in sentence_bounds(doc) if _about_the_meeting(text[s:e])]


def _about_the_meeting(sent: str, name: str | None = None) -> bool:
    """A sentence about the meeting: a meeting noun, or the meeting's own name, and a verb that
    holds, opens or closes it; never one that names another meeting ("The next conference will take
    place in X")."""
    verb_re, noun_re, _ = _meeting_res()
    if _other_meeting().search(sent):
        return False
    if not (verb_re.search(sent) or any(p.search(sent) for p in _phase_verbs())):
        return False
    return bool(noun_re.search(sent) or re.search(vocab(r"\b@meetings.gather_verbs\b"), sent) or (name and name in sent))


@lru_cache(maxsize=None)
def _other_meeting() -> re.Pattern:
    """A meeting noun after a word that makes it another meeting than the one reported."""
    res = load("meetings.yaml")
    return re.compile(rf"\b(?:{alternation(res.other_meeting_cues)})\s+(?:[\w-]+\s+){{0,3}}?(?:{alternation(res.nouns)})\b",
                      re.IGNORECASE)


@lru_cache(maxsize=None)
def _trailing_date() -> re.Pattern:
    lex = lexicon()
    return re.compile(vocab(rf"\s+@meetings.date_preps\s+(?:@definite\s+)?(?:\d{{1,2}}(?:@ordinal_suffixes)?\s+)?"
                            rf"(?:{alternation((*lex.months, *lex.weekdays))})\b.*$"))


def _inside(spans, start, end) -> bool:
    return any(s <= start and end <= e for s, e in spans)


@lru_cache(maxsize=None)
def _remarks_re() -> re.Pattern:
    return re.compile(rf"\b(?:{alternation(load('meetings.yaml').remarks)})\b", re.I)


@dataclass
class _DateChoice:
    """The date a step picked: the expression, what it resolves to, and how."""

    expr: DateExpr
    start: date | None
    end: date | None
    precision: str
    method: str


@dataclass
class _DateSearch:
    """What the date steps read: the reading of the Doc, the publication date, the dateline, the
    segments, the dates in the meeting's sentences, and the days found without a year so far."""

    r: _Reading
    published: date | None
    dateline: tuple[int, int] | None
    segments: list[Segment]
    tied: list[DateExpr] = field(default_factory=list)
    yearless: list[DateExpr] = field(default_factory=list)  # in the order of the steps

    def no_year(self, expr: DateExpr) -> None:
        if expr.kind in ("range", "day") and expr.year is None and expr.month and expr.day:
            self.yearless.append(expr)

    def resolved(self, d: DateExpr, suffix: str = "") -> _DateChoice | None:
        """The date resolved against the publication date; a day without a year is kept aside."""
        start, end, precision, method = d.resolve(self.published)
        if start is None:
            self.no_year(d)
            return None
        return _DateChoice(d, start, end, precision, method + suffix)


def _pick_date(r: _Reading, published: date | None, rec: MeetingFact, dateline: tuple[int, int] | None,
               segments: list[Segment]) -> None:
    """Set the record's dates from the best evidence, one step after another (the first that finds
    a date wins): a date alone in the title block, an explicit date in a sentence about the meeting,
    relative words and weekdays tied to a verb that opens or closes the meeting (resolved against the
    publication date), a range in the lead paragraph, "today" in a dated release's lead, year-only
    evidence; else days without a year, kept for another source to place."""
    search = _DateSearch(r, published, dateline, segments, tied=[d for d in r.dates if _inside(r.meeting_sents, d.start, d.end)])
    for step in (_date_in_title_block, _date_in_meeting_sentence, _date_relative_to_published, _range_in_lead,
                 _today_in_dated_lead, _year_only):
        choice = step(search, rec)
        if choice is not None:
            rec.start_date, rec.end_date = _iso(choice.start), _iso(choice.end)
            rec.date_precision, rec.date_method = choice.precision, choice.method
            rec.date_evidence = Span(choice.expr.start, choice.expr.end, choice.expr.text)
            return
    _days_without_year(search, rec)


_DATE_LABEL = WordPattern(r"(?i)[^\S\n]*(?:[*_]{1,2})?(?:@meetings.date_labels)(?:[*_]{1,2})?[^\S\n]*:")
# "Published 15 March 2030", "Posted on: ...": the page's date, never the meeting's
_PUBLISHED_LABEL = WordPattern(r"(?i)[^\S\n]*(?:[*_]{1,2})?(?:@published_labels)\b")


def _date_in_title_block(search: _DateSearch, rec: MeetingFact) -> _DateChoice | None:
    """1. A date in the title block, alone on its line or with the meeting's name ("5th Meeting of
    X (Strasbourg, 3 May 2019)"); a time after it makes it the page's timestamp, unless the line is
    labelled as the date ("Date: 3 May 2019, 10:00-12:00")."""
    text, r = search.r.text, search.r
    _, noun_re, _ = _meeting_res()
    for d in r.dates:
        if d.kind in ("range", "day", "month") and _inside(r.title_spans, d.start, d.end):
            line = next(text[s:e] for s, e in r.title_spans if s <= d.start and d.end <= e)
            if _PUBLISHED_LABEL.match(line):
                continue
            labelled = _DATE_LABEL.match(line) is not None  # "Date: 12 May 2029, 14:00-15:30"
            if re.match(r"\s*,?\s*\d{1,2}[:.]\d\d", text[d.end:d.end + 12]) and not labelled:
                continue
            short_label = len(line.strip()) <= len(d.text) + 40 and not re.search(r"[.!?]\s*$", line)
            if short_label or noun_re.search(line):  # a sentence with a date is not a title-block line
                start, end, precision, method = d.resolve(search.published)
                if start is not None and d.kind == "day" and _tied_range(search):
                    continue  # the page's date stamp: the meeting's sentences give its days (holding it or not)
                if start is not None and not (start == search.published and any(t.kind in ("range", "day") for t in search.tied)):
                    return _DateChoice(d, start, end, precision, method)
                if start is None:
                    search.no_year(d)
    return None


def _tied_range(search: _DateSearch) -> bool:
    """A range of days with its year in a sentence about the meeting."""
    for t in search.tied:
        if t.kind == "range" and t.year is not None:
            start, end, _, _ = t.resolve(search.published)
            if start is not None and end is not None:
                return True
    return False


def _date_in_meeting_sentence(search: _DateSearch, rec: MeetingFact) -> _DateChoice | None:
    """2. An explicit date in a sentence about the meeting: a range first, then a day, then a month."""
    for kind in ("range", "day", "month"):
        for d in search.tied:
            if d.kind == kind and (choice := search.resolved(d)) is not None:
                return choice
    return None


def _date_relative_to_published(search: _DateSearch, rec: MeetingFact) -> _DateChoice | None:
    """3. Relative words and weekdays with a verb that opens or closes the meeting; the verb nearest
    to the date words says which end they give ("opened today ... and concludes tomorrow"), a verb
    before them winning a tie; a stated duration gives the other end."""
    text, published = search.r.text, search.published
    start_verbs, end_verbs, continue_verbs = _phase_verbs()
    start_expr = end_expr = None
    for d in search.tied:
        if d.kind not in ("relative", "weekday"):
            continue
        s, e = next((s, e) for s, e in search.r.meeting_sents if s <= d.start < e)
        verbs = [(min(abs(m.end() - d.start), abs(m.start() - d.end)) + (0 if m.end() <= d.start else 1), phase)
                 for phase, pattern in (("start", start_verbs), ("end", end_verbs), ("continue", continue_verbs))
                 for m in pattern.finditer(text, s, e)]
        if not verbs:
            continue
        phase = min(verbs)[1]
        if phase == "end" and end_expr is None:
            end_expr = d
            if d.kind == "relative":
                rec.end_relative_days = d.relative_days
        elif phase == "start" and start_expr is None:
            start_expr = d
            if d.kind == "relative":
                rec.start_relative_days = d.relative_days
    if published is None or not (start_expr or end_expr):
        return None
    rec.duration_days = find_duration(text)
    start = start_expr.resolve_relative(published) if start_expr else None
    end = end_expr.resolve_relative(published) if end_expr else None
    method = "inferred:relative-to-published"
    if start is None and end is not None and rec.duration_days:
        start, method = end - timedelta(days=rec.duration_days - 1), method + "; start inferred:duration"
    if end is None and start is not None and rec.duration_days and rec.duration_days > 1:
        end, method = start + timedelta(days=rec.duration_days - 1), method + "; end inferred:duration"
    if end == start:
        end = None
    return _DateChoice(start_expr or end_expr, start, end, "day", method)


def _range_in_lead(search: _DateSearch, rec: MeetingFact) -> _DateChoice | None:
    """4. A range of days in the lead paragraph: a report opens with its meeting's dates."""
    text = search.r.text
    lead = next(((s.start, s.end) for s in search.segments
                 if s.kind == "paragraph" and len(text[s.start:s.end].split()) >= 12), None)
    for d in search.r.dates:
        if d.kind == "range" and lead and lead[0] <= d.start < lead[1] and \
                (choice := search.resolved(d, " (lead paragraph)")) is not None:
            return choice
    return None


def _today_in_dated_lead(search: _DateSearch, rec: MeetingFact) -> _DateChoice | None:
    """5. "today" in the lead paragraph of a dated release: the news of the day is the meeting's."""
    published, dateline, text = search.published, search.dateline, search.r.text
    if published is None or dateline is None:
        return None
    lead_end = text.find("\n", dateline[1])
    lead_end = len(text) if lead_end < 0 else lead_end
    today = next((d for d in search.r.dates if d.kind == "relative" and d.relative_days == 0 and d.start < lead_end), None)
    if today is None:
        return None
    rec.start_relative_days = 0
    return _DateChoice(today, published, None, "day", "inferred:relative-to-published (lead of a dated release)")


def _year_only(search: _DateSearch, rec: MeetingFact) -> _DateChoice | None:
    """6. Year-only evidence, in the title block, a sentence about the meeting or one that reports
    what was said at it ("..., Chair of the 2019 Presidency, in his opening remarks")."""
    r = search.r
    remarks = _remarks_re()
    said_at = [(s, e) for s, e in sentence_bounds(r.doc) if remarks.search(r.text, s, e)]
    for d in r.dates:
        if d.kind == "year" and _inside(r.scope + said_at, d.start, d.end):
            start, _, _, _ = d.resolve(search.published)
            # days the meeting's sentences give without a year take it ("The 2031 Forum ... on 3-4 May")
            days = next((y for y in search.yearless if y.kind in ("range", "day")), None)
            if days is not None and start is not None:
                first, last, precision, _ = replace(days, year=start.year).resolve(None)
                if first is not None:
                    return _DateChoice(days, first, last, precision, "read; year inferred:year-evidence")
            return _DateChoice(d, start, None, "year", "read:year-only")
    return None


def _days_without_year(search: _DateSearch, rec: MeetingFact) -> None:
    """7. Days with no year and nothing to place them: kept as days of the year, for another source
    of the meeting to give the year ("at a conference in Vienna (17-18 February)")."""
    text = search.r.text
    _, noun_re, _ = _meeting_res()
    after_noun = [d for d in search.r.dates for m in noun_re.finditer(text, max(0, d.start - 60), d.start)
                  if re.fullmatch(r"[^.;:\n]{0,40}", text[m.end():d.start])]
    for d in [*search.yearless, *after_noun]:
        if d.kind in ("range", "day") and d.year is None and d.month and d.day:
            rec.month_day = f"{d.month:02d}-{d.day:02d}"
            if d.kind == "range" and d.end_day:
                rec.end_month_day = f"{(d.end_month or d.month):02d}-{d.end_day:02d}"
            rec.date_method = "read:no-year"
            rec.date_evidence = Span(d.start, d.end, d.text)
            break


_ORGANISED = WordPattern(r"@meetings.organising_stems|\b@meetings.holding_words\b", re.I)


@lru_cache(maxsize=None)
def _org_phrase() -> re.Pattern:
    """A capitalised name ("OSCE Mission to Moldova"); organisers_in keeps those with a head word."""
    cap = r"(?:[A-Z][\w’'&\-]*)"
    inner = r"(?:@org_connectors|&|@coordinator(?!\s+@definite\b))"  # "X and the Y" are two bodies
    return re.compile(vocab(rf"{cap}(?:\s+(?:{inner}\s+)*{cap})*"))


_COORDINATED = WordPattern(r"\s+(?:@coordinator|&)\s+")
_NAME_COMPLEMENT = WordPattern(r"\s+(?:@meeting_complements|@mission_to|@capacity_in)\s+")


def _is_body(part: str, gaz) -> bool:
    """A name that is a body by itself: the gazetteer knows it, it is an acronym, or its head noun
    (the words before "of / for / to ...", else the whole) ends with a head word ("University of
    X", "Baltic Task Force"; not "Service Providers")."""
    part = re.sub(vocab(r"^(?i:@articles)\s+"), "", part.strip())
    if gaz.lookup(part) is not None or re.fullmatch(r"[A-Z][A-Z&./-]+", part):
        return True
    head = _NAME_COMPLEMENT.split(part, maxsplit=1)[0]
    return any(head == h or head.endswith(" " + h) for h in load("org_heads.yaml").entries)


# a ministry's list of portfolios after its first ("Ministry of Labour, Employment and Social
# Protection"), up to what follows the name: a lower-case word, punctuation or the end
_ORG_PORTFOLIOS = WordPattern(rf"{PORTFOLIO_LIST}(?=[^\S\n]+\p{{Ll}}|[,.;:)\n]|$)", engine=regex)
_ORG_COMPLEMENT = WordPattern(r"\s(?:@roles.complements)\s[A-Z]")


def _with_portfolios(phrase: str, start: int, text: str, gaz) -> str:
    """A body's name whose complement lists portfolios runs to the list's last item, unless an item
    is a body or a country of its own ("the Ministry of Justice, UNODC and IOM")."""
    if not _ORG_COMPLEMENT.search(text):
        return text
    m = _ORG_PORTFOLIOS.match(phrase, start + len(text))
    if m is None or not m.group().startswith(","):
        return text
    items = [w.strip() for w in re.split(vocab(r",|\b@coordinator\b"), m.group()) if w.strip()]
    if any(_is_body(w, gaz) or country_of(w) for w in items):
        return text
    return phrase[start:m.end()]


def _bodies(phrase: str, gaz) -> list[tuple[int, str]]:
    """(offset, text) of the capitalised names in a phrase, a name split where "and" joins two
    bodies ("the University of X and IOM"), not inside one ("Ministry of Labour and Social Affairs")."""
    out = []
    done = 0
    for m in _org_phrase().finditer(phrase):
        if m.start() < done:
            continue  # an item of the list of portfolios taken in the name before
        start, text = m.start(), _with_portfolios(phrase, m.start(), m.group(), gaz)
        done = start + len(text)
        while gaz.lookup(text) is None:
            cut = next((c for c in _COORDINATED.finditer(text)
                        if _is_body(text[:c.start()], gaz) and _is_body(text[c.end():], gaz)), None)
            if cut is None:
                break
            out.append((start, text[:cut.start()]))
            text, start = text[cut.end():], start + cut.end()
        out.append((start, text))
    return out


_NEW_CLAUSE = WordPattern(r"(?:,\s+|\s+@coordinator\s+)(?!(?:@articles|@meetings.joint_phrases|@group_possessives)\b"
                          r"|(?:co-)?@meetings.organiser_verbs\s+@agent_by\b)(?=[a-z])"
                           r"|\s+@clause_relatives\s")


_ORGANISER_RULES: dict[int, tuple] = {}


def _organiser_rules(vocab) -> RuleSet:
    """The organiser rule records of meetings.yaml, compiled once per vocabulary."""
    entry = _ORGANISER_RULES.get(id(vocab))
    if entry is None or entry[0] is not vocab:
        res = load("meetings.yaml")
        classes = lexicon().word_classes
        lists = {"meeting_words": tuple(n for n in res.meeting_nouns if " " not in n),
                 **{k: res.word_classes[k] for k in (*_ORGANISER_VERB_CLASSES, "joint_nouns")},
                 "group_possessives": classes["group_possessives"], "possessive_pronouns": classes["possessive_pronouns"]}
        entry = _ORGANISER_RULES[id(vocab)] = (vocab, RuleSet(vocab, res.organiser_rules, lists))
    return entry[1]


# the verb classes of meetings.yaml that the organiser rule records are written over
_ORGANISER_VERB_CLASSES = ("hosting_verbs", "opening_verbs", "organiser_verbs", "gathering_verbs", "assembling_verbs")


def _organiser_phrase(text: str, doc: Doc, m, part: str = "organisers") -> tuple[int, int]:
    """Character bounds of the phrase a rule's `organisers` node heads: an owner up to itself; a
    subject within its verb's line, after a dateline's dash ("CITY — The X ..."), or the words
    before the verb where a headline was parsed into the sentence; any other node, its phrase."""
    tok = doc[m.parts[part]]
    if tok.dep_ == "poss":
        return tok.left_edge.idx, tok.idx + len(tok)
    a, b = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
    if tok.dep_ != "nsubj":
        return a, b
    verb = tok.head
    if "\n" in text[min(tok.idx, verb.idx):max(tok.idx, verb.idx)]:
        a, b = 0, verb.idx  # a headline parsed into the sentence: the words before the verb on its line
    a = max(a, text.rfind("\n", 0, verb.idx) + 1)
    dash = list(re.finditer(r"\s[—–-]\s", text[a:tok.idx]))
    return (a + dash[-1].end() if dash else a), b


def _organiser_matches(doc: Doc, scope: list[tuple[int, int]]) -> list[tuple]:
    """(sentence, match) of the organiser rule records (meetings.yaml) in the sentences about the
    meeting that hold a meeting noun (the parse of a sentence is whole within it)."""
    if not doc.has_annotation("DEP"):
        return []
    rules = _organiser_rules(doc.vocab)
    words = set(load("meetings.yaml").meeting_nouns)
    sents = [sent for sent in doc.sents if any(sent.start_char < e and s < sent.end_char for s, e in scope)
             and any(t.lower_ in words for t in sent) and not _other_meeting().search(sent.text)]
    # a rule needs one of its verbs or an owner ("the X's conference"): other sentences are not matched
    cues = _organiser_cue_words()
    sents = [sent for sent in sents if any(t.lower_ in cues or t.dep_ == "poss" for t in sent)]
    return [(sent, m) for sent in sents for m in rules.all_matches(sent)]


@lru_cache(maxsize=None)
def _organiser_cue_words() -> frozenset[str]:
    """The verbs the organiser rule records are written over (meetings.yaml word classes)."""
    classes = load("meetings.yaml").word_classes
    return frozenset(w for k in _ORGANISER_VERB_CLASSES for w in classes[k])


def _parsed_organiser(doc: Doc, scope: list[tuple[int, int]], matches: list) -> tuple[list[str], Span] | None:
    """Organisers from the organiser rule records: in each sentence about the meeting, the meeting
    nouns in order and, for each, its matches by priority; the first that names a body. Where no
    rule names organisers, the first partners named ("organised in cooperation with X")."""
    text = doc_text(doc)
    for part in ("organisers", "co_organisers"):
        found = _first_organisers(text, doc, [(s, m) for s, m in matches if part in m.parts], scope)
        if found is not None:
            return found[1], Span(*found[2], text[found[2][0]:found[2][1]])
    return None


def _with_partners(doc: Doc, matches: list, orgs: list[str], evidence: Span) -> tuple[list[str], Span]:
    """The organisers followed by the partners that the sentence of their evidence names ("X
    organised the seminar with Y")."""
    text = doc_text(doc)
    a, b = evidence.start, evidence.end
    for sent, m in matches:
        if "co_organisers" in m.parts and sent.start_char <= evidence.start < sent.end_char:
            c, d = _organiser_phrase(text, doc, m, "co_organisers")
            if c < evidence.end and evidence.start < d:
                continue  # read with the organisers already
            more = [o for o in organisers_in(text[c:d]) if o not in orgs]
            if more:
                orgs, a, b = orgs + more, min(a, c), max(b, d)
    return orgs, (evidence if (a, b) == (evidence.start, evidence.end) else Span(a, b, text[a:b]))


def _named(m) -> int:
    """The token of the bodies a match names."""
    return m.parts.get("organisers", m.parts.get("co_organisers"))


def _first_organisers(text: str, doc: Doc, matches: list, scope: list[tuple[int, int]]):
    """(sentence, organisers, phrase bounds) of the first match that names a body: by scope, then
    meeting noun, then priority."""
    for s, e in scope:
        inside = [(sent, m) for sent, m in matches if doc[m.parts["meeting"]].idx < e
                  and doc[m.parts["meeting"]].idx + len(doc[m.parts["meeting"]]) > s]
        for sent, m in sorted(inside, key=lambda sm: (sm[1].parts["meeting"], -sm[1].rule.priority, _named(sm[1]))):
            part = "organisers" if "organisers" in m.parts else "co_organisers"
            a, b = _organiser_phrase(text, doc, m, part)
            orgs = organisers_in(text[a:b])
            if orgs and part == "co_organisers":
                # "X organised, in cooperation with Y, a seminar": the organising verb's subject first
                verb = doc[m.parts["meeting"]]
                subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                if subject is not None:
                    c, d = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
                    lead = [o for o in organisers_in(text[c:d]) if o not in orgs]
                    orgs, a = lead + orgs, (min(a, c) if lead else a)
            if orgs:
                return sent, orgs, (a, b)
    return None


_PLACE_AFTER = WordPattern(r"\s+(?:@capacity_in|@place_preps)\s+(?P<place>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})$")
_FIELD_PRESENCE_END = WordPattern(r"\b(?:@field_presences)$")
_TO_A_BODY = WordPattern(r"\s@mission_to\s+(?:@definite\s+)?\S+$")  # "Permanent Mission of X to the OSCE": the mission


def _presence_in_place(raw: str, end: int, gaz) -> bool:
    """raw[:end] ends in a body's presence whose place is part of its name: a known body's ("the
    OSCE Office in X", "UNODC Country Office in X") or a presence word of several words ("Programme
    Office in X"); "the Nordic Labour Office in X" is an office that is in X."""
    m = _FIELD_PRESENCE_END.search(raw, 0, end)
    return m is not None and (" " in m.group().strip() or bool(find_orgs(raw[:end], gaz)))


# "the Permanent Missions of A and B to the X": one mission of each state the list names
_PLURAL_PRESENCES = WordPattern(
    r"(?P<pre>(?:[A-Z][\w-]+[^\S\n]+)?)(?P<noun>@field_presences)s[^\S\n]+@genitive[^\S\n]+"
    r"(?P<list>[A-Z][\w-]*(?:[^\S\n]+[A-Z][\w-]*)*(?:,[^\S\n]+[A-Z][\w-]*(?:[^\S\n]+[A-Z][\w-]*)*)*,?"
    r"[^\S\n]+@coordinator[^\S\n]+[A-Z][\w-]*(?:[^\S\n]+[A-Z][\w-]*)*)"
    r"(?P<rest>[^\S\n]+@mission_to[^\S\n]+(?:@definite[^\S\n]+)?[A-Z][\w-]*(?:[^\S\n]+[A-Z][\w-]*)*)?")


def _one_presence_each(m) -> str:
    """"Permanent Missions of A and B to X" -> "Permanent Mission of A to X and Permanent Mission of
    B to X", when every item is a country; else the phrase as written."""
    items = [w.strip() for w in re.split(vocab(r",|\b@coordinator\b"), m.group("list")) if w.strip()]
    if len(items) < 2 or not all(country_of(w) for w in items):
        return m.group()
    genitive = lexicon().word_classes["genitive"][0]
    coordinator = lexicon().word_classes["coordinator"][0]
    one = [f"{m.group('pre')}{m.group('noun')} {genitive} {w}{m.group('rest') or ''}" for w in items]
    return f" {coordinator} ".join(one)


def _titled_person(name: str) -> bool:
    """A phrase that opens with a person's title, not a body's head ("Inspector General of Police
    NAME", who hosted the meeting, is a person; "Office of the Special Representative" a body)."""
    head = re.split(vocab(r"\s+@genitive\s+"), name, maxsplit=1)[0]
    words = head.split()
    return bool(words) and has_head(head) and not org_head_re().fullmatch(words[-1].rstrip("'’s"))


def organisers_in(phrase: str) -> list[str]:
    """The organisers a phrase names, in order: a body the gazetteer knows by its label (following
    reports_as), a body it does not know ("the Regional Mission to X") as written. A known name
    inside a longer body's name stands for the longer body."""
    gaz = gazetteer()
    sub_units = set(load("meetings.yaml").organiser_sub_units)
    found: list[tuple[int, str]] = []
    spans: list[tuple[int, int]] = []
    phrase = re.sub(r"\b([A-Z]{2,})['’]s\b", r"\1  ", phrase)  # "the OSCE's Office" -> "the OSCE   Office"
    # the organisers end where a new clause starts ("... Presidency and featured talks led by X")
    clause = _NEW_CLAUSE.search(phrase)
    phrase = phrase[:clause.start()] if clause else phrase
    phrase = _PLURAL_PRESENCES.sub(_one_presence_each, phrase)
    for start, raw in _bodies(phrase, gaz):
        if any(re.fullmatch(r"\s*\(", phrase[e:start]) for _, e in spans):
            continue  # "the Organization for ... (OSCE)": the acronym of a name already taken
        raw = _TRAILING_CONNECTOR.sub("", raw)
        place = _PLACE_AFTER.search(raw)
        if place and gaz.lookup(re.sub(r"\s+", " ", raw)) is None and not _presence_in_place(raw, place.start(), gaz) \
                and (country_of(place.group("place")) or city_country(place.group("place"))):
            raw = raw[:place.start()]  # "the X Ministry in CITY": where it is, not its name ("Office in CITY" is one)
        end = start + len(raw)
        name = re.sub(r"\s+", " ", raw)
        name = re.sub(vocab(r"^(?i:@articles)\s+"), "", name)
        unit = re.match(vocab(r"(?P<unit>.+?)\s+@genitive\s+@definite\s+(?P<org>.+)$"), name)
        if unit and gaz.lookup(unit.group("org")) is not None and gaz.lookup(name) is None \
                and unit.group("unit").split()[-1] in sub_units:  # a presidency "of the X" stays as written
            name = f"{unit.group('org')} {unit.group('unit')}"  # "Division of the X" -> "X Division"
        entry = gaz.lookup(name)
        if entry is not None:
            found.append((start, gaz.resolve(entry).label))
            spans.append((start, end))
        elif org_head_re().search(name) and (not gaz.lookup(name.split()[-1] or "") or _TO_A_BODY.search(name)) \
                and not _titled_person(name):
            found.append((start, name))
            spans.append((start, end))
    for org in find_orgs(phrase, gaz):
        if any(s <= org.start < e for s, e in spans):
            continue
        if any(re.fullmatch(r"\s*\(", phrase[e:org.start]) for _, e in spans):
            continue  # "the X Chairmanship of the Organization for ... (OSCE)": the acronym of a name already taken
        entry = gaz.by_key.get(fold(org.name))
        found.append((org.start, gaz.resolve(entry).label if entry else org.name))
    out: list[str] = []
    for _, label in sorted(found):
        if label not in out:
            out.append(label)
    return out


def _in_pieces(text: str, pieces: list[tuple[int, int]], finder) -> list:
    """Run a place finder over the given stretches only, with offsets into the whole text."""
    found, seen = [], set()
    for s, e in sorted(set(pieces)):
        for place in finder(text[s:e]):
            key = (place.start + s, place.end + s)
            if key not in seen:
                seen.add(key)
                place.start, place.end = key
                found.append(place)
    return sorted(found, key=lambda p: p.start)


@dataclass
class _Reading:
    """What every step of reading the meeting record looks at: the Doc, its title block, the
    sentences about the meeting, and the dates that may be the meeting's."""

    doc: Doc
    text: str
    title_spans: list[tuple[int, int]]
    meeting_sents: list[tuple[int, int]]
    dates: list[DateExpr]
    dateline: tuple[int, int] | None = None  # "CITY, 3 May (Agency) –": its place opens it
    lead: list[tuple[int, int]] = field(default_factory=list)  # the report's opening paragraphs of running text

    @property
    def scope(self) -> list[tuple[int, int]]:
        return self.title_spans + self.meeting_sents

    @cached_property
    def hosts(self) -> list[tuple[int, int, str]]:
        """The subjects of hosting verbs (_hosting_subjects), read once for the city and the country."""
        return _hosting_subjects(self)

    @property
    def dated_first(self) -> list[tuple[int, int]]:
        """The title block with the line that dates the meeting first: it is the meeting's own header,
        read before a headline ("Headline on X" / "Theme – the 5th X Forum, 3-4 May 2021")."""
        text, dates = self.text, self.dates

        def dated_header(sp: tuple[int, int]) -> bool:
            """A title-block line that ends with a date, or starts with one ("Name, 3-4 May 2021")."""
            return any(sp[0] <= d.start < sp[1] and (not text[d.end:sp[1]].strip(" .)]") or not text[sp[0]:d.start].strip())
                       for d in dates)

        return sorted(self.title_spans, key=lambda sp: not dated_header(sp))


def build_meeting(doc: Doc, *, published: date | None, segments: list[Segment],
                  dateline: tuple[int, int] | None = None) -> MeetingFact:
    """The per-document meeting record, from the facts the components put on `doc`, in steps: its
    name and series, its dates, its place, its mode, its organisers and its headline counts."""
    text = doc_text(doc)
    rec = MeetingFact(doc_id="")  # offsets in this Doc; assemble places it in the document
    # the dateline is the publication date, not the meeting's; a deadline is a registration date
    dates = [d for d in needs(doc, "dates", "rapporteur_assemble") if (dateline is None or not dateline[0] <= d.start < dateline[1])
             and not _deadline_before().search(text, max(0, d.start - 40), d.start)]
    r = _Reading(doc, text, [(s.start, s.end) for s in _title_block(text, segments)], _meeting_sentences(doc), dates,
                 dateline, _lead(text, segments))
    _read_name(r, rec)
    if rec.name and not any(rec.name in text[s:e] for s, e in r.meeting_sents):
        # a name whose noun is no meeting noun ("the Third General Assembly"): its sentences are the meeting's
        r.meeting_sents = sorted({*r.meeting_sents, *((a, b) for a, b in sentence_bounds(doc)
                                                      if rec.name in text[a:b] and _about_the_meeting(text[a:b], rec.name))})
    _read_dates(r, rec, published, dateline, segments)
    physical, platforms, cities = _read_place(r, rec)
    _read_mode(r, rec, physical, platforms, cities)
    _read_organisers(r, rec)
    _read_headline_counts(doc, rec)
    return rec


def _subject_within(doc: Doc, start: int, end: int) -> bool:
    """The words [start, end) before a verb hold its subject, by the parse ("Labour Inspectors
    met", not "groups from around the Black Sea gathered"); true without a parse."""
    if not doc.has_annotation("DEP"):
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return True
    verb = doc[span.end]
    if span.root.dep_ in ("pobj", "dobj", "poss"):
        return False  # "from around the Black Sea": the object of a preposition is no subject
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return not subjects or any(start <= c.idx < end for c in subjects)


def _read_name(r: _Reading, rec: MeetingFact) -> None:
    """Name, series key, edition and anniversary. A capitalised name in the title block or the
    meeting's sentences; else a body that held its Nth meeting, a group that met, a body convened;
    else a description in the meeting's sentences (it names this meeting, not a series: no series key
    or edition); else a capitalised name anywhere."""
    text, meeting_sents, dated_first = r.text, r.meeting_sents, r.dated_first
    named = find_meeting_name(text, dated_first + meeting_sents, r.title_spans)
    if named is None:
        for s, e in meeting_sents:
            m = _held_its_nth().search(text[s:e])  # "The X Committee (XC) held its 7th meeting"
            if m:
                who = re.sub(vocab(r"^(?i:@definite)\s+"), "", m.group("who").strip())
                article = "" if re.fullmatch(r"[A-Z][A-Z&./-]+", who) else "the "  # "of GRETA", "of the X Committee"
                named = f"{m.group('ord')} {m.group('noun')} of {article}{who}"
                break
            m = _GROUP_MET.search(text[s:e])
            if m and len(m.group("who").split()) >= 2 and _subject_within(r.doc, s + m.start("who"), s + m.end("who")):
                named = "meeting of " + m.group("who")
                break
    if named is None:
        # a body convened ("convening the X Task Force"): the meeting is that body's, when the body's
        # name has an organisation's head word
        for m in _CONVENED_BODY.finditer(text):
            who = _TRAILING_CONNECTOR.sub("", m.group("who").strip())
            if len(who.split()) >= 2 and org_head_re().search(who):
                named = "meeting of the " + who
                break
    # the title block's lines, in order, before the other dated stretches: a title line that opens
    # with a described meeting ("Anti-trafficking workshop for X") names it
    first = [*r.title_spans, *(d for d in dated_first if d not in r.title_spans)]
    described = described_meeting_name(r.doc, first + meeting_sents, r.title_spans) if named is None else None
    if named is None and described is None:
        named = find_meeting_name(text, [(0, len(text))])
    if named is None and described is None:  # named nowhere: "The seminar on X, hosted by Y, took place ..."
        described = described_meeting_name(r.doc, meeting_sents, r.title_spans, definite=True)
    # a date phrase the name ran into is no part of it ("... Task Force on February 1", "a webinar
    # on X on 4 May 2026")
    if named:
        named = _trailing_date().sub("", named) or named
    if described:
        described = _trailing_date().sub("", described) or described
    rec.name = named or described
    rec.series_key = series_key(named)
    rec.series = series_name(named) if rec.series_key else None
    rec.edition = edition_of(named) or _edition_in(text, r.scope)
    marked = find_anniversary(text, r.title_spans, meeting_sents)
    if marked:
        rec.anniversary, rec.anniversary_evidence = marked


def _read_dates(r: _Reading, rec: MeetingFact, published: date | None, dateline: tuple[int, int] | None,
                segments: list[Segment]) -> None:
    """The meeting's dates (see _pick_date), its stated duration, and an end the duration gives."""
    _pick_date(r, published, rec, dateline, segments)
    if rec.duration_days is None:
        rec.duration_days = find_duration(r.text)
    if rec.start_date and rec.end_date is None and rec.date_precision == "day" and (rec.duration_days or 0) > 1 \
            and "relative" not in (rec.date_method or ""):
        rec.end_date = _iso(date.fromisoformat(rec.start_date) + timedelta(days=rec.duration_days - 1))
        rec.date_method = f"{rec.date_method}; end inferred:duration"


_AT_A_NAME = WordPattern(r"\b@venues.at\s+(?:@definite\s+)?[A-Z]")


def _read_venue(r: _Reading, rec: MeetingFact) -> tuple[list[Place], list[Place]]:
    """The venue: a building in the title block or the meeting's sentences, else in the opening
    paragraphs, else a platform; the (physical, platform) places found."""
    buildings = _in_pieces(r.text, r.scope, find_buildings)
    physical = [b for b in buildings if b.kind == "building"]
    platforms = [b for b in buildings if b.kind == "platform"]
    if not physical and not platforms:
        # a building the opening paragraphs name, where no sentence about the meeting names one
        # ("Experts from ten countries spent two days at the X Centre")
        # (only its sentences with "at" before a capitalised word, where a building is written)
        at = [(a, b) for a, b in sentence_bounds(r.doc) if any(s <= a < e for s, e in r.lead)
              and _AT_A_NAME.search(r.text, a, b)]
        physical = [b for b in _in_pieces(r.text, at, find_buildings) if b.kind == "building"][:1]
    if not physical and not platforms:
        platforms = platform_mentions(r.text)[:1]
    first = (physical or platforms or [None])[0]
    if first is not None:
        rec.venue, rec.venue_evidence = first.value, Span(first.start, first.end, first.text)
    return physical, platforms


_HELD_HERE = WordPattern(r"\b@meetings.holding_words\s+(?:@meetings.here_words)\b"
                         r"|\b(?:@meetings.here_words)\s+(?:@place_preps\s+)?@meetings.here_time_leads\b")


_PLACE_LABEL = WordPattern(r"(?im)^[^\S\n]*(?:[*_]{1,2})?(?:@venues.place_labels)(?:[*_]{1,2})?[^\S\n]*:[^\S\n]*(?P<value>\S[^\n]*)")


_ORGANISER_LABEL = WordPattern(r"(?im)^[^\S\n]*(?:[*_]{1,2})?(?:@meetings.organiser_labels)(?:[*_]{1,2})?[^\S\n]*:"
                               r"(?:[*_]{1,2})?[^\S\n]*(?P<value>\S[^\n]*)")


def _labelled_cities(text: str) -> list[Place]:
    """The city of a labelled line ("Venue: Hotel X, Accra", "Location: Accra, Ghana")."""
    for m in _PLACE_LABEL.finditer(text):
        s, e = m.span("value")
        bracket = text.find("(", s, e)  # "Geneva, Switzerland (hybrid)": the bracket says how, not where
        if bracket > s and text[s:bracket].strip():
            e = s + len(text[s:bracket].rstrip())
        # the place is the value, or what follows one of its commas ("Grand Hotel, Accra, Ghana")
        starts = [s] + [c.end() for c in re.finditer(r",\s*", text[s:e])]
        pieces = [(s, e)] + [(s + c, e) for c in starts[1:]]
        found = _in_pieces(text, [(s, e)], find_cities) or next(
            (f for f in (_in_pieces(text, [piece], find_place_line) for piece in pieces) if f), [])
        if found:
            return found[:1]
    return []


def _city_in_name(name: str | None) -> str | None:
    """The city a building's name opens with ("Kigali Convention Centre"), one or two words, when it
    is a large city (a small town's name may be a word or a person's: LONE_CITY_MIN_POPULATION)."""
    words = (name or "").split()
    for n in (2, 1):
        town = " ".join(words[:n])
        if len(words) > n and not country_of(town) and city_population(town) >= LONE_CITY_MIN_POPULATION:
            return town
    return None


def _outside_dateline(r: _Reading, places: list[Place]) -> list[Place]:
    """The places that are not inside the dateline after its opening place: "CITY, 3 May (Agency) –"
    names a news agency, never a city, where its name is also a place's."""
    if r.dateline is None:
        return places
    return [p for p in places if not r.dateline[0] < p.start < r.dateline[1]]


def _read_cities(r: _Reading) -> list[Place]:
    """Cities in the meeting's sentences; else on a labelled line ("Venue: ..."); else on a title-block line that dates or names the
    meeting, or a title-block place line; else right after a meeting noun anywhere ("at a
    conference in Vienna (3-4 May)"); else the dateline's city, when the meeting is said to be
    held there ("held here", "in the capital")."""
    text = r.text
    _, noun_re, _ = _meeting_res()
    cities = _outside_dateline(r, _in_pieces(text, r.meeting_sents, find_cities)) or _labelled_cities(text)
    if not cities:
        dated_lines = [(s, e) for s, e in r.title_spans if any(s <= d.start < e for d in r.dates) or noun_re.search(text, s, e)]
        cities = _outside_dateline(r, _in_pieces(text, dated_lines, find_title_cities)
                                   or _in_pieces(text, r.title_spans, find_place_line))
    if not cities:
        cities = _outside_dateline(r, _hosting_cities(r))
    if not cities:
        for m in noun_re.finditer(text):
            found = find_cities(text[m.end():m.end() + 60])
            if found and found[0].start <= 4:
                p = found[0]
                return [Place(m.end() + p.start, m.end() + p.end, p.text, p.value, p.kind, p.city, p.country)]
    if not cities and r.dateline is not None and any(_HELD_HERE.search(text, s, e) for s, e in r.meeting_sents):
        # "BEIJING, 3 May (Agency) -- A forum ... opened here": the dateline's city
        s = r.dateline[0]
        e = text.find(",", s, r.dateline[1])
        place = text[s:e].title() if text[s:e].isupper() else text[s:e]
        country = city_country(place) if e > s else None
        if country is not None and not country_of(place):
            cities = [Place(s, e, text[s:e], place, "city", place, country)]
    return cities


def _hosting_subjects(r: _Reading) -> list[tuple[int, int, str]]:
    """(start, end, words) of the subjects the parse gives a hosting verb whose object is a meeting
    noun, in the title block or a sentence about the meeting ("Accra hosts regional meeting on X",
    "Ghana hosted the 5th conference")."""
    if not r.doc.has_annotation("DEP"):
        return []
    res = load("meetings.yaml")
    verbs = set(res.word_classes["hosting_verbs"])
    nouns = {n for n in res.meeting_nouns if " " not in n}
    out = []
    for s, e in r.scope:
        span = r.doc.char_span(s, e, alignment_mode="expand")
        for token in span if span is not None else ():
            if token.lower_ in verbs and any(c.dep_ == "dobj" and c.lower_ in nouns for c in token.children):
                out += [(c.left_edge.idx, c.idx + len(c), r.doc[c.left_edge.i:c.i + 1].text)
                        for c in token.children if c.dep_ == "nsubj"]
    return out


def _hosting_cities(r: _Reading) -> list[Place]:
    """A city that hosts the meeting (_hosting_subjects): the city the meeting was held in."""
    out = []
    for a, b, name in r.hosts:
        country = city_country(name) if not country_of(name) else None
        if country is not None:
            out.append(Place(a, b, name, name, "city", name, country))
    return out


def _read_place(r: _Reading, rec: MeetingFact) -> tuple[list[Place], list[Place], list[Place]]:
    """Venue, city and country, each with its evidence and how the country was obtained; the
    (physical, platform, city) places found."""
    text = r.text
    physical, platforms = _read_venue(r, rec)
    cities = _read_cities(r)
    if cities:
        rec.city = cities[0].city
        rec.city_evidence = rec.country_evidence = Span(cities[0].start, cities[0].end, text[cities[0].start:cities[0].end])
        if cities[0].country:
            rec.country, rec.country_method = cities[0].country, "read"
        else:
            # a city name several countries have: the one of a country named in the same sentence
            bounds = sentence_bounds(r.doc)
            k = sentence_of(bounds, cities[0].start)
            # (a demonym inside a body's name names no country: "of the Organization of American States")
            named = tuple(countries_in(_without_orgs(r.doc, *bounds[k]))) if k is not None else ()
            rec.country, rec.country_method = city_country(rec.city, named, tuple(countries_in(text))), "inferred:city"
    elif physical and physical[0].city:
        rec.city, rec.country, rec.country_method = physical[0].city, physical[0].country, "inferred:venue"
        rec.city_evidence = rec.country_evidence = rec.venue_evidence
    elif physical and (town := _city_in_name(physical[0].value)):
        # "at the Kigali Convention Centre": a building named after its city
        rec.city, rec.country, rec.country_method = town, city_country(town), "inferred:venue"
        rec.city_evidence = rec.country_evidence = rec.venue_evidence
    elif physical and physical[0].country:  # "at the Ministry of Foreign Affairs of X": its country, no city
        rec.country, rec.country_method, rec.country_evidence = physical[0].country, "inferred:venue", rec.venue_evidence
    else:
        # "representatives met in Belgium": the country, with no city, right after the verb that
        # holds the meeting (not "met to discuss the situation in X")
        verb_re, _, _ = _meeting_res()
        for s, e in r.meeting_sents:
            verb = verb_re.search(text, s, e)
            after = _VERB_TO_PLACE.match(text, verb.end(), e) if verb else None
            found = find_countries(after.group()) if after else []
            if found:
                rec.country, rec.country_method = found[0].country, "read"
                a, b = after.start() + found[0].start, after.start() + found[0].end
                rec.country_evidence = Span(a, b, text[a:b])
                break
        # "Ghana hosted the regional conference": the country that hosts it
        host = next(((a, b, c) for a, b, name in r.hosts if (c := country_of(name))), None) if rec.country is None else None
        if host is not None:
            rec.country, rec.country_method, rec.country_evidence = host[2], "read", Span(host[0], host[1], text[host[0]:host[1]])
    return physical, platforms, cities


def _without_orgs(doc: Doc, start: int, end: int) -> str:
    """The text of [start, end) with the names of the bodies found in it blanked out."""
    chars = list(doc_text(doc)[start:end])
    for o in needs(doc, "orgs", "rapporteur_assemble"):
        if start <= o.start and o.end <= end:
            chars[o.start - start:o.end - start] = " " * (o.end - o.start)
    return "".join(chars)


def _read_mode(r: _Reading, rec: MeetingFact, physical: list[Place], platforms: list[Place],
               cities: list[Place]) -> None:
    """Online, hybrid or in person: an online cue or platform with a place, or the word "hybrid", is
    hybrid; a cue alone online; a place alone in person. The evidence is the cue or the place."""
    text = r.text
    online = bool(platforms)
    online_ev = Span(platforms[0].start, platforms[0].end, platforms[0].text) if platforms else None
    hybrid_ev = None
    for s, e in r.scope:
        cues = online_cues(text[s:e])
        word = re.search(vocab(r"\b@meetings.hybrid_words\b"), text[s:e], re.I)
        if cues or word:
            online = True
        if cues and online_ev is None:
            online_ev = Span(s + cues[0][0], s + cues[0][1], cues[0][2])
        if word and hybrid_ev is None:
            hybrid_ev = Span(s + word.start(), s + word.end(), word.group())
    has_place = bool(physical or cities or rec.country)
    place_ev = rec.venue_evidence if physical else (rec.city_evidence or rec.country_evidence)
    if hybrid_ev or (online and has_place):
        rec.mode, rec.mode_evidence = "hybrid", hybrid_ev or online_ev
    elif online:
        rec.mode, rec.mode_evidence = "online", online_ev
    elif has_place:
        rec.mode, rec.mode_evidence = "in_person", place_ev


def _read_organisers(r: _Reading, rec: MeetingFact) -> None:
    """Organisers from the organiser phrases of meetings.yaml in the title block and the meeting's
    sentences, else from the parse ("X held its annual conference", "the X's forum")."""
    text = r.text
    _, _, organiser_res = _meeting_res()
    organisers: list[str] = []
    bounds = sentence_bounds(r.doc)
    for s, e in r.scope:
        sent = text[s:e]
        if not _ORGANISED.search(sent):
            continue
        for pattern in organiser_res:
            for m in pattern.finditer(sent):
                k = sentence_of(bounds, s + m.start())
                if k is not None and _other_meeting().search(text, *bounds[k]):
                    continue  # "X will host the next meeting": who organises another meeting
                for label in organisers_in(m.group("orgs")):
                    if label not in organisers:
                        organisers.append(label)
                        if rec.organizers_evidence is None:
                            a, b = s + m.start("orgs"), s + m.end("orgs")
                            rec.organizers_evidence = Span(a, b, text[a:b])
    if not organisers:
        found = _parsed_organiser(r.doc, r.scope, _organiser_matches(r.doc, r.scope))
        if found:
            organisers, rec.organizers_evidence = found
    ev = rec.organizers_evidence
    if organisers and ev is not None:
        # the partners the organisers' sentence names: matched only where it holds a partner's word
        partner_words = set(load("meetings.yaml").word_classes["partner_preps"])
        at = r.doc.char_span(ev.start, min(ev.start + 1, len(r.text)), alignment_mode="expand")
        sent = at[0].sent if at is not None and len(at) and r.doc.has_annotation("DEP") else None
        if sent is not None and any(t.lower_ in partner_words for t in sent):
            matches = _organiser_matches(r.doc, [(sent.start_char, sent.end_char)])
            organisers, rec.organizers_evidence = _with_partners(r.doc, matches, organisers, ev)
    if not organisers:
        for m in _ORGANISER_LABEL.finditer(text):  # an event page's labelled line ("Organisers: X, Y")
            organisers = organisers_in(m.group("value"))
            if organisers:
                rec.organizers_evidence = Span(m.start("value"), m.end("value"), m.group("value"))
                break
    rec.organizers = organisers


def _read_headline_counts(doc: Doc, rec: MeetingFact) -> None:
    """The first count of people and the first count of countries that no other count contains."""
    counts: list[Count] = needs(doc, "counts", "rapporteur_assemble")
    people_units = [c for c in counts if c.unit in ("participants", "delegates") and c.part_of is None]
    country_units = [c for c in counts if c.unit in ("countries", "participating_states") and c.part_of is None]
    rec.participants = _figure(people_units[0]) if people_units else None
    rec.countries = _figure(country_units[0]) if country_units else None
