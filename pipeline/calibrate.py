"""Confidence that means something: each fact's confidence is the precision its method was
measured to have on gold (`rapporteur calibrate`), stored as data in reconcile/calibration.json
and applied when the tables are written.

Per (kind of fact, method): (right + K * prior) / (n + K), where the prior is the precision of all
facts of that kind, so that a method seen on few facts leans on its kind."""
from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from pathlib import Path

from .evaluate import evaluate

CALIBRATION_FILE = Path(__file__).parent / "reconcile" / "calibration.json"
K = 4.0


def fit(gold_dir: Path | str, output: Path | str) -> dict:
    """Measured precision per kind and method, from the tables in `output` scored against `gold_dir`."""
    _, report = evaluate(gold_dir, output)
    by_kind: dict[str, list[bool]] = defaultdict(list)
    by_method: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for kind, method, _, ok in report.outcomes:
        by_kind[kind].append(ok)
        by_method[(kind, method)].append(ok)
    table: dict[str, dict[str, float]] = {}
    for (kind, method), oks in sorted(by_method.items()):
        if method.startswith("inferred:tenure"):
            continue  # its confidence comes from the tenure evidence of each row
        prior = sum(by_kind[kind]) / len(by_kind[kind])
        table.setdefault(kind, {})[method] = round((sum(oks) + K * prior) / (len(oks) + K), 3)
    return {"fitted_on": str(gold_dir), "fitted": date.today().isoformat(), "smoothing": K,
            "n": {kind: len(v) for kind, v in sorted(by_kind.items())}, "confidence": table}


def write(calibration: dict, path: Path | str = CALIBRATION_FILE) -> Path:
    path = Path(path)
    path.write_text(json.dumps(calibration, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path
