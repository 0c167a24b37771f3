from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from .models import Assignment, Cadre, PlanningEntry, Post, Unit, YearlyRating


@admin.register(Unit)
class UnitAdmin(TreeAdmin, SimpleHistoryAdmin):
    form = movenodeform_factory(Unit)
    list_display = ["name", "code", "kind", "tier", "sector", "valid_from", "valid_to"]
    list_filter = ["kind", "tier", "sector"]
    search_fields = ["name", "code"]
    filter_horizontal = ["predecessors", "served_communes"]


@admin.register(Post)
class PostAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "sector", "tier", "rank", "active"]
    list_filter = ["sector", "tier", "active"]
    search_fields = ["code", "title"]


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ["post"]
    raw_id_fields = ["unit"]


class PlanningInline(admin.TabularInline):
    model = PlanningEntry
    extra = 0
    autocomplete_fields = ["post"]


class RatingInline(admin.TabularInline):
    model = YearlyRating
    extra = 0


@admin.register(Cadre)
class CadreAdmin(SimpleHistoryAdmin):
    list_display = ["code", "full_name", "unit", "theory_level", "party_status"]
    list_filter = ["theory_level", "party_status", "sex"]
    search_fields = ["code", "name_search", "citizen_id"]
    raw_id_fields = ["unit"]
    inlines = [AssignmentInline, PlanningInline, RatingInline]
