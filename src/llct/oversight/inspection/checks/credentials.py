"""Checks on certificates, the master register (sổ gốc) and the diploma blanks (phôi)."""

import datetime as dt
from functools import reduce
from operator import or_

from django.db.models import (
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Cast, Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _

from llct.credentials.choices import CredentialKind, CredentialStatus
from llct.credentials.models import Blank, BlankStock, Credential, RegisterYear
from llct.oversight.inspection.choices import Confidence, Severity
from llct.training.models import Enrolment

from .base import Check, Clause, Offence, Period, Subtree, dmy
from .clauses import HD11, QD208, QD1147, QD1147_FROM

DEADLINE_DAYS = 15
SHOWN_NUMBERS = 20  # missing or repeated numbers listed in a finding's values


def _deadline(field: str) -> Cast:
    # A date plus an interval is a timestamp on PostgreSQL: cast back to a date.
    return Cast(F(field) + dt.timedelta(days=DEADLINE_DAYS), output_field=DateField())


def _issued_late(subtree: Subtree, period: Period):
    credentials = (
        Credential.objects.filter(
            subtree.q("register__institution"),
            period.q("issued_on"),
            register__kind=CredentialKind.CERTIFICATE,
            recognition__signed_on__gte=QD1147_FROM,
            replaces__isnull=True,
        )
        .annotate(deadline=_deadline("recognition__signed_on"))
        .filter(issued_on__gt=F("deadline"))
    )
    rows = credentials.values(
        "pk",
        "serial",
        "holder_name",
        "issued_on",
        "deadline",
        "recognition__number",
        "recognition__signed_on",
        "register__institution_id",
    )
    for row in rows.order_by("pk"):
        yield Offence(
            "credential",
            row["pk"],
            row["register__institution_id"],
            f"{row['serial']} — {row['holder_name']}",
            {
                "recognition": row["recognition__number"],
                "signed_on": dmy(row["recognition__signed_on"]),
                "deadline": dmy(row["deadline"]),
                "issued_on": dmy(row["issued_on"]),
                "days_after_decision": (row["issued_on"] - row["recognition__signed_on"]).days,
            },
        )


def _not_issued(subtree: Subtree, period: Period):
    issued = Credential.objects.filter(
        holder_id=OuterRef("cadre_id"), programme_id=OuterRef("training_class__programme_id")
    ).exclude(status=CredentialStatus.REPLACED)
    enrolments = (
        Enrolment.objects.filter(
            subtree.q("training_class__institution"),
            period.q("recognitions__signed_on"),
            training_class__programme__output=CredentialKind.CERTIFICATE,
            recognitions__signed_on__gte=QD1147_FROM,
        )
        .annotate(deadline=_deadline("recognitions__signed_on"))
        .filter(deadline__lt=period.end)
        .exclude(Exists(issued))
    )
    rows = enrolments.values(
        "pk",
        "cadre__full_name",
        "cadre__code",
        "training_class__code",
        "training_class__institution_id",
        "recognitions__number",
        "recognitions__signed_on",
        "deadline",
    )
    for row in rows.order_by("pk"):
        yield Offence(
            "enrolment",
            row["pk"],
            row["training_class__institution_id"],
            f"{row['cadre__full_name']} ({row['cadre__code']}) — {row['training_class__code']}",
            {
                "recognition": row["recognitions__number"],
                "signed_on": dmy(row["recognitions__signed_on"]),
                "deadline": dmy(row["deadline"]),
                "as_of": dmy(period.end),
                "days_overdue": (period.end - row["deadline"]).days,
            },
        )


def _certificate_late(subtree: Subtree, period: Period):
    yield from _issued_late(subtree, period)
    yield from _not_issued(subtree, period)


CERTIFICATE_LATE = Check(
    code="certificate_late",
    title=_("Giấy chứng nhận cấp quá 15 ngày sau quyết định công nhận, hoặc quá hạn mà chưa cấp"),
    title_en="Certificate issued more than 15 days after the recognition decision, or not yet issued",
    clauses=(
        Clause(QD1147, article="?", topic="cấp giấy chứng nhận trong 15 ngày kể từ quyết định công nhận"),
    ),
    confidence=Confidence.TEXT,
    severity=Severity.MEDIUM,
    object_kinds=("credential", "enrolment"),
    find=_certificate_late,
    note=_(
        "15 ngày theo lịch kể từ ngày ký quyết định công nhận (giả định: ngày theo lịch, không phải ngày làm "
        "việc); quyết định ký từ 01/12/2025; bản cấp lại không tính. Học viên chưa được cấp tính đến ngày "
        "cuối của kỳ kiểm tra."
    ),
    parameters={"days": DEADLINE_DAYS, "from": QD1147_FROM.isoformat()},
)


def _register_years(subtree: Subtree, period: Period):
    last_number = Subquery(
        RegisterYear.objects.filter(register_id=OuterRef("register_id"), year=OuterRef("year")).values(
            "last_number"
        )[:1],
        output_field=IntegerField(),
    )
    groups = (
        Credential.objects.filter(
            subtree.q("register__institution"),
            register__kind=CredentialKind.CERTIFICATE,
            year__in=list(period.years()),
        )
        .values("register_id", "year", "register__institution_id", "register__institution__code")
        .annotate(
            entries=Count("pk"),
            distinct=Count("number", distinct=True),
            lowest=Min("number"),
            highest=Max("number"),
            counter=Coalesce(last_number, 0),
        )
        .order_by("register_id", "year")
    )
    bad = [
        g
        for g in groups
        if g["entries"] != g["distinct"]
        or g["lowest"] != 1
        or max(g["highest"], g["counter"]) != g["distinct"]
    ]
    if not bad:
        return
    numbers: dict[tuple[int, int], list[int]] = {}
    taken = Credential.objects.filter(
        reduce(or_, (Q(register_id=g["register_id"], year=g["year"]) for g in bad))
    )
    for register_id, year, number in taken.values_list("register_id", "year", "number").order_by("number"):
        numbers.setdefault((register_id, year), []).append(number)
    for g in bad:
        seen = numbers.get((g["register_id"], g["year"]), [])
        top = max(g["highest"], g["counter"])
        missing = sorted(set(range(1, top + 1)) - set(seen))
        repeated = sorted({n for n in seen if seen.count(n) > 1})
        yield Offence(
            "certificateregister",
            g["register_id"],
            g["register__institution_id"],
            f"{g['register__institution__code']} — {g['year']}",
            {
                "year": g["year"],
                "entries": g["entries"],
                "highest_number": g["highest"],
                "counter": g["counter"],
                "missing": len(missing),
                "missing_numbers": missing[:SHOWN_NUMBERS],
                "repeated_numbers": repeated[:SHOWN_NUMBERS],
            },
            part=str(g["year"]),
        )


def _out_of_year(subtree: Subtree, period: Period):
    credentials = (
        Credential.objects.filter(
            subtree.q("register__institution"),
            period.q("issued_on"),
            register__kind=CredentialKind.CERTIFICATE,
        )
        .annotate(issued_year=ExtractYear("issued_on"))
        .exclude(year=F("issued_year"))
    )
    rows = credentials.values("pk", "serial", "year", "issued_on", "register__institution_id")
    for row in rows.order_by("pk"):
        yield Offence(
            "credential",
            row["pk"],
            row["register__institution_id"],
            row["serial"],
            {"register_year": row["year"], "issued_on": dmy(row["issued_on"])},
        )


def _register_numbering(subtree: Subtree, period: Period):
    yield from _register_years(subtree, period)
    yield from _out_of_year(subtree, period)


REGISTER_NUMBERING = Check(
    code="register_numbering",
    title=_("Sổ gốc giấy chứng nhận có số bị bỏ trống, trùng số hoặc số vào sổ sai năm"),
    title_en="Gaps, duplicates or out-of-year numbers in a certificate register",
    clauses=(
        Clause(QD1147, article="?", topic="sổ gốc đánh số liên tục theo năm dương lịch, mỗi số một giấy"),
    ),
    confidence=Confidence.TEXT,
    severity=Severity.MEDIUM,
    object_kinds=("certificateregister", "credential"),
    find=_register_numbering,
    note=_(
        "Số vào sổ của mỗi năm phải chạy liền từ 1 đến số cuối cùng đã cấp (kể cả số đã lấy mà không có "
        "giấy); năm vào sổ phải là năm cấp."
    ),
)


def _blank_accounting(subtree: Subtree, period: Period):
    """Blanks whose serial appears twice at the institution, blanks outside their stock's range, and stocks
    whose range has blanks missing (unaccounted for)."""
    twin = Blank.objects.filter(institution_id=OuterRef("institution_id"), serial=OuterRef("serial")).exclude(
        pk=OuterRef("pk")
    )
    outside = (
        Q(number__lt=F("stock__first_number"))
        | Q(number__gt=F("stock__last_number"))
        | ~Q(prefix=F("stock__prefix"))
    )
    blanks = Blank.objects.filter(subtree.q("institution"), period.q("stock__received_on")).filter(
        Exists(twin) | outside
    )
    rows = blanks.annotate(twice=Exists(twin)).values(
        "pk",
        "serial",
        "status",
        "institution_id",
        "stock_id",
        "stock__first_number",
        "stock__last_number",
        "twice",
        "credential__serial",
    )
    for row in rows.order_by("pk"):
        yield Offence(
            "blank",
            row["pk"],
            row["institution_id"],
            row["serial"],
            {
                "status": row["status"],
                "serial_twice": row["twice"],
                "stock": row["stock_id"],
                "stock_range": f"{row['stock__first_number']}–{row['stock__last_number']}",
                "credential": row["credential__serial"] or "",
            },
        )
    stocks = (
        BlankStock.objects.filter(subtree.q("institution"), period.q("received_on"))
        .annotate(recorded=Count("blanks"), expected=F("last_number") - F("first_number") + 1)
        .filter(recorded__lt=F("expected"))
    )
    for row in stocks.values(
        "pk", "prefix", "first_number", "last_number", "institution_id", "recorded", "expected"
    ):
        yield Offence(
            "blankstock",
            row["pk"],
            row["institution_id"],
            f"{row['prefix']} {row['first_number']}–{row['last_number']}".strip(),
            {
                "expected": row["expected"],
                "recorded": row["recorded"],
                "missing": row["expected"] - row["recorded"],
            },
        )


BLANK_ACCOUNTING = Check(
    code="blank_accounting",
    title=_("Phôi bằng trùng số hiệu, nằm ngoài lô, hoặc lô phôi bị thiếu"),
    title_en="Diploma blank serial used twice or missing from its stock",
    clauses=(
        Clause(HD11, article="?", topic="cấp và quản lý bằng sơ cấp lý luận chính trị"),
        Clause(QD208, topic="trung tâm in và quản lý phôi bằng"),
    ),
    confidence=Confidence.SUMMARY,
    severity=Severity.HIGH,
    object_kinds=("blank", "blankstock"),
    find=_blank_accounting,
)

CHECKS = (CERTIFICATE_LATE, REGISTER_NUMBERING, BLANK_ACCOUNTING)
