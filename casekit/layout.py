"""Where things live inside a workspace folder: the one owner of casekit's on-disk layout.

Every path inside a workspace's ``runs/``, ``exports/``, ``audits/`` and ``instruments/`` is worked out
here, and nowhere else (``tests/workbooks/test_layout.py`` checks the source for it). The workspace's
own files (``casekit.toml``, ``.casekit/``, ``cases.db``) are :class:`casekit.workspace.Workspace`'s::

    runs/<owner>/<workbook>.ipynb          a workbook run headless (``casekit run``); re-running replaces
    runs/<owner>/<workbook>-live.ipynb     the live copy a person fills in (``casekit open``, ``audit open``)
    runs/organisation/home-live.ipynb      the workspace's home page (``casekit app``)
    exports/[organisation/]<file>          de-identified summaries (an organisation's in ``organisation/``)
    exports/<group>/<session date>/<file>  a group's consultation packet
    exports/<name>/<file>                  a named set (the example job's ``exports/example/``)
    exports/feedback-cards/<card>          blank paper feedback cards, one per language
    audits/<audit date>.json               an older casekit's self-assessment, imported into the store
    audits/imported/<audit date>.json      the same file once imported (audits live in the case store)
    instruments/                           a clinic's own licensed instrument wording
    .casekit/cache/exports/<case>/<key>.*  exports that passed the gate, kept for reuse (casekit.export.cache)
    .casekit/cache/deid/<case>/<key>.json  a revision's scrub results, kept for reuse (casekit.kept)

``<owner>`` is the case id, or ``organisation`` for an organisation-level workbook (case ids are
capitals and digits, so that folder never meets a case's).

Before this module, ``casekit open CASE`` wrote the formulation workbook to
``runs/<case>-formulation.ipynb``; it now goes to ``runs/<case>/case-formulation-live.ipynb`` like every
other live copy. The old file is migrated (removed once the new copy is written: it was replaced on
every open and holds nothing the new copy lacks; see :func:`legacy_live_paths`).

:class:`casekit.workspace.Workspace` exposes the top-level folders as properties that call this module.
Nothing here touches the disk.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

#: The top-level folders of a workspace.
RUNS = "runs"
EXPORTS = "exports"
AUDITS = "audits"
INSTRUMENTS = "instruments"
#: The ``runs/`` and ``exports/`` sub-folder of organisation-level workbooks (the scope's name).
ORGANISATION = "organisation"
#: The home page's workbook (``notebooks/home.ipynb``), a workspace-wide live page.
HOME = "home"
#: Appended to a workbook's name for the live copy a person fills in.
LIVE_SUFFIX = "-live"
#: A workbook's notebook file extension.
NOTEBOOK_SUFFIX = ".ipynb"
#: The folder inside a workspace's private ``.casekit/`` of results kept for reuse (nothing identifying).
CACHE = "cache"
DEID = "deid"

Root = str | os.PathLike[str]


def runs_dir(root: Root) -> Path:
    """``runs/``: executed workbooks and live copies."""
    return Path(root) / RUNS


def exports_dir(root: Root) -> Path:
    """``exports/``: de-identified summaries."""
    return Path(root) / EXPORTS


def audits_dir(root: Root) -> Path:
    """``audits/``: systems-of-care self-assessments."""
    return Path(root) / AUDITS


def instruments_dir(root: Root) -> Path:
    """``instruments/``: a clinic's own licensed instrument wording."""
    return Path(root) / INSTRUMENTS


def run_folder(root: Root, case_id: str | None) -> Path:
    """``runs/<case id>/``, or ``runs/organisation/`` for a run for no case."""
    return runs_dir(root) / (case_id or ORGANISATION)


def run_path(root: Root, workbook: str, case_id: str | None) -> Path:
    """Where a headless run of ``workbook`` goes: ``runs/<case id or organisation>/<workbook>.ipynb``."""
    return run_folder(root, case_id) / f"{_stem(workbook)}{NOTEBOOK_SUFFIX}"


def live_path(root: Root, workbook: str, case_id: str | None) -> Path:
    """Where the live copy of ``workbook`` goes: ``runs/<case id or organisation>/<workbook>-live.ipynb``.

    It sits beside the headless run of the same workbook, so opening one never replaces the other.
    """
    return run_folder(root, case_id) / f"{_stem(workbook)}{LIVE_SUFFIX}{NOTEBOOK_SUFFIX}"


def home_path(root: Root) -> Path:
    """The live copy of the home page (``casekit app``): ``runs/organisation/home-live.ipynb``."""
    return live_path(root, HOME, None)


def legacy_live_paths(root: Root, workbook: str, case_id: str | None) -> list[Path]:
    """Where older casekit versions put the live copy of ``workbook`` (for migration).

    Only the case formulation moved: it was ``runs/<case id>-formulation.ipynb``.
    """
    if case_id and _stem(workbook) == "case-formulation":
        return [runs_dir(root) / f"{case_id}-formulation{NOTEBOOK_SUFFIX}"]
    return []


def scope_exports_dir(exports: Root, scope: str) -> Path:
    """Where an export of ``scope`` goes in an ``exports/`` folder (organisation-level: ``organisation/``)."""
    return Path(exports) / ORGANISATION if scope == ORGANISATION else Path(exports)


def named_exports_dir(exports: Root, name: str) -> Path:
    """``exports/<name>/``: a named set of exports (the example job's is ``example``)."""
    return Path(exports) / name


#: The ``exports/`` sub-folder of the printable feedback cards.
FEEDBACK_CARDS = "feedback-cards"


def feedback_card_path(exports: Root, language: str, extension: str) -> Path:
    """``exports/feedback-cards/feedback-card-<language>.<extension>``: a blank card to print."""
    return Path(exports) / FEEDBACK_CARDS / f"feedback-card-{language}.{extension}"


def packet_dir(exports: Root, group: str, session: str | None) -> Path:
    """``exports/<group>/<session date>/`` (the session date as given, or today's)."""
    return Path(exports) / group / (session or dt.date.today().isoformat())


def audit_path(audits: Root, day: dt.date) -> Path:
    """The file of the self-assessment dated ``day`` inside an ``audits/`` folder: ``<YYYY-MM-DD>.json``."""
    return Path(audits) / f"{day.isoformat()}.json"


def kept_exports_dir(private: Root) -> Path:
    """``.casekit/cache/exports/``: exports that passed the gate, kept for reuse (given ``.casekit/``)."""
    return Path(private) / CACHE / EXPORTS


def kept_deid_dir(private: Root) -> Path:
    """``.casekit/cache/deid/``: a revision's scrub results, kept for reuse (given ``.casekit/``)."""
    return Path(private) / CACHE / DEID


def _stem(workbook: str) -> str:
    return workbook.removesuffix(NOTEBOOK_SUFFIX)
