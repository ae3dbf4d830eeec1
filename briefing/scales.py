"""The analytic scales a briefing speaks in: plain data, importable without Pydantic.

The renderers and the dashboard need these words and bands; keeping them out of
model.py means drawing a briefing never waits for the models to be built.
"""

#: The ICD 203 likelihood scale, lowest first, with its percentage bands.
LIKELIHOODS: dict[str, tuple[int, int]] = {
    "almost no chance": (1, 5),
    "very unlikely": (5, 20),
    "unlikely": (20, 45),
    "roughly even chance": (45, 55),
    "likely": (55, 80),
    "very likely": (80, 95),
    "almost certain": (95, 99),
}
#: Admiralty (NATO) source reliability A–F and information credibility 1–6.
RELIABILITY_MEANING = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY_MEANING = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


def admiralty_grade(reliability: str | None, credibility: int | None) -> str:
    """`B2`; a part not given is `?`."""
    return f"{reliability or '?'}{credibility or '?'}"
