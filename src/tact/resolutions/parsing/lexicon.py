"""Multilingual words that structure UN resolutions: verbs, addressees, headings.

UN bodies write resolutions in a fixed register (third-person verbs for operative
paragraphs, participles for the preamble), so a small hand-made lexicon recognises most
of them reliably; anything it misses degrades to an empty verb rather than a wrong one.
Phrases are matched longest first, so "с удовлетворением отмечая" wins over "отмечая".
All phrases are lower-case and use the straight apostrophe.
"""

from __future__ import annotations

from typing import Final

# --------------------------------------------------------------------------------------
# Operative verbs: phrase -> normalised action. Past forms are included because reports
# of subsidiary bodies ("The Working Group recommended ...") reuse the same structure.
# --------------------------------------------------------------------------------------
OPERATIVE_VERBS: Final[dict[str, dict[str, str]]] = {
    "ru": {
        "одобряет": "endorse",
        "одобрила": "endorse",
        "одобрил": "endorse",
        "поддерживает": "support",
        "поддержала": "support",
        "вновь подтверждает": "reaffirm",
        "подтверждает": "reaffirm",
        "подтвердила": "reaffirm",
        "подтвердил": "reaffirm",
        "настоятельно призывает": "urge",
        "призывает": "call_upon",
        "призвала": "call_upon",
        "призвал": "call_upon",
        "просит": "request",
        "просила": "request",
        "просил": "request",
        "поручает": "request",
        "предлагает": "invite",
        "предложила": "invite",
        "предложил": "invite",
        "постановляет": "decide",
        "постановила": "decide",
        "постановил": "decide",
        "решает": "decide",
        "настоятельно рекомендует": "recommend",
        "рекомендует": "recommend",
        "рекомендовала": "recommend",
        "рекомендовал": "recommend",
        "приветствует": "welcome",
        "приветствовала": "welcome",
        "поощряет": "encourage",
        "рекомендует продолжать": "recommend",
        "принимает к сведению": "note",
        "с удовлетворением отмечает": "note",
        "с признательностью отмечает": "note",
        "отмечает": "note",
        "отметила": "note",
        "утверждает": "approve",
        "принимает": "adopt",
        "подчеркивает": "emphasize",
        "признает": "recognize",
        "выражает": "express",
        "напоминает": "recall",
        "ссылается": "recall",
        "считает": "consider",
    },
    "en": {
        "endorses": "endorse",
        "endorsed": "endorse",
        "reaffirms": "reaffirm",
        "reaffirmed": "reaffirm",
        "reiterates": "reaffirm",
        "calls upon": "call_upon",
        "calls on": "call_upon",
        "called upon": "call_upon",
        "called on": "call_upon",
        "strongly urges": "urge",
        "urges": "urge",
        "urged": "urge",
        "requests": "request",
        "requested": "request",
        "invites": "invite",
        "invited": "invite",
        "decides": "decide",
        "decided": "decide",
        "recommends": "recommend",
        "recommended": "recommend",
        "welcomes": "welcome",
        "welcomed": "welcome",
        "encourages": "encourage",
        "encouraged": "encourage",
        "takes note": "note",
        "took note": "note",
        "notes": "note",
        "noted": "note",
        "approves": "approve",
        "approved": "approve",
        "adopts": "adopt",
        "adopted": "adopt",
        "emphasizes": "emphasize",
        "emphasises": "emphasize",
        "stresses": "emphasize",
        "underlines": "emphasize",
        "recognizes": "recognize",
        "recognises": "recognize",
        "expresses": "express",
        "recalls": "recall",
        "supports": "support",
        "considers": "consider",
    },
    "fr": {
        "approuve": "endorse",
        "fait siennes": "endorse",
        "fait sienne": "endorse",
        "fait siens": "endorse",
        "souscrit": "endorse",
        "réaffirme": "reaffirm",
        "engage vivement": "urge",
        "prie instamment": "urge",
        "demande instamment": "urge",
        "exhorte": "urge",
        "engage": "call_upon",
        "demande": "call_upon",
        "prie": "request",
        "invite": "invite",
        "décide": "decide",
        "recommande": "recommend",
        "se félicite": "welcome",
        "accueille avec satisfaction": "welcome",
        "salue": "welcome",
        "encourage": "encourage",
        "prend note": "note",
        "prend acte": "note",
        "note": "note",
        "adopte": "adopt",
        "souligne": "emphasize",
        "reconnaît": "recognize",
        "reconnait": "recognize",
        "exprime": "express",
        "rappelle": "recall",
        "appuie": "support",
        "considère": "consider",
        "estime": "consider",
    },
    "es": {
        "hace suyas": "endorse",
        "hace suyos": "endorse",
        "hace suya": "endorse",
        "hace suyo": "endorse",
        "respalda": "endorse",
        "reafirma": "reaffirm",
        "insta encarecidamente": "urge",
        "insta": "urge",
        "exhorta": "call_upon",
        "pide": "request",
        "solicita": "request",
        "invita": "invite",
        "decide": "decide",
        "recomienda": "recommend",
        "acoge con beneplácito": "welcome",
        "acoge con satisfacción": "welcome",
        "celebra": "welcome",
        "alienta": "encourage",
        "toma nota": "note",
        "observa": "note",
        "aprueba": "approve",
        "adopta": "adopt",
        "destaca": "emphasize",
        "subraya": "emphasize",
        "reconoce": "recognize",
        "expresa": "express",
        "recuerda": "recall",
        "apoya": "support",
        "considera": "consider",
    },
    "ar": {
        "تؤيد": "endorse",
        "تعيد تأكيد": "reaffirm",
        "تؤكد من جديد": "reaffirm",
        "تهيب": "call_upon",
        "تحث": "urge",
        "تطلب": "request",
        "تدعو": "invite",
        "تقرر": "decide",
        "توصي": "recommend",
        "ترحب": "welcome",
        "تشجع": "encourage",
        "تحيط علما": "note",
        "تلاحظ": "note",
        "تعتمد": "adopt",
    },
    "zh": {
        "核可": "endorse",
        "赞同": "endorse",
        "重申": "reaffirm",
        "吁请": "call_upon",
        "敦促": "urge",
        "请": "request",
        "邀请": "invite",
        "决定": "decide",
        "建议": "recommend",
        "欢迎": "welcome",
        "鼓励": "encourage",
        "注意到": "note",
        "通过": "adopt",
    },
}

# --------------------------------------------------------------------------------------
# Preambular participles: phrase -> normalised action.
# --------------------------------------------------------------------------------------
PREAMBLE_VERBS: Final[dict[str, dict[str, str]]] = {
    "ru": {
        "с удовлетворением отмечая": "note",
        "с признательностью отмечая": "note",
        "с озабоченностью отмечая": "note",
        "отмечая": "note",
        "принимая к сведению": "note",
        "ссылаясь": "recall",
        "напоминая": "recall",
        "признавая": "recognize",
        "сознавая": "recognize",
        "отдавая себе отчет": "recognize",
        "с удовлетворением приветствуя": "welcome",
        "приветствуя": "welcome",
        "учитывая": "consider",
        "принимая во внимание": "consider",
        "памятуя": "consider",
        "считая": "consider",
        "вновь подтверждая": "reaffirm",
        "подтверждая": "reaffirm",
        "подчеркивая": "emphasize",
        "выражая": "express",
        "будучи глубоко обеспокоена": "concerned",
        "будучи обеспокоена": "concerned",
        "будучи убеждена": "convinced",
        "будучи убежден": "convinced",
        "желая": "desire",
    },
    "en": {
        "noting with satisfaction": "note",
        "noting with appreciation": "note",
        "noting with concern": "note",
        "noting": "note",
        "taking note": "note",
        "recalling": "recall",
        "guided by": "recall",
        "recognizing": "recognize",
        "recognising": "recognize",
        "acknowledging": "recognize",
        "aware": "recognize",
        "conscious": "recognize",
        "welcoming": "welcome",
        "considering": "consider",
        "bearing in mind": "consider",
        "mindful": "consider",
        "taking into account": "consider",
        "having considered": "consider",
        "reaffirming": "reaffirm",
        "emphasizing": "emphasize",
        "emphasising": "emphasize",
        "stressing": "emphasize",
        "underlining": "emphasize",
        "expressing": "express",
        "convinced": "convinced",
        "deeply concerned": "concerned",
        "concerned": "concerned",
        "alarmed": "concerned",
        "desiring": "desire",
    },
    "fr": {
        "notant avec satisfaction": "note",
        "notant avec préoccupation": "note",
        "notant": "note",
        "prenant note": "note",
        "rappelant": "recall",
        "reconnaissant": "recognize",
        "consciente": "recognize",
        "se félicitant": "welcome",
        "accueillant avec satisfaction": "welcome",
        "considérant": "consider",
        "ayant à l'esprit": "consider",
        "tenant compte": "consider",
        "réaffirmant": "reaffirm",
        "soulignant": "emphasize",
        "insistant": "emphasize",
        "exprimant": "express",
        "convaincue": "convinced",
        "profondément préoccupée": "concerned",
        "préoccupée": "concerned",
        "désireuse": "desire",
    },
    "es": {
        "observando con satisfacción": "note",
        "tomando nota con satisfacción": "note",
        "tomando nota con aprecio": "note",
        "tomando nota": "note",
        "observando": "note",
        "recordando": "recall",
        "reconociendo": "recognize",
        "consciente": "recognize",
        "acogiendo con beneplácito": "welcome",
        "acogiendo con satisfacción": "welcome",
        "considerando": "consider",
        "teniendo presente": "consider",
        "teniendo en cuenta": "consider",
        "reafirmando": "reaffirm",
        "destacando": "emphasize",
        "subrayando": "emphasize",
        "poniendo de relieve": "emphasize",
        "expresando": "express",
        "convencida": "convinced",
        "profundamente preocupada": "concerned",
        "preocupada": "concerned",
        "deseosa": "desire",
    },
    "ar": {
        "وإذ تلاحظ": "note",
        "إذ تلاحظ": "note",
        "إذ يلاحظ": "note",
        "وإذ تشير": "recall",
        "إذ تشير": "recall",
        "إذ يشير": "recall",
        "وإذ تسلم": "recognize",
        "إذ تسلم": "recognize",
        "إذ ترحب": "welcome",
        "وإذ ترحب": "welcome",
        "إذ تضع في اعتبارها": "consider",
        "إذ تؤكد من جديد": "reaffirm",
    },
    "zh": {
        "注意到": "note",
        "回顾": "recall",
        "认识到": "recognize",
        "欢迎": "welcome",
        "考虑到": "consider",
        "铭记": "consider",
        "重申": "reaffirm",
        "强调": "emphasize",
        "深信": "convinced",
        "关切": "concerned",
    },
}

#: Adverbs that may precede a verb ("Also requests", "Further recalling") and are skipped.
VERB_MODIFIERS: Final[dict[str, tuple[str, ...]]] = {
    "ru": ("также", "далее", "кроме того", "в этой связи", "в связи с этим"),
    "en": ("also", "further", "furthermore", "in this regard", "in that regard", "moreover"),
    "fr": ("également", "aussi", "en outre", "à cet égard", "de plus"),
    "es": ("también", "asimismo", "además", "a este respecto", "en este sentido"),
    "ar": ("كذلك", "أيضا"),
    "zh": ("还", "又", "也"),
}

#: Conjunctions after which a second verb counts ("... and calls upon States ...").
VERB_CONJUNCTIONS: Final[dict[str, tuple[str, ...]]] = {
    "ru": ("и", "а также"),
    "en": ("and",),
    "fr": ("et",),
    "es": ("y", "e"),
    "ar": (),
    "zh": ("并", "并且"),
}

#: Actions whose object is someone who should act, i.e. where addressees are meaningful.
ADDRESSEE_ACTIONS: Final[frozenset[str]] = frozenset(
    {"call_upon", "urge", "request", "invite", "encourage", "recommend"}
)

# --------------------------------------------------------------------------------------
# Addressees: regular expressions (matched case-insensitively) per category.
# --------------------------------------------------------------------------------------
ADDRESSEE_PATTERNS: Final[dict[str, tuple[str, ...]]] = {
    "states": (
        r"государств",
        r"\bстран",
        r"\bstates?\b",
        r"\bcountries\b",
        r"\bgovernments\b",
        r"\bétats?\b",
        r"\bgouvernements\b",
        r"\bpays\b",
        r"\bestados?\b",
        r"\bpaíses\b",
        r"\bgobiernos\b",
        r"الدول",
        r"各国",
        r"国家",
    ),
    "secretariat": (
        r"секретариат",
        r"\bsecretariat\b",
        r"secrétariat",
        r"secretaría",
        r"الأمانة",
        r"秘书处",
    ),
    "donors": (
        r"донор",
        r"\bdonors?\b",
        r"donateurs?",
        r"bailleurs de fonds",
        r"donantes?",
        r"المانح",
        r"捐助",
    ),
    "international_organizations": (
        r"международн\w*\s+(?:и\s+региональн\w*\s+)?организац",
        r"межправительственн\w*\s+организац",
        r"\binternational\s+(?:and\s+regional\s+)?organi[sz]ations?",
        r"\bintergovernmental\s+organi[sz]ations?",
        r"organisations?\s+(?:intergouvernementales?|internationales?)",
        r"organizaciones?\s+(?:intergubernamentales?|internacionales?)",
        r"المنظمات الدولية",
        r"国际组织",
    ),
    "regional_organizations": (
        r"региональн\w*\s+организац",
        r"\bregional\s+organi[sz]ations?",
        r"organisations?\s+(?:internationales?\s+et\s+)?régionales?",
        r"organizaciones?\s+(?:internacionales?\s+y\s+)?regionales?",
        r"المنظمات الإقليمية",
        r"区域组织",
    ),
    "working_group": (
        r"рабоч\w*\s+групп",
        r"\bworking group",
        r"groupe de travail",
        r"grupo de trabajo",
        r"الفريق العامل",
        r"工作组",
    ),
    "conference": (
        r"конференци",
        r"\bconference\b",
        r"\bconférence\b",
        r"\bconferencia\b",
        r"المؤتمر",
        r"缔约方会议",
    ),
    "unodc": (
        r"управлени\w*\s+организации\s+объединенных\s+наций\s+по\s+наркотикам",
        r"\bюнодк\b",
        r"\bunodc\b",
        r"\bonudc\b",
        r"office on drugs and crime",
        r"office des nations unies contre la drogue",
        r"oficina de las naciones unidas contra la droga",
        r"مكتب الأمم المتحدة المعني بالمخدرات",
        r"毒品和犯罪问题办公室",
    ),
    "civil_society": (
        r"гражданск\w*\s+обществ",
        r"неправительственн",
        r"частн\w*\s+сектор",
        r"civil society",
        r"non-governmental",
        r"\bngos?\b",
        r"private sector",
        r"société civile",
        r"non gouvernementales",
        r"secteur privé",
        r"sociedad civil",
        r"no gubernamentales",
        r"sector privado",
        r"المجتمع المدني",
        r"民间社会",
    ),
}

#: Where the object of an operative verb ends: an infinitive, a linking word, a colon.
ADDRESS_CLAUSE_END: Final[dict[str, tuple[str, ...]]] = {
    "ru": (
        r"[:;]",
        r"\s+с\s+целью\b",
        r"\s+в\s+целях\b",
        r"\s+чтобы\b",
        r"\s+[а-яё]+(?:ть|ти|чь)(?:ся|сь)?(?![а-яё])",
    ),
    "en": (r"[:;]", r"\s+to\s", r"\s+that\s", r"\s+with a view\b"),
    "fr": (r"[:;]", r"\s+à\s", r"\s+d'", r"\s+de\s", r"\s+pour\s", r"\s+afin\b"),
    "es": (r"[:;]", r"\s+a\s+que\s", r"\s+que\s", r"\s+a\s+(?=\w+(?:ar|er|ir)\b)", r"\s+para\s"),
    "ar": (r"[:;]", r"\s+على\s+أن\s", r"\s+أن\s"),
    "zh": (r"[:;：；，,]",),
}

#: Maximum number of words after a verb that may still name who is addressed.
ADDRESS_CLAUSE_MAX_WORDS: Final[int] = 15

# --------------------------------------------------------------------------------------
# Headings and formulae.
# --------------------------------------------------------------------------------------
ANNEX_HEADING: Final[str] = (
    r"^(?:приложение|annex|annexe|anexo|المرفق|附件)"
    r"(?:\s+(?:[ivxlc]+|\d+|[a-zа-я]))?\s*[.:]?$"
)

#: Opening words of the sentence naming the adopting body.
BODY_OPENING: Final[str] = (
    r"^(?:the\s+|la\s+|el\s+|l'\s*|le\s+|إن\s+)?"
    r"(?:conference|general assembly|economic and social council|commission|council"
    r"|working group|security council|human rights council"
    r"|conférence|assemblée|conseil|commission|groupe de travail"
    r"|conferencia|asamblea|consejo|comisión|grupo de trabajo"
    r"|конференция|генеральная ассамблея|экономический и социальный совет|комиссия|совет"
    r"|рабочая группа|مؤتمر|الجمعية العامة|المجلس|اللجنة|缔约方会议|大会|委员会|理事会)"
)

#: "Resolution 6/3", "Решение 4/3", "6/3." at the head of a document.
NUMBER_HEADING: Final[str] = (
    r"^(?:(?P<kind>resolution|decision|резолюция|решение|résolution|décision|resolución"
    r"|decisión|القرار|المقرر|决议|决定)\s*)?(?P<number>\d{1,3}/\d{1,3})\s*[.:]?\s*(?P<rest>.*)$"
)

DECISION_WORDS: Final[tuple[str, ...]] = (
    "decision",
    "решение",
    "décision",
    "decisión",
    "المقرر",
    "决定",
)

#: UN document symbols such as CTOC/COP/2012/15, A/RES/55/25, E/CN.15/2012/L.5.
UN_SYMBOL: Final[str] = (
    r"\b(?:A|E|S|CTOC|CAC|UNODC|ST)(?:/[A-Z][A-Za-z0-9.]*)+(?:/[0-9][A-Za-z0-9.]*)+"
)

#: Frequent words per Latin-script language, used to tell English, French, Spanish apart.
LANGUAGE_STOPWORDS: Final[dict[str, frozenset[str]]] = {
    "en": frozenset(
        {
            "the",
            "and",
            "of",
            "to",
            "for",
            "with",
            "on",
            "that",
            "by",
            "its",
            "states",
            "is",
            "which",
        }
    ),
    "fr": frozenset(
        {
            "les",
            "des",
            "et",
            "du",
            "aux",
            "sur",
            "pour",
            "le",
            "une",
            "au",
            "qui",
            "à",
            "dans",
            "états",
            "sa",
        }
    ),
    "es": frozenset(
        {
            "los",
            "las",
            "el",
            "y",
            "del",
            "para",
            "con",
            "que",
            "por",
            "una",
            "al",
            "estados",
            "sus",
            "su",
        }
    ),
}
