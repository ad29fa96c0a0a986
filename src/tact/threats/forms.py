"""Forms of the threat-assessment pages, including the method-template editor (attributes,
weights, scales, combination rule and cell table as ordinary form rows, no code)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tact.assistance.models import Need
from tact.core.models import Classification
from tact.directory.models import Organisation, Region, State
from tact.threats import grading, methods
from tact.threats.models import Assessment, Subject, TemplateVersion


def _lines(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", "\n").splitlines() if part.strip()]


class AssessmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    owner_state = forms.ModelChoiceField(
        label=_("Owner state"), queryset=State.objects.none(), required=False
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Owner organisation"), queryset=Organisation.objects.none(), required=False
    )
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), required=False
    )
    period_start = forms.DateField(label=_("Period from"), widget=forms.DateInput({"type": "date"}))
    period_end = forms.DateField(label=_("Period to"), widget=forms.DateInput({"type": "date"}))
    scope = forms.MultipleChoiceField(
        label=_("Scope"),
        choices=Assessment.ScopeItem.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    scope_note = forms.CharField(
        label=_("Scope note"), widget=forms.Textarea({"rows": 3}), required=False
    )
    template_version = forms.ModelChoiceField(
        label=_("Method"), queryset=TemplateVersion.objects.none()
    )
    authors = forms.CharField(label=_("Authors"), max_length=300, required=False)
    classification = forms.ChoiceField(
        label=_("Classification"),
        choices=[
            (Classification.CONFIDENTIAL, Classification.CONFIDENTIAL.label),
            (Classification.RESTRICTED, Classification.RESTRICTED.label),
        ],
        initial=Classification.CONFIDENTIAL,
    )
    status = forms.ChoiceField(label=_("Status"), choices=Assessment.Status.choices)
    previous = forms.ModelChoiceField(
        label=_("Updates the assessment"), queryset=Assessment.objects.none(), required=False
    )

    def __init__(
        self,
        *args: Any,
        states: Any,
        organisations: Any,
        versions: Any,
        previous: Any,
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["owner_state"].queryset = states
        fields["owner_organisation"].queryset = organisations
        fields["template_version"].queryset = versions
        fields["previous"].queryset = previous
        if editing:
            # The method of an assessment never changes: its ratings belong to that version.
            del self.fields["template_version"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("owner_state") and not data.get("owner_organisation"):
            raise forms.ValidationError(_("Name the owner: a state or an organisation."))
        return data


class SubjectForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Subject.Kind.choices)
    pseudonym = forms.CharField(
        label=_("Pseudonym"),
        max_length=60,
        help_text=_("A code name, never a person's or a group's real name."),
    )
    themes = forms.CharField(
        label=_("Crime themes"), required=False, help_text=_("Separate with ;")
    )
    routes = forms.CharField(label=_("Routes"), required=False, help_text=_("Separate with ;"))
    commodities = forms.CharField(
        label=_("Commodities"), required=False, help_text=_("Separate with ;")
    )

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "pseudonym": data["pseudonym"],
            "themes": _lines(data["themes"]),
            "routes": _lines(data["routes"]),
            "commodities": _lines(data["commodities"]),
        }


class EvidenceForm(forms.Form):
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea({"rows": 3}))
    reference = forms.CharField(label=_("Reference"), max_length=200, required=False)
    scheme = forms.ChoiceField(label=_("Grading scheme"), choices=grading.SCHEME_CHOICES)
    source_grade = forms.CharField(label=_("Source grade"), max_length=2)
    information_grade = forms.CharField(label=_("Information grade"), max_length=2)
    handling_code = forms.CharField(label=_("Handling code"), max_length=2, required=False)
    obtained_on = forms.DateField(
        label=_("Obtained on"), required=False, widget=forms.DateInput({"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for key in ("source_grade", "information_grade", "handling_code"):
            data[key] = (data.get(key) or "").strip().upper()
        if "scheme" in data:
            for problem in grading.problems(
                data["scheme"],
                data["source_grade"],
                data["information_grade"],
                data["handling_code"],
            ):
                self.add_error(None, problem)
        return data


class FindingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    sanitised_summary = forms.CharField(
        label=_("Sanitised summary"),
        widget=forms.Textarea({"rows": 4}),
        help_text=_(
            "Written for readers outside the assessment: no pseudonyms, ratings or sources."
        ),
    )


class NeedForm(forms.Form):
    priority = forms.ChoiceField(label=_("Priority"), choices=Need.Priority.choices)
    classification = forms.ChoiceField(
        label=_("Classification of the need"),
        choices=[
            (Classification.RESTRICTED, Classification.RESTRICTED.label),
            (Classification.PUBLIC, Classification.PUBLIC.label),
        ],
    )


class PublishForm(forms.Form):
    classification = forms.ChoiceField(
        label=_("Who may read the published summary"),
        choices=[
            (Classification.PUBLIC, _("Everyone (public)")),
            (Classification.RESTRICTED, _("The secretariat and evaluators (restricted)")),
        ],
    )


class ImportForm(forms.Form):
    sheet = forms.FileField(label=_("Rating sheet (Excel)"))


# ---------------------------------------------------------------- method templates


class TemplateForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=60)
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea({"rows": 2}), required=False
    )
    rule = forms.ChoiceField(
        label=_("Combination rule"),
        choices=[
            ("weighted_sum", _("Weighted sum with ranges and rank order")),
            ("profile", _("Profile (no formula)")),
            ("lookup", _("Likelihood x impact cell table")),
        ],
    )
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["key"]


class LevelForm(forms.Form):
    scale = forms.SlugField(label=_("Scale"), max_length=40)
    code = forms.CharField(label=_("Code"), max_length=40)
    label = forms.CharField(label=_("Label"), max_length=80)
    value = forms.DecimalField(label=_("Value"), max_digits=8, decimal_places=2)
    low = forms.DecimalField(label=_("From"), max_digits=8, decimal_places=2, required=False)
    high = forms.DecimalField(label=_("To"), max_digits=8, decimal_places=2, required=False)
    unknown = forms.BooleanField(label=_("Unknown"), required=False)
    lower_pct = forms.IntegerField(
        label=_("Probability from %"), required=False, min_value=0, max_value=100
    )
    upper_pct = forms.IntegerField(
        label=_("Probability to %"), required=False, min_value=0, max_value=100
    )


class AttributeForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=80)
    name = forms.CharField(label=_("Name"), max_length=120)
    weight = forms.DecimalField(
        label=_("Weight"), max_digits=8, decimal_places=2, min_value=Decimal(0)
    )
    scale = forms.SlugField(label=_("Scale"), max_length=40)
    applies_to = forms.ChoiceField(
        label=_("Applies to"),
        choices=[("group", _("Groups")), ("market", _("Markets")), ("both", _("Both"))],
    )
    definition = forms.CharField(label=_("Definition"), max_length=500, required=False)


class BandForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    label = forms.CharField(label=_("Label"), max_length=80)
    colour = forms.RegexField(label=_("Colour"), regex=r"^#[0-9a-fA-F]{6}$", initial="#dddddd")


LevelFormSet = forms.formset_factory(LevelForm, extra=2, can_delete=True)
AttributeFormSet = forms.formset_factory(AttributeForm, extra=3, can_delete=True)
BandFormSet = forms.formset_factory(BandForm, extra=1, can_delete=True)


def initial_from(definition: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Formset rows from a stored definition (to edit it, or to start a new one from it)."""
    levels = [
        {
            "scale": name,
            "code": lv["code"],
            "label": lv.get("label", lv["code"]),
            "value": lv.get("value", 0),
            "low": lv.get("min"),
            "high": lv.get("max"),
            "unknown": lv.get("unknown", False),
            "lower_pct": lv.get("lower_pct"),
            "upper_pct": lv.get("upper_pct"),
        }
        for name, entries in definition.get("scales", {}).items()
        for lv in entries
    ]
    attributes = [
        dict(a, definition=a.get("definition", "")) for a in definition.get("attributes", [])
    ]
    bands = list((definition.get("matrix") or {}).get("bands", []))
    return {"levels": levels, "attributes": attributes, "bands": bands}


def _live(formset: Any) -> list[dict[str, Any]]:
    return [
        f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def definition_from(
    rule: str,
    levels: Any,
    attributes: Any,
    bands: Any,
    cells: dict[tuple[int, int], str],
    axes: tuple[str, str] = ("likelihood", "impact"),
) -> dict[str, Any]:
    """The JSON definition from the editor's (valid) formsets and cell choices."""
    scales: dict[str, list[dict[str, Any]]] = {}
    for row in _live(levels):
        entry: dict[str, Any] = {
            "code": row["code"],
            "label": row["label"],
            "value": _number(row["value"]),
        }
        if row.get("low") is not None:
            entry["min"] = _number(row["low"])
        if row.get("high") is not None:
            entry["max"] = _number(row["high"])
        if row.get("unknown"):
            entry["unknown"] = True
        for key in ("lower_pct", "upper_pct"):
            if row.get(key) is not None:
                entry[key] = row[key]
        scales.setdefault(row["scale"], []).append(entry)
    attrs = [
        {
            "code": row["code"],
            "name": row["name"],
            "weight": _number(row["weight"]),
            "scale": row["scale"],
            "applies_to": row["applies_to"],
            "definition": row.get("definition", ""),
        }
        for row in _live(attributes)
    ]
    definition: dict[str, Any] = {"rule": rule, "scales": scales, "attributes": attrs}
    if rule == "lookup":
        band_rows = [
            {"code": b["code"], "label": b["label"], "colour": b["colour"]} for b in _live(bands)
        ]
        scale_of = {a["code"]: a["scale"] for a in attrs}
        rows = len(scales.get(scale_of.get(axes[0], ""), []))
        cols = len(scales.get(scale_of.get(axes[1], ""), []))
        first = band_rows[0]["code"] if band_rows else ""
        definition["matrix"] = {
            "likelihood": axes[0],
            "impact": axes[1],
            "bands": band_rows,
            "cells": [[cells.get((r, c), first) for c in range(cols)] for r in range(rows)],
        }
    return definition


def cell_choices(definition: methods.Definition) -> list[dict[str, Any]]:
    """The cell table as rows of (likelihood level, [(impact level, band code)])."""
    matrix = definition.matrix
    if matrix is None:
        return []
    likelihood = definition.attribute(matrix.likelihood)
    impact = definition.attribute(matrix.impact)
    if likelihood is None or impact is None:
        return []
    return [
        {
            "index": li,
            "level": level,
            "cells": [
                {"index": ii, "level": other, "band": matrix.cells[li][ii]}
                for ii, other in enumerate(definition.levels(impact))
            ],
        }
        for li, level in enumerate(definition.levels(likelihood))
    ]
