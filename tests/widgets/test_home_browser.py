"""The home page served by `casekit app --no-browser --port P`, used in a real browser.

Voila serves a fresh example workspace; Debian's Chromium creates a case by typing and clicking,
exports its handout as HTML and downloads it, and axe-core checks the page. The server is stopped by
its process group. A screenshot goes to test-artifacts/widgets/.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from casekit import layout
from casekit.workspace import Workspace
from tests.browser_harness import ROOT
from tests.widgets.servers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    Server,
    browser_skip_reason,
    copy_artifacts_dir,
)

_skip = browser_skip_reason()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(_skip is not None, reason=_skip or ""),
]

WAIT = 60_000  # ms: kernels start slowly on a busy 2-core machine
NEW_CASE = "CK-0107"  # the code the page suggests after the examples' CK-0101 to CK-0106


def _axe_path() -> Path | None:
    for candidate in (os.environ.get("CASEKIT_AXE_JS"), ROOT / ".cache/npm/node_modules/axe-core/axe.min.js"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


@pytest.fixture
def home_server(tmp_path: Path) -> Iterator[tuple[Workspace, Server]]:
    """`casekit app` (Voila) serving a fresh example workspace, stopped at the end."""
    ws = Workspace.create(tmp_path / "ws", examples=True)
    server = Server(ws.root, "", tmp_path / "voila-home", app=True, command=["app"], app_flag=False)
    try:
        yield ws, server.start()
    finally:
        server.stop()


def test_app_creates_a_case_and_exports_its_handout_by_clicks(home_server, tmp_path):
    """In the app: type a new case's alias, create it, open its form, record consent to consultation,
    export its handout as HTML — stored, saved, downloadable, and no axe-core violations on the page?"""
    from playwright.sync_api import expect, sync_playwright

    axe = _axe_path()
    if axe is None:
        if os.environ.get("CI"):
            pytest.fail("axe-core not found (CI must run the accessibility check)")
        pytest.skip("axe-core not found; npm install --prefix .cache/npm axe-core or set CASEKIT_AXE_JS")
    ws, server = home_server
    page_path = layout.home_path(Path()).as_posix()
    url = f"http://127.0.0.1:{server.port}/voila/render/{page_path}"

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 1600}, accept_downloads=True)
            page.goto(url, timeout=WAIT * 2)
            home = page.locator(".ck-home")
            status = home.locator(".ck-status")
            expect(status).to_contain_text("Ready", timeout=WAIT * 2)
            code_shown = page.locator(".jp-CodeCell .jp-InputArea:visible, .jp-InputArea-editor:visible")
            assert code_shown.count() == 0
            assert "show_home" not in page.inner_text("body")

            code = home.get_by_label("Case code", exact=True)
            expect(code).to_have_value(NEW_CASE, timeout=WAIT)
            alias = home.get_by_label("Your alias (presenting clinician)", exact=True)
            alias.click()
            alias.press_sequentially("Presenter Q")
            expect(alias).to_have_value("Presenter Q")
            # The page repeats what it will create once the kernel has what was typed.
            expect(home.locator(".ck-muted", has_text="presented by Presenter Q")).to_be_visible(timeout=WAIT)
            home.get_by_role("button", name="Create case", exact=True).click()
            expect(status).to_contain_text(f"{NEW_CASE} is created", timeout=WAIT)
            expect(home.get_by_role("heading", name=NEW_CASE)).to_be_visible(timeout=WAIT)

            # The new case's formulation form opens from its link, in a tab of its own.
            with page.context.expect_page(timeout=WAIT) as opened:
                home.get_by_role("link", name=f"Open the formulation form for {NEW_CASE}").click()
            form = opened.value
            expect(form.locator(".ck-form .ck-status")).to_contain_text("Saved", timeout=WAIT * 2)
            expect(form.locator(".ck-form")).to_contain_text(NEW_CASE)
            form.close()

            # A group handout waits for consent to consultation, recorded in the case's panel.
            home.get_by_role("button", name="Consent, supervision and learning", exact=True).click()
            panel = home.locator(".ck-supervision")
            panel.get_by_label("Yes: the client knows, and agreed", exact=True).check()
            panel.get_by_label("Agreed to a peer consultation group", exact=True).check()
            panel.get_by_label("When you asked", exact=True).fill("2026-11-02")
            panel.get_by_role("button", name="Save consent", exact=True).click()
            expect(panel.locator(".ck-status-ok")).to_contain_text(
                "Consent to consultation is saved", timeout=WAIT
            )

            home.get_by_label("Web page (HTML)", exact=True).check()
            home.get_by_role("button", name="Export a handout", exact=True).click()
            expect(status).to_contain_text(f"The handout for {NEW_CASE} is ready", timeout=WAIT)
            link = home.get_by_role("link", name=f"Download the handout ({NEW_CASE}-summary.html)")
            with page.expect_download(timeout=WAIT) as download_info:
                link.click()
            downloaded = tmp_path / "downloaded.html"
            download_info.value.save_as(downloaded)

            page.add_script_tag(path=str(axe))
            # Every rule but "region": Voila's own page template (not casekit's) puts the cells outside
            # any landmark, and nothing inside a widget can add one around them.
            result = page.evaluate(
                "async () => await axe.run(document,"
                " {resultTypes: ['violations'], rules: {region: {enabled: false}}})"
            )
            home.screenshot(path=str(copy_artifacts_dir() / "home-app-exported.png"))
        finally:
            browser.close()

    violations = [
        (v["id"], v["impact"], [n["html"][:100] for n in v["nodes"][:3]]) for v in result["violations"]
    ]
    assert violations == [], "\n".join(map(str, violations))
    with ws.open_store() as store:
        assert store.load(NEW_CASE).case.meta.clinician_alias == "Presenter Q"
    saved = ws.exports_dir / f"{NEW_CASE}-summary.html"
    assert saved.is_file()
    assert downloaded.read_bytes() == saved.read_bytes()
