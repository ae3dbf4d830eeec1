"""Problems in the loop, as an editor keeps them: what `briefing check` says of the file on
screen — counted in the status line, listed by `p`, each a jump to its item (`enter`) or to its
line in the editor (`e`) — and, after a reload, what changed.

The check runs as `briefing check` in a process of its own (started from a worker), so that
a large briefing's check never holds the screen; its lines are read back as diagnostics.
"""

from __future__ import annotations

import re
import subprocess
import sys
from bisect import bisect_right
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ..text import clean, one_line
from .virtual_list import VirtualList
from .widgets import set_height

if TYPE_CHECKING:
    from ..index import BriefingIndex
    from ..refs import Ref

#: Files up to this size have their problems placed on items (one more parse, in the worker).
PLACE_ITEMS_BYTES = 256 * 1024
_LINE = re.compile(r"^(?P<file>.*?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|note): (?P<message>.*)$")
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "note": "cyan"}


class Problem(NamedTuple):
    line: int
    column: int
    severity: str
    message: str
    #: The item it is about, when it could be placed (its data starts on or before the line).
    ref: Ref | None = None

    def key(self) -> tuple[str, str]:
        """What a problem is, lines aside: a reload that moves it is not a new one."""
        return self.severity, self.message


def check_file(path: Path, timeout: float = 300) -> list[Problem]:
    """`briefing check` of the file, run apart: its findings, in the order it gives them."""
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "check", "-q", str(path)],
        capture_output=True,
        text=True,
        timeout=timeout,
        encoding="utf-8",
        errors="replace",
    )
    problems = []
    for line in done.stderr.splitlines():
        match = _LINE.match(line)
        if match is not None:
            problems.append(Problem(int(match["line"]), int(match["column"]), match["severity"], match["message"]))
    return problems


def place(problems: list[Problem], path: Path, index: BriefingIndex) -> list[Problem]:
    """Each problem with the item whose data holds its line (the last item starting at or before it)."""
    from ..loader import lines_of

    # The briefing's own items, not what is nested in them: a line after a judgment's
    # indicators may be one of its assumptions, which are no item — the judgment holds both.
    refs = [ref for ref in index.items if ref.kind == ref.collection]
    starts = lines_of(path, [index.path(ref) for ref in refs])
    ordered = sorted((line, position) for position, line in enumerate(starts) if line is not None)
    lines = [line for line, _ in ordered]
    placed = []
    for problem in problems:
        at = bisect_right(lines, problem.line)  # the items starting at or before its line: the last of them
        placed.append(problem._replace(ref=refs[ordered[at - 1][1]] if at else None))
    return placed


def counts(problems: list[Problem]) -> str:
    """ "2 errors · 4 warnings · 1 note", what there is of each; empty when clean."""
    parts = []
    for severity in ("error", "warning", "note"):
        number = sum(1 for problem in problems if problem.severity == severity)
        if number:
            parts.append(f"{number} {severity}{'s' * (number != 1)}")
    return " · ".join(parts)


def news(before: list[Problem], after: list[Problem]) -> str:
    """What a reload changed in the problems: "1 new warning", "2 fewer"; empty when nothing."""
    old = [problem.key() for problem in before]
    added = []
    for problem in after:
        if problem.key() in old:
            old.remove(problem.key())
        else:
            added.append(problem)
    parts = [counts(added).replace(" · ", ", ")] if added else []
    parts = [part.replace(" error", " new error").replace(" warning", " new warning").replace(" note", " new note") for part in parts]
    if old:
        parts.append(f"{len(old)} fewer")
    return ", ".join(parts)


class ProblemsScreen(ModalScreen["tuple[str, Problem] | None"]):
    """Every problem `check` finds in the file: enter goes to its item, e to its line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,p", "close", "Close", id="problems-close"),
        Binding("enter", "choose('go')", "Go to the item", id="problems-go"),
        Binding("e", "choose('edit')", "Edit at its line", id="problems-edit"),
    ]

    def __init__(self, problems: list[Problem], index: BriefingIndex, name: str) -> None:
        super().__init__()
        self.problems, self.index, self.file_name = problems, index, name

    def compose(self) -> ComposeResult:
        with Vertical(id="problems-box"):
            yield Static(id="problems-head")
            yield VirtualList(id="problems-list")

    def on_mount(self) -> None:
        box = self.query_one("#problems-box")
        box.border_title = f"Problems · {clean(self.file_name)}"
        box.border_subtitle = "⏎ go to the item · e edit at the line · esc closes"
        summary = counts(self.problems) or "No problems: `briefing check` finds nothing."
        self.query_one("#problems-head", Static).update(Text(summary, "bold"))
        listing = self.query_one("#problems-list", VirtualList)
        listing.set_rows(len(self.problems), self._row)
        listing.focus()
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """The box as high as its lines, up to the stylesheet's 70% of the screen: a short list
        is not a tall empty box."""
        box, listing = self.query_one("#problems-box"), self.query_one("#problems-list", VirtualList)
        most = box.outer_size.height
        chrome = most - listing.outer_size.height  # the border, the head
        needed = listing.lines_needed(listing.scrollable_content_region.width, most)
        if needed + chrome < most:
            set_height(box, needed + chrome)

    def _row(self, position: int) -> Text:
        problem = self.problems[position]
        text = Text(f"{problem.line}:{problem.column} ", "dim")
        text.append(f"{problem.severity}: ", SEVERITY_STYLE[problem.severity])
        text.append(clean(problem.message))
        if problem.ref is not None and problem.ref in self.index.items:
            text.append(f"  — {one_line(self.index.label(problem.ref), 60)}", "dim italic")
        return text

    def row_text(self, position: int) -> str:
        """A row as shown (tests read it)."""
        return " ".join(self.query_one("#problems-list", VirtualList).row_lines(position)).strip()

    @on(VirtualList.Moved)
    def _moved(self, event: VirtualList.Moved) -> None:
        event.stop()

    def action_choose(self, how: str) -> None:
        listing = self.query_one("#problems-list", VirtualList)
        if listing.highlighted is not None and listing.highlighted < len(self.problems):
            self.dismiss((how, self.problems[listing.highlighted]))

    def action_close(self) -> None:
        self.dismiss(None)
