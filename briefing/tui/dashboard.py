"""The dashboard screen: it wires the panes to the reader's state and draws the result.

Where the reader is and what a key does there is decided in ``briefing.reader`` (pure);
the bars above the panes in ``headline``, the editor in ``editor``. The screen hears the
panes' messages, asks, and shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

from ..index import BriefingIndex, Ref
from ..navigation import Place, Trail
from ..reader import Go, Marks, Reader
from ..render import bluf
from ..text import clean
from .editor import edit
from .headline import BlufBar, ErrorBanner, StatusLine, title_text, trail_text
from .keybar import KeyBar
from .loading import BriefingFile
from .panes import PANE_CLASSES, PANE_TITLES, PANES, PANES_KEYS, DetailPane, ItemList, PaneBar, SourcesList
from .widgets import OneLine, OpenBriefing, say

if TYPE_CHECKING:
    from ..library import Library
    from ..loader import Loaded

NARROW_BELOW = 100  # columns: below this one list pane at a time, the pane bar above


class DashboardScreen(Screen):
    """Panes for each part of a briefing, a Detail pane, and navigation along citations."""

    # Textual's Screen repaints the whole screen when focus moves; the stylesheet already
    # redraws what focus restyles (the two panes' borders and highlights). A jump moves focus:
    # a full repaint of a large briefing's panes made it 30–60 ms, now it is the panes that change.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (NARROW_BELOW, "-wide")]  # type: ignore[misc]  # Textual declares it per instance
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
        Binding("i", "watch", "Watch indicators", show=False, id="watch"),
        Binding("h", "hypotheses", "Competing hypotheses", show=False, id="hypotheses"),
        Binding("z", "zoom", "Zoom", show=False, id="zoom"),
        Binding("B", "fold_bluf", "Fold the BLUF", show=False, id="fold-bluf"),
        Binding("e", "edit", "Edit", show=False, id="edit"),
        Binding("r,f5", "reload", "Reload", show=False, id="reload"),
        Binding("escape", "escape", "Step back", show=False, id="escape"),
    ]

    class Shown(Message):
        """A briefing is on screen (the first, or a reloaded one)."""

    class Closed(Message):
        """The dashboard has left the screen stack (back to the library)."""

    class StartFailed(Message):
        """The first load failed: there is nothing to show."""

        def __init__(self, error) -> None:
            super().__init__()
            self.error = error

    def __init__(
        self,
        source: BriefingFile,
        loaded: Loaded | None,
        baseline: Loaded | None,
        *,
        library: Library | None = None,
        goto: Ref | None = None,
        width: int | None = None,
    ) -> None:
        # ``width``: the terminal's, when known. The class its breakpoints give the screen is
        # set now: applied by the first resize instead, it restyled every widget (some 12 ms)
        # between the first frame and the briefing.
        breakpoint = "" if not width else "-narrow" if width < NARROW_BELOW else "-wide"
        from_library = library is not None
        super().__init__(id=None if from_library else "dashboard", classes=breakpoint)
        #: The library it was opened from: other briefings citing the same source.
        self.library = library
        #: The item to show once the briefing is loaded (a search hit, a shared source).
        self.goto = goto
        self.source, self.loaded, self.baseline = source, loaded, baseline
        self.index: BriefingIndex | None = BriefingIndex(loaded.briefing) if loaded else None
        self.reader = Reader(PANES, from_library=from_library)
        self._narrow = self._load_when_drawn = False
        self._panes: dict[str, ItemList] = {}

    # --- layout --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Until the briefing is read, the screen is its title line ("Loading …"): the panes
        # are composed with the briefing, so that they are styled, laid out and drawn once,
        # full, rather than empty first and again when it comes.
        self.title_bar = OneLine(id="title-bar")
        yield self.title_bar
        if self.loaded is not None:
            yield from self._layout()
        yield self.source

    def _layout(self) -> list[Widget]:
        """The widgets that show a briefing: the bars, the list panes and the Detail pane."""
        self.status_line, self.bluf_bar, self.banner = StatusLine(id="status-line"), BlufBar(), ErrorBanner()
        self.status_line.display = False
        self._panes = {name: PANE_CLASSES.get(name, ItemList)(name, current=name == "summary") for name in PANES}
        self.detail, self.pane_bar = DetailPane(), PaneBar(id="pane-bar")
        # One column of list panes: the current one takes the room, the others fold to their
        # title and selected row (narrow terminals show only the current one).
        lists = Vertical(*self._panes.values(), id="lists")
        return [self.status_line, self.bluf_bar, self.banner, self.pane_bar, Horizontal(lists, self.detail, id="main"), KeyBar()]

    @property
    def has_layout(self) -> bool:
        """The panes are composed (they are, from the moment a briefing is first read)."""
        return bool(self._panes)

    def on_mount(self) -> None:
        self._narrow = self.app.size.width < NARROW_BELOW
        if self.loaded is not None:
            self.pane_bar.show(self.reader.current_pane)
            self.action_focus_pane(self.reader.current_pane)
            self._show_briefing()
            return
        self.title_bar.update(Text(f"Loading {clean(self.source.path.name)}…", "dim"))
        self._load_when_drawn = True
        if self.reader.from_library:  # over the library, the app's first frame is long drawn
            self.call_after_refresh(self.first_frame_drawn)

    def on_unmount(self) -> None:
        self.app.post_message(self.Closed())

    def first_frame_drawn(self) -> None:
        """The first frame is on screen (the app is Ready): read the briefing now."""
        if self._load_when_drawn:
            self._load_when_drawn = False
            self.source.load()

    def pane(self, name: str) -> ItemList:
        return self._panes[name]

    @property
    def panes(self) -> list[ItemList]:
        return list(self._panes.values())

    # --- the briefing ------------------------------------------------------------------

    @on(BriefingFile.Loaded)
    async def _loaded(self, event: BriefingFile.Loaded) -> None:
        first = self.loaded is None
        if not self.has_layout:  # one frame for the panes, mounted and filled: none empty
            with self.app.batch_update():
                await self.mount_all(self._layout(), before=self.source)
                self.pane_bar.show(self.reader.current_pane)
                self.action_focus_pane(self.reader.current_pane)
                self._show_loaded(event, first)
            return
        self._show_loaded(event, first)

    def _show_loaded(self, event: BriefingFile.Loaded, first: bool) -> None:
        if first:
            self.refresh_bindings()  # search, watch and the matrix need a briefing: now they work
        scroll = {pane.pane: pane.scroll_y for pane in self._panes.values()}
        self.loaded, self.baseline = event.loaded, event.baseline
        self.index = BriefingIndex(event.loaded.briefing)
        self.banner.display = False
        self._show_briefing()
        if not first:
            for pane in self._panes.values():
                pane.scroll_to(y=scroll.get(pane.pane, 0), animate=False)
        elif self.goto is not None:
            goto, self.goto = self.goto, None
            self.go(goto, record=False)
        if event.by_hand:
            say(self, "Reloaded.")

    @on(BriefingFile.Failed)
    def _failed(self, event: BriefingFile.Failed) -> None:
        if self.loaded is None:  # nothing good to keep showing: the app leaves and says why
            self.post_message(self.StartFailed(event.error))
        elif self.has_layout:
            self.banner.show("\n".join(clean(d) for d in event.error.diagnostics[:5]))

    @on(BriefingFile.Missing)
    def _missing(self, event: BriefingFile.Missing) -> None:
        if self.has_layout:
            self.banner.show(f"{clean(event.path)}: the file is missing")

    @on(BriefingFile.Unchanged)
    def _unchanged(self) -> None:
        say(self, "Unchanged: the file is as it was.")

    def _show_briefing(self) -> None:
        assert self.loaded is not None and self.index is not None
        from ..tradecraft import compare

        self.app.title = clean(self.loaded.briefing.title)
        self.reader.show(self.index, compare(self.baseline.briefing, self.loaded.briefing) if self.baseline else None)
        self.title_bar.update(title_text(self.loaded.briefing))
        self._show_status()
        self._show_bluf()
        marks, changes = self.reader.marks(), self.reader.changes
        for pane in self._panes.values():
            pane.show(self.index, marks, self.reader.gone, changes)
        self._apply(self.reader.keep_trail_only_on(self.current_ref()))
        self._update_detail()
        self.post_message(self.Shown())

    def _show_bluf(self, width: int | None = None) -> None:
        if self.loaded is not None:
            self.bluf_bar.show(bluf(self.loaded.briefing), width or self.size.width or self.app.size.width, self.reader.bluf_folded)

    def _show_status(self) -> None:
        """In compare mode what changed; while sources are withdrawn, what that leaves."""
        from ..tradecraft import withdraw
        from .headline import status_text

        reader, name = self.reader, clean(Path(self.baseline.path).name) if self.baseline else ""
        compared = reader.comparison.summary(name) if reader.comparison else None
        withdrawal = withdraw(self.index, reader.withdrawn).summary() if self.index is not None and reader.withdrawn else None
        self.status_line.show(status_text(compared, withdrawal))

    # --- where the reader is ------------------------------------------------------------

    def current_ref(self) -> Ref | None:
        return self.pane(self.reader.current_pane).highlighted_ref if self.index is not None else None

    def current_place(self) -> Place:
        return Place(self.current_ref(), self.reader.trail)

    def _apply(self, marks: Marks) -> None:
        """Redraw the rows whose trail mark changed."""
        for ref, current in marks.rows:
            self.pane(ref.collection).mark_row(ref, current)

    def _update_detail(self) -> None:
        if self.index is None:
            return
        ref = self.current_ref()
        banner = self.reader.banner(ref)
        trail = trail_text(self.index.label(banner[0]), banner[1], banner[2]) if banner else None
        shared = self.library is not None and ref is not None and ref.kind == "sources"
        elsewhere = self.library.also_in(str(self.source.path), int(ref.key)) if shared else ()  # type: ignore[union-attr]
        self.detail.show(self.index, ref, self.reader.marks().get(ref) if ref else None, trail, self.reader.gone, elsewhere)

    def go(self, ref: Ref, trail: Trail | None = None, record: bool = True, leaving: Place | None = None) -> None:
        """Show an item: select it in its pane, focus the pane, remember where we came from
        (``leaving``, when the place left is more than the item in view)."""
        marks = self.reader.arrive(ref, trail, (leaving or self.current_place()) if record else None)
        if marks is None:
            say(self, "That item is no longer in the briefing.", "warning")
            return
        self._apply(marks)
        self._make_current(ref.collection)
        self.pane(ref.collection).select_ref(ref)
        self._focus(self.pane(ref.collection))
        self._update_detail()

    def _go(self, go: Go) -> None:
        """Carry out what the reader's state decided: a place to go, a message, or leaving."""
        self._apply(go.marks)
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
            if go.entry is not None and self.detail.count:  # back to the cited-by entry left from
                self.detail.select_entry(go.entry)
                self._focus(self.detail)

    def _make_current(self, name: str, unfold: bool = False) -> None:
        """Make a pane current (in narrow terminals: the one shown); ``unfold``: it takes the room."""
        change = self.reader.choose_pane(name, unfold)
        if change.unfolded is not None and change.folded is not None:
            self.pane(change.folded).remove_class("-unfolded")
            self.pane(change.unfolded).add_class("-unfolded")
        if change.left is not None:
            if self._narrow:  # restyling costs a jump time: wide screens never read the class
                self.pane(change.left).remove_class("-current")
                self.pane(name).add_class("-current")
            self.pane_bar.show(name)

    def on_resize(self, event) -> None:
        narrow = event.size.width < NARROW_BELOW  # self.size catches up only later
        if narrow and not self._narrow:
            for pane in self._panes.values():
                pane.set_class(pane.pane == self.reader.current_pane, "-current")
        self._narrow = narrow
        self._show_bluf(event.size.width)

    # --- messages from the panes ------------------------------------------------------

    @on(ItemList.Highlighted)
    def _pane_highlighted(self, event: ItemList.Highlighted) -> None:
        if event.pane.pane == self.reader.current_pane:
            if event.ref is not None:
                self._apply(self.reader.keep_trail_only_on(event.ref))
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
        for pane in self._panes.values():
            pane.withdraw(self.reader.gone)
        self._show_status()
        self._update_detail()
        say(self, message)

    @on(SourcesList.OpenRequested)
    def _open(self, event: SourcesList.OpenRequested) -> None:
        from ..text import one_line

        source = self.index.sources.get(int(event.ref.key)) if self.index else None
        if source is None or not source.url:
            say(self, "This source has no URL.")
            return
        self.app.open_url(source.url)
        say(self, f"Opening {one_line(source.url, 80)}")

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
        self._apply(self.reader.keep_trail_only_on(self.current_ref()))
        self._update_detail()
        self._focus(self.pane(name))

    def _focus(self, widget) -> None:
        """Focus now, not later: Widget.focus() defers, and keys typed fast behind a pane
        number would still go to the old pane. A widget hidden until the next refresh (the
        narrow layout's tabs) gets focus after that refresh."""
        if widget.focusable:
            self.set_focus(widget)
        if self.focused is not widget:
            self.call_after_refresh(widget.focus)

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
        zoom = self.reader.toggle_zoom("detail" if self.focused is self.detail else None)
        if zoom is None:
            self.remove_class("-zoomed", "-zoomed-detail")
            self.query(".-zoom-target").remove_class("-zoom-target")
        else:
            self._zoom_to(self.focused)

    def _zoom_to(self, widget) -> None:
        self.query(".-zoom-target").remove_class("-zoom-target")
        self.reader.zoom = "detail" if widget is self.detail else "pane"
        if widget is not self.detail:
            (widget if isinstance(widget, ItemList) else self.pane(self.reader.current_pane)).add_class("-zoom-target")
        self.set_class(self.reader.zoom == "pane", "-zoomed")
        self.set_class(self.reader.zoom == "detail", "-zoomed-detail")

    def action_fold_bluf(self) -> None:
        """Fold the BLUF to one line (more room for the panes), and unfold it."""
        self.reader.toggle_bluf()
        self._show_bluf()

    def action_edit(self) -> None:
        """Open the file in the reader's editor at the selected item; reload on return (the
        selection stays where it was when the item is still there)."""
        from ..loader import line_of

        ref = self.current_ref()
        line = line_of(self.source.path, self.index.path(ref)) if self.index is not None and ref is not None else None
        failure = edit(self.app, self.source.path, line)
        if failure:
            say(self, failure, "error")
        else:
            self.source.load(by_hand=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.has_layout:  # still loading: nothing to act on but the way out
            return action in ("back", "escape")
        if action in ("search", "watch", "hypotheses"):
            return self.index is not None
        return True

    def _open_dialog(self, dialog) -> None:
        """A dialog that answers with an item (a search hit, an indicator, a row's evidence): go there."""
        self.app.push_screen(dialog, lambda ref: self.go(ref) if ref is not None else None)

    def action_watch(self) -> None:
        from .screens import WatchScreen

        if self.index is not None:
            self._open_dialog(WatchScreen(self.index, self.reader.changes, self.reader.gone))

    def action_hypotheses(self) -> None:
        from .screens import HypothesesScreen

        if self.index is not None:
            self._open_dialog(HypothesesScreen(self.index, self.reader.gone))

    def action_search(self) -> None:
        from .screens import SearchScreen

        if self.index is not None:  # the app holds the keys typed behind "/" until its box has focus
            self._open_dialog(SearchScreen(self.index))
