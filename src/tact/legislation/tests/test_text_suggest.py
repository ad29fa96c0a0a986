"""Ranking national provisions for a Convention provision, across languages."""

from __future__ import annotations

from tact.legislation.text.concepts import CONCEPTS, concept_by_id
from tact.legislation.text.references import cited_numbers, reference_context
from tact.legislation.text.splitter import split_law
from tact.legislation.text.suggest import (
    Candidate,
    CandidateIndex,
    ConventionText,
    background_idf,
    concept_profile,
    match_concepts,
    rank_provisions,
)
from tact.search.analysis import analyse

LAUNDERING = ConventionText(
    instrument="UNTOC",
    article="6",
    title="Criminalization of the laundering of proceeds of crime",
    text="The conversion or transfer of property, knowing that such property is the proceeds "
    "of crime, for the purpose of concealing or disguising the illicit origin of the "
    "property.",
)
WITNESSES = ConventionText(
    instrument="UNTOC",
    article="24",
    title="Protection of witnesses",
    text="Establishing procedures for the physical protection of witnesses, such as "
    "relocating them and permitting non-disclosure of information concerning their "
    "identity and whereabouts.",
)

FRENCH = [
    Candidate(
        "fr#art_324-1",
        "Le blanchiment est le fait de faciliter, par tout moyen, la "
        "justification mensongère de l'origine des biens ou des revenus de l'auteur d'un "
        "crime ou d'un délit.",
        "fr",
    ),
    Candidate(
        "fr#art_706-58",
        "Lorsque l'audition d'un témoin est susceptible de mettre "
        "gravement en danger sa vie, son identité n'apparaît pas dans le dossier.",
        "fr",
    ),
    Candidate(
        "fr#art_450-1",
        "Constitue une association de malfaiteurs tout groupement formé "
        "en vue de la préparation d'un ou plusieurs crimes.",
        "fr",
    ),
]
SPANISH = [
    Candidate(
        "es#art_30",
        "(Conversión y transferencia).- El que convierta o transfiera "
        "bienes, productos o instrumentos que procedan de actividades delictivas.",
        "es",
        heading="Conversión y transferencia",
    ),
    Candidate(
        "es#art_65",
        "Medidas de protección de testigos: reubicación, reserva de "
        "identidad y cambio de domicilio.",
        "es",
    ),
    Candidate(
        "es#art_77",
        "Quien facilitare de manera ilegal el ingreso de personas al territorio nacional.",
        "es",
    ),
]


def test_lexicon_is_complete_and_well_formed() -> None:
    ids = [c.id for c in CONCEPTS]
    assert len(ids) == len(set(ids))
    assert len(CONCEPTS) > 100
    for concept in CONCEPTS:
        for lang in ("en", "fr", "es", "ru", "ar"):
            terms = concept.terms.get(lang, ())
            assert terms, f"{concept.id} has no {lang} term"
            assert any(analyse(term, lang) for term in terms), (concept.id, lang)
    assert concept_by_id("laundering").label.startswith("Laundering")


def test_concepts_bridge_languages() -> None:
    for text, lang in (
        ("money laundering", "en"),
        ("le blanchiment", "fr"),
        ("lavado de activos", "es"),
        ("отмывание денежных средств", "ru"),
        ("غسل الأموال", "ar"),
    ):
        assert "laundering" in concept_profile(text, lang), (text, lang)
    assert "organized_criminal_group" in concept_profile("association de malfaiteurs", "fr")
    assert "organized_criminal_group" in concept_profile("asociación ilícita", "es")
    assert "trafficking_in_persons" in concept_profile("торговля людьми", "ru")
    assert "witness" in concept_profile("testigos", "es")


def test_multiword_terms_allow_small_gaps_only() -> None:
    stems = analyse("tráfico ilícito de migrantes", "es")
    assert match_concepts(stems, "es")["migrant_smuggling"] == 1
    far = analyse("tráfico de armas, drogas, órganos, personas y otros migrantes", "es")
    assert match_concepts(far, "es")["migrant_smuggling"] == 0
    # One occurrence, not one per overlapping term of the same concept.
    once = analyse("an organized criminal group", "en")
    assert match_concepts(once, "en")["organized_criminal_group"] == 1


def test_rank_french_candidates_for_english_query() -> None:
    ranking = rank_provisions(LAUNDERING, FRENCH, k=3)
    assert ranking[0].candidate_id == "fr#art_324-1"
    assert "laundering" in ranking[0].matched_concepts
    witness = rank_provisions(WITNESSES, FRENCH, k=3)
    assert witness[0].candidate_id == "fr#art_706-58"
    assert {"witness", "identity_protection"} <= set(witness[0].matched_concepts)


def test_rank_spanish_candidates_and_index_reuse() -> None:
    index = CandidateIndex(SPANISH)
    assert index.rank(LAUNDERING, k=1)[0].candidate_id == "es#art_30"
    assert index.rank(WITNESSES, k=1)[0].candidate_id == "es#art_65"
    smuggling = ConventionText(
        "Smuggling Protocol",
        "6",
        "Criminalization",
        "The smuggling of migrants; enabling illegal entry.",
    )
    assert index.rank(smuggling, k=1)[0].candidate_id == "es#art_77"


def test_rank_is_deterministic_and_limited() -> None:
    first = rank_provisions(LAUNDERING, FRENCH + SPANISH, k=2)
    second = rank_provisions(LAUNDERING, FRENCH + SPANISH, k=2)
    assert first == second
    assert len(first) == 2
    assert rank_provisions(LAUNDERING, [], k=5) == []
    assert all(s.score > 0 for s in first)


def test_background_idf_downweights_common_terms() -> None:
    texts = [
        WITNESSES,
        LAUNDERING,
        ConventionText(
            "UNTOC",
            "25",
            "Assistance to and protection of victims",
            "Protection of victims, in particular in cases of threat.",
        ),
    ]
    idf = background_idf(texts)
    assert idf["c:protection_measures"] < idf["c:laundering"]
    ranking = rank_provisions(WITNESSES, FRENCH, k=1, query_idf=idf)
    assert ranking[0].candidate_id == "fr#art_706-58"


def test_cross_references_resolved_conservatively() -> None:
    assert cited_numbers("aux articles 225-4-1 à 225-4-6 et 225-5 du code", "fr") == [
        "225-4-1",
        "225-4-6",
        "225-5",
    ]
    assert cited_numbers("in violation of section 1589, 1590, or 1591", "en") == [
        "1589",
        "1590",
        "1591",
    ]
    penal = split_law(
        "Section 1 bis : De la traite des êtres humains\n\nArticle 225-4-1\n"
        "La traite est le fait de recruter.\n",
        "fr",
    )
    ceseda = split_law(
        "Article L316-1\nUne carte de séjour est délivrée à l'étranger "
        "victime des infractions visées aux articles 225-4-1 du code pénal.\n"
        "\nArticle L316-2\nVoir l'article 34.\n",
        "fr",
    )
    other = split_law("Article 34\nSans rapport.\n", "fr")
    context = reference_context(
        {"penal": penal, "ceseda": ceseda, "other": other},
        {"penal": "fr", "ceseda": "fr", "other": "fr"},
    )
    assert "De la traite" in context[("ceseda", "art_L316-1")]
    # A plain number in another file is ambiguous and stays unresolved.
    assert ("ceseda", "art_L316-2") not in context
