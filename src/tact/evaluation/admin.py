from django.contrib import admin

from tact.evaluation.models import (
    Evaluation,
    Finding,
    Indicator,
    IndicatorPeriod,
    ManagementResponse,
    Rating,
    RatingScale,
    ResultNode,
    ResultsFramework,
)


class PeriodInline(admin.TabularInline[IndicatorPeriod, Indicator]):
    model = IndicatorPeriod
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin[Indicator]):
    list_display = ["title", "node", "measure", "ascending"]
    inlines = [PeriodInline]
    search_fields = ["title"]


class RatingInline(admin.TabularInline[Rating, Evaluation]):
    model = Rating
    extra = 0


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin[Evaluation]):
    list_display = ["title", "kind", "status", "classification", "owner_state"]
    list_filter = ["kind", "status", "classification"]
    search_fields = ["title", "evaluators"]
    inlines = [RatingInline]


admin.site.register(RatingScale)
admin.site.register(ResultsFramework)
admin.site.register(ResultNode)
admin.site.register(Finding)
admin.site.register(ManagementResponse)
