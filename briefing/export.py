"""A briefing out of the terminal: Markdown, one self-contained HTML page, JSON, SVG, STIX 2.1.

Every exporter takes a validated briefing and returns text. Briefing strings are data
everywhere: escaped for HTML and Markdown, and control characters are made visible
as they are on the console (render.clean).
"""

from __future__ import annotations

import html
import json
import os
import tempfile
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .index import KIND_NAMES, PANE_TITLES, BriefingIndex, Ref, source_title
from .render import clean, grade, likelihood_text, source_grade_text
from .scales import LIKELIHOODS

if TYPE_CHECKING:
    from .model import Briefing, Source


def anchor(ref: Ref) -> str:
    """A stable HTML id for an item."""
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in ref.key)
    return f"{ref.kind}-{safe}"


# --- JSON ---------------------------------------------------------------------------------


def to_json(briefing: Briefing) -> str:
    """The validated briefing; fields in model order, so the output is stable and diffable."""
    return json.dumps(briefing.model_dump(mode="json", exclude_none=True), indent=2, ensure_ascii=False) + "\n"


# --- Markdown -------------------------------------------------------------------------------

# Escaped wherever they stand: with [ and ] escaped no link can form, so ( ) ! need not be.
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>|~"})


def md(value: object) -> str:
    """Briefing text as Markdown text: every character that could start markup is escaped."""
    return " ".join(clean(value).split()).translate(_MD_SPECIAL)


def to_markdown(briefing: Briefing) -> str:
    index = BriefingIndex(briefing)
    lines = [f"# {md(briefing.title)}", ""]
    if briefing.subtitle:
        lines += [f"*{md(briefing.subtitle)}*", ""]
    lines += [f"**As of** {briefing.as_of} · {md(briefing.region)}", "", f"> **BLUF** {md(briefing.bluf)}", ""]

    def notes(citations) -> str:
        return "".join(f"[^{source_id}]" for source_id in dict.fromkeys(citations))

    sections: dict[str, Callable[[Ref], str]] = {
        "summary": lambda ref: f"- {'**' + md(item.label) + ':** ' if (item := index.items[ref]).label else ''}{md(item.text)}{notes(item.citations)}",
        "timeline": lambda ref: f"- **{(item := index.items[ref]).date}** {md(item.text)}{notes(item.citations)}",
    }
    for pane in ("summary", "bases", "stakeholders", "tensions", "judgments", "timeline"):
        refs = index.order[pane]
        if not refs:
            continue
        lines += [f"## {PANE_TITLES[pane]}", ""]
        for ref in refs:
            item = index.items[ref]
            if pane in sections:
                lines.append(sections[pane](ref))
            elif ref.kind == "bases":
                where = f"{md(item.location.place)}, {md(item.location.country)}"
                lines.append(f"- **{md(item.name)}** ({item.kind}, {where}){notes(item.citations)}")
                for key in ("status", "role"):
                    if getattr(item, key):
                        lines.append(f"  - {key}: {md(getattr(item, key))}")
            elif ref.kind == "stakeholders":
                role = f" — {md(item.role)}" if item.role else ""
                lines.append(f"- **{md(item.name)}** ({item.kind}){role}")
                if item.position:
                    lines.append(f"  - position: {md(item.position)}")
                for interest in item.interests:
                    lines.append(f"  - interest: {md(interest)}")
            elif ref.kind == "statements":
                speaker = index.speaker(ref)
                who = f" ({md(speaker.name)})" if speaker is not None and speaker is not index.owner.get(ref) else ""
                lines.append(f"  - said{who}: “{md(item.text)}”{notes(item.citations)}")
            elif ref.kind == "tensions":
                severity = f"{item.severity} severity" if item.severity else "severity not assessed"
                lines.append(f"- **{md(item.title)}** ({severity}){notes(item.citations)}")
                if item.description:
                    lines.append(f"  - {md(item.description)}")
            elif ref.kind == "judgments":
                confidence = f", {item.confidence} confidence" if item.confidence else ""
                lines.append(f"- {md(item.text)} — *{likelihood_text(item.likelihood)}{confidence}*{notes(item.citations)}")
        lines.append("")
    for source in briefing.sources:
        lines.append(f"[^{source.id}]: {_source_line_md(source)}")
    return "\n".join(lines).rstrip() + "\n"


def _source_line_md(source: Source) -> str:
    parts = [md(source.title) if source.title else "*untitled source*"]
    if source.publisher:
        parts.append(md(source.publisher))
    if source.published:
        parts.append(f"published {source.published}")
    if source.url:
        parts.append(f"<{source.url}>")
    parts.append(grade(source))
    if source.note:
        parts.append(md(source.note))
    return " · ".join(parts)


# --- HTML ------------------------------------------------------------------------------------

_CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{margin-bottom:.2rem}.sub{color:#555;margin-top:0}.bluf{border-left:4px solid #444;padding:.5rem 1rem;background:#f4f4f4}
h2{border-bottom:1px solid #ccc;margin-top:2rem}a.cite{text-decoration:none;font-weight:600}
li{margin:.3rem 0}.meta{color:#555;font-size:.9rem}:target{background:#fff3b0}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}
.back a{font-size:.85rem;margin-right:.5rem}ol.sources{list-style:none;padding-left:0}@media print{a{color:inherit}:target{background:none}}
"""


def h(value: object) -> str:
    return html.escape(clean(value), quote=True)


def to_html(briefing: Briefing) -> str:
    """One page, no external assets and no scripts; every marker links to its source, and back."""
    index = BriefingIndex(briefing)

    def cites(ref: Ref) -> str:
        return "".join(
            f'<a class="cite" href="#source-{source_id}">[{source_id}]</a>' for source_id in index.citations(ref)
        )

    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{h(briefing.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{h(briefing.title)}</h1>",
    ]
    if briefing.subtitle:
        out.append(f'<p class="sub">{h(briefing.subtitle)}</p>')
    out.append(f'<p class="meta">As of {h(briefing.as_of)} · {h(briefing.region)}</p>')
    out.append(f'<p class="bluf"><strong>BLUF</strong> {h(briefing.bluf)}</p>')
    for pane in ("summary", "bases", "stakeholders", "tensions", "judgments", "timeline"):
        refs = index.order[pane]
        if not refs:
            continue
        out.append(f'<h2 id="{pane}">{PANE_TITLES[pane]}</h2><ul>')
        for ref in refs:
            item = index.items[ref]
            body = _html_item(index, ref, item)
            nested = ' style="list-style:circle;margin-left:1.5rem"' if ref.kind == "statements" else ""
            out.append(f'<li id="{anchor(ref)}"{nested}>{body} {cites(ref)}</li>')
        out.append("</ul>")
    if briefing.sources:
        out.append('<h2 id="sources">Sources</h2><ol class="sources">')
        for source in briefing.sources:
            back = "".join(
                f'<a href="#{anchor(ref)}">↩ {h(KIND_NAMES[ref.kind])}: {h(_short(index.label(ref)))}</a>'
                for ref in index.cited_by.get(source.id, [])
            )
            title = f"<strong>{h(source.title)}</strong>" if source.title else "<em>untitled source</em>"
            details = [title]
            if source.publisher:
                details.append(h(source.publisher))
            if source.published:
                details.append(f"published {h(source.published)}")
            if source.accessed:
                details.append(f"accessed {h(source.accessed)}")
            if source.url:
                details.append(f'<a href="{h(source.url)}">{h(source.url)}</a>')
            details.append(h(source_grade_text(source)))
            note = f"<br>{h(source.note)}" if source.note else ""
            out.append(
                f'<li id="source-{source.id}" value="{source.id}">[{source.id}] {" · ".join(details)}{note}'
                f'<div class="back">Cited by: {back or "nothing"}</div></li>'
            )
        out.append("</ol>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _html_item(index: BriefingIndex, ref: Ref, item) -> str:
    kind = ref.kind
    if kind == "summary":
        label = f"<strong>{h(item.label)}:</strong> " if item.label else ""
        return label + h(item.text)
    if kind == "bases":
        operator = index.stakeholders.get(item.operator)
        parts = [f"<strong>{h(item.name)}</strong> ({h(item.kind)}, {h(item.location.place)}, {h(item.location.country)})"]
        if operator is not None:
            parts.append(f"operated by {h(operator.name)}")
        for key in ("status", "role"):
            if getattr(item, key):
                parts.append(f"{key}: {h(getattr(item, key))}")
        return "<br>".join(parts)
    if kind == "stakeholders":
        parts = [f"<strong>{h(item.name)}</strong> ({h(item.kind)}){' — ' + h(item.role) if item.role else ''}"]
        if item.position:
            parts.append(f"position: {h(item.position)}")
        parts += [f"interest: {h(interest)}" for interest in item.interests]
        return "<br>".join(parts)
    if kind == "statements":
        speaker = index.speaker(ref)
        who = f" — {h(speaker.name)}" if speaker is not None else ""
        return f"“{h(item.text)}”{who}"
    if kind == "tensions":
        severity = f"{h(item.severity)} severity" if item.severity else "severity not assessed"
        description = f"<br>{h(item.description)}" if item.description else ""
        return f"<strong>{h(item.title)}</strong> ({severity}){description}"
    if kind == "judgments":
        confidence = f", {h(item.confidence)} confidence" if item.confidence else ""
        return f"{h(item.text)} <em>({h(likelihood_text(item.likelihood))}{confidence})</em>"
    return f"<strong>{h(item.date)}</strong> {h(item.text)}"


# --- SVG -------------------------------------------------------------------------------------


def to_svg(briefing: Briefing, width: int = 100) -> str:
    """The `print` rendering, as Rich draws it into an SVG."""
    import io

    from rich.console import Console

    from .render import document

    console = Console(record=True, width=width, file=io.StringIO(), force_terminal=True, color_system="truecolor", highlight=False)
    console.print(document(briefing))
    return console.export_svg(title=clean(briefing.title))


# --- STIX 2.1 --------------------------------------------------------------------------------

#: STIX 2.1 Part 1, Appendix B.5: the DNI (ICD 203) scale to STIX confidence.
LIKELIHOOD_CONFIDENCE = {
    "almost no chance": 5,
    "very unlikely": 15,
    "unlikely": 30,
    "roughly even chance": 50,
    "likely": 70,
    "very likely": 85,
    "almost certain": 95,
}
#: STIX 2.1 Part 1, Appendix B.3: Admiralty credibility to STIX confidence (6, "cannot be judged": none).
CREDIBILITY_CONFIDENCE = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}
assert LIKELIHOOD_CONFIDENCE.keys() == LIKELIHOODS.keys()


def to_stix(briefing: Briefing) -> str:
    """A STIX 2.1 bundle: a report, identities for stakeholders, locations for bases, notes for
    bullets and judgments; sources as external references. Ids are derived from the briefing,
    so exporting the same briefing twice gives the same bundle."""
    try:
        import stix2
    except ImportError as error:  # the optional extra
        raise RuntimeError("STIX export needs the stix2 library: pip install 'briefing[stix]'") from error

    index = BriefingIndex(briefing)
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"briefing:{briefing.title}:{briefing.as_of}")

    def sid(kind: str, key: str) -> str:
        return f"{kind}--{uuid.uuid5(namespace, key)}"

    created = _stix_time(briefing.as_of)
    author = stix2.Identity(id=sid("identity", "author"), name="briefing", identity_class="system", created=created, modified=created)

    def references(citations) -> list:
        refs = []
        for source_id in dict.fromkeys(citations):
            source = index.sources.get(source_id)
            if source is None:
                continue
            reference = {"source_name": f"[{source.id}] {clean(source_title(source))}"}
            description = "; ".join(
                part for part in (clean(source.publisher or ""), source_grade_text(source), clean(source.note or "")) if part
            )
            if description:
                reference["description"] = description
            if source.url:
                reference["url"] = source.url
            refs.append(reference)
        return refs

    def credibility(citations) -> int | None:
        grades = [index.sources[c].credibility for c in citations if c in index.sources and index.sources[c].credibility]
        known = [CREDIBILITY_CONFIDENCE[g] for g in grades if g in CREDIBILITY_CONFIDENCE]
        return max(known) if known else None

    report_id = sid("report", "report")
    common = {"created": created, "modified": created, "created_by_ref": author.id}
    objects: list = [author]
    for holder in briefing.stakeholders:
        identity_class = {"person": "individual", "state": "organization", "government": "organization", "organisation": "organization"}[holder.kind]
        objects.append(
            stix2.Identity(
                id=sid("identity", f"stakeholder:{holder.id}"),
                name=clean(holder.name),
                identity_class=identity_class,
                description=clean(holder.position) if holder.position else None,
                roles=[clean(holder.role)] if holder.role else None,
                **common,
            )
        )
    for base in briefing.bases:
        location = {"country": clean(base.location.country)}
        if base.location.latitude is not None and base.location.longitude is not None:
            location.update(latitude=base.location.latitude, longitude=base.location.longitude)
        objects.append(
            stix2.Location(
                id=sid("location", f"base:{base.id}"),
                name=clean(base.name),
                description="; ".join(clean(p) for p in (base.kind + " base", base.status, base.role) if p),
                external_references=references(base.citations) or None,
                **location,
                **common,
            )
        )
    for bullet in briefing.summary:
        objects.append(
            stix2.Note(
                id=sid("note", f"summary:{bullet.id}"),
                abstract=clean(bullet.label) if bullet.label else None,
                content=clean(bullet.text),
                object_refs=[report_id],
                labels=["summary"],
                confidence=credibility(bullet.citations),
                external_references=references(bullet.citations) or None,
                **common,
            )
        )
    for judgment in briefing.judgments:
        objects.append(
            stix2.Note(
                id=sid("note", f"judgment:{judgment.id}"),
                abstract=likelihood_text(judgment.likelihood),
                content=clean(judgment.text),
                object_refs=[report_id],
                labels=["judgment", judgment.likelihood.replace(" ", "-")]
                + ([f"{judgment.confidence}-confidence"] if judgment.confidence else []),
                confidence=LIKELIHOOD_CONFIDENCE[judgment.likelihood],
                external_references=references(judgment.citations) or None,
                **common,
            )
        )
    report = stix2.Report(
        id=report_id,
        name=clean(briefing.title),
        description=clean(briefing.bluf),
        published=created,
        report_types=["threat-report"],
        object_refs=[obj.id for obj in objects],
        external_references=references(source.id for source in briefing.sources) or None,
        **common,
    )
    bundle = stix2.Bundle(objects=[report, *objects], id=sid("bundle", "bundle"), allow_custom=False)
    return bundle.serialize(pretty=True) + "\n"


def _stix_time(partial_date: str) -> str:
    year, month, day = ([*map(int, partial_date.split("-")), 1, 1])[:3]
    return f"{year:04d}-{month or 1:02d}-{day or 1:02d}T00:00:00Z"


EXPORTERS: dict[str, Callable[[Briefing], str]] = {
    "markdown": to_markdown,
    "html": to_html,
    "json": to_json,
    "svg": to_svg,
    "stix": to_stix,
}


def export(briefing: Briefing, format: str) -> str:
    return EXPORTERS[format](briefing)


def write_atomically(path: str | os.PathLike, text: str) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file."""
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
