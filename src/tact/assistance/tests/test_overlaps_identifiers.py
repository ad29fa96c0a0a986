"""Only activity-level references make two records "the same activity" (issue 11 item 9):
an organisation identifier in ``other-identifier`` (B1/B9), shared by every activity of a
publisher, must not link them."""

from __future__ import annotations

from tact.assistance.iati.model import (
    Activity,
    Org,
    OtherIdentifier,
    RelatedActivity,
    Transaction,
    TransactionOrg,
)
from tact.assistance.overlaps import detect_overlaps
from tact.assistance.overlaps.records import record_from_activity, related_refs


def activity(identifier: str, title: str, *others: OtherIdentifier, **kwargs: object) -> Activity:
    return Activity(
        identifier=identifier,
        reporting_org=Org(ref="XM-DAC-7", names={"en": "Netherlands"}),
        title={"en": title},
        other_identifiers=list(others),
        **kwargs,  # type: ignore[arg-type]
    )


def test_organisation_identifiers_do_not_link_but_activity_identifiers_do() -> None:
    org = OtherIdentifier(ref="NL-KVK-1234", type="B1")
    other_org = OtherIdentifier(ref="NL-KVK-1234", type="B9")
    a = record_from_activity(activity("NL-1", "Prosecutors in Kenya", org))
    b = record_from_activity(activity("NL-2", "Water pumps for Lima", org, other_org))
    assert a.linked_ids == b.linked_ids == frozenset()
    assert detect_overlaps([a, b]).pairs == []
    for code in ("A1", "A2", "A3", "A9"):
        c = record_from_activity(
            activity("NL-3", "Border posts", OtherIdentifier(ref="NL-1", type=code))
        )
        assert c.linked_ids == {"NL-1"}
        assert len(detect_overlaps([a, c]).pairs) == 1


def test_related_activity_and_transaction_activity_ids_link() -> None:
    related = record_from_activity(
        activity("NL-4", "Courts", related_activities=[RelatedActivity(ref="NL-1", type="1")])
    )
    funded = record_from_activity(
        activity(
            "UN-9",
            "Courts",
            transactions=[
                Transaction(type_code="1", provider_org=TransactionOrg(activity_id="NL-1"))
            ],
        )
    )
    assert related.linked_ids == {"NL-1"} and funded.linked_ids == {"NL-1"}


def test_stored_json_follows_the_same_rule() -> None:
    stored = {
        "related_activities": [{"ref": "NL-5", "type": "2"}],
        "other_identifiers": [
            {"ref": "NL-KVK-1234", "type": "B1"},
            {"ref": "OLD-7", "type": "A3"},
            {"ref": "NL-KVK-1234", "type": "B9"},
        ],
    }
    assert related_refs(stored) == ["NL-5", "OLD-7"]
