"""Named random streams, aligned to time, so counterfactuals differ only where they should.

Each kind of random decision ("needs", "helping", "volunteer_return", ...) draws from its
own PCG64 generator, seeded from the run seed and the decision's name (as in
Starsim's common random numbers). `at(week)` jumps the generator to a position
fixed by the week alone, so the numbers drawn in week t never depend on how
many numbers earlier weeks used. Within a week every stage draws arrays of a
fixed shape (one entry per resident or per elder slot, whether or not the
entry is used), so a resident gets the same number whoever else is sampled.
"""

from __future__ import annotations

import zlib

import numpy as np

# Each week owns 2**64 consecutive draws of a stream: far more than any week uses.
_WEEK_STRIDE = 2**64
# The warm-up's weeks (-1, -2, ...) sit far past any run's weeks in the stream.
_WARMUP_BASE = 2**40
# The largest run seed the command line, scenario files, sweeps and the dashboard
# accept: a 32-bit seed, which every tool that records seeds can hold.
MAX_SEED = 2**32 - 1


def stream_key(name: str) -> int:
    """A stable 32-bit key for a stream name (Python's hash() is salted per process)."""
    return zlib.crc32(name.encode("utf-8"))


class RandomStreams:
    """A family of named, week-aligned generators derived from one seed."""

    def __init__(self, seed: int):
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
            raise ValueError(f"seed: {seed!r} is not a non-negative integer")
        self.seed = int(seed)
        self._bitgens: dict[str, np.random.PCG64] = {}
        self._origins: dict[str, dict] = {}
        self._generators: dict[str, np.random.Generator] = {}

    def _ensure(self, name: str) -> None:
        if name not in self._bitgens:
            seq = np.random.SeedSequence(self.seed, spawn_key=(stream_key(name),))
            bitgen = np.random.PCG64(seq)
            self._bitgens[name] = bitgen
            self._origins[name] = bitgen.state
            self._generators[name] = np.random.Generator(bitgen)

    def at(self, name: str, week: int) -> np.random.Generator:
        """The generator of stream `name`, positioned at the start of `week` (a
        negative week is a week of the warm-up before week 1)."""
        self._ensure(name)
        bitgen = self._bitgens[name]
        bitgen.state = self._origins[name]
        if week < 0:
            week = _WARMUP_BASE + week
        if week:
            bitgen.advance(week * _WEEK_STRIDE)
        return self._generators[name]

    def setup(self, name: str) -> np.random.Generator:
        """A generator for one-off draws while building the village (week -1)."""
        self._ensure("setup:" + name)
        return self.at("setup:" + name, 0)

    def key(self, name: str) -> int:
        """A 63-bit key for counter-based draws (hashes of a decision's coordinates)."""
        seq = np.random.SeedSequence(self.seed, spawn_key=(stream_key(name),))
        return int(seq.generate_state(1, np.uint64)[0] >> np.uint64(1))

    def integer_seed(self, name: str) -> int:
        """A 32-bit seed for libraries that take an int (networkx generators)."""
        return int(self.setup(name).integers(0, 2**31 - 1))
