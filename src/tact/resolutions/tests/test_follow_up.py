"""Follow-up reports: who may report for whom, who sees what, evidence, progress figures."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from tact.core.access import SYSTEM
from tact.core.links import record_ref
from tact.core.models import Classification
from tact.directory.models import Contact, State
from tact.resolutions import selectors, services
from tact.resolutions.models import FollowUp, Recommendation, Resolution

SEED_RU = (Path(__file__).parent / "fixtures" / "seed_ru.md").read_bytes()


@pytest.fixture
def resolution(db: Any) -> Resolution:
    parsed = services.resolution_parse(SEED_RU, "seed_ru.md")
    return services.resolution_import(actor=SYSTEM, parsed=parsed, filename="seed_ru.md")[0]


def rec(resolution: Resolution, code: str) -> Recommendation:
    return resolution.recommendations.get(code=code)


def report(actor: Any, recommendation: Recommendation, state: State, **extra: Any) -> FollowUp:
    values: dict[str, Any] = {"status": "in_progress"} | extra
    return services.follow_up_create(
        actor=actor, recommendation=recommendation, actor_kind="state", state=state, **values
    )


def test_a_focal_point_reports_for_its_own_state_only(
    resolution: Resolution, focal_kenya: Any, kenya: State, mexico: State
) -> None:
    follow_up = report(focal_kenya, rec(resolution, "annex.a.i"), kenya)
    assert follow_up.owner_state == kenya and follow_up.created_by == focal_kenya
    with pytest.raises(PermissionDenied):
        report(focal_kenya, rec(resolution, "annex.a.i"), mexico)


def test_donors_report_for_their_organisation_and_readers_not_at_all(
    resolution: Resolution, donor_nl: Any, donor_org: Any, reader: Any, kenya: State
) -> None:
    follow_up = services.follow_up_create(
        actor=donor_nl,
        recommendation=rec(resolution, "annex.c.i"),
        actor_kind="donor",
        organisation=donor_org,
        status="implemented",
    )
    assert follow_up.actor_name == str(donor_org)
    with pytest.raises(PermissionDenied):
        report(reader, rec(resolution, "annex.a.i"), kenya)
    with pytest.raises(PermissionDenied):
        services.follow_up_create(
            actor=donor_nl,
            recommendation=rec(resolution, "annex.b.i"),
            actor_kind="secretariat",
            status="implemented",
        )


def test_invalid_values_are_refused(resolution: Resolution, secretariat: Any, kenya: State) -> None:
    with pytest.raises(ValidationError):
        report(secretariat, rec(resolution, "annex.a.i"), kenya, status="done")
    with pytest.raises(ValidationError):
        report(
            secretariat,
            rec(resolution, "annex.a.i"),
            kenya,
            started_on=dt.date(2024, 5, 1),
            completed_on=dt.date(2024, 1, 1),
        )
    assert FollowUp.objects.count() == 0


def test_restricted_reports_are_seen_only_by_those_entitled(
    resolution: Resolution,
    client: Client,
    focal_kenya: Any,
    focal_mexico: Any,
    reader: Any,
    secretariat: Any,
    evaluator: Any,
    kenya: State,
    token_for: Any,
) -> None:
    hidden = report(
        focal_kenya,
        rec(resolution, "annex.a.ii"),
        kenya,
        classification=Classification.RESTRICTED,
        narrative="restricted-narrative",
    )
    public = report(focal_kenya, rec(resolution, "annex.a.i"), kenya, narrative="public-narr")
    for user, sees in [
        (None, False),
        (reader, False),
        (focal_mexico, False),
        (focal_kenya, True),
        (evaluator, True),
        (secretariat, True),
    ]:
        visible = set(selectors.follow_up_list(user, resolution=resolution))
        assert (hidden in visible) is sees, user
        assert public in visible
        client.logout()
        if user is not None:
            client.force_login(user)
        page = client.get(
            reverse("resolutions:recommendation_detail", args=[hidden.recommendation_id])
        )
        assert ("restricted-narrative" in page.content.decode()) is sees
        detail = client.get(reverse("resolutions:followup_detail", args=[hidden.pk]))
        assert detail.status_code == (200 if sees else 302 if user is None else 404)
        headers = token_for(user) if user is not None else {}
        api = client.get("/api/v1/follow-ups", {"resolution": resolution.pk}, **headers)
        ids = {item["id"] for item in api.json()["items"]}
        assert (hidden.pk in ids) is sees


def test_evidence_links_to_records_the_author_may_see(
    resolution: Resolution, focal_kenya: Any, focal_mexico: Any, kenya: State, mexico: State
) -> None:
    follow_up = report(focal_kenya, rec(resolution, "annex.a.i"), kenya)
    evidence = services.evidence_add(
        actor=focal_kenya, follow_up=follow_up, record_ref=record_ref(kenya)
    )
    assert evidence.kind == "record" and evidence.title == str(kenya)
    services.evidence_add(actor=focal_kenya, follow_up=follow_up, url="https://example.org/r")
    secret = Contact.objects.create(
        name="Secret witness officer",
        state=mexico,
        classification=Classification.CONFIDENTIAL,
        owner_state=mexico,
    )
    with pytest.raises(ValidationError):
        services.evidence_add(actor=focal_kenya, follow_up=follow_up, record_ref=record_ref(secret))
    with pytest.raises(ValidationError):
        services.evidence_add(actor=focal_kenya, follow_up=follow_up, record_ref="nonsense")
    with pytest.raises(ValidationError):
        services.evidence_add(actor=focal_kenya, follow_up=follow_up, url="javascript:alert(1)")
    with pytest.raises(PermissionDenied):
        services.evidence_add(actor=focal_mexico, follow_up=follow_up, url="https://x.org")
    assert follow_up.evidence.count() == 2


def test_evidence_to_a_hidden_record_does_not_leak_its_title(
    resolution: Resolution, client: Client, secretariat: Any, reader: Any, mexico: State
) -> None:
    follow_up = services.follow_up_create(
        actor=secretariat,
        recommendation=rec(resolution, "annex.b.i"),
        actor_kind="secretariat",
        status="implemented",
    )
    secret = Contact.objects.create(
        name="Secret witness officer",
        state=mexico,
        classification=Classification.CONFIDENTIAL,
        owner_state=mexico,
    )
    services.evidence_add(
        actor=secretariat, follow_up=follow_up, record_ref=record_ref(secret), title=""
    )
    follow_up.evidence.update(title="")  # the stored title would otherwise carry the name
    client.force_login(reader)
    body = client.get(reverse("resolutions:followup_detail", args=[follow_up.pk])).content.decode()
    assert "Secret witness officer" not in body
    assert "A record you may not see" in body


def test_progress_counts_the_latest_report_of_each_actor(
    resolution: Resolution, secretariat: Any, kenya: State, mexico: State, client: Client
) -> None:
    a_i = rec(resolution, "annex.a.i")
    report(secretariat, a_i, kenya, status="not_started", reported_on=dt.date(2020, 1, 1))
    report(secretariat, a_i, kenya, status="implemented", reported_on=dt.date(2022, 1, 1))
    report(secretariat, a_i, mexico, status="partial", reported_on=dt.date(2021, 1, 1))
    report(secretariat, rec(resolution, "annex.a.ii"), mexico, status="implemented")
    progress = selectors.resolution_progress(secretariat, resolution)
    # recompute independently from the records: latest per (recommendation, state)
    latest: dict[tuple[int, int], FollowUp] = {}
    for f in FollowUp.objects.order_by("reported_on", "pk"):
        latest[(f.recommendation_id, f.owner_state_id)] = f
    expected = Counter(f.status for f in latest.values())
    assert progress.total_reports == 3
    assert {k: v for k, v in progress.status_counts.items() if v} == dict(expected)
    assert progress.implemented_rate == pytest.approx(2 / 3)
    assert progress.matrix[kenya.pk][a_i.pk] == "implemented"
    assert progress.reported_share == pytest.approx(2 / 16)
    client.force_login(secretariat)
    page = client.get(reverse("resolutions:progress", args=[resolution.pk]))
    assert 'id="fig-implemented">67%' in page.content.decode()
    api = client.get(f"/api/v1/resolutions/{resolution.pk}/progress").json()
    assert api["total_reports"] == 3 and api["status_counts"]["implemented"] == 2


def test_progress_exports_excel_and_pdf(
    resolution: Resolution, client: Client, secretariat: Any, kenya: State
) -> None:
    report(secretariat, rec(resolution, "annex.a.i"), kenya, narrative="exported narrative")
    url = reverse("resolutions:progress", args=[resolution.pk])
    xlsx = client.get(url, {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == "annex.a.i" and rows[1][5] == "exported narrative"
    pdf = client.get(url, {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_state_progress_lists_recommendations_to_states(
    resolution: Resolution, client: Client, secretariat: Any, kenya: State
) -> None:
    report(secretariat, rec(resolution, "annex.a.iii"), kenya, status="partial")
    rows = selectors.state_progress(None, kenya)
    codes = [r.code for r, _report in rows]
    assert "annex.a.i" in codes and "annex.b.i" not in codes
    assert {r.code: f.status if f else None for r, f in rows}["annex.a.iii"] == "partial"
    page = client.get(reverse("resolutions:state_progress", args=["KEN"]))
    assert page.status_code == 200 and "Partially implemented" in page.content.decode()


def test_web_follow_up_flow(
    resolution: Resolution, client: Client, focal_kenya: Any, kenya: State
) -> None:
    client.force_login(focal_kenya)
    target = rec(resolution, "annex.a.i")
    form_page = client.get(reverse("resolutions:followup_create", args=[target.pk]))
    assert list(form_page.context["form"].fields["state"].queryset) == [kenya]
    response = client.post(
        reverse("resolutions:followup_create", args=[target.pk]),
        {
            "actor_kind": "state",
            "state": kenya.pk,
            "status": "in_progress",
            "narrative": "Task force created",
            "classification": "public",
        },
    )
    follow_up = FollowUp.objects.get()
    assert response.status_code == 302 and response.url == follow_up.get_absolute_url()
    client.post(
        reverse("resolutions:evidence_add", args=[follow_up.pk]),
        {"record_ref": record_ref(kenya), "title": ""},
    )
    client.post(reverse("resolutions:followup_status", args=[follow_up.pk]), {"status": "partial"})
    follow_up.refresh_from_db()
    assert follow_up.status == "partial"
    assert follow_up.evidence.get().record_ref == record_ref(kenya)
    picker = client.get(reverse("resolutions:record_picker"), {"q": "Kenya"})
    assert record_ref(kenya) in picker.content.decode()
