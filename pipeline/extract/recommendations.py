"""Recommendations: who recommends what, to whom.

ConText-style scope: each cue (resources/recommendations.yaml) opens a clause that starts at the
last boundary before it (or at the cue) and runs forward to the first terminator. The actor is a
quote's speaker, the subject of a reporting verb ("The Coordinator stressed that ..."), a group
("panellists"), or, for agentless sentences ("It was stressed that ..."), the last actor of the
section. Bullets under a lead-in ("..., including:") take the lead-in's actor.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..lang.resources import bullet_re
from ..records import Segment
from .orgs import OrgMention, org_head_re
from .people import PersonMention, RoleMention
from .quotes import Quote
from .roles import has_head
from ..lang.resources import (WordPattern, alternation, fold, gazetteer, honorific_keys, lexicon, load, roles, vocab,
                              word_set)
from .util import checked_confidence, doc_text, guarded, needs, sentence_bounds


@dataclass
class Recommendation:
    start: int
    end: int
    text: str
    kind: str  # bullet, sentence, quote
    modality: str
    cue: str
    actor: str | None = None
    actor_person: PersonMention | None = None
    addressee: str | None = None
    topics: list[str] = field(default_factory=list)
    method: str = "rule:cue-scope"
    confidence: float = 0.75


@dataclass
class _Actor:
    text: str
    person: PersonMention | None = None


@lru_cache(maxsize=None)
def _res():
    res = load("recommendations.yaml")
    cues = [(re.compile(c.pattern, re.I), c.modality, c.scope, c.verb)
            for c in sorted(res.cues, key=lambda c: -c.priority)]
    terminators = re.compile("|".join(res.terminators), re.I)
    boundaries = re.compile("|".join(res.boundaries), re.I)
    descriptive = [re.compile(p, re.I) for p in res.descriptive]
    # case-sensitive: "States" (the noun) is not "states" (the verb)
    verb_re = re.compile(r"\b(?:" + alternation((*lexicon().speech_verbs, *res.actor_verbs)) + r")\b")
    groups = sorted(res.groups, key=len, reverse=True)
    group_re = re.compile(r"\b(?:" + "|".join(re.escape(g) for g in groups) + r")\b", re.I)
    surface = {w for norm, words in res.addressees.items() for w in (*words, norm)}
    addr_re = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in sorted(surface, key=len, reverse=True))
                         + r")(?![\w-])")

    participial = tuple(p.lower() for p in res.participial)
    topics = {tag: [re.compile(k, re.I) for k in kws] for tag, kws in load("topics.yaml").entries.items()}
    return cues, terminators, boundaries, descriptive, verb_re, group_re, addr_re, participial, topics


_LEADING_WORD_BOUNDARY = re.compile(r"(?:\(\?<!(?:[^()\\]|\\.)*\))*\\b")


def _at_word_starts(pattern: str) -> str:
    """A cue's pattern that opens with a word boundary (maybe after lookbehinds) with that boundary
    tested first, the same matches; any other pattern as it is. Put before the alternation of all
    cues, one boundary test stands for the branches at every position (the prefilter ran twice as
    fast); a single cue's search gains nothing from it."""
    if _LEADING_WORD_BOUNDARY.match(pattern) is None:
        return pattern
    return rf"\b(?:{pattern})"


@lru_cache(maxsize=None)
def _any_cue() -> re.Pattern:
    """All cues in one pattern: most sentences have none and are skipped at once."""
    cues = [c.pattern for c in load("recommendations.yaml").cues]
    if all(_at_word_starts(c) != c for c in cues):
        return re.compile(r"\b(?:" + "|".join(f"(?:{c})" for c in cues) + ")", re.I)
    return re.compile("|".join(f"(?:{c})" for c in cues), re.I)


def _topics(text: str) -> list[str]:
    *_, topics = _res()
    return sorted(tag for tag, pats in topics.items() if any(p.search(text) for p in pats))


@lru_cache(maxsize=65536)
def normal_addressee(phrase: str | None, *, bodies: bool = True) -> str | None:
    """An addressee phrase in the small vocabulary of recommendations.yaml ("all OSCE participating
    States" -> States), a body the gazetteer knows as itself (with `bodies`), else None."""
    if not phrase:
        return None
    *_, addr_re, _, _ = _res()
    m = addr_re.search(phrase) or addr_re.search(phrase[:1].lower() + phrase[1:])
    if m:
        return _addressee_normal()[m.group()]
    if not bodies:
        return None
    org = gazetteer().lookup(phrase.strip())
    if org is None:
        from .orgs import find_orgs

        found = find_orgs(phrase)
        org = gazetteer().by_key.get(fold(found[0].name)) if found else None
    return gazetteer().resolve(org).label if org is not None else None


@lru_cache(maxsize=None)
def _addressee_normal() -> dict[str, str]:
    """Surface word -> its normal form in the addressee vocabulary."""
    res = load("recommendations.yaml")
    return {w: norm for norm, words in res.addressees.items() for w in (*words, norm)}


_CALL_OBJECT = ("dobj", "dative")


def _addressee_of(doc: Doc, cue_start: int, cue_end: int, clause: str, clause_end: int | None = None) -> str | None:
    """Who the recommendation asks to act, from the parse: the object of a calling verb ("called on
    governments to", "urged businesses to"), else the subject of the modal's verb ("States should
    ..."); normalised to the vocabulary. Without the parse, the first vocabulary word of the clause."""
    span = doc.char_span(cue_start, cue_end, alignment_mode="expand") if doc.has_annotation("DEP") else None
    heads = []
    if span is not None and len(span):
        token = span[0]
        for c in token.children:
            if c.dep_ in _CALL_OBJECT:
                heads.append(c)
            elif c.dep_ == "prep" and c.lower_ in ("on", "upon", "to"):
                heads += [g for g in c.children if g.dep_ == "pobj"]
        if not heads and token.dep_ == "aux":
            heads += [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    for c in heads:
        found = normal_addressee(doc_text(doc)[c.left_edge.idx:c.idx + len(c)])
        if found:
            return found
    for c in heads:
        # a body the gazetteer lacks, named as one ("the Regional Commission", "the Agency for X"):
        # kept as written, with the capitalised words its prepositions add to the name
        end = c.idx + len(c)
        for prep in (r for r in c.rights if r.dep_ == "prep" and r.i == c.i + 1):
            if all(t.text[:1].isupper() or t.i == prep.i or t.lower_ in ("the", "and", "of") for t in prep.subtree):
                end = prep.right_edge.idx + len(prep.right_edge)
        name = re.sub(vocab(r"^(?i:@definite)\s+"), "", doc_text(doc)[c.left_edge.idx:end].strip())
        if name[:1].isupper() and org_head_re().search(name) and len(name.split()) <= 8:
            return name
    if not clause:
        return None
    # the words after the cue first ("... recommended that judges ..."), then the whole clause, unless
    # the cue is a verb whose subject is the one who recommends ("Participants recommended that ...")
    after = doc_text(doc)[cue_end:clause_end] if clause_end is not None and clause_end > cue_end else ""
    if span is not None and len(span) and any(c.dep_ == "nsubj" and c.i < span[0].i for c in span[0].children):
        return normal_addressee(after, bodies=False)
    return normal_addressee(after, bodies=False) or normal_addressee(clause, bodies=False)


class _Actors:
    """Who speaks in a stretch of text: persons, role-only mentions, organisations, groups."""

    def __init__(self, text: str, people: list[PersonMention], roles: list[RoleMention], orgs: list[OrgMention]):
        self.text = text
        self.people, self.roles, self.orgs = people, [r for r in roles if r.person is None], orgs

    def in_span(self, start: int, end: int, *, groups: bool = True,
                skip: tuple[tuple[int, int], ...] = ()) -> _Actor | None:
        """The first actor named between start and end, outside the `skip` stretches (groups such
        as "participants" last)."""
        group_re = _res()[5]
        gaz = gazetteer()

        def within(pos: int) -> bool:
            return start <= pos < end and not any(a <= pos < b for a, b in skip)

        # a person before an office, an office before an organisation, an organisation before a group
        people = [(p.start, _Actor(p.name, p)) for p in self.people if within(p.start)]
        roles = [(r.start, _Actor(r.role)) for r in self.roles if within(r.start)]
        orgs = []
        for o in self.orgs:
            if within(o.start):
                entry = gaz.by_key.get(fold(o.name))
                orgs.append((o.start, _Actor(entry.label if entry else o.name)))
        m = next((g for g in group_re.finditer(self.text, start, end) if within(g.start())), None) if groups else None
        group_actors = [(m.start(), _Actor(m.group().lower()))] if m else []
        for found in (people, roles, orgs, group_actors):
            if found:
                return min(found, key=lambda t: t[0])[1]
        return None


_ACCORDING_TO = WordPattern(r"\s*(?i:@recommendations.according_to)\b")
_PRONOUN_SUBJECT = WordPattern(r"^\s*(?:@recommendations.sentence_adverbs\s*,?\s*)?@subject_pronouns\b", re.I)


def _sentence_actor(text: str, s: int, e: int, actors: _Actors, last: _Actor | None) -> tuple[_Actor | None, bool]:
    """(actor, is_own): the subject of the first reporting verb in the sentence, if it names one."""
    _, _, _, _, verb_re, _, _, _, _ = _res()
    m = _ACCORDING_TO.match(text, s, e) or verb_re.search(text, s, e)
    if not m:
        return None, False
    subject_start = s
    # the subject stands between the last clause boundary and the verb
    lead = text[s:m.start()]
    if re.match(vocab(r"\s*@recommendations.impersonal_subjects\s+@recommendations.passive_auxiliaries\b"), lead, re.I):
        return None, False  # "It was stressed that ..." names no one
    if _PRONOUN_SUBJECT.match(lead) and len(lead.split()) <= 4:
        if re.search(vocab(r"\b@recommendations.plural_pronouns\b"), lead, re.I):
            return _plural_antecedent(actors, m.start()), True
        return last, True
    if fold(m.group()).strip() == "according to":  # "According to NAME, States should ...": who is named after it
        after = re.search(r"[,;:]", text[m.end():e])
        actor = actors.in_span(m.end(), m.end() + after.start() if after else e)
        return actor, actor is not None
    actor = actors.in_span(subject_start, m.start())
    return actor, actor is not None


def _root_terminator(doc: Doc | None, text: str, start: int, end: int) -> int:
    """Where a root terminator (recommendations.yaml) ends the clause in [start, end): at the
    first whose last word the parse makes the sentence's verb (any, without a parse); else `end`."""
    for pattern in _root_terminators():
        for m in pattern.finditer(text, start, end):
            verb = doc.char_span(m.end() - 1, m.end(), alignment_mode="expand") if doc is not None else None
            if verb is None or not doc.has_annotation("DEP") or verb.root.dep_ == "ROOT":
                return m.start()
    return end


@lru_cache(maxsize=None)
def _root_terminators() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.I) for p in load("recommendations.yaml").root_terminators)


def _clause(text: str, s: int, e: int, cue: re.Match, scope: str, doc: Doc | None = None) -> tuple[int, int]:
    _, terminators, boundaries, _, _, _, _, participial, _ = _res()
    if scope == "cue" or cue.group().lower().startswith(participial):
        start = cue.start()
        # "there is a pressing need ..." / "the need for ...": keep the article, drop nothing else
    else:
        start = s
        for b in boundaries.finditer(text, s, cue.end()):  # a boundary may look ahead at the cue ("and urged")
            if b.end() <= cue.start() and not _after_abbreviation(text, b.start()):
                start = b.end()
        if re.match(vocab(r"@articles "), cue.group(), re.I):
            # a noun cue ("the need to ...") after "X stressed": the clause starts at the noun
            for v in _res()[4].finditer(text, start, cue.start()):
                start = cue.start()
    term = terminators.search(text, cue.end(), e)
    end = term.start() if term else e
    end = min(end, _root_terminator(doc, text, cue.end(), end))
    while end > start and text[end - 1] in " ,":
        end -= 1
    lead = re.match(vocab(r"@recommendations.clause_leads\s+"), text[start:end], re.I)
    if lead:
        start += lead.end()
    return start, end


def _after_abbreviation(text: str, at: int) -> bool:
    """The full stop before `at` ends an honorific or an initial ("Mrs. NAME", "J. NAME"), not a sentence."""
    word = re.search(r"(\S+)\.$", text[max(0, at - 12):at])
    return word is not None and (fold(word.group(1)) in honorific_keys() or bool(re.fullmatch(r"[A-Z]", word.group(1))))


_PRONOUNS = {"he", "she", "i"}


def _is_plural_anaphor(subject) -> bool:
    """'They', 'we', 'the group': a subject that stands for a group named before it."""
    if subject.lower_ not in word_set("recommendations.yaml", "plural_anaphors"):
        return False
    if subject.text[:1].isupper() and subject.lower_ not in ("they", "we"):
        return False  # "the Working Group": a body's name, not a word for the people named before
    return subject.lower_ in ("they", "we") or any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in subject.children)


def _plural_title(subject) -> bool:
    """A title in the plural names office holders ("the Co-Chairs", "Ministers")."""
    word = subject.text
    return len(word) > 3 and word.endswith("s") and word[:1].isupper() and has_head(word[:-1])


def _plural_antecedent(actors: "_Actors", before: int) -> "_Actor":
    """'They' and 'we' stand for a group, never for the one person named last: the last group
    named before the pronoun ("the delegates ... They urged"), else the meeting's participants."""
    group_re = _res()[5]
    groups = [m for m in group_re.finditer(actors.text, 0, before)
              if m.group().endswith("s") and not m.group().lower().startswith("the ")]  # people, not "the panel"
    return _Actor(groups[-1].group().lower()) if groups else _Actor("participants")


def _body_before(doc: Doc, sent) -> "_Actor | None":
    """The body that "it" stands for as the subject of a calling verb: the subject of the sentence
    before, when that names a body or a text ("The Committee", "The declaration")."""
    if sent.start == 0:
        return None
    before = doc[sent.start - 1].sent
    subject = next((c for c in before.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or not subject.text[:1].isupper():
        return None
    phrase = re.sub(vocab(r"^@articles\s+"), "", doc_text(doc)[subject.left_edge.idx:subject.idx + len(subject)], flags=re.I)
    documents = word_set("recommendations.yaml", "document_actors")
    if org_head_re().search(phrase) or subject.lower_ in documents:
        return _Actor(phrase)
    return None


def _parse_actor(doc: Doc, cue: re.Match, actors: "_Actors", last: "_Actor | None", *, participial: bool,
                 floor: int | None = None) -> "_Actor | None":
    """The subject of the verb that makes the statement, from the dependency parse: up from the
    cue to a speech, reporting or calling verb ("X stressed that States should ...", "X urged ...",
    "X closed the meeting by urging ..."), then its subject: a person or office named in it, a
    pronoun's last actor, or the noun phrase itself ("OSCE leaders and experts")."""
    if not doc.has_annotation("DEP"):
        return None
    span = doc.char_span(cue.start(), cue.end(), alignment_mode="expand")
    if span is None:
        return None
    verbs = _verb_words()
    group_re = _res()[5]
    token = span[0]
    for _ in range(8):
        if token.lower_ in verbs and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in token.children):
            body = _body_before(doc, token.sent)
            if body is not None:
                return body  # "The Committee adopted ... It called on ...": the body named before
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("it", "there")
                    and (floor is None or c.idx >= floor)]  # a dateline's place is no subject
        agents = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agents and token.lower_ in verbs:
            subjects = agents[:1]  # "The need for X was stressed by the speakers": who stressed it
        if subjects and (token.lower_ in verbs or participial):
            subject = subjects[0]
            run = [c for c in subjects if c.i - subject.i == subjects.index(c)]
            if len(run) > 1:  # one phrase parsed as several subjects ("The Co - Chairs"): its last word heads it
                subject = run[-1]
            if subject.lower_ == "who":
                # "who" stands for a person: the last one named before it in the sentence (the
                # parse often hangs the clause on the last word of a long title)
                sent_start = subject.sent.start_char
                earlier = [(p.start, _Actor(p.name, p)) for p in actors.people if sent_start <= p.start < subject.idx]
                earlier += [(r.start, _Actor(r.role)) for r in actors.roles if sent_start <= r.start < subject.idx]
                if earlier:
                    return max(earlier, key=lambda t: t[0])[1]
            if subject.lower_ in ("who", "that", "which") and token.dep_ == "relcl":
                subject = token.head  # "X, who presented ...": the antecedent
                while subject.dep_ == "appos" and subject.head.i != subject.i:
                    subject = subject.head  # "NAME, TITLE, who ...": the name, not its title
            start, end = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
            start = min(start, run[0].left_edge.idx)
            # the subject's own words, without what a preposition or clause adds after its head
            # ("leaders at the Conference of X urged": the leaders, not X); an apposition stays
            # "of" and a proper name is part of it ("the representative of X urged")
            genitive = lexicon().word_classes["genitive"]
            skip = tuple((c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
                         for c in subject.rights if c.dep_ in ("prep", "acl", "relcl")
                         and not (c.lower_ in genitive and any(g.dep_ == "pobj" and g.text[:1].isupper() for g in c.children)))
            if floor is not None and start < floor <= end:
                start = floor  # never the dateline
            if _is_plural_anaphor(subject):
                return _plural_antecedent(actors, subject.idx)
            if subject.lower_ in _PRONOUNS:
                # the last person, or office named by role only, before the pronoun
                earlier = [(p.start, _Actor(p.name, p)) for p in actors.people if p.start < subject.idx]
                earlier += [(r.start, _Actor(r.role)) for r in actors.roles if r.start < subject.idx]
                return max(earlier, key=lambda t: t[0])[1] if earlier else last
            for p in actors.people:
                name = doc.char_span(p.start, p.end, alignment_mode="expand") if start <= p.start < end else None
                if name is not None and name.root.dep_ == "appos":
                    return _Actor(p.name, p)  # "The TITLE on X, NAME, called ...": the name in apposition
            core_end = min([a for a, _ in skip if a > start] or [end])
            # a subject never runs back over a line break ("Conclusions" / "The Working Group recommended")
            start = max(start, doc_text(doc).rfind("\n", start, core_end) + 1)
            phrase = re.sub(vocab(r"^@articles\s+"), "", doc_text(doc)[start:core_end].strip(" ,–—-"), flags=re.I)
            found = actors.in_span(start, end, groups=False, skip=skip)
            # a title, its head maybe split by hyphens ("the Secretary-General": the parse heads it
            # with "General")
            titled = has_head(subject.text) or (subject.text[:1].isupper() and len(phrase.split()) <= 2
                                                and has_head(phrase))
            if found is None and subject.text[:1].isupper() and titled and len(phrase.split()) <= 2:
                # "the Minister urged ...": the last person named before whose title has that word
                holders = [p for p in actors.people if p.start < subject.idx and p.role
                           and re.search(rf"(?<!\w){re.escape(subject.text)}(?!\w)", p.role)]
                if holders:
                    return _Actor(holders[-1].name, holders[-1])
            if found is not None and found.person is None and _people_noun_re().fullmatch(subject.text):
                return _Actor(phrase)  # "the OSCE participating States highlighted": the States, not the OSCE
            if found is not None:
                return found
            # a noun phrase speaks only when it names people ("OSCE leaders and experts", "labour
            # inspectors"), or is a named text, or a text that calls on someone ("the final document urges")
            document = subject.lower_ in word_set("recommendations.yaml", "document_actors")
            names_people = group_re.search(phrase) or _people_noun_re().search(phrase) or _plural_title(subject) \
                or (document and (subject.text[:1].isupper() or participial)) \
                or titled \
                or (subject.text[:1].isupper() and org_head_re().search(phrase)) \
                or _determined_plural(subject)
            # "the X Declaration calls upon"; "the commissioner urged": an office speaks; "the Task
            # Force agreed": a body; "the sisters called on": people the text has described before
            if document and not subject.text[:1].isupper() and participial and last is not None:
                return last  # "X presented the statement. The statement urged ...": the text of the last actor
            return _Actor(phrase) if phrase and names_people else None
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _determined_plural(subject) -> bool:
    """A plural common noun with its definite article or possessive ("the sisters", "their members"):
    the people the text has described, when such a subject makes a call ("these factors call for" is
    an argument, and a text a document actor)."""
    word = subject.text
    return word.islower() and len(word) > 3 and word.endswith("s") and not word.endswith("ss") and \
        any(c.dep_ in ("det", "poss") and c.lower_ in roles().definite for c in subject.children) and \
        not {fold(word), fold(word[:-1])} & word_set("recommendations.yaml", "document_actors")


@lru_cache(maxsize=None)
def _people_noun_re() -> re.Pattern:
    """Nouns for kinds of people: the attendee units of counts.yaml and the person nouns of roles.yaml."""
    units = load("counts.yaml").units
    words = [*units["participants"], *units["delegates"], *units["speakers"], *units["countries"],
             *units["participating_states"], *units["member_states"], *roles().person_noun_forms()]
    return re.compile(rf"\b(?:{alternation(words)})\b", re.I)


@lru_cache(maxsize=None)
def _verb_words() -> frozenset[str]:
    """Speech, reporting and calling verbs, as single words (the first word of phrasal ones)."""
    res = load("recommendations.yaml")
    words = (*lexicon().speech_verbs, *res.actor_verbs, "urged", "urges", "called", "calls", "recommended",
             "recommends", "encouraged", "encourages", "asked", "asks", "pressed", "invited", "appealed")
    return frozenset(w.split()[0].lower() for w in words)


def _title_case_quotes(text: str) -> list[tuple[int, int]]:
    """Quoted titles ("“New Rules Needed, Says Minister”"): most of their words capitalised."""
    out = []
    for m in re.finditer(r"[“\"]([^”\"\n]{10,200})[”\"]", text):
        words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", m.group(1)) if len(w) > 3]
        if words and sum(w[0].isupper() for w in words) / len(words) >= 0.8:
            out.append((m.start(1), m.end(1)))
    return out


def _headline_clause(text: str, span: tuple[int, int], cue: re.Match) -> tuple[int, int]:
    """A headline's call: from the headline's start to the first comma or stop after the cue."""
    start, end = span
    while start < end and text[start] in " “\"'":
        start += 1
    stop = re.search(r"[,.;:!?”\"]", text[cue.end():end])
    return start, cue.end() + stop.start() if stop else end


def _headline_speaker(text: str, end: int, span_end: int, actors: _Actors) -> _Actor | None:
    """Who a headline credits after its call ("X needed, says the Minister"): a person named there,
    or the named person of the document whose role holds the headline's words for the speaker."""
    verb_re = _res()[4]
    m = re.match(r"[^\S\n]*[,:–—-][^\S\n]*", text[end:span_end])
    verb = verb_re.match(text, end + m.end(), span_end) if m else None
    if verb is None:
        return None
    who_start = verb.end()
    who = text[who_start:span_end].strip(" ”\"'.")
    named = actors.in_span(who_start, span_end, groups=False)
    if named is not None and named.person is not None:
        return named
    words = set(fold(who).split()) - {"the", "a", "an"}
    for p in actors.people:
        if p.role and words and words <= set(fold(p.role).split()):
            return _Actor(p.name, p)
    return named or (_Actor(who) if words else None)


@dataclass
class _Reading:
    """What the recommendation steps read: the Doc and its text, the candidate actors, the quotes,
    the dateline, the headline spans, and the lead-ins seen so far. A lead-in is a sentence ending
    with ":" (or a heading that announces recommendations), keyed by its end: the actor and the
    addressee it gives the bullets under it, and whether it announces recommendations."""

    doc: Doc
    text: str
    actors: _Actors
    quotes: list[Quote]
    dateline: tuple[int, int] | None
    headline_spans: list[tuple[int, int]]
    lead_in_re: re.Pattern
    confidence: dict[str, float]  # "actor", "no_actor", "bullet": the confidence of each kind of find
    lead_actor: dict[int, _Actor | None] = field(default_factory=dict)
    lead_addressee: dict[int, str | None] = field(default_factory=dict)  # "called on governments to:"
    normative_lead: set[int] = field(default_factory=set)
    plain: list[tuple[int, int]] = field(default_factory=list)  # sentences without a cue, in order


DEFAULT_CONFIDENCE = {"actor": 0.8, "no_actor": 0.65, "bullet": 0.85}


def find_recommendations(doc: Doc, segments: list[Segment], dateline: tuple[int, int] | None = None, *,
                         confidence: dict[str, float] | None = None) -> list[Recommendation]:
    """Recommendations of the document: clauses around a cue in its sentences, then the bullets
    under a lead-in; a clause never starts inside the dateline."""
    text = doc_text(doc)
    by = "rapporteur_recommendations"
    people, roles, orgs = needs(doc, "people", by), needs(doc, "roles", by), needs(doc, "orgs", by)
    headline_spans = [(sg.start, sg.end) for sg in segments if sg.kind in ("heading", "title")] + _title_case_quotes(text)
    r = _Reading(doc, text, _Actors(text, people, roles, orgs), needs(doc, "quotes", by), dateline, headline_spans,
                 re.compile("|".join(load("recommendations.yaml").lead_in_cues), re.I), confidence or DEFAULT_CONFIDENCE)
    out = _in_sentences(r, segments)
    # a heading that announces recommendations ("Key recommendations") leads the bullets under it
    for sg in segments:
        if sg.kind in ("heading", "title") and r.lead_in_re.search(text, sg.start, sg.end) and sg.end not in r.lead_actor:
            r.lead_actor[sg.end] = None
            r.normative_lead.add(sg.end)
    out += _in_bullets(r, [sg for sg in segments if sg.kind == "bullet"])
    out.sort(key=lambda rec: rec.start)
    return out


def _in_sentences(r: _Reading, segments: list[Segment]) -> list[Recommendation]:
    """Sentence by sentence (bullets apart): each cue gives a clause; the actor carries over from
    sentence to sentence until a new section starts; lead-ins ending with ":" are noted for the
    bullets under them."""
    text, doc = r.text, r.doc
    cues = _res()[0]
    any_cue = _any_cue()
    headings = [sg.start for sg in segments if sg.kind in ("heading", "title")]
    bullets = [sg for sg in segments if sg.kind == "bullet"]
    out: list[Recommendation] = []
    last: _Actor | None = None
    for s, e in sentence_bounds(doc):
        if any(s <= h < e or h == s for h in headings):
            last = None  # a new section: earlier actors no longer carry over
        own, is_own = _sentence_actor(text, s, e, r.actors, last)
        if is_own and own is not None:
            last = own
        sentence = text[s:e]
        if sentence.rstrip().endswith(":"):
            r.lead_actor[e] = own or _lead_subject(r, s, e) or last
            lead_cue = any_cue.search(text, s, e)
            r.lead_addressee[e] = _addressee_of(doc, lead_cue.start(), lead_cue.end(), "") if lead_cue else None
            if r.lead_in_re.search(sentence):
                r.normative_lead.add(e)
        if any(b.start <= s < b.end for b in bullets) or not any_cue.search(text, s, e):
            r.plain.append((s, e))
            continue  # bullets are read apart
        found: list[Recommendation] = []
        for pattern, modality, scope, verb in cues:
            for cue in pattern.finditer(text, s, e):
                if any(a.start <= cue.start() < a.end for a in found):
                    continue
                if verb and not _verb_with_subject(doc, cue.start()):
                    continue
                rec = _at_cue(r, s, e, cue, modality, scope, own, last)
                if rec is not None:
                    found.append(rec)
        # one call per clause: a cue's clause inside another cue's ("recommended that States
        # should adopt ...") is the same call, read from its outer verb
        out.extend(rec for rec in found if not any(o is not rec and o.start <= rec.start and rec.end <= o.end
                                                  and (o.start, o.end) != (rec.start, rec.end) for o in found))
    return out


def _verb_with_subject(doc: Doc, char: int) -> bool:
    """The word at this character is parsed as a verb with a subject of its own."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span is not None and any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in span[0].children)


def _at_cue(r: _Reading, s: int, e: int, cue: re.Match, modality: str, scope: str, own: _Actor | None,
            last: _Actor | None) -> Recommendation | None:
    """The recommendation a cue in sentence [s, e) makes, unless the cue is used descriptively ("a
    call for papers"), its clause is too short, or it is a lead-in that stops before its content.
    The actor: a quote's speaker, else the headline's speaker, the parse's subject, the sentence's
    own actor, a group noun before the clause, or the last actor."""
    text, doc, dateline = r.text, r.doc, r.dateline
    _, _, _, descriptive, _, group_re, _, participial, _ = _res()
    if any(d.search(text, max(s, cue.start() - 50), min(e, cue.end() + 40)) for d in descriptive):
        return None  # "discussed the need for", "contains recommendations", "a call for papers"
    speaker = None
    if scope == "headline":
        span = next(((a, b) for a, b in r.headline_spans if a <= cue.start() < b), None)
        if span is None:
            return None  # "the support needed to recover" in running text is no call
        cs, ce = _headline_clause(text, span, cue)
        speaker = _headline_speaker(text, ce, span[1], r.actors)
    else:
        cs, ce = _clause(text, s, e, cue, scope, doc)
        if dateline and dateline[0] <= cs < dateline[1] <= ce:
            rest = text[dateline[1]:ce]
            cs = dateline[1] + len(rest) - len(rest.lstrip(" -–—:,"))
    if ce - cs < 15 or len(text[cs:ce].split()) < 3:
        return None
    if text[ce:ce + 2].lstrip().startswith(":") and (
            len(text[cue.end():ce].split()) < 2 or re.search(vocab(r"\b@recommendations.lead_in_ends\s*$"), text[cs:ce])):
        return None  # a lead-in that stops before its content ("They recommended that:", "urged X to:")
    quote = next((q for q in r.quotes if q.start <= cue.start() < q.end), None)
    if quote is not None:
        kind, actor = "quote", _Actor(quote.speaker_text, quote.speaker) if quote.speaker_text else None
        cs, ce = max(cs, quote.start), min(ce, quote.end)
    else:
        kind = "sentence"
        parsed = _parse_actor(doc, cue, r.actors, last,
                              participial=cue.group().lower().startswith(participial) or modality in ("call", "urge"),
                              floor=dateline[1] if dateline else None)
        actor = speaker or parsed or (own if (own is not None and cs >= s) else None)
        group = group_re.search(text, s, cs) if actor is None else None
        if group:
            actor = _Actor(group.group().lower())
        if actor is None and _opens_with_cue(doc, s, cue):
            # "X adopted the conclusions. Urges States to ...": an operative clause of X's, the
            # subject of the last sentence without a cue that names one
            actor = next((a for a in (_lead_subject(r, a, b) for a, b in reversed(r.plain)) if a is not None), None)
        actor = actor or last
    clause = text[cs:ce]
    return Recommendation(cs, ce, clause, kind, modality, cue.group(), actor.text if actor else None,
                          actor.person if actor else None, _addressee_of(doc, cue.start(), cue.end(), clause, ce),
                          _topics(clause), confidence=r.confidence["actor" if actor else "no_actor"])


def _opens_with_cue(doc: Doc, s: int, cue: re.Match) -> bool:
    """The sentence opens with its cue, a capitalised verb without a subject ("Urges States to
    ...", "Calls upon X to ..."): an operative clause of a resolution or conclusions."""
    lead = doc_text(doc)[s:cue.start()]
    if lead.strip(" \t\n0123456789.()-–•*") or not cue.group()[:1].isupper():
        return False
    span = doc.char_span(cue.start(), cue.end(), alignment_mode="expand")
    verb = span[0] if span is not None else None  # the clause's verb, not a noun phrase ("The need for ...")
    return verb is not None and verb.dep_ in ("ROOT", "advcl", "ccomp", "conj", "parataxis") \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _lead_subject(r: "_Reading", s: int, e: int) -> "_Actor | None":
    """The actor a lead-in's subject names where it has no reporting verb ("NAME, TITLE, set out
    three priorities:"): the subject of the sentence's main verb, by the parse."""
    span = r.doc.char_span(s, e, alignment_mode="expand")
    if span is None or not r.doc.has_annotation("DEP"):
        return None
    subject = next((c for c in span.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    start, end = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
    found = r.actors.in_span(start, end, groups=False)
    phrase = re.sub(vocab(r"^@articles\s+"), "", r.text[start:end].strip(), flags=re.I)
    if found is None and subject.text[:1].isupper() and org_head_re().search(subject.text) and "\n" not in phrase:
        return _Actor(phrase)  # "The Committee of Experts adopted ...": a body the gazetteer lacks
    return found


def _in_bullets(r: _Reading, bullets: list[Segment]) -> list[Recommendation]:
    """Bullets under a lead-in ending with ":" (only bullets between them): the lead-in's actor
    recommends each bullet, and its addressee is theirs unless a bullet names its own. A bullet
    without a cue counts only under a lead-in that announces recommendations ("Speakers will
    include:" is a list); one with its own cue counts anywhere, with no actor where no lead-in
    leads it."""
    text, doc = r.text, r.doc
    cues = _res()[0]
    out: list[Recommendation] = []
    for b in bullets:
        before = [end for end in r.lead_actor if end <= b.start]
        lead_end = max(before) if before else None
        if lead_end is not None and text[lead_end:b.start].strip() and not all(
                any(x.start <= pos < x.end for x in bullets) for pos in range(lead_end, b.start) if not text[pos].isspace()):
            lead_end = None  # other text stands between: the bullet is read on its own
        mark = bullet_re().match(text[b.start:b.end])
        body_start = b.start + (mark.end() if mark else 0)
        body_end = b.end
        while body_end > body_start and text[body_end - 1] in " .;,":
            body_end -= 1
        body = text[body_start:body_end]
        cue, modality = next(((m, mod) for p, mod, _, _ in cues for m in [p.search(body)] if m), (None, "recommend"))
        if (lead_end is None or lead_end not in r.normative_lead) and cue is None:
            continue  # "Speakers will include:", "topics such as:": a list, not recommendations
        # a bullet with its own cue, under no lead-in (a heading, a paragraph): no one is said to recommend it
        actor = r.lead_actor[lead_end] if lead_end is not None else None
        lead_addressee = r.lead_addressee.get(lead_end) if lead_end is not None else None
        addressee = _addressee_of(doc, body_start + cue.start(), body_start + cue.end(), body, body_end) if cue else None
        out.append(Recommendation(body_start, body_end, body, "bullet", modality, cue.group() if cue else None,
                                  actor.text if actor else None, actor.person if actor else None,
                                  addressee or lead_addressee, _topics(body),
                                  method="rule:bullet-under-lead-in", confidence=r.confidence["bullet"]))
    return out


class RecommendationFinder:
    """Recommendations: doc._.recommendations. Runs after people, orgs and quotes."""

    assigns = ("recommendations",)

    def __init__(self, nlp: Language, name: str, *, confidence_with_actor: float, confidence_without_actor: float,
                 confidence_bullet: float):
        self.name = name
        self.confidence = {"actor": checked_confidence(name, "confidence_with_actor", confidence_with_actor),
                           "no_actor": checked_confidence(name, "confidence_without_actor", confidence_without_actor),
                           "bullet": checked_confidence(name, "confidence_bullet", confidence_bullet)}

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        context = doc._.context if doc.has_extension("context") else None
        if context and context.get("segments") is not None:
            segments = [Segment(*s) for s in context["segments"]]
        else:
            from ..lang.layout import segment

            segments = segment(doc_text(doc))
        dateline = tuple(context["dateline"]) if context and context.get("dateline") else None
        doc._.recommendations = find_recommendations(doc, segments, dateline, confidence=self.confidence)
        return doc


@Language.factory("rapporteur_recommendations", assigns=["doc._.recommendations"],
                  requires=["doc._.people", "doc._.roles", "doc._.orgs", "doc._.quotes", "token.dep", "doc.sents"],
                  default_config={"confidence_with_actor": DEFAULT_CONFIDENCE["actor"],
                                  "confidence_without_actor": DEFAULT_CONFIDENCE["no_actor"],
                                  "confidence_bullet": DEFAULT_CONFIDENCE["bullet"]})
def make_recommendation_finder(nlp: Language, name: str, confidence_with_actor: float, confidence_without_actor: float,
                               confidence_bullet: float) -> RecommendationFinder:
    return RecommendationFinder(nlp, name, confidence_with_actor=confidence_with_actor,
                                confidence_without_actor=confidence_without_actor, confidence_bullet=confidence_bullet)
