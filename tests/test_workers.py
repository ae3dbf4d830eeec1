"""Every worker goes through the guard: an unexpected error in one is a notice that says
what failed, never the app's exit. Each worker is made to fail here, as a user would meet it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .test_library import BUNDLED, EXERCISE, library_app, rows_read
from .tui_helpers import Messages, until

TUI = Path(__file__).resolve().parent.parent / "briefing" / "tui"


def test_no_worker_is_started_outside_the_guard():
    """`@work` and `run_worker` only in workers.py: any other worker would bypass it."""
    found = [
        f"{path.name}:{number}"
        for path in sorted(TUI.glob("*.py"))
        if path.name != "workers.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"@work\b|\brun_worker\(", line)
    ]
    assert found == []


class Injected(RuntimeError):
    pass


def fail(*args, **kwargs):
    raise Injected("injected")


@pytest.fixture
def desk(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "desk"
    root.mkdir()
    shutil.copy(BUNDLED, root / "bases.yaml")
    shutil.copy(EXERCISE, root / "karsk.yaml")
    return root


async def run_until_notice(app, messages: Messages, what: str) -> None:
    async with app.run_test(size=(120, 40), message_hook=messages) as pilot:
        await until(pilot, lambda: any(what in notice for notice in messages.notices), what=f"the notice {what!r}")
        assert app.is_running and app.return_code is None


async def test_an_error_reading_the_library_is_a_notice(desk, monkeypatch):
    from briefing.tui.library import LibraryScreen

    monkeypatch.setattr(LibraryScreen, "_kept", fail)
    messages = Messages()
    await run_until_notice(library_app(desk), messages, "Reading the briefings failed: Injected: injected")


async def test_an_error_reading_a_large_briefing_apart_is_a_notice(desk, monkeypatch):
    import briefing.library

    monkeypatch.setattr(briefing.library, "OWN_PROCESS_BYTES", 0)
    monkeypatch.setattr(briefing.library, "summarize_apart", fail)
    messages = Messages()
    await run_until_notice(library_app(desk), messages, "Reading a large briefing failed: Injected: injected")


async def test_an_error_in_library_search_is_a_notice_and_the_app_goes_on(desk, monkeypatch):
    from briefing.library import LibrarySearch

    monkeypatch.setattr(LibrarySearch, "add", fail)
    messages = Messages()
    app = library_app(desk)
    async with app.run_test(size=(120, 40), message_hook=messages) as pilot:
        await rows_read(pilot, app)
        await pilot.press("slash")
        await until(pilot, lambda: any("for search failed: Injected" in notice for notice in messages.notices), what="the notice")
        await pilot.press("escape")
        assert app.is_running and app.return_code is None
        await pilot.press("enter")  # the library still works
        await until(pilot, lambda: app.has_dashboard and app.dashboard.loaded is not None, what="a briefing opened")


async def test_an_error_loading_the_briefing_in_a_worker_is_a_notice(write, monkeypatch):
    import briefing.tui.loading
    from briefing.loader import load
    from briefing.tui.app import create_app

    from .conftest import MINIMAL

    path = write(MINIMAL)
    app = create_app(load(path), watch=False)
    messages = Messages()
    async with app.run_test(size=(120, 40), message_hook=messages) as pilot:
        monkeypatch.setattr(briefing.tui.loading, "INLINE_LOAD_BYTES", 0)  # read in the worker
        monkeypatch.setattr(briefing.tui.loading.BriefingFile, "read", fail)
        path.write_text(MINIMAL.replace("Test briefing", "Changed"), encoding="utf-8")
        await pilot.press("r")
        await until(pilot, lambda: any("Loading the briefing failed: Injected" in n for n in messages.notices), what="the notice")
        assert app.is_running and app.dashboard.loaded.briefing.title == "Test briefing"


async def test_an_error_preparing_search_is_a_notice(monkeypatch):
    from briefing.index import BriefingIndex

    from .tui_helpers import bundled_app

    monkeypatch.setattr(BriefingIndex, "prepare_search", fail)
    messages = Messages()
    await run_until_notice(bundled_app(), messages, "Preparing search failed: Injected: injected")
