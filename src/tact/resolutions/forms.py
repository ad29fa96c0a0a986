from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tact.catalog.models import Provision, Theme
from tact.core.access import Role, scope_of
from tact.core.models import Classification
from tact.directory.models import Organisation, State
from tact.resolutions.models import Addressee, FollowUp, Meeting, Recommendation, Resolution
from tact.resolutions.parsing import ParsedResolution

LANGUAGE_CHOICES = [
    ("", _("Detect automatically")),
    ("ru", "Русский"),
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ar", "العربية"),
    ("zh", "中文"),
]


class DateInput(forms.DateInput):
    input_type = "date"


class ResolutionUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Resolution or decision"),
        help_text=_(
            "Plain text, Markdown, Word (.docx) or Akoma Ntoso XML, in any of the six UN "
            "languages. UPR reports, thematic tables and concluding observations are read "
            "one recommendation at a time."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=LANGUAGE_CHOICES,
        required=False,
        help_text=_("Left empty, the language is recognised from the text."),
    )
    symbol = forms.CharField(
        label=_("Symbol"),
        max_length=100,
        required=False,
        help_text=_("The UN document symbol, for example CTOC/COP/2012/15."),
    )
    adopted_on = forms.DateField(label=_("Adopted on"), required=False, widget=DateInput)


def _provision_keys(value: str) -> list[str]:
    return [k.strip() for k in value.replace(";", ",").split(",") if k.strip()]


class PreviewForm(forms.Form):
    """Corrections to the importer's suggestions, one set of fields per recommendation."""

    token = forms.CharField(widget=forms.HiddenInput)
    symbol = forms.CharField(required=False, widget=forms.HiddenInput)
    adopted_on = forms.DateField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, parsed: ParsedResolution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parsed = parsed
        themes = [(t.code, t.title) for t in Theme.objects.all()]
        for node in parsed.walk():
            self.fields[f"addressees:{node.code}"] = forms.MultipleChoiceField(
                label=_("Addressees"),
                choices=Addressee.choices,
                required=False,
                initial=node.addressees,
                widget=forms.CheckboxSelectMultiple,
            )
            self.fields[f"themes:{node.code}"] = forms.MultipleChoiceField(
                label=_("Themes"), choices=themes, required=False, initial=node.themes
            )
            self.fields[f"provisions:{node.code}"] = forms.CharField(
                label=_("Convention provisions"),
                required=False,
                initial=", ".join(node.articles),
                help_text=_("Identifiers separated by commas, e.g. untoc/art_24"),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        known = set(Provision.objects.values_list("key", flat=True))
        for node in self.parsed.walk():
            name = f"provisions:{node.code}"
            unknown = [k for k in _provision_keys(cleaned.get(name, "")) if k not in known]
            if unknown:
                self.add_error(
                    name, _("Unknown provisions: %(keys)s") % {"keys": ", ".join(unknown)}
                )
        return cleaned

    def rows(self) -> list[tuple[Any, Any, Any, Any]]:
        """(node, addressees field, themes field, provisions field) in document order."""
        return [
            (
                node,
                self[f"addressees:{node.code}"],
                self[f"themes:{node.code}"],
                self[f"provisions:{node.code}"],
            )
            for node in self.parsed.walk()
        ]

    def corrections(self) -> dict[str, dict[str, list[str]]]:
        return {
            node.code: {
                "addressees": self.cleaned_data[f"addressees:{node.code}"],
                "themes": self.cleaned_data[f"themes:{node.code}"],
                "provisions": _provision_keys(self.cleaned_data[f"provisions:{node.code}"]),
            }
            for node in self.parsed.walk()
        }


class RecommendationForm(forms.Form):
    addressees = forms.MultipleChoiceField(
        label=_("Addressees"),
        choices=Addressee.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.all(), required=False
    )
    provisions = forms.ModelMultipleChoiceField(
        label=_("Convention provisions"),
        queryset=Provision.objects.select_related("instrument"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    @classmethod
    def for_recommendation(
        cls, recommendation: Recommendation, **kwargs: Any
    ) -> RecommendationForm:
        return cls(
            initial={
                "addressees": recommendation.addressees,
                "themes": list(recommendation.themes.all()),
                "provisions": list(recommendation.provisions.all()),
            },
            **kwargs,
        )


class FollowUpForm(forms.Form):
    actor_kind = forms.ChoiceField(label=_("Reported by"), choices=FollowUp.ActorKind.choices)
    state = forms.ModelChoiceField(label=_("State"), queryset=State.objects.none(), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=FollowUp.Status.choices,
        help_text=_(
            "Partially implemented: some of what was asked is in place. Not applicable: the "
            "recommendation does not concern you."
        ),
    )
    narrative = forms.CharField(
        label=_("Narrative"),
        widget=forms.Textarea,
        required=False,
        help_text=_("What was done, by whom, and what remains; add evidence on the next page."),
    )
    started_on = forms.DateField(label=_("Started on"), required=False, widget=DateInput)
    completed_on = forms.DateField(label=_("Completed on"), required=False, widget=DateInput)
    reported_on = forms.DateField(
        label=_("Reported on"),
        required=False,
        widget=DateInput,
        help_text=_("Left empty: today."),
    )
    classification = forms.ChoiceField(
        label=_("Visibility"),
        choices=[
            (Classification.PUBLIC, _("Public")),
            (Classification.RESTRICTED, _("Restricted")),
        ],
        initial=Classification.PUBLIC,
        help_text=_(
            "Public reports are read by anyone; restricted ones only by the reporting state or "
            "organisation and the secretariat."
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = scope_of(user)
        states = State.objects.order_by("name")
        organisations = Organisation.objects.order_by("name")
        kinds = list(FollowUp.ActorKind.choices)
        if scope.role == Role.FOCAL_POINT:
            states = states.filter(pk__in=scope.state_ids)
            kinds = [k for k in kinds if k[0] == "state"]
            organisations = organisations.none()
        elif scope.role == Role.DONOR:
            states = states.none()
            organisations = organisations.filter(pk__in=scope.organisation_ids)
            kinds = [k for k in kinds if k[0] in {"donor", "organisation"}]
        elif not scope.is_secretariat:
            kinds = [k for k in kinds if k[0] != "secretariat"]
        self.fields["state"].queryset = states  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["actor_kind"].choices = kinds  # type: ignore[attr-defined]
        if len(kinds) == 1:
            self.fields["actor_kind"].initial = kinds[0][0]
        if states.count() == 1:
            self.fields["state"].initial = states.first()
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    url = forms.URLField(label=_("Web link"), required=False, assume_scheme="https")
    record_ref = forms.CharField(
        label=_("Linked tact record"),
        required=False,
        widget=forms.HiddenInput,
    )
    file = forms.FileField(label=_("File"), required=False)


class MeetingForm(forms.ModelForm[Meeting]):
    adopted_recommendations = forms.ModelMultipleChoiceField(
        label=_("Recommendations adopted"),
        queryset=Recommendation.objects.select_related("resolution").order_by(
            "resolution__title", "order"
        ),
        required=False,
        help_text=_("The recommendations this meeting adopted, if any."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Meeting
        fields = ["body", "session", "title", "starts_on", "ends_on", "place", "summary"]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}
        help_texts = {
            "body": _(
                "The body that met, for example the Working Group of Government Experts on "
                "Technical Assistance."
            ),
            "session": _(
                "For example: held during the sixth session of the Conference of the Parties."
            ),
            "ends_on": _("Left empty for a one-day meeting."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["adopted_recommendations"].initial = list(
                self.instance.adopted_recommendations.values_list("pk", flat=True)
            )


class AgendaItemForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=20)
    title = forms.CharField(label=_("Title"), max_length=500)


class PanelForm(forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=500)
    requested_by = forms.ModelChoiceField(
        label=_("Requested by recommendation"),
        queryset=Recommendation.objects.select_related("resolution"),
        required=False,
    )
    moderators = forms.CharField(
        label=_("Moderators"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("One per line: Name — Organisation"),
    )
    speakers = forms.CharField(
        label=_("Speakers"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One per line: Name — Organisation"),
    )


class LanguageVersionForm(forms.Form):
    original = forms.ModelChoiceField(
        label=_("The same document in another language"),
        queryset=Resolution.objects.none(),
        help_text=_("This document becomes a language version of the one chosen."),
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["original"].queryset = candidates  # type: ignore[attr-defined]


class MeetingDocumentForm(forms.Form):
    symbol = forms.CharField(
        label=_("Symbol"),
        max_length=100,
        required=False,
        help_text=_("The UN document symbol, for example CTOC/COP/WG.2/2013/2."),
    )
    title = forms.CharField(label=_("Title"), max_length=500)
    language = forms.CharField(
        label=_("Language"),
        max_length=8,
        initial="en",
        help_text=_("Language code: en, fr, es, ru, ar or zh."),
    )
    url = forms.URLField(label=_("Web link"), required=False, assume_scheme="https")
    file = forms.FileField(label=_("File"), required=False)
