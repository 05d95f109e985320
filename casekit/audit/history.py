"""Keep self-assessments in the workspace's case store, load them back, and compare one audit with the last.

Audits live in the case store (:mod:`casekit.store.audits`), one revision per save, so a group on a
shared PostgreSQL store shares them and no save overwrites another: every save names the revision it
started from (``based_on``; 0 for a new date) and a stale one raises
:class:`~casekit.errors.AuditConflictError`.

Audit files (``audits/YYYY-MM-DD.json``, how casekit kept audits before) are imported once, the first
time the workspace's audits are opened (:func:`audit_log`): each becomes a revision in the store and
the file is moved to ``audits/imported/`` so it is never imported twice. :func:`load_assessment` and
:func:`list_assessments` still read such files (the example audits shipped with casekit are files).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from casekit import layout
from casekit.audit.assessment import Area, AssessmentItem, Rating, SelfAssessment, Theme
from casekit.errors import AuditConflictError, AuditError
from casekit.fileio import write_replacing

if TYPE_CHECKING:
    from casekit.store import CaseStore
    from casekit.store.audits import AuditLog, AuditRecord
    from casekit.workspace import Workspace

#: Largest assessment file read (bytes).
MAX_ASSESSMENT_BYTES = 2_000_000
_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})\.json$")


def audits_dir(workspace: str | Path | object) -> Path:
    """The ``audits/`` folder of a workspace, given its root folder or an object with ``.root``."""
    # A Path has a .root too ("/"), so paths are taken as they are.
    if not isinstance(workspace, str | os.PathLike) and hasattr(workspace, "audits_dir"):
        return Path(workspace.audits_dir)  # casekit.workspace.Workspace owns the layout
    root = workspace if isinstance(workspace, str | os.PathLike) else getattr(workspace, "root", None)
    if root is None:
        raise AuditError("the workspace must be a folder path or a Workspace; pass the workspace folder")
    return layout.audits_dir(root)


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_replacing(path, data, mode=0o600, error=AuditError)


def load_assessment(path: str | Path) -> SelfAssessment:
    """Load and validate a stored assessment.

    Raises
    ------
    AuditError
        If the file is missing, too large, not JSON, or not a valid assessment (naming the field).
    """
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise AuditError(f"{name}: no such assessment file; check the path ({path})")
    if path.stat().st_size > MAX_ASSESSMENT_BYTES:
        raise AuditError(f"{name}: too large to be an assessment; check it is a casekit audit file")
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise AuditError(f"{name}: not UTF-8 text; save it as UTF-8 and try again") from None
    except json.JSONDecodeError as exc:
        raise AuditError(
            f"{name}: not valid JSON at line {exc.lineno} column {exc.colno}; "
            f"fix the file or save the audit again"
        ) from None
    try:
        return SelfAssessment.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise AuditError(f"{name}: field {where}: {first['msg']}; correct it and load again") from None


def list_assessments(directory: str | Path) -> list[tuple[dt.date, Path]]:
    """Assessment files in ``directory``, oldest first (other files are ignored).

    For folders of audit files (the shipped examples, files to import); a workspace's audits are in
    its store (:func:`stored_dates`).
    """
    directory = Path(directory)
    if not directory.is_dir():
        return []
    found = []
    for path in directory.iterdir():
        match = _NAME.match(path.name)
        if match:
            try:
                found.append((dt.date.fromisoformat(match.group(1)), path))
            except ValueError:
                continue  # a name like 2026-13-45.json is not an audit
    return sorted(found)


def previous_assessment_path(directory: str | Path, before: dt.date) -> Path | None:
    """The newest assessment file in ``directory`` dated before ``before``, if any."""
    earlier = [path for day, path in list_assessments(directory) if day < before]
    return earlier[-1] if earlier else None


# --------------------------------------------------------------------------------------------------
# The store

#: Who an imported audit file's revision is credited to.
IMPORT_AUTHOR = "imported audit file"
#: Who the example audits of a new example workspace are credited to.
EXAMPLES_AUTHOR = "casekit examples"
#: The author of a save that names none.
DEFAULT_AUTHOR = "self-assessment form"


@dataclass(frozen=True)
class StoredAudit:
    """One stored revision of an audit."""

    assessment: SelfAssessment
    revision: int
    author: str
    saved_at: dt.datetime


def _workspace(workspace: str | Path | Workspace) -> Workspace:
    """The workspace given as a Workspace, its folder, or its ``audits/`` folder."""
    from casekit.workspace import Workspace

    if isinstance(workspace, Workspace):
        return workspace
    path = Path(workspace)
    if path.name == layout.AUDITS and Workspace(path.parent).config_path.is_file():
        path = path.parent
    return Workspace.find(path)


@contextmanager
def audit_log(workspace: str | Path | Workspace) -> Iterator[AuditLog]:
    """The audits in a workspace's store, after importing any audit files still in ``audits/``.

    The store is the one the workspace's cases are in (``CASEKIT_DB_URL``, else ``casekit.toml``,
    else its ``cases.db``), opened without the identifiers key.

    Raises
    ------
    WorkspaceError
        If the folder is not a casekit workspace.
    AuditError
        If an audit file to import is not a valid audit (naming the file).
    """
    from casekit.settings import resolve
    from casekit.store import CaseStore
    from casekit.store.audits import AuditLog

    ws = _workspace(workspace)
    url = ws.db_url(resolve(workspace=ws.root).db_url)  # CASEKIT_DB_URL names a group's shared store
    with CaseStore.open(url, create=False) as store:  # audits need no identifiers key
        log = AuditLog(store)
        import_audit_files(log, ws.audits_dir)
        yield log


def import_audit_files(
    log: AuditLog, folder: Path, *, author: str = IMPORT_AUTHOR, move: bool = True
) -> list[dt.date]:
    """Import each ``YYYY-MM-DD.json`` in ``folder`` into the store, then move it to ``imported/``.

    A file whose audit is already the newest stored revision of its date (an import cut short
    before the move) is not stored again. ``move=False`` leaves the files where they are (the example
    audits shipped with casekit). Returns the dates imported.
    """
    imported = []
    for day, path in list_assessments(folder):
        content = _content(load_assessment(path))
        stored = log.load(day)
        if stored is None or stored.content != content:
            note = f"imported from {layout.AUDITS}/{path.name}"
            base = stored.revision if stored else 0
            try:
                log.save(day, content, based_on=base, author=author, note=note)
            except AuditConflictError:
                continue  # another process saved this date meanwhile: the file is imported next time
            imported.append(day)
        if not move:
            continue
        done = folder / "imported"
        done.mkdir(exist_ok=True)
        target = done / path.name
        if target.exists():
            target = done / f"{path.stem}-{log.head(day)}{path.suffix}"
        try:
            path.replace(target)
        except FileNotFoundError:
            continue  # another process imported and moved it meanwhile
    return imported


def store_example_audits(store: CaseStore) -> list[dt.date]:
    """Put the fictional example audits shipped with casekit into a new workspace's store."""
    from casekit.audit.examples import example_assessments_dir
    from casekit.store.audits import AuditLog

    return import_audit_files(AuditLog(store), example_assessments_dir(), author=EXAMPLES_AUTHOR, move=False)


def _content(assessment: SelfAssessment) -> str:
    return assessment.model_dump_json(indent=2)


def _stored(record: AuditRecord) -> StoredAudit:
    assessment = SelfAssessment.model_validate_json(record.content)
    return StoredAudit(assessment, record.revision, record.author, record.saved_at)


def save_assessment(
    assessment: SelfAssessment,
    workspace: str | Path | Workspace,
    *,
    based_on: int = 0,
    author: str = DEFAULT_AUTHOR,
) -> StoredAudit:
    """Store an assessment as a new revision of its date's audit.

    Parameters
    ----------
    assessment
        The assessment; its ``date`` names the audit.
    workspace
        The workspace (a Workspace, its folder, or its ``audits/`` folder).
    based_on
        The revision the edit started from; 0 for an audit of a date with none stored yet.
    author
        Who saved it (a role or alias, never a client's name).

    Raises
    ------
    AuditConflictError
        If someone saved this date after revision ``based_on`` (nothing is overwritten).
    """
    with audit_log(workspace) as log:
        record = log.save(assessment.date, _content(assessment), based_on=based_on, author=author)
    return _stored(record)


def stored_assessment(
    workspace: str | Path | Workspace, day: dt.date, revision: int | None = None
) -> StoredAudit | None:
    """The newest stored revision (or the one asked for) of the audit of ``day``; None if none."""
    with audit_log(workspace) as log:
        record = log.load(day, revision)
    return _stored(record) if record is not None else None


def stored_dates(workspace: str | Path | Workspace) -> list[dt.date]:
    """The dates with a stored audit in the workspace, oldest first."""
    with audit_log(workspace) as log:
        return log.dates()


def previous_stored_assessment(workspace: str | Path | Workspace, before: dt.date) -> StoredAudit | None:
    """The newest stored audit dated before ``before``, if any."""
    with audit_log(workspace) as log:
        earlier = [day for day in log.dates() if day < before]
        record = log.load(earlier[-1]) if earlier else None
    return _stored(record) if record is not None else None


# --------------------------------------------------------------------------------------------------
# Comparison

IMPROVED, SLIPPED, UNCHANGED, NEW, DROPPED = "improved", "slipped", "unchanged", "new", "dropped"


@dataclass(frozen=True)
class ItemChange:
    """How one item moved between two audits."""

    id: str
    theme: Theme
    area: Area
    prompt: str
    before: Rating | None
    after: Rating | None
    action: str
    owner: str | None
    new_action: bool

    @property
    def status(self) -> str:
        """``improved``, ``slipped``, ``unchanged``, ``new`` (not in the earlier audit) or ``dropped``."""
        if self.before is None:
            return NEW
        if self.after is None:
            return DROPPED
        if self.after.score > self.before.score:
            return IMPROVED
        if self.after.score < self.before.score:
            return SLIPPED
        return UNCHANGED


@dataclass(frozen=True)
class AssessmentComparison:
    """An audit beside the one before it (``previous_date`` is None for a first audit)."""

    previous_date: dt.date | None
    current_date: dt.date
    changes: tuple[ItemChange, ...]
    theme_scores: dict[Theme, tuple[float | None, float | None]]

    def with_status(self, status: str) -> list[ItemChange]:
        """Items with the given status."""
        return [c for c in self.changes if c.status == status]

    @property
    def improved(self) -> list[ItemChange]:
        """Items rated higher than last time."""
        return self.with_status(IMPROVED)

    @property
    def slipped(self) -> list[ItemChange]:
        """Items rated lower than last time."""
        return self.with_status(SLIPPED)

    @property
    def new_actions(self) -> list[ItemChange]:
        """Items whose action is new or changed since last time."""
        return [c for c in self.changes if c.new_action]


def compare_assessments(previous: SelfAssessment | None, current: SelfAssessment) -> AssessmentComparison:
    """Compare an assessment with the one before it, item by item and theme by theme.

    Parameters
    ----------
    previous
        The earlier assessment, or None for a first audit (every item is then ``new``).
    current
        This audit.
    """
    before: dict[str, AssessmentItem] = {i.id: i for i in previous.items} if previous else {}
    changes: list[ItemChange] = []
    for item in current.items:
        old = before.get(item.id)
        action = item.action.strip()
        changes.append(
            ItemChange(
                id=item.id,
                theme=item.theme,
                area=item.area,
                prompt=item.prompt,
                before=old.rating if old else None,
                after=item.rating,
                action=action,
                owner=item.owner,
                new_action=bool(action) and (old is None or old.action.strip() != action),
            )
        )
    current_ids = {i.id for i in current.items}
    for old in before.values():
        if old.id not in current_ids:
            changes.append(
                ItemChange(old.id, old.theme, old.area, old.prompt, old.rating, None, "", old.owner, False)
            )
    previous_scores = previous.theme_scores() if previous else dict.fromkeys(Theme)
    current_scores = current.theme_scores()
    return AssessmentComparison(
        previous_date=previous.date if previous else None,
        current_date=current.date,
        changes=tuple(changes),
        theme_scores={t: (previous_scores[t], current_scores[t]) for t in Theme},
    )
