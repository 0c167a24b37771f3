"""`llct import-roster FILE [--dry-run] [--unit CODE] [--user USERNAME]`: the roster import from the
command line. Problems are printed in Vietnamese with their row and column; nothing is written on
--dry-run or when the file has any problem, and the exit status is then non-zero."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from llct.registry.models import Unit
from llct.registry.roster_import.services import roster_import
from llct.roster import RosterError


class Command(BaseCommand):
    help = (
        "Nhập danh sách cán bộ (.xlsx, .csv, .parquet) vào hồ sơ: kiểm tra toàn bộ tệp rồi ghi tất cả "
        "hoặc không."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi gì.")
        parser.add_argument("--unit", help="Mã đơn vị nhận (mặc định: đơn vị của --user).")
        parser.add_argument(
            "--user", help="Tên đăng nhập của người nhập (ghi vào lịch sử thay đổi, giới hạn phạm vi)."
        )

    def handle(self, *args, file: str, dry_run: bool, unit: str | None, user: str | None, **options) -> None:
        importer = None
        if user:
            importer = get_user_model().objects.filter(username=user).select_related("unit").first()
            if importer is None:
                raise CommandError(f"Không có người dùng “{user}”.")
        if unit:
            target = Unit.objects.filter(code=unit).first()
            if target is None:
                raise CommandError(f"Không có đơn vị mã “{unit}”.")
        elif importer is not None and importer.unit is not None:
            target = importer.unit
        else:
            raise CommandError("Hãy cho biết đơn vị nhận (--unit MÃ) hoặc người nhập có đơn vị (--user).")
        try:
            result = roster_import(file, user=importer, unit=target, dry_run=dry_run)
        except RosterError as error:
            raise CommandError(error.message) from error
        for p in result.problems:
            self.stderr.write(f"Dòng {p.row}, cột “{p.column}”, giá trị “{p.value}”: {p.reason}")
        if result.problems:
            raise CommandError(f"Tệp có {len(result.problems)} lỗi; không ghi dòng nào.")
        if dry_run:
            self.stdout.write(f"Tệp hợp lệ: {result.total} dòng. Chạy thử (--dry-run): không ghi gì.")
        else:
            self.stdout.write(
                f"Đã nhập {result.total} dòng: {result.created} cán bộ mới, {result.updated} cán bộ cập nhật."
            )
