"""The reader's state in the dashboard, and the rules that change it. Pure, no UI.

Where the reader is (the current pane, the one unfolded, the citation trail and the
history), what they set aside (withdrawn sources and all that derives only from them),
what they compare against, and how the screen is arranged (zoom, the folded BLUF). The
dashboard screen asks this module what a key does and draws the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NamedTuple

from .history import History
from .navigation import Place, Step, Trail, follow, records_history, trail_marks, trail_survives
from .tradecraft import withdrawn_with_derivations

if TYPE_CHECKING:
    from .index import BriefingIndex
    from .refs import Ref
    from .tradecraft import Comparison

Zoom = Literal["pane", "detail"] | None


class Marks(NamedTuple):
    """Rows whose trail mark changes: ``(ref, citation shown or None)`` each."""

    rows: tuple[tuple[Ref, int | None], ...] = ()


class PaneChange(NamedTuple):
    """What choosing a pane changed: the pane that lost the room and the one that took it
    (both None when the room stayed), and the pane that stopped being current (None when
    it did not change)."""

    folded: str | None = None
    unfolded: str | None = None
    left: str | None = None


class Go(NamedTuple):
    """What a step does: go to an item (and the trail to it), or say why not; or focus the
    current list; or leave the briefing. ``marks``: rows whose trail mark it changed."""

    ref: Ref | None
    trail: Trail | None = None
    record: bool = True
    message: str | None = None
    severity: str = "information"
    entry: int | None = None
    #: Leave the briefing (back, or escape, at the start of one opened from the library).
    dismiss: bool = False
    focus_list: bool = False
    marks: Marks = Marks()


class Search(NamedTuple):
    """The last search: its words, its hits, and the one the reader went to (-1: none yet)."""

    query: str = ""
    hits: tuple[Ref, ...] = ()
    position: int = -1


GONE = "That item is no longer in the briefing."


@dataclass
class Reader:
    """One reader's state over one dashboard. ``panes``: the list panes, in order."""

    panes: Sequence[str]
    index: BriefingIndex | None = None
    comparison: Comparison | None = None
    history: History[Place] = field(default_factory=History)
    trail: Trail | None = None
    #: Sources withdrawn this session ("what if [n] is wrong?"), and with them every source
    #: that derives only from withdrawn ones.
    withdrawn: frozenset[int] = frozenset()
    gone: frozenset[int] = frozenset()
    current_pane: str = ""
    #: The pane that has the room (the reader's choice); the others are folded.
    unfolded: str = ""
    bluf_folded: bool = False
    zoom: Zoom = None
    #: Opened from the library: back and escape at the start return to it.
    from_library: bool = False
    search: Search = field(default_factory=Search)

    def __post_init__(self) -> None:
        self.current_pane = self.current_pane or self.panes[0]
        self.unfolded = self.unfolded or self.current_pane

    # --- the briefing ---------------------------------------------------------------

    def show(self, index: BriefingIndex, comparison: Comparison | None = None) -> None:
        """A briefing is on screen, the first or a reloaded one: keep what still applies
        (a trail whose origin is gone ends; a withdrawn source no longer there is forgotten)."""
        self.index, self.comparison = index, comparison
        if self.trail is not None and self.trail.origin not in index:
            self.trail = None
        self.withdrawn = frozenset(s for s in self.withdrawn if s in index.sources)
        self.gone = withdrawn_with_derivations(index, self.withdrawn)

    @property
    def changes(self) -> dict[Ref, str]:
        return self.comparison.changes if self.comparison else {}

    def toggle_withdrawn(self, source_id: int) -> str:
        """Withdraw a source, or restore it; what to tell the reader (and that the matrix's
        lead changed, when it did)."""
        before = self.leaders()
        self.withdrawn = self.withdrawn ^ {source_id}
        self.gone = withdrawn_with_derivations(self.index, self.withdrawn) if self.index is not None else self.withdrawn
        verb = "Withdrew" if source_id in self.withdrawn else "Restored"
        return f"{verb} source [{source_id}]. w again toggles it back." + lead_change(before, self.leaders())

    def leaders(self) -> tuple[str, ...]:
        """The competing hypotheses in the lead, with the withdrawn sources set aside (none
        without a matrix)."""
        briefing = self.index.briefing if self.index is not None else None
        if briefing is None or briefing.ach is None:
            return ()
        from .ach import score

        return tuple(score(briefing.hypotheses, briefing.ach, self.index, self.gone).leading)

    # --- the trail --------------------------------------------------------------------

    def marks(self) -> dict[Ref, int]:
        """The trail's origin row and the citation of it in view."""
        return trail_marks(self.index, self.trail) if self.index is not None else {}

    def set_trail(self, trail: Trail | None) -> Marks:
        """Follow ``trail`` (None: none). The rows whose mark changes."""
        if self.index is None:
            return Marks()
        old, self.trail = self.trail, trail
        rows: list[tuple[Ref, int | None]] = []
        if old is not None and old.origin in self.index and (trail is None or trail.origin != old.origin):
            rows.append((old.origin, None))
        if trail is not None and trail.origin in self.index:
            rows.append((trail.origin, self.marks().get(trail.origin)))
        return Marks(tuple(rows))

    def keep_trail_only_on(self, ref: Ref | None) -> Marks:
        """The reader moved to ``ref``: the trail ends unless it is its origin or the source it shows."""
        if self.trail is not None and self.index is not None and not trail_survives(self.index, self.trail, ref):
            return self.set_trail(None)
        return Marks()

    def banner(self, ref: Ref | None) -> tuple[Ref, int, int] | None:
        """The trail banner over ``ref``: (origin, citation in view, citations) — only while
        ``ref`` is on the trail and is not its origin."""
        if self.trail is None or self.index is None or self.trail.origin not in self.index or ref == self.trail.origin:
            return None
        if not trail_survives(self.index, self.trail, ref):
            return None
        return self.trail.origin, self.trail.position, len(self.index.citations(self.trail.origin))

    def follow(self, ref: Ref, step_by: int) -> Go:
        """From ``ref`` along its citations: 0 the first, +1 / -1 the next / previous."""
        if self.index is None:
            return Go(None)
        step: Step = follow(self.index, ref, step_by, self.trail)
        if step.target is None:
            return Go(None, message=step.message, severity=step.severity)
        return Go(step.target, step.trail, records_history(step_by, self.trail, step))

    def arrive(self, ref: Ref, trail: Trail | None, leaving: Place | None) -> Marks | None:
        """Going to ``ref`` (from ``leaving``, recorded when given): None when it is gone."""
        if self.index is None or ref not in self.index:
            return None
        if leaving is not None:
            self.history.visit(leaving)
        return self.set_trail(trail)

    # --- history ------------------------------------------------------------------------

    def step_history(self, current: Place, forward: bool) -> Go:
        """Back (or forward) one place; at the start of a briefing from the library, back leaves it."""
        place = self.history.forward(current) if forward else self.history.back(current)
        if place is None:
            if not forward and self.from_library:
                return Go(None, dismiss=True)
            return Go(None, message=f"Nothing to go {'forward' if forward else 'back'} to.")
        if self.index is None or place.ref is None or place.ref not in self.index:
            return Go(None, message=GONE, severity="warning")
        return Go(place.ref, place.trail, record=False, entry=place.entry)

    def escape(self, on_list: bool, current: Ref | None) -> Go:
        """Step back one level: from the Detail pane to the current list, then off the trail
        (back to the item it started from), then out of a briefing opened from the library."""
        if not on_list:
            return Go(None, focus_list=True)
        if self.trail is None:
            return Go(None, dismiss=self.from_library)
        origin = self.trail.origin
        marks = self.set_trail(None)
        if current != origin and self.index is not None and origin in self.index:
            return Go(origin, marks=marks)
        return Go(None, marks=marks)

    # --- search ---------------------------------------------------------------------------

    def searched(self, query: str, hits: Sequence[Ref] = (), chosen: int = -1) -> None:
        """The search box closed: its words are kept (``/`` shows them again); its hits, when
        the reader went to one (``n`` and ``N`` go on from there)."""
        self.search = Search(query, tuple(hits), chosen) if hits and chosen >= 0 else Search(query, self.search.hits, self.search.position)

    def next_hit(self, step: int) -> Go:
        """The next (``step`` 1) or previous (-1) hit of the last search, round at either end."""
        hits, position = self.search.hits, self.search.position
        if not hits:
            return Go(None, message="No search to repeat: / searches.")
        target = (position + step) % len(hits)
        self.search = self.search._replace(position=target)
        wrapped = target != position + step  # past either end, round to the other
        message = f"Search went round: hit {target + 1} of {len(hits)}." if wrapped else None
        return Go(hits[target], message=message)

    def next_change(self, current: Ref | None, forward: bool = True) -> Go:
        """Compare mode: the next (or, not ``forward``, the previous) item new or changed since
        the older version, in the briefing's order from ``current``, round at either end."""
        if self.comparison is None or self.index is None:
            return Go(None, message="Not comparing: open with --compare NEW to walk the changes.")
        changed = [ref for ref in self.index.items if ref in self.comparison.changes]
        if not changed:
            return Go(None, message="Nothing new or changed since the older version.")
        order: dict[Ref | None, int] = {ref: position for position, ref in enumerate(self.index.items)}
        here = order.get(current, -1)  # no item, or one no longer there: before the first
        later = [ref for ref in changed if order[ref] > here] if forward else [ref for ref in reversed(changed) if order[ref] < here]
        target = later[0] if later else changed[0 if forward else -1]
        number = changed.index(target) + 1
        what = "new" if self.comparison.changes[target] == "added" else "changed"
        went_round = "Changes went round: change" if not later else "Change"
        return Go(target, message=f"{went_round} {number} of {len(changed)} ({what}).")

    # --- the arrangement ------------------------------------------------------------------

    def choose_pane(self, name: str, unfold: bool = False) -> PaneChange:
        """Make ``name`` the current pane; ``unfold``: the reader chose it (a number, tab, a
        click), so it takes the room. A jump along citations leaves the room where it is, so
        that following a trail never lays out the screen."""
        if name not in self.panes:
            return PaneChange()
        folded = unfolded = None
        if unfold and name != self.unfolded:
            folded, unfolded, self.unfolded = self.unfolded, name, name
        left = None
        if name != self.current_pane:
            left, self.current_pane = self.current_pane, name
        return PaneChange(folded, unfolded, left)

    def cycle(self, focused: str | None, step: int) -> str:
        """The pane after (or before) ``focused`` in tab order: the list panes, then Detail."""
        order = [*self.panes, "detail"]
        position = order.index(focused) if focused in order else self.panes.index(self.current_pane)
        return order[(position + step) % len(order)]

    def toggle_zoom(self, focused: str | None) -> Zoom:
        """Zoom the focused pane (``detail`` or a list pane) to the whole body, or back."""
        self.zoom = None if self.zoom else "detail" if focused == "detail" else "pane"
        return self.zoom

    def toggle_bluf(self) -> bool:
        self.bluf_folded = not self.bluf_folded
        return self.bluf_folded


def lead_change(before: tuple[str, ...], after: tuple[str, ...]) -> str:
    """ " The matrix's lead passes from interim to renew." — or nothing, when it stays."""
    if before == after or not before or not after:
        return ""
    return f" The matrix's lead passes from {', '.join(before)} to {', '.join(after)}."
