"""SQL over the tables (DuckDB, embedded: nothing to start) and exports for spreadsheet users.

Every table of an output folder is a view under its own name; a few views that researchers ask
for first are defined on top of them (VIEWS, documented in the data dictionary).
"""
from __future__ import annotations

import csv
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .tables import TABLES, VIEWS

FORMATS = ("table", "csv", "json", "parquet")


class QueryError(ValueError):
    """A query DuckDB refused, or an output folder without tables."""


def connect(output: Path | str):
    """A DuckDB connection with every table of `output` as a view, and the research views."""
    import duckdb

    output = Path(output)
    present = [name for name in TABLES if (output / f"{name}.parquet").exists()]
    if not present:
        raise QueryError(f"no tables in {output}/: run `rapporteur run --input raw_texts --output {output}` first")
    con = duckdb.connect()
    for name in present:
        path = str(output / f"{name}.parquet").replace("'", "''")
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path}')")
    for name, (_, sql) in VIEWS.items():
        try:
            con.execute(f"CREATE VIEW {name} AS {sql}")
        except Exception:  # noqa: BLE001 - a view over a table this folder lacks
            pass
    return con


def query(output: Path | str, sql: str, con=None):
    """The result of `sql` as a pyarrow table (on `con`, else on a connection of its own)."""
    import duckdb

    own = con is None
    con = connect(output) if own else con
    try:
        relation = con.sql(sql)
        if relation is None:  # a statement that returns no rows
            import pyarrow as pa

            return pa.table({})
        fetch = getattr(relation, "to_arrow_table", None) or relation.arrow  # duckdb 2 / 1
        return fetch()
    except duckdb.Error as exc:
        raise QueryError(str(exc).splitlines()[0]) from None
    finally:
        if own:
            con.close()


def render_table(table, max_width: int = 40) -> str:
    """An aligned text table, cells cut at max_width characters."""
    rows = table.to_pylist()
    names = table.column_names

    def cell(v: Any) -> str:
        text = "" if v is None else str(v)
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[cell(r[n]) for n in names] for r in rows]
    widths = [max([len(n)] + [len(c[i]) for c in cells]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)) for row in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _plain(v: Any) -> Any:
    if isinstance(v, (list, tuple)):
        return "; ".join(str(x) for x in v)
    return "" if v is None else v


def write_result(table, fmt: str, out: Path | None) -> str | None:
    """Write the result in `fmt` to `out` (atomically), or return it as text for stdout."""
    import pyarrow.parquet as pq

    if fmt == "table":
        text = render_table(table)
    elif fmt == "json":
        text = json.dumps(table.to_pylist(), default=str, ensure_ascii=False, indent=1)
    elif fmt == "csv":
        import io

        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(table.column_names)
        for row in table.to_pylist():
            writer.writerow([_plain(row[n]) for n in table.column_names])
        text = buf.getvalue()
    elif fmt == "parquet":
        if out is None:
            raise QueryError("--format parquet needs --out FILE")
        _atomic(out, lambda tmp: pq.write_table(table, tmp))
        return None
    else:
        raise QueryError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    if out is None:
        return text
    _atomic(out, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return None


def _atomic(target: Path, write) -> None:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def export(output: Path | str, fmt: str, dest: Path | str) -> list[Path]:
    """Every table (and view) of `output` as one file each in `dest`: CSV (lists joined with "; ")
    or JSON."""
    if fmt not in ("csv", "json"):
        raise QueryError(f"unknown export format {fmt!r} (expected csv or json)")
    names = [n for n in TABLES if (Path(output) / f"{n}.parquet").exists()] + list(VIEWS)
    written = []
    con = connect(output)
    try:
        for name in names:
            try:
                table = query(output, f"SELECT * FROM {name}", con)
            except QueryError:
                continue  # a view over a table this folder lacks
            path = Path(dest) / f"{name}.{fmt}"
            write_result(table, fmt, path)
            written.append(path)
    finally:
        con.close()
    return written
