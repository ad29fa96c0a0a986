from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tact.catalog.models import Provision, Theme
from tact.core import access
from tact.directory.models import Organisation, State
from tact.strategies import threat_links
from tact.strategies.models import (
    AIM_FIELDS,
    Action,
    Agency,
    AgencyType,
    Aim,
    AwarenessCampaign,
    CooperationAgreement,
    LinkRule,
    Objective,
    Strategy,
    TaskForce,
    TaskForceMember,
    TaskForceOutput,
)


class DateInput(forms.DateInput):
    input_type = "date"


def writable_states(user: Any) -> QuerySet[State]:
    """The states a user may record strategies for: their own, or all for the secretariat."""
    scope = access.scope_of(user)
    if scope.is_secretariat:
        return State.objects.order_by("name")
    return State.objects.filter(pk__in=scope.state_ids).order_by("name")


class StateFormMixin:
    def limit_state(self, user: Any) -> None:
        field = self.fields["state"]  # type: ignore[attr-defined]
        field.queryset = writable_states(user)
        field.required = True
        if field.queryset.count() == 1:
            field.initial = field.queryset.first()


class StrategyForm(StateFormMixin, forms.ModelForm[Strategy]):
    class Meta:
        model = Strategy
        fields = [
            "state",
            "title",
            "kind",
            "status",
            "start",
            "end",
            "adopting_authority",
            "adopting_instrument",
            "adopted_on",
            "description",
            "classification",
        ]
        widgets = {"start": DateInput, "end": DateInput, "adopted_on": DateInput}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_state(user)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The period ends before it starts."))
        return data


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    language = forms.ChoiceField(label=_("Language"))
    url = forms.URLField(label=_("Web link"), required=False, assume_scheme="https")
    file = forms.FileField(label=_("File"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES  # type: ignore[attr-defined]


class ObjectiveForm(forms.ModelForm[Objective]):
    aims = forms.MultipleChoiceField(
        label=_("Aims of item a) served"),
        choices=Aim.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Objective
        fields = [
            "code",
            "title",
            "description",
            "provisions",
            "themes",
            "threat_summary",
            "changing_nature_findings",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only released summaries the user may see (aim ii cites findings through them).
        self.fields["threat_summary"].queryset = threat_links.summary_choices(  # type: ignore[attr-defined]
            user, self.instance.threat_summary_id
        )
        self.fields["threat_summary"].help_text = _(
            "A sanitised summary published by the owner of a threat assessment. "
            "The assessment and its ratings are never shown."
        )
        self.fields["provisions"].queryset = Provision.objects.select_related("instrument")  # type: ignore[attr-defined]
        self.fields["provisions"].required = False
        self.fields["themes"].queryset = Theme.objects.all()  # type: ignore[attr-defined]
        self.fields["changing_nature_findings"].widget.attrs["rows"] = 2
        if self.instance.pk:
            self.fields["aims"].initial = self.instance.aims

    def service_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        aims = data.pop("aims")
        for aim, field_name in AIM_FIELDS.items():
            data[field_name] = aim in aims
        return data


class ActionForm(forms.ModelForm[Action]):
    class Meta:
        model = Action
        fields = [
            "objective",
            "code",
            "title",
            "lead_agency",
            "partner_agencies",
            "deadline",
            "budget",
            "currency",
            "funding",
            "status",
            "percent_complete",
        ]
        widgets = {"deadline": DateInput}

    # A text box, not a list: the assistance app may hold a million projects.
    project = forms.CharField(
        label=_("IATI identifier of the funding project"), max_length=200, required=False
    )

    def __init__(self, *args: Any, user: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from tact.assistance.models import Project

        agencies = access.visible(user, Agency.objects.select_related("organisation"))
        objectives = strategy.objectives.all()
        self.fields["objective"].queryset = objectives  # type: ignore[attr-defined]
        if not self.instance.pk:
            self.fields["objective"].initial = objectives.last()
        self.fields["lead_agency"].queryset = agencies.filter(state=strategy.state_id)  # type: ignore[attr-defined]
        self.fields["partner_agencies"].queryset = agencies.filter(state=strategy.state_id)  # type: ignore[attr-defined]
        self.fields["partner_agencies"].required = False
        self._projects = access.visible(user, Project.objects.all())
        if self.instance.pk and self.instance.project is not None:
            self.initial["project"] = self.instance.project.iati_identifier

    def clean_project(self) -> Any:
        identifier = self.cleaned_data.get("project", "").strip()
        if not identifier:
            return None
        project = self._projects.filter(iati_identifier=identifier).first()
        if project is None:
            raise forms.ValidationError(_("No project you may see has this IATI identifier."))
        return project


class ProgressForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput)
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)
    percent_complete = forms.IntegerField(label=_("% complete"), min_value=0, max_value=100)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


class AgencyForm(forms.Form):
    state = forms.ModelChoiceField(label=_("State"), queryset=State.objects.none())
    agency_type = forms.ChoiceField(label=_("Agency type"), choices=AgencyType.choices)
    organisation = forms.ModelChoiceField(
        label=_("Existing organisation"),
        queryset=Organisation.objects.filter(
            kind=Organisation.Kind.GOVERNMENT_AGENCY, agency__isnull=True
        ),
        required=False,
        help_text=_("Or give the name of a new one below."),
    )
    name = forms.CharField(label=_("Name"), max_length=250, required=False)
    acronym = forms.CharField(label=_("Acronym"), max_length=40, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        states = writable_states(user)
        self.fields["state"].queryset = states  # type: ignore[attr-defined]
        if states.count() == 1:
            self.fields["state"].initial = states.first()
        orgs = self.fields["organisation"].queryset.filter(state__in=states)  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = orgs.select_related("state")  # type: ignore[attr-defined]


class AgencyEditForm(forms.ModelForm[Agency]):
    """What a state changes about one of its agencies; its name and acronym are the
    directory organisation's, its state is fixed (the organisation belongs to it)."""

    class Meta:
        model = Agency
        fields = ["agency_type", "classification"]


class TaskForceForm(StateFormMixin, forms.ModelForm[TaskForce]):
    class Meta:
        model = TaskForce
        fields = [
            "state",
            "name",
            "mandate",
            "legal_basis",
            "themes",
            "start",
            "end",
            "classification",
        ]
        widgets = {
            "start": DateInput,
            "end": DateInput,
            "mandate": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_state(user)
        self.fields["themes"].required = False


class MemberForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=TaskForceMember.Role.choices)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = access.visible(  # type: ignore[attr-defined]
            user, Agency.objects.select_related("organisation", "state")
        )


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class OutputForm(forms.Form):
    kind = forms.ChoiceField(label=_("Output"), choices=TaskForceOutput.Kind.choices)
    count = forms.IntegerField(label=_("Count"), min_value=0)
    date = forms.DateField(label=_("Date"), widget=DateInput)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class AgreementForm(StateFormMixin, forms.ModelForm[CooperationAgreement]):
    class Meta:
        model = CooperationAgreement
        fields = [
            "state",
            "title",
            "kind",
            "parties",
            "status",
            "signed_on",
            "start",
            "end",
            "description",
            "classification",
        ]
        widgets = {"signed_on": DateInput, "start": DateInput, "end": DateInput}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_state(user)
        self.fields["parties"].queryset = access.visible(  # type: ignore[attr-defined]
            user, Agency.objects.select_related("organisation", "state")
        )


class CampaignForm(StateFormMixin, forms.ModelForm[AwarenessCampaign]):
    class Meta:
        model = AwarenessCampaign
        fields = [
            "state",
            "title",
            "objective",
            "audience",
            "channels",
            "languages",
            "partners",
            "start",
            "end",
            "budget",
            "currency",
            "reach",
            "before_sample",
            "before_aware",
            "after_sample",
            "after_aware",
            "classification",
        ]
        widgets = {"start": DateInput, "end": DateInput}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_state(user)
        self.fields["objective"].queryset = access.visible(  # type: ignore[attr-defined]
            user, Objective.objects.filter(aim_awareness=True).select_related("strategy")
        )


class LinkRuleForm(forms.ModelForm[LinkRule]):
    class Meta:
        model = LinkRule
        fields = ["type_a", "type_b", "basis", "explanation", "active"]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 2})}
