"""Every rule resource is loaded through its typed rule class and validated when the pipeline is
built; a malformed file stops the run with a message naming the file and the key."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.lang import resources
from pipeline.lang.resources import RESOURCE_DIR, ResourceError, load, validate_all


@pytest.fixture
def resource_copy(tmp_path, monkeypatch):
    """A copy of the resources folder that a test may break; the real files are reloaded after."""
    folder = tmp_path / "resources"
    shutil.copytree(RESOURCE_DIR, folder)
    monkeypatch.setattr(resources, "RESOURCE_DIR", folder)
    load.cache_clear()
    yield folder
    load.cache_clear()


def test_every_resource_file_has_a_rule_class_and_loads():
    validate_all()
    assert sorted(p.name for p in RESOURCE_DIR.glob("*.yaml")) == sorted(resources.RULES)
    counts = load("counts.yaml")
    assert counts.qualifiers["more_than"][0] == "more than"
    assert load("lexicon.yaml").numbers.tens["forty"] == 40
    assert load("venues.yaml").generic_headquarters is True


def _replace(folder, name, old, new):
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("name,old,new,message", [
    ("counts.yaml", "qualifiers:", "qualifier:", "unknown key 'qualifier'"),
    ("roles.yaml", 'complements: ["of", "on", "for", "to", "at", "with"]', "", "missing key 'complements'"),
    ("recommendations.yaml", "    scope: clause\n", "    scope: sentence\n", "'sentence' is not one of"),
    ("meetings.yaml", "year_evidence: [", "year_evidence: [\"(unclosed\", ", "not a valid regular expression"),
    ("lexicon.yaml", "one: 1,", "one: many,", "expected a whole number"),
    ("venues.yaml", "generic_headquarters: true", "generic_headquarters: perhaps", "expected true or false"),
    ("demonyms.yaml", "Albanian: Albania", "Albanian: Albania\nAlbanian: Armenia", "key 'Albanian' is written twice"),
])
def test_a_malformed_file_names_the_file_and_the_key(resource_copy, name, old, new, message):
    _replace(resource_copy, name, old, new)
    with pytest.raises(ResourceError) as err:
        validate_all()
    assert name in str(err.value) and message in str(err.value)


def test_an_unregistered_file_is_refused(resource_copy):
    (resource_copy / "stray.yaml").write_text("- a\n")
    with pytest.raises(ResourceError, match="'stray.yaml' has no rule class"):
        validate_all()


def test_the_run_stops_with_exit_status_1_and_a_clear_message(resource_copy, tmp_path):
    _replace(resource_copy, "counts.yaml", "units:", "unit:")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Forty experts met in a city on a day of the year.\n")
    result = CliRunner().invoke(main, ["run", "--input", str(folder), "--output", str(tmp_path / "out"), "-q", "--no-cache"])
    assert result.exit_code == 1
    assert "counts.yaml" in result.output and "unknown key 'unit'" in result.output
    assert not (tmp_path / "out" / "meetings.parquet").exists()
