"""`llct seed-post-standards`: add the shipped post standards (tiêu chuẩn chức danh) the inspection reads."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = _("Nạp bảng tiêu chuẩn chức danh về trình độ LLCT (chỉ thêm dòng chưa có, không ghi đè).")

    def handle(self, *args, **options) -> None:
        from llct.oversight.inspection.standards import post_standards_seed

        added = post_standards_seed()
        self.stdout.write(_("Đã thêm %(n)s tiêu chuẩn chức danh.") % {"n": added})
