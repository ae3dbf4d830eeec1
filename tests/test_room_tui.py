"""The screen fills with the briefing (README, "The room"): the rules of ``briefing.room`` as a
reader meets them at 80×24, 120×40 and 200×60 (the rule itself, pure: test_room.py)."""

from __future__ import annotations

import pytest

from briefing.tui.panes import PANES

from .tui_helpers import bundled_app, until


def lines_shown(pane) -> int:
    """The lines of a list pane's rows on screen now."""
    return max(min(pane.virtual_size.height - pane.scroll_offset.y, pane.scrollable_content_region.height), 0)


def blank_in_lists(dashboard) -> int:
    return sum(pane.scrollable_content_region.height - lines_shown(pane) for pane in dashboard.panes if pane.display)


def cut_in_lists(dashboard) -> list[str]:
    """The panes whose rows are not all on screen, or are drawn cut with "…"."""
    found = []
    for pane in dashboard.panes:
        hidden = pane.virtual_size.height > pane.scrollable_content_region.height
        marked = any("…" in pane.render_line(y).text for y in range(pane.scrollable_content_region.height))
        if pane.display and (hidden or marked):
            found.append(pane.pane)
    return found


async def settled(pilot, app) -> None:
    await until(pilot, lambda: app.has_dashboard and app.dashboard.checked, what="the briefing checked")
    dashboard = app.dashboard
    await until(
        pilot,
        lambda: dashboard.body.narrow or sum(pane.outer_size.height for pane in dashboard.panes) == dashboard.detail.outer_size.height > 0,
        what="the room shared",
    )
    await pilot.pause()


@pytest.mark.parametrize("size", [(120, 40), (200, 60)])
async def test_the_judgment_is_read_in_full_on_the_first_screen(size):
    app = bundled_app()
    async with app.run_test(size=size) as pilot:
        await settled(pilot, app)
        judgments = app.dashboard.pane("judgments")
        statement = " ".join(app.dashboard.index.briefing.judgments[0].text.split())
        drawn = " ".join(judgments.render_line(y).text[len(judgments.border_title) + 1 :].strip() for y in range(judgments.size.height))
        assert statement in " ".join(drawn.split()) and "…" not in drawn


@pytest.mark.parametrize("size", [(120, 40), (200, 60)])
@pytest.mark.parametrize("key", ["1", "3", "5", "7"])
async def test_while_a_pane_is_cut_the_list_panes_hold_at_most_four_blank_rows(size, key):
    app = bundled_app()
    async with app.run_test(size=size) as pilot:
        await settled(pilot, app)
        await pilot.press(key)
        current = app.dashboard.pane(app.dashboard.reader.unfolded)
        await until(pilot, lambda: not current.has_class("-folded") and current.size.height >= 1, what="the pane unfolded")
        await pilot.pause()
        if cut_in_lists(app.dashboard):
            assert blank_in_lists(app.dashboard) <= 4, (cut_in_lists(app.dashboard), blank_in_lists(app.dashboard))


async def test_a_folded_pane_costs_one_row_with_no_frame():
    app = bundled_app()
    async with app.run_test(size=(120, 24)) as pilot:  # no room to spare: every folded pane one row
        await settled(pilot, app)
        await until(pilot, lambda: all(app.dashboard.pane(name).outer_size.height == 1 for name in PANES[1:]), what="the panes folded")
        for name in PANES[1:]:
            pane = app.dashboard.pane(name)
            assert pane.render_line(0).text.startswith(pane.border_title)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
async def test_the_selected_items_source_notes_are_in_full_in_detail(size):
    app = bundled_app()
    async with app.run_test(size=size) as pilot:
        await settled(pilot, app)
        detail = " ".join(app.dashboard.detail.text().split())
        for source_id in (1, 3):  # the first bullet cites [1] and [3]
            note = " ".join(app.dashboard.index.sources[source_id].note.split())
            assert note in detail, source_id


@pytest.mark.parametrize("size", [(100, 30), (120, 40), (200, 60)])
async def test_the_subtitle_and_the_date_are_shown(size):
    app = bundled_app()
    async with app.run_test(size=size) as pilot:
        await settled(pilot, app)
        subtitle = app.dashboard.index.briefing.subtitle
        bar = app.dashboard.title_bar
        drawn = " ".join(bar.render_line(y).text.strip() for y in range(bar.size.height))
        assert subtitle and subtitle in drawn and app.dashboard.index.briefing.as_of in drawn


@pytest.mark.parametrize(("size", "in_full"), [((200, 60), True), ((120, 40), False)])
async def test_a_sources_row_shows_its_whole_note_only_where_rows_are_to_spare(size, in_full):
    """An untitled source's row is named by the start of its note; where the short rows leave
    rows empty, the whole note fills them (at 120×40 there are none to spare: more sources in view)."""
    app = bundled_app()
    async with app.run_test(size=size) as pilot:
        await settled(pilot, app)
        await pilot.press("5")
        sources = app.dashboard.pane("sources")
        await until(pilot, lambda: sources.in_full == in_full, what="the rows' length chosen")
        await pilot.pause()
        first = " ".join(sources.row_lines(0)).split()
        assert ("Unnamed in the article." in " ".join(first)) == in_full
        if in_full:
            assert blank_in_lists(app.dashboard) == 0
