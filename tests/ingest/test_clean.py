import re

from pipeline.ingest.clean import SUPERSCRIPTS, clean_text

SUMMARY_ID = "004_2e1ad919f53edd39"


def test_glued_markers_are_split_off_and_recorded():
    raw = ("The statement³ was issued on 2 April 2020,⁵ and the report (2020)⁶ followed.\n\n"
           "³ The full text is here:\n<https://example.org/statement>\n\n"
           "⁵ See [the news item](#)\n\n⁶ See <https://example.org/report>\n")
    cleaned = clean_text(raw)
    assert cleaned.text == "The statement was issued on 2 April 2020, and the report (2020) followed."
    by_number = {f.number: f for f in cleaned.footnotes}
    assert sorted(by_number) == [3, 5, 6]
    assert by_number[3].urls == ("https://example.org/statement",)
    assert by_number[3].ref_offset == len("The statement")
    assert by_number[3].anchor_text == "statement"
    assert by_number[5].body == "See the news item"
    assert by_number[5].anchor_text == "2020,"
    assert by_number[6].urls == ("https://example.org/report",)
    assert cleaned.text[by_number[6].ref_offset - 6:by_number[6].ref_offset] == "(2020)"


def test_two_digit_markers():
    cleaned = clean_text("A compendium (2020)¹⁰ and a roadmap (2019)¹¹.\n\n¹⁰ See <https://a.example/10>\n\n¹¹ See <https://a.example/11>")
    assert cleaned.text == "A compendium (2020) and a roadmap (2019)."
    assert [(f.number, f.urls) for f in cleaned.footnotes] == [(10, ("https://a.example/10",)), (11, ("https://a.example/11",))]


def test_page_break_debris_is_removed_and_the_cut_paragraph_joined():
    raw = ("Intro line.\n\n\n\nDue to the travel and movement\n\n12\n\n¹ A footnote body.\n\n"
           "restrictions, activity moved online.\n\n\n\nNext paragraph.")
    cleaned = clean_text(raw)
    assert cleaned.text == ("Intro line.\n\nDue to the travel and movement restrictions, activity moved online.\n\n"
                            "Next paragraph.")
    assert cleaned.footnotes[0].body == "A footnote body."


def test_markdown_links_become_their_text():
    cleaned = clean_text("[Day 2. Session 3 - Findings](#)\n\nSee [the report](https://example.org/r) now.")
    assert cleaned.text == "Day 2. Session 3 - Findings\n\nSee the report now."


def test_summary_seed_has_no_glued_marker_and_footnote_4_has_its_url(seed_docs, seed_outputs):
    from pipeline.tables import read_rows

    text = seed_docs[SUMMARY_ID]["text"]
    assert not re.search(f"[{SUPERSCRIPTS}]", text)
    assert "<https://" not in text and "](#)" not in text
    footnotes = {f["number"]: f for f in read_rows(seed_outputs, "footnotes") if f["doc_id"] == SUMMARY_ID}
    assert sorted(footnotes) == list(range(1, 14))
    fn4 = footnotes[4]
    assert fn4["urls"] == ["https://www.osce.org/cthb/451186"]
    assert fn4["anchor_text"] == "recommendations"
    assert text[fn4["ref_offset"] - len("recommendations"):fn4["ref_offset"]] == "recommendations"
    # the footnote bodies left the running text
    assert "The full text of the Recommendations" not in text


def test_a_line_wrapped_onto_an_indented_line_is_joined():
    raw = ("Speakers:\n·   Ana Lopez, Head of the Department of\n      Justice and Police, Ruritania;\n"
           "·   Jonas Berg, Minister;\n      Indented after a full stop stays.\n")
    text = clean_text(raw).text
    assert "·   Ana Lopez, Head of the Department of Justice and Police, Ruritania;" in text.split("\n")
    assert "      Indented after a full stop stays." in text.split("\n")


def test_a_name_alone_on_its_line_is_not_joined_to_the_title_below():
    text = clean_text("  • Dr Ana LOPEZ\n    Head of the Shelter Unit\n").text
    assert text.split("\n") == ["  • Dr Ana LOPEZ", "    Head of the Shelter Unit"]
