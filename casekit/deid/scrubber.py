"""The scrubber: case-aware, pattern and NER detection, consistent pseudonyms, a report, a residual check."""

from __future__ import annotations

import bisect
import functools
import os
import re
import string
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from casekit.deid import cues, forms, known, languages, lexicon, patterns
from casekit.deid.capitals import readable_case
from casekit.deid.lexicon import _split
from casekit.deid.report import PENDING, Finding, Replacement, Report, ScrubResult
from casekit.deid.spans import CASE, CONTEXT, NER, Span
from casekit.deid.text import capitalise_first, fingerprint, fold, sentence_start
from casekit.errors import ResidualIdentifierError
from casekit.model.case import DeidDecision, PrivateIdentifiers, ReviewDecision
from casekit.model.walk import iter_strings

if TYPE_CHECKING:
    from casekit.deid.ner import Analysis
    from casekit.model.case import Case

PERSON = "person"
PLACE = "place"
_FIXED_LABELS = {
    forms.EMPLOYER: "[Employer]",
    forms.SCHOOL: "[School]",
    patterns.SCHOOL: "[School]",
    patterns.ORGANISATION: "[Organisation]",
    forms.STREET: "[Street address]",
    forms.CITY: "[City]",
    forms.COUNTY: "[County]",
    forms.POSTAL_CODE: "[ZIP]",
    forms.PHONE: "[Phone]",
    forms.EMAIL: "[Email]",
    forms.DATE_OF_BIRTH: "[Date of birth]",
    forms.OTHER: "[Other identifier]",
    forms.EXTRA: "[Redacted]",
    PLACE: "[Place]",
}
_NAME_LIKE = frozenset({forms.CLIENT_NAME, forms.HOUSEHOLD_NAME, PERSON})
_STOP = frozenset(
    _split(
        "i me my we our you your he him his she her they them their it its this that these those who whom "
        "what which when where why how and but or if then so because as at by for from in into of on to "
        "with without about after before during since until while not no yes all any both each few more "
        "most other some such only own same than too very can will just should now also there here "
        "a an the is are was were be been being have has had do does did today yesterday tomorrow "
        "mom mum dad mother father sister brother grandmother grandfather aunt uncle cousin partner wife "
        "husband son daughter ok okay thanks dear hi hello everybody everyone everything someone somebody "
        "something nobody nothing anyone anybody anything could would might must shall ca wo sha didn doesn "
        "isn wasn weren hasn haven hadn couldn wouldn shouldn aren won"
    )
)


class Labeller:
    """Consistent pseudonyms for one case: the client, relatives by role, others Person A, B, ...

    Parameters
    ----------
    identifiers
        The case's private identifiers (for household relations).
    client_alias
        How the client is named ("the client").
    """

    def __init__(self, identifiers: PrivateIdentifiers, client_alias: str = "the client") -> None:
        self.client_alias = client_alias
        self._household: dict[str, str] = {}
        counts: dict[str, int] = {}
        for member in identifiers.household:
            rel = " ".join(member.relation.split()).casefold() or "relative"
            counts[rel] = counts.get(rel, 0) + 1
        seen: dict[str, int] = {}
        for i, member in enumerate(identifiers.household):
            rel = " ".join(member.relation.split()).casefold() or "relative"
            seen[rel] = seen.get(rel, 0) + 1
            suffix = f" {string.ascii_uppercase[seen[rel] - 1]}" if counts[rel] > 1 else ""
            self._household[f"household:{i}"] = f"{client_alias}'s {rel}{suffix}"
        self._people: list[tuple[frozenset[str], str]] = []
        self._by_token: dict[str, list[int]] = {}  # word -> indexes into _people that have it
        # Threads scrubbing with one scrubber must not hand one person two letters.
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, object]:
        # A copy (an export deep-copies its context) gets the same pseudonyms and a lock of its own.
        state = self.__dict__.copy()
        del state["_lock"]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def relation(self, key: str) -> str:
        """The relation word of a household member (``mother``), or empty."""
        label = self._household.get(key, "")
        return label.rsplit("'s ", 1)[-1].split()[0] if label else ""

    def label(self, span: Span) -> str:
        """The replacement for a span."""
        if span.label is not None:
            return span.label
        if span.category == forms.CLIENT_NAME:
            return self.client_alias
        if span.category == forms.HOUSEHOLD_NAME:
            return self._household.get(span.key, f"{self.client_alias}'s relative")
        if span.category == PERSON:
            return self._person(span.key)
        return _FIXED_LABELS.get(span.category, "[Redacted]")

    def _person(self, key: str) -> str:
        tokens = frozenset(t for t in re.findall(r"\w+", fold(key)) if t not in lexicon.TITLES and len(t) > 1)
        if not tokens:
            tokens = frozenset({fold(key)})
        with self._lock:
            # Only people sharing a word can be the same person: look at those, earliest first.
            by_token = self._by_token
            for i in sorted({i for t in tokens for i in by_token.get(t, ())}):
                seen, label = self._people[i]
                if tokens <= seen or seen <= tokens:
                    return label
            n = len(self._people)
            label = "Person " + (string.ascii_uppercase[n] if n < 26 else f"{n + 1}")
            self._people.append((tokens, label))
            for t in tokens:
                by_token.setdefault(t, []).append(n)
            return label


class Scrubber:
    """De-identifies text for one case, with the same pseudonym for the same person in every call.

    Parameters
    ----------
    identifiers
        The case's :class:`~casekit.model.PrivateIdentifiers`.
    client_alias
        How the client is called in the output.
    extra_terms
        More terms to remove (a deny list: a clinic, a team, a nickname not yet in the case).
    use_ner
        Also find names, organisations and places that are not on the list, with the spaCy model.
    secret
        Key for the fingerprints of low-confidence spans; pass the same key every time so stored
        decisions keep matching (a random key is used when omitted, valid for this scrubber only).
    decisions
        The presenter's stored decisions (``case.deid_decisions``).
    allowed_terms
        Pseudonymous codes and aliases that are safe to show (the case id, the client's alias, the
        presenter's and the group's aliases). Pattern and name recognition leave them alone — a case
        id such as CK-0101 looks like a record number — but case-aware matches are never allowed.
        casekit's own labels ("Goal 2", "Misstep 3", the breadth areas) are always allowed likewise.
    common_words
        English words this case uses in lower case as ordinary words ("studio"). A one-word name
        the recogniser finds at the start of a sentence, where a capital letter says nothing, is
        left alone when it is one of these ("Studio is where they feel at home").
    matcher
        The compiled search for known identifiers; by default one for ``identifiers`` and
        ``extra_terms`` (:meth:`for_cases` passes one that covers several cases).
    other_languages
        The texts of the case's entries written in another language than English
        (:func:`casekit.deid.languages.other_language_texts`; :meth:`for_case` passes them). Wherever
        one appears, the English name model and capital-letter rule leave it alone, every other check
        still runs, and the presenter is asked once to read it for names (:mod:`casekit.deid.languages`).

    A scrub is a function of its inputs: nothing about one call is kept on the scrubber, and the
    spans detectors return are copied, never changed, so one scrubber may serve several threads.
    What accumulates across calls is deliberate: the pseudonyms (one person keeps one label) and
    :attr:`report`.
    keep_list
        Words the presenters decided, once for every case, are not identifying (the workspace's
        keep-list, :meth:`casekit.workspace.Workspace.keep_list`). Only the guesses of name recognition
        and of the capital-letter rule are let through by it; a case's known identifiers never are.

    Examples
    --------
    >>> from casekit.model import PrivateIdentifiers
    >>> s = Scrubber(PrivateIdentifiers(legal_name="Mai Nguyen"), use_ner=False)
    >>> s.scrub("Mai's sister called.").text
    "The client's sister called."
    """

    def __init__(
        self,
        identifiers: PrivateIdentifiers | None = None,
        *,
        client_alias: str = "the client",
        extra_terms: Iterable[str] = (),
        use_ner: bool = True,
        secret: bytes | None = None,
        decisions: Iterable[DeidDecision] = (),
        allowed_terms: Iterable[str] = (),
        common_words: Iterable[str] = (),
        matcher: known.KnownMatcher | None = None,
        keep_list: Iterable[str] = (),
        other_languages: Iterable[languages.OtherLanguageText] = (),
    ) -> None:
        self.identifiers = identifiers or PrivateIdentifiers()
        self._other_languages = tuple(other_languages)
        self._keep_list = frozenset(" ".join(fold(t).split()) for t in keep_list if t and t.strip())
        self._allowed = [
            re.compile(rf"(?<!\w){re.escape(t.strip())}(?!\w)", re.IGNORECASE)
            for t in allowed_terms
            if t and t.strip()
        ]
        self._allowed.append(_own_labels())
        self._common = frozenset(fold(w) for w in common_words)
        extra = [t.strip() for t in extra_terms if t and t.strip()]
        if matcher is None:
            matcher = known.KnownMatcher(forms.known_forms(self.identifiers, extra))
        self.matcher = matcher
        self.labeller = Labeller(self.identifiers, client_alias)
        self.use_ner = use_ner
        #: Name recognition for a batch of texts: this process's model unless set (a workbook's kernel
        #: that has the model loaded, lent for an export; see :class:`casekit.workbooks.Runner`).
        self.analyser: Callable[[Sequence[str]], list[Analysis]] | None = None
        self.report = Report()
        self._secret = secret if secret is not None else os.urandom(32)
        self._decisions = {(d.fingerprint, d.category): d.decision for d in decisions}
        self._other_languages += self._scrubbed_forms()

    def _scrubbed_forms(self) -> tuple[languages.OtherLanguageText, ...]:
        """Each entry in another language as a workbook shows it once scrubbed (identifiers replaced
        by the checks that do not depend on language), so it is known there too."""
        out = []
        for source in self._other_languages:
            whole = languages.Region(0, len(source.text), source, ((0, len(source.text)),))
            spans = self._detect(source.text, None, [whole])
            shown = self._apply(source.text, "", spans)[0].text
            if shown != source.text:
                out.append(languages.OtherLanguageText(shown, source.language, source.text))
        return tuple(out)

    @classmethod
    def for_case(
        cls,
        case: Case,
        *,
        extra_terms: Iterable[str] = (),
        use_ner: bool = True,
        secret: bytes | None = None,
        keep_list: Iterable[str] = (),
    ) -> Scrubber:
        """A scrubber for ``case``: its identifiers, client alias, codes and stored decisions."""
        meta = case.meta
        return cls(
            case.identifiers,
            client_alias=meta.client_alias,
            extra_terms=extra_terms,
            use_ner=use_ner,
            secret=secret,
            decisions=case.deid_decisions,
            allowed_terms=[meta.case_id, meta.client_alias, meta.clinician_alias, meta.group or ""],
            common_words=common_words_of(case),
            keep_list=keep_list,
            other_languages=languages.other_language_texts(case),
        )

    @classmethod
    def for_cases(
        cls,
        cases: Iterable[Case],
        *,
        client_alias: str = "a client",
        use_ner: bool = True,
        secret: bytes | None = None,
        allowed_terms: Iterable[str] = (),
        keep_list: Iterable[str] = (),
    ) -> Scrubber:
        """One scrubber that looks for the identifiers of every case in ``cases`` at once.

        For organisation-level text (a systems-of-care audit) that is about no one case: every
        case's names, places and contacts are searched in one pass, and any client's name becomes
        ``client_alias`` ("a client"), a relative's "a client's relative". The cases' codes and
        aliases stay allowed, and so do ``allowed_terms`` (the workbook's own wording). No case's review
        decisions apply: unsure spans are redacted, but the workspace's ``keep_list`` applies as it does
        to every case.
        """
        cases = list(cases)
        codes = (
            term
            for case in cases
            for term in (
                case.meta.case_id,
                case.meta.client_alias,
                case.meta.clinician_alias,
                case.meta.group,
            )
            if term
        )
        allowed = [*allowed_terms, *codes]
        # Keys are made per case, so parts of one person's name join up but two cases' never do.
        matcher = known.KnownMatcher(
            replace(form, key=f"{case.meta.case_id}/{form.key}")
            for case in cases
            for form in forms.known_forms(case.identifiers)
        )
        return cls(
            None,
            client_alias=client_alias,
            use_ner=use_ner,
            secret=secret,
            allowed_terms=allowed,
            matcher=matcher,
            keep_list=keep_list,
        )

    # ------------------------------------------------------------------------------------------
    def scrub(self, text: str, where: str = "text", *, check: bool = True) -> ScrubResult:
        """De-identify one text.

        Parameters
        ----------
        text
            The text.
        where
            Its location path, recorded in the report (``identity.self_description``).
        check
            Run the residual check on the result (raises :class:`ResidualIdentifierError`).
        """
        analysis = None
        if self.use_ner and text.strip():
            primed = getattr(self, "_primed", {})
            view = self._ner_view(text)
            analysis = primed[text] if text in primed else (self._analyse_one(view) if view.strip() else None)
        return self._scrub(text, where, analysis, check=check)

    def _ner_view(self, text: str) -> str:
        """What the name model reads of ``text``: in ordinary case, entries in other languages blanked."""
        found = languages.regions(text, self._other_languages) if self._other_languages else []
        return languages.masked(readable_case(text), found) if found else readable_case(text)

    def prime(self, texts: Iterable[str]) -> None:
        """Run name recognition over texts about to be scrubbed one by one, in one batch.

        Each later :meth:`scrub` of one of these texts uses its analysis (the same the model gives the
        text alone) instead of a model call of its own; nothing else changes. Without NER, nothing.
        """
        if not self.use_ner:
            return
        primed: dict[str, Analysis] = self.__dict__.setdefault("_primed", {})
        todo = list(dict.fromkeys(t for t in texts if t.strip() and t not in primed))
        todo = [t for t in todo if self._ner_view(t).strip()]  # wholly in another language: no model
        if todo:
            primed.update(zip(todo, self._analyse_many([self._ner_view(t) for t in todo]), strict=True))

    def scrub_many(self, items: Iterable[tuple[str, str]], *, check: bool = True) -> list[ScrubResult]:
        """De-identify several ``(where, text)`` items, running NER over them in one batch."""
        items = list(items)
        analyses: list[Analysis | None] = [None] * len(items)
        if self.use_ner:
            views = [self._ner_view(t) for _, t in items]
            wanted = [n for n, view in enumerate(views) if view.strip()]  # wholly in another language: none
            for n, analysis in zip(wanted, self._analyse_many([views[n] for n in wanted]), strict=True):
                analyses[n] = analysis
        return [self._scrub(t, w, a, check=check) for (w, t), a in zip(items, analyses, strict=True)]

    def _analyse_one(self, text: str) -> Analysis:
        """Name recognition over one text (already made readable), by :attr:`analyser` if one is set."""
        if self.analyser is not None:
            return self.analyser([text])[0]
        from casekit.deid.ner import analyse

        return analyse(text)

    def _analyse_many(self, texts: Sequence[str]) -> list[Analysis]:
        """Name recognition over ``texts`` (already made readable), by :attr:`analyser` if one is set."""
        if self.analyser is not None:
            return self.analyser(texts)
        from casekit.deid.ner import analyse_many

        return analyse_many(texts)

    def _scrub(self, text: str, where: str, analysis: Analysis | None, *, check: bool) -> ScrubResult:
        found = languages.regions(text, self._other_languages) if self._other_languages else []
        spans = self._detect(text, analysis, found)
        reviews = [self._language_finding(text, where, region) for region in found]
        withheld = [r for r, f in zip(found, reviews, strict=True) if f.status == ReviewDecision.REDACT.value]
        if withheld:
            spans = _withhold(spans, withheld)
        result, exempt = self._apply(text, where, spans)
        result.findings[:0] = reviews
        if check:
            self._residual(result.text, where, exempt)
        self.report.extend(result)
        return result

    def _language_finding(self, text: str, where: str, region: languages.Region) -> Finding:
        """The one review finding for an entry in another language where it sits in ``text``: kept as
        written (its identifiers replaced) until the presenter decides, withheld if they say so."""
        fp = fingerprint(self._secret, region.source.entry_text)
        decision = self._decisions.get((fp, languages.OTHER_LANGUAGE))
        status = decision.value if decision is not None else PENDING
        return Finding(
            languages.OTHER_LANGUAGE,
            where,
            region.start,
            region.end,
            fp,
            status,
            "redacted" if decision == ReviewDecision.REDACT else "kept",
            languages.LANGUAGE,
            region.source.reason,
            text[region.start : region.end],
        )

    # ------------------------------------------------------------------------------------------
    def _detect(
        self, text: str, analysis: Analysis | None, found: list[languages.Region] | None = None
    ) -> list[Span]:
        found = found or []
        spans: list[Span] = []
        hits = self.matcher.find(text)
        for hit in hits:
            end = hit.end - len(hit.possessive)
            person = bool(analysis and (e := analysis.entity_at(hit.start, end)) and e.label == "PERSON")
            kind = known.classify(text, hit, hits, person_entity=person)
            if kind == known.WORD and languages.inside(found, hit.start, end):
                kind = known.AMBIGUOUS  # "an ordinary English word" says nothing in another language
            confidence, reason = 0.8 if hit.typo else 1.0, ""
            if kind == known.WORD:
                reason = "ordinary word"
            elif kind == known.AMBIGUOUS:
                confidence, reason = 0.4, "a name of this case that is also an ordinary word"
            span = Span(
                hit.start,
                end,
                hit.form.category,
                CASE,
                key=hit.form.key,
                priority=0,
                possessive=hit.possessive,
                confidence=confidence,
                keep=kind == known.WORD,
                reason=reason,
            )
            span = _teknonym(text, span)
            spans.append(span)
        # Lines in capitals are read in ordinary case (same offsets, :mod:`casekit.deid.capitals`):
        # patterns, names with a title, the name model and the capital-letter rule rely on case.
        view = readable_case(text)
        spans += list(patterns.find_patterns(view))
        if analysis is not None:
            spans += self._entities(view, analysis)
        spans += self._capitalised(view, spans)
        if found:  # the English guesses say nothing about words in another language
            spans = [
                s
                for s in spans
                if s.detector not in (NER, CONTEXT) or not languages.inside(found, s.start, s.end)
            ]
        if self._allowed:
            safe = [
                m.span() for pattern in self._allowed for m in pattern.finditer(text) if m.end() > m.start()
            ]
            spans = [
                span
                for span in spans
                if span.detector == CASE or not any(a <= span.start and span.end <= b for a, b in safe)
            ]
        chosen = _resolve(spans)
        again = _repeated_names(text, chosen)
        return _resolve(spans + again) if again else chosen

    def _entities(self, text: str, analysis: Analysis) -> list[Span]:
        out: list[Span] = []
        phrases = lexicon.keep_lexicon().phrase_spans(text)
        for start, end, ent_label in _line_pieces(text, analysis):
            value = text[start:end]
            words = value.split()
            while words and (fold(words[0]) in ("the", "a", "an") or fold(words[0]) in lexicon.TITLES):
                start = text.index(words[1], start) if len(words) > 1 else end
                words = words[1:]
            while words and words[-1] in ("'s", "’s"):
                words.pop()
            if not words:
                continue
            if words[-1].endswith(("'s", "’s")):
                end = start + len(" ".join(words)) - 2
            else:
                end = start + len(" ".join(words))
            value = text[start:end]
            child = lexicon.keep_lexicon().teknonym_name(value) if ent_label == "PERSON" else None
            if child is not None:  # "Umm Ayaan": the kinship word stays, the child's name goes
                start, end = start + child[0], start + child[1]
                value = text[start:end]
            if fold(value) in lexicon.STATES or fold(value) in lexicon.COUNTRIES:
                continue
            plain = [re.sub(r"['’]s$", "", w) for w in re.findall(r"[\w'’-]+", value)]
            if all(lexicon.is_kept_word(w) or fold(w) in _STOP for w in plain):
                continue
            if not any(c.isupper() for c in value) or not any(c.isalpha() for c in value):
                continue
            if fold(value) in self._keep_list or any(a <= start and end <= b for a, b in phrases):
                continue  # decided once for every case, or a practice or role ("Herbal medicine")
            opening = len(words) == 1 and sentence_start(text, start)
            if opening and _ordinary_opening(text, end, value, self._common):
                continue  # "Studio is where…", "Advertise with…": a word capitalised only by its position
            unsure = _unsure_guess(text, start, plain, ent_label, self._common)
            if unsure == "culture":
                continue  # "Raised Catholic", "My Elder": ordinary words around a word of culture
            if _names_a_role(text, end, words):
                continue  # "Operations lead", "Front-desk coordinator": a role, not a person
            if ent_label == "PERSON":
                category = PERSON
            elif ent_label == "ORG":
                category = (
                    patterns.SCHOOL
                    if re.search(r"(?i)\b(school|college|university|academy)\b", value)
                    else patterns.ORGANISATION
                )
            else:
                category = forms.CITY if ent_label == "GPE" else PLACE
            # Only the name model says so, on words that are not a name of this case: ask, don't guess.
            out.append(
                Span(
                    start,
                    end,
                    category,
                    NER,
                    key=value,
                    priority=50,
                    label="[child's name]" if child is not None else None,
                    confidence=0.4 if unsure else 0.8,
                    reason=unsure or "",
                )
            )
        return out

    def _capitalised(self, text: str, spans: list[Span]) -> list[Span]:
        """Capitalised words that are not English words, not at a sentence start: probably names."""
        english = lexicon.english_words()
        out: list[Span] = []
        run: list[re.Match[str]] = []
        phrases = lexicon.keep_lexicon().phrase_spans(text)  # "Bhagavad Gita", "Umm al-Banat"
        taken = _Covered([(s.start, s.end) for s in spans] + phrases)

        def flush() -> None:
            if run:
                start, end = run[0].start(), run[-1].end()
                out.append(
                    Span(
                        start,
                        end,
                        PERSON,
                        CONTEXT,
                        key=text[start:end],
                        priority=60,
                        confidence=0.45,
                        reason="capitalised word that is not an English word",
                    )
                )
                run.clear()

        for m in re.finditer(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]+(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?", text):
            word = m.group(0)
            parts = re.split(r"['’]", fold(word))
            w = parts[1] if len(parts[0]) == 1 and len(parts) > 1 and parts[1] else parts[0]  # O'Connell
            candidate = (
                len(w) >= 3
                and not all(
                    _is_english(p, english) or lexicon.is_kept_word(p) or p in _STOP or p in lexicon.TITLES
                    for p in w.split("-")
                )
                and not lexicon.is_kept_word(word)
                and not (_addresses(word) and re.match(r"\s+[A-ZÀ-ÖØ-Þ]", text[m.end() :]))
                and fold(word) not in self._keep_list
                and not taken.covers(m.start())
            )
            if candidate and sentence_start(text, m.start()) and not run:
                candidate = _looks_like_name_at_start(w)
            if candidate and (not run or re.fullmatch(r" ", text[run[-1].end() : m.start()])):
                run.append(m)
            else:
                flush()
                if candidate:
                    run.append(m)
        flush()
        return out

    # ------------------------------------------------------------------------------------------
    def _apply(self, text: str, where: str, spans: list[Span]) -> tuple[ScrubResult, list[tuple[int, int]]]:
        """Replace ``spans`` in ``text``; the result, and where its labels and kept words sit in it.

        The second value lists the output ranges the residual check must not flag (labels, and
        spans kept as ordinary words or by the presenter's decision). ``spans`` is not changed.
        """
        out: list[str] = []
        replacements: list[Replacement] = []
        findings: list[Finding] = []
        exempt: list[tuple[int, int]] = []
        decided: list[Span] = []
        pos = 0
        length = 0
        for span in spans:
            original = text[span.start : span.end]
            if span.confidence < 0.5 and not span.keep:
                fp = fingerprint(self._secret, original)
                decision = self._decisions.get((fp, span.category))
                status = decision.value if decision is not None else PENDING
                if decision == ReviewDecision.KEEP:
                    span = replace(span, keep=True)  # a copy: the caller's span stays as it was
                findings.append(
                    Finding(
                        span.category,
                        where,
                        span.start,
                        span.end,
                        fp,
                        status,
                        "kept" if span.keep else "redacted",
                        span.detector,
                        span.reason,
                        original,
                    )
                )
            decided.append(span)
            if span.keep:
                continue
            start = span.start
            label = self.labeller.label(span)
            if span.category in _NAME_LIKE:
                start = _absorb_title(text, start, pos)
                if span.category == forms.HOUSEHOLD_NAME:
                    rel = self.labeller.relation(span.key)
                    before = text[pos:start]
                    m = re.search(rf"(?i)\b{re.escape(rel)}[,]?\s+$", before) if rel else None
                    if m and not span.possessive:
                        # "her mother Lan" -> "her mother": the role already says who it is.
                        start = pos + m.start() + len(rel)
                        label = ""
            chunk = text[pos:start]
            out.append(chunk)
            length += len(chunk)
            if label and (label[0].islower()) and sentence_start(text, start):
                label = capitalise_first(label)
            if label and span.possessive:
                label += "’s" if "’" in span.possessive else "'s"
            out_start = length
            out.append(label)
            length += len(label)
            exempt.append((out_start, length))
            replacements.append(
                Replacement(
                    span.category,
                    where,
                    span.start,
                    span.end + len(span.possessive),
                    label or "(removed)",
                    span.detector,
                    span.confidence,
                    text[start : span.end + len(span.possessive)],
                )
            )
            pos = span.end + len(span.possessive)
        out.append(text[pos:])
        result_text = "".join(out)
        # Kept spans move with the text; find their new offsets for the residual check.
        shift_exempt = _kept_offsets(text, decided, replacements, result_text)
        return ScrubResult(result_text, replacements, findings), exempt + shift_exempt

    # ------------------------------------------------------------------------------------------
    def check_residual(self, text: str, where: str = "text") -> None:
        """Raise :class:`ResidualIdentifierError` if a known identifier (any case, accents, one typo)
        is in ``text``. Labels and ordinary-word uses ("she felt hope") do not count.

        The message names the category and location, never the identifier.
        """
        self._residual(text, where, [])

    def _residual(self, text: str, where: str, exempt: list[tuple[int, int]]) -> None:
        hits = self.matcher.find(text)
        for hit in hits:
            if any(s < hit.end and hit.start < e for s, e in exempt):
                continue
            if known.classify(text, hit, hits) == known.WORD:
                continue
            if _inside_label(text, hit.start, hit.end):
                continue
            raise ResidualIdentifierError(
                f"a known {hit.form.category.replace('_', ' ')} is still in {where} at offset {hit.start} "
                f"after de-identification; nothing was written (add the spelling to the case's "
                f"identifiers or the deny list, or reword the text)"
            )

    # ------------------------------------------------------------------------------------------
    def scrub_case(self, case: Case) -> tuple[Case, Report]:
        """De-identify every entry and string of ``case`` outside its identifiers.

        Returns a copy with scrubbed text and an empty identifiers section, and the report of this call
        (also added to :attr:`report`).
        """
        from casekit.deid.casewalk import scrub_case

        return scrub_case(self, case)


def _withhold(spans: list[Span], withheld: list[languages.Region]) -> list[Span]:
    """``spans`` with the pieces of entries the presenter chose to leave out replaced whole."""
    kept = [s for s in spans if not languages.inside(withheld, s.start, s.end + len(s.possessive))]
    gone = [
        Span(
            a, b, languages.OTHER_LANGUAGE, languages.LANGUAGE, label=f"[words in {r.source.name}, left out]"
        )
        for r in withheld
        for a, b in r.pieces
    ]
    return sorted(kept + gone, key=lambda s: s.start)


def _line_pieces(text: str, analysis: Analysis) -> Iterator[tuple[int, int, str]]:
    """The name model's entities as ``(start, end, label)``, each cut at line breaks.

    A name never spans a line break: in a text-message thread "Dr. Tesfaye\nShe said" is a name and
    then the next message, even when the model joins them.
    """
    for ent in analysis.entities:
        for piece in re.finditer(r"[^\n]+", text[ent.start : ent.end]):
            start, end = ent.start + piece.start(), ent.start + piece.end()
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                yield start, end, ent.label


def _is_english(word: str, english: frozenset[str]) -> bool:
    if word in english:
        return True
    for suffix, repl in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("ly", ""),
        ("er", ""),
        ("est", ""),
    ):
        if word.endswith(suffix) and word[: -len(suffix)] + repl in english:
            return True
    return False


def _looks_like_name_at_start(word: str) -> bool:
    # At a sentence start capitals say nothing; only flag words that cannot be English.
    return not re.search(r"(ly|ing|ed|tion|ness|ment|ful|less|ous|ive|able|ible)$", word)


def _absorb_title(text: str, start: int, floor: int) -> int:
    m = re.search(r"([A-Za-z]+\.?)\s+$", text[floor:start])
    if m and fold(m.group(1)) in lexicon.TITLES and m.group(1)[0].isupper():
        return floor + m.start(1)
    return start


def _inside_label(text: str, start: int, end: int) -> bool:
    return text[max(0, start - 1) : start] == "[" and "]" in text[end : end + 30]


def _kept_offsets(
    text: str, spans: list[Span], replacements: list[Replacement], result: str
) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    done = sorted(replacements, key=lambda r: r.end)
    i = delta = 0
    for span in sorted((s for s in spans if s.keep), key=lambda s: s.start):
        while i < len(done) and done[i].end <= span.start:  # one pass: both in text order
            r = done[i]
            delta += len(r.label if r.label != "(removed)" else "") - (r.end - r.start)
            i += 1
        out.append((span.start + delta, span.end + delta))
    return out


class _Covered:
    """Which offsets a set of ranges covers, answered in logarithmic time (ranges merged, then bisected)."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(r for r in ranges if r[0] < r[1]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [m[0] for m in merged]
        self._ends = [m[1] for m in merged]

    def covers(self, at: int) -> bool:
        """Whether ``at`` lies inside one of the ranges."""
        i = bisect.bisect_right(self._starts, at) - 1
        return i >= 0 and at < self._ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares an offset with one of the ranges."""
        i = bisect.bisect_left(self._ends, start + 1)  # the first range ending after ``start``
        return i < len(self._starts) and self._starts[i] < end


def _repeated_names(text: str, chosen: list[Span]) -> list[Span]:
    """Other capitalised mentions of a word of a name already removed as a person.

    "Dr. Friedman" found by its title, and "YAEL FRIEDMAN" in a line in capitals where "friedman" is
    also in the English word list: once a word has been removed as part of a person's name, it is
    removed wherever else it stands with a capital. Words of culture, titles, stop words and given
    names that are also words (Hope) are never carried over. One pass over the text.
    """
    english = lexicon.english_words()
    words: dict[str, str] = {}
    for span in chosen:
        if span.keep or span.category != PERSON or span.confidence < 0.5 or span.detector == CASE:
            continue
        for w in re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", text[span.start : span.end]):
            f = fold(re.split(r"['’]", w)[0])
            if len(f) < 3 or f in _STOP or f in lexicon.TITLES or f in cues.WORD_NAMES:
                continue
            if lexicon.is_kept_word(w) or _addresses(w):
                continue
            words.setdefault(w.casefold(), span.key)
    if not words:
        return []
    taken = _Covered((s.start, s.end) for s in chosen)
    people = [s for s in chosen if s.category == PERSON and not s.keep]
    ends = {s.end: s for s in people}
    starts = {s.start: s for s in people}
    out: list[Span] = []
    for m in re.finditer(r"(?<![\w'’-])([^\W\d_]+(?:-[^\W\d_]+)*)(?:['’][^\W\d_]+)*", text):
        # "O'Connell" whole, or "Friedman's" without its possessive.
        group = 0 if m.group(0).casefold() in words else 1
        word = m.group(group)
        if word.casefold() not in words or not word[0].isupper() or taken.overlaps(*m.span(group)):
            continue
        if sentence_start(text, m.start()) and _is_english(fold(word), english):
            continue  # "Young came by": at a sentence's start an English word may be just a word
        start, end, key, priority = m.start(group), m.end(group), words[word.casefold()], 55
        before, after = ends.get(start - 1), starts.get(end + 1)
        if before is not None and text[start - 1] == " ":  # "YAEL FRIEDMAN": one person, one label
            start, priority = before.start, before.priority - 1
        if after is not None and text[end] == " ":
            end, priority = after.end, min(priority, after.priority - 1)
        key = text[start:end] if (start, end) != m.span(group) else key
        out.append(Span(start, end, PERSON, CONTEXT, key=key, priority=priority, confidence=0.8))
    return out


def _resolve(spans: list[Span]) -> list[Span]:
    """Keep the best span where several overlap (case-aware first, then patterns, then NER)."""
    chosen: list[Span] = []  # never overlapping, so ordered by start and by end alike
    starts: list[int] = []
    for span in sorted(spans, key=lambda s: (s.priority, -(s.end - s.start), s.start)):
        if span.start >= span.end:
            continue
        i = bisect.bisect_left(starts, span.start)
        if (i and chosen[i - 1].end > span.start) or (i < len(chosen) and chosen[i].start < span.end):
            continue  # overlaps a neighbour already chosen: only the neighbours can overlap it
        chosen.insert(i, span)
        starts.insert(i, span.start)
    return _merge_names(chosen)


def _merge_names(spans: list[Span]) -> list[Span]:
    """Join neighbouring parts of one name ("Mai" + "Nguyen") into one span and one label."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.keep
            and not span.keep
            and not prev.possessive
            and prev.category == span.category
            and prev.key == span.key
            and span.category in _NAME_LIKE | {forms.EMPLOYER, forms.SCHOOL, forms.STREET, forms.CITY}
            and span.start - prev.end <= 2
        ):
            out[-1] = replace(
                prev,
                end=span.end,
                possessive=span.possessive,
                confidence=(
                    min(prev.confidence, span.confidence)
                    if prev.confidence < 0.5 and span.confidence < 0.5
                    else max(prev.confidence, span.confidence)
                ),
            )
            continue
        out.append(span)
    return out


#: Last words that make a phrase a role or a part of an organisation ("Operations lead").
_ROLE_WORDS = frozenset(
    _split(
        """lead leads manager managers director directors coordinator coordinators officer officers
        administrator administrators admin team teams committee board desk staff supervisor supervisors
        chair receptionist reception worker workers navigator navigators champion champions group"""
    )
)

#: Words that follow an imperative verb ("Advertise with…", "Translate the…"), rarely a name.
_AFTER_VERB = frozenset(
    _split("the a an our their its this these those with to into onto for each every all any more out up")
)


def _ordinary_opening(text: str, end: int, value: str, common: frozenset[str]) -> bool:
    """Whether a one-word entity at a sentence start reads as an ordinary word, not a name.

    It must be an English word, and either the case uses it in lower case elsewhere, or it is
    followed by an article or preposition, as an instruction is ("Advertise with community radio").
    """
    word = fold(value)
    if word in common:
        return True
    if word not in lexicon.english_words():
        return False
    following = re.match(r"\s+([A-Za-z]+)", text[end:])
    return bool(following) and following.group(1) in _AFTER_VERB


def _names_a_role(text: str, end: int, words: list[str]) -> bool:
    """Whether an entity of English words is (the start of) a role: "Operations lead", "Front-desk lead"."""
    english = lexicon.english_words()
    tail = re.match(r"[\w-]*(?:\s+[\w-]+)?", text[end:])
    phrase = [
        p for w in [*words, *(tail.group(0).split() if tail else [])] for p in re.split(r"[-/]", fold(w)) if p
    ]
    if len(phrase) < 2 or not any(p in _ROLE_WORDS for p in phrase[1:]):
        return False
    cut = next(i for i, p in enumerate(phrase) if i and p in _ROLE_WORDS)
    return all(p in english or lexicon.is_kept_word(p) for p in phrase[:cut])


#: Why a guess of the name model goes to the presenter (shown in the review list).
ORDINARY_GUESS = "the name model's guess on ordinary words"
PLACE_GUESS = "a place or organisation only the name model found"


def _unsure_guess(text: str, start: int, words: list[str], label: str, common: frozenset[str]) -> str:
    """Whether a name-model entity is a guess to ask about rather than a name to remove.

    Returns ``"culture"`` when the entity is a word of the culture lexicon with only ordinary words
    capitalised by their position or stop words beside it ("Raised Catholic"), which stays as written;
    :data:`ORDINARY_GUESS` when every word is an ordinary English word ("Felt like…"); :data:`PLACE_GUESS`
    for a lone unknown word tagged a place or organisation ("a Lisbon accent"); else ``""`` (a name).
    """
    english = lexicon.english_words()
    folded = [fold(w) for w in words]
    kept = [lexicon.is_kept_word(w) for w in words]
    ordinary = [f in _STOP or f in common or _is_english(f, english) for f in folded]
    if len(words) == 1 and label != "PERSON" and not kept[0] and folded[0] not in common:
        return PLACE_GUESS  # the word list has proper nouns too ("Lisbon"): a lone place is asked about
    if not all(k or o for k, o in zip(kept, ordinary, strict=True)):
        return ""
    if any(kept):
        first_only = all(k or f in _STOP for k, f in zip(kept[1:], folded[1:], strict=True))
        if kept[0] or (first_only and sentence_start(text, start)):
            return "culture"
    return ORDINARY_GUESS


def _addresses(word: str) -> bool:
    """Whether ``word`` is a form of address ("Umm", "Mrs"), which stays before a name."""
    return lexicon.keep_lexicon().is_form_of_address(word)


def _teknonym(text: str, span: Span) -> Span:
    """Narrow a known name such as "Eunhye Eomma" or "Umm Ayaan" to the child's name in it.

    Naming a parent by their child is a way of addressing them; the kinship word stays and only the
    name is replaced ("[child's name] Eomma"). Returns a new span (or ``span`` itself when unchanged).
    """
    if span.category not in (forms.CLIENT_NAME, forms.HOUSEHOLD_NAME):
        return span
    inner = lexicon.keep_lexicon().teknonym_name(text[span.start : span.end])
    if inner is None:
        return span
    return replace(
        span,
        start=span.start + inner[0],
        end=span.start + inner[1],
        possessive="",
        label="[child's name]",
    )


@functools.cache
def _own_labels() -> re.Pattern[str]:
    """casekit's own labels, which name recognition must not take for names or organisations.

    Numbered headings ("Goal 2", "Misstep 3") and the labels of the case model's choices (breadth
    areas such as "Gender", voices, statuses) appear in every rendering; the recogniser has been seen
    to tag "Misstep 2" as a person and a lone "Gender" as an organisation.
    """
    from enum import Enum

    from casekit.model import case as model

    labels: set[str] = set()
    for value in vars(model).values():
        if isinstance(value, type) and issubclass(value, Enum) and value.__module__ == model.__name__:
            for member in value:
                label = getattr(member, "label", None)
                if isinstance(label, str) and label.strip():
                    labels.add(label.strip())
    words = "|".join(re.escape(t) for t in sorted(labels, key=len, reverse=True))
    numbered = r"(?:goal|misstep|rating|adaptation|identity|barrier|item|step|stage|week|session)\s+\d+"
    return re.compile(rf"(?<!\w)(?:{numbered}|{words})(?!\w)", re.IGNORECASE)


def common_words_of(case: Case) -> frozenset[str]:
    """English words the case's own text uses in lower case, away from the start of a sentence."""
    english = lexicon.english_words()
    found: set[str] = set()
    for _path, text in iter_strings(case):
        for m in re.finditer(r"(?<![\w'’-])[a-z][a-z'’-]+", text):
            word = m.group(0)
            if word in english and not sentence_start(text, m.start()):
                found.add(word)
    return frozenset(found)
