"""`llct statistics --indicators … --rows … [--columns …] [--year YYYY] [--unit CODE]
[--units as_then|as_now] [--depth N] [--filter DIM=CODES …] --output FILE.csv`: a statistics table of the
whole country (or of a unit's subtree) as UTF-8 CSV — one column per row and column dimension, named by its
code and holding codes, then one per indicator. All years when --year is omitted."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from llct.errors import AppError
from llct.oversight.statistics.engine import statistics_table
from llct.oversight.statistics.params import FILTERS, query_from_params

WHOLE_COUNTRY = ("",)


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _("Thống kê theo chỉ tiêu và chiều (toàn quốc hoặc một cây đơn vị) ra tệp CSV (UTF-8).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--indicators", required=True, help=_("mã chỉ tiêu, cách nhau bởi dấu phẩy"))
        parser.add_argument("--rows", default="", help=_("mã chiều của hàng, cách nhau bởi dấu phẩy"))
        parser.add_argument("--columns", default="", help=_("mã chiều của cột, cách nhau bởi dấu phẩy"))
        parser.add_argument("--year", help=_("năm (mặc định: mọi năm)"))
        parser.add_argument("--year-from", help=_("từ năm"))
        parser.add_argument("--year-to", help=_("đến năm"))
        parser.add_argument("--unit", default="", help=_("mã đơn vị gốc (mặc định: toàn quốc)"))
        parser.add_argument("--units", default="as_then", choices=("as_then", "as_now"))
        parser.add_argument("--depth", help=_("độ sâu của chiều unit trong cây đơn vị"))
        parser.add_argument(
            "--filter",
            action="append",
            default=[],
            metavar="DIM=CODES",
            help=_("lọc theo một chiều, ví dụ level=so_cap,trung_cap (dùng nhiều lần được)"),
        )
        parser.add_argument("--output", required=True, help=_("tệp kết quả .csv"))

    def handle(self, *args, **options) -> None:
        params = {
            key: options[key.replace("-", "_")] or ""
            for key in ("indicators", "rows", "columns", "year", "unit", "units", "depth")
        }
        params["year_from"] = options["year_from"] or ""
        params["year_to"] = options["year_to"] or ""
        for item in options["filter"]:
            name, _sep, codes = item.partition("=")
            if name not in FILTERS or not codes:
                raise CommandError(
                    _("--filter phải có dạng CHIỀU=MÃ với chiều là một trong: %(dims)s.")
                    % {"dims": ", ".join(FILTERS)}
                )
            params[name] = codes
        try:
            table = statistics_table(query_from_params(params), WHOLE_COUNTRY)
        except AppError as exc:
            raise CommandError(exc.messages[0]) from exc
        output = Path(options["output"])
        with output.open("w", encoding="utf-8", newline="") as stream:
            table.write_csv(stream)
        self.stdout.write(
            _("Đã ghi %(n)s dòng vào %(file)s.")
            % {"n": len(table.row_keys) * len(table.column_keys), "file": output}
        )
