"""The screen fills with the briefing (README, "The room"): how the list panes share the column
(``briefing.room``, pure). The rules as a reader meets them on screen: test_room_tui.py."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.room import FRAME, blank_rows, cut, share

PANES = ["summary", "bases", "stakeholders", "tensions", "judgments", "timeline", "sources"]


def test_the_current_pane_gets_what_it_needs_and_the_others_share_the_rest():
    needs = dict(zip(PANES, [11, 4, 30, 8, 6, 8, 16]))
    rows = share(35, "summary", needs, dict(zip(PANES, [2, 2, 1, 2, 6, 3, 2])))
    assert rows["summary"] == 11 + FRAME and sum(rows.values()) == 35
    assert rows["judgments"] == 6  # its selected row (the judgment) in full, before anyone's second row
    assert blank_rows(rows, needs, "summary") == 0


@pytest.mark.parametrize("wanted", [2, 3])
def test_a_selected_item_in_full_comes_before_an_earlier_panes_second_row(wanted):
    """One row to give: it goes to the pane whose selected item is not all shown (b), not to
    the pane first in order that merely holds more (a)."""
    rows = share(6, "cur", {"cur": 1, "a": 3, "b": 3}, {"cur": 1, "a": 1, "b": wanted})
    assert rows == {"cur": 1 + FRAME, "a": 1, "b": 2}


def test_rows_to_spare_go_a_row_at_a_time_to_whichever_shows_least():
    rows = share(10, "cur", {"cur": 1, "b": 9, "a": 9}, {"cur": 1, "b": 1, "a": 1})
    assert rows == {"cur": 1 + FRAME, "b": 4, "a": 3}  # b, a, b, a, b: not all to one of them


def test_with_no_room_to_spare_a_folded_pane_costs_one_row():
    needs = dict(zip(PANES, [40, 4, 30, 8, 6, 8, 16]))
    rows = share(20, "summary", needs, dict.fromkeys(PANES, 3))
    assert rows == {"summary": 14, **{name: 1 for name in PANES[1:]}}


def test_when_everything_fits_the_current_pane_takes_what_is_left():
    needs = dict.fromkeys(PANES, 2)
    rows = share(40, "tensions", needs, dict.fromkeys(PANES, 1))
    assert all(rows[name] == 2 for name in PANES if name != "tensions") and rows["tensions"] == 40 - 12
    assert cut(rows, needs, "tensions") == []


def test_a_last_row_to_spare_goes_to_the_current_pane():
    needs = dict.fromkeys(PANES, 2)
    rows = share(6 * 2 + 2 + FRAME + 1, "tensions", needs, dict.fromkeys(PANES, 1))
    assert rows["tensions"] == 2 + FRAME + 1 and sum(rows.values()) == 6 * 2 + 2 + FRAME + 1


def test_a_current_pane_keeps_a_row_of_itself_on_a_screen_too_low_for_all():
    rows = share(5, "summary", dict.fromkeys(PANES, 9), dict.fromkeys(PANES, 4))  # no rows to give: none taken either
    assert rows["summary"] == FRAME + 1 and all(rows[name] == 1 for name in PANES[1:])


def test_blank_rows_and_cut_count_the_current_panes_frame_and_no_one_elses():
    rows, needs = {"a": 5, "b": 3}, {"a": 2, "b": 1}
    assert blank_rows(rows, needs, "a") == (5 - 2 - FRAME) + (3 - 1)
    assert cut({"a": 4, "b": 1}, {"a": 3, "b": 2}, "a") == ["a", "b"]  # a shows 4 - 2 lines of its 3
    assert cut({"a": 5, "b": 2}, {"a": 3, "b": 2}, "a") == []


@given(
    height=st.integers(min_value=len(PANES) + FRAME, max_value=200),
    needs=st.lists(st.integers(min_value=1, max_value=80), min_size=len(PANES), max_size=len(PANES)),
    selected=st.lists(st.integers(min_value=1, max_value=12), min_size=len(PANES), max_size=len(PANES)),
    current=st.sampled_from(PANES),
)
def test_no_pane_is_cut_while_another_has_a_row_to_spare(height, needs, selected, current):
    wanted, chosen = dict(zip(PANES, needs)), dict(zip(PANES, selected))
    rows = share(height, current, wanted, chosen)
    assert sum(rows.values()) == height
    assert all(rows[name] >= 1 for name in PANES) and rows[current] >= FRAME + 1
    if cut(rows, wanted, current):
        assert blank_rows(rows, wanted, current) == 0
    assert all(rows[name] <= max(wanted[name], 1) for name in PANES if name != current)
