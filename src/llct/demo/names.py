"""Vietnamese personal names by region and ethnic group, drawn in bulk.

A name is three slots joined by spaces (an empty slot vanishes). Kinh names are family + middle + given;
the family-name weights follow the usual surveys (Nguyễn about 38 %, then Trần, Lê, Phạm …) and shift by
region (Hoàng, Vũ in the North; Huỳnh, Võ, Phan in the Centre and South). Ethnic-minority cadres keep
their own naming: Ê Đê put the family name last after the "Y" (men) / "H'" (women) prefix ("Y Bhim
Niê"), H'Mông use a clan name and "A"/"Seo"/"Mí" ("Hờ A Páo"), Khmer carry an adopted family name before
a two-syllable given name ("Thạch Sô Phanh").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import polars as pl

from .draw import Table, pick

REGIONS: tuple[str, ...] = ("bac", "trung", "nam")  # North, Centre (with the Central Highlands), South


def _w(spec: str) -> Table:
    """ "Nguyễn 38, Trần 11" → (values, weights); a bare value weighs 1."""
    values: list[str] = []
    weights: list[float] = []
    for item in spec.split(","):
        item = item.strip()
        head, _, tail = item.rpartition(" ")
        if head and tail.replace(".", "", 1).isdigit():
            values.append(head)
            weights.append(float(tail))
        else:
            values.append(item)
            weights.append(1.0)
    return values, weights


def _plain(values: Iterable[str]) -> Table:
    listed = list(values)
    return listed, [1.0] * len(listed)


_KINH_FAMILY = {
    "bac": _w(
        "Nguyễn 36, Trần 11, Lê 9, Phạm 7, Hoàng 5, Vũ 4.5, Phan 1.5, Đặng 2, Bùi 2.5, Đỗ 2.5, Ngô 1.5, "
        "Dương 1, Đinh 1, Đào 1, Trịnh 1, Lương 0.7, Hồ 0.5, Mai 0.8, Tạ 0.5, Cao 0.6, Lại 0.3, "
        "Nghiêm 0.2, Kiều 0.3, Vương 0.3, Chu 0.4, Khuất 0.2, Tô 0.4, Hà 0.8, Đồng 0.3, Lưu 0.4, Phùng 0.4"
    ),
    "trung": _w(
        "Nguyễn 38, Trần 10, Lê 10, Phạm 5, Hoàng 2, Huỳnh 3, Phan 5, Võ 5, Hồ 4, Đặng 2, Bùi 1.5, "
        "Đỗ 1.5, Ngô 1.5, Dương 1, Đinh 1, Trương 1.5, Mai 1, Lương 0.5, Tôn 0.3, Thái 0.5, Cao 0.7, "
        "Châu 0.5, Đoàn 1, Văn 0.3"
    ),
    "nam": _w(
        "Nguyễn 39, Trần 11, Lê 9, Phạm 6, Huỳnh 6, Võ 5, Phan 4, Trương 2, Bùi 1.5, Đặng 1.5, Đỗ 1.5, "
        "Ngô 1.5, Hồ 1.5, Dương 1, Lý 1, Lâm 1, Đoàn 0.7, Châu 0.8, Tô 0.5, Mai 0.5, Cao 0.5, Lưu 0.4, "
        "Thái 0.5, Quách 0.3, La 0.3, Tăng 0.2"
    ),
}
_MALE_MIDDLE = {
    "bac": _w(
        "Văn 30, Đức 8, Minh 8, Quang 5, Hữu 4, Công 4, Xuân 4, Thanh 4, Ngọc 3, Duy 3, Đình 4, Trọng 3, "
        "Quốc 3, Mạnh 2, Tiến 2, Việt 2, Anh 2, Bá 1.5, Hồng 1.5, Thế 2"
    ),
    "trung": _w(
        "Văn 32, Đức 5, Minh 6, Quang 4, Hữu 4, Công 4, Xuân 3, Thanh 5, Ngọc 3, Duy 2, Đình 4, Trọng 2, "
        "Quốc 3, Tấn 3, Phước 2, Anh 2, Bá 1.5, Thế 1.5"
    ),
    "nam": _w(
        "Văn 36, Minh 7, Thanh 6, Hoàng 5, Quốc 4, Tấn 5, Phước 3, Hữu 4, Công 3, Ngọc 3, Trung 2, "
        "Hồng 2, Thành 2, Duy 2, Anh 2, Chí 2, Kim 1"
    ),
}
_FEMALE_MIDDLE = {
    "bac": _w(
        "Thị 55, Ngọc 5, Thu 5, Thanh 4, Kim 3, Hồng 3, Minh 3, Phương 3, Thùy 2, Bích 2, Mai 2, "
        "Diệu 1, Lan 1, Hoài 1, Khánh 1, Quỳnh 1, Thúy 1, Hải 1"
    ),
    "trung": _w(
        "Thị 60, Ngọc 5, Thu 4, Thanh 4, Kim 3, Hồng 3, Minh 2, Phương 2, Thùy 2, Bích 2, Mai 2, "
        "Diệu 1, Hoài 1, Quỳnh 1, Thúy 1"
    ),
    "nam": _w(
        "Thị 55, Ngọc 7, Thu 3, Thanh 5, Kim 5, Hồng 3, Minh 2, Phương 3, Thùy 2, Bích 2, Mỹ 3, "
        "Diễm 1, Hoài 1, Tuyết 1, Thúy 2, Cẩm 1"
    ),
}
# A second middle syllable ("Nguyễn Thị Thu Hà"); empty most of the time.
_SECOND_MIDDLE_F = _w("_ 80, Thu 4, Thanh 3, Ngọc 3, Minh 2, Hồng 2, Kim 2, Phương 2, Bích 1, Diệu 1")
_SECOND_MIDDLE_M = _w("_ 92, Minh 2, Quốc 2, Đức 1, Hoàng 1, Thanh 1, Ngọc 1")
_MALE_GIVEN = _w(
    "An, Anh, Bình, Cường, Dũng, Duy, Đạt, Đức, Giang, Hải, Hào, Hiếu, Hoàng, Hùng, Huy, Hưng, Khánh, "
    "Khoa, Kiên, Lâm, Long, Lộc, Minh, Nam, Nghĩa, Phong, Phúc, Quang, Quân, Sơn, Tài, Thắng, Thành, "
    "Thịnh, Toàn, Trung, Tuấn, Tùng, Việt, Vinh, Hòa, Tâm, Hiển, Chiến, Thuận, Thanh, Tiến, Tú, Trí, "
    "Bảo, Lợi, Tấn, Thọ, Hậu, Phát, Tuyên, Hiệp, Khải, Lực, Thủy"
)
_FEMALE_GIVEN = _w(
    "An, Anh, Chi, Dung, Diệp, Duyên, Giang, Hà, Hạnh, Hằng, Hiền, Hoa, Hương, Hường, Huyền, Lan, "
    "Liên, Linh, Loan, Mai, Minh, My, Nga, Ngân, Ngọc, Nhung, Oanh, Phương, Quyên, Quỳnh, Tâm, Thảo, "
    "Thanh, Thủy, Thúy, Trang, Trinh, Tuyết, Uyên, Vân, Xuân, Yến, Hòa, Nhàn, Lụa, Thắm, Hồng, Lý, "
    "Thoa, Thơm, Huệ, Nguyệt"
)
_EMPTY: Table = ([""], [1.0])


@dataclass(frozen=True)
class NameGroup:
    """One way of building names: an ethnic group (Kinh by region), a sex, and the three slots."""

    ethnicity: str
    region: str
    sex: str  # "nam" / "nu"
    slots: tuple[Table, Table, Table, Table]


def _kinh_like(ethnicity: str, region: str, family: Table, male_given: Table = _MALE_GIVEN,
               female_given: Table = _FEMALE_GIVEN) -> list[NameGroup]:  # fmt: skip
    return [
        NameGroup(ethnicity, region, "nam", (family, _MALE_MIDDLE[region], _SECOND_MIDDLE_M, male_given)),
        NameGroup(ethnicity, region, "nu", (family, _FEMALE_MIDDLE[region], _SECOND_MIDDLE_F, female_given)),
    ]


def _own(ethnicity: str, region: str, male: tuple[Table, Table, Table], female: tuple[Table, Table, Table]):
    return [
        NameGroup(ethnicity, region, "nam", (*male, _EMPTY)),
        NameGroup(ethnicity, region, "nu", (*female, _EMPTY)),
    ]


_EDE_GIVEN = _w(
    "Bhim, Hen, Blô, Kông, Djuan, Yam, Ngông, Khăm, Bliêng, Dhăm, Wai, Lim, Nghe, Mư, Jông, Điêng, Bun"
)
_EDE_FAMILY = _w("Niê 4, Mlô 3, Êban 2, Byă 2, Ayun 1, Adrơng 1, Êñuôl 1, Kbuôr 1, Buôn Yă 1, Hđơk 1")
_GIARAI_FAMILY = _w("Ksor 4, Rơ Châm 2, Siu 3, Rơ Mah 2, Kpă 2, Nay 2, Puih 1, Rơ Lan 1, Rah Lan 1")
_HMONG_FAMILY = _w("Giàng 4, Sùng 3, Vàng 3, Thào 3, Hờ 2, Mùa 2, Lầu 1, Hầu 1, Vừ 2, Lý 2, Cứ 1")
_KHMER_FAMILY = _w("Thạch 5, Sơn 4, Kim 3, Danh 4, Lâm 2, Châu 2, Trà 1, Lý 1, Dương 1, Huỳnh 1")
_KHMER_GIVEN_M = _plain(
    ["Sô Phanh", "Sóc Khêm", "Chanh Đa", "Pích", "Út", "Phol", "Sóc", "Sa Vươn", "Sà Rây", "Ra Ni", "Đa Ra",
     "Chanh Thu", "Sa Rát", "Rinh", "Sóc Kha"]
)  # fmt: skip
_KHMER_GIVEN_F = _plain(
    ["Sa Rươne", "Sa Ra", "Sà Rây", "Sóc Phia", "Mai", "Chanh Ny", "Sa Phol", "Ni Ta", "Kim Hoàng",
     "Thu Ra", "Sô Khan", "Pha Ly"]
)  # fmt: skip

GROUPS: tuple[NameGroup, ...] = tuple(
    [g for region in REGIONS for g in _kinh_like("Kinh", region, _KINH_FAMILY[region])]
    + _kinh_like("Tày", "bac", _w("Hoàng 4, Nông 4, Lương 2, Ma 2, Lục 1, Bế 2, Hà 2, Đàm 1, Lăng 1, Vi 1"))
    + _kinh_like("Nùng", "bac", _w("Hoàng 3, Nông 3, Lục 2, Lương 1, Vy 2, Chu 1, Mã 1, Lý 2, Triệu 1"))
    + _kinh_like(
        "Thái",
        "bac",
        _w("Lò 4, Cầm 3, Lường 3, Quàng 2, Tòng 2, Điêu 1, Vi 2, Hà 2, Lù 1, Sầm 1"),
        _w("Puôn, Hặc, Ơn, Pánh, Khiêm, Xuân, Thanh, Chiến, Thắng, Sương, Dũng, Inh"),
        _w("Chum, Ún, Xuân, Thanh, Hương, Mai, Phương, Lả, Chinh, Ngân"),
    )
    + _kinh_like("Mường", "bac", _w("Bùi 5, Đinh 4, Quách 2, Hà 2, Xa 1, Bạch 1"))
    + _own(
        "H'Mông",
        "bac",
        (
            _HMONG_FAMILY,
            _w("A 5, Seo 3, Mí 2, Chẩn 1, Văn 2"),
            _w("Páo, Dình, Chứ, Sử, Lử, Pà, Dế, Chống, Súa, Tủa, Chá, Lồng, Sính, Phử"),
        ),
        (_HMONG_FAMILY, _w("Thị 4, Mí 2"), _w("Mỷ, Dợ, Sua, Mai, Dung, Chờ, Pà, Súa, Máy, Sinh, Dính")),
    )
    + _own(
        "Dao",
        "bac",
        (
            _w("Triệu 4, Bàn 3, Đặng 2, Lý 2, Chảo 1, Phùng 1"),
            _w("Văn 3, Tài 2, Láo 1, Kim 1"),
            _w("Vình, Cao, Lở, Sinh, Phấu, Chòi, Mẩy, Nhất, Quẩy, Phin"),
        ),
        (
            _w("Triệu 4, Bàn 3, Đặng 2, Lý 2, Chảo 1"),
            _w("Thị 4, Mùi 1"),
            _w("Mẩy, Nhất, Sinh, Liên, Phương, Hoa, Chài"),
        ),
    )
    + _own(
        "Ê Đê",
        "trung",
        (_EMPTY, _plain(f"Y {g}" for g in _EDE_GIVEN[0]), _EDE_FAMILY),
        (_EMPTY, _plain(f"H'{g}" for g in _EDE_GIVEN[0]), _EDE_FAMILY),
    )
    + _own(
        "Gia Rai",
        "trung",
        (_GIARAI_FAMILY, _EMPTY, _w("Phước, Blêh, Yul, Kim, Dơk, Thoan, Hyưn, Thuấn, Huyên, Bươn")),
        (
            _GIARAI_FAMILY,
            _EMPTY,
            _plain(f"H'{g}" for g in _w("Lan, Bla, Nga, Juen, Khăp, Bơ, Ly, Mai, Ngân")[0]),
        ),
    )
    + _own(
        "Chăm",
        "nam",
        (
            _w("Đàng 3, Thành 2, Quảng 2, Châu 1, Thiên 1, Bá 1, Lộ 1, Trượng 1"),
            _w("Năng 2, Văn 2, Đại 2"),
            _w("Thọ, Tuyên, Sanh, Hải, Phú, Minh, Chiêm, Sa"),
        ),
        (
            _w("Đàng 3, Thành 2, Quảng 2, Châu 1, Thiên 1, Bá 1"),
            _w("Thị 4, Ngọc 1"),
            _w("Thu, Mỹ, Nữ, Hương, Thanh, Sen, Dung"),
        ),
    )
    + _own(
        "Khmer",
        "nam",
        (_KHMER_FAMILY, _w("_ 3, Văn 1"), _KHMER_GIVEN_M),
        (_KHMER_FAMILY, _w("Thị 3, _ 1"), _KHMER_GIVEN_F),
    )
    + _kinh_like("Hoa", "nam", _w("Lâm 3, Trương 2, Lưu 2, Quách 2, Mã 1, Hứa 1, Lý 2, Tăng 1, Diệp 1"))
)

# Share of each ethnic group among the cadres of a region (the rest are Kinh).
ETHNIC_SHARES: dict[str, dict[str, float]] = {
    "bac": {"Kinh": 84, "Tày": 5, "Thái": 3.5, "Mường": 3, "Nùng": 2, "H'Mông": 1.8, "Dao": 0.7},
    "trung": {"Kinh": 92, "Ê Đê": 3, "Gia Rai": 3, "Thái": 1, "Mường": 1},
    "nam": {"Kinh": 91, "Khmer": 6, "Hoa": 2, "Chăm": 1},
}


def _group_index(ethnicity: str, region: str, sex: str) -> int:
    for i, g in enumerate(GROUPS):
        if g.ethnicity == ethnicity and g.sex == sex and (g.region == region or g.ethnicity != "Kinh"):
            return i
    raise KeyError((ethnicity, region, sex))


def draw_ethnicity(rng: np.random.Generator, region: np.ndarray) -> pl.Series:
    """Ethnicity of each person, given the region index (into REGIONS) of their province."""
    tables = [(list(ETHNIC_SHARES[r]), list(ETHNIC_SHARES[r].values())) for r in REGIONS]
    return pick(rng, region, tables)


def draw_names(
    rng: np.random.Generator, region: np.ndarray, ethnicity: pl.Series, female: np.ndarray
) -> pl.Series:
    """Full names (NFC, single spaces) for people of the given region index, ethnicity and sex."""
    ethnic_names = sorted({g.ethnicity for g in GROUPS})
    lookup = np.array(
        [[[_group_index(e, r, s) for s in ("nam", "nu")] for r in REGIONS] for e in ethnic_names]
    )
    ethnic_idx = ethnicity.replace_strict(
        ethnic_names, range(len(ethnic_names)), return_dtype=pl.Int64
    ).to_numpy()
    group = lookup[ethnic_idx, region, female.astype(np.int64)]
    parts = [pick(rng, group, [g.slots[k] for g in GROUPS]) for k in range(4)]
    frame = pl.DataFrame({f"s{k}": p for k, p in enumerate(parts)})
    return frame.select(
        pl.concat_str([pl.col(f"s{k}").replace("_", "") for k in range(4)], separator=" ")
        .str.replace_all(" +", " ")
        .str.strip_chars()
        .alias("full_name")
    ).to_series()
