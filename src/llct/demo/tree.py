"""The unit tree of the demo province, before and after the 2025 restructure.

Central (with the National Academy of Politics and the regional academies I–IV); two provinces as they
were until 2025-06-30 — "Hòa Sơn" with three districts and "Bảo Lâm", small, with one — each district
with its political centre (until 2025-08-28) and its communes; and from 2025-07-01 the merged province
"Hòa Sơn" whose units and communes name the old ones as predecessors, with commune-level political
centres from 2025-08-29 (Quy định 360-QĐ/TW) serving groups of the new communes and continuing the
district centres of the communes they serve.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from llct.registry.choices import Sector, Tier, UnitKind
from llct.registry.models import Unit

OLD_END = dt.date(2025, 6, 30)  # provinces merged, districts dissolved (Nghị quyết 202/2025/QH15)
NEW_START = dt.date(2025, 7, 1)
DISTRICT_CENTRES_END = dt.date(2025, 8, 28)  # district political centres close (QĐ 360-QĐ/TW)
COMMUNE_CENTRES_START = dt.date(2025, 8, 29)
PROVINCE_NAME = "Hòa Sơn"
PROVINCE_CODE = "017"  # opens the citizen IDs of people born in the province

# Province-level units: (key, name, kind, sector). The key ties an old unit to its successor.
_PARTY = [
    ("ban_to_chuc", "Ban Tổ chức Tỉnh ủy", UnitKind.PARTY_BOARD),
    ("ban_tuyen_giao", "Ban Tuyên giáo Tỉnh ủy", UnitKind.PARTY_BOARD),
    ("ubkt", "Ủy ban Kiểm tra Tỉnh ủy", UnitKind.PARTY_BOARD),
    ("van_phong", "Văn phòng Tỉnh ủy", UnitKind.PARTY_BOARD),
]
_OLD_DEPARTMENTS = [
    ("noi_vu", "Sở Nội vụ"),
    ("tai_chinh", "Sở Tài chính"),
    ("ke_hoach", "Sở Kế hoạch và Đầu tư"),
    ("giao_duc", "Sở Giáo dục và Đào tạo"),
    ("y_te", "Sở Y tế"),
    ("nong_nghiep", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("tai_nguyen", "Sở Tài nguyên và Môi trường"),
    ("lao_dong", "Sở Lao động - Thương binh và Xã hội"),
]
# New department ← the keys of the old ones merged into it.
_NEW_DEPARTMENTS = [
    ("Sở Nội vụ", ["noi_vu", "lao_dong"]),
    ("Sở Tài chính", ["tai_chinh", "ke_hoach"]),
    ("Sở Giáo dục và Đào tạo", ["giao_duc"]),
    ("Sở Y tế", ["y_te"]),
    ("Sở Nông nghiệp và Môi trường", ["nong_nghiep", "tai_nguyen"]),
    ("Sở Dân tộc và Tôn giáo", []),
]
_MASS_ORGANISATIONS = [
    ("tinh_doan", "Tỉnh đoàn"),
    ("phu_nu", "Hội Liên hiệp Phụ nữ tỉnh"),
    ("nong_dan", "Hội Nông dân tỉnh"),
    ("cuu_chien_binh", "Hội Cựu chiến binh tỉnh"),
]
_DISTRICT_DIVISIONS = ["Phòng Nội vụ", "Phòng Tài chính - Kế hoạch", "Phòng Giáo dục và Đào tạo"]
# (district, its communes); the first three districts are Hòa Sơn's, the last one Bảo Lâm's.
_DISTRICTS = [
    ("Tân Lạc", ["Mãn Đức", "Phong Phú", "Quy Hậu", "Tử Nê", "Thanh Hối", "Đông Lai"]),
    ("Kim Bôi", ["Bo", "Vĩnh Tiến", "Tú Sơn", "Nam Thượng", "Sào Báy", "Hợp Tiến"]),
    ("Lương Sơn", ["Lâm Sơn", "Hòa Sơn", "Tân Vinh", "Cao Dương", "Liên Sơn", "Nhuận Trạch"]),
    ("Bảo Yên", ["Xuân Thượng", "Lương Sơn", "Điện Quan", "Tân Dương"]),
]
# New commune: (name, district index, indices of the old communes of that district merged into it).
_NEW_COMMUNES = [
    ("Tân Lạc", 0, [0, 1, 2]),
    ("Mường Bi", 0, [3, 4, 5]),
    ("Kim Bôi", 1, [0, 1]),
    ("Nật Sơn", 1, [2, 3]),
    ("Mường Động", 1, [4, 5]),
    ("Lương Sơn", 2, [0, 1, 2]),
    ("Cao Sơn", 2, [3, 4, 5]),
    ("Bảo Yên", 3, [0, 1, 2, 3]),
]
# Commune-level political centre: (name, indices of the new communes it serves).
_COMMUNE_CENTRES = [
    ("Trung tâm Chính trị xã Tân Lạc", [0, 1]),
    ("Trung tâm Chính trị xã Kim Bôi", [2, 3, 4]),
    ("Trung tâm Chính trị xã Lương Sơn", [5, 6, 7]),
]


@dataclass
class DemoTree:
    """The units the loader hangs people on, by role in the story."""

    central: Unit
    merged: Unit  # the province from 2025-07-01
    old_provinces: list[Unit]
    school: Unit  # the merged province's political school
    old_schools: list[Unit]
    communes: list[Unit]  # the new communes
    old_communes: list[Unit]
    commune_centres: list[Unit]
    district_centres: list[Unit]
    academies: list[Unit]
    current: list[Unit] = field(default_factory=list)  # every unit of the merged province in force now
    old_district_units: list[Unit] = field(default_factory=list)  # district party, government, divisions


def _add(parent: Unit | None, code: str, name: str, tier: str, kind: str, sector: str, **dates) -> Unit:
    fields = dict(code=code, name=name, tier=tier, kind=kind, sector=sector, **dates)
    if parent is None:
        return Unit.objects.add_root(create_kwargs=fields)
    # treebeard updates the parent's numchild in the database; re-read it so the next child is placed right.
    return Unit.objects.add_child(Unit.objects.get(pk=parent.pk), create_kwargs=fields)


def demo_tree_create(as_of: dt.date) -> DemoTree:
    """Create the whole tree (about 140 units) and link successors, predecessors and served communes;
    `current` lists the merged province's units in force on `as_of` (or on 2025-08-29 if earlier)."""
    central = _add(None, "TW", "Trung ương", Tier.CENTRAL, UnitKind.ADMINISTRATIVE, Sector.PARTY)
    _add(central, "TW-BTC", "Ban Tổ chức Trung ương", Tier.CENTRAL, UnitKind.PARTY_BOARD, Sector.PARTY)
    national = _add(
        central,
        "HVCTQG",
        "Học viện Chính trị quốc gia Hồ Chí Minh",
        Tier.CENTRAL,
        UnitKind.NATIONAL_ACADEMY,
        Sector.PUBLIC_SERVICE,
    )
    academies = [national] + [
        _add(
            national,
            f"HVCT-KV{roman}",
            f"Học viện Chính trị khu vực {roman}",
            Tier.CENTRAL,
            UnitKind.REGIONAL_ACADEMY,
            Sector.PUBLIC_SERVICE,
        )
        for roman in ("I", "II", "III", "IV")
    ]

    old_big, old_big_keys, big_districts = _old_province(central, "HSO", PROVINCE_NAME, _DISTRICTS[:3], 8)
    old_small, old_small_keys, small_districts = _old_province(central, "BLA", "Bảo Lâm", _DISTRICTS[3:], 4)
    districts = big_districts + small_districts

    merged = _add(
        central,
        "HSN",
        f"Tỉnh {PROVINCE_NAME}",
        Tier.PROVINCE,
        UnitKind.ADMINISTRATIVE,
        Sector.PARTY,
        valid_from=NEW_START,
    )
    merged.predecessors.set([old_big, old_small])
    old_keys = [old_big_keys, old_small_keys]

    def successor(
        parent: Unit, code: str, name: str, kind: str, sector: str, keys: list[str], **dates
    ) -> Unit:
        unit = _add(parent, code, name, Tier.PROVINCE, kind, sector, valid_from=dates.get("start", NEW_START))
        unit.predecessors.set([found[k] for found in old_keys for k in keys if k in found])
        return unit

    party = successor(
        merged, "HSN-TU", f"Tỉnh ủy {PROVINCE_NAME}", UnitKind.PARTY_COMMITTEE, Sector.PARTY, ["tu"]
    )
    for i, (key, name, kind) in enumerate(_PARTY, 1):
        new_name = "Ban Tuyên giáo và Dân vận Tỉnh ủy" if key == "ban_tuyen_giao" else name
        successor(party, f"HSN-TU-{i}", new_name, kind, Sector.PARTY, [key])
    successor(merged, "HSN-HD", "HĐND tỉnh", UnitKind.PEOPLES_COUNCIL, Sector.STATE, ["hd"])
    government = successor(merged, "HSN-UB", "UBND tỉnh", UnitKind.PEOPLES_COMMITTEE, Sector.STATE, ["ub"])
    for i, (name, keys) in enumerate(_NEW_DEPARTMENTS, 1):
        successor(government, f"HSN-UB-S{i:02d}", name, UnitKind.DEPARTMENT, Sector.STATE, keys)
    front = successor(
        merged, "HSN-MT", "Ủy ban MTTQ Việt Nam tỉnh", UnitKind.FRONT_ORGANISATION, Sector.FRONT, ["mt"]
    )
    # Since 2025 the mass organisations work under the Front.
    for i, (key, name) in enumerate(_MASS_ORGANISATIONS, 1):
        successor(front, f"HSN-MT-{i}", name, UnitKind.FRONT_ORGANISATION, Sector.FRONT, [key])
    successor(merged, "HSN-QS", "Bộ Chỉ huy Quân sự tỉnh", UnitKind.MILITARY, Sector.ARMY, ["qs"])
    successor(merged, "HSN-CA", "Công an tỉnh", UnitKind.POLICE, Sector.POLICE, ["ca"])
    successor(
        merged, "HSN-BV", "Bệnh viện Đa khoa tỉnh", UnitKind.PUBLIC_SERVICE, Sector.PUBLIC_SERVICE, ["bv"]
    )
    school = successor(
        merged,
        "HSN-TCT",
        f"Trường Chính trị tỉnh {PROVINCE_NAME}",
        UnitKind.PROVINCIAL_SCHOOL,
        Sector.PUBLIC_SERVICE,
        ["tct"],
    )

    communes = []
    for i, (name, district, merged_from) in enumerate(_NEW_COMMUNES, 1):
        commune = _add(
            merged,
            f"HSN-X{i:02d}",
            f"Xã {name}",
            Tier.COMMUNE,
            UnitKind.ADMINISTRATIVE,
            Sector.PARTY,
            valid_from=NEW_START,
        )
        commune.predecessors.set([districts[district]["communes"][j] for j in merged_from])
        communes.append(commune)
    centres = []
    for i, (name, served) in enumerate(_COMMUNE_CENTRES, 1):
        centre = _add(
            merged,
            f"HSN-TTCT{i}",
            name,
            Tier.COMMUNE,
            UnitKind.COMMUNE_CENTRE,
            Sector.PUBLIC_SERVICE,
            valid_from=COMMUNE_CENTRES_START,
        )
        centre.served_communes.set([communes[j] for j in served])
        # The commune-level centre continues the district centres of the communes it serves (their records
        # and registers pass to it), so "today's units" of a district centre's class are known.
        continued = dict.fromkeys(_NEW_COMMUNES[j][1] for j in served)
        centre.predecessors.set([districts[d]["centre"] for d in continued])
        centres.append(centre)

    in_force = max(as_of, COMMUNE_CENTRES_START)
    merged = Unit.objects.get(pk=merged.pk)
    below = Unit.objects.filter(path__startswith=merged.path, depth__gt=merged.depth)
    current = list(below.valid_on(in_force))
    return DemoTree(
        central=Unit.objects.get(pk=central.pk),
        merged=merged,
        old_provinces=[Unit.objects.get(pk=old_big.pk), Unit.objects.get(pk=old_small.pk)],
        school=Unit.objects.get(pk=school.pk),
        old_schools=[old_big_keys["tct"], old_small_keys["tct"]],
        communes=communes,
        old_communes=[c for d in districts for c in d["communes"]],
        commune_centres=centres,
        district_centres=[d["centre"] for d in districts],
        academies=academies,
        current=current,
        old_district_units=[u for d in districts for u in d["units"]],
    )


def _old_province(central: Unit, code: str, name: str, districts: list, departments: int):
    """A province as it was until 2025-06-30. Returns it, its units by key, and its districts."""
    end = {"valid_to": OLD_END}
    province = _add(
        central, code, f"Tỉnh {name}", Tier.PROVINCE, UnitKind.ADMINISTRATIVE, Sector.PARTY, **end
    )
    keys: dict[str, Unit] = {}
    keys["tu"] = party = _add(
        province,
        f"{code}-TU",
        f"Tỉnh ủy {name}",
        Tier.PROVINCE,
        UnitKind.PARTY_COMMITTEE,
        Sector.PARTY,
        **end,
    )
    for i, (key, unit_name, kind) in enumerate(_PARTY, 1):
        keys[key] = _add(party, f"{code}-TU-{i}", unit_name, Tier.PROVINCE, kind, Sector.PARTY, **end)
    keys["hd"] = _add(
        province, f"{code}-HD", "HĐND tỉnh", Tier.PROVINCE, UnitKind.PEOPLES_COUNCIL, Sector.STATE, **end
    )
    keys["ub"] = government = _add(
        province, f"{code}-UB", "UBND tỉnh", Tier.PROVINCE, UnitKind.PEOPLES_COMMITTEE, Sector.STATE, **end
    )
    for i, (key, unit_name) in enumerate(_OLD_DEPARTMENTS[:departments], 1):
        keys[key] = _add(
            government,
            f"{code}-UB-S{i:02d}",
            unit_name,
            Tier.PROVINCE,
            UnitKind.DEPARTMENT,
            Sector.STATE,
            **end,
        )
    keys["mt"] = _add(
        province,
        f"{code}-MT",
        "Ủy ban MTTQ Việt Nam tỉnh",
        Tier.PROVINCE,
        UnitKind.FRONT_ORGANISATION,
        Sector.FRONT,
        **end,
    )
    for i, (key, unit_name) in enumerate(_MASS_ORGANISATIONS, 1):
        keys[key] = _add(
            province,
            f"{code}-DT{i}",
            unit_name,
            Tier.PROVINCE,
            UnitKind.FRONT_ORGANISATION,
            Sector.FRONT,
            **end,
        )
    keys["qs"] = _add(
        province,
        f"{code}-QS",
        "Bộ Chỉ huy Quân sự tỉnh",
        Tier.PROVINCE,
        UnitKind.MILITARY,
        Sector.ARMY,
        **end,
    )
    keys["ca"] = _add(
        province, f"{code}-CA", "Công an tỉnh", Tier.PROVINCE, UnitKind.POLICE, Sector.POLICE, **end
    )
    keys["bv"] = _add(
        province,
        f"{code}-BV",
        "Bệnh viện Đa khoa tỉnh",
        Tier.PROVINCE,
        UnitKind.PUBLIC_SERVICE,
        Sector.PUBLIC_SERVICE,
        **end,
    )
    keys["tct"] = _add(
        province,
        f"{code}-TCT",
        f"Trường Chính trị tỉnh {name}",
        Tier.PROVINCE,
        UnitKind.PROVINCIAL_SCHOOL,
        Sector.PUBLIC_SERVICE,
        **end,
    )

    made = []
    for d, (district_name, commune_names) in enumerate(districts, 1):
        dc = f"{code}-H{d}"
        district = _add(
            province,
            dc,
            f"Huyện {district_name}",
            Tier.DISTRICT,
            UnitKind.ADMINISTRATIVE,
            Sector.PARTY,
            **end,
        )

        def here(parent: Unit, suffix: str, unit_name: str, kind: str, sector: str, dc=dc, **dates) -> Unit:
            return _add(parent, f"{dc}-{suffix}", unit_name, Tier.DISTRICT, kind, sector, **(dates or end))

        party = here(district, "HU", f"Huyện ủy {district_name}", UnitKind.PARTY_COMMITTEE, Sector.PARTY)
        ubnd = here(district, "UB", f"UBND huyện {district_name}", UnitKind.PEOPLES_COMMITTEE, Sector.STATE)
        units = [party, ubnd] + [
            here(ubnd, f"UB-P{p}", f"{division} huyện {district_name}", UnitKind.DEPARTMENT, Sector.STATE)
            for p, division in enumerate(_DISTRICT_DIVISIONS, 1)
        ]
        here(district, "CA", f"Công an huyện {district_name}", UnitKind.POLICE, Sector.POLICE)
        centre_name = f"Trung tâm Chính trị huyện {district_name}"
        centre = here(
            district,
            "TTCT",
            centre_name,
            UnitKind.DISTRICT_CENTRE,
            Sector.PUBLIC_SERVICE,
            valid_to=DISTRICT_CENTRES_END,
        )
        communes = [
            _add(
                district,
                f"{dc}-X{x:02d}",
                f"Xã {commune}",
                Tier.COMMUNE,
                UnitKind.ADMINISTRATIVE,
                Sector.PARTY,
                **end,
            )
            for x, commune in enumerate(commune_names, 1)
        ]
        made.append({"district": district, "communes": communes, "centre": centre, "units": units})
    return province, keys, made
