"""The meeting record of one document: date, place, mode, organisers (texts written for the tests)."""


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
    assert m["organizers"] == ["ODIHR", "United Nations Office on Drugs and Crime"] or m["organizers"] == ["ODIHR", "UNODC"]
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
