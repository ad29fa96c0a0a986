"""Multilingual concept lexicon for the Convention (UNTOC) and its three Protocols.

Why this exists: the Convention is read in English while national laws are in French,
Spanish, Russian, Arabic ... so word overlap between a Convention article and a national
article is close to zero across languages.  Each concept below groups the words a drafter
would use, in each language, for one legal notion the instruments rely on ("laundering" =
blanchiment = lavado de activos = отмывание = غسل).  Both the Convention provision and the
national provisions are mapped onto these concept ids, so they can be compared in one space,
and the matched concepts are shown to the reviewer as the reason for a suggestion.

Rules for editing (the list is meant to be read and extended by legal reviewers):

* terms are ordinary legal vocabulary, written naturally and separated by ';' - they are
  normalised and stemmed with the same analyser as the texts, so inflections mostly take care
  of themselves (list irregular forms, e.g. Russian 'людьми' / 'людей', separately);
* a multi-word term matches when its words occur in order with at most one or two other words
  between them ('tráfico de migrantes' also matches 'tráfico ilícito de migrantes');
* never add a word because it appears in one particular national provision: add it because it
  is how that language's legislation generally expresses the notion;
* a concept id is stable (stored with reviewer decisions); change labels and terms freely.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CONCEPTS", "Concept", "concept_by_id"]


@dataclass(frozen=True, slots=True)
class Concept:
    """A legal notion with its surface terms per language (two-letter codes)."""

    id: str
    label: str
    terms: dict[str, tuple[str, ...]]


def _c(cid: str, label: str, **terms: str) -> Concept:
    return Concept(
        id=cid,
        label=label,
        terms={
            lang: tuple(t.strip() for t in raw.split(";") if t.strip())
            for lang, raw in terms.items()
        },
    )


CONCEPTS: tuple[Concept, ...] = (
    # --- organized crime: participation, conspiracy (UNTOC arts 2, 5) ---------------------
    _c(
        "organized_criminal_group",
        "Organized criminal group",
        en="organized criminal group; organized crime; criminal organization; criminal "
        "enterprise; racketeering; racketeer influenced; criminal group; organized group",
        fr="association de malfaiteurs; bande organisée; criminalité organisée; organisation "
        "criminelle; groupe criminel organisé; groupement formé",
        es="grupo delictivo organizado; crimen organizado; delincuencia organizada; "
        "criminalidad organizada; asociación ilícita; asociación para delinquir; "
        "organización criminal; organización delictiva; grupo criminal organizado",
        ru="организованная преступная группа; организованной группой; преступное сообщество; "
        "преступная организация; организованная преступность",
        ar="جماعة إجرامية منظمة; الجريمة المنظمة; عصابة; منظمة إجرامية; جمعية أشرار; عصابة إجرامية",
    ),
    _c(
        "structured_group",
        "Structured group of three or more persons",
        en="three or more persons; structured group; acting in concert; period of time; "
        "two or more persons",
        fr="plusieurs personnes; trois personnes ou plus; entente établie; groupement",
        es="tres o más personas; grupo estructurado; actúe concertadamente; cierto tiempo; "
        "dos o más personas",
        ru="трех или более лиц; структурно оформленная группа; группой лиц; "
        "действующая согласованно",
        ar="ثلاثة أشخاص أو أكثر; جماعة ذات هيكل تنظيمي; بصورة متضافرة",
    ),
    _c(
        "conspiracy_agreement",
        "Agreement / conspiracy to commit a crime",
        en="conspiracy; conspire; conspires; agreeing with one or more other persons; "
        "agreement to commit",
        fr="entente; complot; concertation",
        es="concierto; confabulación; conspiración; concertaren; acuerdo para cometer",
        ru="сговор; предварительный сговор; договоренность",
        ar="اتفاق جنائي; تآمر; الاتفاق",
    ),
    _c(
        "participation",
        "Participation / membership",
        en="participation; participate; participates; take part; takes an active part; "
        "member; membership; associate with",
        fr="participation; participer; participe; membre; faire partie",
        es="participación; participare; participe; miembro; formar parte",
        ru="участие; участвовать; участник; участия",
        ar="مشاركة; يشارك; الانضمام; عضو; المشاركة",
    ),
    _c(
        "organizing_directing",
        "Organizing or directing",
        en="organizing, directing; organizing or directing; organizes or directs; "
        "leader; leadership; organizer, a supervisory position; supervisory position",
        fr="diriger; dirige; organisateur; dirigeant; organisé ou dirigé",
        es="dirigir; dirigiere; dirigente; jefe; promoviere; cabecilla",
        ru="создание; руководство; руководитель; организатор",
        ar="تنظيم; إدارة; توجيه; قيادة; تزعم",
    ),
    _c(
        "serious_crime",
        "Serious crime",
        en="serious crime; serious offense; felony; crime of violence",
        fr="crime ou délit; crimes ou délits; délit puni; punis d'au moins cinq ans",
        es="delito grave; delitos graves; crimen; penitenciaría",
        ru="тяжкое преступление; особо тяжкое преступление; серьезное преступление; "
        "тяжких преступлений",
        ar="جريمة خطيرة; جناية; الجنايات",
    ),
    _c(
        "financial_benefit",
        "Financial or other material benefit",
        en="financial or other material benefit; financial gain; material benefit; "
        "commercial advantage; private financial gain; profit",
        fr="avantage financier; avantage matériel; contrepartie directe ou indirecte; profit; "
        "but lucratif",
        es="beneficio económico; beneficio material; beneficio financiero; provecho; lucro; "
        "ánimo de lucro; provecho económico",
        ru="финансовая выгода; материальная выгода; корыстных целях; корыстной "
        "заинтересованности; выгоды",
        ar="منفعة مالية; منفعة مادية; الربح; الكسب المالي",
    ),
    _c(
        "aiding_abetting",
        "Aiding, abetting, complicity",
        en="aiding; abetting; aids; abets; accomplice; complicity; facilitating; "
        "counselling; counsels; procures",
        fr="complicité; complice; complices; aide ou assistance; faciliter; facilite; "
        "facilité; instigation",
        es="complicidad; cómplice; cómplices; coautor; instigación; facilitare; facilitar; asista",
        ru="пособничество; соучастие; соучастник; подстрекательство; содействие",
        ar="المساعدة; التحريض; الاشتراك; شريك; تسهيل; المساهمة",
    ),
    _c(
        "attempt",
        "Attempt",
        en="attempt; attempts; attempting; attempted",
        fr="tentative; tenté; tente de",
        es="tentativa; intentare; intento",
        ru="покушение; покушения",
        ar="الشروع; شروع; محاولة",
    ),
    _c(
        "knowledge_intent",
        "Knowledge, intent or purpose",
        en="knowing; knowingly; knowledge; intent; intentionally; reckless disregard; "
        "wilfully; willfully",
        fr="sciemment; en connaissance de cause; intention; volontairement; sachant",
        es="a sabiendas; intencionalmente; dolo; doloso; con conocimiento de",
        ru="умышленно; заведомо; умысел; умышленные",
        ar="عمدا; عن علم; قصد; عمد",
    ),
    _c(
        "objective_circumstances",
        "Inference from objective factual circumstances",
        en="inferred from objective factual circumstances; presumption; presumed; inference",
        fr="présumés; présumé; présomption; circonstances objectives; circonstances de fait",
        es="circunstancias objetivas; circunstancias fácticas; presunción; presume; indicios; "
        "inferirse",
        ru="объективных фактических обстоятельств; презумпция; предполагается",
        ar="الظروف الوقائعية الموضوعية; قرينة; يستدل",
    ),
    _c(
        "definitions",
        "Use of terms / definitions",
        en="use of terms; definitions; shall mean; the term; as used in this",
        fr="on entend par; au sens du présent; définitions; est constitué par",
        es="se entiende por; se entenderá por; a los efectos de; definiciones; definición",
        ru="понимается; означает; определения; используемые термины",
        ar="يقصد ب; تعاريف; المصطلحات المستخدمة",
    ),
    # --- laundering (UNTOC arts 6, 7) -----------------------------------------------------
    _c(
        "laundering",
        "Laundering of proceeds of crime",
        en="laundering; money laundering; launder; launders; laundered",
        fr="blanchiment; blanchir; blanchi",
        es="lavado de activos; lavado de dinero; lavado; blanqueo; legitimación de capitales",
        ru="отмывание; отмыванию; отмывания; легализация; легализации",
        ar="غسل الأموال; غسل; تبييض الأموال; تبييض",
    ),
    _c(
        "proceeds_of_crime",
        "Proceeds of crime / illicit origin",
        en="proceeds of crime; proceeds; criminally derived property; illicit origin; "
        "unlawful activity; derived from; illegal origin; specified unlawful activity",
        fr="produit direct ou indirect; produit du crime; produit de l'infraction; provenance "
        "illicite; origine illicite; origine des biens ou des revenus; produit",
        es="producto del delito; productos; provengan; provenientes de; origen ilícito; "
        "procedencia ilícita; producto",
        ru="доходы от преступлений; доходов; преступным путем; незаконное происхождение; "
        "полученные преступным путем",
        ar="عائدات الجرائم; عائدات إجرامية; عائدات; متحصلات; مصدر غير مشروع; المتحصلات",
    ),
    _c(
        "property_assets",
        "Property, assets, funds",
        en="property; assets; funds; monetary instrument; monetary instruments",
        fr="biens; fonds; avoirs; capitaux; revenus",
        es="bienes; fondos; capitales; dinero",
        ru="имущество; имущества; денежные средства; активы",
        ar="ممتلكات; أموال; أصول; الأموال",
    ),
    _c(
        "conversion_transfer",
        "Conversion or transfer of property",
        en="conversion; convert; converts; financial transaction; monetary transaction; "
        "transaction; placement; transfer of property",
        fr="conversion; convertir; opération de placement; transfert de fonds",
        es="conversión; convierta; convirtiere; transfiera; transfiriere; transferencia; "
        "transacción; transacciones",
        ru="преобразование; финансовые операции; сделки; финансовых операций",
        ar="تحويل; إحالة; معاملة مالية; معاملات",
    ),
    _c(
        "concealment_disguise",
        "Concealment or disguise of nature, source, ownership",
        en="conceal; concealment; concealing; disguise; disguising; true nature; source; "
        "ownership; control of the proceeds",
        fr="dissimulation; dissimuler; justification mensongère; déguiser; origine",
        es="ocultamiento; oculte; ocultare; ocultar; encubrir; encubrimiento; disimular; "
        "origen; ubicación",
        ru="сокрытие; утаивание; маскировка; скрывать; происхождение; местонахождение",
        ar="إخفاء; تمويه; طبيعة; مصدر",
    ),
    _c(
        "acquisition_possession_use",
        "Acquisition, possession or use",
        en="acquisition; acquire; acquires; possession; possess; possesses; use of property",
        fr="acquisition; acquérir; détention; détenir",
        es="adquisición; adquiera; adquiriere; posea; poseyere; posesión; tenga en su poder",
        ru="приобретение; владение; пользование; использование",
        ar="اكتساب; حيازة; استخدام",
    ),
    _c(
        "predicate_offence",
        "Predicate offence",
        en="predicate offence; predicate offense; specified unlawful activity; underlying "
        "offense; racketeering activity",
        fr="infraction principale; infraction d'origine; crime ou délit d'origine",
        es="actividades delictivas precedentes; delito precedente; delitos precedentes; "
        "actividad delictiva precedente; delito subyacente",
        ru="предикатное преступление; основное правонарушение",
        ar="الجرم الأصلي; جريمة أصلية",
    ),
    _c(
        "self_laundering",
        "Self-laundering (author of the predicate offence)",
        en="persons who committed the predicate offence; self-laundering",
        fr="auteur de l'infraction principale",
        es="autolavado; hubiere cometido alguna de las actividades delictivas",
        ru="самоотмывание; лицом, совершившим основное",
        ar="مرتكب الجرم الأصلي",
    ),
    _c(
        "offence_abroad",
        "Offence committed abroad / outside the jurisdiction",
        en="committed outside; outside the jurisdiction; abroad; foreign country; extraterritorial",
        fr="commis à l'étranger; hors du territoire; à l'étranger",
        es="cometida en el extranjero; en el extranjero; fuera del territorio",
        ru="за пределами; за границей; вне пределов",
        ar="خارج الإقليم; في الخارج",
    ),
    _c(
        "aml_regime",
        "Anti-money-laundering regime (due diligence, reporting, FIU)",
        en="customer identification; due diligence; suspicious transactions; suspicious "
        "activity; financial intelligence unit; reporting; record-keeping; currency "
        "transaction report",
        fr="déclaration de soupçon; vigilance; cellule de renseignement financier; tracfin; "
        "identification de la clientèle",
        es="operaciones sospechosas; debida diligencia; unidad de información y análisis "
        "financiero; unidad de inteligencia financiera; reporte; sujetos obligados",
        ru="подозрительные операции; надлежащая проверка клиентов; подразделение финансовой "
        "разведки; обязательному контролю",
        ar="المعاملات المشبوهة; وحدة الاستخبارات المالية; العناية الواجبة; الإبلاغ",
    ),
    _c(
        "cash_border",
        "Cross-border movement of cash and negotiable instruments",
        en="cross-border transfer of cash; negotiable instruments; bearer; currency; "
        "transport of cash",
        fr="transferts physiques de capitaux; espèces; titres au porteur",
        es="transporte transfronterizo; dinero en efectivo; instrumentos negociables; "
        "títulos al portador",
        ru="перемещение наличных; наличные денежные средства; оборотные инструменты",
        ar="نقل النقد عبر الحدود; النقد; الصكوك القابلة للتداول",
    ),
    # --- corruption (UNTOC arts 8, 9) -----------------------------------------------------
    _c(
        "corruption_bribery",
        "Corruption / bribery",
        en="corruption; corruptly; corrupt; bribery; bribe; bribes; graft",
        fr="corruption; corrompre; trafic d'influence",
        es="corrupción; cohecho; soborno; sobornare; concusión; tráfico de influencias",
        ru="коррупция; подкуп; взятка; взятки; взяточничество; коммерческий подкуп",
        ar="فساد; رشوة; ارتشاء; الرشوة; الفساد",
    ),
    _c(
        "public_official",
        "Public official",
        en="public official; public officials; public servant; officer or employee; "
        "member of congress; official act",
        fr="personne dépositaire de l'autorité publique; chargée d'une mission de service "
        "public; mandat électif public; agent public; fonctionnaire",
        es="funcionario público; funcionarios públicos; empleado público; servidor público",
        ru="должностное лицо; должностному лицу; публичное должностное лицо; "
        "государственный служащий",
        ar="موظف عمومي; موظف عام; الموظفين العموميين; الموظف العام",
    ),
    _c(
        "foreign_official",
        "Foreign public official / international civil servant",
        en="foreign public official; international civil servant; foreign official; public "
        "international organization; foreign government",
        fr="agent public étranger; état étranger; organisation internationale publique; "
        "fonctionnaire international; cour pénale internationale",
        es="funcionario público extranjero; otro estado; organización internacional; "
        "transnacional; funcionario extranjero; organismo internacional",
        ru="иностранное должностное лицо; международной организации; иностранного государства",
        ar="موظف عمومي أجنبي; موظف مؤسسة دولية عمومية; دولة أجنبية",
    ),
    _c(
        "undue_advantage",
        "Undue advantage",
        en="undue advantage; anything of value; advantage; gift; gifts; thing of value",
        fr="offres; promesses; dons; avantages quelconques; avantage",
        es="dádiva; ventaja; beneficio indebido; retribución; dinero; promesa",
        ru="неправомерное преимущество; выгода; вознаграждение; подарок",
        ar="مزية غير مستحقة; عطية; هدية; منفعة",
    ),
    _c(
        "active_bribery",
        "Promise, offer or giving (active bribery)",
        en="promise; offer; offering; offers; give; giving; gives; promises",
        fr="proposer; propose; offrir; céder aux sollicitations; donner",
        es="ofrecer; ofreciere; ofrezca; otorgare; otorgue; prometa; prometiere; diere",
        ru="дача; предложение; обещание; дачу",
        ar="وعد; عرض; منح; الوعد",
    ),
    _c(
        "passive_bribery",
        "Solicitation or acceptance (passive bribery)",
        en="solicitation; acceptance; solicit; solicits; accept; accepts; demands; seeks; "
        "receives; agrees to receive",
        fr="solliciter; sollicite; agréer; agrée; accepter",
        es="solicitare, aceptare; aceptare; recibiere",
        ru="получение взятки; вымогательство взятки; принятие",
        ar="التماس; قبول; التماس أو قبول",
    ),
    _c(
        "act_in_duties",
        "To act or refrain from acting in official duties",
        en="act or refrain from acting; official duties; performance of any official act; "
        "in violation of the lawful duty; influenced in the performance",
        fr="accomplir ou de s'abstenir d'accomplir; acte de sa fonction; de sa mission ou "
        "de son mandat; abstenu d'accomplir",
        es="acto relativo a su cargo; retarde u omita; ejercicio de sus funciones; "
        "en razón de su calidad; acto de su función",
        ru="действия или бездействие; служебных обязанностей; служебным положением",
        ar="القيام بفعل أو الامتناع; واجباته الرسمية",
    ),
    _c(
        "integrity_measures",
        "Integrity and anti-corruption measures",
        en="integrity; transparency; conflict of interest; conflicts of interest; "
        "declaration of assets",
        fr="intégrité; transparence; conflit d'intérêts; déclaration de patrimoine",
        es="transparencia; conflicto de intereses; declaración jurada; probidad",
        ru="честность; прозрачность; конфликт интересов",
        ar="النزاهة; الشفافية; تضارب المصالح",
    ),
    # --- liability and sanctions (UNTOC arts 10, 11) --------------------------------------
    _c(
        "legal_persons",
        "Legal persons",
        en="legal persons; legal person; corporation; corporations; company; entity; entities",
        fr="personnes morales; personne morale",
        es="personas jurídicas; persona jurídica; entidades; empresas",
        ru="юридическое лицо; юридических лиц; юридическим лицом",
        ar="الهيئات الاعتبارية; شخص اعتباري; الشخص المعنوي; الأشخاص الاعتبارية",
    ),
    _c(
        "liability",
        "Criminal, civil or administrative liability",
        en="liability; liable; criminally liable; responsible",
        fr="responsables pénalement; responsabilité pénale; responsabilité",
        es="responsabilidad; responsables; responsabilidad penal",
        ru="ответственность; ответственности; уголовной ответственности",
        ar="المسؤولية; مسؤولية; المسؤولية الجنائية",
    ),
    _c(
        "sanctions_penalties",
        "Sanctions, monetary penalties",
        en="sanctions; monetary sanctions; fine; fines; penalties; punishment",
        fr="amende; peines encourues; sanction; sanctions; peine",
        es="multa; sanción; sanciones; penas; pena",
        ru="штраф; санкции; наказание",
        ar="غرامة; جزاءات; عقوبة; العقوبات",
    ),
    _c(
        "gravity_sentencing",
        "Gravity of the offence in sentencing, release and parole",
        en="gravity; grave nature; early release; parole; release pending trial; bail; "
        "presence of the defendant",
        fr="libération conditionnelle; détention provisoire; contrôle judiciaire; gravité",
        es="libertad condicional; libertad anticipada; prisión preventiva; gravedad; excarcelación",
        ru="условно-досрочное освобождение; тяжесть; залог; меры пресечения",
        ar="الإفراج المشروط; خطورة; الإفراج السابق للمحاكمة",
    ),
    _c(
        "limitation_period",
        "Statute of limitations",
        en="statute of limitations; limitation; limitations period; shall be prosecuted within",
        fr="prescription; se prescrit; délai de prescription",
        es="prescripción; prescribe; plazo de prescripción",
        ru="срок давности; сроков давности",
        ar="التقادم; مدة التقادم",
    ),
    # --- confiscation (UNTOC arts 12-14) --------------------------------------------------
    _c(
        "confiscation",
        "Confiscation / forfeiture",
        en="confiscation; confiscate; confiscated; forfeiture; forfeit; forfeited; forfeitable",
        fr="confiscation; confisquer; confisqués; confisqué",
        es="decomiso; decomisar; decomisados; comiso; confiscación",
        ru="конфискация; конфискации; конфисковано",
        ar="مصادرة; المصادرة",
    ),
    _c(
        "seizure_freezing",
        "Identification, tracing, freezing or seizure",
        en="seizure; seize; seized; freezing; freeze; restraining order; tracing; "
        "preservation of property",
        fr="saisie; saisies; gel; geler; saisir les biens",
        es="incautación; incautar; incautados; embargo; congelamiento; inmovilización; "
        "medidas cautelares",
        ru="арест имущества; замораживание; изъятие; выемка; наложение ареста",
        ar="تجميد; ضبط; الحجز; اقتفاء",
    ),
    _c(
        "instrumentalities",
        "Instrumentalities used in the offence",
        en="instrumentalities; instrumentality; used in or destined for use; "
        "used or intended to be used",
        fr="instrument; chose qui a servi ou était destinée à commettre; objet qui a servi",
        es="instrumentos; instrumento; utilizados para cometer; destinados a",
        ru="орудия; оборудование; средства совершения преступления",
        ar="الأدوات; المعدات; الوسائل المستخدمة",
    ),
    _c(
        "equivalent_value",
        "Value-based confiscation",
        en="value of which corresponds; property of equivalent value; substitute property; "
        "corresponds to that of such proceeds",
        fr="valeur équivalente; en valeur; valeur du bien",
        es="valor equivalente; por equivalente",
        ru="стоимость которого соответствует; эквивалент",
        ar="قيمة; ما يعادل",
    ),
    _c(
        "transformed_intermingled",
        "Transformed, converted or intermingled proceeds; income",
        en="transformed; intermingled; commingled; income or other benefits derived",
        fr="transformé; transformés; mêlés; mélangés; revenus tirés",
        es="transformados; convertidos; mezclados; entremezclados; rentas; ganancias",
        ru="превращены; преобразованы; приобщены; смешаны",
        ar="حولت; خلطت; إيرادات",
    ),
    _c(
        "bank_records",
        "Bank, financial or commercial records; bank secrecy",
        en="bank secrecy; bank records; financial records; commercial records",
        fr="secret bancaire; documents bancaires; secret professionnel",
        es="secreto bancario; registros bancarios; secreto profesional",
        ru="банковская тайна; банковские документы",
        ar="السرية المصرفية; السجلات المصرفية",
    ),
    _c(
        "bona_fide_third_party",
        "Rights of bona fide third parties",
        en="bona fide third parties; third parties; innocent owner; good faith",
        fr="tiers de bonne foi; bonne foi; droits des tiers",
        es="terceros de buena fe; buena fe; derechos de terceros",
        ru="добросовестных третьих сторон; третьих лиц; добросовестный",
        ar="أطراف ثالثة حسنة النية; حسن النية",
    ),
    _c(
        "lawful_origin",
        "Showing lawful origin of property",
        en="lawful origin; legitimate sources; lawful source",
        fr="justifier de l'origine; origine licite; justifier de ressources",
        es="origen lícito; procedencia lícita; justificar el origen",
        ru="законное происхождение",
        ar="المصدر المشروع",
    ),
    _c(
        "asset_sharing",
        "Disposal and sharing of confiscated proceeds",
        en="disposal of confiscated; sharing; share; return the confiscated proceeds",
        fr="partage des avoirs; affectation des biens confisqués",
        es="distribución de bienes decomisados; reparto; destino de los bienes decomisados",
        ru="распоряжение конфискованными; раздел",
        ar="التصرف في العائدات المصادرة; تقاسم",
    ),
    # --- international cooperation (UNTOC arts 13, 16-19, 21, 27) -------------------------
    _c(
        "extradition",
        "Extradition",
        en="extradition; extradite; extradited; fugitive; surrender",
        fr="extradition; extrader; extradé",
        es="extradición; extraditar; extraditado",
        ru="выдача лица; выдачи лица; выдаче лиц; экстрадиция; выдача иностранному государству",
        ar="تسليم المجرمين; المطلوب تسليمه; التسليم",
    ),
    _c(
        "dual_criminality",
        "Dual criminality",
        en="dual criminality; double criminality; punishable under the domestic law of both; "
        "offence under the laws of both",
        fr="double incrimination",
        es="doble incriminación; doble tipicidad",
        ru="двойная криминальность; двойное вменение; двойной преступности",
        ar="ازدواجية التجريم",
    ),
    _c(
        "treaty_basis",
        "Treaty basis for cooperation",
        en="treaty; treaties; convention for extradition; bilateral or multilateral "
        "agreements; legal basis",
        fr="convention d'extradition; conventions internationales; engagements internationaux; "
        "convention internationale",
        es="tratado de extradición; tratados internacionales; convenios internacionales; "
        "tratados vigentes",
        ru="договор; договора; международный договор",
        ar="معاهدة; معاهدات; اتفاقية",
    ),
    _c(
        "nationals",
        "Nationals (refusal to extradite, aut dedere aut judicare)",
        en="own nationals; its nationals; citizen; citizens; aut dedere",
        fr="ressortissant; ressortissants; nationalité française",
        es="ciudadano; ciudadanos; ciudadanía",
        ru="гражданин; граждан",
        ar="رعايا; مواطن; مواطنيها",
    ),
    _c(
        "arrest_custody",
        "Provisional arrest, custody, warrant",
        en="provisional arrest; custody; warrant; apprehension; arrest; detention; "
        "committed to jail",
        fr="arrestation provisoire; mandat d'arrêt; détention; arrestation",
        es="arresto provisorio; detención preventiva; orden de captura; detención; prisión "
        "preventiva",
        ru="арест; задержание; заключение под стражу",
        ar="القبض; الاحتجاز; التوقيف",
    ),
    _c(
        "mutual_legal_assistance",
        "Mutual legal assistance",
        en="mutual legal assistance; legal assistance; assistance in criminal matters; "
        "requests for assistance; letter rogatory; letters rogatory; foreign tribunal; "
        "judicial assistance",
        fr="entraide judiciaire; commission rogatoire; demande d'entraide; entraide",
        es="asistencia jurídica mutua; cooperación jurídica; cooperación judicial; "
        "asistencia judicial; exhorto; exhortos; cooperación jurídica penal internacional; "
        "asistencia jurídica",
        ru="взаимная правовая помощь; правовая помощь; судебное поручение; правовой помощи",
        ar="المساعدة القانونية المتبادلة; المساعدة القضائية; الإنابة القضائية",
    ),
    _c(
        "foreign_request",
        "Requests between States (requesting / requested State)",
        en="request; requesting state; requested state; central authority; foreign "
        "authority; foreign state; foreign government; foreign request",
        fr="demande; état requérant; état requis; autorité centrale; autorités étrangères; "
        "autorité étrangère",
        es="solicitud; solicitudes; estado requirente; estado requerido; autoridad central; "
        "estado extranjero; autoridades extranjeras; autoridad extranjera",
        ru="просьба; запрашивающее государство; запрашиваемое государство; центральный "
        "орган; запрос",
        ar="الطلب; الدولة الطالبة; الدولة متلقية الطلب; السلطة المركزية",
    ),
    _c(
        "international_cooperation",
        "International cooperation",
        en="international cooperation; cooperate; cooperation",
        fr="coopération internationale; coopération; coopérer",
        es="cooperación internacional; cooperación; cooperar",
        ru="международное сотрудничество; сотрудничество; сотрудничать",
        ar="التعاون الدولي; التعاون",
    ),
    _c(
        "evidence_gathering",
        "Taking evidence, searches, service of documents",
        en="taking evidence; statements; service of judicial documents; searches; search "
        "and seizure; examining objects; subpoena; production of documents; evidence",
        fr="audition; perquisition; perquisitions; signification; preuves; auditions",
        es="declaraciones; recepción de testimonios; allanamiento; registro domiciliario; "
        "notificación; pruebas; prueba",
        ru="свидетельских показаний; обыск; вручение судебных документов; доказательства",
        ar="أخذ الأدلة; التفتيش; تبليغ المستندات القضائية; الأدلة",
    ),
    _c(
        "grounds_for_refusal",
        "Grounds for refusal",
        en="refuse; refusal; refused; grounds for refusal; decline; deny; sovereignty; "
        "ordre public; essential interests",
        fr="refus; refuser; ordre public; souveraineté; intérêts essentiels",
        es="denegar; denegación; rechazar; rechazo; orden público; soberanía; intereses esenciales",
        ru="отказ; отказать; суверенитет; публичный порядок",
        ar="رفض; السيادة; النظام العام",
    ),
    _c(
        "joint_investigations",
        "Joint investigations",
        en="joint investigation; joint investigations; joint investigative bodies; joint "
        "investigative team",
        fr="équipe commune d'enquête; équipes communes d'enquête; enquête commune",
        es="equipos conjuntos de investigación; investigación conjunta; investigaciones conjuntas",
        ru="совместные расследования; совместных следственных органов",
        ar="التحقيقات المشتركة; هيئات تحقيق مشتركة",
    ),
    _c(
        "transfer_proceedings",
        "Transfer of criminal proceedings / sentenced persons",
        en="transfer of criminal proceedings; transfer of sentenced persons; transfer of "
        "proceedings",
        fr="transfert des poursuites; transfèrement des personnes condamnées; dénonciation "
        "officielle",
        es="traslado de personas condenadas; transferencia de procesos",
        ru="передача уголовного производства; передача осужденных",
        ar="نقل الإجراءات الجنائية; نقل الأشخاص المحكوم عليهم",
    ),
    _c(
        "jurisdiction",
        "Jurisdiction",
        en="jurisdiction; extraterritorial jurisdiction; venue",
        fr="compétence; juridiction; territoire de la république; loi pénale française",
        es="jurisdicción; territorio nacional",
        ru="юрисдикция; юрисдикции; территории",
        ar="الولاية القضائية; الاختصاص; إقليم",
    ),
    _c(
        "information_exchange",
        "Exchange of information / law enforcement cooperation",
        en="exchange information; information exchange; exchanging information; share "
        "information; intelligence; liaison",
        fr="échange d'informations; échanger des informations; communication "
        "d'informations; renseignements",
        es="intercambio de información; intercambiar información; compartir información; "
        "intercambio de datos",
        ru="обмен информацией; обмениваться информацией; информацией",
        ar="تبادل المعلومات; تقاسم المعلومات",
    ),
    # --- special investigative techniques (UNTOC art 20) ----------------------------------
    _c(
        "special_investigative_techniques",
        "Special investigative techniques",
        en="special investigative techniques; investigative techniques",
        fr="techniques spéciales d'enquête; techniques d'enquête",
        es="técnicas especiales de investigación; técnicas de investigación; medios de "
        "investigación",
        ru="специальные методы расследования; оперативно-розыскные мероприятия",
        ar="أساليب التحري الخاصة",
    ),
    _c(
        "controlled_delivery",
        "Controlled delivery",
        en="controlled delivery; controlled deliveries; illicit consignments",
        fr="livraison surveillée; livraisons surveillées; livraison contrôlée",
        es="entrega vigilada; entregas vigiladas; remesas ilícitas; entrega controlada",
        ru="контролируемая поставка; контролируемой поставки",
        ar="التسليم المراقب",
    ),
    _c(
        "electronic_surveillance",
        "Electronic surveillance / interception",
        en="electronic surveillance; interception; intercept; wire communications; oral "
        "communications; electronic communications; wiretap",
        fr="interception; interceptions; écoutes; sonorisation; captation; correspondances "
        "émises par la voie des télécommunications",
        es="vigilancia electrónica; interceptación; intervención de comunicaciones; "
        "escuchas; comunicaciones telefónicas",
        ru="электронное наблюдение; прослушивание; контроль и запись переговоров",
        ar="المراقبة الإلكترونية; اعتراض الاتصالات",
    ),
    _c(
        "undercover_operations",
        "Undercover operations",
        en="undercover; undercover operations; infiltration; covert",
        fr="infiltration; infiltré; agent infiltré; opération d'infiltration",
        es="agente encubierto; agentes encubiertos; operaciones encubiertas; infiltración",
        ru="агентурные операции; внедрение; негласные",
        ar="العمليات المستترة; التسرب; عميل سري",
    ),
    _c(
        "judicial_authorisation",
        "Court authorisation / judicial order",
        en="court order; authorized by the court; judicial authorization; order of the "
        "court; judge; magistrate judge",
        fr="autorisation du juge; juge des libertés et de la détention; ordonnance; "
        "juge d'instruction; procureur de la république",
        es="autorización judicial; orden judicial; resolución fundada; juez competente; "
        "tribunal competente",
        ru="судебное решение; разрешение суда; постановление судьи",
        ar="إذن قضائي; أمر قضائي",
    ),
    # --- obstruction of justice, witnesses, victims (UNTOC arts 23-26) --------------------
    _c(
        "obstruction_of_justice",
        "Obstruction of justice",
        en="obstruction of justice; obstructs; obstruct; obstruction; tampering; impede; "
        "influence, delay or prevent; interfere with the administration of justice",
        fr="entraves à la justice; entrave; entraver; subornation; entraves à l'exercice de "
        "la justice",
        es="obstrucción de la justicia; obstaculizar; obstaculizare; entorpecer; atentado "
        "contra la administración de justicia; obstruir",
        ru="воспрепятствование осуществлению правосудия; воспрепятствование; "
        "противодействие правосудию",
        ar="عرقلة سير العدالة; عرقلة",
    ),
    _c(
        "testimony",
        "Testimony, false testimony, production of evidence",
        en="false testimony; testimony; perjury; give testimony; production of evidence; "
        "withhold testimony; false statement; testify",
        fr="faux témoignage; déposition mensongère; déclaration mensongère; témoignage; "
        "déposer; témoigner; déposition",
        es="falso testimonio; testimonio; declaración falsa; declarar; declaración",
        ru="ложные показания; дача показаний; показания; показаний",
        ar="شهادة زور; الإدلاء بالشهادة; شهادة",
    ),
    _c(
        "threat_force",
        "Physical force, threats, violence, coercion",
        en="threat; threats; threatens; physical force; use of force; violence; coercion; "
        "coerce; force",
        fr="menaces; menace; violence; violences; voies de fait; contrainte",
        es="amenaza; amenazas; violencia; fuerza; coacción; uso de la fuerza",
        ru="угроза; угрозы; насилие; насилия; принуждение",
        ar="التهديد; العنف; القوة البدنية; الإكراه; القوة",
    ),
    _c(
        "intimidation",
        "Intimidation, pressure, corrupt persuasion",
        en="intimidation; intimidate; intimidates; corrupt persuasion; harass; harassment; "
        "retaliation; retaliate; retaliating",
        fr="intimidation; intimider; pressions; représailles; acte d'intimidation",
        es="intimidación; intimidare; presiones; represalias; hostigamiento",
        ru="запугивание; давление; шантаж; месть",
        ar="الترهيب; التخويف; الانتقام",
    ),
    _c(
        "justice_officials",
        "Justice or law enforcement officials",
        en="justice official; law enforcement official; law enforcement officer; judge; "
        "juror; officer of the court; prosecutor; magistrate",
        fr="magistrat; juré; juge; auxiliaire de justice; officier de police judiciaire; "
        "arbitre; interprète",
        es="juez; jueces; fiscal; magistrado; funcionario policial; policía",
        ru="судья; прокурор; присяжный заседатель; сотрудник правоохранительного органа; "
        "следователь",
        ar="موظف قضائي; موظفي إنفاذ القانون; قاض; القضاة; محلف; النيابة",
    ),
    _c(
        "witness",
        "Witness",
        en="witness; witnesses; potential witness",
        fr="témoin; témoins",
        es="testigo; testigos",
        ru="свидетель; свидетелей; свидетеля; свидетелям",
        ar="شاهد; الشهود; شهود",
    ),
    _c(
        "expert",
        "Expert",
        en="expert; experts; expert witness",
        fr="expert; experts",
        es="perito; peritos",
        ru="эксперт; эксперта; экспертов",
        ar="خبير; الخبراء",
    ),
    _c(
        "protection_measures",
        "Protection measures",
        en="protection; protect; protected; protective measures; physical protection; "
        "protection of witnesses; witness protection",
        fr="protection; protéger; mesures de protection; protection des témoins",
        es="protección; proteger; medidas de protección; protección de testigos; "
        "programa de protección",
        ru="защита; защиты; меры безопасности; государственная защита",
        ar="الحماية; حماية; تدابير الحماية; حماية الشهود",
    ),
    _c(
        "danger_safety",
        "Danger, risk to life or physical integrity; safety",
        en="danger; endanger; endangered; jeopardy; safety; physical safety; serious bodily "
        "injury; bodily injury; life",
        fr="danger; mettre en danger; mettre gravement en danger; intégrité physique; "
        "sécurité; risque immédiat de mort; vie",
        es="peligro; riesgo para la vida; integridad física; seguridad de las personas",
        ru="опасность; угроза жизни; безопасность; жизни и здоровью",
        ar="الخطر; للخطر; السلامة; السلامة البدنية; حياة",
    ),
    _c(
        "relocation",
        "Relocation / change of residence",
        en="relocation; relocate; relocated; relocating; change of residence; new residence",
        fr="changement de domicile; relogement; déclarer comme domicile; domicile; adresse",
        es="reubicación; cambio de domicilio; cambio de residencia; traslado",
        ru="переселение; смена места жительства; переселения",
        ar="تغيير أماكن الإقامة; نقل أماكن إقامتهم; تغيير مكان الإقامة",
    ),
    _c(
        "identity_protection",
        "Protection of identity and whereabouts",
        en="identity; new identity; whereabouts; non-disclosure; disclosure; anonymous; "
        "documents enabling the person to establish a new identity",
        fr="identité; identité d'emprunt; anonyme; anonymat; révélation de l'identité; "
        "révéler; adresse",
        es="identidad; nueva identidad; paradero; reserva de identidad; no divulgación; "
        "divulgar; revelar; anonimato; cambio de identidad; información de identificación",
        ru="личность; сведения о личности; местонахождение; неразглашение; изменение "
        "внешности; замена документов",
        ar="الهوية; أماكن وجودهم; عدم إفشاء; إفشاء; هوية جديدة",
    ),
    _c(
        "confidentiality_privacy",
        "Privacy and confidentiality of proceedings",
        en="privacy; confidential; confidentiality; in camera; closed proceedings; sealed",
        fr="huis clos; confidentialité; vie privée; secret; publicité des débats",
        es="privacidad; confidencialidad; reserva; intimidad; reservado; medios de comunicación",
        ru="конфиденциальность; частная жизнь; закрытое судебное заседание; "
        "неприкосновенность частной жизни",
        ar="السرية; الحرمة الشخصية; جلسات سرية; الخصوصية",
    ),
    _c(
        "remote_testimony",
        "Testimony by video link / other technology",
        en="video link; video conferencing; communications technology; closed circuit; "
        "audiovisual; remote; two-way video",
        fr="dispositif technique; à distance; voix rendue non identifiable; "
        "visioconférence; moyens de télécommunication",
        es="medios audiovisuales; videoconferencia; identificación visual; distorsión de "
        "voz; sistemas tecnológicos; a distancia; circuito cerrado; audiovisual",
        ru="видеосвязь; видеоконференцсвязь; без визуального наблюдения; технические средства",
        ar="وصلات الفيديو; تكنولوجيا الاتصالات; الاستماع عن بعد",
    ),
    _c(
        "family",
        "Family members / persons close to them",
        en="family; family members; immediate family; persons close to them; closely "
        "associated; household",
        fr="famille; proches; membres de sa famille; membres de la famille",
        es="familiares; familia; allegados; parientes; núcleo familiar",
        ru="родственники; близкие; члены семьи; близких лиц",
        ar="أقارب; الأسرة; ذويهم; أفراد الأسرة",
    ),
    _c(
        "state_agreements",
        "Agreements or arrangements with other States",
        en="agreements or arrangements; agreements with other states; arrangements; "
        "bilateral agreements",
        fr="conventions; accords; accords internationaux",
        es="acuerdos; convenios; acuerdos internacionales",
        ru="соглашения или договоренности; соглашения",
        ar="اتفاقات أو ترتيبات; اتفاقات",
    ),
    _c(
        "victim",
        "Victim",
        en="victim; victims; injured party; crime victim",
        fr="victime; victimes; partie civile",
        es="víctima; víctimas; damnificado",
        ru="потерпевший; потерпевших; потерпевшего; жертва; жертвы; жертв",
        ar="ضحية; الضحايا; المجني عليه; المتضرر",
    ),
    _c(
        "compensation_restitution",
        "Compensation and restitution",
        en="compensation; restitution; damages; civil remedy; civil action; reparation; "
        "recover damages; full amount of the victim's losses",
        fr="réparation; indemnisation; dommages-intérêts; action civile; dédommagement; préjudice",
        es="reparación; indemnización; resarcimiento; reparación integral; daños y perjuicios",
        ru="возмещение; компенсация; возмещение ущерба; гражданский иск; реституция",
        ar="التعويض; رد الحق; جبر الضرر",
    ),
    _c(
        "information_on_proceedings",
        "Information to victims on proceedings",
        en="information on relevant court and administrative proceedings; notification of "
        "proceedings; right to be informed",
        fr="informé; droit d'être informé; information des victimes; avisé",
        es="derecho a ser informada; informada; información sobre el proceso; estado de las "
        "actuaciones; ser informado",
        ru="информация о соответствующих судебных и административных разбирательствах; "
        "информирование",
        ar="معلومات عن الإجراءات القضائية والإدارية",
    ),
    _c(
        "views_heard",
        "Victims' views and concerns presented and considered",
        en="views and concerns; be heard; right to be heard; presented and considered",
        fr="être entendu; entendue; observations; faire valoir",
        es="ser oída; ser oído; ser escuchada; ser escuchado; opinión",
        ru="мнения и опасения; быть заслушанными; заслушан",
        ar="الآراء والشواغل; الاستماع",
    ),
    _c(
        "legal_aid_interpretation",
        "Legal counselling, legal aid and interpretation",
        en="legal assistance; legal aid; legal counsel; legal rights; interpreter; "
        "translator; language that the victims can understand",
        fr="avocat; aide juridictionnelle; interprète; assistance juridique; conseil juridique",
        es="asistencia letrada; asesoramiento jurídico; patrocinio jurídico; intérprete; "
        "defensor; asistencia jurídica gratuita; traductor",
        ru="юридическая помощь; адвокат; переводчик; консультирование",
        ar="المساعدة القانونية; المشورة; مترجم; محام",
    ),
    _c(
        "cooperating_offender",
        "Cooperation of offenders with law enforcement",
        en="cooperating; cooperate with law enforcement; supply information; substantial "
        "assistance; collaborator; cooperation with law enforcement; provide information "
        "useful",
        fr="repenti; repentis; averti l'autorité administrative ou judiciaire; permis "
        "d'éviter la réalisation de l'infraction; permis de faire cesser; collaborateur "
        "de justice",
        es="colaborador; colaboradores; colaboración eficaz; colabore; arrepentido; "
        "información esencial; delación",
        ru="сотрудничество со следствием; деятельное раскаяние; досудебное соглашение о "
        "сотрудничестве; активное способствование",
        ar="التعاون مع سلطات إنفاذ القانون; المتعاونين; المبلغ",
    ),
    _c(
        "mitigation_immunity",
        "Mitigation of punishment or immunity from prosecution",
        en="mitigating punishment; immunity from prosecution; immunity; reduction of "
        "sentence; exempt from penalty; leniency; reduced",
        fr="exempte de peine; exempté de peine; réduite de moitié; réduction de peine; "
        "exemption de peine",
        es="reducción de la pena; exención de pena; exento de pena; atenuante; atenuación; "
        "reducir la pena; exención de responsabilidad",
        ru="смягчение наказания; освобождение от уголовной ответственности; иммунитет; "
        "освобождается от уголовной ответственности",
        ar="تخفيف العقوبة; الحصانة من الملاحقة; الإعفاء من العقوبة",
    ),
    _c(
        "identify_perpetrators",
        "Identification of perpetrators / dismantling the group",
        en="identity, nature, composition, structure; perpetrators; dismantling",
        fr="identifier les autres auteurs ou complices; permis d'identifier; auteurs ou "
        "complices; identification des auteurs",
        es="identificar; identificación de los autores; autores o partícipes; desarticulación",
        ru="изобличение; изобличению соучастников; розыску",
        ar="تحديد هوية الجناة; الجناة",
    ),
    # --- trafficking in persons (TIP Protocol) --------------------------------------------
    _c(
        "trafficking_in_persons",
        "Trafficking in persons",
        en="trafficking in persons; human trafficking; trafficking of persons; sex "
        "trafficking; trafficking victims; victims of trafficking; trafficking with respect "
        "to peonage",
        fr="traite des êtres humains; traite de personnes; traite des personnes",
        es="trata de personas; víctimas de trata; trata y explotación de personas",
        ru="торговля людьми; торговли людьми; торговлю людьми; купля-продажа человека; "
        "торговле людьми",
        ar="الاتجار بالأشخاص; الاتجار بالبشر",
    ),
    _c(
        "exploitation",
        "Exploitation",
        en="exploitation; exploit; exploited; exploiting",
        fr="exploitation; exploiter; exploité",
        es="explotación; explotar; explotada",
        ru="эксплуатация; эксплуатации; эксплуатацию",
        ar="استغلال; الاستغلال",
    ),
    _c(
        "sexual_exploitation",
        "Sexual exploitation / prostitution",
        en="sexual exploitation; prostitution; commercial sex act; sexual; pornography",
        fr="proxénétisme; prostitution; exploitation sexuelle; agressions sexuelles; "
        "atteintes sexuelles",
        es="explotación sexual; prostitución; sexual; pornografía",
        ru="сексуальная эксплуатация; проституция; сексуального характера; "
        "сексуальной эксплуатации",
        ar="الاستغلال الجنسي; الدعارة; البغاء; جنسي",
    ),
    _c(
        "forced_labour",
        "Forced labour or services",
        en="forced labour; forced labor; labor or services; forced or compulsory labour; "
        "forced services; begging",
        fr="travail forcé; travail ou services forcés; conditions de travail contraires à "
        "la dignité; mendicité",
        es="trabajo forzoso; trabajos forzados; servicios forzados; trabajo o servicios "
        "forzados; mendicidad",
        ru="принудительный труд; принудительного труда; принудительные работы",
        ar="السخرة; العمل القسري; الخدمة قسرا",
    ),
    _c(
        "slavery_servitude",
        "Slavery, practices similar to slavery, servitude",
        en="slavery; slave; practices similar to slavery; servitude; involuntary servitude; "
        "peonage; debt bondage",
        fr="esclavage; réduction en esclavage; servitude; pratiques analogues à l'esclavage",
        es="esclavitud; prácticas análogas a la esclavitud; servidumbre; prácticas similares",
        ru="рабство; рабского труда; подневольное состояние; обычаи, сходные с рабством",
        ar="الاسترقاق; الرق; الاستعباد",
    ),
    _c(
        "organ_removal",
        "Removal of organs",
        en="removal of organs; organ removal; organs; organ harvesting",
        fr="prélèvement d'organes; prélèvement d'organe",
        es="extracción de órganos; remoción de órganos; tráfico de órganos",
        ru="изъятие органов; органов или тканей",
        ar="نزع الأعضاء; الأعضاء",
    ),
    _c(
        "trafficking_acts",
        "Recruitment, transportation, transfer, harbouring, receipt",
        en="recruitment; recruits; recruit; transportation; transports; transfer; "
        "harbouring; harbors; receipt; receives; provides or obtains; entices; harbor",
        fr="recruter; recrutement; transporter; transférer; héberger; accueillir; "
        "hébergement; transport",
        es="reclutamiento; captación; captare; reclutare; transporte; transportare; "
        "traslado; trasladare; acogida; acogiere; recepción; recibiere",
        ru="вербовка; перевозка; передача; укрывательство; получение; перемещение",
        ar="تجنيد; نقل; تنقيل; إيواء; استقبال",
    ),
    _c(
        "trafficking_means",
        "Means: fraud, deception, abduction, abuse of power or vulnerability, payments",
        en="fraud; deception; abduction; kidnapping; kidnaps; abuse of power; position of "
        "vulnerability; vulnerability; giving or receiving of payments; serious harm; "
        "abuse or threatened abuse of law",
        fr="manœuvre dolosive; abus d'autorité; situation de vulnérabilité; vulnérabilité; "
        "enlèvement; tromperie; fraude; rémunération",
        es="fraude; engaño; rapto; secuestro; abuso de poder; abuso de autoridad; "
        "situación de vulnerabilidad; vulnerabilidad; pagos",
        ru="похищение; мошенничество; обман; злоупотребление властью; уязвимость; "
        "уязвимого положения",
        ar="الاختطاف; الاحتيال; الخداع; استغلال السلطة; حالة استضعاف",
    ),
    _c(
        "consent",
        "Consent of the victim",
        en="consent; irrelevant; regardless of consent",
        fr="consentement",
        es="consentimiento; aunque mediare el consentimiento",
        ru="согласие; согласия",
        ar="موافقة; رضا",
    ),
    _c(
        "child",
        "Child / minor",
        en="child; children; minor; minors; under eighteen years; attained the age of 18; juvenile",
        fr="mineur; mineurs; enfant; enfants; moins de dix-huit ans",
        es="niño; niña; niños; niñas; adolescente; adolescentes; menor de edad; menores de "
        "edad; menor de dieciocho",
        ru="несовершеннолетний; несовершеннолетнего; ребенок; дети; детей",
        ar="طفل; الأطفال; قاصر; دون الثامنة عشرة",
    ),
    _c(
        "recovery_reintegration",
        "Physical, psychological and social recovery; reintegration",
        en="physical, psychological and social recovery; recovery; rehabilitation; "
        "reintegration; social services; case management",
        fr="réinsertion; accompagnement; prise en charge; aide sociale; réadaptation",
        es="recuperación; rehabilitación; reinserción; reintegración; atención integral; "
        "acompañamiento; programas de atención",
        ru="восстановление; реабилитация; социальная реинтеграция; реинтеграция",
        ar="التعافي الجسدي والنفساني والاجتماعي; إعادة التأهيل; إعادة الإدماج",
    ),
    _c(
        "medical_psychological",
        "Medical, psychological and material assistance",
        en="medical; psychological; material assistance; health care; medical assistance",
        fr="assistance médicale; psychologique; soins; médical",
        es="asistencia psicológica; asistencia médica; atención médica; psicológica; salud "
        "mental; atención sanitaria",
        ru="медицинская помощь; психологическая помощь; медицинской",
        ar="المساعدة الطبية; النفسانية; الرعاية الصحية",
    ),
    _c(
        "housing_shelter",
        "Appropriate housing / shelter",
        en="housing; shelter; accommodation; appropriate housing",
        fr="hébergement; logement; foyer; centres d'hébergement",
        es="alojamiento; vivienda; refugio; albergue; hogares",
        ru="жилье; приют; убежище; размещение",
        ar="السكن; المأوى; الإيواء",
    ),
    _c(
        "education_employment",
        "Employment, educational and training opportunities",
        en="employment; educational; education; training opportunities; vocational",
        fr="accès à l'emploi; éducation; formation professionnelle; activité professionnelle",
        es="empleo; educación; capacitación laboral; inserción laboral",
        ru="трудоустройство; образование; профессиональная подготовка",
        ar="فرص العمل; التعليم; التدريب المهني",
    ),
    _c(
        "residence_status",
        "Permission to remain: residence permits, reflection period",
        en="remain in its territory; temporarily or permanently; residence permit; temporary "
        "residence; permanent residence; continued presence; immigration status; visa",
        fr="carte de séjour; titre de séjour; carte de résident; autorisation provisoire "
        "de séjour; délai de réflexion; séjour",
        es="residencia; permiso de residencia; residencia permanente; residencia temporaria; "
        "regularización; período de reflexión; permanecer en el territorio",
        ru="вид на жительство; разрешение на временное проживание; оставаться на территории; "
        "проживание",
        ar="الإقامة; تصريح إقامة; البقاء في إقليمها",
    ),
    _c(
        "humanitarian",
        "Humanitarian and compassionate factors",
        en="humanitarian; compassionate; humanitarian reasons",
        fr="humanitaire; humanitaires; considérations humanitaires",
        es="razones humanitarias; humanitario; humanitaria; humanitarias",
        ru="гуманитарные; гуманитарных соображений",
        ar="الإنسانية; اعتبارات إنسانية",
    ),
    _c(
        "repatriation_return",
        "Repatriation and return",
        en="repatriation; return; returned; voluntary return; safe return; readmission; "
        "deportation; without undue or unreasonable delay",
        fr="rapatriement; retour; retour volontaire; reconduite à la frontière; "
        "éloignement; expulsion",
        es="repatriación; retorno; retorno voluntario; regreso; expulsión; devolución; "
        "retorno seguro",
        ru="репатриация; возвращение; возвращение на родину; реадмиссия; выдворение; депортация",
        ar="الإعادة إلى الوطن; العودة; إعادة; الترحيل",
    ),
    _c(
        "travel_identity_documents",
        "Travel and identity documents",
        en="travel documents; travel document; identity documents; identity document; "
        "passport; identification documents; other authorization",
        fr="documents de voyage; document de voyage; document d'identité; passeport; "
        "titre de voyage; pièces d'identité",
        es="documentos de viaje; documento de viaje; documento de identidad; pasaporte; "
        "documentación; documentos de identificación; cédula de identidad",
        ru="проездные документы; проездных документов; удостоверения личности; паспорт",
        ar="وثائق السفر; وثائق الهوية; جواز سفر; وثيقة سفر",
    ),
    _c(
        "fraudulent_document",
        "Fraudulent, falsified or altered documents",
        en="fraudulent; forged; falsely made; counterfeit; false document; falsified; "
        "unlawfully altered; forgery",
        fr="faux; falsifié; falsifiés; contrefait; usage de faux; fraude documentaire",
        es="falsificado; fraudulento; falsificación; documento falso; adulterado",
        ru="подложный; поддельный; подделка; подложных",
        ar="مزورة; التزوير; زائفة; مزيفة",
    ),
    _c(
        "nationality_verification",
        "Verification of nationality or residence",
        en="verify; verification; right of permanent residence",
        fr="nationalité; vérifier; vérification",
        es="verificar; verificación",
        ru="гражданство; проверка; проверку",
        ar="التحقق من الجنسية; التحقق",
    ),
    _c(
        "prevention",
        "Prevention, awareness and addressing root causes",
        en="prevent; prevention; research; information and mass media campaigns; mass media; "
        "awareness; poverty; underdevelopment; lack of equal opportunity; discourage the "
        "demand; demand",
        fr="prévention; prévenir; sensibilisation; campagnes d'information",
        es="prevención; prevenir; sensibilización; campañas; concientización; difusión; demanda",
        ru="предупреждение; профилактика; информационные кампании; нищета; спрос",
        ar="منع; الوقاية; حملات إعلامية; الفقر",
    ),
    _c(
        "border_measures",
        "Border measures and controls",
        en="border; borders; border controls; port of entry; frontier; border crossing; "
        "designated port of entry; international border",
        fr="frontière; frontières; contrôles aux frontières; point de passage frontalier; "
        "franchissement",
        es="frontera; fronteras; fronterizo; fronterizos; control fronterizo; límites "
        "fronterizos; paso de frontera; controles migratorios",
        ru="граница; государственная граница; пограничный контроль; пограничные меры; пункт "
        "пропуска",
        ar="الحدود; مراقبة الحدود; المنافذ الحدودية",
    ),
    _c(
        "carriers_transport",
        "Commercial carriers and means of transport",
        en="commercial carriers; carrier; transport company; means of transport; vessel; "
        "aircraft; conveyance; vehicle",
        fr="transporteur; entreprise de transport; navire; aéronef; véhicule; moyen de transport",
        es="transportistas; empresas de transporte; medio de transporte; buque; aeronave; "
        "vehículo; empresa transportista",
        ru="коммерческие перевозчики; перевозчик; транспортное средство; судно",
        ar="الناقلون التجاريون; شركات النقل; وسيلة نقل; سفينة",
    ),
    _c(
        "training",
        "Training and technical assistance",
        en="training; technical assistance; capacity building; specialized training",
        fr="formation; assistance technique",
        es="capacitación; formación; entrenamiento; asistencia técnica",
        ru="подготовка кадров; обучение; техническая помощь",
        ar="التدريب; المساعدة التقنية",
    ),
    _c(
        "civil_society",
        "Non-governmental organizations and civil society",
        en="non-governmental organizations; civil society; nongovernmental organization",
        fr="associations d'aide aux victimes; organisations non gouvernementales; société civile",
        es="organizaciones no gubernamentales; sociedad civil; organizaciones de la sociedad civil",
        ru="неправительственные организации; гражданское общество",
        ar="المنظمات غير الحكومية; المجتمع المدني",
    ),
    _c(
        "gender_special_needs",
        "Special needs of women and children; gender",
        en="special needs of women and children; age, gender; gender; women; sensitive",
        fr="femmes; genre; besoins spécifiques",
        es="mujeres; perspectiva de género; necesidades especiales",
        ru="женщин; гендерн; особые потребности",
        ar="النساء; نوع الجنس; الاحتياجات الخاصة",
    ),
    # --- smuggling of migrants (SOM Protocol) ---------------------------------------------
    _c(
        "migrant_smuggling",
        "Smuggling of migrants",
        en="smuggling of migrants; migrant smuggling; alien smuggling; smuggling; smuggled "
        "migrants; bringing in and harboring certain aliens; brings to the united states",
        fr="aide à l'entrée; aide à l'entrée et au séjour irréguliers; trafic de migrants; "
        "passeur; passeurs; faciliter l'entrée",
        es="tráfico de migrantes; tráfico ilícito de migrantes; tráfico de personas; "
        "facilitare de manera ilegal el ingreso",
        ru="незаконный ввоз мигрантов; организация незаконной миграции; незаконной миграции",
        ar="تهريب المهاجرين; الهجرة غير الشرعية; تهريب",
    ),
    _c(
        "illegal_entry",
        "Illegal entry / crossing borders without complying with requirements",
        en="illegal entry; entered in violation of law; enter the united states; unlawful "
        "entry; crossing borders; entry into; come to, enter",
        fr="entrée irrégulière; entrée irrégulier; entrée, la circulation; entrée sur le "
        "territoire; franchissement irrégulier",
        es="ingreso ilegal; ingreso irregular; ingreso o egreso; entrada ilegal; ingreso al "
        "territorio; ingreso; egreso",
        ru="незаконный въезд; незаконное пересечение; въезд",
        ar="الدخول غير المشروع; الدخول غير القانوني; الدخول",
    ),
    _c(
        "irregular_stay",
        "Enabling illegal stay / harbouring migrants",
        en="enabling to remain; remains in the united states in violation of law; illegal "
        "residence; illegal stay; shields from detection; harboring; harbors",
        fr="séjour irrégulier; séjour irréguliers; maintien irrégulier; circulation ou le "
        "séjour irréguliers",
        es="permanencia irregular; permanencia ilegal; situación irregular; permanencia",
        ru="незаконное пребывание; незаконно находящихся; незаконного пребывания",
        ar="الإقامة غير المشروعة; البقاء غير المشروع",
    ),
    _c(
        "migrants_aliens",
        "Migrants / aliens / foreigners",
        en="migrant; migrants; alien; aliens; non-national",
        fr="étranger; étrangers; migrant; migrants; ressortissant étranger",
        es="migrante; migrantes; extranjero; extranjeros; inmigrante; inmigrantes; persona "
        "extranjera; personas extranjeras",
        ru="мигрант; мигрантов; иностранный гражданин; иностранных граждан; иностранцы; "
        "лицо без гражданства",
        ar="المهاجرين; مهاجر; الأجانب; أجنبي",
    ),
    _c(
        "aggravating_circumstances",
        "Aggravating circumstances",
        en="aggravating circumstances; aggravating; enhanced penalty; increased penalty",
        fr="circonstances aggravantes; aggravantes; aggravée; portées à",
        es="agravantes; agravantes especiales; agravante; circunstancias agravantes; se "
        "incrementarán",
        ru="отягчающие обстоятельства; квалифицированный",
        ar="ظروف مشددة; الظروف المشددة",
    ),
    _c(
        "inhuman_treatment",
        "Inhuman or degrading treatment / dignity",
        en="inhuman or degrading treatment; degrading; inhuman; dignity",
        fr="traitements inhumains; dégradants; dignité; incompatibles avec la dignité",
        es="trato inhumano o degradante; degradante; inhumano; dignidad; dignidad humana",
        ru="бесчеловечное или унижающее достоинство обращение; достоинство",
        ar="معاملة لاإنسانية أو مهينة; الكرامة",
    ),
    _c(
        "sea_vessels",
        "Smuggling by sea / vessels, flag State",
        en="by sea; flag state; ship; vessel; high seas; boarding; registry of vessels",
        fr="navire; mer; pavillon; haute mer; par voie maritime",
        es="buque; mar; pabellón; embarcación; alta mar; vía marítima",
        ru="судно; море; флаг; открытое море",
        ar="سفينة; البحر; علم السفينة; دولة العلم; أعالي البحار",
    ),
    _c(
        "non_punishment_migrants",
        "Migrants not liable for being smuggled",
        en="shall not become liable to criminal prosecution; object of the conduct; non-punishment",
        fr="ne peut donner lieu à des poursuites; immunité; ne sont pas poursuivis",
        es="no serán objeto de sanción; no punibilidad; no será penalizado; no serán pasibles",
        ru="не подлежат уголовной ответственности",
        ar="لا يصبح المهاجرون عرضة للملاحقة الجنائية",
    ),
    _c(
        "human_rights",
        "Human rights, right to life, freedom from torture",
        en="human rights; right to life; torture; cruel, inhuman; fundamental rights",
        fr="droits de l'homme; torture; droits fondamentaux",
        es="derechos humanos; tortura; derechos fundamentales",
        ru="права человека; пытки; основные права",
        ar="حقوق الإنسان; التعذيب",
    ),
    _c(
        "consular",
        "Consular notification and assistance",
        en="consular; consular officers; consular relations; consular notification",
        fr="consulaire; consulaires; autorités consulaires",
        es="consular; consulares; asistencia consular",
        ru="консульск; консульских",
        ar="القنصلية; القنصليين",
    ),
    # --- firearms (Firearms Protocol) -----------------------------------------------------
    _c(
        "firearms",
        "Firearms / weapons",
        en="firearm; firearms; weapon; weapons; gun; handgun; rifle; shotgun; arms",
        fr="arme; armes; armes à feu; matériels de guerre; matériel de guerre",
        es="armas de fuego; arma de fuego; armas; arma; armamento; material bélico",
        ru="огнестрельное оружие; оружие; оружия; огнестрельного оружия",
        ar="الأسلحة النارية; سلاح; الأسلحة; أسلحة",
    ),
    _c(
        "ammunition",
        "Ammunition",
        en="ammunition; cartridge; cartridges; bullets; munitions",
        fr="munitions; munition; cartouches",
        es="municiones; munición; cartuchos",
        ru="боеприпасы; боеприпасов; патроны",
        ar="الذخيرة; ذخائر",
    ),
    _c(
        "parts_components",
        "Parts and components",
        en="parts and components; frame or receiver; components; silencer; muffler",
        fr="pièces; éléments; composants; parties d'armes",
        es="piezas; componentes; accesorios",
        ru="составные части; компоненты; основные части",
        ar="الأجزاء; المكونات",
    ),
    _c(
        "explosives",
        "Explosives and destructive devices",
        en="explosive; explosives; destructive device; destructive devices",
        fr="explosifs; poudres; substances explosives",
        es="explosivos; material explosivo; materiales explosivos",
        ru="взрывчатые вещества; взрывные устройства",
        ar="متفجرات; المتفجرات",
    ),
    _c(
        "manufacturing",
        "Manufacturing or assembly",
        en="manufacturing; manufacture; manufactures; manufactured; manufacturer; "
        "assembly; assembles; production",
        fr="fabrication; fabriquer; fabrique; assemblage; production; fabricant",
        es="fabricación; fabricare; fabrique; armado; ensamblaje; producción; fabricante; ensamble",
        ru="изготовление; производство; сборка; изготовить",
        ar="صنع; الصنع; تجميع; إنتاج",
    ),
    _c(
        "import_export_transit",
        "Import, export and transit across borders",
        en="import; importation; imports; importer; export; exportation; exports; exporter; "
        "transit; ship or transport in interstate or foreign commerce",
        fr="importation; importer; exportation; exporter; transit; transfert intracommunautaire",
        es="importación; importare; exportación; exportare; tránsito; tráfico internacional",
        ru="ввоз; вывоз; импорт; экспорт; транзит; перемещение через границу",
        ar="الاستيراد; التصدير; العبور",
    ),
    _c(
        "arms_trade",
        "Dealing, sale, acquisition and transfer of arms",
        en="dealing; dealer; dealers; sale; sell; sells; delivery; deliver; engage in the "
        "business; acquisition; trafficking in firearms; illicit trafficking",
        fr="commerce; commercer; vente; cession; céder; acquisition; trafic; trafic d'armes",
        es="comercialización; comercio; venta; enajenación; tráfico interno; tráfico de "
        "armas; tráfico ilícito",
        ru="незаконный оборот; сбыт; продажа; торговля оружием; контрабанда",
        ar="الاتجار غير المشروع; البيع; الاتجار بالأسلحة",
    ),
    _c(
        "licensing_authorization",
        "Licence, authorization or permit",
        en="license; licensed; licensee; licensing; authorization; authorize; authorized; "
        "without authorization",
        fr="autorisation; licence; agrément; sans autorisation; autorisé",
        es="autorización; autorizado; autorizados; licencia; permiso; sin autorización; "
        "habilitación",
        ru="лицензия; разрешение; без разрешения; лицензии",
        ar="رخصة; ترخيص; إذن; دون إذن",
    ),
    _c(
        "marking",
        "Marking and serial numbers",
        en="marking; mark; marked; marks; serial number; serial numbers; unique marking; "
        "engrave; identification of each firearm",
        fr="marquage; marquer; numéro de série; poinçon; marqué",
        es="marcaje; marcado; marca; número de serie; numeración; marcación",
        ru="маркировка; маркировку; маркировки; серийный номер; клеймо",
        ar="الوسم; وسم; الرقم التسلسلي; علامات",
    ),
    _c(
        "obliteration",
        "Obliterating, removing or altering markings",
        en="obliterate; obliterated; removed, obliterated or altered; altered; remove; defaced",
        fr="effacement; effacé; altéré; modifié; supprimé; falsifié",
        es="borrado; adulterado; adulteración; alterado; suprimido; limado",
        ru="уничтожение маркировки; изменение маркировки; удаление",
        ar="طمس; إزالة; تحوير",
    ),
    _c(
        "record_keeping",
        "Record-keeping",
        en="records; record; record-keeping; keep records; maintain records; register; registry",
        fr="registre; registres; tenir un registre; inscription; comptabilité",
        es="registro; registros; llevar un registro; registrar; inventario",
        ru="учет; регистрация; реестр; хранение информации; записи",
        ar="سجلات; السجلات; حفظ السجلات; سجل",
    ),
    _c(
        "deactivation",
        "Deactivation",
        en="deactivation; deactivate; deactivated; permanently inoperable; inoperable",
        fr="neutralisation; neutralisé; neutraliser; inopérant",
        es="desactivación; inutilización; inutilizar; inutilizadas",
        ru="приведение в негодность; вывод из строя; деактивация",
        ar="تعطيل; إبطال",
    ),
    _c(
        "destruction",
        "Destruction",
        en="destruction; destroyed; destroy; disposal; disposed of",
        fr="destruction; détruit; détruire; détruits",
        es="destrucción; destruir; destruidas; destruidos; destruidas",
        ru="уничтожение; уничтожены; уничтожению",
        ar="إتلاف; تدمير",
    ),
    _c(
        "theft_loss_diversion",
        "Theft, loss, diversion; secure storage",
        en="theft; stolen; loss; lost; diversion; secure storage; storage",
        fr="vol; volé; perte; détournement; conservation; entreposage",
        es="hurto; robo; pérdida; extravío; desvío; depósito; almacenamiento",
        ru="хищение; утрата; кража; хранение",
        ar="سرقة; فقدان; تسريب; تخزين",
    ),
    _c(
        "brokering",
        "Brokers and brokering",
        en="broker; brokers; brokering; intermediary",
        fr="intermédiation; intermédiaire; courtage; courtier",
        es="intermediación; intermediario; intermediarios; corretaje",
        ru="брокер; брокерская деятельность; посредничество; посредник",
        ar="السماسرة; السمسرة; وسيط",
    ),
)

_BY_ID: dict[str, Concept] = {concept.id: concept for concept in CONCEPTS}


def concept_by_id(concept_id: str) -> Concept:
    """Look up a concept (KeyError if unknown)."""
    return _BY_ID[concept_id]
