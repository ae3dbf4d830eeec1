"""The dashboard screen: it wires the panes to the reader's state and draws the result.

Where the reader is and what a key does there is decided in ``briefing.reader`` (pure);
the bars above the panes in ``headline``, the editor in ``editor``. The screen hears the
panes' messages, asks, and shows.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType

from ..index import Ref
from ..navigation import Place, Trail
from ..reader import Go
from .frame import BriefingFrame
from .headline import trail_text
from .panes import PANE_TITLES, PANES_KEYS, DetailPane, ItemList, PaneBar, SourcesList
from .widgets import OpenBriefing, say


class DashboardScreen(BriefingFrame):
    """Panes for each part of a briefing, a Detail pane, and navigation along citations."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding: it acts as the key arrives, before the keys typed behind it are
        # passed to the pane, so that those can be held for the search box.
        Binding("slash,ctrl+f", "search", "Search", key_display="/", priority=True, id="search"),
        Binding("backspace,b", "back", "Back", key_display="⌫/b", id="back"),
        Binding("f,alt+right", "forward", "Forward", show=False, id="forward"),
        Binding("tab", "cycle_pane(1)", "Next pane", show=False, priority=True, id="next-pane"),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False, priority=True, id="previous-pane"),
        *(Binding(key, f"focus_pane('{pane}')", f"{PANE_TITLES[pane]} pane", show=False, id=f"pane-{pane}") for pane, key in PANES_KEYS.items()),
        Binding("0", "focus_pane('detail')", "Detail pane", show=False, id="pane-detail"),
        Binding("n", "next_hit(1)", "Next hit", id="next-hit"),
        Binding("N", "next_hit(-1)", "Previous hit", show=False, id="previous-hit"),
        Binding("right_curly_bracket", "next_change(True)", "Next change", key_display="}", id="next-change"),
        Binding("left_curly_bracket", "next_change(False)", "Previous change", key_display="{", show=False, id="previous-change"),
        Binding("i", "watch", "Watch indicators", show=False, id="watch"),
        Binding("h", "hypotheses", "Competing hypotheses", show=False, id="hypotheses"),
        Binding("z", "zoom", "Zoom", show=False, id="zoom"),
        Binding("B", "fold_bluf", "Fold the BLUF", show=False, id="fold-bluf"),
        Binding("r,f5", "reload", "Reload", show=False, id="reload"),
        Binding("escape", "escape", "Step back", show=False, id="escape"),
    ]

    def shown_first(self) -> None:
        """The panes are mounted: the first pane is current, focused and unfolded."""
        self.pane_bar.show(self.reader.current_pane)
        self.action_focus_pane(self.reader.current_pane)

    def briefing_shown(self) -> None:
        self.body.mark(self.reader.keep_trail_only_on(self.current_ref()))
        self._update_detail()

    # --- where the reader is ------------------------------------------------------------

    def current_ref(self) -> Ref | None:
        return self.pane(self.reader.current_pane).highlighted_ref if self.index is not None else None

    focused_ref = current_ref  # what `e` edits

    def current_place(self) -> Place:
        return Place(self.current_ref(), self.reader.trail)

    def _update_detail(self) -> None:
        if self.index is None:
            return
        ref = self.current_ref()
        banner = self.reader.banner(ref)
        trail = trail_text(self.index.label(banner[0]), banner[1], banner[2]) if banner else None
        sources = self.pane("sources")
        if isinstance(sources, SourcesList):
            sources.follow_trail(banner is not None and self.reader.current_pane == "sources")
        shared = self.library is not None and ref is not None and ref.kind == "sources"
        elsewhere = self.library.also_in(str(self.source.path), int(ref.key)) if shared else ()  # type: ignore[union-attr]
        marks = self.reader.marks().get(ref) if ref else None
        self.detail.show(self.index, ref, marks, trail, self.reader.gone, elsewhere, *self.changed_since(ref))

    evidence_ready = _update_detail  # the quotes' marks are in: the item in view shows them

    def go(self, ref: Ref, trail: Trail | None = None, record: bool = True, leaving: Place | None = None, unfold: bool = False) -> None:
        """Show an item: select it in its pane, focus the pane, remember where we came from
        (``leaving``, when the place left is more than the item in view); ``unfold``: its pane
        takes the room (a jump leaves the room as it is)."""
        marks = self.reader.arrive(ref, trail, (leaving or self.current_place()) if record else None)
        if marks is None:
            say(self, "That item is no longer in the briefing.", "warning")
            return
        self.body.mark(marks)
        self._make_current(ref.collection, unfold)
        self.pane(ref.collection).select_ref(ref)
        self._focus(self.pane(ref.collection))
        self._update_detail()

    def _go(self, go: Go) -> None:
        """Carry out what the reader's state decided: a place to go, a message, or leaving."""
        self.body.mark(go.marks)
        if go.dismiss:
            self.dismiss()  # back to the library, or to the briefing a shared source left
        elif go.focus_list:
            self.action_focus_pane(self.reader.current_pane, unfold=False)
        elif go.ref is None:
            if go.message:
                say(self, go.message, go.severity)
            self._update_detail()
        else:
            self.go(go.ref, go.trail, record=go.record)
            if go.message:
                say(self, go.message, go.severity)
            if go.entry is not None and self.detail.count:  # back to the cited-by entry left from
                self.detail.select_entry(go.entry)
                self._focus(self.detail)

    def _make_current(self, name: str, unfold: bool = False) -> None:
        """Make a pane current (in narrow terminals: the one shown); ``unfold``: it takes the room."""
        change = self.reader.choose_pane(name, unfold)
        self.body.apply_pane_change(change, self.reader.current_pane)
        if change.left is not None:
            self.pane_bar.show(name)

    # --- messages from the panes ------------------------------------------------------

    @on(ItemList.Highlighted)
    def _pane_highlighted(self, event: ItemList.Highlighted) -> None:
        if event.pane.pane == self.reader.current_pane:
            if event.ref is not None:
                self.body.mark(self.reader.keep_trail_only_on(event.ref))
            self._update_detail()

    @on(ItemList.CiteRequested)
    def _cite(self, event: ItemList.CiteRequested) -> None:
        self._go(self.reader.follow(event.ref, event.step))

    @on(DetailPane.StepRequested)
    def _detail_step(self, event: DetailPane.StepRequested) -> None:
        ref = self.current_ref()
        if ref is not None:
            self._go(self.reader.follow(ref, event.step))

    @on(SourcesList.CitedByRequested)
    def _cited_by(self, event: SourcesList.CitedByRequested) -> None:
        # Typed fast, enter can arrive before the Detail pane has heard that the source
        # changed: bring it up to date first, or showing the source later resets the list.
        self._update_detail()
        if not self.detail.count:
            say(self, "Nothing cites this source.")
            return
        self.detail.select_entry(0, list_on_top=True)
        self._focus(self.detail)

    @on(DetailPane.JumpRequested)
    def _jump(self, event: DetailPane.JumpRequested) -> None:
        self.go(event.ref, leaving=self.current_place()._replace(entry=event.entry))

    @on(DetailPane.OpenElsewhere)
    def _open_elsewhere(self, event: DetailPane.OpenElsewhere) -> None:
        self.post_message(OpenBriefing(event.path, Ref("sources", str(event.source_id))))

    @on(SourcesList.WithdrawRequested)
    def _withdraw(self, event: SourcesList.WithdrawRequested) -> None:
        message = self.reader.toggle_withdrawn(int(event.ref.key))
        self.body.withdraw(self.reader.gone)
        self._show_status()
        self._update_detail()
        say(self, message)

    @on(PaneBar.Clicked)
    def _pane_chosen(self, event: PaneBar.Clicked) -> None:
        self.action_focus_pane(event.key)

    def on_descendant_focus(self, event) -> None:
        widget = event.widget
        if widget is not self.focused:  # a stale event: focus has moved on since it was sent
            return
        if self.reader.zoom and (widget is self.detail or isinstance(widget, ItemList)):
            self._zoom_to(widget)
        if isinstance(widget, ItemList) and widget.pane != self.reader.current_pane:  # a click, say
            self.action_focus_pane(widget.pane)

    # --- actions -------------------------------------------------------------------------

    def action_cycle_pane(self, step: int) -> None:
        focused = self.focused
        name = "detail" if focused is self.detail else focused.pane if isinstance(focused, ItemList) else None
        self.action_focus_pane(self.reader.cycle(name, step))

    def action_focus_pane(self, name: str, unfold: bool = True) -> None:
        if name == "detail":
            self._focus(self.detail)
            return
        self._make_current(name, unfold)
        self.body.mark(self.reader.keep_trail_only_on(self.current_ref()))
        self._update_detail()
        self._focus(self.pane(name))

    def _focus(self, widget) -> None:
        self.body.focus_now(widget)

    def action_back(self) -> None:
        self._go(self.reader.step_history(self.current_place(), forward=False))

    def action_forward(self) -> None:
        self._go(self.reader.step_history(self.current_place(), forward=True))

    def action_escape(self) -> None:
        """Step back one level: from the Detail pane to the current pane, then off the trail,
        back to the item it started from, then back to the library."""
        if not self.has_layout:
            if self.reader.from_library:
                self.dismiss()
            return
        self._go(self.reader.escape(isinstance(self.focused, ItemList), self.current_ref()))

    def action_reload(self) -> None:
        self.source.load(by_hand=True)

    def action_zoom(self) -> None:
        """The focused pane takes the whole body, and back. Focus moving elsewhere while
        zoomed takes the zoom along, so no key ever lands in a hidden pane."""
        self.reader.toggle_zoom("detail" if self.focused is self.detail else None)
        self._zoom_to(self.focused)

    def _zoom_to(self, widget) -> None:
        if self.reader.zoom is not None:
            self.reader.zoom = "detail" if widget is self.detail else "pane"
        target = widget if isinstance(widget, ItemList) or widget is self.detail else self.pane(self.reader.current_pane)
        self.body.zoom(self.reader.zoom, target)

    def action_fold_bluf(self) -> None:
        """Fold the BLUF to one line (more room for the panes), and unfold it."""
        self.reader.toggle_bluf()
        self._show_bluf()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.has_layout:  # still loading: nothing to act on but the way out
            return action in ("back", "escape")
        if action in ("search", "watch", "hypotheses"):
            return self.index is not None
        return True

    def offers(self, action: str) -> bool:
        """The watch list and the matrix only for a briefing that has them."""
        briefing = self.loaded.briefing if self.loaded is not None else None
        if action == "watch":  # asked at every redraw of the key bar: the index knows already
            return self.index is not None and bool(self.index.judgment_of)
        if action == "hypotheses":
            return briefing is not None and briefing.ach is not None
        if action == "next_hit":
            return bool(self.reader.search.hits)
        if action == "next_change":  # compare mode only
            return self.reader.comparison is not None
        return True

    def _open_dialog(self, dialog) -> None:
        """A dialog that answers with an item (a search hit, an indicator, a row's evidence): go there."""
        self.app.push_screen(dialog, lambda ref: self.go(ref) if ref is not None else None)

    def action_watch(self) -> None:
        from .screens import WatchScreen

        if not self.offers("watch"):
            say(self, "This briefing has no indicators to watch.")
        elif self.index is not None:
            self._open_dialog(WatchScreen(self))

    def action_hypotheses(self) -> None:
        from .screens import HypothesesScreen

        if not self.offers("hypotheses"):
            say(self, 'This briefing has no competing hypotheses (the README\'s "Competing hypotheses" says how to add them).')
        elif self.index is not None:
            self._open_dialog(HypothesesScreen(self.index, self.reader.gone, self.reader.comparison, self.changed_since(None)[1]))

    def action_search(self) -> None:
        from .screens import SearchScreen

        if self.index is not None:  # the app holds the keys typed behind "/" until its box has focus
            self.app.push_screen(SearchScreen(self.index, self.reader.search.query), self._searched)

    def _searched(self, searched) -> None:
        chosen = searched.hits.index(searched.ref) if searched.ref is not None else -1
        had_hits = bool(self.reader.search.hits)
        self.reader.searched(searched.query, searched.hits, chosen)
        if bool(self.reader.search.hits) != had_hits:
            self.refresh_bindings()  # n is offered from the first hit gone to
        if searched.ref is not None:
            self.go(searched.ref)

    def action_next_change(self, forward: bool) -> None:
        """} / {: the next or previous item new or changed since the older version."""
        self._go(self.reader.next_change(self.current_ref(), forward))

    def action_next_hit(self, step: int) -> None:
        """n / N: the next or previous hit of the last search, as in less and vim."""
        self._go(self.reader.next_hit(step))
