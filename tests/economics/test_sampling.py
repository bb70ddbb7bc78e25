"""Common random numbers: draws keyed by parameter name and seed."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluator.economics.sampling import (
    draws_for,
    inverse_cdf,
    standard_quantiles,
    stream_key,
    summarise,
)

names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_.", min_size=1, max_size=30)
seeds = st.integers(min_value=0, max_value=2**63 - 1)


@given(names, seeds)
def test_same_seed_same_draws(name: str, seed: int) -> None:
    assert np.array_equal(draws_for(name, seed, 64), draws_for(name, seed, 64))


@given(names, names, seeds)
def test_adding_a_parameter_does_not_change_another(a: str, b: str, seed: int) -> None:
    alone = draws_for(a, seed, 32)
    draws_for(b, seed, 1000)  # another parameter drawn before, in between, after: no effect
    assert np.array_equal(draws_for(a, seed, 32), alone)


def test_different_names_and_seeds_give_different_draws() -> None:
    assert not np.array_equal(draws_for("a", 1, 8), draws_for("b", 1, 8))
    assert not np.array_equal(draws_for("a", 1, 8), draws_for("a", 2, 8))


def test_draws_are_a_prefix_stable_stream() -> None:
    assert np.array_equal(draws_for("x", 5, 10), draws_for("x", 5, 100)[:10])


def test_key_is_stable_across_processes() -> None:
    # SHA-256 of b"native_wage_elasticity", first word little-endian: fixed forever.
    import hashlib

    digest = hashlib.sha256(b"native_wage_elasticity").digest()
    assert stream_key("native_wage_elasticity")[0] == int.from_bytes(digest[:4], "little")


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="seed"):
        draws_for("x", -1, 3)
    with pytest.raises(ValueError, match="draws"):
        draws_for("x", 1, 0)
    with pytest.raises(ValueError, match="name"):
        draws_for("", 1, 3)
    with pytest.raises(ValueError, match="mode"):
        inverse_cdf([0.5], "triangular", 0.0, 1.0)
    with pytest.raises(ValueError, match="unknown"):
        inverse_cdf([0.5], "normal", 0.0, 1.0)  # type: ignore[arg-type]


def test_uniform_and_triangular_quantiles() -> None:
    u = draws_for("t", 0, 200_000)
    tri = inverse_cdf(u, "triangular", 1.0, 4.0, 2.0)
    assert tri.min() >= 1.0 and tri.max() <= 4.0
    assert tri.mean() == pytest.approx((1 + 4 + 2) / 3, abs=0.01)
    uni = inverse_cdf(u, "uniform", -0.4, 0.0)
    assert uni.mean() == pytest.approx(-0.2, abs=0.002)
    assert np.all(inverse_cdf(u[:5], "fixed", 0.15, 0.15) == 0.15)


def test_standard_quantiles_rescale_to_any_range() -> None:
    u = draws_for("z", 3, 100)
    z = standard_quantiles(u, "triangular", 0.25)
    direct = inverse_cdf(u, "triangular", 2.0, 6.0, 3.0)
    assert 2.0 + 4.0 * z == pytest.approx(direct)


def test_summarise_along_draws_axis() -> None:
    x = np.tile(np.arange(101.0), (3, 1))
    mean, lo, hi = summarise(x)
    assert mean.tolist() == [50.0] * 3
    assert lo.tolist() == [5.0] * 3
    assert hi.tolist() == [95.0] * 3
