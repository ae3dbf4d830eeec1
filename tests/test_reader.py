"""The reader's state in the dashboard, without a screen: panes, trail, history, withdrawal, zoom."""

from __future__ import annotations

import yaml

from briefing.index import BriefingIndex, Ref
from briefing.model import Briefing
from briefing.navigation import Place, Trail
from briefing.reader import GONE, Go, Marks, PaneChange, Reader
from briefing.tradecraft import Comparison, compare

from .conftest import MINIMAL

PANES = ("summary", "bases", "sources")
B1, B2 = Ref("summary", "b1"), Ref("summary", "b2")  # b1 cites [1, 2]; b2 cites [2]
S1, S2 = Ref("sources", "1"), Ref("sources", "2")
TENSION = Ref("tensions", "t1")  # cites [1]


def index(text: str = MINIMAL) -> BriefingIndex:
    return BriefingIndex(Briefing.model_validate(yaml.safe_load(text)))


def reader(**options) -> Reader:
    state = Reader(PANES, **options)
    state.show(index())
    return state


def test_the_first_pane_is_current_and_has_the_room():
    state = Reader(PANES)
    assert (state.current_pane, state.unfolded, state.zoom, state.bluf_folded) == ("summary", "summary", None, False)


def test_choosing_a_pane_unfolds_it_and_folds_the_one_that_had_the_room():
    state = reader()
    assert state.choose_pane("sources", unfold=True) == PaneChange(folded="summary", unfolded="sources", left="summary")
    assert (state.current_pane, state.unfolded) == ("sources", "sources")
    assert state.choose_pane("sources", unfold=True) == PaneChange()


def test_a_jump_makes_a_pane_current_without_taking_the_room():
    state = reader()
    assert state.choose_pane("sources") == PaneChange(left="summary")
    assert (state.current_pane, state.unfolded) == ("sources", "summary")
    assert state.choose_pane("nowhere", unfold=True) == PaneChange()
    assert state.current_pane == "sources"


def test_tab_order_is_the_list_panes_then_detail_and_round_again():
    state = reader()
    assert state.cycle("summary", 1) == "bases"
    assert state.cycle("sources", 1) == "detail"
    assert state.cycle("detail", 1) == "summary"
    assert state.cycle("summary", -1) == "detail"
    assert state.cycle(None, 1) == "bases"  # nothing of ours focused: from the current pane


def test_following_a_citation_starts_a_trail_and_records_history():
    state = reader()
    go = state.follow(B1, 0)
    assert go == Go(S1, Trail(B1, 0), record=True)
    assert state.arrive(S1, go.trail, Place(B1, None)) == Marks(((B1, 1),))
    assert state.trail == Trail(B1, 0) and len(state.history) == 1


def test_stepping_along_the_trail_in_view_is_no_new_step_of_history():
    state = reader()
    state.arrive(S1, Trail(B1, 0), Place(B1, None))
    go = state.follow(S1, 1)
    assert go == Go(S2, Trail(B1, 1), record=False)
    assert state.arrive(S2, go.trail, None) == Marks(((B1, 2),))
    assert len(state.history) == 1


def test_a_step_that_leads_nowhere_says_why_and_changes_nothing():
    state = reader()
    state.arrive(S2, Trail(B2, 0), None)
    assert state.follow(S2, 1) == Go(None, message="That was the last citation (1 in all).")
    assert state.trail == Trail(B2, 0)
    no_citations = Reader(PANES)
    no_citations.show(index(MINIMAL.replace("    citations: [2]\n", "")))
    assert no_citations.follow(B2, 0) == Go(None, message="This item cites no sources.")
    assert Reader(PANES).follow(B2, 0) == Go(None)  # no briefing yet


def test_an_item_no_longer_in_the_briefing_is_not_arrived_at():
    state = reader()
    assert state.arrive(Ref("summary", "gone"), None, Place(B1, None)) is None
    assert len(state.history) == 0


def test_the_trail_survives_only_on_its_origin_and_the_source_it_shows():
    state = reader()
    state.arrive(S2, Trail(B1, 1), None)
    assert state.keep_trail_only_on(B1) == Marks() and state.trail is not None
    assert state.keep_trail_only_on(S2) == Marks() and state.trail is not None
    assert state.keep_trail_only_on(S1) == Marks(((B1, None),))
    assert state.trail is None


def test_the_banner_shows_only_over_the_source_the_trail_shows():
    state = reader()
    state.arrive(S2, Trail(B1, 1), None)
    assert state.banner(S2) == (B1, 1, 2)
    assert state.banner(B1) is None  # the origin's row carries the mark instead
    assert state.banner(S1) is None  # another source: not on this trail
    assert state.banner(TENSION) is None


def test_a_new_trail_unmarks_the_old_origin():
    state = reader()
    state.arrive(S1, Trail(B1, 0), None)
    assert state.set_trail(Trail(B2, 0)) == Marks(((B1, None), (B2, 2)))


def test_back_and_forward_step_through_history_and_keep_the_entry_left_from():
    state = reader()
    state.arrive(S1, Trail(B1, 0), Place(S2, None, entry=1))
    back = state.step_history(Place(S1, Trail(B1, 0)), forward=False)
    assert back == Go(S2, None, record=False, entry=1)
    assert state.step_history(Place(S2, None), forward=True) == Go(S1, Trail(B1, 0), record=False)


def test_back_at_the_start_says_so_or_leaves_for_the_library():
    assert reader().step_history(Place(B1, None), forward=False) == Go(None, message="Nothing to go back to.")
    assert reader().step_history(Place(B1, None), forward=True) == Go(None, message="Nothing to go forward to.")
    assert reader(from_library=True).step_history(Place(B1, None), forward=False) == Go(None, dismiss=True)


def test_back_to_an_item_since_removed_warns():
    state = reader()
    state.history.visit(Place(Ref("summary", "gone"), None))
    assert state.step_history(Place(B1, None), forward=False) == Go(None, message=GONE, severity="warning")


def test_escape_steps_back_one_level_at_a_time():
    state = reader(from_library=True)
    state.arrive(S1, Trail(B1, 0), None)
    assert state.escape(on_list=False, current=S1) == Go(None, focus_list=True)
    assert state.escape(on_list=True, current=S1) == Go(B1, marks=Marks(((B1, None),)))
    assert state.trail is None
    assert state.escape(on_list=True, current=B1) == Go(None, dismiss=True)
    assert Reader(PANES).escape(on_list=True, current=None) == Go(None)


def test_escape_on_the_trails_origin_only_ends_the_trail():
    state = reader()
    state.arrive(S1, Trail(B1, 0), None)
    assert state.escape(on_list=True, current=B1) == Go(None, marks=Marks(((B1, None),)))


def test_withdrawing_a_source_takes_what_derives_only_from_it():
    text = MINIMAL + "  - id: 3\n    title: Copy of one\n    derived_from: [1]\n"
    state = Reader(PANES)
    state.show(index(text))
    assert state.toggle_withdrawn(1) == "Withdrew source [1]. w again toggles it back."
    assert (state.withdrawn, state.gone) == ({1}, {1, 3})
    assert state.toggle_withdrawn(1) == "Restored source [1]. w again toggles it back."
    assert (state.withdrawn, state.gone) == (frozenset(), frozenset())


def test_a_reload_keeps_what_still_applies():
    state = reader()
    state.arrive(S1, Trail(B1, 0), None)
    state.toggle_withdrawn(2)
    state.show(
        index(
            MINIMAL.replace("  - id: 2\n    title: Source two\n    url: https://example.org/two\n", "").replace("[1, 2]", "[1]").replace("[2]", "[1]")
        )
    )
    assert state.trail == Trail(B1, 0)
    assert state.withdrawn == frozenset() and state.gone == frozenset()  # source 2 went with the reload
    state.show(index(MINIMAL.replace("id: b1", "id: b9")))
    assert state.trail is None  # its origin went


def test_compare_mode_marks_what_changed():
    old = index()
    state = Reader(PANES)
    new = index(MINIMAL.replace("Second bullet", "Second bullet, revised"))
    state.show(new, compare(old.briefing, new.briefing))
    assert state.changes == {B2: "changed"}
    assert Reader(PANES).changes == {}


def test_zoom_follows_what_is_focused_and_toggles_back():
    state = reader()
    assert state.toggle_zoom("detail") == "detail"
    assert state.toggle_zoom("detail") is None
    assert state.toggle_zoom(None) == "pane"
    assert state.toggle_bluf() is True and state.toggle_bluf() is False


def test_before_a_briefing_is_read_nothing_is_marked_and_nothing_breaks():
    state = Reader(PANES, trail=Trail(B1, 0))
    assert state.marks() == {} and state.banner(S1) is None and state.set_trail(None) == Marks()
    state.history.visit(Place(B1, None))
    assert state.step_history(Place(B2, None), forward=False) == Go(None, message=GONE, severity="warning")
    assert state.toggle_withdrawn(1) == "Withdrew source [1]. w again toggles it back." and state.gone == {1}


def test_a_citation_of_a_missing_source_warns():
    state = Reader(PANES)
    state.show(index(MINIMAL.replace("citations: [1, 2]", "citations: [1, 5]")))
    assert state.follow(B1, -1) == Go(None, message="Source [5] is not in this briefing.", severity="warning")


def test_following_the_origins_first_citation_again_is_a_new_step_of_history():
    state = reader()
    state.arrive(S2, Trail(B1, 1), Place(B1, None))
    assert state.follow(B1, 0) == Go(S1, Trail(B1, 0), record=True)


def test_back_forward_and_back_again_return_to_the_same_places():
    state = reader()
    state.arrive(S1, Trail(B1, 0), Place(B1, None))
    assert state.step_history(Place(S1, Trail(B1, 0)), forward=False).ref == B1
    assert state.step_history(Place(B1, None), forward=True).ref == S1
    assert state.step_history(Place(S1, Trail(B1, 0)), forward=False).ref == B1


def test_a_reload_keeps_what_derives_from_a_withdrawn_source_withdrawn():
    text = MINIMAL + "  - id: 3\n    title: Copy of one\n    derived_from: [1]\n"
    state = Reader(PANES)
    state.show(index(text))
    state.toggle_withdrawn(1)
    state.show(index(text))
    assert state.gone == {1, 3}


def test_n_and_n_go_round_the_hits_of_the_last_search():
    from briefing.reader import Search

    state = reader()
    assert state.next_hit(1) == Go(None, message="No search to repeat: / searches.")
    state.searched("bullet", [B1, B2, S1], chosen=0)
    assert state.search == Search("bullet", (B1, B2, S1), 0)
    assert state.next_hit(1) == Go(B2) and state.next_hit(1) == Go(S1)
    assert state.next_hit(1) == Go(B1, message="Search went round: hit 1 of 3.")
    assert state.next_hit(-1) == Go(S1, message="Search went round: hit 3 of 3.")
    assert state.next_hit(-1) == Go(B2)


def test_a_search_closed_keeps_its_words_and_the_hits_before():
    from briefing.reader import Search

    state = reader()
    state.searched("bullet", [B1, B2], chosen=1)
    state.searched("nothing to find")  # esc: the words stay for /, n goes on with the last hits
    assert state.search == Search("nothing to find", (B1, B2), 1)
    assert state.next_hit(1) == Go(B1, message="Search went round: hit 1 of 2.")


def test_a_search_with_one_hit_goes_round_to_it_and_a_closed_one_keeps_the_hits_before():
    state = reader()
    state.searched("second", [B2], chosen=0)
    assert state.next_hit(1) == Go(B2, message="Search went round: hit 1 of 1.")
    state.searched("second", [B1, B2], chosen=-1)  # hits listed, none gone to: n keeps the last
    assert state.search.hits == (B2,)


def test_withdrawing_a_source_says_when_the_matrixs_lead_changes():
    from pathlib import Path

    from briefing.index import BriefingIndex
    from briefing.loader import load
    from briefing.reader import Reader, lead_change

    exercise = load(Path(__file__).resolve().parent.parent / "data" / "examples" / "exercise.yaml")
    reader = Reader(["summary", "sources"])
    reader.show(BriefingIndex(exercise.briefing))
    assert reader.leaders() == ("interim",)
    # The exercise's comment: withdrawing [2] (and so [3] and [4]) hands the lead to renew.
    assert reader.toggle_withdrawn(2) == "Withdrew source [2]. w again toggles it back. The matrix's lead passes from interim to renew."
    assert reader.toggle_withdrawn(2) == "Restored source [2]. w again toggles it back. The matrix's lead passes from renew to interim."
    assert reader.toggle_withdrawn(1) == "Withdrew source [1]. w again toggles it back."  # the lead stays
    assert lead_change(("a",), ("a",)) == "" and lead_change((), ("a",)) == ""
    assert lead_change(("a", "b"), ("c", "d")) == " The matrix's lead passes from a, b to c, d."  # a tie names each


def test_next_change_walks_the_changed_items_in_the_briefings_order_and_goes_round():
    from briefing.loader import load

    from .conftest import ROOT

    old = load(ROOT / "data" / "examples" / "exercise.yaml").briefing
    new = load(ROOT / "data" / "examples" / "exercise-v2.yaml").briefing
    state = Reader(PANES)
    assert state.next_change(None) == Go(None, message="Not comparing: open with --compare NEW to walk the changes.")
    state.show(BriefingIndex(new), compare(old, new))
    first = state.next_change(None)
    assert first == Go(Ref("summary", "harbour-works"), message="Change 1 of 5 (changed).")
    assert state.next_change(first.ref) == Go(Ref("summary", "barges-leave"), message="Change 2 of 5 (new).")
    assert state.next_change(Ref("summary", "barges-leave"), forward=False).ref == Ref("summary", "harbour-works")
    last = state.next_change(Ref("summary", "station-open"), forward=False)  # before the first: round to the last
    assert last == Go(Ref("sources", "7"), message="Changes went round: change 5 of 5 (new).")
    assert state.next_change(Ref("sources", "7")) == Go(Ref("summary", "harbour-works"), message="Changes went round: change 1 of 5 (changed).")
    # An unchanged item in the middle: the next change after it, in the briefing's order.
    assert state.next_change(Ref("bases", "karsk")).ref == Ref("judgments", "port-stays")
    state.show(BriefingIndex(old), compare(old, old))
    assert state.next_change(None) == Go(None, message="Nothing new or changed since the older version.")

    # Open, but not comparing.
    state.show(BriefingIndex(new), None)
    assert state.next_change(None) == Go(None, message="Not comparing: open with --compare NEW to walk the changes.")


def test_next_change_from_no_item_or_one_gone_starts_at_the_first_change():
    from briefing.loader import load

    from .conftest import ROOT

    new = load(ROOT / "data" / "examples" / "exercise-v2.yaml").briefing
    index = BriefingIndex(new)
    first, second, *_ = index.items
    state = Reader(PANES)
    state.show(index, Comparison({first: "changed", second: "added"}, 0))  # the very first items
    for current in (None, Ref("summary", "no-longer-there")):
        assert state.next_change(current) == Go(first, message="Change 1 of 2 (changed).")
        assert state.next_change(current, forward=False) == Go(second, message="Changes went round: change 2 of 2 (new).")
    assert state.next_change(first) == Go(second, message="Change 2 of 2 (new).")
