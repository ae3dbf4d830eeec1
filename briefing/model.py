"""The briefing format: Pydantic models and cross-reference checks.

Pure: no I/O and no UI. The loader turns a file into plain Python data; this
module decides whether that data is a briefing. Cross-references (citations,
parties, operators, speakers) are checked by :func:`cross_check`, which
returns located findings instead of raising, so that every dangling id in a
file is reported at once, each at its own place.
"""

# No ``from __future__ import annotations`` here: Pydantic would then compile and evaluate
# every field's annotation from its string (3 ms of each start).
import calendar
import re
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema

from .scales import CREDIBILITY_MEANING, LIKELIHOODS, RELIABILITY_MEANING  # noqa: F401 (re-exported)
from .shape import COLLECTIONS, KEPT, KEPT_BY_KIND, Kept, named

Likelihood = Literal[
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
]
Confidence = Literal["low", "moderate", "high"]
Severity = Literal["low", "medium", "high"]
StakeholderKind = Literal["state", "government", "person", "organisation"]
BaseKind = Literal["naval", "air", "land", "joint", "logistics", "other"]
#: Admiralty (NATO) source reliability A–F and information credibility 1–6.
Reliability = Literal["A", "B", "C", "D", "E", "F"]
# ASCII digits only: \d would take Arabic-Indic or fullwidth digits, which the schema refuses.
_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def empty_list() -> list[Any]:
    """The default of a list field. (Not ``list`` itself: Pydantic reads a factory's
    signature, and ``list``'s is parsed from its text with the tokenizer, 4 ms at import.)"""
    return []


def check_partial_date(value: str) -> str:
    """Accept ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real day; keep the text."""
    match = _PARTIAL_DATE.fullmatch(value)
    if match is None:
        raise ValueError("expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    if year == 0:
        raise ValueError("year 0000 does not exist")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month:02d} does not exist")
    if day is not None:
        assert year is not None and month is not None  # the pattern gives a day only with both
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"{value} is not a real day ({year}-{month:02d} has {last} days)")
    return value


def partial_date_key(value: str) -> tuple[int, int, int]:
    """A sort key for a partial date: a missing month or day sorts first."""
    parts = [int(part) for part in value.split("-")] + [0, 0]
    return parts[0], parts[1], parts[2]


def check_url(value: str) -> str:
    """An http(s) URL as RFC 3986 writes it: a valid host, and no white space, control
    character, quote or angle bracket anywhere (what lets a URL break out of a Markdown
    autolink or an HTML attribute). Non-ASCII must be percent-encoded, a host in punycode."""
    if _URL.fullmatch(value) is None:
        raise ValueError(_url_problem(value))
    return value


def _url_problem(value: str) -> str:
    """Why a URL was refused, in a reader's words."""
    if not re.match(r"https?://", value):
        return "expected an http:// or https:// URL"
    bad = next((c for c in value if not (0x21 <= ord(c) < 0x7F) or c in '<>"`{}|\\^'), None)
    if bad is not None:
        what = "white space" if bad.isspace() else f"the character {bad!r}" if bad.isprintable() else f"control character U+{ord(bad):04X}"
        return f"a URL may not hold {what} (percent-encode it)"
    if re.search(r"%(?![0-9A-Fa-f]{2})", value):
        return "a % in a URL must start an escape such as %20"
    return "expected an http:// or https:// URL with a valid host name (and no user name or password in it)"


# ECMA-262's \s, which the schema's patterns use: str.isspace() differs (U+FEFF is not
# space to Python, U+001C-U+001F and U+0085 are), and check and the schema must agree.
ECMA_WHITESPACE = frozenset(
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)


def check_not_blank(value: str) -> str:
    if ECMA_WHITESPACE.issuperset(value):
        raise ValueError("must not be blank")
    return value


# The JSON Schema says what the validators say, in the patterns editors understand: the
# schema describes the file as written (tests/test_schema.py holds the two to agreement).
# The end of the text in both Python's and ECMA-262's regular expressions: `$` would also
# match before a final newline in Python's re.search.
END = r"(?![\s\S])"
_YEAR = r"(?!0000)[0-9]{4}"
_LEAP_YEAR = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
_MONTH_DAY = (
    r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
FULL_DATE_PATTERN = rf"^(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29){END}"
PARTIAL_DATE_PATTERN = rf"^(?:{_YEAR}(?:-(?:0[1-9]|1[0-2]))?|{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29){END}"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST = rf"(?:{_LABEL}\.)*{_LABEL}\.?|\[[0-9A-Fa-f:.]+\]"
# RFC 3986's unreserved and reserved characters, and %XX escapes: nothing else.
_URL_REST = r"(?:[!#$&'()*+,./0-9:;=?@A-Z\[\]_a-z~-]|%[0-9A-Fa-f]{2})*"
URL_PATTERN = rf"^https?://(?:{_HOST})(?::[0-9]{{1,5}})?(?:[/?#]{_URL_REST})?{END}"
_URL = re.compile(URL_PATTERN)
ID_PATTERN = rf"^[A-Za-z0-9][A-Za-z0-9_.-]*{END}"

NonEmpty = Annotated[
    str,
    StringConstraints(min_length=1),
    AfterValidator(check_not_blank),
    WithJsonSchema({"type": "string", "minLength": 1, "pattern": r"\S"}),
]
ID_DESCRIPTION = "An identifier: letters, digits, '_', '.', '-'; unique in its collection."
Id = Annotated[
    str,
    # Rust's regex (Pydantic's) has no look-ahead, and its `$` ends the text anyway.
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=128),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN, "maxLength": 128, "description": ID_DESCRIPTION}),
    Field(description=ID_DESCRIPTION),
]
SourceId = Annotated[int, Field(ge=1, strict=True, description="The number of a source, as in [1].")]


def _year_as_text(value: object) -> object:
    # `date: 2015` reads as a number in YAML; a bare year is still a partial date.
    return str(value) if type(value) is int and 1000 <= value <= 9999 else value


PartialDate = Annotated[
    str,
    BeforeValidator(_year_as_text),
    AfterValidator(check_partial_date),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": PARTIAL_DATE_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999, "description": "A year written as a number."},
            ]
        }
    ),
    Field(description="A date, possibly partial: YYYY, YYYY-MM or YYYY-MM-DD (a bare year may be a number)."),
]
Url = Annotated[
    str,
    AfterValidator(check_url),
    WithJsonSchema({"type": "string", "pattern": URL_PATTERN}),
    Field(description="An http(s) URL."),
]
Citations = Annotated[list[SourceId], Field(default_factory=empty_list, description="The ids of the sources this rests on.")]

# A saved copy's place: relative to the briefing's folder and inside it (no absolute path, no
# `..`), so that a briefing cannot make `check` read, or the reader show, a file elsewhere.
SAVED_FILE_PATTERN = rf"^(?![/\\])(?![A-Za-z]:)(?!.*(?:^|[/\\])\.\.(?:[/\\]|$))[^\x00-\x1f]+{END}"
_SAVED_FILE = re.compile(SAVED_FILE_PATTERN)
TIMESTAMP_PATTERN = rf"^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}T[0-9]{{2}}:[0-9]{{2}}(?::[0-9]{{2}}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{{2}}:[0-9]{{2}}){END}"
_TIMESTAMP = re.compile(TIMESTAMP_PATTERN)


def check_saved_file(value: str) -> str:
    if _SAVED_FILE.fullmatch(value) is None:
        raise ValueError("expected a path relative to the briefing's folder, inside it (no absolute path, no '..')")
    return value


def check_timestamp(value: str) -> str:
    """An RFC 3339 time with its offset (Z for UTC), naming a real moment."""
    import datetime

    if _TIMESTAMP.fullmatch(value) is None:
        raise ValueError("expected a time such as 2031-03-18T09:30:00Z (with Z or an offset)")
    try:
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        raise ValueError(f"{value} is not a real time ({error})") from None
    return value


SavedFile = Annotated[
    str, StringConstraints(min_length=1), AfterValidator(check_saved_file), WithJsonSchema({"type": "string", "pattern": SAVED_FILE_PATTERN})
]
Timestamp = Annotated[str, AfterValidator(check_timestamp), WithJsonSchema({"type": "string", "pattern": TIMESTAMP_PATTERN})]


class Strict(BaseModel):
    """Every model refuses unknown keys: a misspelt key must not vanish silently."""

    # Built as part of the Briefing's schema, not each on its own: a third of the import.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False, defer_build=True)


class Quote(Strict):
    source: SourceId = Field(description="The source whose text holds these words; the item must cite it.")
    text: NonEmpty = Field(description="The words, exactly as written: checked against the source's saved copy.")
    prefix: NonEmpty | None = Field(None, description="The words just before, when the quote occurs more than once.")
    suffix: NonEmpty | None = Field(None, description="The words just after, when the quote occurs more than once.")
    reported_by: NonEmpty | None = Field(
        None,
        description="Whose words these are when not the source's own: the text that reports the source (an article citing it).",
    )


Quotes = Annotated[list[Quote], Field(default_factory=empty_list, description="The source's own words that this rests on.")]


class Saved(Strict):
    file: SavedFile = Field(description="The saved copy (.txt, .md, .html, .pdf, .warc, .warc.gz, .wacz), relative to the briefing's folder.")
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$"), WithJsonSchema({"type": "string", "pattern": rf"^[0-9a-f]{{64}}{END}"})] = (
        Field(description="The SHA-256 of the file's bytes, in lowercase hex: a copy that changes is caught.")
    )
    captured: Timestamp | None = Field(None, description="When the copy was made (UTC).")


class Bullet(Strict):
    id: Id
    label: NonEmpty | None = Field(None, description="A short heading for the bullet.")
    text: NonEmpty = Field(description="The claim.")
    citations: Citations
    quotes: Quotes


class Location(Strict):
    place: NonEmpty = Field(description="Town, port or district.")
    country: NonEmpty = Field(description="The country the place is in.")
    # Strict: "5.25" and true are not coordinates (the schema says "number" too).
    latitude: float | None = Field(None, ge=-90, le=90, strict=True, allow_inf_nan=False, description="Decimal degrees, north positive.")
    longitude: float | None = Field(None, ge=-180, le=180, strict=True, allow_inf_nan=False, description="Decimal degrees, east positive.")


class Base(Strict):
    id: Id
    name: NonEmpty = Field(description="The base's name.")
    kind: BaseKind = Field(description="What kind of base: naval, air, land, joint, logistics or other.")
    location: Location = Field(description="Where the base is.")
    operator: Id | None = Field(None, description="The stakeholder id of whoever operates the base.")
    status: NonEmpty | None = Field(None, description="Its current status, in words.")
    role: NonEmpty | None = Field(None, description="What the base is used for.")
    citations: Citations
    quotes: Quotes


class Statement(Strict):
    text: NonEmpty = Field(description="What was said, quoted or paraphrased.")
    by: Id | None = Field(None, description="Stakeholder id of the speaker, when not the stakeholder itself.")
    date: PartialDate | None = Field(None, description="When it was said, possibly partial.")
    citations: Citations
    quotes: Quotes


class Stakeholder(Strict):
    id: Id
    name: NonEmpty = Field(description="The stakeholder's name.")
    kind: StakeholderKind = Field(description="state, government, person or organisation.")
    role: NonEmpty | None = Field(None, description="Role or office.")
    position: NonEmpty | None = Field(None, description="Its position on the matter at hand.")
    interests: list[NonEmpty] = Field(default_factory=empty_list, description="What it wants.")
    statements: list[Statement] = Field(default_factory=empty_list, description="What it has said, with citations.")


class Tension(Strict):
    id: Id
    title: NonEmpty = Field(description="The tension in a few words.")
    description: NonEmpty | None = Field(None, description="The tension in full.")
    parties: list[Id] = Field(default_factory=empty_list, description="Stakeholder ids of the parties.")
    severity: Severity | None = Field(None, description="low, medium or high; absent when not assessed.")
    citations: Citations
    quotes: Quotes


IndicatorStatus = Literal["not observed", "partially observed", "observed"]
AssumptionStatus = Literal["solid", "caveated", "unsupported"]


class Indicator(Strict):
    id: Id
    text: NonEmpty = Field(description="What would be seen if the judgment were turning out right (or wrong).")
    status: IndicatorStatus = Field("not observed", description="not observed, partially observed or observed.")
    observed_in: list[SourceId] = Field(default_factory=empty_list, description="The sources it was observed in.")
    direction: Literal["raises", "lowers"] = Field(description="What observing it does to the likelihood: raises or lowers it.")

    @property
    def citations(self) -> list[int]:
        """Where it was observed: an indicator rests on those sources as a claim rests on its citations."""
        return self.observed_in

    def status_without(self, withdrawn: frozenset[int]) -> str:
        """Its status while sources are withdrawn: observed only in those, it is not observed."""
        if self.observed_in and withdrawn.issuperset(self.observed_in):
            return "not observed"
        return self.status


class Assumption(Strict):
    id: Id
    text: NonEmpty = Field(description="What the judgment takes for granted.")
    status: AssumptionStatus = Field(description="The Key Assumptions Check's verdict: solid, caveated or unsupported.")


def check_full_date(value: str) -> str:
    """A real day as YYYY-MM-DD: a question falls due, and is resolved, on a day."""
    if _PARTIAL_DATE.fullmatch(value) is None or value.count("-") != 2:
        raise ValueError("expected a full date as YYYY-MM-DD")
    return check_partial_date(value)


FullDate = Annotated[
    str,
    BeforeValidator(_year_as_text),
    AfterValidator(check_full_date),
    WithJsonSchema({"type": "string", "pattern": FULL_DATE_PATTERN}),
    Field(description="A day: YYYY-MM-DD."),
]
Outcome = Literal["yes", "no", "void"]


class Resolution(Strict):
    """How the judgment will be scored: a question that a later day answers yes or no."""

    question: NonEmpty = Field(description="A question the judgment answers, that a later day settles yes or no.")
    by: FullDate = Field(description="The day by which the question is settled (YYYY-MM-DD).")
    outcome: Outcome | None = Field(None, description="yes, no or void (the question cannot be answered as put); absent until resolved.")
    resolved_on: FullDate | None = Field(None, description="The day the outcome was recorded; required with an outcome.")
    note: NonEmpty | None = Field(None, description="What settled it.")
    citations: Citations


class Judgment(Strict):
    id: Id
    text: NonEmpty = Field(description="The estimative judgment.")
    likelihood: Likelihood = Field(description="On the ICD 203 scale, from 'almost no chance' to 'almost certain'.")
    probability: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] | None = Field(
        None, description="The analyst's own probability, inside the likelihood's band (0.55 to 0.80 for likely): the one scored."
    )
    confidence: Confidence | None = Field(None, description="Analytic confidence: low, moderate or high.")
    change_reason: NonEmpty | None = Field(None, description="Why the likelihood or confidence changed.")
    citations: Citations
    quotes: Quotes
    indicators: list[Indicator] = Field(default_factory=empty_list, description="What would change the judgment, and whether it has been seen.")
    assumptions: list[Assumption] = Field(
        default_factory=empty_list, description="What the judgment takes for granted, as a Key Assumptions Check found it."
    )
    resolution: Resolution | None = Field(None, description="The question that scores the judgment, its due date and, once known, its outcome.")


class Event(Strict):
    id: Id | None = Field(None, description="An optional identifier, unique in the timeline.")
    date: PartialDate
    text: NonEmpty = Field(description="What happened.")
    citations: Citations
    quotes: Quotes


class Source(Strict):
    id: SourceId
    title: NonEmpty | None = Field(None, description="The source's title, when known.")
    publisher: NonEmpty | None = Field(None, description="Who published it, when known.")
    url: Url | None = Field(None, description="Where to read it: an http(s) URL, when known.")
    published: PartialDate | None = Field(None, description="When it was published, possibly partial.")
    accessed: PartialDate | None = Field(None, description="When it was read, possibly partial.")
    reliability: Reliability | None = Field(None, description="Admiralty source reliability, A to F.")
    credibility: Annotated[int, Field(ge=1, le=6, strict=True)] | None = Field(None, description="Admiralty information credibility, 1 to 6.")
    note: NonEmpty | None = Field(None, description="What this source is cited for, or anything else worth knowing.")
    saved: Saved | None = Field(None, description="A copy of the source kept beside the briefing, which its quotes are checked against.")
    derived_from: list[SourceId] = Field(
        default_factory=empty_list, description="The sources this one repeats or derives from: it is not independent of them."
    )


Rating = Literal["CC", "C", "N", "I", "II", "NA"]


class Hypothesis(Strict):
    id: Id
    text: NonEmpty = Field(description="One of the mutually exclusive answers to the matrix's question.")


class AchRow(Strict):
    ref: Annotated[str, StringConstraints(pattern=r"^[a-z]+:.+$"), WithJsonSchema({"type": "string", "pattern": rf"^[a-z]+:.+{END}"})] = Field(
        description="The evidence: any citable item, as kind:id (summary:bases-operated, sources:3, statements:russia/1)."
    )
    credibility: Literal["high", "medium", "low"] = Field("medium", description="How far the evidence is trusted: high, medium or low.")
    ratings: Annotated[
        dict[Id, Rating],
        # Pydantic writes the key rule as patternProperties, which lets any other key through.
        WithJsonSchema(
            {
                "type": "object",
                "propertyNames": {"type": "string", "pattern": ID_PATTERN, "maxLength": 128, "description": ID_DESCRIPTION},
                "additionalProperties": {"type": "string", "enum": ["CC", "C", "N", "I", "II", "NA"]},
            }
        ),
    ] = Field(description="For every hypothesis: CC very consistent, C, N neutral, I, II very inconsistent, or NA (not applicable).")


class Ach(Strict):
    question: NonEmpty = Field(description="What the hypotheses answer.")
    evidence: list[AchRow] = Field(default_factory=empty_list, description="The rows of the matrix: evidence rated against each hypothesis.")


class Briefing(Strict):
    model_config = ConfigDict(defer_build=False)
    schema_version: Literal[1] = Field(description="The version of this format: 1.")
    id: Id | None = Field(
        None,
        description="A stable name for this briefing across its versions; exports derive their ids from it "
        "(STIX objects keep their ids from one version to the next). Defaults to the title.",
    )
    created: PartialDate | None = Field(None, description="When the briefing was first issued; later versions keep it. Defaults to as_of.")
    title: NonEmpty = Field(description="The briefing's title.")
    subtitle: NonEmpty | None = Field(None, description="A line under the title.")
    as_of: PartialDate = Field(description="The date the briefing speaks as of.")
    region: NonEmpty = Field(description="The region the briefing covers.")
    bluf: NonEmpty = Field(description="Bottom line up front: one line.")
    summary: list[Bullet] = Field(default_factory=empty_list, description="The summary bullets, each citing its sources.")
    bases: list[Base] = Field(default_factory=empty_list, description="The military bases involved.")
    stakeholders: list[Stakeholder] = Field(default_factory=empty_list, description="Who is involved, and their positions.")
    tensions: list[Tension] = Field(default_factory=empty_list, description="The tensions between the parties.")
    judgments: list[Judgment] = Field(default_factory=empty_list, description="Estimative judgments about what comes next.")
    timeline: list[Event] = Field(default_factory=empty_list, description="Dated events, oldest first.")
    sources: list[Source] = Field(default_factory=empty_list, description="The numbered sources that items cite.")
    hypotheses: list[Hypothesis] = Field(default_factory=empty_list, description="Competing hypotheses, for the ACH matrix.")
    ach: Ach | None = Field(None, description="Analysis of Competing Hypotheses: the evidence rated against each hypothesis.")


Path = tuple[str | int, ...]


class Finding(NamedTuple):
    """A problem found in a briefing, at a path into its data."""

    path: Path
    message: str
    severity: Literal["error", "warning", "note"] = "error"


def _kept_entries(data: Any, kept: Kept) -> list[tuple[Path, dict[str, Any], int, Any]]:
    """Every item of one kind in the plain data: its path, its mapping, its position and its
    parent's id (nested kinds)."""
    if kept.within is None:
        return [((kept.field, i), entry, i, None) for i, entry in _entries(data, kept.field)]
    outer = KEPT_BY_KIND[kept.within]
    return [
        ((outer.field, i, kept.field, j), entry, j, parent.get("id"))
        for i, parent in _entries(data, outer.field)
        for j, entry in _entries(parent, kept.field)
    ]


def _entries(data: Any, *path: str) -> list[tuple[int, dict[str, Any]]]:
    """The mappings of a list inside ``data`` at ``path``, by position; anything malformed is
    skipped (validation reports it), so that cross-references are checked even in a file
    whose schema is broken."""
    value: Any = data
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    if not isinstance(value, list):
        return []
    return [(position, entry) for position, entry in enumerate(value) if isinstance(entry, dict)]


def _is_number(value: Any) -> bool:
    return type(value) is int


def _hashable(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool))


def _check_unique(data: Any, collection: str, findings: list[Finding], at: Path = (), what: str | None = None) -> None:
    seen: dict[Any, int] = {}
    for position, entry in _entries(data, collection):
        key = entry.get("id")
        if key is None or not _hashable(key):
            continue
        if key in seen:
            findings.append(
                Finding((*at, collection, position, "id"), f"duplicate id {key!r} in {what or collection} (first at item {seen[key] + 1})")
            )
        else:
            seen[key] = position


def _refs(data: Any) -> set[str]:
    """Every citable item's reference, as the index names it (kind:key), from the plain data."""
    refs: set[str] = set()

    def ids(collection: str) -> None:
        refs.update(f"{collection}:{entry['id']}" for _, entry in _entries(data, collection) if _hashable(entry.get("id")))

    for collection in ("summary", "bases", "stakeholders", "tensions", "judgments", "sources"):
        ids(collection)
    for _, holder in _entries(data, "stakeholders"):
        refs.update(f"statements:{holder.get('id')}/{j + 1}" for j, _ in _entries(holder, "statements"))
    for _, judgment in _entries(data, "judgments"):
        refs.update(f"indicators:{judgment.get('id')}/{i.get('id')}" for _, i in _entries(judgment, "indicators"))
    for position, event in _entries(data, "timeline"):
        refs.add(f"timeline:{event.get('id') or f'#{position + 1}'}")
    return refs


def _check_matrix(data: Any) -> list[Finding]:
    """The ACH matrix rates known hypotheses, every one of them, on evidence that exists."""
    ach = data.get("ach") if isinstance(data, dict) else None
    if not isinstance(ach, dict):
        return []
    # Each hypothesis once, in order: a duplicate id is reported by cross_check, not named twice here.
    hypotheses = list(dict.fromkeys(entry.get("id") for _, entry in _entries(data, "hypotheses") if isinstance(entry.get("id"), str)))
    known = _refs(data)
    findings: list[Finding] = []
    rows: dict[str, int] = {}
    for i, row in _entries(ach, "evidence"):
        ref = row.get("ref")
        if isinstance(ref, str) and ref not in known:
            findings.append(Finding(("ach", "evidence", i, "ref"), f"ACH row {i + 1} names {ref!r}, which is no item of this briefing"))
        if isinstance(ref, str):
            if ref in rows:  # two rows for one piece of evidence: it would count twice, and diff pairs rows by it
                findings.append(
                    Finding(
                        ("ach", "evidence", i, "ref"),
                        f"ACH row {i + 1} rates {ref!r} again (first in row {rows[ref] + 1}): one row for each piece of evidence",
                    )
                )
            else:
                rows[ref] = i
        ratings = row.get("ratings")
        if not isinstance(ratings, dict):
            continue
        for hypothesis in ratings:
            if hypothesis not in hypotheses:
                findings.append(
                    Finding(("ach", "evidence", i, "ratings", hypothesis), f"ACH row {i + 1} rates {hypothesis!r}, which is not a hypothesis")
                )
        missing = [h for h in hypotheses if h not in ratings]
        if missing:
            names = ", ".join(repr(h) for h in missing)
            findings.append(Finding(("ach", "evidence", i, "ratings"), f"ACH row {i + 1} does not rate {names}: write NA where it does not apply"))
    return findings


def _derivation_cycles(data: Any) -> list[Finding]:
    """A source that derives, through others, from itself: each cycle once, at the entry
    that closes it."""
    parents: dict[int, list[tuple[int, int, int]]] = {}  # source → (parent, source's position, entry)
    for position, source in _entries(data, "sources"):
        ids = source.get("derived_from")
        if _is_number(source.get("id")) and isinstance(ids, list):
            parents[source["id"]] = [(parent, position, j) for j, parent in enumerate(ids) if _is_number(parent)]
    findings: list[Finding] = []
    state: dict[int, int] = {}  # 1: on the path being walked, 2: done
    reported: set[frozenset[int]] = set()
    for start in parents:
        if state.get(start):
            continue
        path: list[int] = []
        stack: list[tuple[int, int]] = [(start, 0)]  # iterative: a long chain must not exhaust the stack
        while stack:
            node, edge = stack.pop()
            if edge == 0:
                state[node] = 1
                path.append(node)
            edges = parents.get(node, [])
            if edge < len(edges):
                stack.append((node, edge + 1))
                parent, position, j = edges[edge]
                if state.get(parent) == 1:
                    loop = path[path.index(parent) :]
                    if frozenset(loop) not in reported:
                        reported.add(frozenset(loop))
                        chain = " → ".join(f"[{n}]" for n in [*loop, parent])
                        findings.append(Finding(("sources", position, "derived_from", j), f"derivation cycle: {chain}"))
                elif not state.get(parent) and parent in parents:
                    stack.append((parent, 0))
            else:
                state[node] = 2
                path.pop()
    return findings


def _last_day(value: Any) -> str | None:
    """The last day a (partial) date may mean, as YYYY-MM-DD text that sorts as the day does."""
    if not isinstance(value, str) or _PARTIAL_DATE.fullmatch(value) is None:
        return None
    try:
        check_partial_date(value)
    except ValueError:
        return None
    parts = value.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31"
    if len(parts) == 2:
        return f"{value}-{calendar.monthrange(int(parts[0]), int(parts[1]))[1]:02d}"
    return value


def _check_resolutions(data: Any) -> list[Finding]:
    """A judgment's number lies in its likelihood's band; an outcome has its day, and that
    day is not later than the briefing speaks for."""
    findings: list[Finding] = []
    as_of = _last_day(data.get("as_of") if isinstance(data, dict) else None)
    for i, judgment in _entries(data, "judgments"):
        what = f"judgment {judgment.get('id')!r}"
        probability, likelihood = judgment.get("probability"), judgment.get("likelihood")
        if isinstance(probability, (int, float)) and not isinstance(probability, bool) and likelihood in LIKELIHOODS:
            low, high = LIKELIHOODS[likelihood]
            if not low / 100 <= probability <= high / 100:
                findings.append(
                    Finding(
                        ("judgments", i, "probability"),
                        f"{what}: probability {probability} is outside {likelihood!r} ({low / 100:g}–{high / 100:g}): "
                        "change the number or the likelihood",
                    )
                )
        resolution = judgment.get("resolution")
        if not isinstance(resolution, dict):
            continue
        at = ("judgments", i, "resolution")
        if resolution.get("outcome") is not None and resolution.get("resolved_on") is None:
            findings.append(Finding((*at, "outcome"), f"{what}: an outcome needs resolved_on, the day it was recorded"))
        resolved_on = _last_day(resolution.get("resolved_on"))
        if resolved_on is not None and as_of is not None and resolved_on > as_of:
            findings.append(
                Finding(
                    (*at, "resolved_on"),
                    f"{what} is resolved on {resolved_on}, after the briefing's as-of date {data.get('as_of')}: a briefing cannot know it yet",
                )
            )
    return findings


def cross_check(data: Any) -> list[Finding]:
    """Unique ids and references between collections; uncited sources are warnings.

    Reads the plain data, not the model: a file with schema errors gets its dangling
    citations and unknown ids reported in the same run, as a linter does.
    """
    findings: list[Finding] = []
    for name in (*COLLECTIONS, "hypotheses"):
        _check_unique(data, name, findings)

    source_ids = {entry.get("id") for _, entry in _entries(data, "sources") if _is_number(entry.get("id"))}
    stakeholder_ids = {entry.get("id") for _, entry in _entries(data, "stakeholders") if isinstance(entry.get("id"), str)}
    cited: set[int] = set()

    def citations(path: Path, kept: Kept, entry: dict[str, Any], position: int, parent: Any) -> None:
        ids = entry.get("citations")
        quoted(path, kept, entry, position, parent, ids if isinstance(ids, list) else [])
        if not isinstance(ids, list):
            return
        for at, source_id in enumerate(ids):
            if not _is_number(source_id):
                continue  # not a source number at all: validation says so
            cited.add(source_id)
            if source_id not in source_ids:  # the item is named only for a finding, not for every item
                what = named(kept, entry, position, parent)
                findings.append(Finding((*path, "citations", at), f"{what} cites source [{source_id}], which is not in sources"))

    def quoted(path: Path, kept: Kept, entry: dict[str, Any], position: int, parent: Any, ids: list[Any]) -> None:
        """A quote is of a source the item cites: its words are what the citation points at."""
        for at, quote in _entries(entry, "quotes"):
            source_id = quote.get("source")
            if _is_number(source_id) and source_id not in ids:
                what = named(kept, entry, position, parent)
                findings.append(Finding((*path, "quotes", at, "source"), f"{what} quotes source [{source_id}], which it does not cite"))

    def sources(path: Path, field: str, what: str, verb: str, entry: dict[str, Any]) -> None:
        """Source numbers under another name (observed_in, derived_from): the same check."""
        ids = entry.get(field)
        for position, source_id in enumerate(ids if isinstance(ids, list) else []):
            if not _is_number(source_id):
                continue
            cited.add(source_id)
            if source_id not in source_ids:
                findings.append(Finding((*path, field, position), f"{what} {verb} source [{source_id}], which is not in sources"))

    def stakeholder(path: Path, what: str, ref: Any, field: str) -> None:
        if isinstance(ref, str) and ref not in stakeholder_ids:
            findings.append(Finding(path, f"{what} names {field} {ref!r}, which is not a stakeholder"))

    # Citations, on every kind the format holds (shape.KEPT); then the references only some kinds have.
    for kept in KEPT:
        for path, entry, position, parent in _kept_entries(data, kept):
            citations(path, kept, entry, position, parent)
    for i, base in _entries(data, "bases"):
        stakeholder(("bases", i, "operator"), f"base {base.get('id')!r}", base.get("operator"), "operator")
    for i, holder in _entries(data, "stakeholders"):
        for j, statement in _entries(holder, "statements"):
            stakeholder(("stakeholders", i, "statements", j, "by"), f"statement {j + 1} of {holder.get('id')!r}", statement.get("by"), "speaker")
    for i, tension in _entries(data, "tensions"):
        parties = tension.get("parties")
        for j, party in enumerate(parties if isinstance(parties, list) else []):
            stakeholder(("tensions", i, "parties", j), f"tension {tension.get('id')!r}", party, "party")
    for i, judgment in _entries(data, "judgments"):
        what = f"judgment {judgment.get('id')!r}"
        for part in ("indicators", "assumptions"):
            _check_unique(judgment, part, findings, ("judgments", i), f"{part} of {what}")
        for j, indicator in _entries(judgment, "indicators"):
            sources(("judgments", i, "indicators", j), "observed_in", f"indicator {indicator.get('id')!r} of {what}", "is observed in", indicator)
        resolution = judgment.get("resolution")
        if isinstance(resolution, dict):
            sources(("judgments", i, "resolution"), "citations", f"the resolution of {what}", "cites", resolution)
    for i, source in _entries(data, "sources"):
        sources(("sources", i), "derived_from", f"source [{source.get('id')}]", "derives from", source)
    findings += _derivation_cycles(data)
    findings += _check_matrix(data)
    findings += _check_resolutions(data)
    for i, source in _entries(data, "sources"):
        if _is_number(source.get("id")) and source["id"] not in cited:
            findings.append(Finding(("sources", i, "id"), f"source [{source['id']}] is not cited by anything", "warning"))
    return findings
