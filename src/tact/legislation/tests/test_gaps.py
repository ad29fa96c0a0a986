"""Gap analysis: scope, ordering, figures recomputed after an assessment, needs, exports, CLI."""

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from tact.assistance.models import Need
from tact.catalog.models import Instrument, Provision, ProvisionParagraph
from tact.core.access import SYSTEM
from tact.directory.models import PartyStatus
from tact.legislation import gaps
from tact.legislation.models import LegalText
from tact.legislation.services import gap_needs, mapping_create

pytestmark = pytest.mark.django_db


def _map(law: Any, kenya: Any, eid: str, key: str, compliance: str) -> None:
    para = ProvisionParagraph.objects.select_related("provision").get(key=key)
    mapping_create(
        actor=SYSTEM,
        state=kenya,
        convention_provision=para.provision,
        paragraph=para,
        legal_provision=law.provisions.get(eid=eid) if eid else None,
        compliance=compliance,
        classification="public",
    )


def _map_article(
    law: Any, kenya: Any, eid: str, key: str, compliance: str, classification: str = "public"
) -> None:
    """An assessment of a whole article (it covers each of its paragraphs)."""
    mapping_create(
        actor=SYSTEM,
        state=kenya,
        convention_provision=Provision.objects.get(key=key),
        legal_provision=law.provisions.get(eid=eid),
        compliance=compliance,
        classification=classification,
    )


def test_rows_cover_every_paragraph_mandatory_first(kenya: Any) -> None:
    analysis = gaps.gap_analysis(SYSTEM, kenya)
    assert len(analysis.rows) == ProvisionParagraph.objects.numbered().count()
    ranks = {"mandatory": 0, "must_consider": 1, "optional": 2, "none": 3}
    order = [ranks[r.obligation] for r in analysis.rows]
    assert order == sorted(order)
    assert analysis.summary["assessed"] == 0
    assert analysis.summary["counts"]["not_assessed"] == len(analysis.rows)


def test_scope_rule_excludes_non_parties(kenya: Any) -> None:
    fp = Instrument.objects.get(code="fp")
    PartyStatus.objects.update_or_create(
        state=kenya, instrument=fp, defaults={"status": PartyStatus.Status.NOT_PARTY}
    )
    analysis = gaps.gap_analysis(SYSTEM, kenya)
    assert not any(r.instrument.code == "fp" for r in analysis.rows)
    scope = {s.instrument.code: s for s in analysis.scope}
    assert scope["fp"].in_scope is False and scope["untoc"].in_scope is True


def test_figures_change_after_assessments(ken_law: Any, kenya: Any) -> None:
    before = gaps.gap_analysis(SYSTEM, kenya).summary
    _map(ken_law, kenya, "sec_2", "untoc/art_24/para_1", "full")
    _map(ken_law, kenya, "sec_3", "untoc/art_24/para_2", "partial")
    _map(ken_law, kenya, "", "untoc/art_25/para_1", "none")
    after = gaps.gap_analysis(SYSTEM, kenya)
    s = after.summary
    assert s["assessed"] == before["assessed"] + 3
    assert s["counts"]["full"] == 1 and s["counts"]["partial"] == 1 and s["counts"]["none"] == 1
    assert s["gaps"] == 2
    assert s["mandatory_full"] == 1  # art 24(1) is mandatory
    assessable = s["total"]
    assert s["score_pct"] == round(100 * 1.5 / assessable)
    theme = next(t for t in after.themes if t.theme.code == "protection_of_victims_and_witnesses")
    assert theme.counts["full"] == 1 and theme.full_pct > 0


def test_article_level_mapping_covers_its_paragraphs(ken_law: Any, kenya: Any) -> None:
    _map_article(ken_law, kenya, "sec_2", "untoc/art_24", "partial")
    rows = [r for r in gaps.gap_analysis(SYSTEM, kenya).rows if r.provision.key == "untoc/art_24"]
    assert len(rows) == 4 and {r.status for r in rows} == {"partial"}


def test_the_overview_gives_the_figures_of_the_full_analysis(
    ken_law: Any, kenya: Any, focal_mexico: Any
) -> None:
    """The profile's panel reads plain values: its figures equal the analysis of the records,
    for each viewer (a confidential assessment counts only for those who may read it)."""
    fp = Instrument.objects.get(code="fp")
    PartyStatus.objects.update_or_create(
        state=kenya, instrument=fp, defaults={"status": PartyStatus.Status.NOT_PARTY}
    )
    _map(ken_law, kenya, "sec_2", "untoc/art_24/para_1", "full")
    _map(ken_law, kenya, "", "untoc/art_25/para_1", "none")
    _map_article(ken_law, kenya, "sec_3", "untoc/art_26", "partial", "confidential")
    for viewer in (SYSTEM, focal_mexico):
        analysis = gaps.gap_analysis(viewer, kenya)
        overview = gaps.gap_overview(viewer, kenya)
        assert overview.summary == analysis.summary
        assert [(t.theme.pk, t.total, t.counts) for t in overview.themes] == [
            (t.theme.pk, t.total, t.counts) for t in analysis.themes
        ]
    art_26 = ProvisionParagraph.objects.numbered().filter(provision__key="untoc/art_26").count()
    assert gaps.gap_overview(SYSTEM, kenya).summary["gaps"] == 1 + art_26  # art 25(1), art 26
    assert gaps.gap_overview(focal_mexico, kenya).summary["gaps"] == 1  # not the confidential one


def test_gaps_become_needs_idempotently(ken_law: Any, kenya: Any, focal_kenya: Any) -> None:
    _map(ken_law, kenya, "sec_3", "untoc/art_24/para_2", "partial")  # optional: no need
    _map(ken_law, kenya, "sec_2", "untoc/art_24/para_4", "partial")  # mandatory
    _map(ken_law, kenya, "", "untoc/art_25/para_1", "none")  # mandatory
    first = gap_needs(focal_kenya, kenya)
    assert (first.created, first.updated) == (2, 0)
    needs = Need.objects.filter(state=kenya, source="gap_analysis")
    assert set(needs.values_list("source_ref", flat=True)) == {
        "gap:KEN:untoc/art_24",
        "gap:KEN:untoc/art_25",
    }
    art25 = needs.get(source_ref="gap:KEN:untoc/art_25")
    assert art25.priority == "high"
    assert list(art25.provisions.values_list("key", flat=True)) == ["untoc/art_25"]
    second = gap_needs(focal_kenya, kenya)
    assert (second.created, second.updated) == (0, 2)
    assert needs.count() == 2


def test_gap_page_exports_and_needs_button(
    client: Any, ken_law: Any, kenya: Any, focal_kenya: Any
) -> None:
    _map(ken_law, kenya, "", "untoc/art_25/para_1", "none")
    client.force_login(focal_kenya)
    url = reverse("legislation:gap_analysis", args=["KEN"])
    page = client.get(url)
    assert page.status_code == 200
    assert b"fig-gaps" in page.content and b"Progress by theme" in page.content
    filtered = client.get(url, {"status": "none"})
    assert filtered.content.count(b"data-key=") == 1
    xlsx = client.get(url, {"format": "xlsx"})
    assert xlsx.status_code == 200
    book = load_workbook(io.BytesIO(xlsx.content))
    assert "Gap analysis" in book.sheetnames
    statuses = [row[5] for row in book["Gap analysis"].iter_rows(min_row=2, values_only=True)]
    assert "None" in statuses
    pdf = client.get(url, {"format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    response = client.post(reverse("legislation:gap_needs", args=["KEN"]))
    assert response.status_code == 302
    assert Need.objects.filter(source_ref="gap:KEN:untoc/art_25").exists()


def test_other_focal_point_cannot_create_needs(client: Any, kenya: Any, focal_mexico: Any) -> None:
    client.force_login(focal_mexico)
    response = client.post(reverse("legislation:gap_needs", args=["KEN"]))
    assert response.status_code == 403
    assert not Need.objects.exists()


def test_cli_import_report_needs(media: Any, kenya: Any, tmp_path: Path) -> None:
    from tact.legislation.tests.conftest import KEN_TXT

    source = tmp_path / "act.txt"
    source.write_text(KEN_TXT, encoding="utf-8")
    out = io.StringIO()
    call_command(
        "import_law",
        str(source),
        "--state",
        "KEN",
        "--type",
        "law",
        "--language",
        "en",
        "--title",
        "CLI act",
        stdout=out,
    )
    assert "created law" in out.getvalue() and "4 provisions created" in out.getvalue()
    call_command(
        "import_law",
        str(source),
        "--state",
        "KEN",
        "--type",
        "law",
        "--language",
        "en",
        "--title",
        "CLI act",
        stdout=out,
    )
    assert LegalText.objects.count() == 1
    law = LegalText.objects.get()
    _map(law, kenya, "", "untoc/art_25/para_1", "none")
    for fmt in ("pdf", "xlsx"):
        target = tmp_path / f"gap.{fmt}"
        call_command("gap_report", "KEN", "--format", fmt, "-o", str(target), stdout=out)
        assert target.stat().st_size > 1000
    assert (tmp_path / "gap.pdf").read_bytes().startswith(b"%PDF")
    call_command("gap_needs", "KEN", stdout=out)
    call_command("gap_needs", "KEN", stdout=out)
    assert Need.objects.filter(source_ref="gap:KEN:untoc/art_25").count() == 1


def test_cli_errors(media: Any, tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    bad = tmp_path / "bad.txt"
    bad.write_text("no provisions here", encoding="utf-8")
    with pytest.raises(CommandError, match="No article"):
        call_command("import_law", str(bad), "--state", "KEN", "--language", "en")
    with pytest.raises(CommandError, match="Unknown state"):
        call_command("import_law", str(bad), "--state", "XXX", "--language", "en")
    with pytest.raises(CommandError):
        call_command("gap_report", "XXX")
    assert not LegalText.objects.exists()


def test_gap_api(client: Any, ken_law: Any, kenya: Any, focal_kenya: Any, token_for: Any) -> None:
    _map(ken_law, kenya, "sec_2", "untoc/art_24/para_1", "full")
    assert client.get("/api/v1/legislation/gaps/KEN").status_code == 401
    data = client.get("/api/v1/legislation/gaps/KEN", **token_for(focal_kenya)).json()
    assert data["summary"]["counts"]["full"] == 1
    assert data["rows"][0]["obligation"] == "mandatory"
    response = client.post("/api/v1/legislation/gaps/KEN/needs", **token_for(focal_kenya))
    assert response.status_code == 200
