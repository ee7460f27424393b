"""Regenerate the generated sections of README.md.

    python -m pipeline.docs                                  # the data dictionary, from the schemas
    python -m pipeline.docs --scores metrics.json     # and the scores (seeds and dev corpus)
    python -m pipeline.docs --bench benchmarks/results.json   # and the latest benchmark table
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from .tables import data_dictionary

START, END = "<!-- data-dictionary:start -->", "<!-- data-dictionary:end -->"


def readme_section() -> str:
    return data_dictionary().replace("# Data dictionary", "### Data dictionary", 1).replace("\n## ", "\n#### ")


def _replace(text: str, name: str, body: str) -> str:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body.strip()}\n\n{end}{tail}"


def scores_table(results: dict[str, dict[str, float]]) -> str:
    """One column per gold set (seeds, dev), headline first."""
    names = list(results)
    keys = sorted({k for m in results.values() for k in m}, key=lambda k: (k != "headline_mean", k))
    rows = ["| metric | " + " | ".join(names) + " |", "| --- |" + " --- |" * len(names)]
    rows += [f"| `{k}` | " + " | ".join(f"{results[n][k]:.3f}" if k in results[n] else "-" for n in names) + " |"
             for k in keys]
    return "\n".join(rows)


def bench_table(results: dict) -> str:
    m = results["machine"]
    first = results["sizes"][0]
    comp = results["components"]
    rows = [f"Measured on {m['cpus']} cores, {m['processor']}, Python {m['python']}, spaCy {m['spacy']} ({m['platform']}).", "",
            "| measure | value |", "| --- | --- |",
            f"| bare `nlp.pipe` (same model and components), words/s | {first['bare_pipe_words_per_second']:,} |",
            f"| extraction, words/s | {first['extract_words_per_second']:,} |",
            f"| extraction / bare | {first['extract_to_bare_ratio']:.2f} |",
            f"| 2 workers vs 1 (extraction of {first['documents']:,} documents) | {first['speedup_2_workers']:.2f}x "
            f"({first['extract_1_worker_seconds']} s -> {first['extract_2_workers_seconds']} s) |",
            f"| full run, {first['documents']:,} documents | {first['full_run_seconds']} s |",
            f"| re-run with 1 of {first['documents']:,} documents changed | {first['rerun_1_changed_seconds']} s "
            f"({100 * first['rerun_share_of_full']:.1f}% of the full run) |"]
    for size in results["sizes"]:
        rows.append(f"| peak memory of `rapporteur run`, {size['documents']:,} documents ({size['words']:,} words) | "
                    f"{size['peak_rss_mb']:,} MB |")
    rows.append(f"| model components excluded | {', '.join(comp['excluded'])}: identical results "
                f"{'yes' if comp['identical_results'] else 'NO'}, {comp['seconds_all']} s -> {comp['seconds_without']} s on the seeds x 8 |")
    return "\n".join(rows)


def update_readme(path: Path = Path("README.md"), scores: Path | None = None, bench: Path | None = None) -> None:
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    text = f"{head}{START}\n{readme_section().strip()}\n\n{END}{tail}"
    if scores:
        sets = {k: v for k, v in json.loads(scores.read_text()).items() if k != "reliability"}
        text = _replace(text, "scores", scores_table(sets))
    if bench:
        text = _replace(text, "bench", bench_table(json.loads(bench.read_text())))
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scores", type=Path)
    parser.add_argument("--bench", type=Path)
    args = parser.parse_args()
    update_readme(scores=args.scores, bench=args.bench)
