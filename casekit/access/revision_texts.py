"""A revision's note and author alias in a people-access store, sealed with the case's data key.

The revision row (append-only) keeps both empty; each text is a row of ``casekit_revision_texts``
sealed exactly as the body is (:func:`casekit.access.envelope.seal_text`: AES-256-GCM bound to the
case, the revision, the key version and the field), so :func:`casekit.access.grants.rotate` re-seals
them with the body. Revisions saved before texts were sealed have no rows here and keep their
readable columns.
"""

from __future__ import annotations

from sqlalchemy import Connection, insert, select, update

from casekit.access.envelope import CaseKey, open_text, seal_text
from casekit.errors import StoreError
from casekit.store.tables import revision_texts_table

#: The sealed fields of a revision.
NOTE = "note"
AUTHOR = "author"
FIELDS = (NOTE, AUTHOR)


def seal(conn: Connection, key: CaseKey, case_id: str, revision: int, texts: dict[str, str]) -> None:
    """Store ``texts`` (field -> text; only :data:`FIELDS`) of a new revision, sealed under ``key``."""
    rows = []
    for field, text in texts.items():
        if field not in FIELDS:
            raise ValueError(f"{field}: not a sealed revision field")
        nonce, blob = seal_text(key, case_id, revision, field, text)
        rows.append(
            {"case_id": case_id, "revision": revision, "field": field, "key_version": key.version}
            | {"nonce": nonce, "blob": blob}
        )
    if rows:
        conn.execute(insert(revision_texts_table), rows)


def read(
    conn: Connection, key: CaseKey, case_id: str, revision: int | None = None
) -> dict[int, dict[str, str]]:
    """The opened texts of the case's revisions (or of one): revision -> field -> text.

    Raises
    ------
    StoreError
        If a sealed text does not open with the case's key (damaged, or moved to another place).
    """
    t = revision_texts_table
    query = select(t).where(t.c.case_id == case_id)
    if revision is not None:
        query = query.where(t.c.revision == revision)
    out: dict[int, dict[str, str]] = {}
    for row in conn.execute(query).all():
        text = None
        if row.key_version == key.version:
            text = open_text(key, case_id, row.revision, row.field, row.nonce, row.blob)
        if text is None:
            raise StoreError(
                f"case {case_id} revision {row.revision}: its sealed {row.field} does not open with the "
                f"case's key (damaged or moved); the case itself is intact"
            )
        out.setdefault(row.revision, {})[row.field] = text
    return out


def reseal(conn: Connection, case_id: str, old: CaseKey, new: CaseKey) -> None:
    """Re-seal every text of the case under ``new`` (a rotation), in the caller's transaction.

    Raises
    ------
    StoreError
        If a text does not open with ``old``; the caller's transaction then rotates nothing.
    """
    t = revision_texts_table
    for revision, texts in read(conn, old, case_id).items():
        for field, text in texts.items():
            nonce, blob = seal_text(new, case_id, revision, field, text)
            conn.execute(
                update(t)
                .where(t.c.case_id == case_id, t.c.revision == revision, t.c.field == field)
                .values(key_version=new.version, nonce=nonce, blob=blob)
            )
