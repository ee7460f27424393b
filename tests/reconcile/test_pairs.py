"""Meeting pair scores kept between runs: the same clusters, and only new pairs scored."""
import shutil

from pipeline.reconcile.meetings import Source, cluster, score
from pipeline.reconcile.pairs import SCORED_FIELDS, STATE_FILE, PairScores


def _src(doc_id, people=(), **row):
    base = {"doc_id": doc_id, "series_key": "regional labour inspection forum", "published": None}
    return Source({**base, **row}, set(people))


def _corpus():
    return [_src("a", ["ana lopez"], start_date="2031-05-03", date_precision="day", city="Riga"),
            _src("b", ["ana lopez", "tom berg"], start_date="2031-05-03", date_precision="day", city="Riga"),
            _src("c", ["tom berg"], start_date="2032-05-03", date_precision="day", city="Riga"),
            _src("d", ["tom berg"], city="Riga", venue="Old Town Hall")]


def _ids(groups):
    return [[s.doc_id for s in g] for g in groups]


def test_kept_scores_give_the_clusters_of_a_run_from_scratch_and_only_new_pairs_are_scored(tmp_path):
    expected = _ids(cluster(_corpus(), 4.0))
    first = PairScores()
    assert _ids(cluster(_corpus(), 4.0, scores=first)) == expected
    first.save(tmp_path)
    assert first.computed == len(first.used) > 0
    again = PairScores.load(tmp_path)
    assert _ids(cluster(_corpus(), 4.0, scores=again)) == expected
    assert again.computed == 0
    # a changed record (another city): its pairs are scored again, the others are not
    changed = _corpus()
    changed[1] = _src("b", ["ana lopez", "tom berg"], start_date="2031-05-03", date_precision="day", city="Tallinn")
    third = PairScores.load(tmp_path)
    assert _ids(cluster(changed, 4.0, scores=third)) == _ids(cluster(changed, 4.0))
    assert 0 < third.computed < len(third.used)


def test_a_damaged_or_outdated_state_is_ignored(tmp_path, monkeypatch):
    (tmp_path / STATE_FILE).write_bytes(b"not a numpy file")
    assert PairScores.load(tmp_path).known == {}
    scores = PairScores()
    cluster(_corpus(), 4.0, scores=scores)
    scores.save(tmp_path)
    assert PairScores.load(tmp_path).known
    monkeypatch.setattr("pipeline.reconcile.pairs.code_version", lambda: "other scoring code")
    assert PairScores.load(tmp_path).known == {}


class _Reads(dict):
    """A row that records which fields are read."""

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.read = set()

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)


def test_the_fingerprint_covers_every_field_scoring_reads():
    full = dict(edition=3, name="forum on labour inspection", anniversary=10, month_day="05-03", end_month_day="05-04",
                end_date="2031-05-04", country="Latvia", venue="Old Town Hall", organizers=["ILO"], participants=80,
                countries=12)
    for first, second in ((dict(start_date="2031-05-03", date_precision="day"), {}),
                          ({}, dict(month_day="05-03")), (dict(series_key=None), dict(series_key=None))):
        a = Source(_Reads({"doc_id": "a", "series_key": "forum", "city": "Riga", **full, **first}), {"ana lopez"})
        b = Source(_Reads({"doc_id": "b", "series_key": "forum", "city": "Riga", **full, **second}), {"ana lopez"})
        score(a, b)
        assert (a.row.read | b.row.read) - {"doc_id"} <= set(SCORED_FIELDS)


def test_a_re_run_keeps_the_pairs_and_writes_the_same_tables(tmp_path, seed_outputs):
    from conftest import copy_seeds, run_pipeline

    out = tmp_path / "out"
    run_pipeline(copy_seeds(tmp_path / "in"), out)
    assert (out / "interim" / STATE_FILE).exists()
    first = {p.name: p.read_bytes() for p in out.glob("*.parquet")}
    run_pipeline(tmp_path / "in", out)
    assert {p.name: p.read_bytes() for p in out.glob("*.parquet")} == first
    shutil.rmtree(out / "interim")
