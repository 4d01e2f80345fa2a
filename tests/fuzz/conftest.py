"""Hypothesis profiles of the fuzz tests, and the corpus they build articles from.

Two profiles, chosen by ``ARTLINT_FUZZ`` (see README.md): ``ci`` (the default, a few hundred
examples in all, well under 30 s) and ``long`` (at least 100,000 examples in all).  They are
applied per test with ``settings(settings.get_profile(...))``, not loaded globally, so that
the rest of the suite keeps hypothesis's defaults.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

from tests.fuzz.corpus import FuzzCorpus, load_corpus
from tests.fuzz.profiles import CI_EXAMPLES, LONG_EXAMPLES

_COMMON = {
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
    ],
    "print_blob": True,
}
settings.register_profile("artlint-fuzz-ci", max_examples=CI_EXAMPLES, **_COMMON)
settings.register_profile("artlint-fuzz-long", max_examples=LONG_EXAMPLES, **_COMMON)


@pytest.fixture(scope="session")
def fuzz_corpus() -> FuzzCorpus:
    return load_corpus()
