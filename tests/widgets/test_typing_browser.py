"""Typing into the formulation form while the machine is busy: is every keystroke kept?

A person adds a goal and starts typing at once; an autosave lands while they type. With every core
kept busy by burner processes (started and stopped by this test, by their own process ids), the new
goal's box must end up holding everything typed, keep the focus, and the store must hold the full text.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from casekit.workspace import Workspace
from tests.waiting import wait_until
from tests.widgets.servers import CHROMIUM, CHROMIUM_ARGS, Server, browser_skip_reason
from tests.widgets.test_browser import _label, _open_in_voila, _saved_revision, _tab, _wait_saved_after

_skip = browser_skip_reason()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(_skip is not None, reason=_skip or ""),
]

CASE = "CK-0101"
WAIT = 90_000  # ms: everything is slow while the burners run
FIRST = "She would like to sing with the parish choir again before the spring festival, "
SECOND = "and to walk there with her sister on Thursday evenings when the buses run late."


@pytest.fixture
def burners() -> Iterator[list[subprocess.Popen[bytes]]]:
    """One busy-looping Python process per core, stopped (by their own pids) when the test ends."""
    procs: list[subprocess.Popen[bytes]] = []
    try:
        for _ in range(os.cpu_count() or 2):
            procs.append(subprocess.Popen([sys.executable, "-c", "while True: pass"]))
        yield procs
    finally:
        for proc in procs:
            proc.kill()
            proc.wait()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Workspace, Server]]:
    """A Voila app serving the example case CK-0101 from a fresh workspace."""
    ws = Workspace.create(tmp_path / "ws", examples=True)
    started = Server(ws.root, CASE, tmp_path / "home", app=True).start()
    try:
        yield ws, started
    finally:
        started.stop()


def _stored_wording(ws: Workspace, index: int) -> str | None:
    with ws.open_store() as store:
        goals = store.load(CASE).case.goals
    return goals[index].agreed_wording.text if index < len(goals) else None


def test_typing_after_adding_a_goal_keeps_every_keystroke_under_load(server, burners):
    """With the CPU busy: does text typed right after "Add goal", and across an autosave, all stay?"""
    from playwright.sync_api import expect, sync_playwright

    ws, srv = server
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1800})
            page.set_default_timeout(WAIT)
            _open_in_voila(page, srv)
            _tab(page, "goals")
            add_goal = page.get_by_role("button", name="Add goal", exact=True)
            add_goal.wait_for(timeout=WAIT)
            goals = _label(page, "Agreed wording").count()
            before = _saved_revision(page)

            add_goal.click()
            box = _label(page, "Agreed wording").nth(goals)
            box.click()  # waits only for the new box to be there
            page.keyboard.type(FIRST)
            # Let an autosave land between the two halves, then type on without clicking again.
            rev = _wait_saved_after(page, before)
            page.keyboard.type(SECOND)

            expect(box).to_have_value(FIRST + SECOND, timeout=WAIT)
            assert box.evaluate("el => el === document.activeElement"), "the focus left the new goal"
            wait_until(
                lambda: _stored_wording(ws, goals) == FIRST + SECOND,
                timeout=WAIT / 1000,
                what="the store to hold the whole sentence typed into the new goal",
                poll=0.5,
            )
            _wait_saved_after(page, rev)  # the second half was saved as a revision of its own
            expect(box).to_have_value(FIRST + SECOND)
            assert box.evaluate("el => el === document.activeElement"), "the save took the focus away"
        finally:
            browser.close()
