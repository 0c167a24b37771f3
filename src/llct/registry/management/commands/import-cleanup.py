"""`llct import-cleanup [--days N]`: delete the uploaded roster files no import job needs any more (they
hold citizen IDs) and abandon the jobs left unconfirmed for more than N days (default 7). The job records
and their problem lists stay. Run it daily (cron or a systemd timer)."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from llct.registry.roster_import.jobs import import_jobs_cleanup


class Command(BaseCommand):
    @property
    def help(self) -> str:  # translated when asked, in the active language
        return _(
            "Xóa các tệp danh sách đã tải lên mà không lần nhập nào còn cần, và hủy các lần nhập chờ xác "
            "nhận quá N ngày."
        )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days", type=int, default=7, help=_("Số ngày chờ xác nhận tối đa (mặc định 7).")
        )

    def handle(self, *args, days: int, **options) -> None:
        abandoned, released = import_jobs_cleanup(older_than=dt.timedelta(days=days))
        self.stdout.write(
            _("Đã hủy %(abandoned)s lần nhập quá hạn; đã xóa %(released)s tệp tải lên.")
            % {"abandoned": abandoned, "released": released}
        )
