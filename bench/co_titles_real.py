"""Committee and State under review read from the title blocks of real concluding
observations (issue 11 item 2), and the State matched to the directory's names.

    PYTHONPATH=src python bench/co_titles_real.py

The title blocks below are the first lines of published Russian, Arabic and Chinese
renderings of treaty-body concluding observations (document symbol, committee, title),
as found in public UN document stores. Each is read with the importer's own functions;
the State is matched to the names in src/tact/directory/data/states.json the way the
import does (exact name, else the Russian inflection key). Prints, per language, how many
committees and States were read right and how many States found their directory record.
"""

from __future__ import annotations

import json
from pathlib import Path

from tact.resolutions.parsing.concluding import (
    committee_name,
    inflection_key,
    state_under_review,
)
from tact.resolutions.parsing.treaty_bodies import find_symbol, treaty_body

# (language, symbol, committee line, title lines, expected ISO3)
SAMPLES = [
    (
        "ru",
        "CERD/C/SVK/CO/11-12",
        "Комитет по ликвидации расовой дискриминации",
        [
            "Заключительные замечания по сведенным воедино одиннадцатому и двенадцатому "
            "периодическим докладам Словакии *"
        ],
        "SVK",
    ),
    (
        "ru",
        "CERD/C/EST/CO/12-13",
        "Комитет по ликвидации расовой дискриминации",
        [
            "Заключительные замечания по объединенным двенадцатому и тринадцатому периодическим "
            "докладам Эстонии *"
        ],
        "EST",
    ),
    (
        "ru",
        "CERD/C/ARE/CO/18-21",
        "Комитет по ликвидации расовой дискриминации",
        [
            "Заключительные замечания по объединенным восемнадцатому – двадцать первому "
            "периодическим докладам Объединенных Арабских Эмиратов *"
        ],
        "ARE",
    ),
    (
        "ru",
        "CRPD/C/HRV/CO/1",
        "Комитет по правам инвалидов",
        ["Заключительные замечания по первоначальному докладу Хорватии *"],
        "HRV",
    ),
    (
        "ru",
        "CCPR/C/VCT/CO/2/Add.1",
        "Комитет по правам человека",
        [
            "Заключительные замечания в отношении Сент-Винсента и Гренадин в условиях отсутствия "
            "его второго периодического доклада *"
        ],
        "VCT",
    ),
    (
        "ru",
        "CERD/C/BIH/CO/12-13",
        "Комитет по ликвидации расовой дискриминации",
        [
            "Заключительные замечания по объединенным двенадцатому и тринадцатому периодическим "
            "докладам Боснии и Герцеговины *"
        ],
        "BIH",
    ),
    (
        "ru",
        "E/C.12/BLR/CO/7",
        "Комитет по экономическим, социальным и культурным правам",
        ["Заключительные замечания по седьмому периодическому докладу Беларуси *"],
        "BLR",
    ),
    (
        "ar",
        "CCPR/C/SWE/CO/6",
        "اللجنة المعنية بحقوق الإنسان",
        ["الملاحظات الختامية للجنة المعنية بحقوق الإنسان", "السويد"],
        "SWE",
    ),
    (
        "ar",
        "CCPR/C/BIH/CO/3",
        "اللجنة المعنية بحقوق الإنسان",
        ["الملاحظات الختامية بشأن التقرير الدوري الثالث للبوسنة والهرسك *"],
        "BIH",
    ),
    (
        "ar",
        "CERD/C/TGO/CO/18-19",
        "لجنة القضاء على التمييز العنصري",
        [
            "الملاحظات الختامية بشأن التقرير الجامع للتقريرين الدوريين الثامن عشر والتاسع عشر لتوغو *"  # noqa: E501
        ],
        "TGO",
    ),
    ("ar", "CRC/C/OPSC/AUS/CO/1", "لجنة حقوق الطفل", ["الملاحظات الختامية: أستراليا"], "AUS"),
    (
        "ar",
        "CCPR/C/PHL/CO/4",
        "اللجنة المعنية بحقوق الإنسان",
        [
            "الملاحظات الختامية التي اعتمدتها اللجنة المعنية بحقوق الإنسان بشأن التقرير الدوري "
            "الرابع للفلبين، في دورتها السادسة بعد المائة"
        ],
        "PHL",
    ),
    (
        "ar",
        "E/C.12/SVK/CO/2",
        "اللجنة المعنية بالحقوق الاقتصادية والاجتماعية والثقافية",
        ["الملاحظات الختامية للجنة المعنية بالحقوق الاقتصادية والاجتماعية والثقافية", "سلوفاكيا"],
        "SVK",
    ),
    (
        "zh",
        "CEDAW/C/BGD/CO/8",
        "消除对妇女歧视委员会",
        ["关于孟加拉国第八次定期报告的结论性意见*"],
        "BGD",
    ),
    (
        "zh",
        "CMW/C/GUY/CO/1",
        "保护所有 移民工人 及其 家庭成员权利委员会",
        ["关于圭亚那初次报告的结论性意见*"],
        "GUY",
    ),
    (
        "zh",
        "CCPR/C/USA/CO/4",
        "人权事务委员会",
        ["关于美利坚合众国第四次定期报告的结论性意见*"],
        "USA",
    ),
    (
        "zh",
        "CMW/C/TJK/CO/2",
        "保护所有移 徙工 人及其 家庭成员权利委员会",
        ["关于塔吉克斯坦第二次定期报告的结论性意见*"],
        "TJK",
    ),
    ("zh", "CEDAW/C/QAT/CO/1", "消除对妇女歧视委员会", ["关于卡塔尔初次报告的结论意见*"], "QAT"),
    (
        "zh",
        "CEDAW/C/GMB/CO/4-5",
        "消除对妇女歧视委员会",
        ["关于冈比亚第四次和第五次合并定期报告的结论性意见*"],
        "GMB",
    ),
    (
        "zh",
        "E/C.12/RUS/CO/6",
        "经济、社会及文化权利委员会",
        ["关于俄罗斯联邦第六次定期报告的结论性意见 *"],
        "RUS",
    ),
]

STATES = Path(__file__).parent / ".." / "src/tact/directory/data/states.json"


def main() -> None:
    states = json.loads(STATES.read_text("utf-8"))["states"]
    exact = {name.casefold(): s["iso3"] for s in states for name in s["names"].values()}
    inflected = {inflection_key(name): s["iso3"] for s in states for name in s["names"].values()}
    totals: dict[str, list[int]] = {}
    for language, symbol, committee, title, iso3 in SAMPLES:
        lines = [symbol, committee, *title]
        body = committee_name(lines)
        known = treaty_body(body, find_symbol("\n".join(lines)))
        state = state_under_review(lines)
        found = exact.get(state.casefold()) or inflected.get(inflection_key(state))
        row = totals.setdefault(language, [0, 0, 0, 0])
        row[0] += 1
        row[1] += known is not None
        row[2] += bool(state)
        row[3] += found == iso3
        if found != iso3 or known is None:
            print(
                f"  {language} {symbol}: committee {body!r} -> {known and known.acronym}, "
                f"State {state!r} -> {found} (expected {iso3})"
            )
    for language, (n, bodies, read, linked) in totals.items():
        print(
            f"{language}: {n} title blocks; committee resolved {bodies}/{n}; State read "
            f"{read}/{n}; State linked to the directory {linked}/{n}"
        )


if __name__ == "__main__":
    main()
