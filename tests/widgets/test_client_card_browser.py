"""The client card served by `casekit card serve`, filled in by a client in a real browser.

Voila serves only the card workbook; Debian's Chromium opens one-time links in Arabic and in
Vietnamese, checks the page's direction, fills the card in and sends it, and axe-core checks each
card. A used or expired link, and any other page of the server, open nothing. Screenshots go to
test-artifacts/widgets/.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from casekit.cardlinks import CardLinks
from casekit.model import Obtained, Voice
from casekit.workspace import Workspace
from tests.browser_harness import ROOT
from tests.fictional import fictional_case
from tests.widgets.helpers import CASE_ID
from tests.widgets.servers import CHROMIUM, CHROMIUM_ARGS, Server, browser_skip_reason, copy_artifacts_dir

_skip = browser_skip_reason()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(_skip is not None, reason=_skip or ""),
]

WAIT = 60_000  # ms: kernels start slowly on a busy 2-core machine

#: (language, direction, the first question, the answer typed, the send button, the thank-you's start)
CARDS = {
    "ar": (
        "rtl",
        "كيف تصف نفسك لشخص يريد أن يعرفك؟",
        "أنا أمّ لثلاثة أطفال، وأحب الخياطة والبحر.",
        "أرسِل إلى معالجي",
        "شكرًا لك.",
    ),
    "vi": (
        "ltr",
        "Bạn sẽ mô tả bản thân thế nào với một người muốn hiểu về bạn?",
        "Tôi là người con cả trong nhà, thích nấu ăn cho cả gia đình.",
        "Gửi cho nhà trị liệu của tôi",
        "Cảm ơn bạn.",
    ),
}


def _axe() -> Path:
    for candidate in (os.environ.get("CASEKIT_AXE_JS"), ROOT / ".cache/npm/node_modules/axe-core/axe.min.js"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    if os.environ.get("CI"):
        pytest.fail("axe-core not found (CI must run the accessibility check)")
    pytest.skip("axe-core not found; npm install --prefix .cache/npm axe-core or set CASEKIT_AXE_JS")


@pytest.fixture(scope="module")
def card_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, Server]]:
    """`casekit card serve` on a workspace holding the fictional CK-0101, stopped at the end."""
    tmp = tmp_path_factory.mktemp("card")
    ws = Workspace.create(tmp / "ws")
    with ws.open_store() as store:
        store.create(fictional_case(CASE_ID), author="Presenter A")
    server = Server(ws.root, "", tmp / "voila-card", app=True, command=["card", "serve"], app_flag=False)
    try:
        yield ws, server.start()
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def _axe_violations(page: object, axe: Path) -> list[dict]:
    page.add_script_tag(path=str(axe))
    # Every rule but "region": Voila's own page template puts the cells outside any landmark.
    return page.evaluate(
        "async () => (await axe.run(document.querySelector('.ck-card'),"
        " {resultTypes: ['violations'], rules: {region: {enabled: false}}})).violations"
        ".map(v => ({id: v.id, nodes: v.nodes.map(n => n.target)}))"
    )


@pytest.mark.parametrize("language", list(CARDS))
def test_a_client_fills_in_their_card_in_their_language(card_server, browser, language: str):
    """Does the card open in the client's language and direction, show nothing of the case, pass axe,
    save the client's words verbatim in that language, lock, and then never open again?"""
    from playwright.sync_api import expect

    axe = _axe()
    ws, server = card_server
    direction, question, answer, send, thanks = CARDS[language]
    token = CardLinks(ws.private_dir).issue(CASE_ID, language=language)
    url = f"http://127.0.0.1:{server.port}/?token={token}"
    page = browser.new_page(viewport={"width": 1000, "height": 1400})
    try:
        page.goto(url, timeout=WAIT * 2)
        card = page.locator(".ck-card")
        box = card.get_by_label(question, exact=True)
        expect(box).to_be_visible(timeout=WAIT * 2)
        assert card.evaluate("el => getComputedStyle(el).direction") == direction
        assert card.locator("h1").get_attribute("dir") == direction
        body = page.inner_text("body")
        assert CASE_ID not in body and "Presenter A" not in body and "show_client_card" not in body
        assert page.locator(".jp-InputArea:visible, a[href]").count() == 0  # no code, no way elsewhere
        assert _axe_violations(page, axe) == []
        page.screenshot(path=str(copy_artifacts_dir() / f"client-card-{language}-open.png"))
        box.click()
        box.press_sequentially(answer)
        expect(box).to_have_value(answer)
        box.press("Tab")  # the kernel has what was typed once the box loses focus
        card.get_by_role("button", name=send, exact=True).click()
        expect(card).to_contain_text(thanks, timeout=WAIT)
        assert card.locator("textarea, input, select, button").count() == 0
        page.screenshot(path=str(copy_artifacts_dir() / f"client-card-{language}-sent.png"))
    finally:
        page.close()

    with ws.open_store() as store:
        said = store.load(CASE_ID).case.identity.self_description
    assert said.text == answer and said.language == language
    assert said.client_written and said.voice is Voice.CLIENT and said.obtained is Obtained.VERBATIM

    again = browser.new_page()
    try:
        again.goto(url, timeout=WAIT * 2)
        expect(again.locator(".ck-card")).to_contain_text("This link has already been used", timeout=WAIT * 2)
        assert again.locator("textarea, input, select, button").count() == 0
    finally:
        again.close()


def test_an_expired_link_and_other_pages_open_nothing(card_server, browser):
    """Does an expired link show only the note, and does the kiosk server serve no other page?"""
    from playwright.sync_api import expect

    ws, server = card_server
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    token = CardLinks(ws.private_dir, clock=lambda: long_ago).issue(CASE_ID, lifetime=dt.timedelta(hours=1))
    page = browser.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.port}/?token={token}", timeout=WAIT * 2)
        expect(page.locator(".ck-card")).to_contain_text("has expired", timeout=WAIT * 2)
        assert page.locator("textarea, input, select, button").count() == 0
        others = ["voila/tree", "voila/render/runs/organisation/home-live.ipynb", "tree", "cases.db"]
        others += ["voila/files/cases.db", "voila/files/.casekit/identifiers.key", "voila/files/casekit.toml"]
        for other in others:
            response = page.goto(f"http://127.0.0.1:{server.port}/{other}", timeout=WAIT)
            assert response is None or response.status >= 400, other
    finally:
        page.close()
