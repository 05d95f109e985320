"""Store self-assessments in the workspace, load them back, and compare one audit with the last.

The layout is owned here: one file per audit, ``AUDITS/YYYY-MM-DD.json``, where ``AUDITS`` is the
workspace's ``audits/`` folder (:func:`audits_dir`). Files are written to a temporary file and renamed,
so an interrupted save never leaves half an assessment behind.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from casekit import layout
from casekit.audit.assessment import Area, AssessmentItem, Rating, SelfAssessment, Theme
from casekit.errors import AuditError
from casekit.fileio import write_replacing

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


def save_assessment(assessment: SelfAssessment, directory: str | Path) -> Path:
    """Save an assessment as ``directory/YYYY-MM-DD.json`` (replacing that day's earlier save).

    Parameters
    ----------
    assessment
        The assessment; its ``date`` names the file.
    directory
        The audits folder (see :func:`audits_dir`); created if missing.

    Returns
    -------
    Path
        The file written.
    """
    path = layout.audit_path(directory, assessment.date)
    data = assessment.model_dump_json(indent=2).encode("utf-8") + b"\n"
    try:
        return write_atomic(path, data)
    except OSError as exc:
        raise AuditError(
            f"{path}: cannot save the assessment ({exc.strerror}); check the folder exists and is writable"
        ) from None


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
    """Stored assessments in ``directory``, oldest first (other files are ignored)."""
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
    """The newest stored assessment dated before ``before``, if any."""
    earlier = [path for day, path in list_assessments(directory) if day < before]
    return earlier[-1] if earlier else None


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
