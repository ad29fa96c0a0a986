"""API endpoints and pages: figures, filters, exports, forms; no page is a 500."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tact.training.models import Participant, Programme, Session


def test_api_lists_and_figures(
    client: Any, demo: dict[str, Any], token_for: Any, secretariat: Any
) -> None:
    auth = token_for(secretariat)
    programmes = client.get("/api/v1/training/programmes", **auth).json()
    assert [p["title"] for p in programmes["items"]] == [demo["programme"].title]
    sessions = client.get("/api/v1/training/sessions?state=KEN", **auth).json()
    assert sorted(s["title"].split(":")[0] for s in sessions["items"]) == ["Mombasa", "Nairobi"]
    gain = client.get(f"/api/v1/training/sessions/{demo['mombasa'].pk}/gain", **auth).json()
    assert gain["matched"] == 6
    assert gain["at_ceiling"] == 1
    assert gain["class_band"] == "low"
    assert Decimal(gain["class_gain"]) == demo["mombasa"].class_gain
    levels = client.get(f"/api/v1/training/programmes/{demo['programme'].pk}/levels", **auth).json()
    assert levels["invited"] == 19
    assert levels["l1"]["n"] == 14
    assert levels["l3"]["supervisor"]["n"] == 4
    mix = client.get("/api/v1/training/mix?by=state", **auth).json()
    assert [(m["key"], m["sessions"], m["mixed"]) for m in mix] == [("KEN", 2, 1), ("MEX", 1, 1)]


def test_api_scores_all_or_nothing(
    client: Any, demo: dict[str, Any], token_for: Any, focal_kenya: Any
) -> None:
    mombasa = demo["mombasa"]
    url = f"/api/v1/training/sessions/{mombasa.pk}/scores"
    bad = client.put(
        url,
        data=[
            {"code": "KEN-011", "pre": 10, "post": 20},
            {"code": "KEN-012", "pre": 10, "post": 51},
        ],
        content_type="application/json",
        **token_for(focal_kenya),
    )
    assert bad.status_code == 400
    assert bad.json()["detail"] == ["KEN-012: score 51 is outside 0 to 50.00."]
    assert Participant.objects.get(session=mombasa, code="KEN-011").pre_score == Decimal(20)
    good = client.put(
        url,
        data=[{"code": "KEN-011", "pre": 10, "post": 40}],
        content_type="application/json",
        **token_for(focal_kenya),
    )
    assert good.status_code == 200
    assert good.json()["changed"] == 1
    mombasa.refresh_from_db()
    assert Decimal(good.json()["gain"]["class_gain"]) == mombasa.class_gain


def test_pages_render_in_english_and_arabic(
    client: Any, demo: dict[str, Any], secretariat: Any
) -> None:
    client.force_login(secretariat)
    nairobi = demo["nairobi"]
    for lang in ("en", "ar"):
        for url in (
            f"/{lang}/training/",
            f"/{lang}/training/?state=KEN",
            f"/{lang}/training/programmes/{demo['programme'].pk}/",
            f"/{lang}/training/programmes/new/",
            f"/{lang}/training/programmes/{demo['programme'].pk}/sessions/new/",
            f"/{lang}/training/sessions/{nairobi.pk}/",
            f"/{lang}/training/sessions/{nairobi.pk}/roster/",
            f"/{lang}/training/sessions/{nairobi.pk}/scores/",
            f"/{lang}/training/verify/",
        ):
            assert client.get(url).status_code == 200, url
    export = client.get("/en/training/?format=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    # the area page now leads to training
    home = client.get("/en/")
    assert 'href="/en/training/"' in home.content.decode()


def test_create_programme_and_session_through_forms(
    client: Any, demo: dict[str, Any], focal_kenya: Any, kenya: Any
) -> None:
    client.force_login(focal_kenya)
    response = client.post(
        "/en/training/programmes/new/",
        {
            "title": "Cybercrime evidence",
            "objectives": "Handle electronic evidence.",
            "audiences": ["police", "prosecution"],
            "classification": "restricted",
            "owner_state": kenya.pk,
        },
    )
    assert response.status_code == 302
    programme = Programme.objects.get(title="Cybercrime evidence")
    assert programme.audiences == ["police", "prosecution"]
    course = demo["programme"].courses.first()
    # a session of another programme's course is not offered
    response = client.post(
        f"/en/training/programmes/{demo['programme'].pk}/sessions/new/",
        {
            "course": course.pk,
            "title": "Eldoret",
            "start": "2026-02-01",
            "end": "2026-01-30",
            "state": kenya.pk,
            "language": "en",
            "max_score": "20",
            "classification": "restricted",
        },
    )
    assert response.status_code == 200
    assert "The session cannot end before it starts." in response.content.decode()
    response = client.post(
        f"/en/training/programmes/{demo['programme'].pk}/sessions/new/",
        {
            "course": course.pk,
            "title": "Eldoret",
            "start": "2026-02-01",
            "end": "2026-02-02",
            "state": kenya.pk,
            "language": "en",
            "max_score": "20",
            "classification": "restricted",
        },
    )
    assert response.status_code == 302
    session = Session.objects.get(title="Eldoret")
    assert (session.organiser, session.owner_state) == (focal_kenya, kenya)


def test_focal_point_cannot_create_sessions_for_another_state(
    client: Any, demo: dict[str, Any], focal_mexico: Any, kenya: Any
) -> None:
    client.force_login(focal_mexico)
    course = demo["programme"].courses.first()
    response = client.post(
        f"/en/training/programmes/{demo['programme'].pk}/sessions/new/",
        {
            "course": course.pk,
            "title": "Not mine",
            "start": "2026-02-01",
            "end": "2026-02-02",
            "state": kenya.pk,
            "language": "en",
            "max_score": "20",
            "classification": "restricted",
        },
    )
    assert response.status_code == 200
    assert not Session.objects.filter(title="Not mine").exists()
