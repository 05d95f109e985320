"""Exports from Python and the CLI: a workbook run, one case, or a group's packet for a session.

Every route goes through the same exporters (so the same preprocessors and gate) and writes with
:func:`casekit.fileio.atomic_write` only after the gate has passed; a packet is written only when
every summary in it has passed.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit import layout
from casekit.errors import ExportError
from casekit.export import gate
from casekit.export.context import BRIEF, PEER_GROUP, RESOURCE_KEY, SUMMARY, ExportContext, session_label
from casekit.fileio import atomic_write, ensure_folder, read_input_file

if TYPE_CHECKING:
    from casekit.model import Case

FORMATS = ("html", "pdf", "md")
_EXTENSIONS = {"html": ".html", "pdf": ".pdf", "md": ".md"}
MAX_NOTEBOOK_BYTES = 50_000_000


@dataclass(frozen=True)
class Export:
    """A finished, gated export held in memory until it is written."""

    name: str
    fmt: str
    data: bytes
    scope: str = "case"
    #: The gated receipt (:mod:`casekit.export.receipt`) written beside it; built when written if empty.
    receipt: bytes = field(default=b"", repr=False, compare=False)

    @property
    def filename(self) -> str:
        """The file name the export is written under."""
        return f"{self.name}{_EXTENSIONS[self.fmt]}"


def exporter_for(fmt: str, **traits: Any) -> Any:
    """A casekit exporter for ``fmt`` (``html``, ``pdf`` or ``md``)."""
    from casekit.export.exporters import CasekitHTMLExporter, CasekitMarkdownExporter, CasekitPDFExporter

    classes = {"html": CasekitHTMLExporter, "pdf": CasekitPDFExporter, "md": CasekitMarkdownExporter}
    if fmt not in classes:
        raise ExportError(f"unknown export format {fmt!r}; choose html, pdf or md")
    return classes[fmt](**traits)


#: Exporters made ready by :func:`warm_exporter`, each taken (and so used) once by an export.
_WARMED: dict[str, Any] = {}
_WARMED_LOCK = threading.Lock()


def warm_exporter(fmt: str) -> None:
    """Make an exporter for ``fmt`` with its templates compiled, for this process's next export.

    Run in the background while a kernel works, so the export after it starts warm. Also compiles the
    CSS selectors nbconvert's HTML exporter uses on every page (kept by soupsieve for the process).
    Best effort: a warm-up that fails leaves the export to do it all itself.
    """
    try:
        exporter = exporter_for(fmt)
        exporter.compile_templates()
        if fmt in ("html", "pdf"):
            from bs4 import BeautifulSoup

            soup = BeautifulSoup("<p></p>", features="html.parser")
            for selector in _NBCONVERT_SELECTORS:
                soup.select(selector)
    except Exception:  # noqa: BLE001 -- a warm-up only; the export itself reports any real failure
        return
    with _WARMED_LOCK:
        _WARMED.setdefault(fmt, exporter)


#: The selectors nbconvert's HTML exporter runs on each page it renders (nbconvert 7).
_NBCONVERT_SELECTORS = (
    "img:not([alt])",
    ".jp-Notebook div.jp-Cell-inputWrapper",
    ".jp-Notebook div.jp-OutputArea-output",
)


def _exporter(fmt: str) -> Any:
    """The warmed exporter for ``fmt`` if one waits (taken, so used once), else a new one."""
    with _WARMED_LOCK:
        warmed = _WARMED.pop(fmt, None)
    return warmed if warmed is not None else exporter_for(fmt)


def export_notebook(nb: Any, fmt: str, ctx: ExportContext, *, name: str | None = None) -> Export:
    """Export a notebook for the case in ``ctx``; refused by the gate or returned as bytes."""
    output, _resources = _exporter(fmt).from_notebook_node(nb, {RESOURCE_KEY: ctx})
    data = output if isinstance(output, bytes) else output.encode("utf-8")
    export = Export(name or f"{ctx.name}-summary", fmt, data, ctx.scope)
    return replace(export, receipt=gated_receipt(export, ctx))


def gated_receipt(export: Export, ctx: ExportContext | None) -> bytes:
    """The receipt of ``export`` (:mod:`casekit.export.receipt`), through the same final scan as exports.

    Raises
    ------
    ExportGateError
        If any known identifier form of the context's case(s) were in it (it holds counts only).
    """
    from casekit.export import receipt

    data = receipt.to_bytes(receipt.build(export.filename, export.fmt, export.data, ctx))
    if ctx is not None and ctx.cases:
        gate.scan_output(data, "md", list(ctx.cases), subject=f"the receipt of {ctx.subject}")
    return data


def export_case(
    case: Case,
    fmt: str,
    *,
    session: str | None = None,
    use_ner: bool = True,
    secret: bytes | None = None,
    session_record: Any | None = None,
    keep_list: Iterable[str] = (),
    audience: str = PEER_GROUP,
    handout: str = SUMMARY,
) -> Export:
    """The consultation summary (or one-page brief) of ``case``, rendered straight from the case.

    ``secret`` is the case's fingerprint key (``CaseStore.fingerprint_secret``); without it,
    stored review decisions cannot be matched and any low-confidence finding stops the export.
    ``session_record`` is the session's static rendering (:func:`session_record_for`), if any.
    ``keep_list`` is the workspace's keep-list of words decided not identifying for every case.
    ``audience`` is who it is for (a peer group unless said otherwise; the case's consent must cover
    it) and ``handout`` is ``"summary"`` (the full summary) or ``"brief"`` (the one-page brief, named
    ``CASE-brief``).

    Raises
    ------
    ConsentError
        Before any work, when the case's consent to consultation does not cover ``audience``.
    """
    from casekit.export.summary_notebook import brief_notebook, summary_notebook

    if handout not in (SUMMARY, BRIEF):
        raise ExportError(f"unknown handout {handout!r}; choose {SUMMARY!r} or {BRIEF!r}")
    gate.check_consent(case, audience)  # first, so a refusal costs no scrubbing
    ctx = ExportContext.for_case(
        case,
        session=session,
        use_ner=use_ner,
        secret=secret,
        keep_list=keep_list,
        audience=audience,
        handout=handout,
    )
    if handout == BRIEF:
        return export_notebook(
            brief_notebook(ctx.scrubbed(), session=session), fmt, ctx, name=f"{ctx.name}-brief"
        )
    nb = summary_notebook(ctx.scrubbed(), session=session, session_record=session_record)
    return export_notebook(nb, fmt, ctx)


def export_run(
    path: str | Path,
    fmt: str,
    *,
    workspace: str | Path | None = None,
    session: str | None = None,
    reuse: bool = True,
    names: Callable[[Sequence[str]], list[Any]] | None = None,
) -> Export:
    """Export a workbook run (``RUN.ipynb``); its case is looked up as :mod:`casekit.export.locate` says.

    A run of an organisation-level workbook (the systems-of-care audit) is checked against every case
    in the workspace's store and named after the workbook (``systems-audit``); a case run is named
    ``CASE-WORKBOOK``.

    A case run's export that passed the gate is kept in the workspace's private folder
    (:mod:`casekit.export.cache`); exporting the same run of the same case revision again hands it back
    after the gate's final scan, without the name model. ``reuse=False`` always exports afresh (and
    keeps nothing). ``names`` does a case run's name recognition in place of this process's model
    (the run's kernel, lent: see :meth:`casekit.workbooks.Runner.run_many`).
    """
    from casekit.export.locate import case_id_of, context_for_run, find_workspace, scope_of

    path = Path(path)
    raw = read_input_file(path, max_bytes=MAX_NOTEBOOK_BYTES, what="notebook")
    data = _json_notebook(raw, path)
    if scope_of(data) == "case":
        case_id_of(data)  # a notebook that names no case is refused before anything is looked up
        ws = find_workspace(explicit=workspace, notebook_dir=path.parent)
        return _export_case_run(raw, data, path, fmt, ws, session, reuse, names)
    nb = _read_notebook(raw, path)
    ws = find_workspace(explicit=workspace, notebook_dir=path.parent)
    ctx = context_for_run(nb, ws, session=session)
    return export_notebook(nb, fmt, ctx, name=path.stem)


def _export_case_run(
    raw: bytes,
    data: dict[str, Any],
    path: Path,
    fmt: str,
    ws: Any,
    session: str | None,
    reuse: bool,
    names: Callable[[Sequence[str]], list[Any]] | None = None,
) -> Export:
    """A case run's export: the kept one if nothing that decides its bytes changed, else a fresh one."""
    from casekit.export import cache
    from casekit.export.locate import case_id_of, load_case_revision, run_audience, run_session

    case_id = case_id_of(data)
    case, revision, secret = load_case_revision(ws, case_id)
    audience = run_audience(data)
    gate.check_consent(case, audience)  # on every export, kept or not
    day = session or run_session(data)
    name = f"{case_id}-{path.stem}"
    keep = ws.keep_list()
    key = cache.export_key(data, fmt, case, revision, session_label(day), secret, keep) if reuse else ""
    kept = cache.get_with_receipt(ws.private_dir, case_id, key, fmt) if key else None
    if kept is not None:
        data, receipt = kept
        gate.recheck(data, fmt, case)  # the final scan runs on every export, kept or not
        if _receipt_of(receipt, Export(name, fmt, data, "case")):
            gate.scan_output(receipt, "md", case, subject=f"the receipt of case {case_id}")
            return Export(name, fmt, data, "case", receipt=receipt)
    ctx = ExportContext.for_case(case, session=day, secret=secret, keep_list=keep, audience=audience)
    ctx.scrubber.analyser = names
    export = export_notebook(_read_notebook(raw, path), fmt, ctx, name=name)
    if key:
        cache.put(ws.private_dir, case_id, key, fmt, export.data, export.receipt)
    return export


def _receipt_of(receipt: bytes, export: Export) -> bool:
    """Whether a kept receipt is the receipt of ``export`` (its file name and its bytes' hash)."""
    import hashlib

    try:
        held = json.loads(receipt.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False
    return (
        isinstance(held, dict)
        and held.get("export") == export.filename
        and held.get("sha256") == hashlib.sha256(export.data).hexdigest()
    )


def _json_notebook(raw: bytes, path: Path) -> dict[str, Any]:
    """The notebook's JSON (enough to find its case and look for a kept export; nbformat reads it after).

    Anything that is not a notebook object with a format number is one clear error, never an internal
    one: deep nesting, a list, a missing ``nbformat``.
    """
    unreadable = f"{path}: not a readable notebook"
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ExportError(f"{unreadable} ({type(exc).__name__}); check the file") from None
    except RecursionError:
        raise ExportError(f"{unreadable}: it is nested far more deeply than a notebook is") from None
    if not isinstance(data, dict) or not isinstance(data.get("nbformat"), int):
        raise ExportError(f"{unreadable}: it has no notebook format number; check the file")
    return data


def _read_notebook(raw: bytes, path: Path) -> Any:
    """Read and validate a notebook whose JSON :func:`_json_notebook` has already checked."""
    import nbformat

    try:
        nb = nbformat.reads(raw.decode("utf-8-sig"), as_version=4)
        nbformat.validate(nb)
    except (ValueError, TypeError, KeyError, AttributeError, nbformat.ValidationError) as exc:
        # nbformat's messages quote the offending content, which may be case text: name the kind only.
        raise ExportError(
            f"{path}: not a readable notebook ({type(exc).__name__}); open and save it in JupyterLab"
        ) from None
    return nb


def exports_dir_for(exports_dir: Path, export: Export) -> Path:
    """Where an export goes inside the workspace's ``exports/``: organisation exports in ``organisation/``."""
    return layout.scope_exports_dir(exports_dir, export.scope)


def group_packet(
    cases: list[Case],
    fmt: str,
    *,
    group: str,
    session: str | None,
    use_ner: bool = True,
    secrets: Mapping[str, bytes] | None = None,
    session_records: Mapping[str, Any] | None = None,
    keep_list: Iterable[str] = (),
) -> list[Export]:
    """One summary and one one-page brief per case and an index page, all gated; nothing is returned
    unless all passed (a case whose client has not agreed to a peer group stops the whole packet).

    ``secrets`` maps case ids to their fingerprint keys (``CaseStore.fingerprint_secret``) and
    ``session_records`` case ids to their session's static rendering.
    """
    secrets = secrets or {}
    records = session_records or {}
    for case in cases:  # every case's consent first: a refusal costs no scrubbing
        gate.check_consent(case, PEER_GROUP)
    exports = [
        export_case(
            case,
            fmt,
            session=session,
            use_ner=use_ner,
            secret=secrets.get(case.meta.case_id),
            session_record=records.get(case.meta.case_id),
            keep_list=keep_list,
            handout=handout,
        )
        for case in cases
        for handout in (SUMMARY, BRIEF)
    ]
    index = index_page(group, session, exports, fmt)
    for case in cases:
        gate.scan_output(index.data, fmt, case)
    return [*exports, index]


def index_page(group: str, session: str | None, exports: list[Export], fmt: str) -> Export:
    """The packet's index: the group, the session year and a link to each case's summary."""
    label = session_label(session)
    if fmt == "md":
        lines = [
            f"# Consultation packet: {_md(group)}",
            "",
            f"{_md(label)}. Confidential and de-identified: for the members of this group only.",
            "",
        ]
        lines += [f"- [{_md(e.name)}]({e.filename})" for e in exports]
        return Export("index", fmt, ("\n".join(lines) + "\n").encode("utf-8"))
    items = "".join(
        f'<li><a href="{html.escape(e.filename)}">{html.escape(e.name)}</a></li>' for e in exports
    )
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Consultation packet: {html.escape(group)}</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:1rem;"
        "line-height:1.5;color:#1a1a1a}</style></head><body><main>"
        f"<h1>Consultation packet: {html.escape(group)}</h1>"
        f"<p>{html.escape(label)}. Confidential and de-identified: for the members of this group only.</p>"
        f"<ul>{items}</ul></main></body></html>"
    )
    if fmt == "pdf":
        from casekit.export.pdf import html_to_pdf

        return Export("index", fmt, html_to_pdf(page))
    return Export("index", fmt, page.encode("utf-8"))


def _md(text: str) -> str:
    from casekit.text.escape import escape_markdown

    return escape_markdown(text)


def session_record_for(store: Any, case_id: str, session: str | None) -> Any | None:
    """The static record of the case's session on ``session`` (YYYY-MM-DD), or ``None`` if none was kept.

    Raises
    ------
    ExportError
        If ``session`` is not a date.
    """
    if not session:
        return None
    from casekit.errors import SessionError
    from casekit.session.log import session_record
    from casekit.session.render import record_html, record_markdown

    try:
        day = dt.date.fromisoformat(session)
    except ValueError:
        raise ExportError(f"--session {session!r}: give the session date as YYYY-MM-DD") from None
    try:
        record = session_record(store, case_id, day)
    except SessionError:
        return None
    return SessionRendering(record_html(record), record_markdown(record))


@dataclass(frozen=True)
class SessionRendering:
    """A session record's static HTML and markdown, ready for the summary's session slot."""

    html: str
    markdown: str


def write_exports(exports: list[Export], out_dir: str | Path, *, store: Any | None = None) -> list[Path]:
    """Write gated exports into ``out_dir`` (created if needed), each atomically; return the paths.

    Each export's receipt (:mod:`casekit.export.receipt`) is written beside it first, as
    ``NAME.EXT.receipt.json``; only the exports' own paths are returned. With the case ``store``, each
    export written is recorded in its access log (:func:`casekit.store.access_log.record_export`).
    """
    from casekit.export.receipt import receipt_name

    out = ensure_folder(out_dir)
    paths = []
    for e in exports:
        receipt = e.receipt or gated_receipt(e, None)
        atomic_write(out / receipt_name(e.filename), receipt, mode=0o640)
        paths.append(atomic_write(out / e.filename, e.data, mode=0o640))
        if store is not None:
            from casekit.store.access_log import record_export

            record_export(store, json.loads(receipt))
    return paths


def packet_dir(exports_dir: Path, group: str, session: str | None) -> Path:
    """``EXPORTS/GROUP/SESSION`` (the session date as given, or today's; see :mod:`casekit.layout`)."""
    return layout.packet_dir(exports_dir, group, session)
