"""The training lists as spreadsheets (llct.web.export): classes, nominations, a plan against what was done,
and a class's results — the same rows the pages show."""

from django.utils.translation import gettext as _

from llct.web.export import Column


def class_columns() -> list[Column]:
    return [
        (_("Mã lớp"), lambda c: c.code),
        (_("Tên lớp"), lambda c: c.name),
        (_("Cơ sở đào tạo"), lambda c: c.institution.name),
        (_("Chương trình"), lambda c: c.programme.name),
        (_("Hình thức"), lambda c: c.get_mode_display()),
        (_("Ngày khai giảng"), lambda c: c.starts_on),
        (_("Ngày bế giảng"), lambda c: c.ends_on),
        (_("Sĩ số"), lambda c: c.learners),
        (_("Chỉ tiêu lớp"), lambda c: c.capacity),
        (_("Trạng thái"), lambda c: c.get_status_display()),
    ]


def nomination_columns() -> list[Column]:
    return [
        (_("Mã cán bộ"), lambda n: n.cadre.code),
        (_("Họ và tên"), lambda n: n.cadre.full_name),
        (_("Chương trình"), lambda n: n.programme.name),
        (_("Hình thức"), lambda n: n.get_mode_display()),
        (_("Mã đơn vị cử"), lambda n: n.sending_unit.code),
        (_("Đơn vị cử"), lambda n: n.sending_unit.name),
        (_("Ngày cử"), lambda n: n.nominated_on),
        (_("Đủ điều kiện"), lambda n: n.eligible),
        (_("Trạng thái"), lambda n: n.get_status_display()),
        (_("Lớp"), lambda n: n.training_class.code if n.training_class else ""),
    ]


def plan_columns() -> list[Column]:
    return [
        (_("Chương trình"), lambda r: r["line"].programme.name),
        (_("Hình thức"), lambda r: r["line"].get_mode_display()),
        (_("Cơ sở đào tạo"), lambda r: r["line"].institution.name if r["line"].institution else ""),
        (_("Chỉ tiêu"), lambda r: r["line"].quota),
        (_("Đã cử"), lambda r: r["nominated"]),
        (_("Đã duyệt"), lambda r: r.get("approved")),
        (_("Đã nhập học"), lambda r: r.get("admitted")),
        (_("Hoàn thành"), lambda r: r.get("completed")),
    ]


def result_columns() -> list[Column]:
    return [
        (_("Mã cán bộ"), lambda r: r.enrolment.cadre.code),
        (_("Họ và tên"), lambda r: r.enrolment.cadre.full_name),
        (_("Đơn vị cử"), lambda r: r.enrolment.sending_unit.name),
        (_("Chuyên cần (%)"), lambda r: r.attendance.percent),
        (_("Điểm"), lambda r: r.result.mark),
        (_("Xếp loại"), lambda r: r.enrolment.get_band_display()),
        (_("Kết quả"), lambda r: r.enrolment.get_status_display()),
        (_("Khen thưởng"), lambda r: r.enrolment.rewarded),
    ]
