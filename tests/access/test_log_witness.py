"""Cutting entries off the end of the access log: does someone who saw them, or the anchor, notice?"""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, text

from casekit.access.keys import Holder
from casekit.errors import AccessLogBrokenError, ConfigError
from casekit.store import CaseStore, access_log, log_witness
from casekit.store.tables import access_log_table
from tests.access.conftest import Opener
from tests.fictional import plain_case
from tests.store.store_helpers import raw_engine

CASE = "CK-0101"


def _work(open_as: Opener) -> None:
    """Ana creates a case, opens it and saves a second revision (each step is logged)."""
    with open_as("ana") as store:
        store.create(plain_case(CASE), author="Presenter A")
        loaded = store.load(CASE)
        store.save(loaded.case, based_on=1, author="Presenter A", note="second look")


def _cut(store_url: str, n: int) -> int:
    """Delete the newest ``n`` entries behind casekit's back, as someone with the database's
    credentials could (the append-only triggers out of the way first); return the new length."""
    engine = raw_engine(store_url)
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "sqlite":
                for verb in ("update", "delete"):
                    conn.execute(text(f"DROP TRIGGER IF EXISTS casekit_access_log_no_{verb}"))
            else:
                conn.execute(text("ALTER TABLE casekit_access_log DISABLE TRIGGER USER"))
            t = access_log_table
            last = conn.scalar(select(func.max(t.c.seq)))
            conn.execute(delete(t).where(t.c.seq > last - n))
            if conn.dialect.name != "sqlite":
                conn.execute(text("ALTER TABLE casekit_access_log ENABLE TRIGGER USER"))
            return last - n
    finally:
        engine.dispose()


def _elsewhere(store_url: str, tmp_path: Path, name: str = "mia") -> CaseStore:
    """The store opened as a registered person from a new machine: a home with no witness yet."""
    return CaseStore.open(store_url, person=Holder.from_file(name, tmp_path / "elsewhere" / "identity"))


def _witness(people: dict[str, Holder], name: str) -> Path:
    [path] = (people[name].home / "log-witness").glob("*.json")
    return path


def test_each_person_keeps_a_private_witness_of_the_newest_entry_they_saw(open_as: Opener, people):
    """After ana's work, does her own witness (owner-only) hold the log's newest entry, and does an
    untouched log pass the chain, her witness and an anchor?"""
    _work(open_as)
    path = _witness(people, "ana")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    with open_as("lena") as store:
        newest = access_log.entries(store)[-1]
        anchor = log_witness.write_anchor(store, people["lena"].home / "anchor.json")
        check = log_witness.verify_all(
            store, home=people["lena"].home, anchor=people["lena"].home / "anchor.json"
        )
    saw = json.loads(path.read_text(encoding="utf-8"))
    assert (saw["seq"], saw["hash"]) == (newest.seq, newest.hash)
    assert anchor == log_witness.Mark(newest.seq, newest.hash)
    assert check.entries == newest.seq


def test_entries_cut_off_the_end_are_caught_by_the_person_who_saw_them(
    open_as: Opener, store_url, people, tmp_path: Path
):
    """When the newest entries are deleted in the database, does ana's verification fail (exit 9),
    naming the entries cut, although the shorter chain itself is whole, and does her next open fail too?"""
    _work(open_as)
    seen = json.loads(_witness(people, "ana").read_text(encoding="utf-8"))["seq"]
    left = _cut(store_url, 2)
    with _elsewhere(store_url, tmp_path) as plain:  # the shorter chain still verifies on its own
        assert access_log.verify(plain).entries == left
    with pytest.raises(AccessLogBrokenError) as broken:
        open_as("ana").close()
    message = broken.value.message
    assert f"entries {left + 1} to {seen} were cut off its end" in message and "\n" not in message
    assert (broken.value.exit_code, broken.value.seq) == (9, left + 1)
    with _elsewhere(store_url, tmp_path) as plain, pytest.raises(AccessLogBrokenError, match="were cut off"):
        log_witness.verify_all(plain, home=people["ana"].home)


def test_a_cut_tail_written_again_is_caught(open_as: Opener, store_url, people, tmp_path: Path):
    """If entries are cut and new ones appended in their place (same numbers, other hashes), does the
    person who saw the old entry notice at her next open?"""
    _work(open_as)
    seen = json.loads(_witness(people, "ana").read_text(encoding="utf-8"))["seq"]
    _cut(store_url, 1)
    with _elsewhere(store_url, tmp_path) as plain:  # someone else's action fills the number again
        access_log.record(plain, "exported", case_id=CASE, detail="md")
    with pytest.raises(AccessLogBrokenError, match=f"entry {seen} of the access log is not the one you saw"):
        open_as("ana").close()


def test_a_fresh_person_with_the_privacy_leads_anchor_catches_the_cut(
    open_as: Opener, store_url: str, tmp_path: Path
):
    """Does someone with no witness of their own, given the anchor the privacy lead exported before
    the cut, catch it, while the chain alone (their only other check) passes?"""
    _work(open_as)
    anchor = tmp_path / "kept-off-the-server" / "anchor.json"
    anchor.parent.mkdir()
    with open_as("lena") as store:
        mark = log_witness.write_anchor(store, anchor)
    _cut(store_url, 3)
    fresh = Holder.from_file("lena", tmp_path / "elsewhere" / "identity")
    with _elsewhere(store_url, tmp_path, "lena") as store:
        assert log_witness.verify_all(store, home=None).entries == mark.seq - 3
        with pytest.raises(AccessLogBrokenError, match=f"but the anchor in anchor.json saw entry {mark.seq}"):
            log_witness.verify_all(store, home=fresh.home, anchor=anchor)


def test_an_anchor_of_another_store_is_refused(open_as: Opener, people, tmp_path: Path):
    """Is an anchor made from another store refused in one line naming the file, not taken as a cut?"""
    other = CaseStore.open(f"sqlite:///{tmp_path / 'other.db'}")
    with other:
        log_witness.write_anchor(other, tmp_path / "other-anchor.json")
    with (
        open_as("lena") as store,
        pytest.raises(ConfigError, match=r"other-anchor\.json: the mark of another"),
    ):
        log_witness.check_anchor(store, tmp_path / "other-anchor.json")


def test_log_verify_with_an_anchor_exits_9_after_a_cut(store_url: str, tmp_path: Path, monkeypatch):
    """Does `casekit log export --anchor` write an anchor, and `casekit log verify --anchor` pass on
    the untouched log and exit 9 in one line once the tail is cut?"""
    from click.testing import CliRunner

    from casekit.cli import cli

    for name in ("CASEKIT_WORKSPACE", "CASEKIT_DB_URL", "CASEKIT_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)
    from casekit.workspace import Workspace

    ws = Workspace.create(tmp_path / "ws")
    env = {
        "CASEKIT_WORKSPACE": str(ws.root),
        "JUPYTERHUB_USER": "lena",
        "JUPYTERHUB_API_TOKEN": "test-token",
        "CASEKIT_IDENTITY": str(tmp_path / "homes" / "lena" / "identity"),
    }

    def run(*args: str):
        return CliRunner().invoke(cli, ["--db", store_url, *args], env=env)

    CaseStore.open(store_url).close()  # a new, empty store (`casekit init` makes one)
    assert run("people", "enable").exit_code == 0
    anchor = tmp_path / "anchor.json"
    exported = run("log", "export", "--anchor", str(anchor))
    assert exported.exit_code == 0 and "wrote an anchor at entry" in exported.output
    passed = run("log", "verify", "--anchor", str(anchor))
    assert passed.exit_code == 0 and "up to the anchor" in passed.output
    _cut(store_url, 2)
    failed = run("log", "verify", "--anchor", str(anchor))
    assert (
        failed.exit_code == 9 and failed.stderr.count("\n") == 1 and "were cut off its end" in failed.stderr
    )
