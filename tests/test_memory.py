"""Memory stays flat: a briefing reloaded or closed is collected, however often.

The app freezes the briefing on screen out of the cyclic collector's way (gc.freeze), and
a frozen object is never collected: each freeze must first give back what the last one
kept. Weak references say whether the old briefings and their indexes are gone.
"""

from __future__ import annotations

import gc
import shutil
import weakref
from pathlib import Path

from briefing.tui.app import create_app

from .conftest import MINIMAL
from .test_library import BUNDLED, EXERCISE, library_app, rows_read
from .tui_helpers import until

RELOADS = 50
OPENINGS = 20


def settled(app) -> bool:
    """The briefing on screen is frozen with its search words, and no worker still runs:
    the last freeze of its showing has happened."""
    return (
        app.has_dashboard
        and app.dashboard.index is not None
        and app.dashboard.index.search_ready
        and not any(worker.is_running for worker in app.workers)
    )


def alive(references: list[weakref.ref]) -> int:
    gc.collect()
    return sum(1 for reference in references if reference() is not None)


async def test_reloading_fifty_times_keeps_one_briefing_alive(write):
    path = write(MINIMAL)
    app = create_app(path, watch=False)
    kept: list[weakref.ref] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: settled(app), what="the briefing on screen")
        for number in range(RELOADS):
            kept += [weakref.ref(app.dashboard.index), weakref.ref(app.dashboard.loaded.briefing)]
            path.write_text(MINIMAL.replace("title: Test briefing", f"title: Version {number}"), encoding="utf-8")
            await pilot.press("r")
            await until(pilot, lambda number=number: app.dashboard.loaded.briefing.title == f"Version {number}", what=f"reload {number}")
            await until(pilot, lambda: settled(app), what="the reload settled")
        current = [weakref.ref(app.dashboard.index), weakref.ref(app.dashboard.loaded.briefing)]
        assert alive(kept) == 0, f"{alive(kept) // 2} of {RELOADS} old briefings are still alive"
        assert alive(current) == 2


async def test_opening_and_closing_twenty_briefings_from_the_library_keeps_none(tmp_path):
    desk = tmp_path / "desk"
    desk.mkdir()
    shutil.copy(BUNDLED, desk / "bases.yaml")
    shutil.copy(EXERCISE, desk / "karsk.yaml")
    app = library_app(desk)
    kept: list[weakref.ref] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await rows_read(pilot, app)
        for number in range(OPENINGS):
            await pilot.press("end" if number % 2 else "home", "enter")
            await until(pilot, lambda: settled(app), what=f"briefing {number} open")
            kept += [weakref.ref(app.dashboard.index), weakref.ref(app.dashboard.loaded.briefing), weakref.ref(app.dashboard)]
            await pilot.press("escape")
            await until(pilot, lambda: not app.has_dashboard, what="the library again")
        await pilot.pause()
        alive(kept)
        assert [n for n, r in enumerate(kept) if r() is not None] == [], "objects of closed briefings are still alive"


async def test_the_app_gives_back_what_it_froze_when_it_ends():
    """The test process (or a program embedding the app) keeps nothing frozen after it."""
    app = create_app(Path(BUNDLED), watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: settled(app), what="the briefing on screen")
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0 and gc.isenabled()
