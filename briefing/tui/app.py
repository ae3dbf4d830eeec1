"""The briefing dashboard's App: a shell of app-wide concerns.

The dashboard screen owns the reader's state and the panes; the ``BriefingFile``
component loads and watches the file. The App quits, helps, offers the palette and
export, keeps keys typed before the briefing is on screen, and keeps the garbage
collector out of the way until it is.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from ..defaults import DEFAULT_MAX_BYTES, EXPORT_FORMATS
from ..text import clean
from .commands import GoToProvider, binding_commands
from .dashboard import DashboardScreen
from .loading import BriefingFile
from .widgets import KeysWelcome, OpenBriefing, say
from .workers import guarded_work

if TYPE_CHECKING:  # the loader (Pydantic, PyYAML) is imported by the first load, after the first frame
    from ..library import Library
    from ..loader import Loaded, LoadError


class BriefingApp(App[int]):
    """One dashboard screen, and the dialogs over it."""

    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {GoToProvider}
    TITLE = "briefing"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("ctrl+c", "quit_now", "Quit", show=False, priority=True, id="quit-now"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="help"),
    ]

    def __init__(
        self,
        source: Loaded | Path,
        *,
        watch: bool = True,
        max_bytes: int = DEFAULT_MAX_BYTES,
        baseline: Loaded | Path | None = None,
        library: Library | None = None,
    ) -> None:
        super().__init__()
        given = None if isinstance(source, (str, Path)) else source
        self.path = Path(given.path) if given is not None else Path(cast("str | Path", source))
        # Not `self.watch`: that is Textual's App.watch, which this once replaced with a bool.
        self.max_bytes, self.watch_files = max_bytes, watch
        #: The desk of briefings, when the app opened a folder; its screen comes first.
        self.library = library
        self.file = None if library else BriefingFile(self.path, watch=watch, max_bytes=max_bytes, baseline=baseline, loaded=given is not None)
        self._given = given
        #: Set when the first load fails: the app exits and the CLI prints it.
        self.startup_error: LoadError | None = None
        #: Keys typed before the first briefing is on screen, replayed when it is.
        # Also when the briefing is given already: a key that arrives before the dashboard has
        # mounted and focused its first pane was lost (a loaded machine showed it).
        self._held_keys: list[events.Key] | None = None if library else []
        #: The reader's keymap (binding id → keys), as set: the help lists the keys it gives.
        self.keymap: dict[str, str] = {}

    def on_mount(self) -> None:
        """The reader's keys and colours (config.toml), and a theme chosen later remembered."""
        from .keys import apply_settings

        for problem in apply_settings(self):
            say(self, problem, "warning")
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme) -> None:
        from ..config import remember_theme

        remember_theme(theme.name)

    def set_keymap(self, keymap: Mapping[str, str]) -> None:
        self.keymap = dict(keymap)
        super().set_keymap(keymap)

    def update_keymap(self, keymap: Mapping[str, str]) -> None:
        self.keymap = {**self.keymap, **keymap}
        super().update_keymap(keymap)

    def get_default_screen(self) -> Screen:
        if self.library is not None:
            from .library import LibraryScreen

            return LibraryScreen(self.library)
        assert self.file is not None
        return DashboardScreen(self.file, self._given, self.file.baseline, width=self.size.width)

    @property
    def dashboard(self) -> DashboardScreen:
        """The dashboard on top, under whatever dialog is open (in a library: the briefing
        opened last; before any, there is none and this raises LookupError)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, DashboardScreen):
                return screen
        raise LookupError("no briefing is open")

    @property
    def has_dashboard(self) -> bool:
        return any(isinstance(screen, DashboardScreen) for screen in self.screen_stack)

    @on(OpenBriefing)
    def open_briefing(self, event: OpenBriefing) -> None:
        """A briefing of the library, in a dashboard over the screen that asked (back returns to it)."""
        file = BriefingFile(event.path, watch=self.watch_files, max_bytes=self.max_bytes)
        self.push_screen(DashboardScreen(file, None, None, library=self.library, goto=event.ref, width=self.size.width))

    # --- keys typed ahead ------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        # A reader who knows the keys can be faster than the loader: keys typed while the
        # first briefing loads are kept, and replayed once it is on screen. Quitting is not.
        if isinstance(event, events.Key) and not event.is_forwarded and not self._acts_at_once(event.key):
            if self._held_keys is None and getattr(self.screen, "ready_for_keys", True) is False:
                self._hold_keys()  # a screen that takes typed-ahead keys is opening
            if self._held_keys is not None:
                self._held_keys.append(event)
                return
        await super().on_event(event)

    def _acts_at_once(self, key: str) -> bool:
        """ctrl+c always quits at once; q too while there is no briefing yet (once the
        search box is opening, it is a letter of the query)."""
        has_briefing = self.has_dashboard and self.dashboard.index is not None
        return key in QUIT_KEYS and (not has_briefing or key in QUIT_NOW_KEYS)

    def _hold_keys(self) -> None:
        """Keep the keys typed from now until the screen says ``KeysWelcome`` ("/lav⏎" typed
        in one go must reach the search box, not the pane behind it). A timer lets them go
        should the screen never say it."""
        self._held_keys = []
        self.set_timer(1.0, self.replay_held_keys)

    @on(KeysWelcome)
    def replay_held_keys(self) -> None:
        held, self._held_keys = self._held_keys or [], None
        for event in held:
            self.post_message(event)

    def on_ready(self) -> None:
        # Posted once the first frame is drawn.
        if self.has_dashboard:
            self.dashboard.first_frame_drawn()

    # --- garbage collection --------------------------------------------------------------

    def on_load(self) -> None:
        # No cyclic garbage collection until the briefing is on screen: a full pass over the
        # freshly imported heap landed in the first frame (30 ms of it) and in the loading.
        # (Not in the library, which reads a thousand briefings and keeps none of them.)
        if self.library is None:
            gc.disable()

    def on_unmount(self) -> None:
        # Whatever way the app ends: the collector on, and nothing left frozen.
        gc.unfreeze()
        gc.enable()

    @on(DashboardScreen.Shown)
    def _briefing_shown(self) -> None:
        # The briefing's objects live as long as it is on screen: keep the cyclic collector
        # from walking them again and again (a full pass over a large briefing took long
        # enough to be felt as a stalled keypress).
        # After the briefing's first frame: a full collection (20–30 ms) and a thread folding
        # words for search (which holds the interpreter half the time) delayed that frame.
        self.call_after_refresh(self._after_briefing_frame)
        self.replay_held_keys()

    def _after_briefing_frame(self) -> None:
        self._freeze_long_lived()
        gc.enable()
        index = self.dashboard.index
        if index is not None:
            # By weak reference: Textual keeps the last worker (and its arguments) in a
            # context after it ends, which kept a closed briefing's index alive.
            self._prepare_search(weakref.ref(index))

    @guarded_work("Preparing search", group="search-index", exclusive=True)
    def _prepare_search(self, index_ref: weakref.ref) -> None:
        """Fold every item's words for search now, so that the first keystroke need not;
        the words live as long as the briefing, so they are frozen with it."""
        index = index_ref()
        if index is None:  # reloaded or closed meanwhile
            return
        index.prepare_search()
        del index
        self.call_from_thread(self._freeze_long_lived)

    def _freeze_long_lived(self) -> None:
        # What an earlier freeze kept (a briefing since reloaded or closed) goes back to the
        # collector first: frozen objects are never collected, and each reload froze one more.
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    @on(DashboardScreen.Closed)
    def _briefing_closed(self) -> None:
        # A briefing of the library, closed: what was frozen with it may be collected now.
        gc.unfreeze()

    @on(DashboardScreen.StartFailed)
    def _start_failed(self, event: DashboardScreen.StartFailed) -> None:
        if self.library is not None:  # back to the library, which lists the error too
            if isinstance(self.screen, DashboardScreen):
                self.pop_screen()
            first = event.error.diagnostics[0] if event.error.diagnostics else "it cannot be read"
            say(self, f"Not opened: {first}", "error")
            return
        self.startup_error = event.error
        self.exit(return_code=2 if event.error.kind == "io" else 1)

    # --- app-wide actions -----------------------------------------------------------------

    def go(self, ref) -> None:
        """Show an item in the dashboard (the palette's "go to")."""
        if self.has_dashboard:
            self.dashboard.go(ref)

    async def action_quit(self) -> None:
        self.exit(0)

    def action_quit_now(self) -> None:
        self.exit(0)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In the library, q is a letter of the filter: ^q quits there (and ^c everywhere).
        if action == "quit":
            from .library import LibraryScreen

            return not isinstance(self.screen, LibraryScreen)
        return True

    def action_help(self) -> None:
        from .screens import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Not Textual's Maximize (it left focus on hidden panes) nor its key panel (it lists
        # keys that do nothing here): the help screen and these commands say what works.
        hidden = {"Maximize", "Minimize", "Keys", "Quit"}  # Quit: ours, from the bindings, says its key
        yield from (command for command in super().get_system_commands(screen) if command.title not in hidden)
        if self.has_dashboard:
            stem = self.dashboard.source.path.stem
            for format, (name, suffix) in EXPORT_FORMATS.items():
                yield SystemCommand(f"Export as {name}", f"write {stem}{suffix} in the current directory", partial(self.export, format))
        yield from binding_commands(self)

    def export(self, format: str) -> None:
        """Write the briefing on screen in a format, into the working directory."""
        loaded = self.dashboard.loaded if self.has_dashboard else None
        if loaded is not None:
            stem = self.dashboard.source.path.stem
            self._export(loaded, format, Path.cwd() / f"{stem}{EXPORT_FORMATS[format][1]}")

    @guarded_work("Export", group="export")
    def _export(self, loaded: Loaded, format: str, target: Path) -> None:
        from ..export import export, write_atomically

        try:
            write_atomically(target, export(loaded.briefing, format, Path(loaded.path).parent))
        except (OSError, RuntimeError) as error:  # expected: a read-only folder, a missing extra
            self.call_from_thread(say, self, f"Export failed: {error}", "error")
        else:
            self.call_from_thread(say, self, f"Wrote {clean(target)}")


_QUIT_BINDINGS = [binding for binding in BriefingApp.BINDINGS if isinstance(binding, Binding) and binding.action in ("quit", "quit_now")]
#: Keys that quit; those of a priority binding quit from anywhere, at any time.
QUIT_KEYS = frozenset(key for binding in _QUIT_BINDINGS for key in binding.key.split(","))
QUIT_NOW_KEYS = frozenset(key for binding in _QUIT_BINDINGS if binding.priority for key in binding.key.split(","))


def create_app(
    source: Loaded | Path, *, watch: bool = True, max_bytes: int = DEFAULT_MAX_BYTES, baseline: Loaded | Path | None = None
) -> BriefingApp:
    """The one way a briefing becomes the dashboard: the CLI and the tests both use it.

    Given a path, the app draws its first frame and loads the file; given a briefing
    already loaded, it shows it at once.
    """
    if isinstance(source, (str, Path)) and Path(source).is_dir():
        from ..library import Library

        return BriefingApp(Path(source), watch=watch, max_bytes=max_bytes, library=Library(source, max_bytes))
    return BriefingApp(source, watch=watch, max_bytes=max_bytes, baseline=baseline)
