"""Can an identifier reach `casekit case history` through --author or an imported file's name?"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

CASE = "CK-0101"  # the example client is called Pham Thi Bao Ngoc ("Bao")


def test_an_author_holding_the_clients_name_is_refused_in_one_line(run_cli: Callable[..., Result]):
    """Does `case restore --author 'Bao P'` exit non-zero with one line naming --author's field, and
    leave the history without that author?"""
    result = run_cli("case", "restore", CASE, "1", "--author", "Bao P")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("casekit: error: author: ")
    assert "Bao" not in lines[0]
    history = run_cli("case", "history", CASE)
    assert history.exit_code == 0 and "Bao" not in history.stdout


def test_an_import_named_after_the_client_is_refused_in_one_line(
    run_cli: Callable[..., Result], tmp_path: Path
):
    """Does `case import --replace pham-bao.json` refuse (the note would carry the file name), naming
    the fix, and store nothing?"""
    named = tmp_path / "pham-bao.json"
    exported = run_cli("case", "export-json", CASE, "-o", str(named), "--include-identifiers")
    assert exported.exit_code == 0, exported.output
    before = run_cli("case", "history", CASE).stdout
    result = run_cli("case", "import", str(named), "--replace", "--author", "Presenter A")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("casekit: error: note: ") and "rename the file" in lines[0]
    assert run_cli("case", "history", CASE).stdout == before
    renamed = named.rename(tmp_path / f"{CASE}.json")
    ok = run_cli("case", "import", str(renamed), "--replace", "--author", "Presenter A")
    assert ok.exit_code == 0, ok.output
    assert f"imported from {CASE}.json" in run_cli("case", "history", CASE).stdout
