"""`llct statistics-export --from YYYY --to YYYY --output FILE.parquet`: one row per enrolment of the
classes opened in those years, with its dimensions and no personal data, for analysts' own tools."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from llct.oversight.statistics.export import enrolments_export


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _("Xuất mỗi lượt học viên một dòng (không có dữ liệu cá nhân) ra tệp Parquet để phân tích.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--from", dest="year_from", type=int, required=True, help=_("từ năm"))
        parser.add_argument("--to", dest="year_to", type=int, required=True, help=_("đến năm"))
        parser.add_argument("--output", required=True, help=_("tệp kết quả .parquet"))

    def handle(self, *args, year_from: int, year_to: int, output: str, **options) -> None:
        if year_from > year_to:
            raise CommandError(_("Năm bắt đầu không thể sau năm kết thúc."))
        if not output.endswith(".parquet"):
            raise CommandError(_("Tệp kết quả phải có đuôi .parquet."))
        n = enrolments_export(year_from, year_to, Path(output))
        self.stdout.write(_("Đã ghi %(n)s lượt học viên vào %(file)s.") % {"n": n, "file": output})
