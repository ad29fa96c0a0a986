from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tact.assistance.models import Project
from tact.catalog.models import Provision, Theme
from tact.directory.models import State
from tact.evaluation.models import (
    Criterion,
    Evaluation,
    EvaluationDocument,
    EvidenceStrength,
    Finding,
    Indicator,
    IndicatorPeriod,
    ManagementResponse,
    RatingScale,
    ResultNode,
    Strategy,
)


class DateInput(forms.DateInput):
    input_type = "date"


class CodesField(forms.CharField):
    """A comma-separated list of short codes (recommendations, dimensions)."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [part.strip() for part in text.split(",") if part.strip()]

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(value)
        return value


class StrategyForm(forms.ModelForm[Strategy]):
    class Meta:
        model = Strategy
        fields = ["kind", "title", "state", "description", "start", "end", "classification"]
        widgets = {"start": DateInput, "end": DateInput}


class FrameworkForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    strategy = forms.ModelChoiceField(
        label=_("Programme or strategy"), queryset=Strategy.objects.none(), required=False
    )
    project = forms.ModelChoiceField(
        label=_("Project"), queryset=Strategy.objects.none(), required=False
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    recommendation_codes = CodesField(
        label=_("Recommendations served"),
        required=False,
        help_text=_("Codes separated by commas, such as annex.b.iv."),
    )
    classification = forms.ChoiceField(
        label=_("Classification"),
        choices=Evaluation._meta.get_field("classification").choices,  # type: ignore[arg-type]
        initial="public",
    )

    def __init__(
        self, *args: Any, strategies: Any = None, projects: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        strategy_field: Any = self.fields["strategy"]
        strategy_field.queryset = strategies if strategies is not None else Strategy.objects.all()
        self.fields["project"].queryset = (  # type: ignore[attr-defined]
            projects if projects is not None else Project.objects.none()
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("strategy")) == bool(data.get("project")):
            raise forms.ValidationError(_("Choose either a project or a programme/strategy."))
        return data


class NodeForm(forms.ModelForm[ResultNode]):
    class Meta:
        model = ResultNode
        fields = ["parent", "level", "title", "description", "assumptions"]

    def __init__(self, *args: Any, framework: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = ResultNode.objects.filter(framework=framework)  # type: ignore[attr-defined]


class IndicatorForm(forms.ModelForm[Indicator]):
    dimensions = CodesField(
        label=_("Disaggregation"),
        required=False,
        help_text=_("Dimensions separated by commas, such as sex, agency type, region."),
    )
    recommendation_codes = CodesField(label=_("Recommendations"), required=False)

    class Meta:
        model = Indicator
        fields = [
            "title",
            "description",
            "measure",
            "ascending",
            "unit_label",
            "parent_indicator",
            "baseline_year",
            "baseline_value",
            "baseline_numerator",
            "baseline_denominator",
            "baseline_comment",
            "means_of_verification",
            "assumptions",
            "dimensions",
            "provisions",
            "recommendation_codes",
        ]

    def __init__(self, *args: Any, framework: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        qs = Indicator.objects.filter(node__framework=framework)
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        self.fields["parent_indicator"].queryset = qs  # type: ignore[attr-defined]
        self.fields["provisions"].queryset = Provision.objects.select_related("instrument")  # type: ignore[attr-defined]
        self.fields["provisions"].required = False


class PeriodForm(forms.ModelForm[IndicatorPeriod]):
    class Meta:
        model = IndicatorPeriod
        fields = [
            "start",
            "end",
            "target_value",
            "target_numerator",
            "target_denominator",
            "actual_value",
            "actual_numerator",
            "actual_denominator",
            "target_comment",
            "actual_comment",
            "narrative",
        ]
        widgets = {
            "start": DateInput,
            "end": DateInput,
            "target_comment": forms.TextInput,
            "actual_comment": forms.TextInput,
        }

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        if indicator.measure != "percentage":
            for name in (
                "target_numerator",
                "target_denominator",
                "actual_numerator",
                "actual_denominator",
            ):
                del self.fields[name]
        if indicator.measure == "qualitative":
            for name in ("target_value", "actual_value"):
                del self.fields[name]
        else:
            del self.fields["narrative"]
        for dimension in indicator.dimensions:
            self.fields[f"dis_{dimension}"] = forms.CharField(
                label=_("Actual by %(dimension)s (value=number; …)") % {"dimension": dimension},
                required=False,
                help_text=_("For example: female=12; male=30"),
            )
        if self.instance.pk:
            for dimension in indicator.dimensions:
                parts = [
                    f"{row['value']}={row['actual']}"
                    for row in self.instance.disaggregation
                    if row["dimension"] == dimension and "actual" in row
                ]
                self.fields[f"dis_{dimension}"].initial = "; ".join(parts)

    def disaggregation(self) -> list[dict[str, str]]:
        rows = []
        for dimension in self.indicator.dimensions:
            text = self.cleaned_data.get(f"dis_{dimension}") or ""
            for part in text.split(";"):
                if not part.strip():
                    continue
                value, sep, number = part.partition("=")
                if not sep:
                    raise forms.ValidationError(
                        _("Write each disaggregated value as value=number.")
                    )
                rows.append(
                    {"dimension": dimension, "value": value.strip(), "actual": number.strip()}
                )
        return rows


class EvaluationForm(forms.ModelForm[Evaluation]):
    class Meta:
        model = Evaluation
        fields = [
            "title",
            "kind",
            "status",
            "evaluators",
            "commissioned_by",
            "period_start",
            "period_end",
            "report_date",
            "summary",
            "scale",
            "interventions",
            "frameworks",
            "states",
            "themes",
            "provisions",
            "classification",
            "owner_state",
        ]
        widgets = {"period_start": DateInput, "period_end": DateInput, "report_date": DateInput}

    def __init__(
        self, *args: Any, frameworks: Any = None, projects: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scale"].queryset = RatingScale.objects.all()  # type: ignore[attr-defined]
        self.fields["themes"].queryset = Theme.objects.all()  # type: ignore[attr-defined]
        self.fields["states"].queryset = State.objects.all()  # type: ignore[attr-defined]
        self.fields["owner_state"].queryset = State.objects.all()  # type: ignore[attr-defined]
        self.fields["owner_state"].help_text = _(
            "A restricted evaluation is seen only by the secretariat, evaluators and this state."
        )
        if frameworks is not None:
            self.fields["frameworks"].queryset = frameworks  # type: ignore[attr-defined]
        if projects is not None:
            self.fields["interventions"].queryset = projects  # type: ignore[attr-defined]
        for name in ("interventions", "frameworks", "states", "themes", "provisions"):
            self.fields[name].required = False


class RatingForm(forms.Form):
    score = forms.ChoiceField(label=_("Rating"))
    evidence_strength = forms.ChoiceField(
        label=_("Strength of evidence"), choices=EvidenceStrength.choices
    )
    justification = forms.CharField(
        label=_("Justification"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, scale: RatingScale, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["score"].choices = [  # type: ignore[attr-defined]
            *scale.choices(),
            ("n/a", _("Not applicable")),
        ]


class FindingForm(forms.ModelForm[Finding]):
    class Meta:
        model = Finding
        fields = ["kind", "criterion", "title", "text", "evidence_strength", "addressee"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["criterion"].choices = [("", "—"), *Criterion.choices]  # type: ignore[attr-defined]


class ResponseForm(forms.ModelForm[ManagementResponse]):
    class Meta:
        model = ManagementResponse
        fields = [
            "decision",
            "response",
            "actions",
            "responsible",
            "due_date",
            "follow_up_status",
            "follow_up_note",
        ]
        widgets = {
            "due_date": DateInput,
            "response": forms.Textarea(attrs={"rows": 3}),
            "actions": forms.Textarea(attrs={"rows": 3}),
            "follow_up_note": forms.Textarea(attrs={"rows": 2}),
        }


class DocumentForm(forms.ModelForm[EvaluationDocument]):
    class Meta:
        model = EvaluationDocument
        fields = ["kind", "title", "url", "file", "language"]
