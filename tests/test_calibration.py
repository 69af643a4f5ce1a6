"""Pattern tests: the default village reproduces the survey figures it is calibrated to.

Each pattern is a mean over replicates of the default 1,000-resident village run
for 10 years, checked within a stated tolerance (docs/ODD.md, "Patterns").
"""

import numpy as np
import pytest

from villageaid.sim.run import run_village

REPLICATES = 4


@pytest.fixture(scope="module")
def headlines():
    return [run_village(seed=s, years=10).summary["headline"] for s in range(REPLICATES)]


def mean(headlines, key):
    return float(np.mean([h[key] for h in headlines]))


def test_empty_nest_share_is_about_45_6_percent(headlines):
    # CNCA 2010 sample survey, rural elders
    assert mean(headlines, "empty_nest_share") == pytest.approx(0.456, abs=0.02)


def test_volunteers_drop_out_about_35_percent_a_year(headlines):
    # US CNCS 2006-07: about a third of volunteers do not continue the next year
    assert mean(headlines, "dropout_per_year") == pytest.approx(0.35, abs=0.07)


def test_most_elders_willing_but_few_taking_part(headlines):
    # Chinese surveys 2023: ~87% willing to take part in mutual aid, ~30% do
    assert mean(headlines, "willing") == pytest.approx(0.87, abs=0.05)
    assert mean(headlines, "participation") == pytest.approx(0.30, abs=0.07)
