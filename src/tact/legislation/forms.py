from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tact.catalog.models import Provision, ProvisionParagraph
from tact.core.models import Classification
from tact.directory.models import State
from tact.legislation.models import Compliance, LegalProvision, LegalText, TextLanguage, TextType


class DateInput(forms.DateInput):
    input_type = "date"


class ImportLawForm(forms.Form):
    state = forms.ModelChoiceField(
        label=_("State"), queryset=State.objects.none(), to_field_name="iso3"
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "Plain text (.txt), Word (.docx) or Akoma Ntoso XML (.xml). Each article or section "
            "must start on its own line."
        ),
    )
    text_type = forms.ChoiceField(label=_("Type"), choices=TextType.choices)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("From the file (Akoma Ntoso)")), *TextLanguage.choices],
        required=False,
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=400,
        required=False,
        help_text=_("Taken from the file when empty (Akoma Ntoso)."),
    )
    number = forms.CharField(label=_("Number"), max_length=80, required=False)
    adopted_on = forms.DateField(label=_("Adopted on"), required=False, widget=DateInput)
    in_force_on = forms.DateField(label=_("In force from"), required=False, widget=DateInput)
    amended_on = forms.DateField(label=_("Last amended on"), required=False, widget=DateInput)
    repealed_on = forms.DateField(label=_("Repealed on"), required=False, widget=DateInput)
    version_date = forms.DateField(
        label=_("Version date"),
        required=False,
        widget=DateInput,
        help_text=_("For a consolidated or amended version of a law already imported."),
    )
    version_of = forms.ModelChoiceField(
        label=_("Version of"),
        queryset=LegalText.objects.none(),
        required=False,
        help_text=_("Another language or dated version of this law."),
    )
    source_url = forms.URLField(label=_("Source link"), required=False, max_length=500)
    classification = forms.ChoiceField(
        label=_("Classification"), choices=Classification.choices, initial=Classification.PUBLIC
    )

    def __init__(self, *args: Any, states: Any = None, laws: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = states if states is not None else State.objects.all()  # type: ignore[attr-defined]
        self.fields["version_of"].queryset = laws if laws is not None else LegalText.objects.none()  # type: ignore[attr-defined]


class MappingForm(forms.Form):
    convention_provision = forms.ModelChoiceField(
        label=_("Convention provision"),
        queryset=Provision.objects.select_related("instrument"),
        to_field_name="key",
    )
    paragraph = forms.ModelChoiceField(
        label=_("Paragraph"),
        queryset=ProvisionParagraph.objects.select_related("provision__instrument"),
        to_field_name="key",
        required=False,
        help_text=_("Leave empty when the assessment covers the whole article."),
    )
    legal_provision = forms.ModelChoiceField(
        label=_("National provision"), queryset=LegalProvision.objects.none(), required=False
    )
    compliance = forms.ChoiceField(label=_("Compliance"), choices=Compliance.choices)
    de_jure_notes = forms.CharField(
        label=_("De jure notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    de_facto_notes = forms.CharField(
        label=_("De facto notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    evidence = forms.CharField(
        label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    assessed_on = forms.DateField(label=_("Assessed on"), required=False, widget=DateInput)
    classification = forms.ChoiceField(
        label=_("Classification"),
        choices=Classification.choices,
        initial=Classification.RESTRICTED,
        help_text=_("Confidential assessments are seen only by the state and the secretariat."),
    )

    def __init__(self, *args: Any, provisions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if provisions is not None:
            self.fields["legal_provision"].queryset = provisions  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        paragraph = data.get("paragraph")
        provision = data.get("convention_provision")
        if (
            paragraph is not None
            and provision is not None
            and paragraph.provision_id != provision.pk
        ):
            self.add_error("paragraph", _("The paragraph does not belong to that article."))
        return data


class MappingEditForm(forms.Form):
    compliance = forms.ChoiceField(label=_("Compliance"), choices=Compliance.choices)
    de_jure_notes = forms.CharField(
        label=_("De jure notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    de_facto_notes = forms.CharField(
        label=_("De facto notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    evidence = forms.CharField(
        label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    assessed_on = forms.DateField(label=_("Assessed on"), required=False, widget=DateInput)
    classification = forms.ChoiceField(label=_("Classification"), choices=Classification.choices)
