"""The evaluator itself, on outputs built by hand from the gold files."""
from __future__ import annotations

import copy
from datetime import date

import pytest
import yaml

from conftest import GOLD
from pipeline.evaluate import evaluate, gold_date_matches, load_gold, rec_overlap
from pipeline.tables import TABLES, write_tables


def _d(value):
    if value is None:
        return None
    text = str(value)
    return date(int(text), 1, 1) if len(text) == 4 else date.fromisoformat(text)


def _row(table, **values):
    row = {c: None for c in TABLES[table].column_names}
    for c in TABLES[table].columns:
        if str(c.type).startswith("list"):
            row[c.name] = []
    row.update(values)
    return row


def perfect_tables():
    docs, rec = load_gold(GOLD)
    person_ids = {p["name"]: f"p{i}" for i, p in enumerate(rec["persons"])}
    key_to_mid = {m["key"]: f"m-{m['key']}" for m in rec["meetings"]}
    t = {name: [] for name in ("person_roles", "counts", "recommendations", "meeting_sources", "meetings", "people", "role_tenures")}
    for doc_id, g in docs.items():
        meeting = g["meeting"]
        mid = key_to_mid[meeting["key"]]
        for i, p in enumerate(g["people"] or []):
            t["person_roles"].append(_row("person_roles", assertion_id=f"{doc_id}-{i}", doc_id=doc_id, name=p["name"],
                                          person_id=person_ids[p["name"]], role=p["role"], organization=p["organization"],
                                          method="m", confidence=1.0, start_char=0, end_char=1))
        for i, r in enumerate(g["role_mentions"] or []):
            holder = next((x["likely_holder"] for x in rec["role_mentions_resolved"]
                           if x["doc"] == doc_id and x["role"] == r["role"]), None)
            t["person_roles"].append(_row("person_roles", assertion_id=f"{doc_id}-r{i}", doc_id=doc_id, role=r["role"],
                                          role_norm=r["role"], country=r["country"], organization=r["organization"],
                                          likely_person_id=person_ids.get(holder), method="m", confidence=1.0,
                                          start_char=0, end_char=1))
        for i, c in enumerate(g["counts"] or []):
            t["counts"].append(_row("counts", count_id=f"{doc_id}-{i}", doc_id=doc_id, value=c["value"], qualifier=c["qualifier"],
                                    unit=c["unit"], text=c["text"], start_char=0, end_char=1, method="m", confidence=1.0))
        for i, r in enumerate(g["recommendations"] or []):
            t["recommendations"].append(_row("recommendations", recommendation_id=f"{doc_id}-{i}", doc_id=doc_id,
                                             text=r["text"], actor=r["by"], kind="sentence", start_char=0, end_char=1,
                                             method="m", confidence=1.0))
        t["meeting_sources"].append(_row("meeting_sources", meeting_id=mid, doc_id=doc_id, start_date=_d(meeting["start_date"]),
                                         end_date=_d(meeting["end_date"]), city=meeting["city"], country=meeting["country"],
                                         venue=meeting["venue"], mode=meeting["mode"], name=meeting.get("name"),
                                         organizers=meeting.get("organizers") or []))
    for m in rec["meetings"]:
        fields = {k: m.get(k) for k in ("city", "country", "venue", "mode")}
        part, ctry = m.get("participants") or {}, m.get("countries") or {}
        t["meetings"].append(_row("meetings", meeting_id=key_to_mid[m["key"]], start_date=_d(m.get("start_date")),
                                  end_date=_d(m.get("end_date")), doc_ids=m["docs"], participants=part.get("value"),
                                  participants_qualifier=part.get("qualifier"), countries=ctry.get("value"),
                                  countries_qualifier=ctry.get("qualifier"), **fields))
    for p in rec["persons"]:
        t["people"].append(_row("people", person_id=person_ids[p["name"]], name=p["name"], doc_ids=p["docs"], n_mentions=1))
    for h in rec["role_holders"]:
        for seen in h["seen"]:
            d = _d(seen["date"])
            t["role_tenures"].append(_row("role_tenures", role_norm=h["role"], person_id=person_ids[seen["name"]],
                                          name=seen["name"], first_seen=d, last_seen=date(d.year, 12, 31), n_sources=1))
    return t


def test_perfect_outputs_score_one_everywhere(tmp_path):
    write_tables(perfect_tables(), tmp_path)
    metrics, report = evaluate(GOLD, tmp_path)
    assert {k: v for k, v in metrics.items() if v != 1.0} == {}
    assert report.lines == {}


def test_empty_outputs_score_zero_recall(tmp_path):
    write_tables({name: [] for name in TABLES}, tmp_path)
    metrics, _ = evaluate(GOLD, tmp_path)
    for key, value in metrics.items():
        if key.endswith(("recall", "f1", "accuracy")):
            assert value == 0.0, key


def test_a_known_perturbation_gives_exact_numbers(tmp_path):
    tables = perfect_tables()
    # drop one of the 12 gold counts, change the qualifier of another, and add one spurious count
    counts = tables["counts"]
    dropped = counts.pop(0)
    counts[0] = dict(counts[0], qualifier="nearly" if counts[0]["qualifier"] != "nearly" else "exact")
    counts.append(dict(dropped, count_id="extra", value=999))
    # one person too many in a document, and one role wrong
    extra = copy.deepcopy(tables["person_roles"][0])
    tables["person_roles"].append(dict(extra, assertion_id="x", name="Invented Person", person_id="px"))
    tables["person_roles"][1] = dict(tables["person_roles"][1], role="Mayor of Somewhere")
    write_tables(tables, tmp_path)
    metrics, report = evaluate(GOLD, tmp_path)
    n_counts = sum(len(yaml.safe_load(p.read_text())["counts"] or []) for p in GOLD.glob("0*.yaml"))
    assert n_counts == 12
    assert metrics["counts_precision"] == round(11 / 12, 4)
    assert metrics["counts_recall"] == round(11 / 12, 4)
    assert metrics["counts_qualifier_accuracy"] == round(10 / 11, 4)
    assert metrics["people_precision"] == round(11 / 12, 4)
    assert metrics["people_recall"] == 1.0
    assert metrics["people_role_accuracy"] == round(10 / 11, 4)
    assert any("extra person: Invented Person" in line for lines in report.lines.values() for line in lines)


def test_date_matching_rules():
    assert gold_date_matches(2024, date(2024, 7, 1))
    assert not gold_date_matches(2024, date(2023, 12, 31))
    assert gold_date_matches(date(2023, 6, 6), date(2023, 6, 6))
    assert not gold_date_matches(date(2023, 6, 6), date(2023, 6, 7))
    assert gold_date_matches("2023-06", date(2023, 6, 30))
    assert gold_date_matches(None, None) and not gold_date_matches(None, date(2020, 1, 1))


@pytest.mark.parametrize("gold, pred, matches", [
    ("States should fund shelters", "States should fund shelters for victims", True),
    ("States should fund shelters", "Courts must hear children", False),
    ("the need to provide support", "they discussed the need to provide support and assistance to victims of all kinds "
                                    "in every region of every country at every level of government, with new money from "
                                    "donors and lenders across the whole continent", False),
])
def test_recommendation_overlap(gold, pred, matches):
    assert (rec_overlap(gold, pred) > 0) is matches


def test_wrong_organizers_and_name_are_scored(tmp_path):
    tables = perfect_tables()
    docs, _ = load_gold(GOLD)
    with_orgs = [r for r in tables["meeting_sources"] if r["organizers"]]
    with_orgs[0]["organizers"] = ["Somebody Else"]
    with_orgs[0]["name"] = "an unrelated gathering"
    write_tables(tables, tmp_path)
    metrics, report = evaluate(GOLD, tmp_path)
    n_orgs = sum(1 for g in docs.values() if g["meeting"].get("organizers"))
    n_names = sum(1 for g in docs.values() if g["meeting"].get("name"))
    assert metrics["meeting_organizers_accuracy"] == round((n_orgs - 1) / n_orgs, 4)
    assert metrics["meeting_name_accuracy"] == round((n_names - 1) / n_names, 4)
    assert any("meeting organizers" in line for lines in report.lines.values() for line in lines)


def test_headline_is_the_mean_of_five_scores(tmp_path):
    write_tables(perfect_tables(), tmp_path)
    metrics, _ = evaluate(GOLD, tmp_path)
    assert metrics["headline_mean"] == 1.0
    tables = perfect_tables()
    tables["counts"] = []
    write_tables(tables, tmp_path)
    metrics, _ = evaluate(GOLD, tmp_path)
    assert metrics["counts_f1"] == 0.0
    assert metrics["headline_mean"] == 0.8


def test_two_sets_side_by_side(tmp_path, monkeypatch):
    import json

    from click.testing import CliRunner

    from pipeline.cli import main
    from pipeline.evaluate import render

    good, empty = tmp_path / "good", tmp_path / "empty"
    write_tables(perfect_tables(), good)
    write_tables({name: [] for name in TABLES}, empty)
    params = tmp_path / "params.yaml"
    params.write_text(yaml.safe_dump({"evaluate": {"metrics": str(tmp_path / "m.json"), "sets": {
        "seeds": {"gold": str(GOLD), "output": str(good)}, "other": {"gold": str(GOLD), "output": str(empty)}}}}, sort_keys=False))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["evaluate"])
    assert result.exit_code == 0, result.output
    header = result.output.splitlines()[0].split()
    assert header == ["metric", "seeds", "other"]
    assert result.output.splitlines()[2].split() == ["headline_mean", "1.000", "0.000"]
    stored = json.loads((tmp_path / "m.json").read_text())
    assert stored["seeds"]["people_f1"] == 1.0 and stored["other"]["people_f1"] == 0.0
    assert render({"a": {"x": 0.5}}).splitlines()[-1].split() == ["x", "0.500"]


def test_a_set_without_tables_is_a_clear_error(tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import main

    result = CliRunner().invoke(main, ["evaluate", "--gold", str(GOLD), "--output", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert "no tables in" in result.output


def test_the_reliability_table_counts_facts_per_band_and_method():
    from pipeline.evaluate import reliability

    table = reliability([("count", "rule:count", 0.9, True), ("count", "rule:count", 0.92, False),
                         ("role_only", "rule:role-only", 0.55, True)])
    assert table["count rule:count"] == {"n": 2, "right": 1, "stated": 0.91, "precision": 0.5}
    assert table["band 0.9-1.0"]["n"] == 2 and table["band 0.5-0.6"]["precision"] == 1.0


def test_calibration_is_the_smoothed_precision_per_method(dev_outputs):
    from conftest import DEV_GOLD
    from pipeline.calibrate import K, fit
    from pipeline.evaluate import evaluate

    calibration = fit(DEV_GOLD, dev_outputs)
    outcomes = evaluate(DEV_GOLD, dev_outputs)[1].outcomes
    counts = [ok for kind, method, _, ok in outcomes if kind == "count"]  # the prior: every count
    prior = sum(counts) / len(counts)
    rule = [ok for kind, method, _, ok in outcomes if kind == "count" and method == "rule:count"]
    assert calibration["confidence"]["count"]["rule:count"] == round((sum(rule) + K * prior) / (len(rule) + K), 3)


def test_evaluate_scores_the_sets_whose_tables_exist_and_says_how_to_make_the_others(seed_outputs, tmp_path):
    import pytest
    from click import ClickException

    from conftest import DEV_GOLD, GOLD
    from pipeline.evaluate import main

    results = main({"seeds": (GOLD, seed_outputs), "dev": (DEV_GOLD, tmp_path / "nothing")},
                   metrics_file=tmp_path / "m.json", echo=False)
    assert list(results) == ["seeds"]
    with pytest.raises(ClickException, match="no set to score"):
        main({"dev": (DEV_GOLD, tmp_path / "nothing")}, metrics_file=tmp_path / "m.json", echo=False)


def test_a_wrong_organisation_is_scored_and_reported(tmp_path):
    tables = perfect_tables()
    row = next(r for r in tables["person_roles"] if r["name"] and r["organization"])
    gold_org, row["organization"] = row["organization"], "Somebody Else"
    write_tables(tables, tmp_path)
    metrics, report = evaluate(GOLD, tmp_path)
    assert metrics["people_organization_accuracy"] < 1.0
    assert any(f"organization of {row['name']}" in line and gold_org in line
               for lines in report.lines.values() for line in lines)
