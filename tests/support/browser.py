"""Serve the dashboard in a subprocess and find a Chromium to drive it: for the browser
tests (tests/test_dashboard_browser.py), the screenshots (docs/make_screenshots.py) and
the benchmark (benchmarks/bench_dashboard.py).

Playwright's own browser download is not available everywhere; Debian's `chromium`
package works, passed to Playwright as `executable_path`. Set VILLAGEAID_CHROMIUM to
use another Chromium binary.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
HOW_TO_GET_CHROMIUM = ("no Chromium found for the browser tests: install Debian's package "
                       "(apt-get install chromium) or set VILLAGEAID_CHROMIUM to a Chromium "
                       "binary; .ci/run installs it")


# A scenario file with three problems (a name with a space, a negative grant, a
# team too large): what the upload tests and the screenshot of a refused upload send.
BAD_SCENARIO = b"""name = "my village"
years = 5
[village]
grant = -10
[[interventions]]
type = "teams"
team_size = 9000
"""


def find_chromium() -> str | None:
    explicit = os.environ.get("VILLAGEAID_CHROMIUM")
    if explicit:
        return explicit if os.path.exists(explicit) else shutil.which(explicit)
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def launch_args() -> list[str]:
    """Chromium flags for headless runs in containers (often as root, small /dev/shm)."""
    return ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_dashboard(port: int | None = None, timeout: float = 120.0):
    """Start `villageaid dashboard` on a free local port; yield its URL; stop it after."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}/"
    log = open(os.devnull, "wb") if not os.environ.get("VILLAGEAID_DASHBOARD_LOG") else open(
        os.environ["VILLAGEAID_DASHBOARD_LOG"], "ab")
    proc = subprocess.Popen(
        [sys.executable, "-m", "villageaid", "dashboard", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the dashboard exited with status {proc.returncode}")
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the dashboard did not answer at {url} in {timeout:.0f} s")
            time.sleep(0.5)
        yield url
    finally:
        # the server runs in its own process group (the one started here)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=15)
        log.close()


def start_comparison(page, **fields) -> None:
    """On the Compare page, type each field (years, residents, replicates, ...) and run."""
    for field, value in fields.items():
        box = page.locator(f".va-cmp-{field} input")
        box.fill(str(value))
        box.press("Enter")
    page.locator(".va-cmp-run").click()
