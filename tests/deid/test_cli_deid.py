"""`casekit deid scrub` on files and standard input."""

from __future__ import annotations

import json

from click.testing import CliRunner

from casekit.cli import cli


def test_scrub_reads_stdin_and_prints_the_report_without_originals():
    """Does `deid scrub --report -` print scrubbed text, and a JSON report free of originals?"""
    runner = CliRunner()
    result = runner.invoke(
        cli, ["deid", "scrub", "--no-ner", "--report", "-"], input="Call 503-555-0147 today.\n"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "Call [Phone] today.\n"
    report = json.loads(result.stderr)
    assert report["counts"] == {"phone": 1}
    assert "555" not in result.stderr


def test_scrub_uses_a_deny_file(tmp_path):
    """Does a deny file's term (one per line) get removed from the input file?"""
    (tmp_path / "deny.txt").write_text("Kettle Cove\n\n", encoding="utf-8")
    (tmp_path / "note.txt").write_text("She sings at Kettle Cove.", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["deid", "scrub", "--no-ner", "--deny-file", str(tmp_path / "deny.txt"), str(tmp_path / "note.txt")],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "She sings at [Redacted].\n"


def test_scrub_refuses_missing_and_non_utf8_files_in_one_line(tmp_path):
    """Does bad input give a one-line error and a non-zero exit?"""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00")
    for path in (str(tmp_path / "missing.txt"), str(bad)):
        result = CliRunner().invoke(cli, ["deid", "scrub", "--no-ner", path])
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("casekit: error: ")


def test_scrub_refuses_standard_input_over_the_limit_instead_of_cutting_it(monkeypatch):
    """Is standard input longer than the limit refused in one line, with nothing printed?"""
    from casekit.cli import deid_commands as deid_cli

    monkeypatch.setattr(deid_cli, "MAX_INPUT", 40)
    result = CliRunner().invoke(cli, ["deid", "scrub", "--no-ner", "-"], input="x" * 41)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "standard input" in result.stderr
    exact = CliRunner().invoke(cli, ["deid", "scrub", "--no-ner", "-"], input="y" * 40)
    assert exact.exit_code == 0 and exact.stdout == "y" * 40 + "\n"


def test_scrub_takes_several_files_and_writes_each_beside_its_input(tmp_path):
    """Are several files scrubbed in one run, written as NAME.deid.EXT, with one label per person?"""
    (tmp_path / "a.txt").write_text("Dr. Adeyemi called on 4/12.", encoding="utf-8")
    (tmp_path / "b.md").write_text("Dr. Adeyemi wrote back.\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["deid", "scrub", "--no-ner", str(tmp_path / "a.txt"), str(tmp_path / "b.md")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a.deid.txt").read_text(encoding="utf-8") == "Person A called on [Date]."
    assert (tmp_path / "b.deid.md").read_text(encoding="utf-8") == "Person A wrote back.\n"
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'a.txt'} -> {tmp_path / 'a.deid.txt'}",
        f"{tmp_path / 'b.md'} -> {tmp_path / 'b.deid.md'}",
    ]


def test_scrub_writes_into_an_output_folder(tmp_path):
    """With -o DIR, do the outputs go into DIR (created if missing) and not beside the inputs?"""
    (tmp_path / "note.txt").write_text("Call 503-555-0147.", encoding="utf-8")
    out = tmp_path / "out" / "deid"
    result = CliRunner().invoke(
        cli, ["deid", "scrub", "--no-ner", "-o", str(out), str(tmp_path / "note.txt")]
    )
    assert result.exit_code == 0, result.output
    assert (out / "note.deid.txt").read_text(encoding="utf-8") == "Call [Phone]."
    assert not (tmp_path / "note.deid.txt").exists()


def test_a_bad_file_in_a_batch_is_named_in_one_line_and_nothing_is_written(tmp_path):
    """Does one unreadable file stop the batch with a line naming it, before any output is written?"""
    good = tmp_path / "good.txt"
    good.write_text("Call 503-555-0147.", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00")
    result = CliRunner().invoke(cli, ["deid", "scrub", "--no-ner", str(good), str(bad)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and str(bad) in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "good.txt"]


def test_two_inputs_that_would_share_an_output_are_refused(tmp_path):
    """Are two same-named files sent to one -o folder refused, rather than one overwriting the other?"""
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "note.txt").write_text("Hello.", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "deid",
            "scrub",
            "--no-ner",
            "-o",
            str(tmp_path / "out"),
            str(tmp_path / "x" / "note.txt"),
            str(tmp_path / "y" / "note.txt"),
        ],
    )
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_a_batch_runs_the_name_model_once(tmp_path, monkeypatch):
    """Is the name model run once over all the files of a batch, not once per file?"""
    from casekit.deid import ner

    calls: list[int] = []

    def fake_analyse_many(texts, batch_size=64):
        calls.append(len(texts))
        return [ner.Analysis([], []) for _ in texts]

    monkeypatch.setattr(ner, "analyse_many", fake_analyse_many)
    paths = []
    for i in range(3):
        path = tmp_path / f"n{i}.txt"
        path.write_text("She slept well.", encoding="utf-8")
        paths.append(str(path))
    result = CliRunner().invoke(cli, ["deid", "scrub", *paths])
    assert result.exit_code == 0, result.output
    assert calls == [3]


def test_scrub_help_explains_batches():
    """Does the help say that several files are scrubbed in one run and where the outputs go?"""
    result = CliRunner().invoke(cli, ["deid", "scrub", "--help"])
    assert result.exit_code == 0
    assert (
        "Several files" in result.stdout
        and "NAME.deid.EXT" in result.stdout
        and "--output-dir" in result.stdout
    )
