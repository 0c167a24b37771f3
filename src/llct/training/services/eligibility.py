"""The eligibility decision stored with a nomination.

LLCT levels: the rules engine's decision for the cadre, level and nomination date, built by
`llct.eligibility.services.profiles.decide_for_cadre(cadre, level, on)` (R1's `Decision`), kept as JSON.

Commune-centre programmes have no LLCT level. Their target groups (QĐ 360-QĐ/TW; QĐ 1147 art. 4) are
kept simple here: the Party-awareness course is for people who are not Party members, the new-members
course for probationary members (or members admitted less than 12 months before), and the skills, topic
and update courses for whomever the commune sends. Each answer cites the article it applies.
"""

import dataclasses
import datetime as dt
import enum

from django.utils.translation import gettext as _

from llct.registry.choices import PartyStatus
from llct.registry.models import Cadre
from llct.training.models import Programme

THEORY_ORDER = ("", "so_cap", "trung_cap", "cao_cap", "cu_nhan")


def decision_json(decision) -> dict:
    """A rules-engine `Decision` (a frozen dataclass) as plain JSON: dates ISO, citations as text."""

    def plain(value):
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            if type(value).__name__ == "Citation":
                return str(value)
            return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, enum.Enum):
            return value.value
        return value

    out = plain(decision)
    if hasattr(decision, "summary"):
        out["summary"] = decision.summary
    return out


def _level_decision(cadre: Cadre, level: str, on: dt.date):
    from llct.eligibility.services.profiles import decide_for_cadre

    return decide_for_cadre(cadre, level, on)


def _reason(condition: str, met: bool, text: str, citation: str) -> dict:
    return {"condition": condition, "met": met, "text": text, "citation": citation, "assumption": True}


def _commune_decision(cadre: Cadre, programme: Programme, on: dt.date) -> dict:
    citation = programme.citation
    if programme.code == "nhan_thuc_ve_dang":
        met = not cadre.party_status
        reasons = [
            _reason(
                "not_party_member",
                met,
                _("Chưa là đảng viên (đối tượng kết nạp Đảng)") if met else _("Đã là đảng viên"),
                citation,
            )
        ]
    elif programme.code == "dang_vien_moi":
        recent = cadre.party_admitted_on is not None and (on - cadre.party_admitted_on).days < 366
        met = cadre.party_status == PartyStatus.PROBATIONARY or (bool(cadre.party_status) and recent)
        reasons = [
            _reason(
                "new_party_member",
                met,
                _("Đảng viên mới (dự bị hoặc kết nạp chưa đủ 12 tháng)")
                if met
                else _("Không phải đảng viên mới (dự bị hoặc kết nạp chưa đủ 12 tháng)"),
                citation,
            )
        ]
    else:
        met = True
        reasons = [_reason("sent_by_commune", True, _("Do xã, phường, đặc khu cử theo danh sách"), citation)]
    return {
        "level": "",
        "programme": programme.code,
        "on": on.isoformat(),
        "eligible": met,
        "modes": [],
        "regulation": "QĐ 1147-QĐ/BTGDVTW",
        "institution": "trung_tam_chinh_tri_xa",
        "reasons": reasons,
        "offered": True,
        "judged": True,
        "summary": " | ".join(r["text"] for r in reasons),
    }


def nomination_decision(cadre: Cadre, programme: Programme, on: dt.date) -> dict:
    """The decision on whether `cadre` may be sent to `programme` on `on`, as stored JSON."""
    if not programme.level:
        return _commune_decision(cadre, programme, on)
    return decision_json(_level_decision(cadre, programme.level, on))


def holds_level_or_higher(cadre: Cadre, level: str) -> bool:
    """Whether the cadre already holds `level` or a higher political-theory level."""
    held = cadre.theory_level or ""
    return bool(level) and held in THEORY_ORDER and THEORY_ORDER.index(held) >= THEORY_ORDER.index(level)
