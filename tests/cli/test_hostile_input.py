"""Hostile input at the command line: one clear line, a documented exit code, nothing changed.

Each case here was once an "internal error" (exit 70) or was quietly mishandled. The property test at
the end drives the commands with generated input and fails on any internal error, traceback or change
to the workspace.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casekit.audit import readers
from casekit.workspace import Workspace
from tests.cli.conftest import snapshot

INTERNAL_ERROR = 70
GOOD_DOCX = Path(readers.__file__).parent / "forms" / "good-intake.docx"


@dataclass(frozen=True)
class Hostile:
    """One piece of bad input: how to lay it out in the workspace, and the command that meets it."""

    name: str
    args: tuple[str, ...]
    prepare: Callable[[Path], None] = lambda root: None
    #: A word the one-line message must contain (the field, the file or the fix).
    names: str = ""
    #: Whether the bad input leaves the store readable for a before-and-after comparison; when it does
    #: not (a broken settings file, an emptied store), the workspace's bytes are compared instead.
    store_readable: bool = True


def _case_json(root: Path, edit: Callable[[dict], object]) -> None:
    from casekit.model.io import case_to_json

    with Workspace.find(root).open_store() as store:
        data = json.loads(case_to_json(store.load("CK-0101").case))
    result = edit(data)
    text = result if isinstance(result, str) else json.dumps(data)
    (root / "bad.json").write_text(text, encoding="utf-8")


def _set_rating_date(value: str) -> Callable[[dict], None]:
    return lambda d: d["goals"][0]["ratings"][0].__setitem__("date", value)


def _write(name: str, data: bytes | str) -> Callable[[Path], None]:
    def prepare(root: Path) -> None:
        target = root / name
        if isinstance(data, str):
            target.write_text(data, encoding="utf-8")
        else:
            target.write_bytes(data)

    return prepare


def _docx_with_document(xml: bytes | None) -> bytes:
    """The bundled good intake form with its main part replaced (or left out when ``xml`` is None)."""
    source = zipfile.ZipFile(io.BytesIO(GOOD_DOCX.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                if xml is None:
                    continue
                archive.writestr(info, xml)
            else:
                archive.writestr(info, source.read(info.filename))
    return out.getvalue()


def _truncated_docx() -> bytes:
    xml = zipfile.ZipFile(io.BytesIO(GOOD_DOCX.read_bytes())).read("word/document.xml")
    return _docx_with_document(xml[: len(xml) // 2])


def _laughs_docx() -> bytes:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i > 1 else "lol"}">' for i in range(1, 10))
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [{entities}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return _docx_with_document(xml.encode())


def _huge_docx() -> bytes:
    paragraph = b"<w:p><w:r><w:t>Name: ____</w:t></w:r></w:p>"
    body = paragraph * (readers.MAX_DOCX_PART // len(paragraph) + 1)
    xml = (
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + body
        + b"</w:body></w:document>"
    )
    return _docx_with_document(xml)


def _notebook(data: object) -> Callable[[Path], None]:
    return _write("nb.ipynb", data if isinstance(data, str) else json.dumps(data))


HOSTILE = [
    Hostile(
        "a JSON number of 5,000 digits",
        ("case", "import", "{root}/bad.json", "--replace"),
        lambda root: _case_json(
            root, lambda d: json.dumps(d).replace('"score": ', '"score": ' + "9" * 5000, 1)
        ),
        "digits",
    ),
    Hostile(
        "a date at 0001-01-01",
        ("case", "import", "{root}/bad.json", "--replace"),
        lambda root: _case_json(root, _set_rating_date("0001-01-01")),
        "ratings[0].date",
    ),
    Hostile(
        "a date at 9999-12-31",
        ("case", "import", "{root}/bad.json", "--replace"),
        lambda root: _case_json(root, _set_rating_date("9999-12-31")),
        "ratings[0].date",
    ),
    Hostile(
        "a revision number too large for any store",
        ("case", "show", "CK-0101", "--revision", "9" * 20),
        names="revision",
    ),
    Hostile(
        "a store URL with an unclosed IPv6 host",
        ("--db", "postgresql://u@[::1", "case", "list"),
        names="store URL",
    ),
    Hostile(
        "casekit.toml whose store is not a section",
        ("case", "list"),
        _write("casekit.toml", 'store = "x"\n'),
        "[store]",
        store_readable=False,
    ),
    Hostile(
        "a case id with a trailing newline", ("case", "new", "CK-0999\n", "--clinician", "A"), names="case id"
    ),
    Hostile(
        "a notebook whose cells are not a list",
        ("export", "{root}/nb.ipynb", "--to", "html"),
        _notebook({"cells": 5, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
        "notebook",
    ),
    Hostile(
        "a notebook that is a list",
        ("export", "{root}/nb.ipynb", "--to", "html"),
        _notebook([1, 2]),
        "nb.ipynb",
    ),
    Hostile(
        "a notebook nested 100,000 deep",
        ("export", "{root}/nb.ipynb", "--to", "html"),
        _notebook("[" * 100_000 + "]" * 100_000),
        "nb.ipynb",
    ),
    Hostile(
        "a notebook of nbformat 3",
        ("export", "{root}/nb.ipynb", "--to", "html"),
        _notebook({"worksheets": [], "metadata": {}, "nbformat": 3, "nbformat_minor": 0}),
        "notebook",
    ),
    Hostile("an empty store file", ("case", "list"), _write("cases.db", b""), "empty", False),
    Hostile(
        "a mistyped store path",
        ("--db", "sqlite:///cases.bd", "case", "list"),
        names="no case store",
    ),
    Hostile(
        "a corrupt DOCX",
        ("audit", "form", "{root}/bad.docx"),
        _write("bad.docx", b"PK\x03\x04" + b"x" * 400),
        "bad.docx",
    ),
    Hostile(
        "a DOCX without its document part",
        ("audit", "form", "{root}/bad.docx"),
        lambda root: _write("bad.docx", _docx_with_document(None))(root),
        "bad.docx",
    ),
    Hostile(
        "a DOCX with truncated XML",
        ("audit", "form", "{root}/bad.docx"),
        lambda root: _write("bad.docx", _truncated_docx())(root),
        "bad.docx",
    ),
    Hostile(
        "a billion-laughs DOCX",
        ("audit", "form", "{root}/bad.docx"),
        lambda root: _write("bad.docx", _laughs_docx())(root),
        "bad.docx",
    ),
    Hostile(
        "a DOCX that unzips to more than a form holds",
        ("audit", "form", "{root}/bad.docx"),
        lambda root: _write("bad.docx", _huge_docx())(root),
        "unzips",
    ),
    Hostile(
        "an export folder that is a device",
        ("export", "--case", "CK-0101", "--session", "2026-01-19", "--to", "md", "-o", "/dev/null"),
        names="/dev/null",
    ),
    Hostile(
        "a case written over a device",
        ("case", "export-json", "CK-0101", "-o", "/dev/null"),
        names="/dev/null",
    ),
]


def _every_byte(ws: Workspace) -> dict[str, bytes]:
    return {str(p.relative_to(ws.root)): p.read_bytes() for p in sorted(ws.root.rglob("*")) if p.is_file()}


def _heads(ws: Workspace) -> list[tuple[str, int]]:
    """The newest revision of every case: a save, import or restore would change it."""
    with ws.open_store() as store:
        return [(s.case_id, s.head_revision) for s in store.list_cases()]


def _one_clear_line(result: Result, names: str) -> None:
    assert result.exit_code not in (0, INTERNAL_ERROR), result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("casekit: error: "), lines[0]
    assert names.lower() in lines[0].lower(), lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("bad", HOSTILE, ids=lambda h: h.name)
def test_hostile_input_gets_one_clear_line_and_changes_nothing(
    bad: Hostile, workspace: Workspace, run_cli: Callable[..., Result]
) -> None:
    """Does each kind of bad input end in one line naming what is wrong, with the store untouched?"""
    bad.prepare(workspace.root)
    look = snapshot if bad.store_readable else _every_byte
    before = look(workspace)
    result = run_cli(*(arg.format(root=workspace.root) for arg in bad.args))
    _one_clear_line(result, bad.names)
    assert look(workspace) == before
    assert not Path("/dev/null").is_file()


def test_an_empty_store_file_is_not_made_into_a_new_store(workspace: Workspace, run_cli) -> None:
    """Is an emptied store file left empty, instead of quietly becoming a new store with no cases?"""
    workspace.db_path.write_bytes(b"")
    result = run_cli("case", "list")
    _one_clear_line(result, "empty")
    assert workspace.db_path.stat().st_size == 0


def test_a_mistyped_store_path_creates_no_file(workspace: Workspace, run_cli) -> None:
    """Does a mistyped --db path leave no new, empty store file behind?"""
    target = workspace.root / "cases.bd"
    result = run_cli("--db", f"sqlite:///{target}", "case", "list")
    _one_clear_line(result, "no case store")
    assert not target.exists()


def test_init_into_a_path_that_cannot_be_made(tmp_path: Path, run_cli) -> None:
    """Does `casekit init` into an impossible place say so in one line?"""
    result = run_cli("init", "/proc/casekit-cannot-be-here/ws")
    _one_clear_line(result, "cannot be created")


def test_a_full_disk_during_export_leaves_nothing_half_written(
    workspace: Workspace, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the disk fills while an export is written, is there one line and no partial file?"""
    import errno
    import os

    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    out = workspace.root / "handout"
    monkeypatch.setattr(os, "fsync", full)
    result = run_cli("export", "--case", "CK-0101", "--session", "2026-01-19", "--to", "md", "-o", str(out))
    monkeypatch.setattr(os, "fsync", real_fsync)
    _one_clear_line(result, "No space left")
    assert not out.exists() or sorted(p.name for p in out.iterdir()) == []


_IDS = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"CK-\d{4}[\n\r\t ]?", fullmatch=True),
    st.sampled_from(["CK-0101\n", "ck-0101", "CK-0101/../x", "CK-" + "9" * 200, "\x1b]0;x\x07"]),
).filter(lambda s: "\x00" not in s and not s.startswith("-"))
_REVISIONS = st.one_of(st.integers(), st.sampled_from(["9" * 30, "-0", "1e9", "0x10", ""]).map(str))
_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@pytest.mark.slow
@pytest.mark.timeout(900)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    case_id=_IDS,
    revision=_REVISIONS,
    payload=_JSON,
    raw=st.binary(max_size=200),
    command=st.sampled_from(["show", "history", "validate", "import", "export", "audit", "restore"]),
)
def test_generated_hostile_input_never_ends_in_an_internal_error(
    workspace: Workspace, run_cli, case_id: str, revision: object, payload: object, raw: bytes, command: str
) -> None:
    """Whatever is typed or fed to a command, is the answer never an internal error or a change?"""
    (workspace.root / "in.json").write_text(json.dumps(payload), encoding="utf-8")
    (workspace.root / "in.ipynb").write_bytes(raw)
    (workspace.root / "in.docx").write_bytes(raw)
    before = _heads(workspace)
    args = {
        "show": ("case", "show", case_id, "--revision", str(revision)),
        "history": ("case", "history", case_id),
        "validate": ("case", "validate", case_id),
        "import": ("case", "import", "{root}/in.json", "--replace"),
        "export": ("export", "{root}/in.ipynb", "--to", "html"),
        "audit": ("audit", "form", "{root}/in.docx"),
        "restore": ("case", "restore", case_id, str(revision)),
    }[command]
    result = run_cli(*(arg.replace("{root}", str(workspace.root)) for arg in args))
    assert result.exit_code != INTERNAL_ERROR, (args, result.output)
    assert "Traceback" not in result.output
    if result.exit_code != 0:
        assert result.stderr.count("\n") <= 1 or result.exit_code == 2, result.stderr  # click usage: 2
        assert _heads(workspace) == before


def test_the_readme_documents_every_exit_code_casekit_uses() -> None:
    """Does the README's table of exit codes name every code an error class can end with?"""
    import re

    from casekit import errors

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", readme, flags=re.MULTILINE)}
    used = {
        cls.exit_code
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.CasekitError)
    }
    assert used <= documented, used - documented
    assert {INTERNAL_ERROR, 130, 141} <= documented
