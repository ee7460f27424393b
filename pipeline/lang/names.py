"""Person names folded for comparison: the same keys for reconcile and for evaluation."""
from __future__ import annotations

import re
from functools import lru_cache

from .resources import fold, honorific_keys


def name_tokens(name: str) -> list[str]:
    """'Dr. Ana Lopez' -> ['ana', 'lopez']: folded, leading honorifics dropped."""
    tokens = [t for t in re.split(r"[\s]+", fold(name)) if t]
    while tokens and tokens[0].rstrip(".") in honorific_keys():
        tokens = tokens[1:]
    return tokens


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """'Dr. Ana Lopez' -> 'ana lopez'; middle names dropped: first and last token."""
    tokens = name_tokens(name)
    if len(tokens) >= 2:
        return f"{tokens[0]} {tokens[-1]}"
    return " ".join(tokens)
