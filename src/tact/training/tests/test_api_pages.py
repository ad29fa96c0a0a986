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


def test_survey_answers_through_the_api(
    client: Any, demo: dict[str, Any], token_for: Any, focal_kenya: Any
) -> None:
    mombasa = demo["mombasa"]
    url = f"/api/v1/training/sessions/{mombasa.pk}/responses"
    auth = token_for(focal_kenya)
    answer = {
        "code": "KEN-014",
        "level": 3,
        "respondent": "supervisor",
        "answered_on": "2025-10-01",
        "score": 4,
        "applied": True,
    }
    assert client.post(url, data=answer, content_type="application/json", **auth).status_code == 200
    levels = client.get(f"/api/v1/training/sessions/{mombasa.pk}/levels", **auth).json()
    assert levels["l3"]["supervisor"]["n"] == 1
    assert levels["l3"]["supervisor"]["rate"] == "0.167"  # 1 of 6 participants
    # bad answers: a score outside 1-5, a supervisor at level 1, an unknown participant
    for bad, status in (
        ({**answer, "score": 9}, 400),
        ({**answer, "level": 1}, 400),
        ({**answer, "code": "KEN-999"}, 404),
    ):
        response = client.post(url, data=bad, content_type="application/json", **auth)
        assert response.status_code == status
    levels = client.get(f"/api/v1/training/sessions/{mombasa.pk}/levels", **auth).json()
    assert (levels["l1"]["n"], levels["l3"]["supervisor"]["n"]) == (3, 1)


def test_link_an_indicator_from_the_programme_page(
    client: Any, demo: dict[str, Any], secretariat: Any
) -> None:
    from tact.core.access import SYSTEM
    from tact.directory.models import State
    from tact.evaluation import services as evaluation_services
    from tact.strategies import services as strategy_services

    strategy = strategy_services.strategy_create(
        actor=SYSTEM, state=State.objects.get(iso3="KEN"), title="S", classification="public"
    )
    framework = evaluation_services.framework_create(
        actor=SYSTEM, title="F", strategy=strategy, classification="public"
    )
    node = evaluation_services.node_create(
        actor=SYSTEM, framework=framework, level="output", title="N"
    )
    indicator = evaluation_services.indicator_create(actor=SYSTEM, node=node, title="Trained")
    programme = demo["programme"]
    client.force_login(secretariat)
    page = client.get(f"/en/training/programmes/{programme.pk}/")
    assert f'<option value="{indicator.pk}">F — Trained</option>' in page.content.decode()
    response = client.post(
        f"/en/training/programmes/{programme.pk}/indicators/",
        {"indicator": indicator.pk, "metric": "trained"},
    )
    assert response.status_code == 302
    assert list(programme.indicators.values_list("indicator", "metric")) == [
        (indicator.pk, "trained")
    ]
    bad = client.post(
        f"/en/training/programmes/{programme.pk}/indicators/",
        {"indicator": indicator.pk, "metric": "nonsense"},
    )
    assert bad.status_code == 302
    assert programme.indicators.count() == 1


def test_site_search_finds_programmes_and_visible_sessions_only(
    client: Any, demo: dict[str, Any], reader: Any
) -> None:
    from tact.search import search_all

    titles = {h.title for h in search_all(reader, "trafficking")}
    assert demo["programme"].title not in titles  # its title does not say trafficking
    assert not any(t.startswith("Nairobi") for t in titles)  # restricted sessions
    assert demo["programme"].title in {h.title for h in search_all(reader, "organized crime")}


def test_create_programme_course_and_session_through_the_api(
    client: Any, db: Any, token_for: Any, focal_kenya: Any, mexico: Any
) -> None:
    auth = token_for(focal_kenya)
    programme = client.post(
        "/api/v1/training/programmes",
        data={
            "title": "Asset recovery",
            "audiences": ["prosecution", "fiu"],
            "owner_state": "KEN",
            "provisions": ["untoc/art_12"],
        },
        content_type="application/json",
        **auth,
    )
    assert programme.status_code == 201
    pid = programme.json()["id"]
    course = client.post(
        f"/api/v1/training/programmes/{pid}/courses",
        data={
            "title": "Tracing assets",
            "delivery": "online",
            "modules": ["Open sources", "Banks"],
        },
        content_type="application/json",
        **auth,
    )
    assert course.status_code == 201
    assert course.json()["modules"] == ["Open sources", "Banks"]
    session = client.post(
        f"/api/v1/training/programmes/{pid}/sessions",
        data={
            "course_id": course.json()["id"],
            "title": "Online cohort 1",
            "start": "2026-01-12",
            "end": "2026-01-14",
            "state": "KEN",
            "max_score": "30",
            "platform": "Teams",
            "trainers": [{"name": "A. Trainer", "role": "Prosecutor"}],
        },
        content_type="application/json",
        **auth,
    )
    assert session.status_code == 201
    created = Session.objects.get(pk=session.json()["id"])
    assert [t.name for t in created.trainers.all()] == ["A. Trainer"]
    assert created.organiser == focal_kenya
    # a focal point cannot host a session in another state
    other = client.post(
        f"/api/v1/training/programmes/{pid}/sessions",
        data={
            "course_id": course.json()["id"],
            "title": "Elsewhere",
            "start": "2026-01-12",
            "end": "2026-01-14",
            "state": "MEX",
            "max_score": "30",
        },
        content_type="application/json",
        **auth,
    )
    assert other.status_code == 403
    assert not Session.objects.filter(title="Elsewhere").exists()
    # bad audiences are refused with a message
    bad = client.post(
        "/api/v1/training/programmes",
        data={"title": "X", "audiences": ["navy"], "owner_state": "KEN"},
        content_type="application/json",
        **auth,
    )
    assert bad.status_code == 400
    assert bad.json()["detail"] == ["Target audiences must be agency types."]


def test_add_a_trainer_and_partner_on_the_session_page(
    client: Any, demo: dict[str, Any], focal_kenya: Any, evaluator: Any
) -> None:
    from tact.directory.models import Organisation

    unodc = Organisation.objects.create(name="UNODC", kind="un_entity")
    mombasa = demo["mombasa"]
    url = f"/en/training/sessions/{mombasa.pk}/trainers/"
    client.force_login(evaluator)
    assert client.post(url, {"name": "Nope"}).status_code == 403
    client.force_login(focal_kenya)
    response = client.post(
        url, {"name": "Jane Doe", "role": "Investigator", "organisation": unodc.pk, "partner": "1"}
    )
    assert response.status_code == 302
    assert mombasa.trainers.filter(name="Jane Doe", organisation=unodc).exists()
    assert unodc in mombasa.partner_agencies.all()
    assert "Jane Doe" in client.get(f"/en/training/sessions/{mombasa.pk}/").content.decode()


def test_session_list_endpoint_queries_do_not_grow(
    client: Any,
    demo: dict[str, Any],
    token_for: Any,
    secretariat: Any,
    django_assert_max_num_queries: Any,
) -> None:
    auth = token_for(secretariat)
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/training/sessions", **auth).json()["count"] == 3
