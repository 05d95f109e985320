"""A clinic's own instruments: reading, checking and scoring the files in instruments/."""

from __future__ import annotations

from pathlib import Path

import pytest

from casekit import layout
from casekit.errors import CasekitError, InstrumentError
from casekit.instruments import check_total, load_instrument, load_instruments, parse_instrument, score
from tests.instruments.conftest import HEARD


def _heard_with(old: str, new: str) -> str:
    text = HEARD.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def test_a_workspace_lists_its_instruments_by_name(instrument_root):
    """Are both fictional instruments read from instruments/, keyed by their names, with their parts?"""
    found = load_instruments(instrument_root)
    assert sorted(found) == ["Comment on a fait", "Feeling Heard Check"]
    heard = found["Feeling Heard Check"]
    assert [i.id for i in heard.items] == ["heard", "rushed", "own_words"]
    assert [i.reverse for i in heard.items] == [False, True, False]
    assert heard.scale.labels == {0: "Not at all", 2: "Somewhat", 4: "Completely"}
    assert heard.licence.holder.startswith("Willowmere")
    assert found["Comment on a fait"].language == "fr"


def test_a_workspace_without_the_folder_has_no_instruments(tmp_path):
    """Is a workspace with no instruments/ folder simply one without instruments (not an error)?"""
    assert load_instruments(tmp_path) == {}


def test_reverse_scored_items_are_turned_round_and_the_band_found():
    """Does a sum count a reverse item as (min + max - answer), and name the cut-off band it lands in?"""
    heard = load_instrument(HEARD)
    result = score(heard, {"heard": 4, "rushed": 0, "own_words": 3})
    assert result.total == 11.0  # 4 + (0 + 4 - 0) + 3
    assert result.band is not None and result.band.label == "Feeling mostly heard"
    low = score(heard, {"heard": 1, "rushed": 4, "own_words": 2})
    assert low.total == 3.0 and low.band.label.startswith("Worth talking")


def test_a_mean_instrument_averages_its_answers(instrument_root):
    """Does an instrument scored as a mean give the average of its answers?"""
    fr = load_instruments(instrument_root)["Comment on a fait"]
    assert score(fr, {"compris": 4, "respect": 5}).total == 4.5
    assert fr.total_range == (1.0, 5.0)


@pytest.mark.parametrize(
    ("answers", "says"),
    [
        ({"heard": 4, "rushed": 0}, "item 'own_words' has no answer"),
        ({"heard": 4, "rushed": 0, "own_words": 5}, "from 0 to 4"),
        ({"heard": 4, "rushed": 0, "own_words": 2, "extra": 1}, "no item 'extra'"),
        ({"heard": True, "rushed": 0, "own_words": 2}, "whole number"),
    ],
)
def test_answers_that_cannot_be_scored_are_refused_in_one_line(answers, says):
    """Is a missing, off-scale or unknown answer refused with one line naming the item?"""
    with pytest.raises(InstrumentError) as caught:
        score(load_instrument(HEARD), answers)
    assert says in str(caught.value) and "\n" not in str(caught.value)


def test_a_typed_total_is_checked_against_the_possible_range():
    """Is a total typed directly accepted inside 0–12 (with its band) and refused outside it?"""
    heard = load_instrument(HEARD)
    assert check_total(heard, 7).band.label == "Feeling mostly heard"
    with pytest.raises(InstrumentError, match="outside the possible 0–12"):
        check_total(heard, 13)


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ('name = "Feeling Heard Check"\n', "", "feeling-heard-check.toml: name is missing"),
        ("min = 0", "min = 5", "feeling-heard-check.toml: scale: min (5) must be below max (4)"),
        (
            'id = "rushed"',
            'id = "heard"',
            "feeling-heard-check.toml: items: the item id 'heard' is used twice",
        ),
        ('scoring = "sum"', 'scoring = "median"', "feeling-heard-check.toml: scoring:"),
        ("to = 12", "to = 13", "outside the possible totals 0–12"),
        ("from = 7", "from = 6", "starts at or below the end of"),
        ('language = "en"', 'language = "English"', "feeling-heard-check.toml: language:"),
        ('text = "Today I felt hurried along."', 'text = ""', "feeling-heard-check.toml: items[2].text:"),
        ("reverse = true", "reversed = true", "items[2].reversed is not part of the instrument format"),
        ('labels = { 0 = "Not at all"', 'labels = { 9 = "Not at all"', "label 9 is not on the scale 0–4"),
        ("[licence]", "[licence]\n[licence]", "not valid TOML"),
    ],
)
def test_a_faulty_file_is_refused_in_one_line_naming_the_file_and_field(tmp_path, old, new, says):
    """Does each kind of mistake give one line that names the file and the field at fault?"""
    path = tmp_path / HEARD.name
    path.write_text(_heard_with(old, new), encoding="utf-8")
    with pytest.raises(InstrumentError) as caught:
        load_instrument(path)
    message = str(caught.value)
    assert says in message and "\n" not in message
    assert isinstance(caught.value, CasekitError)


def test_the_wording_is_never_quoted_in_an_error(tmp_path):
    """Does a refusal about an item leave its licensed wording out of the message?"""
    path = tmp_path / HEARD.name
    path.write_text(_heard_with("reverse = true", "reverse = true\nweight = 2"), encoding="utf-8")
    with pytest.raises(InstrumentError) as caught:
        load_instrument(path)
    assert "hurried" not in str(caught.value) and "items[2].weight" in str(caught.value)


def test_a_file_that_is_not_utf8_or_missing_says_so(tmp_path):
    """Are a Latin-1 file and a missing file each refused with a line saying what to do?"""
    latin = tmp_path / "latin.toml"
    latin.write_bytes('name = "Qué tal"'.encode("latin-1"))
    with pytest.raises(InstrumentError, match=r"latin\.toml: not UTF-8 text; save it again as UTF-8"):
        load_instrument(latin)
    with pytest.raises(InstrumentError, match=r"gone\.toml: cannot be read"):
        load_instrument(tmp_path / "gone.toml")


def test_two_files_with_one_name_are_refused(instrument_root):
    """Would two files claiming the same instrument name (so totals would mix) be refused?"""
    folder = layout.instruments_dir(instrument_root)
    (folder / "copy.toml").write_text(HEARD.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InstrumentError, match="name 'Feeling Heard Check' is already used by"):
        load_instruments(instrument_root)


def test_parse_names_the_file_it_was_given():
    """Does parsing text name the file passed with it, so a caller holding text still gets a useful line?"""
    with pytest.raises(InstrumentError, match=r"^upload\.toml: "):
        parse_instrument("format = 1\n", Path("upload.toml"))


def test_a_workspace_object_reads_its_own_folder(instrument_root):
    """Does passing a Workspace (not just its folder) read the same instruments/ folder?"""
    from casekit.workspace import Workspace

    assert sorted(load_instruments(Workspace(instrument_root))) == sorted(load_instruments(instrument_root))
    assert load_instruments(Workspace(instrument_root))


def test_instruments_can_be_picked_by_the_clients_language(instrument_root):
    """Does asking for French (or fr-CA) give the French questionnaire only, and Arabic none?"""
    from casekit.instruments import in_language

    found = load_instruments(instrument_root)
    assert list(in_language(found, "fr")) == ["Comment on a fait"]
    assert list(in_language(found, "fr-CA")) == ["Comment on a fait"]
    assert in_language(found, "ar") == {}
