from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tact.assistance.models import Need
from tact.catalog.models import Provision, Theme
from tact.core import access
from tact.core.models import Classification
from tact.directory.models import State


class NeedForm(forms.Form):
    state = forms.ModelChoiceField(label=_("State"), queryset=State.objects.none())
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    provisions = forms.ModelMultipleChoiceField(
        label=_("Convention provisions"),
        queryset=Provision.objects.select_related("instrument"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=Need.Priority.choices)
    status = forms.ChoiceField(label=_("Status"), choices=Need.Status.choices)
    source = forms.ChoiceField(
        label=_("Source"),
        choices=Need.Source.choices,
        help_text=_("Where the need was identified: it is shown with the need."),
    )
    classification = forms.ChoiceField(
        label=_("Classification"),
        choices=Classification.choices,
        initial=Classification.RESTRICTED,
        help_text=_(
            "Needs are restricted by default: only the state, the secretariat and "
            "evaluators see them."
        ),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = access.scope_of(user)
        states = State.objects.all()
        if not scope.is_secretariat:
            states = states.filter(pk__in=scope.state_ids)
        self.fields["state"].queryset = states.order_by("name")  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, need: Need) -> dict[str, Any]:
        return {
            "state": need.state_id,
            "title": need.title,
            "description": need.description,
            "provisions": list(need.provisions.all()),
            "themes": list(need.themes.all()),
            "priority": need.priority,
            "status": need.status,
            "source": need.source,
            "classification": need.classification,
        }
