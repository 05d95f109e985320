"""``casekit people …`` and ``casekit case grant/share/revoke/rotate-key/shared``: people access.

These work on a store in people access mode (:mod:`casekit.access`), as the person running casekit
(the JupyterHub user or the account), with their personal key from ``~/.casekit/identity`` (or
``$CASEKIT_IDENTITY``). Each refusal is one line; the exit codes are the README's: 1 refused (the
line says why), 3 no such case, 8 you hold no key for the case or may not manage it.
"""

from __future__ import annotations

import click

from casekit.cli import _context
from casekit.errors import CaseNotFoundError
from casekit.text.words import count


@click.group()
def people() -> None:
    """Who belongs to a people-access store: enable, add, approve, refuse, list, remove."""


@people.command("enable")
@click.pass_context
def enable(ctx: click.Context) -> None:
    """Make a new, empty store a people-access store (each case readable by its owner and supervisor)."""
    from casekit.access import actions

    with _context.open_store(ctx) as store:
        actions.enable(store)
    with _context.open_store(ctx) as store:
        holder = actions.me(store)
    click.echo(f"people access is on; you ({holder.username}) are registered: {holder.public_key}")


@people.command("add")
@click.argument("username", required=False)
@click.option(
    "--public-key", help="The person's public key (age1…), which they get from `casekit people add`."
)
@click.option(
    "--privacy-lead", is_flag=True, help="Make them a privacy lead (manages people, reads no case)."
)
@click.pass_context
def add(ctx: click.Context, username: str | None, public_key: str | None, privacy_lead: bool) -> None:
    """Register yourself (no USERNAME; prints your public key), or another person (privacy lead only)."""
    from casekit.access import actions, grants

    with _context.open_store(ctx) as store:
        holder = actions.me(store)
        if username is None or (username == holder.username and public_key is None):
            actions.register_my_key(store)
            mine = next(p for p in actions.list_people(store) if p.username == holder.username)
            click.echo(
                f"{holder.username}: registered as {mine.role}; your public key is {holder.public_key}; "
                f"fingerprint {mine.fingerprint}"
            )
            if mine.key_status != grants.APPROVED:
                click.echo(f"your key is {mine.key_status}: read the fingerprint out to the privacy lead")
            return
        if not public_key:
            raise click.UsageError("give --public-key age1… (the person gets it from `casekit people add`)")
        role = grants.PRIVACY_LEAD if privacy_lead else grants.MEMBER
        actions.add_person(store, username, public_key, role=role)
    click.echo(f"{username}: registered as {role}")


@people.command("list")
@click.pass_context
def list_(ctx: click.Context) -> None:
    """Everyone registered, with their role and whether they were removed."""
    from casekit.access import actions

    with _context.open_store(ctx) as store:
        everyone = actions.list_people(store)
    for person in everyone:
        state = f"removed {person.removed_at:%Y-%m-%d}" if person.removed_at else "active"
        _context.echo(
            f"{person.username}\t{person.role}\t{state}\tkey {person.key_status}\t"
            f"{person.fingerprint}\t{person.public_key}"
        )


def _decide(ctx: click.Context, username: str, fingerprint: str | None, *, approve: bool) -> None:
    from casekit.access import actions

    verb = "approve" if approve else "refuse"
    with _context.open_store(ctx) as store:
        if fingerprint is None:
            found = [p for p in actions.list_people(store) if p.username == username]
            shown = found[0].fingerprint if found else "(not registered)"
            click.echo(
                f"{username}: registered key fingerprint {shown}; compare it with the one {username} "
                f"reads out from `casekit people add`, then run `casekit people {verb} {username} "
                f"--fingerprint {shown}`"
            )
            ctx.exit(1)
        shown = actions.decide_key(store, username, fingerprint, approve=approve)
    done = "approved: they can now be given cases and snapshots" if approve else "refused"
    click.echo(f"{username}: key {shown} {done}")


_FINGERPRINT = click.option(
    "--fingerprint", help="The key's fingerprint as the person reads it out (from `casekit people add`)."
)


@people.command("approve")
@click.argument("username")
@_FINGERPRINT
@click.pass_context
def approve(ctx: click.Context, username: str, fingerprint: str | None) -> None:
    """Approve a person's newly registered key once its fingerprint matches theirs (privacy lead only)."""
    _decide(ctx, username, fingerprint, approve=True)


@people.command("refuse")
@click.argument("username")
@_FINGERPRINT
@click.pass_context
def refuse(ctx: click.Context, username: str, fingerprint: str | None) -> None:
    """Refuse a newly registered key that is not the person's own (privacy lead only)."""
    _decide(ctx, username, fingerprint, approve=False)


@people.command("remove")
@click.argument("username")
@click.pass_context
def remove(ctx: click.Context, username: str) -> None:
    """Remove a person at once: every key kept for them is deleted (privacy lead only)."""
    from casekit.access import actions

    with _context.open_store(ctx) as store:
        pending = actions.remove_person(store, username)
    click.echo(f"{username}: removed; every key kept for them is deleted")
    for case_id in pending:
        click.echo(f"case {case_id}: ask its owner to run `casekit case rotate-key {case_id}`")


@click.command("grant")
@click.argument("case_id")
@click.option("--supervisor", required=True, help="The supervisor's user name.")
@click.pass_context
def grant(ctx: click.Context, case_id: str, supervisor: str) -> None:
    """Let the case's supervisor read it (the owner only)."""
    from casekit.access import actions

    with _context.open_store(ctx) as store:
        actions.grant_supervisor(store, case_id, supervisor)
    click.echo(f"case {case_id}: {supervisor} can now read it as its supervisor")


@click.command("share")
@click.argument("case_id")
@click.option("--to", "recipients", multiple=True, required=True, help="A member present (repeat).")
@click.option("--session", required=True, help="The consultation session date, YYYY-MM-DD.")
@click.pass_context
def share(ctx: click.Context, case_id: str, recipients: tuple[str, ...], session: str) -> None:
    """Share the case's reviewed, de-identified summary with the members present at a session."""
    from casekit.access import actions

    keep = _context.workspace(ctx).keep_list()
    with _context.open_store(ctx) as store:
        snapshot_id = actions.share_case(
            store, case_id, session=session, recipients=recipients, keep_list=keep
        )
    click.echo(f"case {case_id}: shared for {session} with {', '.join(recipients)} (snapshot {snapshot_id})")


@click.command("revoke")
@click.argument("case_id")
@click.option("--supervisor", help="Take the case from its supervisor (the key is rotated).")
@click.option("--member", help="Take every snapshot of the case from this member.")
@click.option("--snapshot", "snapshot_id", help="End this shared snapshot for everyone.")
@click.pass_context
def revoke(
    ctx: click.Context, case_id: str, supervisor: str | None, member: str | None, snapshot_id: str | None
) -> None:
    """Take access away at once: from the supervisor, from one member, or end a snapshot."""
    from casekit.access import actions

    if sum(x is not None for x in (supervisor, member, snapshot_id)) != 1:
        raise click.UsageError("give exactly one of --supervisor USER, --member USER or --snapshot ID")
    with _context.open_store(ctx) as store:
        if supervisor is not None:
            actions.revoke_supervisor(store, case_id, supervisor)
            click.echo(f"case {case_id}: {supervisor} can no longer read it; its key was rotated")
        elif member is not None:
            lost = actions.remove_member(store, case_id, member)
            click.echo(f"case {case_id}: {member} lost {count(lost, 'shared snapshot')}")
        else:
            actions.revoke_snapshot(store, case_id, str(snapshot_id))
            click.echo(f"case {case_id}: snapshot {snapshot_id} ended for everyone")


@click.command("rotate-key")
@click.argument("case_id")
@click.pass_context
def rotate_key(ctx: click.Context, case_id: str) -> None:
    """Re-seal every revision of the case under a new key (old backups still open with the old one)."""
    from casekit.access import actions

    with _context.open_store(ctx) as store:
        version = actions.rotate_key(store, case_id)
    click.echo(f"case {case_id}: re-sealed under key version {version}; destroy backups made before now")


@click.command("shared")
@click.argument("case_id", required=False)
@click.pass_context
def shared(ctx: click.Context, case_id: str | None) -> None:
    """Show the snapshots shared with you (of one case, if given)."""
    from casekit.access import actions

    with _context.open_store(ctx) as store:
        snapshots = actions.shared_with_me(store, case_id)
    if not snapshots:
        click.echo("nothing is shared with you")
    for snap in snapshots:
        _context.echo(f"# case {snap.case_id}, session {snap.session}, shared by {snap.shared_by}\n")
        _context.echo(snap.text)


@click.command("holders")
@click.argument("case_id")
@click.pass_context
def holders(ctx: click.Context, case_id: str) -> None:
    """Who can open the case: its owner and its supervisor (members only get shared snapshots)."""
    from casekit.access import actions

    with _context.open_store(ctx) as store:
        held = actions.holders(store, case_id)
    if not held:
        raise CaseNotFoundError(
            f"case {case_id}: no one holds a key for it; check the id with `casekit case list`"
        )
    for username, role in sorted(held.items(), key=lambda item: (item[1] != "owner", item[0])):
        click.echo(f"{username}\t{role}")


@click.command("pending-rotations")
@click.pass_context
def pending_rotations(ctx: click.Context) -> None:
    """The cases you hold whose key must be rotated because someone who held it was removed."""
    from casekit.access import actions

    with _context.open_store(ctx) as store:
        pending = actions.pending_rotations(store)
    if not pending:
        click.echo("no case of yours needs a new key")
    for case_id, removed in pending.items():
        click.echo(
            f"case {case_id}: {', '.join(removed)} held its key and was removed; run "
            f"`casekit case rotate-key {case_id}`"
        )


#: The commands added to ``casekit case`` (see :func:`add_case_commands`).
CASE_COMMANDS = (grant, share, revoke, rotate_key, shared, holders, pending_rotations)


def add_case_commands(group: click.Group) -> None:
    """Add the people-access commands to the ``casekit case`` group."""
    for command in CASE_COMMANDS:
        group.add_command(command)
