# ruff: noqa: E501 — sentences of the guides, one per line, as translators read them
"""The short guide of each role (the help page): what the role does in llct, step by step, in the order the
work comes."""

from django.utils.translation import gettext_lazy as _

from llct.accounts.models import Role

GUIDES: dict[str, list] = {
    Role.ORG_BOARD: [
        _(
            "Cán bộ: giữ hồ sơ cán bộ của đơn vị (chức vụ, quy hoạch, xếp loại); nhập nhiều người một lúc bằng “Nhập danh sách” với tệp mẫu."
        ),
        _(
            "Xét điều kiện đào tạo: chọn đơn vị, trình độ và ngày xét để xem ai đủ điều kiện, vì sao (kèm căn cứ); xuất Excel khi cần."
        ),
        _("Kế hoạch: lập kế hoạch năm và chỉ tiêu; người khác có thẩm quyền phê duyệt; chốt khi xong."),
        _(
            "Cử đi học: đánh dấu các cán bộ đủ điều kiện rồi “Lập hồ sơ cử đi học”, gửi duyệt; người khác phê duyệt (không tự duyệt hồ sơ mình gửi)."
        ),
        _("Thống kê, kiểm tra: xem số liệu của đơn vị và giải trình các phát hiện kiểm tra của đơn vị."),
    ],
    Role.DIRECTOR: [
        _(
            "Lớp học: xem các lớp của cơ sở; ký quyết định công nhận khi lớp đã xét kết quả (trang chủ báo lớp nào đang chờ)."
        ),
        _("Có thể hủy kết quả đã xét của một lớp cho đến khi ký quyết định công nhận."),
        _(
            "Văn bằng, chứng chỉ: cấp cho cả lớp trong 15 ngày kể từ quyết định công nhận; thu hồi khi có căn cứ."
        ),
        _("Giảng viên: theo dõi giờ chuẩn so với định mức."),
    ],
    Role.ACADEMIC_OFFICER: [
        _("Lớp học: mở lớp, phân công giảng viên chủ nhiệm, lập lịch học, nhập học các hồ sơ đã duyệt."),
        _("Điểm danh từng buổi; học viên có tỷ lệ dự học dưới 80% được cảnh báo khi còn kịp."),
        _(
            "Nhận bài thu hoạch, công bố điểm đúng hạn; “Xét kết quả” chỉ khi đã đủ điểm (trang xác nhận cho biết ai hoàn thành)."
        ),
        _(
            "In bảng điểm, sổ điểm danh; xuất Excel danh sách; cấp văn bằng, chứng chỉ khi có quyết định công nhận."
        ),
    ],
    Role.LECTURER: [
        _(
            "Lớp học: mở lớp mình dạy, chấm bài thu hoạch (hai người chấm), nộp điểm trong 3 ngày kể từ khi nhận bài."
        ),
        _("Trang chủ báo các lớp có bài chờ chấm và hạn nộp điểm."),
    ],
    Role.INSPECTOR: [
        _(
            "Kiểm tra, giám sát: chạy các nội dung kiểm tra trên đơn vị và khoảng thời gian chọn; mỗi phát hiện nêu căn cứ."
        ),
        _(
            "Xem giải trình của đơn vị, chấp nhận hoặc yêu cầu khắc phục có thời hạn; tải kết luận kiểm tra (PDF)."
        ),
        _(
            "Thống kê: số liệu của phạm vi mình theo năm, trình độ, đơn vị (theo đơn vị khi đó hoặc hiện nay); tải báo cáo."
        ),
    ],
    Role.ADMIN: [
        _(
            "Quản trị: tài khoản, vai trò và đơn vị của người dùng; danh mục chức vụ; các phiên bản quy định; bảng chuẩn chức vụ."
        ),
        _("Mọi chức năng của các vai trò khác, trong toàn bộ phạm vi."),
    ],
}


def guides_for(user) -> list[dict]:
    """Every role's guide, the user's own first and open."""
    guides = [
        {"role": role, "label": Role(role).label, "steps": steps, "mine": role == user.role}
        for role, steps in GUIDES.items()
    ]
    return sorted(guides, key=lambda g: not g["mine"])
