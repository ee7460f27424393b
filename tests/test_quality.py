"""The seed scores never fall below their floors (tests/quality_floors.yaml)."""
from pathlib import Path

import pytest
import yaml

from conftest import GOLD
from pipeline.evaluate import evaluate

FLOORS = yaml.safe_load((Path(__file__).parent / "quality_floors.yaml").read_text())


@pytest.fixture(scope="module")
def metrics(seed_outputs):
    scores, _ = evaluate(GOLD, seed_outputs)
    return scores


def test_every_metric_has_a_floor(metrics):
    assert sorted(FLOORS) == sorted(metrics)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_metric_is_at_least_its_floor(metrics, metric):
    assert metrics[metric] >= FLOORS[metric], f"{metric} fell to {metrics[metric]} (floor {FLOORS[metric]})"
