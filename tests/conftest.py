import sys
from pathlib import Path

import pytest

# Helpers shared by the tests, the benchmarks and docs/make_screenshots.py
# (driving the dashboard in Chromium): tests/support, not part of the package.
sys.path.insert(0, str(Path(__file__).parent / "support"))

from villageaid.sim.params import make_params

SMALL = dict(residents=300)


@pytest.fixture
def small_params():
    """A 300-resident village: same mechanisms as the default, a third of the cost."""
    return make_params(**SMALL)
