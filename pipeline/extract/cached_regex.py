"""The `regex` module, with a compiled-pattern cache in front of its module-level functions.

`regex.search(pattern, text)` looks the pattern up in regex's own cache only after checking its
flags and keyword arguments, which costs more than most searches here (people.py calls these
functions tens of thousands of times per hundred documents: measured in benchmarks/, the checks
were a sixth of the people component). The functions below take the arguments this package uses
(and the same keyword options, such as `overlapped`), and give the same results; everything else is regex's own."""
from __future__ import annotations

import functools

import regex as _regex
from regex import *  # noqa: F401,F403 - flags, escape, error, Pattern, Match

__all__ = list(_regex.__all__)


@functools.lru_cache(maxsize=4096)
def compile(pattern, flags=0):  # noqa: A001 - the regex API
    return _regex.compile(pattern, flags)


def search(pattern, string, flags=0, **options):
    return compile(pattern, flags).search(string, **options)


def match(pattern, string, flags=0, **options):
    return compile(pattern, flags).match(string, **options)


def fullmatch(pattern, string, flags=0, **options):
    return compile(pattern, flags).fullmatch(string, **options)


def finditer(pattern, string, flags=0, **options):
    return compile(pattern, flags).finditer(string, **options)


def findall(pattern, string, flags=0, **options):
    return compile(pattern, flags).findall(string, **options)


def split(pattern, string, maxsplit=0, flags=0):
    return compile(pattern, flags).split(string, maxsplit)


def sub(pattern, repl, string, count=0, flags=0):
    return compile(pattern, flags).sub(repl, string, count)
