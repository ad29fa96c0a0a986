"""The UN human rights treaty bodies, by document symbol and by name in the six languages.

Concluding observations name their committee in the language of the rendering, and the
names vary a little between documents; the symbol prefix (``CEDAW/C/``, ``E/C.12/``) does
not. Importing resolves a committee to one directory organisation through this table so
that the Russian and the English observations of the same committee share one source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class TreatyBody:
    acronym: str
    symbol_prefix: str
    names: tuple[str, ...]  # English first: the directory record's name

    @property
    def name(self) -> str:
        return self.names[0]


TREATY_BODIES: Final[tuple[TreatyBody, ...]] = (
    TreatyBody(
        "CEDAW",
        "CEDAW/",
        (
            "Committee on the Elimination of Discrimination against Women",
            "Comité pour l’élimination de la discrimination à l’égard des femmes",
            "Comité para la Eliminación de la Discriminación contra la Mujer",
            "Комитет по ликвидации дискриминации в отношении женщин",
            "اللجنة المعنية بالقضاء على التمييز ضد المرأة",
            "لجنة القضاء على التمييز ضد المرأة",
            "消除对妇女歧视委员会",
        ),
    ),
    TreatyBody(
        "CRC",
        "CRC/",
        (
            "Committee on the Rights of the Child",
            "Comité des droits de l’enfant",
            "Comité de los Derechos del Niño",
            "Комитет по правам ребенка",
            "لجنة حقوق الطفل",
            "儿童权利委员会",
        ),
    ),
    TreatyBody(
        "CERD",
        "CERD/",
        (
            "Committee on the Elimination of Racial Discrimination",
            "Comité pour l’élimination de la discrimination raciale",
            "Comité para la Eliminación de la Discriminación Racial",
            "Комитет по ликвидации расовой дискриминации",
            "لجنة القضاء على التمييز العنصري",
            "消除种族歧视委员会",
        ),
    ),
    TreatyBody(
        "CCPR",
        "CCPR/",
        (
            "Human Rights Committee",
            "Comité des droits de l’homme",
            "Comité de Derechos Humanos",
            "Комитет по правам человека",
            "اللجنة المعنية بحقوق الإنسان",
            "人权事务委员会",
        ),
    ),
    TreatyBody(
        "CESCR",
        "E/C.12/",
        (
            "Committee on Economic, Social and Cultural Rights",
            "Comité des droits économiques, sociaux et culturels",
            "Comité de Derechos Económicos, Sociales y Culturales",
            "Комитет по экономическим, социальным и культурным правам",
            "اللجنة المعنية بالحقوق الاقتصادية والاجتماعية والثقافية",
            "经济、社会及文化权利委员会",
        ),
    ),
    TreatyBody(
        "CAT",
        "CAT/",
        (
            "Committee against Torture",
            "Comité contre la torture",
            "Comité contra la Tortura",
            "Комитет против пыток",
            "لجنة مناهضة التعذيب",
            "禁止酷刑委员会",
        ),
    ),
    TreatyBody(
        "CMW",
        "CMW/",
        (
            "Committee on the Protection of the Rights of All Migrant Workers and Members of "
            "Their Families",
            "Comité pour la protection des droits de tous les travailleurs migrants et des "
            "membres de leur famille",
            "Comité de Protección de los Derechos de Todos los Trabajadores Migratorios y de "
            "Sus Familiares",
            "Комитет по защите прав всех трудящихся-мигрантов и членов их семей",
            "اللجنة المعنية بحماية حقوق جميع العمال المهاجرين وأفراد أسرهم",
            "保护所有移徙工人及其家庭成员权利委员会",
        ),
    ),
    TreatyBody(
        "CRPD",
        "CRPD/",
        (
            "Committee on the Rights of Persons with Disabilities",
            "Comité des droits des personnes handicapées",
            "Comité sobre los Derechos de las Personas con Discapacidad",
            "Комитет по правам инвалидов",
            "اللجنة المعنية بحقوق الأشخاص ذوي الإعاقة",
            "残疾人权利委员会",
        ),
    ),
    TreatyBody(
        "CED",
        "CED/",
        (
            "Committee on Enforced Disappearances",
            "Comité des disparitions forcées",
            "Comité contra la Desaparición Forzada",
            "Комитет по насильственным исчезновениям",
            "اللجنة المعنية بحالات الاختفاء القسري",
            "强迫失踪问题委员会",
        ),
    ),
)

_SYMBOL: Final = re.compile(
    r"\b(?:CEDAW|CRC|CERD|CCPR|CAT|CMW|CRPD|CED)/C/[\w./-]+|\bE/C\.12/[\w./-]+"
)


def name_key(name: str) -> str:
    """Comparable form of a committee name (case, apostrophes, spacing, stray spaces in CJK)."""
    key = " ".join(name.casefold().replace("’", "'").split())
    return key.replace(" ", "") if re.search(r"[\u4e00-\u9fff]", key) else key


_BY_NAME: Final[dict[str, TreatyBody]] = {
    name_key(name): body for body in TREATY_BODIES for name in body.names
}


def find_symbol(text: str) -> str:
    """The first treaty-body document symbol in ``text`` ('' if none)."""
    found = _SYMBOL.search(text)
    return found.group(0).rstrip(".") if found else ""


def treaty_body(name: str, symbol: str = "") -> TreatyBody | None:
    """The treaty body a committee name or a document symbol belongs to, if known."""
    known = _BY_NAME.get(name_key(name))
    if known is not None:
        return known
    compact = symbol.replace(" ", "")
    return next((b for b in TREATY_BODIES if compact.startswith(b.symbol_prefix)), None)
