"""The parts of the role homes (`home_blocks`): a block, its items and sections, and the
helpers every block uses to count under a cap and phrase the count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.http import urlencode
from django.utils.text import Truncator

# Records listed per block, and where an unscoped count stops ("1,000+").
SHOWN = 5
CAP = 1000


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class Block:
    key: str
    heading: str
    phrase: str
    see_all: str
    empty: str
    items: list[Item] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: list[Block]
    # The state or organisation the section is about (shown isolated: it may be Latin text
    # in an Arabic page).
    subject: str = ""


def capped_count(queryset: QuerySet[Any], cap: int = CAP) -> tuple[int, bool]:
    """(count, whether there are more): at most `cap` + 1 rows are counted."""
    found = queryset.order_by()[: cap + 1].count()
    return min(found, cap), found > cap


def shown(count: int, more: bool = False) -> dict[str, str]:
    """The count as the phrase shows it: grouped by the locale, "+" when capped."""
    text = number_format(count, force_grouping=True)
    return {"count": f"{text}+" if more else text}


def title_of(record: Any, length: int = 110) -> str:
    return Truncator(str(record)).chars(length)


def items_of(records: Iterable[Any], note: Any = None) -> list[Item]:
    return [
        Item(title_of(r), r.get_absolute_url(), str(note(r)) if note else "")
        for r in list(records)[:SHOWN]
    ]


def short_date(value: dt.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def url_with(name: str, *args: Any, **query: Any) -> str:
    url = reverse(name, args=args)
    return f"{url}?{urlencode(query)}" if query else url
