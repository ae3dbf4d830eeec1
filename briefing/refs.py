"""What the item registry and the index share, below both: a reference to an item, the
collections, and the shapes of the index and the STIX builder as the kinds read them.

The kinds (kinds.py) describe how each kind of item reads, and need to look things up in
the index and build STIX objects; the index and the STIX exporter in turn use the kinds.
Naming here only what the kinds need (as Protocols) keeps the imports one way: kinds →
refs, index → kinds → refs, export → index, kinds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    from .model import Base, Bullet, Event, Indicator, Judgment, Source, Stakeholder, Statement, Tension
    from .track import Forecast

    Item = Bullet | Base | Stakeholder | Statement | Tension | Judgment | Indicator | Event | Source

from .shape import COLLECTIONS, NESTED_IN

__all__ = ["COLLECTIONS", "NESTED_IN", "IndexView", "Ref", "StixView", "source_ref"]


# NamedTuples, not dataclasses, for the small value types: a dataclass compiles its
# methods with exec() at import, which costs start-up time on every run.
class Ref(NamedTuple):
    """Where an item lives: its kind and its key (an id, or a position where there is none)."""

    kind: str
    key: str

    @property
    def collection(self) -> str:
        """The top-level collection the item is listed under (statements sit inside stakeholders)."""
        return NESTED_IN.get(self.kind, self.kind)

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


def source_ref(source_id: int) -> Ref:
    return Ref("sources", str(source_id))


class IndexView(Protocol):
    """The index as the kinds read it (index.BriefingIndex is one)."""

    items: dict[Ref, Item]
    owner: dict[Ref, Stakeholder]
    judgment_of: dict[Ref, Judgment]
    sources: dict[int, Source]
    stakeholders: dict[str, Stakeholder]
    cited_by: dict[int, list[Ref]]
    derived_by: dict[int, list[int]]

    @property
    def grades_sources(self) -> bool: ...

    def speaker(self, ref: Ref) -> Stakeholder | None: ...
    def forecast(self, judgment_id: str) -> Forecast | None: ...
    def descendants(self, source_id: int) -> list[int]: ...
    def parents(self, source_id: int) -> list[int]: ...


class StixView(Protocol):
    """The STIX builder as the kinds use it (export.StixContext is one)."""

    stix2: Any
    common: dict[str, Any]
    stated_confidence: dict[str, int]

    @property
    def index(self) -> IndexView: ...

    def sid(self, kind: str, key: str) -> str: ...
    def identity(self, stakeholder_id: str | None) -> str | None: ...
    def note(self, key: str, content: str, about: Sequence[str | None], labels: list[str], citations: Iterable[int] = (), **extra: Any) -> Any: ...
    def references(self, citations: Iterable[int]) -> list[dict[str, Any]]: ...
