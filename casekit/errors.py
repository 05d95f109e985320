"""The one error hierarchy of casekit.

Every error a user can meet is a :class:`CasekitError` whose message is one line that names the field
or file at fault and says how to fix it. Library code raises; only :mod:`casekit.cli` prints and exits.

Messages never contain the content of a private identifier: they name fields, files and case ids
only, so that a traceback or a log line cannot leak what the client is called.

This module imports nothing from casekit.
"""

from __future__ import annotations


class CasekitError(Exception):
    """Base class of every error casekit raises on purpose.

    Parameters
    ----------
    message
        One line: what is wrong, where (field or file), and the fix.
    """

    exit_code: int = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class WorkspaceError(CasekitError):
    """The workspace is missing, incomplete or not writable."""


class ConfigError(CasekitError):
    """A setting (option, environment variable or config file) is invalid."""


class CaseValidationError(CasekitError):
    """A case, or a part of one, does not satisfy the case model."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class CaseIdError(CaseValidationError):
    """A case id is not a valid pseudonymous code."""


class SchemaVersionError(CaseValidationError):
    """A stored case has a schema version this casekit cannot read."""


class InputFileError(CasekitError):
    """A file given to casekit cannot be read (missing, not UTF-8, not JSON, too large)."""


class CaseNotFoundError(CasekitError):
    """No case (or no such revision of a case) exists in the store."""

    exit_code = 3


class CaseExistsError(CasekitError):
    """A new case was given an id that is already taken."""


class RevisionConflictError(CasekitError):
    """A save was based on a revision that is no longer the newest one.

    Attributes
    ----------
    case_id, based_on, head
        The case, the revision the save started from, and the newest stored revision.
    """

    exit_code = 4

    def __init__(self, case_id: str, based_on: int | None, head: int) -> None:
        super().__init__(
            f"case {case_id}: someone saved revision {head} after the revision {based_on} you started "
            f"from; load revision {head} or save your version again as a new revision "
            f"(nothing was overwritten)"
        )
        self.case_id = case_id
        self.based_on = based_on
        self.head = head


class AuditConflictError(RevisionConflictError):
    """A save of a self-assessment audit was based on a revision that is no longer the newest one."""

    def __init__(self, day: str, based_on: int | None, head: int) -> None:
        CasekitError.__init__(
            self,
            f"audit of {day}: someone saved revision {head} after the revision {based_on} you started "
            f"from; open the stored audit, add your changes there and save again (nothing was overwritten)",
        )
        self.case_id = f"audit {day}"
        self.based_on = based_on
        self.head = head


class EncryptionKeyError(CasekitError):
    """The key for the private identifiers is missing, unreadable or wrong."""

    exit_code = 5


class AccessDeniedError(CasekitError):
    """In a people-access store, the person holds no key for what was asked (or may not manage it)."""

    exit_code = 8


class KeyNotApprovedError(ConfigError):
    """A person's personal key waits for the privacy lead's approval (or was refused), so nothing may
    be wrapped for it: no case key, no shared snapshot, no session key. A :class:`ConfigError`, as for
    a person not registered at all: code that gives keys only to registered people skips them."""


class StoreError(CasekitError):
    """The case store cannot be reached or is in a state casekit does not understand."""


class StoreTooNewError(StoreError):
    """The store's tables were laid out by a newer casekit than this one."""

    exit_code = 6


class StoreUpgradeNeededError(StoreError):
    """The store's tables were laid out by an older casekit; ``casekit store upgrade`` brings them up."""

    exit_code = 7


class AccessLogBrokenError(StoreError):
    """The access log's hash chain is broken: an entry was changed, removed, inserted or moved.

    Attributes
    ----------
    seq
        The sequence number of the first bad entry.
    """

    exit_code = 9

    def __init__(self, message: str, *, seq: int) -> None:
        super().__init__(message)
        self.seq = seq


class DeidentificationError(CasekitError):
    """De-identification could not be completed safely."""


class ResidualIdentifierError(DeidentificationError):
    """A known identifier survived scrubbing; the output was not written."""


class ExportError(CasekitError):
    """An export could not be produced; nothing was written."""


class ExportGateError(ExportError):
    """The de-identification gate refused an export."""


class ConsentError(ExportGateError):
    """The case's record of consent to consultation does not cover who the export is for."""


class WorkbookError(CasekitError):
    """A workbook failed to run; the message names the workbook and the cell."""


class AuditError(CasekitError):
    """A systems-of-care audit input could not be read or scored."""


class InstrumentError(CasekitError):
    """A clinic's instrument file (``instruments/*.toml``) or the answers given to it cannot be used."""


class FeedbackCardError(CasekitError):
    """A paper feedback card cannot be printed in that language, or its typed-back answers are invalid."""


class SessionError(CasekitError):
    """A live consultation session cannot do what was asked (no such stage, not set up, bad entry)."""


class CatalogueError(CasekitError):
    """A message catalogue (casekit/locale) is missing, unreadable or incomplete."""


class CardLinkError(CasekitError):
    """A client card link cannot be made or opened (unknown, used, expired, or a bad setting)."""
