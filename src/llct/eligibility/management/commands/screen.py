"""`llct screen INPUT --on YYYY-MM-DD [--level …] [--age-on YYYY-MM-DD] --output OUTPUT`: bulk screening of
a roster file.

Only translates arguments; the work is `llct.regulations.cli.screen_file`. The rules are the installation's
(catalogue and versions as administrators edited them) when a seeded database is configured, and the
shipped files otherwise, so the command also works with no database at all (and then writes nothing but
its output file).
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from llct.regulations import RegulationDataError
from llct.regulations.cli import ScreenError, format_summary, screen_file
from llct.regulations.model import LEVELS


def _date(text: str, option: str) -> dt.date:
    """A day typed dd/mm/yyyy, as Vietnamese users write it, or YYYY-MM-DD, as scripts do."""
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
    # Management commands are imported once Django is set up, so gettext works here (argparse cannot
    # format a lazy string).
    help = _("Xét đối tượng, tiêu chuẩn đào tạo LLCT cho cả danh sách cán bộ (.xlsx, .csv, .parquet).")
    requires_system_checks: list = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("input", help=_("tệp danh sách cán bộ"))
        parser.add_argument("--on", required=True, help=_("ngày xét, dd/mm/yyyy hoặc YYYY-MM-DD"))
        parser.add_argument(
            "--level", action="append", choices=LEVELS, help=_("bậc cần xét (mặc định: cả ba)")
        )
        parser.add_argument(
            "--age-on",
            help=_("ngày tính tuổi, dd/mm/yyyy hoặc YYYY-MM-DD (mặc định: ngày xét)"),
        )
        parser.add_argument("--output", required=True, help=_("tệp kết quả (.xlsx, .csv, .parquet)"))

    def handle(self, *args, **options) -> None:
        from llct.eligibility.services.rulebook import current_rulebook

        on = _date(options["on"], "--on")
        age_on = _date(options["age_on"], "--age-on") if options["age_on"] else None
        try:
            rulebook = current_rulebook()
        except RegulationDataError as exc:
            raise CommandError(str(exc)) from exc
        try:
            summary = screen_file(
                options["input"],
                on,
                options["output"],
                options["level"],
                rulebook=rulebook,
                progress=self.stderr,
                age_on=age_on,
            )
        except ScreenError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(format_summary(summary))
