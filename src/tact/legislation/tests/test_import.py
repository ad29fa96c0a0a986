"""Importing laws: plain text, Word, Akoma Ntoso; bad input; idempotent re-imports; access."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tact.core.access import SYSTEM
from tact.core.models import AuditEntry
from tact.legislation.models import LegalProvision, LegalText, ProvisionMapping
from tact.legislation.services import import_law, mapping_create
from tact.legislation.tests.conftest import DATA, FIXTURES, KEN_TXT, make_docx

pytestmark = pytest.mark.django_db


def test_plain_text_is_split_with_stable_ids(ken_law: Any) -> None:
    eids = list(ken_law.provisions.values_list("eid", flat=True))
    assert eids == ["sec_1", "sec_2", "sec_3", "sec_4"]
    second = ken_law.provisions.get(eid="sec_2")
    assert second.heading == "Protection of witnesses"
    assert "relocation" in second.body
    assert ken_law.source_format == "txt"
    assert ken_law.file_sha256 and ken_law.file.name.endswith(".txt")
    assert AuditEntry.objects.filter(action="legislation.law_imported").exists()


def test_docx_import(media: Any, mexico: Any) -> None:
    data = make_docx(
        [
            "Ley de Protección de Testigos",
            "Artículo 1.- Objeto",
            "La presente ley protege a los testigos y a las víctimas.",
            "Artículo 2.- Reubicación",
            "Se podrá ordenar la reubicación y el cambio de identidad del testigo.",
        ]
    )
    report = import_law(
        actor=SYSTEM, state=mexico, data=data, filename="ley.docx", language="es", title="Ley"
    )
    law = report.legal_text
    assert law.source_format == "docx"
    assert list(law.provisions.values_list("eid", flat=True)) == ["art_1", "art_2"]
    assert "reubicación" in law.provisions.get(eid="art_2").body


def test_akoma_ntoso_import_reads_frbr_uris(media: Any, kenya: Any) -> None:
    data = (DATA / "ken-witness-protection-act.xml").read_bytes()
    report = import_law(actor=SYSTEM, state=kenya, data=data, filename="wpa.xml")
    law = report.legal_text
    assert law.source_format == "akn"
    assert law.frbr_work_uri == "/akn/ke/act/2006/16"
    assert law.frbr_expression_uri == "/akn/ke/act/2006/16/eng@2016-01-15"
    assert law.work_key == "/akn/ke/act/2006/16"
    assert law.language == "en" and law.title.startswith("Witness Protection Act")
    assert law.adopted_on is not None and law.adopted_on.year == 2006
    assert "sec_3" in set(law.provisions.values_list("eid", flat=True))


def test_akn_of_another_country_is_refused(media: Any, kenya: Any) -> None:
    with pytest.raises(ValidationError, match="country"):
        import_law(
            actor=SYSTEM,
            state=kenya,
            data=(FIXTURES / "akn_act.xml").read_bytes(),
            filename="act.xml",
        )
    assert not LegalText.objects.exists()


@pytest.mark.parametrize(
    ("data", "filename", "language", "message"),
    [
        (b"", "x.txt", "en", "empty"),
        (b"Section 1. A\nText", "x.pdf", "en", "Unsupported"),
        (b"\xff\xfe\x00\x00garbage", "x.txt", "en", "UTF-8"),
        (b"<akomaNtoso><act>", "x.xml", "", "Akoma Ntoso"),
        (b"<html><body/></html>", "x.xml", "", "Akoma Ntoso"),
        (b"PK\x03\x04 not really a zip", "x.docx", "en", "Word"),
        (b"Just a preamble without any article heading.", "x.txt", "en", "No article"),
        (b"Section 1. A\nText", "x.txt", "", "language"),
        (b"Section 1. A\nText", "x.txt", "xx", "language"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(
    media: Any, kenya: Any, data: bytes, filename: str, language: str, message: str
) -> None:
    with pytest.raises(ValidationError) as info:
        import_law(actor=SYSTEM, state=kenya, data=data, filename=filename, language=language)
    assert message.lower() in " ".join(info.value.messages).lower()
    assert not LegalText.objects.exists()
    assert not LegalProvision.objects.exists()


def test_xml_entities_are_not_resolved(media: Any, kenya: Any) -> None:
    evil = b"""<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body>
<section eId="sec_1"><num>1.</num><content><p>&x;</p></content></section>
</body></act></akomaNtoso>"""
    try:
        report = import_law(actor=SYSTEM, state=kenya, data=evil, filename="e.xml", title="E")
    except ValidationError:
        return
    assert "root:" not in report.legal_text.provisions.get().body


def test_upload_size_limit(media: Any, kenya: Any, settings: Any) -> None:
    settings.TACT_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError, match="too large"):
        import_law(
            actor=SYSTEM, state=kenya, data=KEN_TXT.encode(), filename="a.txt", language="en"
        )
    assert not LegalText.objects.exists()


def test_reimport_is_idempotent(ken_law: Any, kenya: Any) -> None:
    ids = dict(ken_law.provisions.values_list("eid", "pk"))
    audits = AuditEntry.objects.count()
    report = import_law(
        actor=SYSTEM,
        state=kenya,
        data=KEN_TXT.encode(),
        filename="ken-wpa.txt",
        language="en",
        text_type="law",
        title="Witness Protection (Test) Act",
    )
    assert not report.created and not report.changed
    assert report.provisions_unchanged == 4
    assert report.legal_text.pk == ken_law.pk
    assert dict(report.legal_text.provisions.values_list("eid", "pk")) == ids
    assert AuditEntry.objects.count() == audits
    assert LegalText.objects.count() == 1


def test_reimport_of_a_changed_text_keeps_cited_provisions(ken_law: Any, kenya: Any) -> None:
    from tact.catalog.models import Provision

    cited = ken_law.provisions.get(eid="sec_4")
    mapping_create(
        actor=SYSTEM,
        state=kenya,
        convention_provision=Provision.objects.get(key="untoc/art_24"),
        legal_provision=cited,
        compliance="partial",
    )
    changed = KEN_TXT.replace("and to their relatives", "and to their family members")
    changed = changed.split("Section 3.")[0]  # sections 3 and 4 repealed
    report = import_law(
        actor=SYSTEM,
        state=kenya,
        data=changed.encode(),
        filename="ken-wpa.txt",
        language="en",
        text_type="law",
        title="Witness Protection (Test) Act",
    )
    assert report.provisions_updated == 1
    assert report.provisions_removed == 1  # sec_3 had no assessment
    assert report.provisions_obsolete == 1  # sec_4 is cited: kept
    cited.refresh_from_db()
    assert cited.is_obsolete
    assert ProvisionMapping.objects.filter(legal_provision=cited).exists()
    assert not LegalProvision.objects.filter(legal_text=ken_law, eid="sec_3").exists()


def test_language_and_dated_versions_share_the_work(ken_law: Any, kenya: Any) -> None:
    french = KEN_TXT.replace("Section", "Article")
    version = import_law(
        actor=SYSTEM,
        state=kenya,
        data=french.encode(),
        filename="ken-wpa-fr.txt",
        language="fr",
        title="Loi sur la protection des témoins (essai)",
        version_of=ken_law,
    ).legal_text
    dated = import_law(
        actor=SYSTEM,
        state=kenya,
        data=KEN_TXT.encode(),
        filename="ken-wpa-2020.txt",
        language="en",
        title="Witness Protection (Test) Act",
        version_of=ken_law,
        version_date=__import__("datetime").date(2020, 1, 1),
    ).legal_text
    assert version.work_key == dated.work_key == ken_law.work_key
    assert len({ken_law.pk, version.pk, dated.pk}) == 3


def test_focal_point_imports_only_for_own_state(
    media: Any, kenya: Any, focal_mexico: Any, focal_kenya: Any, reader: Any
) -> None:
    for user in (focal_mexico, reader):
        with pytest.raises(PermissionDenied):
            import_law(
                actor=user, state=kenya, data=KEN_TXT.encode(), filename="a.txt", language="en"
            )
    report = import_law(
        actor=focal_kenya, state=kenya, data=KEN_TXT.encode(), filename="a.txt", language="en"
    )
    assert report.legal_text.created_by == focal_kenya


def test_russian_and_arabic_texts_are_split(media: Any, kenya: Any) -> None:
    ru = (
        "Закон\n\nСтатья 1. Защита свидетелей\nСвидетели имеют право на защиту.\n\n"
        "Статья 2. Переселение\nПереселение свидетеля."
    )
    ar = "قانون\n\nالمادة 1\nحماية الشهود.\n\nالمادة 2\nتغيير مكان إقامة الشاهد."
    for text, lang in ((ru, "ru"), (ar, "ar")):
        law = import_law(
            actor=SYSTEM, state=kenya, data=text.encode(), filename=f"{lang}.txt", language=lang
        ).legal_text
        assert list(law.provisions.values_list("eid", flat=True)) == ["art_1", "art_2"]
