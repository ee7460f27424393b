"""`dvc repro` runs the stages end to end in a fresh copy of the repository."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPY = ["raw_texts", "pipeline", "tests/gold", "tests/corpus", "params.yaml", "dvc.yaml", ".dvc/config", ".dvcignore",
        "curation.yaml"]


def test_dvc_repro_in_a_fresh_copy(tmp_path):
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "dvc").exists(), "dvc is not installed: `make test` installs the [dvc] extra"
    repo = tmp_path / "repo"
    for item in COPY:
        src, dst = ROOT / item, repo / item
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dst)
    # as a new user runs it: the environment is not activated, .venv is where `make install` put it
    (repo / ".venv").symlink_to(bin_dir.parent, target_is_directory=True)
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if Path(p) != bin_dir)
    env = {**os.environ, "PATH": path, "DVC_NO_ANALYTICS": "1"}
    env.pop("VIRTUAL_ENV", None)
    run = lambda *cmd: subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True, timeout=600)  # noqa: E731
    assert run("git", "init", "-q").returncode == 0
    result = run(str(bin_dir / "dvc"), "repro")
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("documents", "meetings", "person_roles", "counts", "recommendations"):
        assert (repo / "outputs" / f"{name}.parquet").exists()
        assert (repo / "outputs" / "dev" / f"{name}.parquet").exists()
    assert (repo / "dvc.lock").exists()
    shown = run(str(bin_dir / "dvc"), "metrics", "show", "--json")
    assert shown.returncode == 0, shown.stderr
    metrics = json.loads((repo / "metrics.json").read_text())
    assert set(metrics) == {"seeds", "dev", "reliability"}
    assert metrics["reliability"]["dev"]["count rule:count"]["n"] > 10
    assert metrics["seeds"]["meetings_cluster_f1"] == 1.0
    assert 0.5 < metrics["dev"]["headline_mean"] < 1.0
    assert "people_f1" in shown.stdout and '"dev"' in shown.stdout
    again = run(str(bin_dir / "dvc"), "repro")
    assert again.returncode == 0 and "didn't change, skipping" in again.stdout
