"""Edits in place, in the dashboard: `s` cycles an indicator's status, `+`/`-` move a
judgment's likelihood one band, `>`/`<` its confidence; each asks why (the judgment's
change_reason) on one line, writes the file (``briefing.edits``: only the changed lines) and
reloads it, which checks it again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..edits import Edit, EditError, step, write
from ..text import clean
from .widgets import say

if TYPE_CHECKING:
    from ..index import BriefingIndex
    from ..refs import Ref
    from .frame import BriefingFrame


class EditRequested(Message):
    """Move a field of an item one step on its scale (``by``: +1 or -1)."""

    def __init__(self, ref: Ref, field: str, by: int) -> None:
        super().__init__()
        self.ref, self.field, self.by = ref, field, by


def editable(index: BriefingIndex | None, ref: Ref | None, field: str) -> bool:
    """Whether the item has this field to edit: an indicator its status, a judgment its likelihood
    and confidence — not once the judgment is resolved, when they are its record (#25)."""
    if index is None or ref is None:
        return False
    if field != "status":
        return ref.kind == "judgments" and not resolved(index, ref)
    return ref.kind == "indicators"


def resolved(index: BriefingIndex, ref: Ref) -> bool:
    resolution = getattr(index.items.get(ref), "resolution", None)
    return resolution is not None and resolution.outcome is not None


class ReasonScreen(ModalScreen["str | None"]):
    """Why the judgment changes, on one line: enter confirms, esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="reason-cancel")]

    def __init__(self, what: Text) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(id="reason-box"):
            yield Static(self.what, id="reason-what")
            yield Input(placeholder="Why? (the judgment's change_reason)", id="reason-input")

    def on_mount(self) -> None:
        box = self.query_one("#reason-box")
        box.border_title = "Change"
        box.border_subtitle = "⏎ write it · esc cancels"
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        reason = event.value.strip()
        if not reason:
            say(self, "Say why (esc cancels): the judgment's change_reason records it.", "warning")
            return
        self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)


def start_edit(frame: BriefingFrame, event: EditRequested) -> None:
    """Ask why, then write the edit and reload."""
    index = frame.index
    if index is None or not editable(index, event.ref, event.field):
        if index is not None and resolved(index, event.ref):
            say(frame, "This judgment is resolved: its likelihood and confidence are the record it was scored on.", "warning")
        else:
            say(frame, "Nothing to change here: s on an indicator, + - > < on a judgment.")
        return
    item: Any = index.items[event.ref]
    current = getattr(item, event.field)
    value = step(event.field, current, event.by)
    if value is None:
        say(frame, f"The {event.field} is already {current}: the end of its scale.")
        return
    judgment_ref = event.ref if event.ref.kind == "judgments" else None
    judgment: Any = index.judgment_of[event.ref] if judgment_ref is None else item
    judgment_path = index.path(judgment_ref) if judgment_ref is not None else index.path(event.ref)[:2]
    what = Text.assemble((f"{event.field}: ", "bold"), (clean(current or "none"), "red"), " → ", (clean(value), "green"))
    what.append(f"\nJudgment: {clean(' '.join(judgment.text.split()))[:100]}", "dim")
    if judgment.change_reason:
        what.append(f"\nIts change_reason now: {clean(judgment.change_reason)}", "dim")

    def written(reason: str | None) -> None:
        if reason is None:
            return
        edit = Edit(index.path(event.ref), event.field, value, judgment_path, reason)
        try:
            write(frame.source.path, edit)
        except (EditError, OSError) as error:
            say(frame, f"Not written: {error}", "error")
            return
        say(frame, f"Wrote {event.field}: {current} → {value}.")
        frame.source.load(by_hand=True)

    frame.app.push_screen(ReasonScreen(what), written)
