"""Suggestions over the database: ranking, accept/reject, acceptance rate, pages and API."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tact.catalog.models import Provision, ProvisionParagraph
from tact.core.access import SYSTEM
from tact.legislation import selectors, suggestions
from tact.legislation.models import ProvisionMapping, SuggestionDecision
from tact.legislation.services import suggestion_decide

pytestmark = pytest.mark.django_db


def test_ranking_puts_the_implementing_provision_first(ken_law: Any, kenya: Any) -> None:
    para = ProvisionParagraph.objects.select_related("provision").get(key="untoc/art_24/para_2")
    rows = suggestions.suggest(SYSTEM, kenya, para.provision, para)
    assert rows and rows[0].provision.eid == "sec_2"
    assert rows[0].concepts  # the reasons shown to the reviewer
    assert "sec_4" not in [r.provision.eid for r in rows[:2]]  # fees are unrelated


def test_suggestions_only_rank_visible_provisions(ken_law: Any, kenya: Any, reader: Any) -> None:
    ken_law.classification = "confidential"
    ken_law.save()
    art24 = Provision.objects.get(key="untoc/art_24")
    assert suggestions.suggest(reader, kenya, art24) == []
    assert suggestions.suggest(SYSTEM, kenya, art24)


def test_accept_creates_mapping_and_rate_is_recorded(
    ken_law: Any, kenya: Any, focal_kenya: Any
) -> None:
    art24 = Provision.objects.get(key="untoc/art_24")
    sec2 = ken_law.provisions.get(eid="sec_2")
    sec4 = ken_law.provisions.get(eid="sec_4")
    accepted = suggestion_decide(
        actor=focal_kenya,
        legal_provision=sec2,
        convention_provision=art24,
        decision="accepted",
        rank=1,
        compliance="full",
    )
    assert accepted.mapping is not None and accepted.mapping.from_suggestion
    assert accepted.mapping.compliance == "full"
    suggestion_decide(
        actor=focal_kenya, legal_provision=sec4, convention_provision=art24, decision="rejected"
    )
    rate = selectors.acceptance_rate(kenya)
    assert rate == {"accepted": 1, "rejected": 1, "decided": 2, "rate": 0.5}
    # deciding again replaces the decision (counted once) and does not duplicate the mapping
    suggestion_decide(
        actor=focal_kenya, legal_provision=sec2, convention_provision=art24, decision="accepted"
    )
    assert SuggestionDecision.objects.count() == 2
    assert ProvisionMapping.objects.count() == 1


def test_other_focal_point_cannot_decide(ken_law: Any, focal_mexico: Any) -> None:
    with pytest.raises(PermissionDenied):
        suggestion_decide(
            actor=focal_mexico,
            legal_provision=ken_law.provisions.get(eid="sec_2"),
            convention_provision=Provision.objects.get(key="untoc/art_24"),
            decision="accepted",
        )


def test_workbench_page_accept_and_reject(client: Any, ken_law: Any, focal_kenya: Any) -> None:
    client.force_login(focal_kenya)
    url = reverse("legislation:workbench", args=["KEN", "untoc/art_24/para_2"])
    page = client.get(url)
    assert page.status_code == 200
    assert b"Section 2" in page.content and b"Accept" in page.content
    sec2 = ken_law.provisions.get(eid="sec_2")
    decide = reverse("legislation:suggestion_decide", args=["KEN", "untoc/art_24/para_2"])
    response = client.post(
        decide, {"provision": sec2.pk, "decision": "accepted", "compliance": "full", "rank": 1}
    )
    assert response.status_code == 302
    mapping = ProvisionMapping.objects.get()
    assert mapping.paragraph.key == "untoc/art_24/para_2" and mapping.compliance == "full"
    page = client.get(url)
    assert b"mapped" in page.content


def test_reverse_suggestions_on_the_provision_page(
    client: Any, ken_law: Any, focal_kenya: Any
) -> None:
    client.force_login(focal_kenya)
    sec3 = ken_law.provisions.get(eid="sec_3")
    page = client.get(reverse("legislation:provision_detail", args=[sec3.pk]))
    assert page.status_code == 200
    panel = client.get(reverse("legislation:provision_targets", args=[sec3.pk]))
    assert panel.status_code == 200
    assert b"untoc/art_24/" in panel.content


def test_api_suggestions_and_decisions(
    client: Any, ken_law: Any, focal_kenya: Any, token_for: Any
) -> None:
    headers = token_for(focal_kenya)
    response = client.get(
        "/api/v1/legislation/suggestions?state=KEN&target=untoc/art_24/para_2", **headers
    )
    assert response.status_code == 200
    first = response.json()[0]
    assert first["provision"]["eid"] == "sec_2" and first["rank"] == 1
    decided = client.post(
        "/api/v1/legislation/suggestions/decisions",
        {
            "state": "KEN",
            "target": "untoc/art_24/para_2",
            "legal_provision_id": first["provision"]["id"],
            "decision": "accepted",
        },
        content_type="application/json",
        **headers,
    )
    assert decided.status_code == 200, decided.content
    assert decided.json()["acceptance"]["rate"] == 1.0
    assert decided.json()["mapping_id"]
