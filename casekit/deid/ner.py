"""Named-entity recognition with the pinned spaCy English pipeline, loaded once per process, offline.

The pipeline is built explicitly from the installed package (:data:`casekit.deid.lexicon.MODEL_PACKAGE`)
with only the component de-identification needs (the entity recogniser), so
nothing is ever downloaded and start-up stays short. Importing this module loads nothing.

Long texts are never refused and never cut short: a text longer than :data:`CHUNK` characters (or the
pipeline's own ``max_length``, if smaller) is analysed in pieces cut at a sentence end, or failing that
at a space, and the offsets of every token and entity are mapped back onto the whole text. Only a run
of more than :data:`CHUNK` characters without any whitespace is cut mid-run.
"""

from __future__ import annotations

import base64
import functools
import json
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from casekit.deid.lexicon import MODEL_PACKAGE
from casekit.errors import DeidentificationError

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Entity labels de-identification acts on. NORP (nationalities, religious and political groups) is
#: deliberately absent: those words are identity descriptors and stay.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})

#: Most characters given to the model at once: the entity recogniser needs about 1 GB of memory per
#: 100,000 characters, and spaCy refuses texts over ``nlp.max_length`` (1,000,000 by default).
CHUNK = 100_000

_LOCK = threading.Lock()
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+|\n\s*")
_SPACE = re.compile(r"\s+")
# The entity recogniser has its own token-to-vector layer; the rest of the pipeline would double the
# time per text for nothing de-identification uses.
_NOT_NEEDED = ["tok2vec", "tagger", "parser", "senter", "lemmatizer", "attribute_ruler"]


@dataclass(frozen=True)
class Token:
    """A token's offsets and fine-grained part-of-speech tag (empty: the tagger is not run)."""

    start: int
    end: int
    tag: str


@dataclass(frozen=True)
class Entity:
    """A named entity's offsets and label (``PERSON``, ``ORG``, ``GPE``, ``LOC``, ``FAC``)."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Analysis:
    """What the pipeline saw in one text."""

    tokens: Sequence[Token]
    entities: Sequence[Entity]

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity that covers ``[start, end)``, if any."""
        for ent in self.entities:
            if ent.start <= start and end <= ent.end:
                return ent
        return None


@functools.cache
def pipeline() -> Any:
    """The spaCy pipeline, loaded on first use and then shared by the whole process.

    Raises
    ------
    DeidentificationError
        When the model package is not installed.
    """
    with _LOCK:
        try:
            import spacy
        except ImportError:  # pragma: no cover - spaCy is a dependency
            raise DeidentificationError(
                "spaCy is not installed; run `pip install casekit` again or pass use_ner=False"
            ) from None
        try:
            return spacy.load(MODEL_PACKAGE, exclude=_NOT_NEEDED)
        except OSError:
            raise DeidentificationError(
                f"the spaCy model package {MODEL_PACKAGE} is not installed; run "
                f"`pip install {MODEL_PACKAGE.replace('_', '-')}` or pass use_ner=False"
            ) from None


def analyse(text: str) -> Analysis:
    """Run the pipeline over ``text`` (in pieces when it is long; see :func:`chunk_bounds`)."""
    return analyse_many([text])[0]


def analyse_many(texts: Sequence[str], batch_size: int = 64) -> list[Analysis]:
    """Run the pipeline over several texts at once (faster than one at a time).

    Texts longer than the chunk size are cut into pieces at sentence or word boundaries; each
    analysis has offsets into its whole text.
    """
    nlp = pipeline()
    limit = max(1, min(CHUNK, int(getattr(nlp, "max_length", CHUNK))))
    pieces: list[str] = []
    owners: list[tuple[int, int]] = []
    for index, text in enumerate(texts):
        for start, end in chunk_bounds(text, limit):
            pieces.append(text[start:end])
            owners.append((index, start))
    tokens: list[list[Token]] = [[] for _ in texts]
    entities: list[list[Entity]] = [[] for _ in texts]
    for (index, offset), doc in zip(owners, nlp.pipe(pieces, batch_size=batch_size), strict=True):
        part = _to_analysis(doc)
        tokens[index].extend(Token(t.start + offset, t.end + offset, t.tag) for t in part.tokens)
        entities[index].extend(Entity(e.start + offset, e.end + offset, e.label) for e in part.entities)
    return [Analysis(t, e) for t, e in zip(tokens, entities, strict=True)]


def chunk_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """Cut ``text`` into ``[start, end)`` pieces of at most ``limit`` characters that cover it all.

    Each cut falls after the last sentence end in the second half of the window, else after its last
    run of whitespace, else (a run with no whitespace at all) at the limit itself.
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        window_end = start + limit
        floor = start + limit // 2
        cut = _last_end(_SENTENCE_END, text, floor, window_end) or _last_end(
            _SPACE, text, start + 1, window_end
        )
        cut = cut if cut and cut > start else window_end
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def _last_end(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> int | None:
    """End of the last match of ``pattern`` inside ``text[lo:hi]``, or None."""
    last = None
    for m in pattern.finditer(text, lo, hi):
        last = m.end()
    return last


def _to_analysis(doc: Any) -> Analysis:
    tokens = [Token(t.idx, t.idx + len(t.text), t.tag_) for t in doc]
    entities = [Entity(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in ENTITY_LABELS]
    return Analysis(tokens, entities)


# ---- name recognition in another process ----------------------------------------------------------
# A workbook's kernel that has loaded the model can analyse the texts of the run's export, so the
# command that runs and exports a case loads the model once, in the kernel, instead of twice. Texts
# go to the kernel and analyses come back as base64 JSON (plain ASCII: nothing to quote in code).
# Analyses are offsets, part-of-speech tags and labels: no text.


def texts_to_wire(texts: Sequence[str]) -> str:
    """``texts`` encoded for :func:`analyse_wire` in another process."""
    return base64.b64encode(json.dumps(list(texts), ensure_ascii=False).encode("utf-8")).decode("ascii")


def analyse_wire(payload: str) -> str:
    """Analyse texts encoded by :func:`texts_to_wire`; the analyses encoded for :func:`analyses_from_wire`.

    What a kernel runs for the command that lent it (see :class:`casekit.workbooks.pool.KernelPool`).
    """
    texts = json.loads(base64.b64decode(payload.encode("ascii")).decode("utf-8"))
    rows = [
        [[[t.start, t.end, t.tag] for t in a.tokens], [[e.start, e.end, e.label] for e in a.entities]]
        for a in analyse_many(texts)
    ]
    return base64.b64encode(json.dumps(rows).encode("utf-8")).decode("ascii")


def analyses_from_wire(payload: str, expected: int) -> list[Analysis]:
    """Decode :func:`analyse_wire`'s answer for ``expected`` texts.

    Raises
    ------
    DeidentificationError
        If the answer is not ``expected`` well-formed analyses.
    """
    try:
        rows = json.loads(base64.b64decode(payload.encode("ascii"), validate=True).decode("utf-8"))
        analyses = [
            Analysis(
                [Token(int(a), int(b), str(tag)) for a, b, tag in tokens],
                [Entity(int(a), int(b), str(label)) for a, b, label in entities],
            )
            for tokens, entities in rows
        ]
    except (ValueError, TypeError, UnicodeDecodeError):
        raise DeidentificationError(
            "name recognition in the workbook's kernel gave an unreadable answer"
        ) from None
    if len(analyses) != expected:
        raise DeidentificationError(
            f"name recognition in the workbook's kernel answered for {len(analyses)} of {expected} texts"
        )
    return analyses
