"""A list that renders only the rows in view, so that 10,000 rows cost what 30 do.

Textual's OptionList measures every option at every width (it wraps each one to
know its height), which takes seconds for the large benchmark briefing. Here a
row is rendered when it is first drawn, and cached per width. Small lists wrap
their rows so a reader sees every word; past ``WRAP_LIMIT`` rows, or in a box one
line high (a folded pane), each row is one line, cut with an ellipsis (the Detail
pane always shows the whole item).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import ClassVar

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..text import text_segments

WRAP_LIMIT = 400


def row_strip(text: Text, width: int, console: Console) -> Strip:
    """One line of a list: the text with a space either side, cut to ``width`` with an ellipsis."""
    text.end = ""
    if text.cell_len > width - 2:
        text.no_wrap = True
        text.truncate(max(width - 2, 1), overflow="ellipsis")
        kept = text.plain[:-1].rstrip()
        if kept.endswith("…"):  # cut just after a field that was cut already: one mark, not "…  …"
            text = text[: len(kept)]
    segments = [Segment(" "), *text_segments(text, console), Segment(" ")]
    return Strip(segments).extend_cell_length(width).crop(0, width)


def styled(strip: Strip, base: Style, highlight: Style | None = None) -> Strip:
    """A cached line under the widget's own style (and the highlight's, on the highlighted row)."""
    return Strip(Segment.apply_style(strip, base, highlight), strip.cell_length)


class LineView(ScrollView):
    """A widget drawn line by line, with the keys that move through it (the same in every
    list and in the Detail pane), that works out its own style once, not once a line:
    Textual's ``rich_style`` walks every ancestor on each call, a good part of a repaint."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False, id="cursor-up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="cursor-down"),
        Binding("home,g", "first", "First", show=False, id="first"),
        Binding("end,G", "last", "Last", show=False, id="last"),
        Binding("pageup", "page_up", "Page up", show=False, id="page-up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="page-down"),
    ]

    _base_style: Style | None = None
    _blank: Strip | None = None

    @property
    def base_style(self) -> Style:
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    def blank_line(self, width: int) -> Strip:
        """An empty line (below the last row): the same one each time, not a new one a line."""
        blank = self._blank
        if blank is None or blank.cell_length != width:
            blank = self._blank = Strip.blank(width, self.base_style)
        return blank

    def notify_style_update(self) -> None:
        self._base_style = self._blank = None
        super().notify_style_update()

    def line_at(self, event: events.MouseEvent) -> int | None:
        """The line under the mouse, counted inside the border and padding (None outside)."""
        offset = event.get_content_offset(self)
        return None if offset is None else self.scroll_offset.y + offset.y

    def on_focus(self) -> None:
        self._refresh_highlight()

    def on_blur(self) -> None:
        self._refresh_highlight()

    def _refresh_highlight(self) -> None:
        """Redraw what shows whether the widget has focus (the highlighted row): nothing else changes."""


class VirtualList(LineView, can_focus=True):
    """Rows given by a function, a highlighted row, and keys to move it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"virtual-list--highlight", "virtual-list--highlight-blurred"}
    DEFAULT_CSS = """
    VirtualList {
        overflow-x: hidden;
        overflow-y: auto;
    }
    VirtualList > .virtual-list--highlight {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    VirtualList > .virtual-list--highlight-blurred {
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    """

    #: Wrap rows when there are few enough of them; a subclass of one-line rows says False.
    WRAP: ClassVar[bool] = True
    #: What an empty list shows on its first line.
    EMPTY: ClassVar[str] = ""

    highlighted: reactive[int | None] = reactive(None, init=False, always_update=True)

    class Moved(Message):
        """The highlight moved to another row."""

        def __init__(self, widget: VirtualList, row: int | None) -> None:
            super().__init__()
            self.widget = widget
            self.row = row

        @property
        def control(self) -> VirtualList:
            return self.widget

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.row_count = 0
        self._render_row: Callable[[int], Text] = lambda row: Text("")
        #: Each row's text, rendered once: measured (to share the room) and drawn from it.
        self._texts: dict[int, Text] = {}
        self._cache: dict[int, list[Strip]] = {}
        #: What the cached rows were drawn for: the width, and whether they wrap.
        self._cache_box: tuple[int, bool] = (-1, self.WRAP)
        # For wrapped rows: the first line of each row (and one past the end).
        self._starts: list[int] | None = None

    # --- content -------------------------------------------------------------------

    def set_rows(self, count: int, render_row: Callable[[int], Text], keep: int | None = None, announce: bool = True) -> None:
        """Show ``count`` rows, row ``i`` being ``render_row(i)``. ``announce``: post Moved
        (a caller that shows what the highlight stands for itself need not hear it)."""
        self.row_count = count
        self._render_row = render_row
        self._cache.clear()
        self._texts.clear()
        self._starts = None
        self._update_size()
        row = None if count == 0 else keep if keep is not None and 0 <= keep < count else 0
        if announce:
            self.highlighted = row
        else:
            self.set_reactive(VirtualList.highlighted, row)
            self.scroll_to_highlight()
        self.refresh()

    def refresh_row(self, row: int) -> None:
        """Draw one row again (its text changed); wrapped heights are measured again."""
        self._cache.pop(row, None)
        self._texts.pop(row, None)
        if self._starts is not None:
            self._starts = None
            self._update_size()
        self.refresh()

    @property
    def wraps(self) -> bool:
        return self._cache_box[1] and self.row_count <= WRAP_LIMIT

    def _box(self) -> tuple[int, bool]:
        """The width rows are drawn at, and whether they wrap: not in a box one line high,
        where a row's first line would be cut without a mark (and wrapping every row of
        every folded pane was a good part of the first frame)."""
        region = self.scrollable_content_region
        return max(region.width - self.label_width(), 1), self.WRAP and region.height != 1

    def label_width(self) -> int:
        """Columns left of the rows for a subclass's ``label_line`` (a pane's title, unframed)."""
        return 0

    def label_line(self, y: int, width: int) -> Strip:
        """Line ``y`` left of the rows, ``width`` wide (drawn only when ``label_width`` is not 0)."""
        return Strip.blank(width, self.base_style)

    def lines_needed(self, width: int, limit: int) -> int:
        """The lines the rows take drawn ``width`` wide (the rows alone), counted up to
        ``limit``: what this list shows in full in a box that high."""
        if not self.WRAP or self.row_count > WRAP_LIMIT:
            return min(self.row_count, limit)
        lines = 0
        for row in range(self.row_count):
            lines += self.row_lines_needed(row, width)
            if lines >= limit:
                return limit
        return lines

    def row_lines_needed(self, row: int, width: int) -> int:
        """The lines one row takes drawn ``width`` wide."""
        if not self.WRAP or self.row_count > WRAP_LIMIT or not 0 <= row < self.row_count:
            return 1
        return max(len(self._text(row).wrap(self.app.console, max(width - 2, 1), overflow="fold")), 1)

    def _text(self, row: int) -> Text:
        text = self._texts.get(row)
        if text is None:
            text = self._texts[row] = self._render_row(row)
            text.end = ""
        return text

    def _check_width(self) -> int:
        """Rows are drawn for one box (see ``_box``): when it changes, every height may change."""
        box = self._box()
        if box != self._cache_box:
            self._cache.clear()
            self._starts = None
            self._cache_box = box
        return box[0]

    def _strips(self, row: int) -> list[Strip]:
        width = self._check_width()
        strips = self._cache.get(row)
        if strips is None:
            text = self._text(row).copy()  # drawing cuts a line: the measured text stays whole
            console = self.app.console
            if self.wraps:
                text.end = ""
                strips = [row_strip(line, width, console) for line in text.wrap(console, max(width - 2, 1), overflow="fold")]
            else:
                strips = [row_strip(text, width, console)]
            self._cache[row] = strips = strips or [Strip.blank(width)]
        return strips

    def row_strips(self, row: int) -> list[Strip]:
        """A row as drawn now, line by line, with its styles: what ``render_line`` draws
        (before the highlight, which is drawn over the row in view)."""
        return self._strips(row)

    def row_lines(self, row: int) -> list[str]:
        """A row as drawn now, line by line (what a reader sees of it)."""
        return [strip.text for strip in self.row_strips(row)]

    def _line_starts(self) -> list[int]:
        self._check_width()
        if self._starts is None:
            starts = [0]
            for row in range(self.row_count):
                starts.append(starts[-1] + len(self._strips(row)))
            self._starts = starts
        return self._starts

    def row_extent(self, row: int) -> tuple[int, int]:
        """The first line of a row and its height."""
        if not self.wraps:
            return row, 1
        starts = self._line_starts()
        return starts[row], starts[row + 1] - starts[row]

    def _row_at_line(self, line: int) -> int | None:
        if line < 0:
            return None
        if not self.wraps:
            return line if line < self.row_count else None
        starts = self._line_starts()
        row = bisect_right(starts, line) - 1
        return row if row < self.row_count else None

    def _update_size(self) -> None:
        if not self.is_mounted or not self.size.width:
            return
        width = self._check_width()  # first: whether rows wrap depends on the box
        size = Size(width, self._line_starts()[-1] if self.wraps else self.row_count)
        if size != self.virtual_size:
            # Set directly, not through the reactive, which lays out the whole screen: a list's
            # box is sized by the stylesheet, never by its rows; only the scrollbar needs to know.
            self.set_reactive(VirtualList.virtual_size, size)
            self._scroll_update(size)
            self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._check_width()  # rows are wrapped again only if the width (or one-line box) changed
        self._update_size()
        self.scroll_to_highlight()

    def on_mount(self) -> None:
        self._update_size()

    # --- drawing ---------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        if self._box() != self._cache_box:
            self._check_width()
            self._update_size()
        line = self.scroll_offset.y + y
        gutter = self.label_width()
        width = self.scrollable_content_region.width - gutter
        row = self._row_at_line(line)
        if row is None and line == 0 and self.EMPTY:  # an empty list says so
            drawn = styled(row_strip(Text(self.EMPTY, "dim italic"), width, self.app.console), self.base_style)
        elif row is None:
            drawn = self.blank_line(width)
        else:
            first, _ = self.row_extent(row)
            strips = self._strips(row)
            strip = strips[min(line - first, len(strips) - 1)]
            if row == self.highlighted:
                component = "virtual-list--highlight" if self.has_focus else "virtual-list--highlight-blurred"
                drawn = styled(strip, self.base_style, self.get_component_rich_style(component))
            else:
                drawn = styled(strip, self.base_style)
        return Strip.join([self.label_line(y, gutter), drawn]) if gutter else drawn

    # --- moving ----------------------------------------------------------------------

    def watch_highlighted(self, old: int | None, row: int | None) -> None:
        # Redraw only the rows that change, unless the view scrolls.
        top = self.scroll_offset.y
        self.scroll_to_highlight()
        if self.scroll_offset.y != top:
            self.refresh()
        else:
            for changed in (old, row):
                self._refresh_row_region(changed)
        self.post_message(self.Moved(self, row))

    def _refresh_row_region(self, row: int | None) -> None:
        # Before the first layout there is no width to wrap rows at (and nothing drawn yet):
        # wrapping at one column made every row hundreds of lines.
        if row is not None and row < self.row_count and self.size.width:
            first, height = self.row_extent(row)
            self.refresh(Region(0, first - self.scroll_offset.y, self.size.width, height))

    def scroll_to_highlight(self) -> None:
        if self.highlighted is None or not self.size.height:
            return
        first, height = self.row_extent(self.highlighted)
        if self.highlight_on_top():
            self.scroll_to(y=first, animate=False, force=True, immediate=True)
        else:
            self.scroll_to_region(Region(0, first, 1, height), animate=False, force=True, immediate=True)

    def highlight_on_top(self) -> bool:
        """Whether the highlighted row is shown from the top line (a box of a few lines that
        stands for its highlighted row), rather than only kept in view."""
        return False

    def _move(self, row: int) -> None:
        if self.row_count:
            row = max(0, min(row, self.row_count - 1))
            if row != self.highlighted:
                self.highlighted = row

    def action_cursor_up(self) -> None:
        self._move((self.highlighted or 0) - 1)

    def action_cursor_down(self) -> None:
        self._move(-1 if self.highlighted is None else self.highlighted + 1)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(self.row_count - 1)

    def _page_rows(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def action_page_up(self) -> None:
        if self.highlighted is None:
            return
        first, _ = self.row_extent(self.highlighted)
        target = self._row_at_line(max(first - self._page_rows(), 0))
        self._move(target if target is not None else 0)

    def action_page_down(self) -> None:
        if self.highlighted is None:
            return
        first, _ = self.row_extent(self.highlighted)
        target = self._row_at_line(first + self._page_rows())
        self._move(target if target is not None else self.row_count - 1)

    def row_at(self, event: events.MouseEvent) -> int | None:
        line = self.line_at(event)
        return None if line is None else self._row_at_line(line)

    def on_click(self, event: events.Click) -> None:
        row = self.row_at(event)
        if row is not None:
            self.focus()
            self._move(row)

    def _refresh_highlight(self) -> None:
        self._refresh_row_region(self.highlighted)
