"""Problems in the loop (#22): the dashboard shows what `briefing check` finds — a count in the
status line, a list to jump from (to the item, or to the line in the editor) — says what a reload
changed in it, and `e` during an error banner opens the error's line."""

from __future__ import annotations

import contextlib
import json
import shutil
from pathlib import Path

from briefing.index import Ref
from briefing.loader import load
from briefing.tui.app import create_app
from briefing.tui.problems import Problem, ProblemsScreen, news

from .conftest import MINIMAL
from .test_edit import fake_editor
from .tui_helpers import Messages, screen_is, until

EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"
SIZE = (120, 40)


def title(app) -> str:
    """The title line: what `check` finds leads it."""
    return app.dashboard.title_bar.content.plain


def test_news_says_what_a_reload_changed():
    warning = Problem(10, 3, "warning", "w1")
    assert news([warning], [warning._replace(line=12)]) == ""  # moved, not new
    assert news([warning], [warning, Problem(20, 1, "warning", "w2")]) == "1 new warning"
    assert news([warning], []) == "1 fewer"
    assert news([], [Problem(1, 1, "error", "e"), Problem(2, 1, "note", "n")]) == "1 new error, 1 new note"


async def test_the_status_line_counts_the_problems_and_p_lists_them(tmp_path):
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    app = create_app(load(tmp_path / "examples" / "exercise.yaml"), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: title(app).startswith("4 warnings · 1 note (p)  ·  Exercise NORTHERN LANTERN"), what="the count")
        await pilot.press("p")
        await until(pilot, lambda: screen_is(app, ProblemsScreen), what="the list")
        screen = app.screen
        rows = [screen.row_text(i) for i in range(len(screen.problems))]
        assert any("warning: judgment 'port-stays' is held with high confidence but its 3 sources" in row for row in rows)
        assert [p.ref for p in screen.problems if "talks-resume" in p.message] == [Ref("judgments", "talks-resume")]
        await pilot.press("end", "enter")  # the last: source [4], graded "confirmed"
        await until(pilot, lambda: app.dashboard.current_ref() == Ref("sources", "4"), what="the source")


async def test_a_reload_says_what_changed_in_the_problems(write):
    path = write(MINIMAL)
    app = create_app(load(path), watch=False)
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        await until(pilot, lambda: app.dashboard.checked, what="the first check")
        assert title(app).startswith("Test briefing")  # MINIMAL is clean: no count
        # A source nothing cites: one new warning.
        path.write_text(MINIMAL + "  - id: 3\n    title: Source three\n", encoding="utf-8")
        await pilot.press("r")
        await until(pilot, lambda: "Reloaded · 1 new warning" in messages.notices, what="the news")
        assert title(app).startswith("1 warning (p)")


async def test_e_during_an_error_banner_opens_the_errors_line(write, tmp_path, monkeypatch):
    path = write(MINIMAL)
    script, record = fake_editor(tmp_path, change=False)
    monkeypatch.setenv("VISUAL", str(script))
    app = create_app(load(path), watch=False)
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=SIZE) as pilot:
        broken = MINIMAL.replace("    severity: high", "    severity: extreme")
        path.write_text(broken, encoding="utf-8")
        await pilot.press("r")
        await until(pilot, lambda: app.dashboard.banner.display, what="the banner")
        await pilot.press("e")
        line = broken.splitlines().index("    severity: extreme") + 1
        await until(pilot, lambda: record.exists(), what="the editor")
        assert json.loads(record.read_text()) == [f"+{line}", str(path)]


async def test_the_problems_of_a_file_changed_meanwhile_are_not_shown(write, monkeypatch):
    """`check` ran on a version that is no longer the one on screen: its count is dropped
    (the reload of the new version brings its own)."""
    import briefing.tui.problems as problems_module

    path = write(MINIMAL + "  - id: 3\n    title: Source three\n")  # one warning
    real = problems_module.check_file

    def changing(file):
        found = real(file)
        path.write_text(MINIMAL, encoding="utf-8")  # the file changes while it was checked
        return found

    monkeypatch.setattr(problems_module, "check_file", changing)
    app = create_app(load(path), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: path.read_text(encoding="utf-8") == MINIMAL, what="the check run")
        await until(pilot, lambda: not any(worker.is_running for worker in app.workers), what="the workers done")
        await pilot.pause()
        assert not app.dashboard.checked and title(app).startswith("Test briefing")
