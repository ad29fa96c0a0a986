from django.contrib import admin

from tact.directory.models import Contact, Organisation, PartyStatus, Region, State


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin[Region]):
    list_display = ("m49", "name", "level", "parent")
    list_filter = ("level",)


@admin.register(State)
class StateAdmin(admin.ModelAdmin[State]):
    list_display = ("iso3", "name", "m49", "region", "subregion", "un_status")
    list_filter = ("un_status", "region")
    search_fields = ("iso3", "name")


@admin.register(PartyStatus)
class PartyStatusAdmin(admin.ModelAdmin[PartyStatus]):
    list_display = ("state", "instrument", "status", "consent_date", "is_demo")
    list_filter = ("instrument", "status", "is_demo")
    search_fields = ("state__name", "state__iso3")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ("name", "acronym", "kind", "agency_type", "state", "iati_ref")
    list_filter = ("kind", "agency_type")
    search_fields = ("name", "acronym", "iati_ref")


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin[Contact]):
    list_display = ("name", "organisation", "state", "classification", "is_focal_point")
    list_filter = ("classification", "is_focal_point")
    search_fields = ("name",)
