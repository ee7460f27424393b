"""The scores of compared meeting records, kept between runs, so a re-run scores only the pairs
that a new or changed document takes part in.

A record is known by a fingerprint of everything `meetings.score` reads of it (SCORED_FIELDS of
its row, the people and the offices it names); a pair's score is a function of the two
fingerprints and of the scoring code, so a stored score is reused exactly when recomputing it
would give the same value, and clustering (which visits the pairs in the same order either way)
gives the same meetings as a run from scratch. The file lives in OUTPUT/interim/; it records a
hash of meetings.py and is ignored when that changes. Only the pairs compared in the last run are
kept, so it does not grow with documents that were removed.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .meetings import Source

log = logging.getLogger(__name__)

STATE_FILE = "meeting_pairs.npz"
# every field of a source's row that meetings.score (and the Source methods it calls) reads
SCORED_FIELDS = ("edition", "series_key", "name", "anniversary", "month_day", "end_month_day", "start_date",
                 "end_date", "date_precision", "city", "country", "venue", "organizers", "participants", "countries")


def fingerprint(source: "Source") -> int:
    """64 bits of a digest of what scoring reads of a record."""
    r = source.row
    blob = json.dumps([[r.get(k) for k in SCORED_FIELDS], sorted(source.people),
                       sorted((k, sorted(v)) for k, v in source.offices.items())], default=str)
    return int.from_bytes(hashlib.blake2b(blob.encode("utf-8"), digest_size=8).digest(), "little")


def code_version() -> str:
    """A hash of the scoring code: stored scores are dropped when it changes."""
    from . import meetings

    return hashlib.sha256(Path(meetings.__file__).read_bytes()).hexdigest()[:16]


class PairScores:
    """score(a, b) with a memory: the stored value of an unchanged pair, else computed."""

    def __init__(self, known: dict[tuple[int, int], float] | None = None):
        self.known = known or {}
        self.used: dict[tuple[int, int], float] = {}
        self.prints: dict[int, int] = {}  # id(source) -> fingerprint
        self.computed = 0

    def _print(self, source: "Source") -> int:
        key = id(source)
        if key not in self.prints:
            self.prints[key] = fingerprint(source)
        return self.prints[key]

    def __call__(self, a: "Source", b: "Source") -> float:
        from .meetings import score

        pair = (self._print(a), self._print(b))
        value = self.used.get(pair)
        if value is None:
            value = self.known.get(pair)
            if value is None:
                value = score(a, b, explain=False)[0]
                self.computed += 1
            self.used[pair] = value
        return value

    @classmethod
    def load(cls, folder: Path | str | None) -> "PairScores":
        """The scores stored in `folder` (OUTPUT/interim), or none when there are none, they are
        damaged, or the scoring code changed."""
        import numpy as np

        if folder is None:
            return cls()
        path = Path(folder) / STATE_FILE
        if not path.exists():
            return cls()
        try:
            with np.load(path, allow_pickle=False) as data:
                if str(data["version"]) != code_version():
                    return cls()
                a, b, s = data["a"].tolist(), data["b"].tolist(), data["score"].tolist()
            return cls(dict(zip(zip(a, b), s)))
        except (OSError, ValueError, KeyError) as exc:
            log.warning("%s is damaged (%s): scoring every pair again", path, exc)
            return cls()

    def save(self, folder: Path | str) -> None:
        """The pairs of this run, written atomically."""
        import numpy as np

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        pairs = list(self.used.items())
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".npz", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, version=np.array(code_version()),
                     a=np.array([p[0] for p, _ in pairs], dtype=np.uint64),
                     b=np.array([p[1] for p, _ in pairs], dtype=np.uint64),
                     score=np.array([v for _, v in pairs], dtype=np.float64))
        os.replace(tmp, folder / STATE_FILE)
