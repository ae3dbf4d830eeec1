"""A briefing on screen: the file read and watched, the bars above, the panes below.

``BriefingFrame`` is the part of the dashboard that shows what the file holds — the first
load after the first frame, reloads that keep the scroll, a failed reload that keeps the
last good version under a banner, the title, status and BLUF lines. The dashboard
(``dashboard.py``) adds where the reader is and what the keys do.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.signal import Signal
from textual.widget import Widget

from ..index import BriefingIndex
from ..reader import Reader, lead_change
from ..render import bluf
from ..text import clean
from .body import Body
from .editing import EditRequested
from .headline import BlufBar, ErrorBanner, StatusLine, overdue_words, status_text, title_text
from .keybar import KeyBar
from .loading import BriefingFile
from .panes import PANES, ItemList, PaneBar, ReadSourceRequested
from .problems import Problem, counts, news
from .widgets import OneLine, say

if TYPE_CHECKING:
    from ..library import Library
    from ..loader import Loaded
    from ..refs import Ref

NARROW_BELOW = 100  # columns: below this one list pane at a time, the pane bar above


class BriefingFrame(Screen):
    """The bars and panes of one briefing file, kept up to date with it."""

    # Textual's Screen repaints the whole screen when focus moves; the stylesheet already
    # redraws what focus restyles (the two panes' borders and highlights). A jump moves focus:
    # a full repaint of a large briefing's panes made it 30–60 ms, now it is the panes that change.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (NARROW_BELOW, "-wide")]  # type: ignore[misc]  # Textual declares it per instance

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "problems", "Problems", show=False, id="problems"),
        Binding("e", "edit", "Edit", show=False, id="edit"),
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
        super().__init__(id=None if library else "dashboard", classes=breakpoint)
        #: The library it was opened from: other briefings citing the same source.
        self.library = library
        #: The item to show once the briefing is loaded (a search hit, a shared source).
        self.goto = goto
        self.source, self.loaded, self.baseline = source, loaded, baseline
        self.index: BriefingIndex | None = BriefingIndex(loaded.briefing) if loaded else None
        self.reader = Reader(PANES, from_library=library is not None)
        #: Published with the index each time a briefing is shown (a reload too): a dialog over
        #: the dashboard (the Watch list) shows what the file now says.
        self.shown_signal: Signal[BriefingIndex] = Signal(self, "shown")
        self.title_bar, self.status_line, self.bluf_bar, self.banner = OneLine(id="title-bar"), StatusLine(id="status-line"), BlufBar(), ErrorBanner()
        self.pane_bar, self.body = PaneBar(id="pane-bar"), Body(self.reader.current_pane)
        self.detail = self.body.detail
        self.status_line.display = self._load_when_drawn = self.has_layout = False
        #: What `briefing check` finds in the file (a worker brings it after each load).
        self.problems: list[Problem] = []
        self.checked = False
        #: A reload whose "Reloaded" waits for the problems, to say what changed: "by hand" or "watched".
        self._reloaded: str | None = None
        #: The line of the error a failed reload shows (`e` opens it).
        self._error_line: int | None = None

    def compose(self) -> ComposeResult:
        # Until the briefing is read, the screen is its title line ("Loading …"): the panes
        # are composed with the briefing, so that they are styled, laid out and drawn once,
        # full, rather than empty first and again when it comes.
        yield self.title_bar
        if self.loaded is not None:
            yield from self._layout()
        yield self.source

    def _layout(self) -> list[Widget]:
        """The widgets that show a briefing: the bars, the list panes and the Detail pane."""
        self.has_layout, self.body.narrow = True, self.app.size.width < NARROW_BELOW
        return [self.status_line, self.bluf_bar, self.banner, self.pane_bar, self.body, KeyBar()]

    def on_mount(self) -> None:
        if self.loaded is not None:
            self.shown_first()
            self._show_briefing()
            self.source.verify(self.loaded)
            self.source.check(self.loaded)
            return
        self.title_bar.update(Text(f"Loading {clean(self.source.path.name)}…", "dim"))
        self._load_when_drawn = True
        if self.library is not None:  # over the library, the app's first frame is long drawn
            self.call_after_refresh(self.first_frame_drawn)

    def on_unmount(self) -> None:
        self.app.post_message(self.Closed())

    def first_frame_drawn(self) -> None:
        """The first frame is on screen (the app is Ready): read the briefing now."""
        if self._load_when_drawn:
            self._load_when_drawn = False
            self.source.load()

    def pane(self, name: str) -> ItemList:
        return self.body.lists[name]

    @property
    def panes(self) -> list[ItemList]:
        return list(self.body.lists.values())

    @on(BriefingFile.Loaded)
    async def _loaded(self, event: BriefingFile.Loaded) -> None:
        first = self.loaded is None
        if not self.has_layout:  # one frame for the panes, mounted and filled: none empty
            with self.app.batch_update():
                await self.mount_all(self._layout(), before=self.source)
                self.shown_first()
                self._show_loaded(event, first)
            return
        self._show_loaded(event, first)

    def _show_loaded(self, event: BriefingFile.Loaded, first: bool) -> None:
        if first:
            self.refresh_bindings()  # search, watch and the matrix need a briefing: now they work
        scroll, leaders = self.body.scrolls(), self.reader.leaders()
        self.loaded, self.baseline = event.loaded, event.baseline
        self.index = BriefingIndex(event.loaded.briefing)
        self.banner.display = False
        self._show_briefing()
        changed = lead_change(leaders, self.reader.leaders()) if not first else ""
        if changed:  # a reload that changes the matrix's lead says so
            say(self, changed.strip(), "warning")
        if not first:
            self.body.restore(scroll)
        elif self.goto is not None:
            goto, self.goto = self.goto, None
            self.go(goto, record=False, unfold=True)  # opened at an item: its pane takes the room
        if not first:  # said when the problems are in, with what changed in them
            self._reloaded = "by hand" if event.by_hand else "watched"
        self._error_line = None
        self.source.verify(event.loaded)
        self.source.read_record(event.loaded)
        self.source.check(event.loaded)

    @on(EditRequested)
    def _edit_requested(self, event: EditRequested) -> None:
        from .editing import start_edit

        start_edit(self, event)

    @on(BriefingFile.Checked)
    def _checked(self, event: BriefingFile.Checked) -> None:
        if event.loaded is not self.loaded:
            return
        before, self.problems, self.checked = self.problems, event.problems, True
        self._show_title()
        reloaded, self._reloaded = self._reloaded, None
        changed = news(before, self.problems) if reloaded else ""
        if changed:
            say(self, f"Reloaded · {changed}", "warning" if "new" in changed else "information")
        elif reloaded == "by hand":
            say(self, "Reloaded.")

    def action_problems(self) -> None:
        """What `check` finds, to go to (the item) or to edit (its line)."""
        from .problems import ProblemsScreen

        if self.index is not None:
            self.app.push_screen(ProblemsScreen(self.problems, self.index, self.source.path.name), self._problem_chosen)

    def _problem_chosen(self, chosen) -> None:
        if chosen is None:
            return
        how, problem = chosen
        if how == "edit" or problem.ref is None:
            self.edit_at(problem.line)
        else:
            self.go(problem.ref)

    def action_edit(self) -> None:
        """The reader's editor at the error a failed reload shows, else at the selected item;
        reload on return (the selection stays where it was when the item is still there)."""
        from ..loader import line_of

        ref = self.focused_ref()
        line = self._error_line if self.banner.display and self._error_line else None
        if line is None and self.index is not None and ref is not None:
            line = line_of(self.source.path, self.index.path(ref))
        self.edit_at(line)

    def edit_at(self, line: int | None) -> None:
        from .editor import edit

        failure = edit(self.app, self.source.path, line)
        if failure:
            say(self, failure, "error")
        else:
            self.source.load(by_hand=True)

    @on(ReadSourceRequested)
    def _read_source(self, event: ReadSourceRequested) -> None:
        """The source reader, on the item's quoted source (or the source): enter there comes back to an item."""
        from .source_reader import SourceReaderScreen, readable

        place = readable(self.index, event.ref, event.source) if self.index is not None else None
        if place is None or self.index is None:
            waiting = self.index is not None and self.index.evidence is None and next(iter(self.index.briefing.sources), None) is not None
            say(self, "The quotes are still being checked." if waiting else "Nothing to read: no saved copy of a quoted source.")
            return
        self.app.push_screen(SourceReaderScreen(self.index, *place), lambda ref: self.go(ref) if ref is not None else None)

    @on(BriefingFile.Verified)
    def _verified(self, event: BriefingFile.Verified) -> None:
        """The quotes' marks are ready: shown on the item in view (if the briefing is still the one checked)."""
        if event.loaded is not self.loaded or self.index is None:
            return
        self.index.evidence = event.verification
        self.evidence_ready()
        for pane in self.panes:
            pane.offers_changed()
        self.refresh_bindings()
        lost = sum(check.match.status in ("not found", "ambiguous") for check in event.verification.quotes)
        if lost:
            say(self, f"{lost} quote{'s' * (lost != 1)} not found in the saved copies: `briefing check` lists them.", severity="warning")

    @on(BriefingFile.Recorded)
    def _recorded(self, event: BriefingFile.Recorded) -> None:
        """The forecasts scored, from every version: the judgment in view shows its post-mortem."""
        if event.loaded is not self.loaded or self.index is None:
            return
        self.index.use_record(event.record)
        self.evidence_ready()

    @on(BriefingFile.Failed)
    def _failed(self, event: BriefingFile.Failed) -> None:
        if self.loaded is None:  # nothing good to keep showing: the app leaves and says why
            self.post_message(self.StartFailed(event.error))
        elif self.has_layout:
            self.banner.show("\n".join(clean(d) for d in event.error.diagnostics[:5]))
            self._error_line = next((d.line for d in event.error.diagnostics if d.line), None)

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
        self._show_title()
        self._show_status()
        self._show_bluf()
        self.body.show(self.index, self.reader.marks(), self.reader.gone, self.reader.changes)
        self.shown_signal.publish(self.index)
        self.briefing_shown()
        self.post_message(self.Shown())

    def _show_title(self, width: int | None = None) -> None:
        if self.loaded is not None:
            self.title_bar.update(title_text(self.loaded.briefing, counts(self.problems), width or self.size.width or self.app.size.width))

    def _show_bluf(self, width: int | None = None) -> None:
        if self.loaded is not None:
            self.bluf_bar.show(bluf(self.loaded.briefing), width or self.size.width or self.app.size.width, self.reader.bluf_folded)

    def changed_since(self, ref: Ref | None) -> tuple[list | tuple, str]:
        """In compare mode, what changed in an item, field by field, and the older file's name."""
        comparison = self.reader.comparison
        if comparison is None or self.baseline is None:
            return (), ""
        return (comparison.fields.get(ref, ()) if ref is not None else ()), clean(Path(self.baseline.path).name)

    def _show_status(self) -> None:
        """In compare mode what changed; while sources are withdrawn, what that leaves."""
        from ..tradecraft import withdraw

        reader, name = self.reader, clean(Path(self.baseline.path).name) if self.baseline else ""
        compared = reader.comparison.summary(name) if reader.comparison else None
        withdrawal = withdraw(self.index, reader.withdrawn).summary() if self.index is not None and reader.withdrawn else None
        overdue = overdue_words(self.loaded.briefing) if self.loaded is not None else None
        self.status_line.show(status_text(compared, withdrawal, overdue))

    def on_resize(self, event) -> None:
        self.body.set_narrow(event.size.width < NARROW_BELOW, self.reader.current_pane)  # self.size catches up only later
        self._show_bluf(event.size.width)
        self._show_title(event.size.width)

    # What the dashboard adds: where the reader is when the panes first show, and after a briefing is shown.
    def shown_first(self) -> None:
        raise NotImplementedError

    def briefing_shown(self) -> None:
        raise NotImplementedError

    def focused_ref(self) -> Ref | None:
        raise NotImplementedError

    def evidence_ready(self) -> None:
        raise NotImplementedError

    def go(self, ref: Ref, *, record: bool = True, unfold: bool = False) -> None:
        raise NotImplementedError
