from datetime import date

from pipeline.ingest import ingest_folder
from pipeline.ingest.metadata import read_dateline


def test_dateline_with_agency():
    dl = read_dateline("Strasbourg, 7 June 2023 (TDI): Yesterday the meeting began.")
    assert (dl.place, dl.published, dl.agency) == ("Strasbourg", date(2023, 6, 7), "TDI")


def test_dateline_in_capitals_with_dash():
    dl = read_dateline("VIENNA, 10 April 2024 – The conference opened today.")
    assert (dl.place, dl.published, dl.agency) == ("Vienna", date(2024, 4, 10), None)


def test_a_dateline_without_a_year_keeps_its_place_and_gives_no_publication_date():
    dl = read_dateline("LIMA, March 3 (Andina) – Inspectors from five countries met here on Monday.")
    assert (dl.place, dl.published, dl.agency) == ("Lima", None, "Andina")
    assert read_dateline("Lima, 31 February 2023: the meeting began.") is None  # no such day


def test_a_dateline_with_its_country_in_brackets_or_after_a_comma():
    dl = read_dateline("Kampala (Uganda), 4 March 2031 - Judges from three countries met for a workshop.")
    assert (dl.place, dl.published) == ("Kampala", date(2031, 3, 4))
    dl = read_dateline("Tartu, Estonia, 5 April 2031 – The seminar opened.")
    assert (dl.place, dl.published) == ("Tartu", date(2031, 4, 5))


def test_a_dateline_with_a_dotted_date_reads_it_day_first():
    dl = read_dateline("Press release\n\nTallinn, 04.11.2030\n\nThe task force met for its autumn session.")
    assert (dl.place, dl.published) == ("Tallinn", date(2030, 11, 4))
    assert read_dateline("Tallinn, 31.04.2030\n\nThe task force met.") is None  # no such day
    assert read_dateline("Tallinn, 04/11/2030\n\nThe task force met.") is None  # slashes: day or month first


def test_no_dateline_in_running_text():
    assert read_dateline("The meeting took place in Vienna, 10 April 2024, said the chair.") is None


def test_seed_dateline_gives_published(seed_docs):
    doc = seed_docs["003_ebb02588b926a74c"]
    assert doc["published"] == date(2023, 6, 7)
    assert doc["published_source"] == "dateline"
    assert doc["dateline_place"] == "Strasbourg"
    assert doc["doc_type"] == "news_article"
    assert seed_docs["004_2e1ad919f53edd39"]["doc_type"] == "summary"


def test_sidecar_metadata_wins_over_dateline(input_dir):
    (input_dir / "a.txt").write_text("Vienna, 10 April 2024 – The meeting opened.", encoding="utf-8")
    (input_dir / "a.meta.yaml").write_text("published: 2024-04-09\npublisher: OSCE\nurl: https://example.org/a\n")
    (doc,) = ingest_folder(input_dir)
    assert (doc.published, doc.published_source, doc.publisher, doc.url) == (
        date(2024, 4, 9), "metadata", "OSCE", "https://example.org/a")


def test_manifest_metadata(input_dir):
    (input_dir / "b.txt").write_text("The meeting opened today in Vienna.", encoding="utf-8")
    (input_dir / "manifest.csv").write_text("file,url,published,publisher,language\nb.txt,https://example.org/b,2022-03-01,CoE,en\n")
    (doc,) = ingest_folder(input_dir)
    assert (doc.published, doc.published_source, doc.publisher, doc.language) == (date(2022, 3, 1), "metadata", "CoE", "en")


def test_a_dateline_with_the_country_after_the_city():
    from pipeline.ingest.metadata import read_dateline

    d = read_dateline("RIGA, Latvia, 4 March 2021 – The seminar closed today.")
    assert (d.place, d.published.isoformat()) == ("Riga", "2021-03-04")


def test_main_script_counts_ascii_and_other_letters_alike():
    from pipeline.ingest.metadata import main_script

    assert main_script("Harbour talks in spring") == "LATIN"
    assert main_script("Встреча экспертов по вопросам труда") == "CYRILLIC"
    assert main_script("Ça s'est très bien passé, déjà") == "LATIN"
    assert main_script("2030 - 17") is None


def test_a_labelled_publication_line_gives_the_publication_date(tmp_path):
    from pipeline.ingest.metadata import read_published_label

    assert read_published_label("Title of the page\n\nPublished 20 May 2030\n\nText.") == date(2030, 5, 20)
    assert read_published_label("Title\nPosted on: Monday, May 20, 2030\nText.") == date(2030, 5, 20)
    assert read_published_label("The report was published 20 May 2030 by the office.") is None  # running text
    (tmp_path / "a.txt").write_text("Shelters meet\n\nLast updated 2 June 2031\n\nShelter staff met on 30 May.\n")
    (doc,) = ingest_folder(tmp_path)
    assert (doc.published, doc.published_source) == (date(2031, 6, 2), "text-label")
