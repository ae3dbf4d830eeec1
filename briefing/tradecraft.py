"""Analytic tradecraft over a briefing: how well each claim is sourced, what falls if a
source is withdrawn, estimative language, staleness, and what changed between versions.

Pure: takes models and an index, returns findings; the CLI, print and the TUI show them.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from .index import COLLECTIONS, BriefingIndex, Ref
from .scales import LIKELIHOODS, admiralty_grade

if TYPE_CHECKING:
    from .model import Briefing, Finding, Source

RELIABILITY_ORDER = tuple("ABCDEF")


# --- evidence strength ----------------------------------------------------------------


class Evidence(NamedTuple):
    sources: int
    best: str | None  # e.g. "B2"; None when nothing cited is graded
    weakest: str | None
    ungraded: int
    #: The independent roots of the sources: what the claim really rests on.
    independent: int = 0

    @property
    def badge(self) -> str:
        """`2 sources · B2–C3`, `1 source · ungraded`; `4 sources · 1 independent · B2` when
        some repeat others."""
        return self.words(grading=True)

    def words(self, grading: bool) -> str:
        """The badge; ``grading`` False for a briefing that grades no source at all, where
        "ungraded" on every row would inform no one."""
        count = f"{self.sources} source{'s' * (self.sources != 1)}"
        if self.sources == 0:
            return "no sources"
        if self.independent < self.sources:
            count += f" · {self.independent} independent"
        if self.best is None:
            return f"{count} · ungraded" if grading else count
        grades = self.best if self.best == self.weakest else f"{self.best}–{self.weakest}"
        extra = f" · {self.ungraded} ungraded" if self.ungraded else ""
        return f"{count} · {grades}{extra}"


def _grade_key(source: Source) -> tuple[int, int]:
    reliability = RELIABILITY_ORDER.index(source.reliability) if source.reliability else len(RELIABILITY_ORDER)
    return reliability, source.credibility or 7


def evidence(index: BriefingIndex, ref: Ref, withdrawn: frozenset[int] = frozenset()) -> Evidence:
    cited = [index.sources[s] for s in index.citations(ref) if s in index.sources and s not in withdrawn]
    independent = len(frozenset().union(*(index.roots(source.id) for source in cited)))
    graded = sorted((s for s in cited if s.reliability or s.credibility), key=_grade_key)
    if not graded:
        return Evidence(len(cited), None, None, len(cited), independent)
    best, weakest = graded[0], graded[-1]
    return Evidence(
        len(cited),
        admiralty_grade(best.reliability, best.credibility),
        admiralty_grade(weakest.reliability, weakest.credibility),
        len(cited) - len(graded),
        independent,
    )


def thin_evidence(item: Any, found: Evidence) -> bool:
    """A judgment held with high confidence on fewer than two independent sources, or on
    ungraded sources only."""
    return getattr(item, "confidence", None) == "high" and (found.independent < 2 or found.best is None)


def weak_high_confidence(index: BriefingIndex) -> list[tuple[Ref, str]]:
    """Judgments held with high confidence on a single source, or on ungraded sources only."""
    flagged = []
    for ref in index.order["judgments"]:
        found = evidence(index, ref)
        if not thin_evidence(index.items[ref], found):
            continue
        if found.sources <= 1:
            flagged.append(
                (ref, f"judgment {ref.key!r} is held with high confidence but rests on {found.sources} source{'s' * (found.sources != 1)}")
            )
        elif found.independent < 2:
            flagged.append(
                (
                    ref,
                    f"judgment {ref.key!r} is held with high confidence but its {found.sources} sources rest on {found.independent} independent source",
                )
            )
        elif found.best is None:
            flagged.append((ref, f"judgment {ref.key!r} is held with high confidence but its sources are all ungraded"))
    return flagged


# --- withdrawal ---------------------------------------------------------------------------


class Withdrawal(NamedTuple):
    withdrawn: frozenset[int]
    affected: list[Ref]  # cite a withdrawn source
    unsupported: list[Ref]  # cite nothing else
    #: Sources gone with them: they derive only from withdrawn sources.
    derived: frozenset[int] = frozenset()

    @property
    def gone(self) -> frozenset[int]:
        return self.withdrawn | self.derived

    def summary(self) -> str:
        sources = ", ".join(f"[{s}]" for s in sorted(self.withdrawn))
        also = f" (and {', '.join(f'[{s}]' for s in sorted(self.derived))}, derived from them)" if self.derived else ""
        return (
            f"without {sources}{also}: {len(self.affected)} item{'s' * (len(self.affected) != 1)} affected, {len(self.unsupported)} left unsupported"
        )


def withdrawn_with_derivations(index: BriefingIndex, withdrawn: Iterable[int]) -> frozenset[int]:
    """The sources gone when ``withdrawn`` go: those, and every source that derives only
    from sources gone. Followed from each source gone to what derives from it, so a chain
    costs what it is long, in whatever order its sources are listed."""
    gone = set(withdrawn)
    todo = list(gone)
    while todo:
        for child in index.derived_by.get(todo.pop(), ()):
            if child not in gone and gone.issuperset(index.parents(child)):
                gone.add(child)
                todo.append(child)
    return frozenset(gone)


def withdraw(index: BriefingIndex, withdrawn: Iterable[int]) -> Withdrawal:
    asked = frozenset(withdrawn)
    gone = withdrawn_with_derivations(index, asked)
    affected, unsupported = [], []
    for ref in index.citing():
        citations = index.citations(ref)
        if gone.intersection(citations):
            affected.append(ref)
            if gone.issuperset(citations):
                unsupported.append(ref)
    return Withdrawal(asked, affected, unsupported, gone - asked)


# --- estimative language ---------------------------------------------------------------------

SCALE_ROWS: list[dict[str, str]] = [
    {  # ICD 203, first row: phrase → likelihood
        "almost no chance": "almost no chance",
        "very unlikely": "very unlikely",
        "unlikely": "unlikely",
        "roughly even chance": "roughly even chance",
        "likely": "likely",
        "very likely": "very likely",
        "almost certain": "almost certain",
        "almost certainly": "almost certain",
    },
    {  # second row
        "remote": "almost no chance",
        "highly improbable": "very unlikely",
        "improbable": "unlikely",
        "improbably": "unlikely",
        "roughly even odds": "roughly even chance",
        "probable": "likely",
        "probably": "likely",
        "highly probable": "very likely",
        "nearly certain": "almost certain",
    },
]
OFF_SCALE = (
    "possibly",
    "possible",
    "perhaps",
    "maybe",
    "might",
    "may",
    "could",
    "conceivably",
    "plausibly",
    "doubtful",
    "definitely",
    "certainly",
    "surely",
)
_PHRASES = sorted({p for row in SCALE_ROWS for p in row} | set(OFF_SCALE), key=len, reverse=True)
_WORDS = re.compile(r"\b(" + "|".join(re.escape(p) for p in _PHRASES) + r")\b", re.IGNORECASE)


def estimative_problems(text: str, likelihood: str) -> list[str]:
    """Probability words in a judgment's text that the ICD 203 scale would not accept."""
    problems: list[str] = []
    rows_used: set[int] = set()
    for match in _WORDS.finditer(text):
        phrase = match.group(1).lower()
        if phrase in OFF_SCALE:
            problems.append(f"'{match.group(1)}' is not an ICD 203 likelihood term")
            continue
        row = 0 if phrase in SCALE_ROWS[0] else 1
        rows_used.add(row)
        meant = SCALE_ROWS[row][phrase]
        if meant != likelihood:
            low, high = LIKELIHOODS[meant]
            problems.append(f"the text says '{match.group(1)}' ({low}–{high}%) but the likelihood is '{likelihood}'")
    if len(rows_used) == 2:
        problems.append("the text mixes the ICD 203 scale's two rows of terms")
    return problems


# --- staleness ------------------------------------------------------------------------------


def date_range(partial: str) -> tuple[datetime.date, datetime.date]:
    parts = [int(p) for p in partial.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    month = parts[1]
    if len(parts) == 2:
        return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])
    day = datetime.date(year, month, parts[2])
    return day, day


def staleness(briefing: Briefing, max_age_days: int = 180) -> list[Finding]:
    from .model import Finding

    findings: list[Finding] = []
    as_of_start, as_of_end = date_range(briefing.as_of)
    for i, source in enumerate(briefing.sources):
        for field in ("published", "accessed"):
            value = getattr(source, field)
            if value is None:
                continue
            start, end = date_range(value)
            if start > as_of_end:
                findings.append(
                    Finding(
                        ("sources", i, field),
                        f"source [{source.id}] was {field} {value}, after the briefing's as-of date {briefing.as_of}",
                        "warning",
                    )
                )
            elif (as_of_start - end).days > max_age_days:
                findings.append(
                    Finding(
                        ("sources", i, field),
                        f"source [{source.id}] was {field} {value}, more than {max_age_days} days before the as-of date {briefing.as_of}",
                        "warning",
                    )
                )
    previous = None
    for i, event in enumerate(briefing.timeline):
        start, end = date_range(event.date)
        if previous is not None and end < previous[0]:  # wholly before the event listed above it
            findings.append(Finding(("timeline", i, "date"), f"timeline event {i + 1} ({event.date}) is out of order after {previous[2]}", "warning"))
        previous = (start, end, event.date)
    return findings


def tradecraft_findings(briefing: Briefing, max_age_days: int = 180, today: datetime.date | None = None) -> list[Finding]:
    """Every tradecraft warning for `check`: language, weak high confidence, staleness, and
    the track record's questions past due (as of ``today``)."""
    from .model import Finding
    from .track import record_findings

    index = BriefingIndex(briefing)
    findings = []
    for position, judgment in enumerate(briefing.judgments):
        for problem in estimative_problems(judgment.text, judgment.likelihood):
            findings.append(Finding(("judgments", position, "text"), f"judgment {judgment.id!r}: {problem}", "warning"))
    positions = {judgment.id: i for i, judgment in enumerate(briefing.judgments)}
    for ref, message in weak_high_confidence(index):
        findings.append(Finding(("judgments", positions[ref.key], "confidence"), message, "warning"))
    findings += confirmed_but_not_independent(index)
    findings += judgment_checks(briefing)
    findings += staleness(briefing, max_age_days)
    findings += record_findings(briefing, today)
    return findings


def confirmed_but_not_independent(index: BriefingIndex) -> list[Finding]:
    """Credibility 1 says "confirmed by other sources": not so for an item whose sources
    come down to fewer than two independent ones."""
    from .model import Finding

    confirmed = {source.id for source in index.briefing.sources if source.credibility == 1}
    if not confirmed:
        return []
    positions = {source.id: i for i, source in enumerate(index.briefing.sources)}
    thin: dict[int, list[Ref]] = {}
    citing = dict.fromkeys(ref for source_id in sorted(confirmed) for ref in index.cited_by[source_id])
    for ref in (ref for ref in index.items if ref in citing):  # in the briefing's order
        cited = [s for s in index.citations(ref) if s in index.sources]
        if len(frozenset().union(*(index.roots(s) for s in cited))) >= 2:
            continue
        for source_id in cited:
            if index.sources[source_id].credibility == 1:
                thin.setdefault(source_id, []).append(ref)
    findings = []
    for source_id, refs in sorted(thin.items()):
        named = ", ".join(f"{index.kind_name(ref)} {ref.key!r}" for ref in refs[:3]) + (" …" if len(refs) > 3 else "")
        findings.append(
            Finding(
                ("sources", positions[source_id], "credibility"),
                f"source [{source_id}] is graded credibility 1 (confirmed by other sources), but {len(refs)} "
                f"item{'s' * (len(refs) != 1)} citing it rest{'s' * (len(refs) == 1)} on fewer than two independent sources: {named}",
                "warning",
            )
        )
    return findings


def names_id(text: str | None, id: str) -> bool:
    """Whether ``text`` names ``id`` as a whole id: ``barges`` is not named by
    ``fuel-barges``, though a word boundary (\\b) stands at its hyphen. A full stop after
    it ends a sentence; one followed by more of an id is part of a longer one."""
    return text is not None and re.search(rf"(?<![A-Za-z0-9_.-]){re.escape(id)}(?![A-Za-z0-9_-]|\.[A-Za-z0-9_])", text) is not None


def judgment_checks(briefing: Briefing) -> list[Finding]:
    """Indicators observed without a source or without the judgment being revisited;
    high confidence on an unsupported assumption; no assumptions stated (a note)."""
    from .model import Finding

    findings: list[Finding] = []
    for i, judgment in enumerate(briefing.judgments):
        what = f"judgment {judgment.id!r}"
        reason = judgment.change_reason
        for j, indicator in enumerate(judgment.indicators):
            at = ("judgments", i, "indicators", j, "status")
            if indicator.status != "not observed" and not indicator.observed_in:
                findings.append(
                    Finding(at, f"{what}: indicator {indicator.id!r} is {indicator.status} but names no source it was observed in", "warning")
                )
            if indicator.status == "observed" and not names_id(reason, indicator.id):
                findings.append(
                    Finding(
                        at,
                        f"{what}: indicator {indicator.id!r} is observed, but the judgment's change_reason does not name it (was the judgment revisited?)",
                        "warning",
                    )
                )
        for j, assumption in enumerate(judgment.assumptions):
            if judgment.confidence == "high" and assumption.status == "unsupported":
                findings.append(
                    Finding(
                        ("judgments", i, "assumptions", j, "status"),
                        f"{what} is held with high confidence but rests on an unsupported assumption, {assumption.id!r}",
                        "warning",
                    )
                )
        if not judgment.assumptions:
            findings.append(Finding(("judgments", i, "id"), f"{what} states no assumptions (a Key Assumptions Check lists them)", "note"))
    return findings


# --- diff -----------------------------------------------------------------------------------

TOP_FIELDS = ("schema_version", "id", "created", "title", "subtitle", "as_of", "region", "bluf")


class Change(NamedTuple):
    collection: str
    key: str
    kind: str  # added, removed, changed
    fields: list[tuple[str, Any, Any]]  # (field, old, new) for changes


def _keyed(briefing: Briefing, collection: str) -> dict[str, dict[str, Any]]:
    items = getattr(briefing, collection)
    keyed = {}
    for position, item in enumerate(items):
        key = str(item.id or f"#{position + 1}")  # every kind has an id; a timeline event's is optional
        keyed[key] = item.model_dump()  # both versions dumped alike: what differs is what changed
    return keyed


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for key, inner in value.items():
            flat.update(_flatten(inner, f"{prefix}.{key}" if prefix else key))
        return flat
    if isinstance(value, list) and value and isinstance(value[0], dict):
        # Items with ids (indicators, assumptions) are paired by id, so that reordering or
        # inserting one changes nothing else; the rest (statements) by position.
        keyed = all(isinstance(inner, dict) and inner.get("id") is not None for inner in value)
        flat = {}
        for position, inner in enumerate(value):
            flat.update(_flatten(inner, f"{prefix}[{inner['id'] if keyed else position + 1}]"))
        return flat
    return {prefix: value}


def diff(old: Briefing, new: Briefing) -> list[Change]:
    changes: list[Change] = []
    top = [(f, getattr(old, f), getattr(new, f)) for f in TOP_FIELDS if getattr(old, f) != getattr(new, f)]
    if top:
        changes.append(Change("briefing", "", "changed", top))
    for collection in COLLECTIONS:
        before, after = _keyed(old, collection), _keyed(new, collection)
        for key in (key for key in before if key not in after):  # in the file's order, every time
            changes.append(Change(collection, key, "removed", []))
        for key in after:
            if key not in before:
                changes.append(Change(collection, key, "added", []))
                continue
            a, b = _flatten(before[key]), _flatten(after[key])
            fields = [(f, a.get(f), b.get(f)) for f in dict.fromkeys([*a, *b]) if a.get(f) != b.get(f)]
            if fields:
                changes.append(Change(collection, key, "changed", fields))
    changes += _diff_matrix(old, new)
    order = {name: i for i, name in enumerate(("briefing", *COLLECTIONS, "hypotheses", "ach"))}
    changes.sort(key=lambda c: (order[c.collection], ("changed", "added", "removed").index(c.kind)))
    return changes


def _diff_matrix(old: Briefing, new: Briefing) -> list[Change]:
    """The hypotheses by id, the matrix's rows by the evidence they rate, and its leader."""
    changes: list[Change] = []
    before = {h.id: h.text for h in old.hypotheses}
    after = {h.id: h.text for h in new.hypotheses}
    for key in (key for key in before if key not in after):  # in the file's order, every time
        changes.append(Change("hypotheses", key, "removed", []))
    for key, text in after.items():
        if key not in before:
            changes.append(Change("hypotheses", key, "added", []))
        elif before[key] != text:
            changes.append(Change("hypotheses", key, "changed", [("text", before[key], text)]))
    rows_before = {row.ref: row for row in (old.ach.evidence if old.ach else [])}
    rows_after = {row.ref: row for row in (new.ach.evidence if new.ach else [])}
    for ref in (ref for ref in rows_before if ref not in rows_after):
        changes.append(Change("ach", ref, "removed", []))
    for ref, row in rows_after.items():
        was = rows_before.get(ref)
        if was is None:
            changes.append(Change("ach", ref, "added", []))
            continue
        fields: list[tuple[str, str | None, str | None]] = [
            (f"ratings.{h}", was.ratings.get(h), row.ratings.get(h))
            for h in dict.fromkeys([*was.ratings, *row.ratings])
            if was.ratings.get(h) != row.ratings.get(h)
        ]
        if was.credibility != row.credibility:
            fields.append(("credibility", was.credibility, row.credibility))
        if fields:
            changes.append(Change("ach", ref, "changed", fields))
    if old.ach is not None or new.ach is not None:
        from .ach import score

        leading_before = score(old.hypotheses, old.ach).leading if old.ach else []
        leading_after = score(new.hypotheses, new.ach).leading if new.ach else []
        if sorted(leading_before) != sorted(leading_after):
            changes.append(
                Change("ach", "leading hypotheses", "changed", [("leading", ", ".join(leading_before) or None, ", ".join(leading_after) or None)])
            )
    return changes


def unexplained_changes(changes: list[Change]) -> list[str]:
    """Judgments whose likelihood or confidence moved with no change_reason given for it,
    and judgments an indicator of which changed status while they stayed as they were."""
    warnings = []
    for change in changes:
        if change.collection != "judgments" or change.kind != "changed":
            continue
        changed = {f for f, _, _ in change.fields}
        moved = changed & {"likelihood", "confidence"}
        reason_changed = any(f == "change_reason" for f, _, new_value in change.fields if new_value)
        if moved and not reason_changed:
            warnings.append(f"judgment {change.key!r}: {' and '.join(sorted(moved))} changed without a new change_reason")
        if moved or "change_reason" in changed:
            continue
        for field, old_value, new_value in change.fields:
            found = re.fullmatch(r"indicators\[(.+)\]\.status", field)
            if found is None or (old_value or "not observed") == (new_value or "not observed"):
                continue  # not a status, or one added (or dropped) as not observed: no change seen
            name = repr(found.group(1))
            warnings.append(
                f"judgment {change.key!r}: indicator {name} went from {old_value or 'not observed'} to {new_value or 'not observed'}, "
                "but the judgment's likelihood, confidence and change_reason did not change"
            )
    return warnings


class Comparison(NamedTuple):
    """What a briefing holds that an older version did not: items new or changed, and how many went."""

    changes: dict[Ref, str]  # "added" or "changed"
    removed: int
    #: What changed in each changed item, field by field: (field, old, new), as `diff` says.
    fields: dict[Ref, list[tuple[str, Any, Any]]] = {}  # noqa: RUF012 (read only; compare() always gives its own)

    @property
    def added(self) -> int:
        return sum(1 for kind in self.changes.values() if kind == "added")

    def summary(self, baseline_name: str) -> str:
        return f"since {baseline_name}: {self.added} new, {len(self.changes) - self.added} changed, {self.removed} removed"


def compare(old: Briefing, new: Briefing) -> Comparison:
    """Compare mode: the items of ``new`` to mark, by reference."""
    changes: dict[Ref, str] = {}
    fields: dict[Ref, list[tuple[str, Any, Any]]] = {}
    removed = 0
    for change in diff(old, new):
        if change.kind == "removed":
            removed += 1
        elif change.collection != "briefing":
            ref = Ref(change.collection, change.key)
            changes[ref] = change.kind
            if change.fields:
                fields[ref] = change.fields
    return Comparison(changes, removed, fields)
