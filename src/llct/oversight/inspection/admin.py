"""Admin of inspection: the post-standards table is edited here by administrators; runs and findings are
shown read-only (a run is never edited, a finding moves only through its steps, nothing is deleted)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from llct.oversight.models import Finding, InspectionRun, PostStandard


@admin.register(PostStandard)
class PostStandardAdmin(SimpleHistoryAdmin):
    list_display = ("post", "required_level", "confidence", "citation", "valid_from", "valid_to", "active")
    list_filter = ("confidence", "required_level", "active")
    search_fields = ("post__code", "post__title", "citation")
    autocomplete_fields = ("post",)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(InspectionRun)
class InspectionRunAdmin(ReadOnlyAdmin):
    list_display = ("pk", "created_at", "unit", "trigger", "status", "rules_version")
    list_filter = ("trigger", "status")


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ("pk", "check_code", "object_kind", "object_id", "unit", "status", "first_found_at")
    list_filter = ("check_code", "status", "confidence")
