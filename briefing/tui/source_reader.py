"""The source reader: a source's saved copy, read in full, with every passage the briefing
quotes lit and the items that quote it named under it.

``]`` and ``[`` move from passage to passage, ``enter`` goes to the item that quotes the
passage in view (the dashboard's back returns from there), ``escape`` closes the reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ..evidence import Passage, passages
from ..refs import Ref
from ..text import clean, one_line
from .virtual_list import VirtualList
from .widgets import say

if TYPE_CHECKING:
    from ..index import BriefingIndex

STYLE_PASSAGE = "black on #d7af5f"
STYLE_PASSAGE_CURRENT = "bold black on #ffd75f"


def readable(index: BriefingIndex, ref: Ref | None, prefer: int | None = None) -> tuple[int, int] | None:
    """The source the reader opens on for an item (a source: itself; an item: the source of its
    first quote that was found, of ``prefer`` first), and the passage to start at; None when
    there is nothing to read."""
    evidence = index.evidence
    if evidence is None or ref is None:
        return None
    if ref.kind == "sources":
        return (int(ref.key), -1) if int(ref.key) in evidence.texts else None
    found = [c for c in evidence.of(str(ref)) if c.quote.source in evidence.texts and c.match.status == "found"]
    found.sort(key=lambda check: check.quote.source != prefer)
    return (found[0].quote.source, found[0].match.start) if found else None


class SourceText(VirtualList):
    """The saved copy's paragraphs, a row each; the highlight is on the passage's paragraph."""


class SourceReaderScreen(ModalScreen[Ref | None]):
    """A source's saved copy in full, its quoted passages lit (``]``/``[``), each with the
    items quoting it (``enter`` goes to the first)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("]", "step(1)", "Next passage", id="reader-next-passage"),
        Binding("[", "step(-1)", "Prev passage", id="reader-previous-passage"),
        Binding("enter", "open_item", "Go to the item", id="reader-open-item"),
        Binding("escape,v", "close", "Close", id="reader-close"),
    ]

    def __init__(self, index: BriefingIndex, source_id: int, start: int = -1) -> None:
        super().__init__()
        assert index.evidence is not None
        self.index, self.source_id = index, source_id
        evidence = index.evidence
        self.text = evidence.texts[source_id]
        self.paragraphs, self.passages = passages(self.text, evidence.passages(source_id))
        self.share = evidence.share(source_id)
        offsets, at = [], 0
        for paragraph in self.paragraphs:
            offsets.append(at)
            at += len(paragraph) + 1
        #: The passage in view: the one holding ``start`` (a place in the text), else the first.
        self.current = next(
            (i for i, p in enumerate(self.passages) if offsets[p.paragraph] + p.start <= start < offsets[p.paragraph] + max(p.end, p.start + 1)),
            0,
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="reader-box"):
            yield Static(id="reader-head")
            yield SourceText(id="reader-text")

    def on_mount(self) -> None:
        source = self.index.sources[self.source_id]
        box = self.query_one("#reader-box")
        box.border_title = one_line(f"[{self.source_id}] {clean(source.title) if source.title else 'untitled source'}", 100)
        box.border_subtitle = "] [ passages · ⏎ go to the item · esc closes"
        head = Text()
        if source.publisher:
            head.append(f"{clean(source.publisher)} · ", "dim")
        saved = source.saved
        if saved is not None:
            head.append(clean(saved.file), "dim")
            if saved.captured:
                when = saved.captured.replace("T", " ").replace(":00Z", " UTC").replace("Z", " UTC")
                head.append(f" · captured {clean(when)}", "dim")
        count = len({(p.refs, p.start, p.paragraph) for p in self.passages})
        head.append("\n")
        head.append(self.usage(count), "bold")
        self.query_one("#reader-head", Static).update(head)
        listing = self.query_one(SourceText)
        listing.set_rows(len(self.paragraphs), self._paragraph, keep=self._current_paragraph(), announce=False)
        listing.focus()
        self.call_after_refresh(listing.scroll_to_highlight)

    def usage(self, count: int) -> str:
        """How much of the source the briefing uses."""
        if not count:
            return "No passage of this source is quoted."
        share = self.share * 100
        shown = f"{share:.0f}%" if share >= 1 or share == 0 else "<1%"
        return f"{count} passage{'s' * (count != 1)} quoted · {shown} of the text"

    def _current_paragraph(self) -> int | None:
        return self.passages[self.current].paragraph if self.passages else 0

    def _paragraph(self, number: int) -> Text:
        text = Text(clean(self.paragraphs[number]))
        quoting: list[str] = []
        for position, passage in enumerate(self.passages):
            if passage.paragraph != number:
                continue
            text.stylize(STYLE_PASSAGE_CURRENT if position == self.current else STYLE_PASSAGE, passage.start, passage.end)
            quoting += [ref for ref in passage.refs if ref not in quoting]
        if quoting:
            names = " · ".join(self._item_name(ref) for ref in quoting)
            text.append(f"\n  ↳ quoted by {names}", "italic dim")
        if number < len(self.paragraphs) - 1:
            text.append("\n")  # a blank line between paragraphs, as on the page
        return text

    def _item_name(self, ref: str) -> str:
        kind, _, key = ref.partition(":")
        item = Ref(kind, key)
        from ..kinds import KINDS

        return f"{KINDS[kind].name}: {one_line(self.index.label(item), 60)}" if item in self.index.items else ref

    def passage_text(self) -> str:
        """The words of the passage in view (tests read it)."""
        if not self.passages:
            return ""
        passage = self.passages[self.current]
        return self.paragraphs[passage.paragraph][passage.start : passage.end]

    def action_step(self, step: int) -> None:
        if not self.passages:
            say(self, "No passage of this source is quoted.")
            return
        before = self.passages[self.current].paragraph
        self.current = (self.current + step) % len(self.passages)
        listing = self.query_one(SourceText)
        listing.refresh_row(before)
        listing.refresh_row(self.passages[self.current].paragraph)
        listing.highlighted = self.passages[self.current].paragraph
        listing.scroll_to_highlight()

    def action_open_item(self) -> None:
        listing = self.query_one(SourceText)
        here = [i for i, p in enumerate(self.passages) if p.paragraph == listing.highlighted]
        if not here:
            say(self, "No passage here is quoted: ] and [ move between the quoted ones.")
            return
        chosen = self.current if self.current in here else here[0]
        kind, _, key = self.passages[chosen].refs[0].partition(":")
        self.dismiss(Ref(kind, key))

    @on(VirtualList.Moved)
    def _moved(self, event: VirtualList.Moved) -> None:
        event.stop()  # the dashboard below hears nothing of the reader's cursor

    def action_close(self) -> None:
        self.dismiss(None)


__all__ = ["Passage", "SourceReaderScreen", "readable"]
