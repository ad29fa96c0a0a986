"""Recommendation reports: UPR working-group reports, thematic tables, concluding observations.

These are how recommendation-tracking systems are fed, and they do not have the shape
of a resolution: a UPR report lists hundreds of recommendations as ``119.1``,
``119.2`` ... under one paragraph, each ending with the recommending State(s) in
parentheses, and says in a lead paragraph whether the State under review supported or
noted them; a thematic list is a table; treaty-body concluding observations number
their paragraphs and put lettered recommendations under "The Committee recommends that
the State party:". Each recommendation becomes one :class:`Node` with its number as
code, its source(s), its position and, on the document, the State addressed.
"""

from __future__ import annotations

import re
from typing import Final

from tact.resolutions.parsing.concluding import (
    committee_name,
    normalise_labels,
    observations_title,
    state_under_review,
)
from tact.resolutions.parsing.language import detect_language
from tact.resolutions.parsing.model import Node, ParsedResolution
from tact.resolutions.parsing.table_headers import header_roles
from tact.resolutions.parsing.text import (
    Source,
    clean_inline,
    mark_calls,
    read_source,
    split_markers,
    strip_markers,
)
from tact.resolutions.parsing.themes import suggest_articles, suggest_themes
from tact.resolutions.parsing.treaty_bodies import find_symbol
from tact.resolutions.parsing.verbs import analyse

_UPR_LABEL: Final = re.compile(r"(?m)^[ \t]*(\d{2,3}\.\d{1,3})\.?(?=\s)")
_PARAGRAPH: Final = re.compile(r"^\s*(?:\d{1,3}\.\s|[IVX]{1,5}\.\s|annex|annexe|anexo|приложение)")

#: Phrases of a lead paragraph or table cell giving the position, most specific first.
POSITION_PHRASES: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    (
        "partially_supported",
        ("partially", "partly", "partiellement", "parcialmente", "частично", "جزئي", "部分"),
    ),
    (
        "pending",
        (
            "will be examined",
            "will provide responses",
            "seront examinées",
            "serán examinadas",
            "будут рассмотрены",
            "ستدرس",
            "将审查",
        ),
    ),
    (
        "noted",
        (
            "noted",
            "take note",
            "taken note",
            "prend note",
            "pris note",
            "notées",
            "toma nota",
            "tomado nota",
            "к сведению",
            "أحاطت علم",
            "تحيط علم",
            "注意到",
        ),
    ),
    (
        "supported",
        (
            "support",
            "accepted",
            "soutien",
            "adhésion",
            "acceptée",
            "apoyo",
            "aceptad",
            "поддерж",
            "تأييد",
            "تحظى",
            "支持",
            "接受",
        ),
    ),
)

_REVIEW_TITLE: Final = re.compile(
    r"(?:universal periodic review|examen périodique universel|examen periódico universal|"
    r"универсальному периодическому обзору|الاستعراض الدوري الشامل|普遍定期审议)",
    re.IGNORECASE,
)
_EXAMINED_BY: Final = re.compile(
    r"(?:support of|supported by|examined by|noted by|the support of|soutien d[eu]|"
    r"examinées par|apoyo de|examinadas por)\s+(?:the\s+|la\s+|le\s+|el\s+)?"
    r"([A-ZÀ-Ý][\w’'().\- ]{2,60}?)(?=[,:;.\n]|$|\s+(?:which|qui|que|and|et|y)\b)",
)
_CO_TITLE: Final = re.compile(
    r"(?:concluding observations|observations finales|observaciones finales|"
    r"заключительные замечания|الملاحظات الختامية|结论性意见|结论意见)",
    re.IGNORECASE,
)
_CO_RECOMMENDS: Final = re.compile(
    r"\b(?:recommends|urges|calls upon|encourages|recommande|engage|exhorte|demande|"
    r"recomienda|insta|alienta|pide|рекомендует|призывает|و?توصي|و?تحث|و?تشجع)\b"
    # Chinese has no word boundaries: the committee's verb follows "委员会" directly.
    r"|委员会(?:还|并|再次)?(?:建议|敦促|促请|鼓励|呼吁)",
    re.IGNORECASE,
)


def detect_report(markdown: str) -> str | None:
    """``"upr"``, ``"table"``, ``"concluding"`` or None for an ordinary resolution."""
    if len(_UPR_LABEL.findall(markdown)) >= 3:
        return "upr"
    if _table_rows(markdown)[0]:
        return "table"
    if _CO_TITLE.search(markdown[:3000]) and _CO_RECOMMENDS.search(markdown):
        return "concluding"
    return None


def parse_report(markdown: str, kind: str, *, language: str | None = None) -> ParsedResolution:
    """Parse a recommendation report of ``kind`` (see :func:`detect_report`)."""
    source = read_source(markdown)
    lang = language or detect_language(strip_markers(markdown))
    report = ParsedResolution(
        title="", body="", language=lang, doc_type="report", footnotes=source.footnotes
    )
    header = [strip_markers(unit.text).strip().rstrip("*") for unit in source.units[:20]]
    titled = [line for line in header if re.search(r"(?i)report|rapport|informe|lista|list", line)]
    report.title = next(
        iter(titled or [line for line in header if len(line) > 12 and "/" not in line]), ""
    )
    report.title = _short_title(report.title)
    if kind == "upr":
        _read_upr(markdown, source, report)
    elif kind == "table":
        _read_table(markdown, report)
    else:
        _read_concluding(read_source(normalise_labels(markdown)), report)
    return report


# --------------------------------------------------------------------------------------
# UPR working-group reports
# --------------------------------------------------------------------------------------
def _read_upr(markdown: str, source: Source, report: ParsedResolution) -> None:
    """Every ``NNN.n`` recommendation, with the position of the lead paragraph above it."""
    report.body = "Working Group on the Universal Periodic Review"
    report.addressee = _upr_state(source)
    # Footnote definitions are out of the stream already; work on the kept text.
    kept = "\n".join(source.lines)
    matches = list(_UPR_LABEL.finditer(kept))
    position = ""
    previous_end = 0
    for index, match in enumerate(matches):
        # The lead paragraph or heading closest above the label gives the position.
        position = _position_in(kept[previous_end : match.start()][-400:]) or position
        end = matches[index + 1].start() if index + 1 < len(matches) else len(kept)
        chunk = kept[match.end() : end]
        text_part, tail = _split_tail(chunk)
        previous_end = end - len(tail)
        node = _node(
            match.group(1),
            clean_inline(_join(text_part)),
            report.language,
            kind="paragraph",
            footnote_ids=frozenset(report.footnotes),
        )
        node.position = position
        report.operative.append(node)
    if not report.addressee:
        found = _EXAMINED_BY.search(kept)
        report.addressee = found.group(1).strip() if found else ""
    if report.addressee and report.addressee not in report.title:
        report.title = f"{report.title}: {report.addressee}".strip(": ")


def _short_title(header: str) -> str:
    """The report's own title inside a PDF header that lost its line breaks."""
    start = re.search(
        r"(?i)\b(?:report|rapport|informe|доклад|concluding|observations|observaciones)\b", header
    )
    text = header[start.start() :] if start else header
    end = _REVIEW_TITLE.search(text)
    if end:
        return text[: end.end()]
    return text if len(text) <= 200 else text[:200].rsplit(" ", 1)[0]


def _upr_state(source: Source) -> str:
    """The line after "Report of the Working Group on the Universal Periodic Review"."""
    units = [strip_markers(unit.text).strip().rstrip("*").strip() for unit in source.units]
    for index, text in enumerate(units[:30]):
        if _REVIEW_TITLE.search(text) and index + 1 < len(units):
            candidate = units[index + 1]
            if (
                2 < len(candidate) <= 60
                and not candidate.endswith(".")
                and not _REVIEW_TITLE.search(candidate)
            ):
                return candidate
    return ""


def _split_tail(chunk: str) -> tuple[str, str]:
    """Separate a recommendation from the next lead paragraph or heading after it."""
    lines = chunk.split("\n")
    for index, line in enumerate(lines):
        if index and _PARAGRAPH.match(line) and not _UPR_LABEL.match(line):
            return "\n".join(lines[:index]), "\n".join(lines[index:])
    return chunk, ""


def _position_in(text: str) -> str:
    """Position announced by a lead paragraph, heading or table cell ('' if none)."""
    lowered = text.lower()
    for position, phrases in POSITION_PHRASES:
        if any(phrase in lowered for phrase in phrases):
            return position
    return ""


def _join(text: str) -> str:
    """Re-flow PDF lines into one paragraph."""
    return re.sub(r"\s+", " ", text).strip()


_FULL_WIDTH = str.maketrans({"（": "(", "）": ")", "；": ";", "。": ".", "，": ",", "؛": ";"})


def split_sources(text: str) -> tuple[str, list[str]]:
    """Strip trailing ``(State) (State, State)`` groups: (text, recommending States).

    Parentheses are matched, so "(Bolivia (Plurinational State of))" is one State.
    """
    # Chinese documents use full-width parentheses and punctuation.
    body = text.translate(_FULL_WIDTH).rstrip().rstrip(";.,").rstrip()
    sources: list[str] = []
    while body.endswith(")"):
        depth = 0
        start = -1
        for index in range(len(body) - 1, -1, -1):
            char = body[index]
            depth += char == ")"
            depth -= char == "("
            if depth == 0:
                start = index
                break
        if start <= 0:
            break
        inner = body[start + 1 : -1].strip()
        # A State name starts with a capital; scripts without case (Arabic, Chinese) pass.
        if not inner or (inner[0].isalpha() and inner[0].islower()) or len(inner) > 400:
            break
        sources = _split_names(inner) + sources
        body = body[:start].rstrip()
    return body, sources


def _split_names(inner: str) -> list[str]:
    """ "Chile, Costa Rica and Peru" -> three names; commas inside parentheses kept."""
    names: list[str] = []
    depth = 0
    current = ""
    for char in inner:
        depth += char == "("
        depth -= char == ")"
        if char in ",;،、" and depth == 0:
            names.append(current)
            current = ""
        else:
            current += char
    names.append(current)
    out: list[str] = []
    for name in names:
        out.extend(re.split(r"\s+(?:and|et|y|и|و)\s+(?![^()]*\))", name))
    return [name.strip() for name in out if name.strip()]


def _node(
    code: str, raw: str, language: str, *, kind: str, footnote_ids: frozenset[str] = frozenset()
) -> Node:
    """A recommendation node with sources split off and verbs, themes, articles read."""
    text, ids, offsets = split_markers(mark_calls(raw, footnote_ids))
    body, sources = split_sources(text)
    analysis = analyse(body, language)
    return Node(
        code=code,
        kind=kind,  # type: ignore[arg-type]
        label=code,
        source_label=code,
        text=text.strip(),
        verb=analysis.verb,
        action=analysis.action,
        verbs=analysis.verbs,
        actions=analysis.actions,
        addressees=["states"],
        footnotes=ids,
        footnote_offsets=offsets,
        themes=suggest_themes(body, language),
        articles=suggest_articles(body, language),
        sources=sources,
    )


# --------------------------------------------------------------------------------------
# Thematic tables
# --------------------------------------------------------------------------------------
def _cells(line: str) -> list[str]:
    stripped = line.strip()
    if "\t" in stripped:
        return [cell.strip() for cell in stripped.split("\t")]
    if stripped.startswith("|"):
        return [cell.strip() for cell in stripped.strip("|").split("|")]
    return []


def _table_rows(markdown: str) -> tuple[dict[str, int], list[list[str]]]:
    """Column roles and data rows of the first recommendation table ({} if none)."""
    lines = [line for line in markdown.splitlines() if line.strip()]
    for index, line in enumerate(lines):
        cells = _cells(line)
        if len(cells) < 2:
            continue
        roles = header_roles(cells)
        if "text" in roles and ({"source", "position"} & set(roles)):
            rows = []
            for row_line in lines[index + 1 :]:
                row = _cells(row_line)
                if not row:
                    break
                if all(re.fullmatch(r":?-{2,}:?", cell) for cell in row if cell):
                    continue
                rows.append(row)
            return roles, rows
    return {}, []


def _read_table(markdown: str, report: ParsedResolution) -> None:
    """One record per row; the position column is read in any of the six languages."""
    roles, rows = _table_rows(markdown)
    title = re.split(r"\s[—–-]\s|:\s", report.title)
    if len(title) > 1:
        report.addressee = re.sub(r"\(.*?\)", "", title[-1]).strip()
    for index, row in enumerate(rows, start=1):

        def cell(role: str, row: list[str] = row) -> str:
            column = roles.get(role)
            return row[column].strip() if column is not None and column < len(row) else ""

        code = cell("number").rstrip(".") or str(index)
        node = _node(code, clean_inline(cell("text")), report.language, kind="paragraph")
        if cell("source"):
            node.sources = _split_names(cell("source"))
        node.position = _position_in(cell("position"))
        themes = [theme.strip() for theme in re.split(r"[;,\n]", cell("themes")) if theme.strip()]
        node.source_themes = themes
        report.operative.append(node)


# --------------------------------------------------------------------------------------
# Treaty-body concluding observations
# --------------------------------------------------------------------------------------
def _read_concluding(source: Source, report: ParsedResolution) -> None:
    """Numbered paragraphs that recommend, with their lettered sub-recommendations."""
    head = [strip_markers(unit.text) for unit in source.units[:20]]
    report.body = committee_name(head)
    report.addressee = state_under_review(head)
    report.title = _short_title(observations_title(head)) or report.title
    report.symbol = report.symbol or find_symbol("\n".join(head))
    current: Node | None = None
    for unit in source.units:
        text = unit.text
        if unit.label.isdigit():
            current = None
            if _CO_RECOMMENDS.search(strip_markers(text)):
                current = _node(unit.label, text, report.language, kind="paragraph")
                current.sources = [report.body] if report.body else []
                report.operative.append(current)
        elif unit.label and current is not None:
            child = _node(f"{current.code}.{unit.label}", text, report.language, kind="item")
            child.label = unit.label
            child.source_label = unit.label
            child.sources = list(current.sources)
            current.children.append(child)
        elif current is not None and _is_heading(strip_markers(text)):
            current = None
        elif current is not None and not unit.heading and not unit.bold:
            if current.children:
                current.children[-1].text += "\n" + strip_markers(text)
            else:
                current.text += "\n" + strip_markers(text)


def _is_heading(text: str) -> bool:
    """A short line without final punctuation: a section heading in a PDF copy."""
    stripped = text.strip()
    return len(stripped) <= 80 and not stripped.endswith((".", ";", ":", ",", "；", "。"))
