"""The reader's keys and colours (#22): `briefing keys`, config.toml's [keymap] and theme
applied through Textual's keymap, a theme chosen in the app remembered, problems said."""

from __future__ import annotations

import json

from briefing.cli import main
from briefing.config import read_settings

from .tui_helpers import Messages, bundled_app, until

SIZE = (120, 40)


def write_config(tmp_path, monkeypatch, text: str):
    folder = tmp_path / "config" / "briefing"
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return folder / "config.toml"


def test_settings_are_read_and_what_is_wrong_is_said(tmp_path, monkeypatch):
    path = write_config(tmp_path, monkeypatch, 'theme = "nord"\ncolour = 1\n[keymap]\nquit = " x , f10 "\nhelp = 3\n')
    settings = read_settings()
    assert settings.keymap == {"quit": "x,f10"} and settings.theme == "nord"
    assert settings.problems == [
        f'{path}: keymap.help must be keys in quotes, such as "x" or "ctrl+x,f2"',
        f"{path}: unknown setting 'colour' (settings: theme, [keymap])",
    ]
    path.write_text("[keymap\nquit = 'x'\n", encoding="utf-8")
    (problem,) = read_settings().problems
    assert problem.startswith(f"{path}: ") and "line 1" in problem  # where the TOML breaks
    path.unlink()
    assert read_settings().problems == [] and read_settings().keymap == {}


def test_briefing_keys_lists_every_id_with_its_keys(tmp_path, monkeypatch, capsys):
    write_config(tmp_path, monkeypatch, '[keymap]\nquit = "x"\nquitt = "y"\n')
    assert main(["keys"]) == 0
    out, err = capsys.readouterr()
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert "quit x Quit (config)" in lines
    assert "back backspace,b Back" in lines
    assert "read-source v Read source" in lines
    assert "reader-next-passage right_square_bracket Next passage" in lines
    assert "'quitt' is no binding id; did you mean 'quit'?" in err


async def test_the_config_remaps_keys_and_sets_the_theme(tmp_path, monkeypatch):
    write_config(tmp_path, monkeypatch, 'theme = "ansi-dark"\n[keymap]\nquit = "x"\nzoom = "Z"\nquitt = "y"\n')
    app = bundled_app()
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        await until(pilot, lambda: app.dashboard.index is not None, what="the briefing")
        assert app.theme == "ansi-dark"
        assert any("'quitt' is no binding id; did you mean 'quit'?" in notice for notice in messages.notices)
        await pilot.press("Z")
        await until(pilot, lambda: app.dashboard.has_class("-zoomed"), what="zoomed by the remapped key")
        await pilot.press("q")  # no longer quits
        await pilot.pause()
        assert app.is_running
        await pilot.press("x")
        await until(pilot, lambda: not app.is_running, what="quit by the remapped key")


async def test_a_theme_chosen_in_the_app_is_remembered(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "nord"
        await until(pilot, lambda: (tmp_path / "state" / "briefing" / "state.json").exists(), what="the state written")
    assert json.loads((tmp_path / "state" / "briefing" / "state.json").read_text())["theme"] == "nord"
    again = bundled_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_no_color_is_honoured(monkeypatch):
    """NO_COLOR: Textual draws in greys only (its monochrome filter) — every colour on screen
    has equal red, green and blue — and the text stays readable on its background."""
    import re

    monkeypatch.setenv("NO_COLOR", "1")
    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.dashboard.index is not None, what="the briefing")
        assert app.no_color
        svg = app.export_screenshot()
    chrome = {"ff5f57", "febc2e", "28c840", "c5c8c6"}  # the screenshot's window buttons and default text, not the app's
    colours = set(re.findall(r"#([0-9a-f]{6})\b", svg)) - chrome
    assert colours, "no colours found in the screenshot"
    assert all(c[0:2] == c[2:4] == c[4:6] for c in colours), sorted(colours)
