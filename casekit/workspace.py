"""The workspace: the one owner of casekit's on-disk layout.

A workspace is a folder::

    casekit.toml          settings (a shared store URL, if the group uses one)
    .casekit/             private: the identifiers key (mode 0600)
    cases.db              the case store (SQLite, mode 0600) unless casekit.toml names another
    runs/                 executed workbooks
    exports/              de-identified summaries for the group
    instruments/          a clinic's own licensed instrument wording (never shipped with casekit)
    audits/               systems-of-care audits

Constructing a :class:`Workspace` does no I/O; :meth:`Workspace.create` and :meth:`Workspace.find`
touch the disk.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from casekit.errors import ConfigError, WorkspaceError
from casekit.fileio import atomic_write

if TYPE_CHECKING:
    from casekit.settings import Settings
    from casekit.store import CaseStore
    from casekit.store.crypto import KeySource

CONFIG_NAME = "casekit.toml"
WORKSPACE_FORMAT = 1

_CONFIG_TEMPLATE = f"""\
# casekit workspace settings.
[workspace]
format = {WORKSPACE_FORMAT}

[store]
# A group sharing one store on a JupyterHub sets its URL here (or in CASEKIT_DB_URL), e.g.
# url = "postgresql://casekit@db.internal/consultation"
# Without it, cases live in cases.db in this folder.
"""


class Workspace:
    """A casekit workspace folder.

    Parameters
    ----------
    root
        The workspace folder.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def __repr__(self) -> str:
        return f"Workspace({str(self.root)!r})"

    # ---- layout -----------------------------------------------------------------------------------
    @property
    def config_path(self) -> Path:
        """``casekit.toml``."""
        return self.root / CONFIG_NAME

    @property
    def private_dir(self) -> Path:
        """``.casekit/``, readable by the owner only."""
        return self.root / ".casekit"

    @property
    def key_path(self) -> Path:
        """The key file that opens the private identifiers."""
        return self.private_dir / "identifiers.key"

    @property
    def db_path(self) -> Path:
        """The default SQLite case store."""
        return self.root / "cases.db"

    @property
    def runs_dir(self) -> Path:
        """Executed workbooks."""
        return self.root / "runs"

    @property
    def exports_dir(self) -> Path:
        """De-identified summaries."""
        return self.root / "exports"

    @property
    def instruments_dir(self) -> Path:
        """A clinic's own licensed instrument files."""
        return self.root / "instruments"

    @property
    def audits_dir(self) -> Path:
        """Systems-of-care audits."""
        return self.root / "audits"

    def _folders(self) -> list[Path]:
        return [self.runs_dir, self.exports_dir, self.instruments_dir, self.audits_dir]

    # ---- create and find --------------------------------------------------------------------------
    @classmethod
    def create(cls, root: str | Path, *, examples: bool = False, db_url: str | None = None) -> Workspace:
        """Create a workspace in ``root`` (which may exist if it is not already a workspace).

        Writes ``casekit.toml``, a new key file (mode 0600), the store and the folders; with
        ``examples`` also imports casekit's fictional example cases. If anything fails, what was
        created is removed again.

        Raises
        ------
        WorkspaceError
            If ``root`` is already a workspace, is a file, or is not writable.
        """
        ws = cls(Path(root).expanduser().resolve())
        if ws.root.is_file():
            raise WorkspaceError(f"{ws.root}: is a file; give a folder for the workspace")
        if ws.config_path.exists():
            raise WorkspaceError(
                f"{ws.root}: is already a casekit workspace; use it as it is, or choose another folder"
            )
        created: list[Path] = []
        try:
            if not ws.root.exists():
                ws.root.mkdir(parents=True)
                created.append(ws.root)
            ws.private_dir.mkdir(mode=0o700)
            created.append(ws.private_dir)
            for folder in ws._folders():
                if not folder.exists():
                    folder.mkdir()
                    created.append(folder)
            from casekit.store.crypto import generate_key_file

            generate_key_file(ws.key_path)
            with ws.open_store(db_url=db_url) as store:
                if not db_url:
                    created.append(ws.db_path)
                if examples:
                    from casekit.examples import load_examples
                    from casekit.examples.recorded_sessions import record_example_sessions

                    for case in load_examples():
                        store.create(case, author="casekit examples")
                    record_example_sessions(store)
            atomic_write(ws.config_path, _CONFIG_TEMPLATE)
        except PermissionError:
            _remove(created)
            raise WorkspaceError(f"{ws.root}: not writable; choose a folder you can write to") from None
        except BaseException:
            _remove(created)
            raise
        return ws

    @classmethod
    def find(cls, root: str | Path) -> Workspace:
        """Open an existing workspace.

        Raises
        ------
        WorkspaceError
            If ``root`` is not a casekit workspace.
        """
        ws = cls(Path(root).expanduser().resolve())
        if not ws.config_path.is_file():
            raise WorkspaceError(
                f"{ws.root}: not a casekit workspace (no {CONFIG_NAME}); run `casekit init` there, "
                f"or pass --workspace DIR"
            )
        ws.config()  # fail early on a broken settings file
        return ws

    # ---- settings and store -----------------------------------------------------------------------
    def config(self) -> dict:
        """The parsed ``casekit.toml`` (empty if there is none yet)."""
        if not self.config_path.exists():
            return {}
        try:
            return tomllib.loads(self.config_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{self.config_path}: not valid TOML ({exc}); fix or remove the line") from None

    def db_url(self, override: str | None = None) -> str:
        """The store URL: ``override``, else ``[store] url`` in casekit.toml, else ``cases.db``."""
        if override:
            return override
        url = self.config().get("store", {}).get("url")
        if url is not None and not isinstance(url, str):
            raise ConfigError(f"{self.config_path}: [store] url must be text in quotes")
        return url or f"sqlite:///{self.db_path}"

    def key_source(self, passphrase: str | None = None) -> KeySource | None:
        """The key that opens the private identifiers: a passphrase if given, else the key file."""
        from casekit.store.crypto import KeyFile, Passphrase

        if passphrase:
            return Passphrase(passphrase)
        if self.key_path.exists():
            return KeyFile(self.key_path)
        return None

    def open_store(self, *, db_url: str | None = None, passphrase: str | None = None) -> CaseStore:
        """Open this workspace's case store (use it as a context manager)."""
        from casekit.store import CaseStore

        return CaseStore.open(self.db_url(db_url), key=self.key_source(passphrase))

    def open_store_with(self, settings: Settings) -> CaseStore:
        """Open the store the resolved settings point at."""
        return self.open_store(db_url=settings.db_url, passphrase=settings.passphrase)


def _remove(paths: list[Path]) -> None:
    for path in reversed(paths):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
