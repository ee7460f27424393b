"""Numbers written in digits or words, and ordinals, from the number words of lexicon.yaml."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lang.resources import lexicon, vocab


@lru_cache(maxsize=None)
def number_re() -> str:
    """A regex for a cardinal: '85', '1,200', 'fifty-one', 'one hundred and twenty', 'a thousand'."""
    n = lexicon().numbers
    word = "(?:" + "|".join(sorted([*n.ones, *n.tens, *n.scales], key=len, reverse=True)) + ")"
    scale = "(?:" + "|".join(sorted(n.scales, key=len, reverse=True)) + ")"
    spelled = rf"(?:@indefinite\s+(?={scale}\b))?{word}(?:(?:[\s-]+|\s+@coordinator\s+){word})*"
    return vocab(rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{spelled})")


def parse_number(text: str) -> int | None:
    """'85' -> 85, '1,200' -> 1200, 'fifty-one' -> 51, 'one hundred and twenty' -> 120, 'a hundred' -> 100."""
    text = re.sub(vocab(r"^@indefinite\s+"), "one ", text.strip().lower())
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", text):
        return int(text.replace(",", ""))
    n = lexicon().numbers
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text):
        if word in lexicon().word_classes["coordinator"]:
            continue
        if word in n.ones:
            current += n.ones[word]
        elif word in n.tens:
            current += n.tens[word]
        elif word in n.scales:
            current = max(current, 1) * n.scales[word]
            if n.scales[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
    return total + current


@lru_cache(maxsize=None)
def ordinal_re() -> str:
    """A regex for an ordinal: '25th', '3rd', 'fifth', 'twenty-fifth'."""
    lex = lexicon()
    ords = "|".join(sorted(lex.ordinals, key=len, reverse=True))
    tens = "|".join(sorted(lex.numbers.tens, key=len, reverse=True))
    return vocab(rf"(?:\d{{1,3}}@ordinal_suffixes|(?:(?:{tens})[\s-])?(?:{ords}))")


def ordinal_start() -> str:
    """A lookahead for the characters an ordinal can start with: put before ordinal_re(), it lets
    a search skip every other position at once (a case-insensitive alternation of words is tried
    word by word at each position otherwise)."""
    lex = lexicon()
    first = sorted({w[0].lower() for w in (*lex.ordinals, *lex.numbers.tens)})
    return rf"(?=(?i:[\d{''.join(re.escape(c) for c in first)}]))"


def parse_ordinal(text: str) -> int | None:
    """'25th' -> 25, 'twenty-fifth' -> 25, 'fifth' -> 5."""
    text = text.strip().lower()
    m = re.fullmatch(vocab(r"(\d{1,3})@ordinal_suffixes"), text)
    if m:
        return int(m.group(1))
    lex = lexicon()
    parts = re.split(r"[\s-]+", text)
    if len(parts) == 1:
        return lex.ordinals.get(parts[0])
    if len(parts) == 2 and parts[0] in lex.numbers.tens and parts[1] in lex.ordinals:
        return lex.numbers.tens[parts[0]] + lex.ordinals[parts[1]]
    return None
