"""Load the rule resources (YAML data files) once, and give them a content hash for caching."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

RESOURCE_DIR = Path(__file__).parent / "resources"


@lru_cache(maxsize=None)
def load(name: str, *, strings: bool = False) -> Any:
    """A YAML resource. With strings=True every scalar stays a string (YAML reads "On" as true)."""
    path = RESOURCE_DIR / name
    if not path.exists():
        raise FileNotFoundError(f"resource {name!r} not found in {RESOURCE_DIR}")
    loader = yaml.BaseLoader if strings else yaml.SafeLoader
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


PACKAGE_ROOT = Path(__file__).resolve().parents[1]  # the whole `pipeline` package


def resources_hash(root: Path | None = None) -> str:
    """A hash of every source and resource file of the `pipeline` package: part of the cache key.

    The whole package, not a list of modules, so that no helper an extractor imports (today or
    after a refactoring) can change the results without changing the key."""
    root = Path(root or PACKAGE_ROOT)
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".yaml", ".py", ".jsonl", ".txt") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Chargé d’Affaires' -> "charge d'affaires"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip().lower()


@dataclass(frozen=True)
class Org:
    name: str
    acronym: str | None
    aliases: tuple[str, ...]
    reports_as: str
    kind: str = "organization"
    short: str | None = None

    @property
    def label(self) -> str:
        """The name used in meeting organisers and role organisations (short form when given)."""
        return self.short or self.name


@dataclass(eq=False)
class Gazetteer:
    orgs: list[Org]
    by_key: dict[str, Org] = field(default_factory=dict)  # folded surface form -> org
    by_acronym: dict[str, Org] = field(default_factory=dict)  # exact acronym -> org

    def lookup(self, surface: str) -> Org | None:
        surface = surface.strip()
        return self.by_acronym.get(surface) or self.by_key.get(fold(surface)) or self.by_key.get(
            fold(re.sub(r"^the\s+", "", surface, flags=re.I)))

    def resolve(self, org: Org) -> Org:
        """Follow reports_as to the body a role or an organiser is attributed to."""
        seen = set()
        while org.reports_as != org.name and org.name not in seen:
            seen.add(org.name)
            parent = self.by_key.get(fold(org.reports_as))
            if parent is None:
                break
            org = parent
        return org



@lru_cache(maxsize=None)
def gazetteer() -> Gazetteer:
    orgs = []
    for entry in load("organizations.yaml"):
        orgs.append(Org(name=entry["name"], acronym=entry.get("acronym"), aliases=tuple(entry.get("aliases") or ()),
                        reports_as=entry.get("reports_as", entry["name"]), kind=entry.get("kind", "organization"),
                        short=entry.get("short")))
    gaz = Gazetteer(orgs)
    for org in orgs:
        for surface in (org.name, *org.aliases, *([org.short] if org.short else [])):
            gaz.by_key.setdefault(fold(surface), org)
        if org.acronym:
            gaz.by_acronym[org.acronym] = org
    return gaz


@lru_cache(maxsize=None)
def honorifics() -> tuple[str, ...]:
    return tuple(sorted({h for h in load("honorifics.yaml", strings=True)}, key=len, reverse=True))


@lru_cache(maxsize=None)
def honorific_keys() -> frozenset[str]:
    return frozenset(fold(h).rstrip(".") for h in load("honorifics.yaml", strings=True))


@lru_cache(maxsize=None)
def roles() -> dict[str, Any]:
    return load("roles.yaml")


@lru_cache(maxsize=None)
def demonyms() -> dict[str, str]:
    return dict(load("demonyms.yaml", strings=True))


@lru_cache(maxsize=None)
def not_names() -> frozenset[str]:
    return frozenset(fold(w) for w in load("not_names.yaml", strings=True))
