"""Each DVC stage lists, among its deps, every module of the package that the stage imports.

Imports are followed through the source, also those inside functions (modules import lazily), so a
stage whose code changes is always out of date for DVC. The one exception is `pipeline.cli`, whose
functions are the subcommands: only its module-level imports count, plus the modules the stage's
own subcommand calls (STAGE_ROOTS).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pipeline"

# The modules each stage's command runs (its CLI subcommand and the stage module it calls).
STAGE_ROOTS = {
    "ingest": ["pipeline.cli", "pipeline.ingest"],
    "extract": ["pipeline.cli", "pipeline.stages", "pipeline.extract", "pipeline.extract.nlp"],
    "reconcile": ["pipeline.cli", "pipeline.stages", "pipeline.reconcile"],
    "evaluate": ["pipeline.cli", "pipeline.stages", "pipeline.evaluate"],
}


def module_file(name: str) -> Path | None:
    rel = Path(*name.split("."))
    for candidate in (ROOT / rel.with_suffix(".py"), ROOT / rel / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def imported_modules(name: str) -> set[str]:
    """Package modules imported by `name`, anywhere in its source, and their parent packages."""
    path = module_file(name)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if name == "pipeline.cli" else list(ast.walk(tree))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("pipeline")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("pipeline"):
                continue
            found.add(target)
            found |= {f"{target}.{a.name}" for a in node.names if module_file(f"{target}.{a.name}")}
    out = set()
    for mod in found:
        parts = mod.split(".")
        out |= {".".join(parts[:i]) for i in range(1, len(parts) + 1) if module_file(".".join(parts[:i]))}
    return out


def closure(roots: list[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        mod = todo.pop()
        if mod in seen or module_file(mod) is None:
            continue
        seen.add(mod)
        todo += sorted(imported_modules(mod) - seen)
    return seen


def stage_deps(stage: str) -> list[str]:
    spec = yaml.safe_load((ROOT / "dvc.yaml").read_text())["stages"][stage]
    return (spec.get("do") or spec)["deps"]


def covered(path: Path, deps: list[str]) -> bool:
    rel = path.relative_to(ROOT).as_posix()
    return any(rel == d or rel.startswith(d.rstrip("/") + "/") for d in deps)


def test_the_closure_follows_lazy_imports():
    assert "pipeline.evaluate" not in closure(["pipeline.cli"])  # imported by another subcommand
    mods = closure(STAGE_ROOTS["extract"])
    assert {"pipeline.extract.people", "pipeline.extract.roles", "pipeline.lang.dateparse", "pipeline.records"} <= mods


@pytest.mark.parametrize("stage", sorted(STAGE_ROOTS))
def test_stage_deps_cover_every_imported_module(stage):
    deps = stage_deps(stage)
    missing = sorted(str(module_file(m).relative_to(ROOT)) for m in closure(STAGE_ROOTS[stage])
                     if not covered(module_file(m), deps))
    assert not missing, f"dvc.yaml stage {stage!r} does not list these modules it imports: {missing}"


def test_resources_are_deps_of_the_stages_that_read_them():
    for stage in ("extract", "reconcile", "evaluate"):
        assert covered(PACKAGE / "lang" / "en" / "roles.yaml", stage_deps(stage)), stage
