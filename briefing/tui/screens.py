"""Dialogs over the dashboard: search across all panes, and help built from the live bindings."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, NamedTuple, cast

from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..index import BriefingIndex, Ref
from ..text import clean, cut_start, one_line
from .virtual_list import VirtualList
from .widgets import KeysWelcome, TakesTypedKeys, bindings_of
from .workers import guarded_work

if TYPE_CHECKING:
    from ..model import Indicator
    from ..tradecraft import Comparison
    from .app import BriefingApp
    from .frame import BriefingFrame

SNIPPET = 70
#: Fields whose text is the item's own label: a hit there shows the label, highlighted.
LABEL_FIELDS = {"label", "text", "name", "title"}


def snippet(text: str, spans: list[tuple[int, int]], width: int = SNIPPET) -> Text:
    """A window of one line around the first match, every match highlighted."""
    flat = clean(text).replace("\n", " ")
    if len(flat) != len(text):  # cleaning changed the lengths: show it without places
        spans = []
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3) if len(flat) > width else 0
    window = flat[start : start + width]
    result = Text("…" if start else "")
    shift = len(result.plain) - start
    result.append(window)
    if start + width < len(flat):
        result.append("…")
    for begin, end in spans:
        if begin >= start and end <= start + width:
            result.stylize("reverse bold", begin + shift, end + shift)
    return result


def hit_row(index: BriefingIndex, hit) -> Text:
    """``stakeholder  Sergey Lavrov`` or ``base  Tartus naval base — role: …Key to Russia's…``;
    words found in other fields too follow, each field with its own window."""
    row = Text.assemble((f"{index.kind_name(hit.ref):<12}", "dim"))
    width = SNIPPET // (1 + len(hit.also))  # one line shared by every field that matched
    if hit.field in LABEL_FIELDS:
        row.append_text(snippet(hit.text, hit.spans, width))
    else:
        row.append(clean(" ".join(index.label(hit.ref).split())[:40]), "bold")
        row.append(f" — {hit.field}: ", "dim")
        row.append_text(snippet(hit.text, hit.spans, width - 20))
    return also_matched(row, hit, width)


def also_matched(row: Text, hit, width: int) -> Text:
    """The other fields a hit's words were found in: ``· note: …words…``."""
    for field, text, spans in hit.also:
        row.append(f" · {field}: ", "dim")
        row.append_text(snippet(text, spans, max(width - 10, 20)))
    return row


class SearchHits(VirtualList, can_focus=False):
    """The hits, one line each; typing stays in the search box, ↑↓ move here."""

    WRAP = False

    class Clicked(Message):
        """A hit was clicked: go to it."""

    def __init__(self) -> None:
        super().__init__(id="search-hits")

    def row_text(self, position: int) -> str:
        return self._render_row(position).plain

    def on_click(self, event: events.Click) -> None:
        # VirtualList.on_click moves the highlight there too (Textual calls both).
        row = self.row_at(event)
        if row is not None:
            self._move(row)
            self.post_message(self.Clicked())


class HitsDialog(ModalScreen):
    """A search box over a list of hits: ↑↓ choose, enter (or a click) answers with the
    chosen hit's value (``choices``), esc closes with none."""

    app: BriefingApp

    LIMIT = 200
    BOX_TITLE = "Search"
    PLACEHOLDER = "Search…"

    def compose(self) -> ComposeResult:
        box = Vertical(id="search-box")
        box.border_title = self.BOX_TITLE
        with box:
            yield Input(placeholder=self.PLACEHOLDER, id="search-input")
            yield Static(id="search-status")
            yield SearchHits()

    def list_hits(self, query: str, count: int, render: Callable[[int], Text], total: int, hint: str) -> None:
        """Show ``count`` hits of ``total`` (drawn when seen, not all now) and say how many;
        with no query, ``hint`` says how to search."""
        self.query_one(SearchHits).set_rows(count, render)
        if not query:
            message = hint
        elif total == 0:
            message = "No matches."
        else:
            shown = f" (first {count} shown)" if total > count else ""
            message = f"{total} match{'es' * (total != 1)}{shown}"
        self.query_one("#search-status", Static).update(Text(message, "dim"), layout=False)  # one line, always

    @property
    def choices(self) -> list:
        raise NotImplementedError

    def hit_text(self, position: int) -> str:
        """A hit as its row shows it (tests read it)."""
        return self.query_one(SearchHits).row_text(position)

    def action_move(self, step: int) -> None:
        hits = self.query_one(SearchHits)
        (hits.action_cursor_down if step > 0 else hits.action_cursor_up)()

    def action_choose(self) -> None:
        hits = self.query_one(SearchHits)
        if hits.highlighted is not None and hits.highlighted < len(self.choices):
            self.dismiss(self.choices[hits.highlighted])

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        self.action_choose()

    @on(VirtualList.Moved, "#search-hits")
    def _moved(self, event: VirtualList.Moved) -> None:
        event.stop()

    @on(SearchHits.Clicked)
    def _clicked(self, event: SearchHits.Clicked) -> None:
        self.action_choose()

    def action_close(self) -> None:
        self.dismiss(None)


class Searched(NamedTuple):
    """How a search ended: the hit gone to (None: closed), the words, the hits, which one."""

    ref: Ref | None
    query: str
    hits: list[Ref]
    position: int = -1


class SearchScreen(TakesTypedKeys, HitsDialog):
    """Incremental, case-insensitive search across every pane; `enter` jumps to the hit.
    Opened again, it shows the last words, selected: typing replaces them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="search-close"),
        Binding("down", "move(1)", "Next hit", show=False, id="search-next"),
        Binding("up", "move(-1)", "Previous hit", show=False, id="search-previous"),
        Binding("enter", "choose", "Go to hit", id="search-choose"),
    ]
    PLACEHOLDER = "Search all panes…"

    def __init__(self, index: BriefingIndex, query: str = "") -> None:
        super().__init__()
        self.index = index
        self.refs: list[Ref] = []
        self.last_query = query

    def on_mount(self) -> None:
        box = self.query_one("#search-input", Input)
        box.value = self.last_query
        box.select_all()  # typing replaces the last words; an arrow key keeps them
        self._show(self.last_query)

    def action_choose(self) -> None:
        hits = self.query_one(SearchHits)
        if hits.highlighted is not None and hits.highlighted < len(self.refs):
            self.dismiss(Searched(self.refs[hits.highlighted], self._query(), list(self.refs), hits.highlighted))

    def action_close(self) -> None:
        self.dismiss(Searched(None, self._query(), []))

    def _query(self) -> str:
        return self.query_one("#search-input", Input).value

    @property
    def choices(self) -> list[Ref]:
        return self.refs

    def on_screen_resume(self) -> None:
        # The search box takes focus as the screen resumes (just after this handler): the
        # keys typed since "/" are replayed after that, into it.
        self.ready_for_keys = True
        self.post_message(KeysWelcome())

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, query: str) -> None:
        hits, total = self.index.search(query, self.LIMIT)
        self.refs = [hit.ref for hit in hits]
        hint = "Type words to find in every pane (all must match); ↑↓ choose, enter jumps, esc closes."
        self.list_hits(query, len(hits), lambda position: hit_row(self.index, hits[position]), total, hint)


class LibrarySearchScreen(HitsDialog):
    """Search every briefing of the library: all words must match, in any field; a hit
    opens its briefing at the item. The briefings are read once, in a worker."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="library-search-close"),
        Binding("down", "move(1)", "Next hit", show=False, id="library-search-next"),
        Binding("up", "move(-1)", "Previous hit", show=False, id="library-search-previous"),
        Binding("enter", "choose", "Open hit", id="library-search-choose"),
    ]
    BOX_TITLE = "Search every briefing"
    PLACEHOLDER = "Search every briefing…"

    def __init__(self, library) -> None:
        from ..library import LibrarySearch

        super().__init__()
        self.library = library
        self.search = LibrarySearch()
        self.ready = False
        self.hits: list = []

    def on_mount(self) -> None:
        self.query_one("#search-status", Static).update(Text(f"Reading {len(self.library.rows)} briefings…", "dim"))
        self._read([row.path for row in self.library.rows.values() if not row.broken])

    @guarded_work("Reading the briefings for search", group="library-search", exclusive=True)
    def _read(self, paths: list[str]) -> None:
        for path in paths:
            self.search.add(path, self.library.max_bytes)
        self.app.call_from_thread(self._read_done)

    def _read_done(self) -> None:
        self.ready = True
        self._show(self.query_one("#search-input", Input).value)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        if self.ready:
            self._show(event.value)

    def _show(self, query: str) -> None:
        hits, total = self.search.search(query, self.LIMIT)
        self.hits = hits
        hint = f"{len(self.search.indexes)} briefings read. Type words to find (all must match); enter opens, esc closes."
        self.list_hits(query, len(hits), lambda position: self._row(hits[position]), total, hint)

    def _row(self, hit) -> Text:
        name = cut_start(clean(self.library.name(hit.path)), 24)
        row = Text.assemble((name.ljust(25), "bold cyan"), (f"{hit.kind:<12}", "dim"))
        width = SNIPPET // (1 + len(hit.also))
        if hit.field not in LABEL_FIELDS:
            row.append(one_line(hit.label, 30), "bold")
            row.append(f" — {hit.field}: ", "dim")
            row.append_text(snippet(hit.text, hit.spans, width - 30))
        else:
            row.append_text(snippet(hit.text, hit.spans, width - 10))
        return also_matched(row, hit, width)

    @property
    def choices(self) -> list:
        return self.hits


class HelpScreen(ModalScreen[None]):
    """Every binding, read from the live widgets, grouped by where it works."""

    app: BriefingApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1", "close", "Close", id="help-close"),
        Binding("j", "scroll('down')", show=False),
        Binding("k", "scroll('up')", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(id="help-body")

    def on_mount(self) -> None:
        box = self.query_one("#help-box")
        box.border_title = "Keys"
        box.border_subtitle = "esc closes"
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        group = None
        for title, keys, description in self.entries():
            if title != group:
                if group is not None:
                    table.add_row("", "")
                table.add_row(Text(title, "bold underline"), "")
                group = title
            table.add_row(Text(keys), Text(description))
        self.query_one("#help-body", Static).update(table)

    def entries(self) -> list[tuple[str, str, str]]:
        """(where, keys, what) for every key the help lists, from the live bindings."""
        app = self.app
        keymap = app.keymap
        groups = []
        if app.library is not None:
            from .library import LibraryScreen

            library = next(screen for screen in app.screen_stack if isinstance(screen, LibraryScreen))
            groups += [
                ("In the library (type to filter)", bindings_of(type(library), keymap)),
                ("In the search of every briefing", bindings_of(LibrarySearchScreen, keymap)),
            ]
        if app.has_dashboard and app.dashboard.has_layout:
            from .source_reader import SourceReaderScreen

            dashboard = app.dashboard
            focused = dashboard.focused
            if focused is not None and hasattr(focused, "offers"):  # what acts on the focused item, first
                here = [b for b in bindings_of(type(focused), keymap) if focused.offers(b.action.split("(")[0])]
                groups.append((f"Here ({focused.border_title})", here))
            everywhere = [b for b in bindings_of(type(dashboard), keymap) if dashboard.offers(b.action.split("(")[0])]
            groups += [
                ("Everywhere" if app.library is None else "In a briefing", everywhere + bindings_of(type(app), keymap)),
                ("In a list pane", bindings_of(type(dashboard.pane("summary")), keymap)),
                ("In Sources", bindings_of(type(dashboard.pane("sources")), keymap)),
                ("In the Detail pane", bindings_of(type(dashboard.detail), keymap)),
                ("In search", bindings_of(SearchScreen, keymap)),
            ]
            # Only the dialogs this briefing has: no keys of a matrix it does not hold.
            if dashboard.offers("watch"):
                groups.append(("In the watch list", bindings_of(WatchScreen, keymap)))
            if dashboard.offers("hypotheses"):
                groups.append(("In the hypotheses matrix", bindings_of(HypothesesScreen, keymap)))
            groups.append(("In the source reader", bindings_of(SourceReaderScreen, keymap)))
        else:
            groups.append(("Everywhere", bindings_of(type(app), keymap)))
        entries = []
        for title, bindings in groups:
            seen: dict[str, list[str]] = {}
            for binding in bindings:
                # Ours carry an id; Textual's own (scrolling sideways, copying) do nothing here.
                if not binding.description or binding.id is None:
                    continue
                if binding.id == "quit" and app.library is not None and not app.has_dashboard:
                    continue  # in the library q is a letter of the filter
                seen.setdefault(binding.description, []).append(app.get_key_display(binding))
            entries += [(title, " / ".join(dict.fromkeys(keys)), description) for description, keys in seen.items()]
        palette = app.get_key_display(Binding("ctrl+p", ""))
        entries.append(("Palette", palette, "Command palette: every action, go to any item, themes"))
        return entries

    def action_scroll(self, direction: str) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        (box.scroll_down if direction == "down" else box.scroll_up)()

    def action_close(self) -> None:
        self.dismiss(None)


def indicator_changed(comparison: Comparison, index: BriefingIndex, ref: Ref) -> bool:
    judgment = Ref("judgments", index.judgment_of[ref].id)
    if comparison.changes.get(judgment) == "added":
        return True
    mark = f"indicators[{index.items[ref].id}]."  # type: ignore[union-attr]
    return any(field.startswith(mark) for field, _, _ in comparison.fields.get(judgment, ()))


class WatchScreen(ModalScreen[Ref | None]):
    """Every indicator of the briefing with its status and its judgment: what to watch for.
    What changed since the compared version comes first, then what has been observed. `s`
    cycles the highlighted indicator's status in the file (asking why, as on the dashboard);
    the list shows the file as it is after each reload."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,i", "close", "Close", id="watch-close"),
        Binding("enter", "choose", "Go to indicator", id="watch-choose"),
        Binding("s", "status", "Cycle status", id="watch-cycle-status"),
    ]
    ORDER: ClassVar[dict[str, int]] = {"observed": 0, "partially observed": 1, "not observed": 2}

    def __init__(self, frame: BriefingFrame) -> None:
        super().__init__()
        self.frame = frame
        assert frame.index is not None  # the dashboard opens it on a briefing
        self._read(frame.index)

    def _read(self, index: BriefingIndex) -> None:
        self.index, comparison, self.gone = index, self.frame.reader.comparison, self.frame.reader.gone
        indicators = [ref for ref in index.items if ref.kind == "indicators"]
        # Changed since the compared version: as `diff` says, a field of this indicator (or the
        # judgment holding it is new) — not every indicator of a judgment that changed.
        self.changed = {ref for ref in indicators if comparison is not None and indicator_changed(comparison, index, ref)}
        self.refs = sorted(indicators, key=lambda ref: (ref not in self.changed, self.ORDER[self.status(ref)]))

    def indicator(self, ref: Ref) -> Indicator:
        return cast("Indicator", self.index.items[ref])

    def status(self, ref: Ref) -> str:
        return self.indicator(ref).status_without(self.gone)

    def compose(self) -> ComposeResult:
        with Vertical(id="watch-box"):
            yield Static(id="watch-status")
            yield VirtualList(id="watch-list")

    def on_mount(self) -> None:
        box = self.query_one("#watch-box")
        box.border_title = "Watch: indicators"
        box.border_subtitle = "⏎ go to it · s cycles its status · esc closes"
        self._show()
        self.query_one("#watch-list", VirtualList).focus()
        self.frame.shown_signal.subscribe(self, self._reloaded)

    def on_unmount(self) -> None:
        self.frame.shown_signal.unsubscribe(self)  # its callback holds this screen: let both go

    def _reloaded(self, index: BriefingIndex) -> None:
        """The file was read again (an edit written, or changed on disk): show what it says now,
        the highlight kept on the same indicator."""
        kept = self._highlighted()
        self._read(index)
        self._show(kept)

    def _show(self, keep: Ref | None = None) -> None:
        from ..kinds import indicator_line

        observed = sum(1 for ref in self.refs if self.status(ref) != "not observed")
        summary = f"{len(self.refs)} indicator{'s' * (len(self.refs) != 1)}, {observed} observed or partly"
        if not self.refs:
            summary = "No indicators: a judgment lists them under `indicators:`."
        self.query_one("#watch-status", Static).update(Text(summary, "dim"))

        def row(position: int) -> Text:
            ref = self.refs[position]
            text = Text("✎ " if ref in self.changed else "", "bold yellow")
            text.append_text(indicator_line(self.indicator(ref), self.status(ref)))
            text.append("  — ", "dim")
            text.append(clean(" ".join(self.index.judgment_of[ref].text.split())[:80]), "dim")
            return text

        listing = self.query_one("#watch-list", VirtualList)
        listing.set_rows(len(self.refs), row, keep=self.refs.index(keep) if keep in self.refs else None)

    def row_text(self, position: int) -> str:
        """A row as shown (tests read it)."""
        return self.query_one("#watch-list", VirtualList).row_lines(position)[0].strip() if self.refs else ""

    @on(VirtualList.Moved, "#watch-list")
    def _moved(self, event: VirtualList.Moved) -> None:
        event.stop()

    def _highlighted(self) -> Ref | None:
        listing = self.query_one("#watch-list", VirtualList)
        return self.refs[listing.highlighted] if listing.highlighted is not None and listing.highlighted < len(self.refs) else None

    def action_choose(self) -> None:
        ref = self._highlighted()
        if ref is not None:
            self.dismiss(ref)

    def action_status(self) -> None:
        """The dashboard edits the file (it asks why, writes, reloads): the list follows."""
        from .editing import EditRequested

        ref = self._highlighted()
        if ref is not None:
            self.frame.post_message(EditRequested(ref, "status", 1))

    def action_close(self) -> None:
        self.dismiss(None)


class MatrixRows(VirtualList):
    """The matrix's rows: one line each, its columns aligned."""

    WRAP = False


class HypothesesScreen(ModalScreen[Ref | None]):
    """The ACH matrix: evidence rows against the hypotheses, ranked by weighted inconsistency,
    scored with the sources withdrawn this session left out; `enter` goes to a row's evidence."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h", "close", "Close", id="hypotheses-close"),
        Binding("enter", "choose", "Go to the evidence", id="hypotheses-choose"),
    ]
    label_width = 34

    def __init__(self, index: BriefingIndex, gone: frozenset[int] = frozenset(), comparison: Comparison | None = None, since: str = "") -> None:
        from ..ach import score

        super().__init__()
        self.index = index
        briefing = index.briefing
        self.matrix = score(briefing.hypotheses, briefing.ach, index, gone) if briefing.ach is not None else None
        # Compare mode: the ratings that changed since the older version, row by row, and the lead.
        self.comparison, self.since = comparison, since

    def changed_ratings(self, ref: str) -> dict[str, str | None]:
        """A row's ratings as the older version had them, for those that changed."""
        if self.comparison is None:
            return {}
        fields = self.comparison.fields.get(Ref("ach", ref), ())
        return {field.removeprefix("ratings."): old for field, old, _ in fields if field.startswith("ratings.")}

    def lead_change(self) -> tuple[str | None, str | None] | None:
        if self.comparison is None:
            return None
        fields = self.comparison.fields.get(Ref("ach", "leading hypotheses"), ())
        return next(((old, new) for field, old, new in fields if field == "leading"), None)

    def compose(self) -> ComposeResult:
        with Vertical(id="hypotheses-box"):
            yield Static(id="hypotheses-head")
            yield MatrixRows(id="hypotheses-list")

    def on_mount(self) -> None:
        from ..render import RATING_STYLES, evidence_label, rating_words

        box = self.query_one("#hypotheses-box")
        box.border_title = "Competing hypotheses"
        box.border_subtitle = "⏎ go to the evidence · esc closes"
        head = self.query_one("#hypotheses-head", Static)
        listing = self.query_one("#hypotheses-list", VirtualList)
        matrix = self.matrix
        if matrix is None:
            head.update(Text('No ACH matrix in this briefing: see the README\'s "Competing hypotheses".', "dim"))
            return
        # The evidence column takes what the ratings leave, up to a readable width.
        inner = min(130, int(self.app.size.width * 0.95)) - 8  # borders, padding, scrollbar, margins
        self.label_width = max(14, min(44, inner - 7 - 9 * len(matrix.hypotheses) - 6 - 4))
        text = Text.assemble(("Question  ", "dim"), (clean(matrix.question), "bold"), "\n")
        for hypothesis in matrix.hypotheses:
            text.append("★ " if hypothesis.leading else "  ", "bold yellow")
            text.append(f"{hypothesis.id} ", "bold")
            text.append(f"{hypothesis.weighted_inconsistency:g} weighted · {hypothesis.inconsistency} inconsistent  ", "dim")
            text.append(clean(" ".join(hypothesis.text.split())))
            text.append("\n")
        lead = self.lead_change()
        if lead is not None:
            text.append(f"The lead changed since {clean(self.since)}: ", "bold yellow")
            text.append(clean(lead[0] or "none"), "red strike")
            text.append(" → ", "dim")
            text.append(clean(lead[1] or "none"), "bold green")
            text.append("\n")
        text.append(
            "! critical: without it another hypothesis leads · ≈ non-diagnostic: rates every hypothesis alike · ⊘ withdrawn: its sources are"
            + (f" · ✎ rated otherwise in {clean(self.since)} (was …)" if self.comparison is not None else "")
            + "\n",
            "dim",
        )
        columns = Text(f"{'evidence':<{self.label_width}} {'cred.':<7}", "bold dim")
        for hypothesis in matrix.hypotheses:
            columns.append(f"{hypothesis.id[:8]:<9}", "bold dim")
        columns.append("diag.", "bold dim")
        text.append_text(columns)
        head.update(text)

        def row(position: int) -> Text:
            scored = matrix.evidence[position]
            line = Text()
            width = self.label_width
            label = evidence_label(self.index, scored.ref, width - 2)
            line.append(f"{label[: width - 1]:<{width}} ", "dim strike" if scored.withdrawn else "")
            line.append(f"{scored.credibility:<7}", "dim")
            was = self.changed_ratings(scored.ref)
            for hypothesis in matrix.hypotheses:
                rating = scored.ratings.get(hypothesis.id, "NA")
                if hypothesis.id in was:  # ✎ and what it was, in the cell: "✘✘ II✎I"
                    words = f"{rating_words(rating)}✎{was[hypothesis.id] or ''}"
                    line.append(f"{words:<9}"[:9], f"{RATING_STYLES[rating]} underline".strip())
                    continue
                line.append(f"{rating_words(rating):<9}", RATING_STYLES[rating])
            line.append(f"{scored.diagnosticity:4.2f} ", "dim")
            # One cell each, so that the column never cuts them.
            flag = "⊘" if scored.withdrawn else "!" if scored.critical else "≈" if not scored.diagnostic else ""
            line.append(flag, "bold yellow" if scored.critical else "dim")
            return line

        listing.set_rows(len(matrix.evidence), row)
        listing.focus()

    def row_text(self, position: int) -> str:
        """A row as shown (tests read it)."""
        return self.query_one("#hypotheses-list", VirtualList).row_lines(position)[0].strip()

    def head_text(self) -> str:
        return str(self.query_one("#hypotheses-head", Static).content)

    @on(VirtualList.Moved, "#hypotheses-list")
    def _moved(self, event: VirtualList.Moved) -> None:
        event.stop()

    def action_choose(self) -> None:
        listing = self.query_one("#hypotheses-list", VirtualList)
        if self.matrix is None or listing.highlighted is None or listing.highlighted >= len(self.matrix.evidence):
            return
        kind, _, key = self.matrix.evidence[listing.highlighted].ref.partition(":")
        self.dismiss(Ref(kind, key))

    def action_close(self) -> None:
        self.dismiss(None)
