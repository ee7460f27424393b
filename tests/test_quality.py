"""Scores never fall below their floors (tests/quality_floors.yaml), on both gold sets.

The floors that matter are the development corpus's (real reports the rules were not written
for); the seed floors are a regression check, set below 1.0 so that a general rule may lose a
seed edge case."""
from pathlib import Path

import pytest
import yaml

from conftest import DEV_GOLD, GOLD
from pipeline.evaluate import evaluate

FLOORS = yaml.safe_load((Path(__file__).parent / "quality_floors.yaml").read_text())
GOLDS = {"seeds": GOLD, "dev": DEV_GOLD}


@pytest.fixture(scope="module")
def metrics(request, seed_outputs, dev_outputs):
    outputs = {"seeds": seed_outputs, "dev": dev_outputs}
    return {name: evaluate(GOLDS[name], outputs[name])[0] for name in GOLDS}


def test_both_sets_have_floors_for_every_metric(metrics):
    assert sorted(FLOORS) == ["dev", "seeds"]
    for name in GOLDS:
        assert sorted(FLOORS[name]) == sorted(metrics[name]), name


@pytest.mark.parametrize("name,metric", [(n, m) for n in sorted(FLOORS) for m in sorted(FLOORS[n])])
def test_metric_is_at_least_its_floor(metrics, name, metric):
    got = metrics[name][metric]
    assert got >= FLOORS[name][metric], f"{name} {metric} fell to {got} (floor {FLOORS[name][metric]})"
