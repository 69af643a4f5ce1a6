"""The dashboard's Advise page and the Compare page's brief, in real headless Chromium:
a small search runs in the background with progress, shows the recommendation, the
Pareto and robustness figures and the futures' section in the page's language, and
the brief downloads as a PDF; cancel stops a search; the Compare page's brief
downloads too. (The browser and the server: tests/conftest.py's fixtures.)"""

from __future__ import annotations

import pytest

from browser import start_comparison

TIMEOUT = 240_000  # ms: a small search of a few portfolios and futures


@pytest.fixture
def web(chromium, url):
    context = chromium.new_context(viewport={"width": 1400, "height": 1000},
                                   accept_downloads=True)
    page = context.new_page()
    page.goto(url)
    page.locator(".va-week").wait_for(timeout=60_000)
    yield page
    context.close()


def fill(page, **fields):
    for key, value in fields.items():
        box = page.locator(f".va-adv-{key} input")
        box.fill(str(value))
        box.press("Enter")


def test_advise_page_runs_a_search_and_downloads_the_brief(web):
    web.locator(".va-nav-advise").click()
    fill(web, budget=60000, years=1, trials=4, replicates=1, residents=150, futures=3)
    web.locator(".va-adv-run").click()
    web.locator(".va-adv-progress").wait_for(timeout=30_000)
    web.locator(".va-adv-results").wait_for(timeout=TIMEOUT)
    text = web.locator(".va-adv-results").inner_text()
    assert "The recommended portfolio" in text and "60,000" in text
    assert "When the future is not the one planned for" in text
    # the Pareto figure and the robustness figure are drawn
    web.wait_for_function(
        "() => Array.from(document.querySelectorAll('.va-adv-results img'))"
        ".filter(i => i.naturalWidth > 100).length >= 2", timeout=30_000)
    with web.expect_download(timeout=120_000) as download:
        web.get_by_text("Download the brief (PDF)").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
    # the same results in Chinese, at once
    web.locator(".va-lang-zh").click()
    web.get_by_text("推荐的干预组合").first.wait_for(timeout=30_000)


def test_advise_search_can_be_cancelled(web):
    web.locator(".va-nav-advise").click()
    fill(web, years=2, trials=40, replicates=2, residents=400)
    web.locator(".va-adv-run").click()
    web.locator(".va-adv-cancel").click(timeout=30_000)
    web.get_by_text("Cancelled; nothing was kept.").wait_for(timeout=120_000)
    assert web.locator(".va-adv-results").count() == 0
    assert web.locator(".va-adv-run").is_enabled()


def test_out_of_range_budget_is_refused_on_the_page(web):
    web.locator(".va-nav-advise").click()
    fill(web, budget=5)
    web.get_by_text("Budget (CNY a year) must be between 1000 and 1000000").wait_for(
        timeout=30_000)


def test_compare_page_downloads_a_brief(web):
    web.locator(".va-nav-compare").click()
    start_comparison(web, years=1, residents=150, replicates=2)
    web.locator(".va-cmp-done").wait_for(timeout=120_000)
    with web.expect_download(timeout=120_000) as download:
        web.get_by_text("Policy brief (PDF)").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
