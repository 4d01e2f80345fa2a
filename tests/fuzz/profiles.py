"""How many examples each fuzz test runs, by profile (``ARTLINT_FUZZ``: ``ci`` or ``long``).

A test of weight *w* runs *w* times the profile's unit: the weights of the fuzz tests add up
to ``TOTAL_WEIGHT``, so the ``ci`` profile runs ``TOTAL_WEIGHT * CI_EXAMPLES`` examples in all
(a few hundred) and ``long`` ``TOTAL_WEIGHT * LONG_EXAMPLES`` (over 100,000).
"""

from __future__ import annotations

import os

from hypothesis import settings

#: The profile's unit of examples; conftest.py registers the profiles with it.
CI_EXAMPLES = 50
LONG_EXAMPLES = 17_000
#: The weights of every fuzz test, added up (test_fuzz.py asserts that they match).
TOTAL_WEIGHT = 6

MODE = os.environ.get("ARTLINT_FUZZ", "ci").strip().lower() or "ci"
if MODE not in ("ci", "long"):
    raise ValueError(f"ARTLINT_FUZZ must be 'ci' or 'long', not {MODE!r}")
PROFILE = f"artlint-fuzz-{MODE}"


def fuzz_settings(weight: int) -> settings:
    """The active profile, with ``weight`` times its examples."""
    profile = settings.get_profile(PROFILE)
    return settings(profile, max_examples=weight * profile.max_examples)
