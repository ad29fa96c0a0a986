from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tact.core.models import Classification
from tact.directory.models import Contact, Organisation


class ContactForm(forms.ModelForm[Contact]):
    class Meta:
        model = Contact
        fields = [
            "name",
            "position",
            "organisation",
            "email",
            "phone",
            "is_focal_point",
            "topics",
            "language",
            "classification",
            "notes",
        ]

    def __init__(self, *args: Any, state_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if state_id is not None:
            self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
                state_id=state_id
            )
        self.fields["classification"].initial = Classification.RESTRICTED


class PartyStatusImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))
    strict = forms.BooleanField(
        label=_("Reject the whole file if any row is invalid"), required=False
    )


class OrganisationForm(forms.ModelForm[Organisation]):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "acronym",
            "kind",
            "agency_type",
            "state",
            "iati_ref",
            "website",
            "language",
        ]
