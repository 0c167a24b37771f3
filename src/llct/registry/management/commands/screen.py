"""`llct screen INPUT --on YYYY-MM-DD [--level …] --output OUTPUT`: bulk screening of a roster file.

Only translates arguments; the work is `llct.regulations.cli.screen_file`. The rules are the installation's
(catalogue and versions as administrators edited them) when a seeded database is configured, and the
shipped files otherwise, so the command also works with no database at all.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _

from llct.regulations.cli import ScreenError, format_summary, screen_file
from llct.regulations.model import LEVELS


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(_("Ngày xét «%(value)s» phải có dạng YYYY-MM-DD.") % {"value": text}) from exc


class Command(BaseCommand):
    help = _("Xét đối tượng, tiêu chuẩn đào tạo LLCT cho cả danh sách cán bộ (.xlsx, .csv, .parquet).")
    requires_system_checks: list = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("input", help=_("tệp danh sách cán bộ"))
        parser.add_argument("--on", required=True, help=_("ngày xét, YYYY-MM-DD"))
        parser.add_argument(
            "--level", action="append", choices=LEVELS, help=_("bậc cần xét (mặc định: cả ba)")
        )
        parser.add_argument("--output", required=True, help=_("tệp kết quả (.xlsx, .csv, .parquet)"))

    def handle(self, *args, **options) -> None:
        from llct.eligibility.services.rulebook import current_rulebook

        on = _date(options["on"])
        try:
            summary = screen_file(
                options["input"],
                on,
                options["output"],
                options["level"],
                rulebook=current_rulebook(),
                progress=self.stderr,
            )
        except ScreenError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(format_summary(summary))
