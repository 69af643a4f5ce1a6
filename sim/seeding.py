"""The run's integer seed from what a caller gives (Mesa 3's `seed` and `rng`)."""

from __future__ import annotations

import numpy as np

_SEED_MAX = 2**31 - 1  # fresh seeds are drawn below this, as Mesa's Model draws them


def resolve_seed(seed=None, rng=None) -> int:
    """The run's integer seed from Mesa 3's `seed`/`rng` arguments (pass one, not both).

    An integer (or the text of one) is the seed itself. None or an empty text
    draws a fresh seed from the operating system's entropy; a numpy Generator,
    BitGenerator, SeedSequence or a sequence of integers gives one drawn from it.
    Either way the model records the seed (`model.seed`), so
    `VillageModel(seed=model.seed)` repeats the run exactly.
    """
    if seed is not None and rng is not None:
        raise ValueError("VillageModel: pass either seed or rng, not both")
    value = seed if seed is not None else rng
    if isinstance(value, str):  # a seed typed into a box (SolaraViz's InputText)
        value = value.strip() or None
    if isinstance(value, bool):
        raise ValueError(f"seed: {value!r} is not a non-negative integer")
    if value is None or isinstance(value, (np.random.Generator, np.random.BitGenerator,
                                           np.random.SeedSequence, list, tuple)):
        return int(np.random.default_rng(value).integers(_SEED_MAX))
    return int(value)
