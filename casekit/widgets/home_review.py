"""The home page's de-identification review: each word in its sentence, decided in the browser.

What ``casekit deid review`` does in a terminal, for a clinician who never opens one: the words
de-identification was unsure of are listed, each in its sentence as written and as it would be
shared, side by side, with casekit's suggestion already chosen. For each, the presenter keeps it
here, keeps it for every case (the workspace keep-list), replaces it, or leaves it for later; "Save my
decisions" stores them as a new revision, exactly as the terminal review does
(:func:`casekit.deid.review_save.save_review`).

The words are shown on this page only, while it is open: the home notebook is never saved with
widget state, and the panel empties itself once the decisions are saved or another case is chosen.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit.deid.finding_words import category_words, reason_words
from casekit.deid.languages import OTHER_LANGUAGE
from casekit.deid.review import EVERYWHERE, KEEP, REDACT, ReviewItem
from casekit.i18n import N_, ngettext
from casekit.i18n import gettext as _
from casekit.render.field_labels import where_label
from casekit.widgets.fields import LABEL_STYLE

if TYPE_CHECKING:
    from casekit.deid.review_save import ReviewSaved
    from casekit.store import CaseStore
    from casekit.store.records import CaseRecord
    from casekit.workspace import Workspace

#: The choice offered for each finding, as (label, decision); "later" saves nothing for it.
LATER = "later"
CHOICES = (
    (N_("Keep it here"), KEEP),
    (N_("Keep it for every case"), EVERYWHERE),
    (N_("Replace it"), REDACT),
    (N_("Decide later"), LATER),
)
_SUGGESTED = {KEEP: N_("keep it"), REDACT: N_("replace it")}


def _words(n: int) -> str:
    return ngettext("%(num)d word", "%(num)d words", n) % {"num": n}


REVIEW_CSS = """<style>
.ck-review .ck-pair { display: flex; flex-wrap: wrap; gap: 10px; }
.ck-review .ck-pair > div { flex: 1 1 18em; border: 1px solid #d0d7de; border-radius: 6px;
  padding: 4px 10px; background: #fff; }
.ck-review mark { background: #fff1a8; color: #1f2328; padding: 0 2px; }
.ck-review .ck-finding { border-top: 1px solid #d0d7de; padding-top: 6px; margin-top: 6px; }
</style>"""


def marked(sentence: str) -> str:
    """A review sentence as HTML: escaped, the span between ``[[`` and ``]]`` highlighted."""
    parts = re.split(r"\[\[(.*?)\]\]", sentence, maxsplit=1)
    if len(parts) != 3:
        return html.escape(sentence)
    before, span, after = (html.escape(p) for p in parts)
    return f"{before}<mark>{span}</mark>{after}"


class FindingRow(widgets.VBox):
    """One finding: where it is, its sentence as written and as shared, and the decision."""

    def __init__(self, item: ReviewItem) -> None:
        self.item = item
        where = where_label(item.finding.where)
        kind = category_words(item.finding.category)
        # An entry in another language is read whole for names; the finding says so in its reason.
        suggested = item.suggestion
        choice = _(_SUGGESTED[suggested]) if suggested in _SUGGESTED else suggested
        if item.finding.category == OTHER_LANGUAGE:
            maybe = _("(%(about)s; suggested: %(choice)s)") % {
                "about": reason_words(item.finding.reason),
                "choice": choice,
            }
        else:
            maybe = _("(it may be a %(kind)s; suggested: %(choice)s)") % {"kind": kind, "choice": choice}
        self.heading = widgets.HTML(
            f"<p><strong>{item.number}. {html.escape(where)}</strong> "
            f"<span class='ck-muted'>{html.escape(maybe, quote=False)}</span></p>"
        )
        written, shared = html.escape(_("As written")), html.escape(_("As it would be shared"))
        self.pair = widgets.HTML(
            "<div class='ck-pair'>"
            f"<div><strong>{written}</strong><p>{marked(item.written or item.span)}</p></div>"
            f"<div><strong>{shared}</strong><p>{marked(item.exported)}</p></div></div>"
        )
        self.choice = widgets.RadioButtons(
            options=[(_(label), decision) for label, decision in CHOICES],
            value=item.suggestion,
            description=_("Finding %(num)d") % {"num": item.number},
            style=LABEL_STYLE,
        )
        super().__init__([self.heading, self.pair, self.choice])
        self.add_class("ck-finding")


class ReviewPanel(widgets.VBox):
    """Review, for the chosen case, the words that might identify the client, and save the decisions.

    Parameters
    ----------
    workspace
        The workspace (its keep-list is read and added to).
    open_store
        Opens the case store (a context manager), as the home page does.
    guard
        Wraps a callback so errors are shown in plain words (the home page's).
    say
        Shows a line in the home page's status line (``text``, ``kind``).
    use_ner
        Look for names the case does not list, as exports do.
    """

    def __init__(
        self,
        workspace: Workspace,
        open_store: Callable[[], CaseStore],
        *,
        guard: Callable[[Callable[..., Any]], Callable[..., Any]],
        say: Callable[[str, str], None],
        use_ner: bool = True,
    ) -> None:
        self.workspace = workspace
        self._open_store, self._say, self._use_ner = open_store, say, use_ner
        self.case_id: str | None = None
        self.author = "casekit"
        self._record: CaseRecord | None = None
        self._items: list[ReviewItem] = []
        self.intro = widgets.HTML()
        self.start_button = widgets.Button(
            description=_("Review words that might identify the client"),
            tooltip=_("Each word in its sentence, on your screen only"),
            layout={"width": "auto"},
        )
        self.rows = widgets.VBox()
        self.save_button = widgets.Button(
            description=_("Save my decisions"),
            button_style="primary",
            layout=widgets.Layout(width="auto", display="none"),
        )
        self.result = widgets.HTML()
        self.start_button.on_click(guard(lambda _b: self.load()))
        self.save_button.on_click(guard(lambda _b: self.save()))
        super().__init__(
            [
                widgets.HTML(REVIEW_CSS, layout=widgets.Layout(display="none")),
                widgets.HTML("<h3>" + html.escape(_("Words that might identify the client")) + "</h3>"),
                self.intro,
                self.start_button,
                self.rows,
                self.save_button,
                self.result,
            ]
        )
        self.add_class("ck-review")

    @property
    def finding_rows(self) -> list[FindingRow]:
        """The rows shown, one per finding waiting for a decision."""
        return [r for r in self.rows.children if isinstance(r, FindingRow)]

    def show(self, case_id: str | None, author: str = "casekit") -> None:
        """Get ready for ``case_id`` (``author``: the alias recorded with the revision); forget the last."""
        self.case_id, self.author = case_id, author
        self._clear()
        self.result.value = ""
        intro = _(
            "Before a handout is shared, casekit checks it for anything that could identify the client. "
            "Where it is unsure, you decide: you know the case. Words of identity and culture (a faith, "
            "a language, where someone comes from) are part of the client's story and can stay."
        )
        self.intro.value = f"<p>{html.escape(intro, quote=False)}</p>"

    def _clear(self) -> None:
        for row in self.finding_rows:
            row.close()
        self.rows.children = ()
        self._items, self._record = [], None
        self.save_button.layout.display = "none"

    def load(self) -> list[ReviewItem]:
        """Find the words waiting for a decision in the chosen case and show one row for each."""
        from casekit.deid.review_save import load_review

        if not self.case_id:
            self._say(_("Choose a case first."), "problem")
            return []
        self._clear()
        self._say(
            _("Looking through %(case)s for words that might identify the client…") % {"case": self.case_id},
            "working",
        )
        with self._open_store() as store:
            self._record, self._items = load_review(
                store, self.workspace, self.case_id, use_ner=self._use_ner
            )
        if not self._items:
            nothing = _("Nothing in %(case)s is waiting for a decision.") % {"case": self.case_id}
            self.result.value = f"<p>{html.escape(nothing)}</p>"
            self._say(_("%(case)s has nothing to review.") % {"case": self.case_id}, "ok")
            return []
        self.rows.children = tuple(FindingRow(item) for item in self._items)
        self.save_button.layout.display = None
        n = len(self._items)
        to_decide = _(
            "%(words)s to decide. casekit's suggestion is already chosen; change any you disagree with, "
            "then save."
        ) % {"words": _words(n)}
        self.result.value = f"<p>{html.escape(to_decide, quote=False)}</p>"
        waiting = ngettext(
            "%(words)s in %(case)s waits for your decision.",
            "%(words)s in %(case)s wait for your decision.",
            n,
        )
        self._say(waiting % {"words": _words(n), "case": self.case_id}, "ok")
        return list(self._items)

    def decisions(self) -> dict[int, str]:
        """The decisions chosen so far (finding number → decision), leaving out "Decide later"."""
        return {r.item.number: r.choice.value for r in self.finding_rows if r.choice.value != LATER}

    def save(self) -> ReviewSaved | None:
        """Save the decisions as a new revision (and kept-everywhere words on the keep-list)."""
        from casekit.deid.review_save import save_review

        decisions = self.decisions()
        if self._record is None or not decisions:
            self._say(_("Nothing was saved: choose keep or replace for at least one word."), "problem")
            return None
        with self._open_store() as store:
            saved = save_review(
                store, self.workspace, self._record, self._items, decisions, author=self.author
            )
        self._clear()
        kept = ""
        if saved.kept_everywhere:
            everywhere = _("Kept for every case from now on: %(words)s.") % {
                "words": ", ".join(saved.kept_everywhere)
            }
            kept = " " + html.escape(everywhere)
        still = ngettext(
            "%(words)s still waits for a decision.", "%(words)s still wait for a decision.", saved.waiting
        )
        waiting = (
            still % {"words": _words(saved.waiting)}
            if saved.waiting
            else _("Nothing is left to decide: the handout can be exported.")
        )
        decided = ngettext(
            "Saved %(num)d decision (revision %(revision)d).",
            "Saved %(num)d decisions (revision %(revision)d).",
            saved.decided,
        ) % {"num": saved.decided, "revision": saved.revision}
        self.result.value = f"<p>{html.escape(decided)} {html.escape(waiting, quote=False)}{kept}</p>"
        self._say(_("Your decisions for %(case)s are saved.") % {"case": saved.case_id}, "ok")
        return saved
