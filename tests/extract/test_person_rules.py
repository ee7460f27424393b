"""Every rule record's examples are tests; the resolver and the loader on rules written here."""
from __future__ import annotations

import pytest

from pipeline.extract.rules import RuleSet
from pipeline.lang.resources import MatchRule, ResourceError, RuleExample, load

RULES = load("person_rules.yaml").rules
EXAMPLES = [(rule, ex) for rule in RULES for ex in rule.examples]


def test_every_rule_has_an_example():
    assert all(rule.examples for rule in RULES)


@pytest.mark.parametrize("rule,example", EXAMPLES, ids=[f"{r.name}-{i}" for i, (r, _) in enumerate(EXAMPLES)])
def test_rule_example(nlp, extract, rule, example):
    """The rule alone yields the expected name and role on its example, and the whole pipeline
    gives that person that role (by this rule or an earlier one)."""
    doc = nlp(example.text)
    finder = nlp.get_pipe("rapporteur_person_rules")
    alone = RuleSet(nlp.vocab, [rule], finder.lists)
    got = []
    for m in alone.matches(doc):
        (a, b), (c, d) = finder.parts(doc, m)
        got.append((doc.text[a:b], doc.text[c:d]))
    assert (example.expect["name"], example.expect["role"]) in got, got
    rows = extract(example.text)["person_roles"]
    assert example.expect["role"] in [r["role"] for r in rows if r["name"] == example.expect["name"]]


AFFILIATION_RULES = load("person_rules.yaml").affiliation_rules
AFFILIATION_EXAMPLES = [(rule, ex) for rule in AFFILIATION_RULES for ex in rule.examples]


def test_every_affiliation_rule_has_an_example():
    assert AFFILIATION_RULES and all(rule.examples for rule in AFFILIATION_RULES)


@pytest.mark.parametrize("rule,example", AFFILIATION_EXAMPLES,
                         ids=[f"{r.name}-{i}" for i, (r, _) in enumerate(AFFILIATION_EXAMPLES)])
def test_affiliation_rule_example(nlp, extract, rule, example):
    """The rule alone yields the expected name and body on its example, and the whole pipeline
    gives that person that organization."""
    doc = nlp(example.text)
    finder = nlp.get_pipe("rapporteur_person_rules")
    alone = RuleSet(nlp.vocab, [rule], finder.lists)
    got = [(doc.text[a:b], org) for (a, b), org in (finder.affiliation(doc, m) for m in alone.matches(doc))]
    assert (example.expect["name"], example.expect["organization"]) in got, got
    rows = extract(example.text)["person_roles"]
    assert example.expect["organization"] in [r["organization"] for r in rows if r["name"] == example.expect["name"]]


def _rule(name, priority, pattern):
    return MatchRule(name=name, pattern=tuple(pattern), yields={"name": "name", "role": "role"}, method=f"rule:{name}",
                     confidence=0.5, priority=priority, examples=(RuleExample("x", {}),))


APPOS = [{"RIGHT_ID": "role", "RIGHT_ATTRS": {"LOWER": "moderator"}},
         {"LEFT_ID": "role", "REL_OP": ">", "RIGHT_ID": "name", "RIGHT_ATTRS": {"DEP": "appos"}}]


def test_the_resolver_keeps_the_higher_priority_whatever_the_order(nlp):
    doc = nlp("The moderator, Tove Lindqvist, opened the panel.")
    for order in ((_rule("low", 1, APPOS), _rule("high", 9, APPOS)), (_rule("high", 9, APPOS), _rule("low", 1, APPOS))):
        matches = RuleSet(nlp.vocab, order, {}).matches(doc)
        assert [m.rule.name for m in matches] == ["high"]


def test_a_rule_naming_an_unknown_node_or_list_is_refused(nlp):
    bad = MatchRule(name="bad", pattern=tuple(APPOS), yields={"name": "person"}, method="rule:bad", confidence=0.5,
                    priority=1, examples=())
    with pytest.raises(ResourceError, match="rule 'bad': yields node 'person'"):
        RuleSet(nlp.vocab, [bad], {})
    listed = _rule("listed", 1, [{"RIGHT_ID": "role", "RIGHT_ATTRS": {"LOWER": {"IN": "@nouns"}}}])
    with pytest.raises(ResourceError, match="unknown word list '@nouns'"):
        RuleSet(nlp.vocab, [listed], {})


def test_every_component_declares_what_it_assigns_and_requires_and_analyze_pipes_finds_no_problem(nlp):
    analysis = nlp.analyze_pipes(pretty=False)
    assert all(problems == [] for problems in analysis["problems"].values()), analysis["problems"]
    for name, summary in analysis["summary"].items():
        if name.startswith("rapporteur_"):
            assert summary["assigns"], name


def test_components_declare_the_typed_extensions_they_share(nlp):
    summary = nlp.analyze_pipes(pretty=False)["summary"]
    assert summary["rapporteur_people"]["assigns"] == ["doc._.people", "doc._.roles"]
    assert "doc._.quotes" in summary["rapporteur_recommendations"]["requires"]
    assert set(summary["rapporteur_assemble"]["requires"]) >= {"doc._.dates", "doc._.counts", "doc._.orgs"}


def test_a_component_whose_input_is_missing_says_which_component_to_add():
    from pipeline.extract.nlp import load_model

    bare = load_model()
    bare.add_pipe("rapporteur_quotes")
    doc = bare("“We will act,” said the minister.")
    assert doc._.quotes == []  # left empty, so later components go on
    assert doc._.errors == ["rapporteur_quotes: MissingComponent: rapporteur_quotes needs doc._.people: "
                            "add rapporteur_people before it in the pipeline"]
    analysis = bare.analyze_pipes(pretty=False)
    assert analysis["problems"]["rapporteur_quotes"] == ["doc._.people", "doc._.roles"]


def test_component_options_come_from_default_config_and_params():
    from pipeline.extract.nlp import build_nlp

    nlp = build_nlp(components={"rapporteur_people": {"role_only_confidence": 0.4},
                                "rapporteur_quotes": {"pronoun_reach": 0}})
    assert nlp.get_pipe("rapporteur_people").role_only_confidence == 0.4
    assert nlp.get_pipe("rapporteur_quotes").pronoun_reach == 0
    assert nlp.get_pipe("rapporteur_counts").confidence == 0.9  # its default_config
    rows = nlp("The Special Rapporteur opened the session in Geneva.")._.result.rows()
    assert [(r["role"], r["confidence"]) for r in rows["person_roles"] if not r["name"]] == [("Special Rapporteur", 0.4)]


def test_a_bad_component_option_is_named():
    from pipeline.extract.nlp import build_nlp

    with pytest.raises(ValueError, match="role_only_confidence must be a number between 0 and 1, got 7"):
        build_nlp(components={"rapporteur_people": {"role_only_confidence": 7}})
    with pytest.raises(ValueError, match="no component 'rapporteur_peeple'"):
        build_nlp(components={"rapporteur_peeple": {}})


def test_a_lead_line_on_behalf_of_a_body_gives_the_name_below_it_that_body(extract):
    rows = extract("Closing remarks\n\nThe seminar took place in Mombasa on 4 June 2031.\n\n"
                   "On behalf of the Port Workers Union\nKofi Mensah\nthanked the participants for coming.")["person_roles"]
    assert [(r["name"], r["organization"]) for r in rows] == [("Kofi Mensah", "Port Workers Union")]
    rows = extract("Closing remarks\n\nThe seminar took place in Mombasa on 4 June 2031.\n\n"
                   "Representing the Port Workers Union:\nDr. Kofi Mensah, Senior Researcher")["person_roles"]
    assert [(r["name"], r["role"], r["organization"]) for r in rows] == [
        ("Kofi Mensah", "Senior Researcher", "Port Workers Union")]
