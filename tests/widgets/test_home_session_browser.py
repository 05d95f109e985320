"""A live session started and joined from the home page (`casekit app`), in a real browser.

One Voila server serves a fresh example workspace. On the first page (1400 px wide) a facilitator
chooses an alias and the facilitator's role, starts the session and adds a member; on a second page
(375 px, a phone) that member chooses their alias and joins. The facilitator's "Next stage" reaches
the member's page, and axe-core finds nothing wrong on either page at either width. Every wait is for
a condition on the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from casekit import layout
from casekit.session.log import session_record
from casekit.workspace import Workspace
from tests.widgets.servers import CHROMIUM, CHROMIUM_ARGS, Server, browser_skip_reason, copy_artifacts_dir
from tests.widgets.test_home_browser import _axe_path

_skip = browser_skip_reason()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(_skip is not None, reason=_skip or ""),
]

WAIT = 90_000  # ms: two kernels start on a busy 2-core machine
WIDTHS = (1400, 375)


@pytest.fixture
def home_server(tmp_path: Path) -> Iterator[tuple[Workspace, Server]]:
    """`casekit app` (Voila) serving a fresh example workspace, stopped at the end."""
    ws = Workspace.create(tmp_path / "ws", examples=True)
    server = Server(ws.root, "", tmp_path / "voila-home", app=True, command=["app"], app_flag=False)
    try:
        yield ws, server.start()
    finally:
        server.stop()


def _open_home(browser, url: str, width: int):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": width, "height": 1400})
    page.goto(url, timeout=WAIT * 2)
    expect(page.locator(".ck-home .ck-status")).to_contain_text("Ready", timeout=WAIT * 2)
    return page


def _axe_violations(page, axe: Path) -> list[tuple[str, str, list[str]]]:
    """axe-core's violations on the page at each width (Voila's own "region" rule left out)."""
    page.add_script_tag(path=str(axe))
    found = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 1400})
        result = page.evaluate(
            "async () => await axe.run(document,"
            " {resultTypes: ['violations'], rules: {region: {enabled: false}}})"
        )
        found += [
            (f"{width}px {v['id']}", v["impact"], [n["html"][:100] for n in v["nodes"][:3]])
            for v in result["violations"]
        ]
    return found


def test_facilitator_starts_and_member_joins_from_two_home_pages(home_server):
    """Does a facilitator start the session from one home page, a member join from another by
    choosing their alias, the facilitator's "Next stage" reach the member, with no axe violations?"""
    from playwright.sync_api import expect, sync_playwright

    axe = _axe_path()
    if axe is None:
        pytest.skip("axe-core not found; set CASEKIT_AXE_JS")
    ws, server = home_server
    url = f"http://127.0.0.1:{server.port}/voila/render/{layout.home_path(Path()).as_posix()}"

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            fac = _open_home(browser, url, 1400)
            panel = fac.locator(".ck-home")
            panel.get_by_label("Your name in the group (an alias)").fill("Facilitator C")
            panel.get_by_label("Your role", exact=True).select_option(label="Facilitator")
            start = panel.get_by_role("button", name="Start the session", exact=True)
            expect(start).to_be_visible(timeout=WAIT)
            start.click()
            session = fac.locator(".ck-session")
            expect(session).to_contain_text("You are Facilitator C (facilitator)", timeout=WAIT * 2)
            session.get_by_role("button", name="Add a member").click()
            aliases = session.get_by_label("Alias", exact=True)
            expect(aliases).to_have_count(2, timeout=WAIT)
            aliases.nth(1).fill("Member B")
            aliases.nth(1).press("Tab")
            session.get_by_role("button", name="Save set-up").click()
            expect(session.locator("[role=status]")).to_contain_text("Set-up saved", timeout=WAIT)

            member = _open_home(browser, url, 375)
            mine = member.locator(".ck-home")
            mine.get_by_label("Your name in the group (an alias)").fill("Member B")
            join = mine.get_by_role("button", name="Join the session", exact=True)
            join.click()
            joined = member.locator(".ck-session")
            expect(joined).to_contain_text("You are Member B (member)", timeout=WAIT * 2)
            expect(joined.locator('.ck-current-stage[data-stage="question"]')).to_be_visible(timeout=WAIT)

            session.get_by_role("button", name="Next stage").click()
            expect(joined.locator('.ck-current-stage[data-stage="presentation"]')).to_be_visible(timeout=WAIT)
            violations = _axe_violations(fac, axe) + _axe_violations(member, axe)
            fac.screenshot(path=str(copy_artifacts_dir() / "home-session-facilitator.png"), full_page=True)
            member.screenshot(path=str(copy_artifacts_dir() / "home-session-member.png"), full_page=True)
        finally:
            browser.close()

    assert violations == [], "\n".join(map(str, violations))
    with ws.open_store() as store:
        record = session_record(store, "CK-0101", dt.date.today())
    assert [m.alias for m in record.setup.members] == ["Facilitator C", "Member B"]
