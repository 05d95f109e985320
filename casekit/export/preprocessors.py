"""nbconvert preprocessors that make a workbook run safe to hand to a consultation group.

They run in this order, always (the exporters force them on; see :mod:`casekit.export.exporters`):

1. :class:`StripPrivateMetadataPreprocessor` — keeps only what a summary needs: no widget state, no
   papermill metadata, no parameters or injected-parameters cell, no kernel or path metadata, no
   execution counts or timestamps, no attachments, no raw cells, no code.
2. :class:`DropUnsafeOutputsPreprocessor` — drops what cannot be shown or checked: widget views and
   their ``VBox(children=...)`` fallbacks, JavaScript, SVG, JPEG/GIF, JSON, LaTeX, PDF; raster images
   that are not casekit plots.
3. :class:`DeidentifyPreprocessor` — scrubs every piece of text left (markdown, streams, plain text,
   markdown and HTML outputs, error messages), cleans HTML to an allow-list, and re-draws casekit's
   plots from the scrubbed case.

Plots (a decision): an image cannot be scanned for a name, and metadata claiming "drawn from
de-identified data" can be copied onto any image. So every image in a notebook is dropped, except
outputs that casekit's workbooks mark with ``metadata.casekit.plot`` ("goal_progress" or
"repair_timeline"): those are *re-drawn here* from the scrubbed case, so their pixels never come from
the notebook. The systems-audit's "audit_comparison" plot is re-drawn from the values stored beside it
(dates, ratings and item ids only, read back strictly by :mod:`casekit.audit.plotdata`; ids are
scrubbed), so it needs no case. A note in the summary says how many other images were left out.
"""

from __future__ import annotations

import base64
import re
from typing import Any

from nbconvert.preprocessors import Preprocessor
from nbformat import from_dict
from traitlets import Bool, validate

from casekit.export.context import ExportContext, context_of
from casekit.export.sanitize import clean_html, neutralise_markdown
from casekit.text.words import agree
from casekit.text.words import count as counted

#: Notebook metadata kept (everything else is dropped).
KEPT_CASEKIT_KEYS = ("case_id", "workbook")
#: Cell tags kept (they become CSS classes; anything else could carry text).
KEPT_TAGS = frozenset({"hide-input", "casekit-summary", "casekit-session"})
#: Output mimetypes a summary shows; every other mimetype is dropped.
SHOWN_MIMETYPES = ("text/html", "text/markdown", "text/plain", "image/png")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: Plots casekit can re-draw, with the alternative text the summary gives them.
PLOTS: dict[str, str] = {
    "goal_progress": "Progress on each goal as the client rated it, by week",
    "repair_timeline": "Missteps over time, marked by where their repair stands",
    "audit_comparison": (
        "The self-assessment beside the previous one: ratings from not started to established"
    ),
}
#: Plots re-drawn from the scrubbed case (an organisation export has none to draw them from).
CASE_PLOTS = frozenset({"goal_progress", "repair_timeline"})
_WIDGET_REPR = re.compile(
    r"^\s*[A-Z]\w*\((?:children|value|options|description|layout|index|style|outputs|_dom_classes|"
    r"placeholder|disabled|min|max)="
)
_PATH = re.compile(r"(?<![\w/])(?:[A-Za-z]:\\|~?/)(?:[\w.@+-]+[/\\]){1,}[\w.@+-]*")


class _Forced(Preprocessor):
    """A preprocessor that configuration cannot switch off."""

    enabled = Bool(True, help="Always on: casekit's export preprocessors cannot be disabled.").tag(
        config=True
    )

    @validate("enabled")
    def _always_on(self, proposal: Any) -> bool:
        return True

    def __call__(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        # Ignores ``enabled`` on purpose (nbconvert's base class skips the work when it is false).
        return self.preprocess(nb, resources)


class StripPrivateMetadataPreprocessor(_Forced):
    """Drop notebook, cell and output metadata, parameter cells, attachments, raw cells and code, and
    cells tagged ``screen-only`` (words for someone at the screen, such as "fill in the form below")."""

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        context_of(resources)
        meta = nb.get("metadata", {})
        casekit = meta.get("casekit") if isinstance(meta.get("casekit"), dict) else {}
        kept = {k: casekit[k] for k in KEPT_CASEKIT_KEYS if isinstance(casekit.get(k), str)}
        ctx = context_of(resources)
        if ctx.case is not None:
            kept["case_id"] = ctx.case.meta.case_id
        else:
            kept.pop("case_id", None)
            kept["scope"] = ctx.scope
        nb.metadata = {"casekit": kept}
        cells = []
        for cell in nb.cells:
            tags = cell.get("metadata", {}).get("tags", [])
            tags = tags if isinstance(tags, list) else []
            dropped = {"parameters", "injected-parameters", "screen-only"}
            if dropped.intersection(tags) or cell.cell_type == "raw":
                continue
            cell.metadata = {"tags": sorted(t for t in tags if t in KEPT_TAGS)} if tags else {}
            cell.pop("attachments", None)
            cell.id = f"cell-{len(cells) + 1}"
            if cell.cell_type == "code":
                cell.source = ""
                cell.execution_count = None
            cells.append(cell)
        nb.cells = cells
        return nb, resources


class DropUnsafeOutputsPreprocessor(_Forced):
    """Keep only outputs a static summary can show and casekit can check."""

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        ctx = context_of(resources)
        cells = []
        for cell in nb.cells:
            if cell.cell_type == "code":
                outputs = [out for out in (self._keep(o, ctx) for o in cell.get("outputs", [])) if out]
                cell.outputs = [from_dict(out) for out in outputs]
                if not outputs:
                    continue
            cells.append(cell)
        nb.cells = cells
        return nb, resources

    def _keep(self, output: Any, ctx: ExportContext) -> Any | None:
        kind = output.get("output_type")
        if kind == "stream":
            text = output.get("text", "")
            text = "".join(text) if isinstance(text, list) else str(text)
            return {"output_type": "stream", "name": output.get("name", "stdout"), "text": text}
        if kind == "error":
            # Tracebacks quote code and paths; keep the error's name and message only (scrubbed later).
            text = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}\n"
            return {"output_type": "stream", "name": "stderr", "text": text}
        if kind not in ("display_data", "execute_result"):
            return None
        data = output.get("data", {})
        if WIDGET_VIEW in data:
            return None  # a live widget: its text/plain fallback ("VBox(children=...)") goes too
        plain = data.get("text/plain", "")
        if isinstance(plain, list):
            plain = "".join(plain)
        if set(data) <= {"text/plain"} and _WIDGET_REPR.match(plain or ""):
            return None
        kept: dict[str, Any] = {}
        out_meta: dict[str, Any] = {}
        marks = output.get("metadata", {}).get("casekit") or {}
        plot = marks.get("plot") if isinstance(marks, dict) else None
        drawable = plot in PLOTS and (plot not in CASE_PLOTS or ctx.case is not None)
        audit = _audit_plot_data(marks) if plot == "audit_comparison" else None
        if "image/png" in data and drawable and (plot != "audit_comparison" or audit is not None):
            kept["image/png"] = ""  # re-drawn by DeidentifyPreprocessor (from the scrubbed case or data)
            out_meta = {"casekit": {"plot": plot, "alt": PLOTS[plot]}}
            if audit is not None:
                out_meta["casekit"]["audit"] = audit
        elif any(m.startswith("image/") for m in data):
            ctx.dropped_images += 1
            return None
        else:
            for mime in SHOWN_MIMETYPES[:3]:
                if mime in data:
                    value = data[mime]
                    kept[mime] = "".join(value) if isinstance(value, list) else str(value)
            if "text/html" in kept or "text/markdown" in kept:
                kept.pop("text/plain", None)  # the rich form is shown; the fallback is not needed
        if not kept:
            return None
        return {"output_type": "display_data", "data": kept, "metadata": out_meta}


class DeidentifyPreprocessor(_Forced):
    """Scrub every piece of text, clean HTML to an allow-list and re-draw casekit's plots."""

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        ctx = context_of(resources)
        _prime(nb, ctx)
        for index, cell in enumerate(nb.cells, start=1):
            where = f"cell {index}"
            if cell.cell_type == "markdown":
                cell.source = neutralise_markdown(scrub_markdown(cell.source, ctx, f"{where} markdown"))
            for n, output in enumerate(cell.get("outputs", []), start=1):
                self._scrub_output(output, ctx, f"{where} output {n}")
        if ctx.dropped_images:
            nb.cells.append(_note_cell(ctx.dropped_images))
        ctx.deidentified = True
        return nb, resources

    def _scrub_output(self, output: Any, ctx: ExportContext, where: str) -> None:
        if output.output_type == "stream":
            output.text = ctx.scrub(_paths_out(output.text), where)
            return
        data = output.data
        if "image/png" in data:
            data["image/png"] = _plot_png(output.metadata["casekit"], ctx)
        if "text/plain" in data:
            data["text/plain"] = ctx.scrub(_paths_out(data["text/plain"]), where)
        if "text/markdown" in data:
            data["text/markdown"] = neutralise_markdown(scrub_markdown(data["text/markdown"], ctx, where))
        if "text/html" in data:
            data["text/html"] = clean_html(data["text/html"], lambda text: ctx.scrub(_paths_out(text), where))


class _Recorder:
    """Stands in for the export context to list the texts a pass would scrub (returns them as they are)."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def scrub(self, text: str, where: str = "") -> str:
        if text and text.strip():
            self.texts.append(text)
        return text


def _prime(nb: Any, ctx: ExportContext) -> None:
    """Give the scrubber every text :class:`DeidentifyPreprocessor` will scrub, for one batch of name
    recognition (a model call per text costs far more). Only a speed-up: each text is still scrubbed
    (and the whole output scanned by the gate) as before; a text missed here is analysed on its own."""
    prime = getattr(ctx.scrubber, "prime", None)
    if prime is None:
        return
    rec = _Recorder()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            scrub_markdown(cell.source, rec, "")  # type: ignore[arg-type]
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                rec.scrub(_paths_out(output.text))
                continue
            data = output.data
            if "text/plain" in data:
                rec.scrub(_paths_out(data["text/plain"]))
            if "text/markdown" in data:
                scrub_markdown(data["text/markdown"], rec, "")  # type: ignore[arg-type]
            if "text/html" in data:
                clean_html(data["text/html"], lambda text: rec.scrub(_paths_out(text)))
    prime(rec.texts)


_MD_PREFIX = re.compile(r"^(\s*(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,3}[.)]\s+)*)(.*)$")


def scrub_markdown(source: str, ctx: ExportContext, where: str) -> str:
    """Scrub markdown block by block, with each line's markup (``## ``, ``> ``, ``- ``) set aside.

    NER reads "## Goal progress" as a name ("Goal"); without the markers it reads plain text. A
    block whose line count changes while scrubbing is scrubbed again whole, markers included.
    """
    out = []
    for block in re.split(r"(\n\s*\n)", _paths_out(source)):
        if not block.strip():
            out.append(block)
            continue
        lines = block.split("\n")
        parts = [_MD_PREFIX.match(line).groups() for line in lines]  # type: ignore[union-attr]
        scrubbed = ctx.scrub("\n".join(text for _prefix, text in parts), where).split("\n")
        if len(scrubbed) == len(lines):
            out.append("\n".join(prefix + text for (prefix, _t), text in zip(parts, scrubbed, strict=True)))
        else:
            out.append(ctx.scrub(block, where))
    return "".join(out)


def _paths_out(text: str) -> str:
    # File paths name people's home folders and case folders; a summary never needs one.
    return _PATH.sub("[path]", text)


def _audit_plot_data(marks: Any) -> Any | None:
    """The audit plot's values if they read back as casekit's (dates, enum values, ids), else None."""
    from casekit.audit.plotdata import comparison_from_data
    from casekit.errors import AuditError

    try:
        comparison_from_data(marks.get("audit"))
    except AuditError:
        return None
    return marks["audit"]


def _plot_png(marks: Any, ctx: ExportContext) -> str:
    from casekit import plots

    kind = marks["plot"]
    if kind == "audit_comparison":
        from casekit.audit.plotdata import comparison_from_data, plot_png

        # Item ids are slugs a clinic may have chosen: they are scrubbed like any other text.
        comparison, by = comparison_from_data(marks["audit"], label=lambda t: ctx.scrub(t, "plot label"))
        return base64.b64encode(plot_png(comparison, by)).decode("ascii")
    case = ctx.scrubbed()
    if kind == "goal_progress":
        fig = plots.goal_progress_figure(case, label_filter=lambda t: ctx.scrub(t, "goal label"))
    else:
        fig = plots.repair_timeline_figure(case)
    return base64.b64encode(plots.figure_bytes(fig, ("png",))["png"]).decode("ascii")


def _note_cell(count: int) -> Any:
    from nbformat.v4 import new_markdown_cell

    cell = new_markdown_cell(
        f"*{counted(count, 'image')} from the workbook {agree(count, 'was', 'were')} left out: "
        f"images cannot be checked for identifying "
        f"details. casekit's own plots are re-drawn from the de-identified case.*"
    )
    cell.id = "cell-images-left-out"
    return cell


#: The preprocessors every casekit exporter runs, in order.
FORCED_PREPROCESSORS = (
    StripPrivateMetadataPreprocessor,
    DropUnsafeOutputsPreprocessor,
    DeidentifyPreprocessor,
)
