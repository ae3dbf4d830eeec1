"""The analysis in the dashboard: a judgment's indicators and assumptions, the Watch view,
and withdrawing a source that others derive from — driven by the keys a reader presses."""

from __future__ import annotations

from briefing.index import Ref
from briefing.loader import default_path, load
from briefing.tui.app import create_app
from briefing.tui.screens import HypothesesScreen, WatchScreen

from .tui_helpers import Messages, screen_is, until

EXERCISE = default_path().parent / "examples" / "exercise.yaml"
SIZE = (120, 40)


def exercise_app():
    return create_app(load(EXERCISE), watch=False)


def detail_text(app) -> str:
    return " ".join(app.dashboard.detail.text().split())


async def test_a_judgments_detail_shows_its_assessment_indicators_and_assumptions():
    app = exercise_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        assert app.dashboard.current_ref() == Ref("judgments", "port-stays")
        shown = detail_text(app)
        assert "assessment the briefing's: likely · 55–80%, high confidence" in shown
        assert "● observed ↑ raises Supply ships keep calling at Karsk [1][5]" in shown
        assert "◐ partially observed ↓ lowers Fuel barges leave the inner harbour" in shown
        assert "○ not observed ↓ lowers The flotilla's crews are rotated home without relief" in shown
        assert "✔ solid No third country bids for the lease." in shown
        assert "✘ unsupported Veldonia's parliament will ratify whatever the government signs." in shown
        assert "Judgment · 3 sources · 1 independent · C3–D1" in shown
        row = app.dashboard.pane("judgments").row_text(Ref("judgments", "port-stays")).plain
        assert "assessed likely · 55–80%" in row and "⚑ high confidence on thin evidence" in row


async def test_the_watch_view_lists_every_indicator_and_jumps_to_one():
    app = exercise_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await until(pilot, lambda: screen_is(app, WatchScreen), what="the Watch list")
        watch = app.screen
        rows = [watch.row_text(n) for n in range(len(watch.refs))]
        assert [row.split("  ")[0] for row in rows] == ["● observed ↑ raises", "◐ partially observed ↓ lowers", "○ not observed ↓ lowers"]
        await pilot.press("down", "enter")
        await until(pilot, lambda: not isinstance(app.screen, WatchScreen), what="the Watch list closed")
        assert app.dashboard.current_ref() == Ref("indicators", "port-stays/fuel-barges")
        assert app.focused is app.dashboard.pane("judgments")
        await pilot.press("i", "escape")
        await until(pilot, lambda: not isinstance(app.screen, WatchScreen), what="the Watch list closed")
        assert app.dashboard.current_ref() == Ref("indicators", "port-stays/fuel-barges")
        await pilot.press("backspace")  # the jump from the watch list is one step of history
        assert app.dashboard.current_ref() == Ref("summary", "station-open")


async def test_the_watch_view_puts_what_changed_since_the_older_version_first():
    newer = load(default_path().parent / "examples" / "exercise-v2.yaml")
    app = create_app(newer, watch=False, baseline=load(EXERCISE))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await until(pilot, lambda: screen_is(app, WatchScreen), what="the Watch list")
        watch = app.screen
        # Only the indicator `diff` says changed (fuel barges: partially observed → observed) is
        # marked and comes first; its judgment's two others did not change.
        rows = [watch.row_text(n) for n in range(3)]
        assert rows[0].startswith("✎ ● observed ↓ lowers  Fuel barges leave the inner harbour"), rows
        assert not any(row.startswith("✎") for row in rows[1:]), rows


async def test_a_source_observed_in_an_indicator_lists_it_among_what_cites_it():
    app = exercise_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7", "enter")  # source [1]: cited by, and observed in an indicator
        entries = [app.dashboard.detail.entry_text(n) for n in range(len(app.dashboard.detail.refs))]
        assert "Observed in indicator: Supply ships keep calling at Karsk" in entries
        await pilot.press("7", "j")  # source [2]: the root of [3] and [4]
        assert "root of [3] [4]" in detail_text(app)


async def test_withdrawing_a_root_withdraws_what_repeats_it_and_an_indicator_seen_only_there():
    app = exercise_app()
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        await pilot.press("7", "j", "w")  # withdraw [2]: [3] and [4] repeat it
        assert app.dashboard.reader.withdrawn == {2} and app.dashboard.reader.gone == {2, 3, 4}
        title = app.query_one("#status-line").content.plain
        assert "without [2] (and [3], [4], derived from them): 6 items affected, 5 left unsupported" in title
        # Unfolded, the Judgments pane shows the row in full (folded, it is cut before the mark).
        await pilot.press("5")
        row = app.dashboard.pane("judgments").row_text(Ref("judgments", "port-stays")).plain
        assert row.startswith("◆ ") and "⚠ unsupported" in row
        assert "Judgment · no sources" in detail_text(app)
        await pilot.press("7", "k", "w")  # and [1]: the supply ships were seen in [1] and [5]
        await pilot.press("5")
        assert "● observed ↑ raises Supply ships" in detail_text(app)  # still seen in [5]
        await pilot.press("7", "G", "k", "w")  # [5] as well
        await pilot.press("5")
        shown = detail_text(app)
        assert "○ not observed ↑ raises Supply ships keep calling at Karsk [1][5] (was observed: its sources are withdrawn)" in shown


async def test_the_hypotheses_view_ranks_marks_and_jumps_to_the_evidence():
    from briefing.tui.screens import HypothesesScreen

    app = exercise_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await until(pilot, lambda: screen_is(app, HypothesesScreen), what="the matrix")
        matrix = app.screen
        head = matrix.head_text()
        assert "★ interim 0.75 weighted" in head and head.index("interim") < head.index("renew") < head.index("withdraw")
        rows = [matrix.row_text(n) for n in range(len(matrix.matrix.evidence))]
        assert rows[1].startswith("bullet: Lease talks") and rows[1].endswith("0.82 !")
        assert "✔ C" in rows[1] and "✘ I" in rows[1]  # glyph and letter: colour is never all it says
        assert rows[2].endswith("0.00 ≈") and "! critical: without it another hypothesis leads" in head
        await pilot.press("down", "enter")
        await until(pilot, lambda: not isinstance(app.screen, HypothesesScreen), what="the matrix closed")
        assert app.dashboard.current_ref() == Ref("summary", "lease-talks") and app.focused is app.dashboard.pane("summary")
        await pilot.press("enter")  # and on to its sources, like any citation
        assert app.dashboard.current_ref() == Ref("sources", "2")


async def test_withdrawing_a_source_changes_the_leader_in_the_matrix():
    app = exercise_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7", "j", "w", "h")  # withdraw [2], then open the matrix
        await until(pilot, lambda: screen_is(app, HypothesesScreen), what="the matrix")
        matrix = app.screen
        assert "★ renew 0.5 weighted" in matrix.head_text()
        assert [row.withdrawn for row in matrix.matrix.evidence][:4] == [False, True, False, True]
        assert matrix.row_text(1).endswith("0.82 ⊘") and matrix.row_text(3).endswith("1.41 ⊘")
        await pilot.press("escape", "w", "h")  # restore [2]
        await until(pilot, lambda: screen_is(app, HypothesesScreen) and app.screen is not matrix, what="the matrix again")
        assert "★ interim 0.75 weighted" in app.screen.head_text()


async def test_a_wide_matrix_keeps_one_line_a_row():
    import yaml

    from briefing.model import Briefing

    from .conftest import MINIMAL

    data = yaml.safe_load(MINIMAL)
    data["hypotheses"] = [{"id": f"hypothesis{n}", "text": f"H{n}"} for n in range(10)]
    data["ach"] = {
        "question": "Which?",
        "evidence": [{"ref": ref, "ratings": {f"hypothesis{n}": "C" for n in range(10)}} for ref in ("summary:b1", "summary:b2", "tensions:t1")],
    }
    from briefing.loader import Loaded

    app = create_app(Loaded(Briefing.model_validate(data), "wide.yaml"), watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        rows = app.screen.query_one("#hypotheses-list")
        assert rows.virtual_size.height == 3  # cut with an ellipsis, never wrapped out of its columns
