"""Two people edit the same exported revision and import it, as two real `casekit` processes.

Each runs ``casekit case export-json`` → edits the file → ``casekit case import --replace`` against one
store (a SQLite file, or a PostgreSQL server). The second import is refused or, with --merge, keeps
both edits: never does the first person's edit silently disappear.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from casekit.examples import load_examples
from casekit.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
CASEKIT = Path(sys.executable).parent / "casekit"
CASE_ID = "CK-0101"


class Shared:
    """A workspace whose store two people share, and a way to run `casekit` as a separate process."""

    def __init__(self, root: Path, db_url: str | None) -> None:
        self.workspace = Workspace.create(root, examples=True, db_url=db_url)
        self.env = dict(os.environ, PYTHONPATH=str(ROOT), CASEKIT_WORKSPACE=str(root))
        self.env.pop("CASEKIT_PASSPHRASE", None)
        self.env.pop("CASEKIT_DB_URL", None)
        if db_url:
            self.env["CASEKIT_DB_URL"] = db_url
        self.db_url = db_url

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [str(CASEKIT), *args],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        proc = self.start(*args)
        out, err = proc.communicate(timeout=120)
        return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)

    def head(self):
        with self.workspace.open_store(db_url=self.db_url) as store:
            return store.load(CASE_ID)

    def export_and_edit(self, path: Path, edit) -> Path:
        done = self.run("case", "export-json", CASE_ID, "-o", str(path))
        assert done.returncode == 0, done.stderr
        data = json.loads(path.read_text(encoding="utf-8"))
        edit(data)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def shared(request: pytest.FixtureRequest, tmp_path: Path) -> Shared:
    db_url = request.getfixturevalue("postgres_url") if request.param == "postgresql" else None
    return Shared(tmp_path / "ws", db_url)


def _question(text: str):
    return lambda data: data["consultation_question"].__setitem__("text", text)


def _goal(text: str):
    return lambda data: data["goals"][0]["client_words"].__setitem__("text", text)


IDENTIFIERS = next(c for c in load_examples() if c.meta.case_id == CASE_ID).identifiers


def test_the_second_stale_import_is_refused_and_with_merge_keeps_both_edits(shared: Shared, tmp_path):
    """A edits the question, B a goal, both from revision 1: is B's import refused (A's edit still
    there) with a line that says how to merge, and does --merge keep both edits and the identifiers?"""
    a = shared.export_and_edit(tmp_path / "a.json", _question("A's question"))
    b = shared.export_and_edit(tmp_path / "b.json", _goal("B's words"))
    first = shared.run("case", "import", str(a), "--replace", "--author", "Presenter A")
    assert first.returncode == 0, first.stderr
    assert "revision 2" in first.stdout and "identifiers were kept" in first.stdout
    stale = shared.run("case", "import", str(b), "--replace", "--author", "Consultant B")
    assert stale.returncode == 4
    assert stale.stderr.count("\n") == 1 and "--merge" in stale.stderr and str(b) in stale.stderr
    assert shared.head().revision == 2
    merged = shared.run("case", "import", str(b), "--replace", "--merge", "--author", "Consultant B")
    assert merged.returncode == 0, merged.stderr
    assert "merged with revision 2" in merged.stdout and "revision 3" in merged.stdout
    head = shared.head()
    assert head.revision == 3
    assert head.case.consultation_question.text == "A's question"
    assert head.case.goals[0].client_words.text == "B's words"
    assert head.case.identifiers == IDENTIFIERS


def test_a_merge_of_the_same_field_is_refused_naming_it(shared: Shared, tmp_path):
    """A and B both rewrite the question: is B's --merge refused, naming the field, A's words kept?"""
    a = shared.export_and_edit(tmp_path / "a.json", _question("A's question"))
    b = shared.export_and_edit(tmp_path / "b.json", _question("B's question"))
    assert shared.run("case", "import", str(a), "--replace").returncode == 0
    refused = shared.run("case", "import", str(b), "--replace", "--merge")
    assert refused.returncode == 4
    assert refused.stderr.count("\n") == 1 and "consultation_question.text" in refused.stderr
    head = shared.head()
    assert (head.revision, head.case.consultation_question.text) == (2, "A's question")


def test_two_imports_at_once_save_one_and_refuse_the_other(shared: Shared, tmp_path):
    """Both people press enter at the same moment: does exactly one import win, the other exit 4?"""
    a = shared.export_and_edit(tmp_path / "a.json", _question("A's question"))
    b = shared.export_and_edit(tmp_path / "b.json", _question("B's question"))
    procs = {name: shared.start("case", "import", str(p), "--replace") for name, p in (("A", a), ("B", b))}
    for p in procs.values():
        p.communicate(timeout=120)
    codes = {name: p.returncode for name, p in procs.items()}
    assert sorted(codes.values()) == [0, 4]
    winner = next(name for name, code in codes.items() if code == 0)
    head = shared.head()
    assert (head.revision, head.case.consultation_question.text) == (2, f"{winner}'s question")


def test_review_decisions_made_while_someone_saved_keep_both(workspace, run_cli, monkeypatch):
    """While a presenter decides on a finding, a colleague saves an edit: are the decision and the
    edit both in the newest revision (the review started from the older one)?"""
    import click

    case_id = "CK-0103"  # has a finding waiting for review
    answer = click.prompt

    def colleague_saves_then_answer(*args, **kwargs):
        with workspace.open_store() as store:
            record = store.load(case_id)
            record.case.consultation_question.text = "A colleague's edit, saved mid-review."
            store.save(record.case, based_on=record.revision, author="Consultant B")
        monkeypatch.setattr(click, "prompt", answer)
        return "keep"

    with workspace.open_store() as store:
        start = store.head(case_id)
    monkeypatch.setattr(click, "prompt", colleague_saves_then_answer)
    result = run_cli("deid", "review", case_id, "--author", "Presenter C")
    assert result.exit_code == 0, result.stderr
    assert f"revision {start + 2}" in result.stdout
    with workspace.open_store() as store:
        head = store.load(case_id).case
    assert head.consultation_question.text == "A colleague's edit, saved mid-review."
    assert [d.decision.value for d in head.deid_decisions] == ["keep"]
