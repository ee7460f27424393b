"""Names, the shapes that attach roles to them, and role-only mentions (sentences written for the tests)."""
import pytest
import spacy
from spacy.tokens import Span

from pipeline.extract.people import find_people, is_plausible_name
from pipeline.extract.roles import normalise


def _named(result):
    return {r["name"]: r for r in result["person_roles"] if r["name"]}


def _role_only(result):
    return [r for r in result["person_roles"] if not r["name"]]


def test_said_name_comma_title(extract):
    r = extract("“We cannot wait,” said Jana Novakova, Deputy Minister of the Interior of Slovakia, in her speech.")
    row = _named(r)["Jana Novakova"]
    assert row["role"] == "Deputy Minister of the Interior of Slovakia"
    assert row["country"] == "Slovakia"
    assert r["text"][row["start_char"]:row["end_char"]] == "Jana Novakova"
    assert r["text"][row["role_start_char"]:row["role_end_char"]] == row["role"]


def test_title_before_name(extract):
    r = extract("OSCE Secretary General Lars Eriksen Holm opened the conference on Monday.")
    row = _named(r)["Lars Eriksen Holm"]
    assert (row["role"], row["organization"], row["method"]) == ("OSCE Secretary General", "OSCE", "rule:title-name")


def test_name_with_title_in_brackets(extract):
    r = extract("Tomas Bergqvist (Head of the Anti-Trafficking Unit of the Swedish Police) presented the findings.")
    assert _named(r)["Tomas Bergqvist"]["role"] == "Head of the Anti-Trafficking Unit of the Swedish Police"


def test_title_comma_name_comma(extract):
    r = extract("The Executive Secretary of the Convention, Irena Kovacic, welcomed the delegations to the hall.")
    row = _named(r)["Irena Kovacic"]
    assert row["role"] == "Executive Secretary of the Convention"
    assert row["method"] == "rule:title-comma-name"


def test_speaker_list_with_semicolons(extract):
    r = extract("Speakers included Anna Weberova, National Rapporteur of Austria; Marco Rossetti, Chair of the "
                "Committee of the Parties; and Elif Kayali, Programme Officer at ODIHR.")
    named = _named(r)
    assert named["Anna Weberova"]["role"] == "National Rapporteur of Austria"
    assert named["Marco Rossetti"]["role"] == "Chair of the Committee of the Parties"
    assert named["Marco Rossetti"]["organization"] == "Council of Europe"
    assert named["Elif Kayali"]["role"] == "Programme Officer at ODIHR"


def test_speaker_list_in_bullets(extract):
    r = extract("The panel:\n\n- Sofia Lindqvist, Director of the Nordic Institute for Migration\n"
                "- Pavel Dvoracek, Head of Unit at the European Commission")
    named = _named(r)
    assert named["Sofia Lindqvist"]["role"] == "Director of the Nordic Institute for Migration"
    assert named["Pavel Dvoracek"]["role"] == "Head of Unit at the European Commission"
    assert named["Pavel Dvoracek"]["organization"] == "European Commission"  # the specific body, as with ODIHR or GRETA


def test_honorific_moves_out_of_the_name(extract):
    r = extract("“Victims come first,” said Dr. Amira Haddadin, President of GRETA.")
    row = _named(r)["Amira Haddadin"]
    assert row["honorifics"] == ["Dr."]
    assert row["role"] == "President of GRETA"
    assert row["organization"] == "GRETA"


def test_pronoun_carries_the_speaker_of_the_paragraph(extract):
    r = extract("“Data must guide us,” said Ruta Kalnina, National Co-ordinator of Latvia. "
                "“We will publish every figure,” she added.")
    assert [(q["speaker"], q["method"]) for q in r["quotes"]] == [
        ("Ruta Kalnina", "rule:quote-said-name"), ("Ruta Kalnina", "inferred:pronoun-same-paragraph")]


def test_role_only_mention_with_a_demonym(extract):
    r = extract("The meeting was opened by the Latvian National Rapporteur on Trafficking in Human Beings.")
    (row,) = _role_only(r)
    assert row["role"] == "Latvian National Rapporteur on Trafficking in Human Beings"
    assert row["role_norm"] == "National Rapporteur on Trafficking in Human Beings"
    assert row["country"] == "Latvia"
    assert row["person_id"] is None and row["name"] is None


def test_a_role_only_mention_keeps_its_mandate_in_lower_case_but_not_a_day(extract):
    r = extract("The Special Envoy on seasonal farm work presented the study. The Chief Inspector on Friday closed the forum.")
    assert [row["role"] for row in _role_only(r)] == ["Special Envoy on seasonal farm work", "Chief Inspector"]


def test_role_only_mention_with_a_possessive(extract):
    r = extract("Ireland's Independent Rapporteur noted a rise in cases. GRETA's Second Vice-President agreed.")
    rows = {row["role_norm"]: row for row in _role_only(r)}
    assert rows["Independent Rapporteur"]["country"] == "Ireland"
    assert rows["GRETA Second Vice-President"]["organization"] == "GRETA"


def test_not_role_only_mentions():
    from pipeline.extract.people import attach_roles

    nlp = spacy.blank("en")
    text = ("The Office of the Special Representative and Co-ordinator for Combating Trafficking organised it. "
            "National Rapporteurs from ten countries met. The Secretary General's Roadmap was presented.")
    assert attach_roles(nlp(text), []) == []


def test_mislabelled_entities_are_rejected():
    nlp = spacy.blank("en")
    doc = nlp("GRETA met in line with PC.DEC/670 and the Recommendations of the Council, said Olga Petrenko, Chair.")
    bad = [Span(doc, 0, 1, label="PERSON")]
    code = next(t.i for t in doc if t.text.startswith("PC.DEC"))
    bad.append(Span(doc, code, code + 1, label="PERSON"))
    rec = next(t.i for t in doc if t.text == "Recommendations")
    bad.append(Span(doc, rec, rec + 1, label="PERSON"))
    doc.ents = bad
    assert [p.name for p in find_people(doc)] == ["Olga Petrenko"]


def test_plausible_names():
    assert is_plausible_name("Olga Petrenko")
    assert is_plausible_name("Jean de la Fontaine")
    for bad in ("GRETA", "PC.DEC/670", "Recommendations", "Council of Europe", "Executive Secretary", "Day Session"):
        assert not is_plausible_name(bad), bad


def test_role_normalisation_gives_one_spelling_per_office():
    # an instrument's aliases and a secretariat infix give one office
    a = normalise("Head of the Council of Europe’s Convention on Action against Trafficking in Human Beings")
    b = normalise("Head of the CoE Anti-Trafficking Convention")
    c = normalise("the Head of the Secretariat of the Council of Europe Convention on Action Against Trafficking in Human Beings")
    assert a == b == c == "Head of the Council of Europe Convention on Action against Trafficking in Human Beings"
    assert normalise("EU Anti-Trafficking Coordinator") == normalise("EU Anti-Trafficking Co-ordinator")


def test_new_titles_from_the_lexicon(extract):
    r = extract("The OSCE Chairperson-in-Office welcomed the delegates. Lena Vogt, State Secretary of Germany, spoke next.")
    assert [row["role_norm"] for row in _role_only(r)] == ["OSCE Chairperson-in-Office"]
    assert _named(r)["Lena Vogt"]["role"] == "State Secretary of Germany"


# --- shapes of real reports (sentences written for these tests) ---------------------------------

def test_title_name_speaker_list_keeps_each_title_with_its_name(extract):
    r = extract("Speakers include Ruritanian Minister of Foreign Affairs Anna Berg, Deputy Director General of "
                "the IOM Tom Lee, artist and survivor of forced begging Pia Sand and Jonas Vik, researcher.")
    named = _named(r)
    assert named["Anna Berg"]["role"] == "Ruritanian Minister of Foreign Affairs"
    assert named["Tom Lee"]["role"] == "Deputy Director General of the IOM"
    assert named["Pia Sand"]["role"] == "artist and survivor of forced begging"  # "-ing" nouns are no clause
    assert named["Jonas Vik"]["role"] == "researcher"
    assert not _role_only(r)


def test_the_title_comma_name_list(extract):
    r = extract("Guests included the Mayor of Eastport, Lena Holm, the Director of the Regional Police, "
                "Karl Strand, and the Chair of the Youth Council, Mia Dahl.")
    named = _named(r)
    assert named["Lena Holm"]["role"] == "Mayor of Eastport"
    assert named["Karl Strand"]["role"] == "Director of the Regional Police"
    assert named["Mia Dahl"]["role"] == "Chair of the Youth Council"


def test_one_person_per_line_with_lower_case_roles_and_affiliations(extract):
    r = extract("Confirmed speakers:\n- Ms Oona Frey, Survivor Advocate\n- Piet Mol, Europol\n"
                "- Dr Ilse Kern, a prosecutor from the north")
    named = _named(r)
    assert named["Oona Frey"]["role"] == "Survivor Advocate"
    assert (named["Piet Mol"]["role"], named["Piet Mol"]["organization"]) == (None, "Europol")
    assert named["Ilse Kern"]["role"] == "a prosecutor from the north"
    assert named["Ilse Kern"]["honorifics"] == ["Dr"]


def test_upper_case_surnames_and_initials(extract):
    r = extract("The session was chaired by Jan G. A. NOWAK (Poland), Vice-Chair of the Board. "
                "KOWALSKI Ewa presented the report.")
    named = _named(r)
    row = named["Jan G. A. NOWAK"]
    assert (row["role"], row["organization"]) == ("Vice-Chair of the Board", "Poland")
    assert "GRETA" not in named and "OSCE" not in named


def test_honorifics_stacked_glued_and_after_the_name(extract):
    r = extract("The panel heard H.E. Ambassador Rita Moll, Amb. Karel Dvorak, Fr. Tomas Riva S.J. "
                "andProf. Eva Lind. Sir Colin Ward OBE closed the day.")
    named = _named(r)
    assert {"Rita Moll", "Karel Dvorak", "Tomas Riva", "Eva Lind", "Colin Ward"} <= set(named)
    assert "E. Rita Moll" not in named
    assert named["Rita Moll"]["honorifics"] == ["H.E.", "Ambassador"]
    assert named["Eva Lind"]["honorifics"] == ["Prof."]


def test_names_outside_latin_1(extract):
    r = extract("Statements were made by Dubravka Šimonović, Łukasz Wróbel, Ilze Kalniņa, Seán O'Brien "
                "and Fiona McDonald.")
    assert {"Dubravka Šimonović", "Łukasz Wróbel", "Ilze Kalniņa", "Seán O'Brien", "Fiona McDonald"} <= set(_named(r))


def test_a_role_stops_at_the_next_name_and_at_a_clause(extract):
    r = extract("Minister of Labour Ivo Brandt and Commissioner for Equality Sara Lund were among those who spoke.")
    named = _named(r)
    assert named["Ivo Brandt"]["role"] == "Minister of Labour"
    assert named["Sara Lund"]["role"] == "Commissioner for Equality"


def test_affiliation_after_a_comma_goes_to_the_organisation(extract):
    r = extract("Piet Mol (Europol) and Anke Rees, Head of Unit, Europol, presented the cases.")
    named = _named(r)
    assert named["Piet Mol"]["organization"] == "Europol"
    assert named["Anke Rees"]["role"] == "Head of Unit"


def test_title_case_headlines_give_no_person(extract):
    r = extract("Minister Calls For Stronger Action\n\nEnvoy Visits Moldova To Discuss Shelters\n\n"
                "The Polish Border Guard and the Salvation Army took part.")
    assert _named(r) == {}


def test_plural_and_generic_titles_are_not_role_only_mentions(extract):
    r = extract("National coordinators and Special Rapporteurs met. The national rapporteurs of five states agreed.")
    assert _role_only(r) == []


def test_a_short_title_of_an_office_already_named_is_one_mention(extract):
    r = extract("The EU Anti-Trafficking Coordinator opened the forum. Later the Coordinator closed it.")
    assert [row["role"] for row in _role_only(r)] == ["EU Anti-Trafficking Coordinator"]


def test_a_title_before_title_case_headline_words_makes_no_person(extract):
    r = extract("Minister Urges Stronger Protection for Children\n\nThe minister spoke in the capital.")
    assert _named(r) == {}


def test_an_office_to_be_filled_is_not_a_role_only_mention(extract):
    r = extract("Agenda item 3: Election of the Chair of the Regional Committee. The Chair of the Regional Committee "
                "opened the session.")
    assert [row["role"] for row in _role_only(r)] == ["Chair of the Regional Committee"]
    assert _role_only(r)[0]["start_char"] > r["text"].index("opened") - 40


def test_a_capacity_after_as_is_not_a_role_only_mention(extract):
    r = extract("The board appointed Norway as UNICEF's Special Envoy. Estonia served as UNICEF's Second "
                "Vice-President in 2029. UNICEF's Second Vice-President opened the session.")
    assert [row["role"] for row in _role_only(r)] == ["UNICEF's Second Vice-President"]
    assert _role_only(r)[0]["start_char"] > r["text"].index("opened") - 40


def test_a_single_name_after_a_title_is_a_person(extract):
    r = extract("The meeting heard the Special Adviser to the Minister of Labour, Sanna.")
    assert _named(r)["Sanna"]["role"] == "Special Adviser to the Minister of Labour"
    assert _role_only(r) == []


def test_labelled_lines_brackets_and_affiliations(extract):
    r = extract("Speakers: Ana Lopez (IOM), Tom Berg (UNODC) and Mia Dahl (ILO).\n"
                "Moderator: Dr. Ilse Kern, Senior Researcher, University of Northport\n"
                "The session was moderated by Marc Dubois of the Regional Police Academy.")
    named = _named(r)
    assert {n: named[n]["organization"] for n in ("Ana Lopez", "Tom Berg", "Mia Dahl")} == {
        "Ana Lopez": "IOM", "Tom Berg": "UNODC", "Mia Dahl": "ILO"}
    assert (named["Ilse Kern"]["role"], named["Ilse Kern"]["organization"]) == ("Senior Researcher", "University of Northport")
    assert named["Marc Dubois"]["organization"] == "Regional Police Academy"
    assert _role_only(r) == []


def test_single_names_described_by_a_person_noun(extract):
    r = extract("The audience listened to survivors Ilse from Austria and Dana (a young mother), and to lawyer Petra.\n"
                "Speakers included:\n- “Tomas”, a former victim of forced labour\n- Jan Berg, Head of Unit")
    named = _named(r)
    assert (named["Ilse"]["role"], named["Ilse"]["method"]) == ("survivors", "rule:noun-name")
    assert named["Dana"]["role"] == "survivors"  # "a young mother" says who she is, not her role
    assert named["Tomas"]["role"] == "a former victim of forced labour"
    assert named["Petra"]["role"] == "lawyer"
    assert r["text"][named["Ilse"]["role_start_char"]:named["Ilse"]["role_end_char"]] == "survivors"


def test_capitalised_words_next_to_person_nouns_are_not_names(extract):
    r = extract("However, a survivor of trafficking addressed the meeting. Today, an activist from Georgia spoke. "
                "Participants from Moldova, a member State, met students Monday and victims Tuesday in Vienna.")
    assert _named(r) == {}


def test_a_mandate_after_a_preposition_is_not_a_name_and_a_known_body_starts_the_title(extract):
    r = extract("The Council of Europe Rapporteur on Child Protection, Lena Sorensen, opened the hearing.")
    named = _named(r)
    assert list(named) == ["Lena Sorensen"]
    assert (named["Lena Sorensen"]["role"], named["Lena Sorensen"]["organization"]) == (
        "Council of Europe Rapporteur on Child Protection", "Council of Europe")


def test_organisation_from_an_unknown_body_in_the_role_or_the_officials_country(extract):
    r = extract("Ana Lopez, Director of the Regional Centre for Migrant Workers, and Jonas Berg, Swedish Minister "
                "of Labour, opened the meeting.")
    named = _named(r)
    assert named["Ana Lopez"]["organization"] == "Regional Centre for Migrant Workers"
    assert (named["Jonas Berg"]["organization"], named["Jonas Berg"]["country"]) == ("Sweden", "Sweden")


def test_a_mandates_capitalised_last_words_are_not_a_name_after_name_comma(extract):
    r = extract("“Audits matter,” stressed Ana Lopez, Special Representative for Labour Rights in Global Supply "
                "Chains, at the forum. Speakers include Swedish Minister of Labour Jonas Berg, Director of the "
                "Office for Fair Recruitment Mira Kovac, and others.")
    named = _named(r)
    assert set(named) == {"Ana Lopez", "Jonas Berg", "Mira Kovac"}
    assert named["Ana Lopez"]["role"] == "Special Representative for Labour Rights in Global Supply Chains"
    assert named["Mira Kovac"]["role"] == "Director of the Office for Fair Recruitment"


def test_middle_dot_bullets_two_offices_and_a_country_after_the_title(extract):
    r = extract("Officials speaking at the event:\n·  Ana Lopez, Minister of Labour, Portugal;\n"
                "·  Jonas Berg, Federal Councillor, Head of the Federal Department of Justice;\n"
                "·  Mira Kovac, Secretary General of the OSCE.")
    named = _named(r)
    assert (named["Ana Lopez"]["role"], named["Ana Lopez"]["organization"], named["Ana Lopez"]["country"]) == (
        "Minister of Labour", "Portugal", "Portugal")
    # two titles in a row are one role, as the gold writes them ("Chair of X, Minister of Y")
    assert named["Jonas Berg"]["role"] == "Federal Councillor, Head of the Federal Department of Justice"
    assert named["Mira Kovac"]["role"] == "Secretary General of the OSCE"
    assert _role_only(r) == []  # the second office is Jonas Berg's, not a role-only mention


def test_offices_of_a_named_person_are_not_role_only_mentions(extract):
    r = extract("Speakers include OSCE Chair-in-Office, Minister of Labour of Portugal Ana Lopez; and Jonas Berg, "
                "the Mission's Rule of Law Officer. The seminar was organized by the Rule of Law Officer.")
    named = _named(r)
    assert named["Ana Lopez"]["role"] == "Minister of Labour of Portugal"
    assert named["Jonas Berg"]["role"] == "Mission's Rule of Law Officer"
    assert _role_only(r) == []


def test_a_bodys_lower_case_title_right_before_the_name(extract):
    r = extract("Council of Europe's special rapporteur on child protection Lena Sorensen stated that inspections "
                "must grow. Yesterday the visitors Jonas Berg and Mira Kovac arrived.")
    named = _named(r)
    assert (named["Lena Sorensen"]["role"], named["Lena Sorensen"]["organization"]) == (
        "Council of Europe's special rapporteur on child protection", "Council of Europe")
    assert named["Jonas Berg"]["role"] is None


def test_letters_no_gazetteer_knows_between_the_name_and_the_title(extract):
    r = extract("Sister Ana Lopez, IBVM, President of the Women Religious Network, and Jonas Berg, rscj, "
                "Co-ordinator of the Shelter Network, opened the day.")
    named = _named(r)
    assert (named["Ana Lopez"]["role"], named["Ana Lopez"]["honorifics"]) == (
        "President of the Women Religious Network", ["Sister", "IBVM"])
    assert (named["Jonas Berg"]["role"], named["Jonas Berg"]["honorifics"]) == ("Co-ordinator of the Shelter Network", ["rscj"])


def test_names_on_their_own_line_with_the_title_indented_below(extract):
    r = extract("The delegation was made up of:\n"
                "  • H.E. Ambassador Dr. Jana NOVAK\n"
                "    Ambassador of the Republic of Ruritania to combat forced labour, Head of Delegation\n"
                "  • Dott. Marco G. ROSSI\n"
                "    Advisor to the Ambassador\n")
    named = _named(r)
    assert named["Jana NOVAK"]["role"] == "Ambassador of the Republic of Ruritania"
    assert named["Marco G. ROSSI"]["role"] == "Advisor to the Ambassador"
    assert _role_only(r) == []


def test_a_known_title_written_partly_in_lower_case(extract):
    r = extract("Speakers include UN Special Rapporteur on trafficking in persons, especially women and children "
                "Lena Sorensen; and OSCE Secretary General Tomas Berg.")
    named = _named(r)
    assert named["Lena Sorensen"]["role"] == "UN Special Rapporteur on trafficking in persons, especially women and children"


def test_name_from_a_society(extract):
    r = extract("The conversation was moderated by Ms Karla GARDEN from the Riga Security and Defence Society.")
    assert _named(r)["Karla GARDEN"]["organization"] == "Riga Security and Defence Society"


def test_elected_name_as_title_and_document_words_are_no_names(extract):
    r = extract("The Committee elected Ambassador Ana Lopez (Portugal) as Chair and Jonas Berg (Sweden) as Vice-Chair. "
                "The list of participants appears in Appendix I.")
    named = _named(r)
    assert set(named) == {"Ana Lopez", "Jonas Berg"}
    assert (named["Ana Lopez"]["role"], named["Ana Lopez"]["organization"]) == ("Chair", "Portugal")
    assert named["Jonas Berg"]["role"] == "Vice-Chair"


def test_an_honorific_ends_the_title_before_a_name(extract):
    r = extract("Minister of Justice Hon. Abena Owusu opened the regional conference in Accra.")
    assert _named(r)["Abena Owusu"]["role"] == "Minister of Justice"
    assert _role_only(r) == []
    r = extract("The Special Envoy of the League to the Region Ambassador Corin Vale addressed the forum.")
    assert _named(r)["Corin Vale"]["role"] == "Special Envoy of the League to the Region"


def test_the_body_in_a_role_starts_at_its_head_word(extract):
    r = extract("Director of Research of the Institute for Labour Studies Dr. Pia Marsh spoke on recruitment fees.")
    row = _named(r)["Pia Marsh"]
    assert row["organization"] == "Institute for Labour Studies"
    assert [p for p in r["person_roles"] if p["name"] == "Studies Dr"] == []


def test_a_role_never_crosses_a_semicolon_in_a_list(extract):
    r = extract("Guests included Hon. Tavi Ramsay, Deputy Mayor of Graz; Dr. Noor Haddad, "
                "Head of Programmes at the Harbour Institute; and Bram Oost, Senior Adviser.")
    named = _named(r)
    assert named["Noor Haddad"]["role"] == "Head of Programmes at the Harbour Institute"
    assert named["Bram Oost"]["role"] == "Senior Adviser"


def test_a_title_naming_a_meeting_or_a_body_is_no_office_holder(extract):
    r = extract("The Regional Expert Meeting on forced labour opened in Accra. The Prosecutor Network met on Friday.")
    assert _role_only(r) == []


def test_role_only_mentions_are_definite_references(extract):
    r = extract("The National Rapporteur on Trafficking presented the annual findings to the delegates.")
    assert [x["role"] for x in _role_only(r)] == ["National Rapporteur on Trafficking"]
    r = extract("Annual Report of National Rapporteur on Trafficking\n\nThe report covers five years of data.")
    assert _role_only(r) == []
    r = extract("Delegates discussed the mandate and how a National Rapporteur on Trafficking could be appointed.")
    assert _role_only(r) == []


def test_a_possessive_body_or_a_subject_title_names_a_holder(extract):
    r = extract("The Harbour Council's First Vice-Chair presented the guidance note on shelters.")
    assert [x["role"] for x in _role_only(r)] == ["Harbour Council's First Vice-Chair"]
    r = extract("UN Special Rapporteur on Labour Rights urges states to ratify the protocol")
    assert [x["role"] for x in _role_only(r)] == ["UN Special Rapporteur on Labour Rights"]


def test_body_of_a_regional_community_is_the_organisation_not_the_host_country(extract):
    r = extract("The session opened with remarks by the Resident Representative of ECOWAS in Guinea, Ambassador Kofi Boateng.")
    row = _named(r)["Kofi Boateng"]
    assert (row["organization"], row["country"]) == ("ECOWAS", "Guinea")


def test_country_inside_a_body_name_is_not_the_role_country(extract):
    r = extract("Amina Diallo, First Secretary of the Permanent Mission of the Sovereign Order of Malta to the "
                "United Nations in Geneva, spoke first.")
    row = _named(r)["Amina Diallo"]
    assert (row["organization"], row["country"]) == ("Sovereign Order of Malta", None)


def test_body_defined_by_its_acronym_in_the_role_is_labelled_by_it(extract):
    r = extract("The speakers were Kofi Mensah, Director-General of Ghana’s Agency for the Prevention of "
                "Trafficking in Persons (APTIP), and Jo Lee.")
    row = _named(r)["Kofi Mensah"]
    assert row["role"].endswith("in Persons (APTIP)")
    assert (row["organization"], row["country"]) == ("APTIP", "Ghana")


def test_list_item_name_comma_known_body(extract):
    r = extract("Participants:\n- Rosa Mendes, Organization of American States\n- Ana Lima, Council of Europe\n")
    named = _named(r)
    assert named["Rosa Mendes"]["organization"] == "Organization of American States"
    assert named["Rosa Mendes"]["role"] is None
    assert named["Ana Lima"]["organization"] == "Council of Europe"


def test_role_only_possessive_country_goes_to_the_country_column(extract):
    r = extract("Norway’s Minister of Health said the plan was late. The Republic of Moldova’s National "
                "Coordinator opened the second session.")
    rows = {(x["role"], x["country"]) for x in _role_only(r)}
    assert ("Minister of Health", "Norway") in rows
    assert ("National Coordinator", "Moldova") in rows


def test_a_title_with_a_hyphenated_suffix_is_whole(extract):
    row = _named(extract("Ambassador-at-Large Rosa Diaz spoke to the press."))["Rosa Diaz"]
    assert (row["role"], row["method"]) == ("Ambassador-at-Large", "rule:title-name")


def test_a_national_office_in_a_national_meeting_takes_its_country(extract):
    r = extract("The national consultation took place in Accra, Ghana, on 3 May 2022. The Minister of the Interior "
                "opened it.")
    (row,) = [x for x in _role_only(r) if x["role"] == "Minister of the Interior"]
    assert (row["country"], row["method"]) == ("Ghana", "rule:role-only; country inferred:meeting-country")


def test_a_national_office_at_an_international_meeting_keeps_no_country(extract):
    r = extract("The forum took place in Vienna, Austria, on 3 May 2022 with delegations from Ghana and Chile. "
                "The Minister of the Interior opened it.")
    (row,) = [x for x in _role_only(r) if x["role"] == "Minister of the Interior"]
    assert row["country"] is None


def test_a_title_that_modifies_a_noun_is_no_office_holder(extract):
    r = extract("The conference took place in Vienna on 3 May 2022. The Special Rapporteur mandate was renewed. "
                "Later the Special Rapporteur spoke.")
    rows = _role_only(r)
    assert [r["text"][x["start_char"]:x["end_char"] + 6] for x in rows] == ["Special Rapporteur spoke"]


def test_countries_buildings_and_regions_the_model_tags_as_people_are_not_names():
    assert not is_plausible_name("Burkina Faso")
    assert not is_plausible_name("Freedom House")
    assert not is_plausible_name("Northern Region")
    assert not is_plausible_name("Persons Awareness Month")
    assert is_plausible_name("Tom Berg")


def test_a_title_listing_portfolios_runs_to_the_last_one(extract):
    row = _named(extract("Kofi Boateng, Minister of Employment, Labour and Social Affairs, spoke."))["Kofi Boateng"]
    assert row["role"] == "Minister of Employment, Labour and Social Affairs"


@pytest.mark.parametrize("text", ["Kofi Boateng, Minister of Health, Ghana, and Togo spoke.",
                                  "Kofi Boateng, Minister of Health, Jana Novak and Tom Lee spoke."])
def test_a_list_of_countries_or_people_after_a_title_is_not_its_portfolios(extract, text):
    assert _named(extract(text))["Kofi Boateng"]["role"] == "Minister of Health"


def test_a_one_holder_office_is_a_role_only_mention_without_a_modifier(extract):
    r = extract("The meeting was held in Washington on 1 March 2011. The Attorney General attended. The Chair "
                "thanked everyone.")
    assert [x["role"] for x in _role_only(r)] == ["Attorney General"]


def test_the_office_of_a_national_body_takes_its_country(extract):
    r = extract("The meeting took place in Vienna on 3 May 2022. The USAID Administrator spoke.")
    (row,) = [x for x in _role_only(r) if x["role"] == "USAID Administrator"]
    assert (row["organization"], row["country"]) == ("USAID", "United States")


def _title_examples():
    from pipeline.lang.resources import load

    return [pytest.param(ex.text, ex.expect, id=f"example-{i}") for i, ex in enumerate(load("roles.yaml").examples)]


@pytest.mark.parametrize("text, expect", _title_examples())
def test_every_example_of_the_title_grammar(extract, text, expect):
    """Generated from roles.yaml examples: the person, with the role and organisation written."""
    rows = [r for r in extract(text)["person_roles"] if r["name"] == expect["name"]]
    assert [(r["role"] or "", r["organization"] or "") for r in rows] == [(expect["role"], expect["organization"])]


@pytest.mark.parametrize("table", [
    "Delegation\nName | Institution\nYaw Mensah | Ministry of Gender\nIrena Kovac | State Labour Inspectorate",
    "Delegation\n| Name | Institution |\n|---|---|\n| Yaw Mensah | Ministry of Gender |\n| Irena Kovac | State Labour Inspectorate |",
])
def test_one_person_per_row_of_a_table_with_the_body_in_the_next_cell(extract, table):
    rows = {r["name"]: r["organization"] for r in extract(table)["person_roles"] if r["name"]}
    assert rows == {"Yaw Mensah": "Ministry of Gender", "Irena Kovac": "State Labour Inspectorate"}


def test_a_signature_block_gives_the_title_and_body_on_the_line_below_the_name(extract):
    text = "The closing words were read on behalf of\nJoana Ferreira\nHead of Unit, Directorate for Asylum"
    rows = [(r["name"], r["role"], r["organization"]) for r in extract(text)["person_roles"] if r["name"]]
    assert rows == [("Joana Ferreira", "Head of Unit", "Directorate for Asylum")]


def test_a_sentence_below_a_name_is_no_title(extract):
    text = "Speakers:\nJoana Ferreira\nThe Chair then opened the debate on recruitment."
    rows = [(r["name"], r["role"]) for r in extract(text)["person_roles"] if r["name"]]
    assert rows == [("Joana Ferreira", None)]


def test_the_agent_of_a_capacity_verb_is_a_person_even_when_the_model_says_organisation(extract):
    text = "The second session was moderated by Kojo Appiah of the Refugee Law Centre."
    rows = [(r["name"], r["role_norm"], r["organization"]) for r in extract(text)["person_roles"] if r["name"]]
    assert rows == [("Kojo Appiah", "Moderator", "Refugee Law Centre")]


def test_an_organisation_after_a_capacity_verb_is_no_person(extract):
    text = "The session was moderated by the Refugee Law Clinic."
    assert [r["name"] for r in extract(text)["person_roles"] if r["name"]] == []


def test_a_role_ends_before_a_lower_case_phrase_of_place_or_field(extract):
    text = "The keynote came from Halima Yusuf, Director of the Institute for Labour Studies in the field of migration."
    rows = [(r["name"], r["role"]) for r in extract(text)["person_roles"] if r["name"]]
    assert rows == [("Halima Yusuf", "Director of the Institute for Labour Studies")]


def test_a_post_without_a_body_in_a_report_about_one_body_is_a_post_of_that_body(extract):
    r = extract("UNODC opened a training course for border guards in Tashkent. “UNODC will keep supporting "
                "the region,” said Lina Haddad, Director of Field Operations. Deputy Minister Timur Rakhimov "
                "thanked the trainers, as did Ines Ortega, a survivor of trafficking.")
    named = _named(r)
    assert (named["Lina Haddad"]["organization"], named["Lina Haddad"]["method"]) == (
        "UNODC", "rule:name-comma-title; organisation inferred:host-body")
    assert named["Timur Rakhimov"]["organization"] is None  # an office only a state has
    assert named["Ines Ortega"]["organization"] is None  # no post


def test_a_post_in_a_report_about_the_eu_is_a_post_of_its_commission(extract):
    r = extract("The EU network of shelters met in Brussels. The EU will fund two studies, said Lea Berger, "
                "Programme Officer. The EU programme runs until 2031.")
    assert _named(r)["Lea Berger"]["organization"] == "European Commission"


def test_no_post_is_given_a_body_when_the_report_names_two_bodies_as_often(extract):
    r = extract("UNODC and IOM opened a training course in Tashkent. UNODC and IOM will keep supporting the "
                "region, said Lina Haddad, Director of Field Operations.")
    assert _named(r)["Lina Haddad"]["organization"] is None


def test_a_street_is_no_person(extract):
    r = extract("The meeting took place at the hotel on Sheikh Zayed Road in Dubai.")
    assert _named(r) == {}


def test_a_pope_or_a_monarch_is_named_by_one_name_after_the_title(extract):
    r = extract("The forum closed with a message from Pope Clement, read by Bishop Jonas Meier. Greetings "
                "were sent by Queen Sonja.")
    named = _named(r)
    assert {"Clement", "Jonas Meier", "Sonja"} <= set(named)
    assert named["Clement"]["honorifics"] == ["Pope"]


def test_an_honorific_after_on_behalf_of_is_no_part_of_a_role(extract):
    r = extract("Tomas Varga, Head of the Migrants Section, spoke on behalf of Dr. Ana Lopez, who sent her regrets.")
    assert _named(r)["Ana Lopez"]["role"] is None


def test_a_surname_alone_after_a_title_is_a_person(extract):
    r = extract("Minister Okonkwo said the plan was late. Deputy Minister Hon. Ama Owusu agreed.")
    named = _named(r)
    assert (named["Okonkwo"]["role"], named["Okonkwo"]["method"]) == ("Minister", "rule:title-name")
    assert "Hon" not in named and "Ama Owusu" in named


def test_honorific_between_a_title_and_a_name_is_no_name(extract):
    r = extract("The Minister of Gender, Children and Social Protection, Hon. Kwame Asante Boadu, opened the forum. "
                "The Rector of the Polytechnic, Prof. Lena Marsh, welcomed the guests.")
    people = _named(r)
    assert set(people) == {"Kwame Asante Boadu", "Lena Marsh"}  # not "Hon" nor "Prof"
    assert people["Kwame Asante Boadu"]["role"] == "Minister of Gender, Children and Social Protection"
    assert people["Kwame Asante Boadu"]["honorifics"] == ["Hon."]
    assert people["Lena Marsh"]["role"] == "Rector of the Polytechnic"
    assert not _role_only(r)


def test_name_of_a_body_stops_where_the_clause_starts(extract):
    r = extract("The panel heard several experts. Tove Lindqvist of the Baltic Labour Inspectorate told the panel "
                "that fines were rare, and Marek Zielinski of the Coastal Guard Service said more ships were checked.")
    people = _named(r)
    assert people["Tove Lindqvist"]["organization"] == "Baltic Labour Inspectorate"
    assert people["Marek Zielinski"]["organization"] == "Coastal Guard Service"


def test_ranks_are_titles_and_the_body_after_the_name_its_affiliation(extract):
    r = extract("The session was chaired by Police Lieutenant Colonel Arvid Strand of the Border Guard Service, "
                "who presented the joint operation.")
    row = _named(r)["Arvid Strand"]
    assert row["role"] == "Police Lieutenant Colonel"
    assert row["organization"] == "Border Guard Service"


@pytest.mark.parametrize("phrase", ["Ministers", "Directors", "Meeting", "Conference", "Workshop"])
def test_plural_titles_and_meeting_nouns_are_no_names(phrase):
    assert not is_plausible_name(phrase, single=True)


def test_a_title_before_a_meeting_noun_or_a_plural_title_names_no_one(extract):
    r = extract("The Subregional Expert Meeting on Child Labour opened in Accra. Ministers of Labour and "
                "Deputy Ministers of Health attended it.")
    assert [x["name"] for x in r["person_roles"] if x["name"]] == []


def test_an_office_named_for_its_role_or_a_law_is_no_holder(extract):
    r = extract("The role of the National Co-ordinator was discussed at length. Parliament amended the "
                "Director of Public Prosecutions Act last year.")
    assert r["person_roles"] == []


def test_a_line_that_opens_with_a_body_s_name_names_no_person(extract):
    r = extract("The Aegean Women Network, a coalition of twelve shelters, met in Ruse on 4 May 2029.")
    assert [p["name"] for p in r["person_roles"]] == []


def test_a_judicial_style_before_the_name_and_the_title_after_it(extract):
    # "Justice" before the name is a style, not a known title: the title after the name is the role,
    # and the next person keeps their own
    r = _named(extract("The seminar was opened by Justice Mary Otieno, Judge of the Court of Appeal of Zambia, "
                       "and Ms. Anna Berg, Head of the Legal Unit of the Nordic Labour Office."))
    assert (r["Mary Otieno"]["role"], r["Anna Berg"]["role"]) == (
        "Judge of the Court of Appeal of Zambia", "Head of the Legal Unit of the Nordic Labour Office")


def test_a_participle_and_its_object_before_the_name_is_no_body(extract):
    r = _named(extract("Briefing the Committee, Omar Saleh, Director of the Coastal Labour Institute, said that "
                       "more inspectors were needed."))
    assert (r["Omar Saleh"]["role"], r["Omar Saleh"]["organization"]) == (
        "Director of the Coastal Labour Institute", "Coastal Labour Institute")


@pytest.mark.parametrize("text", [
    "The regional forum on Forced Labour and Migrant Smuggling opened in Accra.",  # a topic joined to a topic
    "A workshop on Migrant Smuggling took place in Accra.",  # the topic of a meeting noun
    "The survivor group Light Beyond Walls, which supports women, called on the Council to act.",  # a preposition
])
def test_a_topic_or_a_phrase_with_a_preposition_names_no_person(extract, text):
    # the model tags the capitalised words PERSON; the parse and the function words say otherwise
    assert [p["name"] for p in extract(text)["person_roles"]] == []


def test_a_person_the_text_relies_on_is_still_a_person(extract):
    # "on" after a verb, not a noun: its object may be a person
    assert [p["name"] for p in extract("The Chair called on Lars Berg to open the session.")["person_roles"]] == [
        "Lars Berg"]


def test_names_bracketed_like_a_named_person_are_people(extract):
    # the model finds one of the three; the others are written the same way in the same list
    r = _named(extract("Panellists: Ana Ruiz (Spain), Lars Berg (Sweden) and Eva Kral (Slovakia)."))
    assert {n: r[n]["organization"] for n in r} == {"Ana Ruiz": "Spain", "Lars Berg": "Sweden", "Eva Kral": "Slovakia"}
    # a body written the same way is no person
    assert list(_named(extract("The Ministry of Justice (Latvia) and Lars Berg (Sweden) spoke on 3 May."))) == ["Lars Berg"]


def test_every_row_of_a_table_s_name_column_is_a_person(extract):
    text = ("Attendance\n\n| Country | Name | Position |\n|---|---|---|\n| Latvia | Ilze Ozola | Head of Division |\n"
            "| Estonia | Mart Tamm | Police Inspector |\n")
    r = _named(extract(text))
    assert {n: r[n]["role"] for n in r} == {"Ilze Ozola": "Head of Division", "Mart Tamm": "Police Inspector"}
    # a table without a column of people names no one by its cells
    assert _named(extract("| Country | Focal point |\n|---|---|\n| Latvia | Ilze Ozola Street |\n")) == {}


def test_a_body_s_possessive_before_the_name_is_the_affiliation(extract):
    r = _named(extract("UNODC's Lars Berg, Head of the Research Unit, said more data was needed."))
    assert (r["Lars Berg"]["role"], r["Lars Berg"]["organization"]) == ("Head of the Research Unit", "UNODC")


def test_a_bracket_after_the_name_holds_the_title_and_then_the_body(extract):
    r = _named(extract("Mira Novak (Senior Adviser, Ministry of Interior) spoke about identification."))
    assert (r["Mira Novak"]["role"], r["Mira Novak"]["organization"]) == ("Senior Adviser", "Ministry of Interior")


def test_a_capacity_in_apposition_names_the_person_the_model_calls_an_organisation(extract):
    text = ("Online child protection was the topic of a webinar on 5 June 2023.\n\n"
            "The moderator, Giulia Romano, asked the panel what platforms must do.")
    rows = [(r["name"], r["role"]) for r in extract(text)["person_roles"] if r["name"]]
    assert rows == [("Giulia Romano", "moderator")]


def test_a_model_name_before_a_body_s_head_word_is_part_of_the_body(extract):
    rows = extract("The panel on shelters met in Hanoi on 3 May 2030.\n\n"
                   "The panel heard Thi Hoa Nguyen, Director, Victim Support Centre, Hanoi, on shelters.")["person_roles"]
    assert [(r["name"], r["organization"]) for r in rows if r["name"]] == [("Thi Hoa Nguyen", "Victim Support Centre")]


def test_a_name_broken_across_two_lines_is_one_person(extract):
    text = ("Third meeting of the labour inspection network, Windhoek, 4 March 2031\n\nList of participants\n\n"
            "Dr. Thandiwe\nDlamini, Senior Researcher, Institute for Labour Studies\n")
    rows = [(r["name"], r["role"], r["organization"]) for r in extract(text)["person_roles"] if r["name"]]
    assert rows == [("Thandiwe Dlamini", "Senior Researcher", "Institute for Labour Studies")]


def test_the_byline_s_author_is_no_participant(extract):
    text = ("Police chiefs pledge joint patrols\n\nBy Grace Atim\n\nKAMPALA, 3 May 2031 - Police chiefs closed a "
            "workshop on border crime, said Commissioner of Police Daniel Okello.")
    assert [r["name"] for r in extract(text)["person_roles"] if r["name"]] == ["Daniel Okello"]


def test_an_honorific_and_a_title_word_name_no_one(extract):
    rows = extract("The judicial colloquium took place in Nairobi on 3 May 2031. "
                   "The Chief Justice opened the colloquium.")["person_roles"]
    assert [(r["name"], r["role"]) for r in rows] == [(None, "Chief Justice")]


def test_a_second_title_after_the_first_is_part_of_the_role(extract):
    r = extract("Ivo Marin, Deputy Director of the Coastal Police Academy, Head of Delegation, said more must be done.")
    row = _named(r)["Ivo Marin"]
    assert row["role"] == "Deputy Director of the Coastal Police Academy, Head of Delegation"
    assert row["organization"] == "Coastal Police Academy"
    r = extract("Ana Kovac, Chair of the Harbour Committee, Minister of Labour and Social Affairs of Croatia, opened the session.")
    assert _named(r)["Ana Kovac"]["role"] == "Chair of the Harbour Committee, Minister of Labour and Social Affairs of Croatia"


def test_an_affiliation_s_list_of_portfolios_never_runs_into_the_next_person(extract):
    r = extract("Speakers included Lena Berg, Senior Adviser, Ministry of Justice of Sweden, and Tom Lund, "
                "Director of the Shelter Network.")
    people = _named(r)
    assert people["Lena Berg"]["organization"] == "Ministry of Justice of Sweden"
    assert people["Tom Lund"]["role"] == "Director of the Shelter Network"


def test_a_title_before_an_institution_s_head_word_names_no_person(extract):
    r = extract("The Ombudsperson Institution of Kosovo hosted the seminar on crew welfare on 4 June 2031.")
    assert r["person_roles"] == []
    assert r["meeting"]["organizers"] == ["Ombudsperson Institution of Kosovo"]


def test_a_first_name_that_is_a_body_s_acronym_in_another_case_is_still_a_name():
    # GRETA (the Council of Europe's expert group) is in the gazetteer; "Greta" is a first name
    assert is_plausible_name("Greta Lindholm")
    assert not is_plausible_name("GRETA Bureau")
    assert not is_plausible_name("Europol Officers")  # written as the body writes itself


def test_a_surname_that_is_a_building_word_is_a_name_where_the_model_and_a_title_shape_agree(extract):
    r = extract("Speakers at the forum on 4 June 2031 included Lena Berg, Minister of Justice, and Tom Hall, "
                "Director of the Shelter Network.")
    assert _named(r)["Tom Hall"]["role"] == "Director of the Shelter Network"
    assert _named(extract("The forum opened on 4 June 2031. Freedom House, an NGO, sent observers.")) == {}


@pytest.mark.parametrize("text, role", [
    # no comma closes the title: the sentence's verb and its object are no part of the role
    ("Ama Mensah, Minister of Justice of Ghana outlined national priorities for the coming year.",
     "Minister of Justice of Ghana"),
    ("Kofi Boateng, Chair of the Board of the Network welcomed the delegates to the session.",
     "Chair of the Board of the Network"),
    # the words before the verb, beyond the title grammar's title ("in X")
    ("Ama Mensah, Resident Representative in Liberia said the network had grown.",
     "Resident Representative in Liberia"),
])
def test_name_comma_title_running_into_the_verb(extract, text, role):
    assert _named(extract(text))[text.split(",")[0]]["role"] == role


@pytest.mark.parametrize("text, name, role, org", [
    # the country a delegate serves between the name and the title
    ("The panel included Ama Mensah, Ghana, Deputy Minister of Gender and Social Protection.",
     "Ama Mensah", "Deputy Minister of Gender and Social Protection", "Ghana"),
    ("Speakers: Ama Mensah (Ghana), Deputy Minister of Gender.", "Ama Mensah", "Deputy Minister of Gender", "Ghana"),
    ("The panel heard Ama Mensah, Kenya, Director of Public Prosecutions, and Kofi Boateng, Ghana, Chief Justice.",
     "Kofi Boateng", "Chief Justice", "Ghana"),
    # a country is never the role
    ("Ama Mensah, Ghana, said the plan was ready.", "Ama Mensah", None, "Ghana"),
])
def test_name_country_title(extract, text, name, role, org):
    row = _named(extract(text))[name]
    assert (row["role"], row["organization"]) == (role, org)


@pytest.mark.parametrize("text, name, honorific", [
    ("The Chief Justice, Rt. Hon. Kofi Boateng, gave the keynote.", "Kofi Boateng", "Rt."),
    # the article before the honorific is no part of the name
    ("The Honourable Ama Mensah, Secretary of Labour, spoke first.", "Ama Mensah", "Honourable"),
    ("The Honorable Ama Mensah, Secretary of Labor, spoke first.", "Ama Mensah", "Honorable"),
])
def test_honorifics_after_an_article_and_stacked(extract, text, name, honorific):
    named = _named(extract(text))
    assert set(named) == {name}
    assert honorific in named[name]["honorifics"]


def test_one_person_per_row_of_a_tab_separated_table(extract):
    text = ("List of participants\nYaw Mensah\tMinistry of Gender\tGhana\n"
            "Irena Kovac\tState Labour Inspectorate\tCroatia\nEfua Sutherland\tIOM\tGhana\n")
    named = _named(extract(text))
    assert {n: r["organization"] for n, r in named.items()} == {
        "Yaw Mensah": "Ministry of Gender", "Irena Kovac": "State Labour Inspectorate", "Efua Sutherland": "IOM"}


def test_a_body_office_in_a_country_is_the_organisation_not_the_role(extract):
    row = _named(extract("Ama Mensah, IOM Ghana, said the plan was ready."))["Ama Mensah"]
    assert (row["role"], row["organization"]) == (None, "IOM")


def test_names_written_like_a_named_person_in_a_semicolon_list(extract):
    # the model finds one of the two: the other is written the same way
    named = _named(extract("Speakers: Ama Mensah, IOM Ghana; Kofi Boateng, UNICEF."))
    assert {n: r["organization"] for n, r in named.items()} == {"Ama Mensah": "IOM", "Kofi Boateng": "UNICEF"}


def test_a_place_in_a_semicolon_list_is_no_person(extract):
    named = _named(extract("The panel heard Kofi Boateng, UNICEF; Greater Accra, Ghana; and the Regional Office, IOM."))
    assert set(named) == {"Kofi Boateng"}


@pytest.mark.parametrize("text, role, org", [
    # a bare title and the unit it heads, written as the next item
    ("Ama Mensah, Director, Department of Social Welfare, said the plan was ready.",
     "Director, Department of Social Welfare", "Department of Social Welfare"),
    ("Ama Mensah, Head, Anti-Human Trafficking Unit, Ghana Police Service, spoke.",
     "Head, Anti-Human Trafficking Unit", "Anti-Human Trafficking Unit"),
    # a body that is no unit stays the organisation only
    ("Ama Mensah, Director, Ministry of Justice, spoke.", "Director", "Ministry of Justice"),
])
def test_a_bare_title_takes_the_unit_it_heads(extract, text, role, org):
    row = _named(extract(text))["Ama Mensah"]
    assert (row["role"], row["organization"]) == (role, org)
