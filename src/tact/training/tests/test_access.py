"""Access: participants' names only for the secretariat and the session's organiser (pages,
API, exports); sessions follow their classification; nothing changes on a refused write."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tact.training.models import Participant
from tact.training.tests.conftest import xlsx

NAME = "Achieng Odhiambo"  # KEN-001 in the Nairobi session (restricted, owned by Kenya)


@pytest.fixture
def other_kenyan(kenya: Any) -> Any:
    from tact.accounts.services import user_create

    return user_create(
        actor=None,
        username="focal_kenya_2",
        password="pw-for-tests-1",
        role="focal_point",
        state_ids=[kenya.pk],
    )


@pytest.mark.parametrize(
    ("persona", "page_status", "sees_names"),
    [
        ("secretariat", 200, True),
        ("focal_kenya", 200, True),  # the organiser
        ("other_kenyan", 200, False),  # same state, not the organiser
        ("evaluator", 200, False),  # sees restricted records, never names
        ("focal_mexico", 404, False),
        ("donor_nl", 404, False),
        ("reader", 404, False),
    ],
)
def test_names_visible_to_secretariat_and_organiser_only(
    request: pytest.FixtureRequest,
    client: Any,
    demo: dict[str, Any],
    token_for: Any,
    persona: str,
    page_status: int,
    sees_names: bool,
) -> None:
    user = request.getfixturevalue(persona)
    nairobi = demo["nairobi"]
    client.force_login(user)
    # the session page
    page = client.get(f"/en/training/sessions/{nairobi.pk}/")
    assert page.status_code == page_status
    if page_status == 200:
        assert (NAME in page.content.decode()) is sees_names
        assert "KEN-001" in page.content.decode()
        # the roster export
        export = client.get(f"/en/training/sessions/{nairobi.pk}/roster.xlsx")
        assert (NAME.encode() in _xlsx_text(export.content)) is sees_names
    # the API
    client.logout()
    api = client.get(f"/api/v1/training/sessions/{nairobi.pk}/participants", **token_for(user))
    assert api.status_code == page_status
    if page_status == 200:
        names = {p["code"]: p["name"] for p in api.json()}
        assert names["KEN-001"] == (NAME if sees_names else None)


def _xlsx_text(data: bytes) -> bytes:
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row).encode()


def test_anonymous_sees_the_public_programme_but_no_session(
    client: Any, demo: dict[str, Any]
) -> None:
    programme = client.get(f"/en/training/programmes/{demo['programme'].pk}/")
    assert programme.status_code == 200
    assert "Nairobi" not in programme.content.decode()
    assert client.get(f"/api/v1/training/sessions/{demo['nairobi'].pk}").status_code == 404
    assert client.get("/api/v1/training/sessions").json()["count"] == 0
    # pages that need a login redirect to it
    assert client.get(f"/en/training/sessions/{demo['nairobi'].pk}/").status_code == 302


def test_names_never_enter_the_audit_trail(demo: dict[str, Any]) -> None:
    from tact.core.models import AuditEntry

    assert not AuditEntry.objects.filter(changes__icontains=NAME).exists()
    assert not AuditEntry.objects.filter(target_repr__icontains=NAME).exists()


def test_refused_writes_change_nothing(
    client: Any, demo: dict[str, Any], evaluator: Any, focal_mexico: Any, token_for: Any
) -> None:
    nairobi = demo["nairobi"]
    before = list(
        Participant.objects.filter(session=nairobi).values_list("code", "pre_score", "post_score")
    )
    client.force_login(evaluator)  # may see the session, may not change it
    p = nairobi.participants.get(code="KEN-001")
    assert (
        client.post(
            f"/en/training/sessions/{nairobi.pk}/scores/", {f"pre-{p.pk}": "0", f"post-{p.pk}": "0"}
        ).status_code
        == 403
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    roster = xlsx([["participant_id", "agency_type"], ["KEN-999", "police"]])
    assert (
        client.post(
            f"/en/training/sessions/{nairobi.pk}/roster/",
            {"file": SimpleUploadedFile("r.xlsx", roster)},
        ).status_code
        == 403
    )
    response = client.put(
        f"/api/v1/training/sessions/{nairobi.pk}/scores",
        data=[{"code": "KEN-001", "pre": 0, "post": 0}],
        content_type="application/json",
        **token_for(focal_mexico),
    )
    assert response.status_code == 404
    after = list(
        Participant.objects.filter(session=nairobi).values_list("code", "pre_score", "post_score")
    )
    assert before == after
    assert after[0][1] == Decimal(40)
