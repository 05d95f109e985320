"""A group on one server, for real: JupyterHub as root, three local accounts, three own servers.

The Hub runs deploy/jupyterhub/jupyterhub_config.py (as the README starts it) against a PostgreSQL
store. In Debian's Chromium each fictional member logs in through the Hub's login page with their
account's password and lands on casekit's home page in a server running as their own account, with a
key pair of their own (the store is a people-access store). The presenter's case is sealed for her
alone; she shares a reviewed, de-identified snapshot with the two members, who can read it and not
the case. Then she facilitates a live session of it: two members join from their own servers, ask
questions, the facilitator moves the stage on, and every page follows.
"""

from __future__ import annotations

import os
import pwd
import stat
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from casekit import layout
from casekit.access import actions
from casekit.session.log import session_record
from casekit.session.model import StageKind
from tests.browser_harness import ROOT
from tests.hub.group import (
    CASE_ID,
    CASEKIT,
    SESSION_DATE,
    Group,
    as_member,
    presenter_shares_case,
    write_session_page,
)
from tests.hub.hub_harness import MEMBERS, Hub, hub_skip_reason, password
from tests.waiting import wait_until

_skip = hub_skip_reason()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.skipif(_skip is not None, reason=_skip or ""),
    pytest.mark.timeout(1200),  # a Hub, three servers and their kernels on a busy 2-core machine
]

WAIT = 240_000  # ms: a generous bound on a condition (spawning and kernels are slow under load)
SEEN = 30_000  # ms: a generous bound on "within a second or two" between pages
HOME_PAGE = layout.home_path(Path()).as_posix()
#: Each member's alias in the session, and their role.
SEATS = {
    MEMBERS[0]: ("Presenter P", "facilitator"),
    MEMBERS[1]: ("Member Q", "member"),
    MEMBERS[2]: ("Member R", "member"),
}
QUESTIONS = {
    MEMBERS[1]: "Who in the choir already knows how tired she has been?",
    MEMBERS[2]: "What does her eldest-sister role ask of her at weekends?",
}


def _artifacts() -> Path:
    out = ROOT / "test-artifacts" / "hub"
    out.mkdir(parents=True, exist_ok=True)
    return out


def _axe_path() -> Path:
    """axe-core's script (dev.py installs it; CASEKIT_AXE_JS may point elsewhere)."""
    for candidate in (os.environ.get("CASEKIT_AXE_JS"), ROOT / ".cache/npm/node_modules/axe-core/axe.min.js"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    if os.environ.get("CI"):
        pytest.fail("axe-core not found (CI must run the accessibility check)")
    pytest.skip("axe-core not found; npm install --prefix .cache/npm axe-core or set CASEKIT_AXE_JS")


def _log_in(page: Any, hub: Hub, member: str, secret: str) -> None:
    page.goto(f"{hub.url}/hub/login", timeout=WAIT)
    page.get_by_label("Username:").fill(member)
    page.get_by_label("Password:").fill(secret)
    page.get_by_role("button", name="Sign in").click()


@pytest.fixture(scope="module")
def pages(hub: Hub, browser: Any) -> Iterator[dict[str, Any]]:
    """Each member logged in through the Hub's login page (all at once), waiting on their home page."""
    from playwright.sync_api import expect

    contexts = {m: browser.new_context(viewport={"width": 1300, "height": 1100}) for m in MEMBERS}
    opened = {m: context.new_page() for m, context in contexts.items()}
    try:
        for member, page in opened.items():
            _log_in(page, hub, member, password(member))
        for member, page in opened.items():
            page.wait_for_url(f"**/user/{member}/voila/render/**", timeout=WAIT)
            expect(page.locator(".ck-home .ck-status")).to_contain_text("Ready", timeout=WAIT)
        yield opened
    finally:
        for context in contexts.values():
            context.close()


def test_each_member_lands_on_the_home_page_of_their_own_server_as_themselves(pages, hub, group: Group):
    """Does each member, logged in with their own password, land on casekit's home page (no code)
    showing the group's shared case, served by a server of their own running as their own account,
    with a private workspace on the group's PostgreSQL store?"""
    from playwright.sync_api import expect

    servers, identities = set(), set()
    for member, page in pages.items():
        account = pwd.getpwnam(member)
        assert page.url == f"{hub.url}/user/{member}/voila/render/{HOME_PAGE}"
        home = page.locator(".ck-home")
        expect(home).to_contain_text(CASE_ID, timeout=SEEN)  # the presenter's case, from the shared store
        assert "show_home" not in page.inner_text("body")
        page.screenshot(path=str(_artifacts() / f"home-{member}.png"), full_page=True)

        server = hub.server_process(member)
        assert (server.uids().real, server.uids().effective) == (account.pw_uid, account.pw_uid)
        environ = server.environ()
        assert environ.get("JUPYTERHUB_USER") == member
        # The store comes from the member's own casekit.toml, not from the Hub's environment.
        assert "CASEKIT_DB_URL" not in environ and environ["CASEKIT_WORKSPACE"] == str(hub.workspace(member))
        servers.add(server.pid)

        ws = hub.workspace(member)
        assert ws.stat().st_uid == account.pw_uid and stat.S_IMODE(ws.stat().st_mode) == 0o700
        assert (ws / HOME_PAGE).stat().st_uid == account.pw_uid  # written by the member's own process
        settings = ws / "casekit.toml"
        assert stat.S_IMODE(settings.stat().st_mode) == 0o600
        assert tomllib.loads(settings.read_text())["store"]["url"] == group.db_url
        assert not (ws / ".casekit" / "identifiers.key").exists()  # no group key in anyone's workspace
        identity = Path(account.pw_dir) / ".casekit" / "identity"  # their own, made by their server
        assert identity.stat().st_uid == account.pw_uid and stat.S_IMODE(identity.stat().st_mode) == 0o600
        identities.add(identity.read_bytes())
    assert len(servers) == len(MEMBERS) and len(identities) == len(MEMBERS)
    with group.open_store() as store:
        registered = {p.username: p.role for p in actions.list_people(store) if p.removed_at is None}
    assert {m: registered.get(m) for m in MEMBERS} == dict.fromkeys(MEMBERS, "member")
    logged = hub.log.read_text(encoding="utf-8", errors="replace")
    for member in MEMBERS:  # the line the privacy lead checks against `casekit people list`
        assert f"casekit: {member}: registered as member; public key age1" in logged
    hub_db = Path(hub.env["CASEKIT_HUB_STATE"]) / "jupyterhub.sqlite"
    assert hub_db.is_file() and "jupyterhub.sqlite" not in group.db_url  # the Hub's records, apart


@pytest.fixture(scope="module")
def shared(pages: dict[str, Any], hub: Hub, group: Group) -> str:
    """The presenter, once everyone's key is registered at their first login and the privacy lead
    has approved each key (the fingerprints their servers wrote to the Hub's log), shares the case's
    reviewed, de-identified snapshot for the session with the two members."""
    logged = hub.log.read_text(encoding="utf-8", errors="replace")
    with group.open_store() as store:
        for member in MEMBERS:
            said = logged.split(f"casekit: {member}: registered as member;")[1].splitlines()[0]
            actions.decide_key(store, member, said.split("; fingerprint ")[1].split(",")[0], approve=True)
    return presenter_shares_case(hub.workspace(MEMBERS[0]), MEMBERS[0], list(QUESTIONS))


def test_members_read_the_shared_snapshot_and_are_refused_the_case(shared, hub, group: Group):
    """Can each member, as their own account with their own key, read the snapshot the presenter
    shared with them, and is the case itself refused to them (exit 8) while the presenter opens it?"""
    assert f"case {CASE_ID}: shared for {SESSION_DATE.isoformat()}" in shared
    for member in QUESTIONS:
        ws = hub.workspace(member)
        refused = as_member(member, [CASEKIT, "case", "show", CASE_ID], cwd=ws)
        assert refused.returncode == 8, refused.stdout + refused.stderr
        assert "Sleep through" not in refused.stdout + refused.stderr  # nothing of the case
        read = as_member(member, [CASEKIT, "case", "shared", CASE_ID], cwd=ws)
        assert read.returncode == 0, read.stderr
        assert f"# case {CASE_ID}, session {SESSION_DATE.isoformat()}, shared by {MEMBERS[0]}" in read.stdout
        assert "choir alto, eldest sister" in read.stdout  # identities are clinical content, kept
    owner = as_member(MEMBERS[0], [CASEKIT, "case", "show", CASE_ID], cwd=hub.workspace(MEMBERS[0]))
    assert owner.returncode == 0, owner.stderr
    with group.open_store() as store:
        assert actions.holders(store, CASE_ID) == {MEMBERS[0]: "owner"}


def test_a_wrong_password_is_refused_at_the_login_page(hub, browser):
    """Does the Hub's login page turn away a member's account given the wrong password, without
    starting or opening any server for it?"""
    from playwright.sync_api import expect

    context = browser.new_context()
    try:
        page = context.new_page()
        _log_in(page, hub, MEMBERS[1], password(MEMBERS[1]) + "-wrong")
        expect(page.get_by_text("Invalid username or password")).to_be_visible(timeout=SEEN)
        assert "/hub/login" in page.url
        page.add_script_tag(path=str(_axe_path()))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        found = [
            (v["id"], [n["target"] for n in v["nodes"]], v["nodes"][0]["failureSummary"])
            for v in result["violations"]
        ]
        assert found == []
        page.screenshot(path=str(_artifacts() / "login-refused.png"))
        page.goto(f"{hub.url}/user/{MEMBERS[1]}/voila/render/{HOME_PAGE}", timeout=WAIT)
        expect(page.locator("#login_submit")).to_be_visible(timeout=SEEN)  # sent back to log in
        assert page.locator(".ck-home").count() == 0
    finally:
        context.close()


def _open_sessions(pages: dict[str, Any], hub: Hub) -> dict[str, Any]:
    """Each member's session page, from their own server, in a new tab: the facilitator's first (as
    in a meeting, so her set-up starts from her alone), then the members' at once. Members who hold
    no key for the case open theirs quickly (the shared snapshot needs no scrubbing) and would
    otherwise join before the facilitator's page has drawn its set-up."""
    from playwright.sync_api import expect

    sessions = {}
    for member, (alias, role) in SEATS.items():
        path = write_session_page(hub.workspace(member), member, alias=alias, role=role)
        page = pages[member].context.new_page()
        page.goto(f"{hub.url}/user/{member}/voila/render/{path}", timeout=WAIT, wait_until="commit")
        sessions[member] = page
        if role == "facilitator":
            expect(page.locator(".ck-session .ck-current-stage")).to_be_visible(timeout=WAIT)
    for page in sessions.values():
        expect(page.locator(".ck-session .ck-current-stage")).to_be_visible(timeout=WAIT)
    return sessions


def _all_at(sessions: dict[str, Any], stage: StageKind) -> None:
    from playwright.sync_api import expect

    for page in sessions.values():
        expect(page.locator(f'.ck-current-stage[data-stage="{stage.value}"]')).to_be_visible(timeout=SEEN)


def test_a_live_session_runs_across_three_members_own_servers(pages, shared, hub, group: Group):
    """Does the presenter, facilitating from their own server, set up and start the session; do two
    members join from theirs and ask questions that reach every page; and does the facilitator's
    'Next stage' move every page on?"""

    sessions = _open_sessions(pages, hub)
    try:
        _run_session(sessions, group)
    except BaseException:
        for member, page in sessions.items():  # what each page showed, for the failure's report
            page.screenshot(path=str(_artifacts() / f"failed-session-{member}.png"), full_page=True)
        raise


def _run_session(sessions: dict[str, Any], group: Group) -> None:
    """The facilitator sets up, starts and moves the session; the members ask; everything is checked."""
    from playwright.sync_api import expect

    facilitator = sessions[MEMBERS[0]].locator(".ck-session")
    aliases = facilitator.get_by_label("Alias", exact=True)
    add_member = facilitator.get_by_role("button", name="Add a member")
    setup = facilitator.get_by_text("Set-up: members, roles and lenses")
    expect(setup).to_be_visible(timeout=SEEN)
    if not add_member.is_visible():  # the page sometimes draws the set-up closed: open it, as a person would
        setup.click()
    for _ in QUESTIONS:
        add_member.click()
    expect(aliases).to_have_count(len(SEATS), timeout=SEEN)
    for row, member in enumerate(QUESTIONS, start=1):
        aliases.nth(row).fill(SEATS[member][0])
    facilitator.get_by_role("button", name="Save set-up").click()
    expect(facilitator.locator("[role=status]")).to_contain_text("Set-up saved", timeout=SEEN)
    facilitator.get_by_role("button", name="Start the clock").click()
    with group.open_store_as(MEMBERS[0]) as store:
        wait_until(
            lambda: session_record(store, CASE_ID, SESSION_DATE).current.started is not None,
            timeout=SEEN / 1000,
            what="the facilitator's start to reach the store",
        )
    for _ in range(2):  # the consultation question, the presentation, then clarifying questions
        facilitator.get_by_role("button", name="Next stage").click()
    _all_at(sessions, StageKind.CLARIFYING)

    for member, question in QUESTIONS.items():
        form = sessions[member].locator(".ck-session")
        form.get_by_label("Your contribution").fill(question)
        form.get_by_role("button", name="Add", exact=True).click()
        expect(form.locator("[role=status]")).to_contain_text("Added", timeout=SEEN)
    for page in sessions.values():
        for member, question in QUESTIONS.items():
            expect(page.locator(".ck-session .ck-feed")).to_contain_text(question, timeout=SEEN)
            expect(page.locator(".ck-session .ck-feed")).to_contain_text(SEATS[member][0], timeout=SEEN)

    facilitator.get_by_role("button", name="Next stage").click()
    _all_at(sessions, StageKind.PERSPECTIVES)
    for member, page in sessions.items():
        page.screenshot(path=str(_artifacts() / f"session-{member}.png"), full_page=True)

    with group.open_store_as(MEMBERS[0]) as store:
        record = session_record(store, CASE_ID, SESSION_DATE)
    assert record.stages[record.current.index].kind is StageKind.PERSPECTIVES
    assert [m.alias for m in record.setup.members] == [alias for alias, _role in SEATS.values()]
    asked = {(c.alias, c.text.text) for c in record.under(StageKind.CLARIFYING)}
    assert asked == {(SEATS[m][0], q) for m, q in QUESTIONS.items()}
