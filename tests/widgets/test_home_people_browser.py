"""The home page's "People and keys" panel in a real browser: a key approved by clicks, checked by axe.

Voila (`casekit app`) serves a people-access workspace as its privacy lead (lena, by her JupyterHub
user name and her own identity file); Debian's Chromium opens the panel, types the fingerprint mia
read out and approves her key; axe-core checks the page with the panel open. The server is stopped by
its process group.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from casekit import layout
from casekit.access import actions
from casekit.access.keys import fingerprint
from casekit.workspace import Workspace
from tests.fictional import plain_case
from tests.widgets.servers import CHROMIUM, CHROMIUM_ARGS, Server, browser_skip_reason
from tests.widgets.test_home_browser import _axe_path
from tests.widgets.test_home_card_browser import _axe
from tests.widgets.test_home_people import as_person, make_people_workspace  # noqa: F401 - a fixture

_skip = browser_skip_reason()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(_skip is not None, reason=_skip or ""),
]

WAIT = 60_000  # ms: kernels start slowly on a busy 2-core machine


@pytest.fixture
def lead_server(tmp_path: Path, as_person, monkeypatch) -> Iterator[tuple[Workspace, str, Server]]:  # noqa: F811
    """`casekit app` serving a people-access workspace as lena, the privacy lead, and mia's key's
    fingerprint (as mia would read it out); stopped at the end."""
    ws = make_people_workspace(tmp_path / "ws", as_person)
    with as_person("lena"), ws.open_store() as store:  # a case of her own, to see an owner's controls
        store.create(plain_case("CK-0102"), author="Presenter L")
    with as_person("mia"), ws.open_store() as store:
        mia = fingerprint(next(p.public_key for p in actions.list_people(store) if p.username == "mia"))
    with as_person("lena"):
        server = Server(ws.root, "", tmp_path / "voila-home", app=True, command=["app"], app_flag=False)
        server.start()  # its environment (and so its kernels') is lena's
    try:
        yield ws, mia, server
    finally:
        server.stop()


def test_the_privacy_lead_approves_a_key_by_clicks_and_the_panel_passes_axe(lead_server, as_person):  # noqa: F811
    """In the app, as the privacy lead: open the panel, type the fingerprint mia read out and approve —
    is the key approved, and does the page have no axe-core violations with the panel open, before and
    after she chooses a case of her own (its owner's controls shown)?"""
    from playwright.sync_api import expect, sync_playwright

    axe = _axe_path()
    if axe is None:
        if os.environ.get("CI"):
            pytest.fail("axe-core not found (CI must run the accessibility check)")
        pytest.skip("axe-core not found; npm install --prefix .cache/npm axe-core or set CASEKIT_AXE_JS")
    ws, mia, server = lead_server
    url = f"http://127.0.0.1:{server.port}/voila/render/{layout.home_path(Path()).as_posix()}"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 1600})
            page.goto(url, timeout=WAIT * 2)
            home = page.locator(".ck-home")
            expect(home.locator(".ck-status").first).to_contain_text("Ready", timeout=WAIT * 2)
            home.get_by_role("button", name="People, keys and sharing").click()
            people = home.locator(".ck-people")
            expect(people.get_by_text(mia.replace("-", " ")).first).to_be_visible(timeout=WAIT)
            people.get_by_label("The fingerprint they read out to you").fill(mia.replace("-", " "))
            people.get_by_role("button", name="Approve this key").click()
            expect(people.get_by_role("status").first).to_contain_text("mia's key is approved", timeout=WAIT)
            page.add_script_tag(path=str(axe))
            results = [_axe(page)]  # the privacy lead's part open
            home.get_by_label("Cases", exact=True).select_option(index=1)
            expect(people.get_by_text("CK-0102 can be opened by lena (owns it).")).to_be_visible(timeout=WAIT)
            expect(people.get_by_role("button", name="Share the reviewed summary")).to_be_visible(
                timeout=WAIT
            )
            results.append(_axe(page))  # and the owner's controls for her chosen case
        finally:
            browser.close()

    violations = [
        (v["id"], v["impact"], [n["html"][:100] for n in v["nodes"][:3]])
        for result in results
        for v in result["violations"]
    ]
    assert violations == [], "\n".join(map(str, violations))
    with as_person("lena"), ws.open_store() as store:
        assert next(p for p in actions.list_people(store) if p.username == "mia").key_status == "approved"
