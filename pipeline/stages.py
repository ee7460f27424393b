"""Stage entry points used by the CLI and DVC: each takes its folders and writes its tables."""
from __future__ import annotations

import logging
from pathlib import Path

from .tables import TABLES, data_dictionary, write_tables

log = logging.getLogger(__name__)

INGEST_TABLES = ("documents", "footnotes", "segments")


def extract(output: Path | str, **options) -> None:
    log.warning("extract stage: not built yet (issue #5, #6, #7); no facts are extracted")


def reconcile(output: Path | str) -> None:
    """Write the final tables. Until extraction exists, the fact tables are empty."""
    out = Path(output)
    empty = {name: [] for name in TABLES if name not in INGEST_TABLES}
    write_tables(empty, out, extra_files={"README.md": data_dictionary()})
