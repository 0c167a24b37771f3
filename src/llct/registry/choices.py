"""Vocabularies of the registry. Values are the keys of the roster format; labels are what users read."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class Tier(models.TextChoices):
    CENTRAL = "trung_uong", _("Trung ương")
    PROVINCE = "tinh", _("Tỉnh")
    DISTRICT = "huyen", _("Huyện")
    COMMUNE = "xa", _("Xã")


class Sector(models.TextChoices):
    PARTY = "dang", _("Đảng")
    STATE = "chinh_quyen", _("Chính quyền")
    FRONT = "mat_tran_doan_the", _("Mặt trận - Đoàn thể")
    ARMY = "quan_doi", _("Quân đội")
    POLICE = "cong_an", _("Công an")
    ENTERPRISE = "doanh_nghiep", _("Doanh nghiệp")
    PUBLIC_SERVICE = "su_nghiep", _("Sự nghiệp")


class UnitKind(models.TextChoices):
    """What a unit is. The training-institution kinds are the ones the rules allocate training to."""

    PARTY_COMMITTEE = "dang_uy", _("Cấp ủy đảng")
    PARTY_BOARD = "ban_dang", _("Ban của cấp ủy")
    PEOPLES_COUNCIL = "hdnd", _("Hội đồng nhân dân")
    PEOPLES_COMMITTEE = "ubnd", _("Ủy ban nhân dân")
    DEPARTMENT = "so_phong", _("Sở, phòng, ban chuyên môn")
    FRONT_ORGANISATION = "mat_tran_doan_the", _("Mặt trận, đoàn thể")
    MILITARY = "quan_su", _("Cơ quan quân sự")
    POLICE = "cong_an", _("Cơ quan công an")
    ENTERPRISE = "doanh_nghiep", _("Doanh nghiệp")
    PUBLIC_SERVICE = "don_vi_su_nghiep", _("Đơn vị sự nghiệp")
    ADMINISTRATIVE = "dia_ban", _("Đơn vị hành chính")
    NATIONAL_ACADEMY = "hoc_vien_ctqg", _("Học viện Chính trị quốc gia Hồ Chí Minh")
    REGIONAL_ACADEMY = "hoc_vien_khu_vuc", _("Học viện Chính trị khu vực")
    PROVINCIAL_SCHOOL = "truong_chinh_tri_tinh", _("Trường Chính trị tỉnh, thành phố")
    DISTRICT_CENTRE = "trung_tam_chinh_tri_huyen", _("Trung tâm Chính trị cấp huyện")
    COMMUNE_CENTRE = "trung_tam_chinh_tri_xa", _("Trung tâm Chính trị cấp xã")


TRAINING_INSTITUTION_KINDS = frozenset(
    {
        UnitKind.NATIONAL_ACADEMY,
        UnitKind.REGIONAL_ACADEMY,
        UnitKind.PROVINCIAL_SCHOOL,
        UnitKind.DISTRICT_CENTRE,
        UnitKind.COMMUNE_CENTRE,
    }
)


class Sex(models.TextChoices):
    MALE = "nam", _("Nam")
    FEMALE = "nu", _("Nữ")


class PartyStatus(models.TextChoices):
    NONE = "", _("Không phải đảng viên")
    PROBATIONARY = "du_bi", _("Dự bị")
    FULL = "chinh_thuc", _("Chính thức")


class Education(models.TextChoices):
    """Highest general or academic education, in increasing order."""

    PRIMARY = "tieu_hoc", _("Tiểu học")
    LOWER_SECONDARY = "thcs", _("THCS")
    UPPER_SECONDARY = "thpt", _("THPT")
    VOCATIONAL = "trung_cap", _("Trung cấp")
    COLLEGE = "cao_dang", _("Cao đẳng")
    UNIVERSITY = "dai_hoc", _("Đại học")
    MASTER = "thac_si", _("Thạc sĩ")
    DOCTORATE = "tien_si", _("Tiến sĩ")


class TheoryLevel(models.TextChoices):
    """Political-theory level held, in increasing order."""

    NONE = "", _("Chưa qua đào tạo")
    SO_CAP = "so_cap", _("Sơ cấp")
    TRUNG_CAP = "trung_cap", _("Trung cấp")
    CAO_CAP = "cao_cap", _("Cao cấp")
    CU_NHAN = "cu_nhan", _("Cử nhân")


class TheoryProof(models.TextChoices):
    NONE = "", _("Chưa có")
    DIPLOMA = "bang", _("Bằng tốt nghiệp")
    EQUIVALENCE = "tuong_duong", _("Giấy xác nhận tương đương")


# Kết luận 09-KL/TW ended equivalence certificates; those issued before this date stay valid.
EQUIVALENCE_CERTIFICATES_END = datetime.date(2021, 7, 9)


class Rating(models.TextChoices):
    """Yearly performance rating (xếp loại chất lượng), best first."""

    EXCELLENT = "xuat_sac", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "tot", _("Hoàn thành tốt nhiệm vụ")
    DONE = "hoan_thanh", _("Hoàn thành nhiệm vụ")
    NOT_DONE = "khong_hoan_thanh", _("Không hoàn thành nhiệm vụ")
