"""`llct seed-rules`: load the shipped post catalogue and regulation versions into the database."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from llct.eligibility.services.rulebook import rulebook_seed


class Command(BaseCommand):
    help = _("Nạp danh mục chức vụ và các phiên bản quy định phát hành kèm phần mềm vào cơ sở dữ liệu "
             "(chạy lại nhiều lần không sao; giữ nguyên những gì quản trị viên đã sửa).")  # fmt: skip

    def handle(self, *args, **options) -> None:
        report = rulebook_seed()
        lines = [
            (_("Chức vụ thêm mới"), report.posts_created),
            (_("Chức vụ cập nhật theo bản phát hành"), report.posts_updated),
            (_("Chức vụ giữ nguyên vì quản trị viên đã sửa"), report.posts_kept),
            (_("Phiên bản quy định thêm mới"), report.versions_created),
            (_("Phiên bản quy định cập nhật theo bản phát hành"), report.versions_updated),
            (_("Phiên bản quy định giữ nguyên vì quản trị viên đã sửa"), report.versions_kept),
        ]
        for label, codes in lines:
            shown = ", ".join(codes[:10]) + (" …" if len(codes) > 10 else "")
            self.stdout.write(f"{label}: {len(codes)}" + (f" ({shown})" if codes else ""))
