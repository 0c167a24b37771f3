"""Reading a spreadsheet's first sheet with calamine (through fastexcel), in this process when
`llct.roster.bounds` measured its grid as small, else in a child process whose address space is limited.

Calamine answers an impossible allocation by aborting the whole process (SIGABRT), which no `except`
catches: in a child only the child dies, and the file gets a RosterError. The limit is
LLCT_SHEET_MEMORY_MB (default 6144, enough for a 1,000,000-row roster), the time LLCT_SHEET_SECONDS
(default 600). The child sends the sheet back as Arrow IPC on its standard output.

The child runs `child(MEGABYTES)`: the file on its standard input.
"""

import io
import logging
import os
import resource
import subprocess
import sys

import fastexcel
import polars as pl

from .bounds import IN_PROCESS_CELLS, Inspection, damaged
from .errors import RosterError
from .i18n import gettext as _

log = logging.getLogger(__name__)
MEMORY_MB = int(os.environ.get("LLCT_SHEET_MEMORY_MB", "6144"))
SECONDS = int(os.environ.get("LLCT_SHEET_SECONDS", "600"))
# The child's exit status when calamine refused the file cleanly; its standard output then says why.
_REFUSED = 3
_NO_SHEET, _EMPTY, _UNREADABLE = b"no-sheet", b"empty", b"unreadable"
_CHILD = "import sys; from llct.roster.sandbox import child; sys.exit(child(int(sys.argv[1])))"


def first_sheet(data: bytes, inspection: Inspection) -> pl.DataFrame:
    """The first sheet, header row as column names, every cell as text. RosterError when unreadable."""
    if inspection.cells is not None and inspection.cells <= IN_PROCESS_CELLS:
        try:
            return _load(data)
        except _Refused as refusal:
            raise _error(refusal.reason) from None
    try:
        child = subprocess.run(
            [sys.executable, "-c", _CHILD, str(MEMORY_MB)],
            input=data,
            capture_output=True,
            timeout=SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise RosterError(
            _(
                "Đọc tệp bảng tính quá %(minutes)s phút nên đã dừng (tệp có thể bị hỏng hoặc quá lớn). "
                "Hãy mở tệp bằng Excel, xóa các ô thừa rồi lưu lại, hoặc chia thành nhiều tệp."
            )
            % {"minutes": SECONDS // 60}
        ) from error
    if child.returncode == 0:
        return pl.read_ipc(io.BytesIO(child.stdout))
    if child.returncode == _REFUSED:
        raise _error(child.stdout.strip())
    log.warning("spreadsheet reader stopped with %s: %s", child.returncode, child.stderr[:300])
    raise RosterError(
        _(
            "Tệp bảng tính cần nhiều bộ nhớ hơn giới hạn cho phép khi đọc (có thể có ô ở rất xa vùng dữ liệu "
            "hay tệp bị hỏng). Hãy mở tệp bằng Excel, xóa các dòng và cột thừa ở cuối rồi lưu lại."
        )
    )


class _Refused(Exception):
    def __init__(self, reason: bytes) -> None:
        super().__init__(reason)
        self.reason = reason


def _load(data: bytes) -> pl.DataFrame:
    try:
        reader = fastexcel.read_excel(data)
        if not reader.sheet_names:
            raise _Refused(_NO_SHEET)
        sheet = reader.load_sheet(0, header_row=0, dtypes="string", skip_whitespace_tail_rows=True)
        return sheet.to_polars()
    except _Refused:
        raise
    except BaseException as error:  # calamine reports a broken file in many ways, a Rust panic included
        if isinstance(error, KeyboardInterrupt | SystemExit):
            raise
        text = str(error).lower()
        raise _Refused(_EMPTY if "empty" in text or "no rows" in text else _UNREADABLE) from error


def _error(reason: bytes) -> RosterError:
    if reason == _NO_SHEET:
        return RosterError(_("Bảng tính không có trang tính nào."))
    if reason == _EMPTY:
        return RosterError(
            _("Trang tính đầu tiên trống: dòng 1 phải là dòng tiêu đề (Mã cán bộ, Họ và tên, …).")
        )
    return damaged()


def child(megabytes: int) -> int:
    """The child process: the file from standard input, the sheet as Arrow IPC to standard output."""
    limit = megabytes << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        frame = _load(sys.stdin.buffer.read())
    except _Refused as refusal:
        sys.stdout.buffer.write(refusal.reason)
        return _REFUSED
    out = io.BytesIO()
    frame.write_ipc(out)
    sys.stdout.buffer.write(out.getbuffer())
    return 0
