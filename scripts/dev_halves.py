"""Score the two halves of the development corpus (tests/gold/dev/halves.yaml) side by side.

The halves are split by meeting. Rules are developed on `read`, whose per-document misses and
extras may be written to a report; `unread` is only ever scored in aggregate, so the gap between
the two columns shows how far a change is fitted to the reports that were read.

    .venv/bin/rapporteur run --input tests/corpus/dev --output outputs/dev -q
    .venv/bin/python scripts/dev_halves.py [--output outputs/dev] [--report outputs/dev/read_half.md]
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "dev"


def half_gold(keys: set[str], dest: Path) -> Path:
    """A gold folder holding only the documents and cross-document truth of these meetings."""
    dest.mkdir(parents=True, exist_ok=True)
    docs: set[str] = set()
    for path in sorted(GOLD.glob("*.yaml")):
        if path.name.startswith("_") or path.name == "halves.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if ((data.get("meeting") or {}).get("key")) in keys:
            shutil.copy(path, dest / path.name)
            docs.add(path.stem)
    rec = yaml.safe_load((GOLD / "_reconciled.yaml").read_text(encoding="utf-8")) or {}
    persons = []
    for p in rec.get("persons") or []:
        inside = [d for d in p["docs"] if d in docs]
        if len(inside) > 1:
            persons.append(dict(p, docs=inside))
    out = {
        "meetings": [m for m in rec.get("meetings") or [] if m["key"] in keys],
        "persons": persons,
        # tenures are not tied to documents: they are scored on the whole corpus only
        "role_holders": [],
        "role_mentions_resolved": [r for r in rec.get("role_mentions_resolved") or [] if r["doc"] in docs],
    }
    (dest / "_reconciled.yaml").write_text(yaml.safe_dump(out, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return dest


def main() -> None:
    from pipeline.evaluate import evaluate, render

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--output", type=Path, default=ROOT / "outputs" / "dev",
                    help="tables of a run on tests/corpus/dev")
    ap.add_argument("--report", type=Path, default=None, help="per-document misses and extras of the read half only")
    ap.add_argument("--fit-on", choices=("read", "unread"), default="read",
                    help="with --calibrate: the half the confidences are fitted on (the other checks them)")
    ap.add_argument("--calibrate", action="store_true",
                    help="fit the confidences on the read half (pipeline/reconcile/calibration.json), reconcile "
                         "again, and check them on the unread half: bands of at least 10 facts within 0.05")
    args = ap.parse_args()
    halves = yaml.safe_load((GOLD / "halves.yaml").read_text(encoding="utf-8"))
    results = {}
    if args.calibrate:
        calibrate_on_halves(halves, args.output, args.fit_on)
        return
    with tempfile.TemporaryDirectory() as tmp:
        results["all"] = evaluate(GOLD, args.output)[0]
        for name in ("read", "unread"):
            gold = half_gold(set(halves[name]), Path(tmp) / name)
            metrics, report = evaluate(gold, args.output)
            results[name] = metrics
            if name == "read" and args.report:
                args.report.write_text(report.render(), encoding="utf-8")
    print(render(results))


def calibrate_on_halves(halves: dict, output: Path, fit_on: str = "read") -> None:
    from pipeline.calibrate import fit, write
    from pipeline.evaluate import evaluate, reliability, render_reliability
    from pipeline.stages import reconcile

    with tempfile.TemporaryDirectory() as tmp:
        read = half_gold(set(halves["read"]), Path(tmp) / "read")
        unread = half_gold(set(halves["unread"]), Path(tmp) / "unread")
        fitted, checked_half = (read, unread) if fit_on == "read" else (unread, read)
        print("calibration written to", write(fit(fitted, output)))
        reconcile(output)
        for name, gold in ((f"{fit_on} half (fitted)", fitted), ("other half (checked)", checked_half)):
            table = reliability(evaluate(gold, output)[1].outcomes)
            bands = {k: v for k, v in table.items() if k.startswith("band")}
            print(f"\n{name}\n" + render_reliability(bands))
            checked = {k: v for k, v in bands.items() if v["n"] >= 10}
            off = {k: round(v["stated"] - v["precision"], 3) for k, v in checked.items() if abs(v["stated"] - v["precision"]) > 0.05}
            print(f"bands with >= 10 facts: {len(checked)}; off by more than 0.05: {off or 'none'}")


if __name__ == "__main__":
    main()
