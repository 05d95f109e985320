"""The alembic environment of the case store: run online, on the connection casekit passes in.

casekit runs this through :mod:`casekit.store.migrations` (alembic's command API with
``config.attributes["connection"]`` set, inside casekit's own locked transaction); there is no
``alembic.ini``. For a developer writing a new revision, ``target_metadata`` is the store's live
tables, so ``alembic revision --autogenerate`` can propose the change.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import MetaData

from casekit.store.migrations import VERSION_TABLE


def _live_tables() -> MetaData:
    """Every table casekit keeps in a store, in one MetaData (for autogenerate only)."""
    from casekit.store.session_events import session_metadata
    from casekit.store.tables import metadata

    combined = MetaData()
    for source in (metadata, session_metadata):
        for table in source.tables.values():
            table.to_metadata(combined)
    return combined


def run_migrations() -> None:
    """Run the migrations on the connection in ``config.attributes`` (online mode only)."""
    if context.is_offline_mode():
        raise RuntimeError("casekit store migrations run online, on a connection casekit opens")
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=_live_tables(),
        version_table=VERSION_TABLE,
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
