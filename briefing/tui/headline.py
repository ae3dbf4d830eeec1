"""The lines above the panes: the title line, the status line, the BLUF and the trail banner.

What they say and how they fit (each cut with an ellipsis, never silently) is decided here;
the screen decides when to show them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from ..text import clean, one_line
from .widgets import OneLine

if TYPE_CHECKING:
    from rich.console import Console

    from ..model import Briefing

BLUF_LINES = 4


def title_text(briefing: Briefing, problems: str = "", width: int | None = None) -> Text:
    """What `check` finds (`p` lists it), title, as-of, region and subtitle: on one line where
    they fit, else what does not fit on a second (the subtitle says what the briefing is
    about, the date how old it is: neither is cut away). The count is written into the line
    there is, never a line of its own, and room is kept for it: its coming moves nothing."""
    parts: list[Text] = []
    if problems:
        parts.append(Text(f"{problems} (p)", "yellow"))
    parts.append(Text(clean(briefing.title), "bold"))
    parts.append(Text.assemble(("as of ", "dim"), (briefing.as_of, "bold")))
    parts.append(Text(clean(briefing.region)))
    if briefing.subtitle:
        parts.append(Text(clean(briefing.subtitle), "italic"))
    separator = Text("  ·  ", "dim")
    room = None if width is None else width - 2 - (0 if problems else len("10 warnings (p)  ·  "))  # the bar's padding
    lines: list[list[Text]] = [[]]
    for part in parts:
        used = sum(p.cell_len for p in lines[-1]) + len(separator) * len(lines[-1])
        if room is not None and lines[-1] and used + len(separator) + part.cell_len > room and len(lines) == 1:
            lines.append([])
        lines[-1].append(part)
    title = Text(no_wrap=True, overflow="ellipsis", end="")
    title.append_text(Text("\n").join(separator.join(line) for line in lines))
    return title


def overdue_words(briefing: Briefing) -> str | None:
    """``2 questions overdue: record their outcomes``, when any judgment's day has passed."""
    from ..track import current_day, overdue

    day = current_day()
    late = [j.id for j in briefing.judgments if j.resolution is not None and j.resolution.outcome is None and overdue(j.resolution.by, day)]
    if not late:
        return None
    names = ", ".join(late[:3]) + (" …" if len(late) > 3 else "")
    return f"⚠ {len(late)} question{'s' * (len(late) != 1)} overdue ({clean(names)}): record {'their outcomes' if len(late) > 1 else 'its outcome'}"


def status_text(comparison: str | None, withdrawal: str | None, overdue: str | None = None) -> Text:
    """What the reader must not miss, on a line of its own so that a long title never pushes
    it off the screen: compare counts, what withdrawn sources leave, questions overdue. Empty
    when none."""
    status = Text(no_wrap=True, overflow="ellipsis", end="")
    for part, style in ((comparison, "bold cyan"), (withdrawal, "bold yellow"), (overdue, "bold red")):
        if part:
            if status:
                status.append("  ·  ", "dim")
            status.append(part, style)
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


def trail_text(label: str, position: int, count: int) -> Text:
    """The banner over a source reached along a trail: where it started, and the way on."""
    text = Text.assemble(("From ", "dim"))
    text.append(one_line(label, 48), "bold")
    text.append(f" · citation {position + 1} of {count}", "dim")
    text.append("  ] next  [ previous  ⌫ back", "dim italic")
    return text


class StatusLine(OneLine):
    """The status line: shown only when it has something to say."""

    def show(self, text: Text) -> None:
        self.update(text)
        self.display = bool(text)


class BlufBar(Static):
    """The BLUF in up to four lines (one, folded). Its height changes only when its line
    count does: then alone is the screen laid out again (the first frame keeps two lines for
    it, what most BLUFs take at 120 columns)."""

    def __init__(self) -> None:
        super().__init__(id="bluf")
        self._lines = 2  # as the stylesheet has it before there is a BLUF

    def show(self, text: Text, width: int, folded: bool) -> None:
        text, lines = bluf_lines(text, max(width - 2, 10), folded, self.app.console)  # the bar's padding
        self.set_class(folded, "-folded")  # one line, ended with an ellipsis
        if lines != self._lines:
            self._lines = lines
            self.styles.height = lines
        self.update(text, layout=False)


class ErrorBanner(Static):
    """A reload that failed: the last good version stays on screen, and this says why."""

    def __init__(self) -> None:
        super().__init__(id="load-error")
        self.display = False

    def show(self, message: str) -> None:
        text = Text.assemble(("Not reloaded; showing the last good version.  ", "bold"))
        text.append(message)
        self.update(text)
        self.display = True
