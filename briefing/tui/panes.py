"""The panes: one small widget class per pane, each with its own bindings and actions.

Panes never navigate by themselves: they post messages (``CiteRequested``,
``JumpRequested``) that the app handles, so that history and the citation
trail live in one place.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from ..index import PANE_TITLES, BriefingIndex, Ref
from ..render import cited_by_entry, detail, row
from .virtual_list import VirtualList

class RefMessage(Message):
    """A message about one item."""

    def __init__(self, ref: Ref) -> None:
        super().__init__()
        self.ref = ref


class ItemList(VirtualList):
    """A pane listing one kind of item, each row with its citation markers."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,c", "cite", "Go to source", id="cite"),
        Binding("]", "step_citation(1)", "Next cite", id="next-citation"),
        Binding("[", "step_citation(-1)", "Prev cite", id="previous-citation"),
    ]

    class CiteRequested(Message):
        """The reader wants to follow the highlighted item's citations: ``step`` 0 first, ±1 next/previous."""

        def __init__(self, pane: ItemList, ref: Ref, step: int) -> None:
            super().__init__()
            self.pane = pane
            self.ref = ref
            self.step = step

    class Highlighted(Message):
        """The reader moved to another item in this pane."""

        def __init__(self, pane: ItemList, ref: Ref | None) -> None:
            super().__init__()
            self.pane = pane
            self.ref = ref

    def __init__(self, pane: str, current: bool = False) -> None:
        super().__init__(id=f"pane-{pane}", classes="pane -current" if current else "pane")
        self.pane = pane
        self.border_title = f"{PANES_KEYS[pane]} {PANE_TITLES[pane]}"
        self.refs: list[Ref] = []
        self._positions: dict[Ref, int] = {}
        self._index: BriefingIndex | None = None
        self._marks: dict[Ref, int] = {}
        self._withdrawn: frozenset[int] = frozenset()
        self._changes: dict[Ref, str] = {}

    def withdraw(self, withdrawn: frozenset[int]) -> None:
        """Show which rows depend on withdrawn sources (and which are left with none)."""
        if withdrawn != self._withdrawn and self._index is not None:
            self._withdrawn = withdrawn
            self.set_rows(len(self.refs), self._row, keep=self.highlighted)

    def show(
        self,
        index: BriefingIndex,
        marks: dict[Ref, int] | None = None,
        withdrawn: frozenset[int] = frozenset(),
        changes: dict[Ref, str] | None = None,
    ) -> None:
        """Fill the pane from an index, keeping the highlighted item when it still exists.

        ``marks``: the citation in view on the trail's origin row; ``withdrawn``: sources the
        reader has withdrawn; ``changes``: compare mode's new and changed items."""
        keep = self.highlighted_ref
        self._index = index
        self._marks = dict(marks or {})
        self._withdrawn = withdrawn
        self._changes = changes or {}
        self.refs = index.order[self.pane]
        self._positions = {ref: position for position, ref in enumerate(self.refs)}
        self.border_subtitle = f"{sum(1 for ref in self.refs if ref.kind == self.pane):,}"
        self.set_rows(len(self.refs), self._row, keep=self._positions.get(keep) if keep else None)

    def _row(self, position: int) -> Text:
        ref = self.refs[position]
        text = row(self._index, ref, self._marks.get(ref), self._withdrawn)
        change = self._changes.get(ref)
        if change is not None:  # compare mode
            return Text.assemble(("✚ new " if change == "added" else "✎ ", "bold green" if change == "added" else "bold yellow"), text)
        return text

    def row_text(self, ref: Ref) -> Text:
        """The row as drawn now (tests read the citation marker in view from it)."""
        return self._row(self._positions[ref])

    def mark_row(self, ref: Ref, current: int | None = None) -> None:
        """Highlight (or stop highlighting) the marker of the citation now in view on a row."""
        position = self._positions.get(ref)
        if position is None:
            return
        if current is None:
            self._marks.pop(ref, None)
        else:
            self._marks[ref] = current
        self.refresh_row(position)

    @property
    def highlighted_ref(self) -> Ref | None:
        if self.highlighted is None or self.highlighted >= len(self.refs):
            return None
        return self.refs[self.highlighted]

    def select_ref(self, ref: Ref) -> bool:
        position = self._positions.get(ref)
        if position is None:
            return False
        self.highlighted = position
        return True

    def action_cite(self) -> None:
        if self.highlighted_ref is not None:
            self.post_message(self.CiteRequested(self, self.highlighted_ref, 0))

    def action_step_citation(self, step: int) -> None:
        if self.highlighted_ref is not None:
            self.post_message(self.CiteRequested(self, self.highlighted_ref, step))

    @on(VirtualList.Moved)
    def _announce(self, event: VirtualList.Moved) -> None:
        event.stop()
        self.post_message(self.Highlighted(self, self.highlighted_ref))


class SourcesList(ItemList):
    """The sources: `enter` lists what cites the source, `o` opens its URL."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,c", "cited_by", "Cited by", id="cited-by"),
        Binding("o", "open_url", "Open URL", id="open-url"),
        Binding("w", "withdraw", "Withdraw", id="withdraw"),
    ]

    class WithdrawRequested(RefMessage):
        """What if this source is wrong? Toggle it withdrawn for the session."""

    class CitedByRequested(RefMessage):
        """List what cites this source."""

    class OpenRequested(RefMessage):
        """Open this source's URL."""

    def action_withdraw(self) -> None:
        if self.highlighted_ref is not None:
            self.post_message(self.WithdrawRequested(self.highlighted_ref))

    def action_cited_by(self) -> None:
        if self.highlighted_ref is not None:
            self.post_message(self.CitedByRequested(self.highlighted_ref))

    def action_open_url(self) -> None:
        if self.highlighted_ref is not None:
            self.post_message(self.OpenRequested(self.highlighted_ref))


PANE_CLASSES: dict[str, type[ItemList]] = {"sources": SourcesList}
PANES_KEYS = {pane: str(number) for number, pane in enumerate(PANE_TITLES, 1)}


class CitedByList(VirtualList):
    """Everything that cites the source in the Detail pane; `enter` jumps to it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "jump", "Jump to it", id="jump"),
    ]
    MAX_HEIGHT = 14
    WRAP = False  # one line per entry: a source can be cited by thousands of items

    class JumpRequested(RefMessage):
        """Go to this item."""

    def __init__(self) -> None:
        super().__init__(id="cited-by")
        self.border_title = "Cited by"
        self.refs: list[Ref] = []
        self._index: BriefingIndex | None = None

    def show(self, index: BriefingIndex, refs: list[Ref]) -> None:
        self.refs = refs
        self._index = index
        self.display = bool(refs)
        self.border_subtitle = f"{len(refs):,}"
        self.styles.height = min(len(refs), self.MAX_HEIGHT) + 2
        self.set_rows(len(refs), lambda position: cited_by_entry(index, self.refs[position]))

    def action_jump(self) -> None:
        if self.highlighted is not None and self.highlighted < len(self.refs):
            self.post_message(self.JumpRequested(self.refs[self.highlighted]))

    @on(VirtualList.Moved)
    def _moved(self, event: VirtualList.Moved) -> None:
        event.stop()


class DetailPane(VerticalScroll):
    """The selected item in full; for a source, the selectable list of what cites it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="detail", classes="pane")
        self.border_title = "0 Detail"
        self._shown_key: tuple | None = None
        self._heights: dict[str | None, int] = {}
        self.trail_line = Static(id="detail-trail")
        self.body = Static(id="detail-body")
        self.cited_by = CitedByList()

    def compose(self):
        yield from (self.trail_line, self.body, self.cited_by)

    def show(self, index: BriefingIndex, ref: Ref | None, current: int | None, trail: Text | None) -> None:
        # A jump reaches here from several messages; drawing (and laying out) again is the costly part.
        key = (id(index), ref, current, trail.plain if trail is not None else None)
        if key == self._shown_key:
            return
        self._shown_key = key
        body, cited_by, trail_line = self.body, self.cited_by, self.trail_line
        trail_line.display = trail is not None
        if trail is not None:
            self._update(trail_line, trail)
        if ref is None or ref not in index:
            self._update(body, Text("Nothing selected.", "dim"))
            cited_by.show(index, [])
            return
        is_source = ref.kind == "sources"
        refs = index.cited_by.get(int(ref.key), []) if is_source else []
        self._update(body, detail(index, ref, current, cited_by=is_source and not refs))
        cited_by.show(index, refs)

    def _update(self, widget: Static, renderable) -> None:
        """Update a Static, laying the screen out again only when its height changes.

        Measuring costs one render; a layout of the whole screen costs far more, and
        moving between items of the same shape (source to source) keeps the height."""
        width = widget.content_region.width
        if not width:
            widget.update(renderable)
            return
        console = self.app.console
        height = len(console.render_lines(renderable, console.options.update(width=width, height=None), pad=False))
        widget.update(renderable, layout=height != self._heights.get(widget.id))
        self._heights[widget.id] = height
