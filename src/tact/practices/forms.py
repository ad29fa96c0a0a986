from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from tact.catalog.models import Provision, Theme
from tact.directory.models import State
from tact.practices.models import LANGUAGES, REVIEWABLE_FIELDS, GoodPractice, Subscription


class PracticeForm(forms.ModelForm[GoodPractice]):
    states = forms.ModelMultipleChoiceField(
        State.objects.order_by("name"), required=False, label=_("States")
    )
    themes = forms.ModelMultipleChoiceField(
        Theme.objects.order_by("order"), required=False, label=_("Themes")
    )
    provisions = forms.ModelMultipleChoiceField(
        Provision.objects.select_related("instrument").order_by("instrument__order", "number"),
        required=False,
        label=_("Convention provisions"),
    )

    class Meta:
        model = GoodPractice
        fields = [
            "title",
            "language",
            "summary",
            "context",
            "problem",
            "actions",
            "results",
            "cost",
            "transferability",
            "contacts",
            "restrict_when_published",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "summary",
                "context",
                "problem",
                "actions",
                "results",
                "cost",
                "transferability",
                "contacts",
            )
        }


class OwnerForm(forms.Form):
    owner_state = forms.ModelChoiceField(
        State.objects.none(), label=_("Submitted for"), required=True
    )

    def __init__(self, *args: Any, state_ids: frozenset[int] = frozenset(), **kwargs: Any):
        super().__init__(*args, **kwargs)
        qs = State.objects.order_by("name")
        field = cast("forms.ModelChoiceField[State]", self.fields["owner_state"])
        field.queryset = qs.filter(pk__in=state_ids) if state_ids else qs


class CommentForm(forms.Form):
    field = forms.ChoiceField(
        label=_("Field"), choices=[(f, f.replace("_", " ")) for f in REVIEWABLE_FIELDS]
    )
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceForm(forms.Form):
    ref = forms.CharField(
        label=_("Record reference"),
        max_length=120,
        help_text=_("As app.model:number, e.g. evaluation.finding:12"),
    )
    note = forms.CharField(label=_("What it shows"), max_length=300, required=False)


class EndorseForm(forms.Form):
    state = forms.ModelChoiceField(State.objects.none(), label=_("Your state"))
    applied = forms.CharField(
        label=_("How you applied it"), widget=forms.Textarea(attrs={"rows": 2})
    )
    result = forms.CharField(
        label=_("Your result"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, state_ids: list[int] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[State]", self.fields["state"])
        field.queryset = State.objects.filter(pk__in=state_ids or [])
        field.empty_label = None  # usually one state: chosen already


class ReplicateForm(forms.Form):
    state = forms.ModelChoiceField(State.objects.none(), label=_("Your state"))
    note = forms.CharField(
        label=_("What you need"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, state_ids: list[int] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[State]", self.fields["state"])
        field.queryset = State.objects.filter(pk__in=state_ids or [])
        field.empty_label = None  # usually one state: chosen already


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Your question"), widget=forms.Textarea(attrs={"rows": 2}))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class TranslationForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES)
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))
    actions = forms.CharField(
        label=_("What was done"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    results = forms.CharField(
        label=_("Results"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SubscriptionForm(forms.Form):
    target = forms.ChoiceField(label=_("Follow"), choices=Subscription.Target.choices)
    value = forms.CharField(
        label=_("Which one"),
        max_length=80,
        help_text=_("A theme code, a provision (untoc/art_24), a state (KEN) or a number"),
    )
