"""The HTML review pages: every fact row has its highlight, and nothing is fetched from the network."""
from html.parser import HTMLParser

from click.testing import CliRunner

from pipeline.cli import main
from pipeline.report import highlight, page_name
from pipeline.tables import read_rows


class _Marks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.parts, self.external = set(), set(), []
        self.depth = 0
        self.text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "mark":
            if "id" in a:
                self.ids.add(a["id"])
            if "data-part-of" in a:
                self.parts.add(a["data-part-of"])
        for key in ("src", "href"):
            if a.get(key, "").startswith(("http://", "https://", "//")):
                self.external.append(a[key])
        if tag in ("script", "link"):
            self.external.append(tag)


def test_every_fact_row_has_its_highlight(seed_outputs):
    result = CliRunner().invoke(main, ["report", "--output", str(seed_outputs), "-q"])
    assert result.exit_code == 0, result.output
    mentions = read_rows(seed_outputs, "mentions")
    assert {m["label"] for m in mentions} >= {"PERSON", "ROLE", "ORG", "DATE", "COUNT", "RECOMMENDATION", "QUOTE", "VENUE"}
    for doc in read_rows(seed_outputs, "documents"):
        parser = _Marks()
        parser.feed((seed_outputs / "report" / page_name(doc["doc_id"])).read_text(encoding="utf-8"))
        expected = {m["mention_id"] for m in mentions if m["doc_id"] == doc["doc_id"]}
        assert expected and expected <= parser.ids, doc["doc_id"]
        assert parser.external == []
    # the fact tables' rows are all grounded in a highlighted span of the same offsets
    spans = {(m["doc_id"], m["start_char"], m["end_char"]) for m in mentions}
    for table in ("counts", "recommendations", "quotes"):
        for row in read_rows(seed_outputs, table):
            assert (row["doc_id"], row["start_char"], row["end_char"]) in spans, (table, row["text"])
    assert (seed_outputs / "report" / "index.html").exists()


def test_overlapping_spans_nest_and_crossing_spans_split():
    text = "abcdefghij"
    spans = [{"mention_id": "outer", "label": "QUOTE", "start_char": 0, "end_char": 10, "title": "q"},
             {"mention_id": "inner", "label": "ORG", "start_char": 2, "end_char": 4, "title": "o"},
             {"mention_id": "cross", "label": "DATE", "start_char": 3, "end_char": 6, "title": "d"}]
    out = highlight(text, spans)
    parser = _Marks()
    parser.feed(out)
    assert parser.ids == {"outer", "inner", "cross"}
    assert parser.parts == {"cross"}
    assert out.count("<mark") == out.count("</mark>") == 4
    import re

    assert re.sub(r"<[^>]+>", "", out) == text


def test_the_meeting_fields_of_a_source_are_highlighted(seed_outputs):
    result = CliRunner().invoke(main, ["report", "--output", str(seed_outputs), "-q"])
    assert result.exit_code == 0, result.output
    sources = {s["doc_id"]: s for s in read_rows(seed_outputs, "meeting_sources")}
    for doc_id, src in sources.items():
        page = (seed_outputs / "report" / page_name(doc_id)).read_text(encoding="utf-8")
        for field in ("city", "mode", "organizers"):
            if src[f"{field}_start_char"] is not None:
                assert f'id="meeting-{field}"' in page, (doc_id, field)
