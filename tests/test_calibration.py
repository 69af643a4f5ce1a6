"""Pattern tests: the default village reproduces the survey figures it is calibrated to.

Each pattern is a mean over replicates of the default 1,000-resident village run
for 10 years, checked within the tolerance of calibration/default.toml (docs/ODD.md,
"Patterns"). The parameters marked "calibrated (calibration/fitted.toml ...)" are the
output of `villageaid calibrate calibration/default.toml`, and are checked against it.
"""

import tomllib
from pathlib import Path

import numpy as np
import pytest

from villageaid.sim.params import PARAMETER_INDEX
from villageaid.sim.run import run_village

REPLICATES = 4
CALIBRATION = Path(__file__).resolve().parents[1] / "calibration"


@pytest.fixture(scope="module")
def headlines():
    return [run_village(seed=s, years=10).summary["headline"] for s in range(REPLICATES)]


def mean(headlines, key):
    return float(np.mean([h[key] for h in headlines]))


def test_empty_nest_share_stays_about_45_6_percent(headlines):
    # CNCA 2010 sample survey, rural elders; at the end of the run it is an output of
    # deaths, widowhood, migration and couples turning 60
    assert mean(headlines, "empty_nest_share") == pytest.approx(0.456, abs=0.03)


def test_volunteers_drop_out_about_35_percent_a_year(headlines):
    # US CNCS 2006-07: about a third of volunteers do not continue the next year
    assert mean(headlines, "dropout_per_year") == pytest.approx(0.35, abs=0.07)


def test_most_elders_willing_but_few_taking_part(headlines):
    # Chinese surveys 2023: ~87% willing to take part in mutual aid, ~30% do
    assert mean(headlines, "willing") == pytest.approx(0.87, abs=0.05)
    assert mean(headlines, "participation") == pytest.approx(0.30, abs=0.07)


def test_elders_living_alone_are_lonelier(headlines):
    # CLHLS 2008/09: 52% of elders living alone lonely against 29.5% of others
    assert mean(headlines, "loneliness_ratio_alone") == pytest.approx(1.76, abs=0.3)


def test_some_elders_with_adl_limitations_go_without_care(headlines):
    # CHARLS 2011 (Chen 2013): 86% of people 60+ who need care receive it. The model
    # gives care to more of them (about 8.5% go without in a week, against 14%): a
    # known miss of the calibration, held here so that it cannot drift unnoticed
    assert 0.03 <= mean(headlines, "adl_without_care") <= 0.19


def test_the_calibrated_defaults_are_the_calibrations_output():
    spec = tomllib.loads((CALIBRATION / "default.toml").read_text(encoding="utf-8"))
    fitted = tomllib.loads((CALIBRATION / "fitted.toml").read_text(encoding="utf-8"))
    names = [p["name"] for p in spec["parameter"]]
    assert sorted(fitted["village"]) == sorted(names)
    for name in names:
        param = PARAMETER_INDEX[name]
        assert param.default == pytest.approx(fitted["village"][name], rel=5e-4), name
        assert "calibration/fitted.toml" in param.source, name
