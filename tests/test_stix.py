"""The STIX 2.1 bundle, judged by the OASIS validator (stix2-validator) in its default
and --interop modes, and read back by the OASIS stix2 library."""

from __future__ import annotations

import json

import pytest

from briefing.export import to_stix
from briefing.loader import default_path, load, load_text

from .conftest import MINIMAL

stix2 = pytest.importorskip("stix2")
validator = pytest.importorskip("stix2validator")
pycountry = pytest.importorskip("pycountry")

FIXTURE = (
    MINIMAL.replace(
        "stakeholders:\n",
        """bases:
  - id: port
    name: Port base
    kind: naval
    location: {place: Latakia, country: Syria, latitude: 35.5, longitude: 35.8}
    operator: alpha
    status: Operating
    citations: [1]
  - id: far
    name: Far base
    kind: air
    location: {place: Somewhere, country: Nowhere-land}
    citations: [2]
stakeholders:
""",
    ).replace(
        "    statements:\n      - text: We said a thing.\n        citations: [1]\n",
        "    interests: [Access to the sea]\n    statements:\n      - text: We said a thing.\n        date: 2025-06\n        citations: [1]\n",
    )
    + """timeline:
  - date: 2024
    text: Something happened.
    citations: [1]
judgments:
  - id: j1
    text: It will likely stay.
    likelihood: likely
    confidence: moderate
    citations: [1, 2]
"""
)


def bundle_of(text: str) -> dict:
    return json.loads(to_stix(load_text(text).briefing))


def objects(bundle: dict, kind: str) -> list[dict]:
    return [obj for obj in bundle["objects"] if obj["type"] == kind]


def verdict(text: str, **options) -> tuple[list[str], list[str]]:
    """The validator's errors and warnings, every object's."""
    result = validator.validate_string(text, validator.ValidationOptions(version="2.1", **options))
    errors = [str(error) for error in result.errors]
    warnings = [str(warning) for warning in result.warnings]
    return errors, warnings


@pytest.mark.parametrize("name", ["bundled", "fixture", "minimal", "exercise", "exercise-v2", "track-record/karsk-port"])
@pytest.mark.parametrize("mode", ["default", "interop"])
def test_the_oasis_validator_finds_no_error_and_only_the_uuid4_warning(name, mode):
    if name.startswith(("exercise", "track-record")):  # the track record: resolutions, open and resolved, as notes
        text = to_stix(load(default_path().parent / "examples" / f"{name}.yaml").briefing)
    else:
        text = {
            "bundled": to_stix(load(default_path()).briefing),
            "fixture": to_stix(load_text(FIXTURE).briefing),
            "minimal": to_stix(load_text(MINIMAL).briefing),
        }[name]
    errors, warnings = verdict(text, interop=mode == "interop")
    assert errors == []
    assert warnings and all("{103}" in warning for warning in warnings), [w for w in warnings if "{103}" not in w]


def test_the_bundle_reads_back_with_the_oasis_library():
    parsed = stix2.parse(to_stix(load(default_path()).briefing), allow_custom=False)
    assert {obj.type for obj in parsed.objects} == {"report", "identity", "location", "note"}


def test_countries_are_iso_codes_with_their_region_and_unknown_names_stay_out():
    bundle = bundle_of(FIXTURE)
    [port] = objects(bundle, "location")
    assert (port["country"], port["region"], port["latitude"]) == ("SY", "western-asia", 35.5)
    # A base in a country no code can name, with no coordinates, can be no STIX location:
    # it is said in a note instead, and never given a guessed country.
    [far] = [note for note in objects(bundle, "note") if note["labels"] == ["base"]]
    assert (far["abstract"], far["content"]) == ("Far base", "air base; Somewhere, Nowhere-land")
    # With coordinates it is still a note: a location needs a region (--interop), and only
    # a country names one; the coordinates are in its words.
    with_coordinates = bundle_of(FIXTURE.replace("country: Nowhere-land}", "country: Nowhere-land, latitude: 1.5, longitude: 2}"))
    assert [obj["name"] for obj in objects(with_coordinates, "location")] == ["Port base"]
    [far] = [note for note in objects(with_coordinates, "note") if note["labels"] == ["base"]]
    assert far["content"] == "air base; Somewhere, Nowhere-land; at 1.5, 2.0"


@pytest.mark.parametrize("country", ["Gaza", "Kosovo", "Nowhere-land"])
def test_a_base_in_a_country_pycountry_does_not_know_passes_interop(country):
    text = FIXTURE.replace("country: Nowhere-land}", f"country: {country}, latitude: 31.5, longitude: 34.4}}")
    errors, _ = verdict(to_stix(load_text(text).briefing), interop=True)
    assert errors == []


def test_every_object_says_what_it_is_about():
    bundle = bundle_of(FIXTURE)
    ids = {obj["type"] + ":" + obj.get("name", obj.get("abstract", obj.get("content", ""))): obj["id"] for obj in bundle["objects"]}
    alpha = ids["identity:Alpha"]
    notes = {tuple(note["labels"]): note for note in objects(bundle, "note")}
    assert notes[("statement",)]["object_refs"] == [alpha] and notes[("statement",)]["authors"] == ["Alpha"]
    assert notes[("statement",)]["abstract"] == "Said 2025-06"
    assert notes[("interest",)]["object_refs"] == [alpha] and notes[("interest",)]["content"] == "Access to the sea"
    assert notes[("tension", "high-severity")]["object_refs"] == [alpha]
    assert notes[("operator",)]["object_refs"] == [ids["location:Port base"], alpha]
    assert notes[("operator",)]["content"] == "Port base is operated by Alpha."
    assert notes[("timeline",)]["abstract"] == "2024" and notes[("timeline",)]["content"] == "Something happened."
    judgment = notes[("judgment", "likely", "moderate-confidence")]
    # STIX confidence is the analyst's stated confidence (moderate: 50 on STIX's Low/Med/High
    # scale), never a number read off the likelihood.
    assert judgment["abstract"] == "The briefing's assessment: likely · 55–80%" and judgment["confidence"] == 50
    report = objects(bundle, "report")[0]
    assert judgment["object_refs"] == [report["id"]]
    assert set(report["object_refs"]) == {obj["id"] for obj in bundle["objects"] if obj["type"] != "report"}


def test_a_new_version_keeps_every_id_and_created_and_moves_modified():
    first = FIXTURE.replace("as_of: 2025-07", "id: test-briefing\ncreated: 2025-07\nas_of: 2025-07")
    later = first.replace("as_of: 2025-07", "as_of: 2025-09").replace("title: Test briefing", "title: Test briefing, revised")
    before, after = bundle_of(first), bundle_of(later)
    assert [obj["id"] for obj in before["objects"]] == [obj["id"] for obj in after["objects"]]
    assert {obj["created"] for obj in after["objects"]} == {"2025-07-01T00:00:00.000Z"}
    assert {obj["modified"] for obj in before["objects"]} == {"2025-07-01T00:00:00.000Z"}
    assert {obj["modified"] for obj in after["objects"]} == {"2025-09-01T00:00:00.000Z"}


def test_without_an_id_the_title_names_the_briefing():
    one = bundle_of(FIXTURE)
    assert [obj["id"] for obj in one["objects"]] == [obj["id"] for obj in bundle_of(FIXTURE)["objects"]]
    renamed = bundle_of(FIXTURE.replace("title: Test briefing", "title: Another briefing"))
    assert objects(renamed, "report")[0]["id"] != objects(one, "report")[0]["id"]


def test_an_id_never_gets_a_new_created():
    """STIX forbids a new `created` for an id. Without `created`, the as-of date stands for
    it, in the ids too: a version with a new as-of date gives new objects, never old ids
    with a new `created`."""
    one = bundle_of(FIXTURE)
    two = bundle_of(FIXTURE.replace("as_of: 2025-07", "as_of: 2025-08"))
    created = {obj["id"]: obj["created"] for obj in one["objects"]}
    assert all(created.get(obj["id"], obj["created"]) == obj["created"] for obj in two["objects"])
    assert created.keys().isdisjoint(obj["id"] for obj in two["objects"])
    kept = FIXTURE.replace("as_of: 2025-07", "created: 2025-07\nas_of: 2025-07")
    three, four = bundle_of(kept), bundle_of(kept.replace("as_of: 2025-07", "as_of: 2025-08"))
    assert [obj["id"] for obj in three["objects"]] == [obj["id"] for obj in four["objects"]]
    assert {obj["created"] for obj in four["objects"]} == {"2025-07-01T00:00:00.000Z"}


def test_confidence_only_from_a_stated_confidence():
    unstated = FIXTURE.replace("    confidence: moderate\n", "")
    judgment = next(note for note in objects(bundle_of(unstated), "note") if note["labels"][0] == "judgment")
    assert "confidence" not in judgment


def test_every_iso_country_has_one_m49_region_of_the_stix_vocabulary():
    from stix2validator.v21.enums import REGION_OV

    from briefing.regions import M49_SUBREGIONS, REGION_OF

    codes = [code for group in M49_SUBREGIONS.values() for code in group.split()]
    assert len(codes) == len(set(codes)) == len(pycountry.countries)
    assert set(REGION_OF) == {country.alpha_2 for country in pycountry.countries}
    assert set(M49_SUBREGIONS) <= set(REGION_OV)


@pytest.mark.parametrize("name, code", [("Syria", "SY"), ("Russia", "RU"), ("Israel", "IL"), ("SYR", "SY"), ("sy", "SY")])
def test_country_names_that_pycountry_knows(name, code):
    from briefing.regions import country_code

    assert country_code(name) == code


@pytest.mark.parametrize("name", ["Nowhere", "C", "UK", "Kosovo", "Middle East"])
def test_names_that_are_no_certain_country_give_no_code(name):
    from briefing.regions import country_code

    assert country_code(name) is None


def test_a_sources_address_is_in_its_reference_without_a_url_field():
    bundle = bundle_of(FIXTURE)
    report = objects(bundle, "report")[0]
    two = next(ref for ref in report["external_references"] if ref["source_name"] == "[2] Source two")
    assert "url" not in two and two["description"] == "ungraded; https://example.org/two"


def test_indicators_and_assumptions_are_notes_about_their_judgment():
    bundle = json.loads(to_stix(load(default_path().parent / "examples" / "exercise.yaml").briefing))
    notes = objects(bundle, "note")
    judgment = next(n for n in notes if n["labels"][0] == "judgment" and n["content"].startswith("Ostravia will likely keep"))
    indicators = [n for n in notes if n["labels"][0] == "indicator"]
    assumptions = [n for n in notes if n["labels"][0] == "assumption"]
    assert len(indicators) == 3 and len(assumptions) == 3
    assert all(n["object_refs"] == [judgment["id"]] for n in indicators + assumptions)
    assert {tuple(n["labels"]) for n in indicators} == {
        ("indicator", "observed", "raises"),
        ("indicator", "partially-observed", "lowers"),
        ("indicator", "not-observed", "lowers"),
    }
    assert judgment["abstract"] == "The briefing's assessment: likely · 55–80%"
