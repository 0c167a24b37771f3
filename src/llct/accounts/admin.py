from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "get_full_name", "role", "unit", "is_active"]
    list_filter = ["role", "is_active", "is_superuser"]
    raw_id_fields = ["unit"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Vai trò và phạm vi"), {"fields": ("role", "unit")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Vai trò và phạm vi"), {"fields": ("role", "unit")}),
    )
