"""`e` opens the reader's editor at the selected item's line, and reloads on return."""

from __future__ import annotations

import contextlib
import json
import stat
import sys
from pathlib import Path

import pytest

from briefing.index import Ref
from briefing.loader import load
from briefing.tui.app import create_app
from briefing.tui.editor import editor_arguments

from .conftest import MINIMAL
from .tui_helpers import Messages, until

FAKE_EDITOR = """#!{python}
import json, sys
from pathlib import Path
record = Path({record!r})
record.write_text(json.dumps(sys.argv[1:]))
target = Path(sys.argv[-1].lstrip("+").split(":")[0] if sys.argv[-1].endswith(".yaml") else sys.argv[-1])
if {change!r}:
    target.write_text(target.read_text().replace("title: Test briefing", "title: Edited in the editor"))
"""


def fake_editor(tmp_path: Path, change: bool) -> tuple[Path, Path]:
    record = tmp_path / "arguments.json"
    script = tmp_path / "fake-editor"
    script.write_text(FAKE_EDITOR.format(python=sys.executable, record=str(record), change=change), encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script, record


@pytest.mark.parametrize(
    "editor, expected",
    [
        ("vi", ["+12", "f.yaml"]),
        ("nvim", ["+12", "f.yaml"]),
        ("nano", ["+12", "f.yaml"]),
        ("emacs -nw", ["+12", "f.yaml"]),
        ("micro", ["+12", "f.yaml"]),
        ("hx", ["+12", "f.yaml"]),
        ("code --wait", ["--goto", "f.yaml:12"]),
        ("/usr/bin/code", ["--goto", "f.yaml:12"]),
    ],
)
def test_each_editor_gets_the_line_its_way(editor, expected):
    assert editor_arguments(editor, Path("f.yaml"), 12) == expected
    assert editor_arguments(editor, Path("f.yaml"), None) == ["f.yaml"]


async def test_e_opens_the_editor_at_the_items_line_then_reloads_keeping_the_selection(write, tmp_path, monkeypatch):
    path = write(MINIMAL)
    script, record = fake_editor(tmp_path, change=True)
    monkeypatch.setenv("VISUAL", str(script))
    app = create_app(load(path), watch=False)
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)  # a headless test has no terminal to give
    messages = Messages()
    async with app.run_test(size=(120, 40), message_hook=messages) as pilot:
        await pilot.press("3", "j")  # the first statement of alpha
        assert app.dashboard.current_ref() == Ref("statements", "alpha/1")
        await pilot.press("e")
        arguments = json.loads(record.read_text())
        line = MINIMAL.splitlines().index("      - text: We said a thing.") + 1
        assert arguments == [f"+{line}", str(path)]
        await until(pilot, lambda: "Edited in the editor" in app.dashboard.title_bar.content.plain, what="the reload")
        assert app.dashboard.current_ref() == Ref("statements", "alpha/1")
        await until(pilot, lambda: "Reloaded." in messages.notices, what="Reloaded.")


async def test_an_editor_that_cannot_start_is_said_not_raised(write, monkeypatch):
    path = write(MINIMAL)
    monkeypatch.setenv("VISUAL", "/no/such/editor")
    app = create_app(load(path), watch=False)
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    messages = Messages()
    async with app.run_test(size=(120, 40), message_hook=messages) as pilot:
        await pilot.press("e")
        assert app.is_running and messages.notices and messages.notices[-1].startswith("Could not open /no/such/editor")
