"""Roles the parse ties to a named person (lang/en/person_rules.yaml), for people the title
grammar left without one: a capacity at the meeting in apposition ("the moderator, NAME"), an
office in a relative clause ("NAME, who chairs the X"). Runs after `rapporteur_people`."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..lang.resources import WordPattern, load, roles
from .people import affiliation, body_in_role, role_mention
from .rules import RuleMatch, RuleSet, noun_phrase, verb_phrase
from .util import doc_text, guarded, needs, overlaps


# "On behalf of the X Ministry" alone on its line: the body the name on the next line speaks for
_LEAD_LINE = WordPattern(r"(?i)[^\S\n]*(?:@person_rules.behalf_leads)[^\S\n]+(?:@definite[^\S\n]+)?"
                         r"(?P<body>\S[^\n]*?)[^\S\n]*[:,]?[^\S\n]*")


def _body_on_line_above(text: str, start: int, honorifics: list[str]) -> str | None:
    """The body of a lead line right above the line a name opens (after its honorifics only)."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].split()
    if line_start == 0 or any(w not in honorifics for w in before):
        return None
    above_start = text.rfind("\n", 0, line_start - 1) + 1
    m = _LEAD_LINE.fullmatch(text, above_start, line_start - 1)
    if m is None:
        return None
    return affiliation(m.group("body"))


class PersonRuleFinder:
    """Fills the role of a person from a matching rule record; a role-only mention of the same
    words becomes that person's role."""

    def __init__(self, nlp: Language, name: str, *, max_role_tokens: int):
        if max_role_tokens < 1:
            raise ValueError(f"{name}: max_role_tokens must be at least 1, got {max_role_tokens!r}")
        self.name = name
        self.max_role_tokens = max_role_tokens
        data = load("person_rules.yaml")
        passive = {k.lower(): v for k, v in data.passive_capacities.items()}
        self.agent_nouns = {**{k.lower(): v for k, v in data.agent_nouns.items()}, **passive}
        heads = {h.lower() for h in roles().heads if " " not in h} | set(data.capacity_nouns)
        self.lists = {"capacity_nouns": data.capacity_nouns, "agent_verbs": tuple(data.agent_nouns),
                      "passive_verbs": tuple(passive), "serving_verbs": data.serving_verbs,
                      "copulas": data.copulas, "title_heads": tuple(sorted(heads)),
                      "behalf_nouns": data.behalf_nouns, "representing_verbs": data.representing_verbs}
        # the "@name" lists the patterns use
        self.rules = RuleSet(nlp.vocab, data.rules, self.lists)
        self.affiliation_rules = RuleSet(nlp.vocab, data.affiliation_rules, self.lists)
        self.affiliation_cues = frozenset(w.lower() for w in (*data.behalf_nouns, *data.representing_verbs))

    def affiliation(self, doc: Doc, m: RuleMatch) -> tuple[tuple[int, int], str | None]:
        """Character bounds of the name and the body an affiliation rule names (None where its
        phrase is no body and no country)."""
        name_tok = doc[m.parts["name"]]
        ent = next((e for e in doc.ents if e.start <= name_tok.i < e.end), None)
        name = (ent.start_char, ent.end_char) if ent is not None else (name_tok.idx, name_tok.idx + len(name_tok))
        a, b = noun_phrase(doc[m.parts["organization"]], max_tokens=self.max_role_tokens)
        return name, affiliation(doc_text(doc)[a:b])

    def parts(self, doc: Doc, m: RuleMatch) -> tuple[tuple[int, int], tuple[int, int]]:
        """Character bounds of the name (its whole PERSON entity) and of the role phrase."""
        name_tok, role_tok = doc[m.parts["name"]], doc[m.parts["role"]]
        ent = next((e for e in doc.ents if e.start <= name_tok.i < e.end), None)
        name = (ent.start_char, ent.end_char) if ent is not None else (name_tok.idx, name_tok.idx + len(name_tok))
        stop = set(range(ent.start, ent.end)) if ent is not None else {name_tok.i}
        if m.rule.role_from_verb:
            return name, verb_phrase(role_tok, max_tokens=self.max_role_tokens)
        return name, noun_phrase(role_tok, stop=stop, max_tokens=self.max_role_tokens)

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        people, roles = needs(doc, "people", self.name), needs(doc, "roles", self.name)
        text = doc_text(doc)
        with_role = {id(r.person) for r in roles if r.person is not None}
        # a rule fills the role of a person who has none: only their sentences are matched
        open_people = [p for p in people if p.role is None and id(p) not in with_role]
        sentences = [sent for sent in doc.sents
                     if any(p.start < sent.end_char and sent.start_char < p.end for p in open_people)]
        for m in self.rules.matches(doc, sentences):
            (lo, hi), (start, end) = self.parts(doc, m)
            person = next((p for p in people if overlaps((p.start, p.end), (lo, hi))), None)
            if person is None or id(person) in with_role or person.role is not None:
                continue
            if "\n" in (text[person.end:start] if person.end <= start else text[end:person.start]):
                continue  # the parse ran over a line break ("NAME" / "The Chair then ..."): no apposition
            rm = role_mention(text, start, end, m.rule.method, m.rule.confidence, person=person)
            role_tok = doc[m.parts["role"]]
            if m.rule.role_from_verb:
                office = self.agent_nouns[role_tok.lower_]
                rest = text[role_tok.idx + len(role_tok):end].strip()
                rm.role_norm = f"{office} of {rest}" if rest else office
            # a role-only mention of these words is this person's role
            roles[:] = [r for r in roles if r.person is not None or not overlaps((r.start, r.end), (rm.start, rm.end))]
            # "... by NAME of the X"; "NAME, who serves as Director of the X Centre"
            rm.organization = rm.organization or person.organization or body_in_role(rm.role)
            person.role, person.role_start, person.role_end, person.role_method = rm.role, rm.start, rm.end, rm.method
            roles.append(rm)
            with_role.add(id(person))
        self.fill_affiliations(doc, people, roles)
        roles.sort(key=lambda r: r.start)
        return doc

    def fill_affiliations(self, doc: Doc, people: list, roles: list) -> None:
        """The body a person speaks for ("On behalf of X, NAME said"), for people without one."""
        open_people = [p for p in people if not p.organization]
        if not open_people:
            return
        # the rules are written over these words: a sentence without one is not matched (nor a
        # document without one, the common case, whose sentences are never walked)
        cues, lowered = self.affiliation_cues, doc_text(doc).lower()
        sentences = [] if not any(c in lowered for c in cues) else [
            sent for sent in doc.sents if any(c in lowered[sent.start_char:sent.end_char] for c in cues)
            and any(p.start < sent.end_char and sent.start_char < p.end for p in open_people)]
        for m in self.affiliation_rules.matches(doc, sentences):
            (lo, hi), org = self.affiliation(doc, m)
            person = next((p for p in open_people if overlaps((p.start, p.end), (lo, hi))), None)
            if person is None or org is None or person.organization:
                continue
            self.give(person, org, roles)
        text = doc_text(doc)
        for person in open_people:
            org = None if person.organization else _body_on_line_above(text, person.start, person.honorifics)
            if org is not None:
                self.give(person, org, roles)

    @staticmethod
    def give(person, org: str, roles: list) -> None:
        """The person's organization, and that of their role mentions that have none."""
        person.organization = org
        for rm in roles:
            if rm.person is person and not rm.organization:
                rm.organization = org


@Language.factory("rapporteur_person_rules", default_config={"max_role_tokens": 12},
                  requires=["token.dep", "doc.ents", "doc._.people", "doc._.roles"], assigns=["doc._.people", "doc._.roles"])
def make_person_rule_finder(nlp: Language, name: str, max_role_tokens: int) -> PersonRuleFinder:
    return PersonRuleFinder(nlp, name, max_role_tokens=max_role_tokens)


