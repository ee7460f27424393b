"""`rapporteur report`: self-contained HTML pages, one per document, with every span highlighted.

Each page shows the cleaned text with the extracted spans (the `mentions` table) as nested
<mark> elements coloured by label; hovering shows the table row. Below the text come the
document's facts as tables, and links to the other sources of the same meeting.
"""
from __future__ import annotations

import html
from collections import defaultdict
from pathlib import Path
from typing import Any

from .tables import read_rows

COLOURS = {
    "PERSON": "#ffd6a5", "ROLE": "#caffbf", "ORG": "#9bf6ff", "DATE": "#bdb2ff", "VENUE": "#ffc6ff",
    "COUNT": "#fdffb6", "RECOMMENDATION": "#e0f0e3", "QUOTE": "#f1f1f1", "GPE": "#a0c4ff",
    "MEETING": "#ffadad",
}
# The evidence of each field a document states about its meeting, highlighted as MEETING spans.
MEETING_EVIDENCE = ("date", "venue", "city", "country", "mode", "organizers", "anniversary")
CSS = """
body{font:16px/1.55 system-ui,sans-serif;max-width:72rem;margin:1.5rem auto;padding:0 1rem;color:#222}
.text{white-space:pre-wrap;border:1px solid #ddd;padding:1rem;border-radius:6px;background:#fff}
mark{padding:0 1px;border-radius:3px;border-bottom:2px solid rgba(0,0,0,.15)}
mark:hover{outline:2px solid #333}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:14px;display:block;overflow-x:auto;max-width:100%}
td,th{border:1px solid #ddd;padding:.25rem .4rem;vertical-align:top;text-align:left}
th{background:#f6f6f6}.legend mark{margin-right:.4rem}nav a{margin-right:1rem}
h2.curated{border-left:6px solid #ffadad;padding-left:.5rem}
"""


def _label_style(label: str) -> str:
    return f"background:{COLOURS.get(label, '#eee')}"


def highlight(text: str, spans: list[dict[str, Any]]) -> str:
    """Nested <mark> elements for possibly overlapping spans; a crossing span is split and its
    continuation marked with data-part-of, so every span keeps exactly one element with its id."""
    opens: dict[int, list[dict]] = defaultdict(list)
    boundaries = {0, len(text)}
    for s in spans:
        if 0 <= s["start_char"] < s["end_char"] <= len(text):
            opens[s["start_char"]].append(s)
            boundaries |= {s["start_char"], s["end_char"]}
    out: list[str] = []
    stack: list[dict] = []

    def open_tag(s: dict, first: bool) -> str:
        ident = f' id="{html.escape(s["mention_id"])}"' if first else f' data-part-of="{html.escape(s["mention_id"])}"'
        return (f'<mark{ident} class="{s["label"]}" data-label="{s["label"]}" style="{_label_style(s["label"])}" '
                f'title="{html.escape(s["title"])}">')

    points = sorted(boundaries)
    for i, pos in enumerate(points):
        # close spans ending here (re-opening the ones above them that continue)
        ending = [s for s in stack if s["end_char"] == pos]
        if ending:
            lowest = min(stack.index(s) for s in ending)
            above = stack[lowest:]
            out.extend("</mark>" for _ in above)
            stack = stack[:lowest]
            for s in above:
                if s["end_char"] != pos:
                    stack.append(s)
                    out.append(open_tag(s, False))
        for s in sorted(opens.get(pos, []), key=lambda s: (-s["end_char"], s["label"])):
            stack.append(s)
            out.append(open_tag(s, True))
        if i + 1 < len(points):
            out.append(html.escape(text[pos:points[i + 1]]))
    out.extend("</mark>" for _ in stack)
    return "".join(out)


def _table(rows: list[dict[str, Any]], columns: list[str], link_ids: bool = True) -> str:
    if not rows:
        return "<p><em>none</em></p>"
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = []
    for r in rows:
        cells = []
        for c in columns:
            v = r.get(c)
            v = ", ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else str(v))
            cells.append(f"<td>{html.escape(v)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def _page(title: str, body: str) -> str:
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8><meta name=viewport "
            f"content='width=device-width,initial-scale=1'><title>{html.escape(title)}</title><style>{CSS}</style>"
            f"</head><body>{body}</body></html>")


def page_name(doc_id: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in doc_id) + ".html"


def main(output: Path | str) -> Path:
    out = Path(output)
    folder = out / "report"
    folder.mkdir(parents=True, exist_ok=True)
    docs = [d for d in read_rows(out, "documents")]
    by_doc: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for table in ("mentions", "person_roles", "counts", "recommendations", "quotes", "meeting_sources"):
        for row in read_rows(out, table):
            by_doc[row["doc_id"]][table].append(row)
    meetings = {m["meeting_id"]: m for m in read_rows(out, "meetings")}

    index_rows = []
    for d in docs:
        facts = by_doc[d["doc_id"]]
        spans = []
        for m in facts["mentions"]:
            spans.append({**m, "title": f"{m['label']} · {m['text'][:120]} · {m['extractor']} · {m['method']} · "
                                        f"confidence {m['confidence']} · mentions row {m['mention_id']}"})
        src = facts["meeting_sources"][0] if facts["meeting_sources"] else None
        for field in MEETING_EVIDENCE if src else ():
            if src.get(f"{field}_start_char") is not None:
                spans.append({"label": "MEETING", "mention_id": f"meeting-{field}", "start_char": src[f"{field}_start_char"],
                              "end_char": src[f"{field}_end_char"],
                              "title": f"MEETING {field} · {src.get(field) if field != 'date' else src.get('start_date')} · "
                                       f"meeting_sources row of {src['meeting_id']}"})
        meeting = meetings.get(src["meeting_id"]) if src else None
        others = [x for x in (meeting["doc_ids"] if meeting else []) if x != d["doc_id"]]
        legend = "".join(f'<mark style="{_label_style(k)}">{k}</mark>' for k in COLOURS)
        body = [f"<nav><a href='index.html'>all documents</a></nav><h1>{html.escape(d['title'] or d['doc_id'])}</h1>",
                f"<p>{html.escape(d['doc_id'])} · {d['doc_type']} · published {d['published'] or 'unknown'} · "
                f"status {d['status']}{(' · ' + html.escape(d['error'])) if d['error'] else ''}</p>"]
        if others:
            body.append("<p>Other sources of this meeting: " + " ".join(
                f"<a href='{page_name(o)}'>{html.escape(o)}</a>" for o in others) + "</p>")
        body.append(f"<p class=legend>{legend}</p><div class=text>{highlight(d['text'], spans)}</div>")
        if meeting:
            body.append("<h2>Meeting (reconciled)</h2>" + _table([meeting], ["meeting_id", "name", "start_date", "end_date",
                        "date_precision", "city", "country", "venue", "mode", "organizers", "participants",
                        "participants_qualifier", "countries", "countries_qualifier", "conflicts", "curation_ids"]))
        body.append("<h2>What this document states</h2>" + _table(facts["meeting_sources"], ["start_date", "end_date",
                    "date_method", "city", "country", "venue", "mode", "organizers", "resolved_start_date", "resolved_end_date"]))
        curated = [r for r in facts["person_roles"] if r.get("method") == "curated"]
        if curated or (meeting and meeting.get("curation_ids")):
            body.append("<h2 class=curated>Set by a researcher (curation file)</h2>" + _table(
                curated, ["curation_id", "name", "role", "organization", "start_char", "end_char"]))
        body.append("<h2>People and roles</h2>" + _table([r for r in facts["person_roles"] if r.get("method") != "curated"],
                    ["name", "role", "role_norm", "organization", "country", "person_id", "likely_person_id", "method",
                     "confidence"]))
        body.append("<h2>Counts</h2>" + _table(facts["counts"], ["text", "value", "qualifier", "lower", "upper", "unit"]))
        body.append("<h2>Recommendations</h2>" + _table(facts["recommendations"], ["text", "actor", "addressee", "modality", "kind", "topics"]))
        body.append("<h2>Quotes</h2>" + _table(facts["quotes"], ["speaker", "text", "method"]))
        (folder / page_name(d["doc_id"])).write_text(_page(d["doc_id"], "".join(body)), encoding="utf-8")
        index_rows.append(f"<tr><td><a href='{page_name(d['doc_id'])}'>{html.escape(d['doc_id'])}</a></td>"
                          f"<td>{html.escape(d['title'] or '')}</td><td>{d['status']}</td><td>{len(facts['mentions'])}</td></tr>")
    index = ("<h1>Rapporteur: documents</h1><table><tr><th>document</th><th>title</th><th>status</th><th>spans</th></tr>"
             + "".join(index_rows) + "</table>")
    judgements = read_rows(out, "curation_report") if (out / "curation_report.parquet").exists() else []
    if judgements:
        index += "<h2 class=curated>Researcher's judgements (curation file)</h2>" + _table(
            judgements, ["curation_id", "action", "status", "detail", "author", "date"])
    path = folder / "index.html"
    path.write_text(_page("Rapporteur report", index), encoding="utf-8")
    return path
