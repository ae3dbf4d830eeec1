import os
import subprocess
import sys

import pytest

from briefing.cli import main

from .conftest import DATA, MINIMAL


def run(*args, cwd=None, env=None):
    """The real process, as a user runs it."""
    environment = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True, text=True, cwd=cwd, env=environment)


def test_check_default_briefing_is_clean(capsys):
    assert main(["check"]) == 0
    out, err = capsys.readouterr()
    # The article states no assumptions behind its judgment, and sets no question or day to
    # score it by: two notes, no warning.
    assert out.endswith(": ok (0 warnings, 2 notes)\n")
    line = DATA.read_text(encoding="utf-8").splitlines().index("  - id: retain-bases") + 1
    assert err.splitlines() == [
        f"{DATA}:{line}:9: note: judgment 'retain-bases' states no assumptions (a Key Assumptions Check lists them)",
        f"{DATA}:{line}:9: note: judgment 'retain-bases' has no resolution: it can never be scored",
    ]


def test_check_reports_each_problem_on_stderr_and_exits_1(write, capsys):
    path = write(MINIMAL.replace("citations: [1, 2]", "citations: [8, 2]").replace("region: Nowhere", "region: [x]"))
    assert main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert out == ""
    # The schema error and the dangling citation in one run, each at its place, as a linter does.
    assert lines == [
        f"{path}:4:9: error: region: Input should be a valid string",
        f"{path}:9:17: error: bullet 'b1' cites source [8], which is not in sources",
    ]


def test_check_warnings_exit_0(write, capsys):
    path = write(MINIMAL + "  - id: 3\n")
    assert main(["check", str(path)]) == 0
    assert "warning: source [3] is not cited by anything" in capsys.readouterr().err


def test_check_several_files_takes_the_worst_status(write, capsys):
    good = write(MINIMAL, "good.yaml")
    bad = write("title: [\n", "bad.yaml")
    assert main(["check", str(good), str(bad)]) == 1
    assert main(["check", str(good), str(bad), "/no/such/file"]) == 2


def test_missing_file_exits_2(capsys):
    assert main(["print", "/no/such/file.yaml"]) == 2
    assert capsys.readouterr().err == "/no/such/file.yaml: error: no such file\n"


def test_usage_error_exits_2():
    result = run("check", "--no-such-flag")
    assert result.returncode == 2 and "error:" in result.stderr and "Traceback" not in result.stderr


def test_version_and_help():
    assert run("--version").stdout.startswith("briefing ")
    help_text = run("--help").stdout
    for command in ("tui", "check", "print"):
        assert command in help_text


def test_print_from_another_directory_shows_the_default_briefing(tmp_path):
    result = run("print", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Russia seeks to reinforce partnership with Syria" in out
    assert "As of 2025-07" in out
    assert "Bases Operated: Air base in Hmeimim, Naval base in Tartus [1][3]" in out
    for heading in ("Summary (5)", "Bases (2)", "Stakeholders (7)", "Tensions (4)", "Judgments (1)", "Timeline (3)", "Sources (4)"):
        assert heading in out
    assert "likely · 55–80%" in out
    assert "\x1b" not in out  # piped: plain text


def test_print_one_section(capsys):
    assert main(["print", "--section", "sources", "--width", "100"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Sources (4)") and "Summary" not in out


def test_print_unknown_section_is_a_usage_error():
    assert run("print", "--section", "nonsense").returncode == 2


def test_print_never_interprets_markup_or_emits_raw_escapes(write):
    evil = MINIMAL.replace("title: Test briefing", 'title: "[bold red]x[/] [link=http://e]y \\e]8;;http://evil\\a \\u202e"')
    result = run("print", str(write(evil)), env={"FORCE_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    assert "[bold red]x[/] [link=http://e]y" in result.stdout
    assert "\\x1b]8;;http://evil\\x07" in result.stdout and "\\u202e" in result.stdout
    assert "\x07" not in result.stdout and "\u202e" not in result.stdout
    # FORCE_COLOR means Rich's own SGR codes are there, but only those.
    assert "\x1b]8;;http://evil" not in result.stdout


def test_no_color_is_honoured(write):
    import re

    coloured = run("print", env={"FORCE_COLOR": "1"}).stdout
    plain = run("print", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    colour_code = re.compile(r"\x1b\[[\d;]*(?:3[0-8]|9[0-7])[;m]")
    assert colour_code.search(coloured) and not colour_code.search(plain)


def test_print_and_check_do_not_import_textual():
    code = (
        "import sys, io, contextlib\n"
        "from briefing.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['print']); main(['check'])\n"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'textual']\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_model_layer_never_imports_textual():
    code = (
        "import sys, briefing.model, briefing.loader, briefing.index, briefing.history, briefing.navigation, "
        "briefing.kinds, briefing.tradecraft, briefing.render, briefing.export; assert 'textual' not in sys.modules"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def headless(monkeypatch):
    """Run the real dashboard from the CLI, without a terminal."""
    from briefing.tui.app import BriefingApp

    run = BriefingApp.run
    monkeypatch.setattr(BriefingApp, "run", lambda self, **kw: run(self, headless=True, **kw))


def test_tui_on_a_broken_file_prints_the_error_and_exits_1(write, capsys, headless):
    path = write("title: [\n")
    assert main(["tui", str(path)]) == 1
    assert capsys.readouterr().err.startswith(f"{path}:2:1: error: YAML syntax")


def test_a_bare_file_argument_opens_the_tui(write, capsys, headless):
    path = write("- not a briefing\n")
    assert main([str(path)]) == 1  # routed to tui, which loads it and leaves with the error
    assert "top level must be a mapping" in capsys.readouterr().err


def test_tui_on_a_missing_file_exits_2_before_starting(capsys):
    assert main(["tui", "/no/such/briefing.yaml"]) == 2
    assert capsys.readouterr().err == "/no/such/briefing.yaml: error: no such file\n"


def test_tui_import_path_leaves_pydantic_and_yaml_to_the_worker():
    code = "import sys, briefing.cli, briefing.tui.app; bad = {'pydantic', 'yaml'} & set(sys.modules); assert not bad, bad"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_print_writes_the_document_part_by_part_and_the_same_as_in_one_piece(write, capsys):
    """A large briefing is printed in parts (its lines never all in memory at once: 250 MB
    for 10,000 bullets before); the output must be the document, to the byte."""
    import io

    from rich.console import Console

    from briefing.cli import main
    from briefing.loader import load
    from briefing.render import ROWS_PER_PART, document, document_parts

    from .conftest import MINIMAL

    bullets = "".join(f"  - id: many{n}\n    label: Bullet {n}\n    text: Point {n}.\n    citations: [1]\n" for n in range(600))
    path = write(MINIMAL.replace("summary:\n", "summary:\n" + bullets, 1))
    briefing = load(path).briefing
    parts = list(document_parts(briefing))
    assert len(parts) > 600 // ROWS_PER_PART + 3  # the bullets alone come in three parts

    whole = io.StringIO()
    Console(file=whole, width=100, highlight=False, emoji=False).print(document(briefing))
    assert main(["print", "--width", "100", str(path)]) == 0
    # The same, but for the spaces Rich pads lines with, which print drops when piped.
    assert capsys.readouterr().out == "".join(line.rstrip(" ") + "\n" for line in whole.getvalue().splitlines())


def test_the_core_speaks_no_ui_words():
    """Pane titles, their order and their keys belong to the dashboard (briefing/tui/). The
    reader's state (reader.py) and how the panes share the room (room.py) speak of panes but
    name none: the dashboard gives their names."""
    import re

    from .conftest import ROOT

    ui_words = re.compile(r"\bpanes?\b|PANE|Binding|key_display|\bkeystrokes?\b", re.IGNORECASE)
    reader_words = re.compile(r"[\"'](summary|bases|stakeholders|tensions|judgments|timeline|sources)[\"']|Binding|key_display")
    for name in ("reader.py", "room.py"):
        assert not [line for line in (ROOT / "briefing" / name).read_text(encoding="utf-8").splitlines() if reader_words.search(line)], name
    for module in sorted((ROOT / "briefing").glob("*.py")):
        if module.name in ("reader.py", "room.py"):
            continue
        found = [line for line in module.read_text(encoding="utf-8").splitlines() if ui_words.search(line)]
        assert not found, (module.name, found)


def test_print_shows_every_field_of_a_base_its_role_too(capsys):
    """print reads bases through the kind registry, as every other view: a base's role (which
    print's own table left out) is shown."""
    assert main(["print", "--section", "bases", "--width", "120"]) == 0
    out = capsys.readouterr().out
    assert out.count("role     Key to Russia's regional security strategy") == 2
    assert "operator Russia" in out and "status   Operating" in out


# --- defects a new user found (#22): each answer is a line, and the exit code says how it went


@pytest.mark.parametrize("width", ["0", "-5", "wide"])
def test_print_refuses_a_width_it_cannot_draw_at(width, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["print", "--width", width])
    assert exit.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and f"expected a width of 20 columns or more; got '{width}'" in err


def test_check_without_an_unknown_source_says_so_and_not_ok(capsys):
    assert main(["check", "--without", "9"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "no source [9]" in err


@pytest.mark.parametrize(
    ("word", "said"),
    [
        ("frobnicate", "'frobnicate' is neither a command nor a file; commands: tui, check, print"),
        ("chek", "'chek' is neither a command nor a file; did you mean 'briefing check'?"),
        ("exprot", "did you mean 'briefing export'?"),
    ],
)
def test_a_mistyped_command_suggests_the_nearest(word, said, capsys):
    assert main([word]) == 2
    assert said in capsys.readouterr().err


def test_a_missing_file_is_still_a_missing_file(capsys, tmp_path):
    assert main([str(tmp_path / "nosuch.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_print_of_a_section_the_briefing_lacks_says_so(capsys):
    assert main(["print", "--section", "hypotheses"]) == 0
    assert "No competing hypotheses in this briefing." in capsys.readouterr().out


def test_ach_and_diff_write_no_trailing_spaces():
    from .conftest import ROOT

    exercise = ROOT / "data" / "examples" / "exercise.yaml"
    for args in (["ach", str(exercise)], ["diff", str(exercise), str(exercise.with_name("exercise-v2.yaml"))]):
        result = run(*args)
        assert result.stdout and [line for line in result.stdout.splitlines() if line != line.rstrip()] == [], args


def test_print_hangs_wrapped_lines_under_their_first():
    """Wrapped titles and the BLUF fell back to column 0."""
    result = run("print", "--width", "40")
    lines = result.stdout.splitlines()
    bluf = next(number for number, line in enumerate(lines) if line.startswith("BLUF"))
    assert lines[bluf + 1].startswith("      ") and lines[bluf + 1].strip()
    tartus = next(number for number, line in enumerate(lines) if line.startswith(" Tartus naval base"))
    assert lines[tartus + 1] == " Syria [1][3]  2 sources"


def test_a_tensions_severity_is_not_said_twice():
    from .conftest import ROOT

    result = run("print", str(ROOT / "data" / "examples" / "exercise.yaml"))
    assert "   severity    medium\n" in result.stdout and "severity    medium severity" not in result.stdout
