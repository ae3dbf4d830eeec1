"""The JSON Schema of the briefing format, generated from the models."""

from __future__ import annotations

import json


def schema() -> dict:
    from .model import Briefing

    generated = Briefing.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Briefing",
        "description": "A situation briefing: summary bullets citing numbered sources, bases, stakeholders, "
        "tensions, judgments, a timeline and the sources.",
        **{key: value for key, value in generated.items() if key not in ("title", "description")},
    }


def schema_json() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
