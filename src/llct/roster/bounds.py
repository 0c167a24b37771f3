"""What a spreadsheet may declare before calamine (through fastexcel) is asked to read it.

Calamine turns a sheet into one dense grid from its first to its last cell, 32 bytes a cell: a 2 kB
.xlsx whose only cells sit at A1 and XFD1048576 asks for 512 GB and the process aborts. So the zip
container and its XML parts are inspected first, in bounded chunks and without an XML parser (nothing is
expanded or built): the number of parts and their uncompressed size, no DTD (entity expansion), the
declared `<dimension>`, and every cell reference beyond MAX_COLUMNS or MAX_ROWS. Such a file gets a
RosterError naming what is wrong.

A reference-by-reference scan costs a Python step per cell, so only a small sheet is measured exactly:
then `Inspection.cells` is the grid calamine will build. A small file whose grid passes IN_PROCESS_CELLS is
mostly empty and refused (its farthest cells named); the others, unless they declare a count of a million
or more, are read in this process. Any other sheet (large, cells without references, .ods, .xls) is read
by `llct.roster.sandbox` in a child process with a memory limit.
"""

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from .errors import RosterError
from .i18n import gettext as _

MAX_ROWS = 1_048_576  # Excel's own limit
MAX_COLUMNS = 256  # column IV; the roster has 20 columns
MAX_CELLS = 40_000_000  # of the grid calamine builds (≈ 1.3 GB)
MAX_UNCOMPRESSED = 2 << 30  # all parts together; a 1,000,000-row roster is ≈ 1 GB
MAX_PARTS = 10_000
# A sheet this small is scanned cell by cell (≈ 10,000 rows), and read in process when its grid is at most
# IN_PROCESS_CELLS (64 MB).
EXACT_SCAN_BYTES = 16 << 20
IN_PROCESS_CELLS = 2_000_000

_CHUNK = 4 << 20
_OVERLAP = 32
# Letters to "A", digits to "0", quotes to '"', XML white space to " ": the chunk's shape, searched with
# plain substring tests (C speed) for two-letter columns and seven-digit rows before any regex runs.
_SHAPE = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'\t\n\r",
    b"A" * 52 + b"0" * 10 + b'"' + b" " * 3,
)
_WIDE = (b' A="AA',)  # " r=" then a column of two letters or more, in the shape
_TALL = (b'A0000000"', b"A00000000")  # a row of seven digits or more
# A reference whose column is beyond IV (three letters, or two beyond IV) or whose row is beyond 1,048,576.
_COLUMN_BEYOND = rb"(?:[A-Za-z]{3,}|[J-Zj-z][A-Za-z]|[Ii][W-Zw-z])\d+"
_ROW_BEYOND = (
    rb"[A-Za-z]{1,2}0*(?:[1-9]\d{7,}|[2-9]\d{6}|1[1-9]\d{5}|10[5-9]\d{4}|1049\d{3}|1048[6-9]\d\d"
    rb"|10485[89]\d|104857[7-9])"
)
_FAR = re.compile(rb"\sr\s*=\s*[\"'](" + _COLUMN_BEYOND + rb"|" + _ROW_BEYOND + rb")(?=[\"'])")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s[^>]*?ref\s*=\s*[\"']([^\"']{0,40})[\"']")
_REFERENCE = re.compile(r"^([A-Za-z]{1,3})(\d{1,7})$")
_CELL_REF = re.compile(rb"\sr\s*=\s*[\"']([A-Za-z]{1,3})(\d{1,7})[\"']")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s/>]")
# A declared count of a million or more (calamine reserves room for `uniqueCount` shared strings at once).
_BIG_COUNT = re.compile(rb"[cC]ount\s*=\s*[\"']\s*0*[1-9]\d{6,}")
_DTD = (b"<!DOCTYPE", b"<!ENTITY")
# How zipfile reports a broken archive: bad CRC, truncated, encrypted, unknown compression or version.
_ZIP_ERRORS = (
    zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, RuntimeError, NotImplementedError,
)  # fmt: skip


@dataclass(frozen=True)
class Inspection:
    """What the inspection learnt: `cells` is the grid calamine will build (rows × columns up to the
    farthest cell), None when the sheet was not measured exactly."""

    cells: int | None


def inspect_zip(data: bytes) -> Inspection:
    """Check a zip spreadsheet (.xlsx, .xlsm, .ods) against the bounds; RosterError when it is broken or
    declares more than they allow."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except _ZIP_ERRORS as error:
        raise damaged() from error
    if len(parts) > MAX_PARTS:
        raise damaged()
    if sum(p.file_size for p in parts) > MAX_UNCOMPRESSED:
        raise _too_big()
    # Every part is scanned as a possible sheet: the workbook's relationships may name any part.
    exact = sum(p.file_size for p in parts) <= EXACT_SCAN_BYTES
    scan = _Scan(exact=exact)
    try:
        for part in parts:
            scan.part(archive, part)
    except RosterError:
        raise
    except _ZIP_ERRORS as error:
        raise damaged() from error
    return Inspection(cells=scan.cells() if exact else None)


class _Scan:
    """One pass over the XML parts, chunk by chunk."""

    def __init__(self, *, exact: bool) -> None:
        self.exact = exact
        self.read = 0
        self.rows = self.columns = 0
        self.farthest = {"row": "", "column": ""}  # the reference that reaches each
        self.unmeasured = False

    def part(self, archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
        carry = b""
        with archive.open(part) as handle:
            while chunk := handle.read(_CHUNK):
                self.read += len(chunk)
                if self.read > MAX_UNCOMPRESSED:
                    raise _too_big()  # a part larger than its directory entry says
                text = carry + chunk
                if any(marker in text for marker in _DTD):
                    raise RosterError(
                        _(
                            "Tệp bảng tính có khai báo DTD/ENTITY trong XML, điều Excel không bao giờ ghi; "
                            "tệp có thể bị làm giả. Hãy mở tệp bằng Excel rồi lưu lại dưới dạng .xlsx."
                        )
                    )
                self._cells(text)
                carry = text[-_OVERLAP:]

    def _cells(self, text: bytes) -> None:
        if b"dimension" in text and (found := _DIMENSION.search(text)):
            _check_dimension(found.group(1).decode("ascii", "replace"))
        shape = text.translate(_SHAPE)
        if any(marker in shape for marker in (*_WIDE, *_TALL)) and (far := _FAR.search(text)):
            raise _beyond(far.group(1).decode("ascii", "replace"))
        if self.exact:
            references = _CELL_REF.findall(text)
            if len(_CELL_TAG.findall(text)) > len(references) or _BIG_COUNT.search(text):
                self.unmeasured = True  # positions counted by calamine, or room reserved by count
            for letters, digits in references:
                column, row = _column_number(letters.decode()), int(digits)
                if column > self.columns:
                    self.columns, self.farthest["column"] = column, (letters + digits).decode()
                if row > self.rows:
                    self.rows, self.farthest["row"] = row, (letters + digits).decode()

    def cells(self) -> int | None:
        """The grid calamine will build; RosterError when a small file reaches so far that the grid is
        mostly empty (a stray cell far below or to the right of the data)."""
        if self.unmeasured:
            return None
        cells = self.rows * self.columns
        if cells > IN_PROCESS_CELLS:
            raise RosterError(
                _(
                    "Trang tính gần như trống mà trải tới dòng %(rows)s (ô %(row_ref)s) và cột %(columns)s "
                    "(ô %(column_ref)s): có ô nằm rất xa vùng dữ liệu. Hãy xóa các ô đó rồi lưu lại."
                )
                % {
                    "rows": _number(self.rows),
                    "columns": _number(self.columns),
                    "row_ref": self.farthest["row"],
                    "column_ref": self.farthest["column"],
                }
            )
        return cells


def _check_dimension(ref: str) -> None:
    """The sheet's declared range ("A1:T1001"), refused when it is larger than the bounds allow."""
    corners = [_REFERENCE.match(part.strip()) for part in ref.split(":")]
    if not all(corners) or len(corners) > 2:
        return  # not a range calamine would use either
    columns = [_column_number(c.group(1)) for c in corners if c]
    rows = [int(c.group(2)) for c in corners if c]
    width, height = max(columns) - min(columns) + 1, max(rows) - min(rows) + 1
    if max(columns) > MAX_COLUMNS or max(rows) > MAX_ROWS or width * height > MAX_CELLS:
        raise RosterError(
            _(
                "Trang tính khai báo vùng dữ liệu %(ref)s (%(rows)s dòng × %(columns)s cột), vượt giới hạn "
                "%(max_rows)s dòng, %(max_columns)s cột và %(max_cells)s ô. Hãy xóa các ô thừa ở cuối trang "
                "tính (hoặc chép dữ liệu sang một tệp mới) rồi lưu lại."
            )
            % {
                "ref": ref,
                "rows": _number(height),
                "columns": _number(width),
                "max_rows": _number(MAX_ROWS),
                "max_columns": _number(MAX_COLUMNS),
                "max_cells": _number(MAX_CELLS),
            }
        )


def _column_number(letters: str) -> int:
    """A1 notation's column letters as a number (A = 1, Z = 26, AA = 27, XFD = 16,384)."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _beyond(ref: str) -> RosterError:
    return RosterError(
        _(
            "Trang tính có ô ở vị trí %(ref)s, ngoài giới hạn %(max_rows)s dòng và %(max_columns)s cột (tới "
            "cột IV) của danh sách cán bộ. Hãy xóa ô đó (và các ô thừa khác) rồi lưu lại."
        )
        % {"ref": ref, "max_rows": _number(MAX_ROWS), "max_columns": _number(MAX_COLUMNS)}
    )


def _too_big() -> RosterError:
    return RosterError(
        _(
            "Tệp bảng tính khi giải nén lớn hơn %(limit)s GB, vượt quá giới hạn của một danh sách cán bộ "
            "(tệp có thể bị hỏng hoặc bị làm giả). Hãy chia danh sách thành nhiều tệp nhỏ hơn."
        )
        % {"limit": MAX_UNCOMPRESSED >> 30}
    )


def damaged() -> RosterError:
    """The error for a spreadsheet that cannot be read at all."""
    return RosterError(
        _(
            "Không đọc được tệp bảng tính (tệp bị hỏng, có mật khẩu hoặc không phải bảng tính). "
            "Hãy mở tệp bằng Excel rồi lưu lại dưới dạng .xlsx."
        )
    )
