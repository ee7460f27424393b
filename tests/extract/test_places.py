"""Countries and cities named in a phrase (extract/places.py), on sentences written for the tests."""
from pipeline.extract.places import countries_in


def test_a_country_at_a_sentence_s_end_is_read_without_its_full_stop():
    assert countries_in("The workshop was hosted by the Government of Costa Rica.") == ["Costa Rica"]


def test_a_country_s_words_must_stand_together():
    # "Dominican" and "Republic" apart in one sentence name no Dominican Republic
    assert countries_in("A Dominican nun spoke about the Republic of Moldova.") == ["Moldova"]


def test_a_region_s_word_before_a_demonym_names_the_region_not_the_country():
    assert countries_in("A Central American network and a West African coalition met.") == []
    assert countries_in("The American delegation met the Kenyan minister.") == ["United States", "Kenya"]


def test_an_ambiguous_city_is_placed_in_the_country_the_report_names(extract):
    m = extract("Delegates met in San Jose on 3 May 2031 for a regional meeting on labour migration hosted by "
                "the Government of Costa Rica.")["meeting"]
    assert (m["city"], m["country"]) == ("San Jose", "Costa Rica")


def test_a_town_after_an_adjective_and_town_of(extract):
    m = extract("Fishers and inspectors gathered in the coastal town of Mombasa on 3 May 2031 for a workshop.")["meeting"]
    assert (m["city"], m["country"]) == ("Mombasa", "Kenya")


def test_a_header_line_of_fields_gives_the_place_of_its_last_or_dated_field(extract):
    m = extract("Crew welfare: the Port Council hears a briefing\n\n4 June 2031\n\n"
                "Press Coverage • Port Council • Mombasa\n\n"
                "The Port Council held an open debate on crew welfare today.")["meeting"]
    assert (m["city"], m["country"]) == ("Mombasa", "Kenya")


def test_a_table_header_names_no_place():
    from pipeline.extract.venues import find_place_line

    assert find_place_line("Time | Split | Speaker") == []
    assert [p.city for p in find_place_line("Session 2 | Split | 4 June 2031")] == ["Split"]
    assert [(p.city, p.country) for p in find_place_line("Press Release · Split, Croatia · Panel")] == [("Split", "Croatia")]


def test_a_platform_glued_to_the_next_capitalised_word_is_still_the_venue():
    from pipeline.extract.venues import platform_mentions

    assert [p.value for p in platform_mentions("The webinar took place online via ZoomRegistration is free.")] == ["Zoom"]
    assert platform_mentions("Inspectors met online via Zoomers.") == []
