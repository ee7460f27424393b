"""One very long document (5 million characters built from the seed paragraphs): the run must
finish, write its tables, and keep peak memory bounded (issue 18: under 2 GB).

    .venv/bin/python benchmarks/long_document.py [--chars 5000000]

Writes benchmarks/long_document.json: characters, pieces, seconds, peak RSS of the run (MB).
"""
from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(chars: int) -> str:
    paragraphs = [p.strip() for f in sorted((ROOT / "raw_texts").glob("*.txt"))
                  for p in f.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 80]
    out, size, i = [], 0, 0
    while size < chars:
        p = paragraphs[i % len(paragraphs)]
        out.append(p)
        size += len(p) + 2
        i += 1
    return "\n\n".join(out)[:chars]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=5_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        text = build(args.chars)
        (folder / "long.txt").write_text(text, encoding="utf-8")
        started = time.perf_counter()
        result = subprocess.run([str(ROOT / ".venv" / "bin" / "rapporteur"), "run", "--input", str(folder),
                                 "--output", str(Path(tmp) / "out"), "-q", "--no-cache"], capture_output=True, text=True)
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        ok = result.returncode == 0 and (Path(tmp) / "out" / "meetings.parquet").exists()
        from pipeline.extract import chunks

        report = {"chars": len(text), "pieces": len(chunks(text)), "ok": ok, "seconds": round(seconds, 1),
                  "peak_rss_mb": round(peak_mb), "python": platform.python_version(), "machine": platform.machine()}
        if not ok:
            report["stderr"] = result.stderr[-2000:]
    (ROOT / "benchmarks" / "long_document.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
