"""Pre-printed diploma blanks (phôi bằng): receiving a stock, taking blanks in order for the diplomas
printed on them, recording a blank on a diploma already issued, and spoiled blanks. The centre prints and
keeps the blanks and each is used once (QĐ 208; HD 11)."""

import datetime as dt
import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from llct.accounts.audit import audit
from llct.credentials.choices import BlankStatus, CredentialKind, CredentialStatus
from llct.credentials.models import Blank, BlankStock, Credential

from .access import require_issue
from .errors import CredentialError

# A serial as printed: optional letters, then digits ("AB 000101", "AB000101", "000101").
_SERIAL = re.compile(r"^\s*([A-Za-z]{0,10})[\s.-]*(\d{1,9})\s*$")
# One receipt is one delivery of blanks; a larger range is more likely a typing error.
MAX_STOCK = 10_000


def blank_serial_parse(text: str) -> tuple[str, int, int]:
    """(prefix in upper case, number, digits) of a blank serial; CredentialError when it is not one."""
    match = _SERIAL.match(text or "")
    if not match:
        raise CredentialError(
            _("“%(text)s” không phải số hiệu phôi: cần ký hiệu chữ (nếu có) rồi đến số, ví dụ AB 000101.")
            % {"text": (text or "")[:40]}
        )
    return match[1].upper(), int(match[2]), len(match[2])


@transaction.atomic
def blank_stock_receive(
    institution,
    first: str,
    last: str,
    by,
    received_on: dt.date | None = None,
    document: str = "",
) -> BlankStock:
    """Record a delivery of blanks from serial `first` to serial `last` (same letters, e.g. "AB 000101" to
    "AB 000200"): one row per blank, all unused. Refused when the range overlaps blanks already received."""
    require_issue(by, institution)
    prefix, start, width = blank_serial_parse(first)
    last_prefix, end, last_width = blank_serial_parse(last)
    if last_prefix != prefix:
        raise CredentialError(
            _("Số đầu và số cuối của lô phải cùng ký hiệu (%(a)s, %(b)s).")
            % {"a": prefix or "—", "b": last_prefix or "—"}
        )
    if end < start:
        raise CredentialError(_("Số cuối của lô phải lớn hơn hoặc bằng số đầu."))
    if end - start + 1 > MAX_STOCK:
        raise CredentialError(
            _("Một lô nhập tối đa %(max)s phôi; hãy nhập thành nhiều lô.") % {"max": f"{MAX_STOCK:,}"}
        )
    overlap = (
        Blank.objects.filter(institution=institution, prefix=prefix, number__gte=start, number__lte=end)
        .order_by("number")
        .first()
    )
    if overlap is not None:
        raise CredentialError(
            _("Phôi số %(serial)s đã có trong lô %(stock)s; mỗi số hiệu phôi chỉ nhập một lần.")
            % {"serial": overlap.serial, "stock": overlap.stock}
        )
    stock = BlankStock(
        institution=institution,
        prefix=prefix,
        first_number=start,
        last_number=end,
        digits=max(width, last_width),
        received_on=received_on or timezone.localdate(),
        document=document.strip(),
        received_by=by,
    )
    audit(stock, by)
    stock.save()
    blanks = [
        Blank(stock=stock, institution=institution, prefix=prefix, number=n, serial=stock.serial(n))
        for n in range(start, end + 1)
    ]
    try:
        with transaction.atomic():
            bulk_create_with_history(blanks, Blank, default_user=by)
    except IntegrityError:
        # Another officer received an overlapping range at the same moment.
        raise CredentialError(
            _("Lô phôi trùng số hiệu với một lô vừa được nhập; hãy tải lại trang và kiểm tra.")
        ) from None
    return stock


def _lock_stocks(institution) -> None:
    # Every writer of an institution's blanks locks its stocks first, so taking "the next unused blanks"
    # never races another writer (and never meets a blank row locked by one).
    list(BlankStock.objects.select_for_update().filter(institution=institution).order_by("pk").values("pk"))


def blanks_take(institution, count: int) -> list[Blank]:
    """The next `count` unused blanks of `institution`, in the order received, locked for this transaction
    (fewer when the stock runs out). Must run inside the issuing transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("blanks_take must run inside the issuing transaction")
    _lock_stocks(institution)
    return list(
        Blank.objects.filter(institution=institution, status=BlankStatus.AVAILABLE).order_by(
            "stock_id", "number"
        )[:count]
    )


def blank_take(institution, serial: str) -> Blank:
    """The unused blank `serial` of `institution`, locked for this transaction; CredentialError when it was
    never received, is used, or is spoiled."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("blank_take must run inside the issuing transaction")
    prefix, number, _width = blank_serial_parse(serial)
    _lock_stocks(institution)
    blank = (
        Blank.objects.filter(institution=institution, prefix=prefix, number=number)
        .select_related("credential")
        .first()
    )
    if blank is None:
        raise CredentialError(
            _(
                "Phôi số %(serial)s không có trong các lô phôi %(institution)s đã nhận; "
                "hãy nhập lô phôi trước."
            )
            % {"serial": serial.strip(), "institution": institution.name}
        )
    if blank.status == BlankStatus.USED:
        raise CredentialError(
            _("Phôi số %(blank)s đã dùng cho văn bằng %(serial)s; mỗi phôi chỉ dùng một lần.")
            % {"blank": blank.serial, "serial": blank.credential.serial}
        )
    if blank.status == BlankStatus.SPOILED:
        raise CredentialError(
            _("Phôi số %(blank)s đã ghi hỏng ngày %(date)s (%(reason)s), không dùng được.")
            % {
                "blank": blank.serial,
                "date": date_format(blank.spoiled_on, "d/m/Y"),
                "reason": blank.spoiled_reason,
            }
        )
    return blank


def blank_use(blank: Blank, credential: Credential, by) -> Blank:
    """Mark `blank` as the one `credential` is printed on (inside the transaction that took it)."""
    blank.status = BlankStatus.USED
    blank.credential = credential
    audit(blank, by)
    blank.save(update_fields=["status", "credential"])
    return blank


def blank_for(institution, kind: str, serial: str | None) -> Blank | None:
    """The blank a new document is printed on: none for certificates; for a diploma the blank `serial`
    when given, else the next unused one (none when the stock is empty: it can be recorded later)."""
    if kind != CredentialKind.DIPLOMA:
        if serial:
            raise CredentialError(_("Giấy chứng nhận không in trên phôi; bỏ trống số hiệu phôi."))
        return None
    if serial:
        return blank_take(institution, serial)
    taken = blanks_take(institution, 1)
    return taken[0] if taken else None


@transaction.atomic
def credential_blank_record(credential: Credential, by, serial: str | None = None) -> Blank:
    """Record the blank a diploma already issued is printed on: `serial`, or the next unused blank."""
    credential = (
        Credential.objects.select_for_update().select_related("register__institution").get(pk=credential.pk)
    )
    institution = credential.register.institution
    require_issue(by, institution)
    if credential.register.kind != CredentialKind.DIPLOMA:
        raise CredentialError(_("Giấy chứng nhận không in trên phôi."))
    if credential.status != CredentialStatus.VALID:
        raise CredentialError(
            _("Văn bằng %(serial)s không còn hiệu lực, không ghi phôi.") % {"serial": credential.serial}
        )
    current = Blank.objects.filter(credential=credential).first()
    if current is not None:
        raise CredentialError(
            _(
                "Văn bằng %(serial)s đã in trên phôi %(blank)s. Nếu phôi đó bị hỏng, hãy ghi phôi hỏng "
                "trước rồi ghi phôi mới."
            )
            % {"serial": credential.serial, "blank": current.serial}
        )
    blank = blank_for(institution, CredentialKind.DIPLOMA, serial)
    if blank is None:
        raise CredentialError(
            _("%(institution)s không còn phôi chưa dùng; hãy nhập lô phôi mới.")
            % {"institution": institution.name}
        )
    return blank_use(blank, credential, by)


@transaction.atomic
def blank_spoil(blank: Blank, by, reason: str, on: dt.date | None = None) -> Blank:
    """Record a spoiled blank (misprinted, torn, lost before printing) with the reason. A blank a diploma
    was printed on is detached from it, so the diploma can be printed on a new blank."""
    require_issue(by, blank.institution)
    _lock_stocks(blank.institution)
    blank = Blank.objects.select_for_update().get(pk=blank.pk)
    if blank.status == BlankStatus.SPOILED:
        raise CredentialError(_("Phôi số %(blank)s đã ghi hỏng.") % {"blank": blank.serial})
    if not reason.strip():
        raise CredentialError(_("Cần ghi lý do phôi hỏng (ví dụ: in lỗi, rách)."))
    blank.status = BlankStatus.SPOILED
    blank.credential = None
    blank.spoiled_on = on or timezone.localdate()
    blank.spoiled_reason = reason.strip()
    audit(blank, by, f"spoiled: {reason.strip()}")
    blank.save()
    return blank
