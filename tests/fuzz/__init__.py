"""Fuzz tests: mutated real articles through the public API (see README.md here)."""
