"""casekit's command line. The only part of casekit that prints or exits.

Sub-command groups live in their own modules and are imported only when used, so ``casekit --help``
stays quick. To add one, write ``casekit/cli/NAME_commands.py`` with a click command or group ``NAME``
(or the attribute named below) and add it to :data:`COMMANDS`.
"""

from __future__ import annotations

import os
import sys
import traceback
from importlib import import_module

import click

from casekit import __version__
from casekit.errors import CasekitError

#: name -> "module:attribute" of each top-level command, loaded lazily.
COMMANDS: dict[str, str] = {
    "init": "casekit.cli.workspace_commands:init",
    "example": "casekit.cli.workspace_commands:example",
    "case": "casekit.cli.case_commands:case",
    "audit": "casekit.cli.audit_commands:audit",
    "feedback": "casekit.cli.feedback_commands:feedback",
    "deid": "casekit.cli.deid_commands:deid",
    "export": "casekit.cli.export_commands:export",
    "run": "casekit.cli.run_commands:run",
    "open": "casekit.cli.open_commands:open_",
    "store": "casekit.cli.store_commands:store",
    "app": "casekit.cli.app_commands:app",
    "card": "casekit.cli.card_commands:card",
    "log": "casekit.cli.log_commands:log",
    "people": "casekit.cli.people_commands:people",
}


class LazyGroup(click.Group):
    """A click group whose commands are imported on first use, and whose errors are one line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        return getattr(import_module(module), attr)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except CasekitError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            from casekit.text.escape import one_line

            click.echo(f"casekit: error: {one_line(exc.message)}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("casekit: stopped; nothing was half-written", err=True)
            sys.exit(130)
        except BrokenPipeError:
            # The reader went away (`casekit audit form F | head`): stop quietly, as Unix tools do.
            # Point stdout at /dev/null so Python's own flush at exit does not fail again.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(141)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - the last guard before a traceback reaches a user
            # A bug. Its message may quote data (a database error can echo a row), so the traceback
            # and message are shown only when asked for.
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            click.echo(
                f"casekit: internal error ({type(exc).__name__}); run the command again with --debug "
                f"to see the details, and report it",
                err=True,
            )
            sys.exit(70)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="casekit")
@click.option(
    "--workspace",
    "-w",
    type=click.Path(file_okay=False, path_type=str),
    envvar="CASEKIT_WORKSPACE",
    help="Workspace folder to use (default: the current folder, or $CASEKIT_WORKSPACE).",
)
@click.option(
    "--db",
    envvar="CASEKIT_DB_URL",
    help="Case store URL, e.g. postgresql://host/db for a shared group store (default: the "
    "workspace's own SQLite file, or $CASEKIT_DB_URL).",
)
@click.option("--debug", is_flag=True, help="Show the full traceback when something goes wrong.")
@click.pass_context
def cli(ctx: click.Context, workspace: str | None, db: str | None, debug: bool) -> None:
    """casekit: case consultation workbooks grounded in cultural humility.

    Start with `casekit init --examples` in an empty folder, then `casekit case list`.
    """
    ctx.ensure_object(dict)
    ctx.obj.update(workspace=workspace, db=db, debug=debug)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``casekit`` command."""
    cli.main(args=argv, prog_name="casekit")
