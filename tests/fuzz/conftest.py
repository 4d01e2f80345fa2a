"""Hypothesis profiles of the fuzz tests, and the corpus they build articles from.

Two profiles, chosen by ``ARTLINT_FUZZ`` (see README.md): ``ci`` (the default, a few hundred
examples in all, well under 30 s) and ``long`` (over 100,000 examples in all), registered
here (by :func:`tests.fuzz.profiles.register_profiles`).  They are applied per test with
:func:`tests.fuzz.profiles.fuzz_settings`, not loaded globally, so that the rest of the
suite keeps hypothesis's defaults.
"""

from __future__ import annotations

import pytest

from tests.fuzz.corpus import FuzzCorpus, load_corpus
from tests.fuzz.profiles import register_profiles

register_profiles()


@pytest.fixture(scope="session")
def fuzz_corpus() -> FuzzCorpus:
    return load_corpus()
