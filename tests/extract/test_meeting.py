"""The meeting record of one document: date, place, mode, organisers (texts written for the tests)."""
import pytest



def test_meeting_date_is_the_one_tied_to_a_meeting_verb(extract):
    text = ("The statement issued on 2 March 2021 called for action. National Rapporteurs met on 21-22 October 2021 "
            "in Warsaw to review progress.")
    m = extract(text)["meeting"]
    assert (m["start_date"], m["end_date"], m["date_precision"], m["date_method"]) == ("2021-10-21", "2021-10-22", "day", "read")
    assert (m["city"], m["country"], m["country_method"], m["mode"]) == ("Warsaw", "Poland", "inferred:city", "in_person")


def test_relative_dates_resolve_against_the_dateline(extract):
    text = "Vienna, 14 May 2022 – Yesterday, on 13 May, the annual meeting of Labour Inspectors commenced in Vienna."
    m = extract(text, published="2022-05-14")["meeting"]
    assert (m["start_date"], m["date_method"]) == ("2022-05-13", "inferred:year-from-published")


def test_kicked_off_today_without_a_date_keeps_offsets(extract):
    m = extract("The two-day forum of Anti-Trafficking Co-ordinators kicked off today in Geneva and concludes tomorrow.")["meeting"]
    assert (m["start_date"], m["start_relative_days"], m["end_relative_days"], m["duration_days"]) == (None, 0, 1, 2)
    m = extract("The two-day meeting of Anti-Trafficking Co-ordinators kicked off today in Geneva, and concludes tomorrow.",
                published="2023-03-07")["meeting"]
    assert (m["start_date"], m["end_date"], m["duration_days"]) == ("2023-03-07", "2023-03-08", 2)


def test_summary_title_block(extract):
    text = ("SUMMARY\n\nMeeting of Labour Inspectors and Prosecutors\n\nCo-organised by ODIHR and UNODC\n\n"
            "12-13 May 2021\n\nWebex\n\nThe event on 3 April 2021 was prepared in advance.")
    m = extract(text)["meeting"]
    assert (m["start_date"], m["end_date"]) == ("2021-05-12", "2021-05-13")
    assert (m["venue"], m["mode"]) == ("Webex", "online")
    assert m["organizers"] == ["OSCE ODIHR", "UNODC"]  # the gazetteer's short labels
    assert m["name"] == "Meeting of Labour Inspectors and Prosecutors"


def test_hybrid_and_buildings(extract):
    m = extract("Experts met on 2 June 2022 in Strasbourg and online to discuss the report.")["meeting"]
    assert (m["city"], m["mode"]) == ("Strasbourg", "hybrid")
    m = extract("The conference took place at the Hofburg on 3 May 2019.")["meeting"]
    assert (m["venue"], m["city"], m["country"], m["country_method"], m["mode"]) == ("Hofburg", "Vienna", "Austria", "inferred:venue", "in_person")
    m = extract("The seminar has started today at the headquarters of the Council of Europe in Strasbourg, France.")["meeting"]
    assert (m["venue"], m["city"], m["country"], m["country_method"]) == ("Council of Europe headquarters", "Strasbourg", "France", "read")


def test_virtual_meeting_and_not_online_exploitation(extract):
    m = extract("The virtual meeting was held on 5 May 2021. Online exploitation grew during the year.")["meeting"]
    assert m["mode"] == "online"
    m = extract("Delegates met in Vienna on 5 May 2021. They discussed online exploitation of children.")["meeting"]
    assert m["mode"] == "in_person"


def test_organisers(extract):
    m = extract("The UNHCR and the International Organization for Migration co-organised the two-day meeting, held in Rome on 1-2 July 2022.")["meeting"]
    assert m["organizers"] == ["UNHCR", "IOM"]
    m = extract("The workshop, jointly organised by the OSCE and the Council of Europe (CoE), took place on 4 May 2022.")["meeting"]
    assert m["organizers"] == ["OSCE", "Council of Europe"]


# --- shapes of real reports (texts written for these tests) -------------------------------------

def test_from_to_range_under_a_dateline_takes_the_dateline_year(extract):
    m = extract("Riga, 2 February 2026 – From 3 to 4 March, the Baltic Council will host the 9th Forum of "
                "Labour Inspectors in Riga.")["meeting"]
    assert (m["start_date"], m["end_date"], m["edition"]) == ("2026-03-03", "2026-03-04", 9)
    assert m["organizers"] == ["Baltic Council"]


def test_month_day_ordinals_and_a_weekday_under_a_dateline(extract):
    m = extract("Oslo, 6 March 2026 – The regional seminar on shelters was held on March 3rd and 4th in Oslo.")["meeting"]
    assert (m["start_date"], m["end_date"]) == ("2026-03-03", "2026-03-04")
    m = extract("Headline of the day\nOSLO, 5 March 2026 – The third regional seminar on shelters concluded in Oslo "
                "on Tuesday.")["meeting"]
    assert (m["start_date"], m["end_date"], m["date_method"]) == (None, "2026-03-03", "inferred:relative-to-published")


def test_a_two_day_event_that_closed_today_started_the_day_before(extract):
    m = extract("Bern, 4 June 2026 – The two-day event on forced labour came to a close today with a call for "
                "action.")["meeting"]
    assert (m["start_date"], m["end_date"]) == ("2026-06-03", "2026-06-04")
    assert "start inferred:duration" in m["date_method"]


def test_a_range_glued_to_a_city_in_the_title_block_and_teleconference(extract):
    text = ("Highlights of the 12th Regional Conference on Child Protection\n\n"
            "14-15 October 2025Zagreb, Croatia and via teleconference\n\nContents")
    m = extract(text)["meeting"]
    assert (m["start_date"], m["end_date"], m["city"], m["country"], m["mode"]) == (
        "2025-10-14", "2025-10-15", "Zagreb", "Croatia", "hybrid")


def test_year_only_evidence_comes_from_sentences_about_the_meeting(extract):
    m = extract("The 2019 report on labour was cited. The 2024 Regional Forum against Exploitation will take "
                "place in the capital.")["meeting"]
    assert (m["start_date"], m["date_precision"]) == ("2024-01-01", "year")


def test_months_and_weekdays_are_never_places(extract):
    m = extract("The meeting of prosecutors was held in March, and on Monday in May the network met again.")["meeting"]
    assert m["city"] is None and m["country"] is None


def test_primarily_online_and_a_platform_link(extract):
    m = extract("The Conference of Ombudspersons will be conducted primarily online. Participants receive a link "
                "to the Webex meeting.")["meeting"]
    assert (m["mode"], m["venue"]) == ("online", "Webex")


def test_a_written_body_is_the_organiser_and_known_ones_are_labelled(extract):
    m = extract("The Regional Mission to Narnia and the OSCE Office for Democratic Institutions and Human Rights "
                "jointly organised the workshop on 3 May 2022.")["meeting"]
    assert m["organizers"] == ["Regional Mission to Narnia", "OSCE ODIHR"]


def test_series_key_ignores_edition_year_organisers_and_wording():
    from pipeline.extract.meeting import edition_of, series_key

    a = series_key("25th Conference of the Alliance of Harbour Cities")
    b = series_key("OSCE Annual Alliance of Harbour Cities Conference")
    c = series_key("the 2019 Alliance of Harbour Cities meeting")
    assert a == b == c == "alliance city harbour"
    assert series_key("Meeting of National Co-ordinators") == series_key("meeting of national coordinators")
    assert (edition_of("the twenty-fifth meeting"), edition_of("17th high-level conference"), edition_of("a meeting")) == (25, 17, None)


def test_a_title_given_to_the_meeting_is_its_name(extract):
    m = extract("Seminar: “Safe shelters for every region in the north”\n\nThe seminar took place online.")["meeting"]
    assert m["name"] == "Safe shelters for every region in the north"
    m = extract("The ministry organised a regional workshop entitled Better Data for Victims, in Riga.")["meeting"]
    assert m["name"] == "Better Data for Victims"


def test_organised_under_a_presidency_and_where_the_organisers_end(extract):
    m = extract("The forum was organised under the Ruritanian Presidency of the Committee of Ministers of the Council "
                "of Europe and featured talks on a project led by the Federal Police Office.")["meeting"]
    assert m["organizers"] == ["Ruritanian Presidency of the Committee of Ministers of the Council of Europe"]


def test_a_title_block_line_that_is_only_a_place(extract):
    text = "SUMMARY\n\nExpert Meeting on Forced Begging\n\n4-5 June 2024\n\nSkopje, North Macedonia\n\nSession 1"
    m = extract(text)["meeting"]
    assert (m["city"], m["country"], m["mode"]) == ("Skopje", "North Macedonia", "in_person")
    assert extract(text)["person_roles"] == []  # "SUMMARY" + a line break + "Expert" is no title


def test_each_meeting_noun_stands_for_its_singular_and_plural():
    from pipeline.lang.resources import MeetingRules

    rules = MeetingRules(meeting_verbs=("met",), start_verbs=(), end_verbs=(), continue_verbs=(),
                         meeting_nouns=("meetings", "forum"), year_evidence=(), organisers=(), organiser_sub_units=(),
                         series_drop=(), remarks=(), deadline_cues=(), anniversary_cues=(), other_meeting_cues=(), edition_nouns=(), word_classes={})
    assert {"meeting", "meetings", "forum", "forums"} <= set(rules.nouns)


def test_a_range_of_days_in_the_lead_paragraph_dates_the_meeting(extract):
    text = ("Labour inspectors compare notes\n\nInspectors and prosecutors from the region discussed joint "
            "inspections on 14-15 October 2025 in the capital, with a focus on agriculture.\n\nThe statement "
            "of 2 March 2025 was recalled.")
    m = extract(text)["meeting"]
    assert (m["start_date"], m["end_date"]) == ("2025-10-14", "2025-10-15")
    assert m["date_method"].endswith("(lead paragraph)")


def test_a_meeting_named_only_by_a_description(extract):
    m = extract("Some 80 judges are taking part today in a seminar to review twenty years of case law on forced labour.")["meeting"]
    assert (m["name"], m["series"], m["edition"]) == (
        "seminar to review twenty years of case law on forced labour", None, None)
    m = extract("Addressing a workshop in Tbilisi, organised by the Regional Office for Georgia, she asked for more shelters.")["meeting"]
    assert m["name"] == "workshop in Tbilisi, organised by the Regional Office for Georgia"


def test_a_description_is_not_a_back_reference_or_a_date(extract):
    m = extract("The workshop, organised during the Polish Presidency, took place in Tbilisi.")["meeting"]
    assert m["name"] is None
    assert extract("Experts met at a meeting on 4 June in Tbilisi.")["meeting"]["name"] is None
    m = extract("Experts met at a meeting on victim identification on 4 June in Tbilisi.")["meeting"]
    assert m["name"] == "meeting on victim identification"


def test_the_anniversary_a_meeting_marks(extract):
    m = extract("More than 60 judges gather today for a forum to celebrate the 20th anniversary of the Protocol.")["meeting"]
    assert (m["anniversary"], m["anniversary_text"]) == (20, "20th anniversary")
    r = extract("“Fifteen years of the Action Plan: what next?”\n\nThe seminar took place on 3 May 2019 in Riga.")
    assert r["meeting"]["anniversary"] == 15
    text = r["text"]
    assert text[r["meeting"]["anniversary_start_char"]:r["meeting"]["anniversary_end_char"]].endswith("Fifteen years of")


def test_years_of_experience_are_no_anniversary(extract):
    m = extract("The seminar brought together prosecutors with 20 years of experience and took place in Riga.")["meeting"]
    assert m["anniversary"] is None


def test_the_dated_title_line_names_the_meeting_before_the_headline(extract):
    text = ("Regional Conference on Labour Exploitation in Agriculture\n\n"
            "Workers in the fields – 6th Annual Forum of Labour Inspectors, 3-4 May 2021\n\n"
            "The forum took place in Riga.")
    assert extract(text)["meeting"]["name"] == "6th Annual Forum of Labour Inspectors"


def test_a_title_line_that_starts_with_a_meeting_noun_is_its_description(extract):
    m = extract("Portugal: Round-table to review the national referral mechanism\n"
                "Some 25 officials met in Portugal on 2 June 2023 to review the mechanism.")["meeting"]
    assert m["name"] == "Round-table to review the national referral mechanism"
    assert (m["city"], m["country"], m["mode"]) == (None, "Portugal", "in_person")


def test_a_country_right_after_the_meeting_verb_and_a_city_state(extract):
    m = extract("Some 25 officials met in Portugal on 2 June 2023 to review the situation in Spain.")["meeting"]
    assert (m["city"], m["country"], m["country_method"], m["mode"]) == (None, "Portugal", "read", "in_person")
    m = extract("Experts met on 2 June 2023 in Monaco to discuss the report.")["meeting"]
    assert (m["city"], m["country"]) == ("Monaco", "Monaco")
    m = extract("Experts met on 2 June 2023 to discuss the situation in Spain.")["meeting"]
    assert m["country"] is None


def test_will_hold_announces_a_meeting_and_its_organisers(extract):
    m = extract("The Regional Office and the Labour Inspectorate will hold a workshop on forced labour in "
                "agriculture on 9-10 March 2024.")["meeting"]
    assert m["name"].startswith("workshop on forced labour")
    assert (m["start_date"], m["end_date"]) == ("2024-03-09", "2024-03-10")
    assert m["organizers"] == ["Regional Office", "Labour Inspectorate"]


def test_an_anniversary_a_few_words_after_its_cue(extract):
    m = extract("The committee held an event on the occasion of its 30th session and twenty years of work.")["meeting"]
    assert m["anniversary"] == 20


def test_days_without_a_year_are_kept_as_days_of_the_year(extract):
    m = extract("Ministers spoke at a regional conference in Riga (4-5 March) on labour exploitation.")["meeting"]
    assert (m["start_date"], m["month_day"], m["end_month_day"], m["date_method"], m["city"]) == (
        None, "03-04", "03-05", "read:no-year", "Riga")


def test_a_registration_deadline_is_not_the_meeting_date(extract):
    m = extract("The seminar will take place online. Registration is open until Friday, 2 May 2025 via the form.")["meeting"]
    assert m["start_date"] is None


def test_a_title_case_headline_verb_is_not_part_of_the_name(extract):
    m = extract("Regional Office Conducts Seminar on Labour Inspection\n\nThe seminar took place in Riga.")["meeting"]
    assert m["name"] == "Seminar on Labour Inspection"


def test_a_building_by_its_shape_and_a_training_course(extract):
    m = extract("The training course, held from 3 to 5 June 2019 at Riverside Hotel in Ohrid, closed today.")["meeting"]
    assert (m["venue"], m["city"], m["start_date"]) == ("Riverside Hotel", "Ohrid", "2019-06-03")


def test_a_description_in_the_meetings_sentence_beats_a_capitalised_name_elsewhere(extract):
    m = extract("I took part in a meeting of the working group of the Shelter Network – a network of homes – in Riga. "
                "Later the Bishops Conference of Latvia spoke about its work.")["meeting"]
    assert m["name"].startswith("meeting of the working group of the Shelter Network") and m["series"] is None


def test_an_entitled_name_at_the_end_of_a_sentence(extract):
    m = extract("The Division organised an expert seminar entitled Safe Work: Preventing Exploitation in Farming. "
                "It took place in Riga.")["meeting"]
    assert m["name"] == "Safe Work: Preventing Exploitation in Farming"


def test_organisers_keep_possessive_names_and_drop_a_repeated_acronym():
    from pipeline.extract.meeting import organisers_in

    assert organisers_in("the Network of Farm Workers’ Homes (NFWH), the Foundation of Seasonal Workers’ Homes and its partners") == [
        "Network of Farm Workers’ Homes", "Foundation of Seasonal Workers’ Homes"]
    assert organisers_in("the Swiss Chairmanship of the Organization for Security and Co-operation in Europe (OSCE)") == [
        "Swiss Chairmanship of the Organization for Security and Co-operation in Europe"]
    assert organisers_in("the OSCE’s Office in Yerevan") == ["OSCE Office in Yerevan"]


def test_a_weekday_timestamp_is_not_the_dateline():
    from pipeline.ingest.metadata import read_dateline

    d = read_dateline("Headline on forced labour\nTuesday, March 9, 2010 4:15 PM\n\nRIGA, 5 March 2010 - The course ended.")
    assert (d.place, d.published.isoformat()) == ("Riga", "2010-03-05")


def test_a_heading_name_that_goes_on_in_lower_case(extract):
    m = extract("3rd meeting of the Baltic network of labour inspectors working on seasonal farms\n\n"
                "On 4 and 5 May 2023 the inspectors met in Riga.")["meeting"]
    assert (m["name"], m["edition"]) == (
        "3rd meeting of the Baltic network of labour inspectors working on seasonal farms", 3)


def test_a_description_after_a_time_phrase_leaves_the_time_out(extract):
    m = extract("Twenty Latvian judges are taking part in a training course this week in Riga on labour "
                "exploitation.")["meeting"]
    assert m["name"] == "training course in Riga on labour exploitation"
    m = extract("Twenty Latvian judges are taking part in a training course in September in Riga on labour "
                "exploitation.")["meeting"]
    assert m["name"] == "training course in Riga on labour exploitation"


def test_a_body_that_held_its_nth_meeting_names_it(extract):
    m = extract("1.   The Working Party on labour inspection (WPLI) held its 9th meeting from 3 to 4 May 2021 in Riga.")["meeting"]
    assert (m["name"], m["edition"]) == ("9th meeting of the Working Party on labour inspection", 9)


def test_a_meeting_named_in_passing_is_not_the_one_reported(extract):
    text = ("Shelter Standards Forum\n\nGraz, Austria | 3–4 May 2029 | Hybrid\n\nThe forum brought together some 40 "
            "experts. The next forum will take place in Ljubljana in 2031.")
    m = extract(text)["meeting"]
    assert (m["city"], m["country"], m["mode"]) == ("Graz", "Austria", "hybrid")
    assert (m["start_date"], m["end_date"]) == ("2029-05-03", "2029-05-04")


def test_an_online_meeting_noun_gives_the_mode(extract):
    m = extract("An online roundtable on shelter standards was organised on 3 May 2029 with 25 experts.")["meeting"]
    assert m["mode"] == "online"
    m = extract("A virtual symposium on recruitment fees took place on 3 May 2029.")["meeting"]
    assert m["mode"] == "online"
    m = extract("The workshop on online exploitation took place in Graz on 3 May 2029.")["meeting"]
    assert m["mode"] == "in_person"


def test_a_city_name_of_several_words_and_several_countries(extract):
    m = extract("The training for labour inspectors was held in Dar es Salaam on 4 April 2029.")["meeting"]
    assert (m["city"], m["country"]) == ("Dar es Salaam", "Tanzania")
    m = extract("Prosecutors from Costa Rica and Panama met in San Jose on 12 May 2029 for a dialogue on trafficking.")["meeting"]
    assert (m["city"], m["country"]) == ("San Jose", "Costa Rica")
    m = extract("Prosecutors met in San Jose on 12 May 2029. A speaker from Costa Rica gave the keynote.")["meeting"]
    # no country in the meeting's sentence: the one the report names elsewhere, its San Jose being
    # no small namesake of the largest
    assert (m["city"], m["country"]) == ("San Jose", "Costa Rica")
    m = extract("Prosecutors met in San Jose on 12 May 2029 for a dialogue on trafficking.")["meeting"]
    assert (m["city"], m["country"]) == ("San Jose", "United States")  # no country named: the largest


def test_the_series_is_a_name_and_its_key_a_separate_column(extract):
    m = extract("The 12th Annual Conference of the Harbour Alliance against Forced Labour took place in Graz "
                "on 3 May 2029.")["meeting"]
    assert (m["series"], m["edition"]) == ("Conference of the Harbour Alliance against Forced Labour", 12)
    assert m["series_key"] == "alliance forced harbour labour"


def test_an_edition_written_as_the_nth_year_or_edition(extract):
    m = extract("The Meeting of Shelter Directors, convened for the third time by the Harbour Network, "
                "took place in Graz on 3 May 2029.")["meeting"]
    assert m["edition"] == 3
    m = extract("The Shelter Directors Forum held its second session on victim support in Graz on 3 May 2029.")["meeting"]
    assert m["edition"] is None  # a session of the meeting is not its edition


def test_a_convened_body_names_the_meeting_and_a_date_never_ends_a_name(extract):
    m = extract("This week the Minister marked the day by convening the Regional Task Force to Monitor Forced "
                "Labour. They discussed shelters.")["meeting"]
    assert m["name"] == "meeting of the Regional Task Force to Monitor Forced Labour"
    m = extract("The annual meeting of the Harbour Council on Shelters on March 4 brought together 30 experts.")["meeting"]
    assert m["name"] == "annual meeting of the Harbour Council on Shelters"


def test_a_body_whose_name_is_its_building_is_the_venue(extract):
    m = extract("The Task Force held its annual meeting on 1 March 2011 at the Department of State.")["meeting"]
    assert (m["venue"], m["country"], m["mode"]) == ("Department of State", "United States", "in_person")
    m = extract("The seminar took place on 5 May 2021 at the Ministry of Foreign Affairs of Chile.")["meeting"]
    assert (m["venue"], m["country"], m["mode"]) == ("Ministry of Foreign Affairs of Chile", "Chile", "in_person")


def test_an_official_at_a_ministry_gives_no_venue(extract):
    m = extract("Ana Lima, an official at the Ministry of Justice, opened the seminar on 5 May 2021.")["meeting"]
    assert m["venue"] is None


def test_the_body_that_holds_its_own_meeting_is_the_organiser(extract):
    m = extract("Accra — The Economic Community of West African States (ECOWAS) on Monday, 14 October 2024, "
                "begins its 9th Annual Meeting of the Network of Focal Points in Accra.")["meeting"]
    assert m["organizers"] == ["ECOWAS"]
    m = extract("The OSCE’s annual conference opened in Vienna on 3 May 2022.")["meeting"]
    assert m["organizers"] == ["OSCE"]


def test_a_person_who_owns_a_meeting_is_no_organiser_body(extract):
    m = extract("The ministers held their meeting in Riga on 3 May 2022. Ana Lima’s workshop followed.")["meeting"]
    assert m["organizers"] == []


def test_a_headline_verb_after_the_name_ends_it(extract):
    m = extract("Regional Consultation on Labour Trafficking Concludes in Nairobi\n\nNAIROBI, 4 May 2023 - "
                "Experts from ten countries met this week.")["meeting"]
    assert m["name"] == "Regional Consultation on Labour Trafficking"


def _meeting_examples():
    from pipeline.lang.resources import load

    return [pytest.param(ex.text, ex.expect, id=f"example-{i}") for i, ex in enumerate(load("meetings.yaml").examples)]


@pytest.mark.parametrize("text, expect", _meeting_examples())
def test_every_example_of_the_meeting_record(extract, text, expect):
    """Generated from meetings.yaml examples: each field the example gives is read so."""
    assert _fields(extract(text)["meeting"], expect) == expect


def _fields(m: dict, expect: dict) -> dict:
    """The meeting's fields an example gives, written as the examples write them."""
    return {k: (" | ".join(m[k]) if k == "organizers" else str(m[k]) if m[k] is not None else None) for k in expect}


def test_a_meeting_named_nowhere_is_named_by_its_definite_description(extract):
    m = extract("The workshop on labour recruitment took place in Kigali on 6 May 2027.")["meeting"]
    assert m["name"] == "workshop on labour recruitment" and m["series_key"] is None


def test_a_definite_meeting_noun_without_a_topic_names_nothing(extract):
    # "the forum, held during X" refers back to a meeting; it describes none
    m = extract("The forum, held during the presidency of the regional bloc, took place in Kigali on 6 May 2027.")["meeting"]
    assert m["name"] is None


def test_a_body_that_hosts_a_meeting_organises_it(extract):
    m = extract("The Danube Labour Network hosted a webinar on seasonal work on 4 May 2026.")["meeting"]
    assert m["organizers"] == ["Danube Labour Network"] and m["name"] == "webinar on seasonal work"


def test_a_body_that_convenes_a_meeting_is_its_organiser_not_its_name(extract):
    m = extract("The Adriatic Prosecutors Network convened a conference on asset recovery in Split on 4 May 2026.")["meeting"]
    assert m["organizers"] == ["Adriatic Prosecutors Network"]
    assert m["name"] == "conference on asset recovery in Split"


def test_labelled_lines_of_a_title_block(extract):
    text = ("Regional consultation on shelters\nOrganised by: Danube Labour Network\nDate: 4 May 2026\n"
            "Venue: Palais des Nations, Geneva\n\nThe consultation brought together shelter managers.")
    m = extract(text)["meeting"]
    assert (m["organizers"], m["city"], m["start_date"]) == (["Danube Labour Network"], "Geneva", "2026-05-04")


def test_a_city_several_countries_have_is_in_the_country_the_report_names_elsewhere(extract):
    text = ("The regional workshop took place in Cordoba on 3 May 2026.\n\n"
            "Officials of the Spanish Ministry of Interior and of Portugal attended.")
    assert extract(text)["meeting"]["country"] == "Spain"


def test_a_small_namesake_in_a_country_named_elsewhere_does_not_move_a_large_city(extract):
    text = "The regional workshop took place in Vienna on 3 May 2026.\n\nOfficials from the United States attended."
    assert extract(text)["meeting"]["country"] == "Austria"


def test_a_venue_of_an_international_body_gives_its_city(extract):
    m = extract("The expert meeting took place from 3 to 5 May 2026 at the United Nations Office at Nairobi.")["meeting"]
    assert (m["venue"], m["city"], m["country"]) == ("United Nations Office at Nairobi", "Nairobi", "Kenya")


def _organiser_rule_examples():
    from pipeline.lang.resources import load

    return [pytest.param(ex.text, ex.expect, id=f"{rule.name}-{i}")
            for rule in load("meetings.yaml").organiser_rules for i, ex in enumerate(rule.examples)]


@pytest.mark.parametrize("text, expect", _organiser_rule_examples())
def test_every_example_of_the_organiser_rules(extract, text, expect):
    """Generated from the organiser_rules of meetings.yaml: the organisers each example names, and
    any other field it gives."""
    assert _fields(extract(text)["meeting"], expect) == expect


def test_every_organiser_rule_has_an_example():
    from pipeline.lang.resources import load

    assert all(rule.examples for rule in load("meetings.yaml").organiser_rules)


def test_a_region_before_a_gathering_verb_is_no_group_that_met(extract):
    m = extract("Inspectors and NGOs meet in Georgia to tackle forced labour\n\nLabour inspectors, prosecutors and "
                "civil society groups from around the Black Sea gathered in the Georgian capital on 13-14 June 2031 "
                "for a regional forum on labour exploitation.")["meeting"]
    assert m["name"] == "forum on labour exploitation"
    assert extract("Labour Inspectors from ten countries met in Riga on 3 May 2031.")["meeting"]["name"] == \
        "meeting of Labour Inspectors"


def test_a_page_date_stamp_gives_way_to_the_meeting_days(extract):
    text = ("Updates | 9 October 2026\n\nSubregional Seminar on Labour Inspection\n\n"
            "The subregional seminar took place in Accra on 5-7 October 2026 and gathered inspectors from the coast.")
    m = extract(text)["meeting"]
    assert (m["start_date"], m["end_date"], m["date_method"]) == ("2026-10-05", "2026-10-07", "read")
    text = ("Seminar on Labour Inspection\n\n8 October 2026\n\n"
            "The seminar took place in Accra on 8 October 2026 and gathered inspectors from the coast.")
    assert extract(text)["meeting"]["start_date"] == "2026-10-08"  # a title date the sentences agree with


def test_a_labelled_line_gives_the_city(extract):
    m = extract("Subregional Consultation on Domestic Work\n\nVenue: Lakeside Hotel, Entebbe, Uganda\n\n"
                "The consultation gathered fifty participants from the region.")["meeting"]
    assert (m["city"], m["country"]) == ("Entebbe", "Uganda")
    m = extract("Organised by: UNODC and the Government of Malawi\nLocation: Lilongwe\nDate: 4 March 2027")["meeting"]
    assert (m["city"], m["country"], m["organizers"]) == ("Lilongwe", "Malawi", ["UNODC", "Government of Malawi"])


def test_a_second_organiser_verb_continues_the_organisers(extract):
    m = extract("The Pacific Dialogue on Fisheries Labour, hosted by the Government of Fiji and co-organised by "
                "ILO and IOM, opened in Suva on 3 May 2027.")["meeting"]
    assert m["organizers"] == ["Government of Fiji", "ILO", "IOM"]


def test_a_body_that_held_its_nth_meeting_after_an_opening_phrase(extract):
    m = extract("At the invitation of the Government of Namibia, the Working Group on Fisheries Crime held "
                "its 9th meeting in Windhoek.")["meeting"]
    assert m["name"] == "9th meeting of the Working Group on Fisheries Crime"
    assert "Working Group on Fisheries Crime" in m["organizers"]


def test_a_news_agency_in_the_dateline_is_never_the_city(extract):
    # the agency's name is also a town's in the gazetteer; the meeting is "here", the dateline's city
    text = ("Forum on labour migration opens\n\nHANOI, Sept 12 (Xinhua) -- A regional forum on labour migration "
            "opened here on Monday with delegates from eight countries.")
    m = extract(text)["meeting"]
    assert (m["city"], m["country"]) == ("Hanoi", "Vietnam")


def test_a_city_written_without_its_city_word_is_a_city_and_a_dateline_names_no_person(extract):
    # geonames writes "New York City"; reports write "New York". A country keeps its name ("Kuwait City")
    from pipeline.extract.places import city_country

    assert (city_country("New York"), city_country("Kuwait")) == ("United States", None)
    r = extract("Forum on fair recruitment\n\nNew York, 3 March 2031 — Delegates met at a forum on fair recruitment here.")
    assert r["meeting"]["city"] == "New York"
    assert [p["name"] for p in r["person_roles"]] == []


def test_a_town_s_name_that_opens_a_dated_sentence_is_no_city(extract):
    # "Police" is also a town in Poland; a title-block city stands before a separator or a date
    m = extract("Police Training Held\n\nPolice from three regions attended the workshop on 3 May 2031.")["meeting"]
    assert (m["city"], m["start_date"]) == (None, "2031-05-03")
    m = extract("Vienna 3-4 May 2031\n\nThe meeting gathered labour inspectors.")["meeting"]
    assert m["city"] == "Vienna"


def test_the_sentences_that_name_the_meeting_place_it_when_its_noun_is_no_meeting_noun(extract):
    # "Assembly" is no meeting noun (it is also a body); the sentence naming the meeting still places it
    text = ("Sisters of many orders gather\n\nMore than 40 sisters took part in the Fifth General Assembly of the "
            "Lantern Network, held in Lisbon from 2 to 4 June 2031.")
    m = extract(text)["meeting"]
    assert (m["name"], m["city"], m["country"], m["start_date"]) == (
        "Fifth General Assembly of the Lantern Network", "Lisbon", "Portugal", "2031-06-02")


def test_a_plural_noun_after_a_demonym_is_no_headline_verb_and_a_body_s_demonym_names_no_country(extract):
    # "States" is also a speech verb; "American" inside a body's name is no country for a city
    # several countries have (Lima, Peru and Lima, Ohio)
    m = extract("The Third Meeting of Ministers of the Organization of American States opened in Lima on 3 May 2031.")["meeting"]
    assert (m["name"], m["city"], m["country"]) == (
        "Third Meeting of Ministers of the Organization of American States", "Lima", "Peru")
    m = extract("The Second Conference of Member States closed in Accra on 3 May 2031.")["meeting"]
    assert m["name"] == "Second Conference of Member States"


@pytest.mark.parametrize("title, name", [
    ("Expert Committee on Labour Migration: Report of the Third Meeting", "Third Meeting of the Expert Committee on Labour Migration"),
    ("Regional Task Force: 2nd Meeting", "2nd Meeting of the Regional Task Force"),
])
def test_a_numbered_meeting_after_a_body_s_name_and_a_colon_is_that_body_s(extract, title, name):
    m = extract(f"{title}\n\nThe members met in Geneva on 3 May 2031 to review the work plan.")["meeting"]
    assert m["name"] == name


@pytest.mark.parametrize("text, organizers", [
    ("The seminar was arranged by the Nordic Labour Office in Riga on 3 May 2031.", ["Nordic Labour Office"]),
    ("The seminar was organised by the OSCE Office in Yerevan on 3 May 2031.", ["OSCE Office in Yerevan"]),
])
def test_an_office_in_a_city_is_a_known_body_s_presence_or_an_office_that_is_there(extract, text, organizers):
    assert extract(text)["meeting"]["organizers"] == organizers


def test_a_building_before_a_country_is_no_town(extract):
    m = extract("The workshop was held at Unity Hall, Kenya on 4 May 2031.")["meeting"]
    assert m["city"] is None


def test_a_range_in_the_meeting_sentence_beats_a_date_stamp_inside_it(extract):
    m = extract("Press release\n\n04.11.2030\n\nThe Task Force holds its autumn session\n\n"
                "The Nordic Labour Task Force is holding its 12th session from 3 to 6 November 2030 in Tallinn.")["meeting"]
    assert (m["start_date"], m["end_date"]) == ("2030-11-03", "2030-11-06")


def test_a_labelled_place_keeps_its_city_before_a_bracket(extract):
    m = extract("Roundtable on Forced Criminality\n\nWhen: 22-23 October 2030\n"
                "Where: Kigali, Rwanda (hybrid)\n\nThe roundtable brought together experts.")["meeting"]
    assert (m["city"], m["country"], m["mode"]) == ("Kigali", "Rwanda", "hybrid")


def test_a_small_town_named_like_a_word_is_no_city_on_a_line_without_a_date(extract):
    m = extract("Roundtable on Forced Criminality\n\nThe roundtable took place on 22 October 2030.\n\n"
                "Time | Session | Speaker\n\n09:00 | Opening | Lena Okafor")["meeting"]
    assert m["city"] is None


def test_a_published_label_in_the_title_block_is_the_page_s_date_not_the_meeting_s(extract):
    m = extract("Inspectors meet on farm labour\n\nPublished 15 March 2029\n\n"
                "Labour inspectors from eleven countries gathered in Riga for a two-day meeting on farm labour, "
                "which ended on Wednesday.", published="2029-03-15")["meeting"]
    assert (m["start_date"], m["end_date"]) == ("2029-03-13", "2029-03-14")


def test_a_building_named_after_its_city_gives_the_city(extract):
    m = extract("The forum on labour migration took place at the Kigali Convention Centre on 3 May 2031.")["meeting"]
    assert (m["venue"], m["city"], m["country"]) == ("Kigali Convention Centre", "Kigali", "Rwanda")


def test_a_body_s_premises_are_the_venue(extract):
    m = extract("The seminar on forced begging was held at the premises of the Ministry of Justice in Tirana on 3 May 2031.")["meeting"]
    assert (m["venue"], m["city"]) == ("Ministry of Justice", "Tirana")


def test_a_building_in_the_opening_paragraph_is_the_venue_where_no_meeting_sentence_names_one(extract):
    text = ("Crew welfare workshop\n\n"
            "Port inspectors, shipowners and seafarers' unions from nine coastal states spent two days at the "
            "Harbour Point Hotel in Mombasa, comparing how they check the working hours of crews on fishing "
            "vessels and what a crew member can do when wages go unpaid for months at a time.\n\n"
            "The workshop was held on 4 and 5 June 2031.")
    m = extract(text)["meeting"]
    assert (m["venue"], m["mode"]) == ("Harbour Point Hotel", "in_person")
