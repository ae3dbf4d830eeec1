"""The dashboard's body: the list panes in a column and the Detail pane beside them.

How the panes share the room — which one is unfolded, which is current (narrow terminals
show only it), which is zoomed — and showing a briefing in all of them. The reader's state
decides (``briefing.reader``); the body draws it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Horizontal, Vertical

from .panes import PANE_CLASSES, PANES, DetailPane, ItemList

if TYPE_CHECKING:
    from textual.widget import Widget

    from ..index import BriefingIndex, Ref
    from ..reader import Marks, PaneChange, Zoom


class Body(Horizontal):
    """The list panes and the Detail pane; the current pane takes the room, the others fold
    to their title and selected row."""

    def __init__(self, current: str) -> None:
        self.lists = {name: PANE_CLASSES.get(name, ItemList)(name, current=name == current) for name in PANES}
        self.detail = DetailPane()
        super().__init__(Vertical(*self.lists.values(), id="lists"), self.detail, id="main")
        self.narrow = False

    def pane(self, name: str) -> ItemList:
        return self.lists[name]

    def show(self, index: BriefingIndex, marks: dict[Ref, int], gone: frozenset[int], changes: dict[Ref, str]) -> None:
        """A briefing (the first, or a reloaded one) in every list pane; each keeps its scroll."""
        for pane in self.lists.values():
            pane.show(index, marks, gone, changes)

    def scrolls(self) -> dict[str, float]:
        return {name: pane.scroll_y for name, pane in self.lists.items()}

    def restore(self, scrolls: dict[str, float]) -> None:
        for name, pane in self.lists.items():
            pane.scroll_to(y=scrolls.get(name, 0), animate=False)

    def withdraw(self, gone: frozenset[int]) -> None:
        for pane in self.lists.values():
            pane.withdraw(gone)

    def mark(self, marks: Marks) -> None:
        """Redraw the rows whose trail mark changed."""
        for ref, current in marks.rows:
            self.lists[ref.collection].mark_row(ref, current)

    def apply_pane_change(self, change: PaneChange, current: str) -> None:
        """A pane became current, or took the room."""
        if change.unfolded is not None and change.folded is not None:
            self.lists[change.folded].remove_class("-unfolded")
            self.lists[change.unfolded].add_class("-unfolded")
        if change.left is not None and self.narrow:  # restyling costs a jump time: wide screens never read the class
            self.lists[change.left].remove_class("-current")
            self.lists[current].add_class("-current")

    def set_narrow(self, narrow: bool, current: str) -> None:
        if narrow and not self.narrow:
            for name, pane in self.lists.items():
                pane.set_class(name == current, "-current")
        self.narrow = narrow

    def focus_now(self, widget: Widget) -> None:
        """Focus now, not later: Widget.focus() defers, and keys typed fast behind a pane
        number would still go to the old pane. A widget hidden until the next refresh (the
        narrow layout's tabs) gets focus after that refresh."""
        if widget.focusable:
            self.screen.set_focus(widget)
        if self.screen.focused is not widget:
            self.call_after_refresh(widget.focus)

    def zoom(self, zoom: Zoom, target: Widget | None) -> None:
        """Zoom ``target`` (a list pane, or the Detail pane) to the whole body; None: unzoom."""
        self.query(".-zoom-target").remove_class("-zoom-target")
        if zoom == "pane" and isinstance(target, ItemList):
            target.add_class("-zoom-target")
        self.screen.set_class(zoom == "pane", "-zoomed")
        self.screen.set_class(zoom == "detail", "-zoomed-detail")
