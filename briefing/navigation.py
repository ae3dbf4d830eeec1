"""Following citations: the trail from an item through its sources, and where the reader is.

Pure (no UI): the dashboard asks what a step along the citations leads to, which marker
to highlight, and whether the trail survives a move; it keeps the history of places.
"""

from __future__ import annotations

from typing import NamedTuple

from .history import History
from .index import BriefingIndex, Ref, source_ref

__all__ = ["History", "Place", "Step", "Trail", "follow", "trail_marks", "trail_survives"]


class Trail(NamedTuple):
    """Following the citations of ``origin``: ``position`` is the citation in view."""

    origin: Ref
    position: int


class Place(NamedTuple):
    """A point in the reader's history: the item in view, the trail being followed, and the
    entry of a source's cited-by list the reader left from (None elsewhere)."""

    ref: Ref | None
    trail: Trail | None
    entry: int | None = None


class Step(NamedTuple):
    """Where a step along the citations leads: a source and the trail to it, or why not."""

    target: Ref | None
    trail: Trail | None
    message: str | None = None
    severity: str = "information"


def follow(index: BriefingIndex, ref: Ref, step: int, trail: Trail | None) -> Step:
    """From ``ref``: ``step`` 0 goes to its first citation, +1 / -1 to the next / previous.

    On a trail (``ref`` is its origin, or a source it shows) the step moves along it;
    elsewhere +1 starts at the first citation and -1 at the last. Past either end the
    reader stays where they are and is told so, the same way at both ends.
    """
    if step and trail is not None and (ref == trail.origin or ref.kind == "sources"):
        origin, position = trail.origin, trail.position + step
    else:
        origin = ref
        citations = index.citations(origin)
        position = len(citations) - 1 if step < 0 else 0
    citations = index.citations(origin)
    if not citations:
        return Step(None, None, "This item cites no sources.")
    if position < 0:
        return Step(None, None, f"That was the first citation ({len(citations)} in all).")
    if position >= len(citations):
        return Step(None, None, f"That was the last citation ({len(citations)} in all).")
    target = source_ref(citations[position])
    if target not in index:
        return Step(None, None, f"Source [{citations[position]}] is not in this briefing.", "warning")
    return Step(target, Trail(origin, position))


def records_history(step_by: int, current: Trail | None, step: Step) -> bool:
    """Whether following a citation is a new step of history. A trail is one step: stepping
    along the trail in view (``]``/``[``, ``step_by`` ±1) records nothing, so that back returns
    to where it began; starting a trail (``enter``, 0) or one from another item does."""
    return not (step_by != 0 and current is not None and step.trail is not None and step.trail.origin == current.origin)


def trail_marks(index: BriefingIndex, trail: Trail | None) -> dict[Ref, int]:
    """The trail's origin row and the citation of it now in view (nothing off a trail)."""
    if trail is None or trail.origin not in index:
        return {}
    citations = index.citations(trail.origin)
    if not 0 <= trail.position < len(citations):
        return {}
    return {trail.origin: citations[trail.position]}


def trail_survives(index: BriefingIndex, trail: Trail | None, ref: Ref | None) -> bool:
    """A trail lasts while the reader is on its origin or on the source it shows."""
    if trail is None or ref is None:
        return False
    if ref == trail.origin:
        return True
    return ref.kind == "sources" and ref.key.isdigit() and int(ref.key) in trail_marks(index, trail).values()
