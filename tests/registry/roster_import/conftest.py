import io

import pytest

from llct.registry.models import Assignment, Cadre, PlanningEntry, YearlyRating

HEADER = (
    "Mã cán bộ,Họ và tên,Số CCCD,Ngày sinh,Giới tính,Dân tộc,Đảng viên,Trình độ LLCT,Chức vụ,Cấp,Khối,"
    "Đơn vị,Chức vụ quy hoạch,Cấp quy hoạch,Ngạch,Ngày giữ ngạch,Xếp loại năm trước,Xếp loại năm trước nữa"
)
ROWS = [
    "CB001,Nguyễn Văn An,001085012345,17/05/1985,Nam,Kinh,Chính thức,Trung cấp,PCT UBND,Xã,Chính quyền,"
    "Xã Tiên Phong,,,Chuyên viên,01/02/2015,Hoàn thành tốt nhiệm vụ,Hoàn thành xuất sắc nhiệm vụ",
    "CB002,Trần Thị Bình,,1990-01-02,Nữ,Tày,,,Công chức,Xã,Chính quyền,,"
    "Phó Chủ tịch UBND,Xã,,,Hoàn thành nhiệm vụ,",
]


def roster_csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


MODELS = (Cadre, Assignment, PlanningEntry, YearlyRating)


def counts() -> dict[str, int]:
    """Rows of the registry and of its audit tables: an import that fails must change none."""
    out = {}
    for model in MODELS:
        out[model.__name__] = model.objects.count()
        out[f"history {model.__name__}"] = model.history.count()
    return out


@pytest.fixture
def good_csv() -> bytes:
    return roster_csv(*ROWS)


def upload(data: bytes, name: str = "ds.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def as_file(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    """Uploaded rosters go to a temporary media directory, not the data directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
