"""`llct inspect --unit CODE --from DD/MM/YYYY --to DD/MM/YYYY [--checks …] --output FILE.(xlsx|csv)` and
`llct inspect --all` (every check over the whole database, for cron): run the checks, record the run and
its findings as the web does, and write the findings (CSV columns check, object, unit, clause …)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _


def _date(text: str | None, option: str) -> dt.date | None:
    if not text:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CommandError(
        _("%(option)s «%(value)s» phải là ngày dạng dd/mm/yyyy (ví dụ 01/06/2026) hoặc YYYY-MM-DD.")
        % {"option": option, "value": text}
    )


class Command(BaseCommand):
    help = _("Chạy các nội dung kiểm tra, giám sát và ghi các phát hiện (.xlsx, .csv).")

    def add_arguments(self, parser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--unit", help=_("mã đơn vị được kiểm tra (cả các đơn vị trực thuộc)"))
        which.add_argument(
            "--all", action="store_true", help=_("toàn bộ cơ sở dữ liệu, mọi nội dung kiểm tra")
        )
        parser.add_argument("--from", dest="start", help=_("từ ngày, dd/mm/yyyy (mặc định: từ đầu)"))
        parser.add_argument("--to", dest="end", help=_("đến ngày, dd/mm/yyyy (mặc định: hôm nay)"))
        parser.add_argument(
            "--checks",
            action="append",
            help=_("mã nội dung kiểm tra, cách nhau bằng dấu phẩy (mặc định: tất cả)"),
        )
        parser.add_argument("--output", help=_("tệp kết quả (.xlsx hoặc .csv)"))

    def handle(self, *args, **options) -> None:
        from llct.oversight.inspection.export import occurrence_rows, rows_file
        from llct.oversight.inspection.runs import (
            InspectionError,
            inspection_run_create,
            inspection_run_execute,
        )
        from llct.oversight.models import RunStatus, RunTrigger
        from llct.registry.models import Unit

        output = options["output"]
        if output and not output.lower().endswith((".csv", ".xlsx")):
            raise CommandError(_("Tệp kết quả phải có đuôi .xlsx hoặc .csv."))
        unit = None
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(_("Không có đơn vị mã «%(code)s».") % {"code": options["unit"]})
        start = None if options["all"] else _date(options["start"], "--from")
        end = (
            timezone.localdate() if options["all"] else _date(options["end"], "--to") or timezone.localdate()
        )
        codes = [c.strip() for group in options["checks"] or () for c in group.split(",") if c.strip()]
        try:
            run = inspection_run_create(
                checks=None if options["all"] else codes,
                unit=unit,
                period_from=start,
                period_to=end,
                trigger=RunTrigger.COMMAND,
            )
        except InspectionError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        run = inspection_run_execute(run.pk)
        if run.status != RunStatus.DONE:
            raise CommandError(_("Lần chạy #%(pk)s có lỗi: %(error)s") % {"pk": run.pk, "error": run.error})
        if output:
            rows_file(
                occurrence_rows(run.occurrences.select_related("finding", "unit").order_by("pk")), output
            )
        for code, count in run.counts.items():
            self.stdout.write(f"{code}\t{count}")
        self.stdout.write(
            _("Lần chạy #%(pk)s: %(n)s phát hiện.") % {"pk": run.pk, "n": sum(run.counts.values())}
        )
