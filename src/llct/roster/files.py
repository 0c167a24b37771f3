"""Opening a roster file: which format it is, and its cells as text under the headers as written.

Everything is read as strings (spreadsheet date cells become "yyyy-mm-dd hh:mm:ss") so that the reader,
not the file library, decides what a cell means. Parquet keeps its native date columns.
"""

import io
from pathlib import Path

import polars as pl

from .bounds import Inspection, inspect_zip
from .errors import RosterError
from .i18n import gettext as _
from .sandbox import first_sheet

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SUFFIXES = (*SPREADSHEET_SUFFIXES, ".csv", ".parquet")
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"
_PARQUET = b"PAR1"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"


def load(source: str | Path | bytes, filename: str | None) -> pl.DataFrame:
    """The file's first sheet (or table) with its header row as column names, every cell as text
    (null when empty); parquet date columns stay dates. Raises RosterError when it is not a roster file."""
    name = filename or (str(source) if not isinstance(source, bytes) else "")
    suffix = Path(name).suffix.lower()
    head = source[:8] if isinstance(source, bytes) else _head(Path(source))
    if not head:
        raise RosterError(_("Tệp rỗng (0 byte). Hãy chọn tệp danh sách cán bộ có dòng tiêu đề và dữ liệu."))
    if head.startswith((_ZIP, _OLE)) and suffix != ".parquet":
        return _spreadsheet(source)
    if head.startswith(_PARQUET):
        return _parquet(source)
    if suffix in (*SPREADSHEET_SUFFIXES, ".parquet"):
        raise RosterError(
            _(
                "Tệp “%(name)s” không phải là bảng tính %(suffix)s hợp lệ (có thể tệp bị hỏng hoặc chỉ được "
                "đổi tên). Hãy mở tệp bằng Excel rồi lưu lại dưới dạng .xlsx."
            )
            % {"name": Path(name).name, "suffix": suffix}
        )
    if suffix in (".csv", ".txt", ""):
        return _csv(source if isinstance(source, bytes) else Path(source).read_bytes())
    raise RosterError(
        _("Không đọc được tệp “%(name)s”: chỉ nhận tệp .xlsx, .csv (UTF-8) hoặc .parquet.")
        % {"name": Path(name).name}
    )


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(8)
    except OSError as error:
        raise RosterError(
            _("Không mở được tệp “%(name)s”: %(reason)s.") % {"name": path.name, "reason": error.strerror}
        ) from error


def _spreadsheet(source: str | Path | bytes) -> pl.DataFrame:
    """The first sheet, after the container was checked against `bounds` (a sheet that would make the
    reader ask for gigabytes is refused or read in a memory-limited child: see `sandbox`)."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    inspection = inspect_zip(data) if data.startswith(_ZIP) else Inspection(cells=None)
    return first_sheet(data, inspection)


def _parquet(source: str | Path | bytes) -> pl.DataFrame:
    try:
        frame = pl.read_parquet(io.BytesIO(source) if isinstance(source, bytes) else source)
    except Exception as error:
        raise RosterError(_("Không đọc được tệp .parquet (tệp bị hỏng).")) from error
    casts = {
        name: (pl.Date if dtype == pl.Datetime else pl.String)
        for name, dtype in frame.schema.items()
        if dtype not in (pl.String, pl.Date)
    }
    return frame.with_columns(pl.col(name).cast(dtype) for name, dtype in casts.items())


def _csv(data: bytes) -> pl.DataFrame:
    if data.startswith(_UTF16_BOMS):
        # Excel's "Unicode text" is UTF-16 with a BOM; re-encoded so that Polars can read it.
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as error:
            raise RosterError(
                _(
                    "Tệp văn bản Unicode (UTF-16) bị cắt dở hoặc hỏng. Hãy lưu lại tệp dưới dạng .xlsx "
                    "hoặc “CSV UTF-8”."
                )
            ) from error
    data = data.removeprefix(_UTF8_BOM)
    if b"\x00" in data[:65536]:
        raise RosterError(
            _(
                "Tệp không phải là bảng tính hay tệp CSV (có dữ liệu nhị phân). "
                "Hãy chọn tệp .xlsx, .csv hoặc .parquet chứa danh sách cán bộ."
            )
        )
    if not data.strip():
        raise RosterError(_("Tệp rỗng. Hãy chọn tệp danh sách cán bộ có dòng tiêu đề và dữ liệu."))
    first_line = data.split(b"\n", 1)[0]
    separator = max((",", ";", "\t"), key=lambda s: first_line.count(s.encode()))
    try:
        return pl.read_csv(
            io.BytesIO(data),
            separator=separator,
            infer_schema=False,
            encoding="utf8",
            raise_if_empty=True,
        )
    except pl.exceptions.NoDataError as error:
        raise RosterError(_("Tệp rỗng. Hãy chọn tệp danh sách cán bộ có dòng tiêu đề và dữ liệu.")) from error
    except Exception as error:
        if _not_utf8(data):
            raise RosterError(
                _(
                    "Tệp CSV không ở bảng mã UTF-8 nên tiếng Việt không đọc được. Trong Excel hãy chọn "
                    "Lưu thành → “CSV UTF-8 (Comma delimited)”, hoặc lưu dạng .xlsx."
                )
            ) from error
        raise RosterError(
            _(
                "Không đọc được tệp CSV: có dòng mà số cột khác dòng tiêu đề hoặc dấu ngoặc kép không khép. "
                "Hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx hoặc “CSV UTF-8”."
            )
        ) from error


def _not_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False
