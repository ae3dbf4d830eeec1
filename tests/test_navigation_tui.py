"""Navigation the same way everywhere: both ends of a trail, the Detail pane, one history
step per trail, back to the cited-by entry left from, and esc back to where a trail began."""

from __future__ import annotations

import subprocess
import sys

from briefing.index import Ref

from .tui_helpers import Messages, bundled_app, screen_is, until

SIZE = (120, 40)
BULLET = Ref("summary", "bases-operated")  # cites [1] and [3]


async def test_both_ends_of_a_trail_stay_put_and_say_so():
    app = bundled_app()
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        await pilot.press("enter")  # pressed at once: kept until the dashboard is up, then acted on
        await until(pilot, lambda: app.dashboard.current_ref() == Ref("sources", "1"), what="the first citation")
        messages.clear()
        await pilot.press("[")  # before the first: it used to wrap round to the last
        assert app.dashboard.current_ref() == Ref("sources", "1")
        await pilot.press("]", "]")
        assert app.dashboard.current_ref() == Ref("sources", "3")
        assert messages.notices == ["That was the first citation (2 in all).", "That was the last citation (2 in all)."]


async def test_next_and_previous_citation_work_from_the_detail_pane():
    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("0")
        assert app.focused is app.dashboard.detail
        await pilot.press("]")  # the bullet shown: its first citation
        assert app.dashboard.current_ref() == Ref("sources", "1")
        await pilot.press("0", "]")
        assert app.dashboard.current_ref() == Ref("sources", "3")


async def test_a_trail_followed_back_and_forth_is_one_step_of_history():
    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "]", "[", "]")
        assert app.dashboard.current_ref() == Ref("sources", "3")
        await pilot.press("backspace")
        assert app.dashboard.current_ref() == BULLET and app.focused is app.dashboard.pane("summary")


async def test_back_from_a_cited_by_jump_returns_to_that_entry():
    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7", "j", "j", "enter")  # source [3]'s cited-by list
        detail = app.dashboard.detail
        await pilot.press("j", "j", "j", "enter")
        jumped_to = app.dashboard.current_ref()
        assert jumped_to == app.dashboard.index.cited_by[3][3]
        await pilot.press("backspace")
        assert app.dashboard.current_ref() == Ref("sources", "3")
        assert app.focused is detail and detail.cursor == 3


async def test_escape_on_a_followed_citation_returns_to_where_it_began():
    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter", "]")
        assert app.dashboard.current_ref() == Ref("sources", "4")
        await pilot.press("escape")
        assert app.dashboard.current_ref() == Ref("summary", "syria-russia-relations") and app.dashboard.reader.trail is None
        assert app.focused is app.dashboard.pane("summary")


async def test_the_palette_offers_what_works_and_not_textuals_internals():
    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        await pilot.press("ctrl+p")
        in_palette = [command.title for command in app.get_system_commands(app.dashboard)]
    for unwanted in ("Maximize", "Minimize", "Keys", "Delete character left", "Cut selected text"):
        assert unwanted not in titles and unwanted not in in_palette, unwanted
    assert "Go to source" in in_palette and "Search" in in_palette and "Export as HTML" in in_palette


async def test_compare_counts_have_a_line_of_their_own_and_lines_end_with_an_ellipsis_at_80_columns(tmp_path):
    from briefing.loader import default_path, load
    from briefing.tui.app import create_app

    newer = tmp_path / "newer.yaml"
    newer.write_text(default_path().read_text(encoding="utf-8").replace("Bases Operated", "Bases operated"), encoding="utf-8")
    app = create_app(load(newer), watch=False, baseline=load(default_path()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("7", "j", "w")
        await until(pilot, lambda: app.dashboard.checked, what="the check (its count leads the title)")

        def shown(selector: str, line: int = 0) -> str:
            widget = app.query_one(selector)
            return widget.render_lines(widget.outer_size.region)[line].text.rstrip()

        # The title on its line; the date, region and subtitle on the next, cut at its end.
        title, status = shown("#title-bar"), shown("#status-line")
        assert title == " 2 notes (p)  ·  Russia seeks to reinforce partnership with Syria", title
        assert shown("#title-bar", 1).startswith(" as of 2025-07  ·  Middle East (Syria)  ·  Russia's bases") and shown("#title-bar", 1).endswith("…")
        # Compared with the baseline, briefing.yaml: the line names it (newer.yaml is on screen).
        assert status.startswith(" since briefing.yaml: 0 new, 1 changed, 0 removed  ·  without [2]"), status
        assert status.endswith("…"), status


def run(*args: str, input_pipe: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True, text=True)


def test_print_into_a_closed_pipe_exits_0_and_says_nothing():
    result = subprocess.run(f"{sys.executable} -m briefing print | head -1", shell=True, capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == "" and result.stdout.strip()
    status = subprocess.run(
        f"{sys.executable} -m briefing print | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
    )
    assert status.stdout.strip() == "0" and status.stderr == ""


def test_an_unknown_source_to_withdraw_is_a_usage_error():
    for command in ("check", "print"):
        result = run(command, "--without", "9")
        assert result.returncode == 2, command
        assert "no source [9]" in result.stderr


def test_print_writes_no_trailing_spaces_when_piped():
    out = run("print", "--width", "100").stdout
    assert out and not [line for line in out.splitlines() if line != line.rstrip(" ")]


async def test_search_needs_every_word_and_shows_the_field_that_matched():
    from briefing.tui.screens import SearchScreen

    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"tartus hmeimim")
        search = app.screen
        assert isinstance(search, SearchScreen)
        rows = [search.hit_text(n) for n in range(len(search.refs))]
        assert len(rows) >= 5, rows  # five items hold both words, in one field or two
        assert rows[0].startswith("bullet      Air base in Hmeimim, Naval base in Tartus")
        assert any(" — role: " in row or " — name: " in row or " — status: " in row or row.startswith("base") for row in rows)
        assert not any("tartus hmeimim" in row.casefold() for row in rows)  # the phrase is nowhere: the words are
        assert not any("bases-operated" in row or "#1" in row for row in rows)  # never ids
        await pilot.press("escape", "slash", *"lavrov review")
        rows = [app.screen.hit_text(n) for n in range(len(app.screen.refs))]
        assert rows and rows[0].startswith("statement   "), rows


async def test_z_zooms_the_focused_pane_and_focus_never_lands_in_a_hidden_one():
    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        dashboard = app.dashboard
        await pilot.press("z")
        await pilot.pause()
        summary = dashboard.pane("summary")
        assert summary.display and summary.region.width > 100 and summary.region.height > 25
        assert not dashboard.pane("sources").display and not dashboard.detail.display
        await pilot.press("enter")  # to a source: the zoom follows focus
        await pilot.pause()
        sources = dashboard.pane("sources")
        assert app.focused is sources and sources.display and sources.region.width > 100
        assert not summary.display
        await pilot.press("0")
        await pilot.pause()
        assert app.focused is dashboard.detail and dashboard.detail.display and dashboard.detail.region.width > 100
        await pilot.press("z")
        await pilot.pause()
        assert all(pane.display for pane in dashboard.panes) and dashboard.detail.display
        assert summary.region.width < 100


async def test_each_panes_border_says_where_the_highlight_is():
    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        summary, sources = app.dashboard.pane("summary"), app.dashboard.pane("sources")
        assert (str(summary.border_subtitle), str(sources.border_subtitle)) == ("1/5", "1/4")
        await pilot.press("j", "j")
        assert str(summary.border_subtitle) == "3/5"
        await pilot.press("enter", "]")  # a jump moves the highlight too
        assert str(sources.border_subtitle) == "3/4" and app.dashboard.current_ref() == Ref("sources", "3")


async def test_the_trail_banner_is_shown_only_while_the_item_in_view_is_on_the_trail():
    """Found by a new user: after enter, 2 showed a base under "From Bases Operated · citation
    1 of 2", `]` then began a new trail while esc still honoured the old one."""
    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await until(pilot, lambda: app.dashboard.current_ref() == Ref("sources", "1"), what="the first citation")
        assert "From Bases Operated" in app.dashboard.detail.text()
        await pilot.press("2")  # the Bases pane: its item is not on the bullet's trail
        base = app.dashboard.current_ref()
        assert base is not None and base.kind == "bases"
        assert "From " not in app.dashboard.detail.text() and app.dashboard.reader.trail is None
        await pilot.press("escape")  # no trail left to step off: stays on the base
        assert app.dashboard.current_ref() == base
        await pilot.press("]")  # a trail of the base's own citations
        assert app.dashboard.reader.trail is not None and app.dashboard.reader.trail.origin == base
        assert f"From {app.dashboard.index.label(base)}"[:20] in app.dashboard.detail.text()


async def test_n_repeats_the_last_search_and_slash_shows_its_words_again():
    """#22: search had no n/N, and / reopened empty."""
    from textual.widgets import Input

    from briefing.tui.screens import SearchScreen

    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"tartus", "enter")
        await until(pilot, lambda: app.screen is app.dashboard, what="the search closed")
        first = app.dashboard.current_ref()
        hits = app.dashboard.reader.search.hits
        assert len(hits) > 2 and first == hits[0]
        await pilot.press("n")
        assert app.dashboard.current_ref() == hits[1]
        await pilot.press("N", "N")
        assert app.dashboard.current_ref() == hits[-1]
        await pilot.press("backspace")  # each hit gone to is a step of history
        assert app.dashboard.current_ref() == hits[0]
        await pilot.press("slash")
        await until(pilot, lambda: screen_is(app, SearchScreen), what="the search box")
        box = app.screen.query_one("#search-input", Input)
        await until(pilot, lambda: box.has_focus, what="the box focused")
        assert box.value == "tartus" and box.selected_text == "tartus"
        await pilot.press(*"lavrov")  # typing replaces the words shown
        assert box.value == "lavrov"


async def test_compare_mode_shows_what_each_changed_item_said_before():
    """✎ says an item changed; Detail says how: each field old → new, a long text word by word
    (wdiff's marks, so that colour is never alone). An unchanged item says nothing of it."""
    from .test_snapshots import exercise_app

    app = exercise_app(baseline=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.has_dashboard and app.dashboard.index is not None, what="loaded")
        app.dashboard.go(Ref("summary", "harbour-works"))
        await pilot.pause()
        text = " ".join(app.dashboard.detail.text().split())
        assert "Changed since exercise.yaml" in text
        assert "text: Dredging at the inner harbour [-continues-]{+has+} [-on a reduced schedule.-]{+stopped.+}" in text
        assert "citations: [5] → [7]" in text
        app.dashboard.go(Ref("judgments", "port-stays"))
        await pilot.pause()
        text = " ".join(app.dashboard.detail.text().split())
        assert "indicators[fuel-barges].status: partially observed → observed" in text
        app.dashboard.go(Ref("summary", "lease-talks"))
        await pilot.pause()
        assert "Changed since" not in app.dashboard.detail.text()


async def test_braces_walk_the_changes_in_compare_mode_and_are_offered_only_there():
    from .test_offered import offered_now
    from .test_snapshots import exercise_app

    app = exercise_app(baseline=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.has_dashboard and app.dashboard.index is not None, what="loaded")
        await pilot.press("right_curly_bracket")
        await until(pilot, lambda: app.dashboard.focused_ref() == Ref("summary", "harbour-works"), what="the first change")
        await pilot.press("right_curly_bracket")
        await until(pilot, lambda: app.dashboard.focused_ref() == Ref("summary", "barges-leave"), what="the second")
        await pilot.press("left_curly_bracket", "left_curly_bracket")  # before the first: round to the last
        await until(pilot, lambda: app.dashboard.focused_ref() == Ref("sources", "7"), what="round to the last")
        await until(pilot, lambda: offered_now(app, "Next change"), what="offered in compare mode")
    plain = exercise_app()
    async with plain.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: plain.has_dashboard and plain.dashboard.index is not None, what="loaded")
        await until(pilot, lambda: offered_now(plain, "Next change", expected=False), what="not offered without an older version")


def matrix_shown(screen) -> bool:
    """Its rows are in (the screen is on the stack a moment before it has mounted them)."""
    from briefing.tui.virtual_list import VirtualList

    return screen.is_mounted and bool(screen.query("#hypotheses-list")) and screen.query_one("#hypotheses-list", VirtualList).row_count > 0


async def test_the_matrix_in_compare_mode_marks_changed_ratings_and_the_change_of_lead():
    from briefing.tui.screens import HypothesesScreen

    from .test_snapshots import exercise_app

    app = exercise_app(baseline=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.has_dashboard and app.dashboard.index is not None, what="loaded")
        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, HypothesesScreen) and matrix_shown(app.screen), what="the matrix")
        matrix = app.screen
        assert "The lead changed since exercise.yaml: interim → renew, interim" in matrix.head_text()
        rows = [matrix.row_text(n) for n in range(len(matrix.matrix.evidence))]
        barges = next(row for row in rows if row.startswith("indicator: Fuel barges"))
        assert "✘✘ II✎I" in barges  # interim: I in exercise.yaml, II now
        assert sum("✎" in row for row in rows) == 1  # only the rating diff says changed
    plain = exercise_app()
    async with plain.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: plain.has_dashboard and plain.dashboard.index is not None, what="loaded")
        await pilot.press("h")
        await until(pilot, lambda: isinstance(plain.screen, HypothesesScreen) and matrix_shown(plain.screen), what="the matrix")
        assert "lead changed" not in plain.screen.head_text() and "✎" not in plain.screen.head_text()
