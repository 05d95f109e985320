"""An in-memory stand-in with the CaseStore API, used only until casekit.store lands on main.

Cases go through JSON on the way in and out, as they would through a database, so a test cannot
pass by sharing objects with the store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casekit.errors import CaseExistsError, CaseNotFoundError, RevisionConflictError
from casekit.model import Case, case_to_json, parse_case_json


@dataclass(frozen=True)
class MemRecord:
    case: Case
    revision: int
    saved_at: dt.datetime
    author: str
    identifiers_locked: bool = False


class MemoryStore:
    def __init__(self) -> None:
        self._revs: dict[str, list[tuple[str, str]]] = {}
        self.closed = False

    def _record(self, case_id: str, revision: int) -> MemRecord:
        raw, author = self._revs[case_id][revision - 1]
        case = parse_case_json(raw, source="memory")
        return MemRecord(case, revision, dt.datetime.now(dt.UTC), author)

    def create(self, case: Case, *, author: str) -> MemRecord:
        if case.meta.case_id in self._revs:
            raise CaseExistsError(f"case {case.meta.case_id} exists")
        self._revs[case.meta.case_id] = [(case_to_json(case, include_identifiers=True), author)]
        return self._record(case.meta.case_id, 1)

    def save(self, case: Case, *, based_on: int, author: str, note: str = "") -> MemRecord:
        head = self.head(case.meta.case_id)
        if based_on != head:
            raise RevisionConflictError(case.meta.case_id, based_on, head)
        self._revs[case.meta.case_id].append((case_to_json(case, include_identifiers=True), author))
        return self._record(case.meta.case_id, head + 1)

    def head(self, case_id: str) -> int:
        if case_id not in self._revs:
            raise CaseNotFoundError(f"case {case_id}: not found")
        return len(self._revs[case_id])

    def load(self, case_id: str, revision: int | None = None) -> MemRecord:
        return self._record(case_id, revision or self.head(case_id))

    def close(self) -> None:
        self.closed = True
