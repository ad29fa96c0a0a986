"""Build src/tact/directory/data/states.json from OCHA's country data (hdx-python-country).

UN Member States (the 193 on the DGACM list), the two observer states (Holy See, State of
Palestine) and the non-member states that can join UN treaties (Cook Islands, Niue), with
their official UN names in the six languages and UN M49 region/sub-region codes.
Run by a developer when the source updates; tact reads only the JSON at run time.
"""

from __future__ import annotations

import json
from pathlib import Path

from babel import Locale
from hdx.location.country import Country

OUT = Path(__file__).resolve().parent.parent / "src/tact/directory/data/states.json"
OBSERVERS = {"VAT", "PSE"}
NON_MEMBERS = {"COK", "NIU"}
LANG_FIELDS = {
    "en": "M49 English",
    "fr": "M49 French",
    "es": "M49 Spanish",
    "ru": "M49 Russian",
    "zh": "M49 Chinese",
    "ar": "M49 Arabic",
}


def main() -> None:
    data = Country.countriesdata(use_live=False)["countries"]
    states = []
    regions: dict[str, dict[str, object]] = {}
    for iso3, row in sorted(data.items()):
        if row.get("Appears in DGACM list") == "Y":
            status = "member"
        elif iso3 in OBSERVERS:
            status = "observer"
        elif iso3 in NON_MEMBERS:
            status = "non_member"
        else:
            continue
        names = {lang: (row.get(col) or "").strip() for lang, col in LANG_FIELDS.items()}
        names["en"] = names["en"] or row["Preferred Term"]
        for level, code_col, name_col, parent in (
            ("region", "Region Code", "Region Name", None),
            ("subregion", "Sub-region Code", "Sub-region Name", row.get("Region Code")),
            (
                "intermediate",
                "Intermediate Region Code",
                "Intermediate Region Name",
                row.get("Sub-region Code"),
            ),
        ):
            code = row.get(code_col)
            if code and code not in regions:
                regions[code] = {
                    "m49": code.zfill(3),
                    "name": row[name_col],
                    "level": level,
                    "parent": parent.zfill(3) if parent else None,
                }
        states.append(
            {
                "iso3": iso3,
                "iso2": row.get("ISO 3166-1 Alpha 2-Codes") or "",
                "m49": (row.get("m49 numerical code") or "").zfill(3),
                "un_status": status,
                "names": names,
                "formal_name_en": row.get("English Formal") or "",
                "region": (row.get("Region Code") or "").zfill(3) or None,
                "subregion": (row.get("Sub-region Code") or "").zfill(3) or None,
                "intermediate_region": (row.get("Intermediate Region Code") or "").zfill(3) or None,
                "latitude": row.get("Latitude"),
                "longitude": row.get("Longitude"),
                "currency": row.get("Currency") or "",
            }
        )
    locales = {lang: Locale.parse("zh_Hans" if lang == "zh" else lang) for lang in LANG_FIELDS}
    for region in regions.values():
        # CLDR names the M49 regions in every UN language; leave a blank where it has none.
        region["names"] = {
            lang: (loc.territories.get(str(region["m49"])) or "") for lang, loc in locales.items()
        }
        region["names"]["en"] = region["names"]["en"] or region["name"]
    payload = {
        "source": "UN M49 and UNTERM/DGACM names via OCHA hdx-python-country (offline data)",
        "regions": sorted(regions.values(), key=lambda r: (str(r["level"]), str(r["m49"]))),
        "states": states,
    }
    OUT.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(states)} states, {len(regions)} regions -> {OUT}")


if __name__ == "__main__":
    main()
