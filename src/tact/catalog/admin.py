from django.contrib import admin

from tact.catalog.models import Instrument, Provision, ProvisionParagraph, Theme


class ParagraphInline(admin.TabularInline[ProvisionParagraph, Provision]):
    model = ProvisionParagraph
    extra = 0


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin[Instrument]):
    list_display = ("code", "order", "adopted_by", "entry_into_force")


@admin.register(Provision)
class ProvisionAdmin(admin.ModelAdmin[Provision]):
    list_display = ("key", "category", "obligation_summary")
    list_filter = ("instrument", "category", "themes")
    search_fields = ("key", "text")
    inlines = [ParagraphInline]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin[Theme]):
    list_display = ("code", "order")
