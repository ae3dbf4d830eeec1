"""Live reload: the dashboard follows its file and never loses the last good briefing."""

from __future__ import annotations

import os

from textual.widgets import Static

from briefing.index import Ref
from briefing.loader import load
from briefing.tui.app import create_app
from briefing.tui.loading import BriefingFile

from .conftest import MINIMAL
from .tui_helpers import Messages, until

SIZE = (120, 40)


def title(app) -> str:
    return app.query_one("#title-bar", Static).content.plain


def banner(app) -> str | None:
    widget = app.query_one("#load-error", Static)
    return widget.content.plain if widget.display else None


async def test_valid_change_reloads_and_keeps_the_selection(write):
    path = write(MINIMAL)
    app = create_app(load(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert app.dashboard.current_ref() == Ref("summary", "b2")
        path.write_text(MINIMAL.replace("title: Test briefing", "title: Edited briefing"), encoding="utf-8")
        await until(pilot, lambda: title(app).startswith("Edited briefing"))
        assert app.dashboard.current_ref() == Ref("summary", "b2") and app.focused is app.dashboard.pane("summary")


async def test_the_file_read_at_start_is_not_read_again_until_it_changes(write, monkeypatch):
    """The first polls found the file "changed" since before it was read, and read it again."""
    path = write(MINIMAL)
    reads = []
    read = BriefingFile.read
    monkeypatch.setattr(BriefingFile, "read", lambda self, by_hand: reads.append(by_hand) or read(self, by_hand))
    app = create_app(path)  # given a path, as the command line does: the app reads it
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.dashboard.loaded is not None, what="the briefing")
        app.file.poll()  # what the timer does, twice: a change is read once it holds still
        app.file.poll()
        await pilot.pause()
        assert reads == [False]
        path.write_text(MINIMAL.replace("title: Test briefing", "title: Edited briefing"), encoding="utf-8")
        app.file.poll()
        app.file.poll()
        await until(pilot, lambda: title(app).startswith("Edited briefing"))
        assert reads == [False, False]


async def test_invalid_change_keeps_the_last_good_briefing_and_shows_the_error(write):
    path = write(MINIMAL)
    app = create_app(load(path))
    async with app.run_test(size=SIZE) as pilot:
        path.write_text(MINIMAL.replace("title: Test briefing", "title: [unclosed"), encoding="utf-8")
        await until(pilot, lambda: banner(app) is not None)
        assert f"{path}:" in banner(app) and "YAML syntax" in banner(app)
        assert title(app).startswith("Test briefing")
        path.write_text(MINIMAL.replace("title: Test briefing", "title: Fixed"), encoding="utf-8")
        await until(pilot, lambda: banner(app) is None)
        assert title(app).startswith("Fixed")


async def test_save_by_rename_over_the_original(write, tmp_path):
    path = write(MINIMAL)
    app = create_app(load(path))
    async with app.run_test(size=SIZE) as pilot:
        temporary = tmp_path / ".briefing.yaml.swp"
        temporary.write_text(MINIMAL.replace("title: Test briefing", "title: Renamed over"), encoding="utf-8")
        os.replace(temporary, path)
        await until(pilot, lambda: title(app).startswith("Renamed over"))


async def test_file_vanishing_then_returning(write):
    path = write(MINIMAL)
    app = create_app(load(path))
    async with app.run_test(size=SIZE) as pilot:
        path.unlink()
        await until(pilot, lambda: banner(app) is not None and "missing" in banner(app))
        assert title(app).startswith("Test briefing")
        path.write_text(MINIMAL.replace("title: Test briefing", "title: Back again"), encoding="utf-8")
        await until(pilot, lambda: title(app).startswith("Back again"))
        assert banner(app) is None


async def test_burst_of_writes_ends_on_the_last(write):
    path = write(MINIMAL)
    app = create_app(load(path))
    async with app.run_test(size=SIZE) as pilot:
        for number in range(20):
            path.write_text(MINIMAL.replace("title: Test briefing", f"title: Draft {number}"), encoding="utf-8")
        await until(pilot, lambda: title(app).startswith("Draft 19"))


async def test_r_reloads_by_hand_and_says_what_it_found(write):
    path = write(MINIMAL)
    app = create_app(load(path), watch=False)
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        await pilot.press("r")  # nothing written yet
        await until(pilot, lambda: messages.of(BriefingFile.Unchanged), what="Unchanged")
        assert messages.notices[-1] == "Unchanged: the file is as it was."
        path.write_text(MINIMAL.replace("title: Test briefing", "title: By hand"), encoding="utf-8")
        assert title(app).startswith("Test briefing") and not app.file.watch_file
        await pilot.press("r")
        await until(pilot, lambda: title(app).startswith("By hand"), what="the reload")
        [loaded] = messages.of(BriefingFile.Loaded)
        assert loaded.by_hand
        # Said once check has looked at the new version (nothing new in it here).
        await until(pilot, lambda: messages.notices[-1] == "Reloaded.", what="Reloaded.")


async def test_the_file_component_reports_each_outcome_by_message(write):
    path = write(MINIMAL)
    app = create_app(load(path))
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        path.write_text("title: [unclosed\n", encoding="utf-8")

        def syntax_errors() -> list:
            # Under load the watcher may also catch the file half-written (empty): each load that
            # fails says so; the one that counts is the finished file's.
            return [m for m in messages.of(BriefingFile.Failed) if "YAML syntax" in str(m.error.diagnostics[0])]

        await until(pilot, syntax_errors, what="Failed")
        [failed] = syntax_errors()
        assert str(failed.error.diagnostics[0]).startswith(f"{path}:2:1: error: YAML syntax")
        path.unlink()
        await until(pilot, lambda: messages.of(BriefingFile.Missing), what="Missing")
        assert messages.of(BriefingFile.Missing)[0].path == path
        path.write_text(MINIMAL, encoding="utf-8")
        await until(pilot, lambda: messages.of(BriefingFile.Loaded), what="Loaded")
        assert not messages.of(BriefingFile.Loaded)[0].by_hand
        assert banner(app) is None


async def test_removed_item_moves_the_selection_safely(write):
    path = write(MINIMAL)
    app = create_app(load(path))
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        await pilot.press("j", "enter")  # b2 → source 2, trail from b2
        assert app.dashboard.current_ref() == Ref("sources", "2") and app.dashboard.reader.trail is not None
        shorter = MINIMAL.replace("  - id: b2\n    label: Second\n    text: Second bullet\n    citations: [2]\n", "")
        assert shorter != MINIMAL
        path.write_text(shorter, encoding="utf-8")
        await until(pilot, lambda: Ref("summary", "b2") not in app.dashboard.index, what="the reload")
        assert app.dashboard.reader.trail is None  # its origin is gone
        await pilot.press("1")
        assert app.dashboard.current_ref() == Ref("summary", "b1")  # the selection moved to what is left
        messages.clear()
        await pilot.press("backspace", "backspace")  # back to the vanished b2, then nothing left
        assert app.dashboard.current_ref() == Ref("summary", "b1")
        assert messages.notices == ["That item is no longer in the briefing.", "Nothing to go back to."]
        assert app.is_running


async def test_a_change_is_read_once_it_holds_still(write, monkeypatch):
    """Editors write in bursts: a change seen by one look is read only when the next look
    finds the file as it was, so a half-written file is never read, and a burst is read once."""
    import briefing.tui.loading

    monkeypatch.setattr(briefing.tui.loading, "POLL_SECONDS", 3600)  # the looks are this test's
    path = write(MINIMAL)
    messages = Messages()
    app = create_app(path)
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        await until(pilot, lambda: app.has_dashboard and app.dashboard.loaded is not None, what="the briefing")
        loads = len(messages.of(BriefingFile.Loaded))
        path.write_text(MINIMAL.replace("title: Test briefing", "title: Half"), encoding="utf-8")
        app.file.poll()  # a change: not read yet
        path.write_text(MINIMAL.replace("title: Test briefing", "title: Written in full"), encoding="utf-8")
        app.file.poll()  # changed again since: still not read
        await pilot.pause()
        assert len(messages.of(BriefingFile.Loaded)) == loads and title(app).startswith("Test briefing")
        app.file.poll()  # held still since the last look: read, once
        await until(pilot, lambda: title(app).startswith("Written in full"), what="the reload")
        app.file.poll()
        await pilot.pause()
        assert len(messages.of(BriefingFile.Loaded)) == loads + 1
