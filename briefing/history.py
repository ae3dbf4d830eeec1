"""Where the reader has been: a browser-like back/forward history. Pure, no UI."""

from __future__ import annotations

from typing import Generic, TypeVar

Place = TypeVar("Place")


class History(Generic[Place]):
    """``visit`` records where you leave from; ``back`` and ``forward`` step through it.

    Places are whatever the caller stores (the dashboard stores an item and a
    citation trail). Capped so that a long session cannot grow without bound.
    """

    def __init__(self, limit: int = 500) -> None:
        self.limit = limit
        self._back: list[Place] = []
        self._forward: list[Place] = []

    def visit(self, leaving: Place) -> None:
        """Going somewhere new from ``leaving``: it becomes the way back; forward is forgotten."""
        if self._back and self._back[-1] == leaving:
            self._forward.clear()
            return
        self._back.append(leaving)
        del self._back[: -self.limit]
        self._forward.clear()

    def back(self, current: Place) -> Place | None:
        if not self._back:
            return None
        self._forward.append(current)
        return self._back.pop()

    def forward(self, current: Place) -> Place | None:
        if not self._forward:
            return None
        self._back.append(current)
        return self._forward.pop()

    @property
    def can_go_back(self) -> bool:
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def __len__(self) -> int:
        return len(self._back)
