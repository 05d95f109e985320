"""The home page (`casekit app`) driven without a browser: values set and buttons clicked in Python."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from casekit import layout
from casekit.cli import cli
from casekit.resources import notebooks_dir
from casekit.widgets.home import ALL_GROUPS, NOTEBOOK_NAME, HomePage, build_notebook, show_home
from casekit.workspace import Workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """A workspace with casekit's six fictional example cases (CK-0101 to CK-0106)."""
    return Workspace.create(tmp_path / "ws", examples=True)


@pytest.fixture
def home(workspace: Workspace) -> Iterator[HomePage]:
    page = HomePage(workspace)
    yield page
    page.close()


def _stored_ids(ws: Workspace) -> list[str]:
    with ws.open_store() as store:
        return [s.case_id for s in store.list_cases()]


def test_committed_home_notebook_matches_the_builder_and_hides_its_code():
    """Is notebooks/home.ipynb what build_notebook writes, every code cell hidden, with no outputs?"""
    committed = nbformat.read(notebooks_dir() / NOTEBOOK_NAME, as_version=4)
    assert nbformat.writes(committed) == nbformat.writes(build_notebook())
    code = [c for c in committed.cells if c.cell_type == "code"]
    assert code and all(c.metadata["jupyter"]["source_hidden"] for c in code)
    assert all("hide-input" in c.metadata["tags"] for c in code)
    assert "parameters" in code[0].metadata["tags"]
    assert all(not c.outputs for c in code) and "widgets" not in committed.metadata


def test_app_prepares_the_home_page_in_runs_with_only_the_workspace_path(workspace):
    """Does `casekit app WORKSPACE --prepare-only` write runs/organisation/home-live.ipynb with the path?"""
    result = CliRunner().invoke(cli, ["app", str(workspace.root), "--prepare-only"])
    assert result.exit_code == 0, result.output
    path = layout.home_path(workspace.root)
    assert result.output.strip() == str(path)
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["papermill"]["parameters"] == {"workspace": str(workspace.root)}
    assert all(c.metadata["jupyter"]["source_hidden"] for c in nb.cells if c.cell_type == "code")


def test_new_case_is_created_with_the_suggested_code(home, workspace):
    """Does "Create case" store the suggested next code (CK-0107) with the alias and group typed?"""
    assert home.new_id.value == "CK-0107"
    home.new_clinician.value = "Presenter Q"
    home.new_group.value = "north-team"
    assert "Create case CK-0107, presented by Presenter Q, in the group north-team" in home.new_summary.value
    home.create_button.click()
    with workspace.open_store() as store:
        meta = store.load("CK-0107").case.meta
    assert (meta.clinician_alias, meta.group) == ("Presenter Q", "north-team")
    assert home.case_list.value == "CK-0107"
    assert "CK-0107 is created" in home.status.value
    assert home.new_id.value == "CK-0108"  # the next suggestion is ready


@pytest.mark.parametrize("code", ["jane doe 1990", "CK", "ck-0107", "CK-0101"])
def test_a_bad_or_taken_code_is_refused_inline_and_nothing_is_stored(home, workspace, code):
    """Is a code that is not a pseudonymous code (or is taken) refused under its box, storing nothing?"""
    before = _stored_ids(workspace)
    home.new_clinician.value = "Presenter Q"
    home.new_id.value = code
    assert "ck-error" in home.new_id_message.value
    assert home.new_summary.value == ""  # nothing is offered for creation
    home.create_button.click()
    assert _stored_ids(workspace) == before
    assert "not created" in home.status.value
    assert home.errors == []


def test_a_missing_alias_is_refused_inline(home, workspace):
    """Without the clinician's alias, is the case refused with a note under the alias box?"""
    before = _stored_ids(workspace)
    home.create_button.click()
    assert "Write your alias" in home.new_clinician_message.value
    assert _stored_ids(workspace) == before


def test_search_and_group_filter_narrow_the_list(home):
    """Do typing in the search box and choosing a group narrow the case list (and say how far)?"""
    everything = [value for _label, value in home.case_list.options]
    assert everything == [f"CK-010{i}" for i in range(1, 7)]
    home.group_filter.value = "north-team"
    assert [v for _l, v in home.case_list.options] == ["CK-0101", "CK-0102", "CK-0106"]
    assert "Showing 3 of 6 cases" in home.shown.value
    home.search.value = "presenter b"
    assert [v for _l, v in home.case_list.options] == ["CK-0102"]
    home.group_filter.value = ALL_GROUPS
    home.search.value = "0105"
    assert [v for _l, v in home.case_list.options] == ["CK-0105"]


def test_the_list_shows_the_day_each_case_changed_not_the_time(home):
    """Does each line carry the day of the last change, with no clock time or revision number?"""
    label = home.case_list.options[0][0]
    assert re.search(r"changed \d{1,2} [A-Z][a-z]{2} \d{4}$", label), label
    assert not re.search(r"\d{1,2}:\d{2}", label)


def test_choosing_a_case_prepares_its_formulation_page_and_links_to_it(home, workspace):
    """Does choosing a case write its live formulation page and link to it relative to the home page?"""
    home.case_list.value = "CK-0102"
    target = layout.live_path(workspace.root, "case-formulation", "CK-0102")
    assert target.is_file()
    href = re.search(r"href='([^']+)'", home.formulation_link.value).group(1)
    assert (layout.home_path(workspace.root).parent / href).resolve() == target.resolve()


def test_export_writes_the_handout_and_shows_a_download_link(home, workspace):
    """Does "Export a handout" write the de-identified HTML to exports/ and offer the same bytes?"""
    home.case_list.value = "CK-0101"
    home.export_button.click()
    written = workspace.exports_dir / "CK-0101-summary.html"
    assert written.is_file(), home.status.value
    shown = home.export_result.value
    assert "exports/CK-0101-summary.html" in shown
    data = re.search(r"href='data:text/html;base64,([^']+)'", shown).group(1)
    assert base64.b64decode(data) == written.read_bytes()
    assert "download='CK-0101-summary.html'" in shown
    assert "is ready" in home.status.value
    home.search.value = "0101"  # narrowing the list to the same case keeps what was shown
    assert "Download the handout" in home.export_result.value


def test_export_stopped_by_the_gate_says_a_review_is_needed(home, workspace):
    """When words still need a decision (CK-0103), is nothing written and the review explained plainly?"""
    home.case_list.value = "CK-0103"
    home.export_button.click()
    assert not list(workspace.exports_dir.glob("CK-0103*"))
    assert "needs your review first" in home.export_result.value
    assert "needs your review first" in home.status.value
    assert "Traceback" not in home.export_result.value + home.status.value


def test_an_error_is_shown_in_the_status_line_in_plain_words(home, workspace):
    """Without the workspace key, does export say so in the status line (no traceback, nothing written)?"""
    workspace.key_path.unlink()
    home.case_list.value = "CK-0101"
    home.export_button.click()
    assert "key" in home.status.value and "Traceback" not in home.status.value
    assert not list(workspace.exports_dir.glob("CK-0101*"))


def test_review_reports_where_the_run_went(home, workspace):
    """Does "Run a case review" show where the run was saved (the runner's output path)?"""
    calls: list[str] = []

    def review(case_id: str) -> Path:
        calls.append(case_id)
        return layout.run_path(workspace.root, "case-review", case_id)

    home._review = review
    home.case_list.value = "CK-0104"
    home.review_button.click()
    assert calls == ["CK-0104"]
    assert "runs/CK-0104/case-review.ipynb" in home.review_result.value
    assert not home.review_button.disabled


@pytest.mark.kernel
@pytest.mark.slow
def test_review_runs_the_case_review_workbook_for_real(home, workspace):
    """With the real runner, is runs/CASE/case-review.ipynb written and its place shown?"""
    home.case_list.value = "CK-0101"
    home.review_button.click()
    assert layout.run_path(workspace.root, "case-review", "CK-0101").is_file(), home.status.value
    assert "runs/CK-0101/case-review.ipynb" in home.review_result.value


def test_show_home_on_a_folder_that_is_no_workspace_gives_a_message(tmp_path):
    """Does the page, opened on a folder that is not a workspace, say so instead of failing?"""
    assert "could not open" in repr(show_home(str(tmp_path)))


def _served(monkeypatch, args: list[str]) -> tuple[str, list[str]]:
    """Run `casekit app ARGS` with the server replaced by a stub; returns (output, server command)."""
    import casekit.cli.open_commands as open_module

    calls: list[list[str]] = []
    monkeypatch.setattr(open_module.subprocess, "call", lambda cmd, **_kw: calls.append(cmd) or 0)
    result = CliRunner().invoke(cli, ["app", *args])
    assert result.exit_code == 0, result.output
    (cmd,) = calls
    return result.output, cmd


def test_app_serves_the_workspace_with_voila_and_prints_the_home_address(workspace, monkeypatch):
    """Does `casekit app WS --no-browser --port P` serve the folder with Voila and print its address?"""
    output, cmd = _served(monkeypatch, [str(workspace.root), "--no-browser", "--port", "8899"])
    assert "http://localhost:8899/voila/render/runs/organisation/home-live.ipynb" in output
    assert cmd[1:4] == ["-m", "voila", str(workspace.root)]
    assert "--port=8899" in cmd and "--no-browser" in cmd and "--Voila.port_retries=0" in cmd


def test_app_with_lab_opens_the_home_page_in_jupyterlab(workspace, monkeypatch):
    """Does `casekit app --lab` open runs/organisation/home-live.ipynb in JupyterLab?"""
    output, cmd = _served(monkeypatch, [str(workspace.root), "--lab", "--no-browser", "--port", "8898"])
    assert cmd[1:4] == ["-m", "jupyterlab", "runs/organisation/home-live.ipynb"]
    assert "--ServerApp.port=8898" in cmd and "JupyterLab" in output


def test_server_options_after_a_double_dash_go_to_the_server(workspace, monkeypatch):
    """Is `casekit app -- --Voila.ip=0.0.0.0` (in the workspace) an option for Voila, not a folder?"""
    monkeypatch.chdir(workspace.root)
    _output, cmd = _served(monkeypatch, ["--no-browser", "--", "--Voila.ip=0.0.0.0"])
    assert cmd[3] == str(workspace.root) and cmd[-1] == "--Voila.ip=0.0.0.0"


def test_a_headless_run_gets_a_line_not_a_live_page(workspace, monkeypatch):
    """Run with nobody watching (casekit's runner), does the page cell show one line and build no widgets?"""
    from casekit.nbsupport import HEADLESS_ENV

    monkeypatch.setenv(HEADLESS_ENV, "1")
    shown = show_home(str(workspace.root))
    assert not isinstance(shown, HomePage) and "casekit app" in repr(shown)
