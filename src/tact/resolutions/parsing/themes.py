"""Suggest themes and UNTOC articles for a recommendation from keywords.

These are *suggestions* shown to the person importing a resolution, who confirms or
corrects them; a transparent keyword lexicon is preferable to an opaque model here
because reviewers must be able to see why something was proposed. Patterns are regular
expressions over lower-cased text, written as stems so inflected Russian, French and
Spanish forms match.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

THEMES: Final[tuple[str, ...]] = (
    "technical_assistance",
    "international_cooperation",
    "law_enforcement",
    "protection_of_victims_and_witnesses",
    "prevention",
    "criminalization",
    "legislation",
    "capacity_building",
    "resource_mobilization",
    "information_exchange",
    "strategy_and_policy",
    "evaluation",
    "institutional",
)

# theme -> language -> stems
THEME_KEYWORDS: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "technical_assistance": {
        "ru": (r"техническ\w*\s+помощ",),
        "en": (r"technical assistance",),
        "fr": (r"assistance technique",),
        "es": (r"asistencia técnica",),
        "ar": (r"المساعدة التقنية",),
        "zh": (r"技术援助",),
    },
    "international_cooperation": {
        "ru": (
            r"международн\w*\s+сотрудничеств",
            r"двусторонн",
            r"взаимн\w*\s+правов\w*\s+помощ",
            r"выдач\w*",
            r"международн\w*\s+и\s+региональн\w*\s+организац",
        ),
        "en": (
            r"international cooperation",
            r"bilateral",
            r"mutual legal assistance",
            r"extradition",
            r"international and regional organi[sz]ations",
        ),
        "fr": (
            r"coopération internationale",
            r"bilatéra",
            r"entraide judiciaire",
            r"extradition",
            r"organisations internationales et régionales",
        ),
        "es": (
            r"cooperación internacional",
            r"bilateral",
            r"asistencia judicial recíproca",
            r"extradición",
            r"organizaciones internacionales y regionales",
        ),
        "ar": (r"التعاون الدولي",),
        "zh": (r"国际合作",),
    },
    "law_enforcement": {
        "ru": (
            r"правоохранительн",
            r"полиц",
            r"межучрежден\w*\s+целев",
            r"расследован",
            r"прокуратур",
            r"криминальн\w*\s+угроз",
        ),
        "en": (
            r"law enforcement",
            r"police",
            r"task forces?",
            r"investigat",
            r"prosecutor",
            r"threat assessment",
        ),
        "fr": (
            r"détection et de répression",
            r"services de répression",
            r"police",
            r"équipes? spéciales?",
            r"enquêt",
            r"procureur",
            r"menace criminelle",
        ),
        "es": (
            r"aplicación de la ley",
            r"policía",
            r"equipos? de tareas",
            r"investigaci",
            r"fiscal",
            r"amenaza delictiva",
        ),
        "ar": (r"إنفاذ القانون",),
        "zh": (r"执法",),
    },
    "protection_of_victims_and_witnesses": {
        "ru": (r"потерпевш", r"жертв", r"свидетел"),
        "en": (r"victims?", r"witness"),
        "fr": (r"victimes?", r"témoins?"),
        "es": (r"víctimas?", r"testigos?"),
        "ar": (r"الضحايا", r"الشهود"),
        "zh": (r"被害人", r"证人"),
    },
    "prevention": {
        "ru": (r"предупреждени", r"профилакти", r"осведомленност\w*\s+населени"),
        "en": (r"prevent", r"public awareness", r"awareness"),
        "fr": (r"prévention", r"prévenir", r"sensibilis"),
        "es": (r"prevenci", r"prevenir", r"sensibiliza", r"concienci"),
        "ar": (r"منع", r"الوقاية"),
        "zh": (r"预防",),
    },
    "criminalization": {
        "ru": (r"криминализ", r"уголовн\w*\s+ответственност"),
        "en": (r"criminali[sz]", r"criminal liability"),
        "fr": (r"incrimin", r"pénalis"),
        "es": (r"tipifica", r"penaliza"),
        "ar": (r"تجريم",),
        "zh": (r"定罪",),
    },
    "legislation": {
        "ru": (r"законодательств",),
        "en": (r"legislation", r"legislative"),
        "fr": (r"législati",),
        "es": (r"legislaci", r"legislativ"),
        "ar": (r"التشريع",),
        "zh": (r"立法",),
    },
    "capacity_building": {
        "ru": (r"наращивани\w*\s+потенциал", r"подготовк", r"обучени"),
        "en": (r"capacity[- ]building", r"training"),
        "fr": (r"renforcement des capacités", r"(?<!\w)formation"),
        "es": (r"fomento de la capacidad", r"creación de capacidad", r"capacitación"),
        "ar": (r"بناء القدرات", r"التدريب"),
        "zh": (r"能力建设", r"培训"),
    },
    "resource_mobilization": {
        "ru": (r"ресурс", r"донор", r"финансирован", r"взнос"),
        "en": (r"resources", r"donors?", r"funding", r"contributions"),
        "fr": (r"ressources", r"donateurs", r"financement", r"contributions"),
        "es": (r"recursos", r"donantes", r"financiación", r"contribuciones"),
        "ar": (r"الموارد", r"المانحة"),
        "zh": (r"资源", r"捐助"),
    },
    "information_exchange": {
        "ru": (r"обмен\w*\s+информаци", r"успешн\w*\s+вид\w*\s+практик", r"передов\w*\s+опыт"),
        "en": (
            r"exchange (?:of )?information",
            r"information exchange",
            r"good practices",
            r"best practices",
            r"lessons learned",
        ),
        "fr": (r"échange\w* d'informations", r"échanger des informations", r"bonnes pratiques"),
        "es": (r"intercambi\w* (?:de )?información", r"buenas prácticas", r"mejores prácticas"),
        "ar": (r"تبادل المعلومات", r"الممارسات الجيدة"),
        "zh": (r"交流信息", r"良好做法"),
    },
    "strategy_and_policy": {
        "ru": (r"стратеги", r"политик"),
        "en": (r"strateg", r"polic(?:y|ies)"),
        "fr": (r"stratégi", r"politiques?"),
        "es": (r"estrategi", r"políticas?"),
        "ar": (r"استراتيجي",),
        "zh": (r"战略",),
    },
    "evaluation": {
        "ru": (r"оценк", r"анализ", r"эффективност"),
        "en": (r"evaluat", r"assess", r"analysis", r"effectiveness"),
        "fr": (r"évaluation", r"analyse", r"efficacité"),
        "es": (r"evaluaci", r"análisis", r"eficacia"),
        "ar": (r"تقييم",),
        "zh": (r"评估",),
    },
    "institutional": {
        "ru": (r"рабоч\w*\s+групп", r"конференци", r"секретариат", r"сесси", r"совещани"),
        "en": (r"working group", r"conference", r"secretariat", r"session", r"meeting"),
        "fr": (r"groupe de travail", r"conférence", r"secrétariat", r"session", r"réunion"),
        "es": (
            r"grupo de trabajo",
            r"conferencia",
            r"secretaría",
            r"período de sesiones",
            r"reunión",
        ),
        "ar": (r"الفريق العامل", r"المؤتمر"),
        "zh": (r"工作组", r"缔约方会议"),
    },
}

# (article reference, language -> stems). Each rule is a reason a reader can check.
ARTICLE_RULES: Final[tuple[tuple[str, dict[str, tuple[str, ...]]], ...]] = (
    (
        "untoc/art_24",
        {
            "ru": (r"свидетел",),
            "en": (r"witness",),
            "fr": (r"témoin",),
            "es": (r"testigo",),
            "ar": (r"الشهود",),
            "zh": (r"证人",),
        },
    ),
    (
        "untoc/art_25",
        {
            "ru": (r"потерпевш", r"жертв"),
            "en": (r"victim",),
            "fr": (r"victime",),
            "es": (r"víctima",),
            "ar": (r"الضحايا",),
            "zh": (r"被害人",),
        },
    ),
    (
        "untoc/art_26",
        {
            "ru": (r"сотрудничеств\w*\s+с\s+правоохранительн",),
            "en": (r"cooperat\w* with law enforcement",),
            "fr": (r"coopérer avec les services de détection",),
            "es": (r"cooperar con las autoridades encargadas",),
        },
    ),
    (
        "untoc/art_27",
        {
            "ru": (r"межучрежден", r"целев\w*\s+групп"),
            "en": (r"task forces?", r"inter-?agency task"),
            "fr": (r"équipes? spéciales?",),
            "es": (r"equipos? de tareas", r"grupos? de tareas"),
            "ar": (r"فرق عمل",),
            "zh": (r"工作队",),
        },
    ),
    (
        "untoc/art_28",
        {
            "ru": (r"криминальн\w*\s+угроз", r"оценк\w*\s+угроз"),
            "en": (r"threat assessment", r"assess\w* (?:the )?(?:criminal )?threat"),
            "fr": (r"évaluation de la menace", r"menace criminelle"),
            "es": (r"evaluación de la amenaza", r"amenaza delictiva"),
            "ar": (r"تقييم التهديد",),
            "zh": (r"威胁评估",),
        },
    ),
    (
        "untoc/art_29",
        {
            "ru": (r"техническ\w*\s+помощ", r"подготовк", r"наращивани\w*\s+потенциал", r"обучени"),
            "en": (r"technical assistance", r"capacity", r"training"),
            "fr": (r"assistance technique", r"renforcement des capacités", r"(?<!\w)formation"),
            "es": (r"asistencia técnica", r"capacidad", r"capacitación"),
            "ar": (r"المساعدة التقنية", r"بناء القدرات", r"التدريب"),
            "zh": (r"技术援助", r"能力建设", r"培训"),
        },
    ),
    (
        "untoc/art_30",
        {
            "ru": (r"техническ\w*\s+помощ", r"выделять\s+ресурс", r"донор"),
            "en": (r"technical assistance", r"allocate resources", r"donors?"),
            "fr": (r"assistance technique", r"allouer des ressources", r"donateurs"),
            "es": (r"asistencia técnica", r"asignar recursos", r"donantes"),
            "ar": (r"المساعدة التقنية",),
            "zh": (r"技术援助",),
        },
    ),
    (
        "untoc/art_31",
        {
            "ru": (r"осведомленност\w*\s+населени", r"предупреждени\w*\s+транснациональн"),
            "en": (r"public awareness", r"prevent\w* transnational organized crime"),
            "fr": (r"sensibilis\w*\s+(?:davantage\s+)?(?:le\s+)?public", r"prévention"),
            "es": (r"sensibiliza\w*\s+(?:al\s+)?público", r"prevención"),
        },
    ),
    (
        "untoc/art_34",
        {
            "ru": (
                r"согласовани\w*\s+(?:\w+\s+){0,2}законодательств",
                r"приведени\w*\s+(?:\w+\s+){0,2}законодательств",
            ),
            "en": (r"(?:harmoni[sz]\w*|align\w*|bring\w* into line)\s+(?:\S+\s+){0,3}legislation",),
            "fr": (r"(?:harmonis\w*|align\w*|mise en conformité)\s+(?:\S+\s+){0,3}législation",),
            "es": (r"(?:armoniza\w*|ajuste|adecua\w*)\s+(?:\S+\s+){0,3}legislación",),
        },
    ),
)


@lru_cache(maxsize=256)
def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive alternation per stem list."""
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


def _stems(table: dict[str, tuple[str, ...]], language: str | None) -> tuple[str, ...]:
    """Stems for ``language``; all languages when it is unknown."""
    if language and language in table:
        return table[language]
    return tuple(stem for stems in table.values() for stem in stems)


def _normalise(text: str) -> str:
    """Lower-case with straight apostrophes, like the stems."""
    return text.lower().replace("\u2019", "'")


def suggest_themes(text: str, language: str | None = None) -> list[str]:
    """Themes whose keywords occur in ``text``, in the fixed order of :data:`THEMES`."""
    lowered = _normalise(text)
    out: list[str] = []
    for theme in THEMES:
        stems = _stems(THEME_KEYWORDS[theme], language)
        if stems and _compiled(stems).search(lowered):
            out.append(theme)
    return out


def suggest_articles(text: str, language: str | None = None) -> list[str]:
    """Catalogue references (e.g. ``untoc/art_24``) suggested by keyword rules."""
    lowered = _normalise(text)
    out: list[str] = []
    for reference, table in ARTICLE_RULES:
        stems = _stems(table, language)
        if stems and _compiled(stems).search(lowered) and reference not in out:
            out.append(reference)
    return out
