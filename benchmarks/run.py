"""Throughput, memory and incremental re-runs of Rapporteur, measured in one run.

    .venv/bin/python benchmarks/run.py                 # N = 1,000 and 5,000 (about 20 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --sizes 200     # a quick look

Builds a synthetic corpus from the paragraphs of raw_texts/ (deterministic from --seed: names,
dates and numbers varied so that no two documents are identical), then reports:
- words per second of bare nlp.pipe (same model, same components) and of the extraction, and their ratio;
- the speed-up of 2 workers over 1;
- a full `rapporteur run` against a re-run in which 1 of 1,000 documents changed;
- peak resident memory of `rapporteur run` at each size;
- which model components the extractors need (results identical without the others).
Writes benchmarks/results.json; the README shows the latest table.
"""
from __future__ import annotations

import argparse
import json
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIRST = ["Amira", "Tomas", "Ingrid", "Pavel", "Lucia", "Omar", "Elena", "Jonas", "Maja", "Rafael", "Sanna", "Dmitri",
         "Ines", "Karim", "Lea", "Viktor", "Nora", "Matteo", "Zofia", "Emil"]
LAST = ["Haddad", "Berg", "Solberg", "Dvorak", "Marin", "Farouk", "Popescu", "Lind", "Kovac", "Ortega", "Virtanen",
        "Sokolov", "Almeida", "Nasser", "Weber", "Horvath", "Eriksen", "Conti", "Nowak", "Larsen"]
ROLES = ["Director of the National Referral Office", "Head of the Anti-Trafficking Unit", "National Rapporteur of Latvia",
         "Chair of the Expert Group", "Deputy Minister of the Interior"]
MONTHS = ("January February March April May June July August September October November December").split()
THROUGHPUT_DOCS = 300
REPEATS = 3
NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}(?=, (?:the )?[A-Z])")


def paragraphs() -> list[str]:
    pool = []
    for path in sorted((ROOT / "raw_texts").glob("*.txt")):
        for para in re.split(r"\n\s*\n|\n", path.read_text(encoding="utf-8")):
            para = para.strip()
            if len(para.split()) >= 12:
                pool.append(para)
    return pool


def vary(text: str, rng: random.Random) -> str:
    text = NAME.sub(lambda m: f"{rng.choice(FIRST)} {rng.choice(LAST)}", text)
    text = re.sub(r"\b(?:19|20)\d\d\b", lambda m: str(rng.randint(2005, 2025)), text)
    text = re.sub(r"\b(?!(?:19|20)\d\d\b)\d{1,3}\b", lambda m: str(rng.randint(2, 300)), text)
    return re.sub("|".join(MONTHS), lambda m: rng.choice(MONTHS), text)


def build_corpus(folder: Path, n: int, seed: int) -> int:
    rng = random.Random(seed)
    pool = paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(n):
        paras = [vary(p, rng) for p in rng.sample(pool, rng.randint(3, 7))]
        speaker = f"“We must act together,” said {rng.choice(FIRST)} {rng.choice(LAST)}, {rng.choice(ROLES)}."
        paras.insert(rng.randint(1, len(paras)), speaker)
        text = f"Report {i:05d}\n\n" + "\n\n".join(paras) + "\n"
        words += len(text.split())
        (folder / f"doc_{i:05d}.txt").write_text(text, encoding="utf-8")
    return words


def rapporteur(*args: str) -> tuple[float, int]:
    """(seconds, peak RSS in MB) of one `rapporteur` command in a fresh process."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "r = subprocess.run(sys.argv[1:]); "
             "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")
    cmd = [sys.executable, "-c", probe, str(Path(sys.executable).parent / "rapporteur"), *args, "-q"]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    seconds, rss_kb, code = out.stdout.split()[-3:]
    if code != "0":
        raise RuntimeError(f"rapporteur {' '.join(args)} failed: {out.stderr[-2000:]}")
    return float(seconds), int(rss_kb) // 1024


def measure_size(n: int, seed: int, work: Path, full: bool) -> dict:
    from pipeline.extract import iter_contexts, run_extraction
    from pipeline.extract.nlp import build_nlp, load_model

    corpus = work / f"corpus_{n}"
    words = build_corpus(corpus, n, seed)
    out = work / f"out_{n}"
    result: dict = {"documents": n, "words": words}
    seconds, rss = rapporteur("run", "--input", str(corpus), "--output", str(out))
    result.update(full_run_seconds=round(seconds, 1), peak_rss_mb=rss)
    if not full:
        return result
    contexts = list(iter_contexts(out))
    # throughput: bare nlp.pipe against the extraction on the same documents, same model and
    # components; warmed up, repeated and interleaved, the best of each (timings on a shared
    # machine only ever err upwards)
    sample = contexts[:THROUGHPUT_DOCS]
    sample_words = sum(len(c["text"].split()) for c in sample)
    bare, nlp = load_model(), build_nlp()
    run_extraction(iter(sample[:10]), nlp=nlp)
    list(bare.pipe([c["text"] for c in sample[:10]]))
    bare_times, extract_times = [], []
    for _ in range(REPEATS):
        t = time.perf_counter()
        for _doc in bare.pipe((c["text"] for c in sample), batch_size=16):
            pass
        bare_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        run_extraction(iter(sample), nlp=nlp, batch_size=16, workers=1)
        extract_times.append(time.perf_counter() - t)
    bare_s, extract_s = min(bare_times), min(extract_times)
    # workers: the whole corpus, one run each
    _, stats1 = run_extraction(iter(contexts), nlp=nlp, batch_size=16, workers=1)
    _, stats2 = run_extraction(iter(contexts), nlp=nlp, batch_size=16, workers=2)
    result.update(
        throughput_documents=len(sample), throughput_words=sample_words, throughput_repeats=REPEATS,
        bare_pipe_words_per_second=round(sample_words / bare_s), extract_words_per_second=round(sample_words / extract_s),
        extract_to_bare_ratio=round(bare_s / extract_s, 3),
        extract_1_worker_seconds=round(stats1.seconds, 1), extract_2_workers_seconds=round(stats2.seconds, 1),
        speedup_2_workers=round(stats1.seconds / stats2.seconds, 2),
    )
    # a re-run in which one document changed: only it is extracted again
    changed = corpus / "doc_00007.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nMore than 12 experts joined online.\n", encoding="utf-8")
    rerun_s, _ = rapporteur("run", "--input", str(corpus), "--output", str(out))
    result.update(rerun_1_changed_seconds=round(rerun_s, 1), rerun_share_of_full=round(rerun_s / seconds, 3))
    return result


def measure_components(seed: int) -> dict:
    """Extraction results with and without the model components no extractor uses."""
    import pipeline.extract.nlp as nlp_module
    from pipeline.extract import run_extraction
    from pipeline.ingest import ingest_folder

    docs = [d for d in ingest_folder(ROOT / "raw_texts") if d.ok]
    contexts = [{"doc_id": d.doc_id, "sha256": d.sha256, "text": d.text,
                 "published": d.published.isoformat() if d.published else None,
                 "segments": [(s.kind, s.start, s.end) for s in d.segments]} for d in docs] * 8
    out = {}
    for label, exclude in (("all_components", ()), ("without_unused", nlp_module.UNUSED_MODEL_COMPONENTS)):
        nlp = nlp_module.load_model(exclude=exclude)
        for name in nlp_module.COMPONENTS:
            nlp.add_pipe(name)
        results, stats = run_extraction(iter(contexts), nlp=nlp)
        out[label] = {"pipes": nlp.pipe_names, "seconds": round(stats.seconds, 2),
                      "results": json.dumps([r.to_json() for r in results], sort_keys=True)}
    return {"excluded": list(nlp_module.UNUSED_MODEL_COMPONENTS),
            "identical_results": out["all_components"]["results"] == out["without_unused"]["results"],
            "seconds_all": out["all_components"]["seconds"], "seconds_without": out["without_unused"]["seconds"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results.json")
    args = parser.parse_args()
    import spacy

    work = Path(tempfile.mkdtemp(prefix="rapporteur-bench-"))
    try:
        results = {
            "machine": {"python": platform.python_version(), "platform": platform.platform(),
                        "processor": platform.machine(), "cpus": __import__("os").cpu_count(), "spacy": spacy.__version__},
            "seed": args.seed,
            "components": measure_components(args.seed),
            "sizes": [measure_size(n, args.seed, work, full=(i == 0)) for i, n in enumerate(args.sizes)],
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
