"""The case store: the only owner of persistence (SQLite by default, PostgreSQL by URL).

Every save is a new revision; a save based on a stale revision is refused; the private identifiers
are encrypted at rest. See :class:`CaseStore`.
"""

from casekit.store.crypto import KeyFile, KeySource, Passphrase, generate_key_file
from casekit.store.records import CaseRecord, CaseSummary, RevisionInfo
from casekit.store.store import CaseStore

__all__ = [
    "CaseRecord",
    "CaseStore",
    "CaseSummary",
    "KeyFile",
    "KeySource",
    "Passphrase",
    "RevisionInfo",
    "generate_key_file",
]
