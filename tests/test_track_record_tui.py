"""The track record in the dashboard and the library, driven with the keys a user presses:
the Track record screen (its scores, its due list, enter to the judgment), the library's
due column, a judgment's resolution and post-mortem in Detail, the overdue status line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.index import Ref

from .conftest import ROOT
from .tui_helpers import screen_is, until

TRACK = ROOT / "data" / "examples" / "track-record"


@pytest.fixture
def desk(tmp_path, monkeypatch) -> Path:
    """The examples in a folder of their own (outside the checkout's git history), entered as
    a user would: the paths on screen are the same in every run."""
    shutil.copytree(TRACK, tmp_path / "track-record")
    monkeypatch.chdir(tmp_path)
    return Path("track-record")


def drawn(static) -> str:
    """What a Static shows, as text at its width."""
    from rich.console import Console

    console = Console(width=static.size.width or 80, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(static.content)
    return console.export_text()


def detail_text(dashboard) -> str:
    return " ".join(dashboard.detail.text().split())


def library_app(root: Path):
    from briefing.tui.app import create_app

    return create_app(root, watch=False)


async def rows_read(pilot, app):
    await until(pilot, lambda: not app.screen.library.unchecked() and not app.screen.checking, what="every row read")


async def test_the_library_shows_each_briefings_due_count(desk):
    app = library_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await rows_read(pilot, app)
        lines = {app.screen.library.name(row.path): app.screen.rows.row_text(position) for position, row in enumerate(app.screen.shown)}
        assert "⚠1" in lines["karsk-port.yaml"] and "⚠" not in lines["valdor-grid.yaml"].replace("⚠ ", "")
        assert "⚠4" in lines["karsk-port-2025.yaml"]


async def track_record_open(pilot, app):
    from briefing.tui.track_record import TrackRecordScreen

    await rows_read(pilot, app)
    await pilot.press("ctrl+t")
    await until(pilot, lambda: isinstance(app.screen, TrackRecordScreen) and app.screen.scores is not None, what="the track record scored")


async def test_the_track_record_scores_the_desk_and_opens_a_due_question_at_its_judgment(desk):
    from briefing.tui.dashboard import DashboardScreen

    app = library_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await track_record_open(pilot, app)
        screen = app.screen
        assert (screen.scores.resolved, screen.scores.void, screen.scores.open, screen.scores.due) == (24, 2, 3, 1)
        assert "24 resolved · 2 void · 3 open · 1 due" in str(screen.title_bar.content)
        assert screen.row_text(0).startswith("⚠ 2026-09-30  overdue 61 d  harbour-ledger · hq-moved: Has Ostravia moved")
        assert screen.row_text(1).startswith("2027-03-31  in 121 d")
        scores = drawn(screen.query_one("#track-scores"))
        assert "0.118" in scores and "almost no chance" in scores
        await pilot.press("down", "up", "enter")
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen) and app.screen.index is not None, what="the briefing open")
        dashboard = app.screen
        await until(pilot, lambda: dashboard.focused_ref() == Ref("judgments", "hq-moved"), what="the judgment shown")
        # Opened at the judgment, its pane takes the room: the row in full, its outcome's day marked.
        await until(
            pilot, lambda: "⚠ overdue since 2026-09-30" in dashboard.pane("judgments").row_text(Ref("judgments", "hq-moved")).plain, what="the row"
        )
        assert "1 question overdue (hq-moved)" in str(dashboard.status_line.content)
        assert "overdue by 61 days: record the outcome" in detail_text(dashboard)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen, what="back at the track record")


async def test_escape_leaves_the_track_record(desk):
    from briefing.tui.library import LibraryScreen

    app = library_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await track_record_open(pilot, app)
        await pilot.press("escape")
        await until(pilot, lambda: screen_is(app, LibraryScreen), what="the library")


async def test_a_resolved_judgment_shows_its_post_mortem_from_the_version_scored(desk, monkeypatch):
    """The versions are read in a worker; here they come only once the judgment is on screen
    (as on a loaded machine), and Detail must draw them then, not keep this version's alone."""
    import threading

    from briefing import versions
    from briefing.tui.app import create_app

    may_read, read = threading.Event(), versions.record_of

    def record_of_when_allowed(*args, **kwargs):
        may_read.wait(60)
        return read(*args, **kwargs)

    monkeypatch.setattr(versions, "record_of", record_of_when_allowed)
    app = create_app(desk / "karsk-port.yaml", watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.has_dashboard and app.dashboard.index is not None, what="loaded")
        dashboard = app.dashboard
        await pilot.press("5")  # the judgments; the first is the lease
        await until(pilot, lambda: dashboard.focused_ref() == Ref("judgments", "lease-signed"), what="the judgment")
        # At first this version alone; once the folder's versions are read, the first one's forecast.
        await until(pilot, lambda: "Brier term 0.090" in detail_text(dashboard), what="this version's forecast")
        may_read.set()
        await until(
            pilot,
            lambda: "karsk-port-2025.yaml" in detail_text(dashboard),
            what="the post-mortem of the version scored",
            shown=lambda: detail_text(dashboard),
        )
        text = detail_text(dashboard)
        assert "✔ yes" in text and "Brier term 0.250" in text and "p 0.5 (roughly even chance, as of 2025-04-01)" in text
        assert "○ not observed" in text  # the indicator as it stood then (observed now)
        pane = dashboard.pane("judgments")
        await until(pilot, lambda: "✔ yes" in pane.row_text(Ref("judgments", "lease-signed")).plain, what="the outcome in the row")


async def test_the_bundled_briefing_says_nothing_of_a_track_record():
    from .tui_helpers import bundled_app

    app = bundled_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.has_dashboard and app.dashboard.index is not None, what="loaded")
        assert "overdue" not in str(app.dashboard.status_line.content)
        assert "Resolution" not in detail_text(app.dashboard)
