"""The words of extraction patterns are data: `vocab()` expands "@class" from the language's
resources, and the extraction code holds (almost) no English word inside a regex."""
from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

from pipeline.lang.resources import ResourceError, WordPattern, vocab

EXTRACT = Path(__file__).resolve().parents[2] / "pipeline" / "extract"
_SYNTAX = re.compile(r"\\[a-zA-Z]|\(\?(?:[aiLmsux-]+[:)]|P<\w+>|P=\w+\)|[:=!]|<[=!])|\[\^?[^\]]*\]|\{[^}]*\}"
                     r"|@[a-z_]+(?:\.[a-z_]+)?")
_WORD = re.compile(r"\b[a-z]{2,}\b", re.I)


def english_words(pattern: str) -> list[str]:
    """Words of two letters or more in a regex, once its syntax (escapes such as \\s, group
    flags, character classes, counts) and its "@class" references are taken out."""
    return _WORD.findall(_SYNTAX.sub("", pattern))


def regex_literals(path: Path) -> list[tuple[int, str]]:
    """Every raw string literal of a module (the regexes and their fragments) with its line."""
    found = []
    for tok in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if tok.type == tokenize.STRING:
            prefix = re.match(r"^[a-zA-Z]*", tok.string).group().lower()
            if "r" in prefix:  # a raw string's text is its source, between the quotes
                body = tok.string[len(prefix):]
                quote = body[:3] if body[:3] in ('"""', "'''") else body[0]
                found.append((tok.start[0], body[len(quote):-len(quote)]))
    return found


def test_the_counter_sees_words_and_not_regex_syntax():
    assert english_words(r"\b(?:of|for)\s+$") == ["of", "for"]
    assert english_words(r"(?P<name>\p{Lu}\w+)\s*(?i:@definite)\s+@meetings.nouns\d{1,3}") == []


def test_extraction_regexes_hold_at_most_ten_english_words():
    """Counted: every raw string literal under pipeline/extract/ (regexes and the fragments they
    are built from), after removing regex syntax and @class references; a literal holding any word
    of two letters or more counts once. The words belong in lang/<language>/*.yaml."""
    offenders = [f"{p.name}:{line}: {english_words(lit)}" for p in sorted(EXTRACT.glob("*.py"))
                 for line, lit in regex_literals(p) if english_words(lit)]
    assert len(offenders) <= 10, "\n".join(offenders)


def test_a_word_class_expands_to_its_words_longest_first_with_flexible_spaces():
    assert vocab(r"^@articles\s+") == r"^(?:(?:a(?:n)?|the))\s+"
    assert re.match(vocab(r"@articles"), "another").group() == "an"  # the longer word first
    assert re.fullmatch(vocab(r"@relative_days"), "this   morning")
    assert re.search(vocab(r"\b@meetings.edition_nouns\b"), "the fifth edition")


def test_an_unknown_word_class_is_refused_with_its_name():
    with pytest.raises(ResourceError, match="no word class 'nope'"):
        vocab(r"\b@nope\b")
    with pytest.raises(ResourceError, match="meetings.yaml: no word class 'nothing'"):
        vocab(r"@meetings.nothing")


def test_a_module_level_pattern_compiles_on_first_use():
    pattern = WordPattern(r"^(?i:@definite)\s+(?P<rest>\w+)")
    assert pattern._compiled is None
    assert pattern.match("The Council").group("rest") == "Council"
    assert pattern._compiled is not None


def test_the_trie_alternation_matches_what_a_flat_longest_first_alternation_matches():
    import random

    from pipeline.lang.resources import alternation

    rng = random.Random(7)
    for _ in range(200):
        words = {"".join(rng.choice("ab c.") for _ in range(rng.randint(1, 5))).strip() or "a" for _ in range(6)}
        flat = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))).replace(r"\ ", r"\s+")
        text = "".join(rng.choice("ab c.") for _ in range(40))
        for pattern in (r"(?:{})", r"\b(?:{})x?", r"(?:{})\b"):
            expected = [m.span() for m in re.finditer(pattern.format(flat), text)]
            assert [m.span() for m in re.finditer(pattern.format(alternation(words)), text)] == expected, words
