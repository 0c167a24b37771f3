"""The assessment rules of QĐ 1147-QĐ/BTGDVTW as pure functions (no database), each naming its article.

Marks are Decimals on the 10-point scale. The mean of the two markers is kept to two decimals, rounding
half up (the decision is silent on rounding; two decimals lose nothing for marks given in halves or
quarters).
"""

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

from llct.training.choices import AppealOutcome, Band

QD1147 = "QĐ 1147-QĐ/BTGDVTW"

# Where each rule sits in QĐ 1147. Article 4 (the five programmes) is the one the domain reference names
# (REGULATIONS.md §6) and article 13 (lecturers' norm) the one the inspection issue names; for the other
# rules the reference gives the content as read in the text [T] but not the article, so "Điều ?" marks the
# gap — to be filled in here, in one place, once checked against the decision's text.
CLAUSES = {
    "programmes": "QĐ 1147 Điều 4",
    "attendance": "QĐ 1147 Điều ? (dự thi, viết bài thu hoạch: dự học ít nhất 80% số tiết)",
    "workload": "QĐ 1147 Điều 13",
    "min_learners": "QĐ 1147 Điều ? (mở lớp: ít nhất 25 học viên)",
    "two_markers": "QĐ 1147 Điều ? (đánh giá: một bài thu hoạch, hai giảng viên chấm, điểm trung bình)",
    "scale": "QĐ 1147 Điều ? (đánh giá: thang điểm 10)",
    "pass_mark": "QĐ 1147 Điều ? (đánh giá: đạt từ 5,0)",
    "bands": "QĐ 1147 Điều ? (xếp loại: 5/7/8/9)",
    "rewrite": "QĐ 1147 Điều ? (viết lại một lần trong 3 ngày)",
    "hand_in": "QĐ 1147 Điều ? (nộp điểm chậm nhất 3 ngày sau khi nhận bài)",
    "publish": "QĐ 1147 Điều ? (công bố điểm chậm nhất 3 ngày sau khi nộp)",
    "appeal": "QĐ 1147 Điều ? (phúc tra trong 2 ngày kể từ khi công bố)",
    "appeal_rule": "QĐ 1147 Điều ? (phúc tra: lệch ≥ 0,5 và < 2 thì đổi, ≥ 2 Giám đốc quyết định)",
    "rewards": "QĐ 1147 Điều ? (khen thưởng không quá 10% lớp)",
    "discipline": "QĐ 1147 Điều ? (kỷ luật: khiển trách, cảnh cáo, buộc thôi học hủy kết quả)",
}
PASS_MARK = Decimal("5.0")
BANDS = {"trung_binh": 5.0, "kha": 7.0, "gioi": 8.0, "xuat_sac": 9.0}
REWRITE_DAYS = 3  # one rewrite within 3 days
HAND_IN_DAYS = 3  # marks handed in ≤ 3 days after the essays are received
PUBLISH_DAYS = 3  # published ≤ 3 days after they are handed in
APPEAL_DAYS = 2  # appeal within 2 days of publication
APPEAL_MIN_DIFF = Decimal("0.5")  # change only if the difference is ≥ 0.5 …
APPEAL_DIRECTOR_DIFF = Decimal("2")  # … and < 2; ≥ 2 goes to the director
REWARD_SHARE = Decimal("0.10")  # rewards for at most 10% of a class


def two_marker_mean(first: Decimal, second: Decimal) -> Decimal:
    """The essay mark: the mean of the two markers' marks (QĐ 1147, assessment)."""
    for mark in (first, second):
        if not Decimal(0) <= mark <= Decimal(10):
            raise ValueError(mark)
    return ((first + second) / 2).quantize(Decimal("0.01"), ROUND_HALF_UP)


def passed(mark: Decimal, pass_mark: Decimal = PASS_MARK) -> bool:
    """Pass at ≥ 5.0 (QĐ 1147)."""
    return mark >= pass_mark


def band_for(mark: Decimal | None, bands: dict | None = None, pass_mark: Decimal = PASS_MARK) -> str:
    """Grade band: 5–<7 Trung bình, 7–<8 Khá, 8–<9 Giỏi, 9–10 Xuất sắc (QĐ 1147); below the pass mark
    "Không đạt"."""
    if mark is None:
        return ""
    if mark < pass_mark:
        return Band.FAIL
    thresholds = bands or BANDS
    found = Band.FAIL
    for band in (Band.AVERAGE, Band.FAIR, Band.GOOD, Band.EXCELLENT):
        if mark >= Decimal(str(thresholds[band.value])):
            found = band
    return found


def appeal_outcome(original: Decimal, remark: Decimal) -> tuple[str, Decimal | None]:
    """The appeal (phúc tra) rule of QĐ 1147: the mark changes to the re-mark only when the difference is
    ≥ 0.5 and < 2; under 0.5 it stays; 2 or more goes to the director (no mark yet)."""
    diff = abs(remark - original)
    if diff < APPEAL_MIN_DIFF:
        return AppealOutcome.UNCHANGED, original
    if diff < APPEAL_DIRECTOR_DIFF:
        return AppealOutcome.CHANGED, remark
    return AppealOutcome.DIRECTOR, None


def rewrite_due(published_on: dt.date) -> dt.date:
    """Last day to hand in the one rewrite of a failed essay: 3 days (QĐ 1147)."""
    return published_on + dt.timedelta(days=REWRITE_DAYS)


def appeal_due(published_on: dt.date) -> dt.date:
    """Last day to ask for an appeal: 2 days after publication (QĐ 1147)."""
    return published_on + dt.timedelta(days=APPEAL_DAYS)


def hand_in_due(received_on: dt.date) -> dt.date:
    """Marks are handed in at most 3 days after the essays are received (QĐ 1147)."""
    return received_on + dt.timedelta(days=HAND_IN_DAYS)


def publish_due(handed_in_on: dt.date) -> dt.date:
    """Marks are published at most 3 days after they are handed in (QĐ 1147)."""
    return handed_in_on + dt.timedelta(days=PUBLISH_DAYS)


def reward_cap(class_size: int) -> int:
    """At most 10% of a class may be rewarded (QĐ 1147), rounded down."""
    return math.floor(Decimal(class_size) * REWARD_SHARE)


def weighted_final(
    module_marks: list[Decimal], final: Decimal | None, final_weight: Decimal
) -> Decimal | None:
    """An LLCT-level course mark: (1 − w) × mean of module exams + w × final exam or thesis; either part
    alone when the other is absent. The weight is the programme's (a visible assumption, default 0.5)."""
    if not module_marks and final is None:
        return None
    if not module_marks:
        return final
    mean = sum(module_marks, Decimal(0)) / len(module_marks)
    value = mean if final is None else (1 - final_weight) * mean + final_weight * final
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)
