"""What a weekly re-run costs as the corpus grows: a full run of N documents, then one new document.

    .venv/bin/python benchmarks/rerun.py                    # N = 500 and 2,000
    .venv/bin/python benchmarks/rerun.py --sizes 500 2000 10000 --workers 2

For each N, a corpus built as in benchmarks/run.py (paragraphs of raw_texts/ with names, dates and
numbers varied) is run in full (`rapporteur run --workers W`), one new document is dropped in and
`rapporteur run` is timed again in a fresh process (the cost a researcher waits for). A second
new document is then run stage by stage in this process, to say where the re-run's time goes.
Writes benchmarks/rerun.json; the README shows the latest table.
"""
from __future__ import annotations

import argparse
import json
import logging
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

NEW_DOCUMENT = ("A regional roundtable on labour exploitation in supply chains was held online on {day} March 2031. "
                "More than {n} inspectors took part.\n")


def stages_in_process(corpus: Path, out: Path) -> dict[str, float]:
    """Seconds of each stage of one re-run, in this process (imports already paid)."""
    from pipeline import ingest, stages

    times = {}
    t = time.perf_counter()
    ingest.main(corpus, out, languages=stages.languages())
    times["ingest"] = time.perf_counter() - t
    t = time.perf_counter()
    extracted = stages.extract(out, quiet=True)
    times["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    stages.reconcile(out, extracted.results, curated=None)
    times["reconcile_and_write"] = time.perf_counter() - t
    return {k: round(v, 2) for k, v in times.items()}


def measure(n: int, seed: int, workers: int, work: Path) -> dict:
    from run import build_corpus, rapporteur  # benchmarks/run.py

    corpus, out = work / f"corpus_{n}", work / f"out_{n}"
    words = build_corpus(corpus, n, seed)
    full_s, full_rss = rapporteur("run", "--input", str(corpus), "--output", str(out), "--workers", str(workers))
    (corpus / "new_1.txt").write_text(NEW_DOCUMENT.format(day=3, n=40), encoding="utf-8")
    rerun_s, rerun_rss = rapporteur("run", "--input", str(corpus), "--output", str(out))
    (corpus / "new_2.txt").write_text(NEW_DOCUMENT.format(day=4, n=50), encoding="utf-8")
    breakdown = stages_in_process(corpus, out)
    return {"documents": n, "words": words, "workers": workers, "full_run_seconds": round(full_s, 1),
            "full_run_peak_rss_mb": full_rss, "rerun_1_new_seconds": round(rerun_s, 2),
            "rerun_peak_rss_mb": rerun_rss, "rerun_share_of_full": round(rerun_s / full_s, 3),
            "rerun_stages_seconds": breakdown}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "rerun.json")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    import os

    import spacy

    result = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "spacy": spacy.__version__},
              "sizes": []}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            result["sizes"].append(measure(n, args.seed, args.workers, Path(tmp)))
            print(result["sizes"][-1], flush=True)
    base = result["sizes"][0]["rerun_1_new_seconds"]
    for row in result["sizes"]:
        row["rerun_vs_smallest"] = round(row["rerun_1_new_seconds"] / base, 2)
    args.output.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
