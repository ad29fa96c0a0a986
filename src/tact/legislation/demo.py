"""Demo legislation: three short demo law texts (Kenya in Akoma Ntoso, Mexico in Spanish,
France in French), a few assessments of them (one confidential), and victim/witness
protection features for several demo states. Idempotent: texts are re-imported in place and
assessments/features are found again by their natural keys."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from tact.catalog.models import Provision, ProvisionParagraph
from tact.core.models import Classification
from tact.directory.models import State
from tact.legislation import services
from tact.legislation.models import Compliance, Feature, LegalProvision, ProvisionMapping

DATA = Path(__file__).resolve().parent / "data"

TEXTS: list[dict[str, Any]] = [
    {
        "state": "KEN",
        "file": "ken-witness-protection-act.xml",
        "text_type": "law",
        "language": "en",
        "in_force_on": dt.date(2008, 9, 1),
        "amended_on": dt.date(2016, 1, 15),
        "source_url": "https://new.kenyalaw.org/akn/ke/act/2006/16",
    },
    {
        "state": "MEX",
        "file": "mex-ley-trata-extracto.txt",
        "text_type": "law",
        "language": "es",
        "title": "Ley General para Prevenir, Sancionar y Erradicar los Delitos en Materia de "
        "Trata de Personas (extracto de demostración)",
        "number": "LGPSEDMTP",
        "adopted_on": dt.date(2012, 6, 14),
        "in_force_on": dt.date(2012, 6, 15),
        "source_url": "https://www.diputados.gob.mx/LeyesBiblio/ref/lgpsedmtp.htm",
    },
    {
        "state": "FRA",
        "file": "fra-cpp-protection-temoins-extrait.txt",
        "text_type": "code",
        "language": "fr",
        "title": "Code de procédure pénale — protection des témoins (extrait de démonstration)",
        "number": "CPP",
        "source_url": "https://www.legifrance.gouv.fr/codes/id/LEGITEXT000006071154/",
    },
]

# (state, law eid, Convention key, compliance, classification, de jure note)
MAPPINGS: list[tuple[str, str, str, str, str, str]] = [
    (
        "KEN",
        "sec_3",
        "untoc/art_24/para_2",
        Compliance.FULL,
        Classification.PUBLIC,
        "Relocation, change of identity and non-disclosure are provided by the programme.",
    ),
    (
        "KEN",
        "sec_4",
        "untoc/art_24/para_2",
        Compliance.FULL,
        Classification.PUBLIC,
        "Video-link testimony and non-disclosure of identity in court.",
    ),
    (
        "KEN",
        "sec_5",
        "untoc/art_24/para_3",
        Compliance.FULL,
        Classification.PUBLIC,
        "Relocation agreements with other States.",
    ),
    (
        "KEN",
        "sec_6",
        "untoc/art_25/para_2",
        Compliance.PARTIAL,
        Classification.CONFIDENTIAL,
        "Compensation exists; access in practice is limited (confidential assessment).",
    ),
    (
        "KEN",
        "sec_6",
        "untoc/art_25/para_3",
        Compliance.FULL,
        Classification.PUBLIC,
        "Victims may present views and concerns.",
    ),
    (
        "MEX",
        "art_59",
        "tip/art_6/para_1",
        Compliance.FULL,
        Classification.PUBLIC,
        "Protection of identity; closed hearings.",
    ),
    (
        "MEX",
        "art_62",
        "tip/art_6/para_3",
        Compliance.FULL,
        Classification.PUBLIC,
        "Medical, psychological and legal assistance, housing, education.",
    ),
    (
        "MEX",
        "art_66",
        "tip/art_7/para_1",
        Compliance.FULL,
        Classification.PUBLIC,
        "Temporary or permanent residence for foreign victims.",
    ),
    (
        "MEX",
        "art_68",
        "tip/art_6/para_6",
        Compliance.PARTIAL,
        Classification.RESTRICTED,
        "Compensation only from confiscated assets of the convicted person.",
    ),
    (
        "MEX",
        "art_75",
        "tip/art_8/para_2",
        Compliance.FULL,
        Classification.PUBLIC,
        "Safe and voluntary repatriation.",
    ),
    (
        "FRA",
        "art_706-58",
        "untoc/art_24/para_2",
        Compliance.FULL,
        Classification.PUBLIC,
        "Anonymous testimony.",
    ),
    (
        "FRA",
        "art_706-63",
        "untoc/art_25/para_2",
        Compliance.FULL,
        Classification.PUBLIC,
        "Compensation by the CIVI.",
    ),
]

Y, P, N = "yes", "partial", "no"
FEATURES: dict[str, dict[str, str]] = {
    "KEN": {
        Feature.PHYSICAL_PROTECTION: Y,
        Feature.RELOCATION: Y,
        Feature.IDENTITY_PROTECTION: Y,
        Feature.VIDEO_TESTIMONY: Y,
        Feature.PRIVACY_PROCEEDINGS: Y,
        Feature.INFORMATION: Y,
        Feature.COMPENSATION: P,
        Feature.RESIDENCE_STATUS: N,
        Feature.RECOVERY_SERVICES: P,
    },
    "MEX": {
        Feature.IDENTITY_PROTECTION: Y,
        Feature.RELOCATION: Y,
        Feature.VIDEO_TESTIMONY: Y,
        Feature.PRIVACY_PROCEEDINGS: Y,
        Feature.COMPENSATION: P,
        Feature.RESIDENCE_STATUS: Y,
        Feature.RECOVERY_SERVICES: Y,
        Feature.SAFE_RETURN: Y,
    },
    "FRA": {
        Feature.RELOCATION: Y,
        Feature.IDENTITY_PROTECTION: Y,
        Feature.VIDEO_TESTIMONY: Y,
        Feature.COMPENSATION: Y,
        Feature.RESIDENCE_STATUS: Y,
        Feature.RECOVERY_SERVICES: P,
    },
    "COL": {
        Feature.PHYSICAL_PROTECTION: Y,
        Feature.RELOCATION: Y,
        Feature.IDENTITY_PROTECTION: P,
        Feature.VIDEO_TESTIMONY: P,
        Feature.COMPENSATION: Y,
        Feature.RECOVERY_SERVICES: P,
    },
    "NGA": {
        Feature.PHYSICAL_PROTECTION: P,
        Feature.IDENTITY_PROTECTION: P,
        Feature.COMPENSATION: P,
        Feature.RESIDENCE_STATUS: N,
        Feature.RECOVERY_SERVICES: Y,
        Feature.SAFE_RETURN: Y,
    },
}


def load(actor: Any) -> str:
    states = {s.iso3: s for s in State.objects.filter(iso3__in=["KEN", "MEX", "FRA", "COL", "NGA"])}
    texts = 0
    by_state: dict[str, Any] = {}
    for spec in TEXTS:
        state = states.get(spec["state"])
        if state is None:
            continue
        args = {k: v for k, v in spec.items() if k not in {"state", "file"}}
        report = services.import_law(
            actor=actor,
            state=state,
            data=(DATA / spec["file"]).read_bytes(),
            filename=spec["file"],
            classification=Classification.PUBLIC,
            is_demo=True,
            **args,
        )
        by_state[spec["state"]] = report.legal_text
        texts += 1
    mappings = 0
    for iso3, eid, key, compliance, classification, note in MAPPINGS:
        legal_text = by_state.get(iso3)
        if legal_text is None:
            continue
        legal_provision = LegalProvision.objects.get(legal_text=legal_text, eid=eid)
        paragraph = ProvisionParagraph.objects.select_related("provision").get(key=key)
        exists = ProvisionMapping.objects.filter(
            legal_provision=legal_provision, paragraph=paragraph
        ).exists()
        if not exists:
            services.mapping_create(
                actor=actor,
                state=legal_text.state,
                convention_provision=paragraph.provision,
                paragraph=paragraph,
                legal_provision=legal_provision,
                compliance=compliance,
                classification=classification,
                de_jure_notes=note,
                evidence=legal_text.source_url,
                assessor_name="tact demo",
                assessed_on=dt.date(2026, 3, 1),
                is_demo=True,
            )
        mappings += 1
    # Kenya has no residence-status provision for trafficking victims: an explicit "none".
    kenya = states.get("KEN")
    if kenya is not None:
        art7 = Provision.objects.get(key="tip/art_7")
        para = ProvisionParagraph.objects.get(key="tip/art_7/para_1")
        if not ProvisionMapping.objects.filter(state=kenya, paragraph=para).exists():
            services.mapping_create(
                actor=actor,
                state=kenya,
                convention_provision=art7,
                paragraph=para,
                compliance=Compliance.NONE,
                classification=Classification.PUBLIC,
                de_jure_notes="No residence permit for victims of trafficking in the demo texts.",
                assessor_name="tact demo",
                assessed_on=dt.date(2026, 3, 1),
                is_demo=True,
            )
        mappings += 1
    features = 0
    for iso3, values in FEATURES.items():
        state = states.get(iso3)
        if state is None:
            continue
        for feature, value in values.items():
            services.feature_set(
                actor=actor,
                state=state,
                feature=str(feature),
                value=value,
                source="tact demo data",
                classification=Classification.PUBLIC,
                is_demo=True,
            )
            features += 1
    return f"{texts} demo laws, {mappings} assessments, {features} protection features"
