"""Rapporteur: reports of anti-trafficking meetings into source-grounded tables."""
__version__ = "0.1.0"
