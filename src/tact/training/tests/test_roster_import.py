"""Rosters and score sheets from Excel: round trip, preview, bad rows refused whole."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from tact.core.access import SYSTEM
from tact.training import roster, selectors, services
from tact.training.models import Attendance, Participant, Session
from tact.training.tests.conftest import xlsx

HEADER = [
    "participant_id",
    "name",
    "agency",
    "agency_type",
    "state",
    "sex",
    "rank",
    "years_of_service",
    "consent",
    "language",
    "pre",
    "post",
    "2025-03-10",
    "2025-03-11",
]


@pytest.fixture
def empty_session(demo: dict[str, Any], focal_kenya: Any, kenya: Any) -> Session:
    course = demo["programme"].courses.order_by("title").first()
    return services.session_create(
        actor=focal_kenya,
        course=course,
        title="Kisumu pilot",
        state=kenya,
        start=dt.date(2025, 3, 10),
        end=dt.date(2025, 3, 11),
        max_score=Decimal(20),
    )


def _upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("roster.xlsx", data)


def test_roster_round_trip_through_excel(
    client: Any, demo: dict[str, Any], focal_kenya: Any, empty_session: Session
) -> None:
    # given the Nairobi roster exported by its organiser
    nairobi = demo["nairobi"]
    client.force_login(focal_kenya)
    exported = client.get(f"/en/training/sessions/{nairobi.pk}/roster.xlsx")
    assert exported.status_code == 200
    # when it is read back against a session with the same days and maximum
    sheet = roster.read_roster(
        exported.content,
        maximum=nairobi.max_score,
        days=nairobi.days(),
        states={"KEN": demo["nairobi"].state_id},
    )
    # then every row comes back as it is stored
    assert sheet.errors == []
    stored = selectors.roster_rows(actor=focal_kenya, session=nairobi)
    assert len(sheet.rows) == len(stored) == 8
    for read, row in zip(sheet.rows, stored, strict=True):
        assert read["code"] == row["code"]
        assert read["name"] == row["name"] != ""
        assert (read["agency_type"], read["sex"], read["rank"]) == (
            row["agency_type"],
            row["sex"],
            row["rank"],
        )
        assert read["years_of_service"] == row["years_of_service"]
        assert Decimal(read["pre"]) == Decimal(row["pre"])
        assert Decimal(read["post"]) == Decimal(row["post"])
        assert read["attendance"] == row["attendance"]
    # and importing it again changes nothing (idempotent update)
    before = list(
        Participant.objects.filter(session=nairobi).values_list(
            "code", "name", "pre_score", "post_score", "sex", "agency_type"
        )
    )
    counts = services.roster_import(actor=focal_kenya, session=nairobi, rows=sheet.rows)
    assert counts == {"created": 0, "updated": 8}
    after = list(
        Participant.objects.filter(session=nairobi).values_list(
            "code", "name", "pre_score", "post_score", "sex", "agency_type"
        )
    )
    assert before == after


def test_scores_round_trip(client: Any, demo: dict[str, Any], secretariat: Any) -> None:
    mombasa = demo["mombasa"]
    client.force_login(secretariat)
    exported = client.get(f"/en/training/sessions/{mombasa.pk}/scores.xlsx").content
    codes = set(mombasa.participants.values_list("code", flat=True))
    sheet = roster.read_scores(exported, maximum=mombasa.max_score, codes=codes)
    assert sheet.errors == []
    assert {r["code"]: (Decimal(r["pre"]), Decimal(r["post"])) for r in sheet.rows} == {
        p.code: (p.pre_score, p.post_score) for p in mombasa.participants.all()
    }
    assert (
        services.scores_set(
            actor=secretariat,
            session=mombasa,
            scores={r["code"]: (r["pre"], r["post"]) for r in sheet.rows},
        )
        == 0
    )


def test_preview_then_confirm_saves_and_recognises_people_from_other_sessions(
    client: Any, focal_kenya: Any, empty_session: Session
) -> None:
    data = xlsx(
        [
            HEADER,
            [
                "KEN-003",
                "Wanjiru Kamau",
                "NPS",
                "police",
                "KEN",
                "female",
                "Sergeant",
                8,
                "yes",
                "en",
                10,
                18,
                1,
                1,
            ],
            [
                "KEN-100",
                "",
                "ODPP",
                "Prosecution",
                "KEN",
                "male",
                "Counsel",
                3,
                "yes",
                "ru",
                "",
                "",
                1,
                0,
            ],
        ]
    )
    client.force_login(focal_kenya)
    url = f"/en/training/sessions/{empty_session.pk}/roster/"
    preview = client.post(url, {"file": _upload(data)})
    assert preview.status_code == 200
    assert Participant.objects.filter(session=empty_session).count() == 0  # nothing saved yet
    rows = {r["code"]: r for r in preview.context["rows"]}
    assert rows["KEN-003"]["elsewhere"] is True  # the same person attended other sessions
    assert rows["KEN-100"]["elsewhere"] is False
    confirm = client.post(f"{url}confirm/", {"token": preview.context["token"]})
    assert confirm.status_code == 302
    saved = {p.code: p for p in Participant.objects.filter(session=empty_session)}
    assert set(saved) == {"KEN-003", "KEN-100"}
    assert saved["KEN-100"].agency_type == "prosecution"
    assert saved["KEN-100"].pre_score is None
    assert list(
        Attendance.objects.filter(participant=saved["KEN-100"]).values_list("day", "present")
    ) == [(dt.date(2025, 3, 10), True), (dt.date(2025, 3, 11), False)]
    empty_session.refresh_from_db()
    assert (empty_session.participant_count, empty_session.agency_type_count) == (2, 2)


def test_bad_rows_get_one_message_each_and_nothing_is_saved(
    client: Any, focal_kenya: Any, empty_session: Session
) -> None:
    data = xlsx(
        [
            HEADER,
            ["KEN-200", "", "", "police", "KEN", "male", "", 1, "yes", "en", 5, 9, 1, 1],
            ["KEN-201", "", "", "navy", "KEN", "male", "", 1, "yes", "en", 5, 9, 1, 1],
            ["KEN-202", "", "", "police", "KEN", "male", "", 1, "yes", "en", 5, 25, 1, 1],
            ["KEN-200", "", "", "police", "KEN", "female", "", 1, "yes", "en", 5, 9, 1, 1],
        ]
    )
    client.force_login(focal_kenya)
    response = client.post(
        f"/en/training/sessions/{empty_session.pk}/roster/", {"file": _upload(data)}
    )
    assert response.status_code == 200
    assert response.context["errors"] == [
        "Row 3: unknown agency type navy (use one of: prosecution, judiciary, police, customs, "
        "border, fiu, corrections, other).",
        "Row 4: post-test score 25 is above the maximum of 20.00.",
        "Row 5: participant id KEN-200 is already used in row 2.",
    ]
    assert "token" not in response.context
    assert b"The roster was not saved" in response.content
    assert Participant.objects.filter(session=empty_session).count() == 0


def test_cli_import_roster_and_scores(
    tmp_path: Any, focal_kenya: Any, empty_session: Session
) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(
        xlsx(
            [
                HEADER,
                ["KEN-300", "", "", "judiciary", "KEN", "female", "", 4, "yes", "fr", "", "", 1, 1],
                ["KEN-301", "", "", "border", "KEN", "male", "", 9, "no", "ar", "", "", 1, 1],
            ]
        )
    )
    out = io.StringIO()
    call_command("import_roster", str(path), session=empty_session.pk, stdout=out)
    assert "2 participants added, 0 updated" in out.getvalue()
    scores = tmp_path / "scores.xlsx"
    scores.write_bytes(
        xlsx([["participant_id", "pre", "post"], ["KEN-300", 8, 17], ["KEN-301", 20, 20]])
    )
    out = io.StringIO()
    call_command("import_scores", str(scores), session=empty_session.pk, stdout=out)
    # g(KEN-300) = 9/12 = 0.75; KEN-301 at the ceiling; <g> = (18.5-14)/(20-14) = 0.75
    assert "<g> = 0.750 (high), average g = 0.750, n = 2, at ceiling = 1." in out.getvalue()


def test_cli_refuses_bad_scores_and_saves_nothing(
    tmp_path: Any, focal_kenya: Any, empty_session: Session
) -> None:
    services.roster_import(
        actor=SYSTEM,
        session=empty_session,
        rows=[
            {
                "code": "KEN-400",
                "name": "",
                "agency": "",
                "agency_type": "police",
                "state": "KEN",
                "sex": "male",
                "rank": "",
                "years_of_service": None,
                "consent": True,
                "language": "en",
                "pre": "4",
                "post": "6",
                "attendance": {},
            }
        ],
    )
    scores = tmp_path / "scores.xlsx"
    scores.write_bytes(
        xlsx([["participant_id", "pre", "post"], ["KEN-400", 8, 21], ["KEN-999", 1, 2]])
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 problems; nothing was saved"):
        call_command("import_scores", str(scores), session=empty_session.pk, stderr=err)
    assert err.getvalue().splitlines() == [
        "Row 2: post-test score 21 is above the maximum of 20.00.",
        "Row 3: participant id KEN-999 is not on this session's roster.",
    ]
    p = Participant.objects.get(session=empty_session, code="KEN-400")
    assert (p.pre_score, p.post_score) == (Decimal(4), Decimal(6))


def test_not_an_excel_file(client: Any, focal_kenya: Any, empty_session: Session) -> None:
    client.force_login(focal_kenya)
    response = client.post(
        f"/en/training/sessions/{empty_session.pk}/roster/", {"file": _upload(b"name,id\n")}
    )
    assert response.context["errors"] == ["This is not an Excel workbook (.xlsx)."]


def test_scores_entered_on_the_page(client: Any, demo: dict[str, Any], focal_kenya: Any) -> None:
    mombasa = demo["mombasa"]
    p = mombasa.participants.get(code="KEN-011")
    client.force_login(focal_kenya)
    url = f"/en/training/sessions/{mombasa.pk}/scores/"
    # a score above the maximum: message, nothing saved
    bad = client.post(url, {f"pre-{p.pk}": "20", f"post-{p.pk}": "60"})
    assert bad.status_code == 200
    assert "KEN-011: score 60 is outside 0 to 50.00." in bad.context["errors"]
    p.refresh_from_db()
    assert p.post_score == Decimal(24)
    form = {f"pre-{x.pk}": str(x.pre_score) for x in mombasa.participants.all()}
    form |= {f"post-{x.pk}": str(x.post_score) for x in mombasa.participants.all()}
    form[f"post-{p.pk}"] = "45"
    assert client.post(url, form).status_code == 302
    p.refresh_from_db()
    assert p.post_score == Decimal(45)


def test_names_are_kept_only_with_consent(focal_kenya: Any, empty_session: Session) -> None:
    row = {
        "name": "Given Name",
        "agency": "",
        "agency_type": "police",
        "state": "KEN",
        "sex": "male",
        "rank": "",
        "years_of_service": None,
        "language": "en",
        "pre": None,
        "post": None,
        "attendance": {},
    }
    services.roster_import(
        actor=focal_kenya,
        session=empty_session,
        rows=[
            {**row, "code": "KEN-500", "consent": False},
            {**row, "code": "KEN-501", "consent": True},
        ],
    )
    names = dict(empty_session.participants.values_list("code", "name"))
    assert names == {"KEN-500": "", "KEN-501": "Given Name"}
