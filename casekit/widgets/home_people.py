"""The home page's "People and keys" panel: what a privacy lead and a case's owner do about people.

In a people-access store (:mod:`casekit.access`) this panel does, with buttons, what ``casekit people``
and ``casekit case grant/share/revoke/rotate-key`` do in a terminal, by calling the same functions
(:mod:`casekit.access.actions`), so every rule is still enforced below the page:

* **The privacy lead** sees everyone with their role, where their key stands and its fingerprint; she
  approves a waiting key only after typing the fingerprint the person read out to her (compared with
  :func:`casekit.access.keys.same_fingerprint`), refuses one, or removes a person after a confirmation
  saying what happens.
* **A case's owner** sees who can open the chosen case, gives or takes supervisor access, shares the
  reviewed, de-identified summary with members for a session (and ends a share), and gives the case a
  new key.
* **Everyone** sees the cases they hold that still need a new key because someone who held it was
  removed, with a button to give each one.

In a shared-key store the panel is replaced by one line saying why. Problems are shown in the panel's
own status line as one plain line (:func:`plain_problem`), never a traceback.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit.access import actions, grants, keys
from casekit.errors import CasekitError
from casekit.i18n import N_, ngettext
from casekit.i18n import gettext as _
from casekit.widgets.fields import LABEL_STYLE, close_all, guarded, stacked, status_html

if TYPE_CHECKING:
    from casekit.access.grants import PersonInfo

#: How a person's role and key status are said on the page.
_ROLE_WORDS = {grants.PRIVACY_LEAD: N_("privacy lead"), grants.MEMBER: N_("member")}
_STATUS_WORDS = {
    grants.APPROVED: N_("key approved"),
    grants.PENDING: N_("key waiting for approval"),
    grants.REFUSED: N_("key refused"),
}
_HOLDER_WORDS = {
    grants.OWNER: N_("%(person)s (owns it)"),
    grants.SUPERVISOR: N_("%(person)s (supervises it)"),
}


def spaced_fingerprint(fingerprint: str) -> str:
    """A fingerprint in groups of four separated by spaces, easy to read aloud: ``3f2a 9c1d …``."""
    return " ".join(fingerprint.split("-"))


def plain_problem(exc: CasekitError) -> str:
    """A library refusal as one plain line: the terminal commands it suggests are left out."""
    text = re.sub(r"\s*\([^()]*`[^()]*\)", "", exc.message)
    parts = [part for part in text.splitlines()[0].split("; ") if "`" not in part]
    return "; ".join(parts) if parts else text.splitlines()[0]


def _muted(text: str) -> widgets.HTML:
    return widgets.HTML(f"<p class='ck-muted'>{html.escape(text)}</p>")


def _heading(text: str) -> widgets.HTML:
    return widgets.HTML(f"<h3>{html.escape(text)}</h3>")


def _button(label: str, *, primary: bool = False, tooltip: str = "") -> widgets.Button:
    return widgets.Button(
        description=label,
        tooltip=tooltip or label,
        button_style="primary" if primary else "",
        layout={"width": "auto"},
    )


def _row(*children: widgets.Widget) -> widgets.HBox:
    return widgets.HBox(
        list(children), layout=widgets.Layout(flex_flow="row wrap", align_items="flex-end", grid_gap="12px")
    )


class PeoplePanel(widgets.VBox):
    """People and keys in a people-access store, for the person the store opens as.

    Parameters
    ----------
    open_store
        Opens the workspace's store (a context manager), as the home page does.
    keep_list
        Gives the words the de-identification keeps (the workspace's keep-list), read when sharing.
    use_ner
        Look for names the case does not list when sharing (the usual, thorough check).
    """

    def __init__(
        self,
        open_store: Callable[[], AbstractContextManager[Any]],
        *,
        keep_list: Callable[[], list[str]] | None = None,
        use_ner: bool = True,
    ) -> None:
        super().__init__()
        self.add_class("ck-people")
        self._open_store, self._keep, self._use_ner = open_store, keep_list or list, use_ner
        self.errors: list[BaseException] = []
        self.case_id: str | None = None
        self.people: list[PersonInfo] = []
        self.me = ""
        self.lead = False
        self.shares: dict[str, str] = {}  # snapshot id -> its label, shared from this panel
        self.status = widgets.HTML()
        self._removing: str | None = None
        self.children = [self.status, self._lead_section(), self._case_section(), self._rotation_section()]
        self.refresh()

    # ---- plumbing ------------------------------------------------------------------------------------
    def guard(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap a callback: a problem is one plain line in the panel's status, never a traceback."""

        def report(message: str) -> None:
            self.say(message, "problem")

        def plain(*args: Any, **kwargs: Any) -> Any:
            try:
                return callback(*args, **kwargs)
            except CasekitError as exc:
                self.errors.append(exc)
                self.say(plain_problem(exc), "problem")
                return None

        return guarded(plain, self.errors, report)

    def say(self, text: str, kind: str = "ok") -> None:
        """Show ``text`` in the panel's status line (``ok`` or ``problem``)."""
        self.status.value = status_html(text, kind)

    def refresh(self) -> None:
        """Read people, the chosen case's holders and the cases needing a new key again."""
        with self._open_store() as store:
            self.me = actions.me(store).username
            self.people = actions.list_people(store)
            held = actions.holders(store, self.case_id) if self.case_id else {}
            pending = actions.pending_rotations(store)
        mine = next((p for p in self.people if p.username == self.me), None)
        self.lead = bool(
            mine
            and mine.removed_at is None
            and mine.role == grants.PRIVACY_LEAD
            and mine.key_status == grants.APPROVED
        )
        self._show_people()
        self._show_case(held)
        self._show_rotations(pending)

    # ---- the privacy lead: people and their keys -----------------------------------------------------
    def _lead_section(self) -> widgets.VBox:
        self.people_table = widgets.HTML()
        self.not_lead = _muted(
            _("Only the privacy lead approves new keys and removes people; ask them if something is wrong.")
        )
        self.waiting = widgets.Dropdown(description=_("Whose key to check"), style=LABEL_STYLE)
        self.waiting_fingerprint = widgets.HTML()
        self.typed = widgets.Text(
            description=_("The fingerprint they read out to you"),
            placeholder=_("e.g. 3f2a 9c1d 0b7e 44a1 c2d9"),
            style=LABEL_STYLE,
            layout=stacked("26em"),
        )
        self.approve_button = _button(
            _("Approve this key"),
            primary=True,
            tooltip=_("Approve once the fingerprint they read out is the one shown"),
        )
        self.refuse_button = _button(
            _("Refuse this key"), tooltip=_("Refuse a key that is not the person's own")
        )
        self.remove_choice = widgets.Dropdown(description=_("Remove a person"), style=LABEL_STYLE)
        self.remove_button = _button(_("Remove…"), tooltip=_("Asks you to confirm first"))
        self.confirm_text = widgets.HTML()
        self.confirm_button = _button(_("Yes, remove them"), primary=True)
        self.cancel_button = _button(_("Cancel"))
        self.confirm_box = widgets.VBox([self.confirm_text, _row(self.confirm_button, self.cancel_button)])
        self.confirm_box.layout.display = "none"
        self.waiting.observe(self.guard(lambda _: self._show_waiting()), "value")
        self.approve_button.on_click(self.guard(lambda _: self.decide(approve=True)))
        self.refuse_button.on_click(self.guard(lambda _: self.decide(approve=False)))
        self.remove_button.on_click(self.guard(lambda _: self.ask_remove()))
        self.confirm_button.on_click(self.guard(lambda _: self.remove()))
        self.cancel_button.on_click(self.guard(lambda _: self._cancel_remove()))
        how = _(
            "Before approving a new key, ask the person to read out the fingerprint casekit showed them "
            "(by phone or in person) and type it here. Approve only when it matches the one shown."
        )
        self.lead_controls = widgets.VBox(
            [
                _muted(how),
                self.waiting,
                self.waiting_fingerprint,
                self.typed,
                _row(self.approve_button, self.refuse_button),
                _row(self.remove_choice, self.remove_button),
                self.confirm_box,
            ]
        )
        return widgets.VBox(
            [_heading(_("People and their keys")), self.people_table, self.not_lead, self.lead_controls]
        )

    def _show_people(self) -> None:
        rows = []
        for person in self.people:
            state = (
                _("removed") if person.removed_at is not None else _(_STATUS_WORDS.get(person.key_status, ""))
            )
            cells = (
                person.username,
                _(_ROLE_WORDS.get(person.role, person.role)),
                state,
                spaced_fingerprint(person.fingerprint),
            )
            rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
        heads = (_("Person"), _("Role"), _("Key"), _("Fingerprint"))
        caption = html.escape(_("Everyone registered here"))
        head = "".join(f"<th scope='col'>{html.escape(h)}</th>" for h in heads)
        self.people_table.value = (
            f"<table class='ck-people-table'><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
        active = [p for p in self.people if p.removed_at is None]
        waiting = [p.username for p in active if p.key_status == grants.PENDING]
        self.waiting.options = waiting
        self.waiting.value = waiting[0] if waiting else None
        self.remove_choice.options = [p.username for p in active if p.username != self.me]
        self.remove_choice.value = None
        self.lead_controls.layout.display = None if self.lead else "none"
        self.not_lead.layout.display = "none" if self.lead else None
        self._show_waiting()

    def _show_waiting(self) -> None:
        person = self._person(self.waiting.value)
        self.typed.value = ""
        for control in (self.typed, self.approve_button, self.refuse_button):
            control.disabled = person is None
        if person is None:
            self.waiting_fingerprint.value = (
                "<p>" + html.escape(_("No key is waiting for approval.")) + "</p>"
            )
            return
        shown = _("The fingerprint registered for %(person)s:") % {"person": person.username}
        self.waiting_fingerprint.value = (
            f"<p>{html.escape(shown)} <strong class='ck-fingerprint'>"
            f"{html.escape(spaced_fingerprint(person.fingerprint))}</strong></p>"
        )

    def _person(self, username: str | None) -> PersonInfo | None:
        return next((p for p in self.people if p.username == username), None)

    def decide(self, *, approve: bool) -> str | None:
        """Approve (after the typed fingerprint matches) or refuse the chosen waiting key."""
        person = self._person(self.waiting.value)
        if person is None:
            self.say(_("Choose whose key to check first."), "problem")
            return None
        words = {"person": person.username}
        if approve:
            if not keys.same_fingerprint(self.typed.value, person.public_key):
                self.say(
                    _(
                        "The fingerprint you typed is not the one registered for %(person)s, so "
                        "nothing was approved. Ask them to read theirs out again; if it still differs, "
                        "refuse the key."
                    )
                    % words,
                    "problem",
                )
                return None
            given = self.typed.value
        else:  # refusing the key shown on screen (if it changed meanwhile, the refusal is refused)
            given = person.fingerprint
        with self._open_store() as store:
            shown = actions.decide_key(store, person.username, given, approve=approve)
        self.refresh()
        if approve:
            done = _("%(person)s's key is approved: they can now be given cases and shared summaries.")
        else:
            done = _("%(person)s's key is refused: nothing can be given to them until a new key is approved.")
        self.say(done % words, "ok")
        return shown

    def ask_remove(self) -> None:
        """Show what removing the chosen person does, with a button to confirm."""
        username = self.remove_choice.value
        if not username:
            self.say(_("Choose who to remove first."), "problem")
            return
        self._removing = username
        what = _(
            "Remove %(person)s? Every key kept for them is deleted at once: they can no longer open any "
            "case or shared summary. Cases they could open will need a new key from their owners, "
            "which this page lists for each owner."
        ) % {"person": username}
        self.confirm_text.value = f"<p class='ck-reminder' role='alert'>{html.escape(what)}</p>"
        self.confirm_button.description = _("Yes, remove %(person)s") % {"person": username}
        self.confirm_box.layout.display = None

    def _cancel_remove(self) -> None:
        self._removing = None
        self.confirm_box.layout.display = "none"

    def remove(self) -> list[str] | None:
        """Remove the person the confirmation names; say which cases need a new key."""
        username = self._removing
        self._cancel_remove()
        if username is None:
            return None
        with self._open_store() as store:
            pending = actions.remove_person(store, username)
        self.refresh()
        done = _("%(person)s is removed; every key kept for them is deleted.") % {"person": username}
        if pending:
            need = ngettext(
                "Case %(cases)s needs a new key from its owner.",
                "Cases %(cases)s need a new key from their owners.",
                len(pending),
            ) % {"cases": ", ".join(pending)}
            done = f"{done} {need}"
        self.say(done, "ok")
        return pending

    # ---- the chosen case's owner -------------------------------------------------------------------
    def _case_section(self) -> widgets.VBox:
        self.case_heading = _heading(_("Who can open the chosen case"))
        self.holders_line = widgets.HTML()
        self.supervisor = widgets.Dropdown(description=_("Supervisor"), style=LABEL_STYLE)
        self.grant_button = _button(
            _("Give supervisor access"), tooltip=_("The supervisor can then open and read this case")
        )
        self.revoke_button = _button(
            _("Take supervisor access away"), tooltip=_("The case also gets a new key at once")
        )
        self.session_day = widgets.DatePicker(description=_("Session date"), style=LABEL_STYLE)
        self.members = widgets.SelectMultiple(
            description=_("Share with (members present)"), rows=4, style=LABEL_STYLE, layout=stacked("18em")
        )
        self.share_button = _button(
            _("Share the reviewed summary"),
            primary=True,
            tooltip=_("The de-identified summary, once its review is done; nothing else of the case"),
        )
        self.shared = widgets.Dropdown(description=_("Shared from this page"), style=LABEL_STYLE)
        self.end_share_button = _button(_("End this share"), tooltip=_("Ends it for everyone at once"))
        self.take_from = widgets.Dropdown(description=_("Take every shared summary from"), style=LABEL_STYLE)
        self.take_button = _button(
            _("Take them away"),
            tooltip=_("Every summary of this case shared with them ends for them at once"),
        )
        self.rotate_button = _button(
            _("Give this case a new key"),
            tooltip=_("Re-seal the case so that old copies of its key no longer open it"),
        )
        self.grant_button.on_click(self.guard(lambda _: self.grant()))
        self.revoke_button.on_click(self.guard(lambda _: self.revoke()))
        self.share_button.on_click(self.guard(lambda _: self.share()))
        self.end_share_button.on_click(self.guard(lambda _: self.end_share()))
        self.take_button.on_click(self.guard(lambda _: self.take_away()))
        self.rotate_button.on_click(self.guard(lambda _: self.rotate(self.case_id)))
        self.owner_controls = widgets.VBox(
            [
                _row(self.supervisor, self.grant_button, self.revoke_button),
                _muted(
                    _(
                        "Members never receive the case itself, only the summary you share for a "
                        "session, after its de-identification review."
                    )
                ),
                _row(self.session_day, self.members, self.share_button),
                _row(self.shared, self.end_share_button),
                _row(self.take_from, self.take_button),
                self.rotate_button,
            ]
        )
        return widgets.VBox([self.case_heading, self.holders_line, self.owner_controls])

    def show_case(self, case_id: str | None) -> None:
        """Follow the home page's chosen case."""
        self.case_id = case_id
        self.refresh()

    def _show_case(self, held: dict[str, str]) -> None:
        if not self.case_id:
            self.holders_line.value = (
                "<p>" + html.escape(_("Choose a case above to see who can open it.")) + "</p>"
            )
            self.owner_controls.layout.display = "none"
            return
        ordered = sorted(held.items(), key=lambda item: (item[1] != grants.OWNER, item[0]))
        names = ", ".join(_(_HOLDER_WORDS[role]) % {"person": name} for name, role in ordered)
        line = _("%(case)s can be opened by %(people)s.") % {
            "case": self.case_id,
            "people": names or _("no one"),
        }
        self.holders_line.value = f"<p>{html.escape(line)}</p>"
        mine = held.get(self.me)
        self.owner_controls.layout.display = None if mine in (grants.OWNER, grants.SUPERVISOR) else "none"
        for control in (self.supervisor, self.grant_button, self.revoke_button):
            control.disabled = mine != grants.OWNER
        others = [
            p.username
            for p in self.people
            if p.removed_at is None and p.key_status == grants.APPROVED and p.username != self.me
        ]
        self.supervisor.options = [n for n in others if held.get(n) != grants.OWNER]
        current = next((n for n, role in held.items() if role == grants.SUPERVISOR), None)
        self.supervisor.value = current if current in self.supervisor.options else None
        self.members.options = [n for n in others if n not in held]
        self.take_from.options = [
            p.username for p in self.people if p.removed_at is None and p.username not in held
        ]
        self.take_from.value = None
        self.shared.options = [(label, sid) for sid, label in self.shares.items()]
        self.end_share_button.disabled = not self.shares

    def _need_case(self) -> str | None:
        if not self.case_id:
            self.say(_("Choose a case first."), "problem")
        return self.case_id

    def grant(self) -> None:
        """Give the chosen supervisor access to the case."""
        case_id, person = self._need_case(), self.supervisor.value
        if case_id is None:
            return
        if not person:
            self.say(_("Choose the supervisor first."), "problem")
            return
        with self._open_store() as store:
            actions.grant_supervisor(store, case_id, person)
        self.refresh()
        self.say(
            _("%(person)s can now open %(case)s as its supervisor.") % {"person": person, "case": case_id}
        )

    def revoke(self) -> None:
        """Take access away from the case's supervisor (the case gets a new key at once)."""
        case_id = self._need_case()
        if case_id is None:
            return
        with self._open_store() as store:
            held = actions.holders(store, case_id)
            person = next((n for n, role in held.items() if role == grants.SUPERVISOR), None)
            if person is None:
                self.say(_("%(case)s has no supervisor to take access from.") % {"case": case_id}, "problem")
                return
            actions.revoke_supervisor(store, case_id, person)
        self.refresh()
        self.say(
            _("%(person)s can no longer open %(case)s; the case has a new key.")
            % {"person": person, "case": case_id}
        )

    def share(self) -> str | None:
        """Share the case's reviewed summary with the chosen members for the session; returns its id."""
        case_id, people = self._need_case(), list(self.members.value)
        if case_id is None:
            return None
        day: dt.date | None = self.session_day.value
        if day is None or not people:
            self.say(_("Choose the session date and at least one member, then share again."), "problem")
            return None
        with self._open_store() as store:
            snapshot_id = actions.share_case(
                store,
                case_id,
                session=day.isoformat(),
                recipients=people,
                keep_list=self._keep(),
                use_ner=self._use_ner,
            )
        words = {"case": case_id, "day": day.isoformat(), "people": ", ".join(people)}
        self.shares[snapshot_id] = _("%(case)s on %(day)s with %(people)s") % words
        self.refresh()
        self.shared.value = snapshot_id
        self.say(_("The reviewed summary of %(case)s is shared with %(people)s for %(day)s.") % words)
        return snapshot_id

    def end_share(self) -> None:
        """End the chosen share for everyone at once."""
        snapshot_id = self.shared.value
        if not snapshot_id or self.case_id is None:
            self.say(_("Choose a share to end first."), "problem")
            return
        with self._open_store() as store:
            actions.revoke_snapshot(store, self.case_id, snapshot_id)
        label = self.shares.pop(snapshot_id)
        self.refresh()
        self.say(_("The share of %(what)s has ended for everyone.") % {"what": label})

    def take_away(self) -> int | None:
        """Take every shared summary of the case from the chosen member; returns how many they lost."""
        case_id, person = self._need_case(), self.take_from.value
        if case_id is None:
            return None
        if not person:
            self.say(_("Choose whose shared summaries to take away first."), "problem")
            return None
        with self._open_store() as store:
            lost = actions.remove_member(store, case_id, person)
        self.refresh()
        words = {"person": person, "case": case_id, "num": lost}
        self.say(
            ngettext(
                "%(person)s no longer has %(num)d shared summary of %(case)s.",
                "%(person)s no longer has %(num)d shared summaries of %(case)s.",
                lost,
            )
            % words
        )
        return lost

    def rotate(self, case_id: str | None) -> int | None:
        """Give ``case_id`` a new key; returns its new key version."""
        if case_id is None:
            self.say(_("Choose a case first."), "problem")
            return None
        with self._open_store() as store:
            version = actions.rotate_key(store, case_id)
        self.refresh()
        self.say(_("%(case)s has a new key; copies of the old one no longer open it.") % {"case": case_id})
        return version

    # ---- cases that still need a new key -------------------------------------------------------------
    def _rotation_section(self) -> widgets.VBox:
        self.rotations = widgets.VBox()
        return widgets.VBox([_heading(_("Cases that still need a new key")), self.rotations])

    def _show_rotations(self, pending: dict[str, list[str]]) -> None:
        old = list(self.rotations.children)
        self.rotations.children = []
        for child in old:
            close_all(child)
        if not pending:
            self.rotations.children = [_muted(_("None: every case you hold has a current key."))]
            return
        rows = []
        for case_id, removed in pending.items():
            why = _("%(case)s: %(people)s could open it and was removed.") % {
                "case": case_id,
                "people": ", ".join(removed),
            }
            button = _button(_("Give %(case)s a new key") % {"case": case_id}, primary=True)
            button.on_click(self.guard(lambda _b, c=case_id: self.rotate(c)))
            rows.append(_row(widgets.HTML(f"<p>{html.escape(why)}</p>"), button))
        self.rotations.children = rows


class PeopleSlot(widgets.VBox):
    """Where the home page shows the panel: a button that opens it, or (in a shared-key store) one line
    saying why there is none.

    Parameters
    ----------
    open_store
        Opens the workspace's store, as the home page does.
    guard
        The home page's callback wrapper (problems go to its status line).
    options
        Passed to :class:`PeoplePanel`.
    """

    def __init__(
        self,
        open_store: Callable[[], AbstractContextManager[Any]],
        guard: Callable[[Callable[..., Any]], Callable[..., Any]],
        **options: Any,
    ) -> None:
        super().__init__()
        self.add_class("ck-section")
        self._open_store, self._options = open_store, options
        self.case_id: str | None = None
        self.panel: PeoplePanel | None = None
        with open_store() as store:
            self.people_access = store.access is not None
        heading = widgets.HTML("<h2>" + html.escape(_("People and keys")) + "</h2>")
        self.open_button = _button(
            _("People, keys and sharing"),
            tooltip=_("Approve new keys, give a supervisor access, share a reviewed summary"),
        )
        self.open_button.on_click(guard(lambda _: self.toggle()))
        if not self.people_access:
            why = _(
                "This workspace keeps every case under one shared key, so there are no personal keys to "
                "manage here."
            )
            self.children = [heading, _muted(why)]
        else:
            self.children = [heading, self.open_button]

    def show_case(self, case_id: str | None) -> None:
        """Follow the home page's chosen case."""
        self.case_id = case_id
        if self.panel is not None:
            self.panel.guard(self.panel.show_case)(case_id)

    def toggle(self) -> PeoplePanel | None:
        """Open the panel (or close it, when it is open)."""
        if not self.people_access:
            return None
        if self.panel is not None:
            close_all(self.panel)
            self.panel = None
            self.children = self.children[:2]
            return None
        self.panel = PeoplePanel(self._open_store, **self._options)
        self.children = [*self.children[:2], self.panel]
        self.panel.guard(self.panel.show_case)(self.case_id)
        return self.panel
