"""Every citable thing in a briefing, addressed by a stable reference.

Pure (no UI): the TUI, the renderers, export and the analytics all ask this
index which items exist, what each cites and what cites each source. How each
kind of item is named and drawn is the kind registry's (kinds.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from .kinds import KINDS
from .refs import COLLECTIONS, Ref, source_ref
from .shape import KEPT_BY_KIND, NESTED, item_key

if TYPE_CHECKING:  # the index reads models but never builds them: no Pydantic import at run time
    from collections.abc import Iterable

    from .evidence import Verification
    from .model import Briefing, Judgment, Source, Stakeholder
    from .refs import Item
    from .track import Forecast

__all__ = ["COLLECTIONS", "BriefingIndex", "Hit", "Ref", "source_ref"]  # Ref and the rest re-exported: callers know the index


class Hit(NamedTuple):
    """A search hit: the item, the field holding the words, its text, and where they stand."""

    ref: Ref
    field: str
    text: str
    spans: list[tuple[int, int]]
    #: The other fields holding the words the first one lacks: (field, text, spans) each.
    also: tuple[tuple[str, str, list[tuple[int, int]]], ...] = ()


def _places(text: str, folded: str, words: list[str]) -> list[tuple[int, int]]:
    """Where each word stands in a field, in order; none when casefolding changed the field's
    length (ß → ss), since places in the folded text would not be places in the text."""
    spans: list[tuple[int, int]] = []
    if len(folded) == len(text):
        for word in words:
            start = folded.find(word)
            while start != -1:
                spans.append((start, start + len(word)))
                start = folded.find(word, start + len(word))
    return sorted(spans)


class BriefingIndex:
    """Items by reference, in the order of their collections, and citations both ways."""

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.items: dict[Ref, Item] = {}
        self.order: dict[str, list[Ref]] = {name: [] for name in COLLECTIONS}
        self.sources: dict[int, Source] = {source.id: source for source in briefing.sources}
        self.stakeholders: dict[str, Stakeholder] = {holder.id: holder for holder in briefing.stakeholders}

        #: The item each nested item is listed in (a statement's stakeholder, an indicator's judgment).
        self.parent: dict[Ref, Any] = {}
        #: Where each item stands in the data: ``("stakeholders", 2, "statements", 0)``.
        self._paths: dict[Ref, tuple[str | int, ...]] = {}
        # Every kind the format holds (shape.KEPT), in its order: nested items after their parent.
        for collection in COLLECTIONS:
            kept = KEPT_BY_KIND[collection]
            order = self.order[collection]
            for position, item in enumerate(getattr(briefing, kept.field)):
                ref = Ref(collection, item_key(kept, item.id, position))  # every top-level kind has an id
                self.items[ref], self._paths[ref] = item, (kept.field, position)
                order.append(ref)
                for inner in NESTED[collection]:
                    for inner_position, child in enumerate(getattr(item, inner.field)):
                        child_ref = Ref(inner.kind, item_key(inner, getattr(child, "id", None), inner_position, ref.key))
                        self.items[child_ref], self.parent[child_ref] = child, item
                        self._paths[child_ref] = (kept.field, position, inner.field, inner_position)
                        order.append(child_ref)
        self.owner: dict[Ref, Stakeholder] = {ref: item for ref, item in self.parent.items() if ref.kind == "statements"}
        #: The judgment each indicator belongs to.
        self.judgment_of: dict[Ref, Judgment] = {ref: item for ref, item in self.parent.items() if ref.kind == "indicators"}

        self._corpus: list[tuple[Ref, list[tuple[str, str, str]]]] | None = None
        #: The quotes looked for in the saved copies (``saved.verify``), once that is done:
        #: the views mark each quote found, not found or unverified, and show it in context.
        self.evidence: Verification | None = None
        #: The judgments' forecasts by id (``track``), from this version alone until the
        #: versions of the briefing are read (``use_record``): the one scored may be older.
        self._forecasts: dict[str, Forecast] | None = None
        #: How many times the record was read in: a view drawn before it came knows it is stale.
        self.records_read = 0
        #: Sources that repeat or derive from each source (directly).
        self.derived_by: dict[int, list[int]] = {}
        for source in briefing.sources:
            for parent in dict.fromkeys(source.derived_from):
                self.derived_by.setdefault(parent, []).append(source.id)
        self._roots: dict[int, frozenset[int]] = {}
        self._grades_sources: bool | None = None
        self.cited_by: dict[int, list[Ref]] = {source.id: [] for source in briefing.sources}
        for ref, item in self.items.items():
            for source_id in dict.fromkeys(getattr(item, "citations", ())):
                self.cited_by.setdefault(source_id, []).append(ref)

    @property
    def grades_sources(self) -> bool:
        """Whether any source of the briefing is graded (reliability or credibility)."""
        graded = self._grades_sources
        if graded is None:
            graded = self._grades_sources = any(source.reliability or source.credibility for source in self.sources.values())
        return graded

    def __contains__(self, ref: object) -> bool:
        return ref in self.items

    def path(self, ref: Ref) -> tuple[str | int, ...]:
        """Where the item stands in the briefing's data: ``("stakeholders", 2, "statements", 0)``."""
        return self._paths[ref]

    def forecast(self, judgment_id: str) -> Forecast | None:
        """A judgment's place in the track record: its question, the forecast scored, its outcome."""
        if self._forecasts is None:
            from .track import Version, forecasts

            self._forecasts = {f.id: f for f in forecasts([Version(self.briefing, "")])}
        return self._forecasts.get(judgment_id)

    def use_record(self, record: Iterable[Forecast]) -> None:
        """The forecasts read from every version of this briefing (the folder, the git history)."""
        from .track import briefing_key

        key = briefing_key(self.briefing)
        self._forecasts = {f.id: f for f in record if f.briefing == key}
        self.records_read += 1

    def citations(self, ref: Ref) -> list[int]:
        """The distinct sources an item cites, in the order it cites them."""
        return list(dict.fromkeys(getattr(self.items.get(ref), "citations", ())))

    def parents(self, source_id: int) -> list[int]:
        """The known sources a source derives from, each once."""
        source = self.sources.get(source_id)
        return [p for p in dict.fromkeys(source.derived_from) if p in self.sources] if source is not None else []

    def roots(self, source_id: int) -> frozenset[int]:
        """The independent sources a source rests on: itself when it derives from nothing,
        else the roots of what it derives from, all the way down. Each source's roots are
        worked out once, from its parents' (a chain of thousands costs what it is long)."""
        on_path: set[int] = set()  # what is being worked out (a source done is in _roots)
        stack = [source_id]
        while stack:  # iterative, and safe on a cycle (the loader refuses them; a model need not)
            current = stack[-1]
            if current in self._roots:
                stack.pop()
                continue
            on_path.add(current)
            waiting = [p for p in self.parents(current) if p not in self._roots and p not in on_path]
            if waiting:
                stack.extend(waiting)
                continue
            stack.pop()
            # Only true roots (they derive from nothing) count: a source in a cycle that
            # reaches none stands for itself.
            found = frozenset().union(*(self._roots[p] for p in self.parents(current) if p in self._roots))
            self._roots[current] = frozenset(r for r in found if not self.parents(r)) or frozenset({current})
        return self._roots[source_id]

    def descendants(self, source_id: int) -> list[int]:
        """Every source that derives from this one, directly or through others, in order."""
        found: set[int] = set()
        todo = list(self.derived_by.get(source_id, ()))
        while todo:
            current = todo.pop()
            if current not in found and current != source_id:
                found.add(current)
                todo.extend(self.derived_by.get(current, ()))
        return sorted(found)

    def citing(self) -> Iterator[Ref]:
        """Every item that cites at least one source."""
        return (ref for ref, item in self.items.items() if getattr(item, "citations", None))

    def speaker(self, ref: Ref) -> Stakeholder | None:
        """Who made a statement: its ``by``, else the stakeholder it is filed under."""
        if ref.kind != "statements" or ref not in self.items:
            return None
        statement: Any = self.items[ref]  # a statement
        if statement.by is not None and statement.by in self.stakeholders:
            return self.stakeholders[statement.by]
        return self.owner.get(ref)

    def label(self, ref: Ref) -> str:
        """A one-line name for an item: for lists of hits, history and the palette."""
        return KINDS[ref.kind].label(self, ref, self.items[ref])

    def kind_name(self, ref: Ref) -> str:
        """What the item is, in a word: bullet, base, statement …"""
        return KINDS[ref.kind].name

    def search(self, query: str, limit: int = 200) -> tuple[list[Hit], int]:
        """Every item holding every word of the query (case-insensitive), in any of its fields.

        Returns up to ``limit`` hits and the total count. A hit names the field that holds
        the most of the words and where each of them stands in it, then each other field that
        holds words it lacks (a query can match an item's title and its note together)."""
        words = list(dict.fromkeys(query.casefold().split()))
        if not words:
            return [], 0
        hits: list[Hit] = []
        total = 0
        for ref, fields in self.prepare_search():
            if not all(any(word in folded for _, _, folded in fields) for word in words):
                continue
            total += 1
            if len(hits) >= limit:
                continue
            name, text, folded = max(fields, key=lambda field: sum(word in field[2] for word in words))
            missing = [word for word in words if word not in folded]
            also = []
            for other, other_text, other_folded in fields:  # (a field with every word finds none missing)
                found = [word for word in missing if word in other_folded]
                if found:
                    also.append((other, other_text, _places(other_text, other_folded, found)))
                    missing = [word for word in missing if word not in found]
            hits.append(Hit(ref, name, text, _places(text, folded, words), tuple(also)))
        return hits, total

    @property
    def search_ready(self) -> bool:
        """Whether every item's words are folded for search already."""
        return self._corpus is not None

    def prepare_search(self) -> list[tuple[Ref, list[tuple[str, str, str]]]]:
        """Every item's fields, folded for search: built once (the dashboard does it in a
        worker while the reader looks at the briefing; a large one takes a tenth of a second)."""
        corpus = self._corpus
        if corpus is None:
            corpus = self._corpus = [(ref, [(name, text, text.casefold()) for name, text in self.search_fields(ref)]) for ref in self.items]
        return corpus

    def search_fields(self, ref: Ref) -> list[tuple[str, str]]:
        """An item's words, field by field, as the reader knows them: no ids, no numbers of
        sources, nothing run together."""
        item = self.items[ref]
        fields: list[tuple[str, str]] = []
        # Ids are not words; lists of numbers (citations) or of items (statements) hold none.
        # A saved copy's file name and hash are no words of the briefing's; its quotes are, below
        # (left out of the dump, which would only build dicts to throw away).
        for name, value in item.model_dump(exclude={"id", "saved", "quotes"}).items():
            if isinstance(value, str):
                fields.append((name, value))
            elif isinstance(value, list):
                fields += [(name, part) for part in value if isinstance(part, str)]
            elif isinstance(value, dict):
                fields += [(key, part) for key, part in value.items() if isinstance(part, str)]
        fields += [("assumption", assumption.text) for assumption in getattr(item, "assumptions", ())]
        fields += [("quote", quote.text) for quote in getattr(item, "quotes", ())]
        if ref.kind == "statements":
            speaker = self.speaker(ref)
            if speaker is not None:
                fields.append(("said by", speaker.name))
        return fields

    def search_text(self, ref: Ref) -> str:
        """All the words of an item, a field a line."""
        return "\n".join(text for _, text in self.search_fields(ref))
