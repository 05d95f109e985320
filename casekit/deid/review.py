"""The presenter's review of spans de-identification was unsure of.

An export stops while any low-confidence finding is unreviewed. Reviewing shows each finding in its
sentence, as written and as it would be exported, side by side — locally, to the presenter, who
already knows the case — with a suggested decision, and records a keep-or-redact decision with the
case as a keyed fingerprint (never the text), so the next scrub applies it. A word that is not
identifying anywhere (a faith, a trade, a place of origin) can instead be kept for every case: it goes
on the workspace's keep-list (:meth:`casekit.workspace.Workspace.keep_list`), so it is decided once.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import zip_longest

from casekit.deid import forms, known, languages, lexicon
from casekit.deid.casewalk import case_texts
from casekit.deid.report import Finding, ScrubResult, pending_findings
from casekit.deid.scrubber import PLACE_GUESS, Scrubber
from casekit.deid.spans import CASE
from casekit.deid.text import sentence_start
from casekit.errors import DeidentificationError
from casekit.model.case import Case, ReviewDecision

#: Characters of context shown on each side of a flagged span.
CONTEXT = 60
#: Decisions a presenter can give: keep here, keep for every case, or replace.
KEEP, EVERYWHERE, REDACT = "keep", "everywhere", "redact"
_SENTENCE_END = re.compile(r"[.!?…]+[\"'’”)\]]*\s+|\n+")


@dataclass(frozen=True)
class ReviewItem:
    """A pending finding with the sentence around it (for the presenter's eyes only).

    Attributes
    ----------
    number
        1-based position in the review list, used to decide on it.
    finding
        The finding.
    before, span, after
        The text around the flagged span, the span itself, and what follows.
    written, exported
        The span's sentence as written and as an export would show it now, the span marked [[ ]].
    suggestion
        The decision casekit suggests: ``keep`` or ``redact``.
    """

    number: int
    finding: Finding
    before: str
    span: str
    after: str
    written: str = ""
    exported: str = ""
    suggestion: str = REDACT

    def line(self) -> str:
        """One line: number, where, category, and the span marked with [[ ]] in its context."""
        f = self.finding
        return (
            f"{self.number}. {f.where} ({f.category.replace('_', ' ')}): "
            f"…{self.before}[[{self.span}]]{self.after}… (suggested: {self.suggestion})"
        )

    def side_by_side(self, width: int = 100) -> list[str]:
        """The sentence as written and as exported, in two columns ``width`` characters wide in all."""
        col = max(20, (width - 3) // 2)
        left = textwrap.wrap(self.written or self.span, col) or [""]
        right = textwrap.wrap(self.exported, col) or [""]
        rows = [("As written", "As it would be exported"), *zip_longest(left, right, fillvalue="")]
        return [f"   {a.ljust(col)} │ {b}".rstrip() for a, b in rows]


def pending_review(
    case: Case, *, secret: bytes, use_ner: bool = True, keep_list: Iterable[str] = ()
) -> list[ReviewItem]:
    """The findings of a fresh scrub of ``case`` that no stored decision covers yet.

    Parameters
    ----------
    case
        The case, with its identifiers.
    secret
        The case's fingerprint key (``CaseStore.fingerprint_secret``).
    use_ner
        Scrub with name recognition, as an export does (it finds more to review).
    keep_list
        The workspace's keep-list (words already decided for every case), as exports use it.
    """
    scrubber = Scrubber.for_case(case, use_ner=use_ner, secret=secret, keep_list=keep_list)
    texts = case_texts(case)
    results = scrubber.scrub_many(texts)
    original = dict(texts)
    scrubbed = {where: result for (where, _), result in zip(texts, results, strict=True)}
    findings = pending_findings([f for r in results for f in r.findings], case.deid_decisions)
    items: list[ReviewItem] = []
    for finding in findings:
        text = original.get(finding.where, "")
        written, exported = _sentences(text, scrubbed[finding.where], finding)
        items.append(
            ReviewItem(
                len(items) + 1,
                finding,
                _squeeze(text[max(0, finding.start - CONTEXT) : finding.start]),
                text[finding.start : finding.end],
                _squeeze(text[finding.end : finding.end + CONTEXT]),
                written,
                exported,
                suggest(finding, text),
            )
        )
    return items


def _squeeze(text: str) -> str:
    """``text`` on one line with single spaces, keeping one space at either end where there was any."""
    if not text.strip():
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return lead + " ".join(text.split()) + trail


def suggest(finding: Finding, text: str) -> str:
    """The decision to suggest for ``finding`` in ``text``: ``keep`` or ``redact``.

    Words of culture are suggested for keeping. A case's own name that is also a word ("White"), or
    a place only name recognition found ("a Lisbon accent"), is suggested for keeping only when it
    is an identity or culture word: whether a place is the client's, only the presenter knows. Other
    ordinary words are suggested for keeping where only their place at the start of a sentence made
    them look like a name ("Felt like…"); mid-sentence, a capital letter may mean a name ("Rose").
    An entry written in another language is suggested for keeping: its own identifiers are already
    replaced, and the presenter reads the rest for names.
    """
    if finding.category == languages.OTHER_LANGUAGE:
        return KEEP
    span = text[finding.start : finding.end]
    words = re.findall(r"[^\W\d_][\w'’-]*", span)
    if not words:
        return REDACT
    if all(lexicon.is_kept_word(re.sub(r"['’]s$", "", w)) for w in words):
        return KEEP
    if finding.detector == CASE or finding.reason == PLACE_GUESS:
        return REDACT
    english = lexicon.english_words()
    ordinary = all(lexicon.is_kept_word(w) or w.casefold() in english for w in words)
    return KEEP if ordinary and sentence_start(text, finding.start) else REDACT


def _sentences(text: str, result: ScrubResult, finding: Finding) -> tuple[str, str]:
    """The finding's sentence in ``text`` and the same stretch of the scrubbed text, the span marked."""
    start, end = finding.start, finding.end
    bounds = [m.end() for m in _SENTENCE_END.finditer(text)]
    s0 = max([b for b in bounds if b <= start] or [0])
    s1 = min([b for b in bounds if b > end] or [len(text)])
    lead = tail = ""
    if start - s0 > 2 * CONTEXT:
        s0, lead = text.find(" ", start - 2 * CONTEXT, start) + 1 or start - 2 * CONTEXT, "…"
    if s1 - end > 2 * CONTEXT and " " in text[end : end + 2 * CONTEXT]:
        s1, tail = text.rfind(" ", end, end + 2 * CONTEXT), "…"
    # Where each replaced stretch began and ended in the original, and what it became.
    changes = sorted(
        (r.end - len(r.original), r.end, "" if r.label == "(removed)" else r.label)
        for r in result.replacements
    )

    def at(offset: int, *, closing: bool) -> int:
        shift = 0
        for a, b, label in changes:
            if b <= offset:
                shift += len(label) - (b - a)
            elif a < offset:
                return a + shift + (len(label) if closing else 0)
            else:
                break
        return offset + shift

    out = result.text
    a, b, x, y = at(s0, closing=False), at(s1, closing=True), at(start, closing=False), at(end, closing=True)
    written = f"{lead}{text[s0:start]}[[{text[start:end]}]]{text[end:s1]}{tail}"
    exported = f"{lead}{out[a:x]}[[{out[x:y]}]]{out[y:b]}{tail}"
    return " ".join(written.split()), " ".join(exported.split())


def apply_decisions(case: Case, items: list[ReviewItem], decisions: Mapping[int, str]) -> Case:
    """A copy of ``case`` with the presenter's decisions added to ``deid_decisions``.

    Parameters
    ----------
    decisions
        Item number → ``"keep"``, ``"everywhere"`` (kept here too) or ``"redact"``.

    Raises
    ------
    DeidentificationError
        If a number is not in the list or a decision is none of these.
    """
    by_number = {item.number: item for item in items}
    added = []
    for number, decision in sorted(decisions.items()):
        if number not in by_number:
            raise DeidentificationError(
                f"finding {number} is not in the review list (1 to {len(items)}); list them with "
                f"`casekit deid review {case.meta.case_id} --list`"
            )
        try:
            choice = ReviewDecision(KEEP if decision == EVERYWHERE else decision)
        except ValueError:
            raise DeidentificationError(
                f"finding {number}: decide 'keep', 'everywhere' or 'redact', not {decision!r}"
            ) from None
        added.append(by_number[number].finding.decide(choice))
    seen = {(d.fingerprint, d.category) for d in case.deid_decisions}
    fresh = [d for d in added if (d.fingerprint, d.category) not in seen]
    return case.model_copy(update={"deid_decisions": [*case.deid_decisions, *fresh]})


def keep_everywhere(case: Case, items: list[ReviewItem], numbers: Iterable[int]) -> list[str]:
    """The words to add to the workspace's keep-list for findings ``numbers`` (kept for every case).

    Raises
    ------
    DeidentificationError
        If a number is not in the list, or a finding is (part of) one of the case's own identifiers:
        those can be kept for this case only, never for every case.
    """
    by_number = {item.number: item for item in items}
    matcher = known.KnownMatcher(forms.known_forms(case.identifiers))
    terms: list[str] = []
    for number in sorted(set(numbers)):
        item = by_number.get(number)
        if item is None:
            raise DeidentificationError(
                f"finding {number} is not in the review list (1 to {len(items)}); list them with "
                f"`casekit deid review {case.meta.case_id} --list`"
            )
        if item.finding.category == languages.OTHER_LANGUAGE:
            raise DeidentificationError(
                f"finding {number} is a whole entry in another language; it can be kept for this case "
                f"only (--keep {number}), not for every case"
            )
        if item.finding.detector == CASE or matcher.find(item.span):
            raise DeidentificationError(
                f"finding {number} is one of this case's own names or places; it can be kept for this "
                f"case only (--keep {number}), not for every case"
            )
        terms.append(" ".join(item.span.split()))
    return terms
