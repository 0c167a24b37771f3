"""`llct demo`: migrate, load the demo province into an empty database, print the accounts, serve."""

import signal

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from llct.accounts.models import User
from llct.demo.accounts import DEMO_PASSWORD, demo_accounts
from llct.demo.load import demo_load
from llct.registry.models import Unit

DEMO_SIZE = 5000


class Command(BaseCommand):
    help = _(
        "Chạy bản trình diễn: tạo CSDL, nạp dữ liệu tỉnh mẫu nếu CSDL trống, in tài khoản và mở ứng dụng web."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help=_("Địa chỉ lắng nghe (mặc định 127.0.0.1)."))
        parser.add_argument("--port", type=int, default=8000, help=_("Cổng (mặc định 8000)."))
        parser.add_argument("--size", type=int, default=DEMO_SIZE, help=_("Số cán bộ của tỉnh mẫu."))
        parser.add_argument("--no-serve", action="store_true", help=_("Chỉ chuẩn bị dữ liệu, không mở web."))

    def handle(self, *args, host: str, port: int, size: int, no_serve: bool, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if not Unit.objects.exists():
            self.stdout.write(_("Đang nạp dữ liệu tỉnh mẫu (%(size)s cán bộ)…") % {"size": intcomma(size)})
            summary = demo_load(size=size)
            self.stdout.write(_("Đã nạp trong %(seconds).0f giây.") % {"seconds": summary.seconds})
        self.stdout.write(_("Cơ sở dữ liệu: %(db)s") % {"db": settings.DATABASES["default"]["NAME"]})
        self.stdout.write(_("Tài khoản trình diễn (mật khẩu: %(password)s):") % {"password": DEMO_PASSWORD})
        for user in demo_accounts(User.objects.all()):
            self.stdout.write(f"  {user.username:<22} {user.get_role_display():<38} {user.unit or ''}")
        if no_serve:
            return
        self.stdout.write(
            _("Mở http://%(host)s:%(port)s/ trong trình duyệt. Ctrl+C để dừng.")
            % {"host": host, "port": port}
        )
        consumer = self._start_task_consumer()
        try:
            call_command("runserver", f"{host}:{port}", use_reloader=False, skip_checks=True)
        finally:
            consumer.stop(graceful=False)

    def _start_task_consumer(self):
        """Long jobs (imports, bulk issuing) run in Huey; the demo runs its workers in this process."""
        from huey.contrib.djhuey import HUEY

        consumer = HUEY.create_consumer(workers=2, worker_type="thread", periodic=False)
        consumer.start()
        # The consumer takes SIGINT, SIGTERM and SIGHUP for a run loop the demo does not use, and would
        # swallow them: give them back, so that Ctrl+C and `kill` stop the demo (and its workers).
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, _exit_on_signal)
        signal.signal(signal.SIGHUP, _exit_on_signal)
        return consumer


def _exit_on_signal(signum, frame):
    """Stop cleanly on the first signal; a second one (while stopping) ends the process at once."""
    signal.signal(signum, signal.SIG_DFL)
    raise SystemExit(128 + signum)
