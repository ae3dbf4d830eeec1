"""The briefing's shape: each kind of citable item, where the format keeps it, and how it is
named. Pure data, below everything: the model's cross-reference checks, the index and the
kind registry (``kinds.KINDS``, which must cover exactly these kinds) all read it.

A new kind of item is one line here, its model class, and its ``Kind`` in ``kinds.py``.
"""

from __future__ import annotations

from typing import NamedTuple


class Kept(NamedTuple):
    """Where the format keeps one kind of item, and how messages and references name one."""

    #: The kind of its references (``Ref.kind``) and its key in ``kinds.KINDS``.
    kind: str
    #: The list that holds them: a field of the briefing, or of the item they are nested in.
    field: str
    #: The kind they are nested in (a stakeholder's statements), None at the top level.
    within: str | None
    #: An item's key in its references: "id", "position" (1-based), "id or position", or
    #: either of those after the parent's key and a slash ("parent/position").
    key: str
    #: How a finding names one: a format string over the item's fields, ``position`` (1-based)
    #: and ``parent`` (the parent's id).
    named: str


#: Every kind, parents before what they hold, in the order the format lists them.
KEPT: tuple[Kept, ...] = (
    Kept("summary", "summary", None, "id", "bullet {id!r}"),
    Kept("bases", "bases", None, "id", "base {id!r}"),
    Kept("stakeholders", "stakeholders", None, "id", "stakeholder {id!r}"),
    Kept("statements", "statements", "stakeholders", "parent/position", "statement {position} of {parent!r}"),
    Kept("tensions", "tensions", None, "id", "tension {id!r}"),
    Kept("judgments", "judgments", None, "id", "judgment {id!r}"),
    Kept("indicators", "indicators", "judgments", "parent/id", "indicator {id!r} of judgment {parent!r}"),
    Kept("timeline", "timeline", None, "id or position", "timeline event {position} ({date})"),
    Kept("sources", "sources", None, "id", "source [{id}]"),
)

#: Each kind's entry, by its kind.
KEPT_BY_KIND: dict[str, Kept] = {kept.kind: kept for kept in KEPT}

#: The collections of a briefing that hold citable items, in the order the format lists them.
COLLECTIONS: tuple[str, ...] = tuple(kept.kind for kept in KEPT if kept.within is None)

#: Kinds listed inside another collection: a stakeholder's statements, a judgment's indicators.
NESTED_IN: dict[str, str] = {kept.kind: kept.within for kept in KEPT if kept.within is not None}

#: What each kind holds nested inside it.
NESTED: dict[str, tuple[Kept, ...]] = {parent: tuple(kept for kept in KEPT if kept.within == parent) for parent in COLLECTIONS}


def item_key(kept: Kept, item_id: object, position: int, parent: str | None = None) -> str:
    """The key of an item's reference: its id, or its 1-based position where it has none;
    after its parent's key for nested kinds."""
    rule = kept.key.removeprefix("parent/")
    if rule == "position" or (rule == "id or position" and not item_id):
        key = f"{position + 1}" if rule == "position" else f"#{position + 1}"
    else:
        key = str(item_id)
    return f"{parent}/{key}" if kept.within is not None else key


class _Fields(dict[str, object]):
    """An item's data for a message: a field it lacks reads as None."""

    def __missing__(self, key: str) -> object:
        return None


def named(kept: Kept, fields: dict[str, object], position: int, parent: object = None) -> str:
    """How a finding names an item (``fields``: its data, as written)."""
    return kept.named.format_map(_Fields(fields, position=position + 1, parent=parent))
