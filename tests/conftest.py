import pytest

from villageaid.sim.params import make_params

SMALL = dict(residents=300)


@pytest.fixture
def small_params():
    """A 300-resident village: same mechanisms as the default, a third of the cost."""
    return make_params(**SMALL)
