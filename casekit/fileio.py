"""Small file helpers: atomic writes and input files read with clear errors.

Every file casekit writes goes through :func:`atomic_write`, so an interrupted or refused write
leaves the old file (or nothing) behind, never half a file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from casekit.errors import CasekitError, InputFileError, WorkspaceError


def atomic_write(path: Path, data: bytes | str, *, mode: int = 0o644) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    Parameters
    ----------
    path
        The file to write; its folder must exist.
    data
        Bytes, or text written as UTF-8.
    mode
        File permissions (use ``0o600`` for anything holding identifiers).

    Raises
    ------
    WorkspaceError
        If the folder does not exist or is not writable.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise WorkspaceError(
            f"{path}: is not an ordinary file (a folder, link, device or pipe), so casekit will not "
            f"replace it; choose another path"
        )
    try:
        return write_replacing(path, payload, mode=mode, error=WorkspaceError)
    except OSError as exc:
        raise WorkspaceError(
            f"{path}: could not be written ({exc.strerror or type(exc).__name__}); nothing was changed; "
            f"free some disk space or choose another folder"
        ) from None


def write_replacing(path: Path, payload: bytes, *, mode: int, error: type[CasekitError]) -> Path:
    """Write ``payload`` to a temporary file beside ``path``, flush it, then rename it over ``path``.

    The core of :func:`atomic_write`, for callers that report a failed write in their own words: an
    ``OSError`` while writing is raised as it is, after the temporary file is removed.

    Raises
    ------
    CasekitError
        ``error``, if the folder does not exist or is not writable.
    """
    tmp = temp_file_beside(path, error)
    try:
        write_synced(tmp, payload, mode)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def temp_file_beside(path: Path, error: type[CasekitError]) -> Path:
    """Create an empty temporary file in ``path``'s folder (named after it) and return its path.

    Raises
    ------
    CasekitError
        ``error``, if the folder does not exist or is not writable.
    """
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except FileNotFoundError:
        raise error(f"{path.parent}: folder does not exist; create it first") from None
    except PermissionError:
        raise error(f"{path.parent}: folder is not writable; check its permissions") from None
    os.close(fd)
    return Path(tmp)


def write_synced(tmp: Path, payload: bytes, mode: int) -> None:
    """Write ``payload`` into ``tmp``, flush it to disk, then give ``tmp`` permissions ``mode``."""
    with tmp.open("wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    tmp.chmod(mode)


def ensure_folder(path: str | os.PathLike[str]) -> Path:
    """Create the folder ``path`` (and its parents) if missing; return it.

    Raises
    ------
    WorkspaceError
        If something other than a folder is in the way, or the folder cannot be created.
    """
    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise WorkspaceError(
            f"{folder}: is not a folder (a file or device is in the way); choose a folder to write into"
        ) from None
    except OSError as exc:
        raise WorkspaceError(
            f"{folder}: cannot be created ({exc.strerror or type(exc).__name__}); choose a folder you "
            f"can write to"
        ) from None
    return folder


def read_input_file(path: str | os.PathLike[str], *, max_bytes: int, what: str = "file") -> bytes:
    """Read a file a user named, with one-line errors that say what to do.

    Raises
    ------
    InputFileError
        If it does not exist, is a folder, cannot be read or is larger than ``max_bytes``.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputFileError(f"{p}: no such {what}; check the path") from None
    except PermissionError:
        raise InputFileError(f"{p}: permission denied; check the file's permissions") from None
    if p.is_dir():
        raise InputFileError(f"{p}: is a folder; give the path of a {what}")
    if size > max_bytes:
        raise InputFileError(
            f"{p}: {size:,} bytes is more than the {max_bytes:,} a {what} may be; check it is the right file"
        )
    try:
        return p.read_bytes()
    except PermissionError:
        raise InputFileError(f"{p}: permission denied; check the file's permissions") from None
