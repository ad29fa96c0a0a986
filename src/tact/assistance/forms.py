from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tact.assistance.models import Channel, Contribution, Need, Project
from tact.catalog.models import Provision, Theme
from tact.core import access
from tact.core.models import Classification
from tact.directory.models import Organisation


class IatiImportForm(forms.Form):
    file = forms.FileField(
        label=_("IATI activity file (XML)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,application/xml,text/xml"}),
    )
    strict = forms.BooleanField(
        label=_("Reject the whole file if any activity is invalid"), required=False
    )
    lenient = forms.BooleanField(
        label=_("Accept small schema slips by the publisher"),
        help_text=_(
            "Activities that break the IATI schema only in small ways (a point without "
            "srsName, a transaction sector without code, an attribute from another version) "
            "are imported, and each slip is shown as a data-quality warning on the project."
        ),
        required=False,
    )


class ExchangeRateUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))
    strict = forms.BooleanField(
        label=_("Reject the whole file if any row is invalid"), required=False
    )


class ContributionForm(forms.ModelForm[Contribution]):
    class Meta:
        model = Contribution
        fields = [
            "donor",
            "year",
            "currency",
            "pledged_amount",
            "pledged_date",
            "paid_amount",
            "paid_date",
            "earmarking",
            "earmark_target",
            "earmark_programme",
            "earmark_theme",
            "earmark_state",
            "classification",
            "notes",
        ]
        widgets = {
            "pledged_date": forms.DateInput(attrs={"type": "date"}),
            "paid_date": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "year": _("The calendar year the contribution is for."),
            "currency": _("Three-letter ISO 4217 code, for example USD, EUR or NOK."),
            "pledged_amount": _(
                "In the currency above; tact converts it to US dollars with its exchange rates."
            ),
            "paid_amount": _("What was actually paid so far, in the same currency."),
            "earmarking": _(
                "Unearmarked funds UNODC may use freely; softly earmarked funds go to a theme, "
                "region or programme; hard earmarked funds to one project or state."
            ),
            "classification": _(
                "Public: anyone may read it. Restricted: your organisation, the secretariat "
                "and those you work with. Confidential: your organisation and the secretariat."
            ),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = access.scope_of(user)
        donors = Organisation.objects.all()
        if not scope.is_secretariat:
            donors = donors.filter(pk__in=scope.organisation_ids)
        self.fields["donor"].queryset = donors  # type: ignore[attr-defined]
        if donors.count() == 1:
            self.fields["donor"].initial = donors.first()
        self.fields["classification"].initial = Classification.PUBLIC


class ProjectLinksForm(forms.Form):
    provisions = forms.ModelMultipleChoiceField(
        label=_("Convention provisions served"),
        queryset=Provision.objects.select_related("instrument"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    needs = forms.ModelMultipleChoiceField(
        label=_("Needs answered"),
        queryset=Need.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    channel_override = forms.ChoiceField(
        label=_("Channel (correction)"),
        choices=[("", _("As derived from the IATI data")), *Channel.choices],
        required=False,
    )
    classification = forms.ChoiceField(label=_("Classification"), choices=Classification.choices)

    def __init__(self, *args: Any, user: Any = None, project: Project | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        needs = access.visible(user, Need.objects.select_related("state"))
        if project is not None:
            states = project.countries.exclude(state=None).values_list("state_id", flat=True)
            needs = needs.filter(state_id__in=list(states)) | project.needs.all()
        self.fields["needs"].queryset = needs.distinct()  # type: ignore[attr-defined]
