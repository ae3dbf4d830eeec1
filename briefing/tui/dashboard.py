"""The dashboard screen: the panes, and everything about where the reader is.

The screen owns the reader's state — the briefing on screen, the citation trail and the
history, the sources withdrawn for the session, compare mode's marks — and hears the
panes' messages. What a step along the citations leads to is worked out in
``briefing.navigation`` (pure); this screen shows the result.
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
from textual.widgets import Static

from ..index import BriefingIndex, Ref
from ..navigation import History, Place, Trail, follow, records_history, trail_marks, trail_survives
from ..render import bluf
from ..text import clean, one_line
from ..tradecraft import withdrawn_with_derivations
from .editor import editor_command, run_editor
from .headline import bluf_lines, status_text, title_text
from .keybar import KeyBar
from .loading import BriefingFile
from .panes import PANE_CLASSES, PANE_TITLES, PANES, PANES_KEYS, DetailPane, ItemList, PaneBar, SourcesList
from .widgets import OneLine

if TYPE_CHECKING:
    from ..loader import Loaded
    from ..tradecraft import Comparison
    from .app import BriefingApp

NARROW_BELOW = 100  # columns: below this one list pane at a time, the pane bar above


class DashboardScreen(Screen):
    """Panes for each part of a briefing, a Detail pane, and navigation along citations."""

    app: BriefingApp

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
        from_library: bool = False,
        goto: Ref | None = None,
        width: int | None = None,
    ) -> None:
        # ``width``: the terminal's, when known. The class its breakpoints give the screen is
        # set now: applied by the first resize instead, it restyled every widget (some 12 ms)
        # between the first frame and the briefing.
        breakpoint = "" if not width else "-narrow" if width < NARROW_BELOW else "-wide"
        super().__init__(id=None if from_library else "dashboard", classes=breakpoint)
        #: Opened from the library: back and escape at the start return to it.
        self.from_library = from_library
        #: The item to show once the briefing is loaded (a search hit, a shared source).
        self.goto = goto
        self.source = source
        self.loaded: Loaded | None = loaded
        self.baseline: Loaded | None = baseline
        self.index: BriefingIndex | None = BriefingIndex(loaded.briefing) if loaded else None
        self.comparison: Comparison | None = None
        self.history: History[Place] = History()
        self.trail: Trail | None = None
        #: Sources the reader has withdrawn this session ("what if [n] is wrong?"), and all
        #: that goes with them (sources that derive only from withdrawn ones).
        self.withdrawn: frozenset[int] = frozenset()
        self.gone: frozenset[int] = frozenset()
        self.current_pane = "summary"
        #: The pane that has the room (the reader's choice); the others are folded.
        self.unfolded = "summary"
        self._narrow = False
        self.bluf_folded = False
        self._bluf_lines = 2  # as the stylesheet has it before there is a BLUF
        self._load_when_drawn = False
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
        self.status_line, self.bluf_bar, self.banner = OneLine(id="status-line"), Static(id="bluf"), Static(id="load-error")
        self.banner.display = self.status_line.display = False
        # Kept by name: the screen reaches its panes directly, also while it is shutting down.
        self._panes = {name: PANE_CLASSES.get(name, ItemList)(name, current=name == "summary") for name in PANES}
        self.detail = DetailPane()
        self.pane_bar = PaneBar(id="pane-bar")
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
            self._lay_out()
            self._show_briefing()
            return
        self.title_bar.update(Text(f"Loading {clean(self.source.path.name)}…", "dim"))
        self._load_when_drawn = True
        if self.app.ready:  # opened over the library: the app's first frame is long drawn
            self.call_after_refresh(self.first_frame_drawn)

    def on_unmount(self) -> None:
        self.app.post_message(self.Closed())

    def _lay_out(self) -> None:
        """The panes are mounted: the Summary is current, focused and unfolded."""
        self.pane_bar.show(self.current_pane)
        self.action_focus_pane("summary")

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
        if not self.has_layout:
            # One frame for the panes, mounted and filled: none while they mount, empty.
            with self.app.batch_update():
                await self.mount_all(self._layout(), before=self.source)
                self._lay_out()
                self._show_loaded(event, first)
            return
        self._show_loaded(event, first)

    def _show_loaded(self, event: BriefingFile.Loaded, first: bool) -> None:
        if first:
            self.refresh_bindings()  # search, watch and the matrix need a briefing: now they work
        scroll = {pane.pane: pane.scroll_y for pane in self._panes.values()}
        self.loaded, self.baseline = event.loaded, event.baseline
        self.index = BriefingIndex(event.loaded.briefing)
        if self.trail is not None and self.trail.origin not in self.index:
            self.trail = None
        self.banner.display = False
        self._show_briefing()
        if not first:
            for pane in self._panes.values():
                pane.scroll_to(y=scroll.get(pane.pane, 0), animate=False)
        elif self.goto is not None:
            goto, self.goto = self.goto, None
            self.go(goto, record=False)
        if event.by_hand:
            self.app.say("Reloaded.")

    @on(BriefingFile.Failed)
    def _failed(self, event: BriefingFile.Failed) -> None:
        if self.loaded is None:  # nothing good to keep showing: the app leaves and says why
            self.post_message(self.StartFailed(event.error))
            return
        self._show_error("\n".join(clean(d) for d in event.error.diagnostics[:5]))

    @on(BriefingFile.Missing)
    def _missing(self, event: BriefingFile.Missing) -> None:
        self._show_error(f"{clean(event.path)}: the file is missing")

    @on(BriefingFile.Unchanged)
    def _unchanged(self) -> None:
        self.app.say("Unchanged: the file is as it was.")

    def _show_error(self, message: str) -> None:
        if not self.has_layout:  # the first load failed: StartFailed says so
            return
        text = Text.assemble(("Not reloaded; showing the last good version.  ", "bold"))
        text.append(message)
        self.banner.update(text)
        self.banner.display = True

    def _show_briefing(self) -> None:
        assert self.loaded is not None and self.index is not None
        briefing = self.loaded.briefing
        self.app.title = clean(briefing.title)
        self.withdrawn = frozenset(s for s in self.withdrawn if s in self.index.sources)
        self.gone = withdrawn_with_derivations(self.index, self.withdrawn)
        self._compare()
        self._show_title()
        self._show_bluf()
        marks = trail_marks(self.index, self.trail)
        changes = self.comparison.changes if self.comparison else {}
        for pane in self._panes.values():
            pane.show(self.index, marks, self.gone, changes)
        self._keep_trail_only_on(self.current_ref())  # the panes say nothing of their highlight here
        self._update_detail()
        self.post_message(self.Shown())

    def _show_bluf(self, width: int | None = None) -> None:
        """The BLUF in up to four lines (one, folded), cut with "…" and never silently. Its
        height changes only when its line count does: then alone is the screen laid out again
        (the first frame keeps two lines for it, what most BLUFs take at 120 columns)."""
        if self.loaded is None:
            return
        width = max((width or self.size.width or self.app.size.width) - 2, 10)  # the bar's padding
        text, lines = bluf_lines(bluf(self.loaded.briefing), width, self.bluf_folded, self.app.console)
        self.bluf_bar.set_class(self.bluf_folded, "-folded")  # one line, ended with an ellipsis
        if lines != self._bluf_lines:
            self._bluf_lines = lines
            self.bluf_bar.styles.height = lines
        self.bluf_bar.update(text, layout=False)

    def action_fold_bluf(self) -> None:
        """Fold the BLUF to one line (more room for the panes), and unfold it."""
        self.bluf_folded = not self.bluf_folded
        self._show_bluf()

    def _compare(self) -> None:
        self.comparison = None
        if self.baseline is not None and self.loaded is not None:
            from ..tradecraft import compare

            self.comparison = compare(self.baseline.briefing, self.loaded.briefing)

    def _show_title(self) -> None:
        """Title, as-of and region; in compare mode what changed; while sources are withdrawn, what that leaves."""
        if self.loaded is None or self.index is None:
            return
        from ..tradecraft import withdraw

        self.title_bar.update(title_text(self.loaded.briefing))
        compared = self.comparison.summary(clean(Path(self.baseline.path).name)) if self.comparison and self.baseline else None
        status = status_text(compared, withdraw(self.index, self.withdrawn).summary() if self.withdrawn else None)
        self.status_line.update(status)
        self.status_line.display = bool(status)

    # --- where the reader is ------------------------------------------------------------

    def current_ref(self) -> Ref | None:
        return self.pane(self.current_pane).highlighted_ref if self.index is not None else None

    def current_place(self) -> Place:
        return Place(self.current_ref(), self.trail)

    def _set_trail(self, trail: Trail | None) -> None:
        if self.index is None:
            return
        old, self.trail = self.trail, trail
        if old is not None and old.origin in self.index and (trail is None or trail.origin != old.origin):
            self.pane(old.origin.collection).mark_row(old.origin)
        if trail is not None and trail.origin in self.index:
            self.pane(trail.origin.collection).mark_row(trail.origin, trail_marks(self.index, trail).get(trail.origin))

    def _trail_text(self) -> Text | None:
        if self.trail is None or self.index is None or self.trail.origin not in self.index:
            return None
        citations = self.index.citations(self.trail.origin)
        text = Text.assemble(("From ", "dim"))
        text.append(one_line(self.index.label(self.trail.origin), 48), "bold")
        text.append(f" · citation {self.trail.position + 1} of {len(citations)}", "dim")
        text.append("  ] next  [ previous  ⌫ back", "dim italic")
        return text

    def _update_detail(self) -> None:
        if self.index is None:
            return
        ref = self.current_ref()
        current = trail_marks(self.index, self.trail).get(ref) if ref is not None else None
        trail = self._trail_text() if self.trail is not None and ref != self.trail.origin else None
        library = self.app.library
        elsewhere = library.also_in(str(self.source.path), int(ref.key)) if library is not None and ref is not None and ref.kind == "sources" else ()
        self.detail.show(self.index, ref, current, trail, self.gone, elsewhere)

    def go(self, ref: Ref, trail: Trail | None = None, record: bool = True, leaving: Place | None = None) -> None:
        """Show an item: select it in its pane, focus the pane, remember where we came from
        (``leaving``, when the place left is more than the item in view)."""
        if self.index is None or ref not in self.index:
            self.app.say("That item is no longer in the briefing.", "warning")
            return
        if record:
            self.history.visit(leaving or self.current_place())
        self._set_trail(trail)
        pane = self.pane(ref.collection)
        self._make_current(ref.collection)
        pane.select_ref(ref)
        self._focus(pane)
        self._update_detail()

    def _make_current(self, name: str, unfold: bool = False) -> None:
        """Make a pane the reader's current one (in narrow terminals: the one shown).

        ``unfold``: the reader chose the pane (its number, tab, a click): it unfolds and takes
        the room, and the one that had it folds. A jump along the citations leaves the panes as
        they are — the item is in the Detail pane and its row in its pane, folded or not — so
        that following a trail never lays out the screen, and the list it started from stays
        in view."""
        if name not in PANES:
            return
        if unfold and name != self.unfolded:
            self.pane(self.unfolded).remove_class("-unfolded")
            self.unfolded = name
            self.pane(name).add_class("-unfolded")
        if name == self.current_pane:
            return
        old, self.current_pane = self.current_pane, name
        if self._narrow:  # restyling costs a jump time: wide screens never read the class
            self.pane(old).remove_class("-current")
            self.pane(name).add_class("-current")
        self.pane_bar.show(name)

    def on_resize(self, event) -> None:
        narrow = event.size.width < NARROW_BELOW  # self.size catches up only later
        if narrow and not self._narrow:
            for pane in self._panes.values():
                pane.set_class(pane.pane == self.current_pane, "-current")
        self._narrow = narrow
        self._show_bluf(event.size.width)

    def _keep_trail_only_on(self, ref: Ref | None) -> None:
        if self.trail is not None and self.index is not None and not trail_survives(self.index, self.trail, ref):
            self._set_trail(None)

    # --- messages from the panes ------------------------------------------------------

    @on(ItemList.Highlighted)
    def _pane_highlighted(self, event: ItemList.Highlighted) -> None:
        if event.pane.pane != self.current_pane:
            return
        if event.ref is not None:
            self._keep_trail_only_on(event.ref)
        self._update_detail()

    @on(ItemList.CiteRequested)
    def _cite(self, event: ItemList.CiteRequested) -> None:
        if self.index is None:
            return
        self._follow(event.ref, event.step)

    def _follow(self, ref: Ref, step_by: int) -> None:
        assert self.index is not None
        step = follow(self.index, ref, step_by, self.trail)
        if step.target is None:
            self.app.say(step.message or "", step.severity)
            return
        self.go(step.target, step.trail, record=records_history(step_by, self.trail, step))

    @on(DetailPane.StepRequested)
    def _detail_step(self, event: DetailPane.StepRequested) -> None:
        ref = self.current_ref()
        if self.index is not None and ref is not None:
            self._follow(ref, event.step)

    @on(SourcesList.CitedByRequested)
    def _cited_by(self, event: SourcesList.CitedByRequested) -> None:
        # Typed fast, enter can arrive before the Detail pane has heard that the source
        # changed: bring it up to date first, or showing the source later resets the list.
        self._update_detail()
        if not self.detail.count:
            self.app.say("Nothing cites this source.")
            return
        self.detail.select_entry(0, list_on_top=True)
        self._focus(self.detail)

    @on(DetailPane.JumpRequested)
    def _jump(self, event: DetailPane.JumpRequested) -> None:
        self.go(event.ref, leaving=self.current_place()._replace(entry=event.entry))

    @on(DetailPane.OpenElsewhere)
    def _open_elsewhere(self, event: DetailPane.OpenElsewhere) -> None:
        self.app.open_briefing(event.path, Ref("sources", str(event.source_id)))

    @on(SourcesList.WithdrawRequested)
    def _withdraw(self, event: SourcesList.WithdrawRequested) -> None:
        source_id = int(event.ref.key)
        self.withdrawn = self.withdrawn ^ {source_id}
        self.gone = withdrawn_with_derivations(self.index, self.withdrawn) if self.index else self.withdrawn
        for pane in self._panes.values():
            pane.withdraw(self.gone)
        self._show_title()
        self._update_detail()
        verb = "Withdrew" if source_id in self.withdrawn else "Restored"
        self.app.say(f"{verb} source [{source_id}]. w again toggles it back.")

    @on(SourcesList.OpenRequested)
    def _open(self, event: SourcesList.OpenRequested) -> None:
        source = self.index.sources.get(int(event.ref.key)) if self.index else None
        if source is None or not source.url:
            self.app.say("This source has no URL.")
            return
        self.app.open_url(source.url)
        self.app.say(f"Opening {one_line(source.url, 80)}")

    @on(PaneBar.Clicked)
    def _pane_chosen(self, event: PaneBar.Clicked) -> None:
        self.action_focus_pane(event.key)

    def on_descendant_focus(self, event) -> None:
        widget = event.widget
        if widget is not self.focused:  # a stale event: focus has moved on since it was sent
            return
        if self.zoomed and (widget is self.detail or isinstance(widget, ItemList)):
            self._zoom_to(widget)
        if isinstance(widget, ItemList) and widget.pane != self.current_pane:  # a click, say
            self._make_current(widget.pane, unfold=True)
            self._keep_trail_only_on(widget.highlighted_ref)
            self._update_detail()

    # --- actions -------------------------------------------------------------------------

    def action_cycle_pane(self, step: int) -> None:
        order = [*(self.pane(name) for name in PANES), self.detail]
        focused = self.focused
        position = order.index(focused) if focused in order else PANES.index(self.current_pane)
        target = order[(position + step) % len(order)]
        if isinstance(target, ItemList):
            self._make_current(target.pane, unfold=True)
            self._update_detail()
        self._focus(target)

    def action_focus_pane(self, name: str, unfold: bool = True) -> None:
        if name == "detail":
            self._focus(self.detail)
            return
        self._make_current(name, unfold)
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
        self._step_history(self.history.back, "back")

    def action_forward(self) -> None:
        self._step_history(self.history.forward, "forward")

    def _step_history(self, step, direction: str) -> None:
        place = step(self.current_place())
        if place is None:
            if direction == "back" and self.from_library:
                self.dismiss()  # back to the library, or to the briefing a shared source left
                return
            self.app.say(f"Nothing to go {direction} to.")
            return
        if self.index is None or place.ref is None or place.ref not in self.index:
            self.app.say("That item is no longer in the briefing.", "warning")
            return
        self.go(place.ref, place.trail, record=False)
        if place.entry is not None and self.detail.count:  # back to the cited-by entry left from
            self.detail.select_entry(place.entry)
            self._focus(self.detail)

    def action_escape(self) -> None:
        """Step back one level: from the Detail pane to the current pane, then off the trail,
        back to the item it started from."""
        if not self.has_layout:
            if self.from_library:
                self.dismiss()
            return
        if not isinstance(self.focused, ItemList):
            self.action_focus_pane(self.current_pane, unfold=False)
        elif self.trail is None and self.from_library:
            self.dismiss()
        elif self.trail is not None:
            origin = self.trail.origin
            self._set_trail(None)
            if self.current_ref() != origin and self.index is not None and origin in self.index:
                self.go(origin)
            else:
                self._update_detail()

    def action_reload(self) -> None:
        self.source.load(by_hand=True)

    @property
    def zoomed(self) -> bool:
        return self.has_class("-zoomed") or self.has_class("-zoomed-detail")

    def action_zoom(self) -> None:
        """The focused pane takes the whole body, and back. Focus moving elsewhere while
        zoomed takes the zoom along, so no key ever lands in a hidden pane."""
        if self.zoomed:
            self.remove_class("-zoomed", "-zoomed-detail")
            for widget in self.query(".-zoom-target"):
                widget.remove_class("-zoom-target")
            return
        self._zoom_to(self.focused)

    def _zoom_to(self, widget) -> None:
        for other in self.query(".-zoom-target"):
            other.remove_class("-zoom-target")
        if widget is self.detail:
            self.remove_class("-zoomed")
            self.add_class("-zoomed-detail")
            return
        pane = widget if isinstance(widget, ItemList) else self.pane(self.current_pane)
        pane.add_class("-zoom-target")
        self.remove_class("-zoomed-detail")
        self.add_class("-zoomed")

    def action_edit(self) -> None:
        """Open the file in the reader's editor at the selected item; reload on return (the
        selection stays where it was when the item is still there)."""
        from ..loader import line_of

        ref = self.current_ref()
        line = line_of(self.source.path, self.index.path(ref)) if self.index is not None and ref is not None else None
        editor, command = editor_command(self.source.path, line)
        try:
            with self.app.suspend():
                run_editor(command)
        except Exception as error:
            self.app.say(f"Could not open {editor}: {error}", "error")
            return
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
            self._open_dialog(WatchScreen(self.index, self.comparison.changes if self.comparison else {}, self.gone))

    def action_hypotheses(self) -> None:
        from .screens import HypothesesScreen

        if self.index is not None:
            self._open_dialog(HypothesesScreen(self.index, self.gone))

    def action_search(self) -> None:
        from .screens import SearchScreen

        if self.index is not None:
            self.app.hold_keys()  # until the search box has focus
            self._open_dialog(SearchScreen(self.index))
