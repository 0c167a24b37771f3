"""An import of a roster file: its check, its confirmation and its progress, read by the progress page,
and every problem the check found (kept after the uploaded file itself is deleted)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    class State(models.TextChoices):
        CHECKING = "checking", _("Đang kiểm tra")
        INVALID = "invalid", _("Có lỗi, chưa nhập")
        VALID = "valid", _("Hợp lệ, chờ xác nhận")
        RUNNING = "running", _("Đang nhập")
        DONE = "done", _("Đã nhập")
        FAILED = "failed", _("Nhập không thành công")
        ABANDONED = "abandoned", _("Đã hủy, chưa nhập")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người nhập")
    )
    created_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    finished_at = models.DateTimeField(_("thời điểm xong"), null=True, blank=True)
    unit = models.ForeignKey(
        "registry.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị nhận")
    )
    filename = models.CharField(_("tên tệp"), max_length=255)
    # Empty once the job no longer needs it: the file holds citizen IDs (see jobs.import_job_release).
    file = models.FileField(_("tệp"), upload_to="imports/%Y/%m/", blank=True)
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices, default=State.CHECKING)
    total = models.PositiveIntegerField(_("số dòng"), default=0)
    processed = models.PositiveIntegerField(_("đã xử lý"), default=0)
    created = models.PositiveIntegerField(_("cán bộ thêm mới"), default=0)
    updated = models.PositiveIntegerField(_("cán bộ cập nhật"), default=0)
    problem_count = models.PositiveIntegerField(_("số lỗi"), default=0)
    message = models.TextField(_("thông báo"), blank=True)

    class Meta:
        verbose_name = _("lần nhập danh sách")
        verbose_name_plural = _("các lần nhập danh sách")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_state_display()})"

    @property
    def finished(self) -> bool:
        return self.state not in (self.State.CHECKING, self.State.RUNNING)


class ImportProblem(models.Model):
    """One cell the check did not accept: row as the user sees it, header as written, value, reason."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="problems")
    row = models.PositiveIntegerField(_("dòng"))
    column = models.CharField(_("cột"), max_length=255)
    value = models.TextField(_("giá trị"), blank=True)
    reason = models.TextField(_("lỗi và cách sửa"))

    class Meta:
        verbose_name = _("lỗi của tệp nhập")
        verbose_name_plural = _("lỗi của tệp nhập")
        ordering = ["job", "row", "pk"]

    def __str__(self) -> str:
        return f"{self.row} {self.column}: {self.reason}"
