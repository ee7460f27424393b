"""Recommendation cues, scope, actors and the descriptive uses that are not recommendations."""
import pytest


def _recs(extract, text):
    return [(r["text"], r["actor"], r["modality"], r["kind"]) for r in extract(text)["recommendations"]]


@pytest.mark.parametrize("sentence, clause, modality", [
    ("Delegates agreed that States should criminalise the knowing use of services.",
     "States should criminalise the knowing use of services", "should"),
    ("Experts said that labour inspectors must have access to private homes.",
     "labour inspectors must have access to private homes", "must"),
    ("Ministers noted that prosecutors need to follow the money more often.",
     "prosecutors need to follow the money more often", "need"),
    ("Speakers noted that more shelters are needed in rural areas.",
     "more shelters are needed in rural areas", "need"),
    ("Participants highlighted the need for specialised training of judges.",
     "the need for specialised training of judges", "need"),
    ("The panel called for a review of visa rules for domestic workers.",
     "The panel called for a review of visa rules for domestic workers", "call"),
    ("The chair urged governments to ratify the Protocol.",
     "The chair urged governments to ratify the Protocol", "urge"),
    ("The report recommended that donors fund survivor-led groups.",
     "The report recommended that donors fund survivor-led groups", "recommend"),
    ("Panellists said it is important to involve survivors in policy design.",
     "it is important to involve survivors in policy design", "important"),
    ("Experts stressed the importance of data protection in victim registries.",
     "the importance of data protection in victim registries", "important"),
])
def test_each_cue(extract, sentence, clause, modality):
    (rec,) = _recs(extract, sentence)
    assert rec[0] == clause
    assert rec[2] == modality


def test_scope_stops_at_terminators(extract):
    (rec,) = _recs(extract, "Delegates agreed that States should fund shelters, which are often full, and more.")
    assert rec[0] == "States should fund shelters"


def test_actor_is_the_subject_of_the_reporting_verb(extract):
    (rec,) = extract("The Latvian National Rapporteur stressed that courts must hear victims promptly.")["recommendations"]
    assert (rec["text"], rec["actor"], rec["addressee"]) == (
        "courts must hear victims promptly", "Latvian National Rapporteur", None)


def test_agentless_sentence_takes_the_last_actor(extract):
    text = ("The ILO presented its new guide on recruitment fees. It was stressed that "
            "authorities should ban recruitment fees charged to workers.")
    (rec,) = extract(text)["recommendations"]
    assert (rec["actor"], rec["addressee"]) == ("ILO", "authorities")
    assert "labour_exploitation" not in rec["topics"]


def test_group_and_pronoun_actors(extract):
    text = ("Panellists examined trends in forced criminality. "
            "They noted the need to protect children recruited online.")
    (rec,) = extract(text)["recommendations"]
    assert rec["actor"] == "panellists"
    assert "child_trafficking" in rec["topics"] and "technology" in rec["topics"]


def test_quote_speaker_is_the_actor(extract):
    text = "“Governments must listen to survivors,” said Nadia Ferreira, Chair of the Survivors Network."
    (rec,) = extract(text)["recommendations"]
    assert (rec["text"], rec["actor"], rec["kind"]) == ("Governments must listen to survivors", "Nadia Ferreira", "quote")


def test_bullets_under_a_lead_in(extract):
    text = ("UNODC presented the conclusions of its regional study, including:\n\n"
            "- States should train border guards in identification.\n"
            "- Authorities must share data on convictions.")
    recs = extract(text)["recommendations"]
    assert [(r["text"], r["actor"], r["kind"], r["addressee"]) for r in recs] == [
        ("States should train border guards in identification", "UNODC", "bullet", "States"),
        ("Authorities must share data on convictions", "UNODC", "bullet", None),
    ]


@pytest.mark.parametrize("text", [
    "Participants discussed how to improve co-operation between police forces.",
    "These recommendations remain valid as governments continue to apply them.",
    "The Council of Europe launched a call for proposals in July.",
    "The office issued a series of practical recommendations on shelters.",
    "They also examined ways to improve monitoring.",
])
def test_descriptive_uses_are_not_recommendations(extract, text):
    assert extract(text)["recommendations"] == []
