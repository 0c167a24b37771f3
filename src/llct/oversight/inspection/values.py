"""How a finding's values read to a user: each key the checks write has a Vietnamese label, and lists,
truth values and a few coded words are written out. The keys themselves stay stable (exports, the API)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "allocation": _("Căn cứ phân cấp ngày khai giảng"),
    "allowed": _("Số được khen thưởng tối đa"),
    "as_of": _("Tính đến ngày"),
    "attendance_percent": _("Tỷ lệ dự học (%)"),
    "class_size": _("Sĩ số"),
    "competent_kinds": _("Loại cơ sở có thẩm quyền"),
    "completed": _("Hoàn thành"),
    "counter": _("Số vào sổ cuối cùng đã lấy"),
    "credential": _("Văn bằng in trên phôi"),
    "days_after_decision": _("Số ngày sau quyết định công nhận"),
    "days_overdue": _("Số ngày quá hạn"),
    "deadline": _("Hạn cấp"),
    "direction": _("So với định mức"),
    "ends_on": _("Ngày bế giảng"),
    "entries": _("Số giấy đã vào sổ"),
    "expected": _("Số phôi của lô"),
    "final_mark": _("Điểm cuối khóa"),
    "first_mark": _("Điểm người chấm 1"),
    "first_marker": _("Người chấm 1"),
    "first_markers": _("Người chấm lần đầu"),
    "full_norm": _("Định mức đầy đủ (giờ chuẩn)"),
    "held_level": _("Trình độ LLCT đang có"),
    "highest_number": _("Số vào sổ lớn nhất"),
    "institution": _("Cơ sở đào tạo"),
    "institution_kind": _("Loại cơ sở"),
    "institution_valid_to": _("Cơ sở chấm dứt hoạt động ngày"),
    "issued_on": _("Ngày cấp"),
    "learners": _("Số học viên (không tính người rút)"),
    "level_issued_on": _("Ngày cấp văn bằng LLCT"),
    "lodged_on": _("Ngày đề nghị phúc tra"),
    "mark": _("Điểm bài thu hoạch"),
    "minimum": _("Số học viên tối thiểu"),
    "minimum_hours": _("Giờ giảng tối thiểu"),
    "missing": _("Số bị thiếu"),
    "missing_numbers": _("Các số bị thiếu"),
    "mode": _("Hình thức học"),
    "nominated_on": _("Ngày cử"),
    "nomination": _("Hồ sơ cử đi học"),
    "norm_hours": _("Định mức giảng dạy (giờ chuẩn)"),
    "overlapping_class": _("Lớp tập trung trùng thời gian"),
    "overlapping_enrolment": _("Lần nhập học trùng thời gian"),
    "post": _("Chức vụ"),
    "present_periods": _("Số tiết có mặt"),
    "programme": _("Chương trình"),
    "programme_offered_until": _("Chương trình chỉ mở đến ngày"),
    "reasons": _("Lý do không đủ điều kiện"),
    "recognition": _("Quyết định công nhận"),
    "recorded": _("Số phôi đã ghi"),
    "reductions": _("Các tháng được giảm định mức"),
    "register_year": _("Năm vào sổ"),
    "regulation": _("Văn bản áp dụng"),
    "remarker": _("Người chấm phúc tra"),
    "repeated_numbers": _("Các số trùng"),
    "required_level": _("Trình độ LLCT theo tiêu chuẩn"),
    "rewarded": _("Số được khen thưởng"),
    "scheduled_periods": _("Số tiết của lớp"),
    "second_mark": _("Điểm người chấm 2"),
    "second_marker": _("Người chấm 2"),
    "serial_twice": _("Số hiệu phôi trùng"),
    "signed_on": _("Ngày ký quyết định công nhận"),
    "standard": _("Dòng tiêu chuẩn chức danh"),
    "starts_on": _("Ngày khai giảng"),
    "status": _("Trạng thái"),
    "stock": _("Lô phôi"),
    "stock_range": _("Dải số của lô"),
    "taught_hours": _("Giờ đã giảng"),
    "teaching_share": _("Tỷ lệ giảng dạy theo chức trách"),
    "threshold_percent": _("Ngưỡng chuyên cần (%)"),
    "year": _("Năm"),
}
WORDS = {"below": _("dưới định mức"), "above": _("vượt định mức")}


def value_label(key: str) -> str:
    return str(LABELS.get(key, key))


def value_text(value) -> str:
    if isinstance(value, bool):
        return str(_("Có")) if value else str(_("Không"))
    if isinstance(value, list | tuple):
        return ", ".join(value_text(v) for v in value) or "—"
    if value in ("", None):
        return "—"
    return str(WORDS.get(value, value)) if isinstance(value, str) else str(value)
