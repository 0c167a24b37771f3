"""The place a document is signed at ("Tiên Phong, ngày … tháng … năm …"): the locality of the unit the
institution belongs to, without its administrative prefix — the same for every document one institution
signs (recognition decisions, diplomas, certificates, reports)."""

import re

_PREFIX = re.compile(r"^(Tỉnh|Thành phố|Huyện|Quận|Thị xã|Xã|Phường|Đặc khu)\s+", re.IGNORECASE)


def document_place(parent_name: str, institution_name: str) -> str:
    """`parent_name` is the name of the institution's parent unit (its host commune, district or province)."""
    return _PREFIX.sub("", parent_name) if parent_name else institution_name
