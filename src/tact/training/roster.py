"""Reading rosters and score sheets from Excel: every bad row gets a message naming its row
number, and a sheet with any bad row is refused whole (the services save nothing).

Roster columns (first row, any order, English names): participant_id, name, agency,
agency_type, state (ISO3), sex, rank, years_of_service, consent, language, pre, post, and one
column per session day headed by its date (YYYY-MM-DD) holding 1/0 for present/absent.
Score sheets need participant_id, pre and post only.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from tact.core.exports import xlsx_bytes
from tact.training.models import LANGUAGES, AgencyType, Sex

ROSTER_COLUMNS = (
    "participant_id",
    "name",
    "agency",
    "agency_type",
    "state",
    "sex",
    "rank",
    "years_of_service",
    "consent",
    "language",
    "pre",
    "post",
)
SCORE_COLUMNS = ("participant_id", "pre", "post")
YES = {"1", "yes", "y", "true", "x", "oui", "si", "sí", "да"}
NO = {"0", "no", "n", "false", "", "non", "нет"}


@dataclass
class Sheet:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _table(data: bytes) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """Header (lower-cased) and the non-empty rows with their Excel row numbers."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ValueError(_("This is not an Excel workbook (.xlsx).")) from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [_text(h).lower() for h in next(rows, ())]
    body = [
        (number, list(values))
        for number, values in enumerate(rows, start=2)
        if any(_text(v) for v in values)
    ]
    workbook.close()
    return header, body


def _score(value: Any, maximum: Decimal, row: int, label: str, errors: list[str]) -> str | None:
    text = _text(value)
    if not text:
        return None
    try:
        score = Decimal(text.replace(",", "."))
    except InvalidOperation:
        errors.append(
            _("Row %(row)d: %(what)s score %(value)s is not a number.")
            % {"row": row, "what": label, "value": text}
        )
        return None
    if score < 0 or score > maximum:
        errors.append(
            _("Row %(row)d: %(what)s score %(value)s is above the maximum of %(max)s.")
            % {"row": row, "what": label, "value": text, "max": maximum}
            if score > maximum
            else _("Row %(row)d: %(what)s score %(value)s is negative.")
            % {"row": row, "what": label, "value": text}
        )
        return None
    return str(score)


def _choice(text: str, choices: Sequence[tuple[str, Any]]) -> str | None:
    wanted = text.strip().lower()
    for code, label in choices:
        if wanted in {code.lower(), str(label).lower()}:
            return code
    return None


def _check_header(header: list[str], required: Iterable[str], errors: list[str]) -> None:
    missing = [c for c in required if c not in header]
    if missing:
        errors.append(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )


def read_roster(
    data: bytes, *, maximum: Decimal, days: list[dt.date], states: dict[str, int]
) -> Sheet:
    """Parse a roster; `states` maps ISO3 codes to state ids."""
    result = Sheet()
    try:
        header, body = _table(data)
    except ValueError as exc:
        result.errors.append(str(exc))
        return result
    _check_header(header, ("participant_id", "agency_type"), result.errors)
    day_columns: dict[int, str] = {}
    valid_days = {d.isoformat() for d in days}
    for index, name in enumerate(header):
        if name[:1].isdigit():
            if name[:10] not in valid_days:
                result.errors.append(
                    _("Column %(column)s is not a day of this session.") % {"column": name}
                )
            else:
                day_columns[index] = name[:10]
    if result.errors:
        return result
    seen: dict[str, int] = {}
    for number, values in body:
        cells = {name: values[i] if i < len(values) else None for i, name in enumerate(header)}
        errors: list[str] = []
        code = _text(cells.get("participant_id"))
        if not code:
            errors.append(_("Row %(row)d: the participant id is missing.") % {"row": number})
        elif code in seen:
            errors.append(
                _("Row %(row)d: participant id %(code)s is already used in row %(first)d.")
                % {"row": number, "code": code, "first": seen[code]}
            )
        else:
            seen[code] = number
        agency_type = _choice(_text(cells.get("agency_type")), AgencyType.choices)
        if agency_type is None:
            errors.append(
                _("Row %(row)d: unknown agency type %(value)s (use one of: %(choices)s).")
                % {
                    "row": number,
                    "value": _text(cells.get("agency_type")) or "—",
                    "choices": ", ".join(AgencyType.values),
                }
            )
        iso3 = _text(cells.get("state")).upper()
        if iso3 and iso3 not in states:
            errors.append(
                _("Row %(row)d: unknown state code %(value)s.") % {"row": number, "value": iso3}
            )
        sex_text = _text(cells.get("sex"))
        sex = _choice(sex_text, Sex.choices) if sex_text else Sex.UNDISCLOSED
        if sex is None:
            errors.append(
                _("Row %(row)d: unknown sex %(value)s.") % {"row": number, "value": sex_text}
            )
        years_text = _text(cells.get("years_of_service"))
        if years_text and not (years_text.isdigit() and int(years_text) < 80):
            errors.append(
                _("Row %(row)d: years of service %(value)s is not a whole number.")
                % {"row": number, "value": years_text}
            )
        language = _text(cells.get("language")).lower() or "en"
        language = "zh-hans" if language in {"zh", "zh_hans"} else language
        if language not in dict(LANGUAGES):
            errors.append(
                _("Row %(row)d: unknown language %(value)s.") % {"row": number, "value": language}
            )
        consent_text = _text(cells.get("consent")).lower()
        if consent_text not in YES | NO:
            errors.append(
                _("Row %(row)d: consent must be yes or no, not %(value)s.")
                % {"row": number, "value": consent_text}
            )
        pre = _score(cells.get("pre"), maximum, number, _("pre-test"), errors)
        post = _score(cells.get("post"), maximum, number, _("post-test"), errors)
        attendance = {}
        for index, day in day_columns.items():
            mark = _text(values[index] if index < len(values) else None).lower()
            if mark in YES | NO:
                attendance[day] = mark in YES
            else:
                errors.append(
                    _("Row %(row)d: attendance on %(day)s must be 1 or 0, not %(value)s.")
                    % {"row": number, "day": day, "value": mark}
                )
        result.errors.extend(errors)
        if not errors:
            result.rows.append(
                {
                    "row": number,
                    "code": code,
                    "name": _text(cells.get("name")),
                    "agency": _text(cells.get("agency")),
                    "agency_type": agency_type,
                    "state": iso3,
                    "sex": sex,
                    "rank": _text(cells.get("rank")),
                    "years_of_service": int(years_text) if years_text else None,
                    "consent": consent_text in YES,
                    "language": language,
                    "pre": pre,
                    "post": post,
                    "attendance": attendance,
                }
            )
    return result


def read_scores(data: bytes, *, maximum: Decimal, codes: set[str]) -> Sheet:
    """Parse a score sheet for a session whose participants have `codes`."""
    result = Sheet()
    try:
        header, body = _table(data)
    except ValueError as exc:
        result.errors.append(str(exc))
        return result
    _check_header(header, SCORE_COLUMNS, result.errors)
    if result.errors:
        return result
    seen: dict[str, int] = {}
    for number, values in body:
        cells = {name: values[i] if i < len(values) else None for i, name in enumerate(header)}
        errors: list[str] = []
        code = _text(cells.get("participant_id"))
        if code in seen:
            errors.append(
                _("Row %(row)d: participant id %(code)s is already used in row %(first)d.")
                % {"row": number, "code": code, "first": seen[code]}
            )
        elif code not in codes:
            errors.append(
                _("Row %(row)d: participant id %(code)s is not on this session's roster.")
                % {"row": number, "code": code or "—"}
            )
        seen.setdefault(code, number)
        pre = _score(cells.get("pre"), maximum, number, _("pre-test"), errors)
        post = _score(cells.get("post"), maximum, number, _("post-test"), errors)
        result.errors.extend(errors)
        if not errors:
            result.rows.append({"row": number, "code": code, "pre": pre, "post": post})
    return result


def roster_xlsx(rows: Iterable[dict[str, Any]], days: list[dt.date]) -> bytes:
    """A roster in the import format (so an export edited in Excel imports back)."""
    headers = [*ROSTER_COLUMNS, *(d.isoformat() for d in days)]
    table = (
        [
            *(row.get(column, "") for column in ROSTER_COLUMNS),
            *(
                ("1" if row["attendance"][d.isoformat()] else "0")
                if d.isoformat() in row["attendance"]
                else ""
                for d in days
            ),
        ]
        for row in rows
    )
    return xlsx_bytes(headers, table, title="roster")


def scores_xlsx(rows: Iterable[dict[str, Any]]) -> bytes:
    return xlsx_bytes(
        SCORE_COLUMNS, ([r["code"], r.get("pre") or "", r.get("post") or ""] for r in rows)
    )
