"""`dvc repro` runs the stages end to end in a fresh copy of the repository."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPY = ["raw_texts", "pipeline", "tests/gold", "params.yaml", "dvc.yaml", ".dvc/config", ".dvcignore"]


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
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", "DVC_NO_ANALYTICS": "1"}
    run = lambda *cmd: subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True, timeout=600)  # noqa: E731
    assert run("git", "init", "-q").returncode == 0
    result = run(str(bin_dir / "dvc"), "repro")
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("documents", "meetings", "person_roles", "counts", "recommendations"):
        assert (repo / "outputs" / f"{name}.parquet").exists()
    assert (repo / "dvc.lock").exists()
    shown = run(str(bin_dir / "dvc"), "metrics", "show", "--json")
    assert shown.returncode == 0, shown.stderr
    metrics = json.loads((repo / "outputs" / "metrics.json").read_text())
    assert metrics["counts_f1"] == 1.0 and metrics["meetings_cluster_f1"] == 1.0
    assert "people_f1" in shown.stdout
    again = run(str(bin_dir / "dvc"), "repro")
    assert again.returncode == 0 and "didn't change, skipping" in again.stdout
