"""Where a country is, in the words STIX 2.1 uses: ISO 3166-1 alpha-2 codes from the
maintained pycountry library, and the UN M49 sub-regions of STIX's region vocabulary
(region-ov), which pycountry does not carry.

Pure data and look-ups; only the STIX export imports it (pycountry is in its extra).
"""

from __future__ import annotations

#: UN M49 sub-regions (the STIX 2.1 region-ov values) and the ISO 3166-1 alpha-2 codes in each.
M49_SUBREGIONS: dict[str, str] = {
    "northern-africa": "DZ EG LY MA SD TN EH",
    "eastern-africa": "IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW",
    "middle-africa": "AO CM CF TD CG CD GQ GA ST",
    "southern-africa": "BW SZ LS NA ZA",
    "western-africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG",
    "caribbean": "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI",
    "central-america": "BZ CR SV GT HN MX NI PA",
    "south-america": "AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE",
    "northern-america": "BM CA GL PM US",
    "central-asia": "KZ KG TJ TM UZ",
    "eastern-asia": "CN HK MO KP JP MN KR TW",
    "south-eastern-asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "southern-asia": "AF BD BT IN IR MV NP PK LK",
    "western-asia": "AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE",
    "eastern-europe": "BY BG CZ HU PL MD RO RU SK UA",
    "northern-europe": "AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB",
    "southern-europe": "AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES",
    "western-europe": "AT BE FR DE LI LU MC NL CH",
    "australia-new-zealand": "AU CX CC HM NZ NF",
    "melanesia": "FJ NC PG SB VU",
    "micronesia": "GU KI MH FM NR MP PW UM",
    "polynesia": "AS CK PF NU PN WS TK TO TV WF",
    "antarctica": "AQ",
}
REGION_OF: dict[str, str] = {code: region for region, codes in M49_SUBREGIONS.items() for code in codes.split()}


def country_code(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country named in a briefing, or None when the name is
    not one pycountry knows for certain (a guess would put a base in the wrong country)."""
    import pycountry

    try:
        return pycountry.countries.lookup(name.strip()).alpha_2
    except LookupError:
        pass
    try:
        found = pycountry.countries.search_fuzzy(name.strip())
    except LookupError:
        return None
    # Only a single match that begins with the name: "Russia" is the Russian Federation,
    # but "C" or "UK" are no country's name.
    if len(found) == 1 and len(name.strip()) >= 4 and found[0].name.casefold().startswith(name.strip().casefold()):
        return found[0].alpha_2
    return None
