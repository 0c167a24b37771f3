"""Training in the administrators' site: every model, with its history (django-simple-history). The pages
and services remain the way staff work; the admin is for administrators' corrections, which are audited."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Appeal,
    Attendance,
    DisciplineRecord,
    Enrolment,
    Essay,
    Lecturer,
    Mark,
    Module,
    Nomination,
    NominationLog,
    PlanQuota,
    Programme,
    RecognitionDecision,
    Session,
    TrainingClass,
    TrainingPlan,
)


class ModuleInline(admin.TabularInline):
    model = Module
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "family", "level", "output", "offered_from", "offered_until", "active"]
    list_filter = ["family", "output", "assessment_scheme", "active"]
    search_fields = ["code", "name"]
    inlines = [ModuleInline]


class PlanQuotaInline(admin.TabularInline):
    model = PlanQuota
    extra = 0
    raw_id_fields = ["institution"]


@admin.register(TrainingPlan)
class TrainingPlanAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "unit", "year", "status", "approved_at"]
    list_filter = ["status", "year"]
    search_fields = ["title", "unit__name"]
    raw_id_fields = ["unit", "created_by", "approved_by"]
    inlines = [PlanQuotaInline]


class NominationLogInline(admin.TabularInline):
    model = NominationLog
    extra = 0
    readonly_fields = ["at", "by", "from_status", "to_status", "reason"]
    can_delete = False


@admin.register(Nomination)
class NominationAdmin(SimpleHistoryAdmin):
    list_display = ["cadre", "programme", "sending_unit", "nominated_on", "status", "eligible"]
    list_filter = ["status", "programme", "eligible"]
    search_fields = ["cadre__code", "cadre__name_search"]
    raw_id_fields = ["cadre", "sending_unit", "quota", "training_class", "special_case", "created_by"]
    inlines = [NominationLogInline]


@admin.register(Lecturer)
class LecturerAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "institution", "kind", "management_role", "active"]
    list_filter = ["kind", "management_role", "active"]
    search_fields = ["full_name"]
    raw_id_fields = ["institution", "cadre", "user"]


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    raw_id_fields = ["lecturer", "module"]


@admin.register(TrainingClass)
class TrainingClassAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "institution", "programme", "starts_on", "ends_on", "status"]
    list_filter = ["status", "programme"]
    search_fields = ["code", "name"]
    raw_id_fields = ["institution", "homeroom_lecturer"]
    inlines = [SessionInline]


@admin.register(Enrolment)
class EnrolmentAdmin(SimpleHistoryAdmin):
    list_display = ["cadre", "training_class", "status", "final_mark", "band", "completed", "discipline"]
    list_filter = ["status", "band", "completed", "discipline"]
    search_fields = ["cadre__code", "cadre__name_search", "training_class__code"]
    raw_id_fields = ["training_class", "cadre", "nomination", "sending_unit"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["enrolment", "session", "status", "confirmed_by_sending_unit"]
    list_filter = ["status", "confirmed_by_sending_unit"]
    raw_id_fields = ["session", "enrolment"]


@admin.register(Essay)
class EssayAdmin(SimpleHistoryAdmin):
    list_display = ["enrolment", "attempt", "submitted_on", "first_mark", "second_mark", "mark"]
    raw_id_fields = ["enrolment", "first_marker", "second_marker"]


@admin.register(Appeal)
class AppealAdmin(SimpleHistoryAdmin):
    list_display = ["essay", "lodged_on", "outcome", "remark", "director_mark", "minutes"]
    list_filter = ["outcome"]
    raw_id_fields = ["essay", "marker", "decided_by"]


@admin.register(Mark)
class MarkAdmin(SimpleHistoryAdmin):
    list_display = ["enrolment", "kind", "module", "attempt", "value", "examined_on"]
    list_filter = ["kind"]
    raw_id_fields = ["enrolment", "module", "entered_by"]


@admin.register(RecognitionDecision)
class RecognitionDecisionAdmin(SimpleHistoryAdmin):
    list_display = ["number", "training_class", "signed_on", "signed_by"]
    search_fields = ["number", "training_class__code"]
    raw_id_fields = ["training_class", "created_by", "enrolments"]


@admin.register(DisciplineRecord)
class DisciplineRecordAdmin(SimpleHistoryAdmin):
    list_display = ["enrolment", "kind", "document", "decided_on", "recorded_by", "recorded_at"]
    list_filter = ["kind"]
    raw_id_fields = ["enrolment", "recognition", "recorded_by"]
