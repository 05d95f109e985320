"""Opened in a real browser, does a summary stay offline, run nothing from case text, and read well?

Debian's Chromium (/usr/bin/chromium) driven by Playwright; axe-core comes from the npm registry and is
loaded from a local file ($CASEKIT_AXE_JS, or .cache/npm/node_modules/axe-core/axe.min.js).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from casekit.export import api
from tests.browser_harness import CHROMIUM, CHROMIUM_ARGS
from tests.export.conftest import ARTIFACTS, ROOT, SECRET, in_ci, reviewed
from tests.fictional import stuffed_case

pytestmark = pytest.mark.browser


def _axe_path() -> Path | None:
    for candidate in (os.environ.get("CASEKIT_AXE_JS"), ROOT / ".cache/npm/node_modules/axe-core/axe.min.js"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def _need(ok: bool, reason: str) -> None:
    if not ok:
        if in_ci():
            pytest.fail(f"{reason} (CI must run browser tests)")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    _need(Path(CHROMIUM).is_file(), f"no {CHROMIUM}; install Debian's chromium to run browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need(False, "playwright is not installed; pip install playwright")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def summary_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser")
    export = api.export_case(reviewed(stuffed_case()), "html", session="2026-05-04", secret=SECRET)
    return api.write_exports([export], out)[0]


def _open(browser, url: str, *, bypass_csp: bool, width: int = 1000):
    context = browser.new_context(bypass_csp=bypass_csp, viewport={"width": width, "height": 900})
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))

    def refuse(route):
        route.abort()

    context.route(lambda u: not u.startswith("file:"), refuse)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    return context, page, [u for u in requests if u != url]


def test_summary_makes_no_network_request(browser, summary_file: Path):
    """Does opening the summary request nothing beyond the file itself?"""
    context, _page, requests = _open(browser, summary_file.as_uri(), bypass_csp=True)
    context.close()
    assert requests == []


@pytest.mark.parametrize("bypass_csp", [False, True])
def test_case_text_runs_no_script(browser, summary_file: Path, bypass_csp: bool):
    """With and without the page's CSP, does `<script>`/`onerror` in case text stay inert text?"""
    context, page, _ = _open(browser, summary_file.as_uri(), bypass_csp=bypass_csp)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("script").count() == 0
    assert "<script>window.__pwned=1</script>" in page.inner_text("main")
    context.close()


def test_summary_has_no_serious_accessibility_violations(browser, summary_file: Path):
    """Does axe-core report no serious or critical violations, on a desktop and on a phone width?"""
    axe = _axe_path()
    _need(
        axe is not None,
        "axe-core not found; npm install --prefix .cache/npm axe-core@4.11.0 or set CASEKIT_AXE_JS",
    )
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (1000, 375):
        context, page, _ = _open(browser, summary_file.as_uri(), bypass_csp=True, width=width)
        page.add_script_tag(path=str(axe))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        page.screenshot(path=str(ARTIFACTS / f"export-summary-{width}px.png"), full_page=False)
        context.close()
        bad = [(v["id"], v["impact"]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert bad == [], f"width {width}: {bad}"


def test_request_probe_sees_a_request_when_there_is_one(browser, tmp_path: Path):
    """Control: would the probe above notice a page that does fetch something?"""
    page_file = tmp_path / "fetching.html"
    page_file.write_text(
        '<!DOCTYPE html><html lang="en"><body><img src="https://example.org/a.png" alt=""></body></html>'
    )
    context, _page, requests = _open(browser, page_file.as_uri(), bypass_csp=True)
    context.close()
    assert requests == ["https://example.org/a.png"]
