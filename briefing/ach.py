"""Analysis of Competing Hypotheses (Heuer): the matrix's scores, and what withdrawing a
source does to them.

Pure: takes a briefing's hypotheses and matrix (and its index, to know what each row's
evidence cites), returns numbers. The scores are exactly these (README, "Competing
hypotheses"):

* inconsistency of a hypothesis: the sum over rows of I → 1, II → 2;
* weighted inconsistency: the same, each row times its credibility weight
  (high 1.0, medium 0.5, low 0.25);
* diagnosticity of a row: the population standard deviation of its ratings mapped
  CC → 2, C → 1, N → 0, I → −1, II → −2 over the hypotheses it rates (NA left out);
* leading hypotheses: those with the lowest weighted inconsistency, all of them on a tie;
* critical rows: those whose removal changes the set of leading hypotheses;
* withdrawn rows: those whose item's cited sources are all withdrawn; they drop out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .index import BriefingIndex
    from .model import Ach, Hypothesis

INCONSISTENCY = {"CC": 0, "C": 0, "N": 0, "NA": 0, "I": 1, "II": 2}  # what counts against a hypothesis
VALUE = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}
WEIGHT = {"high": 1.0, "medium": 0.5, "low": 0.25}
#: A tie is a tie: sums of quarters are exact in binary, but say so rather than compare floats.
_EPSILON = 1e-9


class RowScore(NamedTuple):
    ref: str
    credibility: str
    ratings: dict[str, str]
    diagnosticity: float
    critical: bool
    withdrawn: bool

    @property
    def diagnostic(self) -> bool:
        return self.diagnosticity > _EPSILON


class HypothesisScore(NamedTuple):
    id: str
    text: str
    inconsistency: int
    weighted_inconsistency: float
    leading: bool


class Matrix(NamedTuple):
    question: str
    hypotheses: list[HypothesisScore]  # ordered by weighted inconsistency, then as written
    evidence: list[RowScore]  # as written

    @property
    def leading(self) -> list[str]:
        return [h.id for h in self.hypotheses if h.leading]


def diagnosticity(ratings: Iterable[str]) -> float:
    values = [VALUE[rating] for rating in ratings if rating in VALUE]
    if not values:
        return 0.0
    mean = sum(values) / len(values)
    return math.sqrt(sum((value - mean) ** 2 for value in values) / len(values))


def leading(totals: dict[str, float]) -> frozenset[str]:
    """The hypotheses with the least weighted inconsistency (ties within a rounding error all lead)."""
    if not totals:
        return frozenset()
    lowest = min(totals.values())
    return frozenset(h for h, total in totals.items() if total - lowest <= _EPSILON)


def score(hypotheses: list[Hypothesis], ach: Ach, index: BriefingIndex | None = None, withdrawn: frozenset[int] = frozenset()) -> Matrix:
    """The matrix with its scores; rows whose evidence rests only on withdrawn sources drop out."""
    ids = [h.id for h in hypotheses]
    counted: dict[str, int] = dict.fromkeys(ids, 0)
    weighted: dict[str, float] = dict.fromkeys(ids, 0.0)
    gone: list[bool] = []
    contributions: list[dict[str, float]] = []
    for row in ach.evidence:
        is_gone = _withdrawn(row.ref, index, withdrawn)
        gone.append(is_gone)
        contribution = {h: INCONSISTENCY[row.ratings.get(h, "NA")] * WEIGHT[row.credibility] for h in ids}  # unrated: NA
        contributions.append(contribution)
        if is_gone:
            continue
        for h in ids:
            counted[h] += INCONSISTENCY[row.ratings.get(h, "NA")]
            weighted[h] += contribution[h]
    leaders = leading(weighted)
    rows = []
    for row, is_gone, contribution in zip(ach.evidence, gone, contributions):
        critical = False
        if not is_gone:
            # Without this row: its contribution taken away, one pass over the hypotheses.
            critical = leading({h: weighted[h] - contribution[h] for h in ids}) != leaders
        rows.append(RowScore(row.ref, row.credibility, dict(row.ratings), diagnosticity(row.ratings.values()), critical, is_gone))
    order = {h: position for position, h in enumerate(ids)}
    ranked = sorted(hypotheses, key=lambda h: (weighted[h.id], order[h.id]))
    scored = [HypothesisScore(h.id, h.text, counted[h.id], weighted[h.id], h.id in leaders) for h in ranked]
    return Matrix(ach.question, scored, rows)


def _withdrawn(ref: str, index: BriefingIndex | None, withdrawn: frozenset[int]) -> bool:
    if index is None or not withdrawn:
        return False
    from .index import Ref

    kind, _, key = ref.partition(":")
    if kind == "sources":  # a source as evidence goes when it is withdrawn (or derives only from what is)
        return key.isdigit() and int(key) in withdrawn
    citations = index.citations(Ref(kind, key))
    return bool(citations) and withdrawn.issuperset(citations)


def as_json(matrix: Matrix) -> dict[str, Any]:
    """``briefing ach --format json``."""
    return {
        "question": matrix.question,
        "hypotheses": [
            {
                "id": h.id,
                "text": h.text,
                "inconsistency": h.inconsistency,
                "weighted_inconsistency": h.weighted_inconsistency,
                "leading": h.leading,
            }
            for h in matrix.hypotheses
        ],
        "evidence": [
            {
                "ref": row.ref,
                "credibility": row.credibility,
                "ratings": row.ratings,
                "diagnosticity": round(row.diagnosticity, 6),
                "critical": row.critical,
                "withdrawn": row.withdrawn,
            }
            for row in matrix.evidence
        ],
    }
