"""Which unit a roster row names: its managing unit (Đơn vị, or Mã đơn vị), and the unit of each post
(Mã đơn vị công tác). A name or code that names no unit in the importer's scope, or a name several units
share, is a problem of that row and column: a cadre silently filed under the receiving unit would be
wrong in every list and statistic after it, and nobody would notice (issue 2, "lists every problem")."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from llct.registry.models import Unit
from llct.registry.scope import scoped
from llct.vntext import fold

from .columns import HEADERS, UNIT_CODE


def units_in_scope(user) -> QuerySet[Unit]:
    return scoped(Unit.objects.all(), user, field="") if user is not None else Unit.objects.all()


@dataclass(frozen=True, slots=True)
class Found:
    """A unit id, or the column and reason of the problem."""

    unit_id: int | None
    column: str = ""
    reason: str = ""


class UnitResolver:
    """Units of the importer's scope by code (any date: a code is exact) and by name (the units in force
    on the import day; a name shared by several goes to the one under the receiving unit, if only one)."""

    def __init__(self, user, target: Unit, on: dt.date) -> None:
        self.target, self.on = target, on
        self.codes: dict[str, tuple[int, str]] = {}
        self.names: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)
        rows = (
            units_in_scope(user)
            .order_by()
            .values_list("pk", "code", "name", "path", "valid_from", "valid_to")
        )
        for pk, code, name, path, start, end in rows:
            self.codes[code] = (pk, name)
            if (start is None or start <= on) and (end is None or on <= end):
                self.names[fold(name)].append((pk, code, name, path))
        self._managing: dict[tuple[str | None, str | None], Found] = {}

    def managing(self, code: str | None, name: str | None) -> Found:
        """The managing unit a row names (None when it names none: the receiving unit for a new cadre,
        the cadre's own unit otherwise)."""
        key = (code, name)
        if key not in self._managing:
            self._managing[key] = self._resolve(code, name)
        return self._managing[key]

    def _resolve(self, code: str | None, name: str | None) -> Found:
        if code:
            found = self.codes.get(code)
            if found is None:
                return Found(None, UNIT_CODE, self.unknown_code(code))
            if name and fold(name) != fold(found[1]):
                return Found(
                    None,
                    UNIT_CODE,
                    _(
                        "Mã đơn vị %(code)s là “%(unit)s”, khác với tên “%(name)s” ở cột Đơn vị; hãy sửa cho "
                        "khớp, hoặc xóa ô Mã đơn vị để nhận đơn vị theo tên."
                    )
                    % {"code": code, "unit": found[1], "name": name},
                )
            return Found(found[0])
        if not name:
            return Found(None)
        candidates = self.names.get(fold(name), [])
        if len(candidates) > 1:
            under = [c for c in candidates if c[3].startswith(self.target.path)]
            candidates = under if len(under) == 1 else candidates
        if len(candidates) == 1:
            return Found(candidates[0][0])
        if candidates:
            listed = "; ".join(f"{c[2]} ({_('mã')} {c[1]})" for c in candidates[:5])
            reason = _(
                "Có nhiều đơn vị cùng tên này trong phạm vi của bạn: %(units)s. Hãy thêm cột “%(header)s” "
                "và ghi mã của đơn vị đúng."
            ) % {"units": listed, "header": HEADERS[UNIT_CODE]}
        else:
            reason = _(
                "Không có đơn vị nào tên như vậy trong phạm vi của bạn vào ngày %(day)s. Hãy ghi tên đơn vị "
                "đúng như trong cây đơn vị (hoặc thêm cột “%(header)s”), hoặc để trống ô nếu cán bộ thuộc "
                "đơn vị nhận (%(target)s)."
            ) % {"day": f"{self.on:%d/%m/%Y}", "header": HEADERS[UNIT_CODE], "target": self.target.name}
        return Found(None, "unit", reason)

    def by_code(self, code: str) -> int | None:
        found = self.codes.get(code)
        return found[0] if found else None

    @staticmethod
    def unknown_code(code: str) -> str:
        return _(
            "Không có đơn vị mã %(code)s trong phạm vi của bạn; hãy kiểm tra lại mã (xem trang Đơn vị)."
        ) % {"code": code}
