"""Stage entry points used by the CLI and DVC, with their parameters from params.yaml."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger(__name__)

PARAMS_FILE = Path("params.yaml")


class ParamsError(ValueError):
    """params.yaml does not have the shape a stage expects."""


def params(stage: str, path: Path = PARAMS_FILE) -> dict[str, Any]:
    """The stage's section of params.yaml (empty when the file is absent)."""
    if not path.exists():
        return {}
    loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    section = loaded.get(stage) or {}
    if not isinstance(section, dict):
        raise ParamsError(f"{path}: section {stage!r} must be a mapping, got {section!r}")
    return section


def languages(path: Path = PARAMS_FILE) -> tuple[str, ...]:
    """The languages a spaCy model is configured for (params.yaml extract.languages)."""
    configured = params("extract", path).get("languages") or {"en": None}
    if not isinstance(configured, dict) or not all(isinstance(k, str) and len(k) == 2 for k in configured):
        raise ParamsError(f"{path}: extract.languages must map ISO 639-1 codes to model names, got {configured!r}")
    return tuple(sorted(configured))


def model_for(language: str, path: Path = PARAMS_FILE) -> str | None:
    """The model configured for a language (None: the default resolution of extract.nlp)."""
    p = params("extract", path)
    return (p.get("languages") or {}).get(language) or p.get("model")


def extract(output: Path | str, *, model: str | None = None, batch_size: int | None = None,
            workers: int | None = None, cache_dir: Path | None = None, use_cache: bool = True,
            quiet: bool = False, scheduler: str | None = None):
    from .extract import main

    p = params("extract")
    return main(output, model=model or model_for("en"), batch_size=batch_size or p.get("batch_size"),
                workers=workers or p.get("workers"), cache_dir=cache_dir, use_cache=use_cache, quiet=quiet,
                scheduler=scheduler or p.get("scheduler"), components=components(p))


def components(p: dict[str, Any]) -> dict[str, dict]:
    """params.yaml extract.components: {component: {option: value}}, overriding default_config."""
    value = p.get("components") or {}
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ParamsError(f"{PARAMS_FILE}: extract.components must map component names to their options, got {value!r}")
    return value


def curation_file(path: Path = PARAMS_FILE) -> Path | None:
    """The curation file of params.yaml reconcile.curation (null: none)."""
    value = params("reconcile", path).get("curation", "curation.yaml")
    return Path(value) if value else None


def judgements(path: Path | None = None):
    """The judgements of the curation file, validated (CurationError names what is wrong)."""
    from .reconcile.curation import load

    return load(path or curation_file())


def reconcile(output: Path | str, extractions: list | None = None, progress: bool = False,
              curated: list | None = None):
    from .reconcile import main

    p = {k: v for k, v in params("reconcile").items() if k != "curation"}
    return main(output, p, extractions=extractions, progress=progress,
                judgements=judgements() if curated is None else curated)


def evaluation_sets(path: Path = PARAMS_FILE) -> tuple[dict[str, tuple[Path, Path]], Path]:
    """The gold sets to score, {name: (gold folder, outputs folder)}, and the metrics file."""
    p = params("evaluate", path)
    sets = p.get("sets")
    if not isinstance(sets, dict) or not sets:
        raise ParamsError(f"{path}: evaluate.sets must map set names to {{gold: DIR, output: DIR}}, got {sets!r}")
    out = {}
    for name, entry in sets.items():
        if not isinstance(entry, dict) or not {"gold", "output"} <= set(entry):
            raise ParamsError(f"{path}: evaluate.sets.{name} needs keys gold and output, got {entry!r}")
        out[str(name)] = (Path(entry["gold"]), Path(entry["output"]))
    return out, Path(p.get("metrics") or "metrics.json")


def uncurated(output: Path | str, workdir: Path) -> Path:
    """The tables of `output` as the pipeline alone made them: when the curation file changed any
    of them, reconcile again from the interim extractions without it, into `workdir`."""
    import shutil

    from .extract import read_extractions
    from .reconcile import main as reconcile_main
    from .tables import read_rows

    output = Path(output)
    if not (output / "curation_report.parquet").exists() or not any(
            r["status"] == "applied" for r in read_rows(output, "curation_report")):
        return output
    workdir.mkdir(parents=True, exist_ok=True)
    for name in ("documents", "footnotes", "segments"):
        shutil.copy(output / f"{name}.parquet", workdir / f"{name}.parquet")
    p = {k: v for k, v in params("reconcile").items() if k != "curation"}
    reconcile_main(workdir, p, extractions=read_extractions(output), judgements=[])
    return workdir
