"""How many examples each fuzz test runs, by profile (``ARTLINT_FUZZ``: ``ci`` or ``long``).

A test of weight *w* runs *w* times the profile's unit: the weights of the fuzz tests add up
to ``TOTAL_WEIGHT``, so the ``ci`` profile runs ``TOTAL_WEIGHT * CI_EXAMPLES`` examples in all
(a few hundred) and ``long`` ``TOTAL_WEIGHT * LONG_EXAMPLES`` (over 100,000).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

#: The profile's unit of examples; conftest.py registers the profiles with it.
CI_EXAMPLES = 50
LONG_EXAMPLES = 17_000
#: The weights of every fuzz test, added up (test_fuzz.py asserts that they match).
TOTAL_WEIGHT = 6

MODE = os.environ.get("ARTLINT_FUZZ", "ci").strip().lower() or "ci"
if MODE not in ("ci", "long"):
    raise ValueError(f"ARTLINT_FUZZ must be 'ci' or 'long', not {MODE!r}")
PROFILE = f"artlint-fuzz-{MODE}"


def register_profiles() -> None:
    """Register ``artlint-fuzz-ci`` and ``artlint-fuzz-long`` (conftest.py calls this)."""
    common = {
        "deadline": None,
        "suppress_health_check": [
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
            HealthCheck.filter_too_much,
        ],
        "print_blob": True,
    }
    # CI draws the same examples every run (a failure there is a change's, not luck's, and
    # reproduces); the long profile explores, and keeps what it finds in .hypothesis/.
    settings.register_profile(
        "artlint-fuzz-ci", max_examples=CI_EXAMPLES, derandomize=True, database=None, **common
    )
    settings.register_profile("artlint-fuzz-long", max_examples=LONG_EXAMPLES, **common)


def fuzz_settings(weight: int) -> settings:
    """The active profile, with ``weight`` times its examples."""
    register_profiles()  # already done by conftest.py, unless imported outside pytest
    profile = settings.get_profile(PROFILE)
    return settings(profile, max_examples=weight * profile.max_examples)
