"""Quotes and their speakers; the attribution after a quote is read to the end of its sentence, as
the one sentence splitter (extract/util.py sentence_bounds) gives it."""


def _quotes(extract, text):
    return [(q["text"], q["speaker"]) for q in extract(text)["quotes"]]


def test_an_honorific_inside_the_attribution_does_not_end_it(extract):
    text = "“We will open three new shelters in the north this year,” said Dr. Mira Kovac, the national coordinator."
    assert _quotes(extract, text) == [("We will open three new shelters in the north this year,", "Mira Kovac")]


def test_the_attribution_stops_at_the_next_quotation_mark(extract):
    text = ("“Every inspector needs training on forced labour,” the report says “and every court needs it too,” "
            "said Jonas Berg.")
    # the first quote's sentence runs on to the name, but its attribution ends at the next quote mark
    assert _quotes(extract, text) == [("and every court needs it too,", "Jonas Berg")]
