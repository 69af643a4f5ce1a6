import os
import sys
from pathlib import Path

import pytest

# Helpers shared by the tests, the benchmarks and docs/make_screenshots.py
# (driving the dashboard in Chromium): tests/support, not part of the package.
sys.path.insert(0, str(Path(__file__).parent / "support"))

from browser import HOW_TO_GET_CHROMIUM, find_chromium, launch_args, running_dashboard  # noqa: E402

from villageaid.sim.params import make_params  # noqa: E402

SMALL = dict(residents=300)


@pytest.fixture
def small_params():
    """A 300-resident village: same mechanisms as the default, a third of the cost."""
    return make_params(**SMALL)


@pytest.fixture(scope="module")
def chromium():
    """Headless Chromium for a module's browser tests (Debian's package, tests/support)."""
    if os.environ.get("VILLAGEAID_SKIP_BROWSER") == "1":
        pytest.skip("VILLAGEAID_SKIP_BROWSER=1")
    path = find_chromium()
    if path is None:
        # on a developer's machine without root the README's test command still
        # passes; CI must run them
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(HOW_TO_GET_CHROMIUM)
        pytest.skip(HOW_TO_GET_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=launch_args())
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def url(chromium):
    """One `villageaid dashboard` server for a module, on a free local port."""
    with running_dashboard() as address:
        yield address
