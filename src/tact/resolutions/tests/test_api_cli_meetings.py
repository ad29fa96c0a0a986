"""The API, the `tact import-resolution` command, and meetings with the demo data."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from tact.core.access import SYSTEM
from tact.resolutions import demo
from tact.resolutions.models import FollowUp, Meeting, Panel, Recommendation, Resolution

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.django_db
def test_api_import_dry_run_saves_nothing_then_import_is_idempotent(
    client: Client, secretariat: Any, token_for: Any
) -> None:
    headers = token_for(secretariat)
    data = (FIXTURES / "seed_en.md").read_bytes()
    dry = client.post(
        "/api/v1/resolutions/import",
        {"file": SimpleUploadedFile("seed_en.md", data), "dry_run": "true"},
        **headers,
    )
    assert dry.status_code == 200, dry.content
    assert dry.json()["tree"]["annex"]["items"][1]["addressees"] == ["secretariat"]
    assert Resolution.objects.count() == 0
    first = client.post(
        "/api/v1/resolutions/import", {"file": SimpleUploadedFile("seed_en.md", data)}, **headers
    )
    again = client.post(
        "/api/v1/resolutions/import", {"file": SimpleUploadedFile("seed_en.md", data)}, **headers
    )
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["created"] is False and Resolution.objects.count() == 1


@pytest.mark.django_db
def test_api_import_errors(client: Client, secretariat: Any, reader: Any, token_for: Any) -> None:
    bad = client.post(
        "/api/v1/resolutions/import",
        {"file": SimpleUploadedFile("x.txt", b"no numbers here at all")},
        **token_for(secretariat),
    )
    assert bad.status_code == 400 and bad.json()["code"] == "invalid"
    data = (FIXTURES / "seed_en.md").read_bytes()
    denied = client.post(
        "/api/v1/resolutions/import",
        {"file": SimpleUploadedFile("seed_en.md", data)},
        **token_for(reader),
    )
    assert denied.status_code == 403 and Resolution.objects.count() == 0
    anonymous = client.post(
        "/api/v1/resolutions/import", {"file": SimpleUploadedFile("seed_en.md", data)}
    )
    assert anonymous.status_code == 401


@pytest.mark.django_db
def test_api_lists_and_filters(client: Client, focal_kenya: Any, token_for: Any) -> None:
    demo.load(SYSTEM)
    resolution = demo.resolution()
    assert resolution is not None
    listed = client.get("/api/v1/resolutions").json()
    assert listed["count"] == 2  # the Russian original and its English version
    detail = client.get(f"/api/v1/resolutions/{resolution.pk}").json()
    assert len(detail["recommendations"]) == 16
    to_secretariat = client.get(
        "/api/v1/recommendations", {"resolution": resolution.pk, "addressee": "secretariat"}
    ).json()
    assert {r["code"] for r in to_secretariat["items"]} == {
        "annex.b",
        "annex.b.i",
        "annex.b.ii",
        "annex.b.iii",
        "annex.b.iv",
        "annex.b.v",
    }
    by_provision = client.get("/api/v1/recommendations", {"provision": "untoc/art_24"}).json()
    assert "annex.b.ii" in {r["code"] for r in by_provision["items"]}
    kenya_reports = client.get("/api/v1/follow-ups", {"state": "KEN"}).json()
    assert {r["state"] for r in kenya_reports["items"]} == {"KEN"}
    # the restricted Kenyan report appears only for Kenya's focal point
    mine = client.get("/api/v1/follow-ups", {"state": "KEN"}, **token_for(focal_kenya)).json()
    assert mine["count"] == kenya_reports["count"] + 1
    akn = client.get(f"/api/v1/resolutions/{resolution.pk}/akn")
    assert akn.status_code == 200 and b"att_1__list_1__item_b__list_1__item_iv" in akn.content


@pytest.mark.django_db
def test_api_creates_follow_up_with_evidence(
    client: Client, focal_kenya: Any, focal_mexico: Any, token_for: Any
) -> None:
    demo.load(SYSTEM)
    rec = Recommendation.objects.get(code="annex.a.ii", resolution=demo.resolution())
    payload = {
        "recommendation_id": rec.pk,
        "actor_kind": "state",
        "state": "KEN",
        "status": "implemented",
        "narrative": "via API",
    }
    created = client.post(
        "/api/v1/follow-ups", payload, content_type="application/json", **token_for(focal_kenya)
    )
    assert created.status_code == 201, created.content
    follow_up_id = created.json()["id"]
    evidence = client.post(
        f"/api/v1/follow-ups/{follow_up_id}/evidence",
        {"url": "https://example.org/report.pdf", "title": "Report"},
        content_type="application/json",
        **token_for(focal_kenya),
    )
    assert evidence.status_code == 201 and evidence.json()["kind"] == "link"
    forbidden = client.post(
        "/api/v1/follow-ups", payload, content_type="application/json", **token_for(focal_mexico)
    )
    assert forbidden.status_code == 403


@pytest.mark.django_db
def test_cli_prints_the_tree_and_imports_once() -> None:
    out = StringIO()
    call_command("import_resolution", str(FIXTURES / "seed_ru.md"), "--language", "ru", stdout=out)
    text = out.getvalue()
    assert "annex.b.iv" in text and "одобряет" in text and "16 recommendations" in text
    assert "imported" in text
    again = StringIO()
    call_command("import_resolution", str(FIXTURES / "seed_ru.md"), stdout=again)
    assert "already imported" in again.getvalue()
    assert Resolution.objects.count() == 1
    dry = StringIO()
    call_command("import_resolution", str(FIXTURES / "seed_en.md"), "--dry-run", stdout=dry)
    assert Resolution.objects.count() == 1


@pytest.mark.django_db
def test_cli_rejects_bad_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="empty"):
        call_command("import_resolution", str(empty))
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_resolution", str(tmp_path / "missing.docx"))
    assert Resolution.objects.count() == 0


@pytest.mark.django_db
def test_demo_holds_the_seed_meeting_and_the_requested_panels() -> None:
    demo.load(SYSTEM)
    summary_again = demo.load(SYSTEM)
    assert "0 follow-up reports added" in summary_again
    adopted = Meeting.objects.get(starts_on="2012-10-17")
    assert "sixth session" in adopted.session
    assert set(adopted.adopted_recommendations.values_list("code", flat=True)) >= {
        "annex.a",
        "annex.b.iv",
        "annex.d",
    }
    following = Meeting.objects.get(is_demo=True, starts_on="2013-10-30")
    assert following.starts_on > adopted.starts_on
    panels = Panel.objects.filter(meeting=following).order_by("order")
    assert [p.requested_by.code for p in panels if p.requested_by] == [
        "annex.b.i",
        "annex.b.ii",
        "annex.b.iii",
        "annex.b.iv",
        "annex.b.v",
    ]
    assert all(p.participants.filter(role="moderator").exists() for p in panels)
    assert FollowUp.objects.filter(classification="restricted").count() == 1
    # Dated from today: a meeting held last month and one to come.
    today = dt.date.today()
    demo_dates = set(Meeting.objects.filter(is_demo=True).values_list("starts_on", flat=True))
    assert any(today - dt.timedelta(days=90) < d < today for d in demo_dates)
    assert any(d > today for d in demo_dates)


@pytest.mark.django_db
def test_meeting_pages_and_secretariat_edits(client: Client, secretariat: Any, reader: Any) -> None:
    demo.load(SYSTEM)
    following = Meeting.objects.get(is_demo=True, starts_on="2013-10-30")
    page = client.get(reverse("resolutions:meeting_detail", args=[following.pk]))
    assert page.status_code == 200
    assert "Methods of criminal threat assessment" in page.content.decode() or "методы оценки" in (
        page.content.decode()
    )
    client.force_login(reader)
    denied = client.post(reverse("resolutions:panel_add", args=[following.pk]), {"topic": "X"})
    assert denied.status_code == 403
    client.force_login(secretariat)
    client.post(
        reverse("resolutions:panel_add", args=[following.pk]),
        {"topic": "Victims and witnesses", "moderators": "Jane Roe — UNODC", "speakers": ""},
    )
    panel = following.panels.get(topic="Victims and witnesses")
    assert panel.participants.get().name == "Jane Roe"
    created = client.post(
        reverse("resolutions:meeting_create"),
        {"body": "Working group", "title": "Tenth meeting", "starts_on": "2026-10-01"},
    )
    assert created.status_code == 302 and Meeting.objects.filter(title="Tenth meeting").exists()
    bad = client.post(
        reverse("resolutions:meeting_create"),
        {"body": "WG", "title": "Bad", "starts_on": "2026-10-05", "ends_on": "2026-10-01"},
    )
    assert bad.status_code == 200 and not Meeting.objects.filter(title="Bad").exists()
    xlsx = client.get(reverse("resolutions:meeting_list"), {"format": "xlsx"})
    assert xlsx.status_code == 200
    api = client.get(f"/api/v1/meetings/{following.pk}").json()
    assert len(api["panels"]) == 6
