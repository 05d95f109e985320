"""The systems-of-care audit workbook opened live with `casekit audit open --app`, in a real browser.

Voila serves the prepared workbook (runs/organisation/systems-audit-live.ipynb) for a fresh example
workspace; Debian's Chromium fills in one item of the self-assessment and saves it. The server is
stopped by its process group. A screenshot goes to test-artifacts/widgets/.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from casekit.audit.assessment import Rating, Theme, blank_assessment
from casekit.audit.history import previous_stored_assessment, stored_assessment
from casekit.workspace import Workspace
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
SAVED_TO = re.compile(r"Saved\s*the audit of (\d{4}-\d{2}-\d{2}), version (\d+)")
THEME = Theme.COMMUNICATION


@pytest.fixture
def audit_server(tmp_path: Path) -> Iterator[tuple[Workspace, Server]]:
    """Voila serving the audit workbook of a fresh example workspace, stopped at the end."""
    ws = Workspace.create(tmp_path / "ws", examples=True)
    server = Server(ws.root, "", tmp_path / "voila-home", app=True, command=["audit", "open"])
    try:
        yield ws, server.start()
    finally:
        server.stop()


def test_audit_app_saves_a_rating_note_and_owner(audit_server):
    """In the Voila app: open a theme, rate an item, add a note and an owner, save — is it on disk?"""
    from playwright.sync_api import expect, sync_playwright

    ws, server = audit_server
    assert (ws.runs_dir / "organisation" / "systems-audit-live.ipynb").is_file()
    # The first item in the theme's panel (a blank audit's items do not depend on its date).
    first = next(i for i in blank_assessment(dt.date(2026, 1, 1)).items if i.theme == THEME)
    note = "Signs at the front desk are in English only"
    owner = "Intake coordinator"

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 1600})
            page.goto(server.url, timeout=WAIT * 2)
            form = page.locator(".ck-audit")
            status = form.locator(".ck-status")
            expect(status).to_contain_text("Not saved", timeout=WAIT * 2)

            theme = form.get_by_role("button", name=THEME.label, exact=True)
            theme.focus()
            page.keyboard.press("Enter")  # the theme buttons work by keyboard
            item = form.locator(".ck-item", has_text=first.prompt).first
            item.wait_for(timeout=WAIT)  # the panel's inputs are built when it is first opened
            item.get_by_role("button", name=Rating.DEVELOPING.label, exact=True).click()
            expect(item.locator(".widget-toggle-button.mod-active")).to_have_text(
                Rating.DEVELOPING.label, timeout=WAIT
            )
            item.get_by_label("Notes: what you saw", exact=True).fill(note)
            item.get_by_label("Owner (a role, not a name)", exact=True).fill(owner)
            item.get_by_label("Owner (a role, not a name)", exact=True).press("Enter")
            page.locator("body").click(position={"x": 5, "y": 5})  # blur: the note syncs on change
            expect(status).to_contain_text("changes not saved yet", timeout=WAIT)

            form.get_by_role("button", name="Save audit", exact=True).click()
            expect(status).to_contain_text(SAVED_TO, timeout=WAIT)
            match = SAVED_TO.search(status.inner_text())
            assert match
            form.screenshot(path=str(copy_artifacts_dir() / "audit-app-saved.png"))
        finally:
            browser.close()

    stored = stored_assessment(ws, dt.date.fromisoformat(match.group(1)))
    assert stored is not None and stored.revision == int(match.group(2))
    items = {i["id"]: i for i in stored.assessment.model_dump(mode="json")["items"]}
    assert items[first.id]["rating"] == Rating.DEVELOPING.value
    assert items[first.id]["notes"] == note
    assert items[first.id]["owner"] == owner
    # A new audit starts from the newest stored one: the example audit the example workspace holds.
    earlier = previous_stored_assessment(ws, stored.assessment.date).assessment.model_dump(mode="json")
    started = {i["id"]: (i["notes"], i["owner"]) for i in earlier["items"]}
    others = {key: (i["notes"], i["owner"]) for key, i in items.items() if key != first.id}
    carried = {key: value for key, value in others.items() if key in started}
    assert carried == {key: value for key, value in started.items() if key in others}
    assert any(notes for notes, _owner in carried.values())  # copied, not blank
    # Items the earlier audit did not have (themes added since) start empty.
    assert all(value == ("", None) for key, value in others.items() if key not in started)
