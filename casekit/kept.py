"""What de-identification made of a case revision, kept, so a workbook run again needs no name model.

Scrubbing a case runs the name model (spaCy) over every text, and loading the model alone takes
seconds. What a scrub returns depends only on the case (its text, private identifiers and the
presenter's review decisions), the scrubber's settings, the calls made before it on the same scrubber
(pseudonyms are handed out in order) and casekit's code. So :class:`KeptScrubber` keeps each call's
result and hands it back while the same sequence of calls repeats on the same revision: what review
approved is shown exactly so, and the model is not loaded.

Where: ``WORKSPACE/.casekit/cache/deid/<case id>/<key>.json`` (folders 0700, files 0600).

What: scrubbed text and what was replaced or flagged (category, place, offsets, label, keyed
fingerprint) -- never an original span: those fields are left out, so a kept result holds nothing
that was removed. It is scanned for every known form of the case's identifiers before it is kept
and again when it is read back; one that holds any is neither kept nor used.

Keys are HMAC-SHA256 under the case's fingerprint secret (derived from the workspace key): the first
call's of the whole case (content, identifiers, decisions), whether name recognition is on, and the
hash of casekit's code and library versions (:func:`casekit.export.cache.code_fingerprint`); each
later call's of the previous key and its own input. Any change to any of them is a new key.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.deid import Scrubber

if TYPE_CHECKING:
    from casekit.deid.report import ScrubResult
    from casekit.model import Case


def kept_dir(private_dir: Path) -> Path:
    """The folder of kept de-identification results inside a workspace's private ``.casekit/`` folder."""
    from casekit.layout import kept_deid_dir

    return kept_deid_dir(private_dir)


def case_key(case: Case, secret: bytes, *, use_ner: bool, keep_list: Iterable[str] = ()) -> str:
    """The key a scrubber's chain of calls starts from (see the module docstring).

    The workspace keep-list the scrubber was given is part of it, so a word kept (or no longer kept)
    is never answered from an old result.
    """
    from casekit.export.cache import code_fingerprint

    material = {
        "case": case.model_dump(mode="json"),
        "use_ner": use_ner,
        "keep_list": sorted(keep_list),
        "code": code_fingerprint(),
    }
    payload = json.dumps(material, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hmac.new(secret, b"casekit-deid-cache\x00" + payload.encode("utf-8"), hashlib.sha256).hexdigest()


class KeptScrubber(Scrubber):
    """A scrubber that hands back kept results for a sequence of scrubs it has made before.

    Call :meth:`keep_in` first (without it, it is a plain :class:`~casekit.deid.Scrubber`). Each call's
    key chains the previous call's key. While every call is found kept, nothing is scrubbed; the first
    call that is not replays the calls before it for real (rebuilding pseudonyms and report) and goes
    on for real from there, keeping each result for the next time.
    """

    _folder: Path | None = None
    _secret_key: bytes = b""
    _chain: str = ""
    _history: list[tuple[Any, ...]] | None = None

    def keep_in(self, private_dir: Path | None, case: Case, secret: bytes | None, *, use_ner: bool) -> None:
        """Keep and reuse results under ``private_dir`` (nothing is kept without a folder and a secret)."""
        if private_dir is None or secret is None:
            return
        self._folder = kept_dir(private_dir) / case.meta.case_id
        self._secret_key = secret
        self._chain = case_key(case, secret, use_ner=use_ner, keep_list=self._keep_list)
        self._history = []
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        # A copy gets the same keys and history, and a lock of its own.
        state = self.__dict__.copy()
        state.pop("_lock", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        if self._folder is not None:
            self._lock = threading.Lock()

    def scrub(self, text: str, where: str = "text", *, check: bool = True) -> ScrubResult:
        """As :meth:`Scrubber.scrub`, from the kept results while the same sequence of calls repeats."""
        return self._kept(("one", text, where, check))[0]

    def scrub_many(self, items: Any, *, check: bool = True) -> list[ScrubResult]:
        """As :meth:`Scrubber.scrub_many`, from the kept results while the same sequence of calls repeats."""
        return self._kept(("many", [tuple(i) for i in items], check))

    def _real(self, call: tuple[Any, ...]) -> list[ScrubResult]:
        if call[0] == "one":
            return [super().scrub(call[1], call[2], check=call[3])]
        return super().scrub_many(call[1], check=call[2])

    def _kept(self, call: tuple[Any, ...]) -> list[ScrubResult]:
        if self._folder is None:
            return self._real(call)
        with self._lock:
            payload = json.dumps([self._chain, call], ensure_ascii=False, default=str).encode("utf-8")
            self._chain = hmac.new(
                self._secret_key, b"casekit-deid-call\x00" + payload, hashlib.sha256
            ).hexdigest()
            path = self._folder / f"{self._chain}.json"
            if self._history is not None and (results := _read_results(path, self.identifiers)) is not None:
                self._history.append(call)
                for result in results:
                    self.report.extend(result)
                return results
            if self._history:
                # A call not seen before: replay the kept ones for real first (pseudonyms, report).
                from casekit.deid.report import Report

                self.report = Report()
                for earlier in self._history:
                    self._real(earlier)
            self._history = None  # from here on every call is real
            results = self._real(call)
            _keep(path, results, self.identifiers)
            return results


def private_dir_of(workspace: str | None) -> Path | None:
    """The private folder of the workspace a workbook names ("" or None: ``CASEKIT_WORKSPACE`` or here)."""
    from casekit.errors import CasekitError
    from casekit.settings import resolve
    from casekit.workspace import Workspace

    try:
        return Workspace.find(resolve(workspace=workspace or None).workspace).private_dir
    except CasekitError:
        return None


def _clear(data: str, identifiers: Any) -> bool:
    """Whether ``data`` holds none of the case's known identifier forms."""
    from casekit.deid.scan import scan_for_identifiers

    return not scan_for_identifiers(data, identifiers)


def _read_results(path: Path, identifiers: Any) -> list[ScrubResult] | None:
    """Kept results (without any original text), or None if missing, unreadable or not clear."""
    from casekit.deid.report import Finding, Replacement, ScrubResult

    try:
        data = path.read_text(encoding="utf-8")
        if not _clear(data, identifiers):
            return None
        return [
            ScrubResult(
                r["text"],
                [Replacement(**x) for x in r["replacements"]],
                [Finding(**x) for x in r["findings"]],
            )
            for r in json.loads(data)
        ]
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError):
        return None


def _keep(path: Path, results: list[ScrubResult], identifiers: Any) -> None:
    """Keep results with their original spans left out; nothing if the text is not clear."""
    from casekit.errors import WorkspaceError
    from casekit.export.cache import prune
    from casekit.fileio import atomic_write

    def public(item: Any) -> dict[str, Any]:
        out = dataclasses.asdict(item)
        out.pop("original", None)
        return out

    rows = [
        {
            "text": r.text,
            "replacements": [public(x) for x in r.replacements],
            "findings": [public(x) for x in r.findings],
        }
        for r in results
    ]
    data = json.dumps(rows, ensure_ascii=False)
    if not _clear(data, identifiers):
        return
    try:
        for folder in reversed([path.parent, *list(path.parent.parents)[:2]]):
            folder.mkdir(mode=0o700, exist_ok=True)
        prune(path.parent, keep=path.name, fmt="json", limit=64)
        atomic_write(path, data, mode=0o600)
    except (OSError, WorkspaceError):
        return
