"""`llct statistics-rebuild`: sum the statistics' kept aggregates (tallies) again from the records, in one
transaction. Run it after loading records in bulk (they bypass the models' signals); until then the
statistics count those subtrees from the records."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from llct.oversight.statistics.keeping import tallies_rebuild


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _("Tính lại toàn bộ số liệu tổng hợp của thống kê từ hồ sơ lớp, học viên và văn bằng.")

    def handle(self, *args, **options) -> None:
        rebuild = tallies_rebuild()
        self.stdout.write(
            _("Đã tính lại %(rows)s dòng số liệu tổng hợp trong %(seconds).1f giây.")
            % {"rows": f"{rebuild.rows:,}".replace(",", "."), "seconds": rebuild.seconds}
        )
