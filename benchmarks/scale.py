"""Extraction on Dask and reconcile at scale, measured in one run.

    .venv/bin/python benchmarks/scale.py                       # 300 documents on Dask; reconcile 1,000 / 10,000 / 30,000
    .venv/bin/python benchmarks/scale.py --docs 100 --records 1000

- extraction of the same documents in one process, on a local Dask cluster of 1 worker (the cost of
  Dask itself) and of 2 workers (the speed-up); the three give identical results (checked);
- reconcile alone on records synthesised from the real extractions of the seeds and the development
  corpus, each size in a fresh process: seconds, peak memory, and the memory of the records read
  before reconcile starts. Two syntheses: "copies" (each record a copy of a real one, people renamed,
  dates shifted: thousands of copies of one meeting, a stress case) and "archive" (other meetings
  of the same kinds, 1 to 3 sources each, with their own edition, city and figures).
Writes benchmarks/scale.json; the README shows the latest table.
"""
from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

RECONCILE_PROBE = r"""
import datetime, json, random, resource, sys, time
sys.path.insert(0, sys.argv[2])
from pipeline.records import Extraction
from pipeline.reconcile import reconcile
base = []
for path in sys.argv[3:]:
    base += [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
FIRST = "Amira Tomas Ingrid Pavel Lucia Omar Elena Jonas Maja Rafael Sanna Dmitri Ines Karim Lea Viktor".split()
LAST = "Haddad Berg Solberg Dvorak Marin Farouk Popescu Lind Kovac Ortega Virtanen Sokolov Almeida".split()
rng = random.Random(7)
mode = sys.argv[1].split(":")[1] if ":" in sys.argv[1] else "copies"
n = int(sys.argv[1].split(":")[0])
cities = sorted({d["meeting"]["city"] for d in base if d["meeting"].get("city")})


def renamed(d, doc_id, names):
    s = json.dumps(d).replace(d["doc_id"], doc_id)
    for name, new in names.items():
        s = s.replace(json.dumps(name)[1:-1], new)
    return json.loads(s)


def shifted(m, shift):
    for k in ("start_date", "end_date", "published"):
        if m.get(k):
            try:
                m[k] = (datetime.date.fromisoformat(m[k]) + shift).isoformat()
            except ValueError:
                pass


records = []
while len(records) < n:
    d = base[len(records) % len(base)] if mode == "copies" else rng.choice(base)
    # copies: every record a copy of a real one, its people renamed and its dates shifted (so
    # thousands of copies of one meeting share its series, edition, city and figures: a stress
    # case); archive: another meeting of the same kind, reported by 1 to 3 sources, with its own
    # edition, city (one of the corpus's cities) and figures
    group = 1 if mode == "copies" else rng.choice((1, 1, 1, 2, 2, 3))
    # longest first, ties by name: the same new names whatever the hash seed
    names = {name: f"{rng.choice(FIRST)} {rng.choice(LAST)}"
             for name in sorted({p["name"] for p in d.get("people", []) if p.get("name")}, key=lambda n: (-len(n), n))}
    shift = datetime.timedelta(days=rng.randint(-1500, 1500))
    identity = {}
    if mode == "archive":
        identity = {"edition": rng.randint(1, 40) if d["meeting"].get("edition") else None,
                    "city": rng.choice(cities) if d["meeting"].get("city") and rng.random() < 0.8 else d["meeting"].get("city"),
                    "participants": rng.randint(10, 400), "countries": rng.randint(3, 60)}
    for _ in range(group):
        if len(records) >= n:
            break
        one = renamed(d, f"s{len(records):06d}", names)
        shifted(one["meeting"], shift)
        one["meeting"].update({k: v for k, v in identity.items() if k in ("edition", "city") and v is not None})
        for key in ("participants", "countries"):
            if key in identity and one["meeting"].get(key):
                one["meeting"][key]["value"] = identity[key]
        records.append(Extraction.from_json(one))
before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
t = time.perf_counter()
tables = reconcile(records)
print(json.dumps({"records": len(records), "seconds": round(time.perf_counter() - t, 2),
                  "meetings": len(tables["meetings"]),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                  "records_read_rss_mb": before_mb}))
"""


def measure_dask(n_docs: int, seed: int) -> dict:
    from run import build_corpus  # benchmarks/run.py

    from pipeline.extract import iter_contexts, run_extraction
    from pipeline.ingest import main as ingest_main

    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        words = build_corpus(corpus, n_docs, seed)
        ingest_main(corpus, out)
        runs = {}
        for label, workers in (("one_process", 1), ("dask_1_worker", 1), ("dask_2_workers", 2)):
            started = time.perf_counter()
            results, _ = run_extraction(iter_contexts(out), workers=workers, batch_size=16,
                                        scheduler=None if label == "one_process" else _local(workers))
            runs[label] = (time.perf_counter() - started, [json.dumps(r.to_json(), sort_keys=True) for r in results])
            _stop()
    same = runs["one_process"][1] == runs["dask_1_worker"][1] == runs["dask_2_workers"][1]
    secs = {k: round(v[0], 1) for k, v in runs.items()}
    return {"documents": n_docs, "words": words, "seconds": secs, "identical_results": same,
            "dask_overhead": round(secs["dask_1_worker"] / secs["one_process"], 2),
            "speedup_2_workers": round(secs["dask_1_worker"] / secs["dask_2_workers"], 2)}


_CLUSTER = {}


def _local(workers: int) -> str:
    """A local cluster started here, so that its start-up (the workers loading spaCy once) is timed
    with the run, as `rapporteur run --workers N` does."""
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    _CLUSTER["c"] = cluster
    return cluster.scheduler_address


def _stop() -> None:
    if "c" in _CLUSTER:
        _CLUSTER.pop("c").close()


def measure_reconcile(sizes: list[int], mode: str) -> list[dict]:
    sources = [str(p) for p in (ROOT / "outputs" / "dev" / "interim" / "extractions.jsonl",
                                ROOT / "outputs" / "interim" / "extractions.jsonl") if p.exists()]
    if not sources:
        raise SystemExit("run the pipeline on raw_texts/ and tests/corpus/dev first (make run; dvc repro)")
    out = []
    for n in sizes:
        r = subprocess.run([sys.executable, "-c", RECONCILE_PROBE, f"{n}:{mode}", str(ROOT), *sources],
                           capture_output=True, text=True, timeout=3600)
        if r.returncode != 0:
            raise RuntimeError(r.stderr[-2000:])
        out.append(json.loads(r.stdout.strip().splitlines()[-1]))
        print(out[-1], flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--records", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--no-dask", action="store_true", help="keep the Dask figures of the last run (reconcile only)")
    ap.add_argument("--synthesis", nargs="+", default=["copies", "archive"], choices=["copies", "archive"])
    ap.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "scale.json")
    args = ap.parse_args()
    import os

    import spacy

    result = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "spacy": spacy.__version__}}
    if args.no_dask and args.output.exists():
        result["dask"] = json.loads(args.output.read_text(encoding="utf-8"))["dask"]
    else:
        result["dask"] = measure_dask(args.docs, args.seed)
    print(result["dask"], flush=True)
    result["reconcile"] = {mode: measure_reconcile(args.records, mode) for mode in args.synthesis}
    args.output.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
