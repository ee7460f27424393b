"""notebooks/explore.ipynb runs against a fresh pipeline run, so a schema change that breaks it fails."""
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"


def test_notebook_is_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")


def test_notebook_runs_on_the_seed_outputs(seed_outputs, monkeypatch):
    monkeypatch.setenv("RAPPORTEUR_OUTPUTS", str(seed_outputs))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    texts = "".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert "Petya Nestorova" in texts  # the person x meeting matrix
    assert "class=\"entities\"" in texts and "<mark" in texts  # the displaCy rendering
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 2, "the charts must render inline"
