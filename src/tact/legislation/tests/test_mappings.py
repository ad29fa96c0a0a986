"""Assessments: create/update/delete with history; validation; confidential assessments per role."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tact.catalog.models import Provision, ProvisionParagraph
from tact.core.access import SYSTEM
from tact.core.audit import history_for
from tact.core.models import AuditEntry
from tact.legislation import gaps, selectors
from tact.legislation.models import ProvisionMapping
from tact.legislation.services import mapping_create, mapping_delete, mapping_update

pytestmark = pytest.mark.django_db


def _para(key: str) -> ProvisionParagraph:
    return ProvisionParagraph.objects.select_related("provision").get(key=key)


@pytest.fixture
def confidential(ken_law: Any, kenya: Any) -> ProvisionMapping:
    para = _para("untoc/art_24/para_2")
    return mapping_create(
        actor=SYSTEM,
        state=kenya,
        convention_provision=para.provision,
        paragraph=para,
        legal_provision=ken_law.provisions.get(eid="sec_2"),
        compliance="full",
        classification="confidential",
        de_jure_notes="Confidential note",
    )


def test_create_update_delete_with_history(ken_law: Any, kenya: Any, focal_kenya: Any) -> None:
    para = _para("untoc/art_24/para_2")
    mapping = mapping_create(
        actor=focal_kenya,
        state=kenya,
        convention_provision=para.provision,
        paragraph=para,
        legal_provision=ken_law.provisions.get(eid="sec_3"),
        compliance="partial",
    )
    assert mapping.assessor == focal_kenya and mapping.assessed_on is not None
    assert mapping.owner_state == kenya and mapping.classification == "restricted"
    mapping_update(focal_kenya, mapping, compliance="full", de_facto_notes="Used since 2019")
    entries = list(history_for(mapping))
    assert [e.action for e in entries] == [
        "legislation.mapping_updated",
        "legislation.mapping_created",
    ]
    assert entries[0].changes["compliance"] == ["partial", "full"]
    pk = mapping.pk
    mapping_delete(focal_kenya, mapping)
    assert not ProvisionMapping.objects.filter(pk=pk).exists()
    deleted = AuditEntry.objects.get(action="legislation.mapping_deleted", target_id=str(pk))
    assert deleted.changes["compliance"] == ["full", None]


def test_validation(ken_law: Any, kenya: Any, mexico: Any) -> None:
    art24 = Provision.objects.get(key="untoc/art_24")
    sec2 = ken_law.provisions.get(eid="sec_2")
    with pytest.raises(ValidationError, match="paragraph"):
        mapping_create(
            actor=SYSTEM,
            state=kenya,
            convention_provision=art24,
            paragraph=_para("untoc/art_25/para_1"),
            legal_provision=sec2,
            compliance="full",
        )
    with pytest.raises(ValidationError, match="national provision"):
        mapping_create(actor=SYSTEM, state=kenya, convention_provision=art24, compliance="full")
    with pytest.raises(ValidationError, match="another state"):
        mapping_create(
            actor=SYSTEM,
            state=mexico,
            convention_provision=art24,
            legal_provision=sec2,
            compliance="full",
        )
    mapping_create(
        actor=SYSTEM,
        state=kenya,
        convention_provision=art24,
        legal_provision=sec2,
        compliance="full",
    )
    with pytest.raises(ValidationError, match="already mapped"):
        mapping_create(
            actor=SYSTEM,
            state=kenya,
            convention_provision=art24,
            legal_provision=sec2,
            compliance="full",
        )
    # "none" needs no national provision
    mapping_create(actor=SYSTEM, state=kenya, convention_provision=art24, compliance="none")
    assert ProvisionMapping.objects.count() == 2


def test_other_state_focal_point_cannot_assess(ken_law: Any, kenya: Any, focal_mexico: Any) -> None:
    with pytest.raises(PermissionDenied):
        mapping_create(
            actor=focal_mexico,
            state=kenya,
            convention_provision=Provision.objects.get(key="untoc/art_24"),
            legal_provision=ken_law.provisions.get(eid="sec_2"),
            compliance="full",
        )


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("reader", False),
        ("focal_mexico", False),
        ("donor_nl", False),
        ("evaluator", False),
        ("focal_kenya", True),
        ("secretariat", True),
    ],
)
def test_confidential_assessment_access(
    request: Any, client: Any, confidential: ProvisionMapping, kenya: Any, persona: str, sees: bool
) -> None:
    user = request.getfixturevalue(persona)
    assert selectors.mappings_visible(user).filter(pk=confidential.pk).exists() is sees
    # the gap analysis counts it only for those who may see it
    analysis = gaps.gap_analysis(user, kenya)
    row = next(r for r in analysis.rows if r.key == "untoc/art_24/para_2")
    assert row.status == ("full" if sees else "not_assessed")
    # pages and history
    client.force_login(user)
    response = client.get(reverse("legislation:mapping_detail", args=[confidential.pk]))
    assert response.status_code == (200 if sees else 404)
    history = client.get(
        reverse("site:history", args=["legislation", "provisionmapping", confidential.pk])
    )
    assert history.status_code == (200 if sees else 404)
    page = client.get(reverse("legislation:gap_analysis", args=["KEN"]))
    assert (b"Confidential note" in page.content) is False  # notes never listed there
    law_page = client.get(
        reverse("legislation:law_detail", args=[confidential.legal_provision.legal_text_id])
    )
    assert (
        reverse("legislation:mapping_detail", args=[confidential.pk]).encode() in law_page.content
    ) is sees


def test_confidential_assessment_hidden_from_anonymous_and_api(
    client: Any, confidential: ProvisionMapping, token_for: Any, focal_mexico: Any, focal_kenya: Any
) -> None:
    url = f"/api/v1/legislation/mappings/{confidential.pk}"
    assert client.get(url).status_code == 404
    assert client.get(url, **token_for(focal_mexico)).status_code == 404
    assert client.get(url, **token_for(focal_kenya)).status_code == 200
    listing = client.get("/api/v1/legislation/mappings?state=KEN", **token_for(focal_mexico))
    assert listing.json()["count"] == 0


def test_other_focal_point_cannot_edit(confidential: ProvisionMapping, focal_mexico: Any) -> None:
    with pytest.raises(PermissionDenied):
        mapping_update(focal_mexico, confidential, compliance="none")
    with pytest.raises(PermissionDenied):
        mapping_delete(focal_mexico, confidential)
