"""Loading the catalog from the data file shipped in the package."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from tact.catalog.models import Instrument, Provision, ProvisionParagraph, Theme
from tact.core.audit import audit_log

CATALOG_FILE = Path(__file__).resolve().parent / "data" / "catalog.json"


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class _Existing:
    """The rows a model already holds, by their natural key: read in one query per model, not
    one per row (the catalog has ~700 paragraphs and items; fresh test databases load it)."""

    def __init__(self) -> None:
        self._rows: dict[Any, dict[Any, Any]] = {}

    def get(self, model: Any, lookup: dict[str, Any]) -> Any:
        ((field, value),) = lookup.items()
        if model not in self._rows:
            qs = model.objects.all()
            if model is ProvisionParagraph:
                qs = qs.select_related("provision")
            self._rows[model] = {getattr(row, field): row for row in qs}
        return self._rows[model].get(value)


def _upsert(
    report: LoadReport,
    model: Any,
    lookup: dict[str, Any],
    values: dict[str, Any],
    existing: _Existing | None = None,
) -> Any:
    obj = (
        existing.get(model, lookup)
        if existing is not None
        else model.objects.filter(**lookup).first()
    )
    if obj is None:
        report.created += 1
        return model.objects.create(**lookup, **values)
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    if changed:
        for key in changed:
            setattr(obj, key, values[key])
        obj.save(update_fields=changed)
        report.updated += 1
    else:
        report.unchanged += 1
    return obj


#: Paragraph ``n`` sorts at ``n * ITEM_SLOTS``, its lettered sub-items just after it.
ITEM_SLOTS = 100
_ITEM_LINE = re.compile(r"^([a-z])\)\s+(\S.*)$")


def lettered_items(text: str) -> list[tuple[str, str]]:
    """``a) ...``, ``b) ...`` lines of a paragraph, each with the lines nested under it.

    Only the first level counts: "(i)" and "a." lines below an item stay in that item, and
    a letter out of sequence (a quoted list) ends the reading rather than starting a new one.
    """
    items: list[tuple[str, list[str]]] = []
    for line in text.split("\n"):
        match = _ITEM_LINE.match(line.strip())
        expected = chr(ord("a") + len(items))
        if match and match.group(1) == expected:
            items.append((match.group(1), [match.group(2)]))
        elif items:
            items[-1][1].append(line.strip())
    return [(letter, "\n".join(lines).strip()) for letter, lines in items]


@transaction.atomic
def catalog_load(*, actor: Any = None, path: Path = CATALOG_FILE) -> LoadReport:
    """Load or refresh the catalog; loading the same file twice changes nothing."""
    data = json.loads(path.read_text(encoding="utf-8"))
    report = LoadReport()
    existing = _Existing()
    themes: dict[str, Theme] = {}
    for order, theme in enumerate(data["themes"]):
        themes[theme["code"]] = _upsert(
            report,
            Theme,
            {"code": theme["code"]},
            {"titles": theme["title"], "order": order},
            existing,
        )
    for inst in data["instruments"]:
        instrument = _upsert(
            report,
            Instrument,
            {"code": inst["code"]},
            {
                "order": inst["order"],
                "short_titles": inst["short_title"],
                "titles": inst["title"],
                "adopted_by": inst.get("adopted_by", ""),
                "adopted_on": _date(inst.get("adopted_on")),
                "entry_into_force": _date(inst.get("entry_into_force")),
                "treaty_series": inst.get("treaty_series", ""),
            },
            existing,
        )
        for art in inst["articles"]:
            provision = _upsert(
                report,
                Provision,
                {"key": f"{inst['code']}/art_{art['number']}"},
                {
                    "instrument": instrument,
                    "number": art["number"],
                    "titles": art["title"],
                    "text": art["text"],
                    "category": art["category"],
                    "obligation_summary": art.get("obligation_summary", ""),
                    "notes": art.get("notes", ""),
                },
                existing,
            )
            wanted = {themes[code].pk for code in art.get("themes", [])}
            current = set(provision.themes.values_list("pk", flat=True))
            if wanted != current:
                provision.themes.set(wanted)
            single = len(art["paragraphs"]) == 1
            for order, para in enumerate(art["paragraphs"]):
                _upsert(
                    report,
                    ProvisionParagraph,
                    {"key": para["id"]},
                    {
                        "provision": provision,
                        "number": para["number"],
                        "order": order * ITEM_SLOTS,
                        "text": para["text"],
                        "obligation": para["obligation"],
                    },
                    existing,
                )
                # Lettered sub-items (art. 3(a), art. 2(a)-(j)) are addressable on their own:
                # labels, suggestions and mappings can target "untoc/art_2/para_1/item_a".
                for index, (letter, text) in enumerate(lettered_items(para["text"]), start=1):
                    _upsert(
                        report,
                        ProvisionParagraph,
                        {"key": f"{para['id']}/item_{letter}"},
                        {
                            "provision": provision,
                            "number": f"({letter})" if single else f"{para['number']}({letter})",
                            "order": order * ITEM_SLOTS + index,
                            "text": text,
                            "obligation": para["obligation"],
                        },
                        existing,
                    )
    if report.created or report.updated:
        audit_log(actor=actor, action="catalog.load", changes={"report": (None, str(report))})
    return report


# "### Article 24" (the treaty Markdown files), then an optional "####Title" line.
_ARTICLE_HEADING = re.compile(r"^#{2,3}\s*Article\s+(\d+)\s*$", re.IGNORECASE)
_TITLE_LINE = re.compile(r"^#{4,}\s*(\S.*)$")
TEXT_LANGUAGES = ("ar", "es", "fr", "ru", "zh")


def parse_articles(markdown: str) -> dict[int, tuple[str, str]]:
    """{article number: (title, text)} from a treaty text in Markdown, one `### Article N`
    heading per article (the layout of /work/shared/data/treaties and the UN's own texts)."""
    articles: dict[int, tuple[str, list[str]]] = {}
    current: int | None = None
    for line in markdown.splitlines():
        if articles and re.match(r"^##[^#]", line):
            break  # a new part after the articles (the treaty files add a translation there)
        if match := _ARTICLE_HEADING.match(line.strip()):
            current = int(match.group(1))
            articles[current] = ("", [])
            continue
        if current is None:
            continue
        title, lines = articles[current]
        if not title and not any(s.strip() for s in lines) and (t := _TITLE_LINE.match(line)):
            articles[current] = (t.group(1).strip(), lines)
            continue
        lines.append(line.rstrip())
    return {n: (title, "\n".join(lines).strip()) for n, (title, lines) in articles.items()}


@transaction.atomic
def catalog_load_text(
    *, actor: Any = None, instrument_code: str, language: str, markdown: str
) -> LoadReport:
    """Store the official text of an instrument in one more language (idempotent).

    Titles found in the file fill only titles the catalog does not hold yet: the catalog's
    titles are the reviewed ones. Articles of the file that the catalog lacks are refused.
    """
    if language not in TEXT_LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(TEXT_LANGUAGES)}")
    instrument = Instrument.objects.get(code=instrument_code)
    provisions = {p.number: p for p in instrument.provisions.all()}
    articles = parse_articles(markdown)
    unknown = sorted(set(articles) - set(provisions))
    if not articles or unknown:
        raise ValueError(f"no articles found, or articles not in {instrument_code}: {unknown}")
    report = LoadReport()
    for number, (title, text) in articles.items():
        provision = provisions[number]
        changed = []
        if text and provision.texts.get(language) != text:
            provision.texts = {**provision.texts, language: text}
            changed.append("texts")
        if title and not provision.titles.get(language):
            provision.titles = {**provision.titles, language: title}
            changed.append("titles")
        if changed:
            provision.save(update_fields=changed)
            report.updated += 1
        else:
            report.unchanged += 1
    if report.updated:
        audit_log(
            actor=actor,
            action="catalog.load_text",
            changes={"text": (None, f"{instrument_code} {language}: {report}")},
        )
    return report
