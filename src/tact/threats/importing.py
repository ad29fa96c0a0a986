"""Excel rating sheets: one row per subject, one column per attribute (code or name), cells
holding a level code or label (H, Medium, ...). Parsed into a preview first; a sheet with a
bad row is rejected whole, each bad row named with its reason."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from tact.threats import methods
from tact.threats.models import Assessment, Rating


@dataclass
class SheetRow:
    line: int
    subject: str
    subject_pk: int | None = None
    cells: dict[str, str] = field(default_factory=dict)  # attribute code -> level code
    errors: list[str] = field(default_factory=list)


@dataclass
class SheetPreview:
    rows: list[SheetRow] = field(default_factory=list)
    error: str = ""
    columns: list[methods.Attribute] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.error and bool(self.rows) and not any(r.errors for r in self.rows)

    def cells(self) -> dict[tuple[int, str], str]:
        return {
            (row.subject_pk, code): level
            for row in self.rows
            if row.subject_pk is not None
            for code, level in row.cells.items()
        }


def parse_sheet(assessment: Assessment, data: bytes) -> SheetPreview:
    definition = assessment.template_version.parsed()
    preview = SheetPreview()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a file that is not a workbook
        preview.error = _("This file is not an Excel workbook (.xlsx).")
        return preview
    sheet = workbook.active
    if sheet is None:
        preview.error = _("The workbook has no sheet.")
        return preview
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        preview.error = _("The sheet is empty.")
        return preview
    header = [str(c).strip() if c is not None else "" for c in rows[0]]
    by_key: dict[str, methods.Attribute] = {}
    for known in definition.attributes:
        by_key[known.code.casefold()] = known
        by_key[known.name.casefold()] = known
    columns: list[methods.Attribute | None] = []
    for title in header[1:]:
        found = by_key.get(title.casefold())
        if title and found is None:
            preview.error = _("Column '%(title)s' is not an attribute of this method.") % {
                "title": title
            }
            return preview
        columns.append(found)
    preview.columns = [c for c in columns if c is not None]
    subjects = {s.pseudonym.casefold(): s for s in assessment.subjects.all()}
    seen: set[str] = set()
    for line, values in enumerate(rows[1:], start=2):
        if not values or all(v is None or str(v).strip() == "" for v in values):
            continue
        name = str(values[0] or "").strip()
        row = SheetRow(line, name)
        subject = subjects.get(name.casefold())
        if subject is None:
            row.errors.append(_("no subject called '%(name)s' in this assessment") % {"name": name})
        elif name.casefold() in seen:
            row.errors.append(_("'%(name)s' appears twice") % {"name": name})
        else:
            row.subject_pk = subject.pk
        seen.add(name.casefold())
        for column, raw in zip(columns, values[1:], strict=False):
            text = "" if raw is None else str(raw).strip()
            if column is None or not text:
                continue
            attribute = column
            if subject is not None and attribute not in definition.attributes_for(subject.kind):
                row.errors.append(
                    _("%(attribute)s does not apply to a %(kind)s")
                    % {"attribute": attribute.name, "kind": subject.get_kind_display()}
                )
                continue
            level = definition.find_level(attribute, text)
            if level is None:
                row.errors.append(
                    _("%(attribute)s: '%(value)s' is not a level (use %(levels)s)")
                    % {
                        "attribute": attribute.name,
                        "value": text,
                        "levels": ", ".join(lv.code for lv in definition.levels(attribute)),
                    }
                )
                continue
            row.cells[attribute.code] = level.code
        preview.rows.append(row)
    if not preview.rows:
        preview.error = _("The sheet has no rows of ratings.")
    return preview


def sheet_bytes(assessment: Assessment) -> bytes:
    """The rating sheet to fill in: current ratings, one row per subject."""
    definition = assessment.template_version.parsed()
    ratings = {
        (r.subject_id, r.attribute): r.level for r in Rating.objects.filter(assessment=assessment)
    }
    workbook = Workbook()
    sheet = workbook.active or workbook.create_sheet()
    sheet.title = "ratings"
    sheet.append([_("Subject"), *[a.code for a in definition.attributes]])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for subject in assessment.subjects.order_by("kind", "pseudonym"):
        sheet.append(
            [subject.pseudonym]
            + [ratings.get((subject.pk, a.code), "") for a in definition.attributes]
        )
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_payload(preview: SheetPreview) -> list[list[Any]]:
    """The preview's cells in a form that can be signed into the confirm form."""
    return [[pk, code, level] for (pk, code), level in sorted(preview.cells().items())]
