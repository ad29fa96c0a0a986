"""Which channel delivers a project: UNODC, another UN entity, a regional organisation,
bilateral, or an NGO/other — derived from the participating organisations and CRS channel
codes (users may correct it on the project).

Why this order: the implementing organisation is who actually delivers, so it decides; the
extending one comes next; the activity's CRS channel code (``crs-add`` or a participating
org's ``@crs-channel-code``) is the donor's own statement of the channel; the reporting
organisation is the last resort.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

UNODC_REFS = frozenset({"XM-DAC-41128", "41128"})
UNODC_NAME = re.compile(r"\bUNODC\b|United Nations Office on Drugs and Crime", re.IGNORECASE)
UN_NAME = re.compile(
    r"\bUnited Nations\b|\bUN[A-Z]{2,}\b|\bUN Women\b|\bIOM\b|\bWHO\b|\bILO\b|\bOHCHR\b|"
    r"\bInternational Organization for Migration\b|\bWorld Food Programme\b|\bUNICEF\b|"
    r"\bUNHCR\b|\bUNOPS\b",
    re.IGNORECASE,
)
# CRS channel codes of UN bodies outside the 41xxx range (e.g. IOM 47066 since 2016: UN-related).
UN_RELATED_CODES = frozenset({"47066", "41000"})
REGIONAL_NAME = re.compile(
    r"European (Union|Commission)|\bEU\b|African Union|\bOSCE\b|Organization of American States|"
    r"\bOAS\b|\bASEAN\b|\bECOWAS\b|Council of Europe|\bIGAD\b|\bSADC\b|\bSICA\b|Development Bank",
    re.IGNORECASE,
)
GOVERNMENT_TYPES = frozenset({"10", "11", "15"})
NGO_OTHER_TYPES = frozenset(
    {"21", "22", "23", "24", "30", "60", "70", "71", "72", "73", "80", "90"}
)


@dataclass(frozen=True, slots=True)
class OrgFacts:
    role: str
    ref: str = ""
    name: str = ""
    type: str = ""
    crs_channel_code: str = ""


def channel_of_code(code: str) -> str | None:
    """The channel a CRS channel code (5 digits, or a 1-2 digit category) stands for."""
    code = code.strip()
    if not code.isdigit():
        return None
    if code == "41128":
        return "unodc"
    if code.startswith("41") or code in UN_RELATED_CODES:
        return "un_other"
    if code[:2] in {"42", "46", "47"}:
        return "regional"
    if code[:2] in {"40", "43", "44", "45"}:
        return "ngo_other"  # global multilaterals (IMF, World Bank, WTO): "other"
    if code[:1] == "1":
        return "bilateral"
    if code[:1] in {"2", "3", "5", "6", "9"}:
        return "ngo_other"
    return None


@lru_cache(maxsize=4096)
def channel_of_org(org: OrgFacts) -> str | None:
    """The channel one organisation stands for (None: it does not tell). Cached: a file
    names the same few organisations in activity after activity, and the name patterns are
    the costly part of deriving a project's channel."""
    ref = org.ref.strip()
    if ref in UNODC_REFS or UNODC_NAME.search(org.name):
        return "unodc"
    if org.crs_channel_code and (found := channel_of_code(org.crs_channel_code)):
        return found
    match = re.fullmatch(r"XM-DAC-(\d{5})", ref)
    if match and (found := channel_of_code(match.group(1))):
        return found
    if UN_NAME.search(org.name) or ref.startswith("XM-DAC-41") or ref.startswith("XM-OCHA"):
        return "un_other"
    if REGIONAL_NAME.search(org.name) or ref.startswith("XI-IATI-EC") or ref == "XM-DAC-918":
        return "regional"
    if org.type in GOVERNMENT_TYPES or re.fullmatch(r"XM-DAC-\d{1,3}", ref):
        return "bilateral"
    if org.type == "40":
        return "regional"
    if org.type in NGO_OTHER_TYPES:
        return "ngo_other"
    return None


def derive_channel(
    orgs: Sequence[OrgFacts], *, crs_channel_code: str = "", reporting: OrgFacts | None = None
) -> str:
    """The channel of a project; ``ngo_other`` when nothing tells."""
    for role in ("4", "3"):
        for org in orgs:
            if org.role == role and (found := channel_of_org(org)):
                return found
    if crs_channel_code and (found := channel_of_code(crs_channel_code)):
        return found
    candidates: Iterable[OrgFacts] = [reporting] if reporting else []
    for org in candidates:
        if found := channel_of_org(org):
            return found
    for org in orgs:
        if org.role == "1" and (found := channel_of_org(org)):
            return found
    return "ngo_other"
