"""Rule records matched on the Doc: each `MatchRule` (lang/<language>/*.yaml) becomes a spaCy
DependencyMatcher pattern; a match yields named parts (token indices by node id). Where several
rules match the same words, one resolver keeps the match of the highest priority, then the
longest, then the earliest: never the order of the code."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from ..lang.resources import MatchRule, ResourceError


@dataclass(frozen=True)
class RuleMatch:
    rule: MatchRule
    parts: dict[str, int]  # yielded part -> token index

    @property
    def tokens(self) -> tuple[int, ...]:
        return tuple(sorted(self.parts.values()))


def expand_pattern(pattern: Iterable[dict[str, Any]], lists: dict[str, Iterable[str]], where: str) -> list[dict]:
    """The pattern with every "@name" string replaced by the word list of that name."""

    def walk(value: Any) -> Any:
        if isinstance(value, str) and value.startswith("@"):
            if value[1:] not in lists:
                raise ResourceError(f"{where}: unknown word list {value!r} (known: {', '.join(sorted(lists))})")
            return list(lists[value[1:]])
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return [walk(node) for node in pattern]


class RuleSet:
    """Compiled rules over one vocabulary."""

    def __init__(self, vocab: Vocab, rules: Iterable[MatchRule], lists: dict[str, Iterable[str]]):
        self.rules = {r.name: r for r in rules}
        self.matcher = DependencyMatcher(vocab)
        self._ids: dict[str, list[str]] = {}
        for rule in self.rules.values():
            where = f"rule {rule.name!r}"
            pattern = expand_pattern(rule.pattern, lists, where)
            ids = [node["RIGHT_ID"] for node in pattern]
            unknown = sorted(set(rule.yields.values()) - set(ids))
            if unknown:
                raise ResourceError(f"{where}: yields node {unknown[0]!r}, which the pattern does not define")
            try:
                self.matcher.add(rule.name, [pattern])
            except ValueError as exc:
                raise ResourceError(f"{where}: not a valid DependencyMatcher pattern ({exc})") from None
            self._ids[rule.name] = ids

    def all_matches(self, doclike: Doc | Span) -> list[RuleMatch]:
        """Every match, as yielded parts (token indices in the Doc), unresolved: for a reader that
        tries them in its own order. A sentence (a Span of whole parse trees) is matched alone."""
        found = []
        offset = doclike.start if isinstance(doclike, Span) else 0
        # a sentence is matched as a Doc of its own, without the user data (the Doc's extensions,
        # which the patterns never read): spaCy would copy it for every sentence
        target = doclike.as_doc(copy_user_data=False) if isinstance(doclike, Span) else doclike
        for match_id, token_ids in self.matcher(target):
            rule = self.rules[doclike.vocab.strings[match_id]]
            node = dict(zip(self._ids[rule.name], token_ids))
            found.append(RuleMatch(rule, {part: node[n] + offset for part, n in rule.yields.items()}))
        return found

    def matches(self, doc: Doc, sentences: Iterable[Span] | None = None) -> list[RuleMatch]:
        """Every match, as yielded parts, resolved: among matches that share a yielded token the one
        of the highest priority (then the most tokens, then the earliest) stands. With `sentences`,
        only those are matched (a parse tree lies within its sentence, so the matches in them are
        the same as in the whole Doc, and matching a few sentences is much cheaper)."""
        found = self.all_matches(doc) if sentences is None else [m for s in sentences for m in self.all_matches(s)]
        found.sort(key=lambda m: (-m.rule.priority, -len(m.tokens), m.tokens, m.rule.name))
        kept: list[RuleMatch] = []
        used: set[int] = set()
        for m in found:
            if used.isdisjoint(m.tokens):
                kept.append(m)
                used.update(m.tokens)
        return sorted(kept, key=lambda m: m.tokens)


def noun_phrase(token: Token, *, stop: set[int] = frozenset(), max_tokens: int = 12) -> tuple[int, int]:
    """Character bounds of a role noun grown into its phrase: its compound and adjective modifiers
    before it, its "of/for/on/at ..." complement after it (never past punctuation or a token in
    `stop`, such as the name it describes)."""
    start = token
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "nmod") and child.i not in stop:
            start = min(start, child.left_edge, key=lambda t: t.i)
    end = token
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "on", "at") and child.i not in stop:
            last = child.right_edge
            span = token.doc[child.i:last.i + 1]
            if any(t.is_punct or t.i in stop for t in span) or last.i - start.i >= max_tokens:
                break
            end = last
    return start.idx, end.idx + len(end)


def verb_phrase(token: Token, *, max_tokens: int = 12) -> tuple[int, int]:
    """Character bounds of an office verb and its object ("chairs the national board")."""
    end = token
    rights = list(token.rights)
    for k, child in enumerate(rights):
        if child.dep_ in ("dobj", "prep", "attr") and not child.is_punct:
            last = child.right_edge
            if any(t.is_punct for t in token.doc[child.i:last.i + 1]) or last.i - token.i >= max_tokens:
                break
            end = last
            # a capitalised name the parse split at a preposition hung on the verb ("chairs the
            # Task Force against Trafficking"): the preposition right after it goes on with the name,
            # unless its object is a place
            for more in rights[k + 1:]:
                if more.dep_ != "prep" or more.i != end.i + 1 or not end.text[:1].isupper() or not any(
                        g.dep_ == "pobj" and g.text[:1].isupper() and g.ent_type_ not in ("GPE", "LOC")
                        for g in more.children):  # never a place ("the Unit in Accra")
                    break
                if any(t.is_punct for t in token.doc[more.i:more.right_edge.i + 1]) or more.right_edge.i - token.i >= max_tokens:
                    break
                end = more.right_edge
            break
    return token.idx, end.idx + len(end)
