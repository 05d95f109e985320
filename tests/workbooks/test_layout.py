"""casekit.layout: the one owner of where runs, exports and audits live inside a workspace."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from casekit import layout
from casekit.cli import cli
from casekit.workspace import Workspace

PACKAGE = Path(layout.__file__).resolve().parent
#: The workspace folders whose insides only casekit.layout works out.
FOLDERS = {layout.RUNS, layout.EXPORTS, layout.AUDITS, layout.INSTRUMENTS}
FOLDER_ATTRIBUTES = {f"{name}_dir" for name in FOLDERS}


def _text_end(node: ast.expr) -> str:
    """The literal text a string expression ends with ("" if it ends with a value or is not a string)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values:
        return _text_end(node.values[-1])
    return ""


def _path_building(tree: ast.AST) -> list[tuple[int, str]]:
    """Places that spell a workspace folder's name, or join a path beneath one or to a run or audit file."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and node.value in FOLDERS:
            found.append((node.lineno, f"the folder name {node.value!r}"))
        if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div)):
            continue
        left = node.left.attr if isinstance(node.left, ast.Attribute) else getattr(node.left, "id", "")
        end = _text_end(node.right)
        if left in FOLDER_ATTRIBUTES:
            found.append((node.lineno, f"a path joined beneath {left}"))
        elif end.endswith(layout.NOTEBOOK_SUFFIX) and isinstance(node.right, ast.JoinedStr):
            found.append((node.lineno, "a notebook path built from a name"))
        elif end == ".json" and "isoformat" in ast.unparse(node.right):
            found.append((node.lineno, "an audit file named from its date"))
    return found


def test_only_the_layout_module_works_out_paths_inside_a_workspace():
    """Does any module but casekit.layout spell runs/, exports/, audits/ or instruments/, or join a
    run, export or audit path itself (the two formulation layouts once disagreed this way)?"""
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {what}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != Path(layout.__file__).resolve()
        for line, what in _path_building(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offenders == []


def test_the_check_finds_a_hand_built_run_path():
    """Would the check above notice the old formulation path, built by hand?"""
    tree = ast.parse(
        'target = ws.runs_dir / f"{case_id}-formulation.ipynb"\n'
        'old = root / f"{case_id}-formulation.ipynb"\n'
        'exports = root / "exports"\n'
    )
    assert sorted(what for _, what in _path_building(tree)) == [
        "a notebook path built from a name",
        "a path joined beneath runs_dir",
        "the folder name 'exports'",
    ]


def test_a_headless_run_and_a_live_copy_sit_side_by_side_per_case_and_for_the_organisation(tmp_path):
    """Are a workbook's run and its live copy in the same folder (the case's, or organisation/), apart?"""
    run = layout.run_path(tmp_path, "case-formulation.ipynb", "CK-0101")
    live = layout.live_path(tmp_path, "case-formulation", "CK-0101")
    assert run == tmp_path / "runs" / "CK-0101" / "case-formulation.ipynb"
    assert live == tmp_path / "runs" / "CK-0101" / "case-formulation-live.ipynb"
    assert layout.live_path(tmp_path, "systems-audit", None) == (
        tmp_path / "runs" / "organisation" / "systems-audit-live.ipynb"
    )
    assert layout.audit_path(tmp_path / "audits", dt.date(2026, 2, 1)).name == "2026-02-01.json"


def test_open_migrates_the_old_formulation_copy(tmp_path):
    """Does `casekit open CASE` write the live copy under runs/CASE/ and remove one an older casekit left
    at runs/CASE-formulation.ipynb, leaving the case's other runs alone?"""
    ws = Workspace.create(tmp_path / "ws", examples=True)
    (old,) = layout.legacy_live_paths(ws.root, "case-formulation", "CK-0101")
    old.write_text("{}", encoding="utf-8")
    other = layout.run_path(ws.root, "case-review", "CK-0101")
    other.parent.mkdir(parents=True)
    other.write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(cli, ["-w", str(ws.root), "open", "CK-0101", "--prepare-only"])
    assert result.exit_code == 0, result.output
    live = layout.live_path(ws.root, "case-formulation", "CK-0101")
    assert result.output.strip() == str(live) and live.is_file()
    assert not old.exists() and other.is_file()
