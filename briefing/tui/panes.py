"""The panes: one small widget class per pane, each with its own bindings and actions.

Panes never navigate by themselves: they post messages (``CiteRequested``,
``JumpRequested``) that the app handles, so that history and the citation
trail live in one place.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.segment import Segment
from rich.text import Text
from textual import events, on
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from ..index import COLLECTIONS, BriefingIndex, Ref
from ..render import SECTION_TITLES, cited_by_entry, detail, row, section_rule
from ..text import text_segments
from .editing import EditRequested, editable
from .keybar import ClickableLine
from .source_reader import readable
from .virtual_list import LineView, VirtualList, row_strip, styled
from .widgets import say

#: The list panes, in the order the reader meets them: one for each collection of the format
#: (shape.COLLECTIONS), under the heading documents give it. The number keys follow this order.
PANES = COLLECTIONS
PANE_TITLES = {pane: SECTION_TITLES[pane] for pane in PANES}
PANES_KEYS = {pane: str(number) for number, pane in enumerate(PANES, 1)}
#: A folded pane's title, left of its rows: as wide as the longest, and a space.
TITLE_GUTTER = max(len(f"{PANES_KEYS[pane]} {PANE_TITLES[pane]}") for pane in PANES) + 1


class RefMessage(Message):
    """A message about one item."""

    def __init__(self, ref: Ref) -> None:
        super().__init__()
        self.ref = ref


#: The edit actions, and the field each changes.
EDITED = {"status": "status", "likelier": "likelihood", "surer": "confidence"}


class ReadSourceRequested(RefMessage):
    """Open the source reader on this item's quoted source (or on this source); ``source``:
    the one to prefer (the citation in view on a trail)."""

    def __init__(self, ref: Ref, source: int | None = None) -> None:
        super().__init__(ref)
        self.source = source


class ItemList(VirtualList):
    """A pane listing one kind of item, each row with its citation markers."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,c", "cite", "Go to source", id="cite"),
        Binding("]", "step_citation(1)", "Next cite", id="next-citation"),
        Binding("[", "step_citation(-1)", "Prev cite", id="previous-citation"),
        Binding("v", "read_source", "Read source", id="read-source"),
        Binding("s", "status", "Cycle status", id="cycle-status"),
        Binding("plus", "likelier(1)", "Likelier", key_display="+", id="likelier"),
        Binding("minus", "likelier(-1)", "Less likely", key_display="-", id="less-likely"),
        Binding("greater_than_sign", "surer(1)", "More confident", key_display=">", show=False, id="more-confident"),
        Binding("less_than_sign", "surer(-1)", "Less confident", key_display="<", show=False, id="less-confident"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"pane--title", "pane--title-focused", "pane--position"}
    EMPTY = "none in this briefing"
    #: Whether the kind's row shortens something (a source's note) that it can show in full.
    SHORTENS: ClassVar[bool] = False
    #: Rows in full: where the room allows (the dashboard decides, ``Body.fit``).
    in_full = False

    #: What the key bar last offered for the highlighted item (Read source; the edits).
    _offered: tuple[bool, ...] = ()

    class CiteRequested(Message):
        """The reader wants to follow the highlighted item's citations: ``step`` 0 first, ±1 next/previous."""

        def __init__(self, pane: ItemList, ref: Ref, step: int) -> None:
            super().__init__()
            self.pane = pane
            self.ref = ref
            self.step = step

    class Highlighted(Message):
        """The reader moved to another item in this pane."""

        def __init__(self, pane: ItemList, ref: Ref | None) -> None:
            super().__init__()
            self.pane = pane
            self.ref = ref

    def __init__(self, pane: str, current: bool = False) -> None:
        super().__init__(id=f"pane-{pane}", classes="pane -current -unfolded" if current else "pane")
        self.pane = pane
        self.border_title = f"{PANES_KEYS[pane]} {PANE_TITLES[pane]}"
        self.refs: list[Ref] = []
        self._positions: dict[Ref, int] = {}
        self._index: BriefingIndex | None = None
        self._marks: dict[Ref, int] = {}
        self._withdrawn: frozenset[int] = frozenset()
        self._changes: dict[Ref, str] = {}
        self._position_shown = ""

    # --- folded: no frame, the title in a gutter ----------------------------------

    def label_width(self) -> int:
        return TITLE_GUTTER if self.has_class("-folded") else 0

    def label_line(self, y: int, width: int) -> Strip:
        """The title on the first line (bold in the accent colour while the pane has focus,
        as a frame would be), where the highlight is on the second."""
        if y == 0:
            component = "pane--title-focused" if self.has_focus else "pane--title"
            text = Text(str(self.border_title), self.get_component_rich_style(component))
        elif y == 1:
            text = Text(self._position_shown, self.get_component_rich_style("pane--position"))
        else:
            text = Text()
        text.truncate(width - 1, pad=True)
        strip = Strip([*text_segments(text, self.app.console), Segment(" ")]).extend_cell_length(width).crop(0, width)
        return styled(strip, self.base_style)  # every cell styled: NO_COLOR's filter reads each

    def highlight_on_top(self) -> bool:
        return self.has_class("-folded")  # a folded pane's first line is its item's, never the tail of the one before

    def set_in_full(self, in_full: bool) -> bool:
        """Rows in full, or as short as the kind makes them; whether that changed anything."""
        if in_full == self.in_full or not self.SHORTENS:
            return False
        self.in_full = in_full
        if self._index is not None:
            self.set_rows(len(self.refs), self._row, keep=self.highlighted, announce=False)
        return True

    # (Textual calls each class's own handler: LineView's redraws the highlight.)
    def on_focus(self) -> None:
        if self.has_class("-folded"):  # the title in the gutter shows the focus
            self.refresh(Region(0, 0, TITLE_GUTTER, 1))

    def on_blur(self) -> None:
        if self.has_class("-folded"):
            self.refresh(Region(0, 0, TITLE_GUTTER, 1))

    def withdraw(self, withdrawn: frozenset[int]) -> None:
        """Show which rows depend on withdrawn sources (and which are left with none)."""
        if withdrawn != self._withdrawn and self._index is not None:
            self._withdrawn = withdrawn
            self.set_rows(len(self.refs), self._row, keep=self.highlighted)

    def show(
        self,
        index: BriefingIndex,
        marks: dict[Ref, int] | None = None,
        withdrawn: frozenset[int] = frozenset(),
        changes: dict[Ref, str] | None = None,
    ) -> None:
        """Fill the pane from an index, keeping the highlighted item when it still exists.

        ``marks``: the citation in view on the trail's origin row; ``withdrawn``: sources the
        reader has withdrawn; ``changes``: compare mode's new and changed items."""
        keep = self.highlighted_ref
        self._index = index
        self._marks = dict(marks or {})
        self._withdrawn = withdrawn
        self._changes = changes or {}
        self.refs = index.order[self.pane]
        self._positions = {ref: position for position, ref in enumerate(self.refs)}
        # Silently: the dashboard shows the highlighted item of the current pane itself.
        self.set_rows(len(self.refs), self._row, keep=self._positions.get(keep) if keep else None, announce=False)
        self._show_position()

    def _row(self, position: int) -> Text:
        ref = self.refs[position]
        assert self._index is not None  # rows exist only once a briefing is shown
        text = row(self._index, ref, self._marks.get(ref), self._withdrawn, in_full=self.in_full)
        change = self._changes.get(ref)
        if change is not None:  # compare mode
            return Text.assemble(("✚ new " if change == "added" else "✎ ", "bold green" if change == "added" else "bold yellow"), text)
        return text

    def row_text(self, ref: Ref) -> Text:
        """The row as drawn now, its cells and their styles line after line, read off what the
        list draws (tests read the citation marker in view from it: a mark in the pane's state
        that never reached the screen does not count)."""
        lines = []
        for strip in self.row_strips(self._positions[ref]):
            line = Text()
            for segment in strip:
                line.append(segment.text, segment.style)
            line = line[1:]  # the gutter the list draws either side of a row
            line.rstrip()
            lines.append(line)
        return Text(" ").join(lines)  # a wrapped row broke at a space

    def mark_row(self, ref: Ref, current: int | None = None) -> None:
        """Highlight (or stop highlighting) the marker of the citation now in view on a row."""
        position = self._positions.get(ref)
        if position is None:
            return
        if current is None:
            self._marks.pop(ref, None)
        else:
            self._marks[ref] = current
        self.refresh_row(position)

    @property
    def highlighted_ref(self) -> Ref | None:
        if self.highlighted is None or self.highlighted >= len(self.refs):
            return None
        return self.refs[self.highlighted]

    def select_ref(self, ref: Ref) -> bool:
        position = self._positions.get(ref)
        if position is None:
            return False
        self.highlighted = position
        return True

    def action_cite(self) -> None:
        if self.highlighted_ref is not None:
            self.post_message(self.CiteRequested(self, self.highlighted_ref, 0))

    def offers(self, action: str) -> bool:
        """Read source only for an item whose quoted source (or a source whose copy) can be
        read; a status to cycle on an indicator, a likelihood and confidence on a judgment."""
        if action == "read_source":
            return self._index is not None and readable(self._index, self.highlighted_ref) is not None
        if action in EDITED:
            return editable(self._index, self.highlighted_ref, EDITED[action])
        return True

    def action_read_source(self) -> None:
        if self.highlighted_ref is not None:
            self.post_message(ReadSourceRequested(self.highlighted_ref))

    def action_status(self) -> None:
        self._edit("status", 1)

    def action_likelier(self, by: int) -> None:
        self._edit("likelihood", by)

    def action_surer(self, by: int) -> None:
        self._edit("confidence", by)

    def _edit(self, field: str, by: int) -> None:
        if self.highlighted_ref is not None:
            self.post_message(EditRequested(self.highlighted_ref, field, by))

    def offers_changed(self) -> None:
        """The key bar offers what applies to the item now highlighted (asked on each move)."""
        offered = (self.offers("read_source"), self.offers("status"), self.offers("likelier"))
        if offered != self._offered:
            self._offered = offered
            self.refresh_bindings()

    def action_step_citation(self, step: int) -> None:
        if self.highlighted_ref is not None:
            self.post_message(self.CiteRequested(self, self.highlighted_ref, step))

    @on(VirtualList.Moved)
    def _announce(self, event: VirtualList.Moved) -> None:
        event.stop()
        self.offers_changed()
        self._show_position()
        self.post_message(self.Highlighted(self, self.highlighted_ref))

    def _show_position(self) -> None:
        """``2/5`` in the border: where the highlight is among the pane's rows."""
        count = len(self.refs)
        position = self.highlighted + 1 if self.highlighted is not None and count else 0
        shown = f"{position:,}/{count:,}" if count else "0"
        if shown != self._position_shown:
            self._position_shown = shown
            self.border_subtitle = shown
            if self.has_class("-folded"):
                self.refresh(Region(0, 1, TITLE_GUTTER, 1))


class SourcesList(ItemList):
    """The sources: `enter` lists what cites the source, `o` opens its URL."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,c", "cited_by", "Cited by", id="cited-by"),
        Binding("o", "open_url", "Open URL", id="open-url"),
        Binding("w", "withdraw", "Withdraw", id="withdraw"),
    ]

    SHORTENS = True  # an untitled source's row names it by the start of its note
    #: A trail shows the highlighted source: ] and [ move along it (off a trail a source cites nothing).
    on_trail = False
    #: The URL the key bar last offered "Open URL" for (None: not offered).
    _url_offered: str | None = None

    class WithdrawRequested(RefMessage):
        """What if this source is wrong? Toggle it withdrawn for the session."""

    class CitedByRequested(RefMessage):
        """List what cites this source."""

    def action_withdraw(self) -> None:
        if self.highlighted_ref is not None:
            self.post_message(self.WithdrawRequested(self.highlighted_ref))

    def offers(self, action: str) -> bool:
        """Open URL only for a source with one; next and previous citation only on a trail."""
        if action == "open_url":
            return self.url is not None
        if action == "step_citation":
            return self.on_trail
        return super().offers(action)

    @property
    def url(self) -> str | None:
        ref = self.highlighted_ref
        source = self._index.sources.get(int(ref.key)) if self._index is not None and ref is not None else None
        return source.url if source is not None else None

    def follow_trail(self, on_trail: bool) -> None:
        if on_trail != self.on_trail:
            self.on_trail = on_trail
            self.refresh_bindings()

    @on(VirtualList.Moved)
    def _offers_changed(self) -> None:
        url = self.url
        if url != self._url_offered:
            self._url_offered = url
            self.refresh_bindings()  # the footer and the palette offer Open URL as it applies

    def action_cited_by(self) -> None:
        if self.highlighted_ref is not None:
            self.post_message(self.CitedByRequested(self.highlighted_ref))

    def action_open_url(self) -> None:
        """The source's page in the browser (Textual's open_url: the terminal's, when served)."""
        from ..text import one_line

        url = self.url
        if url is None:
            say(self, "This source has no URL.")
            return
        self.app.open_url(url)
        say(self, f"Opening {one_line(url, 80)}")


PANE_CLASSES: dict[str, type[ItemList]] = {"sources": SourcesList}


class PaneBar(ClickableLine):
    """One line naming the panes and their keys, the current one lit; a click goes there.

    Shown in narrow terminals, where only the current pane is on screen. It always fits:
    where the names do not, the others shrink to their keys (never scrolled half off, as a
    row of tabs did: "ummary")."""

    current: reactive[str] = reactive("summary")

    def show(self, pane: str) -> None:
        self.current = pane

    def line(self, width: int) -> tuple[Text, list[tuple[int, int, str]]]:
        """The bar at a width, and where each pane's label lies (for clicks)."""
        for gap, short in (("  ", False), (" ", False), (" ", True)):
            text = Text(no_wrap=True, overflow="ellipsis", end="")
            spans: list[tuple[int, int, str]] = []
            for pane in PANES:
                current = pane == self.current
                if spans:
                    text.append(gap)
                label = f"{PANES_KEYS[pane]} {PANE_TITLES[pane]}" if current or not short else PANES_KEYS[pane]
                start = len(text)
                text.append(f" {label} " if current else label, "bold reverse" if current else "dim")
                spans.append((start, len(text), pane))
            if len(text) <= width:
                break
        return text, spans


class DetailPane(LineView, can_focus=True):
    """The selected item in full; for a source, the list of what cites it, to jump to.

    Drawn line by line inside a box that never changes size: showing another item
    changes only the lines drawn and the scrollable height, so a jump repaints this pane
    and never lays out the screen again (widgets that grow and shrink with the item made
    every jump re-lay out and repaint the whole screen several times over).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "jump", "Jump to it", id="jump"),
        Binding("]", "step_citation(1)", "Next cite", id="detail-next-citation"),
        Binding("[", "step_citation(-1)", "Prev cite", id="detail-previous-citation"),
        Binding("v", "read_source", "Read source", id="detail-read-source"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"detail--trail", "detail--cursor"}

    class JumpRequested(RefMessage):
        """Go to this item (one of those citing the source shown)."""

        def __init__(self, ref: Ref, entry: int | None = None) -> None:
            super().__init__(ref)
            #: The cited-by entry it was chosen from: back returns to it.
            self.entry = entry

    class StepRequested(Message):
        """Follow the citations of the item shown: ``step`` +1 next, -1 previous."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def action_step_citation(self, step: int) -> None:
        self.post_message(self.StepRequested(step))

    class Resized(Message):
        """The Detail pane's size changed: so did the room of the list panes beside it."""

    def on_resize(self) -> None:
        self.post_message(self.Resized())

    def __init__(self) -> None:
        super().__init__(id="detail", classes="pane")
        self.border_title = "0 Detail"
        #: What cites the source shown (empty for anything else), and the entry highlighted.
        self.refs: list[Ref] = []
        #: The same source in other briefings of the library: entries after ``refs``.
        self.elsewhere: list = []
        self.cursor: int | None = None
        self._index: BriefingIndex | None = None
        #: The item shown, and the source of the citation in view on a trail (its quote is read first).
        self.item_ref: Ref | None = None
        self.citation_in_view: int | None = None
        self._shown_key: tuple | None = None
        self._trail: Text | None = None
        self._body: RenderableType = Text("")
        self._width = 0
        #: The trail, the item, and the cited-by heading, drawn at ``_width``.
        self._head: list[Strip] = []
        self._entries: dict[int, Strip] = {}

    class OpenElsewhere(Message):
        """Open another briefing of the library at the same source."""

        def __init__(self, path: str, source_id: int) -> None:
            super().__init__()
            self.path = path
            self.source_id = source_id

    def show(
        self,
        index: BriefingIndex,
        ref: Ref | None,
        current: int | None,
        trail: Text | None,
        withdrawn: frozenset[int] = frozenset(),
        elsewhere: list | tuple = (),
        changed: list | tuple = (),
        since: str = "",
    ) -> None:
        # A jump reaches here from several messages: draw once.
        # The quotes' marks and the track record come after the briefing (workers read them):
        # drawn again then (a post-mortem drawn from this version alone would stay on screen).
        key = (
            id(index),
            ref,
            current,
            trail.plain if trail is not None else None,
            withdrawn,
            tuple(elsewhere),
            id(changed),
            index.records_read,
            id(index.evidence),
        )
        if key == self._shown_key:
            return
        same_item = self._shown_key is not None and self._shown_key[:2] == key[:2]
        if self._shown_key is None or (self._shown_key[0], self._shown_key[1], self._shown_key[-1]) != (key[0], key[1], key[-1]):
            self.refresh_bindings()  # "Read source" comes with an item whose quoted copy can be read
        self._shown_key, self.item_ref, self.citation_in_view = key, ref, current
        self._index, self._trail = index, trail
        refs: list[Ref] = []
        if ref is None or ref not in index:
            self._body = Text("Nothing selected.", "dim")
        else:
            is_source = ref.kind == "sources"
            refs = index.cited_by.get(int(ref.key), []) if is_source else []
            self._body = detail(index, ref, current, cited_by=is_source and not refs, withdrawn=withdrawn, changed=changed, since=since)
        if bool(refs or elsewhere) != bool(self.count):
            self.refresh_bindings()  # "enter jumps" comes and goes with the list
        self.refs, self.elsewhere = refs, list(elsewhere)
        if not same_item:
            self.cursor = 0 if self.count else None
            self.set_scroll(None, 0)
        self._draw(self._width)
        self.refresh()

    # --- drawing ---------------------------------------------------------------------

    def _draw(self, width: int) -> None:
        """Draw the head (trail, item, heading of the cited-by list) for a width."""
        self._width = width
        self._entries.clear()
        if not width:
            self._head = []
            return
        console = self.app.console
        options = console.options.update(width=width, height=None)
        head: list[list[Segment]] = []
        if self._trail is not None:
            head += console.render_lines(self._trail, options, style=self.get_component_rich_style("detail--trail"))
            head.append([])
        head += console.render_lines(self._body, options, pad=False)
        if self.count:
            head.append([])
            head += console.render_lines(section_rule("Cited by", len(self.refs)), options, pad=False)
        self._head = [Strip(line).extend_cell_length(width) for line in head]
        # Set directly, not through the reactive, which would lay out the whole screen:
        # only the scrollbar needs to know.
        size = Size(width, len(self._head) + self.count)
        if size != self.virtual_size:
            self.set_reactive(DetailPane.virtual_size, size)
            self._scroll_update(size)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._draw(width)
        line = self.scroll_offset.y + y
        if line < len(self._head):
            return styled(self._head[line], self.base_style)
        entry = line - len(self._head)
        if not 0 <= entry < self.count or self._index is None:
            return self.blank_line(width)
        strip = self._entries.get(entry)
        if strip is None:
            strip = self._entries[entry] = row_strip(self._entry(entry), width, self.app.console)
        if entry == self.cursor and self.has_focus:
            return styled(strip, self.base_style, self.get_component_rich_style("detail--cursor"))
        return styled(strip, self.base_style)

    @property
    def head_height(self) -> int:
        """Lines above the cited-by list: the trail, the item and the list's heading."""
        return len(self._head)

    def entry_text(self, entry: int) -> str:
        """An entry of the cited-by list, as shown."""
        return self._entry(entry).plain if self._index else ""

    @property
    def count(self) -> int:
        """Entries in the list: what cites the source here, then where else it is cited."""
        return len(self.refs) + len(self.elsewhere)

    def _entry(self, entry: int) -> Text:
        if entry < len(self.refs):
            assert self._index is not None  # entries exist only once a briefing is shown
            return cited_by_entry(self._index, self.refs[entry])
        elsewhere = self.elsewhere[entry - len(self.refs)]
        text = Text.assemble(("Also in: ", "dim"))
        text.append(elsewhere.name, "bold")
        text.append(f" [{elsewhere.source_id}]", "bold cyan")
        text.append(f" {' '.join(elsewhere.title.split())[:70]}", "dim")
        return text

    def text(self) -> str:
        """Everything the pane shows, as plain text (tests read it)."""
        lines = [strip.text.rstrip() for strip in self._head]
        lines += [self._entry(entry).plain for entry in range(self.count)] if self._index else []
        return "\n".join(lines)

    # --- moving ----------------------------------------------------------------------

    def select_entry(self, entry: int, list_on_top: bool = False) -> None:
        """Highlight an entry of the cited-by list and bring it into view (``list_on_top``:
        scroll the list's heading to the top, to show as much of the list as fits)."""
        if not self.count:
            return
        old, self.cursor = self.cursor, max(0, min(entry, self.count - 1))
        head = len(self._head)
        for changed in (old, self.cursor):
            if changed is not None:
                self.refresh_line(head + changed)
        if list_on_top:
            self.scroll_to_region(Region(0, head - 1, 1, 1), animate=False, force=True, immediate=True, top=True)
        else:
            self.scroll_to_region(Region(0, head + self.cursor, 1, 1), animate=False, force=True, immediate=True)

    def action_cursor_up(self) -> None:
        # Above the first entry is the item itself: scroll up to read it.
        if self.cursor is None or self.cursor == 0:
            self.scroll_relative(y=-1, animate=False)
        else:
            self.select_entry(self.cursor - 1)

    def action_cursor_down(self) -> None:
        if self.cursor is None:
            self.scroll_relative(y=1, animate=False)
        else:
            self.select_entry(self.cursor + 1)

    def _page(self, step: int) -> None:
        rows = max(self.scrollable_content_region.height - 1, 1)
        if self.cursor is None:
            self.scroll_relative(y=step * rows, animate=False)
        else:
            self.select_entry(self.cursor + step * rows)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_page_down(self) -> None:
        self._page(1)

    def action_first(self) -> None:
        if self.cursor is not None:
            self.select_entry(0)
        self.scroll_home(animate=False)

    def action_last(self) -> None:
        if self.cursor is None:
            self.scroll_end(animate=False)
        else:
            self.select_entry(self.count - 1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # enter: jump to the entry chosen; on an item with no list, read the quote in view.
        return (bool(self.count) or self.offers("read_source")) if action == "jump" else True

    def offers(self, action: str) -> bool:
        """Read source only for an item whose quoted copy (or a source whose copy) can be read."""
        if action == "read_source":
            return self._index is not None and readable(self._index, self.item_ref) is not None
        return True

    def action_read_source(self) -> None:
        if self.item_ref is not None:
            self.post_message(ReadSourceRequested(self.item_ref, self.citation_in_view))

    def action_jump(self) -> None:
        if not self.count:
            self.action_read_source()  # an item's quotes: enter reads the one in view
        elif self.cursor is not None and self.cursor < len(self.refs):
            self.post_message(self.JumpRequested(self.refs[self.cursor], self.cursor))
        elif self.cursor is not None and self.cursor < self.count:
            elsewhere = self.elsewhere[self.cursor - len(self.refs)]
            self.post_message(self.OpenElsewhere(elsewhere.path, elsewhere.source_id))

    def on_click(self, event: events.Click) -> None:
        line = self.line_at(event)
        if line is not None and 0 <= line - len(self._head) < self.count:
            self.focus()
            self.select_entry(line - len(self._head))

    def _refresh_highlight(self) -> None:
        # The highlighted entry shows only while the pane has focus.
        if self.cursor is not None:
            self.refresh_line(len(self._head) + self.cursor)
