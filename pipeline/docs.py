"""Regenerate the data dictionary section of README.md from the schemas: `python -m pipeline.docs`."""
from __future__ import annotations

from pathlib import Path

from .tables import data_dictionary

START, END = "<!-- data-dictionary:start -->", "<!-- data-dictionary:end -->"


def readme_section() -> str:
    return data_dictionary().replace("# Data dictionary", "### Data dictionary", 1).replace("\n## ", "\n#### ")


def update_readme(path: Path = Path("README.md")) -> None:
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{START}\n{readme_section().strip()}\n\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    update_readme()
