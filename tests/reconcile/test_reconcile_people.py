from datetime import date

from pipeline.reconcile.people import name_key, resolve_people
from pipeline.reconcile.tenure import attribute, build_tenures, by_role


def test_honorifics_case_and_accents_fold():
    assert name_key("Dr. Kari Johnstone") == name_key("KARI JOHNSTONE") == "kari johnstone"
    assert name_key("Zoë Müller-Lüdenscheidt") == "zoe muller-ludenscheidt"


def test_middle_names_and_initials_join_one_person():
    clusters, ids = resolve_people([
        {"doc_id": "a", "name": "Helga Maria Berger", "honorifics": []},
        {"doc_id": "b", "name": "Helga Berger", "honorifics": ["Ms."]},
        {"doc_id": "c", "name": "H. Berger", "honorifics": []},
    ])
    assert len({ids[("a", "Helga Maria Berger")], ids[("b", "Helga Berger")], ids[("c", "H. Berger")]}) == 1
    (person,) = clusters
    assert person.canonical == "Helga Maria Berger"
    assert person.honorifics == ["Ms."]


def test_a_full_name_is_one_person_across_offices_and_an_initial_must_agree():
    _, ids = resolve_people([
        {"doc_id": "a", "name": "Ilse Marten", "honorifics": [], "organization": "OSCE"},
        {"doc_id": "b", "name": "Ilse Marten", "honorifics": [], "organization": "UNHCR"},  # a new office
        {"doc_id": "c", "name": "I. Marten", "honorifics": [], "organization": "Europol"},
        {"doc_id": "d", "name": "I. Marten", "honorifics": [], "organization": None},
    ])
    assert ids[("a", "Ilse Marten")] == ids[("b", "Ilse Marten")]
    assert ids[("c", "I. Marten")] != ids[("a", "Ilse Marten")]  # an initial with another organisation
    assert ids[("d", "I. Marten")] == ids[("a", "Ilse Marten")]  # no evidence against: joins


def _tenures():
    rows = [
        {"doc_id": "d1", "person_id": "p1", "role_norm": "Special Envoy", "organization": "OSCE", "date": date(2019, 3, 1), "date_precision": "day"},
        {"doc_id": "d2", "person_id": "p1", "role_norm": "Special Envoy", "organization": "OSCE", "date": date(2020, 3, 1), "date_precision": "day"},
        {"doc_id": "d3", "person_id": "p2", "role_norm": "Special Envoy", "organization": "OSCE", "date": date(2024, 1, 1), "date_precision": "year"},
    ]
    return build_tenures(rows, {"p1": "Ana Lopez", "p2": "Tom Berg"})


def test_tenure_table():
    t = {r["person_id"]: r for r in _tenures()}
    assert (t["p1"]["first_seen"], t["p1"]["last_seen"], t["p1"]["n_sources"]) == (date(2019, 3, 1), date(2020, 3, 1), 2)
    assert (t["p2"]["first_seen"], t["p2"]["last_seen"]) == (date(2024, 1, 1), date(2024, 12, 31))


def test_role_only_mention_gets_the_single_plausible_holder_with_falling_confidence():
    tenures = _tenures()
    inside = {"role_norm": "Special Envoy", "organization": "OSCE", "date": date(2019, 9, 1), "date_precision": "day"}
    near = dict(inside, date=date(2021, 3, 1))
    pid_in, conf_in, why = attribute(inside, by_role(tenures), window_days=730)
    pid_near, conf_near, _ = attribute(near, by_role(tenures), window_days=730)
    assert pid_in == pid_near == "p1"
    assert conf_in == 0.9 and conf_in > conf_near
    assert why.startswith("role_tenures: Ana Lopez seen as Special Envoy 2019-03-01..2020-03-01")


def test_two_plausible_holders_give_none():
    mention = {"role_norm": "Special Envoy", "organization": "OSCE", "date": date(2022, 3, 1), "date_precision": "day"}
    pid, conf, why = attribute(mention, by_role(_tenures()), window_days=730)
    assert (pid, conf) == (None, 0.0)
    assert why == "ambiguous: Ana Lopez, Tom Berg"


def test_a_role_only_mention_finds_its_office_spelt_differently_or_named_shorter():
    rows = [{"doc_id": "d1", "person_id": "p1", "role_norm": "Special Envoy on Combating Forced Labour",
             "organization": "OSCE", "date": date(2019, 3, 1), "date_precision": "day"},
            {"doc_id": "d1", "person_id": "p2", "role_norm": "Head of the Regional Mission to Narnia",
             "organization": "OSCE", "date": date(2019, 3, 1), "date_precision": "day"}]
    index = by_role(build_tenures(rows, {"p1": "Ana Lopez", "p2": "Tom Berg"}))
    variant = {"role_norm": "Special Envoy on Combatting Forced Labour", "organization": "OSCE",
               "date": date(2019, 3, 2), "date_precision": "day"}
    shorter = dict(variant, role_norm="Head of the Regional Mission")
    assert attribute(variant, index, window_days=730)[0] == "p1"
    assert attribute(shorter, index, window_days=730)[0] == "p2"


def test_a_role_only_mention_of_a_body_finds_the_holder_in_its_presence_but_not_in_another_body():
    rows = [{"doc_id": "d1", "person_id": "p1", "role_norm": "Head of the OSCE Mission",
             "organization": "OSCE Mission to Ruritania", "date": date(2019, 3, 1), "date_precision": "day"}]
    index = by_role(build_tenures(rows, {"p1": "Ana Lopez"}))
    mention = {"role_norm": "Head of the OSCE Mission", "organization": "OSCE", "date": date(2019, 3, 2), "date_precision": "day"}
    assert attribute(mention, index, window_days=730)[0] == "p1"
    # a body whose name is only the first letters of the presence's body is another body
    assert attribute(dict(mention, organization="OSC"), index, window_days=730)[0] is None


def test_seen_until_extends_a_tenure_over_the_whole_meeting():
    rows = [{"doc_id": "d1", "person_id": "p1", "role_norm": "Special Envoy", "organization": None,
             "date": date(2019, 3, 1), "date_precision": "day", "seen_until": date(2019, 3, 3)}]
    (t,) = build_tenures(rows, {"p1": "Ana Lopez"})
    assert (t["first_seen"], t["last_seen"]) == (date(2019, 3, 1), date(2019, 3, 3))


def test_confidences_are_the_measured_precision_of_their_method(seed_outputs):
    from pipeline.reconcile import load_calibration
    from pipeline.tables import read_rows

    measured = load_calibration()
    assert measured["count"]["rule:count"] > 0
    for row in read_rows(seed_outputs, "counts"):
        assert row["confidence"] == measured["count"][row["method"]]
    named = [r for r in read_rows(seed_outputs, "person_roles") if r["name"] and r["method"] in measured["person_role"]]
    assert named and all(r["confidence"] == measured["person_role"][r["method"]] for r in named)
