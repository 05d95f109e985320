"""Field widgets bound to parts of a case model: a free-text entry with its voice, short text,
choices, dates, scores, and lists that grow and shrink.

Each field edits one attribute of one model object. It never assigns directly: it hands the new
value to its :class:`Editor` (the form), which validates it through the pydantic model, records the
change for autosave and returns an error message for the field to show inline. Callbacks are run
through :meth:`Editor.guard`, so a bug shows in the form's status area instead of vanishing.

Every input carries a visible ``description`` (rendered by ipywidgets 8 as a ``<label for=…>`` tied to
the input), so screen readers and keyboard users meet the same labels sighted mouse users do.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any, Generic, Protocol, TypeVar

import ipywidgets as widgets
from pydantic import BaseModel

from casekit.errors import CasekitError
from casekit.i18n import N_, ngettext
from casekit.i18n import gettext as _
from casekit.model import Entry, Obtained, Voice
from casekit.render.provenance import provenance
from casekit.widgets.formulation_guidance import VOICE_HELP

T = TypeVar("T")

LABEL_STYLE = {"description_width": "initial"}


class Editor(Protocol):
    """What a field needs from its form."""

    def apply(self, target: Any, attr: str, value: Any, where: str) -> str | None:
        """Validate and set ``target.attr = value``; return an error message, or None if it took."""

    def guard(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap a widget callback so an exception is shown in the status area, never lost."""


def stacked(width: str = "100%") -> widgets.Layout:
    """A layout that puts a widget's description above its input, at full width."""
    return widgets.Layout(flex_flow="column", align_items="stretch", width=width)


def form_header(title: widgets.Widget, status: widgets.Widget, save_button: widgets.Widget) -> widgets.HBox:
    """A form's header: its title on the left, the save status and button on the right."""
    header = widgets.HBox(
        [title, widgets.HBox([status, save_button])],
        layout=widgets.Layout(justify_content="space-between", align_items="center", flex_flow="row wrap"),
    )
    header.add_class("ck-header")
    return header


def guarded(
    callback: Callable[..., Any], errors: list[BaseException], report: Callable[[str], None]
) -> Callable[..., Any]:
    """Wrap a widget callback so that no exception is raised into the void or shown in full.

    A :class:`~casekit.errors.CasekitError` is reported with its one-line message; anything else only
    by its type (its text could quote a private identifier). Both are kept in ``errors`` for
    debugging in the kernel, and the callback returns None.
    """

    @functools.wraps(callback)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except CasekitError as exc:
            errors.append(exc)
            report(exc.message)
        except Exception as exc:  # noqa: BLE001 - reported without its text, kept for debugging
            errors.append(exc)
            report(
                _("something went wrong (%(kind)s); what you typed is still in the form")
                % {"kind": type(exc).__name__}
            )
        return None

    return wrapper


def status_html(text: str, kind: str = "ok") -> str:
    """A status line's HTML: ``text`` escaped, announced to screen readers (an alert for a problem).

    ``kind`` is ``ok``, ``working`` or ``problem`` (the page's ``ck-status-*`` styles).
    """
    role = "alert" if kind == "problem" else "status"
    return f"<div role='{role}' aria-live='polite' class='ck-status-{kind}'>{html.escape(text)}</div>"


def close_all(widget: widgets.Widget) -> None:
    """Close a widget and all its descendants, so their models leave the kernel and the page.

    A widget's ``layout`` and ``style`` are widget models of their own, which ``Widget.close`` leaves
    open (ipywidgets 8); they are closed too, or every rebuild would leave two orphans per widget in
    the kernel and the page. casekit never shares a layout or style between widgets.
    """
    for child in getattr(widget, "children", ()) or ():
        close_all(child)
    for part in (getattr(widget, "layout", None), getattr(widget, "style", None)):
        if isinstance(part, widgets.Widget):
            part.close()
    widget.close()


class Field(widgets.VBox):
    """Base of a bound field: an error line under the input(s), shown only when there is an error.

    The error line is created the first time there is something to say: a form has hundreds of
    fields, and three widget models each for lines that stay empty would only slow its opening.
    """

    def __init__(self, editor: Editor, where: str, **kwargs: Any) -> None:
        self.editor = editor
        self.where = where
        self._error: widgets.HTML | None = None
        super().__init__(**kwargs)
        self.add_class("ck-field")

    @property
    def error(self) -> widgets.HTML:
        """The error line under the input(s) (created, hidden, on first use)."""
        if self._error is None:
            self._error = widgets.HTML(value="", layout=widgets.Layout(display="none"))
            self._error.add_class("ck-error")
            self.children = [*self.children, self._error]
        return self._error

    def commit(self, target: Any, attr: str, value: Any) -> bool:
        """Hand a new value to the editor; show its error, if any. Returns whether it took."""
        message = self.editor.apply(target, attr, value, self.where)
        self.show_error(message)
        return message is None

    def show_error(self, message: str | None) -> None:
        """Show ``message`` under the field, or hide the error line."""
        if not message and self._error is None:
            return
        if message:
            self.error.value = f'<span role="alert">{html.escape(message)}</span>'
            self.error.layout.display = None
        else:
            self.error.value = ""
            self.error.layout.display = "none"


class InputField(Field):
    """A field with one input widget bound to ``target.attr``: every change is handed to the editor."""

    def _bind(self, target: BaseModel, attr: str, input_widget: widgets.Widget) -> None:
        self.target, self.attr, self.input = target, attr, input_widget
        input_widget.observe(self.editor.guard(self._on_value), "value")
        self.children = [input_widget]  # the error line is added when there is one

    def _on_value(self, change: dict) -> None:
        self.commit(self.target, self.attr, change["new"])


def voice_options(entry: Entry | None = None) -> list[tuple[str, str]]:
    """(label, value) pairs for a voice dropdown: the client's voice once per way the words were obtained.

    A client entry's value is ``"client:<obtained>"``; an entry saved before casekit asked how the
    words were obtained also offers ``"client:"`` (not marked), so opening it changes nothing.
    """
    options: list[tuple[str, str]] = []
    for voice in Voice:
        if voice is not Voice.CLIENT:
            options.append((voice.label, voice.value))
            continue
        for obtained in Obtained:
            probe = Entry(voice=voice, obtained=obtained)
            options.append((provenance(probe), voice_value(probe)))
        if entry is not None and entry.voice is Voice.CLIENT and entry.obtained is None:
            options.append((provenance(Entry(voice=voice)), "client:"))
    return options


def voice_value(entry: Entry) -> str:
    """The voice dropdown's value for ``entry`` (see :func:`voice_options`)."""
    if entry.voice is Voice.CLIENT:
        return f"client:{entry.obtained.value if entry.obtained else ''}"
    return entry.voice.value


class EntryField(Field):
    """A free-text entry: a labelled textarea with a voice selector beside it.

    Parameters
    ----------
    editor
        The form.
    entry
        The :class:`~casekit.model.Entry` to edit (text and voice).
    label
        The visible label.
    where
        Where the entry sits, for messages ("Goal 1 › agreed wording").
    placeholder
        A hint shown in the empty box (never the only label).
    rows
        Visible lines.
    """

    def __init__(
        self,
        editor: Editor,
        entry: Entry,
        label: str,
        where: str,
        *,
        placeholder: str = "",
        rows: int = 3,
    ) -> None:
        super().__init__(editor, where)
        self.entry = entry
        self.text = widgets.Textarea(
            value=entry.text,
            description=label,
            placeholder=placeholder,
            rows=rows,
            continuous_update=True,
            style=LABEL_STYLE,
            layout=stacked(),
        )
        self.text.add_class("ck-text")
        self.voice = widgets.Dropdown(
            options=voice_options(entry),
            value=voice_value(entry),
            description=_("Voice"),
            tooltip=_(VOICE_HELP),
            style=LABEL_STYLE,
            layout=widgets.Layout(flex_flow="column", width="15em", flex="0 0 auto"),
        )
        self.voice.add_class("ck-voice")
        self.text.layout.flex = "1 1 auto"
        row = widgets.HBox([self.text, self.voice], layout=widgets.Layout(align_items="flex-start"))
        self._mark_voice(entry.voice.value)
        self.text.observe(editor.guard(self._on_text), "value")
        self.voice.observe(editor.guard(self._on_voice), "value")
        self.children = [row]
        if entry.client_written:  # the client's own writing is kept exactly as they wrote it
            self.text.disabled = self.voice.disabled = True
            note = widgets.HTML(f"<p class='ck-client-written'>{html.escape(provenance(entry))}</p>")
            self.children = [row, note]

    def _mark_voice(self, voice: str) -> None:
        for v in Voice:
            self.text.remove_class(f"ck-voice-{v.value}")
        self.text.add_class(f"ck-voice-{voice}")

    def _on_text(self, change: dict) -> None:
        self.commit(self.entry, "text", change["new"])

    def _on_voice(self, change: dict) -> None:
        voice, _, how = change["new"].partition(":")
        obtained = Obtained(how) if how else None
        # Both change together, so the entry is never a client entry without its way of obtaining.
        if self.commit(self.entry, "obtained", obtained) and self.commit(self.entry, "voice", Voice(voice)):
            self._mark_voice(voice)


class TextField(InputField):
    """A one-line text input bound to ``target.attr``."""

    def __init__(
        self,
        editor: Editor,
        target: BaseModel,
        attr: str,
        label: str,
        where: str,
        *,
        placeholder: str = "",
        width: str = "100%",
    ) -> None:
        super().__init__(editor, where)
        input_widget = widgets.Text(
            value=getattr(target, attr) or "",
            description=label,
            placeholder=placeholder,
            continuous_update=True,
            style=LABEL_STYLE,
            layout=stacked(width),
        )
        self._bind(target, attr, input_widget)


class ChoiceField(InputField):
    """A dropdown bound to an enum attribute (optionally allowing "not set")."""

    def __init__(
        self,
        editor: Editor,
        target: BaseModel,
        attr: str,
        label: str,
        where: str,
        *,
        options: Sequence[tuple[str, Any]],
        none_label: str | None = None,
        width: str = "16em",
    ) -> None:
        super().__init__(editor, where)
        opts = list(options)
        if none_label is not None:
            opts = [(none_label, None), *opts]
        current = getattr(target, attr)
        if isinstance(current, Enum):
            current = current.value
        input_widget = widgets.Dropdown(
            options=[(lab, v.value if isinstance(v, Enum) else v) for lab, v in opts],
            value=current,
            description=label,
            style=LABEL_STYLE,
            layout=stacked(width),
        )
        self._bind(target, attr, input_widget)


#: The words :func:`enum_options` makes of stored values that carry no label of their own (Salience,
#: Standing, GoalStatus …), listed so ``pybabel extract`` finds them; looked up when shown.
VALUE_WORDS = (
    *(N_("Central"), N_("Important"), N_("Sometimes"), N_("Background")),
    *(N_("Privileged"), N_("Marginalised"), N_("Mixed"), N_("Unsure")),
    *(N_("In room"), N_("Systemic")),
    *(N_("Active"), N_("Met"), N_("Paused"), N_("Revised"), N_("Set aside")),
    *(N_("Not yet raised"), N_("In progress"), N_("Repaired"), N_("Unresolved")),
)


def enum_options(enum: type[Enum], labels: dict[Any, str] | None = None) -> list[tuple[str, Any]]:
    """(label, member) pairs; labels default to the member's ``label`` or its value in words."""
    out = []
    for member in enum:
        label = (labels or {}).get(member) or getattr(member, "label", None)
        out.append((label or _(str(member.value).replace("_", " ").capitalize()), member))
    return out


class DateField(InputField):
    """A date input (``<input type=date>``) bound to ``target.attr``."""

    def __init__(
        self, editor: Editor, target: BaseModel, attr: str, label: str, where: str, *, width: str = "14em"
    ) -> None:
        super().__init__(editor, where)
        input_widget = widgets.DatePicker(
            value=getattr(target, attr), description=label, style=LABEL_STYLE, layout=stacked(width)
        )
        self._bind(target, attr, input_widget)


class CheckField(InputField):
    """A checkbox bound to a boolean attribute."""

    def __init__(self, editor: Editor, target: BaseModel, attr: str, label: str, where: str) -> None:
        super().__init__(editor, where)
        input_widget = widgets.Checkbox(value=bool(getattr(target, attr)), description=label, indent=False)
        self._bind(target, attr, input_widget)


def score_options(low: int, high: int, words: dict[int, str] | None = None) -> list[tuple[str, int]]:
    """(label, score) pairs for a score dropdown, with words at chosen points ("0 — not at all")."""
    words = words or {}
    return [(f"{n} — {words[n]}" if n in words else str(n), n) for n in range(low, high + 1)]


def answer_menu(number: int, scale: Any, blank: str) -> widgets.Dropdown:
    """The menu for question ``number`` of a clinic's questionnaire: ``blank`` (no answer) first, then
    the points of its ``scale`` (an instrument's scale: ``min``, ``max`` and ``labels``)."""
    return widgets.Dropdown(
        options=[(blank, None), *score_options(scale.min, scale.max, scale.labels)],
        value=None,
        description=_("Answer to question %(num)d") % {"num": number},
        style=LABEL_STYLE,
        layout=stacked("16em"),
    )


class StringListField(widgets.VBox):
    """A list of short strings (names, phone numbers): one labelled input per item, add and remove."""

    def __init__(
        self,
        editor: Editor,
        target: BaseModel,
        attr: str,
        label: str,
        item_label: str,
        where: str,
    ) -> None:
        super().__init__()
        self.editor, self.target, self.attr = editor, target, attr
        self.label, self.item_label, self.where = label, item_label, where
        self.heading = widgets.HTML(f'<div class="ck-list-label">{html.escape(label)}</div>')
        self.rows = widgets.VBox()
        self.error = widgets.HTML("")
        self.add_button = widgets.Button(description=_("Add %(item)s") % {"item": item_label})
        self.add_button.on_click(editor.guard(self._add))
        self.children = [self.heading, self.rows, self.error, self.add_button]
        self.add_class("ck-list")
        self._update()

    def _items(self) -> list[str]:
        return list(getattr(self.target, self.attr))

    def _set(self, items: list[str]) -> bool:
        return _apply_list(self, items)

    def _update(self) -> None:
        for row in self.rows.children:
            close_all(row)
        rows = []
        for i, value in enumerate(self._items()):
            box = widgets.Text(
                value=value,
                description=f"{self.item_label.capitalize()} {i + 1}",
                style=LABEL_STYLE,
                layout=widgets.Layout(width="28em"),
            )
            box.observe(self.editor.guard(self._on_change(i)), "value")
            remove = widgets.Button(description=_remove_text(self.item_label, i))
            remove.on_click(self.editor.guard(self._on_remove(i)))
            rows.append(widgets.HBox([box, remove]))
        self.rows.children = rows

    def _on_change(self, index: int) -> Callable[[dict], None]:
        def handler(change: dict) -> None:
            items = self._items()
            if index < len(items):
                items[index] = change["new"]
                self._set(items)

        return handler

    def _on_remove(self, index: int) -> Callable[[Any], None]:
        def handler(_: Any) -> None:
            items = self._items()
            if index < len(items):
                del items[index]
                self._set(items)
                self._update()

        return handler

    def _add(self, _: Any = None) -> None:
        if self._set([*self._items(), ""]):
            self._update()


def _remove_text(item_label: str, index: int) -> str:
    """A remove button's words for the item at zero-based ``index`` ("Remove goal 2")."""
    return _("Remove %(item)s %(num)d") % {"item": item_label, "num": index + 1}


def _apply_list(field: Any, items: list[Any]) -> bool:
    """Hand a list field's new items to the editor; show its refusal under the list, if any."""
    message = field.editor.apply(field.target, field.attr, items, field.where)
    field.error.value = f'<span role="alert">{html.escape(message)}</span>' if message else ""
    return message is None


class ListField(widgets.VBox, Generic[T]):
    """A list of model items (goals, identities, missteps…): a panel per item, add, remove and undo.

    Parameters
    ----------
    editor
        The form.
    target, attr
        The model object and the name of its list attribute.
    label
        Heading of the list.
    item_label
        What one item is called ("goal"); buttons read "Add goal", "Remove goal 2".
    make_item
        Builds a new, empty item.
    build_row
        Builds the widgets of one item from the item and its zero-based position.
    where
        Where the list sits, for messages.
    show_last
        Build only the newest ``show_last`` items until the user asks for the earlier ones (long
        lists such as a goal's ratings stay quick to open); None builds them all.
    """

    def __init__(
        self,
        editor: Editor,
        target: BaseModel,
        attr: str,
        label: str,
        item_label: str,
        make_item: Callable[[], T],
        build_row: Callable[[T, int], list[widgets.Widget]],
        where: str,
        *,
        heading_level: int = 3,
        on_change: Callable[[], None] | None = None,
        show_add: bool = True,
        show_last: int | None = None,
    ) -> None:
        super().__init__()
        self.editor, self.target, self.attr = editor, target, attr
        self.item_label, self.make_item, self.build_row, self.where = item_label, make_item, build_row, where
        self.on_change = on_change
        self.show_last = show_last
        self._removed: tuple[int, T] | None = None
        self._expanded = False
        self._first = 0  # the index of the first item that has a row
        h = max(2, min(6, heading_level))
        self.heading = widgets.HTML(f"<h{h} class='ck-list-heading'>{html.escape(label)}</h{h}>")
        self.rows = widgets.VBox()
        self.earlier_button = widgets.Button(layout=widgets.Layout(display="none", width="auto"))
        self.earlier_button.on_click(editor.guard(self.show_earlier))
        self.error = widgets.HTML("")
        self.add_button = widgets.Button(
            description=_("Add %(item)s") % {"item": item_label},
            layout=widgets.Layout() if show_add else widgets.Layout(display="none"),
        )
        self.add_button.add_class("ck-add")
        self.add_button.on_click(editor.guard(self.add))
        self.undo_button = widgets.Button(
            description=_("Undo remove %(item)s") % {"item": item_label},
            layout=widgets.Layout(display="none"),
        )
        self.undo_button.on_click(editor.guard(self.undo_remove))
        self.children = [
            self.heading,
            self.earlier_button,
            self.rows,
            self.error,
            widgets.HBox([self.add_button, self.undo_button]),
        ]
        self.add_class("ck-list")
        self._update()

    def items(self) -> list[T]:
        """The current items (a copy of the list)."""
        return list(getattr(self.target, self.attr))

    def _set(self, items: list[T]) -> bool:
        took = _apply_list(self, items)
        if took and self.on_change:
            self.on_change()
        return took

    def _update(self, start: int = 0) -> None:
        """Rebuild the rows of items from ``start`` on; the rows before it are kept as they are.

        Adding an item builds one row and removing one rebuilds only the rows after it (their numbers
        change), so a long list does not send its whole self to the page again for one click.
        """
        items = self.items()
        first = 0
        if self.show_last is not None and not self._expanded:
            first = max(0, len(items) - self.show_last)
        keep = max(0, start - first) if first == self._first else 0
        old = self.rows.children
        for row in old[keep:]:
            close_all(row)
        new = [self._row(item, i) for i, item in enumerate(items[first + keep :], start=first + keep)]
        self.rows.children = [*old[:keep], *new]
        self._first = first
        self.earlier_button.description = ngettext(
            "Show %(num)d earlier %(item)s", "Show %(num)d earlier %(item)ss", first
        ) % {"num": first, "item": self.item_label}
        self.earlier_button.layout.display = None if first else "none"
        self.undo_button.layout.display = None if self._removed else "none"

    def _row(self, item: T, i: int) -> widgets.Widget:
        title = widgets.HTML(f"<strong>{html.escape(self.item_label.capitalize())} {i + 1}</strong>")
        remove = widgets.Button(description=_remove_text(self.item_label, i))
        remove.add_class("ck-remove")
        remove.on_click(self.editor.guard(self._remover(item)))
        header = widgets.HBox(
            [title, remove], layout=widgets.Layout(justify_content="space-between", align_items="center")
        )
        body = widgets.VBox([header, *self.build_row(item, i)])
        body.add_class("ck-item")
        return body

    def show_earlier(self, _: Any = None) -> None:
        """Build the rows of the earlier items too (see ``show_last``)."""
        self._expanded = True
        self._update()

    def add(self, _: Any = None) -> T | None:
        """Append a new empty item; returns it (None if the model refused)."""
        return self.append(self.make_item())

    def append(self, item: T) -> T | None:
        """Append ``item``; returns it (None if the model refused)."""
        if self._set([*self.items(), item]):
            self._removed = None
            self._update(start=len(self.items()) - 1)
            return item
        return None

    def remove(self, item: T) -> None:
        """Remove ``item``; it can be brought back with :meth:`undo_remove` until the next add/remove."""
        items = self.items()
        index = next((i for i, x in enumerate(items) if x is item), None)
        if index is None:
            return
        del items[index]
        if self._set(items):
            self._removed = (index, item)
            self._update(start=index)

    def _remover(self, item: T) -> Callable[[Any], None]:
        return lambda _: self.remove(item)

    def undo_remove(self, _: Any = None) -> None:
        """Put the last removed item back where it was."""
        if not self._removed:
            return
        index, item = self._removed
        items = self.items()
        items.insert(min(index, len(items)), item)
        if self._set(items):
            self._removed = None
            self._update(start=min(index, len(items) - 1))


def today() -> dt.date:
    """Today's date (a separate function so tests can patch it)."""
    return dt.date.today()
