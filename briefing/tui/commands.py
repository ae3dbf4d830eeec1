"""The command palette: the same live bindings as the footer and help, and "go to" any item."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..index import Ref
from ..text import one_line
from .widgets import offered

if TYPE_CHECKING:
    from .app import BriefingApp

SKIP = {"quit-now", "help-close", "escape"}
#: Moving the cursor is no command: the palette lists what to do, not where to go.
MOVES = {"cursor-up", "cursor-down", "first", "last", "page-up", "page-down"}


def binding_commands(app: BriefingApp) -> Iterable[SystemCommand]:
    """One palette command per described binding that would act now: the screen's live
    bindings (``Screen.active_bindings``, as the footer and help read them), each once."""
    seen: set[str] = set()
    # The dashboard's focused pane, not the palette's own text box (its editing keys are
    # no commands).
    screen = app.dashboard if app.has_dashboard else app.screen_stack[0]
    for node, binding, enabled, _tooltip in screen.active_bindings.values():
        if not enabled or not binding.description or binding.id is None or binding.id in SKIP | MOVES or binding.action in seen:
            continue
        if not offered(node, binding.action):
            continue
        seen.add(binding.action)
        yield SystemCommand(binding.description, f"key: {app.get_key_display(binding)}", partial(app.run_action, binding.action, node))


class GoToProvider(Provider):
    """Go to any item by words of its name: "source 3", "tartus", "lavrov"."""

    LIMIT = 40

    def _candidates(self) -> list[tuple[Ref, str]]:
        app: BriefingApp = self.app  # type: ignore[assignment]
        index = app.dashboard.index if app.has_dashboard else None
        if index is None:
            return []
        if getattr(self, "_for_index", None) is not index:
            self._for_index = index
            self._list = [
                (ref, f"Go to {index.kind_name(ref)} {ref.key if ref.kind == 'sources' else ''}: {one_line(index.label(ref), 70)}".replace(" :", ":"))
                for ref in index.items
            ]
        return self._list

    async def discover(self) -> Hits:
        for ref, text in self._candidates()[:10]:
            yield DiscoveryHit(Text(text), partial(self.app.go, ref), text=text)  # type: ignore[attr-defined]

    async def search(self, query: str) -> Hits:
        words = query.casefold().split()
        if not words:
            return
        found = 0
        for ref, text in self._candidates():
            folded = text.casefold()
            if all(word in folded for word in words):
                display = Text(text)
                for word in words:
                    start = folded.find(word)
                    display.stylize("bold reverse", start, start + len(word))
                score = 1.0 if ref.kind == "sources" and ref.key in words else 0.5
                yield Hit(score, display, partial(self.app.go, ref), text=text)  # type: ignore[attr-defined]
                found += 1
                if found >= self.LIMIT:
                    return
