"""The workspace: its folder, settings, key and store (where things live inside it: :mod:`casekit.layout`).

A workspace is a folder::

    casekit.toml          settings (a shared store URL, if the group uses one)
    .casekit/             private: the identifiers key (mode 0600) and the keep-list
    cases.db              the case store (SQLite, mode 0600) unless casekit.toml names another
    runs/                 executed workbooks
    exports/              de-identified summaries for the group
    instruments/          a clinic's own licensed instrument wording (never shipped with casekit)
    audits/               older casekit's audit files (audits now live in the store; imported once)

Constructing a :class:`Workspace` does no I/O; :meth:`Workspace.create` and :meth:`Workspace.find`
touch the disk.
"""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from casekit import layout
from casekit.errors import ConfigError, WorkspaceError
from casekit.fileio import atomic_write

if TYPE_CHECKING:
    from casekit.settings import Settings
    from casekit.store import CaseStore
    from casekit.store.crypto import KeySource

CONFIG_NAME = "casekit.toml"
KEEP_LIST_NAME = "keep-list.txt"
#: Longest term the keep-list takes (a word or a short phrase, never a passage).
KEEP_TERM_MAX = 60

_KEEP_LIST_HEADER = """\
# Words and short phrases this workspace's presenters decided are not identifying, once for every
# case (`casekit deid review` adds them). De-identification leaves them as written where only name
# recognition or a capital letter suggested a name; a case's own names and places are removed anyway.
# One term per line; lines starting with # are notes.
"""
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
    def keep_list_path(self) -> Path:
        """The keep-list: words the presenters decided, once for every case, are not identifying."""
        return self.private_dir / KEEP_LIST_NAME

    @property
    def db_path(self) -> Path:
        """The default SQLite case store."""
        return self.root / "cases.db"

    @property
    def runs_dir(self) -> Path:
        """Executed workbooks."""
        return layout.runs_dir(self.root)

    @property
    def exports_dir(self) -> Path:
        """De-identified summaries."""
        return layout.exports_dir(self.root)

    @property
    def instruments_dir(self) -> Path:
        """A clinic's own licensed instrument files."""
        return layout.instruments_dir(self.root)

    @property
    def audits_dir(self) -> Path:
        """Systems-of-care audits."""
        return layout.audits_dir(self.root)

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
            with ws.open_store(db_url=db_url, create=True) as store:
                if not db_url:
                    created.append(ws.db_path)
                if examples:
                    from casekit.audit.history import store_example_audits
                    from casekit.examples import load_examples
                    from casekit.examples.recorded_sessions import record_example_sessions

                    for case in load_examples():
                        store.create(case, author="casekit examples")
                    record_example_sessions(store)
                    store_example_audits(store)
            atomic_write(ws.config_path, _CONFIG_TEMPLATE)
        except PermissionError:
            _remove(created)
            raise WorkspaceError(f"{ws.root}: not writable; choose a folder you can write to") from None
        except OSError as exc:
            _remove(created)
            raise WorkspaceError(
                f"{ws.root}: cannot be created ({exc.strerror or type(exc).__name__}); "
                f"choose a folder you can write to"
            ) from None
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
        store = self.config().get("store", {})
        if not isinstance(store, dict):
            raise ConfigError(
                f'{self.config_path}: store must be a section: a line [store] with url = "..." below it'
            )
        url = store.get("url")
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

    # ---- keep-list ------------------------------------------------------------------------------------
    def keep_list(self) -> list[str]:
        """The workspace's keep-list (empty when nothing was kept yet), for the scrubber's ``keep_list``.

        Raises
        ------
        ConfigError
            If the file is not UTF-8 text.
        """
        try:
            raw = self.keep_list_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except UnicodeDecodeError:
            raise ConfigError(
                f"{self.keep_list_path}: is not UTF-8 text; save it as UTF-8 or remove it"
            ) from None
        return parse_keep_list(raw)

    def add_to_keep_list(self, terms: Iterable[str]) -> list[str]:
        """Add ``terms`` to the keep-list (each once, whatever its case); returns the ones that were new.

        Raises
        ------
        ConfigError
            If a term is empty, spans lines, or is longer than :data:`KEEP_TERM_MAX` characters.
        """
        current = self.keep_list()
        seen = {_keep_key(t) for t in current}
        added: list[str] = []
        for term in terms:
            clean = " ".join(term.split())
            if not clean or "\n" in term or len(clean) > KEEP_TERM_MAX or clean.startswith("#"):
                raise ConfigError(
                    f"keep-list: {clean[:20]!r}… is not a word or short phrase; keep it for this case only"
                )
            if _keep_key(clean) not in seen:
                seen.add(_keep_key(clean))
                added.append(clean)
        if added:
            self.private_dir.mkdir(mode=0o700, exist_ok=True)
            body = "".join(f"{t}\n" for t in [*current, *added])
            atomic_write(self.keep_list_path, _KEEP_LIST_HEADER + body, mode=0o600)
        return added

    def open_store(
        self, *, db_url: str | None = None, passphrase: str | None = None, create: bool = False
    ) -> CaseStore:
        """Open this workspace's case store (use it as a context manager).

        A missing or empty SQLite store file is refused (a mistyped path must not become a new, empty
        store) unless ``create`` is true, as it is when the workspace is made.
        """
        from casekit.store import CaseStore

        return CaseStore.open(self.db_url(db_url), key=self.key_source(passphrase), create=create)

    def open_store_with(self, settings: Settings) -> CaseStore:
        """Open the store the resolved settings point at."""
        return self.open_store(db_url=settings.db_url, passphrase=settings.passphrase)


def parse_keep_list(text: str) -> list[str]:
    """The terms of a keep-list file: one a line, blank lines and ``#`` notes left out."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        term = " ".join(line.split())
        if term and not term.startswith("#"):
            out.setdefault(_keep_key(term), term)
    return list(out.values())


def _keep_key(term: str) -> str:
    return " ".join(term.casefold().split())


def _remove(paths: list[Path]) -> None:
    for path in reversed(paths):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
