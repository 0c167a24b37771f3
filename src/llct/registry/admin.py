"""The registry in Django's admin. Every save goes through the services, like the registry's own pages:
names get their search and sort columns, units their checks, and each change its author in the audit
trail. Units are created under a parent and never moved (the tree keeps its history by dates)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from llct.accounts.audit import audit

from .models import Assignment, Cadre, PlanningEntry, Post, Unit, YearlyRating
from .services.assignments import record_save
from .services.cadres import cadre_save
from .services.posts import post_save
from .services.units import unit_problems, unit_save


class UnitAdminForm(forms.ModelForm):
    parent = forms.ModelChoiceField(
        label=_("Trực thuộc"),
        queryset=Unit.objects.all(),
        required=False,
        help_text=_(
            "Chỉ chọn khi tạo đơn vị; để trống cho đơn vị gốc. Đơn vị không thể chuyển sang nhánh khác."
        ),
    )

    class Meta:
        model = Unit
        fields = [
            "code",
            "name",
            "tier",
            "sector",
            "kind",
            "valid_from",
            "valid_to",
            "predecessors",
            "served_communes",
        ]

    def clean(self) -> dict:
        data = super().clean()
        unit = Unit(**{k: data.get(k) for k in ("tier", "sector", "kind", "valid_from", "valid_to")})
        unit.pk = self.instance.pk
        for field, messages in unit_problems(unit, data.get("served_communes") or []).items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
        return data


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    form = UnitAdminForm
    list_display = ["indented_name", "code", "kind", "tier", "sector", "valid_from", "valid_to"]
    list_filter = ["kind", "tier", "sector"]
    search_fields = ["name", "code"]
    ordering = ["path"]
    filter_horizontal = ["predecessors", "served_communes"]

    @admin.display(description=_("tên đơn vị"), ordering="path")
    def indented_name(self, unit: Unit) -> str:
        return "\u2003" * (unit.depth - 1) + unit.name

    def get_fields(self, request, obj=None):
        """The parent only on the add form: an existing unit never moves."""
        fields = [f for f in super().get_fields(request, obj) if f != "parent"]
        return fields if obj is not None else ["parent", *fields]

    def save_model(self, request, obj, form, change) -> None:
        saved = unit_save(
            obj,
            parent=None if change else form.cleaned_data.get("parent"),
            predecessors=form.cleaned_data["predecessors"],
            served_communes=form.cleaned_data["served_communes"],
            by=request.user,
        )
        obj.pk, obj.path, obj.depth = saved.pk, saved.path, saved.depth

    def save_related(self, request, form, formsets, change) -> None:
        for formset in formsets:  # the links were saved by unit_save
            self.save_formset(request, form, formset, change=change)


@admin.register(Post)
class PostAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "sector", "tier", "rank", "active"]
    list_filter = ["sector", "tier", "active"]
    search_fields = ["code", "title"]

    def save_model(self, request, obj, form, change) -> None:
        post_save(obj, by=request.user)


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

    def save_model(self, request, obj, form, change) -> None:
        cadre_save(obj, by=request.user)

    def save_formset(self, request, form, formset, change) -> None:
        for row in formset.save(commit=False):
            record_save(row, request.user)
        for row in formset.deleted_objects:
            audit(row, request.user)
            row.delete()
