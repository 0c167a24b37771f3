"""`llct import-roster FILE [--dry-run] [--unit CODE] [--user USERNAME]`: the roster import from the
command line. Problems are printed with their row and column; nothing is written on --dry-run or when the
file has any problem, and the exit status is then non-zero."""

from django.contrib.auth import get_user_model
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from llct.registry.models import Unit
from llct.registry.roster_import.services import roster_import
from llct.roster import RosterError


class Command(BaseCommand):
    @property
    def help(self) -> str:  # translated when asked, in the active language
        return _(
            "Nhập danh sách cán bộ (.xlsx, .csv, .parquet) vào hồ sơ: kiểm tra toàn bộ tệp rồi ghi tất cả "
            "hoặc không."
        )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help=_("tệp danh sách cán bộ"))
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ kiểm tra, không ghi gì."))
        parser.add_argument("--unit", help=_("Mã đơn vị nhận (mặc định: đơn vị của --user)."))
        parser.add_argument(
            "--user",
            help=_("Tên đăng nhập của người nhập (ghi vào lịch sử thay đổi, giới hạn phạm vi)."),
        )

    def handle(self, *args, file: str, dry_run: bool, unit: str | None, user: str | None, **options) -> None:
        importer = None
        if user:
            importer = get_user_model().objects.filter(username=user).select_related("unit").first()
            if importer is None:
                raise CommandError(_("Không có người dùng “%(user)s”.") % {"user": user})
        if unit:
            target = Unit.objects.filter(code=unit).first()
            if target is None:
                raise CommandError(_("Không có đơn vị mã “%(code)s”.") % {"code": unit})
        elif importer is not None and importer.unit is not None:
            target = importer.unit
        else:
            raise CommandError(_("Hãy cho biết đơn vị nhận (--unit MÃ) hoặc người nhập có đơn vị (--user)."))
        try:
            result = roster_import(file, user=importer, unit=target, dry_run=dry_run)
        except RosterError as error:
            raise CommandError(error.message) from error
        for p in result.problems:
            self.stderr.write(
                _("Dòng %(row)s, cột “%(column)s”, giá trị “%(value)s”: %(reason)s")
                % {"row": p.row, "column": p.column, "value": p.value, "reason": p.reason}
            )
        if result.problems:
            raise CommandError(
                _("Tệp có %(count)s lỗi; không ghi dòng nào.") % {"count": intcomma(len(result.problems))}
            )
        if dry_run:
            self.stdout.write(
                _("Tệp hợp lệ: %(total)s dòng. Chạy thử (--dry-run): không ghi gì.")
                % {"total": intcomma(result.total)}
            )
        else:
            self.stdout.write(
                _("Đã nhập %(total)s dòng: %(created)s cán bộ mới, %(updated)s cán bộ cập nhật.")
                % {
                    "total": intcomma(result.total),
                    "created": intcomma(result.created),
                    "updated": intcomma(result.updated),
                }
            )
