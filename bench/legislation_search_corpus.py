# ruff: noqa: E501  (phrase tables read better unwrapped)
"""Generated legal provisions in Russian and English for the legislation search bench.

Provisions are assembled from phrase tables written in the style of criminal codes and
criminal procedure codes (witness and victim protection, money laundering, trafficking in
persons, smuggling of migrants, firearms, corruption, confiscation, extradition, mutual legal
assistance), with the inflected forms a real code uses ("свидетель", "свидетеля", "свидетелей",
"witness", "witnesses"), numbers, and occasional rare words, so that term frequencies range
from very common to very rare as in real legislation.  Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

# Topic -> (Convention article keys it maps to, Russian phrase table, English phrase table).
# Keys are catalog provision keys (src/tact/catalog/data/catalog.json); unknown keys are
# skipped by the bench.


@dataclass(frozen=True)
class Topic:
    key: str
    articles: tuple[str, ...]
    ru_heading: tuple[str, ...]
    en_heading: tuple[str, ...]
    ru_objects: tuple[str, ...]
    en_objects: tuple[str, ...]


TOPICS: tuple[Topic, ...] = (
    Topic(
        "witness",
        ("untoc/art_24",),
        (
            "Защита свидетелей",
            "Меры безопасности в отношении свидетеля",
            "Государственная защита свидетелей и потерпевших",
        ),
        (
            "Protection of witnesses",
            "Witness protection measures",
            "Safety of witnesses and experts",
        ),
        (
            "свидетеля",
            "свидетелей",
            "свидетелю",
            "свидетелями",
            "эксперта и свидетеля",
            "лиц, дающих показания",
        ),
        (
            "witnesses",
            "a witness",
            "the witness",
            "witnesses and experts",
            "persons who give testimony",
        ),
    ),
    Topic(
        "victim",
        ("untoc/art_25", "tip/art_6"),
        ("Помощь потерпевшим и их защита", "Права потерпевшего", "Возмещение вреда потерпевшему"),
        (
            "Assistance to and protection of victims",
            "Rights of the victim",
            "Compensation of victims",
        ),
        (
            "потерпевшего",
            "потерпевших",
            "потерпевшему",
            "жертв преступления",
            "жертвы торговли людьми",
        ),
        (
            "victims",
            "the victim",
            "victims of trafficking",
            "the injured party",
            "victims of crime",
        ),
    ),
    Topic(
        "laundering",
        ("untoc/art_6", "untoc/art_7"),
        (
            "Легализация (отмывание) денежных средств",
            "Отмывание доходов, полученных преступным путем",
        ),
        (
            "Laundering of proceeds of crime",
            "Money laundering",
            "Measures to combat money-laundering",
        ),
        (
            "денежных средств",
            "доходов от преступлений",
            "имущества, приобретенного преступным путем",
            "финансовых операций",
        ),
        (
            "proceeds of crime",
            "laundered money",
            "property derived from an offence",
            "financial transactions",
        ),
    ),
    Topic(
        "trafficking",
        ("tip/art_3", "tip/art_5"),
        ("Торговля людьми", "Использование рабского труда", "Вербовка в целях эксплуатации"),
        ("Trafficking in persons", "Forced labour", "Recruitment for the purpose of exploitation"),
        (
            "торговли людьми",
            "эксплуатации человека",
            "вербовки, перевозки или передачи человека",
            "принудительного труда",
        ),
        (
            "trafficking in persons",
            "exploitation",
            "recruitment, transportation or transfer of persons",
            "forced labour",
        ),
    ),
    Topic(
        "smuggling",
        ("som/art_3", "som/art_6"),
        ("Организация незаконной миграции", "Незаконный ввоз мигрантов"),
        ("Smuggling of migrants", "Facilitation of illegal entry"),
        (
            "незаконного въезда",
            "мигрантов",
            "незаконного пересечения государственной границы",
            "поддельных документов",
        ),
        (
            "illegal entry",
            "migrants",
            "unlawful crossing of the border",
            "fraudulent travel documents",
        ),
    ),
    Topic(
        "firearms",
        ("fp/art_5",),
        ("Незаконный оборот оружия", "Незаконное изготовление огнестрельного оружия"),
        ("Illicit trafficking in firearms", "Illicit manufacturing of firearms"),
        ("огнестрельного оружия", "боеприпасов", "составных частей оружия", "взрывчатых веществ"),
        ("firearms", "ammunition", "parts and components of firearms", "explosives"),
    ),
    Topic(
        "corruption",
        ("untoc/art_8", "untoc/art_9"),
        ("Получение взятки", "Дача взятки", "Злоупотребление должностными полномочиями"),
        ("Corruption", "Bribery of public officials", "Abuse of office"),
        ("взятки", "должностного лица", "должностных полномочий", "незаконного вознаграждения"),
        ("a bribe", "a public official", "official duties", "an undue advantage"),
    ),
    Topic(
        "confiscation",
        ("untoc/art_12", "untoc/art_13"),
        ("Конфискация имущества", "Арест имущества", "Изъятие орудий преступления"),
        ("Confiscation and seizure", "Freezing of assets", "Forfeiture of instrumentalities"),
        ("имущества", "орудий преступления", "доходов от преступлений", "арестованного имущества"),
        ("property", "instrumentalities", "proceeds of crime", "frozen assets"),
    ),
    Topic(
        "extradition",
        ("untoc/art_16",),
        ("Выдача лица для уголовного преследования", "Экстрадиция", "Отказ в выдаче"),
        ("Extradition", "Surrender of fugitives", "Refusal of extradition"),
        (
            "выдачи",
            "лица, совершившего преступление",
            "запроса о выдаче",
            "иностранного государства",
        ),
        ("extradition", "the person sought", "the request for extradition", "the requesting State"),
    ),
    Topic(
        "mla",
        ("untoc/art_18",),
        (
            "Взаимная правовая помощь",
            "Исполнение запроса о правовой помощи",
            "Международное сотрудничество",
        ),
        (
            "Mutual legal assistance",
            "Execution of requests for assistance",
            "International cooperation",
        ),
        (
            "правовой помощи",
            "запроса о правовой помощи",
            "компетентного органа иностранного государства",
            "доказательств",
        ),
        (
            "mutual legal assistance",
            "the request for assistance",
            "the competent authority",
            "evidence",
        ),
    ),
    Topic(
        "organised",
        ("untoc/art_5",),
        ("Организация преступного сообщества", "Участие в организованной группе", "Бандитизм"),
        ("Participation in an organized criminal group", "Criminal association", "Conspiracy"),
        (
            "организованной группы",
            "преступного сообщества",
            "участников организованной группы",
            "руководителя преступного сообщества",
        ),
        (
            "an organized criminal group",
            "a criminal association",
            "members of the group",
            "the leader of the group",
        ),
    ),
)

RU_SUBJECTS = (
    "Суд",
    "Прокурор",
    "Следователь",
    "Орган дознания",
    "Уполномоченный орган",
    "Министерство внутренних дел",
    "Лицо",
    "Должностное лицо",
    "Судья",
    "Компетентный орган",
)
RU_VERBS = (
    "обеспечивает защиту",
    "принимает меры безопасности в отношении",
    "вправе применить меры защиты к",
    "обязан уведомить",
    "рассматривает ходатайство",
    "осуществляет проверку",
    "незамедлительно сообщает о совершении",
    "вправе отказать в удовлетворении ходатайства",
    "принимает решение о применении мер в отношении",
    "ведет учет",
)
RU_ACTS = (
    "Совершение {obj} наказывается лишением свободы на срок от {a} до {b} лет.",
    "То же деяние, совершенное организованной группой, наказывается лишением свободы на срок до {b} лет со штрафом в размере до {n} тысяч рублей.",
    "Меры безопасности применяются на основании письменного заявления или с письменного согласия {obj}.",
    "Сведения о {obj} не подлежат разглашению, за исключением случаев, предусмотренных настоящим Кодексом.",
    "Порядок применения настоящей статьи в отношении {obj} устанавливается Правительством.",
    "Лицо освобождается от уголовной ответственности, если оно добровольно сообщило о {obj} и активно способствовало раскрытию преступления.",
    "Действие настоящей статьи распространяется на близких родственников {obj}.",
    "Решение о применении мер принимается в течение {a} суток с момента поступления заявления.",
    "Под {obj} в настоящей статье понимаются лица, указанные в части {a} статьи {n}.",
)
EN_SUBJECTS = (
    "The court",
    "The prosecutor",
    "The investigating officer",
    "The competent authority",
    "The Minister",
    "A person",
    "A public official",
    "The judge",
    "The central authority",
    "The police",
)
EN_VERBS = (
    "shall ensure the protection of",
    "shall take appropriate measures to protect",
    "may order measures in respect of",
    "shall notify",
    "shall consider an application concerning",
    "shall verify information on",
    "shall immediately report",
    "may refuse a request concerning",
    "shall decide on measures for",
    "shall keep a register of",
)
EN_ACTS = (
    "Any person who commits an offence involving {obj} shall be liable to imprisonment for a term of {a} to {b} years.",
    "Where the offence is committed by an organized criminal group, the penalty shall be imprisonment for up to {b} years and a fine of up to {n} thousand.",
    "Protective measures shall be applied upon a written application or with the written consent of {obj}.",
    "Information concerning {obj} shall not be disclosed except as provided by this Code.",
    "The procedure for the application of this section to {obj} shall be prescribed by regulations.",
    "A person shall be exempt from criminal liability if he or she voluntarily reports on {obj} and actively assists in the investigation.",
    "This section shall also apply to close relatives of {obj}.",
    "A decision on such measures shall be taken within {a} days of receipt of the application.",
    "For the purposes of this section, {obj} means the persons referred to in subsection {a} of section {n}.",
)
# Rare words sprinkled into a few provisions (long-tail vocabulary).
RU_RARE = (
    "аудиовидеозапись",
    "псевдоним",
    "дактилоскопия",
    "депонирование",
    "контрабандист",
    "криптовалюта",
)
EN_RARE = (
    "pseudonym",
    "videoconference",
    "cryptocurrency",
    "fingerprinting",
    "escrow",
    "relocation",
)


@dataclass(frozen=True)
class GeneratedProvision:
    language: str
    number: str
    heading: str
    text: str
    topic: str
    articles: tuple[str, ...]


def _sentence(rng: random.Random, language: str, topic: Topic) -> str:
    if language == "ru":
        objects, subjects, verbs, acts = topic.ru_objects, RU_SUBJECTS, RU_VERBS, RU_ACTS
    else:
        objects, subjects, verbs, acts = topic.en_objects, EN_SUBJECTS, EN_VERBS, EN_ACTS
    obj = rng.choice(objects)
    if rng.random() < 0.45:
        sentence = f"{rng.choice(subjects)} {rng.choice(verbs)} {obj}."
    else:
        a = rng.randint(1, 10)
        sentence = rng.choice(acts).format(
            obj=obj, a=a, b=a + rng.randint(2, 10), n=rng.randint(5, 500)
        )
    return sentence


def generate(
    n: int, *, seed: int = 2026, languages: tuple[str, ...] = ("ru", "en")
) -> Iterator[GeneratedProvision]:
    """*n* provisions, alternating languages, each of 2-6 sentences on one topic."""
    rng = random.Random(seed)
    for i in range(n):
        language = languages[i % len(languages)]
        topic = rng.choice(TOPICS)
        # a provision sometimes touches a second topic, as real articles do
        sentences = [_sentence(rng, language, topic) for _ in range(rng.randint(2, 6))]
        if rng.random() < 0.2:
            sentences.append(_sentence(rng, language, rng.choice(TOPICS)))
        if rng.random() < 0.02:
            rare = rng.choice(RU_RARE if language == "ru" else EN_RARE)
            sentences.append(
                f"{rare.capitalize()}." if language == "en" else f"Допускается {rare}."
            )
        heading = rng.choice(topic.ru_heading if language == "ru" else topic.en_heading)
        number = str(100 + i % 900)
        yield GeneratedProvision(
            language, number, heading, " ".join(sentences), topic.key, topic.articles
        )
