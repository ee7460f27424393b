"""Resource ablation: remove one resource entry at a time and see which seed metrics fall.

The seeds score 1.0 on many metrics; a rule that exists for one seed sentence shows up here as a
metric that drops from 1.0 to 0 when its entry is removed. Entries of word lists that occur in no
seed text cannot change the seed results and are skipped; every pattern (regular expression) entry
is tried. Each trial runs the whole pipeline on a copy of the repository.

    .venv/bin/python scripts/ablate_resources.py [--workers 2] [--out ablation.json]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "pipeline" / "lang" / "en"
PATTERN_KEYS = {"cues", "terminators", "boundaries", "descriptive", "year_evidence", "organisers", "normalise",
                "nested", "between_shapes", "addressed_before", "lead_in_cues", "patterns"}


def entries(data, path=()):
    """(path, value) of every removable entry: items of lists, and keys of word mappings."""
    if isinstance(data, list):
        for i, item in enumerate(data):
            yield path + (i,), item
            if isinstance(item, dict):
                yield from entries(item, path + (i,))
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, (list, dict)):
                yield from entries(value, path + (key,))
            elif path and not isinstance(path[-1], int):
                yield path + (key,), key


def removed(data, path):
    data = json.loads(json.dumps(data))
    target = data
    for step in path[:-1]:
        target = target[step]
    if isinstance(target, list):
        target.pop(path[-1])
    else:
        target.pop(path[-1])
    return data


# Files and keys whose entries cannot carry a scored seed fact on their own: topics are not scored,
# and removing a blocklisted or function word can add a false fact but cannot erase a true one.
SKIP_FILES = {"topics.yaml", "not_names.yaml", "org_heads.yaml", "demonyms.yaml"}
SKIP_KEYS = {"function_words", "months", "weekdays", "numbers", "ordinals", "groups", "addressees", "lowercase_words"}


def relevant(path, value, seed_text: str) -> bool:
    if any(isinstance(p, str) and p in SKIP_KEYS for p in path):
        return False
    if any(isinstance(p, str) and p in PATTERN_KEYS for p in path):
        return len(path) <= 2  # a pattern entry itself, not its fields
    words = value if isinstance(value, str) else (value.get("name") if isinstance(value, dict) else None)
    return isinstance(words, str) and len(words) > 2 and re.search(rf"\b{re.escape(words.lower())}\b", seed_text) is not None


def score(repo: Path) -> dict[str, float]:
    bin_dir = ROOT / ".venv" / "bin"
    out = repo / "out"
    env = {**os.environ, "PYTHONPATH": str(repo)}
    subprocess.run([str(bin_dir / "python"), "-m", "pipeline.cli", "run", "--input", str(ROOT / "raw_texts"),
                    "--output", str(out), "-q", "--no-cache"], cwd=repo, env=env, check=True, capture_output=True)
    subprocess.run([str(bin_dir / "python"), "-m", "pipeline.cli", "evaluate", "--gold", str(ROOT / "tests/gold/seeds"),
                    "--output", str(out), "-q"], cwd=repo, env=env, check=True, capture_output=True)
    return json.loads((out / "metrics.json").read_text())["seeds"]


def trial(name: str, path, value, base: dict[str, float]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        shutil.copytree(ROOT / "pipeline", repo / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
        data = yaml.load((RESOURCES / name).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        (repo / "pipeline/lang/en" / name).write_text(yaml.safe_dump(removed(data, path), allow_unicode=True),
                                                               encoding="utf-8")
        try:
            got = score(repo)
        except subprocess.CalledProcessError as exc:
            return {"file": name, "entry": str(value)[:80], "error": exc.stderr.decode()[-300:]}
    to_zero = sorted(k for k, v in got.items() if base.get(k) == 1.0 and v == 0.0)
    fell = {k: round(got[k] - base[k], 3) for k in got if got[k] < base[k] - 1e-9}
    return {"file": name, "entry": str(value)[:80], "to_zero": to_zero, "fell": fell}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "ablation.json"))
    args = parser.parse_args()
    seed_text = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "raw_texts").glob("*.txt")).lower()
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "pipeline", Path(tmp) / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
        base = score(Path(tmp))
    todo = []
    for path in sorted(RESOURCES.glob("*.yaml")):
        if path.name in SKIP_FILES:
            continue
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        for entry_path, value in entries(data):
            if relevant(entry_path, value, seed_text):
                todo.append((path.name, entry_path, value))
    print(f"{len(todo)} ablations", file=sys.stderr)
    with ThreadPoolExecutor(args.workers) as pool:
        results = list(pool.map(lambda t: trial(*t, base), todo))
    Path(args.out).write_text(json.dumps({"baseline": base, "trials": results}, indent=1, ensure_ascii=False))
    zero = [r for r in results if r.get("to_zero")]
    print(f"{len(results)} ablations; {len(zero)} took a seed metric from 1.0 to 0:", file=sys.stderr)
    for r in zero:
        print(f"  {r['file']}: {r['entry']!r} -> {r['to_zero']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
