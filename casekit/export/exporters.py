"""casekit's nbconvert exporters: ``casekit_html``, ``casekit_pdf`` and ``casekit_md``.

Registered under the ``nbconvert.exporters`` entry point, so ``jupyter nbconvert --to casekit_html
RUN.ipynb`` works and JupyterLab lists them in File → Save and Export Notebook As.

Safety does not depend on configuration (a server-side export reads config files only):

* the preprocessors in :data:`~casekit.export.preprocessors.FORCED_PREPROCESSORS` always run, last,
  whatever ``preprocessors`` or ``Preprocessor.enabled`` say; configured preprocessors run before them;
* the template is always casekit's own (``template_name`` cannot be changed);
* the gate (:mod:`casekit.export.gate`) runs on the finished output: unreviewed findings, anything that
  would load or run when opened, any known identifier form → :class:`~casekit.errors.ExportGateError`
  and no output at all.
"""

from __future__ import annotations

import copy
from typing import Any

from nbconvert.exporters import HTMLExporter, MarkdownExporter, TemplateExporter
from traitlets import Unicode, default, validate

from casekit.errors import ExportError
from casekit.export import gate
from casekit.export.context import RESOURCE_KEY, ExportContext, context_of
from casekit.export.preprocessors import FORCED_PREPROCESSORS
from casekit.export.sanitize import clean_html
from casekit.resources import templates_dir
from casekit.text.escape import escape_markdown, strip_controls


class _CasekitExporter(TemplateExporter):
    """Behaviour shared by casekit's exporters (placed before the nbconvert exporter in the bases)."""

    #: The template folder under ``templates/`` and the output format name used by the gate.
    casekit_template = "casekit_html"
    casekit_format = "html"

    workspace = Unicode(
        None,
        allow_none=True,
        help="The casekit workspace holding the case (default: $CASEKIT_WORKSPACE, the folder above "
        "the notebook that holds casekit.toml, or the current folder).",
    ).tag(config=True)
    session = Unicode(
        None, allow_none=True, help="The consultation session date (YYYY-MM-DD); only its year is shown."
    ).tag(config=True)

    # ---- template: always casekit's --------------------------------------------------------------
    @default("template_name")
    def _template_name_default(self) -> str:
        return self.casekit_template

    @validate("template_name")
    def _template_name_validate(self, proposal: Any) -> str:  # replaces nbconvert's validator
        return self.casekit_template

    @validate("template_file")
    def _template_file_fixed(self, proposal: Any) -> str | None:
        return None if proposal["value"] is None else f"index{self.template_extension}"

    @default("extra_template_basedirs")
    def _default_extra_template_basedirs(self) -> list[str]:
        return [str(templates_dir())]

    @validate("extra_template_basedirs")
    def _ours_first(self, proposal: Any) -> list[str]:
        ours = str(templates_dir())
        return [ours, *(p for p in proposal["value"] if p != ours)]

    def compile_templates(self) -> None:
        """Compile the template and every template it extends or includes, ahead of a first export.

        A warm-up (run in the background while a kernel works): it renders nothing. The two filters
        nbconvert registers at each conversion get stand-ins here so the templates compile; every
        conversion registers the real ones before it renders.
        """
        from jinja2 import meta

        env = self.environment
        for name in ("highlight_code", "filter_data_type"):
            env.filters.setdefault(name, str)
        todo, seen = [self.template.name], set()
        while todo:
            name = todo.pop()
            if name is None or name in seen:
                continue
            seen.add(name)
            env.get_template(name)
            source = env.loader.get_source(env, name)[0] if env.loader else ""
            todo.extend(meta.find_referenced_templates(env.parse(source)))

    def default_filters(self) -> Any:
        yield from super().default_filters()  # type: ignore[misc]
        yield ("casekit_clean", clean_html)
        yield ("casekit_md_escape", escape_markdown)

    # ---- preprocessors: always casekit's, always last ----------------------------------------------
    def _init_preprocessors(self) -> None:
        # Config (``preprocessors``, ``default_preprocessors``, template conf.json) adds nothing here:
        # a summary runs casekit's chain only, and the chain cannot be configured away.
        self._preprocessors = []

    def _preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        nb, resources = super()._preprocess(nb, resources)  # type: ignore[misc]
        for cls in FORCED_PREPROCESSORS:
            nb, resources = cls(parent=self)(nb, resources)
        return nb, resources

    # ---- the export ------------------------------------------------------------------------------
    def context_for(self, nb: Any, resources: dict[str, Any]) -> ExportContext:
        """The case behind ``nb`` (or, for an organisation run, every case): given in ``resources`` by
        casekit, or looked up in its workspace."""
        given = resources.get(RESOURCE_KEY)
        if isinstance(given, ExportContext):
            return given
        from casekit.export.locate import case_id_of, context_for_run, find_workspace, scope_of

        if scope_of(nb) == "case":
            case_id_of(nb)  # a notebook that names no case is refused before anything is looked up
        notebook_dir = (resources.get("metadata") or {}).get("path") or None
        ws = find_workspace(explicit=self.workspace, notebook_dir=notebook_dir)
        return context_for_run(nb, ws, session=self.session)

    def from_notebook_node(self, nb: Any, resources: dict[str, Any] | None = None, **kw: Any) -> Any:
        """Convert a workbook run into a de-identified summary, or refuse through the gate."""
        resources = dict(resources or {})
        ctx = self.context_for(nb, resources)
        if ctx.case is not None:
            gate.check_consent(ctx.case, ctx.audience)
        resources[RESOURCE_KEY] = ctx
        resources["casekit_header"] = ctx.header()
        output, resources = super().from_notebook_node(copy.deepcopy(nb), resources, **kw)  # type: ignore[misc]
        if not context_of(resources).deidentified:
            raise ExportError("de-identification did not run over the notebook; nothing was written")
        output = strip_controls(output)  # streams and plain text too: no terminal escape leaves in a summary
        gate.check_reviewed(ctx)
        return self.finish(output, resources, ctx)

    def finish(self, output: str, resources: dict[str, Any], ctx: ExportContext) -> tuple[Any, Any]:
        """The last checks on the rendered text (overridden by the PDF exporter)."""
        if self.casekit_format == "html":
            gate.check_self_contained(output, subject=ctx.subject)
        gate.scan_output(output.encode("utf-8"), self.casekit_format, ctx.cases, subject=ctx.subject)
        return output, resources


class CasekitHTMLExporter(_CasekitExporter, HTMLExporter):
    """A de-identified consultation summary as one self-contained HTML file."""

    export_from_notebook = "casekit summary (HTML)"
    casekit_template = "casekit_html"
    casekit_format = "html"

    @default("exclude_input")
    def _exclude_input_default(self) -> bool:
        return True

    def _init_resources(self, resources: Any) -> Any:
        resources = super()._init_resources(resources)
        # Nothing in casekit's template uses these, but the stock ones point at CDNs: blank them.
        for key in ("require_js_url", "mathjax_url", "mermaid_js_url", "jupyter_widgets_base_url"):
            resources[key] = ""
        return resources


class CasekitMarkdownExporter(_CasekitExporter, MarkdownExporter):
    """A de-identified consultation summary as one markdown file (plots embedded as data URIs)."""

    export_from_notebook = "casekit summary (Markdown)"
    casekit_template = "casekit_md"
    casekit_format = "md"

    @property
    def default_config(self) -> Any:
        config = super().default_config
        # Renderings carry both HTML and markdown; a markdown summary shows the markdown.
        config.NbConvertBase.display_data_priority = ["text/markdown", "text/html", "image/png", "text/plain"]
        return config


class CasekitPDFExporter(CasekitHTMLExporter):
    """A de-identified consultation summary as PDF, printed from the HTML summary by WeasyPrint.

    The HTML passes the gate first; the PDF's bytes and its extracted text are scanned again.
    """

    export_from_notebook = "casekit summary (PDF)"
    output_mimetype = "application/pdf"
    casekit_format = "pdf"

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".pdf"

    @default("template_extension")
    def _template_extension_default(self) -> str:
        return ".html.j2"

    def finish(self, output: str, resources: dict[str, Any], ctx: ExportContext) -> tuple[Any, Any]:
        """Check the HTML, print it to PDF, then scan the PDF's bytes and text."""
        from casekit.export.pdf import html_to_pdf

        gate.check_self_contained(output, subject=ctx.subject)
        gate.scan_output(output.encode("utf-8"), "html", ctx.cases, subject=ctx.subject)
        pdf = html_to_pdf(output)
        gate.scan_output(pdf, "pdf", ctx.cases, subject=ctx.subject)
        resources["output_extension"] = ".pdf"
        return pdf, resources
