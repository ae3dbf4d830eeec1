"""A track record: judgments that come due, are resolved, and are scored.

Pure: versions of briefings in, forecasts and scores out; no I/O (``versions`` reads the
files and the git history) and no UI. The scores are the issue's, exactly:

- a judgment's probability is its stated ``probability``, else the middle of its
  likelihood's band (``BAND_MIDDLES``);
- over the judgments resolved yes (o = 1) or no (o = 0) — ``void`` ones are counted apart —
  Brier = mean (p − o)², log score = mean −ln p (yes) or −ln(1 − p) (no);
- Murphy's decomposition over the seven likelihood bands: Brier = reliability − resolution
  + uncertainty + within_band, where within_band is 0 when every probability is its band's
  middle, and otherwise what stated probabilities add inside their bands.

Each judgment counts once, named by its briefing's id and its own. Among the versions that
carry it, the probability scored is the latest one stated before the question's ``by`` date
(when none was, the first one stated), and the outcome the latest one recorded.
"""

from __future__ import annotations

import datetime
import math
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from .scales import LIKELIHOODS

if TYPE_CHECKING:
    from .model import Briefing, Finding, Judgment

#: The middle of each likelihood's band: the probability of a judgment that states none.
BAND_MIDDLES: dict[str, float] = {word: round((low + high) / 200, 4) for word, (low, high) in LIKELIHOODS.items()}
SCORED_OUTCOMES = {"yes": 1, "no": 0}


#: Names the day what is due is judged by (YYYY-MM-DD), for every command and the dashboard
#: (and the `check` it runs): a report as of a day, or tests that must not change with the date.
TODAY_VARIABLE = "BRIEFING_TODAY"


def current_day() -> datetime.date:
    """The day questions fall due by: ``$BRIEFING_TODAY`` when it names one, else the clock's."""
    value = os.environ.get(TODAY_VARIABLE, "")
    if len(value) == 10:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    return datetime.date.today()


def overdue(by: str, day: datetime.date) -> bool:
    """Whether a question due ``by`` is past its day on ``day`` (from the day after it): the one
    rule for check's warning, the rows, the status line, the library's count and the scores."""
    return days_overdue(by, day) > 0


def days_overdue(by: str, day: datetime.date) -> int:
    return (day - datetime.date.fromisoformat(by)).days


def probability(judgment: Judgment) -> float:
    """The probability scored: the analyst's number, else the middle of the band."""
    return judgment.probability if judgment.probability is not None else BAND_MIDDLES[judgment.likelihood]


def briefing_key(briefing: Briefing) -> str:
    """What names a briefing across its versions: its id, else its title (as exports do)."""
    return briefing.id or briefing.title


def last_day(value: str) -> datetime.date:
    """The last day a partial date may mean: a briefing of 2031-09 may speak for the 30th."""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        return datetime.date(parts[0], parts[1], parts[2])
    if len(parts) == 2:
        following = datetime.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - datetime.timedelta(days=1)
    return datetime.date(parts[0], 12, 31)


class Version(NamedTuple):
    """One version of a briefing: a file, or the file as a commit held it."""

    briefing: Briefing
    #: Where it was read: a path, or ``path@commit`` for a committed version.
    file: str
    #: Among versions with the same as-of date, the later one sorts after (commit time; the
    #: working file last).
    sequence: float = math.inf

    @property
    def order(self) -> tuple[datetime.date, float]:
        return last_day(self.briefing.as_of), self.sequence


class Forecast(NamedTuple):
    """One judgment of the record: the forecast scored, and how it came out."""

    briefing: str
    id: str
    probability: float
    likelihood: str
    question: str
    by: str
    outcome: str | None
    resolved_on: str | None
    #: The newest file that carries the judgment.
    file: str
    #: The version whose probability is scored: what the briefing held when it was scored.
    scored: Version
    note: str | None = None

    @property
    def observed(self) -> int | None:
        """1 for yes, 0 for no; None while open or when void."""
        return SCORED_OUTCOMES.get(self.outcome or "")

    @property
    def brier(self) -> float | None:
        """This judgment's term of the Brier score, once resolved yes or no."""
        o = self.observed
        return None if o is None else (self.probability - o) ** 2

    def due(self, today: datetime.date) -> bool:
        """Open, and past the day it was to be settled by."""
        return self.outcome is None and overdue(self.by, today)

    @property
    def judgment(self) -> Judgment:
        """The judgment as the scored version held it."""
        return next(j for j in self.scored.briefing.judgments if j.id == self.id)


def forecasts(versions: Iterable[Version]) -> list[Forecast]:
    """Every judgment with a resolution, once, from all the versions that carry it: ordered by
    briefing, then as the newest version lists them."""
    carried: dict[tuple[str, str], list[tuple[Version, Judgment]]] = {}
    for version in sorted(versions, key=lambda v: v.order):
        key = briefing_key(version.briefing)
        for judgment in version.briefing.judgments:
            if judgment.resolution is not None:
                carried.setdefault((key, judgment.id), []).append((version, judgment))
    found = []
    for (key, judgment_id), held in carried.items():
        newest_version, newest = held[-1]
        resolution = newest.resolution
        assert resolution is not None  # carried holds only judgments with one
        by = datetime.date.fromisoformat(resolution.by)
        before = [entry for entry in held if entry[0].order[0] < by]
        scored_version, scored = before[-1] if before else held[0]
        outcome = next(((j.resolution.outcome, j.resolution) for _, j in reversed(held) if j.resolution and j.resolution.outcome), None)
        found.append(
            Forecast(
                briefing=key,
                id=judgment_id,
                probability=probability(scored),
                likelihood=scored.likelihood,
                question=resolution.question,
                by=resolution.by,
                outcome=outcome[0] if outcome else None,
                resolved_on=outcome[1].resolved_on if outcome else None,
                file=newest_version.file,
                scored=scored_version,
                note=outcome[1].note if outcome else None,
            )
        )
    return found


class Band(NamedTuple):
    likelihood: str
    n: int
    mean_probability: float | None
    observed: float | None


class Scores(NamedTuple):
    resolved: int
    void: int
    open: int
    due: int
    brier: float | None
    log: float | None
    reliability: float | None
    resolution: float | None
    uncertainty: float | None
    within_band: float | None
    bands: list[Band]
    judgments: list[Forecast]


def score(record: Sequence[Forecast], today: datetime.date) -> Scores:
    """The scores of a record (see the module's docstring)."""
    # (its band, the probability, the outcome: 1 yes, 0 no) of each judgment scored.
    scored = [(f.likelihood, f.probability, SCORED_OUTCOMES[f.outcome]) for f in record if f.outcome in SCORED_OUTCOMES]
    void = sum(1 for f in record if f.outcome == "void")
    still_open = [f for f in record if f.outcome is None]
    due = sum(1 for f in still_open if f.due(today))
    members: dict[str, list[tuple[float, int]]] = {}
    for word, p, o in scored:
        members.setdefault(word, []).append((p, o))
    # Each band that has judgments: (how many, their mean probability, how often it happened).
    filled = {word: (len(pairs), sum(p for p, _ in pairs) / len(pairs), sum(o for _, o in pairs) / len(pairs)) for word, pairs in members.items()}
    bands = [Band(word, *filled[word]) if word in filled else Band(word, 0, None, None) for word in LIKELIHOODS]
    if not scored:
        return Scores(0, void, len(still_open), due, None, None, None, None, None, None, bands, list(record))
    n_all = len(scored)
    brier = sum((p - o) ** 2 for _, p, o in scored) / n_all
    log = sum(-math.log(p if o else 1 - p) for _, p, o in scored) / n_all
    base_rate = sum(o for _, _, o in scored) / n_all
    reliability = sum(n * (mean - observed) ** 2 for n, mean, observed in filled.values()) / n_all
    resolution = sum(n * (observed - base_rate) ** 2 for n, _, observed in filled.values()) / n_all
    uncertainty = base_rate * (1 - base_rate)
    # What stated probabilities add inside their bands: Σ (p − p̄)(p + p̄ − 2o) / N, which is
    # exactly 0 when each p is its band's mean, so that with band middles the identity holds.
    within = sum((p - filled[word][1]) * (p + filled[word][1] - 2 * o) for word, p, o in scored) / n_all
    return Scores(n_all, void, len(still_open), due, brier, log, reliability, resolution, uncertainty, within, bands, list(record))


def as_json(scores: Scores, today: datetime.date) -> dict[str, Any]:
    """The issue's JSON shape for ``briefing score --format json``."""
    return {
        "resolved": scores.resolved,
        "void": scores.void,
        "open": scores.open,
        "due": scores.due,
        "brier": scores.brier,
        "log": scores.log,
        "reliability": scores.reliability,
        "resolution": scores.resolution,
        "uncertainty": scores.uncertainty,
        "within_band": scores.within_band,
        "bands": [{"likelihood": b.likelihood, "n": b.n, "mean_probability": b.mean_probability, "observed": b.observed} for b in scores.bands],
        "judgments": [
            {
                "briefing": f.briefing,
                "id": f.id,
                "probability": f.probability,
                "outcome": f.outcome,
                "brier": f.brier,
                "by": f.by,
                "due": f.due(today),
                "file": f.file,
            }
            for f in scores.judgments
        ],
    }


# --- check ------------------------------------------------------------------------------------


def record_findings(briefing: Briefing, today: datetime.date | None = None) -> list[Finding]:
    """`check`'s track-record rules that depend on the day: a question past due with no
    outcome (a warning); a judgment with no resolution, which can never be scored (a note)."""
    from .model import Finding

    today = today or current_day()
    findings = []
    for i, judgment in enumerate(briefing.judgments):
        resolution = judgment.resolution
        if resolution is None:
            findings.append(Finding(("judgments", i, "id"), f"judgment {judgment.id!r} has no resolution: it can never be scored", "note"))
        elif resolution.outcome is None and overdue(resolution.by, today):
            findings.append(
                Finding(("judgments", i, "resolution", "by"), f"judgment {judgment.id!r}: due since {resolution.by}: record the outcome", "warning")
            )
    return findings


def due_dates(briefing: Briefing) -> tuple[str, ...]:
    """The ``by`` dates of the open questions: a library row counts those past due each day."""
    return tuple(j.resolution.by for j in briefing.judgments if j.resolution is not None and j.resolution.outcome is None)


def record_changes(old: Briefing, new: Briefing) -> tuple[list[str], list[str]]:
    """Between two versions: (warnings, reports). A resolved judgment whose likelihood or
    probability changed is the record being rewritten (a warning); an outcome recorded, or
    changed, is reported."""
    warnings: list[str] = []
    reports: list[str] = []
    before = {j.id: j for j in old.judgments}
    for judgment in new.judgments:
        was = before.get(judgment.id)
        if was is None:
            continue
        outcome_before = was.resolution.outcome if was.resolution else None
        outcome_after = judgment.resolution.outcome if judgment.resolution else None
        if outcome_after is not None and outcome_after != outcome_before:
            assert judgment.resolution is not None
            change = f"changed from {outcome_before} to {outcome_after}" if outcome_before else f"recorded: {outcome_after}"
            # An outcome comes with its day: a briefing without it does not load.
            reports.append(f"judgment {judgment.id!r}: outcome {change} (resolved on {judgment.resolution.resolved_on})")
        moved = [name for name in ("likelihood", "probability") if getattr(was, name) != getattr(judgment, name)]
        if moved and (outcome_before or outcome_after):
            warnings.append(f"judgment {judgment.id!r} is resolved, yet its {' and '.join(moved)} changed: the record is being rewritten")
    return warnings, reports
