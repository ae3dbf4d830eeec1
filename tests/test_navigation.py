"""The pure navigation layer: the citation trail and the history, without a screen."""

from __future__ import annotations

import yaml

from briefing.history import History
from briefing.index import BriefingIndex, Ref
from briefing.model import Briefing
from briefing.navigation import Place, Step, Trail, follow, trail_marks, trail_survives

from .conftest import MINIMAL

B1, B2 = Ref("summary", "b1"), Ref("summary", "b2")  # b1 cites [1, 2]; b2 cites [2]
S1, S2 = Ref("sources", "1"), Ref("sources", "2")
TENSION = Ref("tensions", "t1")  # cites [1]


def index(text: str = MINIMAL) -> BriefingIndex:
    return BriefingIndex(Briefing.model_validate(yaml.safe_load(text)))


def test_following_starts_at_the_first_citation():
    assert follow(index(), B1, 0, None) == Step(S1, Trail(B1, 0))


def test_next_and_previous_move_along_the_trail_from_its_origin_or_its_source():
    idx = index()
    assert follow(idx, S1, 1, Trail(B1, 0)) == Step(S2, Trail(B1, 1))
    assert follow(idx, B1, 1, Trail(B1, 0)) == Step(S2, Trail(B1, 1))
    assert follow(idx, S2, -1, Trail(B1, 1)) == Step(S1, Trail(B1, 0))


def test_off_a_trail_previous_starts_at_the_last_citation_and_next_at_the_first():
    idx = index()
    assert follow(idx, B1, -1, None) == Step(S2, Trail(B1, 1))
    assert follow(idx, B1, 1, None) == Step(S1, Trail(B1, 0))
    # A trail of another item does not carry over to an item that is not a source.
    assert follow(idx, B2, 1, Trail(B1, 0)) == Step(S2, Trail(B2, 0))


def test_both_ends_of_the_trail_stay_put_and_say_so():
    idx = index()
    assert follow(idx, S2, 1, Trail(B1, 1)) == Step(None, None, "That was the last citation (2 in all).")
    assert follow(idx, S1, -1, Trail(B1, 0)) == Step(None, None, "That was the first citation (2 in all).")


def test_an_item_without_citations_says_so():
    stakeholder = Ref("stakeholders", "alpha")
    assert follow(index(), stakeholder, 0, None) == Step(None, None, "This item cites no sources.")


def test_a_citation_of_a_missing_source_is_a_warning():
    # The loader refuses dangling citations; a model built by hand can still have one.
    text = MINIMAL.replace("citations: [1, 2]", "citations: [7]")
    step = follow(index(text), B1, 0, None)
    assert step == Step(None, None, "Source [7] is not in this briefing.", "warning")


def test_trail_marks_name_the_citation_in_view():
    idx = index()
    assert trail_marks(idx, Trail(B1, 0)) == {B1: 1}
    assert trail_marks(idx, Trail(B1, 1)) == {B1: 2}
    assert trail_marks(idx, None) == {}
    assert trail_marks(idx, Trail(B1, 2)) == {}  # past its end
    assert trail_marks(idx, Trail(B1, -1)) == {}
    assert trail_marks(idx, Trail(Ref("summary", "gone"), 0)) == {}


def test_a_trail_survives_on_its_origin_and_its_source_only():
    idx = index()
    trail = Trail(B1, 1)  # showing [2]
    assert trail_survives(idx, trail, B1)
    assert trail_survives(idx, trail, S2)
    assert not trail_survives(idx, trail, S1)  # another of its sources, not the one in view
    assert not trail_survives(idx, trail, B2)
    assert not trail_survives(idx, trail, None)
    assert not trail_survives(idx, None, B1)


def test_history_goes_back_and_forward_like_a_browser():
    history: History[str] = History()
    assert history.back("a") is None and not history.can_go_back
    history.visit("a")
    history.visit("b")
    assert len(history) == 2 and history.can_go_back and not history.can_go_forward
    assert history.back("c") == "b"
    assert history.can_go_forward
    assert history.back("b") == "a"
    assert history.forward("a") == "b"
    assert history.forward("b") == "c"
    assert history.forward("c") is None
    assert history.back("c") == "b"  # forward kept the place it left


def test_visiting_forgets_forward_and_does_not_repeat_the_last_place():
    history: History[str] = History()
    history.visit("a")
    assert history.back("b") == "a" and history.can_go_forward
    history.visit("a")  # somewhere new from "a": forward ("b") is forgotten
    assert len(history) == 1 and not history.can_go_forward
    history.visit("c")
    assert history.back("d") == "c" and history.can_go_forward
    history.visit("a")  # leaving from the place already last on the way back: not added twice
    assert len(history) == 1 and not history.can_go_forward


def test_history_is_capped_and_keeps_the_newest_places():
    history: History[int] = History(limit=3)
    for place in range(10):
        history.visit(place)
    assert len(history) == 3
    assert [history.back(99), history.back(99), history.back(99), history.back(99)] == [9, 8, 7, None]


def test_the_default_cap_bounds_a_long_session():
    history: History[int] = History()
    for place in range(2000):
        history.visit(place)
    assert len(history) == 500


def test_places_compare_by_item_and_trail():
    assert Place(B1, None) == Place(B1, None)
    assert Place(B1, Trail(B1, 0)) != Place(B1, Trail(B1, 1))


def test_a_trail_is_one_step_of_history():
    """Stepping along the trail in view records nothing; starting one, or one from another
    item, is a step (the rule the dashboard follows, pure)."""
    from briefing.navigation import Step, Trail, records_history

    bullet, other = Ref("summary", "a"), Ref("summary", "b")
    along = Step(Ref("sources", "2"), Trail(bullet, 1))
    assert records_history(0, None, Step(Ref("sources", "1"), Trail(bullet, 0)))  # enter: a new trail
    assert not records_history(1, Trail(bullet, 0), along)  # ] along it
    assert not records_history(-1, Trail(bullet, 1), Step(Ref("sources", "1"), Trail(bullet, 0)))  # [ back along it
    assert records_history(1, Trail(other, 0), along)  # ] from another item's trail: a new one
    assert records_history(1, None, along)  # ] with no trail in view
    assert records_history(0, Trail(bullet, 0), Step(Ref("sources", "1"), Trail(bullet, 0)))  # enter again: a step
