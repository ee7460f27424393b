from pipeline.lang.layout import segment


def test_headings_paragraphs_and_bullets_keep_offsets():
    text = ("SUMMARY\n\nDay 1. Session 1 - Challenges of the pandemic\n\nThe panel met. It agreed.\n\n"
            "The survey recommended, including:\n\n- States should act.\n- States must fund shelters.")
    segs = segment(text)
    kinds = [s.kind for s in segs]
    assert kinds == ["title", "heading", "paragraph", "paragraph", "bullet", "bullet"]
    assert [text[s.start:s.end] for s in segs][1] == "Day 1. Session 1 - Challenges of the pandemic"
    assert text[segs[4].start:segs[4].end] == "- States should act."


def test_hard_wrapped_paragraph_stays_one_segment():
    text = "The meeting was attended by many\nparticipants from the region.\nA second paragraph."
    segs = segment(text)
    assert [(s.kind, text[s.start:s.end]) for s in segs] == [
        ("paragraph", "The meeting was attended by many\nparticipants from the region."),
        ("paragraph", "A second paragraph."),
    ]


def test_a_table_row_is_no_heading():
    from pipeline.lang.layout import segment

    text = "Delegation\nYaw Mensah | Ministry of Gender\n| Irena Kovac | State Labour Inspectorate |"
    assert [s.kind for s in segment(text)] == ["title", "paragraph", "paragraph"]


def test_a_tab_separated_row_is_no_heading():
    text = "Delegation\nYaw Mensah\tMinistry of Gender\tGhana\nIrena Kovac\tState Labour Inspectorate\tCroatia"
    assert [s.kind for s in segment(text)] == ["title", "paragraph", "paragraph"]
