"""A small multilingual corpus for the search tests (built with the ORM; the index follows by
signals)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tact.catalog.models import Provision
from tact.core.models import Classification
from tact.directory.models import State
from tact.legislation.models import LegalProvision, LegalText, ProvisionMapping


@dataclass
class Corpus:
    ken_act: LegalText
    ken_witness: LegalProvision
    ken_victim: LegalProvision
    rus_code: LegalText
    rus_witness: LegalProvision
    rus_victim: LegalProvision
    fra_code: LegalText
    fra_witness: LegalProvision
    mex_law: LegalText
    mex_witness: LegalProvision
    ken_draft: LegalText
    ken_draft_provision: LegalProvision
    confidential_mapping: ProvisionMapping


def _text(
    state: State,
    title: str,
    language: str,
    year: int,
    classification: str = Classification.PUBLIC,
) -> LegalText:
    key = f"{state.iso3}/{title}/{language}"
    return LegalText.objects.create(
        state=state,
        title=title,
        language=language,
        adopted_on=dt.date(year, 6, 1),
        work_key=key,
        expression_key=key,
        classification=classification,
        owner_state=state,
    )


def _provision(text: LegalText, eid: str, label: str, heading: str, body: str) -> LegalProvision:
    order = text.provisions.count() + 1
    return LegalProvision.objects.create(
        legal_text=text, eid=eid, label=label, heading=heading, body=body, order=order
    )


def _map(provision: LegalProvision, key: str, classification: str = Classification.PUBLIC) -> Any:
    state = provision.legal_text.state
    return ProvisionMapping.objects.create(
        state=state,
        legal_provision=provision,
        convention_provision=Provision.objects.get(key=key),
        compliance="partial",
        classification=classification,
        owner_state=state,
    )


def build_corpus() -> Corpus:
    ken = State.objects.get(iso3="KEN")
    rus = State.objects.get(iso3="RUS")
    fra = State.objects.get(iso3="FRA")
    mex = State.objects.get(iso3="MEX")

    ken_act = _text(ken, "Witness Protection Act", "en", 2006)
    ken_witness = _provision(
        ken_act,
        "sec_3",
        "Section 3",
        "Witness protection programme",
        "The Agency shall protect a witness who gives evidence in criminal proceedings "
        "and may relocate the witness and close relatives.",
    )
    ken_victim = _provision(
        ken_act,
        "sec_9",
        "Section 9",
        "Victims of trafficking",
        "Victims of trafficking in persons shall receive assistance and protection, "
        "including temporary residence.",
    )
    rus_code = _text(rus, "Уголовно-процессуальный кодекс", "ru", 2001)
    rus_witness = _provision(
        rus_code,
        "art_11",
        "Статья 11",
        "Меры безопасности",
        "Суд принимает меры безопасности в отношении свидетеля, его близких родственников "
        "и иных лиц, участвующих в уголовном деле.",
    )
    rus_victim = _provision(
        rus_code,
        "art_42",
        "Статья 42",
        "Потерпевший",
        "Потерпевшим является физическое лицо, которому преступлением причинен вред.",
    )
    fra_code = _text(fra, "Code de procédure pénale", "fr", 1958)
    fra_witness = _provision(
        fra_code,
        "art_706_57",
        "Article 706-57",
        "De la protection des témoins",
        "Les personnes à l'encontre desquelles il n'existe aucune raison plausible de "
        "soupçonner qu'elles ont commis une infraction peuvent déclarer comme domicile "
        "l'adresse du commissariat; ces témoins sont protégés.",
    )
    mex_law = _text(mex, "Ley Federal de Protección a Testigos", "es", 2012)
    mex_witness = _provision(
        mex_law,
        "art_1",
        "Artículo 1",
        "Objeto",
        "La presente ley tiene por objeto proteger al testigo y a las personas que "
        "intervienen en el procedimiento penal.",
    )
    ken_draft = _text(
        ken, "Witness Protection (Amendment) Bill", "en", 2024, Classification.RESTRICTED
    )
    ken_draft_provision = _provision(
        ken_draft,
        "sec_2",
        "Section 2",
        "Anonymous testimony",
        "A protected witness may testify anonymously by video link.",
    )
    _map(ken_witness, "untoc/art_24")
    _map(rus_witness, "untoc/art_24")
    _map(fra_witness, "untoc/art_24")
    _map(ken_victim, "tip/art_6")
    confidential = _map(ken_witness, "untoc/art_25", Classification.CONFIDENTIAL)
    return Corpus(
        ken_act,
        ken_witness,
        ken_victim,
        rus_code,
        rus_witness,
        rus_victim,
        fra_code,
        fra_witness,
        mex_law,
        mex_witness,
        ken_draft,
        ken_draft_provision,
        confidential,
    )
