"""`GET /api/statistics`: the table of the statistics page as data, within the caller's scope."""

from django.core.exceptions import PermissionDenied
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from llct.accounts.permissions import Action, can
from llct.errors import AppError
from llct.registry.scope import scope_paths

from .engine import UnitOutOfScope, statistics_table
from .params import query_from_params

router = Router(tags=["statistics"])

Value = int | float | None
_CODES = "mã, cách nhau bởi dấu phẩy"


class StatisticsParams(Schema):
    indicators: str = Field(..., description=f"chỉ tiêu ({_CODES}), ví dụ classes_opened,learner_places")
    rows: str = Field("", description=f"chiều của hàng ({_CODES}), ví dụ year,level")
    columns: str = Field("", description=f"chiều của cột ({_CODES}), ví dụ sex")
    year: int | None = Field(None, description="một năm (mặc định: mọi năm)")
    year_from: int | None = Field(None, description="từ năm")
    year_to: int | None = Field(None, description="đến năm")
    unit: str = Field("", description="mã đơn vị gốc: chỉ đếm cây đơn vị của nó (mặc định: cả phạm vi)")
    units: str = Field("as_then", description="as_then: theo đơn vị khi đó; as_now: theo đơn vị hiện nay")
    depth: int | None = Field(None, description="độ sâu của chiều unit trong cây (mặc định: dưới đơn vị gốc)")
    month: str = Field("", description="lọc theo tháng (1–12)")
    level: str = Field("", description="lọc theo trình độ: so_cap, trung_cap, cao_cap")
    programme: str = Field("", description="lọc theo mã chương trình")
    family: str = Field("", description="lọc theo nhóm chương trình: llct, ttct_xa, ttct_huyen")
    mode: str = Field("", description="lọc theo hình thức: tap_trung, khong_tap_trung")
    institution: str = Field("", description="lọc theo mã cơ sở đào tạo")
    institution_kind: str = Field("", description="lọc theo loại cơ sở đào tạo")
    sending_unit: str = Field("", description="lọc theo mã đơn vị cử")
    sector: str = Field("", description="lọc theo khối của đơn vị cử")
    sex: str = Field("", description="lọc theo giới tính: nam, nu")
    ethnicity: str = Field("", description="lọc theo dân tộc: kinh, thieu_so")
    age_band: str = Field("", description="lọc theo nhóm tuổi: duoi_30, 30_39, 40_49, 50_59, tu_60")


class IndicatorOut(Schema):
    code: str
    label: str
    unit: str
    basis: str
    carried: bool = Field(description="false: its records do not carry every dimension asked (cells null)")


class CellOut(Schema):
    row: list[str]
    column: list[str]
    values: dict[str, Value]


class RowTotalOut(Schema):
    row: list[str]
    values: dict[str, Value]


class ColumnTotalOut(Schema):
    column: list[str]
    values: dict[str, Value]


class StatisticsOut(Schema):
    indicators: list[IndicatorOut]
    rows: list[str] = Field(description="mã các chiều của hàng; mỗi khóa hàng giữ mã theo thứ tự này")
    columns: list[str]
    units: str
    unit: str | None
    depth: int
    labels: dict[str, dict[str, str]] = Field(description="tên của từng mã, theo chiều")
    cells: list[CellOut]
    row_totals: list[RowTotalOut]
    column_totals: list[ColumnTotalOut]
    subtotals: list[CellOut] = Field(
        description="cộng theo các chiều đầu của hàng, từng cột (column rỗng: cộng mọi cột)"
    )
    total: dict[str, Value]


@router.get("", response=StatisticsOut, url_name="statistics")
def statistics(request, params: Query[StatisticsParams]):
    """The statistics table: the indicators by the dimensions of the rows and columns, with totals and
    subtotals, counted only over the caller's scope. A null figure means the indicator's records do not
    carry that dimension (the sex of a class); a ratio without a denominator is null too. 404 for a unit
    outside the scope, 422 for an unknown indicator or dimension."""
    if not can(request.user, Action.VIEW_STATISTICS):
        raise PermissionDenied
    given = {k: "" if v is None else str(v) for k, v in params.dict().items()}
    try:
        table = statistics_table(query_from_params(given), scope_paths(request.user))
    except UnitOutOfScope as exc:
        raise HttpError(404, exc.messages[0]) from exc
    except AppError as exc:
        raise HttpError(422, exc.messages[0]) from exc
    return table.as_dict()
