from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tact.assistance.models import OverlapCandidate


class OverlapReviewForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Verdict"), choices=OverlapCandidate.Review.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
