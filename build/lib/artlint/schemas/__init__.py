"""JSON Schemas shipped with artlint, read through ``importlib.resources``."""
