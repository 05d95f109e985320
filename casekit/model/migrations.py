"""Schema versions of stored cases and the chain of migrations between them.

Every stored or imported case carries ``schema_version``. Before validation, :func:`upgrade` runs the
small pure functions in :data:`MIGRATIONS`, one version step at a time, so a case written by an older
casekit is read by a newer one. A case from a newer casekit is refused with a message that says so.

This is the case *format*; the store's *tables* have their own migrations
(:mod:`casekit.store.migrations`, on alembic). Stored revisions are never rewritten: an old revision
stays in its old format in the store and is upgraded here each time it is read.

To add a case-format change (version N to N+1):

1. Change the model, bump :data:`casekit.model.case.SCHEMA_VERSION` (and the ``Literal`` of
   ``Case.schema_version``) to N+1, and regenerate ``casekit/model/case.schema.json`` (see
   :mod:`casekit.model.json_schema`).
2. Write a small pure function ``_vN_to_vN1(data: dict) -> dict`` here that turns a version-N dict
   into a version-N+1 dict (rename, split or default a field) and changes nothing else; never read
   files, the clock or the store in it. Register it as ``MIGRATIONS[N] = _vN_to_vN1``; :func:`upgrade`
   sets ``schema_version`` itself.
3. Add tests in ``tests/model`` with a case of the old shape (fictional) showing what it becomes. The
   casekit 0.1.0 store in ``tests/store/fixtures`` holds version-1 revisions, so its tests check that
   the whole chain still reads every revision written by that release.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from casekit.errors import SchemaVersionError
from casekit.model.case import SCHEMA_VERSION

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 lets every entry say how its words were obtained, their language and who wrote them.

    A version-1 entry never recorded any of this, so it is left as it was: its ``obtained`` stays
    unset and it is shown as "not marked as word for word", never as the client's own words.
    """
    return data


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 keeps the language of a client's feedback in one place: its comments entry's tag.

    A version-2 feedback entry could also carry ``language`` itself (paper and client cards set both).
    It is moved onto ``comments`` (an empty entry in the client's voice if there were no comments)
    unless the comments entry already names its language, which is then kept as the one source.
    """
    for feedback in data.get("feedback") or ():
        language = feedback.pop("language", None) if isinstance(feedback, dict) else None
        if not language:
            continue
        comments = feedback.setdefault("comments", {"text": "", "voice": "client"})
        if isinstance(comments, dict) and not comments.get("language"):
            comments["language"] = language
    return data


#: ``MIGRATIONS[n]`` turns a case dict of schema version ``n`` into one of version ``n + 1``.
MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3}


def upgrade(
    data: Mapping[str, Any],
    *,
    source: str,
    migrations: Mapping[int, Migration] | None = None,
    target: int = SCHEMA_VERSION,
) -> dict[str, Any]:
    """Return a copy of ``data`` upgraded to schema version ``target``.

    Parameters
    ----------
    data
        A case as parsed from JSON.
    source
        Where the case came from (a file name or ``case CK-0001 revision 3``), for error messages.
    migrations, target
        The chain to use and the version to reach; default to this casekit's own.

    Raises
    ------
    SchemaVersionError
        If the version is missing, not a whole number, newer than ``target`` or has no migration.
    """
    chain = MIGRATIONS if migrations is None else migrations
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise SchemaVersionError(
            f"{source}: schema_version is missing or not a whole number; set "
            f'"schema_version": {target} if this is a casekit case file',
            field="schema_version",
        )
    if version > target:
        raise SchemaVersionError(
            f"{source}: schema_version {version} is newer than this casekit reads ({target}); "
            f"upgrade casekit to open it",
            field="schema_version",
        )
    if version < 1:
        raise SchemaVersionError(
            f"{source}: schema_version {version} is not a casekit schema version (they start at 1); "
            f"check it is a casekit case file",
            field="schema_version",
        )
    out = copy.deepcopy(dict(data))
    while version < target:
        step = chain.get(version)
        if step is None:
            raise SchemaVersionError(
                f"{source}: no migration from schema_version {version}; this file was not written by "
                f"casekit or needs an older casekit to convert it",
                field="schema_version",
            )
        out = step(out)
        version += 1
        out["schema_version"] = version
    return out
