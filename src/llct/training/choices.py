"""Vocabularies of training. Values are stable keys (data files, the API); labels are what users read."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeFamily(models.TextChoices):
    LLCT_LEVEL = "llct", _("Đào tạo lý luận chính trị theo trình độ")
    COMMUNE_CENTRE = "ttct_xa", _("Bồi dưỡng tại Trung tâm Chính trị cấp xã")
    DISTRICT_CENTRE = "ttct_huyen", _("Bồi dưỡng tại Trung tâm Chính trị cấp huyện")


class ProgrammeOutput(models.TextChoices):
    """What a learner who completes the programme receives (QĐ 1147 art. 4; HD 11 for sơ cấp)."""

    DIPLOMA = "bang", _("Bằng tốt nghiệp")
    CERTIFICATE = "giay_chung_nhan", _("Quyết định công nhận và giấy chứng nhận")
    DECISION_ONLY = "quyet_dinh", _("Chỉ quyết định công nhận")


class AssessmentScheme(models.TextChoices):
    ESSAY_QD1147 = "thu_hoach_1147", _("Một bài thu hoạch cuối khóa, hai giảng viên chấm (QĐ 1147)")
    EXAMS = "thi_hoc_phan", _("Thi hết học phần và thi cuối khóa hoặc khóa luận")


class StudyMode(models.TextChoices):
    FULL_TIME = "tap_trung", _("Tập trung")
    PART_TIME = "khong_tap_trung", _("Không tập trung")


class PlanStatus(models.TextChoices):
    DRAFT = "du_thao", _("Dự thảo")
    APPROVED = "da_duyet", _("Đã phê duyệt")
    FIXED = "chot", _("Đã chốt")


class NominationStatus(models.TextChoices):
    DRAFT = "du_thao", _("Dự thảo")
    SUBMITTED = "da_gui", _("Đã trình")
    APPROVED = "da_duyet", _("Đã duyệt")
    REJECTED = "tu_choi", _("Không duyệt")
    ADMITTED = "da_trieu_tap", _("Đã nhập học")
    WITHDRAWN = "rut", _("Đã rút")


# A cadre has at most one nomination in these states per programme.
ACTIVE_NOMINATION_STATUSES = (
    NominationStatus.DRAFT,
    NominationStatus.SUBMITTED,
    NominationStatus.APPROVED,
    NominationStatus.ADMITTED,
)


class ClassStatus(models.TextChoices):
    OPEN = "mo", _("Đang tuyển sinh")
    IN_PROGRESS = "dang_hoc", _("Đang học")
    ASSESSED = "da_cham", _("Đã đánh giá")
    RECOGNISED = "da_cong_nhan", _("Đã có quyết định công nhận")


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "dang_hoc", _("Đang học")
    COMPLETED = "hoan_thanh", _("Hoàn thành")
    NOT_COMPLETED = "khong_hoan_thanh", _("Không hoàn thành")
    EXPELLED = "buoc_thoi_hoc", _("Buộc thôi học")
    WITHDRAWN = "rut", _("Rút khỏi lớp")


class CommitteeRole(models.TextChoices):
    NONE = "", _("—")
    MONITOR = "lop_truong", _("Lớp trưởng")
    DEPUTY = "lop_pho", _("Lớp phó")
    PARTY_CELL = "bi_thu_chi_bo", _("Bí thư chi bộ lớp")
    GROUP_LEADER = "to_truong", _("Tổ trưởng")


class LecturerKind(models.TextChoices):
    FULL_TIME = "co_huu", _("Giảng viên cơ hữu")
    CONCURRENT = "kiem_chuc", _("Giảng viên kiêm chức")
    VISITING = "thinh_giang", _("Giảng viên thỉnh giảng")


class ManagementRole(models.TextChoices):
    """A full-time lecturer's other duty, which sets the teaching share of the norm (QĐ 1147 art. 13)."""

    NONE = "", _("Không kiêm nhiệm")
    DIRECTOR = "giam_doc", _("Giám đốc")
    DEPUTY_DIRECTOR = "pho_giam_doc", _("Phó Giám đốc")
    STAFF_DUTY = "kiem_nhiem", _("Kiêm giáo vụ, văn phòng, kế toán hoặc thư viện")


class AttendanceStatus(models.TextChoices):
    PRESENT = "co_mat", _("Có mặt")
    EXCUSED = "vang_co_phep", _("Vắng có lý do")
    ABSENT = "vang", _("Vắng không lý do")


class Band(models.TextChoices):
    """Grade bands of QĐ 1147: 5–<7, 7–<8, 8–<9, 9–10."""

    FAIL = "khong_dat", _("Không đạt")
    AVERAGE = "trung_binh", _("Trung bình")
    FAIR = "kha", _("Khá")
    GOOD = "gioi", _("Giỏi")
    EXCELLENT = "xuat_sac", _("Xuất sắc")


class Discipline(models.TextChoices):
    NONE = "", _("Không")
    REPRIMAND = "khien_trach", _("Khiển trách")
    WARNING = "canh_cao", _("Cảnh cáo")
    EXPULSION = "buoc_thoi_hoc", _("Buộc thôi học")


class MarkKind(models.TextChoices):
    MODULE_EXAM = "hoc_phan", _("Thi hết học phần")
    FINAL_EXAM = "thi_cuoi_khoa", _("Thi cuối khóa")
    THESIS = "khoa_luan", _("Khóa luận")


class AppealOutcome(models.TextChoices):
    PENDING = "cho", _("Đang phúc tra")
    UNCHANGED = "giu_nguyen", _("Giữ nguyên điểm")
    CHANGED = "thay_doi", _("Điều chỉnh theo điểm phúc tra")
    DIRECTOR = "giam_doc", _("Giám đốc quyết định điểm cuối cùng")
