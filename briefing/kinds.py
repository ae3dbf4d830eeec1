"""The kind registry: each kind of briefing item described once.

A kind knows its one-line label, its list row, its fields in full, its print title,
its Markdown, its HTML and its STIX objects. The views (render.py for print and the
dashboard, export.py for documents) do what is common to every kind — citation
markers, evidence, withdrawal, document structure — and ask the kind for the rest.
Adding a kind is one class here plus the views that want something special.

Pure: Rich's Text and plain strings only; no I/O and no UI.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from rich.text import Text

from .shape import KEPT, Kept
from .text import (
    SEVERITY_STYLE,
    STYLE_DIM,
    STYLE_LABEL,
    STYLE_MARKER,
    clean,
    grade,
    h,
    likelihood_text,
    linkable,
    markers,
    md,
    md_url,
    one_line,
    severity_text,
    severity_words,
    shorten,
    source_grade_text,
    source_title,
)

if TYPE_CHECKING:
    from .model import Base, Bullet, Event, Indicator, Judgment, Source, Stakeholder, Statement, Tension
    from .refs import IndexView as BriefingIndex
    from .refs import Ref
    from .refs import StixView as StixContext
    from .track import Forecast

#: The model class of a kind's items.
ItemT = TypeVar("ItemT")

#: (field name, value) pairs for an item shown in full (print, the dashboard); values None or "" are left out.
Pairs = list[tuple[str, Any]]


class Kind(Generic[ItemT]):
    """How one kind of item reads everywhere. ``collection``: where the format keeps it."""

    collection: ClassVar[str]
    name: ClassVar[str]
    #: The heading of its section (kinds at the top level only): documents and the dashboard use it.
    heading: ClassVar[str] = ""
    #: ``print`` lists the section as rows, one bullet each (short items), not each item's fields.
    printed_as_rows: ClassVar[bool] = False
    #: Whether an item shown in full is headed with its label (a statement's label repeats its text).
    titled: ClassVar[bool] = True
    #: How a source's cited-by list names the item ("Bullet: …"); None: the kind's name.
    cited_as: ClassVar[str | None] = None

    def label(self, index: BriefingIndex, ref: Ref, item: ItemT) -> str:
        """A one-line name: for search hits, history, the palette and cited-by lists."""
        raise NotImplementedError

    def row(self, index: BriefingIndex, ref: Ref, item: ItemT) -> Text:
        """The item's line in its list (the views add markers and evidence)."""
        raise NotImplementedError

    def row_in_full(self, index: BriefingIndex, ref: Ref, item: ItemT) -> Text:
        """The row where it may take several lines (the dashboard's lists wrap their rows):
        nothing cut that the row otherwise shortens. Most rows shorten nothing."""
        return self.row(index, ref, item)

    def fields(self, index: BriefingIndex, ref: Ref, item: ItemT) -> Pairs:
        """Every field, in the order a reader wants them."""
        raise NotImplementedError

    def print_title(self, index: BriefingIndex, ref: Ref, item: ItemT, row: Text) -> Text:
        """The line above the item's fields in ``print``: its row, unless that repeats the fields."""
        return row

    def without(self, index: BriefingIndex, ref: Ref, item: ItemT, gone: frozenset[int], pairs: Pairs) -> Pairs:
        """The fields while sources ``gone`` are withdrawn (most kinds: as they are)."""
        return pairs

    def markdown(self, index: BriefingIndex, ref: Ref, item: ItemT, notes: str) -> list[str]:
        """Markdown list lines; ``notes`` are the citation references to end the claim with."""
        raise NotImplementedError

    def html(self, index: BriefingIndex, ref: Ref, item: ItemT) -> str:
        """The inside of the item's ``<li>``, escaped."""
        raise NotImplementedError

    def stix(self, context: StixContext, ref: Ref, item: ItemT) -> list[Any]:
        """STIX 2.1 objects for the item."""
        raise NotImplementedError

    #: What every kind must say for itself: a kind missing a view would vanish from it silently.
    VIEWS: ClassVar[tuple[str, ...]] = ("label", "row", "fields", "markdown", "html", "stix")

    def __init_subclass__(cls, **options: Any) -> None:
        super().__init_subclass__(**options)
        missing = [view for view in Kind.VIEWS if getattr(cls, view) is getattr(Kind, view)]
        if missing:
            raise TypeError(f"{cls.__name__} does not say how its items read in: {', '.join(missing)}")


def quoted_words(quotes: Sequence[Any], indent: str = "") -> Text:
    """An item's quotes as block quotes, each under its source's marker: the words, and
    whose words they are when not the source's own."""
    lines = []
    for quote in quotes:
        line = Text.assemble((f"[{quote.source}]", STYLE_MARKER), " ", ("\u2502 ", STYLE_DIM), (clean(quote.text), "italic"))
        if quote.reported_by:
            line.append(f" (as reported by {clean(quote.reported_by)})", STYLE_DIM)
        lines.append(line)
    return Text("\n" + indent).join(lines)


def _stakeholder_name(index: BriefingIndex, stakeholder_id: str | None) -> str | None:
    if stakeholder_id is None:
        return None
    holder = index.stakeholders.get(stakeholder_id)
    return holder.name if holder is not None else stakeholder_id


class BulletKind(Kind["Bullet"]):
    collection = "summary"
    heading = "Summary"
    printed_as_rows = True
    name = "bullet"

    def label(self, index: BriefingIndex, ref: Ref, item: Bullet) -> str:
        return item.label or item.text

    def row(self, index: BriefingIndex, ref: Ref, item: Bullet) -> Text:
        text = Text()
        if item.label:
            text.append(clean(item.label), STYLE_LABEL)
            text.append(": ")
        text.append(clean(item.text))
        return text

    def fields(self, index: BriefingIndex, ref: Ref, item: Bullet) -> Pairs:
        # The label heads the item wherever it is shown in full: not said twice.
        return [("text", item.text), ("id", item.id)]

    def markdown(self, index: BriefingIndex, ref: Ref, item: Bullet, notes: str) -> list[str]:
        label = f"**{md(item.label)}:** " if item.label else ""
        return [f"- {label}{md(item.text)}{notes}"]

    def html(self, index: BriefingIndex, ref: Ref, item: Bullet) -> str:
        label = f"<strong>{h(item.label)}:</strong> " if item.label else ""
        return label + h(item.text)

    def stix(self, context: StixContext, ref: Ref, item: Bullet) -> list[Any]:
        return [
            context.note(f"summary:{item.id}", clean(item.text), [], ["summary"], item.citations, abstract=clean(item.label) if item.label else None)
        ]


class BaseKind(Kind["Base"]):
    collection = "bases"
    heading = "Bases"
    name = "base"

    def label(self, index: BriefingIndex, ref: Ref, item: Base) -> str:
        return item.name

    def row(self, index: BriefingIndex, ref: Ref, item: Base) -> Text:
        text = Text()
        text.append(clean(item.name), STYLE_LABEL)
        text.append(f"  {item.kind} · ", STYLE_DIM)
        text.append(clean(f"{item.location.place}, {item.location.country}"), STYLE_DIM)
        return text

    def fields(self, index: BriefingIndex, ref: Ref, item: Base) -> Pairs:
        where = item.location
        coordinates = None
        if where.latitude is not None and where.longitude is not None:
            coordinates = f"{where.latitude:.4f}, {where.longitude:.4f}"
        return [
            ("id", item.id),
            ("kind", item.kind),
            ("place", f"{where.place}, {where.country}"),
            ("coordinates", coordinates),
            ("operator", _stakeholder_name(index, item.operator)),
            ("status", item.status),
            ("role", item.role),
        ]

    def markdown(self, index: BriefingIndex, ref: Ref, item: Base, notes: str) -> list[str]:
        where = f"{md(item.location.place)}, {md(item.location.country)}"
        lines = [f"- **{md(item.name)}** ({item.kind}, {where}){notes}"]
        lines += [f"  - {key}: {md(getattr(item, key))}" for key in ("status", "role") if getattr(item, key)]
        return lines

    def html(self, index: BriefingIndex, ref: Ref, item: Base) -> str:
        operator = _stakeholder_name(index, item.operator)
        parts = [f"<strong>{h(item.name)}</strong> ({h(item.kind)}, {h(item.location.place)}, {h(item.location.country)})"]
        if operator is not None:
            parts.append(f"operated by {h(operator)}")
        parts += [f"{key}: {h(getattr(item, key))}" for key in ("status", "role") if getattr(item, key)]
        return "<br>".join(parts)

    def stix(self, context: StixContext, ref: Ref, item: Base) -> list[Any]:
        from .regions import REGION_OF, country_code

        where: dict[str, Any] = {}
        code = country_code(item.location.country)
        if code is not None:  # an ISO code or nothing: a name pycountry does not know stays in the description
            where.update(country=code, region=REGION_OF[code])
        if item.location.latitude is not None and item.location.longitude is not None:
            where.update(latitude=item.location.latitude, longitude=item.location.longitude)
        described = "; ".join(
            clean(part) for part in (f"{item.kind} base", f"{item.location.place}, {item.location.country}", item.status, item.role) if part
        )
        if code is not None:  # a location needs its region (--interop): only a known country gives one
            place = context.stix2.Location(
                id=context.sid("location", f"base:{item.id}"),
                name=clean(item.name),
                description=described,
                external_references=context.references(item.citations) or None,
                **where,
                **context.common,
            )
        else:  # no country STIX can name, so no region: no location can be made, only said
            if "latitude" in where:
                described += f"; at {item.location.latitude}, {item.location.longitude}"
            place = context.note(f"base:{item.id}", described, [], ["base"], item.citations, abstract=clean(item.name))
        objects = [place]
        operator = context.identity(item.operator)
        if item.operator is not None:
            name = _stakeholder_name(context.index, item.operator)
            objects.append(context.note(f"base:{item.id}:operator", clean(f"{item.name} is operated by {name}."), [place.id, operator], ["operator"]))
        return objects


class StakeholderKind(Kind["Stakeholder"]):
    collection = "stakeholders"
    heading = "Stakeholders"
    name = "stakeholder"
    IDENTITY_CLASS: ClassVar[dict[str, str]] = {
        "person": "individual",
        "state": "organization",
        "government": "organization",
        "organisation": "organization",
    }

    def label(self, index: BriefingIndex, ref: Ref, item: Stakeholder) -> str:
        return item.name

    def row(self, index: BriefingIndex, ref: Ref, item: Stakeholder) -> Text:
        text = Text()
        text.append(clean(item.name), STYLE_LABEL)
        text.append(f"  {item.kind}", STYLE_DIM)
        if item.role:
            text.append(" · ", STYLE_DIM)
            text.append(clean(item.role), STYLE_DIM)
        return text

    def fields(self, index: BriefingIndex, ref: Ref, item: Stakeholder) -> Pairs:
        statements = Text()
        for number, statement in enumerate(item.statements, 1):
            if number > 1:
                statements.append("\n")
            statements.append(f"{number}. “", STYLE_DIM)
            statements.append(clean(statement.text), "italic")
            statements.append("” ", STYLE_DIM)
            if statement.by is not None and statement.by != item.id:  # filed here, said by another: a quote is its speaker's
                statements.append(f"— {clean(_stakeholder_name(index, statement.by))} ", STYLE_DIM)
            statements.append_text(markers(statement.citations))
            if statement.quotes:
                statements.append("\n   ")
                statements.append_text(quoted_words(statement.quotes, indent="   "))
        return [
            ("id", item.id),
            ("kind", item.kind),
            ("role", item.role),
            ("position", item.position),
            ("interests", "\n".join(f"• {interest}" for interest in item.interests) or None),
            ("statements", statements if item.statements else None),
        ]

    def markdown(self, index: BriefingIndex, ref: Ref, item: Stakeholder, notes: str) -> list[str]:
        role = f" — {md(item.role)}" if item.role else ""
        lines = [f"- **{md(item.name)}** ({item.kind}){role}"]
        if item.position:
            lines.append(f"  - position: {md(item.position)}")
        lines += [f"  - interest: {md(interest)}" for interest in item.interests]
        return lines

    def html(self, index: BriefingIndex, ref: Ref, item: Stakeholder) -> str:
        parts = [f"<strong>{h(item.name)}</strong> ({h(item.kind)}){' — ' + h(item.role) if item.role else ''}"]
        if item.position:
            parts.append(f"position: {h(item.position)}")
        parts += [f"interest: {h(interest)}" for interest in item.interests]
        return "<br>".join(parts)

    def stix(self, context: StixContext, ref: Ref, item: Stakeholder) -> list[Any]:
        identity = context.identity(item.id)
        objects = [
            context.stix2.Identity(
                id=identity,
                name=clean(item.name),
                identity_class=self.IDENTITY_CLASS[item.kind],
                description=clean(item.position) if item.position else None,
                roles=[clean(item.role)] if item.role else None,
                **context.common,
            )
        ]
        for number, interest in enumerate(item.interests, 1):
            objects.append(context.note(f"stakeholder:{item.id}:interest:{number}", clean(interest), [identity], ["interest"]))
        return objects


class StatementKind(Kind["Statement"]):
    collection = "stakeholders"
    name = "statement"
    titled = False

    @staticmethod
    def _voices(index: BriefingIndex, ref: Ref) -> tuple[Stakeholder, Stakeholder | None]:
        """Who said it, and the stakeholder it is filed under when that is someone else. Every
        statement is filed under one, and a ``by`` naming no stakeholder does not load."""
        owner = index.owner[ref]
        speaker = index.speaker(ref) or owner
        return speaker, (owner if owner is not speaker else None)

    def label(self, index: BriefingIndex, ref: Ref, item: Statement) -> str:
        speaker, _ = self._voices(index, ref)
        return f"{speaker.name}: {item.text}"

    def row(self, index: BriefingIndex, ref: Ref, item: Statement) -> Text:
        speaker, filed_under = self._voices(index, ref)
        text = Text()
        text.append("  “", STYLE_DIM)
        text.append(clean(item.text), "italic")
        text.append("”", STYLE_DIM)
        if filed_under is not None:  # the row sits under the stakeholder: name the speaker only when another
            text.append(" — ", STYLE_DIM)
            text.append(clean(speaker.name), STYLE_DIM)
        return text

    def fields(self, index: BriefingIndex, ref: Ref, item: Statement) -> Pairs:
        speaker, filed_under = self._voices(index, ref)
        return [
            ("said by", speaker.name),
            ("filed under", filed_under.name if filed_under is not None else None),
            ("date", item.date),
            ("text", item.text),
        ]

    def markdown(self, index: BriefingIndex, ref: Ref, item: Statement, notes: str) -> list[str]:
        speaker, filed_under = self._voices(index, ref)
        who = f" ({md(speaker.name)})" if filed_under is not None else ""
        return [f"  - said{who}: “{md(item.text)}”{notes}"]

    def html(self, index: BriefingIndex, ref: Ref, item: Statement) -> str:
        speaker, _ = self._voices(index, ref)
        return f"“{h(item.text)}” — {h(speaker.name)}"

    def stix(self, context: StixContext, ref: Ref, item: Statement) -> list[Any]:
        speaker, _ = self._voices(context.index, ref)
        extra: dict[str, Any] = {"authors": [clean(speaker.name)]}
        if item.date:
            extra["abstract"] = f"Said {item.date}"
        about = [context.identity(speaker.id)]
        return [context.note(f"statement:{ref.key}", clean(item.text), about, ["statement"], item.citations, **extra)]


class TensionKind(Kind["Tension"]):
    collection = "tensions"
    heading = "Tensions"
    name = "tension"

    def label(self, index: BriefingIndex, ref: Ref, item: Tension) -> str:
        return item.title

    def row(self, index: BriefingIndex, ref: Ref, item: Tension) -> Text:
        text = Text()
        text.append(clean(item.title), STYLE_LABEL)
        text.append("  ")
        text.append_text(severity_text(item.severity))
        return text

    def fields(self, index: BriefingIndex, ref: Ref, item: Tension) -> Pairs:
        parties = ", ".join(_stakeholder_name(index, party) or party for party in item.parties)
        return [
            ("id", item.id),
            # Under its key the value is the level alone ("severity  medium", not "severity  medium severity").
            ("severity", Text(item.severity, SEVERITY_STYLE[item.severity]) if item.severity else Text("not assessed", STYLE_DIM)),
            ("parties", parties or None),
            ("description", item.description),
        ]

    def markdown(self, index: BriefingIndex, ref: Ref, item: Tension, notes: str) -> list[str]:
        lines = [f"- **{md(item.title)}** ({severity_words(item.severity)}){notes}"]
        if item.description:
            lines.append(f"  - {md(item.description)}")
        return lines

    def html(self, index: BriefingIndex, ref: Ref, item: Tension) -> str:
        description = f"<br>{h(item.description)}" if item.description else ""
        return f"<strong>{h(item.title)}</strong> ({h(severity_words(item.severity))}){description}"

    def stix(self, context: StixContext, ref: Ref, item: Tension) -> list[Any]:
        labels = ["tension"] + ([f"{item.severity}-severity"] if item.severity else [])
        parties = [context.identity(party) for party in item.parties]
        content = clean(item.description or item.title)
        return [context.note(f"tension:{item.id}", content, parties, labels, item.citations, abstract=clean(item.title))]


INDICATOR_GLYPHS = {"observed": "●", "partially observed": "◐", "not observed": "○"}
DIRECTION_WORDS = {"raises": "↑ raises", "lowers": "↓ lowers"}
ASSUMPTION_GLYPHS = {"solid": "✔", "caveated": "~", "unsupported": "✘"}
ASSUMPTION_STYLES = {"solid": "green", "caveated": "yellow", "unsupported": "bold red"}


def assessment_words(item: Judgment) -> str:
    """The likelihood and confidence as the briefing states them: its judgment, no source's."""
    confidence = f", {item.confidence} confidence" if item.confidence else ""
    number = f" ({item.probability:g})" if item.probability is not None else ""
    return f"{likelihood_text(item.likelihood)}{number}{confidence}"


#: An outcome in words with its mark: colour is never alone.
OUTCOME_MARKS = {"yes": ("✔ yes", "bold green"), "no": ("✘ no", "bold red"), "void": ("∅ void", STYLE_DIM)}


def resolution_mark(forecast: Forecast) -> Text:
    """A judgment's place in the track record, for its row: its outcome, its day, or overdue."""
    from .track import current_day, overdue

    if forecast.outcome is not None:
        word, style = OUTCOME_MARKS[forecast.outcome]
        return Text(word, style)
    if overdue(forecast.by, current_day()):
        return Text(f"⚠ overdue since {forecast.by}", "bold red")
    return Text(f"due {forecast.by}", STYLE_DIM)


def resolution_text(item: Judgment, forecast: Forecast) -> Text:
    """The question that scores the judgment, its day and what became of it."""
    from .track import current_day, days_overdue

    resolution = item.resolution
    assert resolution is not None  # a forecast is made only of a judgment with one
    text = Text(clean(resolution.question))
    text.append("\n")
    text.append(f"due {resolution.by}", "bold" if forecast.outcome is None else STYLE_DIM)
    if forecast.outcome is None:
        late = days_overdue(resolution.by, current_day())
        if late > 0:
            text.append(f" · ⚠ overdue by {late} day{'s' * (late != 1)}: record the outcome", "bold red")
        else:
            text.append(f" · in {-late} day{'s' * (late != -1)}" if late else " · today", STYLE_DIM)
        return text
    word, style = OUTCOME_MARKS[forecast.outcome]
    text.append(" · ")
    text.append(word, style)
    if forecast.resolved_on:
        text.append(f", recorded on {forecast.resolved_on}", STYLE_DIM)
    if resolution.citations:
        text.append(" ")
        text.append_text(markers(resolution.citations))
    if forecast.note:
        text.append("\n")
        text.append(clean(forecast.note))
    return text


def scored_text(forecast: Forecast) -> Text | None:
    """The probability scored and this judgment's term of the Brier score, once resolved."""
    if forecast.brier is None:
        return None
    text = Text()  # not Text(…, "bold"): a style given to the whole text would make all of it bold
    text.append(f"p {forecast.probability:g}", "bold")
    text.append(f" ({forecast.likelihood}", STYLE_DIM)
    if forecast.scored.file:
        text.append(f", as of {forecast.scored.briefing.as_of}", STYLE_DIM)
    text.append(")", STYLE_DIM)
    text.append(" · Brier term ")
    text.append(f"{forecast.brier:.3f}", "bold")
    return text


class JudgmentKind(Kind["Judgment"]):
    collection = "judgments"
    heading = "Judgments"
    name = "judgment"

    def label(self, index: BriefingIndex, ref: Ref, item: Judgment) -> str:
        return item.text

    def row(self, index: BriefingIndex, ref: Ref, item: Judgment) -> Text:
        text = Text()
        text.append(clean(item.text))
        text.append("  ")
        text.append_text(self._assessment(item))
        forecast = index.forecast(item.id)  # None for a judgment without a resolution
        if forecast is not None:
            text.append(" · ", STYLE_DIM)
            text.append_text(resolution_mark(forecast))
        return text

    def _assessment(self, item: Judgment) -> Text:
        text = Text()  # the words dim and the likelihood bold: a style given to the whole Text would dim it too
        text.append("assessed ", STYLE_DIM)
        text.append(likelihood_text(item.likelihood), "bold")
        if item.probability is not None:
            text.append(f" ({item.probability:g})", "bold")
        if item.confidence:
            text.append(f" · {item.confidence} confidence", STYLE_DIM)
        return text

    def fields(self, index: BriefingIndex, ref: Ref, item: Judgment) -> Pairs:
        assessment = Text()
        assessment.append("the briefing's: ", STYLE_DIM)
        assessment.append(likelihood_text(item.likelihood), "bold")
        if item.probability is not None:
            assessment.append(f" ({item.probability:g})", "bold")
        assessment.append(f", {item.confidence} confidence" if item.confidence else ", confidence not stated")
        indicators = Text()
        for number, indicator in enumerate(item.indicators):
            if number:
                indicators.append("\n")
            indicators.append_text(indicator_line(indicator))
        assumptions = Text()
        for number, assumption in enumerate(item.assumptions):
            if number:
                assumptions.append("\n")
            assumptions.append(f"{ASSUMPTION_GLYPHS[assumption.status]} {assumption.status} ", ASSUMPTION_STYLES[assumption.status])
            assumptions.append(clean(assumption.text))
        forecast = index.forecast(item.id)  # None for a judgment without a resolution
        return [
            ("id", item.id),
            ("assessment", assessment),
            ("text", item.text),
            ("change reason", item.change_reason),
            ("indicators", indicators if item.indicators else None),
            ("assumptions", assumptions if item.assumptions else Text("none stated", STYLE_DIM)),
            ("resolution", resolution_text(item, forecast) if forecast is not None else None),
            ("scored", scored_text(forecast) if forecast is not None else None),
        ]

    def without(self, index: BriefingIndex, ref: Ref, item: Judgment, gone: frozenset[int], pairs: Pairs) -> Pairs:
        # An indicator observed only in withdrawn sources is not observed, for the session.
        if not item.indicators:
            return pairs
        indicators = Text()
        for number, indicator in enumerate(item.indicators):
            if number:
                indicators.append("\n")
            status = indicator.status_without(gone)
            indicators.append_text(indicator_line(indicator, status))
            if status != indicator.status:
                indicators.append(f"  (was {indicator.status}: its sources are withdrawn)", "bold yellow")
        return [(key, indicators if key == "indicators" else value) for key, value in pairs]

    def print_title(self, index: BriefingIndex, ref: Ref, item: Judgment, row: Text) -> Text:
        # The claim, once: its assessment is a field below (the row would repeat both).
        return Text(clean(item.text), "bold")

    def markdown(self, index: BriefingIndex, ref: Ref, item: Judgment, notes: str) -> list[str]:
        lines = [f"- {md(item.text)} — *the briefing's assessment: {assessment_words(item)}*{notes}"]
        lines += [f"  - assumption ({assumption.status}): {md(assumption.text)}" for assumption in item.assumptions]
        if item.resolution is not None:
            lines.append(f"  - resolution: {md(resolution_words(item))}")
        return lines

    def html(self, index: BriefingIndex, ref: Ref, item: Judgment) -> str:
        text = f"{h(item.text)} <em>(the briefing's assessment: {h(assessment_words(item))})</em>"
        if item.assumptions:
            text += "".join(f"<br>assumption ({h(a.status)}): {h(a.text)}" for a in item.assumptions)
        if item.resolution is not None:
            text += f"<br>resolution: {h(resolution_words(item))}"
        return text

    def stix(self, context: StixContext, ref: Ref, item: Judgment) -> list[Any]:
        labels = ["judgment", item.likelihood.replace(" ", "-")] + ([f"{item.confidence}-confidence"] if item.confidence else [])
        note = context.note(
            f"judgment:{item.id}",
            clean(item.text),
            [],
            labels,
            item.citations,
            abstract=f"The briefing's assessment: {likelihood_text(item.likelihood)}",
            # The analyst's stated confidence, never a number read off the likelihood.
            confidence=context.stated_confidence.get(item.confidence) if item.confidence else None,
        )
        objects = [note]
        if item.resolution is not None:
            objects.append(
                context.note(
                    f"judgment:{item.id}:resolution",
                    clean(resolution_words(item)),
                    [note.id],
                    ["resolution", item.resolution.outcome or "open"],
                    item.resolution.citations,
                    abstract=f"Resolution: {item.resolution.outcome or 'open'}",
                )
            )
        for assumption in item.assumptions:
            objects.append(
                context.note(
                    f"judgment:{item.id}:assumption:{assumption.id}",
                    clean(assumption.text),
                    [note.id],
                    ["assumption", assumption.status],
                    abstract=f"Assumption, {assumption.status}",
                )
            )
        return objects


def resolution_words(item: Judgment) -> str:
    """The resolution in a sentence, for documents: the question, its day and its outcome."""
    resolution = item.resolution
    assert resolution is not None
    words = f"{resolution.question} (due {resolution.by})"
    if resolution.outcome is not None:
        words += f" — outcome: {resolution.outcome}, recorded on {resolution.resolved_on}"  # an outcome without its day does not load
        if resolution.note:
            words += f". {resolution.note}"
        if resolution.citations:
            words += " " + "".join(f"[{n}]" for n in resolution.citations)
    return words


def indicator_line(indicator: Indicator, status: str | None = None) -> Text:
    """``● observed ↑ raises  text [2]``: status glyph and word, so colour is never alone."""
    status = status or indicator.status
    text = Text(f"{INDICATOR_GLYPHS[status]} {status} ", "bold" if status != "not observed" else STYLE_DIM)
    text.append(f"{DIRECTION_WORDS[indicator.direction]}  ", STYLE_DIM)
    text.append(clean(indicator.text))
    if indicator.observed_in:
        text.append(" ")
        text.append_text(markers(indicator.observed_in))
    return text


class IndicatorKind(Kind["Indicator"]):
    """What would change a judgment: listed under it, cited by the sources it was seen in."""

    collection = "judgments"
    name = "indicator"
    cited_as = "Observed in indicator"

    def label(self, index: BriefingIndex, ref: Ref, item: Indicator) -> str:
        return item.text

    def row(self, index: BriefingIndex, ref: Ref, item: Indicator) -> Text:
        text = Text("  ")
        text.append(f"{INDICATOR_GLYPHS[item.status]} {item.status} ", "bold" if item.status != "not observed" else STYLE_DIM)
        text.append(f"{DIRECTION_WORDS[item.direction]}  ", STYLE_DIM)
        text.append(clean(item.text), "italic")
        return text

    def without(self, index: BriefingIndex, ref: Ref, item: Indicator, gone: frozenset[int], pairs: Pairs) -> Pairs:
        status = item.status_without(gone)
        if status == item.status:
            return pairs
        shown = Text(f"{INDICATOR_GLYPHS[status]} {status}", "bold")
        shown.append(f"  (was {item.status}: its sources are withdrawn)", "bold yellow")
        return [(key, shown if key == "status" else value) for key, value in pairs]

    def fields(self, index: BriefingIndex, ref: Ref, item: Indicator) -> Pairs:
        judgment = index.judgment_of[ref]  # an indicator is listed under its judgment
        return [
            ("id", item.id),
            ("status", Text(f"{INDICATOR_GLYPHS[item.status]} {item.status}", "bold")),
            ("direction", f"{DIRECTION_WORDS[item.direction]} the likelihood when observed"),
            ("text", item.text),
            ("judgment", judgment.text),
        ]

    def markdown(self, index: BriefingIndex, ref: Ref, item: Indicator, notes: str) -> list[str]:
        return [f"  - indicator ({item.status}; {item.direction} the likelihood): {md(item.text)}{notes}"]

    def html(self, index: BriefingIndex, ref: Ref, item: Indicator) -> str:
        return f"indicator ({h(item.status)}; {h(item.direction)} the likelihood): {h(item.text)}"

    def stix(self, context: StixContext, ref: Ref, item: Indicator) -> list[Any]:
        about = [context.sid("note", f"judgment:{context.index.judgment_of[ref].id}")]
        labels = ["indicator", item.status.replace(" ", "-"), item.direction]
        return [context.note(f"indicator:{ref.key}", clean(item.text), about, labels, item.observed_in, abstract=f"Indicator, {item.status}")]


class EventKind(Kind["Event"]):
    collection = "timeline"
    heading = "Timeline"
    printed_as_rows = True
    name = "event"

    def label(self, index: BriefingIndex, ref: Ref, item: Event) -> str:
        return f"{item.date} {item.text}"

    def row(self, index: BriefingIndex, ref: Ref, item: Event) -> Text:
        text = Text()
        text.append(f"{item.date:<10} ", STYLE_LABEL)
        text.append(clean(item.text))
        return text

    def fields(self, index: BriefingIndex, ref: Ref, item: Event) -> Pairs:
        return [("date", item.date), ("id", item.id), ("text", item.text)]

    def markdown(self, index: BriefingIndex, ref: Ref, item: Event, notes: str) -> list[str]:
        return [f"- **{item.date}** {md(item.text)}{notes}"]

    def html(self, index: BriefingIndex, ref: Ref, item: Event) -> str:
        return f"<strong>{h(item.date)}</strong> {h(item.text)}"

    def stix(self, context: StixContext, ref: Ref, item: Event) -> list[Any]:
        return [context.note(f"timeline:{ref.key}", clean(item.text), [], ["timeline"], item.citations, abstract=item.date)]


class SourceKind(Kind["Source"]):
    collection = "sources"
    heading = "Sources"
    name = "source"

    def stix(self, context: StixContext, ref: Ref, item: Source) -> list[Any]:
        """None of its own: the sources are the external references of the others' objects."""
        return []

    def label(self, index: BriefingIndex, ref: Ref, item: Source) -> str:
        return f"[{item.id}] {source_title(item)}"

    def row(self, index: BriefingIndex, ref: Ref, item: Source) -> Text:
        return self._row(index, item, 56)

    def row_in_full(self, index: BriefingIndex, ref: Ref, item: Source) -> Text:
        return self._row(index, item, None)

    def _row(self, index: BriefingIndex, item: Source, note_limit: int | None) -> Text:
        text = Text()
        text.append(f"[{item.id}] ", STYLE_MARKER)
        if item.title or not item.note:
            text.append(clean(source_title(item)), STYLE_LABEL if item.title else "italic dim")
        else:  # untitled: its note tells it from the others (its start, where a row is one line)
            text.append("untitled · ", "italic dim")
            text.append(one_line(item.note) if note_limit is None else shorten(item.note, note_limit), "italic")
        if item.publisher:
            text.append(" — ")
            text.append(clean(item.publisher))
        # A briefing that grades no source: "ungraded" on every row would inform no one.
        text.append(f"  {grade(item)} · " if index.grades_sources else "  ", STYLE_DIM)
        text.append(f"cited by {len(index.cited_by.get(item.id, ()))}", STYLE_DIM)
        return text

    def fields(self, index: BriefingIndex, ref: Ref, item: Source) -> Pairs:
        return [
            ("source", f"[{item.id}]"),
            ("title", item.title or Text("not named in the briefing", "italic dim")),
            ("publisher", item.publisher),
            ("url", item.url),
            ("published", item.published),
            ("accessed", item.accessed),
            ("grade", source_grade_text(item) if index.grades_sources else None),
            ("note", item.note),
            ("derived from", " ".join(f"[{n}]" for n in item.derived_from) or None),
            # A root lists all that rests on it; a derived source only what derives from it
            # directly (every source of a chain listing all below it was quadratic).
            ("root of", " ".join(f"[{n}]" for n in index.descendants(item.id)) or None)
            if not index.parents(item.id)
            else ("derived by", " ".join(f"[{n}]" for n in index.derived_by.get(item.id, ())) or None),
        ]

    def markdown(self, index: BriefingIndex, ref: Ref, item: Source, notes: str) -> list[str]:
        parts = [md(item.title) if item.title else "*untitled source*"]
        if item.publisher:
            parts.append(md(item.publisher))
        if item.published:
            parts.append(f"published {item.published}")
        if item.url:
            parts.append(md_url(item.url))
        parts.append(grade(item))
        if item.note:
            parts.append(md(item.note))
        return [f"- **\\[{item.id}\\]** {' · '.join(parts)}"]

    def html(self, index: BriefingIndex, ref: Ref, item: Source) -> str:
        details = [f"<strong>{h(item.title)}</strong>" if item.title else "<em>untitled source</em>"]
        if item.publisher:
            details.append(h(item.publisher))
        if item.published:
            details.append(f"published {h(item.published)}")
        if item.accessed:
            details.append(f"accessed {h(item.accessed)}")
        if item.url:
            details.append(f'<a href="{h(item.url)}">{h(item.url)}</a>' if linkable(item.url) else h(item.url))
        details.append(h(source_grade_text(item)))
        note = f"<br>{h(item.note)}" if item.note else ""
        return f"[{item.id}] {' · '.join(details)}{note}"


#: Every kind, by the ``kind`` of its references.
KINDS: dict[str, Kind[Any]] = {
    "summary": BulletKind(),
    "bases": BaseKind(),
    "stakeholders": StakeholderKind(),
    "statements": StatementKind(),
    "tensions": TensionKind(),
    "judgments": JudgmentKind(),
    "indicators": IndicatorKind(),
    "timeline": EventKind(),
    "sources": SourceKind(),
}


def check_registry(kinds: dict[str, Kind[Any]], kept: tuple[Kept, ...] = KEPT) -> None:
    """The registry and the format's shape cover the same kinds, each in its collection."""
    collections = {entry.kind: entry.within or entry.kind for entry in kept}
    described = {kind: describer.collection for kind, describer in kinds.items()}
    if described != collections:
        raise TypeError(f"kinds.KINDS and shape.KEPT disagree: {sorted(described.items())} against {sorted(collections.items())}")
    unheaded = [entry.kind for entry in kept if entry.within is None and not kinds[entry.kind].heading]
    if unheaded:
        raise TypeError(f"no heading for the section of: {', '.join(unheaded)}")


# A kind added to one and not the other fails here, at import, not in some view later.
check_registry(KINDS)
