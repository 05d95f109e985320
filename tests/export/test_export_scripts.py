"""Does the PDF summary keep the client's own words in their script, each character drawn with a real glyph?

The check reads the PDF itself: each embedded font's ToUnicode map says which glyph drew which
character, and fontTools opens the embedded font subset to see that the glyph exists and has an
outline. A character no font could draw comes out as ``.notdef`` or as a glyph the subset lacks.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from collections import defaultdict

import pytest

from casekit.model import Case, Domain, Entry, Goal, NamedIdentity, Obtained, ReviewDecision, Voice
from tests.export.conftest import SECRET, in_ci, reviewed
from tests.fictional import new_case, weeks

#: The client's own words (fictional, written for this test), by BCP-47 language tag.
WORDS = {
    "ar": "أنا خبازة أحب الغناء في الصباح",
    "zh-Hans": "我在家里说两种语言",
    "ko": "저는 아침마다 빵을 굽습니다",
    "vi": "Ngủ sáu tiếng trước ca làm việc",
    "so": "Habeenkii waan shaqeeyaa, subaxdiina waan seexdaa",
    "fr": "Dormir avant le travail, c'est être à l'aise",
}

#: The faces the summary's stylesheet names for these scripts (Debian fonts-noto-core, fonts-noto-cjk).
FACES = ("Noto Sans", "Noto Naskh Arabic", "Noto Sans CJK SC", "Noto Sans CJK KR")

#: Vithkuqi (Unicode 14): no font Debian's fonts-noto-* or DejaVu packages ship can draw it.
NO_FONT_HAS = "\U00010570\U00010571\U00010572"


def _missing_faces() -> list[str]:
    if shutil.which("fc-list") is None:
        return list(FACES)
    listed = {face: subprocess.run(["fc-list", face], capture_output=True, text=True) for face in FACES}
    return [face for face, run in listed.items() if not run.stdout.strip()]


@pytest.fixture(scope="module", autouse=True)
def _fonts() -> None:
    missing = _missing_faces()
    if missing:
        message = f"fonts missing: {', '.join(missing)} (apt-get install fonts-noto-core fonts-noto-cjk)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)


def said(text: str, language: str) -> Entry:
    """The client's own words, verbatim, in ``language``."""
    return Entry(text=text, voice=Voice.CLIENT, obtained=Obtained.VERBATIM, language=language)


def many_scripts_case() -> Case:
    """A case whose client speaks in six languages and four scripts."""
    case = new_case("CK-0777")
    case.consultation_consent.date = weeks(8)  # the export gate wants the day consent was asked
    case.identity.self_description = said(WORDS["ar"], "ar")
    case.identity.identities = [
        NamedIdentity(words=said(WORDS["zh-Hans"], "zh-Hans"), domain=Domain.LANGUAGE),
        NamedIdentity(words=said(WORDS["ko"], "ko"), domain=Domain.NATIONAL_ORIGIN),
    ]
    case.goals = [Goal(agreed_wording=said(WORDS[tag], tag)) for tag in ("vi", "so", "fr")]
    # The presenter keeps every span de-identification asked about: these are the client's words.
    return reviewed(case, decision=ReviewDecision.KEEP)


@pytest.fixture(scope="module")
def pdf() -> bytes:
    from casekit.export import api

    return api.export_case(many_scripts_case(), "pdf", session="2026-05-04", secret=SECRET).data


# ---------------------------------------------------------------------------------------------------
# Reading glyphs back out of the PDF


def _to_unicode(cmap: str) -> dict[int, str]:
    """Glyph id → text from a ToUnicode CMap (its bfchar and bfrange sections)."""
    out: dict[int, str] = {}

    def text(hex_: str) -> str:
        return bytes.fromhex(hex_).decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for cid, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            out[int(cid, 16)] = text(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            first = int(dst, 16)
            for offset, cid in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[cid] = text(f"{first + offset:0{len(dst)}x}")
    return out


def _outlined(font: object, gid: int) -> bool:
    """Whether glyph ``gid`` of a fontTools font exists, is not .notdef and has an outline."""
    from fontTools.pens.boundsPen import BoundsPen

    order = font.getGlyphOrder()  # type: ignore[attr-defined]
    if not 0 < gid < len(order) or order[gid] == ".notdef":
        return False
    glyphs = font.getGlyphSet()  # type: ignore[attr-defined]
    pen = BoundsPen(glyphs)
    glyphs[order[gid]].draw(pen)
    return pen.bounds is not None


def glyphs_by_character(pdf: bytes) -> dict[str, set[tuple[str, bool]]]:
    """Every character the PDF's fonts drew: ``{char: {(font name, drawn with a real glyph), ...}}``."""
    from fontTools.ttLib import TTFont
    from pypdf import PdfReader

    out: dict[str, set[tuple[str, bool]]] = defaultdict(set)
    seen: set[int] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            if ref.idnum in seen or "/DescendantFonts" not in font:
                continue
            seen.add(ref.idnum)
            cid_font = font["/DescendantFonts"][0].get_object()
            descriptor = cid_font["/FontDescriptor"].get_object()
            file = descriptor.get("/FontFile2") or descriptor["/FontFile3"]
            embedded = TTFont(io.BytesIO(file.get_object().get_data()))
            cid_to_gid = cid_font.get("/CIDToGIDMap", "/Identity")
            table = None if cid_to_gid == "/Identity" else cid_to_gid.get_object().get_data()
            name = str(font["/BaseFont"]).partition("+")[2]
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            for cid, text in _to_unicode(cmap).items():
                gid = cid if table is None else int.from_bytes(table[2 * cid : 2 * cid + 2], "big")
                for char in text:
                    out[char].add((name, _outlined(embedded, gid)))
    return out


def undrawn(drawn: dict[str, set[tuple[str, bool]]], text: str) -> set[str]:
    """The characters of ``text`` (spaces aside) that some font in the PDF failed to draw, or none drew."""
    return {
        char
        for char in text
        if not char.isspace() and (not drawn.get(char) or not all(ok for _font, ok in drawn[char]))
    }


def page_text(pdf: bytes) -> str:
    """The PDF's text as pypdfium2 extracts it, all pages."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


# ---------------------------------------------------------------------------------------------------
# Questions


def test_pdf_draws_every_character_of_the_clients_words_with_a_real_glyph(pdf: bytes):
    """Is every character of the client's Arabic, Chinese, Korean, Vietnamese, Somali and French
    words drawn with a real glyph (no .notdef box, no glyph missing from the embedded font)?"""
    drawn = glyphs_by_character(pdf)
    for tag, words in WORDS.items():
        assert undrawn(drawn, words) == set(), tag


def test_pdf_text_keeps_the_clients_words_in_their_script(pdf: bytes):
    """Does the client's text come back out of the PDF in its own script, named with its language?"""
    from casekit.export.gate import pdf_text
    from casekit.render.provenance import language_name

    def squeezed(text: str) -> str:  # a table cell may wrap Chinese or Korean words mid-line
        return "".join(unicodedata.normalize("NFC", text).split())

    extracted = squeezed(page_text(pdf))
    for tag, words in WORDS.items():
        assert squeezed(words) in extracted, tag
    labels = " ".join(pdf_text(pdf).split())
    for tag in WORDS:
        if tag != "ar":  # an English label beside Arabic is extracted in visual order by some readers
            assert f"in {language_name(tag)}" in labels, tag


def test_chinese_and_korean_words_are_drawn_in_their_own_cjk_face(pdf: bytes):
    """Are the Chinese words drawn in the Simplified Chinese face and the Korean words in the Korean one?"""
    drawn = glyphs_by_character(pdf)
    for tag, face in (("zh-Hans", "Noto-Sans-CJK-SC"), ("ko", "Noto-Sans-CJK-KR")):
        fonts = {font for char in WORDS[tag] if not char.isspace() for font, _ok in drawn[char]}
        assert fonts == {face}, (tag, fonts)


def test_arabic_words_read_right_to_left_in_the_pdf(pdf: bytes):
    """Does the Arabic sentence run right to left on the page (its first letter rightmost)?"""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    words = WORDS["ar"]
    for page in pypdfium2.PdfDocument(pdf):
        textpage = page.get_textpage()
        chars = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i)) for i in range(textpage.count_chars()))
        start = chars.find(words)
        if start >= 0:
            break
    else:
        pytest.fail("the Arabic words are not in the PDF's text")
    first = textpage.get_charbox(start)
    last = textpage.get_charbox(start + len(words) - 1)
    assert first[0] > last[2], (first, last)


def test_glyph_check_catches_a_script_no_installed_font_can_draw():
    """Would the glyph check fail if a script had no font? (Vithkuqi: no installed font draws it.)"""
    from casekit.export.pdf import html_to_pdf

    pdf = html_to_pdf(f"<p>Plain words and {NO_FONT_HAS} in a script without a font.</p>")
    drawn = glyphs_by_character(pdf)
    assert undrawn(drawn, NO_FONT_HAS) == set(NO_FONT_HAS)
    assert undrawn(drawn, "Plain words") == set()


def test_de_identification_keeps_each_entrys_language_tag():
    """Does scrubbing leave the language tags alone ("zh-Hans" holds no name, though "Hans" is one)?"""
    from casekit.deid import Scrubber

    case = many_scripts_case()
    clean, _report = Scrubber.for_case(case, secret=SECRET).scrub_case(case)
    assert [n.words.language for n in clean.identity.identities] == ["zh-Hans", "ko"]
    assert [g.agreed_wording.language for g in clean.goals] == ["vi", "so", "fr"]


def test_de_identification_still_scrubs_a_language_tag_with_an_unregistered_part():
    """Is a language tag with an unregistered part ("fr-dalyssa", a name as a variant) still scrubbed?"""
    from casekit.deid import Scrubber
    from tests.fictional import IDENTIFIERS

    case = new_case("CK-0778", identifiers=IDENTIFIERS)
    case.identity.self_description = said(WORDS["fr"], "fr-dalyssa")
    clean, _report = Scrubber.for_case(case, secret=SECRET).scrub_case(case)
    assert "dalyssa" not in str(clean.identity.self_description.language).casefold()
