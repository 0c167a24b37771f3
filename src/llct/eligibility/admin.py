from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from llct.accounts.permissions import Action, can
from llct.regulations import RegulationDataError

from .models import RegulationVersion, SpecialCaseDecision
from .services.rulebook import check_version_text, regulation_version_save


class RegulationVersionAdminForm(forms.ModelForm):
    class Meta:
        model = RegulationVersion
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 40, "cols": 110, "spellcheck": "false"})}

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        try:
            check_version_text(text, version=self.instance if self.instance.pk else None)
        except RegulationDataError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return text


@admin.register(RegulationVersion)
class RegulationVersionAdmin(SimpleHistoryAdmin):
    """Administrators edit the YAML text; the engine's loader checks it before it is saved."""

    form = RegulationVersionAdminForm
    list_display = ["number", "title", "in_force_from", "in_force_to", "origin", "updated_at"]
    readonly_fields = ["number", "title", "in_force_from", "in_force_to", "origin"]

    def has_change_permission(self, request, obj=None) -> bool:
        return can(request.user, Action.EDIT_CATALOGUE)

    def has_add_permission(self, request) -> bool:
        return can(request.user, Action.EDIT_CATALOGUE)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        regulation_version_save(obj.text, by=request.user, version=obj if change else None)


@admin.register(SpecialCaseDecision)
class SpecialCaseDecisionAdmin(SimpleHistoryAdmin):
    list_display = ["cadre", "level", "eligible", "authority", "document_number", "decided_on", "recorded_by"]
    list_filter = ["level", "eligible"]
    raw_id_fields = ["cadre"]
    readonly_fields = ["recorded_by", "recorded_at"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
