"""The dashboard's body: the list panes in a column and the Detail pane beside them.

How the panes share the room — which one is unfolded, which is current (narrow terminals
show only it), which is zoomed — and showing a briefing in all of them. The reader's state
decides (``briefing.reader``); the body draws it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.containers import Horizontal, Vertical

from ..room import FRAME, blank_rows, share
from .panes import PANE_CLASSES, PANES, TITLE_GUTTER, DetailPane, ItemList
from .widgets import set_height

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
        self.unfolded = self.current = current
        for name, pane in self.lists.items():
            pane.set_class(name != current, "-folded")

    # --- the room: rows for each pane --------------------------------------------------

    @on(DetailPane.Resized)
    def _resized(self) -> None:
        self.fit()

    def _fold(self) -> None:
        """Fold every pane but the unfolded one — and the one shown alone (narrow, zoomed) —
        then share the rows again."""
        for name, pane in self.lists.items():
            alone = (self.narrow and name == self.current) or pane.has_class("-zoom-target")
            pane.set_class(name != self.unfolded and not alone, "-folded")
        self.fit()

    def fit(self) -> None:
        """Rows for each list pane, from what each needs to show in full (``briefing.room``):
        no pane's text is cut while another has rows to spare. Narrow or zoomed, one pane
        is shown and the stylesheet sizes it."""
        if not self.is_mounted:
            return
        # The column is hidden (never drawn, see app.tcss), and so never told its size: the
        # Detail pane beside it is as high, and the screen's width is theirs.
        height = self.detail.outer_size.height
        width = self.screen.size.width - self.detail.outer_size.width
        if self.narrow or self.screen.has_class("-zoomed") or self.screen.has_class("-zoomed-detail") or not height or not width:
            for pane in self.lists.values():
                set_height(pane, None)  # the stylesheet's
            self._alone_in_full()
            return
        # Rows as short as their kinds make them; where that leaves rows to spare, in full
        # (a source's whole note) — more text, never more cut.
        for pane in self.lists.values():
            pane.set_in_full(False)
        rows, needs = self._share(height, width)
        if blank_rows(rows, needs, self.unfolded) and any(pane.set_in_full(True) for pane in self.lists.values()):
            rows, needs = self._share(height, width)
        for name, pane in self.lists.items():
            set_height(pane, None if name == self.unfolded else rows[name])  # the unfolded one: the rest (1fr)

    def _share(self, height: int, width: int) -> tuple[dict[str, int], dict[str, int]]:
        needs, selected = {}, {}
        for name, pane in self.lists.items():
            framed = not pane.has_class("-folded")
            inner = width - (FRAME if framed else TITLE_GUTTER) - 1  # and the scrollbar's column
            needs[name] = max(pane.lines_needed(inner, height), 1)
            selected[name] = pane.row_lines_needed(pane.highlighted or 0, inner)
        return share(height, self.unfolded, needs, selected), needs

    def _alone_in_full(self) -> None:
        """The one pane shown (narrow, zoomed): its rows in full when all of them fit."""
        shown = next((pane for pane in self.lists.values() if not pane.has_class("-folded") and pane.display), None)
        if shown is None or not shown.SHORTENS or not shown.size.height:
            return
        shown.set_in_full(True)
        if shown.lines_needed(shown.scrollable_content_region.width - shown.label_width(), shown.size.height + 1) > shown.size.height:
            shown.set_in_full(False)

    def pane(self, name: str) -> ItemList:
        return self.lists[name]

    def show(self, index: BriefingIndex, marks: dict[Ref, int], gone: frozenset[int], changes: dict[Ref, str]) -> None:
        """A briefing (the first, or a reloaded one) in every list pane; each keeps its scroll."""
        for pane in self.lists.values():
            pane.show(index, marks, gone, changes)
        self.fit()  # (the first briefing's panes have no size yet: the Detail pane's resize fits them)

    def scrolls(self) -> dict[str, float]:
        return {name: pane.scroll_y for name, pane in self.lists.items()}

    def restore(self, scrolls: dict[str, float]) -> None:
        for name, pane in self.lists.items():
            pane.scroll_to(y=scrolls.get(name, 0), animate=False)

    def withdraw(self, gone: frozenset[int]) -> None:
        for pane in self.lists.values():
            pane.withdraw(gone)
        self.fit()

    def mark(self, marks: Marks) -> None:
        """Redraw the rows whose trail mark changed."""
        for ref, current in marks.rows:
            self.lists[ref.collection].mark_row(ref, current)

    def apply_pane_change(self, change: PaneChange, current: str) -> None:
        """A pane became current, or took the room."""
        self.current = current
        if change.unfolded is not None and change.folded is not None:
            self.lists[change.folded].remove_class("-unfolded")
            self.lists[change.unfolded].add_class("-unfolded")
            self.unfolded = change.unfolded
        if change.left is not None and self.narrow:  # restyling costs a jump time: wide screens never read the class
            self.lists[change.left].remove_class("-current")
            self.lists[current].add_class("-current")
        if change.unfolded is not None or (change.left is not None and self.narrow):
            self._fold()

    def set_narrow(self, narrow: bool, current: str) -> None:
        if narrow and not self.narrow:
            for name, pane in self.lists.items():
                pane.set_class(name == current, "-current")
        changed, self.narrow, self.current = narrow != self.narrow, narrow, current
        if changed:
            self._fold()

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
        self._fold()
