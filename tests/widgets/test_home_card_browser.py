"""The home page's client cards in a real browser: a one-time link made by clicks, checked by axe-core.

Voila (`casekit app`) serves a fresh example workspace; Debian's Chromium chooses a case, opens both
card sections in turn (axe-core checks the page with each open) and makes a link to the client's
card. The server is stopped by its process group.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from casekit import layout
from casekit.cardlinks import CardLinks
from casekit.workspace import Workspace
from tests.instruments.conftest import DATA as INSTRUMENT_DATA
from tests.widgets.servers import CHROMIUM, CHROMIUM_ARGS, Server, browser_skip_reason
from tests.widgets.test_home_browser import _axe_path

_skip = browser_skip_reason()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(_skip is not None, reason=_skip or ""),
]

WAIT = 60_000  # ms: kernels start slowly on a busy 2-core machine


@pytest.fixture
def home_server(tmp_path: Path) -> Iterator[tuple[Workspace, Server]]:
    """`casekit app` (Voila) serving a fresh example workspace (with the fictional test questionnaires in
    its instruments folder), stopped at the end."""
    ws = Workspace.create(tmp_path / "ws", examples=True)
    ws.instruments_dir.mkdir(exist_ok=True)
    for path in INSTRUMENT_DATA.glob("*.toml"):
        shutil.copy(path, ws.instruments_dir / path.name)
    server = Server(ws.root, "", tmp_path / "voila-home", app=True, command=["app"], app_flag=False)
    try:
        yield ws, server.start()
    finally:
        server.stop()


def _axe(page) -> dict:
    # As in the home page's own test: Voila's template puts the cells outside any landmark.
    return page.evaluate(
        "async () => await axe.run(document,"
        " {resultTypes: ['violations'], rules: {region: {enabled: false}}})"
    )


def test_a_card_link_is_made_by_clicks_and_the_open_panel_passes_axe(home_server):
    """In the app: choose a case, open the card sections, make a link in Korean — does the link open
    that card, and does the page have no axe-core violations with either section open?"""
    from playwright.sync_api import expect, sync_playwright

    axe = _axe_path()
    if axe is None:
        if os.environ.get("CI"):
            pytest.fail("axe-core not found (CI must run the accessibility check)")
        pytest.skip("axe-core not found; npm install --prefix .cache/npm axe-core or set CASEKIT_AXE_JS")
    ws, server = home_server
    url = f"http://127.0.0.1:{server.port}/voila/render/{layout.home_path(Path()).as_posix()}"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 1600})
            page.goto(url, timeout=WAIT * 2)
            home = page.locator(".ck-home")
            status = home.locator(".ck-status")
            expect(status).to_contain_text("Ready", timeout=WAIT * 2)
            home.get_by_label("Cases", exact=True).select_option(index=0)
            expect(home.get_by_role("heading", name="CK-0101")).to_be_visible(timeout=WAIT)
            home.get_by_text("A paper feedback card", exact=True).click()
            expect(home.get_by_role("button", name="Save the returned card")).to_be_visible(timeout=WAIT)
            home.get_by_role("radio", name="The answer to each question").first.check()
            expect(home.get_by_label("Answer to question 1").first).to_be_visible(timeout=WAIT)
            page.add_script_tag(path=str(axe))
            results = [_axe(page)]  # the paper card section open, a questionnaire's questions shown
            home.get_by_text("The client's card", exact=True).click()
            home.get_by_label("In", exact=True).select_option(label="한국어")
            home.get_by_role("button", name="Make a one-time link", exact=True).click()
            expect(status).to_contain_text("one-time link", timeout=WAIT)
            link = home.get_by_role("link", name=re.compile(r"token="))
            href = link.get_attribute("href")
            results.append(_axe(page))
        finally:
            browser.close()

    violations = [
        (v["id"], v["impact"], [n["html"][:100] for n in v["nodes"][:3]])
        for result in results
        for v in result["violations"]
    ]
    assert violations == [], "\n".join(map(str, violations))
    token = re.search(r"token=([^&]+)", href).group(1)
    opened = CardLinks(ws.private_dir).claim(token)
    assert opened is not None and (opened.case_id, opened.language) == ("CK-0101", "ko")
