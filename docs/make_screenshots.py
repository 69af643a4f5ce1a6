"""Take the dashboard screenshots in docs/screenshots/ with headless Chromium.

    .venv/bin/python docs/make_screenshots.py          # about a minute

Starts `villageaid dashboard` on a free local port, drives it with Playwright
(Debian's chromium, see tests/support/browser.py) and writes:

    explore.png      Explore, the "weathering a shock" lesson after three years
    explore_resilience.png  the same, scrolled to the timeline and resilience figures
    explore_zh.png   the same in Simplified Chinese
    compare.png      Compare: baseline against teams, 3 replicates of 3 years
    advise.png       Advise: a small search for 60,000 CNY a year, with its futures
    learn.png        Learn: the guided lessons
    upload_error.png a bad scenario file refused with one line per problem
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

# the browser helpers the tests use
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "support"))
from browser import (  # noqa: E402
    BAD_SCENARIO, HOW_TO_GET_CHROMIUM, find_chromium, launch_args, running_dashboard,
    start_comparison,
)

OUT = Path(__file__).resolve().parent / "screenshots"
VIEWPORT = {"width": 1500, "height": 1250}


def _top(page) -> None:
    """Scroll the main area and the sidebar back to the top."""
    page.evaluate("() => { for (const e of document.querySelectorAll('*')) {"
                  " if (e.scrollTop > 0) { e.scrollTop = 0; } } window.scrollTo(0, 0); }")
    page.wait_for_timeout(300)


def _wait_images(page) -> None:
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.va-page-explore img'))"
        ".every(i => i.complete && i.naturalWidth > 100)", timeout=60_000)
    page.wait_for_timeout(800)


def main() -> int:
    chromium = find_chromium()
    if chromium is None:
        print(HOW_TO_GET_CHROMIUM, file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with running_dashboard() as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=launch_args())
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(url)
        page.locator(".va-week").wait_for(timeout=60_000)

        page.locator(".va-nav-learn").click()
        page.get_by_text("Why withdrawn elders stop asking").wait_for()
        page.wait_for_timeout(500)
        page.screenshot(path=OUT / "learn.png")

        page.locator(".va-lesson-setup-shock").click()
        page.get_by_text("Week 0 of 260").wait_for(timeout=30_000)
        for week in (52, 104, 156):
            page.locator(".va-year").click()
            page.get_by_text(f"Week {week} of 260").wait_for(timeout=60_000)
        page.locator(".va-resilience table").first.wait_for(timeout=30_000)
        _wait_images(page)
        _top(page)
        page.screenshot(path=OUT / "explore.png")
        page.locator(".va-resilience").scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        page.screenshot(path=OUT / "explore_resilience.png")

        page.locator(".va-lang-zh").click()
        page.get_by_text("第 156 周 / 共 260 周").wait_for(timeout=30_000)
        _wait_images(page)
        _top(page)
        page.screenshot(path=OUT / "explore_zh.png")
        page.locator(".va-lang-en").click()
        page.get_by_text("Week 156 of 260").wait_for(timeout=30_000)

        page.locator("input.va-upload-input").set_input_files(
            files=[{"name": "my_village.toml", "mimeType": "application/toml",
                    "buffer": BAD_SCENARIO}])
        page.locator(".va-notice-error").first.wait_for(timeout=30_000)
        _top(page)
        page.screenshot(path=OUT / "upload_error.png")

        page.locator(".va-nav-compare").click()
        page.get_by_text("Scenario A (reference)").wait_for()
        # the lesson's own scenarios are offered too; compare two presets here
        start_comparison(page, years=3, residents=600, replicates=3)
        page.locator(".va-cmp-done").wait_for(timeout=300_000)
        page.wait_for_function(
            "() => Array.from(document.querySelectorAll('.va-cmp-results img'))"
            ".every(i => i.complete && i.naturalWidth > 100)", timeout=60_000)
        page.wait_for_timeout(800)
        page.screenshot(path=OUT / "compare.png")

        page.locator(".va-nav-advise").click()
        for key, value in (("budget", 60000), ("years", 2), ("trials", 8), ("replicates", 2),
                           ("residents", 400), ("futures", 6)):
            box = page.locator(f".va-adv-{key} input")
            box.fill(str(value))
            box.press("Enter")
        page.locator(".va-adv-run").click()
        page.locator(".va-adv-results").wait_for(timeout=300_000)
        page.wait_for_function(
            "() => Array.from(document.querySelectorAll('.va-adv-results img'))"
            ".every(i => i.complete && i.naturalWidth > 100)", timeout=60_000)
        _top(page)
        page.wait_for_timeout(800)
        page.screenshot(path=OUT / "advise.png", full_page=True)
        browser.close()
    for name in sorted(OUT.glob("*.png")):
        print(name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
