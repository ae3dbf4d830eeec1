"""The library: every briefing under a folder, one row each, to open in the dashboard.

The rows come from ``briefing.library`` (pure). This screen lists them at once — from the
cache, or with what is not read yet marked "…" — and reads the rest in a worker, a batch
at a time, so that a folder of a thousand briefings opens as fast as one. It looks at the
folder again every few seconds: new, changed and removed files show up on their own.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from ..library import Library, Row, age_words, sort_key
from ..text import clean, cut_start
from ..track import current_day
from .keybar import ClickableLine, KeyBar
from .virtual_list import VirtualList
from .widgets import OpenBriefing
from .workers import guarded_work

if TYPE_CHECKING:
    from .app import BriefingApp

POLL_SECONDS = 2.0
#: Characters that are keys here, not letters of the filter: search, sort, help.
RESERVED = "/<>[]?"
#: Rows read between two updates of the list while the worker reads the folder.
BATCH_SECONDS = 0.15

#: The columns: key, heading, width (None: what is left), the least terminal width that shows it.
COLUMNS: list[tuple[str, str, int | None, bool, int]] = [
    ("title", "Title", None, False, 0),
    ("path", "File", 22, False, 100),
    ("as_of", "As of", 10, False, 0),
    ("age", "Age", 7, True, 0),
    ("region", "Region", 20, False, 140),
    ("bullets", "Bul", 4, True, 0),
    ("judgments", "Jdg", 4, True, 100),
    ("sources", "Src", 4, True, 0),
    ("due", "Due", 4, True, 0),
    ("check", "Check", 12, False, 0),
]
SORTS = [key for key, *_ in COLUMNS]
SORT_NAMES = {key: heading.lower() for key, heading, *_ in COLUMNS}


#: The title column's least width before another column gives way to a sorted one.
TITLE_AT_LEAST = 24


def columns_for(width: int, sort: str | None = None) -> list[tuple[str, str, int, bool]]:
    """The columns that fit, each with its width (the title takes what is left); the column
    the rows are sorted by is always among them: an order by what cannot be seen is no order."""
    shown = [column for column in COLUMNS if width >= column[4] or column[0] == sort]
    fixed = sum((column[2] or 0) + 1 for column in shown)
    for spare in ("region", "judgments", "bullets", "sources", "age"):  # room for a column the sort brought in
        if width - 2 - fixed >= TITLE_AT_LEAST:
            break
        column = next((column for column in shown if column[0] == spare and spare != sort), None)
        if column is not None:
            shown.remove(column)
            fixed -= (column[2] or 0) + 1
    title = max(12, width - 2 - fixed)
    return [(key, heading, size if size is not None else title, right) for key, heading, size, right, _ in shown]


def check_text(row: Row, today: datetime.date | None = None) -> Text:
    if not row.checked:
        return Text("…", "dim")
    if row.errors:
        return Text(f"✘ {row.errors} error{'s' * (row.errors != 1)}", "bold red")
    if row.warnings:
        return Text(f"⚠ {row.warnings} warning{'s' * (row.warnings != 1)}", "yellow")
    return Text("✔ clean", "green")


def cell(row: Row, key: str, name: str, today: datetime.date | None) -> Text:
    if key == "title":
        if row.title:
            return Text(clean(" ".join(row.title.split())), "bold" if not row.broken else "")
        return Text(name, "dim italic")  # not read yet, or unreadable: its file name
    if key == "path":
        return Text(name, "dim")
    if key == "as_of":
        return Text(row.as_of or "")
    if key == "age":
        age = row.age_days(today)
        return Text(age_words(age), "bold yellow" if row.stale(today) else "dim")
    if key == "region":
        return Text(clean(row.region or ""), "dim")
    if key == "due":
        due = row.due(today) if row.checked else 0
        return Text(f"⚠{due}", "bold red") if due else Text("")
    if key in ("bullets", "judgments", "sources"):
        value = getattr(row, key)
        return Text("" if value is None else str(value))
    return check_text(row, today)


def row_line(row: Row, name: str, width: int, today: datetime.date | None = None, sort: str | None = None, shared_title: bool = False) -> Text:
    """One briefing's line. ``shared_title``: another row has the same title, so the file
    name follows it (with no File column on screen, two of them could not be told apart)."""
    line = Text(no_wrap=True, end="")
    columns = columns_for(width, sort)
    for number, (key, _, size, right) in enumerate(columns):
        if number:
            line.append(" ")
        text = cell(row, key, name, today)
        if key == "title" and shared_title and not any(column[0] == "path" for column in columns):
            base = name.rsplit("/", 1)[-1]  # the file's own name: what tells two of a title apart
            text.truncate(max(size - len(base) - 3, 4), overflow="ellipsis")
            text.append(" · ", "dim")
            text.append(base, "dim")
        if key == "path":
            text = Text(cut_start(text.plain, size), "dim")
        text.truncate(size, overflow="ellipsis", pad=False)
        padding = " " * (size - text.cell_len)
        if right:
            line.append(padding)
            line.append_text(text)
        else:
            line.append_text(text)
            line.append(padding)
    return line


class LibraryRows(VirtualList, inherit_bindings=False):
    """The briefings, one line each. Letters type into the filter, so only the arrows,
    page and home/end keys move here."""

    WRAP = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False, id="library-up"),
        Binding("down", "cursor_down", "Down", show=False, id="library-down"),
        Binding("home", "first", "First", show=False, id="library-first"),
        Binding("end", "last", "Last", show=False, id="library-last"),
        Binding("pageup", "page_up", "Page up", show=False, id="library-page-up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="library-page-down"),
    ]

    class Chosen(Message):
        """A row was clicked twice, or chosen with enter."""

    def __init__(self) -> None:
        super().__init__(id="library-rows")

    def row_text(self, position: int) -> str:
        """A row as drawn (tests read it)."""
        return self._render_row(position).plain

    def on_click(self, event: events.Click) -> None:
        if event.chain >= 2:
            self.post_message(self.Chosen())


class ColumnHeadings(ClickableLine):
    """The columns' headings, the sorted one marked; a click sorts by that column."""

    def __init__(self) -> None:
        super().__init__(id="library-headings")
        self.sort = "path"
        self.reverse = False

    def line(self, width: int) -> tuple[Text, list[tuple[int, int, str]]]:
        text, spans = Text(" ", no_wrap=True, end=""), []
        for number, (key, heading, size, right) in enumerate(columns_for(width, self.sort)):
            if number:
                text.append(" ")
            label = heading + (("▼" if self.reverse else "▲") if key == self.sort else "")
            label = label[:size]
            start = len(text)
            padded = label.rjust(size) if right else label.ljust(size)
            text.append(padded, "bold" if key == self.sort else "dim bold")
            spans.append((start, len(text), key))
        return text, spans


class LibraryScreen(Screen):
    """Every briefing under a folder: sort, filter by typing, enter opens."""

    app: BriefingApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="library-open"),
        Binding("slash", "search", "Search all", key_display="/", id="library-search"),
        Binding("greater_than_sign,right_square_bracket", "sort(1)", "Sort →", key_display=">", id="library-sort-next"),
        Binding("less_than_sign,left_square_bracket", "sort(-1)", "Sort ←", key_display="<", show=False, id="library-sort-previous"),
        Binding("ctrl+r", "reverse", "Reverse", show=False, id="library-reverse"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="library-clear"),
        Binding("ctrl+t", "track_record", "Track record", key_display="^t", id="library-track-record"),
        Binding("ctrl+q", "app.quit_now", "Quit", key_display="^q", id="library-quit"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__(id="library")
        self.library = library
        self.filter = ""
        self.sort = "path"
        self.reverse = False
        self.shown: list[Row] = []
        #: Titles more than one row shows: those rows name their file too.
        self._shared_titles: set[str] = set()
        self._reading_small = False
        #: Large files being read, each in a process of its own.
        self._reading_apart: set[str] = set()
        self.today = current_day()

    # --- layout --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        from .widgets import OneLine

        self.title_bar, self.filter_bar = OneLine(id="library-title"), OneLine(id="library-filter")
        self.headings = ColumnHeadings()
        self.rows = LibraryRows()
        self.detail = Static(id="library-detail")
        yield from (self.title_bar, self.filter_bar, self.headings, self.rows, self.detail)
        yield KeyBar()

    def on_mount(self) -> None:
        self.library.scan()
        self.show_rows()
        self.rows.focus()
        self._check_in_worker()
        self.set_interval(POLL_SECONDS, self._poll)

    def on_unmount(self) -> None:
        self.library.cache.save()

    # --- the rows ------------------------------------------------------------------------

    def _matches(self, row: Row) -> bool:
        if not self.filter:
            return True
        haystack = " ".join(part for part in (row.title, row.region, row.as_of, self.library.name(row.path)) if part).casefold()
        return all(word in haystack for word in self.filter.casefold().split())

    def show_rows(self) -> None:
        """The rows again, filtered and sorted, the same briefing selected."""
        keep = self.selected.path if self.selected is not None else None
        keyed = [(sort_key(row, self.sort, self.today), row) for row in self.library.rows.values() if self._matches(row)]
        known = sorted((pair for pair in keyed if not pair[0][0]), key=lambda pair: pair[0], reverse=self.reverse)
        unknown = sorted((pair for pair in keyed if pair[0][0]), key=lambda pair: pair[1].path)
        self.shown = [row for _, row in known + unknown]  # what is not read yet sorts last, either way
        titles = Counter(row.title for row in self.shown if row.title)
        self._shared_titles = {title for title, count in titles.items() if count > 1}
        position = next((number for number, row in enumerate(self.shown) if row.path == keep), 0)
        self.rows.set_rows(len(self.shown), self._line, keep=position)
        self.headings.sort, self.headings.reverse = self.sort, self.reverse
        self.headings.refresh()
        self._show_title()
        self._show_filter()
        self._show_detail()

    def _line(self, position: int) -> Text:
        row = self.shown[position]
        width = self.rows.scrollable_content_region.width or 120
        return row_line(row, self.library.name(row.path), width, self.today, self.sort, row.title in self._shared_titles)

    @property
    def selected(self) -> Row | None:
        position = self.rows.highlighted
        if position is None or position >= len(self.shown):
            return None
        return self.shown[position]

    def select_path(self, path: str) -> bool:
        for position, row in enumerate(self.shown):
            if row.path == path:
                self.rows.highlighted = position
                return True
        return False

    def _show_title(self) -> None:
        rows = list(self.library.rows.values())
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append("Desk  ", "bold reverse")
        text.append(" ")
        text.append(clean(self.library.root), "bold")
        text.append(f"  ·  {len(rows)} briefing{'s' * (len(rows) != 1)}", "dim")
        broken = sum(1 for row in rows if row.broken)
        warned = sum(1 for row in rows if row.checked and not row.broken and row.warnings)
        stale = sum(1 for row in rows if row.stale(self.today))
        if broken:
            text.append(f"  ·  {broken} with errors", "bold red")
        if warned:
            text.append(f"  ·  {warned} with warnings", "yellow")
        if stale:
            text.append(f"  ·  {stale} stale", "bold yellow")
        unchecked = sum(1 for row in rows if not row.checked)
        if unchecked:
            text.append(f"  ·  reading {len(rows) - unchecked:,}/{len(rows):,}…", "dim italic")
        self.title_bar.update(text)

    def _show_filter(self) -> None:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        if self.filter:
            text.append("Filter ", "bold")
            text.append(self.filter, "reverse")
            text.append(f"  {len(self.shown)} of {len(self.library.rows)}  ·  esc clears  ·  ⌫ deletes", "dim")
        else:
            text.append(
                f"Type to filter  ·  / searches every briefing  ·  < > sort (by {SORT_NAMES[self.sort]})  ·  ^r reverses  ·  ⏎ opens",
                "dim",
            )
        self.filter_bar.update(text)

    def _show_detail(self) -> None:
        # Each fact on a line of its own, cut with "…" where the terminal is narrow: the box is
        # as high as its lines can be, so the problem never falls below it unseen.
        row = self.selected
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        if row is None:
            text.append("No briefing here." if not self.library.rows else "No briefing matches the filter.", "dim")
        else:
            text.append(clean(self.library.name(row.path)), "bold")
            if row.checked:
                shared = len(row.shared)
                text.append(f"  ·  {row.size:,} bytes", "dim")
                if shared:
                    text.append(f"\n{shared} source{'s' * (shared != 1)} with a URL or a title and publisher", "dim")
            if row.problem:
                found = (row.errors or 0) + row.warnings
                text.append("\n")
                if found > 1:  # first, where a narrow line keeps it
                    text.append(f"1 of {found}: ", "bold")
                text.append(clean(" ".join(row.problem.split())), "red" if row.broken else "yellow")
            elif not row.checked:
                text.append("\nnot read yet", "dim italic")
        self.detail.update(text)

    @on(VirtualList.Moved, "#library-rows")
    def _moved(self) -> None:
        self._show_detail()

    # --- reading the folder ----------------------------------------------------------------

    @property
    def checking(self) -> bool:
        """Whether rows are being read."""
        return self._reading_small or bool(self._reading_apart)

    def _check_in_worker(self) -> None:
        from ..library import OWN_PROCESS_BYTES

        order = [(row.path, row.size, row.mtime_ns) for row in self._reading_order() if row.path not in self._reading_apart]
        small = [file for file in order if file[1] <= OWN_PROCESS_BYTES]
        if small and not self._reading_small:
            self._reading_small = True
            self._check(small)
        # A large file takes seconds in a process of its own: it must not hold up the rest.
        for file in order:
            if file[1] > OWN_PROCESS_BYTES:
                self._reading_apart.add(file[0])
                self._check_large(file)

    def _reading_order(self) -> list[Row]:
        """What is on screen first, then the rest in the order shown."""
        order = [row for row in self.shown if not row.checked]
        seen = {row.path for row in order}
        return order + [row for row in self.library.unchecked() if row.path not in seen]

    @guarded_work("Reading the briefings", group="library-read", exclusive=True)
    def _check(self, files: list[tuple[str, int, int]]) -> None:
        import time

        from ..library import summarize

        batch: list[Row] = []
        last = time.monotonic()
        for path, size, mtime_ns in files:
            try:
                batch.append(summarize(path, size, mtime_ns, self.library.max_bytes))
            except Exception as error:
                batch.append(Row(path, size, mtime_ns, errors=1, problem=f"{path}: could not be read: {type(error).__name__}: {error}"))
            if time.monotonic() - last >= BATCH_SECONDS:
                self.app.call_from_thread(self._kept, batch)
                batch, last = [], time.monotonic()
        self.app.call_from_thread(self._kept, batch, True)

    @guarded_work("Reading a large briefing", group="library-read-large")
    def _check_large(self, file: tuple[str, int, int]) -> None:
        from ..library import summarize_apart

        row = summarize_apart(*file, self.library.max_bytes)
        self.app.call_from_thread(self._kept_large, row)

    def _kept_large(self, row: Row) -> None:
        self._reading_apart.discard(row.path)
        self._kept([row])

    def _kept(self, rows: list[Row], small_done: bool = False) -> None:
        for row in rows:
            self.library.keep(row)
        if small_done:
            self._reading_small = False
        if not self.checking:
            self.library.cache.save()
        if any(not row.checked and row.path not in self._reading_apart for row in self.library.rows.values()) and not self._reading_small:
            self._check_in_worker()  # the folder changed while it was being read
        self.show_rows()

    def _poll(self) -> None:
        added, changed, removed = self.library.scan()
        if added or changed or removed:
            self.show_rows()
            self._check_in_worker()

    # --- keys ----------------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """Letters, digits, spaces and punctuation type into the filter; ⌫ takes one back."""
        if event.key == "backspace" and self.filter:
            self.filter = self.filter[:-1]
        elif event.is_printable and event.character and event.character not in RESERVED and (event.character != " " or self.filter):
            self.filter += event.character
        else:
            return
        event.stop()
        event.prevent_default()
        self.show_rows()

    def action_clear_filter(self) -> None:
        if self.filter:
            self.filter = ""
            self.show_rows()

    def action_sort(self, step: int) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + step) % len(SORTS)]
        self.reverse = False
        self.show_rows()

    def action_reverse(self) -> None:
        self.reverse = not self.reverse
        self.show_rows()

    @on(ColumnHeadings.Clicked)
    def _heading_clicked(self, event: ColumnHeadings.Clicked) -> None:
        if event.key == self.sort:
            self.reverse = not self.reverse
        else:
            self.sort, self.reverse = event.key, False
        self.show_rows()

    @on(LibraryRows.Chosen)
    def action_open(self) -> None:
        row = self.selected
        if row is not None:
            self.post_message(OpenBriefing(row.path))

    def action_track_record(self) -> None:
        """How the desk's judgments came out, scored: every briefing here, every version."""
        from .track_record import TrackRecordScreen

        self.app.push_screen(TrackRecordScreen(self.library, self.today))

    def action_search(self) -> None:
        from .screens import LibrarySearchScreen

        self.app.push_screen(LibrarySearchScreen(self.library), self._search_chosen)

    def _search_chosen(self, hit) -> None:
        if hit is not None:
            self.select_path(hit.path)
            self.post_message(OpenBriefing(hit.path, hit.ref))
