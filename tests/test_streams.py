"""Named random streams are aligned to time and independent by name."""

import numpy as np

from villageaid.sim.streams import RandomStreams


def test_week_draws_do_not_depend_on_earlier_use():
    a, b = RandomStreams(3), RandomStreams(3)
    a.at("needs", 1).random(10)
    a.at("needs", 2).random(100_000)  # a heavy week
    b.at("needs", 1).random(3)
    assert np.array_equal(a.at("needs", 3).random(5), b.at("needs", 3).random(5))


def test_streams_differ_by_name_and_seed():
    s = RandomStreams(3)
    x = s.at("needs", 4).random(5)
    assert not np.array_equal(x, s.at("helping", 4).random(5))
    assert not np.array_equal(x, RandomStreams(4).at("needs", 4).random(5))
    assert np.array_equal(x, RandomStreams(3).at("needs", 4).random(5))


def test_seed_must_be_a_non_negative_integer():
    import pytest

    for bad in (-1, 1.5, "7", True):
        with pytest.raises(ValueError, match="seed"):
            RandomStreams(bad)
