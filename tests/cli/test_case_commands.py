"""The `casekit case` and `casekit init` commands, as a clinician would use them."""

from __future__ import annotations

import json
import stat

import pytest

from casekit.examples import load_examples
from casekit.workspace import Workspace
from tests.cli.conftest import snapshot


def test_init_creates_a_workspace_whose_key_only_the_owner_can_read(tmp_path, monkeypatch):
    """Does `casekit init` create the layout, a 0600 key file and a 0600 store?"""
    from click.testing import CliRunner

    from casekit.cli import cli

    monkeypatch.delenv("CASEKIT_WORKSPACE", raising=False)
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "new")])
    assert result.exit_code == 0, result.output
    ws = Workspace.find(tmp_path / "new")
    assert stat.S_IMODE(ws.key_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(ws.db_path.stat().st_mode) == 0o600
    for folder in (ws.runs_dir, ws.exports_dir, ws.instruments_dir, ws.audits_dir):
        assert folder.is_dir()
    assert "keep a backup" in result.output


def test_init_refuses_an_existing_workspace_and_changes_nothing(workspace, run_cli):
    """Does a second `casekit init` on a workspace stop with one line and leave everything as it was?"""
    before = snapshot(workspace)
    result = run_cli("init", str(workspace.root))
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1
    assert "already a casekit workspace" in result.stderr
    assert snapshot(workspace) == before


def test_case_list_prints_one_case_a_line_with_its_id_first(run_cli):
    """Does `casekit case list` print every example case, one a line, id first?"""
    result = run_cli("case", "list")
    assert result.exit_code == 0
    ids = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert ids == sorted(c.meta.case_id for c in load_examples())


def test_case_list_filters_by_group(run_cli):
    """Does --group keep only that group's cases?"""
    group = load_examples()[0].meta.group
    result = run_cli("case", "list", "--group", group)
    expected = sorted(c.meta.case_id for c in load_examples() if c.meta.group == group)
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == expected


def test_new_case_can_be_shown_and_has_one_revision(run_cli):
    """Does `case new` create revision 1 that `case show` and `case history` see?"""
    assert run_cli("case", "new", "CK-9001", "--clinician", "Presenter Z").exit_code == 0
    shown = run_cli("case", "show", "CK-9001")
    assert "CK-9001" in shown.stdout and "revision 1" in shown.stdout
    history = run_cli("case", "history", "CK-9001")
    assert [line.split("\t")[0] for line in history.stdout.splitlines()] == ["1"]


def test_export_json_leaves_identifiers_out_unless_asked(workspace, run_cli, tmp_path):
    """Does export-json omit every identifier by default and include them (mode 0600) only on request?"""
    case = load_examples()[0]
    plain = tmp_path / "plain.json"
    assert run_cli("case", "export-json", case.meta.case_id, "-o", str(plain)).exit_code == 0
    data = json.loads(plain.read_text())
    assert "identifiers" not in data
    with_ids = tmp_path / "full.json"
    result = run_cli("case", "export-json", case.meta.case_id, "-o", str(with_ids), "--include-identifiers")
    assert result.exit_code == 0
    assert stat.S_IMODE(with_ids.stat().st_mode) == 0o600
    full = json.loads(with_ids.read_text())
    assert full["identifiers"]["legal_name"] == case.identifiers.legal_name
    assert case.identifiers.legal_name not in plain.read_text()


def test_an_exported_case_file_satisfies_the_published_schema(workspace, run_cli, tmp_path):
    """Does a file from export-json (with its provenance keys) pass the committed JSON Schema?"""
    import jsonschema

    from casekit.model.json_schema import SCHEMA_PATH

    case = load_examples()[0]
    path = tmp_path / "case.json"
    assert run_cli("case", "export-json", case.meta.case_id, "-o", str(path)).exit_code == 0
    data = json.loads(path.read_text())
    assert data["based_on_revision"] >= 1
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text()))
    data["based_on_revision"] = 0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text()))


def test_import_refuses_an_existing_case_without_replace(workspace, run_cli, tmp_path):
    """Does importing over an existing case stop (nothing changed) unless --replace is given?"""
    case = load_examples()[0]
    path = tmp_path / "case.json"
    run_cli("case", "export-json", case.meta.case_id, "-o", str(path), "--include-identifiers")
    before = snapshot(workspace)
    refused = run_cli("case", "import", str(path))
    assert refused.exit_code != 0 and "--replace" in refused.stderr
    assert snapshot(workspace) == before
    replaced = run_cli("case", "import", str(path), "--replace", "--author", "Presenter Z")
    assert replaced.exit_code == 0 and "revision 2" in replaced.stdout


def test_restore_brings_back_an_old_revision_as_a_new_one(workspace, run_cli, tmp_path):
    """Does restoring revision 1 after an edit create revision 3 equal in content to revision 1?"""
    case = load_examples()[0]
    path = tmp_path / "case.json"
    run_cli("case", "export-json", case.meta.case_id, "-o", str(path), "--include-identifiers")
    data = json.loads(path.read_text())
    data["consultation_question"]["text"] = "A changed question."
    path.write_text(json.dumps(data))
    run_cli("case", "import", str(path), "--replace")
    result = run_cli("case", "restore", case.meta.case_id, "1")
    assert result.exit_code == 0 and "revision 3" in result.stdout
    with workspace.open_store() as store:
        restored = store.load(case.meta.case_id)
        first = store.load(case.meta.case_id, 1)
    assert restored.revision == 3
    assert restored.case.consultation_question == first.case.consultation_question
    assert restored.case.identifiers == first.case.identifiers


def test_validate_all_reports_every_case_valid(run_cli):
    """Does `case validate --all` load and check every stored case?"""
    result = run_cli("case", "validate", "--all")
    assert result.exit_code == 0
    assert result.stdout.count(": valid") == len(load_examples())


@pytest.mark.kernel
def _logged_as_exported(root, written, case_id: str) -> None:
    """The access log lists each written export (case, format, file hash) under the acting person."""
    import hashlib

    from casekit.actor import current_person
    from tests.export.test_export_access_log import _exported

    digests = {p.suffix[1:]: hashlib.sha256(p.read_bytes()).hexdigest() for p in written}
    logged = _exported(root)
    assert sorted((e.case_id, e.detail) for e in logged) == [
        (case_id, f"{fmt},sha256={digest}") for fmt, digest in sorted(digests.items())
    ]
    assert {e.person for e in logged} == {current_person().username}


def test_example_job_runs_a_workbook_and_writes_a_clean_summary(tmp_path, monkeypatch):
    """Does `casekit example` check every case, run a workbook, and write HTML and PDF with no identifier,
    each recorded in the workspace's access log (case, format and file hash) under the person who ran it,
    as `casekit export` records them?"""
    from click.testing import CliRunner

    from casekit.cli import cli
    from casekit.deid import scan_for_identifiers
    from casekit.example_job import EXAMPLE_CASE
    from casekit.export.gate import pdf_text

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["example", "--dir", str(tmp_path / "ex")])
    assert result.exit_code == 0, result.output
    assert f"casekit app {(tmp_path / 'ex').resolve()}" in result.stdout  # how to open the home page
    for case in load_examples():
        assert case.meta.case_id in result.stdout
        assert case.identifiers.legal_name not in result.stdout
    html = tmp_path / "ex" / "exports" / "example"
    written = sorted(p for p in html.iterdir() if not p.name.endswith(".receipt.json"))
    assert [p.suffix for p in written] == [".html", ".pdf"]
    assert all((html / f"{p.name}.receipt.json").is_file() for p in written)
    for path in written:
        assert str(path) in result.stdout
    identifiers = next(c for c in load_examples() if c.meta.case_id == EXAMPLE_CASE).identifiers
    assert scan_for_identifiers(written[0].read_bytes(), identifiers) == []
    assert scan_for_identifiers(pdf_text(written[1].read_bytes()), identifiers) == []
    # The summary carries the recorded example session: a member's perspective and the action plan.
    page = written[0].read_text()
    assert "Consultant K" in page and "Action plan" in page
    _logged_as_exported(tmp_path / "ex", written, EXAMPLE_CASE)
    again = CliRunner().invoke(cli, ["example", "--dir", str(tmp_path / "ex")])
    assert again.exit_code == 0 and "Using the example workspace" in again.stdout


# ---- bad input: one line, names the field or file, says the fix, changes nothing -----------------

BAD_FILES = {
    "malformed-json": (b'{"schema_version": 1, "meta": ', "not valid JSON"),
    "not-utf8": (b'{"schema_version": 1, "x": "\xff\xfe"}', "UTF-8"),
    "wrong-top-level": (b"[1, 2, 3]", "JSON object"),
    "unknown-schema-version": (b'{"schema_version": 99, "meta": {}}', "newer than this casekit"),
    "bad-case-id": (
        b'{"schema_version": 1, "meta": {"case_id": "maria", "clinician_alias": "A"}}',
        "meta.case_id",
    ),
    "unknown-field": (
        b'{"schema_version": 1, "meta": {"case_id": "CK-1", "clinician_alias": "A"}, "notes": "x"}',
        "notes",
    ),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_import_of_a_bad_file_is_one_line_and_changes_nothing(kind, workspace, run_cli, tmp_path):
    """Does a bad case file give one clear line naming the file and leave the store untouched?"""
    raw, expected = BAD_FILES[kind]
    path = tmp_path / f"{kind}.json"
    path.write_bytes(raw)
    before = snapshot(workspace)
    result = run_cli("case", "import", str(path))
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1, result.stderr
    assert str(path) in result.stderr and expected in result.stderr
    assert snapshot(workspace) == before


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("case", "show", "CK-0000"), "CK-0000"),
        (("case", "show", "not a case"), "case"),
        (("case", "new", "bad id", "--clinician", "A"), "case id"),
        (("case", "new", "CK-7001", "--clinician", "<script>"), "alias"),
        (("case", "restore", "CK-0000", "1"), "CK-0000"),
        (("case", "import", "/no/such/file.json"), "no such case file"),
    ],
)
def test_bad_commands_fail_with_one_line(args, expected, workspace, run_cli):
    """Do unknown cases, bad ids and missing files each fail with one line and change nothing?"""
    before = snapshot(workspace)
    result = run_cli(*args)
    assert result.exit_code != 0
    assert result.stderr.startswith("casekit: error: ") and result.stderr.count("\n") == 1
    assert expected in result.stderr
    assert snapshot(workspace) == before


def test_a_command_outside_a_workspace_says_how_to_make_one(tmp_path, monkeypatch):
    """Does running `case list` in a plain folder say to run `casekit init`?"""
    from click.testing import CliRunner

    from casekit.cli import cli

    monkeypatch.delenv("CASEKIT_WORKSPACE", raising=False)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["case", "list"])
    assert result.exit_code != 0 and "casekit init" in result.stderr


def test_an_internal_error_hides_its_details_unless_debug(run_cli, monkeypatch):
    """Does an unexpected error print one line without its message, and the traceback only with --debug?"""
    from casekit.store import CaseStore

    def broken(self, *args, **kwargs):
        raise RuntimeError("row ('Secret Name', ...) failed")

    monkeypatch.setattr(CaseStore, "list_cases", broken)
    quiet = run_cli("case", "list")
    assert quiet.exit_code == 70
    assert "Secret Name" not in quiet.stderr and "--debug" in quiet.stderr
    loud = run_cli("--debug", "case", "list")
    assert "Traceback" in loud.stderr


def test_example_workspace_holds_a_recorded_session(workspace):
    """Does an example workspace come with the fictional session, its contributions and action plan?"""
    import datetime as dt

    from casekit.session.log import session_record

    with workspace.open_store() as store:
        record = session_record(store, "CK-0101", dt.date(2026, 1, 19))
    assert len(record.setup.members) == 6
    assert {c.kind.value for c in record.contributions} >= {"question", "perspective", "response"}
    assert len(record.actions) == 4 and all(a.owner for a in record.actions)
    assert record.current.index == len(record.stages) - 1


@pytest.mark.kernel
def test_run_with_export_writes_a_clean_summary_next_to_the_run(workspace, run_cli):
    """Does `casekit run WORKBOOK --case ID --export html` write the run and its de-identified summary?"""
    from casekit.deid import scan_for_identifiers

    case = next(c for c in load_examples() if c.meta.case_id == "CK-0104")  # identifiers in its text
    result = run_cli("run", "case-review", "--case", case.meta.case_id, "--export", "html")
    assert result.exit_code == 0, result.output
    summary = workspace.exports_dir / f"{case.meta.case_id}-case-review.html"
    assert f"wrote {summary}" in result.stdout
    assert (workspace.runs_dir / case.meta.case_id / "case-review.ipynb").is_file()
    assert scan_for_identifiers(summary.read_bytes(), case.identifiers) == []


@pytest.mark.kernel
def test_a_batch_run_with_export_exports_every_case(workspace, run_cli):
    """With several cases, is each run exported as it finishes, and listed at the end?"""
    ids = ["CK-0101", "CK-0102"]
    result = run_cli("run", "case-review", *[a for i in ids for a in ("--case", i)], "--export", "md")
    assert result.exit_code == 0, result.output
    for case_id in ids:
        summary = workspace.exports_dir / f"{case_id}-case-review.md"
        assert summary.is_file() and f"wrote {summary}" in result.stdout
    assert "2 of 2 cases succeeded" in result.stdout


# ---- round trips: export-json → edit → import --replace keeps what the file does not carry --------


def _export(run_cli, path, *args: str) -> dict:
    result = run_cli("case", "export-json", "CK-0101", "-o", str(path), *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(path.read_text())


def _write(path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False))


def test_an_export_names_its_revision_and_still_validates(run_cli, tmp_path):
    """Does an export say which revision it came from, and does `case validate` accept the file?"""
    path = tmp_path / "a.json"
    assert _export(run_cli, path)["based_on_revision"] == 1
    assert run_cli("case", "validate", str(path)).exit_code == 0


def test_an_edited_export_keeps_the_identifiers_it_leaves_out(workspace, run_cli, tmp_path):
    """Export (no identifiers), edit, import: are the stored identifiers kept, and does the line say so?"""
    path = tmp_path / "a.json"
    data = _export(run_cli, path)
    data["consultation_question"]["text"] = "A changed question."
    _write(path, data)
    result = run_cli("case", "import", str(path), "--replace")
    assert result.exit_code == 0 and "identifiers were kept" in result.stdout
    with workspace.open_store() as store:
        head, first = store.load("CK-0101"), store.load("CK-0101", 1)
    assert head.revision == 2 and head.case.consultation_question.text == "A changed question."
    assert not head.case.identifiers.is_empty()
    assert head.case.identifiers == first.case.identifiers


def test_identifiers_are_removed_only_when_asked(workspace, run_cli, tmp_path):
    """Does --drop-identifiers remove the identifiers (and say so), leaving older revisions whole?"""
    path = tmp_path / "a.json"
    _export(run_cli, path)
    result = run_cli("case", "import", str(path), "--replace", "--drop-identifiers")
    assert result.exit_code == 0 and "identifiers were removed" in result.stdout
    with workspace.open_store() as store:
        assert store.load("CK-0101").case.identifiers.is_empty()
        assert not store.load("CK-0101", 1).case.identifiers.is_empty()


def test_an_older_export_without_its_revision_needs_base(workspace, run_cli, tmp_path):
    """A file that does not name its revision: refused in one line saying --base (nothing changed),
    and imported with --base 1?"""
    path = tmp_path / "old.json"
    data = _export(run_cli, path)
    del data["based_on_revision"]
    _write(path, data)
    before = snapshot(workspace)
    refused = run_cli("case", "import", str(path), "--replace")
    assert refused.exit_code != 0 and refused.stderr.count("\n") == 1 and "--base N" in refused.stderr
    assert snapshot(workspace) == before
    assert run_cli("case", "import", str(path), "--replace", "--base", "1").exit_code == 0
    data["based_on_revision"] = "one"
    _write(path, data)
    bad = run_cli("case", "import", str(path), "--replace")
    assert bad.exit_code != 0 and "based_on_revision" in bad.stderr and bad.stderr.count("\n") == 1


def test_a_restore_on_a_stale_base_is_refused(workspace, run_cli, tmp_path):
    """Restoring revision 1 while believing revision 1 is the newest, after someone saved 2: refused (4)?"""
    path = tmp_path / "a.json"
    data = _export(run_cli, path)
    data["consultation_question"]["text"] = "Someone else's edit."
    _write(path, data)
    run_cli("case", "import", str(path), "--replace")
    stale = run_cli("case", "restore", "CK-0101", "1", "--base", "1")
    assert stale.exit_code == 4 and stale.stderr.count("\n") == 1
    with workspace.open_store() as store:
        assert store.head("CK-0101") == 2
    assert run_cli("case", "restore", "CK-0101", "1", "--base", "2").exit_code == 0


def test_an_export_made_without_the_key_does_not_replace_real_dates(workspace, run_cli, tmp_path):
    """Exported where the key is not (shifted dates), edited and imported with the key: are the real
    dates of care still those stored, and does the file say its dates are shifted?"""
    from casekit.model import parse_case_json
    from casekit.store.date_shift import EPOCH, real_dates

    path = tmp_path / "a.json"
    key = workspace.key_path
    aside = key.with_name("away.key")
    key.rename(aside)
    try:
        data = _export(run_cli, path)
    finally:
        aside.rename(key)
    assert data["dates_shifted"] is True
    assert min(real_dates(parse_case_json(path.read_text(), source="a.json")).values()) == EPOCH.isoformat()
    data["consultation_question"]["text"] = "Edited on a machine without the key."
    _write(path, data)
    with workspace.open_store() as store:
        before = real_dates(store.load("CK-0101").case)
    assert run_cli("case", "import", str(path), "--replace").exit_code == 0
    with workspace.open_store() as store:
        head = store.load("CK-0101")
    assert head.revision == 2 and real_dates(head.case) == before
    assert head.case.consultation_question.text == "Edited on a machine without the key."
