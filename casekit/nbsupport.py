"""What the workbooks in ``notebooks/`` call from their hidden code cells.

Workbooks receive ids, paths, dates and options only; this module turns them into a case read from
the workspace's store and shows static renderings. What a workbook shows is **de-identified**: the case
is loaded with its identifiers (when the workspace key is at hand) only so that
:class:`casekit.deid.Scrubber` can find them in the free text, and the scrubbed copy — with an empty
identifiers section — is all that is rendered. Group-facing workbooks are shared on screen, so they
never show what the client is called, even where a clinician typed it into a note.

A shared store's URL (with its password) comes from ``CASEKIT_DB_URL`` in the environment, never from
a notebook parameter.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from casekit.errors import ConfigError
from casekit.model import Case, CaseMeta
from casekit.text.words import count

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from casekit.render import Rendering
    from casekit.store import CaseStore


#: Set (to "1") in the environment of kernels that run workbooks with nobody watching: casekit's
#: runner sets it, JupyterLab and Voila do not.
HEADLESS_ENV = "CASEKIT_HEADLESS"


def headless() -> bool:
    """Whether this kernel runs a workbook with nobody watching (so live widgets would be wasted)."""
    return os.environ.get(HEADLESS_ENV, "") not in ("", "0")


@contextmanager
def open_store(workspace: str | None, *, with_key: bool = False) -> Iterator[CaseStore]:
    """Open a workspace's case store for reading.

    Parameters
    ----------
    workspace
        The workspace folder; ``None`` uses ``CASEKIT_WORKSPACE`` or the current folder.
    with_key
        Open it with the identifiers key (the workspace key file or ``CASEKIT_PASSPHRASE``), so that
        de-identification knows what to look for. Without it identifiers stay locked.
    """
    from casekit.settings import resolve
    from casekit.store import CaseStore
    from casekit.workspace import Workspace

    settings = resolve(workspace=workspace)
    ws = Workspace.find(settings.workspace)
    key = ws.key_source(settings.passphrase) if with_key else None
    with CaseStore.open(ws.db_url(settings.db_url), key=key, create=False) as store:
        yield store


def keep_list(workspace: str | None) -> list[str]:
    """The workspace's keep-list: words its presenters decided, once for every case, are not identifying."""
    from casekit.settings import resolve
    from casekit.workspace import Workspace

    return Workspace.find(resolve(workspace=workspace).workspace).keep_list()


def _scrubber(store: CaseStore, case: Case, *, use_ner: bool, keep: list[str]) -> Any:
    from casekit.deid import Scrubber

    if not store.has_key:  # no identifiers to look for: what a clinician typed would be shown as is
        from casekit.errors import EncryptionKeyError

        raise EncryptionKeyError(
            f"case {case.meta.case_id}: the workspace key is not here, so the client's identifiers cannot "
            f"be removed before the case is shown; open it where the key file is, or set CASEKIT_PASSPHRASE"
        )

    secret = store.fingerprint_secret(case.meta.case_id) if store.has_key else None
    return Scrubber.for_case(case, use_ner=use_ner, secret=secret, keep_list=keep)


def deidentify(scrubber: Any, case: Case) -> Case:
    """The case with every identifier in its text replaced and its identifiers section emptied."""
    clean, _report = scrubber.scrub_case(case)
    return clean


def require(name: str, value: Any) -> Any:
    """Fail with a one-line error when a required workbook parameter was not given."""
    if value is None or value == "":
        raise ConfigError(f"parameter {name!r} is required; pass it with -p {name} VALUE")
    return value


def load_case(
    workspace: str | None, case_id: str, revision: int | None = None, *, use_ner: bool = True
) -> Case:
    """Load a case (newest revision unless ``revision``), de-identified for showing to a group.

    Parameters
    ----------
    use_ner
        Also look for names, places and organisations that are not in the case's identifiers.
    """
    require("case_id", case_id)
    with open_store(workspace, with_key=True) as store:
        case = store.load(case_id, revision).case
        return deidentify(_scrubber(store, case, use_ner=use_ner, keep=keep_list(workspace)), case)


@dataclass(frozen=True)
class Review:
    """The newest revision of a case and the revision it is compared with.

    ``baseline`` is ``None`` when there is nothing earlier to compare with; ``baseline_label`` and
    ``current_label`` name the revisions without calendar dates.
    """

    case: Case
    revision: int
    baseline: Case | None
    baseline_revision: int | None
    baseline_label: str
    current_label: str


def _parse_date(name: str, value: str | dt.date) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"parameter {name!r} must be a date like 2026-03-01") from None


def open_review(
    workspace: str | None,
    case_id: str,
    *,
    since: str | dt.date | None = None,
    revisions_back: int = 1,
    use_ner: bool = True,
) -> Review:
    """Load the newest revision and the one to compare it with.

    Parameters
    ----------
    since
        Compare with the revision that was current at the end of this day (a date of a past
        consultation). Takes precedence over ``revisions_back``.
    revisions_back
        Otherwise compare with the revision this many saves before the newest.
    """
    require("case_id", case_id)
    if int(revisions_back) < 1:
        raise ConfigError("parameter 'revisions_back' must be 1 or more")
    from casekit.store.access_log import one_action

    # Reading the newest revision and the one before is one action: one entry in the access log.
    with open_store(workspace, with_key=True) as store, one_action():
        head = store.load(case_id)
        keep = keep_list(workspace)  # read once: both revisions' scrubbers follow the same list
        scrubber = _scrubber(store, head.case, use_ner=use_ner, keep=keep)
        secret = store.fingerprint_secret(case_id) if store.has_key else None
        history = store.history(case_id)
        baseline_rev: int | None
        if since not in (None, ""):
            day = _parse_date("since", since)
            cutoff = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
            earlier = [h.revision for h in history if _aware(h.saved_at) < cutoff]
            baseline_rev = max(earlier) if earlier else None
            label_when = "the revision current at the chosen date"
        else:
            baseline_rev = head.revision - int(revisions_back)
            baseline_rev = baseline_rev if baseline_rev >= 1 else None
            label_when = f"{count(int(revisions_back), 'revision')} back"
        baseline = store.load(case_id, baseline_rev).case if baseline_rev else None
    if baseline is not None:
        # One scrubber for both revisions, so a person keeps one label across the comparison; the
        # older revision's identifiers (a name since corrected, say) are searched for too.
        if baseline.identifiers != head.case.identifiers:
            from casekit.deid import Scrubber

            scrubber = Scrubber.for_case(
                head.case,
                extra_terms=baseline.identifiers.values(),
                use_ner=use_ner,
                secret=secret,
                keep_list=keep,
            )
        baseline = deidentify(scrubber, baseline)
    current = deidentify(scrubber, head.case)
    if baseline is None:
        label = f"an empty case ({label_when} does not exist)"
    else:
        label = f"revision {baseline_rev} ({label_when})"
    return Review(
        case=current,
        revision=head.revision,
        baseline=baseline,
        baseline_revision=baseline_rev,
        baseline_label=label,
        current_label=f"revision {head.revision} (the newest)",
    )


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def empty_like(case: Case) -> Case:
    """An empty case with the same meta, to compare a case with when no earlier revision exists."""
    return Case(meta=CaseMeta.model_validate(case.meta.model_dump()))


def show(*renderings: Rendering) -> None:
    """Display renderings in the notebook (HTML, with markdown for exports)."""
    from IPython.display import display

    for rendering in renderings:
        display(rendering)


def show_figure(fig: Figure, alt: str, *, plot: str | None = None, svg: bool = True) -> None:
    """Display a figure as a static image (PNG, plus SVG unless ``svg=False``) with alt text.

    Parameters
    ----------
    plot
        Which of casekit's plots this is (``"goal_progress"`` or ``"repair_timeline"``). The export
        re-draws marked plots from the de-identified case and leaves unmarked images out.
    """
    from IPython.display import display

    from casekit.plots import figure_bytes

    data = figure_bytes(fig, ("png", "svg") if svg else ("png",))
    bundle: dict[str, str] = {"image/png": base64.b64encode(data["png"]).decode("ascii"), "text/plain": alt}
    if svg:
        bundle["image/svg+xml"] = data["svg"].decode("utf-8")
    metadata: dict[str, Any] = {"image/png": {"alt": alt}}
    if plot:
        metadata["casekit"] = {"plot": plot}
    display(bundle, raw=True, metadata=metadata)


def topics_from(value: str | list[str] | None) -> list[str]:
    """Parse the ``topics`` parameter ("all" or comma-separated topic names)."""
    from casekit.render import TOPICS

    names = [t.value for t in TOPICS]
    if value in (None, "", "all"):
        return names
    items = value if isinstance(value, list) else str(value).split(",")
    chosen = [i.strip() for i in items if i.strip()]
    unknown = [i for i in chosen if i not in names]
    if unknown:
        raise ConfigError(
            f"parameter 'topics': unknown topic {unknown[0]!r}; choose from all, {', '.join(names)}"
        )
    return chosen
