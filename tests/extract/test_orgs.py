from pipeline.extract.orgs import find_orgs


def test_gazetteer_names_aliases_and_acronyms():
    found = find_orgs("The CoE and the Organization for Security and Co-operation in Europe met UNODC.")
    assert [(o.text, o.name) for o in found] == [
        ("CoE", "Council of Europe"),
        ("Organization for Security and Co-operation in Europe", "Organization for Security and Co-operation in Europe"),
        ("UNODC", "United Nations Office on Drugs and Crime"),
    ]


def test_acronym_defined_by_the_text_becomes_an_organisation():
    found = find_orgs("The Baltic Anti-Trafficking Network (BATN) reported. Later BATN presented a plan.")
    assert [(o.text, o.name, o.method) for o in found] == [
        ("Baltic Anti-Trafficking Network", "Baltic Anti-Trafficking Network", "rule:acronym-definition"),
        ("BATN", "Baltic Anti-Trafficking Network", "rule:acronym-definition"),
        ("BATN", "Baltic Anti-Trafficking Network", "rule:acronym-definition"),
    ]


def test_a_defined_acronym_that_is_not_an_organisation_is_ignored():
    assert find_orgs("Each National Referral Mechanism (NRM) works.") == []
