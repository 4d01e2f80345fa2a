"""artlint.pool.ordered_map: results in order, and a dying worker costs only its own item."""

from __future__ import annotations

import os

import pytest

from artlint.pool import ordered_map

CULPRITS = {7, 37, 38, 99}


def double_or_die(items: list[int]) -> list[int | str]:
    """Doubles each item; ends its process (as a kill would) on a culprit."""
    results: list[int | str] = []
    for item in items:
        if item in CULPRITS:
            os._exit(70)
        results.append(item * 2)
    return results


def dead(item: int) -> str:
    return f"dead {item}"


@pytest.mark.parametrize("chunk", [1, 5, 24])
def test_results_come_in_order_and_only_culprits_are_given_up(chunk: int) -> None:
    results = list(ordered_map(double_or_die, range(100), workers=2, chunk=chunk, dead=dead))
    assert results == [f"dead {n}" if n in CULPRITS else n * 2 for n in range(100)]


def test_without_deaths_it_is_a_plain_ordered_map() -> None:
    items = [n for n in range(100) if n not in CULPRITS]
    results = list(ordered_map(double_or_die, items, workers=2, chunk=7, dead=dead))
    assert results == [n * 2 for n in items]


def test_a_reader_that_stops_early_stops_the_pool() -> None:
    results = ordered_map(double_or_die, range(1000), workers=2, chunk=1, dead=dead)
    assert next(iter(results)) == 0
    results.close()  # must return promptly: the queued work is cancelled
