"""Place names for synthetic units: provinces by region with their citizen-ID codes, communes, departments."""

from __future__ import annotations

# Provinces (centrally-run cities left out, so that "tỉnh X" reads right): (name, region, the 3-digit
# province code that opens a citizen ID — Thông tư 59/2021/TT-BCA).
PROVINCES: tuple[tuple[str, str, str], ...] = (
    ("Cao Bằng", "bac", "004"),
    ("Tuyên Quang", "bac", "008"),
    ("Lào Cai", "bac", "010"),
    ("Điện Biên", "bac", "011"),
    ("Lai Châu", "bac", "012"),
    ("Sơn La", "bac", "014"),
    ("Thái Nguyên", "bac", "019"),
    ("Lạng Sơn", "bac", "020"),
    ("Quảng Ninh", "bac", "022"),
    ("Bắc Ninh", "bac", "024"),
    ("Phú Thọ", "bac", "025"),
    ("Hưng Yên", "bac", "033"),
    ("Ninh Bình", "bac", "037"),
    ("Thanh Hóa", "trung", "038"),
    ("Nghệ An", "trung", "040"),
    ("Hà Tĩnh", "trung", "042"),
    ("Quảng Trị", "trung", "045"),
    ("Quảng Ngãi", "trung", "051"),
    ("Gia Lai", "trung", "052"),
    ("Khánh Hòa", "trung", "056"),
    ("Đắk Lắk", "trung", "066"),
    ("Lâm Đồng", "trung", "068"),
    ("Đồng Nai", "nam", "075"),
    ("Tây Ninh", "nam", "072"),
    ("Đồng Tháp", "nam", "087"),
    ("Vĩnh Long", "nam", "086"),
    ("An Giang", "nam", "089"),
    ("Cà Mau", "nam", "096"),
)

# Common commune and district names (many occur in several provinces).
_LOCALITY_TEXT = (
    "Tân Phú, Hòa Bình, Đông Sơn, Tân Lập, Quang Trung, Phú Mỹ, An Khánh, Hưng Đạo, Thạch Bàn, "
    "Yên Bình, Tân Thành, Phú Lộc, Vĩnh Hưng, Nghĩa Trung, Hòa An, Xuân Lộc, Bình Minh, Thanh Sơn, "
    "Kim Long, Tam Hiệp, Đồng Tâm, Minh Khai, Trung Hòa, Phước Long, Long Hưng, Tân Hiệp, Mỹ Thuận, "
    "Bình Thạnh, Cẩm Phả, Hải An, Nam Sách, Đại Đồng, Tiên Lãng, Phúc Thọ, Thuận Thành, Quế Võ, "
    "Lương Sơn, Kỳ Anh, Đức Thọ, Hương Trà, Duy Xuyên, Sơn Tịnh, Cư M'gar, Krông Pắc, Ea Kar, "
    "Buôn Đôn, Ia Grai, Chư Sê, Tri Tôn, Tịnh Biên, Châu Thành, Cái Nước, Trần Văn Thời, U Minh, "
    "Vị Thủy, Phong Điền, Cờ Đỏ, Mường Khương, Bát Xát, Đồng Văn, Mèo Vạc, Trùng Khánh, Bảo Lạc, "
    "Võ Nhai, Định Hóa, Chợ Mới, Na Rì, Mộc Châu, Thuận Châu"
)
LOCALITIES: tuple[str, ...] = tuple(name.strip() for name in _LOCALITY_TEXT.split(","))

# Specialised divisions (phòng) of a district People's Committee and departments (sở) of a province.
DISTRICT_DIVISIONS: tuple[str, ...] = (
    "Nội vụ",
    "Tài chính - Kế hoạch",
    "Tư pháp",
    "Văn hóa và Thông tin",
    "Kinh tế",
    "Tài nguyên và Môi trường",
    "Lao động - Thương binh và Xã hội",
    "Giáo dục và Đào tạo",
    "Y tế",
)
PROVINCE_DEPARTMENTS: tuple[str, ...] = (
    "Nội vụ",
    "Tài chính",
    "Tư pháp",
    "Xây dựng",
    "Công Thương",
    "Nông nghiệp và Môi trường",
    "Giáo dục và Đào tạo",
    "Y tế",
    "Khoa học và Công nghệ",
    "Văn hóa, Thể thao và Du lịch",
    "Dân tộc và Tôn giáo",
)
