"""``casekit audit``: the systems-of-care audit from the command line.

``casekit audit form`` audits intake forms; ``casekit audit open`` opens the audit workbook live (in
JupyterLab, or as a Voila app) so a quality lead can fill in the self-assessment.
"""

from __future__ import annotations

import json
import textwrap
from typing import TYPE_CHECKING

import click

from casekit.cli import _context
from casekit.cli.open_commands import Serving, serve, server_options
from casekit.workbooks.live_copy import prepare_workbook

if TYPE_CHECKING:
    from casekit.audit.form_audit import FormAudit

_WIDTH = 100


@click.group()
def audit() -> None:
    """Look at the organisation itself: its intake forms, spaces, access and practices.

    \b
    casekit audit form FORM...   check intake forms for what may keep people away
    casekit audit open           fill in or update the self-assessment in your browser
    """


@audit.command("form")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON list.")
@click.option(
    "--language",
    type=click.Choice(["auto", "en", "es", "fr"]),
    default="auto",
    show_default=True,
    help="The forms' language (auto: told from each form).",
)
def form(paths: tuple[str, ...], as_json: bool, language: str) -> None:
    """Audit intake forms (.txt, .md, .html, .docx, .pdf) for what may keep people from being seen.

    Each finding names where it is, why it matters and a better wording, in the form's language
    (English, Spanish or French). Example: `casekit audit form intake.docx`.
    """
    from casekit.audit.form_audit import audit_form

    chosen = None if language == "auto" else language
    audits = [audit_form(path, language=chosen) for path in paths]  # an unreadable file stops first
    if as_json:
        rows = [{"source": a.source, **f.as_dict()} for a in audits for f in a.findings]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for number, result in enumerate(audits):
        if number:
            click.echo("")
        _print_audit(result)


@audit.command("open", context_settings={"ignore_unknown_options": True})
@server_options("the audit")
@click.pass_context
def open_audit(ctx: click.Context, serving: Serving) -> None:
    """Open the systems-of-care audit workbook in your browser, to fill in the self-assessment.

    It opens in JupyterLab; with --app it opens as a simple page with no code to see. Open a theme,
    rate each item, add what you noticed, a next step and an owner (a role, never a person's name),
    then press "Save audit". Audits are saved in the workspace's case store; press Ctrl+C here
    when you are done.

    The workbook is copied to runs/organisation/systems-audit-live.ipynb each time (the headless run
    from `casekit run systems-audit` stays in systems-audit.ipynb). Anything after `--` goes to the
    server, e.g. `casekit audit open --app -- --Voila.ip=0.0.0.0`.
    """
    from casekit import layout
    from casekit.audit.audit_workbook import NOTEBOOK_NAME
    from casekit.resources import notebooks_dir

    ws = _context.workspace(ctx)
    notebook = prepare_workbook(
        notebooks_dir() / NOTEBOOK_NAME,
        {"workspace": str(ws.root)},
        layout.live_path(ws.root, NOTEBOOK_NAME, None),
        what="the systems-of-care audit workbook",
    )
    serve(ctx, ws, notebook, serving)


def _print_audit(result: FormAudit) -> None:
    from casekit.audit.rules import all_rules, report_labels
    from casekit.audit.summary import findings_summary, no_findings_line

    groups = result.by_category()
    if not groups:
        click.echo(no_findings_line(result.source, result.language))
        return
    summary = findings_summary(len(result.findings), len(groups), result.language)
    click.echo(f"{result.source}: {summary}")
    rules = all_rules(result.language)
    why, instead = report_labels(result.language)
    for category, findings in groups.items():
        title = rules[category].title if category in rules else category
        click.echo("")
        click.secho(f"{title} [{category}]", bold=True)
        for finding in findings:
            where = finding.location.label
            head = f'  {where}: "{finding.excerpt}"' if finding.excerpt else f"  {where}"
            click.echo(head)
            click.echo(_wrap(f"{why}: {finding.message}"))
            click.echo(_wrap(f"{instead}: {finding.suggestion}"))


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=_WIDTH, initial_indent="    ", subsequent_indent="      ")
