"""Web pages, PDF and Word files: the seeds rendered in each format give the same facts as the
.txt seeds (measured with the evaluator), and every kind of bad file gets its own row."""
from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import GOLD, RAW_TEXTS, SEED_IDS
from pipeline.cli import main
from pipeline.evaluate import evaluate
from pipeline.ingest import ingest_folder
from pipeline.tables import read_rows

COMPARED = ("people_f1", "people_role_accuracy", "role_mentions_f1", "counts_f1", "counts_qualifier_accuracy",
            "recommendations_f1", "meeting_doc_fields_accuracy", "meetings_cluster_f1")


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def seed_html(text: str) -> str:
    """A seed inside a page with navigation, a cookie banner and a footer."""
    parts = []
    lines = _paragraphs(text)
    parts.append(f"<h1>{html.escape(lines[0])}</h1>")
    in_list = False
    for line in lines[1:]:
        bullet = re.match(r"[-•]\s+(.*)", line)
        if bullet and not in_list:
            parts.append("<ul>")
            in_list = True
        if not bullet and in_list:
            parts.append("</ul>")
            in_list = False
        parts.append(f"<li>{html.escape(bullet.group(1))}</li>" if bullet else f"<p>{html.escape(line)}</p>")
    if in_list:
        parts.append("</ul>")
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Newsroom</title></head><body>"
            "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li><li><a href='/about'>About us</a>"
            "</li></ul></nav><div class='cookie-banner'>We use cookies to improve your experience. Accept all cookies"
            "</div><main><article>" + "\n".join(parts) + "</article></main>"
            "<footer><p>© Newsroom. All rights reserved. Privacy policy | Terms of use | Contact</p></footer>"
            "</body></html>")


def seed_pdf(text: str, path: Path) -> None:
    """A seed as a PDF with a running header and page numbers (fpdf2, DejaVu for Unicode)."""
    import matplotlib
    from fpdf import FPDF

    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"

    class Report(FPDF):
        def header(self):
            self.set_font("dejavu", size=8)
            self.cell(0, 6, "Regional Anti-Trafficking Bulletin – internal report", align="C")
            self.ln(10)

        def footer(self):
            self.set_y(-12)
            self.set_font("dejavu", size=8)
            self.cell(0, 6, f"Page {self.page_no()}", align="C")

    pdf = Report()
    pdf.add_font("dejavu", fname=str(font))
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    for line in _paragraphs(text):
        pdf.set_font("dejavu", size=10)
        pdf.multi_cell(0, 5, line)
        pdf.ln(4)
    pdf.output(str(path))


def seed_docx(text: str, path: Path) -> None:
    import docx

    document = docx.Document()
    lines = _paragraphs(text)
    document.add_heading(lines[0], level=1)
    for line in lines[1:]:
        bullet = re.match(r"[-•]\s+(.*)", line)
        if bullet:
            document.add_paragraph(bullet.group(1), style="List Bullet")
        else:
            document.add_paragraph(line)
    document.save(str(path))


def _run(folder: Path, out: Path) -> None:
    result = CliRunner().invoke(main, ["run", "--input", str(folder), "--output", str(out), "-q", "--no-cache"])
    assert result.exit_code == 0, result.output + repr(result.exception)


@pytest.fixture(scope="module")
def txt_scores(seed_outputs):
    return evaluate(GOLD, seed_outputs)[0]


@pytest.mark.parametrize("kind", ["html", "pdf", "docx"])
def test_seeds_in_each_format_give_the_same_facts_as_text(kind, tmp_path, txt_scores):
    folder = tmp_path / "in"
    folder.mkdir()
    for doc_id in SEED_IDS:
        text = (RAW_TEXTS / f"{doc_id}.txt").read_text(encoding="utf-8")
        target = folder / f"{doc_id}.{kind}"
        if kind == "html":
            target.write_text(seed_html(text), encoding="utf-8")
        elif kind == "pdf":
            seed_pdf(text, target)
        else:
            seed_docx(text, target)
    out = tmp_path / "out"
    _run(folder, out)
    docs = read_rows(out, "documents")
    assert {d["status"] for d in docs} == {"ok"}, [(d["doc_id"], d["error"]) for d in docs]
    for d in docs:
        assert "cookies" not in d["text"] and "All rights reserved" not in d["text"]
        assert "internal report" not in d["text"] and not re.search(r"^Page \d+$", d["text"], re.M)
    scores = evaluate(GOLD, out)[0]
    assert {k: scores[k] for k in COMPARED} == {k: txt_scores[k] for k in COMPARED}
    # every fact still points at its evidence in the cleaned text
    texts = {d["doc_id"]: d["text"] for d in docs}
    for m in read_rows(out, "mentions"):
        assert texts[m["doc_id"]][m["start_char"]:m["end_char"]] == m["text"]


def test_a_pdf_keeps_footnotes_and_rejoins_hyphenated_words(tmp_path):
    from fpdf import FPDF
    import matplotlib

    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    pdf = FPDF()
    pdf.add_font("dejavu", fname=str(font))
    pdf.add_page()
    pdf.set_font("dejavu", size=10)
    pdf.multi_cell(0, 5, "The regional meeting adopted a plan for the labour inspec-", new_x="LMARGIN", new_y="NEXT")
    pdf.write(5, "torate and the police services")
    pdf.set_font("dejavu", size=6)
    pdf.write(3, "7")
    pdf.set_font("dejavu", size=10)
    pdf.write(5, " in the region.")
    pdf.set_y(260)
    pdf.set_font("dejavu", size=7)
    pdf.multi_cell(0, 4, "7 See the annual report of the inspectorate, 2021.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "note.pdf"))
    doc = ingest_folder(tmp_path)[0]
    assert doc.status == "ok"
    assert "a plan for the labour inspectorate and the police services in the region." in doc.text
    assert [(f.number, f.anchor_text) for f in doc.footnotes] == [(7, "services")]
    assert doc.footnotes[0].body.startswith("See the annual report")


def test_two_column_pages_are_read_column_by_column(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    left = " ".join(f"Left column sentence number {i} about shelters." for i in range(12))
    right = " ".join(f"Right column sentence number {i} about courts." for i in range(12))
    y = pdf.get_y()
    pdf.multi_cell(85, 5, left, new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(115, y)
    pdf.multi_cell(85, 5, right, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "columns.pdf"))
    doc = ingest_folder(tmp_path)[0]
    assert doc.text.index("Left column sentence number 11") < doc.text.index("Right column sentence number 0")


def test_file_properties_fill_title_and_date_with_their_source(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Inspectors from the region met to compare their methods of inspection.")
    document.core_properties.title = "Inspectors compare methods"
    from datetime import datetime

    document.core_properties.created = datetime(2024, 3, 5, 10, 0)
    document.save(str(tmp_path / "props.docx"))
    (tmp_path / "page.html").write_text(
        "<html><head><title>Forum on shelters</title><meta property='article:published_time' content='2023-09-14'>"
        "</head><body><article><p>The forum on shelters brought together inspectors from the whole region to "
        "compare methods of protection and referral.</p></article></body></html>", encoding="utf-8")
    docs = {d.doc_id: d for d in ingest_folder(tmp_path)}
    assert (docs["props"].title, str(docs["props"].published), docs["props"].published_source) == (
        "Inspectors compare methods", "2024-03-05", "docx_properties")
    assert (docs["page"].title, str(docs["page"].published), docs["page"].published_source) == (
        "Forum on shelters", "2023-09-14", "html_meta")


def test_bad_files_of_each_kind_get_their_row_and_the_rest_is_processed(tmp_path, monkeypatch):
    from fpdf import FPDF

    from pipeline.ingest.formats import docx as docx_reader

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("The annual meeting of inspectors took place in Vienna on 3 May 2022.\n")
    locked = FPDF()
    locked.set_encryption(owner_password="owner", user_password="secret")
    locked.add_page()
    locked.set_font("helvetica", size=12)
    locked.cell(0, 10, "Confidential minutes of the meeting.")
    locked.output(str(folder / "locked.pdf"))
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage \x00\x01\x02 no xref")
    scanned = FPDF()
    scanned.add_page()
    scanned.rect(20, 20, 150, 200, style="F")
    scanned.output(str(folder / "scanned.pdf"))
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with zipfile.ZipFile(folder / "bomb.docx", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (3 * 1024 * 1024))
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED", 1024 * 1024)
    out = tmp_path / "out"
    _run(folder, out)
    rows = {d["source_path"].rsplit(".", 1)[0] if d["source_path"] != "broken.docx" else "broken.docx": d
            for d in read_rows(out, "documents")}
    assert rows["good"]["status"] == "ok"
    assert (rows["locked"]["status"], "password" in rows["locked"]["error"]) == ("encrypted", True)
    assert rows["broken"]["status"] == "error" and "corrupt PDF" in rows["broken"]["error"]
    assert rows["scanned"]["status"] == "no_text" and "OCR is needed" in rows["scanned"]["error"]
    broken_docx = rows["broken.docx"]
    assert broken_docx["status"] == "error" and "corrupt Word file" in broken_docx["error"]
    assert rows["bomb"]["status"] == "too_large" and "zip bomb" in rows["bomb"]["error"]
    assert [m["doc_ids"] for m in read_rows(out, "meetings")] == [["good"]]


def test_markdown_marks_go_and_the_first_heading_is_the_title(input_dir):
    from pipeline.ingest import ingest_folder

    (input_dir / "note.md").write_text(
        "# Forum on *shelter* standards\n\n**Graz, Austria | 3–4 May 2029 | Hybrid**\n\n"
        "The forum met in [Graz](https://example.org). Delegates agreed to:\n\n- share data;\n- fund __shelters__.\n",
        encoding="utf-8")
    (doc,) = ingest_folder(input_dir)
    assert doc.title == "Forum on shelter standards"
    assert doc.text.startswith("Forum on shelter standards\n\nGraz, Austria | 3–4 May 2029 | Hybrid\n\n")
    assert "- share data;\n\n- fund shelters." in doc.text
    assert "*" not in doc.text and "#" not in doc.text and "https" not in doc.text


def test_a_web_page_date_comes_only_from_its_markup(input_dir):
    from pipeline.ingest import ingest_folder

    body = "<p>The forum on shelters met in Graz today with some forty experts from nine countries.</p>" * 3
    (input_dir / "footer.html").write_text(
        f"<html><head><title>Forum</title></head><body><article>{body}</article>"
        "<footer>© 2025 The Harbour Network</footer></body></html>", encoding="utf-8")
    (input_dir / "jsonld.html").write_text(
        "<html><head><title>Forum</title><script type='application/ld+json'>"
        "{\"@type\": \"NewsArticle\", \"datePublished\": \"2024-11-05T09:00:00Z\"}</script></head>"
        f"<body><article>{body}</article></body></html>", encoding="utf-8")
    docs = {d.doc_id: d for d in ingest_folder(input_dir)}
    assert docs["footer"].published is None
    assert (str(docs["jsonld"].published), docs["jsonld"].published_source) == ("2024-11-05", "html_meta")
