"""Overlap detection over the database, review rights and audit, pages, API and CLI."""

from __future__ import annotations

import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tact.assistance.models import OverlapCandidate
from tact.assistance.overlaps.services import overlap_review, overlaps_detect
from tact.assistance.permissions import can_review_overlap as can_review
from tact.assistance.tests.review_support import make_project, planted_pair
from tact.core.access import SYSTEM
from tact.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_detection_finds_the_pair_and_is_idempotent_keeping_reviews(secretariat, donor_org) -> None:
    donor, unodc, _other = planted_pair(owner=donor_org)
    summary = overlaps_detect(actor=secretariat)
    assert summary.projects == 3 and summary.pairs == 1 and summary.created == 1
    pair = OverlapCandidate.objects.get()
    assert (pair.project_a_id, pair.project_b_id) == (donor.pk, unodc.pk)
    assert pair.kind == "linked" and pair.score > 0.9
    assert pair.reasons[0]["code"] == "linked_identifier"
    overlap_review(actor=secretariat, candidate=pair, status="duplicate", note="Same project")
    again = overlaps_detect(actor=secretariat)
    assert again.created == 0 and again.updated == 1
    pair.refresh_from_db()
    assert pair.status == "duplicate" and pair.review_note == "Same project" and pair.active
    # The UNODC record changes country: no longer an overlap, but the review is kept.
    unodc.countries.update(code="MX")
    unodc.iati_activity = {}
    unodc.save()
    third = overlaps_detect(actor=secretariat)
    assert third.retired == 1
    pair.refresh_from_db()
    assert not pair.active and pair.status == "duplicate"
    assert AuditEntry.objects.filter(action="overlaps.detect").count() == 3


def test_only_the_secretariat_runs_detection(donor_nl, focal_kenya) -> None:
    planted_pair()
    for user in (donor_nl, focal_kenya):
        with pytest.raises(PermissionDenied):
            overlaps_detect(actor=user)
    with pytest.raises(ValidationError):
        overlaps_detect(actor=SYSTEM, threshold=0.2)
    assert not OverlapCandidate.objects.exists()


def test_who_may_review(secretariat, donor_nl, donor_org, focal_kenya, reader) -> None:
    planted_pair(owner=donor_org)
    overlaps_detect(actor=SYSTEM)
    pair = OverlapCandidate.objects.get()
    assert can_review(secretariat, pair)
    assert can_review(donor_nl, pair)  # its organisation's project
    assert not can_review(focal_kenya, pair)
    assert not can_review(reader, pair)
    with pytest.raises(PermissionDenied):
        overlap_review(actor=reader, candidate=pair, status="unrelated")
    with pytest.raises(ValidationError):
        overlap_review(actor=donor_nl, candidate=pair, status="maybe")
    overlap_review(actor=donor_nl, candidate=pair, status="complementary")
    pair.refresh_from_db()
    assert pair.status == "complementary" and pair.reviewed_by == donor_nl
    entry = AuditEntry.objects.get(action="overlap.review")
    assert entry.changes["status"] == ["pending", "complementary"]


def test_donor_of_another_organisation_may_not_review(secretariat) -> None:
    from tact.accounts.services import user_create
    from tact.directory.models import Organisation

    other = Organisation.objects.create(name="Other donor", kind="donor_government")
    outsider = user_create(
        actor=None,
        username="other",
        password="pw-for-tests-1",
        role="donor",
        organisation_id=other.pk,
    )
    planted_pair()
    overlaps_detect(actor=SYSTEM)
    assert not can_review(outsider, OverlapCandidate.objects.get())


def test_pairs_with_a_project_the_user_may_not_see_are_hidden(donor_nl, reader) -> None:
    make_project("A-1", "Strengthening witness protection for prosecutors in Kenya")
    make_project(
        "B-1",
        "Strengthening witness protection for prosecutors in Kenya",
        classification="confidential",
    )
    overlaps_detect(actor=SYSTEM)
    assert OverlapCandidate.objects.count() == 1
    client = Client()
    client.force_login(reader)
    response = client.get(reverse("assistance:overlap_list"))
    assert response.status_code == 200
    assert "No possible overlap matches." in response.content.decode()
    pk = OverlapCandidate.objects.get().pk
    assert client.get(reverse("assistance:overlap_detail", args=[pk])).status_code == 404


def test_pages_list_detail_review_with_htmx_and_xlsx(donor_nl, donor_org) -> None:
    planted_pair(owner=donor_org)
    overlaps_detect(actor=SYSTEM)
    pair = OverlapCandidate.objects.get()
    client = Client()
    client.force_login(donor_nl)
    page = client.get(reverse("assistance:overlap_list"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "UNODC: Reinforcing witness protection" in body
    assert "One record points at the other" in body
    mine = client.get(reverse("assistance:overlap_list"), {"mine": "1"})
    assert "Reinforcing" in mine.content.decode()
    rows = client.get(
        reverse("assistance:overlap_list"), {"status": "duplicate"}, HTTP_HX_REQUEST="true"
    )
    assert "No possible overlap matches." in rows.content.decode()
    assert "<h1>" not in rows.content.decode()
    xlsx = client.get(reverse("assistance:overlap_list"), {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    detail = client.get(reverse("assistance:overlap_detail", args=[pair.pk]))
    assert "Save review" in detail.content.decode()
    review = client.post(
        reverse("assistance:overlap_review", args=[pair.pk]),
        {"status": "duplicate", "note": "double counted"},
        HTTP_HX_REQUEST="true",
    )
    assert review.status_code == 200
    assert "Saved." in review.content.decode()
    pair.refresh_from_db()
    assert pair.status == "duplicate"
    bad = client.post(reverse("assistance:overlap_review", args=[pair.pk]), {"status": "x"})
    assert bad.status_code == 422
    arabic = client.get("/ar/assistance/overlaps/").content.decode()
    assert "التداخلات المحتملة والعدّ المزدوج" in arabic and 'dir="rtl"' in arabic


def test_secretariat_runs_detection_from_the_page(secretariat, donor_nl) -> None:
    planted_pair()
    client = Client()
    client.force_login(donor_nl)
    assert client.post(reverse("assistance:overlap_detect")).status_code == 403
    client.force_login(secretariat)
    response = client.post(reverse("assistance:overlap_detect"))
    assert response.status_code == 302
    assert OverlapCandidate.objects.count() == 1


def test_api_list_detail_review_and_detect(
    secretariat, donor_nl, donor_org, reader, token_for
) -> None:
    planted_pair(owner=donor_org)
    client = Client()
    forbidden = client.post(
        "/api/v1/assistance/overlaps/detect",
        data="{}",
        content_type="application/json",
        **token_for(donor_nl),
    )
    assert forbidden.status_code == 403 and forbidden.json()["code"] == "forbidden"
    run = client.post(
        "/api/v1/assistance/overlaps/detect",
        data=json.dumps({"threshold": 0.6}),
        content_type="application/json",
        **token_for(secretariat),
    )
    # A background task (immediate in tests): the run is done when the answer comes.
    assert run.status_code == 202 and run.json()["pairs"] == 1
    assert run.json()["status"] == "done" and run.json()["percent"] == 100
    assert client.get("/api/v1/assistance/overlaps").status_code == 401
    listing = client.get("/api/v1/assistance/overlaps", **token_for(donor_nl)).json()
    assert listing["count"] == 1
    item = listing["items"][0]
    assert item["reasons"][0]["code"] == "linked_identifier"
    assert item["reasons"][0]["label"]
    pk = item["id"]
    assert client.get(f"/api/v1/assistance/overlaps/{pk}", **token_for(reader)).status_code == 200
    denied = client.post(
        f"/api/v1/assistance/overlaps/{pk}/review",
        data=json.dumps({"status": "duplicate"}),
        content_type="application/json",
        **token_for(reader),
    )
    assert denied.status_code == 403
    done = client.post(
        f"/api/v1/assistance/overlaps/{pk}/review",
        data=json.dumps({"status": "duplicate", "note": "same"}),
        content_type="application/json",
        **token_for(donor_nl),
    )
    assert done.status_code == 200
    assert done.json()["status"] == "duplicate" and done.json()["reviewed_by"] == "donor_nl"
    invalid = client.post(
        f"/api/v1/assistance/overlaps/{pk}/review",
        data=json.dumps({"status": "perhaps"}),
        content_type="application/json",
        **token_for(donor_nl),
    )
    assert invalid.status_code == 400
    filtered = client.get(
        "/api/v1/assistance/overlaps", {"status": "pending"}, **token_for(donor_nl)
    ).json()
    assert filtered["count"] == 0


def test_cli_detects_and_prints_pairs_with_reasons() -> None:
    planted_pair()
    out = io.StringIO()
    call_command("overlaps", "--threshold", "0.5", "--limit", "5", stdout=out)
    text = out.getvalue()
    assert "3 projects" in text and "1 pairs" in text
    assert "XM-DAC-41128-KE-1" in text
    assert "One record points at the other's identifier: XM-DAC-7-KE-1" in text
    out = io.StringIO()
    call_command("overlaps", "--no-detect", "--status", "duplicate", stdout=out)
    assert "XM-DAC" not in out.getvalue()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("overlaps", "--threshold", "0.1", stdout=io.StringIO())
