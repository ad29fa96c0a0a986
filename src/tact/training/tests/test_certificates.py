"""Certificates in the participant's language and their public verification page."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from tact.core.access import SYSTEM
from tact.training import services
from tact.training.models import Certificate


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        ("en", "Certificate of participation"),
        ("ru", "Сертификат об участии"),
        ("fr", "Certificat de participation"),
        ("es", "Certificado de participación"),
    ],
)
def test_certificate_in_the_chosen_language(
    client: Any, demo: dict[str, Any], focal_kenya: Any, lang: str, heading: str
) -> None:
    participant = demo["nairobi"].participants.get(code="KEN-001")
    client.force_login(focal_kenya)
    response = client.get(f"/en/training/participants/{participant.pk}/certificate.pdf?lang={lang}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    assert heading in text
    assert "Achieng Odhiambo" in text  # the organiser may print the name
    code = participant.certificate.code
    assert f"{code[:4]}-{code[4:8]}-{code[8:]}" in text


def test_arabic_certificate_is_right_to_left_with_arabic_text(
    client: Any, demo: dict[str, Any], secretariat: Any
) -> None:
    participant = demo["nairobi"].participants.get(code="KEN-004")  # language ar
    client.force_login(secretariat)
    response = client.get(f"/en/training/participants/{participant.pk}/certificate.pdf")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-ar.pdf"')
    text = _text(response.content)
    # Arabic letters are present (pypdf returns them in visual order, so test the script)
    assert sum(1 for ch in text if "\u0600" <= ch <= "\u06ff") > 40


def test_certificate_issued_once_with_one_code(
    client: Any, demo: dict[str, Any], focal_kenya: Any
) -> None:
    participant = demo["nairobi"].participants.get(code="KEN-002")
    client.force_login(focal_kenya)
    client.get(f"/en/training/participants/{participant.pk}/certificate.pdf?lang=ru")
    client.get(f"/en/training/participants/{participant.pk}/certificate.pdf?lang=ar")
    assert Certificate.objects.filter(participant=participant).count() == 1


def test_no_certificate_without_attendance(
    client: Any, demo: dict[str, Any], focal_kenya: Any
) -> None:
    participant = demo["nairobi"].participants.get(code="KEN-007")  # missed the last day
    client.force_login(focal_kenya)
    response = client.get(f"/en/training/participants/{participant.pk}/certificate.pdf")
    assert response.status_code == 302
    assert not Certificate.objects.filter(participant=participant).exists()


def test_certificate_refused_to_those_who_may_not_edit(
    client: Any, demo: dict[str, Any], evaluator: Any, focal_mexico: Any
) -> None:
    participant = demo["nairobi"].participants.get(code="KEN-001")
    client.force_login(evaluator)
    url = f"/en/training/participants/{participant.pk}/certificate.pdf"
    assert client.get(url).status_code == 403
    client.force_login(focal_mexico)
    assert client.get(url).status_code == 404
    assert not Certificate.objects.exists()


def test_verification_page_shows_only_validity(client: Any, demo: dict[str, Any]) -> None:
    participant = demo["nairobi"].participants.get(code="KEN-001")
    certificate = services.certificate_issue(actor=SYSTEM, participant=participant)
    code = certificate.code
    # anonymous, with the code as printed (dashes, lower case)
    printed = f"{code[:4]}-{code[4:8]}-{code[8:]}".lower()
    valid = client.get("/en/training/verify/", {"code": printed})
    assert valid.status_code == 200
    body = valid.content.decode()
    assert 'data-valid="yes"' in body
    for secret in ("Achieng", "KEN-001", "Nairobi", "trafficking", "Kenya"):
        assert secret not in body
    invalid = client.get("/en/training/verify/", {"code": "AAAA-BBBB-CCCC"})
    assert 'data-valid="no"' in invalid.content.decode()
    services.certificate_revoke(actor=SYSTEM, certificate=certificate)
    revoked = client.get("/en/training/verify/", {"code": code})
    assert 'data-valid="no"' in revoked.content.decode()
    assert client.get("/ar/training/verify/").status_code == 200
