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
        "courts must hear victims promptly", "Latvian National Rapporteur", "law enforcement")


def test_agentless_sentence_takes_the_last_actor(extract):
    text = ("The ILO presented its new guide on recruitment fees. It was stressed that "
            "authorities should ban recruitment fees charged to workers.")
    (rec,) = extract(text)["recommendations"]
    assert (rec["actor"], rec["addressee"]) == ("ILO", "governments")
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
        ("Authorities must share data on convictions", "UNODC", "bullet", "governments"),
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


# --- shapes of real reports (sentences written for these tests) ---------------------------------

def test_a_headline_that_states_a_need_and_a_quoted_one(extract):
    r = extract("Stronger shelters for boys needed, says regional envoy\nGENEVA, 3 May 2024 – The envoy spoke today.")
    assert [x["text"] for x in r["recommendations"]] == ["Stronger shelters for boys needed"]
    r = extract("The summary quotes the release “Better Data Needed, Says Envoy” in full.")
    assert [x["text"] for x in r["recommendations"]] == ["Better Data Needed"]


def test_needed_in_running_text_is_not_a_headline_call(extract):
    assert extract("Victims often lack the support needed to recover.")["recommendations"] == []


@pytest.mark.parametrize("sentence, clause, actor", [
    ("Dr Ana Lopez closed the forum by urging all delegations to adopt the plan.",
     "urging all delegations to adopt the plan", "Ana Lopez"),
    ("Dr Tom Berg encouraged the authorities to do more for child victims.",
     "Dr Tom Berg encouraged the authorities to do more for child victims", "Tom Berg"),
    ("Ms Mia Dahl asked all participating States to share their data.",
     "Ms Mia Dahl asked all participating States to share their data", "Mia Dahl"),
    ("Regional leaders and labour experts called on ministries to fund inspections.",
     "Regional leaders and labour experts called on ministries to fund inspections",
     "Regional leaders and labour experts"),
])
def test_participial_and_object_control_calls_with_their_actor(extract, sentence, clause, actor):
    (rec,) = extract(sentence)["recommendations"]
    assert (rec["text"], rec["actor"]) == (clause, actor)


def test_he_refers_to_the_last_named_speaker_not_an_organisation_in_between(extract):
    r = extract("In her address, Judge Ilse Kern cited a study by the OSCE on forced labour. "
                "She urged prosecutors to use financial investigations.")
    (rec,) = r["recommendations"]
    assert rec["actor"] == "Ilse Kern"


def test_a_call_inside_a_quote_belongs_to_the_speaker(extract):
    r = extract("Dr Ana Lopez opened the session.\n“We must protect every child on the move,” she said, citing the OSCE.")
    (rec,) = r["recommendations"]
    assert (rec["kind"], rec["actor"]) == ("quote", "Ana Lopez")


def test_the_title_of_a_named_person_after_a_quote(extract):
    r = extract("Secretary General Jonas Vik opened the forum. “States should fund shelters for every region,” "
                "the Secretary General said.")
    (rec,) = r["recommendations"]
    assert rec["actor"] == "Jonas Vik"


@pytest.mark.parametrize("sentence", [
    "Participants discussed the need for better data on victims.",
    "The report contains recommendations on shelters.",
    "The network issued a call for papers on labour exploitation.",
    "Speakers will include:\n- Ana Lopez, prosecutor\n- Tom Berg, judge",
])
def test_descriptions_are_not_recommendations(extract, sentence):
    assert extract(sentence)["recommendations"] == []


def test_a_lead_in_that_stops_after_its_cue_is_not_itself_a_recommendation(extract):
    r = extract("The participants recommended that:\n- States should fund joint inspections;\n"
                "- shelters for boys be opened in every region.")
    assert [(x["kind"], x["text"]) for x in r["recommendations"]] == [
        ("bullet", "States should fund joint inspections"), ("bullet", "shelters for boys be opened in every region")]


def test_bullets_under_a_recommendations_heading(extract):
    r = extract("Key recommendations\n\n- Inspectors should visit farms at night.\n- Establish a helpline in five languages.")
    assert [(x["kind"], x["text"]) for x in r["recommendations"]] == [
        ("bullet", "Inspectors should visit farms at night"), ("bullet", "Establish a helpline in five languages")]


def test_a_headline_credits_the_office_holder_it_names_by_role(extract):
    text = ("Better shelters for child victims needed, says Council of Europe rapporteur\n"
            "STRASBOURG, 9 March 2023 - The Council of Europe Rapporteur on Child Protection, Lena Sorensen, "
            "today called for a review of shelter standards.")
    recs = _recs(extract, text)
    assert recs[0] == ("Better shelters for child victims needed", "Lena Sorensen", "need", "sentence")
    # the dateline is not part of the call
    assert recs[1][:2] == ("The Council of Europe Rapporteur on Child Protection, Lena Sorensen, today called for a "
                           "review of shelter standards", "Lena Sorensen")


def test_who_stands_for_the_last_person_named_before_it(extract):
    text = ("“Inspections must come first,” stressed Ana Lopez, Special Representative and Co-ordinator for Labour "
            "Rights in Global Supply Chains, who presented to the forum her Office’s recommendations on the need to "
            "inspect farms.")
    recs = {r["text"]: r["actor"] for r in extract(text)["recommendations"]}
    assert recs == {"Inspections must come first": "Ana Lopez", "the need to inspect farms": "Ana Lopez"}


def test_the_subject_not_the_body_in_its_prepositional_phrase_is_the_actor(extract):
    text = ("RIGA, 4 May 2022 – Labour inspectors at the Annual Forum of the Baltic Labour Network urged the "
            "governments of the region to fund joint inspections.")
    recs = extract(text)["recommendations"]
    assert [r["actor"] for r in recs] == ["Labour inspectors"]


def test_a_speaker_named_by_a_noun_of_a_place_keeps_the_place(extract):
    text = ("Minister Ilse Varga opened the session. The delegate of Chile urged the host country to "
            "open more shelters.")
    recs = extract(text)["recommendations"]
    assert [r["actor"] for r in recs] == ["delegate of Chile"]


def test_an_honorific_s_full_stop_does_not_start_the_clause(extract):
    recs = extract("The Director of the Shelter Office, Mrs. Vera Holm, urged mayors to open more shelters.")["recommendations"]
    assert [r["text"] for r in recs] == ["The Director of the Shelter Office, Mrs. Vera Holm, urged mayors to open more shelters"]


def test_a_second_call_joined_by_and_is_a_recommendation_of_its_own(extract):
    text = "Mayors also stressed the importance of safe housing and urged banks to open accounts for survivors."
    recs = extract(text)["recommendations"]
    assert [(r["text"], r["actor"]) for r in recs] == [("the importance of safe housing", "Mayors"),
                                                       ("urged banks to open accounts for survivors", "Mayors")]


def test_a_text_in_lower_case_that_calls_speaks_for_itself_or_for_whoever_presented_it(extract):
    alone = extract("The final communique encourages ports to train their staff.")["recommendations"]
    assert [r["actor"] for r in alone] == ["final communique"]
    presented = extract("Ana Lopez, the Special Envoy, presented a statement. The statement urged ports to train their staff.")
    assert [r["actor"] for r in presented["recommendations"]] == ["Ana Lopez"]


def test_a_quote_after_the_attribution_of_the_last_continues_it(extract):
    text = ("“Inspections save the lives of workers,” said Ana Lopez, Head of the Labour Inspectorate of Portugal. "
            "“It is necessary to inspect every farm before the harvest.”")
    recs = extract(text)["recommendations"]
    assert [(r["text"], r["actor"]) for r in recs] == [
        ("It is necessary to inspect every farm before the harvest.", "Ana Lopez")]


def test_pressing_as_an_adjective_is_no_call(extract):
    r = extract("The forum brought together judges to discuss the pressing issues of forced labour and to outline "
                "ways to protect workers.")
    assert r["recommendations"] == []


def test_states_modified_by_a_body_are_the_actor_not_the_body(extract):
    recs = extract("The OSCE participating States stressed the importance of joint labour inspections.")["recommendations"]
    assert [r["actor"] for r in recs] == ["OSCE participating States"]


def test_they_are_the_participants_not_the_last_speaker(extract):
    text = ("The forum in Graz opened with remarks by Lena Vogt, Director of the Harbour Institute. "
            "They also urged businesses to publish their supplier lists.")
    (rec,) = extract(text)["recommendations"]
    assert (rec["actor"], rec["addressee"]) == ("participants", "the private sector")
    text = ("Delegates from twelve countries met in Graz. Lena Vogt spoke first. "
            "They called on parliaments to adopt shelter standards.")
    (rec,) = extract(text)["recommendations"]
    assert (rec["actor"], rec["addressee"]) == ("delegates", "parliaments")


def test_bullets_take_the_addressee_of_their_lead_in(extract):
    text = ("Participants called on governments to:\n\n"
            "- adopt laws on due diligence;\n"
            "- fund shelters for victims.")
    recs = extract(text)["recommendations"]
    assert [(r["text"], r["actor"], r["addressee"]) for r in recs] == [
        ("adopt laws on due diligence", "participants", "governments"),
        ("fund shelters for victims", "participants", "governments")]


def test_the_addressee_is_who_is_asked_to_act_in_a_small_vocabulary(extract):
    (rec,) = extract("The Harbour Network urged all OSCE participating States to improve co-operation.")["recommendations"]
    assert rec["addressee"] == "States"
    (rec,) = extract("Speakers stressed that NGOs should be funded for their co-operation with police.")["recommendations"]
    assert rec["addressee"] == "civil society"


def test_the_group_stands_for_the_participants_not_the_last_speaker(extract):
    recs = extract("The forum met in Accra on 3 May 2023. Ama Owusu, Director of the Agency, opened it. "
                   "Participants pledged to share data. The group called on the regional commission to fund shelters.")["recommendations"]
    (rec,) = [r for r in recs if "fund shelters" in r["text"]]
    assert rec["actor"] == "participants"


def test_a_title_in_the_plural_is_the_actor(extract):
    recs = extract("The forum met in Accra on 3 May 2023. Ama Owusu, Director of the Agency, opened it. "
                   "The Co-Chairs reinforced the importance of regional cooperation in sharing data.")["recommendations"]
    assert [(r["text"], r["actor"]) for r in recs] == [
        ("the importance of regional cooperation in sharing data", "Co-Chairs")]


def test_a_body_the_gazetteer_lacks_is_the_addressee_as_written(extract):
    recs = extract("The forum met in Accra on 3 May 2023. Participants called on the Regional Commission to fund "
                   "shelters. They called on governments to act.")["recommendations"]
    assert [r["addressee"] for r in recs] == ["Regional Commission", "governments"]


def test_a_lead_in_ending_with_to_is_not_a_recommendation_of_its_own(extract):
    recs = extract("The conference took place in Riga on 4 June 2024.\n\nParticipants called on governments to:\n\n"
                   "- fund specialised shelters for victims;\n- train labour inspectors in every region.\n\n"
                   "They also urged businesses to:\n\n- audit their supply chains.")["recommendations"]
    assert [(r["text"], r["addressee"]) for r in recs] == [
        ("fund specialised shelters for victims", "governments"),
        ("train labour inspectors in every region", "governments"),
        ("audit their supply chains", "the private sector")]


def test_a_named_text_is_the_actor_and_a_generic_one_speaks_for_its_author(extract):
    recs = extract("The workshop took place in Accra on 3 May 2023. Jana Novak, Director of the Agency, opened it. "
                   "The Accra Declaration calls upon States to ratify the protocol. "
                   "The statement urged authorities to fund shelters.")["recommendations"]
    assert [r["actor"] for r in recs] == ["Accra Declaration", "Jana Novak"]


@pytest.mark.parametrize("sentence, clause", [
    ("The meeting concluded with a call to intensify joint investigations.", "a call to intensify joint investigations"),
    ("Participants emphasised the necessity of training for labour inspectors.", "the necessity of training for labour inspectors"),
    ("Jana Novak proposed the creation of a regional database of cases.",
     "Jana Novak proposed the creation of a regional database of cases"),
    ("The recommendations included the adoption of national referral mechanisms.",
     "The recommendations included the adoption of national referral mechanisms"),
])
def test_nouns_of_calling_necessity_and_proposals_are_cues(extract, sentence, clause):
    recs = extract("The workshop took place in Accra on 3 May 2023. " + sentence)["recommendations"]
    assert [r["text"] for r in recs] == [clause]


@pytest.mark.parametrize("sentence", ["A Call to End Forced Labour\n\nThe workshop took place in Accra on 3 May 2023.",
                                      "The workshop took place in Accra on 3 May 2023. A call for papers was issued."])
def test_a_titled_call_or_a_call_for_papers_is_no_recommendation(extract, sentence):
    assert extract(sentence)["recommendations"] == []


def test_according_to_names_the_actor(extract):
    recs = extract("The workshop took place in Accra on 3 May 2023. Jana Novak, Director of the Agency, opened it. "
                   "According to Kofi Mensah, States should fund shelters.")["recommendations"]
    assert [(r["actor"], r["addressee"]) for r in recs] == [("Kofi Mensah", "States")]


def test_a_bare_title_subject_is_the_person_named_before_with_that_title(extract):
    recs = extract("The workshop took place in Accra on 3 May 2023. Jana Novak, Director of the Agency, opened it. "
                   "“Governments must act now,” said Ama Owusu, the Minister of Gender. "
                   "In her remarks, the Minister urged donors to increase support.")["recommendations"]
    assert [r["actor"] for r in recs] == ["Ama Owusu", "Ama Owusu"]


def test_the_addressee_is_read_after_the_cue_before_the_actor_s_words(extract):
    recs = extract("The workshop took place in Accra on 3 May 2023. "
                   "The participants of the workshop recommended that judges be trained.")["recommendations"]
    assert [(r["actor"], r["addressee"]) for r in recs] == [("participants", "law enforcement")]


def _cue_examples():
    from pipeline.lang.resources import load

    return [pytest.param(cue.name, ex.text, ex.expect, id=f"{cue.name}-{i}")
            for cue in load("recommendations.yaml").cues for i, ex in enumerate(cue.examples)]


@pytest.mark.parametrize("name, text, expect", _cue_examples())
def test_every_cue_record_gives_its_examples(extract, name, text, expect):
    """Generated from recommendations.yaml: each cue's examples give the clause and modality written
    with them, or nothing where `expect` is null."""
    got = [(r["text"], r["modality"]) for r in extract(text)["recommendations"]]
    if expect is None:
        assert got == [], (name, got)
    else:
        assert (expect["clause"], expect["modality"]) in got, (name, got)


def test_every_cue_has_a_name_and_an_example():
    from pipeline.lang.resources import load

    cues = load("recommendations.yaml").cues
    assert all(c.examples for c in cues), [c.name for c in cues if not c.examples]
    assert len({c.name for c in cues}) == len(cues)


def test_an_office_named_only_by_its_title_speaks_for_itself(extract):
    # no person holds the title in the text: the office is the actor, not nobody
    recs = extract("The ombudsperson urged municipalities to publish their shelter waiting lists.")["recommendations"]
    assert [r["actor"] for r in recs] == ["ombudsperson"]


def test_a_cue_inside_another_cues_clause_is_the_same_call(extract):
    recs = extract("The inspectors recommended that ministries should publish their audits every year.")["recommendations"]
    assert [(r["text"], r["actor"], r["addressee"], r["cue"]) for r in recs] == [
        ("The inspectors recommended that ministries should publish their audits every year", "inspectors",
         "governments", "recommended")]  # ministries are governments in the addressee vocabulary


@pytest.mark.parametrize("text, actor", [
    # people the text described before, by a plural noun with its article
    ("Forty sisters from six convents met in Riga. In their joint letter, the sisters called on ministers to fund shelters.",
     "sisters"),
    # a body by its head word, though no gazetteer knows it
    ("The Harbour Safety Task Force agreed that port authorities should inspect crew contracts.",
     "Harbour Safety Task Force"),
    # an argument, not people: these things call for nothing on anyone's behalf
    ("Rising costs were discussed. These trends call for better funding of shelters.", None),
])
def test_a_plural_subject_or_a_body_makes_the_call(extract, text, actor):
    recs = extract(text)["recommendations"]
    assert [r["actor"] for r in recs] == [actor]


def test_a_group_s_capitalised_name_is_the_body_not_the_people_named_before(extract):
    recs = extract("Delegates from nine ports met in Gdansk. The Expert Group urged port authorities to "
                   "inspect crew contracts.")["recommendations"]
    assert [r["actor"] for r in recs] == ["Expert Group"]


def test_bullets_under_a_lead_in_without_a_reporting_verb_take_its_subject(extract):
    text = ("Tomas Berg, Director of the Pacific Labour Rights Centre, set out his priorities:\n\n"
            "- Governments need to fund shelters.\n- Inspectors should visit farms.")
    assert [(r[1], r[3]) for r in _recs(extract, text)] == [("Tomas Berg", "bullet"), ("Tomas Berg", "bullet")]


def test_operative_clauses_take_the_body_that_adopted_them(extract):
    text = ("The Committee of Experts adopted the following conclusions.\n\nUrges States to fund shelters;\n\n"
            "Calls upon businesses to check their supply chains.\n\nThe need for shelters was stressed.")
    assert [r[1] for r in _recs(extract, text)] == ["Committee of Experts", "Committee of Experts", None]


def test_a_hyphenated_title_as_subject_is_the_actor(extract):
    """The parse heads "the Secretary-General" with "General": the title still speaks."""
    recs = extract("The conference on labour migration closed in Geneva on 4 May 2023. "
                   "The Secretary-General said that employers must pay recruitment fees.")["recommendations"]
    assert [(r["text"], r["actor"]) for r in recs] == [("employers must pay recruitment fees", "Secretary-General")]


def test_a_question_is_no_recommendation(extract):
    recs = extract("The webinar on platform safety took place on 5 June 2023. "
                   "The moderator asked the panel what platforms must do. "
                   "Should States criminalise the purchase of sex? "
                   "The chair asked governments to fund shelters.")["recommendations"]
    assert [r["text"] for r in recs] == ["The chair asked governments to fund shelters"]


def test_the_recommending_subject_is_not_the_addressee(extract):
    recs = extract("The workshop took place in Suva on 3 May 2023. "
                   "Participants recommended that port inspections be coordinated across the region.")["recommendations"]
    assert [(r["actor"], r["addressee"]) for r in recs] == [("Participants", None)]


def test_a_bullet_with_its_own_cue_under_a_plain_heading_is_a_recommendation(extract):
    recs = extract("Roundtable on forced criminality\n\nThe roundtable took place in Geneva on 22 October 2030.\n\n"
                   "Key messages\n\n- States should stop prosecuting victims for crimes they were forced to commit.\n\n"
                   "- Shelters opened in three regions.")["recommendations"]
    assert [(r["text"], r["kind"], r["actor"]) for r in recs] == [
        ("States should stop prosecuting victims for crimes they were forced to commit", "bullet", None)]


def test_it_as_the_subject_of_a_call_is_the_body_named_before(extract):
    recs = extract("The workshop took place in Accra on 3 May 2031. The Regional Committee adopted its conclusions. "
                   "It called on member States to ratify the Protocol. "
                   "According to the organisers, more funding is needed for shelters.")["recommendations"]
    assert [r["actor"] for r in recs] == ["Regional Committee", "organisers"]


def test_the_actor_never_runs_back_over_a_heading(extract):
    recs = extract("Third meeting of the labour inspection network, Windhoek, 4 March 2031\n\n"
                   "2. Conclusions\n\nThe Working Group recommended that member States harmonise their inspections.")["recommendations"]
    assert [r["actor"] for r in recs] == ["Working Group"]


@pytest.mark.parametrize("sentence, clause", [
    # the passive main verb after a noun cue ends its clause ...
    ("The need for stronger cooperation between countries of origin and destination was highlighted by several speakers.",
     "The need for stronger cooperation between countries of origin and destination"),
    # ... a passive inside a subordinate clause of the call does not
    ("The Special Rapporteur urged States to ensure that victims are not punished for crimes they were forced to "
     "commit, and to provide them with assistance.",
     "The Special Rapporteur urged States to ensure that victims are not punished for crimes they were forced to "
     "commit, and to provide them with assistance"),
])
def test_a_passive_verb_ends_the_clause_only_as_the_sentence_verb(extract, sentence, clause):
    assert [r[0] for r in _recs(extract, sentence)] == [clause]


@pytest.mark.parametrize("sentence, actor", [
    ("The need for stronger cooperation between countries of origin and destination was highlighted by several speakers.",
     "several speakers"),
    ("The importance of early identification of victims was underlined by the Special Representative.",
     "Special Representative"),
])
def test_the_agent_of_a_passive_reporting_verb_is_the_actor(extract, sentence, actor):
    assert [r[1] for r in _recs(extract, sentence)] == [actor]
