"""Writes notebooks/explore.ipynb (committed without outputs). Edit the cells here, then run
`python notebooks/build_explore.py`."""
from pathlib import Path

import nbformat as nbf

cells = [
    nbf.v4.new_markdown_cell(
        "# Exploring Rapporteur's tables\n\n"
        "Loads the Parquet tables from `outputs/` (or `$RAPPORTEUR_OUTPUTS`) and shows meetings over time, who "
        "attended what, who held which office when, what was recommended, and one document with its spans.\n"
        "Run the pipeline first: `make run`."),
    nbf.v4.new_code_cell(
        "%matplotlib inline\nimport os\nfrom pathlib import Path\n\n"
        "import matplotlib.pyplot as plt\nimport pandas as pd\nfrom IPython.display import HTML, display\n\n"
        "OUT = Path(os.environ.get('RAPPORTEUR_OUTPUTS', '../outputs'))\n"
        "# whole numbers with nulls stay whole numbers (110, not 110.0)\n"
        "tables = {p.stem: pd.read_parquet(p, dtype_backend='numpy_nullable') for p in sorted(OUT.glob('*.parquet'))}\n"
        "meetings, people, roles = tables['meetings'], tables['people'], tables['person_roles']\n"
        "tenures, recs, docs, mentions = tables['role_tenures'], tables['recommendations'], tables['documents'], tables['mentions']\n"
        "{name: len(df) for name, df in tables.items()}"),
    nbf.v4.new_markdown_cell(
        "## Meetings over time\n\nA hollow marker means the figure is a bound (\"more than\", \"nearly\", ...); a red "
        "edge means the sources disagree on it (see the `conflicts` table)."),
    nbf.v4.new_code_cell(
        "m = meetings.dropna(subset=['start_date']).copy()\n"
        "m['start_date'] = pd.to_datetime(m['start_date'])\n"
        "m['year'] = m['start_date'].dt.year\n"
        "fig, ax = plt.subplots(figsize=(8, 3.5))\n"
        "for field, colour in (('participants', 'tab:blue'), ('countries', 'tab:orange')):\n"
        "    d = m.dropna(subset=[field])\n"
        "    exact = d[f'{field}_qualifier'] == 'exact'\n"
        "    disputed = d['conflicts'].apply(lambda c: field in list(c))\n"
        "    ax.scatter(d['start_date'], d[field].astype(float), label=field, color=colour, facecolors=[colour if e else 'none' for e in exact],\n"
        "               edgecolors=['red' if x else colour for x in disputed], s=80)\n"
        "ax.set_ylabel('number'); ax.legend(); ax.set_title('Participants and countries per meeting')\n"
        "plt.show()\n"
        "m.groupby('year')[['participants', 'countries']].max()"),
    nbf.v4.new_markdown_cell("## Who appears at which meeting"),
    nbf.v4.new_code_cell(
        "named = roles.dropna(subset=['person_id']).merge(people[['person_id', 'name']], on='person_id', suffixes=('_written', ''))\n"
        "label = meetings.set_index('meeting_id')['start_date'].astype(str)\n"
        "named['meeting'] = named['meeting_id'].map(label)\n"
        "matrix = pd.crosstab(named['name'], named['meeting']).clip(upper=1)\n"
        "matrix"),
    nbf.v4.new_markdown_cell("## Offices and their holders over time"),
    nbf.v4.new_code_cell(
        "t = tenures.copy()\n"
        "t['first_seen'], t['last_seen'] = pd.to_datetime(t['first_seen']), pd.to_datetime(t['last_seen'])\n"
        "t['office'] = t['role_norm'].str.slice(0, 60)\n"
        "fig, ax = plt.subplots(figsize=(9, 0.5 + 0.45 * len(t)))\n"
        "for i, row in enumerate(t.itertuples()):\n"
        "    width = max((row.last_seen - row.first_seen).days, 20)\n"
        "    ax.barh(i, width, left=row.first_seen, height=0.5)\n"
        "    ax.text(row.first_seen, i + 0.3, row.name, fontsize=8)\n"
        "ax.set_yticks(range(len(t)), t['office'], fontsize=7); ax.set_title('Who was seen holding each office')\n"
        "plt.tight_layout(); plt.show()\n"
        "inferred = roles[roles['likely_person_id'].notna()][['doc_id', 'role', 'likely_person_id', 'confidence', 'inferred_from']]\n"
        "inferred"),
    nbf.v4.new_markdown_cell("## Recommendations by actor and topic"),
    nbf.v4.new_code_cell(
        "r = recs.assign(actor=recs['actor'].fillna('(unknown)')).explode('topics')\n"
        "pd.crosstab(r['actor'], r['topics'].fillna('(none)'))"),
    nbf.v4.new_markdown_cell("## One document with its extracted spans (displaCy)"),
    nbf.v4.new_code_cell(
        "from spacy import displacy\n\n"
        "doc = docs[docs['status'] == 'ok'].iloc[0]\n"
        "spans = mentions[(mentions['doc_id'] == doc['doc_id']) & mentions['label'].isin(['PERSON', 'ROLE', 'ORG', 'DATE', 'COUNT', 'VENUE'])]\n"
        "ents, end = [], -1\n"
        "for s in spans.sort_values(['start_char', 'end_char']).itertuples():\n"
        "    if s.start_char >= end:  # displaCy's entity view needs spans that do not overlap\n"
        "        ents.append({'start': int(s.start_char), 'end': int(s.end_char), 'label': s.label})\n"
        "        end = s.end_char\n"
        "html = displacy.render({'text': doc['text'], 'ents': ents, 'title': doc['doc_id']}, style='ent', manual=True, jupyter=False)\n"
        "display(HTML(html))\n"
        "len(ents)"),
]
nb = nbf.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
Path(__file__).with_name("explore.ipynb").write_text(nbf.writes(nb), encoding="utf-8")
