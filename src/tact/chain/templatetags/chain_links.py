"""`{% chain_link record %}`: the link from a record's page to its chain, for the kinds of
record that stand on the chain (`tact.chain.edges.RANKS`); nothing for the others."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from tact.chain.edges import RANKS
from tact.core.links import record_ref

register = template.Library()


@register.simple_tag
def chain_link(record: Any) -> SafeString | str:
    if record is None or getattr(record, "pk", None) is None:
        return ""
    if record._meta.label_lower not in RANKS:
        return ""
    return format_html(
        '<a href="{}" class="chain-link">{}</a>',
        reverse("chain:chain", args=[record_ref(record)]),
        _("Chain from recommendation to result"),
    )
