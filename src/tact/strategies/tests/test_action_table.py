"""The Excel round trip of a strategy's actions: export, edit, import changes exactly the rows
edited; a bad row rejects the whole file with its row number and nothing is saved."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tact.core.access import SYSTEM
from tact.core.models import AuditEntry
from tact.strategies import action_table
from tact.strategies.models import Action, ProgressUpdate, Strategy

pytestmark = pytest.mark.django_db


def _sheet(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data))


def _save(workbook: Any, path: Path) -> Path:
    workbook.save(path)
    return path


def _state(strategy: Strategy) -> list[tuple[Any, ...]]:
    return list(
        Action.objects.filter(objective__strategy=strategy)
        .order_by("pk")
        .values_list(
            "pk",
            "title",
            "status",
            "percent_complete",
            "deadline",
            "budget",
            "lead_agency",
            "objective",
        )
    )


def test_unchanged_export_imports_as_no_change(kenya_strategy: Strategy) -> None:
    data = action_table.export_xlsx(kenya_strategy)
    before, audits = _state(kenya_strategy), AuditEntry.objects.count()
    report = action_table.import_xlsx(actor=SYSTEM, strategy=kenya_strategy, data=data)
    assert (len(report.created), len(report.updated), report.unchanged) == (0, 0, 5)
    assert _state(kenya_strategy) == before
    assert AuditEntry.objects.count() == audits


def test_round_trip_changes_exactly_the_edited_rows(
    tmp_path: Path, kenya_strategy: Strategy
) -> None:
    workbook = _sheet(action_table.export_xlsx(kenya_strategy))
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) + 1 for name in header}
    # given: row 3 gets a new title, row 4 progresses, and a new action is appended
    edited_title_id = sheet.cell(3, col["id"]).value
    progressed_id = sheet.cell(4, col["id"]).value
    sheet.cell(3, col["title"]).value = "Case management system (revised scope)"
    sheet.cell(4, col["status"]).value = "In progress"  # a label is accepted as well as a code
    sheet.cell(4, col["percent_complete"]).value = 35
    sheet.append(
        [
            None,
            "3",
            "3.2",
            "School outreach toolkit",
            "WPA",
            "MoJ; NPS",
            "2026-03-31",
            1500000,
            "KES",
            "national_budget",
            None,
            "not_started",
            0,
        ]
    )
    before = {row[0]: row for row in _state(kenya_strategy)}
    updates_before = ProgressUpdate.objects.count()
    # when
    call_command(
        "import_actions", str(_save(workbook, tmp_path / "a.xlsx")), strategy=kenya_strategy.pk
    )
    # then
    after = {row[0]: row for row in _state(kenya_strategy)}
    changed = {pk for pk in before if before[pk] != after[pk]}
    assert changed == {edited_title_id, progressed_id}
    assert after[edited_title_id][1] == "Case management system (revised scope)"
    assert after[progressed_id][2:4] == ("in_progress", 35)
    new = Action.objects.get(title="School outreach toolkit")
    assert sorted(p.short_name for p in new.partner_agencies.all()) == ["MoJ", "NPS"]
    assert new.lead_agency is not None and new.lead_agency.short_name == "WPA"
    assert ProgressUpdate.objects.count() == updates_before + 1  # the progress edit is dated


def test_bad_rows_are_reported_by_number_and_nothing_is_saved(
    tmp_path: Path, kenya_strategy: Strategy
) -> None:
    workbook = _sheet(action_table.export_xlsx(kenya_strategy))
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    sheet.cell(2, header.index("title") + 1).value = "A good edit that must not be saved"
    sheet.cell(3, header.index("percent_complete") + 1).value = 140
    sheet.cell(5, header.index("lead_agency") + 1).value = "Nobody"
    sheet.cell(6, header.index("deadline") + 1).value = "soon"
    before, audits = _state(kenya_strategy), AuditEntry.objects.count()
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_actions",
            str(_save(workbook, tmp_path / "bad.xlsx")),
            strategy=kenya_strategy.pk,
        )
    message = str(caught.value)
    assert "Nothing was saved" in message
    assert "Row 3: % complete must be a whole number from 0 to 100." in message
    assert "Row 5: no agency “Nobody” of the state." in message
    assert "Row 6: the deadline “soon” is not a date (YYYY-MM-DD)." in message
    assert "Row 2" not in message
    assert _state(kenya_strategy) == before
    assert AuditEntry.objects.count() == audits


def test_a_row_of_another_strategy_is_refused(tmp_path: Path, demo: None) -> None:
    kenya = Strategy.objects.get(state__iso3="KEN")
    mexico = Strategy.objects.get(state__iso3="MEX")
    with pytest.raises(action_table.ActionImportError) as caught:
        action_table.import_xlsx(
            actor=SYSTEM, strategy=mexico, data=action_table.export_xlsx(kenya)
        )
    assert caught.value.messages[0].startswith("Row 2: no action ")


def test_not_an_excel_file(kenya_strategy: Strategy) -> None:
    with pytest.raises(action_table.ActionImportError) as caught:
        action_table.import_xlsx(actor=SYSTEM, strategy=kenya_strategy, data=b"id,title\n1,x\n")
    assert caught.value.messages == ["The file is not an Excel workbook (.xlsx)."]


def test_import_page_refuses_a_focal_point_of_another_state(
    client: Any, focal_mexico: Any, kenya_strategy: Strategy
) -> None:
    client.force_login(focal_mexico)
    upload = io.BytesIO(action_table.export_xlsx(kenya_strategy))
    upload.name = "a.xlsx"
    response = client.post(f"/en/strategies/{kenya_strategy.pk}/actions/import/", {"file": upload})
    assert response.status_code == 404
