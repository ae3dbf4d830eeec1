"""The briefing dashboard: one App composing the panes, the citation trail and the history."""

from __future__ import annotations

import gc
import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Iterable, NamedTuple

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static, Tab, Tabs

from ..defaults import DEFAULT_MAX_BYTES, EXPORT_FORMATS
from ..history import History
from ..index import PANE_TITLES, PANES, BriefingIndex, Ref, source_ref
from ..render import bluf, clean, one_line
from .commands import GoToProvider, binding_commands
from .keybar import KeyBar
from .panes import PANE_CLASSES, PANES_KEYS, DetailPane, ItemList, SourcesList

if TYPE_CHECKING:  # the loader (Pydantic, PyYAML) is imported by the loading worker, after the first frame
    from ..loader import LoadError, Loaded

POLL_SECONDS = 0.25
NARROW_BELOW = 100  # columns: below this the panes become tabs
INLINE_LOAD_BYTES = 256 * 1024


class Trail(NamedTuple):
    """Following the citations of ``origin``: ``position`` is the citation in view."""

    origin: Ref
    position: int


class Place(NamedTuple):
    """A point in the reader's history: the item in view and the trail being followed."""

    ref: Ref | None
    trail: Trail | None


class BriefingApp(App[int]):
    """Panes for each part of a briefing, a Detail pane, and navigation along citations."""

    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {GoToProvider}
    TITLE = "briefing"
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (NARROW_BELOW, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="quit-now"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="help"),
        # A priority binding: it acts as the key arrives, before the keys typed behind it are
        # passed to the pane, so that those can be held for the search box.
        Binding("slash,ctrl+f", "search", "Search", key_display="/", priority=True, id="search"),
        Binding("backspace,b", "back", "Back", key_display="⌫/b", id="back"),
        Binding("f,alt+right", "forward", "Forward", show=False, id="forward"),
        Binding("tab", "cycle_pane(1)", "Next pane", show=False, priority=True, id="next-pane"),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False, priority=True, id="previous-pane"),
        *(
            Binding(key, f"focus_pane('{pane}')", f"{PANE_TITLES[pane]} pane", show=False, id=f"pane-{pane}")
            for pane, key in PANES_KEYS.items()
        ),
        Binding("0", "focus_pane('detail')", "Detail pane", show=False, id="pane-detail"),
        Binding("r,f5", "reload", "Reload", show=False, id="reload"),
        Binding("escape", "escape", "Step back", show=False, id="escape"),
    ]

    def __init__(
        self, source: Loaded | Path, *, watch: bool = True, max_bytes: int = DEFAULT_MAX_BYTES, baseline: Loaded | Path | None = None
    ) -> None:
        super().__init__()
        #: An older version to compare with: new and changed items are marked. Given as a
        #: path, it is loaded with the briefing.
        self._baseline_path = Path(baseline) if isinstance(baseline, (str, Path)) else None
        self.baseline: Loaded | None = None if isinstance(baseline, (str, Path)) else baseline
        self.changes: dict[Ref, str] = {}
        self.removed = 0
        self.path = Path(source) if isinstance(source, (str, Path)) else Path(source.path)
        self.max_bytes = max_bytes
        self.watch_file = watch
        self.loaded: Loaded | None = None if isinstance(source, (str, Path)) else source
        self.index: BriefingIndex | None = BriefingIndex(self.loaded.briefing) if self.loaded else None
        #: Set when the first load fails: the app exits and the CLI prints it.
        self.startup_error: LoadError | None = None
        self.history: History[Place] = History()
        self.trail: Trail | None = None
        #: Sources the reader has withdrawn this session ("what if [n] is wrong?").
        self.withdrawn: frozenset[int] = frozenset()
        self.current_pane = "summary"
        self._file_signature = self._signature()
        self._pending_signature: tuple | None = None
        #: The tab bar of the narrow layout, mounted the first time the terminal is narrow.
        self._tabs: Tabs | None = None
        self._narrow = False
        #: Keys typed before the first briefing is on screen, replayed when it is.
        self._held_keys: list[events.Key] | None = None if self.loaded else []

    # --- layout --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self._title_bar, self._bluf, self._banner = Static(id="title-bar"), Static(id="bluf"), Static(id="load-error")
        yield from (self._title_bar, self._bluf, self._banner)
        # Kept by name: the app reaches its panes directly, also while it is shutting down.
        self._panes = {name: PANE_CLASSES.get(name, ItemList)(name, current=name == "summary") for name in PANES}
        self._detail = DetailPane()
        with Horizontal(id="main"):
            with Horizontal(id="lists"):
                self._columns = {}
                for names in (PANES[:4], PANES[4:]):
                    with Vertical(classes="column -has-current" if self.current_pane in names else "column") as column:
                        yield from (self._panes[name] for name in names)
                    self._columns.update(dict.fromkeys(names, column))
            yield self._detail
        yield KeyBar()

    def on_resize(self, event) -> None:
        self._narrow = event.size.width < NARROW_BELOW  # self.size catches up only later
        if self._narrow:
            self._mark_current()
        self._mount_tabs_if_narrow(event.size.width)

    def _mount_tabs_if_narrow(self, width: int) -> None:
        # Wide terminals never show the tab bar: building it only when needed keeps it out
        # of the first frame (about a sixth of the time the frame takes).
        if self._tabs is not None or width >= NARROW_BELOW:
            return
        tabs = (Tab(f"{PANES_KEYS[p]} {PANE_TITLES[p]}", id=f"tab-{p}") for p in PANES)
        self._tabs = Tabs(*tabs, id="pane-tabs", active=f"tab-{self.current_pane}")
        self._tabs.can_focus = False  # number keys and tab move between panes; the bar follows
        self.mount(self._tabs, before=self.query_one("#main"))

    def on_mount(self) -> None:
        self._narrow = self.size.width < NARROW_BELOW
        self._mount_tabs_if_narrow(self.size.width)
        self._banner.display = False
        self.action_focus_pane("summary")
        if self.loaded is not None:
            self._show_briefing()
        else:
            self._title_bar.update(Text(f"Loading {clean(self.path.name)}…", "dim"))
            self.call_after_refresh(self._first_load)
        if self.watch_file:
            self.set_interval(POLL_SECONDS, self._poll_file)

    async def on_event(self, event: events.Event) -> None:
        # A reader who knows the keys can be faster than the loader: keys typed while the
        # first briefing loads are kept, and replayed once it is on screen. Quitting is not.
        if (
            self._held_keys is not None
            and isinstance(event, events.Key)
            and not event.is_forwarded
            and not self._acts_at_once(event.key)
        ):
            self._held_keys.append(event)
            return
        await super().on_event(event)

    def _acts_at_once(self, key: str) -> bool:
        """ctrl+c always quits at once; q too while there is no briefing yet (once the
        search box is opening, it is a letter of the query)."""
        return key in QUIT_KEYS and (self.index is None or key in QUIT_NOW_KEYS)

    def hold_keys(self) -> None:
        """Keep the keys typed from now until ``replay_held_keys`` (a screen is opening:
        "/lav⏎" typed in one go must reach the search box, not the pane behind it). A timer
        lets them go should the screen never say it is ready."""
        if self._held_keys is None:
            self._held_keys = []
            self.set_timer(1.0, self.replay_held_keys)

    def replay_held_keys(self) -> None:
        held, self._held_keys = self._held_keys or [], None
        for event in held:
            self.post_message(event)

    def on_load(self) -> None:
        # No cyclic garbage collection until the briefing is on screen: a full pass over the
        # freshly imported heap landed in the first frame (30 ms of it) and in the loading.
        # The briefing is shown after one collection; leaving without it turns it back on.
        gc.disable()

    def on_unmount(self) -> None:
        gc.enable()

    def pane(self, name: str) -> ItemList:
        return self._panes[name]

    def _show_briefing(self) -> None:
        assert self.loaded is not None and self.index is not None
        # The briefing's objects live as long as it is on screen: keep the cyclic garbage
        # collector from walking them again and again (a full pass over a large briefing
        # took long enough to be felt as a stalled keypress). It was off since start-up.
        self._freeze_long_lived()
        gc.enable()
        briefing = self.loaded.briefing
        self.title = clean(briefing.title)
        self.withdrawn = frozenset(s for s in self.withdrawn if s in self.index.sources)
        self._compare()
        self._show_title()
        self._bluf.update(bluf(briefing))
        current = self._trail_marks()
        for pane in self._panes.values():
            pane.show(self.index, current, self.withdrawn, self.changes)
        self._update_detail()
        self._prepare_search(self.index)
        self.replay_held_keys()

    @work(thread=True, exclusive=True, group="search-index")
    def _prepare_search(self, index: BriefingIndex) -> None:
        """Fold every item's words for search now, so that the first keystroke need not;
        the words live as long as the briefing, so they are frozen with it."""
        index.prepare_search()
        self.call_from_thread(self._freeze_long_lived)

    def _freeze_long_lived(self) -> None:
        gc.collect()
        gc.freeze()

    def _compare(self) -> None:
        """With a baseline, which items are new or changed in the briefing on screen."""
        self.changes, self.removed = {}, 0
        if self.baseline is None or self.loaded is None:
            return
        from ..tradecraft import diff

        for change in diff(self.baseline.briefing, self.loaded.briefing):
            if change.kind == "removed":
                self.removed += 1
            elif change.collection != "briefing":
                self.changes[Ref(change.collection, change.key)] = change.kind

    def _show_title(self) -> None:
        """Title, as-of and region; and, while sources are withdrawn, what that leaves."""
        if self.loaded is None or self.index is None:
            return
        briefing = self.loaded.briefing
        title = Text()
        title.append(clean(briefing.title), "bold")
        title.append("  ·  as of ", "dim")
        title.append(briefing.as_of, "bold")
        title.append("  ·  ", "dim")
        title.append(clean(briefing.region))
        if self.baseline is not None:
            added = sum(1 for kind in self.changes.values() if kind == "added")
            changed = len(self.changes) - added
            title.append("  ·  ", "dim")
            title.append(
                f"since {clean(Path(self.baseline.path).name)}: {added} new, {changed} changed, {self.removed} removed", "bold cyan"
            )
        if self.withdrawn:
            from ..tradecraft import withdraw

            title.append("  ·  ", "dim")
            title.append(withdraw(self.index, self.withdrawn).summary(), "bold yellow")
        self._title_bar.update(title)

    # --- where we are ----------------------------------------------------------------

    def current_ref(self) -> Ref | None:
        return self.pane(self.current_pane).highlighted_ref if self.index is not None else None

    def current_place(self) -> Place:
        return Place(self.current_ref(), self.trail)

    def _trail_marks(self) -> dict[Ref, int]:
        """The origin row of the trail, and the citation of it now in view."""
        if self.trail is None or self.index is None:
            return {}
        citations = self.index.citations(self.trail.origin)
        if not 0 <= self.trail.position < len(citations):
            return {}
        return {self.trail.origin: citations[self.trail.position]}

    def _set_trail(self, trail: Trail | None) -> None:
        if self.index is None:
            return
        old = self.trail
        self.trail = trail
        if old is not None and old.origin in self.index and (trail is None or trail.origin != old.origin):
            self.pane(old.origin.pane).mark_row(old.origin)
        if trail is not None and trail.origin in self.index:
            self.pane(trail.origin.pane).mark_row(trail.origin, self._trail_marks().get(trail.origin))

    def _trail_text(self) -> Text | None:
        if self.trail is None or self.trail.origin not in self.index:
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
        current = self._trail_marks().get(ref) if ref is not None else None
        trail = self._trail_text() if self.trail is not None and ref != self.trail.origin else None
        self._detail.show(self.index, ref, current, trail)

    def go(self, ref: Ref, trail: Trail | None = None, record: bool = True) -> None:
        """Show an item: select it in its pane, focus the pane, remember where we came from."""
        if self.index is None or ref not in self.index:
            self.say("That item is no longer in the briefing.", "warning")
            return
        if record:
            self.history.visit(self.current_place())
        self._set_trail(trail)
        pane = self.pane(ref.pane)
        self._make_current(ref.pane)
        pane.select_ref(ref)
        self._focus(pane)
        self._update_detail()

    def _make_current(self, name: str) -> None:
        """Mark a pane as the reader's current one (in narrow terminals: the one shown)."""
        if name not in PANES or name == self.current_pane:
            return
        self.current_pane = name
        if self._narrow:
            self._mark_current()
        self._show_tab(name)

    def _mark_current(self) -> None:
        """Classes that show only the current pane. They matter only in the narrow layout,
        and restyling the columns cost more than the rest of a jump: wide screens skip it."""
        name = self.current_pane
        for pane in self._panes.values():
            pane.set_class(pane.pane == name, "-current")
        for column in set(self._columns.values()):
            column.set_class(column is self._columns[name], "-has-current")

    def _show_tab(self, name: str) -> None:
        if self._tabs is None or self._tabs.active == f"tab-{name}":
            return
        try:
            self._tabs.active = f"tab-{name}"
        except ValueError:  # the bar was mounted a moment ago and has no tabs yet
            self.call_after_refresh(self._show_tab, name)

    # --- messages from the panes ------------------------------------------------------

    @on(ItemList.Highlighted)
    def _pane_highlighted(self, event: ItemList.Highlighted) -> None:
        if event.pane.pane != self.current_pane:
            return
        if event.ref is not None:
            self._keep_trail_only_on(event.ref)
        self._update_detail()

    def _keep_trail_only_on(self, ref: Ref | None) -> None:
        """The trail lasts while the reader is on its origin or on the source it shows."""
        if self.trail is None:
            return
        in_view = self._trail_marks().values()
        if ref != self.trail.origin and not (ref is not None and ref.kind == "sources" and int(ref.key) in in_view):
            self._set_trail(None)

    @on(ItemList.CiteRequested)
    def _cite(self, event: ItemList.CiteRequested) -> None:
        ref = event.ref
        if event.step and self.trail is not None and (ref == self.trail.origin or ref.kind == "sources"):
            origin, position = self.trail.origin, self.trail.position + event.step
        else:
            origin, position = ref, 0 if event.step >= 0 else -1
        citations = self.index.citations(origin)
        if not citations:
            self.say("This item cites no sources.")
            return
        if position == -1:
            position = len(citations) - 1
        if not 0 <= position < len(citations):
            where = "last" if position >= len(citations) else "first"
            self.say(f"That was the {where} citation ({len(citations)} in all).")
            return
        target = source_ref(citations[position])
        if target not in self.index:
            self.say(f"Source [{citations[position]}] is not in this briefing.", "warning")
            return
        self.go(target, Trail(origin, position))

    @on(SourcesList.CitedByRequested)
    def _cited_by(self, event: SourcesList.CitedByRequested) -> None:
        # Typed fast, enter can arrive before the Detail pane has heard that the source
        # changed: bring it up to date first, or showing the source later resets the list.
        self._update_detail()
        if not self._detail.refs:
            self.say("Nothing cites this source.")
            return
        self._detail.select_entry(0, list_on_top=True)
        self._focus(self._detail)

    @on(DetailPane.JumpRequested)
    def _jump(self, event: DetailPane.JumpRequested) -> None:
        self.go(event.ref)

    @on(SourcesList.WithdrawRequested)
    def _withdraw(self, event: SourcesList.WithdrawRequested) -> None:
        source_id = int(event.ref.key)
        self.withdrawn = self.withdrawn ^ {source_id}
        self._show_withdrawal()
        verb = "Withdrew" if source_id in self.withdrawn else "Restored"
        self.say(f"{verb} source [{source_id}]. w again toggles it back.")

    def _show_withdrawal(self) -> None:
        for pane in self._panes.values():
            pane.withdraw(self.withdrawn)
        self._show_title()

    @on(SourcesList.OpenRequested)
    def _open(self, event: SourcesList.OpenRequested) -> None:
        source = self.index.sources.get(int(event.ref.key))
        if source is None or not source.url:
            self.say("This source has no URL.")
            return
        self.open_url(source.url)
        self.say(f"Opening {one_line(source.url, 80)}")

    @on(Tab.Clicked)
    def _tab_clicked(self, event: Tab.Clicked) -> None:
        # Only a reader's click moves focus: Tabs also announces activations of its own.
        name = (event.tab.id or "").removeprefix("tab-")
        if name in PANES:
            self.action_focus_pane(name)

    def on_descendant_focus(self, event) -> None:
        widget = event.widget
        if widget is not self.focused:  # a stale event: focus has moved on since it was sent
            return
        if isinstance(widget, ItemList) and widget.pane != self.current_pane:
            self._make_current(widget.pane)
            self._keep_trail_only_on(widget.highlighted_ref)
            self._update_detail()

    # --- actions -------------------------------------------------------------------------

    def _focus_order(self) -> list:
        return [*(self.pane(name) for name in PANES), self._detail]

    def action_cycle_pane(self, step: int) -> None:
        if self.screen is not self.screen_stack[0]:  # a dialog is open: plain focus cycling
            (self.screen.focus_next if step > 0 else self.screen.focus_previous)()
            return
        order = self._focus_order()
        focused = self.focused
        position = order.index(focused) if focused in order else PANES.index(self.current_pane)
        target = order[(position + step) % len(order)]
        if isinstance(target, ItemList):
            self._make_current(target.pane)
            self._update_detail()
        self._focus(target)

    def action_focus_pane(self, name: str) -> None:
        if name == "detail":
            self._focus(self._detail)
            return
        self._make_current(name)
        self._update_detail()
        self._focus(self.pane(name))

    def _focus(self, widget) -> None:
        """Focus now, not later: Widget.focus() defers, and keys typed fast behind a pane
        number would still go to the old pane. A widget hidden until the next refresh (the
        narrow layout's tabs) gets focus after that refresh."""
        if widget.focusable:
            self.screen.set_focus(widget)
        if self.focused is not widget:
            self.call_after_refresh(widget.focus)

    def action_back(self) -> None:
        self._step_history(self.history.back, "back")

    def action_forward(self) -> None:
        self._step_history(self.history.forward, "forward")

    def _step_history(self, step, direction: str) -> None:
        place = step(self.current_place())
        if place is None:
            self.say(f"Nothing to go {direction} to.")
            return
        if self.index is None or place.ref is None or place.ref not in self.index:
            self.say("That item is no longer in the briefing.", "warning")
            return
        self.go(place.ref, place.trail, record=False)

    def action_escape(self) -> None:
        """Step back one level: from the Detail pane to the current pane, then off the trail."""
        if not isinstance(self.focused, ItemList):
            self.action_focus_pane(self.current_pane)
        elif self.trail is not None:
            self._set_trail(None)
            self._update_detail()

    def action_help(self) -> None:
        from .screens import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search":  # in a dialog, "/" is a character to type
            return self.screen is self.screen_stack[0] and self.index is not None
        return True

    def action_search(self) -> None:
        from .screens import SearchScreen

        if isinstance(self.screen, SearchScreen) or self.index is None:
            return

        def chosen(ref: Ref | None) -> None:
            if ref is not None:
                self.go(ref)

        self.hold_keys()  # until the search box has focus
        self.push_screen(SearchScreen(self.index), chosen)

    def say(self, message: str, severity: str = "information") -> None:
        """A notification, always plain text: messages quote ids and URLs from the briefing."""
        self.notify(clean(message), severity=severity, markup=False)  # type: ignore[arg-type]

    def action_quit(self) -> None:
        self.exit(0)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for format, (name, suffix) in EXPORT_FORMATS.items():
            yield SystemCommand(
                f"Export as {name}",
                f"write {self.path.stem}{suffix} in the current directory",
                partial(self.export, format),
            )

        yield from binding_commands(self)

    @work(thread=True, group="export")
    def export(self, format: str) -> None:
        """Write the briefing on screen in a format, beside where the reader started briefing."""
        from ..export import export, write_atomically

        if self.loaded is None:
            return
        target = Path.cwd() / f"{self.path.stem}{EXPORT_FORMATS[format][1]}"
        try:
            write_atomically(target, export(self.loaded.briefing, format))
        except (OSError, RuntimeError) as error:
            self.call_from_thread(self.say, f"Export failed: {error}", "error")
        else:
            self.call_from_thread(self.say, f"Wrote {clean(target)}")

    # --- reloading ---------------------------------------------------------------------

    def _signature(self) -> tuple | None:
        try:
            stat = os.stat(self.path)
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size, stat.st_ino)

    def _poll_file(self) -> None:
        """Reload once the file has changed and then held still for one poll (editors write in bursts)."""
        signature = self._signature()
        if signature == self._file_signature:
            self._pending_signature = None
            return
        if signature is None:
            self._show_error(f"{clean(self.path)}: the file is missing")
            self._file_signature = None
            return
        if signature != self._pending_signature:
            self._pending_signature = signature
            return
        self._file_signature = signature
        self._pending_signature = None
        self.action_reload()

    def _first_load(self) -> None:
        """Load after the first frame is on screen. A small file loads at once, on this
        thread: a worker thread would contend for the GIL with the event loop and take
        longer. A large one loads in the worker, so that the screen stays live."""
        try:
            small = os.stat(self.path).st_size < INLINE_LOAD_BYTES
        except OSError:
            small = True
        if not small:
            self._load_worker()
            return
        from ..loader import LoadError, load

        try:
            self._load_baseline()
            loaded = load(self.path, self.max_bytes)
        except LoadError as error:
            self._reload_failed(error)
        else:
            self._reloaded(loaded)

    def _load_baseline(self) -> None:
        if self.baseline is None and self._baseline_path is not None:
            from ..loader import load

            self.baseline = load(self._baseline_path, self.max_bytes)

    def action_reload(self) -> None:
        self._load_worker()

    @work(thread=True, exclusive=True, group="reload")
    def _load_worker(self) -> None:
        from ..loader import LoadError, load

        try:
            self._load_baseline()
            loaded = load(self.path, self.max_bytes)
        except LoadError as error:
            self.call_from_thread(self._reload_failed, error)
        else:
            self.call_from_thread(self._reloaded, loaded)

    def _reloaded(self, loaded: Loaded) -> None:
        first = self.loaded is None
        self._file_signature = self._signature()
        scroll = {pane.pane: pane.scroll_y for pane in self._panes.values()}
        self.loaded = loaded
        self.index = BriefingIndex(loaded.briefing)
        if self.trail is not None and self.trail.origin not in self.index:
            self.trail = None
        if first:
            self._show_briefing()
            return
        self._banner.display = False
        self._show_briefing()
        for pane in self._panes.values():
            pane.scroll_to(y=scroll.get(pane.pane, 0), animate=False)

    def _reload_failed(self, error: LoadError) -> None:
        if self.loaded is None:  # nothing good to keep showing: leave, and let the CLI say why
            self.startup_error = error
            self.exit(return_code=2 if error.kind == "io" else 1)
            return
        self._show_error("\n".join(clean(d) for d in error.diagnostics[:5]))

    def _show_error(self, message: str) -> None:
        banner = self._banner
        text = Text.assemble(("Not reloaded; showing the last good version.  ", "bold"))
        text.append(message)
        banner.update(text)
        banner.display = True


_QUIT_BINDINGS = [binding for binding in BriefingApp.BINDINGS if isinstance(binding, Binding) and binding.action == "quit"]
#: Keys that quit; those of a priority binding quit from anywhere, at any time.
QUIT_KEYS = frozenset(key for binding in _QUIT_BINDINGS for key in binding.key.split(","))
QUIT_NOW_KEYS = frozenset(key for binding in _QUIT_BINDINGS if binding.priority for key in binding.key.split(","))


def create_app(
    source: Loaded | Path, *, watch: bool = True, max_bytes: int = DEFAULT_MAX_BYTES, baseline: Loaded | Path | None = None
) -> BriefingApp:
    """The one way a briefing becomes the dashboard: the CLI and the tests both use it.

    Given a path, the app draws its first frame and loads the file in a worker; given a
    briefing already loaded, it shows it at once.
    """
    return BriefingApp(source, watch=watch, max_bytes=max_bytes, baseline=baseline)
