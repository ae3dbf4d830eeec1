"""Edits in place (#22): an indicator's status and a judgment's likelihood and confidence,
changed from the dashboard with the reason asked for, written back so that the file's diff
is exactly the changed lines, then reloaded and checked again."""

from __future__ import annotations

import difflib
import os
import shutil
import stat
from pathlib import Path

import pytest

from briefing.edits import Edit, apply, step
from briefing.index import Ref
from briefing.loader import load
from briefing.tui.app import create_app
from briefing.tui.editing import ReasonScreen

from .test_offered import offered_now
from .tui_helpers import Messages, screen_is, until

EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"
SIZE = (120, 40)


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]


def test_the_scales_step_and_the_status_cycles():
    assert step("status", "not observed", 1) == "partially observed"
    assert step("status", "observed", 1) == "not observed"  # round again
    assert step("likelihood", "likely", 1) == "very likely" and step("likelihood", "likely", -1) == "roughly even chance"
    assert step("likelihood", "almost certain", 1) is None and step("confidence", "low", -1) is None
    assert step("confidence", None, 1) == "low"  # a judgment with no confidence gets the first band


def test_an_edit_changes_only_its_lines():
    text = (EXAMPLES / "exercise.yaml").read_text(encoding="utf-8")
    after = apply(text, Edit(("judgments", 1), "confidence", "moderate", ("judgments", 1), "Both sides named a date"))
    assert changed_lines(text, after) == [
        "-    confidence: low",
        "+    confidence: moderate",
        "+    change_reason: Both sides named a date",
    ]


@pytest.fixture
def exercise(tmp_path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    path = tmp_path / "examples" / "exercise.yaml"
    os.chmod(path, 0o640)
    return path


async def test_plus_on_a_judgment_asks_why_then_writes_only_the_changed_lines(exercise):
    before = exercise.read_text(encoding="utf-8")
    app = create_app(load(exercise), watch=False)
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        await pilot.press("5")
        await until(pilot, lambda: app.dashboard.current_ref() == Ref("judgments", "port-stays"), what="the judgment")
        await until(pilot, lambda: offered_now(app, "Likelier"), what="+ offered on a judgment")
        await pilot.press("minus")
        await until(pilot, lambda: screen_is(app, ReasonScreen), what="the reason asked")
        await pilot.press("escape")  # cancelled: nothing written
        await until(pilot, lambda: not isinstance(app.screen, ReasonScreen))
        assert exercise.read_text(encoding="utf-8") == before
        await pilot.press("minus")
        await until(pilot, lambda: screen_is(app, ReasonScreen), what="the reason asked again")
        await pilot.press(*"Barges seen leaving", "enter")
        await until(pilot, lambda: app.dashboard.index.items[Ref("judgments", "port-stays")].likelihood == "roughly even chance", what="reloaded")
    after = exercise.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "-    likelihood: likely",
        "+    likelihood: roughly even chance",
        "-    change_reason: Raised from 'roughly even chance' after supply-ships was observed in March.",
        "+    change_reason: Barges seen leaving",
    ]
    assert stat.S_IMODE(os.stat(exercise).st_mode) == 0o640


async def test_s_on_an_indicator_cycles_its_status_and_says_why_on_its_judgment(exercise):
    before = exercise.read_text(encoding="utf-8")
    app = create_app(load(exercise), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "j", "j")  # port-stays, supply-ships, fuel-barges
        await until(pilot, lambda: app.dashboard.current_ref() == Ref("indicators", "port-stays/fuel-barges"), what="the indicator")
        await until(pilot, lambda: offered_now(app, "Cycle status") and offered_now(app, "Likelier", False), what="s offered, + not")
        await pilot.press("s")
        await until(pilot, lambda: screen_is(app, ReasonScreen), what="the reason asked")
        await pilot.press(*"fuel-barges left on 2 April", "enter")
        await until(pilot, lambda: app.dashboard.index.items[Ref("indicators", "port-stays/fuel-barges")].status == "observed", what="reloaded")
    assert changed_lines(before, exercise.read_text(encoding="utf-8")) == [
        "-    change_reason: Raised from 'roughly even chance' after supply-ships was observed in March.",
        "+    change_reason: fuel-barges left on 2 April",
        "-        status: partially observed",
        "+        status: observed",
    ]


async def test_s_in_the_watch_list_cycles_the_highlighted_indicator_and_the_list_shows_the_file(exercise):
    """`s` acts in the Watch list too (#22): asked why, written, reloaded — and the list, still
    open, shows the new status (the highlight on the same indicator), not the one it opened with."""
    from briefing.tui.screens import WatchScreen

    before = exercise.read_text(encoding="utf-8")
    app = create_app(load(exercise), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.has_dashboard and app.dashboard.index is not None, what="the briefing")
        await pilot.press("i")
        await until(pilot, lambda: screen_is(app, WatchScreen), what="the Watch list")
        watch = app.screen
        target = Ref("indicators", "port-stays/fuel-barges")
        for _ in range(len(watch.refs)):  # to the fuel barges, wherever the order puts them
            if watch._highlighted() == target:
                break
            await pilot.press("down")
        assert watch._highlighted() == target and watch.status(target) == "partially observed"
        await pilot.press("s")
        await until(pilot, lambda: screen_is(app, ReasonScreen), what="the reason asked")
        await pilot.press(*"fuel-barges left on 2 April", "enter")
        await until(pilot, lambda: app.screen is watch and watch.status(target) == "observed", what="the list showing the file")
        assert watch._highlighted() == target
        assert watch.row_text(watch.refs.index(target)).startswith("● observed ")  # as drawn
    assert changed_lines(before, exercise.read_text(encoding="utf-8")) == [
        "-    change_reason: Raised from 'roughly even chance' after supply-ships was observed in March.",
        "+    change_reason: fuel-barges left on 2 April",
        "-        status: partially observed",
        "+        status: observed",
    ]


async def test_a_resolved_judgment_is_not_moved_its_likelihood_is_the_record(tmp_path):
    """+ and - would rewrite what the judgment was scored on (#25): not offered, and a notice
    says why when pressed; an open question's judgment still moves."""
    folder = tmp_path / "track-record"
    shutil.copytree(EXAMPLES / "track-record", folder)
    path = folder / "valdor-grid.yaml"
    before = path.read_text(encoding="utf-8")
    app = create_app(load(path), watch=False)
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        await pilot.press("5")
        await until(pilot, lambda: app.dashboard.current_ref() == Ref("judgments", "north-restored"), what="the judgment")
        await until(pilot, lambda: offered_now(app, "Likelier", expected=False), what="+ not offered")
        await pilot.press("plus")
        await until(pilot, lambda: any("resolved" in notice for notice in messages.notices), what="the notice")
        assert not isinstance(app.screen, ReasonScreen)
    assert path.read_text(encoding="utf-8") == before
