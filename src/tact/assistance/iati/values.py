"""Parsing and formatting of the XSD simple types IATI uses (date, dateTime, decimal, boolean).

Why not ``date.fromisoformat`` / ``Decimal(str)``: both accept values the schema rejects
(``Decimal("1e3")``, ``Decimal("NaN")``, ``"20130101"`` in Python 3.11) and reject values the
schema accepts (``"2013-11-27Z"``, ``"2013-11-27+02:00"``).  The reader must agree with the
XSD, and the writer must never produce exponent notation, which ``str(Decimal)`` can.
Every parser raises :class:`ValueError` with a short English reason.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

_DATE = re.compile(r"^(-?\d{4,})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?$")
_DATETIME = re.compile(
    r"^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$"
)
_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_INTEGER = re.compile(r"^[+-]?\d+$")


def _tz(text: str | None) -> dt.tzinfo | None:
    if text is None:
        return None
    if text == "Z":
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    hours, minutes = int(text[1:3]), int(text[4:6])
    if hours > 14 or minutes > 59:
        raise ValueError("time zone offset out of range")
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def parse_date(text: str) -> dt.date:
    """An ``xsd:date``; a time zone suffix is accepted and dropped (IATI dates are days)."""
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
        try:  # fast path for the overwhelmingly common plain YYYY-MM-DD
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    match = _DATE.match(text.strip())
    if not match:
        raise ValueError("not a YYYY-MM-DD date")
    year, month, day, tz = match.groups()
    _tz(tz)
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError as error:
        raise ValueError(f"impossible date ({error})") from None


def parse_datetime(text: str) -> dt.datetime:
    """An ``xsd:dateTime`` as an aware datetime.

    Why UTC for values without a zone: the schema allows them and IATI gives them no zone;
    storing naive datetimes next to aware ones would break comparisons, and the only use is
    "which record is newer", where an hour's ambiguity is harmless.
    """
    match = _DATETIME.match(text.strip())
    if not match:
        raise ValueError("not a YYYY-MM-DDThh:mm:ss date-time")
    year, month, day, hour, minute, second, fraction, tz = match.groups()
    micro = int((fraction[1:] + "000000")[:6]) if fraction else 0
    extra = dt.timedelta(0)
    if (hour, minute, second, micro) == ("24", "00", "00", 0):
        hour, extra = "00", dt.timedelta(days=1)  # XSD allows 24:00:00 = end of the day
    try:
        value = dt.datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second),
            micro,
            tzinfo=_tz(tz) or dt.UTC,
        )
    except (ValueError, OverflowError) as error:
        raise ValueError(f"impossible date-time ({error})") from None
    return value + extra


def parse_decimal(text: str) -> Decimal:
    """An ``xsd:decimal``: digits with an optional sign and point, no exponent, no NaN."""
    cleaned = text.strip()
    if not _DECIMAL.match(cleaned):
        raise ValueError("not a decimal number")
    return Decimal(cleaned)


def parse_boolean(text: str) -> bool:
    """An ``xsd:boolean``: exactly ``true``, ``false``, ``1`` or ``0``."""
    cleaned = text.strip()
    if cleaned in ("1", "true"):
        return True
    if cleaned in ("0", "false"):
        return False
    raise ValueError("not a boolean (1, 0, true or false)")


def parse_int(text: str) -> int:
    """An ``xsd:int`` / ``xsd:positiveInteger`` lexical value (range checked by callers)."""
    cleaned = text.strip()
    if not _INTEGER.match(cleaned):
        raise ValueError("not a whole number")
    return int(cleaned)


def format_decimal(value: Decimal) -> str:
    """Plain positional notation that ``xsd:decimal`` accepts (never ``1E+3``)."""
    if not value.is_finite():
        raise ValueError(f"cannot write non-finite decimal {value!r}")
    text = format(value, "f")
    return "0" if text in ("-0", "+0") else text


def format_date(value: dt.date) -> str:
    return value.isoformat()


def format_datetime(value: dt.datetime) -> str:
    """ISO 8601 with an explicit zone (``Z`` for UTC); naive datetimes are refused.

    Why refuse: a naive timestamp written to an open-data file would be silently wrong for
    every reader outside the writer's zone.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("datetimes written to IATI must be timezone-aware")
    text = value.replace(microsecond=0).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def format_boolean(value: bool) -> str:
    return "1" if value else "0"
