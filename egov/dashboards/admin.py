from django.contrib import admin

from egov.dashboards.models import Indicator, IndicatorSet, Legend, LegendBand, Target


class LegendBandInline(admin.TabularInline):
    model = LegendBand
    extra = 0


@admin.register(Legend)
class LegendAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "relative_to_target")
    inlines = [LegendBandInline]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "indicator_set", "kind", "group", "points", "confidence")
    list_filter = ("indicator_set", "kind", "group")
    search_fields = ("code", "name", "numerator", "denominator")
    inlines = [TargetInline]


@admin.register(IndicatorSet)
class IndicatorSetAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "valid_from", "valid_to")
