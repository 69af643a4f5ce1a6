"""End-to-end tests of the dashboard in real headless Chromium against the served app.

One `villageaid dashboard` server is started for this module (on a free local port);
each test opens a fresh page, which Solara serves as a fresh session. Chromium is
Debian's package driven by Playwright (tests/support/browser.py); without it these
tests fail with a message saying how to install it, unless VILLAGEAID_SKIP_BROWSER=1.
"""

from __future__ import annotations

import re

import pytest

from browser import BAD_SCENARIO, start_comparison


TIMEOUT = 30_000  # ms, for anything the server computes


@pytest.fixture
def web(chromium, url):
    context = chromium.new_context(viewport={"width": 1400, "height": 1000},
                                   accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    page.locator(".va-week").wait_for(timeout=60_000)
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def _image_loaded(page, selector: str) -> bool:
    return page.evaluate(
        "(s) => { const i = document.querySelector(s); return !!i && i.complete"
        " && i.naturalWidth > 100; }", selector)


def _img(key: str) -> str:
    return f".va-{key}-img img, img.va-{key}-img"


def test_each_page_loads(web):
    assert web.locator(".va-week").inner_text().startswith("Week 0 of 520")
    for key in ("network", "curves", "timeline"):
        web.wait_for_function(
            "(s) => { const i = document.querySelector(s); return i && i.complete"
            " && i.naturalWidth > 100; }", arg=_img(key), timeout=TIMEOUT)
    assert web.locator(".va-preset").count() == 1  # the sidebar is there
    web.locator(".va-nav-compare").click()
    web.get_by_text("Scenario A (reference)").wait_for(timeout=TIMEOUT)
    assert not web.locator(".va-page-explore").is_visible()
    web.locator(".va-nav-learn").click()
    web.get_by_text("Why withdrawn elders stop asking").wait_for(timeout=TIMEOUT)
    assert web.get_by_text("What matching changes").is_visible()
    web.locator(".va-nav-explore").click()
    web.locator(".va-week").wait_for(state="visible", timeout=TIMEOUT)


def test_step_changes_the_curves(web):
    before = web.locator(_img("curves")).first.get_attribute("src")
    web.locator(".va-step").click()
    web.get_by_text("Week 1 of 520").wait_for(timeout=TIMEOUT)
    web.locator(".va-step").click()
    web.get_by_text("Week 2 of 520").wait_for(timeout=TIMEOUT)
    web.wait_for_function(
        "([s, old]) => { const i = document.querySelector(s); return i && i.src !== old; }",
        arg=[_img("curves"), before], timeout=TIMEOUT)
    assert _image_loaded(web, _img("curves"))
    # the headline figures are filled in once a week has run
    assert web.locator(".va-kpi_coverage .va-kpi-value").inner_text().endswith("%")
    web.locator(".va-year").click()
    web.get_by_text("Week 54 of 520").wait_for(timeout=TIMEOUT)


def _week(web) -> int:
    return int(web.locator(".va-week").inner_text().split()[1])


def test_play_runs_the_village_until_paused(web):
    web.locator(".va-play").click()
    web.wait_for_function(
        "() => parseInt(document.querySelector('.va-week').innerText.split(' ')[1]) >= 5",
        timeout=TIMEOUT)
    web.locator(".va-pause").click()
    web.locator(".va-play").wait_for(timeout=TIMEOUT)
    stopped = _week(web)
    web.wait_for_timeout(1000)
    assert _week(web) == stopped


def test_language_switch_shows_chinese(web):
    web.locator(".va-lang-zh").click()
    web.get_by_text("第 0 周 / 共 520 周").wait_for(timeout=TIMEOUT)
    for key, text in (("explore", "探索"), ("compare", "比较"), ("learn", "学习")):
        web.locator(f".va-nav-{key}", has_text=text).wait_for(timeout=TIMEOUT)
    for text in ("预算", "干预措施", "立即施加冲击"):
        assert web.get_by_text(text, exact=True).first.is_visible(), text
    assert web.get_by_text("每个点是一位村民").is_visible()
    web.locator(".va-nav-learn").click()
    web.get_by_text("为什么退缩的老人不再求助").wait_for(timeout=TIMEOUT)
    web.locator(".va-lang-en").click()
    web.get_by_text("Why withdrawn elders stop asking").wait_for(timeout=TIMEOUT)


def test_small_comparison_runs_with_progress(web):
    web.locator(".va-nav-compare").click()
    start_comparison(web, years=1, residents=150, replicates=2)
    web.locator(".va-cmp-done").wait_for(timeout=120_000)
    assert ("2 replicates of Informal help only (baseline) and Volunteer teams (teams)"
            in web.locator(".va-cmp-done").inner_text())
    table = web.locator(".va-cmp-diff-table").inner_text()
    assert "needs met" in table and "paired 95% interval" in table
    for key in ("cmp-curves", "cmp-diff"):
        web.wait_for_function(
            "(s) => { const i = document.querySelector(s); return i && i.naturalWidth > 100; }",
            arg=_img(key), timeout=TIMEOUT)
    with web.expect_download() as download:
        web.get_by_text("Differences (CSV)").click()
    assert download.value.path().read_text().startswith("scenario,versus,metric,diff")


def test_bad_upload_shows_a_readable_error_and_the_app_keeps_working(web):
    web.locator("input.va-upload-input").set_input_files(
        files=[{"name": "bad.toml", "mimeType": "application/toml", "buffer": BAD_SCENARIO}])
    error = web.locator(".va-notice-error")
    error.first.wait_for(timeout=TIMEOUT)
    text = web.locator(".va-notice").inner_text()
    assert "“bad.toml” cannot be used" in text
    assert "village.grant: -10 is out of range" in text
    assert "interventions[0].team_size: 9000 is out of range" in text
    web.locator(".va-step").click()
    web.get_by_text("Week 1 of 520").wait_for(timeout=TIMEOUT)
    # the settings download loads back as an upload
    with web.expect_download() as download:
        web.get_by_text("Download settings (.toml)").click()
    toml = download.value.path().read_bytes()
    assert b'name = "baseline"' in toml
    web.locator("input.va-upload-input").set_input_files(
        files=[{"name": "mine.toml", "mimeType": "application/toml", "buffer": toml}])
    web.get_by_text("Loaded scenario “baseline”.").wait_for(timeout=TIMEOUT)
    web.get_by_text("Week 0 of 520").wait_for(timeout=TIMEOUT)


def test_value_out_of_range_is_refused(web):
    box = web.locator(".va-num-grant input")
    box.fill("-5")
    box.press("Enter")
    message = web.locator(".va-refused").first
    message.wait_for(timeout=TIMEOUT)
    assert "grant: -5" in message.inner_text() and "out of range" in message.inner_text()
    web.locator(".va-step").click()
    web.get_by_text("Week 1 of 520").wait_for(timeout=TIMEOUT)
    # the tooltip says what the parameter means, its unit and its range
    web.get_by_text("Government grant (CNY/year)").hover()
    web.get_by_text("Mean yearly government grant for elder care").wait_for(timeout=TIMEOUT)


def test_exports_download_png_and_csv(web):
    web.locator(".va-step").click()
    web.get_by_text("Week 1 of 520").wait_for(timeout=TIMEOUT)
    with web.expect_download() as download:
        web.get_by_text("Charts (PNG)").click()
    assert download.value.path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with web.expect_download() as download:
        web.get_by_text("Weekly table (CSV)").click()
    lines = download.value.path().read_text().splitlines()
    assert lines[0].startswith("week,") and len(lines) == 2


def test_long_comparison_shows_progress_and_the_page_stays_usable(web):
    web.locator(".va-nav-compare").click()
    start_comparison(web, years=10, residents=1000, replicates=20)
    progress = web.locator(".va-cmp-progress")
    progress.wait_for(timeout=TIMEOUT)
    assert "40 runs" in progress.inner_text()  # Starting 40 runs ...
    web.get_by_text(re.compile(r"\d+ of 40 runs done")).wait_for(timeout=TIMEOUT)
    # while it runs, Explore still answers
    web.locator(".va-nav-explore").click()
    web.locator(".va-step").click()
    web.get_by_text("Week 1 of 520").wait_for(timeout=TIMEOUT)
    web.locator(".va-nav-compare").click()
    web.locator(".va-cmp-cancel").click()
    web.get_by_text("Cancelled.").wait_for(timeout=60_000)
    assert web.locator(".va-cmp-run").is_enabled()


def test_a_link_reopens_the_same_dashboard_in_a_fresh_browser(web, chromium):
    seed = web.locator(".va-seed input")
    seed.fill("11")
    seed.press("Enter")
    web.wait_for_function("() => location.search.includes('seed=11')", timeout=TIMEOUT)
    grant = web.locator(".va-num-grant input")
    grant.fill("20000")
    grant.press("Enter")
    web.wait_for_function("() => location.search.includes('grant=20000')", timeout=TIMEOUT)
    web.locator(".va-step").click()
    web.get_by_text("Week 1 of 520").wait_for(timeout=TIMEOUT)
    web.locator(".va-lang-zh").click()
    web.get_by_text("复制链接").wait_for(timeout=TIMEOUT)
    web.locator(".va-copy-link").click()
    web.get_by_text("链接已复制").wait_for(timeout=TIMEOUT)
    link = web.url
    assert "lang=zh" in link and "week=1" in link
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    try:
        fresh = context.new_page()
        fresh.goto(link)
        fresh.get_by_text("第 1 周 / 共 520 周").wait_for(timeout=60_000)
        assert fresh.locator(".va-seed input").input_value() == "11"
        assert fresh.locator(".va-num-grant input").input_value() == "20000"
        assert "（已修改）" in fresh.locator(".va-scenario-name").inner_text()
        # a link with a bad value says so, in the link's language, and opens the rest
        fresh.goto(link.replace("seed=11", "seed=eleven"))
        fresh.locator(".va-notice-error").first.wait_for(timeout=60_000)
        assert "seed：'eleven' 不是整数" in fresh.locator(".va-notice").inner_text()
        assert fresh.locator(".va-num-grant input").input_value() == "20000"
    finally:
        context.close()


def test_language_switch_keeps_settings_and_an_upload_made_meanwhile(web):
    grant = web.locator(".va-num-grant input")
    grant.fill("20000")
    grant.press("Enter")
    web.wait_for_function("() => location.search.includes('grant=20000')", timeout=TIMEOUT)
    web.locator(".va-lang-zh").click()
    web.get_by_text("第 0 周 / 共 520 周").wait_for(timeout=TIMEOUT)
    assert web.locator(".va-num-grant input").input_value() == "20000"
    # a file dropped while the page switches back is loaded, and said in English
    web.locator(".va-lang-en").click()
    toml = b'name = "mine"\nyears = 3\n[village]\nresidents = 200\n'
    web.locator("input.va-upload-input").set_input_files(
        files=[{"name": "mine.toml", "mimeType": "application/toml", "buffer": toml}])
    web.get_by_text("Loaded scenario “mine”.").wait_for(timeout=TIMEOUT)
    web.get_by_text("Week 0 of 156").wait_for(timeout=TIMEOUT)
    body = web.inner_text("body")
    assert "预算" not in body and "Budget" in body
