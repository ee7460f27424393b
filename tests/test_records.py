"""The typed record that crosses from extract to reconcile: every fact has one evidence Span, and
the record survives its JSON form (cache, interim file, worker processes) unchanged."""
import json

from pipeline.records import Extraction, Figure, MeetingFact, PersonRoleFact, Span


def test_record_json_and_rows():
    record = Extraction(
        doc_id="d", meeting=MeetingFact(doc_id="d", city="Graz", date_evidence=Span(10, 20, "3 May 2022"),
                                        participants=Figure(40, "more_than", "participants", Span(30, 52, "More than 40 people"))),
        person_roles=[PersonRoleFact("a1", "d", Span(60, 69, "Ana Lopez"), "Ana Lopez", ["Dr"], "Head of Unit",
                                     "Head of Unit", None, None, "2022-05-03", "day", "rule:x", 0.9,
                                     Span(71, 83, "Head of Unit"))])
    again = Extraction.from_json(json.loads(json.dumps(record.to_json())))
    assert again == record
    assert isinstance(again.person_roles[0].role_span, Span) and isinstance(again.meeting.participants, Figure)
    rows = again.rows()
    assert rows["meeting"]["date_start_char"] == 10 and rows["meeting"]["participants_text"] == "More than 40 people"
    row = rows["person_roles"][0]
    assert (row["start_char"], row["end_char"], row["role_start_char"], row["role_end_char"]) == (60, 69, 71, 83)


def test_plain_data_is_what_dataclasses_asdict_gives():
    from dataclasses import asdict

    record = Extraction(
        doc_id="d", meeting=MeetingFact(doc_id="d", organizers=["Harbour Network"],
                                        participants=Figure(40, "exact", "participants", Span(3, 18, "40 participants"))),
        person_roles=[PersonRoleFact("a1", "d", Span(60, 69, "Ana Lopez"), "Ana Lopez", ["Dr"], "Head of Unit",
                                     "Head of Unit", None, None, "2022-05-03", "day", "rule:x", 0.9, None)])
    plain = record.to_json()
    assert plain == asdict(record)
    assert plain["meeting"]["participants"]["span"] == {"start": 3, "end": 18, "text": "40 participants"}
    plain["meeting"]["organizers"].append("changed")
    assert record.meeting.organizers == ["Harbour Network"]  # lists are copies, not the record's own
