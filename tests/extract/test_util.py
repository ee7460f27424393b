"""util.anchored_finditer finds what pattern.finditer finds, trying only the positions before an anchor."""
import re

import pytest

from pipeline.extract import meeting
from pipeline.extract.util import anchored_finditer, words_back

TEXTS = [
    "The 3rd Regional Meeting of the Northern Alliance against Exploitation opened on Monday.",
    "Delegates at the annual expert forum on labour migration agreed, and the Fifth Annual Forum of Baltic Cities closed.",
    "a PreConference lunch; the XConference Meeting; the twenty-first Session of the Board of Guardians",
    "Regional Workshop\nfor Judges and Prosecutors\n\nThe Workshop on Victim Identification of the Coastal States, held in May",
    "Nothing here names any gathering at all, only 12 people and 3 cities.",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("rank", [2, 3, 4])
def test_name_shapes_match_as_a_plain_search(text, rank):
    pattern = meeting._name_patterns()[rank]
    for s, e in [(0, len(text)), (len(text) // 3, len(text)), (5, max(5, len(text) - 7))]:
        plain = [(m.start(), m.end()) for m in pattern.finditer(text, s, e)]
        fast = [(m.start(), m.end()) for m in meeting._name_matches(rank, pattern, text, s, e)]
        assert fast == plain


def test_the_name_shapes_find_the_names_written_here():
    text = TEXTS[0]
    names = [m.group() for m in meeting._name_matches(2, meeting._name_patterns()[2], text, 0, len(text))]
    assert names == ["3rd Regional Meeting of the Northern Alliance against Exploitation"]


def test_words_back_stops_at_a_word_that_cannot_open_a_match():
    text = "said the Baltic Sea Forum"
    at = text.index("Forum")
    # "the" is lower case: a capitalised run starts at "Baltic", but a match may start inside "the"
    assert words_back(text, 0, at, allowed=lambda w: w[0].isupper()) == text.index("the")
    assert words_back(text, 0, at, allowed=lambda w: True, max_words=1) == text.index("Baltic")
    assert words_back(text, 10, at, allowed=lambda w: True) == 10


def test_anchored_finditer_without_a_prefix_starts_at_the_anchor():
    digits = re.compile(r"\d+ (?:cats|dogs)")
    text = "3 cats, 40 dogs and 7 birds"
    found = [m.group() for m in anchored_finditer(digits, text, 0, len(text), re.compile(r"\d"))]
    assert found == ["3 cats", "40 dogs"]


TITLE_TEXTS = [
    "The Deputy Minister of the Interior and the National Rapporteur of Freedonia spoke first.",
    "(Senior Policy Adviser) and the 2024 Chair of the Working Group on Forced Labour, with the UN Resident Coordinator",
    "said the Head of Mission, Ana Lopez, and co-Director of Studies; ExDirector of Research",
    "",
]


@pytest.mark.parametrize("text", TITLE_TEXTS)
def test_titles_are_found_as_by_a_plain_search(text):
    from pipeline.extract import roles

    grammar = roles._grammar()
    plain = [(m.start(), m.end()) for m in grammar["title"].finditer(text)]
    fast = [(m.start(), m.end()) for m in anchored_finditer(grammar["title"], text, 0, len(text),
                                                            grammar["head_anchor"], roles._pre_modifiers_back)]
    assert fast == plain
    if text:
        assert plain  # every text here holds a title


def test_cached_regex_gives_the_results_of_regex():
    import regex

    from pipeline.extract import cached_regex

    text = "Minister of Labour and Social Affairs of Freedonia"
    assert cached_regex.search(r"\bof\s+(\p{Lu}\w+)", text).group(1) == regex.search(r"\bof\s+(\p{Lu}\w+)", text).group(1) == "Labour"
    assert cached_regex.sub(r"\s+of\s+", " / ", text, 1) == "Minister / Labour and Social Affairs of Freedonia"
    assert cached_regex.split(r"\s+and\s+", text) == ["Minister of Labour", "Social Affairs of Freedonia"]
    assert [m.group() for m in cached_regex.finditer(r"\w+ of \w+", text, overlapped=True)][:2] == ["Minister of Labour", "inister of Labour"]
    assert cached_regex.compile("of", cached_regex.I) is cached_regex.compile("of", cached_regex.I)


def test_recommendation_cues_with_their_boundary_first_match_as_written():
    from pipeline.extract import recommendations

    text = "Participants urged States to act, and the need for shelters was stressed; a call for papers followed."
    for cue in recommendations.load("recommendations.yaml").cues:
        plain = [(m.start(), m.end()) for m in re.finditer(cue.pattern, text, re.I)]
        fast = [(m.start(), m.end()) for m in re.finditer(recommendations._at_word_starts(cue.pattern), text, re.I)]
        assert fast == plain, cue.name
    assert recommendations._at_word_starts(r"(?<!\bthe )\bneeds\b") == r"\b(?:(?<!\bthe )\bneeds\b)"
    assert recommendations._at_word_starts(r"needs\b") == r"needs\b"
    assert recommendations._any_cue().search(text).group() == "urged"
