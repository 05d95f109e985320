"""A live session in a real browser: Debian's Chromium, a real JupyterLab, two kernels, one store.

A facilitator's page and a member's page each run the consultation-session workbook in their own
kernel against the same workspace store. The member adds a perspective under a lens; the facilitator
sees it and moves to the next stage; both pages show the new stage.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from casekit.session.live import LiveSession
from casekit.session.log import session_record
from casekit.session.model import StageKind
from casekit.session.session_workbook import build_notebook
from casekit.workspace import Workspace
from tests.browser_harness import CHROMIUM, CHROMIUM_ARGS, LabServer, browser_skip_reason, run_all
from tests.fictional import session_case
from tests.session.helpers import CASE_ID, SESSION_DATE

_skip = browser_skip_reason()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(_skip is not None, reason=_skip or ""),
]

WAIT = 90_000  # ms: kernels start slowly on a busy 2-core machine
SEEN = 10_000  # ms: a generous bound on "within two seconds" so a loaded machine does not flake
PERSPECTIVE = "Her grandmother's church may be the place she feels most understood."


def _notebook(path: Path, alias: str, role: str, workspace: Path) -> None:
    """The workbook with its parameters filled in, as papermill would."""
    nb = build_notebook()
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    params.source = (
        f"case_id = {CASE_ID!r}\nworkspace = {str(workspace)!r}\n"
        f"session_date = {SESSION_DATE.isoformat()!r}\nmember_alias = {alias!r}\nrole = {role!r}\n"
    )
    nbformat.write(nb, path)


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[LabServer]:
    """A workspace with the fictional case, a session set up and at the perspectives stage, a facilitator
    and a member notebook, and a JupyterLab serving them."""
    ws = Workspace.create(tmp_path / "ws")
    with ws.open_store() as store:
        store.create(session_case(), author="Presenter A")
        fac = LiveSession(store, CASE_ID, SESSION_DATE, alias="Facilitator C", role="facilitator")
        fac.set_up(
            [
                {"alias": "Facilitator C", "role": "facilitator"},
                {"alias": "Presenter A", "role": "presenter"},
                {"alias": "Member B", "role": "member"},
            ]
        )
        fac.start()
        while fac.stage is not StageKind.PERSPECTIVES:
            fac.advance()
    _notebook(ws.root / "facilitator.ipynb", "Facilitator C", "facilitator", ws.root)
    _notebook(ws.root / "member.ipynb", "Member B", "member", ws.root)
    server = LabServer(ws.root, tmp_path / "jupyter", env={"CASEKIT_DB_URL": ""}).start()
    server.workspace = ws  # type: ignore[attr-defined]
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def _open(browser, lab: LabServer, notebook: str):
    from playwright.sync_api import expect

    page = browser.new_context(viewport={"width": 1300, "height": 1000}).new_page()
    page.goto(lab.url(notebook), timeout=WAIT)
    run_all(page, notebook, WAIT)
    expect(page.locator(".ck-session .ck-current-stage")).to_be_visible(timeout=WAIT)
    return page


def test_member_perspective_reaches_facilitator_who_advances_both_pages(lab, browser, tmp_path):
    """Does a perspective added on the member's page under a lens appear on the facilitator's page, and
    does the facilitator's 'Next stage' move both pages to the presenter's response?"""
    from playwright.sync_api import expect

    facilitator = _open(browser, lab, "facilitator.ipynb")
    member = _open(browser, lab, "member.ipynb")
    for page in (facilitator, member):
        expect(page.locator('.ck-current-stage[data-stage="perspectives"]')).to_be_visible(timeout=SEEN)

    form = member.locator(".ck-session")
    form.get_by_label("Lens", exact=True).select_option(label="The community's lens")
    form.get_by_label("Kind", exact=True).select_option(label="Perspective")
    form.get_by_label("Your contribution").fill(PERSPECTIVE)
    form.get_by_role("button", name="Add", exact=True).click()
    expect(member.locator(".ck-session [role=status]")).to_contain_text("Added", timeout=SEEN)

    feed = facilitator.locator(".ck-session .ck-feed")
    expect(feed).to_contain_text(PERSPECTIVE, timeout=SEEN)
    expect(feed).to_contain_text("Member B, the community's lens", timeout=SEEN)

    facilitator.locator(".ck-session").get_by_role("button", name="Next stage").click()
    for page in (facilitator, member):
        expect(page.locator('.ck-current-stage[data-stage="response"]')).to_be_visible(timeout=SEEN)
        expect(page.locator('.ck-stages li[aria-current="step"]')).to_contain_text("The presenter's response")

    artifacts = Path.cwd() / "test-artifacts" / "session"
    artifacts.mkdir(parents=True, exist_ok=True)
    facilitator.screenshot(path=str(artifacts / "facilitator.png"), full_page=True)
    member.screenshot(path=str(artifacts / "member.png"), full_page=True)

    with lab.workspace.open_store() as store:  # type: ignore[attr-defined]
        record = session_record(store, CASE_ID, SESSION_DATE)
    assert record.current.index == 4
    [perspective] = record.under(StageKind.PERSPECTIVES)
    assert (perspective.alias, perspective.lens.value, perspective.text.text) == (
        "Member B",
        "community",
        PERSPECTIVE,
    )
