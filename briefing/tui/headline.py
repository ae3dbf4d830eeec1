"""The lines above the panes: the title line, the status line and the BLUF, as text.

Rich only: the screen decides when to show them, this module what they say and how they
fit (each cut with an ellipsis, never silently)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from ..text import clean

if TYPE_CHECKING:
    from rich.console import Console

    from ..model import Briefing

BLUF_LINES = 4


def title_text(briefing: Briefing) -> Text:
    """Title, as-of and region on one line that always fits."""
    title = Text(no_wrap=True, overflow="ellipsis", end="")
    title.append(clean(briefing.title), "bold")
    title.append("  ·  as of ", "dim")
    title.append(briefing.as_of, "bold")
    title.append("  ·  ", "dim")
    title.append(clean(briefing.region))
    return title


def status_text(comparison: str | None, withdrawal: str | None) -> Text:
    """What the reader must not miss, on a line of its own so that a long title never pushes
    it off the screen: compare counts, and what withdrawn sources leave. Empty when neither."""
    status = Text(no_wrap=True, overflow="ellipsis", end="")
    if comparison:
        status.append(comparison, "bold cyan")
    if withdrawal:
        if status:
            status.append("  ·  ", "dim")
        status.append(withdrawal, "bold yellow")
    return status


def bluf_lines(text: Text, width: int, folded: bool, console: Console) -> tuple[Text, int]:
    """The BLUF in up to four lines (one, folded), the last ended with "…" when cut; and how
    many lines it takes."""
    if folded:
        return text, 1
    wrapped = text.wrap(console, width)
    if len(wrapped) <= BLUF_LINES:
        return text, max(len(wrapped), 1)
    last = wrapped[BLUF_LINES - 1]
    last.rstrip()
    last.truncate(width - 1)
    last.append("…")
    return Text("\n").join(wrapped[:BLUF_LINES]), BLUF_LINES
