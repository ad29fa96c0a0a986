from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from tact.accounts.models import ApiToken, StateMembership, User


class StateMembershipInline(admin.TabularInline[StateMembership, User]):
    model = StateMembership
    extra = 0
    autocomplete_fields = ["state"]


@admin.register(User)
class TactUserAdmin(UserAdmin[User]):
    list_display = ("username", "email", "role", "organisation", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("tact", {"fields": ("role", "organisation", "preferred_language")}),
    )
    inlines = [StateMembershipInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")
