"""`llct report NAME --year YYYY [--unit CODE] [--units as_then|as_now] [--number …] [--place …]
--output FILE.(xlsx|pdf|csv)`: a standard report (commune_centre_november, province_yearly,
so_cap_diplomas) for one year, of the whole country or of a unit's subtree."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from llct.errors import AppError
from llct.oversight.statistics.report_files import report_csv, report_pdf, report_xlsx
from llct.oversight.statistics.reports import layouts, report_build

WHOLE_COUNTRY = ("",)


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _("Lập báo cáo thống kê theo mẫu (.xlsx, .pdf hoặc .csv) cho một năm.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("name", choices=list(layouts()), help=_("tên báo cáo"))
        parser.add_argument("--year", type=int, required=True, help=_("năm báo cáo"))
        parser.add_argument("--unit", default="", help=_("mã đơn vị (mặc định: toàn quốc)"))
        parser.add_argument("--units", default="as_then", choices=("as_then", "as_now"))
        parser.add_argument("--number", default="", help=_("số báo cáo, ví dụ 12-BC/TTCT"))
        parser.add_argument("--place", default="", help=_("địa danh ghi ở đầu báo cáo"))
        parser.add_argument("--output", required=True, help=_("tệp kết quả .xlsx, .pdf hoặc .csv"))

    def handle(self, *args, name: str, year: int, unit: str, units: str, output: str, **options) -> None:
        path = Path(output)
        if path.suffix not in (".xlsx", ".pdf", ".csv"):
            raise CommandError(_("Tệp kết quả phải có đuôi .xlsx, .pdf hoặc .csv."))
        try:
            report = report_build(name, year, WHOLE_COUNTRY, unit=unit, units=units)
        except AppError as exc:
            raise CommandError(exc.messages[0]) from exc
        if path.suffix == ".xlsx":
            with path.open("wb") as f:
                report_xlsx(report, f)
        elif path.suffix == ".pdf":
            path.write_bytes(report_pdf(report, number=options["number"], place=options["place"]))
        else:
            with path.open("w", encoding="utf-8", newline="") as f:
                report_csv(report, f)
        self.stdout.write(_("Đã lập %(title)s: %(file)s.") % {"title": report.title, "file": path})
