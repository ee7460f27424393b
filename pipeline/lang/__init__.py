"""The language layer, at the bottom of the package: text folding, the typed rule loader, date
shapes, name keys, and one folder of rule resources per language (`en/`).

Nothing here imports another part of `pipeline`; ingest, extract, reconcile and the commands import
from here. A new language needs a folder of resources beside `en/` and a model in params.yaml
(`extract.languages`).
"""
