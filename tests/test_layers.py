"""Imports point down only: lang (with the core records and table schemas) <- ingest <- extract <-
reconcile <- the commands (stages, cli, evaluate, report, docs).

Every import of every module is read from its source, also those inside functions."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"

LAYERS = {  # top-level part of the package -> its layer
    "lang": 0, "records": 0, "tables": 0,
    "ingest": 1,
    "extract": 2,
    "reconcile": 3,
    "stages": 4, "cli": 4, "evaluate": 4, "report": 4, "docs": 4, "sql": 4, "calibrate": 4,
    "__init__": 0,
}
# the scorer measures the tables, never the code that made them
MAY_NOT_IMPORT = {"evaluate": {"ingest", "extract", "reconcile"}}


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def part_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, top-level part of `pipeline`) for every import of a package module in `path`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package_parts = ["pipeline", *path.relative_to(PACKAGE).parent.parts]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[: len(package_parts) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                targets = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
            else:
                targets = [node.module or ""]
        else:
            continue
        for t in targets:
            parts = t.split(".")
            if parts[0] == "pipeline" and len(parts) > 1:
                found.append((node.lineno, parts[1]))
    return found


def test_every_part_of_the_package_has_a_layer():
    assert sorted({part_of(p) for p in modules()} - set(LAYERS)) == []


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down(path):
    here = part_of(path)
    wrong = [f"line {line}: imports pipeline.{target} (layer {LAYERS.get(target)}) from layer {LAYERS[here]}"
             for line, target in imports_of(path)
             if target in LAYERS and (LAYERS[target] > LAYERS[here]
                                      or (LAYERS[target] == LAYERS[here] and target != here and 0 < LAYERS[here] < 4)
                                      or target in MAY_NOT_IMPORT.get(here, set()))]
    assert not wrong, f"{path.relative_to(PACKAGE)}: " + "; ".join(wrong)


def test_the_check_sees_an_upward_import(tmp_path):
    bad = PACKAGE / "lang" / "_probe_upward.py"
    bad.write_text("def f():\n    from ..reconcile import meetings\n", encoding="utf-8")
    try:
        assert imports_of(bad) == [(2, "reconcile")]
        assert LAYERS["reconcile"] > LAYERS[part_of(bad)]
    finally:
        bad.unlink()
