from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tact.core.models import Classification
from tact.directory.models import Organisation, State
from tact.training.models import LANGUAGES, AgencyType, Course, Programme


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


class ProgrammeForm(forms.ModelForm):  # type: ignore[type-arg]
    audiences = forms.MultipleChoiceField(
        label=_("Target audiences"),
        choices=AgencyType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Programme
        fields = [
            "title",
            "objectives",
            "audiences",
            "implementer",
            "start",
            "end",
            "classification",
            "owner_state",
        ]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["implementer"].queryset = Organisation.objects.exclude(  # type: ignore[attr-defined]
            kind="government_agency"
        ).order_by("name")


class SessionForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.none())
    title = forms.CharField(label=_("Title"), max_length=300)
    start = forms.DateField(label=_("Start"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("End"), widget=forms.DateInput(attrs={"type": "date"}))
    state = forms.ModelChoiceField(label=_("Host state"), queryset=State.objects.order_by("name"))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    platform = forms.CharField(label=_("Online platform"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES)
    max_score = forms.DecimalField(label=_("Maximum test score"), min_value=1, initial=100)
    classification = forms.ChoiceField(
        label=_("Classification"), choices=Classification.choices, initial="restricted"
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = programme.courses.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The session cannot end before it starts."))
        return data
