"""Cost of person reconciliation on synthetic mentions: time and peak memory at growing sizes.

    .venv/bin/python benchmarks/people.py            # 12,500, 25,000 and 50,000 mentions

Mentions are drawn deterministically from about 10,000 synthetic people (syllable names, some
written with a middle name, an initial or an honorific), spread over 5,000 documents. Candidate
matching is blocked by folded last name, so time should grow about linearly with the mentions.
Writes benchmarks/people_results.json.
"""
from __future__ import annotations

import json
import random
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SYLLABLES = ["ka", "lo", "mi", "ra", "ve", "to", "sa", "ni", "de", "ri", "no", "la", "ze", "po", "ma", "ti", "vo", "lu"]
ORGS = ["OSCE", "Council of Europe", "UNODC", "IOM", None]


def _word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


def mentions(n: int, seed: int = 7, people: int = 10_000) -> list[dict]:
    rng = random.Random(seed)
    persons = [(_word(rng, 2), _word(rng, 2), _word(rng, 3), rng.choice(ORGS)) for _ in range(people)]
    out = []
    for i in range(n):
        first, middle, last, org = persons[rng.randrange(people)]
        form = rng.random()
        name = f"{first} {middle} {last}" if form < 0.2 else f"{first[0]}. {last}" if form < 0.25 else f"{first} {last}"
        honorifics = ["Dr."] if rng.random() < 0.1 else []
        out.append({"doc_id": f"d{rng.randrange(5000):05d}", "name": name, "honorifics": honorifics, "organization": org})
    return out


def main() -> None:
    from pipeline.reconcile.people import resolve_people

    rows = []
    for n in (12_500, 25_000, 50_000):
        data = mentions(n)
        tracemalloc.start()
        t = time.perf_counter()
        clusters, _ = resolve_people(data)
        seconds = time.perf_counter() - t
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append({"mentions": n, "people_found": len(clusters), "seconds": round(seconds, 2),
                     "peak_memory_mb": round(peak / 2**20, 1), "microseconds_per_mention": round(1e6 * seconds / n, 1)})
        print(rows[-1], flush=True)
    (ROOT / "benchmarks" / "people_results.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
